"""Source documents: what cites them, and every fact each supports, with its evidence.

An ingested document's evidence carries character spans into its text (kept
in the home folder's documents, quoted where available); a curated source's
evidence names the data rows (file and line) that cite it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from citygraph.graph.read.common import (
    CG_NS,
    DCT_NS,
    FOAF_PAGE,
    ID_NS,
    Evidence,
    Kind,
    Page,
    Ref,
    RefBuilder,
    as_int,
    evidence_of,
    evidence_order,
    first_of,
    graph_key,
    local_name,
    matches_text,
    normal,
    paginate,
    path_id,
    read_nodes,
    select,
    source_id,
    uri_term,
)
from citygraph.graph.read.concepts import Concepts
from citygraph.graph.store.base import Store
from citygraph.ingest.errors import NotFound


@dataclass(frozen=True, slots=True)
class SourceItem:
    """A source document: what it is and how many facts cite it."""

    id: str
    """Its key when its IRI is id/source/{key}, else url- and 12 hex digits of its IRI's SHA-256."""
    iri: str
    title: str | None
    publisher: str | None
    issued: str | None
    language: str | None
    url: str | None
    kind: Kind | None
    """What the document is (press release, news article ...), as the ontology names it."""
    weak: bool
    """A weak source (code, another site's copy, a forum): facts resting only on it are to check."""
    notes: tuple[str, ...]
    """The curators' notes in English."""
    notes_ko: tuple[str, ...]
    """The same notes in Korean."""
    datasets: tuple[str, ...]
    """The named graphs whose facts cite it."""
    fact_count: int
    ingested: bool
    """An ingested document (its own named graph)."""
    text_available: bool
    """Its text is kept, so spans are quoted."""


@dataclass(frozen=True, slots=True)
class FactView:
    """A fact a document supports, with the evidence of that support."""

    id: str
    iri: str
    type: str | None
    name_en: str | None
    name_ko: str | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class RowCitation:
    """A curated data row that cites the document."""

    dataset: str
    file: str
    line: int
    locators: tuple[str, ...]
    facts: tuple[str, ...]
    """IRIs of the facts the row states."""


@dataclass(frozen=True, slots=True)
class SourceDetail:
    """A source document with its facts, evidence spans and citing rows."""

    id: str
    """Its key when its IRI is id/source/{key}, else url- and 12 hex digits of its IRI's SHA-256."""
    iri: str
    title: str | None
    publisher: str | None
    issued: str | None
    language: str | None
    url: str | None
    kind: Kind | None
    """What the document is (press release, news article ...), as the ontology names it."""
    weak: bool
    """A weak source (code, another site's copy, a forum): facts resting only on it are to check."""
    notes: tuple[str, ...]
    """The curators' notes in English."""
    notes_ko: tuple[str, ...]
    """The same notes in Korean."""
    datasets: tuple[str, ...]
    """The named graphs whose facts cite it."""
    fact_count: int
    ingested: bool
    """An ingested document (its own named graph)."""
    text_available: bool
    """Its text is kept, so spans are quoted."""
    facts: tuple[FactView, ...]
    rows: tuple[RowCitation, ...]
    """Curated rows citing it (empty for an ingested document)."""


SOURCES = "?node a cg:SourceDocument ."

#: Kinds of source (``kind/source``) that are weak: a fact resting only on them is to check.
WEAK_KINDS = ("code", "web_page")


SOURCE_COUNTS = """
SELECT ?source (COUNT(DISTINCT ?fact) AS ?facts) WHERE {
  ?fact cg:evidence ?ev . ?ev dcterms:source ?source
} GROUP BY ?source
"""


SOURCE_GRAPHS = "SELECT DISTINCT ?source ?g WHERE { GRAPH ?g { ?ev dcterms:source ?source } }"


FACT_LABELS = """
SELECT DISTINCT ?node ?key ?label ?type WHERE {
  ?node cg:evidence ?ev .
  OPTIONAL { ?node dcterms:identifier ?key }
  OPTIONAL { ?node rdfs:label ?label }
  OPTIONAL { ?node a ?type FILTER(STRSTARTS(STR(?type), STR(cg:))) }
}
"""


FACT_SOURCES = """
SELECT DISTINCT ?fact ?source WHERE { ?fact cg:evidence ?ev . ?ev dcterms:source ?source }
"""


