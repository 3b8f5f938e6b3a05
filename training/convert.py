"""Convert between the project's JSONL and doccano, Label Studio and CoNLL BIO.

Readers return ``(documents, problems)`` so a conversion reports every bad record at once.
Writers turn documents (predicted spans with their scores, for pre-annotation) into what
doccano and Label Studio import; what those tools export comes back through the readers with
the article id and ``meta`` (publication date, source) intact:

- doccano keeps every column of an imported JSONL line other than ``text`` and ``label`` as
  the example's metadata and writes it back on export, so the writer puts the article id and
  the document's meta in one ``meta`` object: ``{"text", "label": [[start, end, "LABEL"]],
  "meta": {"article_id", "published", ...}}``.
- Label Studio keeps a task's ``data`` as imported and exports it with the task, so the
  writer puts them there: ``{"data": {"text", "article_id", "meta"}, "predictions": [...]}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from pydantic import ValidationError

from model.decode import spans_to_tags, tags_to_spans, word_offsets
from model.errors import error_messages
from model.labels import LABEL_COLORS, LABELS
from model.types import Document, Span
from training.corpus import Problem, check_files

FORMATS_IN = ("jsonl", "doccano", "labelstudio", "conll")
FORMATS_OUT = ("jsonl", "conll")

ARTICLE_ID = "article_id"  # where the writers keep the article's own id, inside the tool's data
LS_FROM_NAME = "label"  # the <Labels name=...> of labelstudio_config()
LS_TO_NAME = "text"  # the <Text name=...> it labels


def _build(raw: dict[str, Any], where: tuple[str, int]) -> tuple[Document | None, list[Problem]]:
    """Validate one converted record; its spans come out sorted by offset (tools' order varies)."""
    try:
        doc = Document.model_validate(raw)
        return doc.with_spans(doc.spans), []
    except ValidationError as exc:
        return None, [Problem(where[0], where[1], m) for m in error_messages(exc.errors())]


def read_doccano(path: Path) -> tuple[list[Document], list[Problem]]:
    """Read doccano sequence-labelling JSONL: ``{"text", "label": [[start, end, "LABEL"]]}``.

    Spans may also come as doccano's relation-project export, ``"entities": [{"start_offset",
    "end_offset", "label"}]``. The id is ``meta.article_id`` (what ``to_doccano`` wrote), else
    the record's ``id``; the rest of ``meta`` is the document's meta.
    """
    docs: list[Document] = []
    problems: list[Problem] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            spans = _doccano_spans(record)
            meta, article_id = _split_meta(record.get("meta"))
            fallback = record.get("id", f"{path.stem}-{number}")
            raw = {"id": str(article_id or fallback), "text": record["text"], "meta": meta}
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            problems.append(Problem(str(path), number, f"not a doccano record: {exc!r}"))
            continue
        doc, found = _build(raw | {"spans": spans}, (str(path), number))
        problems.extend(found)
        docs.extend([doc] if doc else [])
    return docs, problems


def _doccano_spans(record: dict[str, Any]) -> list[dict[str, Any]]:
    if "entities" in record:
        return [
            {"start": e["start_offset"], "end": e["end_offset"], "label": str(e["label"]).upper()}
            for e in record["entities"]
        ]
    labels = record.get("label", record.get("labels", []))
    return [{"start": s, "end": e, "label": str(lab).upper()} for s, e, lab in labels]


def _split_meta(raw: Any) -> tuple[dict[str, Any], str | None]:
    """The document meta and the article id that ``to_doccano`` keeps inside doccano's meta."""
    if not isinstance(raw, dict):
        return {}, None
    meta = dict(raw)
    article_id = meta.pop(ARTICLE_ID, None)
    return meta, None if article_id is None else str(article_id)


def read_labelstudio(path: Path) -> tuple[list[Document], list[Problem]]:
    """Read a Label Studio JSON export (tasks with ``annotations[].result[].value``).

    The spans are those of the task's first annotation that was not skipped; a task without
    one is a problem (its predictions are not gold). A region's ``text`` must equal the text at
    its offsets, so offsets that drifted (characters counted differently) are reported. The id
    is ``data.article_id`` (what ``to_labelstudio`` wrote), else the task's id; ``data.meta``
    is the document's meta.
    """
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
            data = task["data"]
            text = data["text"]
            meta = dict(data["meta"]) if isinstance(data.get("meta"), dict) else {}
            doc_id = str(data.get(ARTICLE_ID, task.get("id", index)))
            annotation = _completed_annotation(task)
            if annotation is None:
                problems.append(Problem(str(path), index, _NOT_ANNOTATED.format(index, doc_id)))
                continue
            spans = [
                _ls_span(r["value"], label)
                for r in annotation.get("result", [])
                if r.get("type", "labels") == "labels"
                for label in r["value"]["labels"]
            ]
            raw = {"id": doc_id, "text": text, "spans": spans, "meta": meta}
        except (KeyError, TypeError, AttributeError) as exc:
            problems.append(Problem(str(path), index, f"task {index}: missing {exc}"))
            continue
        doc, found = _build(raw, (str(path), index))
        problems.extend(found)
        docs.extend([doc] if doc else [])
    return docs, problems


def _ls_span(value: dict[str, Any], label: str) -> dict[str, Any]:
    """A span of a Label Studio region; its ``text``, when exported, must match the offsets."""
    span = {"start": value["start"], "end": value["end"], "label": label.upper()}
    return span | ({"text": value["text"]} if isinstance(value.get("text"), str) else {})


_NOT_ANNOTATED = (
    "task {} ({}): no completed annotation (skipped or not labelled yet); finish it in "
    "Label Studio or leave it out of the export"
)


def _completed_annotation(task: dict[str, Any]) -> dict[str, Any] | None:
    """The first annotation of a task that was submitted, not skipped (``was_cancelled``)."""
    return next(
        (a for a in task.get("annotations", []) if not a.get("was_cancelled", False)), None
    )


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


def to_doccano(docs: Iterable[Document]) -> str:
    """Render documents as doccano sequence-labelling JSONL, their spans as pre-annotations.

    doccano has no separate predictions: imported spans are the labels a reviewer corrects.
    Scores are left out (doccano cannot show them); the article id and meta ride in ``meta``.

    >>> from model.types import Span
    >>> doc = Document(id="a1", text="in Aleppo", spans=[Span(start=3, end=9, label="LOCATION")])
    >>> print(to_doccano([doc]), end="")
    {"text": "in Aleppo", "label": [[3, 9, "LOCATION"]], "meta": {"article_id": "a1"}}
    """
    lines = []
    for doc in docs:
        meta = {ARTICLE_ID: doc.id} | doc.meta.model_dump(mode="json", exclude_none=True)
        labels = [[s.start, s.end, s.label] for s in doc.spans]
        record = {"text": doc.text, "label": labels, "meta": meta}
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(lines)


def to_labelstudio(docs: Iterable[Document], *, model_version: str) -> list[dict[str, Any]]:
    """Label Studio tasks whose ``predictions`` hold the documents' spans, for correction.

    Each span is one ``labels`` result of ``LABELSTUDIO_CONFIG``'s ``label`` control on its
    ``text`` object, with its score (on the result, as Label Studio's ML backend examples
    put it, and in ``value``, as its pre-annotation guide does). The prediction's ``score``
    is its lowest span score, so sorting tasks by prediction score puts the least sure first.

    >>> from model.types import Span
    >>> span = Span(start=3, end=9, label="LOCATION", score=0.8)
    >>> task = to_labelstudio([Document(id="a1", text="in Aleppo", spans=[span])],
    ...                       model_version="m1")[0]
    >>> task["data"], task["predictions"][0]["score"], task["predictions"][0]["result"][0]["value"]
    ({'text': 'in Aleppo', 'article_id': 'a1', 'meta': {}}, 0.8, \
{'start': 3, 'end': 9, 'text': 'Aleppo', 'labels': ['LOCATION'], 'score': 0.8})
    """
    tasks = []
    for number, doc in enumerate(docs, start=1):
        meta = doc.meta.model_dump(mode="json", exclude_none=True)
        results = [_ls_result(doc, span, f"{number}-{n}") for n, span in enumerate(doc.spans, 1)]
        scores = [s.score for s in doc.spans if s.score is not None]
        prediction: dict[str, Any] = {"model_version": model_version, "result": results}
        if scores:
            prediction["score"] = min(scores)
        data = {"text": doc.text, ARTICLE_ID: doc.id, "meta": meta}
        tasks.append({"data": data, "predictions": [prediction]})
    return tasks


def _ls_result(doc: Document, span: Span, result_id: str) -> dict[str, Any]:
    value: dict[str, Any] = {
        "start": span.start,
        "end": span.end,
        "text": doc.text[span.start : span.end],
        "labels": [span.label],
    }
    result = {
        "id": result_id,
        "from_name": LS_FROM_NAME,
        "to_name": LS_TO_NAME,
        "type": "labels",
        "value": value,
    }
    if span.score is not None:
        value["score"] = result["score"] = round(span.score, 4)
    return result


def labelstudio_config() -> str:
    """The Label Studio labeling config for the four labels (paste it in the project settings).

    ``white-space: pre-wrap`` keeps every space and line break of the article on screen, so
    what a reviewer selects is what the offsets say.
    """
    labels = "\n".join(
        f"    <Label value={quoteattr(label)} background={quoteattr(LABEL_COLORS[label])}"
        f" hotkey={quoteattr(str(n))}/>"
        for n, label in enumerate(LABELS, start=1)
    )
    return (
        "<View>\n"
        "  <Style>.htx-text { white-space: pre-wrap; }</Style>\n"
        f'  <Header value="${ARTICLE_ID}"/>\n'
        f'  <Labels name="{LS_FROM_NAME}" toName="{LS_TO_NAME}">\n'
        f"{labels}\n"
        "  </Labels>\n"
        f'  <Text name="{LS_TO_NAME}" value="$text"/>\n'
        "</View>\n"
    )


def read_any(path: Path, fmt: str) -> tuple[list[Document], list[Problem]]:
    """Read ``path`` in format ``fmt`` (one of ``FORMATS_IN``)."""
    if fmt == "jsonl":
        return check_files([path])
    readers = {"doccano": read_doccano, "labelstudio": read_labelstudio, "conll": read_conll}
    if fmt not in readers:
        raise ValueError(f"unknown input format {fmt!r}; expected one of {list(FORMATS_IN)}")
    return readers[fmt](path)
