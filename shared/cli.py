"""The ``rag-verify`` command: demo, query, explain, bench, generate, train, ensemble and eval."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

CHECKPOINT_HELP = "verifier folder, or a shipped name: default (fast) or accurate (four map models and a passage reader, 1.2 to 1.6 times the time)"


def _demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    run_demo(sys.stdout, corpus=args.corpus, questions=args.questions, store=args.store, k=args.k)
    return 0


def _query(args: argparse.Namespace) -> int:
    from .chroma_store import open_collection, read_corpus, upsert_records
    from .demo import COLLECTION, compare, print_comparison
    from .verifier import Verifier

    collection = open_collection(args.store / "chroma", args.collection)
    if args.corpus is not None:
        upsert_records(collection, read_corpus(args.corpus))
    if collection.count() == 0:
        print(f"collection {args.collection!r} in {args.store} is empty; pass --corpus FILE.jsonl or run `rag-verify demo`.")
        return 2
    verifier = Verifier.from_pretrained(args.checkpoint, cache=args.store / "token-cache.sqlite")
    print_comparison(1, compare(collection, verifier, args.question, args.k), sys.stdout)
    return 0


def _explain(args: argparse.Namespace) -> int:
    from .verifier import Verifier

    explanation = Verifier.from_pretrained(args.checkpoint).explain(args.query, args.passage)
    print(explanation)
    print(f"heatmap written to {explanation.to_png(args.out)}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from .bench import run_benchmark

    run_benchmark(
        sys.stdout, passages=args.passages, tokens=args.tokens, repeats=args.repeats, threads=args.threads,
        checkpoint=args.checkpoint,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    from .demo import COLLECTION, DEFAULT_CORPUS, DEFAULT_QUESTIONS, DEFAULT_STORE

    parser = argparse.ArgumentParser(prog="rag-verify", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="dense vs verified retrieval over the embedded Chroma demo corpus")
    demo.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    demo.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    demo.add_argument("--store", type=Path, default=DEFAULT_STORE, help="folder for the Chroma collection and token cache")
    demo.add_argument("-k", type=int, default=4, help="how many passages dense retrieval recalls")
    demo.set_defaults(run=_demo)

    query = commands.add_parser("query", help="dense top-k vs verified top-k for one question over a local collection")
    query.add_argument("question")
    query.add_argument("--store", type=Path, default=DEFAULT_STORE)
    query.add_argument("--collection", default=COLLECTION)
    query.add_argument("--corpus", type=Path, default=None, help="JSONL {id, text, metadata} to add first")
    query.add_argument("--checkpoint", default=None, help=CHECKPOINT_HELP)
    query.add_argument("-k", type=int, default=5)
    query.set_defaults(run=_query)

    explain = commands.add_parser("explain", help="write the token similarity heatmap behind one verdict")
    explain.add_argument("query")
    explain.add_argument("passage")
    explain.add_argument("--out", type=Path, default=Path("explain.png"))
    explain.add_argument("--checkpoint", default=None, help=CHECKPOINT_HELP)
    explain.set_defaults(run=_explain)

    bench = commands.add_parser("bench", help="latency of verifier, MaxSim, encoding and a cross-encoder")
    bench.add_argument("--passages", type=int, default=50)
    bench.add_argument("--tokens", type=int, default=230)
    bench.add_argument("--repeats", type=int, default=20)
    bench.add_argument("--threads", type=int, default=2)
    bench.add_argument("--checkpoint", default=None, help=CHECKPOINT_HELP)
    bench.set_defaults(run=_bench)

    from .evaluation.command import add_eval_arguments
    from .generate.build import add_generate_arguments, run_generate
    from .training.command import add_ensemble_arguments, add_train_arguments

    generate = commands.add_parser("generate", help="write labelled near-miss and positive pairs as JSONL")
    add_generate_arguments(generate)
    generate.set_defaults(run=run_generate)
    add_train_arguments(commands.add_parser("train", help="train and calibrate a verifier checkpoint on CPU"))
    add_ensemble_arguments(
        commands.add_parser("ensemble", help="combine trained checkpoints into one scored by their mean logit, recalibrated")
    )
    add_eval_arguments(commands.add_parser("eval", help="evaluate verifiers against cosine and MaxSim baselines"))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except (FileNotFoundError, ValueError) as error:
        print(f"rag-verify {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
