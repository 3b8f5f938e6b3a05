"""Read, validate and write annotation files (JSONL, one ``Document`` per line).

Validation reports every problem as ``file:line: message``, never only the first.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from model.errors import AnnotationError
from model.types import Document, document_to_json

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    """One problem in an annotation file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def jsonl_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into a sorted list of ``.jsonl`` files.

    Raises:
        AnnotationError: a path does not exist, or a folder holds no ``.jsonl`` file.
    """
    files: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(path.rglob("*.jsonl"))
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


def validation_messages(error: ValidationError) -> list[str]:
    """Flatten a pydantic error into one readable message per problem."""
    messages: list[str] = []
    for item in error.errors(include_url=False):
        where = ".".join(str(part) for part in item["loc"])
        text = item["msg"].removeprefix("Value error, ")
        for line in text.splitlines():
            shown = f" (got {item['input']!r})" if item["type"] != "value_error" else ""
            if item["type"] == "missing":
                shown = ""
            messages.append(f"{where}: {line}{shown}" if where else line)
    return messages


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
        return None, validation_messages(exc)


def check_files(paths: Sequence[str | Path]) -> tuple[list[Document], list[Problem]]:
    """Parse every line of every file; return the valid documents and all problems."""
    docs: list[Document] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in jsonl_files(paths):
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                doc, messages = parse_line(line)
                problems.extend(Problem(str(path), number, m) for m in messages)
                if doc is None:
                    continue
                where = f"{path}:{number}"
                if doc.id in seen:
                    problems.append(
                        Problem(
                            str(path), number, f"duplicate id {doc.id!r} (first at {seen[doc.id]})"
                        )
                    )
                    continue
                seen[doc.id] = where
                docs.append(doc)
    return docs, problems


def load_documents(paths: Sequence[str | Path]) -> list[Document]:
    """Load documents from files or folders, failing with every problem when any is invalid."""
    docs, problems = check_files(paths)
    if problems:
        raise AnnotationError([str(p) for p in problems])
    if not docs:
        raise AnnotationError([f"{', '.join(map(str, paths))}: no documents"])
    log.info("loaded %d documents, %d spans", len(docs), sum(len(d.spans) for d in docs))
    return docs


def write_documents(docs: Iterable[Document], path: str | Path) -> int:
    """Write documents as JSONL atomically (temp file + rename); return how many."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    count = 0
    with tmp.open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(document_to_json(doc), ensure_ascii=False) + "\n")
            count += 1
    tmp.replace(target)
    return count
