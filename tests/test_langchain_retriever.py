"""``VerifyingRetriever`` plumbing with the tiny verifier: options, result documents, traces, bad bases."""

from __future__ import annotations

import copy
import threading
from typing import Any
from uuid import UUID

import pytest
from conftest import make_tiny_verifier
from langchain_core.callbacks import BaseCallbackHandler, CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import DeterministicFakeEmbedding
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import RunnableLambda
from langchain_core.vectorstores import InMemoryVectorStore

from langchain_verify import FIRST_STAGE_KEY, VERDICT_KEY, VerifyingRetriever
from shared import Verifier

from conftest import CLAUSE_QUERY as QUERY
from conftest import CLAUSE_TEXTS as TEXTS



class ListRetriever(BaseRetriever):
    """Returns its documents in order, recording the keywords each call received."""

    documents: list[Document]
    k: int = 2
    calls: list[dict[str, Any]] = []

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, k: int | None = None
    ) -> list[Document]:
        self.calls.append({"k": k})
        return self.documents[: k or self.k]


class RunRecorder(BaseCallbackHandler):
    """Records every run start/end with its parent, so tests can check the trace shape."""

    def __init__(self) -> None:
        self.runs: dict[UUID, dict[str, Any]] = {}

    def on_retriever_start(self, serialized, query, *, run_id, parent_run_id=None, tags=None, **kwargs) -> None:
        self.runs[run_id] = {"name": kwargs.get("name"), "parent": parent_run_id, "tags": tags or []}

    def on_chain_start(self, serialized, inputs, *, run_id, parent_run_id=None, tags=None, **kwargs) -> None:
        self.runs[run_id] = {"name": kwargs.get("name"), "parent": parent_run_id, "tags": tags or [], "inputs": inputs}

    def on_chain_end(self, outputs, *, run_id, **kwargs) -> None:
        self.runs[run_id]["outputs"] = outputs

    def named(self, name: str) -> dict[str, Any]:
        (run,) = [run for run in self.runs.values() if run["name"] == name]
        return run


@pytest.fixture
def documents() -> list[Document]:
    return [
        Document(page_content=text, id=f"doc-{i}", metadata={"source": "contract.pdf", "page": i, "tags": ["x"]})
        for i, text in enumerate(TEXTS)
    ]


def make_retriever(base, verifier=None, **kwargs) -> VerifyingRetriever:
    return VerifyingRetriever(base_retriever=base, verifier=verifier or make_tiny_verifier(), **kwargs)


def test_results_are_verified_copies_in_the_verifiers_order(documents, tiny_verifier) -> None:
    original = copy.deepcopy(documents)
    retriever = make_retriever(ListRetriever(documents=documents, k=5), tiny_verifier, k=5, score_threshold=None)
    results = retriever.invoke(QUERY)
    assert documents == original
    ranked = tiny_verifier.rank(QUERY, TEXTS, threshold=None)
    assert [doc.id for doc in results] == [documents[i].id for i, _ in ranked]
    assert [doc.metadata["relevance_score"] for doc in results] == pytest.approx([v.score for _, v in ranked])
    by_id = {doc.id: doc for doc in documents}
    for doc in results:
        assert doc.page_content == by_id[doc.id].page_content
        assert {"source", "page", "tags"} <= doc.metadata.keys()
        assert type(doc.metadata["relevance_score"]) is float
        assert doc.metadata[VERDICT_KEY]["score"] == doc.metadata["relevance_score"]
        assert set(doc.metadata[VERDICT_KEY]) == {"score", "accepted", "maxsim", "rank_score", "threshold"}
    results[0].metadata["tags"].append("mutated")
    assert documents == original


def test_first_stage_score_is_kept_and_score_key_is_configurable(documents, tiny_verifier) -> None:
    scored = [doc.model_copy(update={"metadata": {**doc.metadata, "relevance_score": 0.9}}) for doc in documents]
    results = make_retriever(ListRetriever(documents=scored, k=5), tiny_verifier, score_threshold=None).invoke(QUERY)
    assert all(doc.metadata[FIRST_STAGE_KEY] == 0.9 for doc in results)
    assert all(doc.metadata["relevance_score"] != 0.9 for doc in results)
    custom = make_retriever(
        ListRetriever(documents=documents), tiny_verifier, score_key="verified", score_threshold=None
    )
    assert all("verified" in doc.metadata and FIRST_STAGE_KEY not in doc.metadata for doc in custom.invoke(QUERY))


