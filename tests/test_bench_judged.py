"""bench/judged.py reads the judged articles or says clearly why it cannot: no model needed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_SPEC = importlib.util.spec_from_file_location("judged", ROOT / "bench" / "judged.py")
assert _SPEC is not None and _SPEC.loader is not None
judged = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(judged)


def test_the_committed_file_reads_and_a_broken_one_is_refused(tmp_path: Path) -> None:
    articles = judged.read_judged(judged.JUDGED)
    assert len(articles) == 78 and all(a["meta"]["published"] for a in articles)
    broken = tmp_path / "judged.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot read judged articles"):
        judged.read_judged(broken)


def test_the_wikinews_articles_no_set_holds_are_read_and_a_missing_csv_is_refused(
        tmp_path: Path) -> None:
    events = tmp_path / "events"
    (events / "train").mkdir(parents=True)
    (events / "train" / "wikinews.jsonl").write_text(
        '{"id": "a", "text": "x", "meta": {"url": "https://w/used"}}\n', encoding="utf-8")
    (events / "judged").mkdir()
    (events / "judged" / "wikinews.json").write_text(
        '{"articles": [{"id": "b", "text": "y", "meta": {"url": "https://w/judged"}}]}',
        encoding="utf-8")
    rows = tmp_path / "wikinews_2019.csv"
    rows.write_text("url,date,title,text\n"
                    "https://w/used,2019-01-02,Used,Text one\n"
                    "https://w/judged,2019-01-03,Judged,Text two\n"
                    "https://w/new,2019-01-04 10:00,New,Text three\n", encoding="utf-8")
    (article,) = judged.read_unused([rows], events)
    assert article["text"] == "New\n\nText three"
    assert article["meta"] == {"published": "2019-01-04", "url": "https://w/new"}
    with pytest.raises(ValueError, match="cannot read Wikinews articles"):
        judged.read_unused([tmp_path / "missing.csv"], events)
    (events / "train" / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot read the coded articles"):
        judged.read_unused([rows], events)
