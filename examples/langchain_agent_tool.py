"""The verifying retriever as an agent tool, wired with ``langchain.agents.create_agent``, offline.

Run: python examples/langchain_agent_tool.py
A scripted fake chat model stands in for a real one: it calls the search tool with the user's
question, then answers. Swap in any tool-calling chat model (e.g. ``init_chat_model(...)``) to use it
for real; the tool wiring is the same. The same agent runs once with a dense tool and once with the
verifying tool, and the tool output each returned is printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain.agents import create_agent
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, ToolMessage
from langchain_core.retrievers import BaseRetriever
from langchain_core.tools import BaseTool, create_retriever_tool
from langchain_demo import demo_store

from langchain_verify import VerifyingRetriever

QUESTION = "The Buyer shall pay the Seller within 30 days."
TOOL_NAME = "search_contracts"


class ScriptedChatModel(GenericFakeChatModel):
    """Replays fixed messages; accepts tools so ``create_agent`` can bind them."""

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> ScriptedChatModel:
        return self


def scripted_model(question: str) -> ScriptedChatModel:
    call = {"name": TOOL_NAME, "args": {"query": question}, "id": "call-1", "type": "tool_call"}
    return ScriptedChatModel(messages=iter([AIMessage(content="", tool_calls=[call]), AIMessage(content="(answer)")]))


def search_tool(retriever: BaseRetriever) -> BaseTool:
    return create_retriever_tool(
        retriever,
        TOOL_NAME,
        "Search contract and policy clauses. Input: the question or claim to check, as a sentence.",
    )


def tool_output(retriever: BaseRetriever, question: str) -> str:
    agent = create_agent(scripted_model(question), tools=[search_tool(retriever)])
    state = agent.invoke({"messages": [("user", question)]})
    (message,) = [m for m in state["messages"] if isinstance(m, ToolMessage)]
    return message.content or "(the tool returned nothing: no clause states this)"


def main() -> None:
    store = demo_store()
    dense = store.as_retriever(search_kwargs={"k": 2})
    verified = VerifyingRetriever.from_vectorstore(store, fetch_k=10, k=2)
    print(f"Q: {QUESTION}")
    for label, retriever in (("dense tool", dense), ("verified tool", verified)):
        print(f"\n{label} returned:\n{tool_output(retriever, QUESTION)}")


if __name__ == "__main__":
    main()
