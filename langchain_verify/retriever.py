"""``VerifyingRetriever``: wrap the retriever you already have; recall with it, keep what the verifier accepts."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForRetrieverRun, CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever, RetrieverLike
from langchain_core.vectorstores import VectorStore
from pydantic import Field, field_validator, model_validator

from shared import CALIBRATED, Threshold, Verifier, normalize_query

from .documents import check_documents
from .verification import averify_documents, check_count, check_threshold, load_verifier, verify_documents

#: Per-call options the retriever consumes itself; any other keyword goes to the base retriever.
_OWN_OPTIONS = ("k", "fetch_k", "score_threshold")


@dataclass(frozen=True)
class _Call:
    """One call's resolved options: how many to keep, the threshold, and what to forward to the base."""

    k: int
    threshold: Threshold
    recall_kwargs: dict[str, Any]


def _accepts_kwargs(base: RetrieverLike, names: set[str]) -> bool:
    """Whether ``base.invoke(query, **kwargs)`` reaches a retrieval method that takes these names.

    ``BaseRetriever.invoke`` only forwards keywords when ``_get_relevant_documents`` declares extra
    parameters; other runnables would pass them to functions that do not expect them.
    """
    if not isinstance(base, BaseRetriever):
        return False
    parameters = inspect.signature(base._get_relevant_documents).parameters
    if any(parameter.kind is inspect.Parameter.VAR_KEYWORD for parameter in parameters.values()):
        return True
    return names <= parameters.keys()


def _recall_kwargs(base: RetrieverLike, k: int, fetch_k: int | None, extra: dict[str, Any]) -> dict[str, Any]:
    """Keywords for the base call: ``fetch_k`` becomes the base's own ``k``, other keywords pass through."""
    kwargs = dict(extra)
    if fetch_k is not None:
        if fetch_k < k:
            raise ValueError(
                f"fetch_k={fetch_k} is smaller than k={k}; recall at least as many candidates as you keep."
            )
        kwargs["k"] = fetch_k
    if kwargs and not _accepts_kwargs(base, set(kwargs)):
        raise ValueError(
            f"base_retriever {base.get_name()!r} cannot take {sorted(kwargs)} per call. Set how many candidates "
            "it returns on the base itself (e.g. vectorstore.as_retriever(search_kwargs={'k': 20})) and leave "
            "fetch_k unset."
        )
    return kwargs


class VerifyingRetriever(BaseRetriever):
    """Recall candidates with ``base_retriever``, then keep the ``k`` best that the verifier accepts.

    Dense retrievers rank structural near-misses ("the Licensor indemnifies the Licensee" for a
    question about the Licensee indemnifying) as high as the true passage; the verifier reads both at
    token level and rejects the one that does not state what the query asks.

    Results are new ``Document``s in the verifier's ``rank`` order, with ``id`` and metadata kept, the
    verifier's probability under ``score_key``, a first-stage score already under that key moved to
    ``first_stage_score``, and the compact verdict under ``verdict``. ``invoke(query, k=...,
    fetch_k=..., score_threshold=...)`` overrides the fields for one call; other keywords go to the base.
    """

    base_retriever: RetrieverLike
    """Any retriever, or runnable returning documents, e.g. ``vectorstore.as_retriever(search_kwargs={"k": 20})``."""
    verifier: Verifier = Field(default_factory=Verifier.shared)
    """The verifier, or the name of a shipped checkpoint (``"default"``, ``"accurate"``) or a checkpoint folder;
    defaults to the shipped default (shared by every adapter in the process)."""
    k: int = Field(default=4, ge=1)
    """How many verified documents to return at most."""
    fetch_k: int | None = Field(default=None, ge=1)
    """How many candidates to recall, forwarded to the base as its ``k``; ``None`` leaves the base's own setting."""
    score_threshold: Threshold = CALIBRATED
    """Minimum verified probability: ``"calibrated"`` (the checkpoint's), a float in [0, 1], or ``None`` (no filter)."""
    score_key: str = "relevance_score"
    """Metadata key for the verified score."""

    @field_validator("base_retriever", mode="before")
    @classmethod
    def _reject_vectorstore(cls, value: Any) -> Any:
        if isinstance(value, VectorStore):
            raise ValueError(
                "base_retriever is a vector store, not a retriever; use VerifyingRetriever.from_vectorstore(store) "
                "or pass store.as_retriever(search_kwargs={'k': 20})."
            )
        return value

    @field_validator("verifier", mode="before")
    @classmethod
    def _load_verifier(cls, value: Any) -> Any:
        return load_verifier(value)

    @field_validator("score_threshold")
    @classmethod
    def _check_threshold(cls, value: Threshold) -> Threshold:
        return check_threshold(value)

    @model_validator(mode="after")
    def _check_recall(self) -> VerifyingRetriever:
        _recall_kwargs(self.base_retriever, self.k, self.fetch_k, {})
        return self

    @classmethod
    def from_vectorstore(
        cls,
        vectorstore: VectorStore,
        verifier: Verifier | str | None = None,
        *,
        fetch_k: int = 20,
        search_type: str = "similarity",
        search_kwargs: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> VerifyingRetriever:
        """Recall ``fetch_k`` candidates from ``vectorstore`` and verify them; other keywords set the fields."""
        base = vectorstore.as_retriever(search_type=search_type, search_kwargs=dict(search_kwargs or {}))
        return cls(base_retriever=base, verifier=verifier, fetch_k=fetch_k, **kwargs)

    def _call(self, query: str, kwargs: dict[str, Any]) -> _Call:
        """Resolve one call's options, failing before recall on a bad query or option."""
        normalize_query(query)
        extra = {name: value for name, value in kwargs.items() if name not in _OWN_OPTIONS}
        k = check_count(kwargs.get("k", self.k), "k", allow_none=False)
        fetch_k = check_count(kwargs.get("fetch_k", self.fetch_k), "fetch_k", allow_none=True)
        threshold = check_threshold(kwargs.get("score_threshold", self.score_threshold))
        return _Call(k=k, threshold=threshold, recall_kwargs=_recall_kwargs(self.base_retriever, k, fetch_k, extra))

    def _source(self) -> str:
        return f"output of base_retriever {self.base_retriever.get_name()!r}"

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        call = self._call(query, kwargs)
        candidates = self.base_retriever.invoke(
            query, config={"callbacks": run_manager.get_child("recall")}, **call.recall_kwargs
        )
        return verify_documents(
            self.verifier,
            query,
            check_documents(candidates, self._source()),
            top_n=call.k,
            threshold=call.threshold,
            score_key=self.score_key,
            callbacks=run_manager.get_child("verify"),
        )

    async def _aget_relevant_documents(
        self, query: str, *, run_manager: AsyncCallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        call = self._call(query, kwargs)
        candidates = await self.base_retriever.ainvoke(
            query, config={"callbacks": run_manager.get_child("recall")}, **call.recall_kwargs
        )
        return await averify_documents(
            self.verifier,
            query,
            check_documents(candidates, self._source()),
            top_n=call.k,
            threshold=call.threshold,
            score_key=self.score_key,
            callbacks=run_manager.get_child("verify"),
        )
