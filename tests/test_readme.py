"""The README's Python examples run as written and print what the README says they print."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# a python block, optionally followed by "prints" and the block of its expected output
BLOCKS = re.findall(r"```python\n(.*?)```(?:\n\nprints\n\n```\n(.*?)```)?", README, re.DOTALL)


def test_the_readme_has_the_quick_starts():
    sources = [code for code, _ in BLOCKS]
    assert any("langchain_verify" in code for code in sources)
    assert any("llamaindex_verify" in code for code in sources)
    assert any("from shared import Verifier" in code for code in sources)


@pytest.mark.parametrize("code, expected", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example_runs_and_prints_what_it_says(code, expected, tmp_path):
    """Each block runs in a fresh interpreter, as a user would paste it (no state shared with other tests)."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    if expected:
        assert result.stdout.strip() == expected.strip()
