"""The adapter inside LlamaIndex's own machinery: query engines, tools, an agent, and concurrent async use.

Plumbing only: the tiny random verifier with ``score_threshold=None`` (rerank, no filtering), so results are
checked against the verifier's own scores. Dense recall uses the real MiniLM through ``MiniLMEmbedding``.
"""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from llama_index.core import Settings, VectorStoreIndex
from llama_index.core.agent.workflow import FunctionAgent
from llama_index.core.llms import MockLLM
from llama_index.core.query_engine import RetrieverQueryEngine
from llama_index.core.schema import MetadataMode, TextNode
from llama_index.core.tools import QueryEngineTool, RetrieverTool

from conftest import make_tiny_verifier
from llamaindex_verify import RETRIEVAL_SCORE_KEY, MiniLMEmbedding, VerifierPostprocessor, VerifyingRetriever
from llamaindex_verify.testing import one_tool_call_llm

CLAUSES = [
    "The Licensee indemnifies the Licensor against third-party claims.",
    "The Licensor indemnifies the Licensee against third-party claims.",
    "Payment is due within thirty days of the invoice date.",
    "Either party may terminate this agreement with ninety days' written notice.",
    "The Supplier warrants that the goods are free from defects.",
    "Confidential information must not be disclosed to third parties.",
]
QUERY = "Who indemnifies the Licensor against third-party claims?"


@pytest.fixture(scope="module", autouse=True)
def offline_llm():
    """Anything that forgets ``llm=`` gets the mock, never an OpenAI default."""
    previous = Settings._llm
    Settings.llm = MockLLM()
    yield
    Settings._llm = previous


@pytest.fixture(scope="module")
def index() -> VectorStoreIndex:
    nodes = [TextNode(id_=f"c{i}", text=text, metadata={"clause": i}) for i, text in enumerate(CLAUSES)]
    return VectorStoreIndex(nodes, embed_model=MiniLMEmbedding())


def expected_ids(verifier, query: str, top_n: int) -> list[str]:
    """What verified retrieval must return: every clause recalled, ranked by the verifier alone."""
    ranked = verifier.rank(query, CLAUSES, top_n=top_n, threshold=None)
    return [f"c{i}" for i, _ in ranked]


def ids(nodes) -> list[str]:
    return [n.node.node_id for n in nodes]


def test_query_engine_query(index, tiny_verifier) -> None:
    post = VerifierPostprocessor(tiny_verifier, top_n=2, score_threshold=None)
    engine = index.as_query_engine(similarity_top_k=len(CLAUSES), node_postprocessors=[post], llm=MockLLM())
    response = engine.query(QUERY)
    assert ids(response.source_nodes) == expected_ids(tiny_verifier, QUERY, 2)
    assert all(RETRIEVAL_SCORE_KEY in n.node.metadata for n in response.source_nodes)


async def test_query_engine_aquery(index, tiny_verifier) -> None:
    post = VerifierPostprocessor(tiny_verifier, top_n=2, score_threshold=None)
    engine = index.as_query_engine(similarity_top_k=len(CLAUSES), node_postprocessors=[post], llm=MockLLM())
    response = await engine.aquery(QUERY)
    assert ids(response.source_nodes) == expected_ids(tiny_verifier, QUERY, 2)


async def test_retriever_query_engine_over_verifying_retriever(index, tiny_verifier) -> None:
    retriever = VerifyingRetriever(
        index.as_retriever(similarity_top_k=len(CLAUSES)), tiny_verifier, similarity_top_k=3, score_threshold=None
    )
    engine = RetrieverQueryEngine.from_args(retriever, llm=MockLLM())
    assert ids(engine.query(QUERY).source_nodes) == expected_ids(tiny_verifier, QUERY, 3)
    assert ids((await engine.aquery(QUERY)).source_nodes) == expected_ids(tiny_verifier, QUERY, 3)


async def test_retriever_tool_call_and_acall(index, tiny_verifier) -> None:
    retriever = VerifyingRetriever(
        index.as_retriever(similarity_top_k=len(CLAUSES)), tiny_verifier, similarity_top_k=2, score_threshold=None
    )
    tool = RetrieverTool.from_defaults(retriever, name="contract_clauses")
    expected = expected_ids(tiny_verifier, QUERY, 2)  # the "\ninput is ...\n" wrapper must not change scores
    output = tool.call(input=QUERY)
    assert ids(output.raw_output) == expected
    assert output.content == "".join(n.node.get_content(MetadataMode.LLM) + "\n\n" for n in output.raw_output)
    assert RETRIEVAL_SCORE_KEY not in output.content
    assert ids((await tool.acall(input=QUERY)).raw_output) == expected


