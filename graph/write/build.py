"""The build: curated datasets -> facts -> RDF -> SHACL -> a new embedded store.

A build holds the home's writer lock (:func:`citygraph.graph.home.writing`:
a second build waits), writes a fresh store beside the current one, with the
ingested documents it holds, replays the SPARQL Updates made on the server
since (:mod:`citygraph.graph.write.update`), and switches ``current`` to it
only when everything succeeded, so a failed, interrupted or killed build
leaves the previous graph in place and nothing written is lost.  Stores no
reader holds are deleted afterwards.  The home's layout is
:mod:`citygraph.graph.home`.

:func:`build_to` builds into the store one setting names (``oxigraph:PATH`` or
``sparql:URL``): :func:`build` for the embedded store, :func:`build_remote`
for a SPARQL server.  Interfaces call it rather than choosing themselves.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Final

from rdflib import Dataset, URIRef

from citygraph.graph.home import (
    complete,
    documents_dir,
    documents_of,
    new_store,
    partial,
    prune,
    record_of,
    remote_documents,
    switch,
    writing,
)
from citygraph.graph.store.base import QueryError
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.opening import home_of, parse_store
from citygraph.graph.store.remote import SparqlStore
from citygraph.graph.write.documents import (
    Publication,
    carry,
    graph_key,
    history_in,
    load,
    load_folder,
)
from citygraph.graph.write.lists import (
    compile_quads,
    dataset_quads,
    list_sets,
    remember,
    remembered,
)
from citygraph.graph.write.mapping import SourceSet, to_rdf
from citygraph.graph.write.provenance import add_provenance
from citygraph.graph.write.update import logged_updates, set_aside
from citygraph.graph.write.validate import Violation, load_ontology, validate
from citygraph.ingest.curated import parse_dataset, read_datasets
from citygraph.ingest.documents import Known, to_facts
from citygraph.ingest.errors import BadInput
from citygraph.ingest.extraction import Extraction
from citygraph.ingest.facts import Fact
from citygraph.ontology import ONTOLOGY_FILE, read_text
from citygraph.ontology.vocab import ID as ID_BASE
from citygraph.ontology.vocab import ONTOLOGY_IRI

__all__ = [
    "LOAD_TIMEOUT",
    "BuildError",
    "BuildReport",
    "Compiled",
    "Step",
    "build",
    "build_remote",
    "build_to",
    "compile_graph",
    "document_sets",
]

Step = Callable[[str], None]
"""Called with the name of each step of a build, for progress displays."""

LOAD_TIMEOUT: Final = 120.0
"""The least time, in seconds, a request loading a remote server may take.

Loading a named graph takes far longer than answering a query, so the query
time limit (``CITYGRAPH_TIMEOUT``, 10 s by default) would cut it short."""


class BuildError(BadInput):
    """The data does not validate; ``problems`` lists each violation."""

    def __init__(self, summary: str, problems: list[Violation]) -> None:
        self.problems = problems
        super().__init__(summary, details=[str(v) for v in problems])


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a successful build produced."""

    store: str
    version: str
    quads: int
    graphs: int
    seconds: float
    updates: int = 0
    """SPARQL Updates made on the server that the build replayed."""


def _nquads(dataset: Dataset) -> bytes:
    text = dataset.serialize(format="nquads")
    lines = sorted(set(line for line in text.splitlines() if line.strip()))
    return ("\n".join(lines) + "\n").encode()


@dataclass(frozen=True, slots=True)
class Compiled:
    """A validated graph, ready to be written to a store."""

    data: bytes  # N-Quads, the ontology included
    version: str
    started: float


def document_sets(curated: Sequence[SourceSet],
                  documents: Sequence[Extraction]) -> list[SourceSet]:
    """Each document's facts as its own set, naming what the graph already holds as it does.

    A thing the curated data or an earlier document (by id) holds is the same
    node when a document names it again (:class:`~citygraph.ingest.documents.Known`),
    so re-ingesting a document, or another one naming the same forum, adds
    evidence, not nodes.
    """
    facts: list[Fact] = [f for s in curated for f in s.facts]
    out = []
    for x in sorted(documents, key=lambda d: d.document.id):
        found = to_facts(x, known=Known.of(facts), threshold=0)
        facts += found
        out.append(SourceSet(graph_key(x), x.document.sha256, found))
    order = {x.document.id: i for i, x in enumerate(documents)}
    return sorted(out, key=lambda s: order[s.key.removeprefix("document/")])


