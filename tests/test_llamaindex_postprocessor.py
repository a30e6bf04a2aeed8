"""VerifierPostprocessor and VerifyingRetriever contracts, on the tiny random verifier (plumbing, not quality)."""

from __future__ import annotations

import json
from typing import Any, List

import pytest
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.bridge.pydantic import ValidationError
from llama_index.core.instrumentation import DISPATCHER_SPAN_DECORATED_ATTR, get_dispatcher
from llama_index.core.instrumentation.event_handlers import BaseEventHandler
from llama_index.core.instrumentation.events import BaseEvent
from llama_index.core.instrumentation.events.rerank import ReRankEndEvent, ReRankStartEvent
from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import MetadataMode, NodeWithScore, QueryBundle, TextNode

from conftest import make_tiny_verifier
from llamaindex_verify import RETRIEVAL_SCORE_KEY, MiniLMEmbedding, VerifierPostprocessor, VerifyingRetriever
from shared.checkpoint import save_checkpoint

QUERY = "Does the Licensee indemnify the Licensor?"
TEXTS = [
    "The Licensor indemnifies the Licensee against third-party claims.",
    "The Licensee indemnifies the Licensor against third-party claims.",
    "Payment is due within thirty days of the invoice date.",
    "The Licensee shall not indemnify the Licensor.",
    "Either party may terminate with ninety days' written notice.",
]


def make_nodes() -> list[NodeWithScore]:
    return [
        NodeWithScore(node=TextNode(id_=f"n{i}", text=text, metadata={"section": f"{i + 1}.1"}), score=0.9 - 0.1 * i)
        for i, text in enumerate(TEXTS)
    ]


class ListRetriever(BaseRetriever):
    """A first stage that returns fixed nodes and records the queries it saw."""

    def __init__(self, nodes: list[NodeWithScore]) -> None:
        super().__init__()
        self.nodes = nodes
        self.queries: list[str] = []

    def _retrieve(self, query_bundle: QueryBundle) -> List[NodeWithScore]:
        self.queries.append(query_bundle.query_str)
        return list(self.nodes)

    async def _aretrieve(self, query_bundle: QueryBundle) -> List[NodeWithScore]:
        return self._retrieve(query_bundle)


def summary(nodes: list[NodeWithScore]) -> list[tuple[str, float]]:
    return [(n.node.node_id, round(n.score, 6)) for n in nodes]


# ---------------------------------------------------------------------------------------------- types
def test_class_hierarchy_and_names() -> None:
    assert issubclass(VerifierPostprocessor, BaseNodePostprocessor)
    assert issubclass(VerifyingRetriever, BaseRetriever)
    assert issubclass(MiniLMEmbedding, BaseEmbedding)
    assert VerifierPostprocessor.class_name() == "VerifierPostprocessor"
    assert MiniLMEmbedding.class_name() == "MiniLMEmbedding"


def test_async_paths_are_spanned() -> None:
    # DispatcherSpanMixin only spans abstract/previously-spanned methods; the async hooks are neither.
    assert hasattr(VerifierPostprocessor._apostprocess_nodes, DISPATCHER_SPAN_DECORATED_ATTR)
    assert hasattr(VerifierPostprocessor._postprocess_nodes, DISPATCHER_SPAN_DECORATED_ATTR)
    assert hasattr(VerifyingRetriever._aretrieve, DISPATCHER_SPAN_DECORATED_ATTR)
    assert hasattr(VerifyingRetriever._retrieve, DISPATCHER_SPAN_DECORATED_ATTR)


# ---------------------------------------------------------------------------------------------- init
def test_defaults_use_the_calibrated_threshold(tiny_verifier) -> None:
    post = VerifierPostprocessor(tiny_verifier)
    assert post.score_threshold == tiny_verifier.threshold
    assert post.top_n is None and post.keep_retrieval_score and post.metadata_mode == MetadataMode.NONE
    assert VerifierPostprocessor(tiny_verifier, score_threshold=None).score_threshold is None
    assert VerifierPostprocessor(tiny_verifier, score_threshold=0.8).score_threshold == 0.8


@pytest.mark.parametrize("bad", [1.5, -0.1, "strict"])
def test_bad_threshold_says_what_to_pass(tiny_verifier, bad: Any) -> None:
    with pytest.raises(ValueError, match=r"\[0, 1\]|calibrated"):
        VerifierPostprocessor(tiny_verifier, score_threshold=bad)


