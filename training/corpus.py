"""Read, validate and write annotation files (JSONL, one ``Document`` per line).

Validation reports every problem as ``file:line: message``, never only the first.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from model.errors import AnnotationError, error_messages
from model.types import Document, document_to_json

log = logging.getLogger(__name__)

K = TypeVar("K")  # where a record comes from: (path, line) or "line 3"


@dataclass(frozen=True)
class Problem:
    """One problem in an annotation file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def jsonl_files(paths: Iterable[str | Path], *, recursive: bool = False) -> list[Path]:
    """Expand files and folders into a sorted list of ``.jsonl`` files.

    A folder gives its own ``.jsonl`` files, and with ``recursive`` those of its subfolders
    too (``annotations/`` holds the conflict annotations, ``annotations/external/`` the
    transfer corpora: training reads them apart, ``validate`` checks them all).

    Raises:
        AnnotationError: a path does not exist, or a folder holds no ``.jsonl`` file.
    """
    files: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(path.rglob("*.jsonl") if recursive else path.glob("*.jsonl"))
            if not found:
                missing.append(f"{path}: folder holds no .jsonl file")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            missing.append(f"{path}: no such file or folder")
    if missing:
        raise AnnotationError(missing)
    return files


def parse_line(line: str) -> tuple[Document | None, list[str]]:
    """Parse one annotation line; return the document (or None) and its problems."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, [f"bad JSON: {exc.msg} at column {exc.colno}"]
    if not isinstance(raw, dict):
        return None, [f"expected a JSON object, got {type(raw).__name__}"]
    try:
        return Document.model_validate(raw), []
    except ValidationError as exc:
        return None, error_messages(exc.errors())


def parse_records(
    records: Iterable[tuple[K, str]], *, describe: Callable[[K], str] = str
) -> tuple[list[Document], list[tuple[K, str]]]:
    """Parse annotation records ``(where, json_text)``: valid documents and every problem.

    The one parser of annotation lines: ``validate``, training and ``POST /annotations`` all
    use it. Blank records are skipped; a repeated id is a problem naming where it first was
    (``describe(where)``).

    >>> docs, problems = parse_records([("line 1", '{"id": "a", "text": "x"}'), ("line 2", "{")])
    >>> [d.id for d in docs], problems
    (['a'], [('line 2', 'bad JSON: Expecting property name enclosed in double quotes at column 2')])
    """
    docs: list[Document] = []
    problems: list[tuple[K, str]] = []
    seen: dict[str, K] = {}
    for where, line in records:
        if not line.strip():
            continue
        doc, messages = parse_line(line)
        problems.extend((where, message) for message in messages)
        if doc is None:
            continue
        if doc.id in seen:
            first = describe(seen[doc.id])
            problems.append((where, f"duplicate id {doc.id!r} (first at {first})"))
            continue
        seen[doc.id] = where
        docs.append(doc)
    return docs, problems


def check_files(
    paths: Sequence[str | Path], *, recursive: bool = False
) -> tuple[list[Document], list[Problem]]:
    """Parse every line of every file; return the valid documents and all problems."""
    undecodable: list[Problem] = []
    lines = _file_lines(jsonl_files(paths, recursive=recursive), undecodable)
    docs, problems = parse_records(lines, describe=lambda where: f"{where[0]}:{where[1]}")
    found = [Problem(path, line, message) for (path, line), message in problems]
    return docs, sorted(found + undecodable, key=lambda p: (p.path, p.line))


def _file_lines(
    files: Sequence[Path], undecodable: list[Problem]
) -> Iterator[tuple[tuple[str, int], str]]:
    """``((path, line number), text)`` of every line; lines that are not UTF-8 become problems."""
    for path in files:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                try:
                    yield (str(path), number), raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    message = f"not UTF-8 text (bad byte at column {exc.start + 1})"
                    undecodable.append(Problem(str(path), number, message))


def load_documents(paths: Sequence[str | Path]) -> list[Document]:
    """Load documents from files or folders, failing with every problem when any is invalid."""
    docs, problems = check_files(paths)
    if problems:
        raise AnnotationError([str(p) for p in problems])
    if not docs:
        raise AnnotationError([f"{', '.join(map(str, paths))}: no documents"])
    log.info("loaded %d documents, %d spans", len(docs), sum(len(d.spans) for d in docs))
    return docs


@dataclass(frozen=True)
class TrainingData:
    """What training reads: the conflict annotations and the transfer corpora.

    ``domain``: ``<annotations>/*.jsonl`` and ``<annotations>/events/train/*.jsonl``
    (``conflict_paths``); ``transfer``: ``<transfer>/*.jsonl`` (the general
    stage, and a share of every domain epoch); ``transfer_dev``: ``<transfer>/dev/*.jsonl``,
    never trained on (the out-of-domain dev set and the promotion gate).
    """

    domain: list[Document]
    transfer: list[Document]
    transfer_dev: list[Document]


def load_training_data(
    domain: str | Path, transfer: str | Path | None, *, need_transfer: bool = True
) -> TrainingData:
    """Load the conflict annotations and, when ``transfer`` is given, the transfer corpora.

    Raises:
        AnnotationError: any file is invalid, or the transfer corpora are needed and missing.
    """
    docs = load_documents(conflict_paths(domain))
    if transfer is None or (not need_transfer and not Path(transfer).is_dir()):
        return TrainingData(docs, [], [])
    return TrainingData(docs, *load_transfer(transfer))


EVENT_TRAIN = Path("events") / "train"  # coded event articles that span training reads too


def conflict_paths(domain: str | Path) -> list[Path]:
    """What span training reads as conflict annotations: ``<domain>/*.jsonl`` and, when
    ``domain`` is a folder that has it, the train part of the coded events
    (``<domain>/events/train/``). The events' ``dev/``, ``second/`` and ``silver/`` are never
    read for training."""
    root = Path(domain)
    extra = root / EVENT_TRAIN
    return [root, extra] if root.is_dir() and extra.is_dir() else [root]


def load_transfer(folder: str | Path) -> tuple[list[Document], list[Document]]:
    """``(transfer, dev)``: ``<folder>/*.jsonl`` and ``<folder>/dev/*.jsonl`` (may be empty).

    Raises:
        AnnotationError: the folder is missing, or a file is invalid.
    """
    root = Path(folder)
    if not root.is_dir():
        raise AnnotationError([f"{root}: no transfer corpora here (the general stage needs "
                               "them; or train in one stage with --set general=false)"])
    dev = load_documents([root / "dev"]) if (root / "dev").is_dir() else []
    return load_documents([root]), dev


def write_documents(docs: Iterable[Document], path: str | Path, *,
                    with_scores: bool = False) -> int:
    """Write documents as JSONL atomically (temp file + rename); return how many.

    ``with_scores``: keep each span's ``score`` (predictions), as ``document_to_json``.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    count = 0
    with tmp.open("w", encoding="utf-8") as handle:
        for doc in docs:
            line = document_to_json(doc, with_scores=with_scores)
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
    tmp.replace(target)
    return count
