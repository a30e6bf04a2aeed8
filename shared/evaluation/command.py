"""``rag-verify eval``: pair classification (``pairs``) and retrieval (``beir``: a BEIR folder or Cranfield's SMART files)
reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cache import EmbeddingCache
from ..pairs import read_pairs
from .beir import load_beir
from .cranfield import is_cranfield, load_cranfield
from .filtering import evaluate_filtering
from .pair_report import report_rows, to_markdown
from .retrieval import dense_candidates, evaluate_retrieval
from .scorers import build_scorers

DEFAULT_CACHE = Path(".rag-verify/cache/tokens.sqlite")


def _checkpoints(specs: list[str]) -> dict[str, str | None]:
    """``NAME=PATH`` pairs; with none given, the shipped verifier alone."""
    if not specs:
        return {"verifier": None}
    parsed = {}
    for spec in specs:
        name, sep, path = spec.partition("=")
        if not sep:
            raise ValueError(f"--checkpoint {spec!r}: write NAME=PATH, e.g. paper-f4=runs/f4.")
        parsed[name] = path or None
    return parsed


def add_eval_arguments(parser: argparse.ArgumentParser) -> None:
    modes = parser.add_subparsers(dest="mode", required=True)
    pairs = modes.add_parser("pairs", help="ROC-AUC, accuracy and false acceptance at 95%% recall, per edit type")
    pairs.add_argument("files", type=Path, nargs="+", help="JSONL with query, passage, label[, edit_type]")
    beir = modes.add_parser("beir", help="nDCG@10 and recall: dense, dense + MaxSim, dense + verifier")
    beir.add_argument("folder", type=Path, help="a BEIR folder, or a folder with Cranfield's cran.all.1400, cran.qry, cranqrel")
    beir.add_argument("--split", default="test")
    beir.add_argument("--depth", type=int, default=50, help="how many dense candidates to re-rank")
    beir.add_argument(
        "--filter-depth", type=int, default=10, help="how many dense candidates each verifier accepts or rejects (default 10)"
    )
    for mode in (pairs, beir):
        mode.add_argument(
            "--checkpoint", action="append", default=[], metavar="NAME=PATH",
            help="verifier checkpoints to compare (repeatable; NAME= alone means the shipped one)",
        )
        mode.add_argument(
            "--cache", type=Path, default=DEFAULT_CACHE, help=f"SQLite file of cached token embeddings (default {DEFAULT_CACHE})"
        )
    parser.set_defaults(run=run_eval)


def run_eval(args: argparse.Namespace) -> int:
    cache = EmbeddingCache(args.cache)
    scorers = build_scorers(_checkpoints(args.checkpoint), cache=cache, with_rank_scores=args.mode == "beir")
    if args.mode == "pairs":
        files = {path: read_pairs(path) for path in args.files}
        texts = sorted({text for pairs in files.values() for p in pairs for text in (p.query, p.passage)})
        for scorer in scorers:  # one pass in large batches: scoring goes query by query, with a passage or two each
            if scorer.index is not None:
                scorer.index(texts)
        for path, pairs in files.items():
            rows = []
            for scorer in scorers:
                scores = scorer.score_pairs([p.query for p in pairs], [p.passage for p in pairs])
                rows += report_rows(scorer.name, pairs, scores, scorer.threshold)
            print(f"\n### {path} ({len(pairs)} pairs)\n")
            print(to_markdown(rows))
        return 0
    data = load_cranfield(args.folder) if is_cranfield(args.folder) else load_beir(args.folder, args.split)
    rerankers = {s.name: s.order for s in scorers if s.name != "pooled cosine"}
    index = next((s.index for s in scorers if s.index is not None), None)
    candidates = dense_candidates(data, depth=max(args.depth, args.filter_depth))
    evaluate_retrieval(data, rerankers, sys.stdout, depth=args.depth, index=index, candidates=candidates)
    filters = {s.name: s.accept for s in scorers if s.accept is not None}
    evaluate_filtering(data, candidates, filters, sys.stdout, depth=args.filter_depth)
    return 0
