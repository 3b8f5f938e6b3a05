"""The annotation store: documents posted to the service, in one SQLite file.

SQLite in WAL mode with ``synchronous=FULL``: a write is acknowledged only after its
transaction is on disk, so a killed process (or a power cut) loses no acknowledged
annotation. Every call opens its own short-lived connection, so the store is safe to use
from the server's worker threads and from the retrain thread at once.

Upsert policy: documents are keyed by ``id``; posting a document whose id is already
stored replaces its text, spans and meta (``updated_at`` changes, ``created_at`` stays) and
keeps the replaced one as a previous version (numbered 1, 2, ...; the newest
``keep_versions`` are kept), which ``restore`` brings back. Posting an identical document
changes nothing. Each version records who saved it (``saved_by``: the annotator's name the
client gave, else the label of the token it used) and when. With ``replace=False`` a batch
that would replace a stored document is refused (``AnnotationExistsError``), so a client can
ask before overwriting. A batch is stored in one transaction: all of it or none of it, and none of
it when it would take the store past ``max_documents``. ``delete`` removes a document and
its previous versions.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from model.errors import ConflictIEError
from model.types import Document, document_to_json
from service.http.errors import LimitError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
"""
_ORDER = "CREATE INDEX IF NOT EXISTS documents_order ON documents (created_at, id)"
_RECENT = "CREATE INDEX IF NOT EXISTS documents_recent ON documents (updated_at, id)"
_VERSIONS = """
CREATE TABLE IF NOT EXISTS versions (
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    stored_at TEXT NOT NULL,
    saved_by TEXT,
    PRIMARY KEY (id, version)
)
"""
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
_INSERT = (
    "INSERT INTO documents (id, body, created_at, updated_at, version, saved_by) "
    "VALUES (?, ?, ?, ?, 1, ?)"
)
_CURRENT = "SELECT body, version, updated_at, saved_by FROM documents WHERE id = ?"


class StoreFullError(LimitError):
    """A write would take the store past its document limit; nothing was stored."""


class UnknownAnnotationError(ConflictIEError):
    """No stored document (or no kept version of it) has that id or number."""