SOURCE_EVIDENCE = """
SELECT DISTINCT ?node ?ev ?g ?source ?locator ?rule ?confidence ?start ?end ?file ?line ?states
  ?doc
WHERE {
  GRAPH ?g { ?ev dcterms:source ?doc }
  ?node cg:evidence ?ev .
  BIND(?doc AS ?source)
  OPTIONAL { ?ev cg:locator ?locator }
  OPTIONAL { ?ev cg:rule ?rule }
  OPTIONAL { ?ev cg:confidence ?confidence }
  OPTIONAL { ?ev cg:startOffset ?start }
  OPTIONAL { ?ev cg:endOffset ?end }
  OPTIONAL { ?ev cg:dataFile ?file }
  OPTIONAL { ?ev cg:line ?line }
  OPTIONAL { ?ev cg:statesDate ?states }
}
"""


SOURCE_LABELS = """
SELECT DISTINCT ?node ?key ?label ?type ?doc WHERE {
  ?ev dcterms:source ?doc . ?node cg:evidence ?ev .
  OPTIONAL { ?node dcterms:identifier ?key }
  OPTIONAL { ?node rdfs:label ?label }
  OPTIONAL { ?node a ?type FILTER(STRSTARTS(STR(?type), STR(cg:))) }
}
"""


def _document_text(documents: Path | None, id_: str) -> str | None:
    """The kept text of an ingested document, exactly as its offsets count it."""
    if documents is None or Path(id_).name != id_ or id_ in {"", ".", ".."}:
        return None
    path = documents / f"{id_}.txt"
    try:
        with path.open(encoding="utf-8", newline="") as f:  # keep \r\n: offsets count it
            return f.read()
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def _source_items(store: Store, documents: Path | None) -> list[SourceItem]:
    nodes = read_nodes(store, SOURCES)
    datasets: dict[str, set[str]] = defaultdict(set)
    facts: Counter[str] = Counter()
    for row in select(store, SOURCE_GRAPHS):
        datasets[row["source"].value].add(graph_key(row["g"].value))
    for row in select(store, SOURCE_COUNTS):
        facts[row["source"].value] = as_int(row["facts"].value) or 0
    kinds = Concepts(store).codes("source")
    items = []
    for iri, n in nodes.nodes.items():
        id_ = source_id(iri)
        ingested = f"document/{id_}" in datasets.get(iri, set())
        text_available = ingested and documents is not None and (
            Path(id_).name == id_ and (documents / f"{id_}.txt").is_file())
        issued = n.first(DCT_NS + "issued")
        kind = next((kinds[local_name(k)] for k in n.iris(DCT_NS + "type")
                     if local_name(k) in kinds), None)
        items.append(SourceItem(
            id=id_, iri=iri, title=n.first(DCT_NS + "title"),
            publisher=n.first(DCT_NS + "publisher"), issued=issued,
            language=n.first(DCT_NS + "language"),
            url=first_of(n.iris(FOAF_PAGE)) or (iri if not iri.startswith(ID_NS) else None),
            kind=kind, weak=kind is not None and kind.code in WEAK_KINDS,
            notes=tuple(n.texts_in(CG_NS + "note", "en")),
            notes_ko=tuple(n.texts_in(CG_NS + "note", "ko")),
            datasets=tuple(sorted(datasets.get(iri, ()))), fact_count=facts[iri],
            ingested=ingested, text_available=bool(text_available),
        ))
    items.sort(key=lambda s: (s.id, s.iri))
    return items


def list_sources(store: Store, documents: Path | None = None, *, q: str | None = None,
                 dataset: str | None = None, limit: int = 50,
                 offset: int = 0) -> Page[SourceItem]:
    """Source documents sorted by id; ``q`` matches title, publisher or URL.

    ``documents`` is the folder of ingested documents' texts
    (:func:`citygraph.graph.home.documents_dir`); ``dataset`` keeps the
    documents cited in one named graph (``partners``, ``document/{id}``).
    """
    found = [
        s for s in _source_items(store, documents)
        if matches_text(q, [s.title or "", s.publisher or "", s.url or "", s.id])
        and (dataset is None or dataset in s.datasets)
    ]
    return paginate(found, limit, offset)