def compile_graph(sources: Path, home: Path, *, step: Step | None = None,
                  validate_shapes: bool = True,
                  documents: Sequence[Extraction] | None = None,
                  histories: Mapping[str, Sequence[Publication]] | None = None,
                  lists: Sequence[Path] | None = None) -> Compiled:
    """Read, map and validate: everything a build does before writing a store.

    See :func:`build` for the parameters and errors.  ``lists`` are folders of
    lists of twinnings (:mod:`citygraph.graph.write.lists`); None: those the
    home's last build included.  A build with a list takes the large path
    (:func:`~citygraph.graph.write.lists.compile_quads`).
    """
    say = step or (lambda _: None)
    started = time.perf_counter()
    say("Reading datasets")
    raw = read_datasets(sources)
    say("Parsing facts")
    sets = [SourceSet(s.key, s.sha256, parse_dataset(s)) for s in raw]
    if documents is None:
        documents = [d.extraction for d in load(home)]
    if documents:
        say("Reading ingested documents")
        sets += document_sets(sets, documents)
    lists = remembered(home) if lists is None else lists
    remember(home, lists)
    kept = documents_dir(home)
    if lists:
        say(f"Reading {len(lists)} list(s) of twinnings")
        sets += list_sets(lists, sets)
        provenance = Dataset()
        for x in documents:
            doc = x.document.id
            found = (histories or {}).get(doc)
            add_provenance(provenance, doc, found if found is not None else history_in(kept, doc))
        data, version = compile_quads(
            sets, read_text(ONTOLOGY_FILE), step=say, validate_shapes=validate_shapes,
            extra=dataset_quads(provenance))
        return Compiled(data, version, started)
    say("Mapping facts to RDF")
    dataset = to_rdf(sets)
    for x in documents:
        doc = x.document.id
        found = (histories or {}).get(doc)
        add_provenance(dataset, doc, found if found is not None else history_in(kept, doc))
    ontology = load_ontology()
    if validate_shapes:
        say("Validating with SHACL")
        problems = validate(dataset, ontology=ontology)
        if problems:
            raise BuildError(f"{len(problems)} SHACL violation(s); the graph was not changed",
                             problems)
    # the version digests the facts and the ontology's text (its blank nodes differ per parse)
    version = _digest(_nquads(dataset) + read_text(ONTOLOGY_FILE).encode())
    ontology_graph = dataset.graph(URIRef(ONTOLOGY_IRI))
    ontology_graph += ontology
    return Compiled(_nquads(dataset), version, started)


def build(sources: Path, home: Path, *, step: Step | None = None,
          validate_shapes: bool = True,
          documents: Sequence[Extraction] | None = None,
          texts: Mapping[str, str] | None = None,
          discard_updates: bool = False,
          wait: float | None = None,
          histories: Mapping[str, Sequence[Publication]] | None = None,
          lists: Sequence[Path] | None = None) -> BuildReport:
    """Build the graph from the datasets in ``sources`` into ``home``.

    Parameters
    ----------
    sources
        Folder of dataset folders of CSV files (see ``data/README.md``).
    home
        Where stores live; created when missing.
    step
        Called with the name of each step, for progress displays (and told
        when the build waits for another writer).
    validate_shapes
        Run SHACL validation (on by default; benchmarks may time it apart).
    documents
        The ingested documents the new store holds; by default those the
        current store holds (see :mod:`citygraph.graph.write.documents`).
    texts
        Decoded texts of documents, by id, for documents new to the home;
        the others keep the text the current store holds.
    discard_updates
        Set the SPARQL Updates made on the server aside (in
        ``HOME/updates-discarded-<time>``) instead of replaying them.
    wait
        Seconds to wait for another writer; None waits as long as it takes.
    lists
        Folders of lists of twinnings to build in (``data/twin-towns``);
        None: those the home's last build included.
    histories
        The publications of documents, by id, replacing those the current
        store keeps (see :mod:`citygraph.graph.write.publish`).

    Raises
    ------
    citygraph.ingest.curated.DataErrors
        A bad file, row or cell, each named with file, line and column.
    BuildError
        SHACL violations, each with the data rows of the offending node, or
        an update that no longer applies.
    citygraph.graph.home.Busy
        Another writer held the home longer than ``wait``.
    """
    say = step or (lambda _: None)
    with writing(home, wait=wait, on_wait=say):
        kept = documents_dir(home)
        chosen = list(documents) if documents is not None else [d.extraction for d in load(home)]
        if discard_updates:
            set_aside(home)
        updates = logged_updates(home)
        compiled = compile_graph(sources, home, step=step, validate_shapes=validate_shapes,
                                 documents=chosen, histories=histories, lists=lists)
        version = compiled.version if not updates else _digest(
            compiled.version.encode() + b"".join(u.read_bytes() for u in updates))
        target = new_store(home, version)
        work = partial(target)
        work.parent.mkdir(parents=True, exist_ok=True)
        try:
            say("Writing the store")
            store = OxigraphStore.open(work, read_only=False)
            store.load_nquads(compiled.data)
            if updates:
                say(f"Replaying {len(updates)} update(s) made on the server")
                _replay(store, updates)
            store.flush()
            quads, graphs = store.quad_count(), len(store.graph_names())
            del store
            carry(kept, documents_of(work), chosen, texts or {}, histories)
            report = BuildReport(str(target), version, quads, graphs,
                                 round(time.perf_counter() - compiled.started, 3), len(updates))
            record_of(work).write_text(json.dumps(asdict(report), indent=2))
            say("Switching to the new store")
            complete(work, target)
            switch(home, target)
        except BaseException:
            for leftover in (work, documents_of(work), record_of(work)):
                shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else \
                    leftover.unlink(missing_ok=True)
            raise
        prune(home, keep={target})
    return report


