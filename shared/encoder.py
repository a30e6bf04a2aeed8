"""Contextual token embeddings: the verifier's view of a text.

Each text becomes an (n_tokens, dim) matrix of L2-normalised last hidden states. [CLS], [SEP] and padding
are dropped on purpose: they carry sequence-level summaries, not words, and would match each other in
every pair and blur the similarity map. Texts longer than the encoder's window are covered by
overlapping windows and stitched back so that every token keeps the embedding from the window in
which it has the most context; nothing is cut off.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Callable, Sequence

import torch
import torch.nn.functional as F

from .batching import token_budget_batches
from .device import resolve_device
from .models_registry import canonical_encoder_name, load_sentence_transformer, weights_fingerprint
from .parties import party_tags
from .roles import role_tags
from .text import NUMBER_WORDS


@dataclass(frozen=True)
class EncodingSettings:
    """Settings that change the embeddings; they are part of every cache key."""

    max_length: int = 256
    overlap: int = 64
    version: int = 1

    def key(self) -> str:
        return ",".join(f"{name}={value}" for name, value in asdict(self).items())

    def __post_init__(self) -> None:
        if self.max_length < 8:
            raise ValueError(f"max_length={self.max_length} is too small; use at least 8 tokens.")
        if not 0 <= self.overlap < self.max_length - 2:
            raise ValueError(f"overlap={self.overlap} must be in [0, max_length - 2).")


@dataclass(frozen=True)
class Window:
    """A slice of one text's tokens fed to the encoder, and the part of it whose embeddings are kept."""

    text_index: int
    start: int
    token_ids: list[int]
    keep_from: int
    keep_to: int


