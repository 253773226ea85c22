"""The ingested documents kept in the home folder, and how they reach the graph.

Each accepted extraction is kept as ``HOME/documents/{id}.json`` (the
extraction format of ``docs/extraction-format.md``) with the decoded text it
was read from beside it (``{id}.txt``), so every evidence span can be shown.
Every build reads them; each becomes its own named graph,
``id/source/document/{id}``.  :func:`citygraph.graph.write.ingest.ingest`
builds first and writes the files only when the build succeeded, so a failed
ingest leaves both the documents and the graph as they were.

Examples
--------
>>> from citygraph.ingest.extraction import DocumentInfo, Extraction
>>> graph_key(Extraction(DocumentInfo("note", "note.txt", "ab", "ko")))
'document/note'
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
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
    "documents_dir",
    "graph_key",
    "load",
    "status",
    "write",
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
    """Every ingested document, sorted by id.

    Raises
    ------
    DocumentProblem
        A file that is not JSON or not in the extraction format.
    """
    folder = documents_dir(home)
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
    path = documents_dir(home) / f"{x.document.id}.json"
    if not path.exists():
        return "new"
    try:
        old = json.loads(path.read_text(encoding="utf-8"))["document"].get("sha256")
    except (ValueError, KeyError, TypeError):
        return "changed"
    return "unchanged" if old == x.document.sha256 else "changed"


def _atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write(home: Path, extractions: Sequence[tuple[Extraction, str]]) -> list[Path]:
    """Write accepted extractions (with their decoded texts); return the JSON paths."""
    folder = documents_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for x, text in extractions:
        path = folder / f"{x.document.id}.json"
        _atomic(folder / f"{x.document.id}.txt", text)
        _atomic(path, json.dumps(to_json(x), ensure_ascii=False, indent=1) + "\n")
        paths.append(path)
    return paths