def source_detail(store: Store, id_: str, documents: Path | None = None) -> SourceDetail:
    """A source document with every fact it supports and the evidence of each.

    For an ingested document, each evidence span quotes the kept text
    (``HOME/documents/{id}.txt``) when it is there; for a curated source,
    ``rows`` lists the dataset rows that cite it.

    Raises
    ------
    NotFound
        No source document has the id.
    """
    items = {s.id: s for s in _source_items(store, documents)}
    item = items.get(id_)
    if item is None:
        raise NotFound(f"no source document has the id {id_!r}")
    bound = {"doc": uri_term(item.iri)}
    text = _document_text(documents, item.id) if item.ingested else None
    own_graph = f"document/{item.id}"
    evidence: dict[str, set[Evidence]] = defaultdict(set)
    for row in select(store, SOURCE_EVIDENCE, bound):
        e = evidence_of(row)
        if (text is not None and e.dataset == own_graph and e.start is not None
                and e.end is not None and 0 <= e.start <= e.end <= len(text)):
            e = replace(e, quote=text[e.start:e.end])
        evidence[row["node"].value].add(e)
    labels: dict[str, RefBuilder] = {}
    for row in select(store, SOURCE_LABELS, bound):
        iri = row["node"].value
        labels.setdefault(iri, RefBuilder(iri, set(), set(), set(), set())).add(
            row, "key", "label", "type")
    facts = []
    rows: dict[tuple[str, str, int], tuple[set[str], set[str]]] = {}
    for iri, evs in evidence.items():
        ref = labels[iri].ref() if iri in labels else Ref(path_id(iri), iri)
        facts.append(FactView(ref.id, iri, ref.type, ref.name_en, ref.name_ko,
                              tuple(sorted(evs, key=evidence_order))))
        for e in evs:
            if e.file is not None and e.line is not None and e.dataset is not None:
                locs, cited = rows.setdefault((e.dataset, e.file, e.line), (set(), set()))
                if e.locator:
                    locs.add(e.locator)
                cited.add(iri)
    facts.sort(key=lambda f: (f.type or "", normal(f.name_en or f.name_ko or f.id), f.iri))
    citations = [RowCitation(d, f, line, tuple(sorted(locs)), tuple(sorted(cited)))
                 for (d, f, line), (locs, cited) in rows.items()]
    citations.sort(key=lambda r: (r.dataset, r.file, r.line))
    return SourceDetail(
        id=item.id, iri=item.iri, title=item.title, publisher=item.publisher,
        issued=item.issued, language=item.language, url=item.url, kind=item.kind,
        weak=item.weak, notes=item.notes, notes_ko=item.notes_ko, datasets=item.datasets,
        fact_count=item.fact_count, ingested=item.ingested, text_available=item.text_available,
        facts=tuple(facts), rows=tuple(citations),
    )


def source_items(store: Store) -> dict[str, SourceItem]:
    """Every source document by IRI: what pages name a source by (title, publisher, date, kind)."""
    return {s.iri: s for s in _source_items(store, None)}


@dataclass(frozen=True, slots=True)
class WeakFacts:
    """The facts that rest only on weak sources: the curators' list of what to check."""

    count: int
    facts: tuple[FactView, ...]
    """Each with the weak sources it rests on (as evidence without rows)."""


def weak_facts(store: Store) -> WeakFacts:
    """Facts every one of whose sources is weak (see :data:`WEAK_KINDS`), by type and name."""
    items = source_items(store)
    sources: dict[str, set[str]] = defaultdict(set)
    for row in select(store, FACT_SOURCES):
        sources[row["fact"].value].add(row["source"].value)
    weak = {fact: found for fact, found in sources.items()
            if all(s in items and items[s].weak for s in found)}
    if not weak:
        return WeakFacts(0, ())
    labels: dict[str, RefBuilder] = {}
    for row in select(store, FACT_LABELS):
        iri = row["node"].value
        if iri in weak:
            labels.setdefault(iri, RefBuilder(iri, set(), set(), set(), set())).add(
                row, "key", "label", "type")
    facts = []
    for iri, found in weak.items():
        ref = labels[iri].ref() if iri in labels else Ref(path_id(iri), iri)
        facts.append(FactView(ref.id, iri, ref.type, ref.name_en, ref.name_ko, tuple(
            Evidence(s, items[s].id) for s in sorted(found))))
    facts.sort(key=lambda f: (f.type or "", normal(f.name_en or f.name_ko or f.id), f.iri))
    return WeakFacts(len(facts), tuple(facts))
