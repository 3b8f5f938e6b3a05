"""``train``, ``evaluate`` and ``cv``: the model's commands, a few lines over library calls.

torch and transformers are imported inside the handlers, so ``conflict-ie validate`` and the
other light commands start without them.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model.errors import InputError, ModelLoadError
from model.labels import parse_labels
from service.settings import get_settings
from training.config import TrainConfig
from training.corpus import load_documents, load_training_data, load_transfer, write_documents
from training.registry import current_path

if TYPE_CHECKING:
    from model.extractor import Extractor
    from training.evaluate import Scores

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    settings = get_settings()
    train = subparsers.add_parser("train", help="fine-tune the span tagger, make it current")
    train.add_argument("--data", type=Path, default=settings.annotations_dir)
    train.add_argument("--out", type=Path, default=settings.models_dir, help="models folder")
    train.add_argument("--if-missing", action="store_true", help="do nothing if OUT/current loads")
    _add_config_options(train)
    train.set_defaults(handler=run_train)

    evaluate = subparsers.add_parser("evaluate", help="span-level P/R/F1 of a model on data")
    evaluate.add_argument("--model", type=Path, default=current_path(settings.models_dir))
    evaluate.add_argument("--data", type=Path, required=True, help=".jsonl file or folder")
    evaluate.add_argument("--labels", help="score only these labels, e.g. LOCATION,DATE")
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate.add_argument(
        "--predictions", type=Path,
        help="write the predicted spans, each with its score, as annotation JSONL")
    evaluate.add_argument("--device", default=settings.device)
    evaluate.add_argument(
        "--events", action="store_true",
        help="score event tables against coded events (each subfolder of --data on its own line)")
    evaluate.add_argument(
        "--spans", choices=("model", "gold"), default="model",
        help="with --events: assemble events from the model's spans (default) or the gold spans "
             "(no model needed: scores event assembly alone)")
    evaluate.add_argument(
        "--against", type=Path,
        help="with --events: score a second coder's annotations (.jsonl file or folder; ids "
             "'X@coder' for article X) against --data on the articles both coded (inter-coder "
             "agreement; no model)")
    evaluate.add_argument(
        "--threads", type=int, default=0,
        help="CPU threads of the model's backend (default: CONFLICT_IE_INFERENCE_THREADS)")
    evaluate.set_defaults(handler=run_evaluate)

    cv = subparsers.add_parser("cv", help="leave-one-article-out cross-validation")
    cv.add_argument("--data", type=Path, default=settings.annotations_dir)
    cv.add_argument("--folds", default="documents", help="'documents' (one per article) or K")
    cv.add_argument("--labels", help="score only these labels, e.g. LOCATION,DATE")
    cv.add_argument("--json", action="store_true", help="print one JSON object")
    cv.add_argument("--out", type=Path, default=settings.models_dir,
                    help="models folder (where the general-stage checkpoint is cached)")
    cv.add_argument("--keep-models", type=Path,
                    help="keep each fold's model in this folder (fold-1, fold-2, ...)")
    cv.add_argument("--score-dev", action="store_true",
                    help="also score every fold's model on the transfer dev set")
    _add_config_options(cv)
    cv.set_defaults(handler=run_cv)

    calibrate = subparsers.add_parser(
        "calibrate", help="refit a model's score calibration on cross-validated conflict "
                          "predictions (the fold models of cv --keep-models) and the dev set")
    calibrate.add_argument("--model", type=Path, default=current_path(settings.models_dir))
    calibrate.add_argument("--folds", type=Path, required=True,
                           help="the --keep-models folder of a conflict-ie cv run")
    calibrate.add_argument("--data", type=Path, default=settings.annotations_dir)
    calibrate.add_argument("--transfer", type=Path, default=settings.transfer_dir,
                           help="transfer corpora; their dev/ is the dev set")
    _add_threads(calibrate)
    calibrate.set_defaults(handler=run_calibrate)


    events = _event_fit_parser(
        subparsers, "calibrate-events", run_calibrate_events,
        help="fit and calibrate the event confidence on the coded train part, report its ECE "
             "on the dev part", folders="train/ and dev/",
        out="write the fit here (the package reads model/data/event_confidence.json)")
    events.add_argument("--svg", type=Path, help="write the dev reliability diagram here")
    event_filter = _event_fit_parser(
        subparsers, "fit-event-filter", run_fit_event_filter,
        help="fit the event filter on the coded train part, the judged articles and, if given, "
             "probe reports and incident rows; report its out-of-fold figures",
        folders="train/ and judged/",
        out="write the fit here (the package reads model/data/event_filter.json)")
    event_filter.add_argument(
        "--probes", type=Path, nargs="*", default=[],
        help="probe files (bench/probes/*.json) to fit on: leave the held-back ones out")
    event_filter.add_argument(
        "--csv", type=Path,
        help="global_terrorism.csv of SupChanda/Predicting-perpetrators-of-global-terrorism: "
             "a fifth of its rows outside the silver set are fitted on as incidents")


def _event_fit_parser(subparsers: argparse._SubParsersAction, name: str, handler: Any, *,
                      help: str, folders: str, out: str) -> argparse.ArgumentParser:
    """A command that fits something on the coded events with the current model's spans."""
    settings = get_settings()
    parser = subparsers.add_parser(name, help=help)
    parser.add_argument("--model", type=Path, default=current_path(settings.models_dir))
    parser.add_argument("--data", type=Path, default=settings.annotations_dir / "events",
                        help=f"coded events with {folders} folders")
    parser.add_argument("--out", type=Path, help=out)
    _add_threads(parser)
    parser.set_defaults(handler=handler)
    return parser


