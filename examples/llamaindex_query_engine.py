"""Verified retrieval in a LlamaIndex query engine over Chroma, offline.

Dense recall (MiniLM, top 10) often ranks a clause's near-miss twin first; the verifier postprocessor
drops what the text does not actually say. Run: ``python examples/llamaindex_query_engine.py [question ...]``.
The LLM is ``MockLLM`` so the example needs no API key; swap in any LlamaIndex LLM for real answers.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from llama_index.core.llms import MockLLM  # noqa: E402

from llamaindex_demo_index import build_index, load_questions  # noqa: E402
from llamaindex_verify import VerifierPostprocessor  # noqa: E402


def main(questions: list[str]) -> None:
    index = build_index()
    dense = index.as_retriever(similarity_top_k=1)
    engine = index.as_query_engine(
        similarity_top_k=10, node_postprocessors=[VerifierPostprocessor(top_n=3)], llm=MockLLM()
    )
    for question in questions:
        (top,) = dense.retrieve(question)
        response = engine.query(question)
        print(f"Q: {question}")
        print(f"   dense top-1: {top.node.node_id} ({top.score:.2f})")
        verified = ", ".join(f"{n.node.node_id} ({n.score:.2f})" for n in response.source_nodes) or "nothing verified"
        print(f"   verified:    {verified}")


if __name__ == "__main__":
    main(sys.argv[1:] or load_questions())
