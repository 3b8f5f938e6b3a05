"""Pre-annotation: the model's spans written for correction in doccano or Label Studio.

``read_articles`` reads the articles (JSONL or a folder of ``.txt`` files), ``preannotate``
marks their spans with a ``SpanPredictor`` (``model.Extractor``), and
``write_preannotations`` writes them in the tool's import format (``training.convert``).
What the tool exports after review comes back through ``conflict-ie convert``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from model.errors import AnnotationError, error_messages
from model.extractor import SpanPredictor
from model.types import Document, Span
from training.convert import labelstudio_config, to_doccano, to_labelstudio

log = logging.getLogger(__name__)

TOOLS = ("doccano", "labelstudio")
BATCH = 8  # articles tagged together: bounds memory on long inputs


def read_articles(path: Path) -> list[Document]:
    """The articles of a JSONL file or of a folder of ``.txt`` files, without spans.

    A JSONL line is ``{"id", "text", "meta"?}`` or an annotation-format document (its spans
    are dropped: the model's replace them). A ``.txt`` file's id is its stem.

    Raises:
        AnnotationError: naming every problem (bad line, missing field, duplicate id, ...).
    """
    if path.is_dir():
        docs, problems = _read_folder(path)
    elif path.is_file():
        docs, problems = _read_jsonl(path)
    else:
        raise AnnotationError([f"{path}: no such file or folder"])
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            problems.append(f"{path}: duplicate article id {doc.id!r}")
        seen.add(doc.id)
    if not docs and not problems:
        problems.append(f"{path}: holds no article")
    if problems:
        raise AnnotationError(problems)
    return docs


def _read_folder(folder: Path) -> tuple[list[Document], list[str]]:
    docs: list[Document] = []
    problems: list[str] = []
    for file in sorted(folder.glob("*.txt")):
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"{file}: not UTF-8 text (bad byte at offset {exc.start})")
            continue
        doc, found = _article({"id": file.stem, "text": text})
        problems.extend(f"{file}: {message}" for message in found)
        docs.extend([doc] if doc else [])
    return docs, problems


def _read_jsonl(path: Path) -> tuple[list[Document], list[str]]:
    docs: list[Document] = []
    problems: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path}:{number}: bad JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(raw, dict):
            problems.append(f"{path}:{number}: expected a JSON object, got {type(raw).__name__}")
            continue
        doc, found = _article({k: v for k, v in raw.items() if k != "spans"})
        problems.extend(f"{path}:{number}: {message}" for message in found)
        docs.extend([doc] if doc else [])
    return docs, problems


def _article(raw: dict[str, Any]) -> tuple[Document | None, list[str]]:
    try:
        return Document.model_validate(raw), []
    except ValidationError as exc:
        return None, error_messages(exc.errors())


def preannotate(
    articles: Sequence[Document], predictor: SpanPredictor, *, min_score: float | None = None
) -> list[Document]:
    """The articles with the spans ``predictor`` finds, keeping those scored ``min_score`` or more.

    Spans without a score (a model that gives none) are kept whatever ``min_score`` is.

    >>> class Fixed:
    ...     version, meta = "v", {}
    ...     def predict_many(self, texts, *, cancel=None):
    ...         return [[Span(start=0, end=6, label="ACTOR", score=0.9),
    ...                  Span(start=15, end=21, label="LOCATION", score=0.3)] for _ in texts]
    >>> doc = Document(id="a", text="Rebels shelled Aleppo.")
    >>> [s.label for s in preannotate([doc], Fixed(), min_score=0.5)[0].spans]
    ['ACTOR']
    """
    out: list[Document] = []
    for first in range(0, len(articles), BATCH):
        batch = articles[first : first + BATCH]
        found = predictor.predict_many([doc.text for doc in batch])
        for doc, spans in zip(batch, found, strict=True):
            out.append(doc.with_spans([s for s in spans if _kept(s, min_score)]))
    return out


def _kept(span: Span, min_score: float | None) -> bool:
    return min_score is None or span.score is None or span.score >= min_score


def write_preannotations(
    docs: Sequence[Document], output: Path, tool: str, *, model_version: str
) -> list[Path]:
    """Write ``docs`` for ``tool`` at ``output``; return the files written.

    doccano: one JSONL file. Label Studio: a JSON list of tasks, and its labeling config next
    to it (``<output stem>.label-config.xml``).
    """
    if tool not in TOOLS:
        raise ValueError(f"unknown tool {tool!r}; expected one of {list(TOOLS)}")
    output.parent.mkdir(parents=True, exist_ok=True)
    if tool == "doccano":
        output.write_text(to_doccano(docs), encoding="utf-8")
        return [output]
    tasks = to_labelstudio(docs, model_version=model_version)
    output.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    config = labelstudio_config_path(output)
    config.write_text(labelstudio_config(), encoding="utf-8")
    return [output, config]


def labelstudio_config_path(output: Path) -> Path:
    """Where the labeling config of the Label Studio tasks at ``output`` goes.

    >>> labelstudio_config_path(Path("out/tasks.json")).as_posix()
    'out/tasks.label-config.xml'
    """
    return output.with_name(f"{output.stem}.label-config.xml")
