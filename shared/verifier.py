"""The public verifier: recall comes from any retriever; this decides which candidates really match.

Loading is lazy and thread-safe: constructing a ``Verifier`` reads only the small JSON config, so
frameworks can build retrievers at import time, and an empty candidate list never loads a model.
All scoring runs under ``torch.inference_mode`` in token-budget batches. Async methods run the same
code on one dedicated worker thread: the event loop stays free, and concurrent calls do not fight
over the CPU's few cores.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Sequence, TypeVar

import torch

from .batching import token_budget_batches
from .cache import EmbeddingCache
from .cached_encoder import CacheSpec, CachedEncoder, make_cache
from .checkpoint import DEFAULT_CHECKPOINT, CheckpointConfig, load_checkpoint, restore_map_model
from .device import resolve_device
from .encoder import EncodingSettings, TokenEncoder
from .explain import Explanation
from .map_models import MapModel
from .models_registry import canonical_encoder_name
from .similarity import masked_maxsim, pad, pad_ids, rank_scores, similarity_map
from .text import check_passages, normalize_query
from .verdict import CALIBRATED, VERIFICATION_WEIGHT, Threshold, Verdict, accepted_best_first, resolve_threshold

T = TypeVar("T")
_shared: dict[str, "Verifier"] = {}
_shared_lock = threading.Lock()
Loader = Callable[[], tuple[TokenEncoder, MapModel]]
#: Token tags (word-piece ids, and roles if the model reads them) kept per text: tokenising 50 long passages
#: costs about as much as scoring them, and parsing them more, so passages seen before (the usual case
#: behind a retriever) skip both.
_IDS_CACHE_SIZE = 20000


class EncoderMismatchError(ValueError):
    """The map model was trained on another encoder's similarity maps; its scores would be meaningless."""


