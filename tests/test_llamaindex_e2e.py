"""End to end: persistent Chroma, real MiniLM recall, shipped verifier. A role-swapped twin that dense
retrieval ranks first must be excluded, and the clause that really says it must be kept."""

from __future__ import annotations

from pathlib import Path

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings
from llama_index.core import StorageContext, VectorStoreIndex
from llama_index.core.llms import MockLLM
from llama_index.core.schema import TextNode
from llama_index.core.tools import RetrieverTool
from llama_index.vector_stores.chroma import ChromaVectorStore

import shared
from shared.chroma_store import MiniLMEmbeddingFunction
from llamaindex_verify import MiniLMEmbedding, VerifierPostprocessor, VerifyingRetriever

CHECKPOINT = Path(shared.__file__).parent / "weights" / "default" / "config.json"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHECKPOINT.is_file(), reason="shipped verifier checkpoint shared/weights/default/ is not trained yet"
    ),
]

CLAUSES = {
    "indemnity": "Section 9.1 Indemnification. The Licensee shall indemnify, defend and hold harmless the Licensor "
    "from any third-party claim arising out of the Licensee's use of the Software.",
    "indemnity-twin": "Section 9.1 Indemnification. The Licensor shall indemnify, defend and hold harmless the Licensee "
    "from any third-party claim arising out of the Licensee's use of the Software.",
    "payment": "Payment terms. The Buyer shall pay the Seller each invoice within 30 days of receipt; late amounts "
    "bear interest at 2% per month.",
    "payment-twin": "Payment terms. The Seller shall pay the Buyer each invoice within 30 days of receipt; late amounts "
    "bear interest at 2% per month.",
    "termination": "Either party may terminate this Agreement with ninety days' written notice to the other party.",
    "confidentiality": "Confidential information must not be disclosed to any third party without prior written consent.",
}
# (query, clause that states it, role-swapped twin that dense retrieval ranks first)
CASES = [
    ("The Licensee shall indemnify the Licensor.", "indemnity", "indemnity-twin"),
    ("The Buyer pays the Seller each invoice within 30 days.", "payment", "payment-twin"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> VectorStoreIndex:
    client = chromadb.PersistentClient(
        path=str(tmp_path_factory.mktemp("chroma")), settings=ChromaSettings(anonymized_telemetry=False)
    )
    collection = client.get_or_create_collection(
        "clauses", embedding_function=MiniLMEmbeddingFunction(), configuration={"hnsw": {"space": "cosine"}}
    )
    store = ChromaVectorStore(chroma_collection=collection)
    nodes = [TextNode(id_=key, text=text) for key, text in CLAUSES.items()]
    return VectorStoreIndex(
        nodes, storage_context=StorageContext.from_defaults(vector_store=store), embed_model=MiniLMEmbedding()
    )


def ids(nodes) -> list[str]:
    return [n.node.node_id for n in nodes]


@pytest.mark.parametrize(("query", "true_clause", "twin"), CASES)
async def test_near_miss_ranked_first_by_dense_is_excluded(index, real_verifier, query, true_clause, twin) -> None:
    recall = index.as_retriever(similarity_top_k=len(CLAUSES))
    assert ids(recall.retrieve(query))[0] == twin, "premise: dense retrieval ranks the near-miss first"

    engine = index.as_query_engine(
        similarity_top_k=len(CLAUSES), node_postprocessors=[VerifierPostprocessor(real_verifier)], llm=MockLLM()
    )
    for response in (engine.query(query), await engine.aquery(query)):
        kept = ids(response.source_nodes)
        assert kept[0] == true_clause and twin not in kept
        assert response.source_nodes[0].score >= real_verifier.threshold

    verified = VerifyingRetriever(recall, real_verifier, similarity_top_k=3)
    for nodes in (verified.retrieve(query), await verified.aretrieve(query)):
        assert ids(nodes)[0] == true_clause and twin not in ids(nodes)

    output = RetrieverTool.from_defaults(verified).call(input=query)  # sends "\ninput is <query>\n"
    assert ids(output.raw_output)[0] == true_clause and twin not in ids(output.raw_output)


EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.fixture
def examples_on_path(monkeypatch):
    if not (EXAMPLES / "demo_corpus.jsonl").is_file():
        pytest.skip("examples/demo_corpus.jsonl is missing")
    monkeypatch.syspath_prepend(str(EXAMPLES))


def test_query_engine_example_runs_offline(examples_on_path, capsys) -> None:
    import llamaindex_query_engine

    llamaindex_query_engine.main(["The Licensee shall indemnify the Licensor."])
    dense, verified = capsys.readouterr().out.splitlines()[1:3]
    assert "lic-indemnity-twin" in dense
    assert "lic-indemnity (" in verified and "lic-indemnity-twin" not in verified


async def test_agent_example_runs_offline(examples_on_path, capsys) -> None:
    import llamaindex_agent

    await llamaindex_agent.main(llamaindex_agent.DEFAULT_QUESTION)
    out = capsys.readouterr().out
    assert "tool contract_clauses({'input': 'The Licensee shall indemnify the Licensor.'}) -> lic-indemnity (" in out
    assert "lic-indemnity-twin" not in out and "The Licensee shall indemnify" in out