def _add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, default=get_settings().seed)
    parser.add_argument("--base-model", default="", help="encoder directory (default: MiniLM)")
    parser.add_argument(
        "--transfer",
        type=Path,
        default=get_settings().transfer_dir,
        help="transfer corpora for the general stage (their dev/ is never trained on)",
    )
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a TrainConfig field, e.g. --set casing=none (repeatable)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")
    _add_threads(parser)


def _add_threads(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--threads",
        type=int,
        default=0,
        help="torch CPU threads (default: torch's choice; 1 is faster on a busy machine)",
    )


def _set_threads(args: argparse.Namespace) -> None:
    if args.threads > 0:
        import torch

        torch.set_num_threads(args.threads)


def build_config(args: argparse.Namespace) -> TrainConfig:
    """``TrainConfig`` from ``--seed``, ``--base-model`` and ``--set KEY=VALUE`` options."""
    try:
        config = TrainConfig(seed=args.seed, base_model=args.base_model)
        return config.with_overrides(args.overrides)
    except ValueError as exc:
        raise InputError(f"--set {exc}") from exc


def _needs_transfer(config: TrainConfig) -> bool:
    return config.general or config.transfer_share > 0


def run_train(args: argparse.Namespace) -> int:
    from model.extractor import Extractor
    from training.registry import train_model

    link = current_path(args.out)
    if args.if_missing and link.exists():
        try:
            extractor = Extractor.load(link)
        except ModelLoadError as exc:
            log.warning("%s; training a new model", exc)
        else:
            log.info("model %s exists (%s); nothing to do", extractor.version, link)
            return 0
    config = build_config(args)
    data = load_training_data(args.data, args.transfer, need_transfer=_needs_transfer(config))
    log.info("training on %d conflict documents, %d transfer documents", len(data.domain),
             len(data.transfer))
    _set_threads(args)
    try:
        path = train_model(data.domain, config, args.out, transfer=data.transfer,
                           transfer_dev=data.transfer_dev, progress=not args.no_progress)
    except ValueError as exc:  # a --set value the trainer rejects, e.g. an unknown dev id
        raise InputError(str(exc)) from exc
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    log.info(
        "trained %s in %.0f s; %s now points at it",
        path.name,
        meta["metrics"]["train_seconds"],
        link,
    )
    return 0


def _load_scored(args: argparse.Namespace) -> Extractor:
    """The model at ``--model`` as every entry point loads it (``service.loading``), without a
    min score: evaluation scores every span and event the model finds."""
    from service.loading import LoadOptions, load_extractor

    _set_threads(args)
    options = LoadOptions.from_settings(device=args.device, threads=args.threads or None)
    return load_extractor(args.model, dataclasses.replace(options, min_score=None))