def test_retriever_tool_with_postprocessor(index, tiny_verifier) -> None:
    post = VerifierPostprocessor(tiny_verifier, top_n=2, score_threshold=None)
    tool = RetrieverTool.from_defaults(index.as_retriever(similarity_top_k=len(CLAUSES)), node_postprocessors=[post])
    assert ids(tool.call(input=QUERY).raw_output) == expected_ids(tiny_verifier, QUERY, 2)


async def test_query_engine_tool(index, tiny_verifier) -> None:
    post = VerifierPostprocessor(tiny_verifier, top_n=2, score_threshold=None)
    engine = index.as_query_engine(similarity_top_k=len(CLAUSES), node_postprocessors=[post], llm=MockLLM())
    tool = QueryEngineTool.from_defaults(engine, name="contracts", description="Answers questions about the contract.")
    expected = expected_ids(tiny_verifier, QUERY, 2)
    assert ids(tool.call(input=QUERY).raw_output.source_nodes) == expected
    assert ids((await tool.acall(input=QUERY)).raw_output.source_nodes) == expected


async def test_function_agent_calls_the_verified_tool(index, tiny_verifier) -> None:
    retriever = VerifyingRetriever(
        index.as_retriever(similarity_top_k=len(CLAUSES)), tiny_verifier, similarity_top_k=1, score_threshold=None
    )
    tool = RetrieverTool.from_defaults(retriever, name="contract_clauses", description="Looks up contract clauses.")
    agent = FunctionAgent(tools=[tool], llm=one_tool_call_llm("contract_clauses"), streaming=False)
    response = await agent.run(user_msg=QUERY)
    (call,) = response.tool_calls
    assert call.tool_name == "contract_clauses" and call.tool_kwargs == {"input": QUERY}
    (best,) = expected_ids(tiny_verifier, QUERY, 1)
    assert ids(call.tool_output.raw_output) == [best]
    assert CLAUSES[int(best[1:])] in str(response)


async def test_fifty_concurrent_aqueries_keep_the_loop_free(index) -> None:
    verifier = make_tiny_verifier()
    loop_thread = threading.get_ident()
    scoring_threads: set[int] = set()
    verify = verifier.verify

    def recording_verify(*args, **kwargs):
        scoring_threads.add(threading.get_ident())
        return verify(*args, **kwargs)

    verifier.verify = recording_verify  # type: ignore[method-assign]
    post = VerifierPostprocessor(verifier, top_n=2, score_threshold=None)
    engine = index.as_query_engine(similarity_top_k=len(CLAUSES), node_postprocessors=[post], llm=MockLLM())
    queries = [f"Clause {i}: {CLAUSES[i % len(CLAUSES)]}" for i in range(50)]
    expected = {q: expected_ids(verifier, q, 2) for q in queries}
    scoring_threads.clear()

    ticks: list[float] = []
    done = asyncio.Event()

    async def heartbeat() -> None:
        while not done.is_set():
            ticks.append(time.perf_counter())
            await asyncio.sleep(0.005)

    beat = asyncio.create_task(heartbeat())
    started = time.perf_counter()
    responses = await asyncio.gather(*(engine.aquery(q) for q in queries))
    elapsed = time.perf_counter() - started
    done.set()
    await beat

    assert {q: ids(r.source_nodes) for q, r in zip(queries, responses)} == expected
    assert loop_thread not in scoring_threads and scoring_threads, "verifier ran on the event loop"
    # The loop kept turning while the queries ran; how often depends on the machine's load, so no timing bound.
    assert len(ticks) > 1, (len(ticks), elapsed)


async def test_minilm_embedding_is_normalised_and_async_matches_sync() -> None:
    embedding = MiniLMEmbedding()
    texts = CLAUSES[:3]
    sync_vectors = embedding.get_text_embedding_batch(texts)
    assert len(sync_vectors) == 3 and all(len(v) == 384 for v in sync_vectors)
    assert sum(x * x for x in sync_vectors[0]) == pytest.approx(1.0, abs=1e-4)
    async_vectors = await embedding.aget_text_embedding_batch(texts)
    assert [v == pytest.approx(w, abs=1e-5) for v, w in zip(async_vectors, sync_vectors)] == [True] * 3
    assert await embedding.aget_query_embedding(QUERY) == pytest.approx(embedding.get_query_embedding(QUERY), abs=1e-5)
    assert embedding.to_dict()["model_name"] == "sentence-transformers/all-MiniLM-L6-v2"
