"""``VerifierCompressor`` on its own and inside langchain-classic's compression retriever and pipeline."""

from __future__ import annotations

import copy

import pytest
from conftest import make_tiny_verifier
from langchain_core.documents import Document
from langchain_core.runnables import RunnableLambda

from langchain_verify import VERDICT_KEY, VerifierCompressor
from shared import Verifier

from conftest import CLAUSE_QUERY as QUERY
from conftest import CLAUSE_TEXTS as TEXTS



@pytest.fixture
def documents() -> list[Document]:
    return [
        Document(page_content=text, id=f"doc-{i}", metadata={"page": i, "nested": {"section": i}})
        for i, text in enumerate(TEXTS)
    ]


async def test_empty_input_returns_empty_list_without_loading_the_model() -> None:
    verifier = make_tiny_verifier()
    compressor = VerifierCompressor(verifier=verifier)
    assert compressor.compress_documents([], QUERY) == []
    assert await compressor.acompress_documents([], QUERY) == []
    assert not verifier.is_loaded


def test_threshold_is_applied_before_top_n(documents, tiny_verifier) -> None:
    scores = tiny_verifier.score(QUERY, TEXTS)
    order = sorted(range(len(TEXTS)), key=lambda i: -scores[i])
    # Accept only the best two; pass them last so a reranker that cut to top_n first would lose them.
    cutoff = (scores[order[1]] + scores[order[2]]) / 2
    reordered = [documents[i] for i in reversed(order)]
    one = VerifierCompressor(verifier=tiny_verifier, top_n=1, score_threshold=cutoff).compress_documents(
        reordered, QUERY
    )
    many = VerifierCompressor(verifier=tiny_verifier, top_n=4, score_threshold=cutoff).compress_documents(
        reordered, QUERY
    )
    assert sorted(doc.id for doc in many) == sorted([f"doc-{order[0]}", f"doc-{order[1]}"])
    ranked = tiny_verifier.rank(QUERY, [doc.page_content for doc in reordered], threshold=cutoff)
    assert [doc.id for doc in many] == [reordered[i].id for i, _ in ranked]
    assert [doc.id for doc in one] == [many[0].id]
    assert all(doc.metadata[VERDICT_KEY]["threshold"] == pytest.approx(cutoff) for doc in many)


def test_ids_and_metadata_are_preserved_and_inputs_not_mutated(documents, tiny_verifier) -> None:
    original = copy.deepcopy(documents)
    results = VerifierCompressor(verifier=tiny_verifier, score_threshold=None).compress_documents(documents, QUERY)
    assert documents == original
    assert sorted(doc.id for doc in results) == sorted(doc.id for doc in documents)
    by_id = {doc.id: doc for doc in original}
    for doc in results:
        assert {k: v for k, v in doc.metadata.items() if k in by_id[doc.id].metadata} == by_id[doc.id].metadata
        doc.metadata["nested"]["section"] = "changed"
    assert documents == original


def test_scores_are_python_floats(documents, tiny_verifier) -> None:
    results = VerifierCompressor(verifier=tiny_verifier, score_threshold=None).compress_documents(documents, QUERY)
    for doc in results:
        assert type(doc.metadata["relevance_score"]) is float
        verdict = doc.metadata[VERDICT_KEY]
        assert type(verdict["score"]) is float and type(verdict["maxsim"]) is float
        assert type(verdict["accepted"]) is bool and verdict["threshold"] is None


async def test_sync_and_async_agree(documents, tiny_verifier) -> None:
    compressor = VerifierCompressor(verifier=tiny_verifier, top_n=3, score_threshold=0.0)
    assert await compressor.acompress_documents(documents, QUERY) == compressor.compress_documents(documents, QUERY)


def test_non_documents_are_rejected_with_a_clear_error(tiny_verifier) -> None:
    with pytest.raises(TypeError, match="VerifierCompressor input: item 1 is a str"):
        VerifierCompressor(verifier=tiny_verifier).compress_documents([Document(page_content="a"), "b"], QUERY)


def test_verifier_can_be_a_shipped_name_or_a_folder(tmp_path) -> None:
    assert VerifierCompressor(verifier="default").verifier is Verifier.shared()
    with pytest.raises(FileNotFoundError, match="no verifier checkpoint at .*pass a folder written by"):
        VerifierCompressor(verifier=tmp_path)


def test_bad_threshold_fails_at_construction(tiny_verifier) -> None:
    with pytest.raises(ValueError, match="probability"):
        VerifierCompressor(verifier=tiny_verifier, score_threshold=-0.1)


class TestInsideLangchainClassic:
    """The compressor in ``ContextualCompressionRetriever`` and ``DocumentCompressorPipeline``."""

    @pytest.fixture
    def classic(self):
        return pytest.importorskip("langchain_classic.retrievers")

    @pytest.fixture
    def compression_retriever(self, classic, documents, tiny_verifier):
        compressor = VerifierCompressor(verifier=tiny_verifier, top_n=2, score_threshold=None)
        base = RunnableLambda(lambda query: documents, name="recall")
        return classic.ContextualCompressionRetriever(base_compressor=compressor, base_retriever=base)

    async def test_batch_and_abatch_with_max_concurrency(self, compression_retriever) -> None:
        queries = [QUERY, "Who may terminate the Agreement?", "When are payments due?", "What about secrets?"]
        expected = [compression_retriever.invoke(query) for query in queries]
        assert all(len(result) == 2 for result in expected)
        assert compression_retriever.batch(queries, config={"max_concurrency": 2}) == expected
        assert await compression_retriever.abatch(queries, config={"max_concurrency": 2}) == expected

    async def test_pipeline(self, classic, documents, tiny_verifier) -> None:
        from langchain_classic.retrievers.document_compressors import DocumentCompressorPipeline

        pipeline = DocumentCompressorPipeline(
            transformers=[
                VerifierCompressor(verifier=tiny_verifier, score_threshold=None),
                VerifierCompressor(verifier=tiny_verifier, top_n=1, score_threshold=None, score_key="second"),
            ]
        )
        result = pipeline.compress_documents(documents, QUERY)
        assert len(result) == 1 and {"relevance_score", "second"} <= result[0].metadata.keys()
        assert await pipeline.acompress_documents(documents, QUERY) == result
