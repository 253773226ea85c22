"""The ingested documents a store holds, and how they reach the graph.

Each accepted extraction is kept as ``{id}.json`` (the extraction format of
``docs/extraction-format.md``) with the decoded text it was read from beside
it (``{id}.txt``), so every evidence span can be shown, in the documents
folder of the store whose graph holds it
(:func:`citygraph.graph.home.documents_of`; :func:`citygraph.graph.home.documents_dir`
names the current one).  Every build reads them and carries them into the
new store's folder (:func:`carry`); each becomes its own named graph,
``id/source/document/{id}``.  The documents and the graph therefore change
in one step, when ``current`` is switched, and a failed or killed ingest
leaves both as they were.

Examples
--------
>>> from citygraph.ingest.extraction import DocumentInfo, Extraction
>>> graph_key(Extraction(DocumentInfo("note", "note.txt", "ab", "ko")))
'document/note'
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Literal

from citygraph.graph.home import documents_dir
from citygraph.ingest.errors import BadInput
from citygraph.ingest.extraction import Extraction, ExtractionFormatError, from_json, to_json

__all__ = [
    "DocumentProblem",
    "Publication",
    "Status",
    "Stored",
    "carry",
    "documents_dir",
    "graph_key",
    "history",
    "history_in",
    "load",
    "load_folder",
    "status",
    "status_in",
    "write",
    "write_folder",
    "write_history",
]

Status = Literal["new", "changed", "unchanged"]
"""How a document compares with the one kept under its id: by the SHA-256 of its file."""


class DocumentProblem(BadInput):
    """A stored document that cannot be read; names the file and the field."""


@dataclass(frozen=True, slots=True)
class Stored:
    """An ingested document on disk."""

    extraction: Extraction
    path: Path


@dataclass(frozen=True, slots=True)
class Publication:
    """One publish of a document: who, when, which version, and what the reviewer decided.

    A store keeps each of its documents' publications beside it
    (``{id}.history.jsonl``), so the history changes with the graph, in one step.
    """

    version: int
    """1 for the first publish of the document, then 2, 3 ..."""
    who: str
    """The user who published (``citygraph ingest`` names the system user)."""
    when: str
    """ISO 8601 time in UTC."""
    sha256: str
    """The SHA-256 of the document's file."""
    action: str = "publish"
    """``publish``, ``ingest`` or ``rollback`` (to ``restored``)."""
    restored: int = 0
    """The earlier version a rollback published again."""
    draft: int = 0
    """The revision of the curation draft published (0: not from the curation pages)."""
    accepted: int = 0
    rejected: int = 0
    edited: int = 0
    added: int = 0

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Publication:
        """Read one line of a history file (unknown fields are ignored)."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})  # type: ignore[arg-type]


def _history_file(folder: Path, document: str) -> Path:
    return folder / f"{document}.history.jsonl"


def history_in(folder: Path, document: str) -> list[Publication]:
    """The publications of a document kept in a documents folder, oldest first."""
    path = _history_file(folder, document)
    if not path.exists():
        return []
    try:
        return [Publication.from_dict(json.loads(line))
                for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (ValueError, TypeError) as e:
        raise DocumentProblem(f"{path}: {e}") from None


def write_history(folder: Path, document: str, publications: Sequence[Publication]) -> None:
    """Write a document's publications into a documents folder (replacing the file at once)."""
    folder.mkdir(parents=True, exist_ok=True)
    _atomic(_history_file(folder, document), "".join(
        json.dumps(asdict(p), ensure_ascii=False) + "\n" for p in publications))


def history(home: Path, document: str) -> list[Publication]:
    """The publications of a document in the current store, oldest first."""
    return history_in(documents_dir(home), document)


def graph_key(x: Extraction) -> str:
    """The key of a document's named graph (``id/source/{key}``)."""
    return f"document/{x.document.id}"


def load(home: Path) -> list[Stored]:
    """Every ingested document of the current store, sorted by id.

    Raises
    ------
    DocumentProblem
        A file that is not JSON or not in the extraction format.
    """
    return load_folder(documents_dir(home))


def load_folder(folder: Path) -> list[Stored]:
    """Every document kept in ``folder``, sorted by id (see :func:`load`)."""
    if not folder.is_dir():
        return []
    stored = []
    for path in sorted(folder.glob("*.json")):
        try:
            x = from_json(json.loads(path.read_text(encoding="utf-8")), where=path.name)
        except json.JSONDecodeError as e:
            raise DocumentProblem(f"{path}: line {e.lineno}, column {e.colno}: {e.msg}") from None
        except ExtractionFormatError as e:
            raise DocumentProblem(f"{path}: {e}") from None
        stored.append(Stored(x, path))
    return stored


def status(home: Path, x: Extraction) -> Status:
    """``new``, ``unchanged`` (same file hash) or ``changed`` for an extraction."""
    return status_in(documents_dir(home), x)


def _atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write(home: Path, extractions: Sequence[tuple[Extraction, str]]) -> list[Path]:
    """Write accepted extractions (with their decoded texts) into the current store's folder.

    For tests and tools that build first; an ingest writes its documents
    into the new store before switching to it (:func:`carry`).
    """
    return write_folder(documents_dir(home), extractions)


def write_folder(folder: Path, extractions: Sequence[tuple[Extraction, str]]) -> list[Path]:
    """Write extractions with their texts into ``folder``; return the JSON paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for x, text in extractions:
        path = folder / f"{x.document.id}.json"
        _atomic(folder / f"{x.document.id}.txt", text)
        _atomic(path, json.dumps(to_json(x), ensure_ascii=False, indent=1) + "\n")
        paths.append(path)
    return paths


def carry(kept: Path, folder: Path, documents: Sequence[Extraction],
          texts: Mapping[str, str],
          histories: Mapping[str, Sequence[Publication]] | None = None) -> None:
    """Put exactly ``documents`` into a new store's ``folder``.

    Each document's JSON is written from its extraction; its text comes
    from ``texts`` (by document id), else from ``kept`` (the current store's
    folder) when the kept document is the same file (same SHA-256).  Its
    history is ``histories[id]`` when given, else the kept one.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for x in documents:
        doc = x.document.id
        if histories is not None and doc in histories:
            write_history(folder, doc, histories[doc])
        elif _history_file(kept, doc).exists():
            shutil.copyfile(_history_file(kept, doc), _history_file(folder, doc))
        _atomic(folder / f"{doc}.json", json.dumps(to_json(x), ensure_ascii=False, indent=1) + "\n")
        if doc in texts:
            _atomic(folder / f"{doc}.txt", texts[doc])
        elif (kept / f"{doc}.txt").exists() and status_in(kept, x) == "unchanged":
            shutil.copyfile(kept / f"{doc}.txt", folder / f"{doc}.txt")


def status_in(folder: Path, x: Extraction) -> Status:
    """``new``, ``unchanged`` or ``changed``: ``x`` against the document kept in ``folder``."""
    path = folder / f"{x.document.id}.json"
    if not path.exists():
        return "new"
    try:
        old = json.loads(path.read_text(encoding="utf-8"))["document"].get("sha256")
    except (ValueError, KeyError, TypeError):
        return "changed"
    return "unchanged" if old == x.document.sha256 else "changed"
