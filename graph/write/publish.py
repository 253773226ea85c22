"""Publish reviewed documents into the live graph: the one workflow of ingest and the web.

:func:`publish` is what both ``citygraph ingest`` (through
:func:`citygraph.graph.write.ingest.ingest`) and the curation pages call.
Under the home's single-writer lock it

1. numbers the new version of each document (one more than the last in the
   current store's history) and keeps the document as reviewed, every
   decision included, in ``HOME/published/{id}/{n}.json`` with its text;
2. builds the graph with the document's accepted, edited and added facts
   (its rejected ones left out) as its named graph, with a
   :class:`~citygraph.graph.write.documents.Publication` (who, when, which
   version, what was decided) added to its history and, as PROV-O, to the
   named graph (:mod:`citygraph.graph.write.provenance`);
3. switches ``current`` to the new store, which holds the documents and
   their histories: the graph and what was published change in one step.

A running ``citygraph serve`` follows ``current`` and answers from the new
version within about a second.  A failed, interrupted or killed publish
leaves the graph and the histories as they were; a version file it wrote is
named by no history and is written over by the next publish.

:func:`rollback` publishes an earlier version of a document again.

Examples
--------
>>> from citygraph.ingest.extraction import DocumentInfo, Relation, RelationType
>>> x = Extraction(DocumentInfo("d", "d.txt", "ab", "ko"), (), (
...     Relation(RelationType.MEETING, "a", "b", review="rejected"),
...     Relation(RelationType.MEETING, "a", "c", review="added"),
...     Relation(RelationType.MEETING, "b", "c")))
>>> [r.target for r in as_published(x).relations]
['c', 'c']
>>> decisions(x)
{'accepted': 1, 'rejected': 1, 'edited': 0, 'added': 1}
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from citygraph.graph.home import documents_dir, published_dir, remote_documents, writing
from citygraph.graph.store.opening import home_of, parse_store
from citygraph.graph.write.build import LOAD_TIMEOUT, BuildReport, Step, build_to
from citygraph.graph.write.documents import (
    DocumentProblem,
    Publication,
    history_in,
    load,
    load_folder,
    write_folder,
    write_history,
)
from citygraph.ingest.errors import NotFound
from citygraph.ingest.extraction import (
    Extraction,
    ExtractionFormatError,
    from_json,
    to_json,
)

__all__ = [
    "PublishReport",
    "as_published",
    "decisions",
    "export_gold",
    "publish",
    "published_version",
    "rollback",
    "system_user",
]


@dataclass(frozen=True, slots=True)
class PublishReport:
    """What a publish did: the build, and the publication of each document."""

    build: BuildReport
    publications: tuple[Publication, ...]


def as_published(x: Extraction) -> Extraction:
    """The extraction as the graph holds it: its rejected relations left out."""
    kept = tuple(r for r in x.relations if r.review != "rejected")
    return x if len(kept) == len(x.relations) else replace(x, relations=kept)


def decisions(x: Extraction) -> dict[str, int]:
    """How many relations were accepted (or left as found), rejected, edited and added."""
    counts = {"accepted": 0, "rejected": 0, "edited": 0, "added": 0}
    for r in x.relations:
        counts[r.review or "accepted"] += 1
    return counts


def system_user() -> str:
    """Who runs this process (the publisher ``citygraph ingest`` records)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return f"uid-{os.getuid()}"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _keep_version(folder: Path, x: Extraction, text: str, version: int) -> None:
    where = published_dir(folder, x.document.id)
    where.mkdir(parents=True, exist_ok=True)
    for name, content in ((f"{version}.txt", text),
                          (f"{version}.json",
                           json.dumps(to_json(x), ensure_ascii=False, indent=1) + "\n")):
        tmp = where / f".{name}.tmp"
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, where / name)