def run_evaluate(args: argparse.Namespace) -> int:
    from training.evaluate import predict_documents, score_documents

    if args.events:
        return run_evaluate_events(args)
    labels = _labels(args.labels)
    extractor = _load_scored(args)
    docs = load_documents([args.data])
    predicted = predict_documents(extractor, docs)
    scores = score_documents(docs, predicted, labels=labels)
    if args.predictions:
        write_documents(predicted, args.predictions, with_scores=True)
        log.info("predictions written to %s", args.predictions)
    if args.json:
        print(json.dumps(scores.to_json() | {"model": extractor.version}, indent=2))
    else:
        print(f"model {extractor.version} on {args.data} ({scores.documents} documents)")
        print(format_scores(scores))
    return 0


def run_evaluate_events(args: argparse.Namespace) -> int:
    from training.event_eval import format_event_scores
    from training.event_runs import evaluate_event_sets, load_event_sets

    sets = load_event_sets(args.data)
    if args.against:
        return _run_agreement(args, sets)
    extractor = None
    if args.spans == "model":
        extractor = _load_scored(args)
    results = evaluate_event_sets(sets, extractor)
    source = extractor.version if extractor else "gold spans"
    if args.json:
        print(json.dumps({"spans": source, "sets": {k: v.to_json() for k, v in results.items()}},
                         indent=2))
    else:
        print(f"events from {source} on {args.data}")
        print(format_event_scores(results))
    return 0


def _run_agreement(args: argparse.Namespace, sets: dict[str, list]) -> int:
    from training.evaluate import score_documents
    from training.event_eval import agreement, format_event_scores
    from training.event_runs import load_event_sets

    # A second coding of article X has the id "X@<coder>" (ids are unique across annotations/).
    second = {d.id.split("@")[0]: d for docs in load_event_sets(args.against).values()
              for d in docs}
    first = [d for docs in sets.values() for d in docs if d.id in second]
    if not first:
        raise InputError(f"{args.against}: no article in common with {args.data}")
    others = [second[d.id].model_copy(update={"id": d.id}) for d in first]
    events = agreement(first, others)
    spans = score_documents(first, others)
    if args.json:
        print(json.dumps({"articles": len(first), "events": events.to_json(),
                          "spans": spans.to_json()}, indent=2))
    else:
        print(f"agreement of {args.against} with {args.data} on {len(first)} articles")
        print(format_event_scores({"events": events}))
        print(format_scores(spans))
    return 0


def run_cv(args: argparse.Namespace) -> int:
    from training.cv import cross_validate, format_table
    from training.registry import ensure_base

    labels = _labels(args.labels)
    folds = None if args.folds == "documents" else _int(args.folds, "--folds")
    config = build_config(args)
    data = load_training_data(args.data, args.transfer, need_transfer=_needs_transfer(config))
    docs = data.domain
    if folds is not None and not 2 <= folds <= len(docs):
        raise InputError(f"--folds {folds}: need 2 to {len(docs)} for {len(docs)} documents")
    _set_threads(args)
    progress = not args.no_progress
    base = None
    if config.general:
        base = ensure_base(data.transfer, config, args.out, dev=data.transfer_dev,
                           progress=progress)
    result = cross_validate(docs, config, folds=folds, labels=labels, base=base,
                            transfer=data.transfer, keep_models=args.keep_models,
                            dev=data.transfer_dev if args.score_dev else (),
                            calibrate_on=data.transfer_dev, progress=progress)
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
    else:
        print("Span F1 (exact, strict IOB2) per held-out article; (n) = gold spans")
        print(format_table(result))
    return 0


