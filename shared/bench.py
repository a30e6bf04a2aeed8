"""Latency benchmark: the verifier against MaxSim, uncached encoding and a same-size cross-encoder.

Every figure is measured in the same run on the same machine and reported as a ratio to the
cross-encoder, because absolute milliseconds on a shared 2-core box drift from run to run.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Callable, TextIO

import torch
from transformers import BertConfig, BertForSequenceClassification

from .map_models import build_map_model
from .maxsim import MaxSimScorer
from .verifier import Verifier

QUERY = "Does the Licensee indemnify the Licensor against third-party claims arising from its use of the Software?"
_SENTENCES = [
    "The Licensee shall indemnify, defend and hold harmless the Licensor from any third-party claim.",
    "Payment of each invoice is due within thirty days of receipt, and late amounts bear interest.",
    "Confidentiality obligations survive for five years after termination of this Agreement.",
    "The Tenant may not sublet the Premises without the prior written consent of the Landlord.",
    "Close the inlet valve before opening the drain valve to release the pressure safely.",
    "Customer personal data must be deleted no later than ninety days after the account is closed.",
    "If monthly availability falls below the committed level, the Provider shall credit the Customer.",
    "Tighten the cylinder head bolts in a crosswise sequence, starting from the centre.",
]


@dataclass(frozen=True)
class Timing:
    name: str
    median_ms: float


def make_passages(verifier: Verifier, count: int, tokens: int) -> list[str]:
    """``count`` distinct passages of about ``tokens`` word pieces each, built from clause-like sentences."""
    passages = []
    for index in range(count):
        words: list[str] = [f"Section {index + 1}."]
        sentence = index
        while len(verifier.encoder.token_ids(" ".join(words))) < tokens:
            words.append(_SENTENCES[sentence % len(_SENTENCES)])
            sentence += 1
        passages.append(" ".join(words))
    return passages


def median_ms(function: Callable[[int], object], repeats: int) -> float:
    function(-1)
    samples = []
    for repeat in range(repeats):
        started = time.perf_counter()
        function(repeat)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def run_benchmark(
    out: TextIO,
    *,
    passages: int = 50,
    tokens: int = 230,
    repeats: int = 20,
    threads: int = 2,
    checkpoint: str | None = None,
) -> list[Timing]:
    torch.set_num_threads(threads)
    verifier = Verifier.from_pretrained(checkpoint).warmup()
    encoder = verifier.encoder
    texts = make_passages(verifier, passages, tokens)
    verifier.index(texts, progress=False)
    maxsim = MaxSimScorer(encoder, cache=verifier.cache)
    paper = Verifier.from_components(encoder, build_map_model("paper-f4"), cache=verifier.cache)
    # Same shape as the encoder (6 layers, 384 wide), random weights: only its speed is measured.
    cross_encoder = BertForSequenceClassification(BertConfig(**{**encoder.model.config.to_dict(), "num_labels": 1})).eval()
    pair_inputs = encoder.tokenizer([QUERY] * len(texts), texts, truncation=True, max_length=512, padding=True, return_tensors="pt")

    def cross(_: int) -> None:
        with torch.inference_mode():
            cross_encoder(**pair_inputs)

    timings = [
        Timing("verifier, cached passages, new query each call", median_ms(lambda r: verifier.score(f"{QUERY} ({r})", texts), repeats)),
        Timing("verifier, cached passages and query", median_ms(lambda r: verifier.score(QUERY, texts), repeats)),
        Timing("paper-F4 map model, cached passages and query", median_ms(lambda r: paper.score(QUERY, texts), repeats)),
        Timing("MaxSim, cached passages and query", median_ms(lambda r: maxsim.score(QUERY, texts), repeats)),
        Timing("encode the passages (uncached path)", median_ms(lambda r: encoder.encode(texts), max(3, repeats // 4))),
        Timing("cross-encoder (6-layer MiniLM-shaped BERT)", median_ms(cross, max(3, repeats // 4))),
    ]
    reference = timings[-1].median_ms
    print(f"{passages} passages of ~{tokens} tokens, 1 query, {threads} threads, median of {repeats} runs", file=out)
    print(f"{'what':<50}{'ms':>9}{'x faster than cross-encoder':>30}", file=out)
    for timing in timings:
        print(f"{timing.name:<50}{timing.median_ms:>9.1f}{reference / timing.median_ms:>30.1f}", file=out)
    return timings
