"""Convert between the project's JSONL and doccano, Label Studio and CoNLL BIO.

Readers return ``(documents, problems)`` so a conversion reports every bad record at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from model.decode import spans_to_tags, tags_to_spans, word_offsets
from model.errors import error_messages
from model.types import Document
from training.corpus import Problem, check_files

FORMATS_IN = ("jsonl", "doccano", "labelstudio", "conll")
FORMATS_OUT = ("jsonl", "conll")


def _build(raw: dict[str, Any], where: tuple[str, int]) -> tuple[Document | None, list[Problem]]:
    try:
        return Document.model_validate(raw), []
    except ValidationError as exc:
        return None, [Problem(where[0], where[1], m) for m in error_messages(exc.errors())]


def read_doccano(path: Path) -> tuple[list[Document], list[Problem]]:
    """Read doccano sequence-labelling JSONL: ``{"text", "label": [[start, end, "LABEL"]]}``."""
    docs: list[Document] = []
    problems: list[Problem] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            labels = record.get("label", record.get("labels", []))
            spans = [{"start": s, "end": e, "label": str(lab).upper()} for s, e, lab in labels]
            raw = {"id": str(record.get("id", f"{path.stem}-{number}")), "text": record["text"]}
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            problems.append(Problem(str(path), number, f"not a doccano record: {exc!r}"))
            continue
        doc, found = _build(raw | {"spans": spans}, (str(path), number))
        problems.extend(found)
        docs.extend([doc] if doc else [])
    return docs, problems


def read_labelstudio(path: Path) -> tuple[list[Document], list[Problem]]:
    """Read a Label Studio JSON export (tasks with ``annotations[].result[].value``)."""
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [], [Problem(str(path), exc.lineno, f"bad JSON: {exc.msg}")]
    if not isinstance(tasks, list):
        return [], [Problem(str(path), 1, "expected a JSON list of tasks")]
    docs: list[Document] = []
    problems: list[Problem] = []
    for index, task in enumerate(tasks, start=1):
        try:
            text = task["data"]["text"]
            results = [r for a in task.get("annotations", [])[:1] for r in a.get("result", [])]
            spans = [
                {"start": r["value"]["start"], "end": r["value"]["end"], "label": label.upper()}
                for r in results
                if r.get("type", "labels") == "labels"
                for label in r["value"]["labels"]
            ]
            raw = {"id": str(task.get("id", index)), "text": text, "spans": spans}
        except (KeyError, TypeError, AttributeError) as exc:
            problems.append(Problem(str(path), index, f"task {index}: missing {exc}"))
            continue
        doc, found = _build(raw, (str(path), index))
        problems.extend(found)
        docs.extend([doc] if doc else [])
    return docs, problems


def read_conll(path: Path) -> tuple[list[Document], list[Problem]]:
    """Read CoNLL BIO (``token TAG`` per line, blank line between sentences).

    Documents start at ``# id = X`` or ``-DOCSTART-`` lines; the text is the tokens joined
    by single spaces, one sentence per line.
    """
    docs: list[Document] = []
    problems: list[Problem] = []
    state: dict[str, Any] = {"id": None, "lines": [], "tokens": [], "tags": []}

    def flush(number: int) -> None:
        if not state["tokens"]:
            return
        offsets, pos = [], 0
        for line in state["lines"]:
            for token in line:
                offsets.append((pos, pos + len(token)))
                pos += len(token) + 1
        text = "\n".join(" ".join(line) for line in state["lines"])
        spans = tags_to_spans(state["tags"], offsets)
        raw = {"id": state["id"] or f"{path.stem}-{len(docs) + 1}", "text": text}
        doc, found = _build(raw | {"spans": [s.model_dump() for s in spans]}, (str(path), number))
        problems.extend(found)
        docs.extend([doc] if doc else [])
        state.update(id=None, lines=[], tokens=[], tags=[])

    current: list[str] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith(("# id =", "-DOCSTART-")):
            if current:
                state["lines"].append(current)
                current = []
            flush(number)
            state["id"] = stripped.partition("=")[2].strip() or None
            continue
        if not stripped:
            if current:
                state["lines"].append(current)
                current = []
            continue
        parts = stripped.split()
        tag = parts[-1]
        if len(parts) < 2 or not (tag == "O" or tag[:2] in ("B-", "I-")):
            problems.append(Problem(str(path), number, f"expected 'token TAG', got {line!r}"))
            continue
        current.append(parts[0])
        state["tokens"].append(parts[0])
        state["tags"].append(tag)
    if current:
        state["lines"].append(current)
    flush(len(lines))
    return docs, problems


def to_conll(docs: Iterable[Document]) -> str:
    """Render documents as CoNLL BIO over word tokens, one ``# id = X`` header each.

    >>> from model.types import Span
    >>> span = Span(start=3, end=14, label="LOCATION")
    >>> doc = Document(id="d", text="in east Aleppo", spans=[span])
    >>> print(to_conll([doc]))
    # id = d
    in O
    east B-LOCATION
    Aleppo I-LOCATION
    <BLANKLINE>
    """
    blocks: list[str] = []
    for doc in docs:
        lines = [f"# id = {doc.id}"]
        for segment_start, segment in _lines_with_offsets(doc.text):
            offsets = [(segment_start + s, segment_start + e) for s, e in word_offsets(segment)]
            if not offsets:
                continue
            tags = spans_to_tags(offsets, doc.spans)
            lines.extend(f"{doc.text[s:e]} {t}" for (s, e), t in zip(offsets, tags, strict=True))
            lines.append("")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def read_any(path: Path, fmt: str) -> tuple[list[Document], list[Problem]]:
    """Read ``path`` in format ``fmt`` (one of ``FORMATS_IN``)."""
    if fmt == "jsonl":
        return check_files([path])
    readers = {"doccano": read_doccano, "labelstudio": read_labelstudio, "conll": read_conll}
    if fmt not in readers:
        raise ValueError(f"unknown input format {fmt!r}; expected one of {list(FORMATS_IN)}")
    return readers[fmt](path)
