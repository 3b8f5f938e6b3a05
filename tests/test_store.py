"""The SQLite annotation store: durable, WAL, one transaction per batch, upsert by id,
previous versions kept and restored, deletes, a document limit."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from model.types import Document, Span
from service.store import AnnotationStore, StoreFullError, UnknownAnnotationError

from .conftest import ROOT


def doc(doc_id: str, text: str = "Shelling in Aleppo.") -> Document:
    return Document(id=doc_id, text=text, spans=(Span(start=12, end=18, label="LOCATION"),))


def test_reopened_store_reads_what_was_written(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "a.sqlite3"
    AnnotationStore(path).put([doc("a"), doc("b")])
    reopened = AnnotationStore(path)
    assert [d.id for d in reopened.documents()] == ["a", "b"]
    assert reopened.documents()[0].spans[0].text == "Aleppo"
    assert reopened.count() == 2
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_upsert_replaces_by_id_and_keeps_first_position(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / "a.sqlite3")
    store.put([doc("a"), doc("b")])
    store.put([doc("a", "Shelling in Aleppo, again.")])
    assert [(d.id, d.text) for d in store.documents()] == [
        ("a", "Shelling in Aleppo, again."),
        ("b", "Shelling in Aleppo."),
    ]


def test_a_failed_batch_stores_nothing(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / "a.sqlite3")
    with sqlite3.connect(store.path) as conn:  # make the second insert of the batch fail
        conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON documents WHEN NEW.id = 'bad' "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    with pytest.raises(sqlite3.IntegrityError, match="refused"):
        store.put([doc("a"), doc("bad")])
    assert store.count() == 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_process_loses_no_acknowledged_write(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    script = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from model.types import Document
        from service.store import AnnotationStore, StoreFullError, UnknownAnnotationError
        store = AnnotationStore({str(path)!r})
        for i in range(3):
            store.put([Document(id=f"d{{i}}", text="text")])
            print(f"acked d{{i}}", flush=True)
        time.sleep(60)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        acked = [child.stdout.readline().strip() for _ in range(3)]
        assert acked == ["acked d0", "acked d1", "acked d2"]
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert [d.id for d in AnnotationStore(path).documents()] == ["d0", "d1", "d2"]


def test_replacing_keeps_the_previous_versions_newest_first(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / "a.sqlite3", keep_versions=2)
    for word in ("one", "two", "three", "four"):
        store.put([doc("a", f"Shelling in Aleppo, {word}.")])
    store.put([doc("a", "Shelling in Aleppo, four.")])  # the same again: no new version
    versions = store.versions("a")
    assert [(v.version, v.current) for v in versions] == [(4, True), (3, False), (2, False)]
    assert [Document.model_validate_json(v.body).text for v in versions] == [
        "Shelling in Aleppo, four.", "Shelling in Aleppo, three.", "Shelling in Aleppo, two."]
    assert versions[1].stored_at < versions[0].stored_at


def test_restore_makes_a_version_current_and_can_be_undone(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / "a.sqlite3")
    store.put([doc("a", "Shelling in Aleppo, first."), doc("b")])
    store.put([doc("a", "Shelling in Aleppo, second.")])
    assert store.restore("a", 1) == 3
    assert store.documents()[0].text == "Shelling in Aleppo, first."
    assert [d.id for d in store.documents()] == ["a", "b"]  # its place in the export stays
    assert store.restore("a", 2) == 4  # the undo: version 2 back
    assert store.documents()[0].text == "Shelling in Aleppo, second."
    with pytest.raises(UnknownAnnotationError, match="no previous version 9"):
        store.restore("a", 9)
    with pytest.raises(UnknownAnnotationError, match="no stored annotation"):
        store.restore("zzz", 1)


def test_delete_removes_the_document_and_its_versions(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / "a.sqlite3")
    store.put([doc("a"), doc("b")])
    store.put([doc("a", "Shelling in Aleppo, again.")])
    assert store.delete("a") is True
    assert store.delete("a") is False
    assert [d.id for d in store.documents()] == ["b"]
    with pytest.raises(UnknownAnnotationError):
        store.versions("a")
    store.put([doc("a")])  # posted again: a new document, version 1
    assert [(v.version, v.current) for v in store.versions("a")] == [(1, True)]
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM versions").fetchone()[0] == 0


def test_a_write_past_the_document_limit_stores_nothing(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / "a.sqlite3", max_documents=3)
    store.put([doc("a"), doc("b")])
    with pytest.raises(StoreFullError, match="would hold 4 documents; the limit is 3"):
        store.put([doc("a", "Shelling in Aleppo, changed."), doc("c"), doc("d")])
    assert [(d.id, d.text) for d in store.documents()] == [
        ("a", "Shelling in Aleppo."), ("b", "Shelling in Aleppo.")]
    assert [v.version for v in store.versions("a")] == [1]  # its version rolled back too
    store.put([doc("c")])
    changed = "Shelling in Aleppo, changed."
    store.put([doc("a", changed), doc("b", changed)])  # full, but replacing is fine
    assert store.count() == 3


def test_latest_is_the_most_recently_written_in_storage_order(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / "a.sqlite3")
    for name in ("a", "b", "c", "d"):
        store.put([doc(name)])
        time.sleep(0.005)  # millisecond timestamps
    store.put([doc("a", "Shelling in Aleppo, rewritten.")])
    assert [doc_id for doc_id, _ in store.latest(2)] == ["a", "d"]
    assert [doc_id for doc_id, _ in store.latest(10)] == ["a", "b", "c", "d"]


def test_a_store_written_before_versions_opens_and_keeps_its_documents(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, body TEXT NOT NULL, "
                     "created_at TEXT NOT NULL, updated_at TEXT NOT NULL)")
        body = '{"id": "old", "text": "Shelling in Aleppo.", "spans": [], "meta": {}}'
        conn.execute("INSERT INTO documents VALUES ('old', ?, '2024-01-01T00:00:00.000+00:00', "
                     "'2024-01-01T00:00:00.000+00:00')", (body,))
    store = AnnotationStore(path)
    store.put([doc("old", "Shelling in Idlib.")])
    assert [(v.version, v.current) for v in store.versions("old")] == [(2, True), (1, False)]