def test_threshold_default_override_and_none(documents, tiny_verifier) -> None:
    scores = sorted(tiny_verifier.score(QUERY, TEXTS), reverse=True)
    middle = (scores[1] + scores[2]) / 2
    retriever = make_retriever(ListRetriever(documents=documents, k=5), tiny_verifier, k=5)
    calibrated = [s for s in scores if s >= tiny_verifier.threshold]
    assert len(retriever.invoke(QUERY)) == len(calibrated)
    assert len(retriever.invoke(QUERY, score_threshold=middle)) == 2
    assert len(retriever.invoke(QUERY, score_threshold=None)) == 5
    assert len(retriever.invoke(QUERY, score_threshold=None, k=1)) == 1
    assert len(make_retriever(retriever.base_retriever, tiny_verifier, k=5, score_threshold=middle).invoke(QUERY)) == 2


def test_fetch_k_is_forwarded_as_the_base_k(documents, tiny_verifier) -> None:
    base = ListRetriever(documents=documents, calls=[])
    retriever = make_retriever(base, tiny_verifier, k=2, fetch_k=4, score_threshold=None)
    retriever.invoke(QUERY)
    retriever.invoke(QUERY, fetch_k=5)
    make_retriever(base, tiny_verifier, score_threshold=None).invoke(QUERY)
    assert base.calls == [{"k": 4}, {"k": 5}, {"k": None}]


