"""The curation queue: each document's draft (its text and the extraction as reviewed so far).

A draft lives in the home's SQLite database (:func:`citygraph.graph.home.curation_db`)
beside the accounts: its decoded text, the extraction with the reviewer's
decisions (the extraction format, ``"review"`` on each decided relation),
its revision (one more at every change), its extraction job's progress, and
who touched it last.  What the graph holds is not kept here: a document is
*published* when the current store's history of it
(:func:`citygraph.graph.write.documents.history`) names the draft's
revision, so the queue and the graph can never disagree, even after a
publish was killed half-way.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> drafts = Drafts(Path(tempfile.mkdtemp()) / "curation.sqlite")
>>> drafts.create("note", "note.txt", "text", who="kim").state
'extracting'
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from citygraph.api.database import Database
from citygraph.ingest.errors import Conflict, NotFound
from citygraph.ingest.extraction import Extraction, from_json, to_json

__all__ = ["Draft", "Drafts"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (id TEXT PRIMARY KEY, name TEXT NOT NULL, text TEXT NOT NULL,
  extraction TEXT, revision INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL,
  step TEXT NOT NULL DEFAULT '', error TEXT NOT NULL DEFAULT '', created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL, updated REAL NOT NULL);
"""


@dataclass(frozen=True, slots=True)
class Draft:
    """One document of the queue."""

    id: str
    name: str
    """The file name it was uploaded as (or ``pasted``)."""
    text: str
    extraction: Extraction | None
    revision: int
    state: str
    """``extracting``, ``failed`` or ``ready`` (its extraction done)."""
    step: str
    """What the extraction is doing (while ``extracting``)."""
    error: str
    updated_by: str
    updated: float

    @property
    def title(self) -> str:
        """The document's title, else its id."""
        return (self.extraction.document.title if self.extraction else None) or self.id


class Drafts(Database):
    """The drafts table; safe to share between threads."""

    schema = _SCHEMA

    def create(self, doc: str, name: str, text: str, *, who: str) -> Draft:
        """Add a document to the queue, its extraction to come; refuse an id in use."""
        with self._tx() as db:
            if db.execute("SELECT 1 FROM drafts WHERE id = ?", (doc,)).fetchone():
                raise Conflict(f"A document named {doc!r} is in the queue already; open it, or "
                               "rename the file.")
            db.execute("INSERT INTO drafts (id, name, text, state, step, created_by, updated_by, "
                       "updated) VALUES (?, ?, ?, 'extracting', 'queued', ?, ?, ?)",
                       (doc, name, text, who, who, time.time()))
        return self.get(doc)

    def get(self, doc: str) -> Draft:
        """A draft by id, or raise :class:`NotFound`."""
        with self._lock:
            row = self._db.execute(
                "SELECT id, name, text, extraction, revision, state, step, error, updated_by, "
                "updated FROM drafts WHERE id = ?", (doc,)).fetchone()
        if row is None:
            raise NotFound(f"No document {doc!r} is in the curation queue.")
        return _draft(row)

    def all(self) -> list[Draft]:
        """Every draft, the last touched first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, name, text, extraction, revision, state, step, error, updated_by, "
                "updated FROM drafts ORDER BY updated DESC, id").fetchall()
        return [_draft(r) for r in rows]

    def progress(self, doc: str, step: str) -> None:
        """Say what the extraction of a draft is doing."""
        with self._tx() as db:
            db.execute("UPDATE drafts SET step = ? WHERE id = ?", (step, doc))

    def failed(self, doc: str, error: str) -> None:
        """The extraction of a draft failed, with the reason."""
        with self._tx() as db:
            db.execute("UPDATE drafts SET state = 'failed', error = ?, step = '' WHERE id = ?",
                       (error, doc))

    def save(self, doc: str, x: Extraction, *, who: str, expect: int | None = None,
             text: str | None = None) -> Draft:
        """Store a new revision of a draft's extraction (and its text, when given).

        ``expect`` is the revision the change was made on: a draft changed
        since (by another reviewer) raises :class:`Conflict`.
        """
        with self._tx() as db:
            row = db.execute("SELECT revision FROM drafts WHERE id = ?", (doc,)).fetchone()
            if row is None:
                raise NotFound(f"No document {doc!r} is in the curation queue.")
            if expect is not None and row[0] != expect:
                raise Conflict("Someone changed this document since you opened it; reload the "
                               "page and make your change again.")
            if text is not None:
                db.execute("UPDATE drafts SET text = ? WHERE id = ?", (text, doc))
            db.execute("UPDATE drafts SET extraction = ?, revision = revision + 1, "
                       "state = 'ready', step = '', error = '', updated_by = ?, updated = ? "
                       "WHERE id = ?",
                       (json.dumps(to_json(x), ensure_ascii=False), who, time.time(), doc))
        return self.get(doc)

    def touched(self, doc: str, who: str) -> None:
        """Record who acted on a draft last (a publish, a rollback)."""
        with self._tx() as db:
            db.execute("UPDATE drafts SET updated_by = ?, updated = ? WHERE id = ?",
                       (who, time.time(), doc))


def _draft(row: tuple[object, ...]) -> Draft:
    doc, name, text, extraction, revision, state, step, error, who, updated = row
    x = from_json(json.loads(str(extraction)), where=f"draft {doc}") if extraction else None
    return Draft(str(doc), str(name), str(text), x, int(str(revision)), str(state), str(step),
                 str(error), str(who), float(str(updated)))