_NO_LONGER = ("A kept SPARQL Update ({name}) no longer applies: {why} Run 'citygraph build "
              "--discard-updates' to set the kept updates aside.")


def _replay(store: OxigraphStore, updates: Sequence[Path]) -> None:
    for update in updates:
        try:
            store.update(update.read_text(encoding="utf-8"))
        except QueryError as err:
            raise BuildError(_NO_LONGER.format(name=update.name, why=err.message), []) from None


def build_remote(sources: Path, home: Path, store: SparqlStore, *, step: Step | None = None,
                 documents: Sequence[Extraction] | None = None,
                 histories: Mapping[str, Sequence[Publication]] | None = None,
                 lists: Sequence[Path] | None = None) -> BuildReport:
    """Build the graph and put it on a remote SPARQL server, replacing citygraph's graphs.

    Everything is read, mapped and validated before the server is touched;
    then each named graph is replaced and citygraph graphs that are gone are
    dropped.  ``home`` holds the ingested documents.
    """
    say = step or (lambda _: None)
    if documents is None:
        documents = [d.extraction for d in load_folder(remote_documents(home))]
    compiled = compile_graph(sources, home, step=step, documents=documents, histories=histories,
                             lists=lists)
    say("Loading the graphs into the server")
    store.graphs = (*store.discover_graphs(str(ID_BASE)), ONTOLOGY_IRI)
    store.replace_nquads(compiled.data)
    quads = compiled.data.count(b"\n")
    return BuildReport(store.endpoint, compiled.version, quads, len(store.graphs or ()),
                       round(time.perf_counter() - compiled.started, 3))


def build_to(spec: str, sources: Path, home: Path, *, user: str = "", password: str = "",
             timeout: float = LOAD_TIMEOUT, step: Step | None = None,
             documents: Sequence[Extraction] | None = None,
             texts: Mapping[str, str] | None = None,
             discard_updates: bool = False,
             histories: Mapping[str, Sequence[Publication]] | None = None,
             lists: Sequence[Path] | None = None) -> BuildReport:
    """Build the graph into the store a setting names, embedded or remote.

    Parameters
    ----------
    spec
        The store setting (see :mod:`citygraph.graph.store.opening`): ``""``
        or ``oxigraph`` for the embedded store under ``home``,
        ``oxigraph:PATH`` for the one under ``PATH``, ``sparql:URL`` for a
        SPARQL server (:func:`build_remote`).
    sources
        Folder of dataset folders of CSV files (see ``data/README.md``).
    home
        The home folder: its ingested documents are built in, and the
        embedded store is written there (unless ``spec`` names another).
    user, password
        Who loads a remote server (HTTP Digest); empty for nobody.
    timeout
        Seconds each request to a remote server may take; never less than
        :data:`LOAD_TIMEOUT`.
    step
        Called with the name of each step, for progress displays.
    documents, texts, discard_updates, histories, lists
        As for :func:`build` (a remote store keeps its documents in
        ``HOME/documents`` and has no updates to replay).

    Raises
    ------
    citygraph.graph.store.opening.StoreSpecError
        ``spec`` is neither ``oxigraph:PATH`` nor ``sparql:URL``; nothing is read.
    citygraph.ingest.curated.DataErrors, BuildError
        As for :func:`build`; no store is touched.
    citygraph.graph.store.remote.RemoteStoreError
        The server cannot be reached, or refused the credentials or a graph.

    Examples
    --------
    >>> build_to("ftp:somewhere", Path("data"), Path("home"))
    Traceback (most recent call last):
    ...
    citygraph.graph.store.opening.StoreSpecError: store 'ftp:somewhere' is not understood: ...
    """
    kind, where = parse_store(spec)
    folder = home_of(spec, home)
    if kind == "sparql":
        remote = SparqlStore.virtuoso(where, user=user or None, password=password or None,
                                      timeout=max(timeout, LOAD_TIMEOUT))
        with writing(folder, on_wait=step):
            return build_remote(sources, folder, remote, step=step, documents=documents,
                                histories=histories, lists=lists)
    return build(sources, folder, step=step, documents=documents, texts=texts,
                 discard_updates=discard_updates, histories=histories, lists=lists)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]
