"""Input validation and query normalisation shared by every entry point."""

from __future__ import annotations

import re
from typing import Sequence

# LlamaIndex's RetrieverTool/QueryEngineTool call the retriever with "\ninput is <q>\n"; agent frameworks
# also send {"input": ...}-style strings. Token-level scoring would otherwise try to match "input is".
_TOOL_WRAPPER = re.compile(r"^\s*(?:input|query)\s*(?:is|=|:)\s*(?P<query>.+?)\s*$", re.IGNORECASE | re.DOTALL)


def normalize_query(query: object) -> str:
    """Return the query a user meant, stripped of tool-call wrappers and surrounding whitespace.

    Raises ``TypeError`` for non-strings and ``ValueError`` for empty queries, because a verifier score
    against nothing would be meaningless and silently accepting it hides bugs in the caller.
    """
    if not isinstance(query, str):
        raise TypeError(f"query must be a str, got {type(query).__name__}; pass the question text.")
    text = query.strip()
    match = _TOOL_WRAPPER.match(text)
    if match:
        text = match.group("query").strip()
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
