"""The verifying retriever as an agent tool, driven by ``langchain.agents.create_agent`` and a fake chat model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from conftest import make_tiny_verifier
from langchain_core.documents import Document
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, ToolMessage
from langchain_core.runnables import RunnableLambda
from langchain_core.tools import create_retriever_tool

from langchain_verify import VerifyingRetriever

QUERY = "Does the Licensee indemnify the Licensor?"
TEXTS = [
    "The Licensee shall indemnify the Licensor against third-party claims.",
    "The Licensor shall indemnify the Licensee against third-party claims.",
    "Either party may terminate this Agreement with thirty days written notice.",
]


class ToolCallingFakeModel(GenericFakeChatModel):
    """Replays scripted messages; ``bind_tools`` is a no-op so ``create_agent`` accepts it."""

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> ToolCallingFakeModel:
        return self


def scripted_model() -> ToolCallingFakeModel:
    call = {"name": "search_contracts", "args": {"query": QUERY}, "id": "call-1", "type": "tool_call"}
    return ToolCallingFakeModel(messages=iter([AIMessage(content="", tool_calls=[call]), AIMessage(content="Done.")]))


@pytest.fixture
def retriever() -> VerifyingRetriever:
    documents = [Document(page_content=text, id=f"c{i}") for i, text in enumerate(TEXTS)]
    base = RunnableLambda(lambda query: documents, name="recall")
    return VerifyingRetriever(base_retriever=base, verifier=make_tiny_verifier(), k=2, score_threshold=None)


def expected_content(retriever: VerifyingRetriever) -> str:
    return "\n\n".join(doc.page_content for doc in retriever.invoke(QUERY))


def test_tool_takes_the_query_string(retriever) -> None:
    tool = create_retriever_tool(retriever, "search_contracts", "Search contract clauses.")
    assert tool.invoke({"query": QUERY}) == expected_content(retriever)
    assert tool.invoke(QUERY) == expected_content(retriever)


@pytest.mark.parametrize("use_async", [False, True])
async def test_agent_calls_the_verifying_tool(retriever, use_async) -> None:
    agents = pytest.importorskip("langchain.agents")
    tool = create_retriever_tool(retriever, "search_contracts", "Search contract clauses; verified.")
    agent = agents.create_agent(scripted_model(), tools=[tool])
    request = {"messages": [("user", QUERY)]}
    state = await agent.ainvoke(request) if use_async else agent.invoke(request)
    (tool_message,) = [m for m in state["messages"] if isinstance(m, ToolMessage)]
    assert tool_message.name == "search_contracts"
    assert tool_message.content == expected_content(retriever)
    assert state["messages"][-1].content == "Done."
