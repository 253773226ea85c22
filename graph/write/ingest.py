"""Ingest documents: one transaction from read extractions to the graph and the kept documents.

:func:`ingest` is what ``citygraph ingest`` does once its documents are read
(:func:`citygraph.ingest.reader.read` and :func:`citygraph.ingest.pipeline.extract`)
or its review file is parsed (:func:`citygraph.ingest.review.read_review`):

1. leave out the relations below the confidence threshold (a reviewed file
   keeps what its reviewer accepted);
2. compare each document with the one the current store holds under its id
   by the SHA-256 of its file: ``new``, ``changed`` or ``unchanged``; an
   unchanged one is skipped unless forced, and when every one is, nothing
   is done;
3. publish them (:func:`~citygraph.graph.write.publish.publish`, the
   function the curation pages call too): build the graph (curated
   datasets, the kept documents, the new versions replacing theirs) into
   the store the setting names, the embedded store or a SPARQL server
   (:func:`~citygraph.graph.write.build.build_to`); an
   embedded store is written with its documents, so the documents and the
   graph change in one step (the switch of ``current``); a remote store's
   documents are kept in ``HOME/documents`` once the server has loaded.

All of it holds the home's writer lock.  A failure (a data error, a SHACL
violation, a server that cannot be reached or refuses the load, a killed
process) leaves the documents and the graph as they were; a document that
cannot be read or a review file that does not parse fails before this
function is called.

Examples
--------
>>> report = ingest([], sources=Path("data"), home=Path("home"))
>>> report.build is None, report.documents
(True, ())
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from citygraph.graph.home import documents_dir, remote_documents, writing
from citygraph.graph.store.opening import home_of, parse_store
from citygraph.graph.write.build import LOAD_TIMEOUT, BuildReport, Step
from citygraph.graph.write.documents import Status, graph_key, status_in
from citygraph.graph.write.publish import publish
from citygraph.ingest.documents import DEFAULT_THRESHOLD, keep
from citygraph.ingest.errors import BadInput
from citygraph.ingest.extraction import Extraction
from citygraph.ingest.reader import Source
from citygraph.ontology.vocab import ID

__all__ = ["DuplicateDocument", "IngestReport", "IngestedDocument", "ingest"]


class DuplicateDocument(BadInput):
    """Two documents of one ingest have the same id (the name of their file)."""


@dataclass(frozen=True, slots=True)
class IngestedDocument:
    """One document of an ingest: what was kept of it and how it compared.

    Examples
    --------
    >>> from citygraph.ingest.extraction import DocumentInfo
    >>> done = IngestedDocument(Extraction(DocumentInfo("note", "note.txt", "ab", "en")), "new")
    >>> done.graph, done.skipped
    ('https://w3id.org/citygraph/id/source/document/note', False)
    """

    extraction: Extraction
    """The extraction as ingested: only relations at or above the threshold."""
    was: Status
    """``new``, ``changed`` or ``unchanged``, compared with the kept document."""
    skipped: bool = False
    """True when the document was unchanged and not forced: its graph stays as it was."""

    @property
    def graph(self) -> str:
        """The IRI of the document's named graph."""
        return str(ID[f"source/{graph_key(self.extraction)}"])


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What an ingest did: each document, and the build (None when nothing was to do)."""

    documents: tuple[IngestedDocument, ...]
    build: BuildReport | None


def _check_unique(pairs: Sequence[tuple[Source, Extraction]]) -> None:
    seen: dict[str, str] = {}
    for source, x in pairs:
        if x.document.id in seen:
            raise DuplicateDocument(
                f"document {x.document.id!r} is given twice ({seen[x.document.id]} and "
                f"{source.path}); give each once, renaming one if they differ"
            )
        seen[x.document.id] = source.path


def _no_local_path(x: Extraction) -> Extraction:
    """The extraction naming its file by name only: a kept document never shows a home folder."""
    name = PurePath(x.document.path).name
    return x if name == x.document.path else replace(x, document=replace(x.document, path=name))


def ingest(
    pairs: Sequence[tuple[Source, Extraction]],
    *,
    sources: Path,
    home: Path,
    store_spec: str = "",
    threshold: float | None = DEFAULT_THRESHOLD,
    force: bool = False,
    user: str = "",
    password: str = "",
    timeout: float = LOAD_TIMEOUT,
    step: Step | None = None,
    who: str = "",
) -> IngestReport:
    """Add documents' facts to the graph, each as its own named graph, and keep the documents.

    The documents are written only after the build succeeded: whatever this
    raises, the documents and the graph are left as they were (but for a
    remote server that fails part-way through loading, which keeps the
    graphs loaded before; see
    :meth:`~citygraph.graph.store.remote.SparqlStore.replace_nquads`).

    Parameters
    ----------
    pairs
        Each document read (its decoded text is kept beside its extraction)
        and what was extracted from it.
    sources
        Folder of the curated datasets the graph is built from.
    home
        The home folder; the documents are kept in the one ``store_spec``
        means (``oxigraph:PATH`` moves it to ``PATH``).
    store_spec
        The store setting, ``oxigraph:PATH`` or ``sparql:URL`` (see
        :mod:`citygraph.graph.store.opening`); the embedded store under
        ``home`` by default.
    threshold
        Relations with less confidence are left out; None keeps every
        relation given (a reviewed file).
    force
        Ingest documents whose file has not changed too.
    user, password, timeout
        For a remote store, as for :func:`~citygraph.graph.write.build.build_to`.
    step
        Called with the name of each step, for progress displays.
    who
        Who ingests, as the documents' publication records it (the system
        user by default); see :func:`~citygraph.graph.write.publish.publish`.

    Returns
    -------
    IngestReport
        Each document in the order given; ``build`` is None when every
        document was unchanged (and not forced), and then nothing was done.

    Raises
    ------
    DuplicateDocument
        Two documents have the same id.
    citygraph.graph.write.documents.DocumentProblem
        A kept document cannot be read.
    citygraph.graph.store.opening.StoreSpecError
        The store setting is not understood.
    citygraph.ingest.curated.DataErrors, citygraph.graph.write.build.BuildError
        The curated data or the documents' facts do not map or validate.
    citygraph.graph.store.remote.RemoteStoreError
        The server cannot be reached, or refused the credentials or a graph.
    """
    _check_unique(pairs)
    if not pairs:
        return IngestReport((), None)
    folder = home_of(store_spec, home)
    remote = parse_store(store_spec)[0] == "sparql"
    with writing(folder, on_wait=step):
        kept = remote_documents(folder) if remote else documents_dir(folder)
        done: list[IngestedDocument] = []
        todo: list[tuple[Source, Extraction]] = []
        for source, found in pairs:
            x = _no_local_path(found if threshold is None else keep(found, threshold))
            was = status_in(kept, x)
            done.append(IngestedDocument(x, was, skipped=was == "unchanged" and not force))
            if not done[-1].skipped:
                todo.append((source, x))
        if not todo:
            return IngestReport(tuple(done), None)
        published = publish([(x, s.raw) for s, x in todo], sources=sources, home=home,
                            store_spec=store_spec, who=who, action="ingest", user=user,
                            password=password, timeout=timeout, step=step)
    return IngestReport(tuple(done), published.build)