class TokenEncoder:
    """Wraps a Hugging Face encoder and tokenizer to produce per-token embeddings for whole texts."""

    def __init__(
        self,
        model: torch.nn.Module,
        tokenizer,
        *,
        name: str,
        fingerprint: str,
        settings: EncodingSettings | None = None,
        device: torch.device | None = None,
    ) -> None:
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.name = name
        self.fingerprint = fingerprint
        self.settings = settings or EncodingSettings()
        self.device = device or torch.device("cpu")
        limit = getattr(getattr(model, "config", None), "max_position_embeddings", None)
        if limit is not None and self.settings.max_length > limit:
            self.settings = EncodingSettings(
                max_length=limit, overlap=min(self.settings.overlap, limit // 4), version=self.settings.version
            )
        self._lock = threading.Lock()
        self._digit_ids: dict[int, int] | None = None

    @classmethod
    def load(
        cls,
        name_or_path: str | None = None,
        *,
        device: str | torch.device | None = None,
        settings: EncodingSettings | None = None,
    ) -> "TokenEncoder":
        """Load a Hugging Face / sentence-transformers encoder by id or folder (default: all-MiniLM-L6-v2)."""
        resolved = resolve_device(device)
        transformer = load_sentence_transformer(name_or_path, resolved)[0]
        return cls(
            transformer.auto_model,
            transformer.tokenizer,
            name=canonical_encoder_name(name_or_path),
            fingerprint=weights_fingerprint(transformer.auto_model),
            settings=settings,
            device=resolved,
        )

    @property
    def dim(self) -> int:
        return int(self.model.config.hidden_size)

    @property
    def identity(self) -> str:
        """Names the exact embeddings this encoder produces: weights and settings."""
        return f"{self.name}@{self.fingerprint}|{self.settings.key()}"

    def token_ids(self, text: str) -> list[int]:
        """Word-piece ids without special tokens and without truncation."""
        return list(self.tokenizer(text, add_special_tokens=False, truncation=False, verbose=False)["input_ids"])

    def token_tags(
        self, text: str, *, roles: bool = False, number_values: bool = False, parties: bool = False
    ) -> torch.Tensor:
        """What map models that read tokens get per word piece, row for row with the token matrix: (L, 1)
        word-piece ids, plus the grammatical role columns of ``shared.roles`` when ``roles``. With
        ``number_values`` a number word carries its digits' id ("three" is "3"), so a spelling that says the same
        value is the same word piece and a changed value is not. With ``parties`` the last column is the party
        tag of ``shared.parties``, for an ensemble's counterparty check."""
        if (roles or parties) and not getattr(self.tokenizer, "is_fast", False):
            raise ValueError(
                f"{self.name} has no fast (Rust) tokenizer, and role and party tags need its character offsets: "
                "use a checkpoint trained without role_features and without a counterparty check with this encoder."
            )
        encoded = self.tokenizer(
            text, add_special_tokens=False, truncation=False, verbose=False, return_offsets_mapping=roles or parties
        )
        columns = [torch.tensor(encoded["input_ids"], dtype=torch.long)[:, None]]
        if number_values:
            columns[0] = self._number_value_ids(columns[0])
        if roles:
            columns.append(role_tags(text, encoded["offset_mapping"]))
        if parties:
            columns.append(party_tags(text, encoded["offset_mapping"])[:, None])
        return torch.cat(columns, dim=1)

    def _number_value_ids(self, ids: torch.Tensor) -> torch.Tensor:
        if self._digit_ids is None:
            vocabulary = self.tokenizer.get_vocab()
            self._digit_ids = {
                vocabulary[spelling]: vocabulary[str(value)]
                for word, value in NUMBER_WORDS.items()
                for spelling in (word, word.capitalize())
                if spelling in vocabulary and str(value) in vocabulary
            }
        return ids.apply_(lambda piece: self._digit_ids.get(piece, piece))

    def tokens(self, text: str) -> list[str]:
        """The word pieces that label rows and columns of a similarity map."""
        return self.tokenizer.convert_ids_to_tokens(self.token_ids(text))

    def windows(self, text_index: int, ids: list[int]) -> list[Window]:
        """Split one text's ids into overlapping windows that tile it exactly once when trimmed."""
        size = self.settings.max_length - 2
        if len(ids) <= size:
            return [Window(text_index, 0, ids, 0, len(ids))]
        half = self.settings.overlap // 2
        stride = size - self.settings.overlap
        windows = []
        start = 0
        while True:
            chunk = ids[start : start + size]
            last = start + size >= len(ids)
            keep_from = 0 if start == 0 else half
            keep_to = len(chunk) if last else size - half
            windows.append(Window(text_index, start, chunk, keep_from, keep_to))
            if last:
                return windows
            start += stride

    @torch.inference_mode()
    def encode(
        self,
        texts: Sequence[str],
        *,
        max_batch_tokens: int = 16384,
        progress: Callable[[int], None] | None = None,
    ) -> list[torch.Tensor]:
        """Return one float32 (n_tokens, dim) CPU tensor per text; empty texts give a (0, dim) tensor.

        ``progress`` is called with the number of texts finished after each batch, for progress bars.
        """
        all_windows: list[Window] = []
        for index, text in enumerate(texts):
            ids = self.token_ids(text)
            if ids:
                all_windows.extend(self.windows(index, ids))
        pieces: dict[int, list[tuple[int, torch.Tensor]]] = {}
        remaining = Counter(window.text_index for window in all_windows)
        if progress is not None and len(texts) > len(remaining):
            progress(len(texts) - len(remaining))  # empty texts are done already
        lengths = [len(window.token_ids) + 2 for window in all_windows]
        for batch in token_budget_batches(lengths, max_batch_tokens):
            windows = [all_windows[i] for i in batch]
            hidden = self._forward([w.token_ids for w in windows])
            finished = 0
            for row, window in enumerate(windows):
                kept = hidden[row, 1 + window.keep_from : 1 + window.keep_to]
                pieces.setdefault(window.text_index, []).append((window.start + window.keep_from, kept))
                remaining[window.text_index] -= 1
                finished += remaining[window.text_index] == 0
            if progress is not None and finished:
                progress(finished)
        empty = torch.zeros(0, self.dim)
        return [
            torch.cat([piece for _, piece in sorted(pieces[i], key=lambda item: item[0])]) if i in pieces else empty
            for i in range(len(texts))
        ]

    def _forward(self, id_lists: list[list[int]]) -> torch.Tensor:
        cls_id, sep_id = self.tokenizer.cls_token_id, self.tokenizer.sep_token_id
        pad_id = self.tokenizer.pad_token_id or 0
        width = max(len(ids) for ids in id_lists) + 2
        input_ids = torch.full((len(id_lists), width), pad_id, dtype=torch.long)
        attention = torch.zeros((len(id_lists), width), dtype=torch.long)
        for row, ids in enumerate(id_lists):
            sequence = [cls_id, *ids, sep_id]
            input_ids[row, : len(sequence)] = torch.tensor(sequence)
            attention[row, : len(sequence)] = 1
        with self._lock:
            output = self.model(input_ids=input_ids.to(self.device), attention_mask=attention.to(self.device))
        return F.normalize(output.last_hidden_state.float(), dim=-1).cpu()
