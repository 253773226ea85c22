"""The build: curated datasets -> facts -> RDF -> SHACL -> a new embedded store.

A build writes a fresh store beside the current one and switches the
``current`` link to it only when everything succeeded, so a failed or
interrupted build leaves the previous graph in place.

Layout of the home folder::

    HOME/current -> stores/store-<version>-<time>   (a symlink, swapped atomically)
    HOME/stores/store-<version>-<time>/             (an Oxigraph store)
    HOME/stores/store-<version>-<time>.json         (what the build recorded)
    HOME/documents/{id}.json, {id}.txt              (ingested documents, see graph.write.documents)

:func:`build_to` builds into the store one setting names (``oxigraph:PATH`` or
``sparql:URL``): :func:`build` for the embedded store, :func:`build_remote`
for a SPARQL server.  Interfaces call it rather than choosing themselves.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Final

from rdflib import Dataset, URIRef

from citygraph.graph.home import current_store, new_store, prune, record_of, switch
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.opening import home_of, parse_store
from citygraph.graph.store.remote import SparqlStore
from citygraph.graph.write.documents import graph_key, load
from citygraph.graph.write.mapping import SourceSet, to_rdf
from citygraph.graph.write.validate import Violation, load_ontology, validate
from citygraph.ingest.curated import parse_dataset, read_datasets
from citygraph.ingest.documents import Known, to_facts
from citygraph.ingest.errors import BadInput
from citygraph.ingest.extraction import Extraction
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


def compile_graph(sources: Path, home: Path, *, step: Step | None = None,
                  validate_shapes: bool = True,
                  documents: Sequence[Extraction] | None = None) -> Compiled:
    """Read, map and validate: everything a build does before writing a store.

    See :func:`build` for the parameters and errors.
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
        known = Known.of(f for s in sets for f in s.facts)
        sets += [SourceSet(graph_key(x), x.document.sha256, to_facts(x, known=known, threshold=0))
                 for x in documents]
    say("Mapping facts to RDF")
    dataset = to_rdf(sets)
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
          documents: Sequence[Extraction] | None = None) -> BuildReport:
    """Build the graph from the datasets in ``sources`` into ``home``.

    Parameters
    ----------
    sources
        Folder of dataset folders of CSV files (see ``data/README.md``).
    home
        Where stores live; created when missing.
    step
        Called with the name of each step, for progress displays.
    validate_shapes
        Run SHACL validation (on by default; benchmarks may time it apart).
    documents
        Ingested documents to include; by default those kept in ``home``
        (see :mod:`citygraph.graph.write.documents`).

    Raises
    ------
    citygraph.ingest.curated.DataErrors
        A bad file, row or cell, each named with file, line and column.
    BuildError
        SHACL violations, each with the data rows of the offending node.
    """
    say = step or (lambda _: None)
    compiled = compile_graph(sources, home, step=step, validate_shapes=validate_shapes,
                             documents=documents)
    say("Writing the store")
    target = new_store(home, compiled.version)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        store = OxigraphStore.open(target, read_only=False)
        store.load_nquads(compiled.data)
        store.flush()
        quads = store.quad_count()
        graphs = len(store.graph_names())
        del store
        report = BuildReport(str(target), compiled.version, quads, graphs,
                             round(time.perf_counter() - compiled.started, 3))
        record_of(target).write_text(json.dumps(asdict(report), indent=2))
        say("Switching to the new store")
        switch(home, target)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        record_of(target).unlink(missing_ok=True)
        raise
    prune(home, keep={target, current_store(home)})
    return report


def build_remote(sources: Path, home: Path, store: SparqlStore, *, step: Step | None = None,
                 documents: Sequence[Extraction] | None = None) -> BuildReport:
    """Build the graph and put it on a remote SPARQL server, replacing citygraph's graphs.

    Everything is read, mapped and validated before the server is touched;
    then each named graph is replaced and citygraph graphs that are gone are
    dropped.  ``home`` holds the ingested documents.
    """
    say = step or (lambda _: None)
    compiled = compile_graph(sources, home, step=step, documents=documents)
    say("Loading the graphs into the server")
    store.graphs = (*store.discover_graphs(str(ID_BASE)), ONTOLOGY_IRI)
    store.replace_nquads(compiled.data)
    quads = compiled.data.count(b"\n")
    return BuildReport(store.endpoint, compiled.version, quads, len(store.graphs or ()),
                       round(time.perf_counter() - compiled.started, 3))


def build_to(spec: str, sources: Path, home: Path, *, user: str = "", password: str = "",
             timeout: float = LOAD_TIMEOUT, step: Step | None = None,
             documents: Sequence[Extraction] | None = None) -> BuildReport:
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
    documents
        Ingested documents to include instead of those kept in the home
        folder ``spec`` means (see :func:`~citygraph.graph.store.opening.home_of`).

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
        return build_remote(sources, folder, remote, step=step, documents=documents)
    return build(sources, folder, step=step, documents=documents)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]
