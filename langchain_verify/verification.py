"""The verification step shared by the retriever and the compressor, run as a traced child run.

Running it through a ``RunnableLambda`` named ``verify`` makes it a run of its own under the caller's
callbacks: traces show what recall returned and what verification kept, with each verdict, without
the adapter putting token-level data into document metadata.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, TypedDict

from langchain_core.callbacks import Callbacks
from langchain_core.documents import Document
from langchain_core.runnables import Runnable, RunnableLambda

from shared import Threshold, Verdict, Verifier
from shared import resolve_threshold

from .documents import verified_document

STEP_NAME = "verify"


def load_verifier(value: Any) -> Any:
    """Let ``verifier=`` name a shipped checkpoint (``"accurate"``) or a trained folder, or be ``None`` for the default,
    as in the LlamaIndex adapters.

    These come from ``Verifier.shared``, so every adapter naming one checkpoint shares its models.
    """
    if value is None or isinstance(value, (str, os.PathLike)):
        return Verifier.shared(os.fspath(value) if value is not None else None)
    return value


def check_threshold(threshold: Threshold) -> Threshold:
    """Reject a bad threshold when a retriever or compressor is built, not on its first query.

    The placeholder calibrated value only stands in for the checkpoint's; the choice itself is kept.
    """
    resolve_threshold(threshold, 0.5)
    return threshold


def check_count(value: int | None, name: str, *, allow_none: bool) -> int | None:
    """Validate a per-call count (``k``, ``fetch_k``, ``top_n``) with a message that names it."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name}={value!r} must be a positive int{' or None' if allow_none else ''}.")
    return value


class VerificationRequest(TypedDict):
    """What the ``verify`` run receives; it is also the run's traced input."""

    query: str
    documents: list[Document]
    top_n: int | None
    threshold: Threshold


def verification_step(verifier: Verifier, score_key: str) -> Runnable[VerificationRequest, list[Document]]:
    """A runnable that ranks the request's documents with ``verifier`` (sync and native async)."""

    def results(request: VerificationRequest, ranked: Sequence[tuple[int, Verdict]]) -> list[Document]:
        return [verified_document(request["documents"][index], verdict, score_key) for index, verdict in ranked]

    def texts(request: VerificationRequest) -> list[str]:
        return [document.page_content for document in request["documents"]]

    def run(request: VerificationRequest) -> list[Document]:
        ranked = verifier.rank(request["query"], texts(request), top_n=request["top_n"], threshold=request["threshold"])
        return results(request, ranked)

    async def arun(request: VerificationRequest) -> list[Document]:
        ranked = await verifier.arank(
            request["query"], texts(request), top_n=request["top_n"], threshold=request["threshold"]
        )
        return results(request, ranked)

    return RunnableLambda(run, afunc=arun, name=STEP_NAME)


def verify_documents(
    verifier: Verifier,
    query: str,
    documents: list[Document],
    *,
    top_n: int | None,
    threshold: Threshold,
    score_key: str,
    callbacks: Callbacks = None,
) -> list[Document]:
    """Verified copies of the accepted ``documents``, best first; ``[]`` for no input, without loading a model."""
    if not documents:
        return []
    request = VerificationRequest(query=query, documents=documents, top_n=top_n, threshold=threshold)
    return verification_step(verifier, score_key).invoke(request, config={"callbacks": callbacks})


async def averify_documents(
    verifier: Verifier,
    query: str,
    documents: list[Document],
    *,
    top_n: int | None,
    threshold: Threshold,
    score_key: str,
    callbacks: Callbacks = None,
) -> list[Document]:
    """Async twin of :func:`verify_documents`: scoring runs on the verifier's worker thread."""
    if not documents:
        return []
    request = VerificationRequest(query=query, documents=documents, top_n=top_n, threshold=threshold)
    return await verification_step(verifier, score_key).ainvoke(request, config={"callbacks": callbacks})