def publish(
    documents: Sequence[tuple[Extraction, str]],
    *,
    sources: Path,
    home: Path,
    store_spec: str = "",
    who: str = "",
    action: str = "publish",
    restored: int = 0,
    drafts: Mapping[str, int] | None = None,
    user: str = "",
    password: str = "",
    timeout: float = LOAD_TIMEOUT,
    step: Step | None = None,
) -> PublishReport:
    """Publish reviewed documents: each a new version of its named graph, atomically.

    Parameters
    ----------
    documents
        Each document as reviewed (relations with their decisions; rejected
        ones are kept in its version file, left out of the graph) and its
        decoded text.
    sources
        Folder of the curated datasets the graph is built from.
    home, store_spec
        The home folder and the store setting, as for
        :func:`~citygraph.graph.write.build.build_to`.
    who
        The user publishing; the system user by default.
    action, restored
        ``publish``, ``ingest`` or ``rollback`` (and the version it restores).
    drafts
        The revision of each document's curation draft (by id), recorded so
        that the curation pages know which draft the graph holds.
    user, password, timeout, step
        As for :func:`~citygraph.graph.write.build.build_to`.

    Raises
    ------
    citygraph.ingest.curated.DataErrors, citygraph.graph.write.build.BuildError
        The facts do not map or validate: nothing was changed.
    citygraph.graph.store.remote.RemoteStoreError
        A remote server that cannot be reached or refuses the load.
    """
    folder = home_of(store_spec, home)
    remote = parse_store(store_spec)[0] == "sparql"
    with writing(folder, on_wait=step):
        kept = remote_documents(folder) if remote else documents_dir(folder)
        histories: dict[str, list[Publication]] = {}
        new: dict[str, Extraction] = {}
        for x, text in documents:
            doc = x.document.id
            past = history_in(kept, doc)
            version = (past[-1].version if past else 0) + 1
            _keep_version(folder, x, text, version)
            histories[doc] = [*past, Publication(
                version, who or system_user(), _now(), x.document.sha256, action, restored,
                (drafts or {}).get(doc, 0), **decisions(x))]
            new[doc] = as_published(x)
        others = [d.extraction for d in load_folder(kept) if d.extraction.document.id not in new]
        report = build_to(store_spec, sources, home, user=user, password=password,
                          timeout=timeout, step=step, documents=[*others, *new.values()],
                          texts={x.document.id: text for x, text in documents},
                          histories=histories)
        if remote:  # no local store to hold them: the home's own folder does
            write_folder(kept, [(new[x.document.id], text) for x, text in documents])
            for doc, found in histories.items():
                write_history(kept, doc, found)
    return PublishReport(report, tuple(h[-1] for h in histories.values()))


def published_version(home: Path, document: str, version: int) -> tuple[Extraction, str]:
    """A published version of a document as reviewed, with its text.

    Raises
    ------
    NotFound
        The current store's history has no such version of the document.
    """
    if version not in {p.version for p in history_in(documents_dir(home), document)}:
        raise NotFound(f"Document {document!r} has no published version {version}.")
    where = published_dir(home, document)
    try:
        x = from_json(json.loads((where / f"{version}.json").read_text(encoding="utf-8")),
                      where=f"{document} version {version}")
        return x, (where / f"{version}.txt").read_text(encoding="utf-8")
    except (OSError, ValueError, ExtractionFormatError) as e:
        raise DocumentProblem(f"version {version} of {document!r} cannot be read: {e}") from None


def rollback(document: str, version: int, *, sources: Path, home: Path, who: str = "",
             drafts: Mapping[str, int] | None = None,
             step: Step | None = None) -> PublishReport:
    """Publish an earlier version of a document again (a new version, action ``rollback``)."""
    with writing(home, on_wait=step):
        x, text = published_version(home, document, version)
        return publish([(x, text)], sources=sources, home=home, who=who, action="rollback",
                       restored=version, drafts=drafts, step=step)


def export_gold(home: Path, folder: Path) -> list[Path]:
    """Write every published document, as its reviewers left it, as an evaluation set.

    For each document of the current store, its latest published version:
    the text under its file's name and ``{id}.gold.json``, the extraction
    format with the reviewers' decisions (rejected relations left out, the
    added ones in), so that ``citygraph eval FOLDER/<file> --gold
    FOLDER/{id}.gold.json`` scores the extractor against them.  Returns the
    gold files written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for stored in load(home):
        doc = stored.extraction.document.id
        past = history_in(documents_dir(home), doc)
        if not past:
            continue
        x, text = published_version(home, doc, past[-1].version)
        name = Path(x.document.path).name or f"{doc}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        gold = folder / f"{doc}.gold.json"
        gold.write_text(json.dumps(to_json(as_published(x)), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
        written.append(gold)
    return written
