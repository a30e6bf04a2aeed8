import pytest

from shared.text import check_passages, normalize_query


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("  Who pays the invoice? ", "Who pays the invoice?"),
        ("\ninput is Who pays the invoice?\n", "Who pays the invoice?"),
        ("\ninput is Who pays?, top_k is 3\n", "Who pays?, top_k is 3"),
        ("{'input': 'termination notice'}", "termination notice"),
        ("\nInput is key\n", "key"),
    ],
)
def test_normalize_query_strips_tool_wrappers(raw, expected):
    assert normalize_query(raw) == expected


@pytest.mark.parametrize("text", ["input voltage range of the pump", "Input is required before the valve opens", "{a, b}"])
def test_normalize_query_keeps_ordinary_text(text):
    assert normalize_query(text) == text


@pytest.mark.parametrize("raw", ["", "   ", "\n\t", "\ninput is \n"])
def test_empty_query_is_a_clear_value_error(raw):
    with pytest.raises(ValueError, match="empty"):
        normalize_query(raw)


def test_non_string_query_is_a_type_error():
    with pytest.raises(TypeError, match="str"):
        normalize_query(None)


def test_check_passages_names_the_bad_item():
    with pytest.raises(TypeError, match=r"passages\[1\]"):
        check_passages(["ok", 3])
    with pytest.raises(TypeError, match="single string"):
        check_passages("a passage")
    assert check_passages(("a", "")) == ["a", ""]
