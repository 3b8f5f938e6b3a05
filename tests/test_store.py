"""The SQLite annotation store: durable, WAL, one transaction per batch, upsert by id."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from model.types import Document, Span
from service.store import AnnotationStore

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
        from service.store import AnnotationStore
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