def test_from_vectorstore_recalls_fetch_k(documents, tiny_verifier) -> None:
    store = InMemoryVectorStore(DeterministicFakeEmbedding(size=16))
    store.add_documents(documents)
    retriever = VerifyingRetriever.from_vectorstore(store, tiny_verifier, fetch_k=5, k=3, score_threshold=None)
    results = retriever.invoke(QUERY)
    assert len(results) == 3 and {doc.id for doc in results} <= {doc.id for doc in documents}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"score_threshold": 1.5}, "probability"),
        ({"score_threshold": "strict"}, "calibrated"),
        ({"k": 0}, "greater than or equal to 1"),
        ({"k": 5, "fetch_k": 2}, "fetch_k=2 is smaller than k=5"),
    ],
)
def test_bad_options_fail_at_construction(documents, tiny_verifier, kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        make_retriever(ListRetriever(documents=documents), tiny_verifier, **kwargs)


def test_bad_per_call_options_fail_before_recall(documents, tiny_verifier) -> None:
    base = ListRetriever(documents=documents, calls=[])
    retriever = make_retriever(base, tiny_verifier)
    with pytest.raises(ValueError, match="k=0 must be a positive int"):
        retriever.invoke(QUERY, k=0)
    with pytest.raises(ValueError, match="probability"):
        retriever.invoke(QUERY, score_threshold=2.0)
    with pytest.raises(ValueError, match="query is empty"):
        retriever.invoke("   ")
    assert base.calls == []


def test_fetch_k_on_a_base_that_takes_no_k_explains_the_fix(tiny_verifier, documents) -> None:
    base = RunnableLambda(lambda query: documents)
    with pytest.raises(ValueError, match="search_kwargs"):
        make_retriever(base, tiny_verifier, fetch_k=10)
    assert len(make_retriever(base, tiny_verifier, k=2, score_threshold=None).invoke(QUERY)) == 2


def test_verifier_can_be_named_like_in_llamaindex(documents) -> None:
    """A shipped name loads the process-wide verifier for it; an unknown one fails when the retriever is built."""
    base = ListRetriever(documents=documents)
    assert VerifyingRetriever(base_retriever=base, verifier="default").verifier is Verifier.shared()
    assert VerifyingRetriever(base_retriever=base, verifier=None).verifier is Verifier.shared()
    store = InMemoryVectorStore(DeterministicFakeEmbedding(size=8))
    assert VerifyingRetriever.from_vectorstore(store, "default").verifier is Verifier.shared()
    with pytest.raises(FileNotFoundError, match="shipped names.*'default'"):
        VerifyingRetriever(base_retriever=base, verifier="no-such-checkpoint")


def test_vectorstore_as_base_points_to_from_vectorstore(tiny_verifier) -> None:
    with pytest.raises(ValueError, match="from_vectorstore"):
        make_retriever(InMemoryVectorStore(DeterministicFakeEmbedding(size=8)), tiny_verifier)


def test_base_that_raises_propagates_its_own_error_without_loading_the_verifier() -> None:
    verifier = make_tiny_verifier()

    def broken(query: str) -> list[Document]:
        raise ConnectionError("vector index unreachable")

    with pytest.raises(ConnectionError, match="vector index unreachable"):
        make_retriever(RunnableLambda(broken), verifier).invoke(QUERY)
    assert not verifier.is_loaded


@pytest.mark.parametrize(
    ("output", "message"),
    [
        (["a plain string"], ": item 0 is a str.*Document\\(page_content=text\\)"),
        (None, " is None.*\\[\\] when nothing matches"),
        ("a plain string", " is a str; expected a list of Documents"),
        (Document(page_content="one"), " is a Document; expected a list"),
    ],
)
async def test_base_returning_non_documents_names_the_base(output, message) -> None:
    verifier = make_tiny_verifier()
    retriever = make_retriever(RunnableLambda(lambda query: output, name="my_search"), verifier)
    with pytest.raises(TypeError, match=f"output of base_retriever 'my_search'{message}"):
        retriever.invoke(QUERY)
    with pytest.raises(TypeError, match=f"output of base_retriever 'my_search'{message}"):
        await retriever.ainvoke(QUERY)
    assert not verifier.is_loaded


async def test_base_returning_nothing_gives_empty_list_without_loading_the_verifier() -> None:
    verifier = make_tiny_verifier()
    retriever = make_retriever(RunnableLambda(lambda query: []), verifier)
    assert retriever.invoke(QUERY) == []
    assert await retriever.ainvoke(QUERY) == []
    assert not verifier.is_loaded


def test_trace_shows_recall_and_verification_as_child_runs(documents, tiny_verifier) -> None:
    recorder = RunRecorder()
    retriever = make_retriever(ListRetriever(documents=documents, k=5), tiny_verifier, k=2, score_threshold=None)
    results = retriever.invoke(QUERY, config={"callbacks": [recorder]})
    top = recorder.named("VerifyingRetriever")
    recall, verify = recorder.named("ListRetriever"), recorder.named("verify")
    assert recall["parent"] == verify["parent"] == next(i for i, r in recorder.runs.items() if r is top)
    assert "recall" in recall["tags"] and "verify" in verify["tags"]
    assert len(verify["inputs"]["documents"]) == 5 and verify["inputs"]["top_n"] == 2
    assert verify["outputs"] == results


async def test_async_matches_sync_and_batches_keep_order(documents, tiny_verifier) -> None:
    retriever = make_retriever(ListRetriever(documents=documents, k=5), tiny_verifier, k=3, score_threshold=None)
    queries = [QUERY, "Who may terminate the Agreement?", "When are payments due?"]
    expected = [retriever.invoke(query) for query in queries]
    assert [await retriever.ainvoke(query) for query in queries] == expected
    assert retriever.batch(queries, config={"max_concurrency": 2}) == expected
    assert await retriever.abatch(queries, config={"max_concurrency": 2}) == expected


async def test_async_verification_runs_off_the_event_loop_thread(documents) -> None:
    verifier = make_tiny_verifier()
    threads: list[str] = []
    rank = verifier.rank

    def recording_rank(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return rank(*args, **kwargs)

    verifier.rank = recording_rank
    await make_retriever(ListRetriever(documents=documents), verifier, score_threshold=None).ainvoke(QUERY)
    assert threads and threads[0] != threading.current_thread().name
