"""Output files: which converted document goes where, the dev split, and writing JSONL.

GUM is split by licence (CC BY, CC BY-SA) with every 4th news document (by sorted id)
held out to ``dev/gum_news_dev.jsonl``; wikigold goes to one file with every 10th document
(by sorted id) held out to ``dev/wikigold_dev.jsonl``. A dev document is in no training
file.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

from model.types import Document, document_to_json
from training.transfer.boundaries import EdgeFixes
from training.transfer.gum import convert_gum_document
from training.transfer.licences import SHARE_ALIKE_GENRES, gum_keep
from training.transfer.wikigold import convert_wikigold_document, read_wikigold

log = logging.getLogger(__name__)

GUM_CC_BY_FILE = "gum_cc_by.jsonl"
GUM_CC_BY_SA_FILE = "gum_cc_by_sa.jsonl"
GUM_DEV_FILE = "dev/gum_news_dev.jsonl"
WIKIGOLD_FILE = "wikigold.jsonl"
WIKIGOLD_DEV_FILE = "dev/wikigold_dev.jsonl"

GUM_NEWS_DEV_EVERY = 4
WIKIGOLD_DEV_EVERY = 10


def dev_ids(ids: Iterable[str], every: int) -> set[str]:
    """Every ``every``-th id in sorted order (with 4: the 4th, 8th, ...): the dev documents.

    Args:
        ids: document ids.
        every: the step; 1 holds out everything.

    Returns:
        The held-out ids.

    >>> sorted(dev_ids(["a", "b", "c", "d", "e", "f", "g", "h"], every=4))
    ['d', 'h']
    """
    ordered = sorted(ids)
    return {doc_id for position, doc_id in enumerate(ordered, start=1) if position % every == 0}


def gum_files(gum_dir: Path) -> list[Path]:
    """The kept GUM ``.conllu`` files under ``gum_dir`` (the repository or its ``dep/``).

    Args:
        gum_dir: a GUM checkout, or its ``dep/`` folder.

    Returns:
        The files of kept documents, sorted by name.
    """
    folder = gum_dir / "dep" if (gum_dir / "dep").is_dir() else gum_dir
    paths = sorted(folder.glob("GUM_*.conllu"))
    kept = [p for p in paths if gum_keep(p.stem)]
    log.info("GUM: %d of %d documents kept", len(kept), len(paths))
    return kept


def convert_gum(gum_dir: Path) -> dict[str, list[Document]]:
    """Convert the kept GUM documents, grouped by output file.

    Args:
        gum_dir: a GUM checkout, or its ``dep/`` folder.

    Returns:
        :data:`GUM_CC_BY_FILE`, :data:`GUM_CC_BY_SA_FILE` and :data:`GUM_DEV_FILE` to
        their documents, in sorted file order.
    """
    converted = [convert_gum_document(p.read_text(encoding="utf-8")) for p in gum_files(gum_dir)]
    _log_fixes("GUM", [fixes for _, fixes in converted])
    docs = [doc for doc, _ in converted]
    news = [d.id for d in docs if d.meta.model_dump().get("source") == "GUM news"]
    held_out = dev_ids(news, every=GUM_NEWS_DEV_EVERY)
    groups: dict[str, list[Document]] = {
        GUM_CC_BY_FILE: [],
        GUM_CC_BY_SA_FILE: [],
        GUM_DEV_FILE: [],
    }
    for doc in docs:
        genre = doc.id.split("_")[1]
        if doc.id in held_out:
            groups[GUM_DEV_FILE].append(doc)
        elif genre in SHARE_ALIKE_GENRES:
            groups[GUM_CC_BY_SA_FILE].append(doc)
        else:
            groups[GUM_CC_BY_FILE].append(doc)
    return groups


def convert_wikigold(path: Path) -> dict[str, list[Document]]:
    """Convert every wikigold document (numbered from 1 in file order), grouped by file.

    Args:
        path: ``wikigold.conll.txt``.

    Returns:
        :data:`WIKIGOLD_FILE` and :data:`WIKIGOLD_DEV_FILE` to their documents, in id
        order.
    """
    raw = read_wikigold(path.read_text(encoding="utf-8"))
    converted = [convert_wikigold_document(doc, n) for n, doc in enumerate(raw, start=1)]
    _log_fixes("wikigold", [fixes for _, fixes in converted])
    docs = [doc for doc, _ in converted]
    held_out = dev_ids([d.id for d in docs], every=WIKIGOLD_DEV_EVERY)
    return {
        WIKIGOLD_FILE: [d for d in docs if d.id not in held_out],
        WIKIGOLD_DEV_FILE: [d for d in docs if d.id in held_out],
    }


def _log_fixes(corpus: str, fixes: Sequence[EdgeFixes]) -> None:
    """Log how many spans each ``LABELS.md`` edge fix changed in a corpus."""
    total = sum(fixes, EdgeFixes())
    log.info(
        "%s: direction words added to %d LOCATION span(s), abbreviation periods to %d span(s)",
        corpus,
        total.directions,
        total.periods,
    )


def write_jsonl(docs: Sequence[Document], path: Path) -> None:
    """Write documents one per line, each span with its text.

    Args:
        docs: the documents, in the order to write them.
        path: the file; its folder is created when missing.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for doc in docs:
            handle.write(json.dumps(document_to_json(doc), ensure_ascii=False) + "\n")
    spans = sum(len(d.spans) for d in docs)
    log.info("wrote %d documents, %d spans to %s", len(docs), spans, path)


def write_groups(groups: dict[str, list[Document]], out: Path) -> None:
    """Write each group of documents to its file under ``out``.

    Args:
        groups: file name (relative to ``out``) to documents.
        out: the output folder.
    """
    for name, docs in groups.items():
        write_jsonl(docs, out / name)