class Verifier:
    """Scores whether passages state what a query asks or claims, rejecting structural near-misses."""

    def __init__(
        self,
        config: CheckpointConfig,
        loader: Loader,
        *,
        cache: CacheSpec = None,
        max_batch_tokens: int = 16384,
    ) -> None:
        self.config = config
        self._loader = loader
        self._cache = make_cache(cache)
        self.max_batch_tokens = max_batch_tokens
        self._lock = threading.Lock()
        self._encoder: CachedEncoder | None = None
        self._map_model: MapModel | None = None
        self._token_ids: Callable[[str], torch.Tensor] | None = None
        self._executor: ThreadPoolExecutor | None = None
        #: Where the checkpoint came from (a shipped name or a folder); None when built from live objects.
        self.source: str | None = None

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_pretrained(
        cls,
        path_or_name: str | Path | None = None,
        *,
        device: str | torch.device | None = None,
        cache: CacheSpec = None,
        encoder: str | None = None,
    ) -> "Verifier":
        """Load the shipped checkpoint (``None``), a shipped name, or a folder written by ``rag-verify train``.

        ``encoder`` overrides where the encoder weights come from (a hub id or local folder); it must be
        the encoder the checkpoint was trained on, which is checked by weights fingerprint on first use.
        ``cache`` is ``None`` (in-memory), a path for a persistent SQLite sidecar, or an ``EmbeddingCache``.
        """
        config, state = load_checkpoint(path_or_name)
        source = encoder or config.encoder

        def load() -> tuple[TokenEncoder, MapModel]:
            token_encoder = TokenEncoder.load(source, device=device, settings=EncodingSettings(**config.encoding))
            if token_encoder.fingerprint != config.encoder_fingerprint:
                raise EncoderMismatchError(
                    f"this verifier was trained on encoder {config.encoder!r} (weights {config.encoder_fingerprint}), "
                    f"but {canonical_encoder_name(source)!r} has weights {token_encoder.fingerprint}. Load the "
                    "checkpoint with its own encoder, or train one for yours with `rag-verify train --encoder ...`."
                )
            map_model = restore_map_model(config, state, path_or_name)
            return token_encoder, map_model.to(token_encoder.device).eval()

        verifier = cls(config, load, cache=cache)
        verifier.source = str(path_or_name) if path_or_name is not None else DEFAULT_CHECKPOINT
        return verifier

    @classmethod
    def shared(cls, path_or_name: str | Path | None = None) -> "Verifier":
        """One verifier per checkpoint per process, so every retriever and postprocessor built without an
        explicit verifier shares its models and token cache instead of loading its own."""
        key = str(path_or_name) if path_or_name is not None else DEFAULT_CHECKPOINT
        with _shared_lock:
            if key not in _shared:
                _shared[key] = cls.from_pretrained(path_or_name)
            return _shared[key]

    @classmethod
    def from_components(
        cls,
        encoder: TokenEncoder,
        map_model: MapModel,
        *,
        config: CheckpointConfig | None = None,
        cache: CacheSpec = None,
    ) -> "Verifier":
        """Assemble a verifier from live objects: used by training, and by tests with tiny models."""
        config = config or CheckpointConfig(
            encoder=encoder.name,
            encoder_fingerprint=encoder.fingerprint,
            encoding=vars(encoder.settings).copy(),
            map_model=map_model.config(),
        )
        return cls(config, lambda: (encoder, map_model.eval()), cache=cache)

    def __deepcopy__(self, memo: dict) -> "Verifier":
        # Frameworks deep-copy their components (pydantic defaults, chain configs); a verifier is a shared,
        # read-only resource, and copying it would reload models.
        return self

    # ------------------------------------------------------------------ lazy loading
    @property
    def threshold(self) -> float:
        """The calibrated default threshold stored with the checkpoint."""
        return self.config.threshold

    @property
    def cache(self) -> EmbeddingCache:
        """The token-embedding cache; share it with other scorers over the same encoder."""
        return self._cache

    @property
    def is_loaded(self) -> bool:
        return self._map_model is not None

    def _components(self) -> tuple[CachedEncoder, MapModel]:
        if self._map_model is None:
            with self._lock:
                if self._map_model is None:
                    encoder, map_model = self._loader()
                    self._encoder = CachedEncoder(encoder, self._cache, max_batch_tokens=self.max_batch_tokens)
                    if map_model.uses_token_ids:
                        self._token_ids = functools.lru_cache(maxsize=_IDS_CACHE_SIZE)(
                            functools.partial(encoder.token_tags, **map_model.tag_options())
                        )
                    self._map_model = map_model
        assert self._encoder is not None
        return self._encoder, self._map_model

    @property
    def encoder(self) -> TokenEncoder:
        return self._components()[0].encoder

    def warmup(self) -> "Verifier":
        """Load the models and run one tiny pair, so the first real request pays no start-up cost."""
        self.score("warm up", ["warm up"])
        return self

    # ------------------------------------------------------------------ scoring
    def index(self, passages: Sequence[str], *, progress: bool = True) -> int:
        """Encode passages into the cache ahead of queries (at indexing time); returns how many were given."""
        texts = check_passages(passages)
        if texts:
            self._components()[0].embed(texts, progress=progress, description="indexing passages")
        return len(texts)

    def score(self, query: str, passages: Sequence[str]) -> list[float]:
        """Calibrated probability, per passage, that it states what the query asks or claims."""
        return [verdict.score for verdict in self.verify(query, passages, threshold=None)]

    def verify(self, query: str, passages: Sequence[str], *, threshold: Threshold = CALIBRATED) -> list[Verdict]:
        """Score each passage and decide acceptance at ``threshold`` (default: the calibrated one)."""
        query = normalize_query(query)
        texts = check_passages(passages)
        cutoff = resolve_threshold(threshold, self.threshold)
        if not texts:
            return []
        probabilities, maxsims, relevances = self._score(query, texts)
        return [
            Verdict(
                score=p,
                accepted=cutoff is None or p >= cutoff,
                maxsim=m,
                rank_score=r + VERIFICATION_WEIGHT * p,
                threshold=cutoff,
            )
            for p, m, r in zip(probabilities, maxsims, relevances)
        ]

    def rank(
        self,
        query: str,
        passages: Sequence[str],
        *,
        top_n: int | None = None,
        threshold: Threshold = CALIBRATED,
    ) -> list[tuple[int, Verdict]]:
        """Indices of accepted passages with their verdicts, highest ``rank_score`` first: threshold first, then
        ``top_n``. ``threshold=None`` keeps every passage and only re-ranks: a rejected near-miss falls below its
        true clause, and a relevant passage the verifier cannot confirm keeps its place among the relevant ones.

        Ties keep the input order, so the first-stage ranking breaks them.
        """
        if top_n is not None and top_n < 0:
            raise ValueError(f"top_n must be >= 0 or None, got {top_n}.")
        return accepted_best_first(self.verify(query, passages, threshold=threshold), top_n)

    def explain(self, query: str, passage: str) -> Explanation:
        """The token map behind one verdict; ``.to_png(path)`` draws it."""
        query = normalize_query(query)
        (passage,) = check_passages([passage])
        verdict = self.verify(query, [passage])[0]
        cached, _ = self._components()
        q, p = cached.embed([query, passage])
        return Explanation(
            query=query,
            passage=passage,
            query_tokens=cached.encoder.tokens(query),
            passage_tokens=cached.encoder.tokens(passage),
            similarity=(q @ p.T).numpy(),
            verdict=verdict,
        )

    @torch.inference_mode()
    def _score(self, query: str, passages: list[str]) -> tuple[list[float], list[float], list[float]]:
        cached, map_model = self._components()
        query_tokens, *passage_tokens = cached.embed([query, *passages])
        if query_tokens.shape[0] == 0:
            raise ValueError(f"query {query!r} has no tokens the encoder recognises; pass words, not only symbols.")
        probabilities = [0.0] * len(passages)
        maxsims = [0.0] * len(passages)
        relevances = [0.0] * len(passages)
        scorable = [i for i, tokens in enumerate(passage_tokens) if tokens.shape[0] > 0]
        lengths = [passage_tokens[i].shape[0] for i in scorable]
        device = cached.encoder.device
        token_ids = [self._token_ids(text) for text in (query, *passages)] if self._token_ids is not None else None
        query_on_device = query_tokens.to(device)
        for batch in token_budget_batches(lengths, self.max_batch_tokens):
            rows = [scorable[b] for b in batch]
            padded, passage_mask = pad([passage_tokens[r] for r in rows], query_tokens.shape[1])
            queries = query_tokens[None].expand(len(rows), -1, -1)
            query_mask = torch.ones(queries.shape[:2], dtype=torch.bool)
            queries, query_mask, padded, passage_mask = (
                t.to(device) for t in (queries, query_mask, padded, passage_mask)
            )
            sim = similarity_map(query_on_device, padded)
            ids = None
            if token_ids is not None:
                ids = (
                    pad_ids([token_ids[0]] * len(rows), fill=-1).to(device),
                    pad_ids([token_ids[1 + r] for r in rows], fill=-2).to(device),
                )
            logits = map_model(queries, query_mask, padded, passage_mask, sim, ids=ids)
            scores = self.config.calibration.apply(logits).cpu()
            batch_maxsims = masked_maxsim(sim, query_mask, passage_mask)
            batch_relevances = rank_scores(query_on_device, padded, passage_mask, batch_maxsims)
            results = zip(rows, scores.tolist(), batch_maxsims.tolist(), batch_relevances.tolist())
            for row, score, maxsim, relevance in results:
                probabilities[row], maxsims[row], relevances[row] = float(score), float(maxsim), float(relevance)
        return probabilities, maxsims, relevances

    # ------------------------------------------------------------------ async
    async def _run(self, function: Callable[..., T], *args, **kwargs) -> T:
        if self._executor is None:
            with self._lock:
                if self._executor is None:
                    self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rag-verify")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(function, *args, **kwargs))

    async def ascore(self, query: str, passages: Sequence[str]) -> list[float]:
        return await self._run(self.score, query, passages)

    async def averify(self, query: str, passages: Sequence[str], *, threshold: Threshold = CALIBRATED) -> list[Verdict]:
        return await self._run(self.verify, query, passages, threshold=threshold)

    async def arank(
        self,
        query: str,
        passages: Sequence[str],
        *,
        top_n: int | None = None,
        threshold: Threshold = CALIBRATED,
    ) -> list[tuple[int, Verdict]]:
        return await self._run(self.rank, query, passages, top_n=top_n, threshold=threshold)
