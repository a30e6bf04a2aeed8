"""A LlamaIndex ``FunctionAgent`` whose retrieval tool only returns verified clauses, offline.

The tool is a ``RetrieverTool`` over ``VerifyingRetriever``: dense recall of 10, at most 2 verified nodes.
The LLM here is a scripted stand-in (``one_tool_call_llm``) that calls the tool once and answers with its
output, so the example runs without an API key; for real use pass any function-calling LLM instead, e.g.
``FunctionAgent(tools=[tool], llm=OpenAI(model=...))``. Run: ``python examples/llamaindex_agent.py [question]``.
"""

from __future__ import annotations

import asyncio
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from llama_index.core.agent.workflow import FunctionAgent  # noqa: E402
from llama_index.core.tools import RetrieverTool  # noqa: E402

from llamaindex_demo_index import build_index  # noqa: E402
from llamaindex_verify import VerifyingRetriever  # noqa: E402
from llamaindex_verify.testing import one_tool_call_llm  # noqa: E402

DEFAULT_QUESTION = "The Licensee shall indemnify the Licensor."


async def main(question: str) -> None:
    index = build_index()
    retriever = VerifyingRetriever(index.as_retriever(similarity_top_k=10), similarity_top_k=2)
    tool = RetrieverTool.from_defaults(
        retriever, name="contract_clauses", description="Returns only clauses that state what the question asks."
    )
    agent = FunctionAgent(tools=[tool], llm=one_tool_call_llm(tool.metadata.name), streaming=False)
    response = await agent.run(user_msg=question)
    for call in response.tool_calls:
        kept = ", ".join(f"{n.node.node_id} ({n.score:.2f})" for n in call.tool_output.raw_output) or "nothing verified"
        print(f"tool {call.tool_name}({call.tool_kwargs}) -> {kept}")
    print(f"answer: {response}")


if __name__ == "__main__":
    asyncio.run(main(" ".join(sys.argv[1:]) or DEFAULT_QUESTION))
