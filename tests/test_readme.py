"""The README's Python examples run as written and print what the README says they print."""

import contextlib
import io
import re
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
# a python block, optionally followed by "prints" and the block of its expected output
BLOCKS = re.findall(r"```python\n(.*?)```(?:\n\nprints\n\n```\n(.*?)```)?", README, re.DOTALL)


def test_the_readme_has_the_quick_starts():
    sources = [code for code, _ in BLOCKS]
    assert any("langchain_verify" in code for code in sources)
    assert any("llamaindex_verify" in code for code in sources)
    assert any("from shared import Verifier" in code for code in sources)


@pytest.mark.parametrize("code, expected", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example_runs_and_prints_what_it_says(code, expected):
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    if expected:
        assert printed.getvalue().strip() == expected.strip()
