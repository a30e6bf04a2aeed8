"""End to end: real Chroma, real MiniLM and the shipped verifier; a near-miss wins dense recall and is dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.documents import Document

from langchain_verify import MiniLMEmbeddings, VerifyingRetriever

CHECKPOINT = Path(__file__).resolve().parents[1] / "shared" / "weights" / "default" / "config.json"


def needs_shipped_checkpoint() -> pytest.MarkDecorator:
    """Skip, saying why, until the shipped verifier checkpoint exists."""
    return pytest.mark.skipif(not CHECKPOINT.is_file(), reason=f"shipped verifier checkpoint missing: {CHECKPOINT}")


pytestmark = [pytest.mark.slow, needs_shipped_checkpoint()]

CLAUSES = {
    "indemnity": "The Licensee shall indemnify the Licensor against any third-party claim arising from the "
    "Licensee's use of the Software.",
    "indemnity-twin": "The Licensor shall indemnify the Licensee against any third-party claim arising from the "
    "Licensee's use of the Software.",
    "payment": "The Buyer shall pay the Seller each invoice within 30 days of receipt.",
    "payment-twin": "The Seller shall pay the Buyer each invoice within 30 days of receipt.",
    "termination": "Either party may terminate this Agreement with thirty days' written notice.",
    "confidentiality": "Confidential information must be returned or destroyed upon termination.",
}
# (query, the clause that states it, its role-swapped twin)
CASES = [
    ("The Licensee shall indemnify the Licensor.", "indemnity", "indemnity-twin"),
    ("The Buyer shall pay the Seller within 30 days.", "payment", "payment-twin"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    chromadb = pytest.importorskip("chromadb")
    from langchain_chroma import Chroma

    client = chromadb.PersistentClient(path=str(tmp_path_factory.mktemp("chroma")))
    store = Chroma(collection_name="clauses", embedding_function=MiniLMEmbeddings(), client=client)
    store.add_documents(
        [Document(page_content=text, id=key, metadata={"clause": key}) for key, text in CLAUSES.items()]
    )
    return store


@pytest.mark.parametrize(("query", "true_id", "twin_id"), CASES)
async def test_near_miss_ranked_first_by_dense_is_excluded(store, real_verifier, query, true_id, twin_id) -> None:
    dense = store.similarity_search(query, k=3)
    assert dense[0].id == twin_id, "premise: dense retrieval ranks the role-swapped twin first"
    assert true_id in [doc.id for doc in dense]

    retriever = VerifyingRetriever.from_vectorstore(store, real_verifier, fetch_k=4, k=3)
    verified = retriever.invoke(query)
    ids = [doc.id for doc in verified]
    assert ids[0] == true_id and twin_id not in ids
    assert verified[0].metadata["clause"] == true_id
    assert verified[0].metadata["relevance_score"] >= real_verifier.threshold
    assert [doc.id for doc in await retriever.ainvoke(query)] == ids