def run_calibrate(args: argparse.Namespace) -> int:
    from training.calibrate import recalibrate

    folds = sorted(p for p in Path(args.folds).glob("fold-*") if p.is_dir())
    if not folds:
        raise InputError(f"{args.folds}: no fold-* model folders (conflict-ie cv --keep-models)")
    if not (Path(args.model) / "tagger.json").is_file():
        raise InputError(f"{args.model}: not a model folder")
    docs = load_documents([args.data])
    _, dev = load_transfer(args.transfer)
    _set_threads(args)
    try:
        record = recalibrate(Path(args.model), dev, folds, docs)
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    log.info("calibrated %s: %s", args.model, record)
    print(json.dumps(record))
    return 0


def run_calibrate_events(args: argparse.Namespace) -> int:
    from model.extractor import Extractor
    from training import event_confidence as ec
    from training.event_runs import load_event_sets

    sets = load_event_sets(args.data)
    missing = [name for name in ("train", "dev") if name not in sets]
    if missing:
        raise InputError(f"{args.data}: no coded {' or '.join(missing)} part")
    _set_threads(args)
    extractor = Extractor.load(args.model)
    parts = {name: ec.examples(sets[name], ec.predict(extractor, sets[name]))
             for name in ("train", "dev")}
    try:
        fitted = ec.fit(parts["train"], parts["dev"])
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    fitted["record"]["model"] = extractor.version
    if args.out:
        ec.write(fitted, args.out)
    if args.svg:
        record = fitted["record"]
        title = f"events, dev: ECE {record['ece_dev']} (hand-set {record['ece_dev_prior']})"
        args.svg.write_text(ec.reliability_svg(record["reliability_dev"],
                                               record["reliability_dev_prior"], title),
                            encoding="utf-8")
    print(json.dumps(fitted, indent=2))
    return 0


def run_fit_event_filter(args: argparse.Namespace) -> int:
    from model.extractor import Extractor
    from model.types import Article
    from training import event_filter as ef
    from training.casualty_kind import pool
    from training.event_runs import load_event_sets

    sets = load_event_sets(args.data)
    if "train" not in sets:
        raise InputError(f"{args.data}: no coded train part")
    judged = ef.read_judged(sorted((args.data / "judged").glob("*.json")))
    probes = ef.read_probe_reports(args.probes)
    rows = []
    if args.csv is not None:
        if not args.csv.is_file():
            raise InputError(f"--csv {args.csv}: no such file")
        rows = ef.pool_reports(pool(args.csv, args.data / "silver"))
        if not rows:
            raise InputError(f"--csv {args.csv}: no readable incident rows (date, dead, "
                             "injured, details, location) outside the silver set")
    _set_threads(args)
    extractor = Extractor.load(args.model)

    def spans(items: list[tuple[str, Any]]) -> list[list[Any]]:
        found = extractor.extract_many([Article(text=t, published=p) for t, p in items])
        return [list(x.spans) for x in found]

    train = sets["train"]
    examples = ef.coded_examples(train, spans([(d.text, d.meta.published) for d in train]))
    examples += ef.judged_examples(judged, spans([(a.text, a.published) for a in judged]))
    for source, reports in (("probe", probes), ("pool", rows)):
        examples += ef.report_examples(reports, spans([(r.text, r.published) for r in reports]),
                                       source)
    try:
        fitted = ef.fit(examples)
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    fitted["record"]["model"] = extractor.version
    if args.out:
        ef.write(fitted, args.out)
    print(json.dumps(fitted["record"], indent=2))
    return 0


def format_scores(scores: Scores) -> str:
    """A plain-text table of exact and overlap scores per label, micro and macro."""
    header = f"{'':10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}   overlap P/R/F1"
    rows = [header]
    named = [*scores.per_label.items(), ("micro", scores.micro), ("macro", scores.macro)]
    for name, s in named:
        rows.append(
            f"{name:10} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.support:5d} "
            f"{s.predicted:5d}   {s.overlap_precision:.3f}/{s.overlap_recall:.3f}/"
            f"{s.overlap_f1:.3f}"
        )
    return "\n".join(rows)


def _labels(value: str | None) -> tuple[str, ...]:
    try:
        return parse_labels(value)
    except ValueError as exc:
        raise InputError(f"--labels: {exc}") from None


def _int(value: str, option: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise InputError(f"{option}: expected 'documents' or a number, got {value!r}") from None
