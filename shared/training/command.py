"""``rag-verify train``: arguments and the call into the training pipeline."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from ..pairs import Pair, read_pairs
from .compose import compose_checkpoints
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
    parser.add_argument(
        "--seed",
        type=int,
        nargs="+",
        default=[0],
        help="random seed; give several (e.g. --seed 1 0) to train one map model per seed and score with their mean",
    )
    parser.add_argument("--time-budget", type=float, default=None, help="stop training after this many seconds (each seed's)")
    parser.add_argument(
        "--structure-weight",
        type=float,
        default=LoopSettings.structure_weight,
        help="weight of the auxiliary loss on the structure logit alone (0 turns it off)",
    )
    parser.add_argument(
        "--pairwise-weight",
        type=float,
        default=LoopSettings.pairwise_weight,
        help="weight of a ranking loss that puts each negative below a positive sharing its query or passage "
        "(0 turns it off)",
    )
    parser.add_argument(
        "--ema-decay",
        type=float,
        default=None,
        help="end on an exponential moving average of the weights with this decay (e.g. 0.999; off by default)",
    )
    parser.add_argument(
        "--oversample",
        action="append",
        default=[],
        metavar="SOURCE=K",
        help="repeat the training pairs of one data source K times (e.g. paws_wiki=2); may be given more than once",
    )
    parser.add_argument(
        "--mirror",
        action="append",
        default=[],
        metavar="SOURCE",
        help="also train on the pairs of this source with query and passage swapped (for symmetric relations "
        "such as paws_wiki's paraphrase / not; pairs with added context or mined passages are not mirrored)",
    )
    parser.add_argument(
        "--hparam",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="map-model hyperparameter, e.g. width=96 (JSON value); may be given more than once",
    )
    parser.add_argument(
        "--conflict-floor",
        type=_floor,
        default=None,
        metavar="auto|VALUE",
        help="bound what a detected conflict costs when scoring: 'auto' sets it a margin below the dev split's "
        "95%%-recall cut (alignment model only)",
    )
    parser.add_argument(
        "--init",
        type=Path,
        default=None,
        metavar="CHECKPOINT",
        help="start from this trained single-model checkpoint's weights instead of fresh ones (its map model "
        "settings are kept, so --model and --hparam do not apply, except --hparam passage_layers=N, which grows N "
        "cross-attention layers onto it); FOLDER#N takes member N of an ensemble",
    )
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="token-embedding cache file")
    parser.set_defaults(run=run_train)


def _floor(value: str) -> float | str:
    if value == "auto":
        return value
    try:
        return float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected 'auto' or a number, got {value!r}") from None


def parse_oversample(specs: list[str]) -> dict[str, int]:
    factors = {}
    for spec in specs:
        source, _, factor = spec.partition("=")
        if not source or not factor.isdigit() or int(factor) < 1:
            raise SystemExit(f"--oversample expects SOURCE=K with a whole K >= 1, got {spec!r}")
        factors[source] = int(factor)
    return factors


def oversample(pairs: list[Pair], factors: dict[str, int]) -> list[Pair]:
    """Repeat pairs whose source (before any "+context"/"+mined" suffix) is named in ``factors``."""
    return [pair for pair in pairs for _ in range(factors.get(pair.source.split("+")[0], 1))]


def mirror(pairs: list[Pair], sources: list[str]) -> list[Pair]:
    """Add each pair of the named sources once more with its two sides swapped. Only sources whose relation
    holds both ways qualify, and only pairs as the source wrote them: a "+context" passage is longer than its
    query on purpose."""
    wanted = set(sources)
    return pairs + [replace(pair, query=pair.passage, passage=pair.query) for pair in pairs if pair.source in wanted]


def parse_hparams(specs: list[str]) -> dict[str, object]:
    hparams = {}
    for spec in specs:
        name, _, value = spec.partition("=")
        if not name or not value:
            raise SystemExit(f"--hparam expects NAME=VALUE, got {spec!r}")
        try:
            hparams[name] = json.loads(value)
        except json.JSONDecodeError:
            hparams[name] = value
    return hparams


def run_train(args: argparse.Namespace) -> int:
    hparams = parse_hparams(args.hparam)
    if args.init is not None and (set(hparams) - {"passage_layers"} or args.model != "alignment"):
        raise SystemExit(
            "--init keeps the map model of the checkpoint it starts from; drop --model and every --hparam but "
            "passage_layers (which grows that many cross-attention layers onto it)."
        )
    train = [pair for path in args.train for pair in read_pairs(path)]
    train = oversample(mirror(train, args.mirror), parse_oversample(args.oversample))
    dev = [pair for path in args.dev for pair in read_pairs(path)]
    settings = LoopSettings(
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.lr,
        seed=args.seed[0],
        time_budget_s=args.time_budget,
        structure_weight=args.structure_weight,
        ema_decay=args.ema_decay,
        pairwise_weight=args.pairwise_weight,
    )
    config = train_verifier(
        train,
        dev,
        args.out,
        model_name=args.model,
        hparams=hparams,
        encoder=args.encoder,
        settings=settings,
        cache_path=args.cache,
        conflict_floor=args.conflict_floor,
        seeds=args.seed,
        init=args.init,
    )
    print(json.dumps(config.training, indent=2))
    print(f"checkpoint written to {args.out}")
    return 0


def add_ensemble_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "checkpoints",
        nargs="+",
        help="checkpoint folders written by `rag-verify train`; FOLDER#2,3 takes only members 2 and 3 of an ensemble",
    )
    parser.add_argument("--dev", type=Path, required=True, nargs="+", help="JSONL pairs to calibrate the combined score on")
    parser.add_argument("--out", type=Path, required=True, help="checkpoint folder to write")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="token-embedding cache file")
    parser.add_argument(
        "--passage-window",
        type=int,
        default=None,
        metavar="N",
        help="members and checks with passage layers read only passage tokens within N of a query token's match "
        "(cheaper on long passages; default: every token, as they were trained)",
    )
    parser.add_argument(
        "--counterparty-check",
        default=None,
        metavar="FOLDER",
        help="a checkpoint trained on one party put in place of its counterpart (FOLDER#N: member N); it scores only "
        "pairs where one text names a party and the other its counterpart instead, and there caps the mean logit",
    )
    parser.add_argument(
        "--reorder-check",
        default=None,
        metavar="FOLDER",
        help="a passage reader (FOLDER#N: member N) that scores only pairs sharing nearly all their word pieces, where "
        "word order alone tells a paraphrase from a near-miss, and there moves the mean logit towards its own",
    )
    parser.add_argument(
        "--reorder-share",
        type=float,
        default=0.8,
        help="with --reorder-check: the share of word pieces two texts must have in common to be asked (default 0.8)",
    )
    parser.add_argument(
        "--reorder-weight",
        type=float,
        default=0.35,
        help="with --reorder-check: how far the mean logit moves towards the reader's (default 0.35)",
    )
    parser.set_defaults(run=run_ensemble)


def run_ensemble(args: argparse.Namespace) -> int:
    dev = [pair for path in args.dev for pair in read_pairs(path)]
    config = compose_checkpoints(
        args.checkpoints,
        dev,
        args.out,
        cache_path=args.cache,
        passage_window=args.passage_window,
        counterparty_check=args.counterparty_check,
        reorder_check=args.reorder_check,
        reorder_share=args.reorder_share,
        reorder_weight=args.reorder_weight,
    )
    print(json.dumps({"members": len(config.map_model["members"]), **config.training["dev_metrics"]}, indent=2))
    print(f"checkpoint written to {args.out}")
    return 0
