"""LangChain's standard suites for ``VerifyingRetriever`` and its retriever tool (plumbing: tiny verifier)."""

from __future__ import annotations

from typing import Any

from conftest import make_tiny_verifier
from langchain_core.documents import Document
from langchain_core.embeddings import DeterministicFakeEmbedding
from langchain_core.retrievers import BaseRetriever
from langchain_core.tools import BaseTool, create_retriever_tool
from langchain_core.vectorstores import InMemoryVectorStore
from langchain_tests.integration_tests import RetrieversIntegrationTests, ToolsIntegrationTests
from langchain_tests.unit_tests import ToolsUnitTests

from langchain_verify import VerifyingRetriever

CLAUSES = [
    "The Licensee shall indemnify the Licensor against third-party claims.",
    "The Licensor shall indemnify the Licensee against third-party claims.",
    "Either party may terminate this Agreement with thirty days written notice.",
    "The Licensee may not sublicense the Software without prior written consent.",
    "Payments are due within forty-five days of the invoice date.",
    "Confidential information must be returned or destroyed upon termination.",
]
VERIFIER = make_tiny_verifier()


def base_retriever() -> BaseRetriever:
    """A vector-store retriever that accepts ``k``, like the ones users wrap."""
    store = InMemoryVectorStore(DeterministicFakeEmbedding(size=16))
    store.add_documents([Document(page_content=text, id=f"c{i}") for i, text in enumerate(CLAUSES)])
    return store.as_retriever()


def verifying_retriever() -> VerifyingRetriever:
    # No threshold: the tiny random verifier's scores mean nothing; these suites test counts and types.
    return VerifyingRetriever(base_retriever=base_retriever(), verifier=VERIFIER, fetch_k=6, score_threshold=None)


class TestVerifyingRetrieverStandard(RetrieversIntegrationTests):
    @property
    def retriever_constructor(self) -> type[VerifyingRetriever]:
        return VerifyingRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        return {"base_retriever": base_retriever(), "verifier": VERIFIER, "fetch_k": 6, "score_threshold": None}

    @property
    def retriever_query_example(self) -> str:
        return "Who indemnifies the Licensor?"


TOOL_ARGS = {"query": "Who indemnifies the Licensor?"}


def verifying_tool() -> BaseTool:
    return create_retriever_tool(verifying_retriever(), "search_contracts", "Search contract clauses; verified.")


class TestVerifyingToolUnit(ToolsUnitTests):
    @property
    def tool_constructor(self) -> BaseTool:
        return verifying_tool()

    @property
    def tool_invoke_params_example(self) -> dict[str, Any]:
        return TOOL_ARGS


class TestVerifyingToolIntegration(ToolsIntegrationTests):
    @property
    def tool_constructor(self) -> BaseTool:
        return verifying_tool()

    @property
    def tool_invoke_params_example(self) -> dict[str, Any]:
        return TOOL_ARGS