class AnnotationExistsError(ConflictIEError):
    """``put(..., replace=False)`` met ids already stored with other content; nothing stored."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        shown = ", ".join(repr(i) for i in ids[:10])
        super().__init__(f"already stored: {shown}; nothing was stored (send replace=true to "
                         "replace them; the replaced versions are kept)")


@dataclass(frozen=True)
class Version:
    """One version of a stored document: the current one or a previous one."""

    version: int
    stored_at: str
    body: str
    current: bool
    saved_by: str | None = None


@dataclass(frozen=True)
class Summary:
    """What a list of stored documents shows of one: no text, no spans."""

    id: str
    version: int
    updated_at: str
    saved_by: str | None
    spans: int
    events: int | None  # None: not coded for events


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


class AnnotationStore:
    """Durable storage of annotated documents in the project's annotation format.

    >>> import tempfile
    >>> store = AnnotationStore(Path(tempfile.mkdtemp()) / "a.sqlite3")
    >>> store.put([Document(id="d1", text="Shelling in Aleppo.")])
    1
    >>> store.put([Document(id="d1", text="Shelling in Idlib.")])
    1
    >>> [(v.version, v.current) for v in store.versions("d1")]
    [(2, True), (1, False)]
    >>> store.restore("d1", 1), store.documents()[0].text
    (3, 'Shelling in Aleppo.')
    """

    def __init__(
        self, path: Path, *, max_documents: int | None = None, keep_versions: int = 5
    ) -> None:
        self.path = Path(path)
        self.max_documents = max_documents
        self.keep_versions = keep_versions
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(_SCHEMA)
            columns = {row[1] for row in conn.execute("PRAGMA table_info(documents)")}
            if "version" not in columns:  # a store written before versions were kept
                conn.execute("ALTER TABLE documents ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
            if "saved_by" not in columns:  # ... or before they named who saved them
                conn.execute("ALTER TABLE documents ADD COLUMN saved_by TEXT")
            conn.execute(_ORDER)
            conn.execute(_RECENT)
            conn.execute(_VERSIONS)
            if "saved_by" not in {row[1] for row in conn.execute("PRAGMA table_info(versions)")}:
                conn.execute("ALTER TABLE versions ADD COLUMN saved_by TEXT")
            conn.execute(_JOBS)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection whose block is one transaction (committed, or rolled back on error)."""
        with closing(sqlite3.connect(self.path, timeout=30.0)) as conn:
            conn.execute("PRAGMA synchronous=FULL")
            with conn:
                yield conn

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that holds the write lock from its first read."""
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            yield conn

    def put(
        self, docs: Sequence[Document], *, saved_by: str | None = None, replace: bool = True
    ) -> int:
        """Store (insert or replace by id) ``docs`` in one transaction; return how many.

        ``saved_by``: who saves them (kept with each version); ``replace=False``: refuse the
        batch if it would change a stored document.

        Raises:
            StoreFullError: the store would hold more than ``max_documents`` (nothing stored).
            AnnotationExistsError: ``replace`` is false and some ids are stored with other
                content (nothing stored).
        """
        now = _now()
        rows = [(doc.id, json.dumps(document_to_json(doc), ensure_ascii=False)) for doc in docs]
        with self._writing() as conn:
            added = 0
            clashes = []
            for doc_id, body in rows:
                old = conn.execute(_CURRENT, (doc_id,)).fetchone()
                if old is None:
                    conn.execute(_INSERT, (doc_id, body, now, now, saved_by))
                    added += 1
                elif old[0] != body:
                    clashes.append(doc_id)
                    self._replace(conn, doc_id, body, old, now, saved_by)
            if clashes and not replace:
                raise AnnotationExistsError(clashes)
            if added and self.max_documents is not None:
                total = int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
                if total > self.max_documents:
                    raise StoreFullError(
                        f"the store would hold {total} documents; the limit is "
                        f"{self.max_documents} (CONFLICT_IE_MAX_STORE_DOCUMENTS): nothing was "
                        "stored; delete documents with DELETE /annotations/{id}"
                    )
        return len(rows)

    def _replace(
        self, conn: sqlite3.Connection, doc_id: str, body: str,
        old: tuple[str, int, str, str | None], now: str, saved_by: str | None,
    ) -> int:
        """Make ``body`` the current version of ``doc_id``, the current one (``old``: body,
        number, time, saver) a previous one; drop previous versions past ``keep_versions``."""
        old_body, old_version, old_stored, old_by = old
        conn.execute("INSERT OR REPLACE INTO versions (id, version, body, stored_at, saved_by) "
                     "VALUES (?, ?, ?, ?, ?)", (doc_id, old_version, old_body, old_stored, old_by))
        version = old_version + 1
        conn.execute("UPDATE documents SET body = ?, updated_at = ?, version = ?, saved_by = ? "
                     "WHERE id = ?", (body, now, version, saved_by, doc_id))
        conn.execute("DELETE FROM versions WHERE id = ? AND version < ?",
                     (doc_id, version - self.keep_versions))
        return version

    def versions(self, doc_id: str) -> list[Version]:
        """The current version of ``doc_id`` and the previous ones kept, newest first.

        Raises:
            UnknownAnnotationError: no document has that id.
        """
        with self._connect() as conn:
            current = conn.execute(_CURRENT, (doc_id,)).fetchone()
            rows = conn.execute("SELECT version, stored_at, body, saved_by FROM versions "
                                "WHERE id = ? ORDER BY version DESC", (doc_id,)).fetchall()
        if current is None:
            raise UnknownAnnotationError(f"no stored annotation has the id {doc_id!r}")
        body, number, stored, by = current
        return [Version(number, stored, body, True, by),
                *(Version(v, at, b, False, who) for v, at, b, who in rows)]

    def restore(self, doc_id: str, version: int, *, saved_by: str | None = None) -> int:
        """Make previous version ``version`` of ``doc_id`` current again (the current one
        becomes a previous version, so a restore can be undone); return the new number.

        Raises:
            UnknownAnnotationError: no document has that id, or that version is not kept.
        """
        with self._writing() as conn:
            current = conn.execute(_CURRENT, (doc_id,)).fetchone()
            if current is None:
                raise UnknownAnnotationError(f"no stored annotation has the id {doc_id!r}")
            row = conn.execute("SELECT body FROM versions WHERE id = ? AND version = ?",
                               (doc_id, version)).fetchone()
            if row is None:
                raise UnknownAnnotationError(
                    f"annotation {doc_id!r} has no previous version {version} (kept: "
                    "see GET /annotations/{id}/versions)"
                )
            if row[0] == current[0]:
                return int(current[1])
            return self._replace(conn, doc_id, row[0], current, _now(), saved_by)

    def delete(self, doc_id: str) -> bool:
        """Remove ``doc_id`` and its previous versions; ``False`` if it was not stored."""
        with self._writing() as conn:
            gone = conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount
            conn.execute("DELETE FROM versions WHERE id = ?", (doc_id,))
        return gone > 0

    def latest(self, limit: int) -> list[tuple[str, str]]:
        """``(id, body)`` of the ``limit`` most recently written documents, oldest first
        (by first storage time, then id, as ``documents``)."""
        with self._connect() as conn:
            return conn.execute(
                "SELECT id, body FROM (SELECT id, body, created_at FROM documents "
                "ORDER BY updated_at DESC, id LIMIT ?) ORDER BY created_at, id", (limit,)
            ).fetchall()

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

    def summaries(self, *, limit: int) -> list[Summary]:
        """The ``limit`` most recently saved documents, newest first, without their text."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, version, updated_at, saved_by, body FROM documents "
                "ORDER BY updated_at DESC, id LIMIT ?", (limit,)).fetchall()
        out = []
        for doc_id, version, updated, by, body in rows:
            raw = json.loads(body)
            events = raw.get("events")
            out.append(Summary(doc_id, version, updated, by, len(raw.get("spans") or ()),
                               None if events is None else len(events)))
        return out

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
