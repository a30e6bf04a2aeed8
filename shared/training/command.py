"""``rag-verify train``: arguments and the call into the training pipeline."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..pairs import read_pairs
from .loop import LoopSettings
from .pipeline import DEFAULT_CACHE, train_verifier


def add_train_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--train", type=Path, required=True, nargs="+", help="JSONL pairs to train on")
    parser.add_argument("--dev", type=Path, required=True, nargs="+", help="JSONL pairs for calibration")
    parser.add_argument("--out", type=Path, required=True, help="checkpoint folder to write")
    parser.add_argument("--model", default="alignment", help="map model: alignment (ours) or paper-f4")
    parser.add_argument("--encoder", default=None, help="encoder id or folder (default all-MiniLM-L6-v2)")
    parser.add_argument("--epochs", type=int, default=LoopSettings.epochs)
    parser.add_argument("--batch-size", type=int, default=LoopSettings.batch_size)
    parser.add_argument("--lr", type=float, default=LoopSettings.learning_rate)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-budget", type=float, default=None, help="stop training after this many seconds")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="token-embedding cache file")
    parser.set_defaults(run=run_train)


def run_train(args: argparse.Namespace) -> int:
    train = [pair for path in args.train for pair in read_pairs(path)]
    dev = [pair for path in args.dev for pair in read_pairs(path)]
    settings = LoopSettings(
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.lr,
        seed=args.seed,
        time_budget_s=args.time_budget,
    )
    config = train_verifier(
        train, dev, args.out, model_name=args.model, encoder=args.encoder, settings=settings, cache_path=args.cache
    )
    print(json.dumps(config.training, indent=2))
    print(f"checkpoint written to {args.out}")
    return 0
