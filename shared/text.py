"""Input validation, query normalisation and number words, shared by every entry point."""

from __future__ import annotations

import ast
import re
from typing import Sequence

# LlamaIndex's RetrieverTool sends "\n<arg> is <value>\n" (a leading newline, then "input is <q>"), and
# QueryEngineTool may send str(kwargs) ("{'input': '<q>'}"). Token-level scoring would otherwise try to
# match "input is". Only these exact shapes are unwrapped, so "Input is required ..." stays a question.
_TOOL_CALL = re.compile(r"^[ \t]*\n\s*(?:input|query|question)\s+is\s+(?P<query>.*?)\s*$", re.IGNORECASE | re.DOTALL)
_KWARG_KEYS = ("input", "query", "question")
#: Number words and their values: "three weeks" and "3 weeks" say the same, "six weeks" does not.
NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}


def _unwrap_kwargs(text: str) -> str | None:
    if not (text.startswith("{") and text.endswith("}")):
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    if isinstance(value, dict):
        for key in _KWARG_KEYS:
            if isinstance(value.get(key), str):
                return value[key]
    return None


def normalize_query(query: object) -> str:
    """Return the query a user meant, stripped of tool-call wrappers and surrounding whitespace.

    Raises ``TypeError`` for non-strings and ``ValueError`` for empty queries, because a verifier score
    against nothing would be meaningless and silently accepting it hides bugs in the caller.
    """
    if not isinstance(query, str):
        raise TypeError(f"query must be a str, got {type(query).__name__}; pass the question text.")
    match = _TOOL_CALL.match(query)
    text = match.group("query") if match else query.strip()
    text = (_unwrap_kwargs(text) or text).strip()
    if not text:
        raise ValueError("query is empty or whitespace; pass the question or claim to verify against.")
    return text


def check_passages(passages: Sequence[object]) -> list[str]:
    """Validate a passage list up front so errors name the offending item instead of surfacing in torch."""
    if isinstance(passages, str):
        raise TypeError("passages must be a list of strings, not a single string; wrap it: [passage].")
    checked = []
    for position, passage in enumerate(passages):
        if not isinstance(passage, str):
            raise TypeError(
                f"passages[{position}] is {type(passage).__name__}, expected str; "
                "pass the text (e.g. document.page_content or node.get_content())."
            )
        checked.append(passage)
    return checked