def test_fields_are_validated_on_assignment(tiny_verifier) -> None:
    post = VerifierPostprocessor(tiny_verifier)
    with pytest.raises(ValidationError):
        post.top_n = -1
    with pytest.raises(ValidationError):
        post.score_threshold = 2.0
    retriever = VerifyingRetriever(ListRetriever(make_nodes()), tiny_verifier, similarity_top_k=3)
    retriever.similarity_top_k = 2
    assert retriever.postprocessor.top_n == 2
    with pytest.raises(ValidationError):
        retriever.score_threshold = -1.0


def test_serialises_without_the_model(tiny_verifier) -> None:
    post = VerifierPostprocessor(tiny_verifier, top_n=3, score_threshold=0.25)
    data = post.to_dict()
    assert data == {
        "top_n": 3,
        "score_threshold": 0.25,
        "keep_retrieval_score": True,
        "metadata_mode": "none",
        "model": None,
        "class_name": "VerifierPostprocessor",
    }
    assert len(post.to_json()) < 500
    again = VerifierPostprocessor.from_dict(data, verifier=tiny_verifier)
    assert again.to_dict() == data and again.verifier is tiny_verifier


def test_checkpoint_name_round_trips_lazily(tmp_path) -> None:
    verifier = make_tiny_verifier()
    save_checkpoint(tmp_path, verifier.config, verifier._components()[1])
    post = VerifierPostprocessor(tmp_path, top_n=2)
    data = json.loads(post.to_json())
    assert data["model"] == str(tmp_path) and data["score_threshold"] == verifier.threshold
    again = VerifierPostprocessor.from_dict(data)
    assert again.to_dict() == post.to_dict()
    assert not again.verifier.is_loaded  # construction reads the config only


def test_retriever_rejects_non_retrievers(tiny_verifier) -> None:
    with pytest.raises(TypeError, match="as_retriever"):
        VerifyingRetriever(object(), tiny_verifier)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------- behaviour
def test_ranks_like_the_verifier_threshold_then_top_n(tiny_verifier) -> None:
    scores = tiny_verifier.score(QUERY, TEXTS)
    threshold = sorted(scores)[1]  # rejects exactly the lowest-scoring passage
    post = VerifierPostprocessor(tiny_verifier, top_n=3, score_threshold=threshold)
    out = post.postprocess_nodes(make_nodes(), query_str=QUERY)
    expected = [i for i, _ in tiny_verifier.rank(QUERY, TEXTS, threshold=threshold)][:3]
    assert {f"n{i}" for i in expected} <= {f"n{i}" for i, s in enumerate(scores) if s >= threshold}
    assert [n.node.node_id for n in out] == [f"n{i}" for i in expected]
    assert all(isinstance(n.score, float) for n in out)
    assert [n.score for n in out] == pytest.approx([scores[i] for i in expected])
    # threshold first: a top_n larger than the accepted set cannot bring rejected nodes back
    wide = VerifierPostprocessor(tiny_verifier, top_n=5, score_threshold=threshold)
    assert len(wide.postprocess_nodes(make_nodes(), query_str=QUERY)) == 4


def test_threshold_none_only_reranks(tiny_verifier) -> None:
    out = VerifierPostprocessor(tiny_verifier, score_threshold=None).postprocess_nodes(make_nodes(), query_str=QUERY)
    assert sorted(n.node.node_id for n in out) == sorted(f"n{i}" for i in range(len(TEXTS)))
    assert [n.node.node_id for n in out] == [f"n{i}" for i, _ in tiny_verifier.rank(QUERY, TEXTS, threshold=None)]


def test_inputs_are_not_mutated(tiny_verifier) -> None:
    nodes = make_nodes()
    before = [n.model_dump() for n in nodes]
    out = VerifierPostprocessor(tiny_verifier, score_threshold=None).postprocess_nodes(nodes, query_str=QUERY)
    assert [n.model_dump() for n in nodes] == before
    assert not {id(n) for n in out} & {id(n) for n in nodes}
    assert not {id(n.node) for n in out} & {id(n.node) for n in nodes}


def test_retrieval_score_is_kept_but_hidden_from_llm_and_embedding(tiny_verifier) -> None:
    nodes = make_nodes()
    out = VerifierPostprocessor(tiny_verifier, score_threshold=None).postprocess_nodes(nodes, query_str=QUERY)
    first_stage = {n.node.node_id: n.score for n in nodes}
    for node in out:
        assert node.node.metadata[RETRIEVAL_SCORE_KEY] == first_stage[node.node.node_id]
        for mode in (MetadataMode.LLM, MetadataMode.EMBED):
            content = node.node.get_content(metadata_mode=mode)
            assert RETRIEVAL_SCORE_KEY not in content and "section:" in content
    plain = VerifierPostprocessor(tiny_verifier, score_threshold=None, keep_retrieval_score=False)
    assert all(RETRIEVAL_SCORE_KEY not in n.node.metadata for n in plain.postprocess_nodes(nodes, query_str=QUERY))


