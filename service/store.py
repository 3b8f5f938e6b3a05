"""The annotation store: documents posted to the service, in one SQLite file.

SQLite in WAL mode with ``synchronous=FULL``: a write is acknowledged only after its
transaction is on disk, so a killed process (or a power cut) loses no acknowledged
annotation. Every call opens its own short-lived connection, so the store is safe to use
from the server's worker threads and from the retrain thread at once.

Upsert policy: documents are keyed by ``id``; posting a document whose id is already
stored replaces its text, spans and meta (``updated_at`` changes, ``created_at`` stays).
A batch is stored in one transaction: all of it or none of it.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from model.types import Document, document_to_json

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
"""
_ORDER = "CREATE INDEX IF NOT EXISTS documents_order ON documents (created_at, id)"
_JOBS = """
CREATE TABLE IF NOT EXISTS retrain_jobs (
    id TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
)
"""
_SAVE_JOB = """
INSERT INTO retrain_jobs (id, body, created_at) VALUES (?, ?, ?)
ON CONFLICT(id) DO UPDATE SET body = excluded.body
"""
_UPSERT = """
INSERT INTO documents (id, body, created_at, updated_at) VALUES (?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
"""


class AnnotationStore:
    """Durable storage of annotated documents in the project's annotation format.

    >>> import tempfile
    >>> store = AnnotationStore(Path(tempfile.mkdtemp()) / "a.sqlite3")
    >>> store.put([Document(id="d1", text="Shelling in Aleppo.")])
    1
    >>> [d.id for d in store.documents()]
    ['d1']
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(_SCHEMA)
            conn.execute(_ORDER)
            conn.execute(_JOBS)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection whose block is one transaction (committed, or rolled back on error)."""
        with closing(sqlite3.connect(self.path, timeout=30.0)) as conn:
            conn.execute("PRAGMA synchronous=FULL")
            with conn:
                yield conn

    def put(self, docs: Sequence[Document]) -> int:
        """Store (insert or replace by id) ``docs`` in one transaction; return how many."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
        rows = [
            (doc.id, json.dumps(document_to_json(doc), ensure_ascii=False), now, now)
            for doc in docs
        ]
        with self._connect() as conn:
            conn.executemany(_UPSERT, rows)
        return len(rows)

    def documents(self) -> list[Document]:
        """Every stored document, oldest first (ties by id)."""
        return [Document.model_validate_json(body) for body in self.jsonl()]

    def jsonl(self) -> list[str]:
        """Every stored document as an annotation-format JSON line (no newline), oldest first.

        Read in one statement, so an export is a consistent snapshot.
        """
        with self._connect() as conn:
            rows = conn.execute("SELECT body FROM documents ORDER BY created_at, id").fetchall()
        return [body for (body,) in rows]

    def count(self) -> int:
        """How many documents are stored."""
        with self._connect() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def save_job(self, job_id: str, body: dict[str, Any], created_at: str) -> None:
        """Insert or update one retrain job report (a JSON object)."""
        with self._connect() as conn:
            conn.execute(_SAVE_JOB, (job_id, json.dumps(body, default=str), created_at))

    def jobs(self, *, limit: int) -> list[dict[str, Any]]:
        """The newest ``limit`` job reports, oldest first."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT body FROM retrain_jobs ORDER BY created_at DESC, id LIMIT ?", (limit,)
            ).fetchall()
        return [json.loads(body) for (body,) in reversed(rows)]

    def prune_jobs(self, *, keep: int) -> None:
        """Forget all but the newest ``keep`` job reports."""
        with self._connect() as conn:
            conn.execute(
                "DELETE FROM retrain_jobs WHERE id NOT IN "
                "(SELECT id FROM retrain_jobs ORDER BY created_at DESC, id LIMIT ?)",
                (keep,),
            )

    def page(self, *, after: tuple[str, str] | None, limit: int) -> list[tuple[str, str, str]]:
        """Up to ``limit`` stored documents after the ``(created_at, id)`` position ``after``,
        oldest first, as ``(created_at, id, body)``: one page of a stable, resumable export."""
        return [(c, i, b) for c, i, b in self._after("created_at, id, body", after, limit)]

    def keys(self, *, after: tuple[str, str] | None, limit: int) -> list[tuple[str, str]]:
        """The ``(created_at, id)`` positions of up to ``limit`` documents after ``after``,
        oldest first: what a page of ``page`` holds, without reading the documents."""
        return [(c, i) for c, i in self._after("created_at, id", after, limit)]

    def _after(self, columns: str, after: tuple[str, str] | None, limit: int) -> list[Any]:
        query = f"SELECT {columns} FROM documents"  # columns: one of the two literals above
        args: tuple[Any, ...] = (limit,)
        if after is not None:
            query += " WHERE (created_at, id) > (?, ?)"
            args = (*after, limit)
        with self._connect() as conn:
            return conn.execute(query + " ORDER BY created_at, id LIMIT ?", args).fetchall()
