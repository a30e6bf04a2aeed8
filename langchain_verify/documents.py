"""Turning verifier verdicts into LangChain ``Document`` results, and checking what a base returned.

Results are new documents: callers often keep references to what their vector store returned (caches,
other chains), so the inputs are never mutated. Ids are kept because stores and agents use them to
cite and deduplicate.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from langchain_core.documents import Document

from shared import Verdict

#: Metadata key holding the compact verdict (score, accepted, maxsim, rank_score, threshold) of each result.
VERDICT_KEY = "verdict"
#: Metadata key under which a score the first stage already wrote under ``score_key`` is kept.
FIRST_STAGE_KEY = "first_stage_score"


def check_documents(documents: object, what: str) -> list[Document]:
    """Return ``documents`` as a list, or raise a ``TypeError`` that names ``what`` and the bad item.

    Without this, a base returning strings or ``None`` fails deep inside the verifier with a message
    about passages, which points the user at the wrong component.
    """
    if documents is None:
        raise TypeError(f"{what} is None; expected a list of Documents ([] when nothing matches).")
    if isinstance(documents, (str, bytes, dict, Document)) or not isinstance(documents, Sequence):
        raise TypeError(
            f"{what} is a {type(documents).__name__}; expected a list of Documents, "
            "e.g. from vectorstore.as_retriever() or a runnable that returns list[Document]."
        )
    for position, document in enumerate(documents):
        if not isinstance(document, Document):
            raise TypeError(
                f"{what}: item {position} is a {type(document).__name__}, expected a langchain_core "
                "Document; wrap texts as Document(page_content=text)."
            )
    return list(documents)


def verified_document(document: Document, verdict: Verdict, score_key: str) -> Document:
    """A copy of ``document`` carrying the verifier score under ``score_key`` and the compact verdict.

    A first-stage score already stored under ``score_key`` moves to ``FIRST_STAGE_KEY`` rather than
    being overwritten, so both stages stay visible.
    """
    metadata = copy.deepcopy(document.metadata)
    if score_key in metadata:
        metadata[FIRST_STAGE_KEY] = metadata[score_key]
    metadata[score_key] = verdict.score
    metadata[VERDICT_KEY] = verdict.to_dict()
    return document.model_copy(update={"metadata": metadata})