def test_metadata_mode_chooses_the_scored_text(tiny_verifier) -> None:
    nodes = make_nodes()
    bare = VerifierPostprocessor(tiny_verifier, score_threshold=None, keep_retrieval_score=False)
    with_meta = VerifierPostprocessor(
        tiny_verifier, score_threshold=None, keep_retrieval_score=False, metadata_mode=MetadataMode.LLM
    )
    expected_bare = dict(zip((f"n{i}" for i in range(len(TEXTS))), tiny_verifier.score(QUERY, TEXTS)))
    llm_texts = [n.node.get_content(metadata_mode=MetadataMode.LLM) for n in nodes]
    expected_meta = dict(zip((f"n{i}" for i in range(len(TEXTS))), tiny_verifier.score(QUERY, llm_texts)))
    assert {n.node.node_id: n.score for n in bare.postprocess_nodes(nodes, query_str=QUERY)} == pytest.approx(expected_bare)
    assert {n.node.node_id: n.score for n in with_meta.postprocess_nodes(nodes, query_str=QUERY)} == pytest.approx(
        expected_meta
    )


def test_tool_wrapped_query_scores_like_the_plain_query(tiny_verifier) -> None:
    post = VerifierPostprocessor(tiny_verifier, score_threshold=None)
    plain = post.postprocess_nodes(make_nodes(), query_str=QUERY)
    wrapped = post.postprocess_nodes(make_nodes(), query_str=f"\ninput is {QUERY}\n")  # RetrieverTool.call(input=...)
    assert summary(wrapped) == summary(plain)


def test_missing_query_and_empty_nodes(tiny_verifier) -> None:
    post = VerifierPostprocessor(tiny_verifier)
    with pytest.raises(ValueError, match="query_str"):
        post.postprocess_nodes(make_nodes())
    fresh = make_tiny_verifier()
    assert VerifierPostprocessor(fresh).postprocess_nodes([], query_str=QUERY) == []
    assert not fresh.is_loaded


# ---------------------------------------------------------------------------------------------- events and async
class Recorder(BaseEventHandler):
    events: list = []

    @classmethod
    def class_name(cls) -> str:
        return "Recorder"

    def handle(self, event: BaseEvent, **kwargs: Any) -> None:
        if isinstance(event, (ReRankStartEvent, ReRankEndEvent)):
            self.events.append(event)


@pytest.fixture
def rerank_events():
    root = get_dispatcher()
    recorder = Recorder(events=[])
    root.add_event_handler(recorder)
    yield recorder.events
    root.event_handlers.remove(recorder)


async def test_rerank_events_are_emitted_sync_and_async(tiny_verifier, rerank_events) -> None:
    post = VerifierPostprocessor(tiny_verifier, top_n=2, score_threshold=None)
    out_sync = post.postprocess_nodes(make_nodes(), query_str=QUERY)
    out_async = await post.apostprocess_nodes(make_nodes(), query_str=QUERY)
    assert [type(e) for e in rerank_events] == [ReRankStartEvent, ReRankEndEvent] * 2
    start, end = rerank_events[0], rerank_events[1]
    assert start.top_n == 2 and len(start.nodes) == len(TEXTS) and start.query.query_str == QUERY
    assert summary(end.nodes) == summary(out_sync) == summary(out_async)


async def test_sync_async_parity(tiny_verifier) -> None:
    post = VerifierPostprocessor(tiny_verifier, top_n=3, score_threshold=None)
    assert summary(await post.apostprocess_nodes(make_nodes(), query_str=QUERY)) == summary(
        post.postprocess_nodes(make_nodes(), query_str=QUERY)
    )
    retriever = VerifyingRetriever(ListRetriever(make_nodes()), tiny_verifier, similarity_top_k=3, score_threshold=None)
    assert summary(await retriever.aretrieve(QUERY)) == summary(retriever.retrieve(QUERY))


def test_verifying_retriever_leaves_the_base_alone(tiny_verifier) -> None:
    base = ListRetriever(make_nodes())
    before = vars(base).copy()
    retriever = VerifyingRetriever(base, tiny_verifier, similarity_top_k=2, score_threshold=None)
    out = retriever.retrieve(QUERY)
    assert len(out) == 2 and base.queries == [QUERY]
    assert {k: v for k, v in vars(base).items() if k != "queries"} == {k: v for k, v in before.items() if k != "queries"}
    assert retriever.base_retriever is base and retriever.verifier is tiny_verifier
