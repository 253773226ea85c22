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
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from citygraph.graph.home import documents_dir
from citygraph.ingest.errors import BadInput
from citygraph.ingest.extraction import Extraction, ExtractionFormatError, from_json, to_json

__all__ = [
    "DocumentProblem",
    "Status",
    "Stored",
    "carry",
    "documents_dir",
    "graph_key",
    "load",
    "load_folder",
    "status",
    "status_in",
    "write",
    "write_folder",
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
          texts: Mapping[str, str]) -> None:
    """Put exactly ``documents`` into a new store's ``folder``.

    Each document's JSON is written from its extraction; its text comes
    from ``texts`` (by document id), else from ``kept`` (the current store's
    folder) when the kept document is the same file (same SHA-256).
    """
    folder.mkdir(parents=True, exist_ok=True)
    for x in documents:
        doc = x.document.id
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
