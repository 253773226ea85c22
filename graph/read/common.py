r"""What every view of the read model is made of: links, kinds, evidence, pages, queries.

The read model (:mod:`citygraph.graph.read`, one module per resource) answers
the pages, the REST API and the command line with frozen dataclasses, shaped
from SPARQL SELECTs and sorted so that the same graph always gives the same
answer.  Each view takes anything with the store's ``query`` method (the app
passes its guarded store) and knows nothing about HTTP.  This module holds the
values every view shares (:class:`Ref`, :class:`Kind`, :class:`Name`,
:class:`Identifier`, :class:`Evidence`, :class:`SourceRef`, :class:`Page`)
and the helpers that read them.

User values (ids, search text, codes) reach the store only as bindings; the
query texts are constants, assembled from constant fragments.  Filters,
sorting and pagination run in Python over one compact answer per view, so
an answer larger than the store's row cap raises
:class:`~citygraph.ingest.errors.TooLarge` instead of being cut silently.

Conventions
-----------
id
    An entity's data key (``dcterms:identifier``, e.g. ``wellington``), else
    its IRI path after ``id/{kind}/`` (:func:`path_id`): ``gn2179537`` for
    a place, ``gn1835848--gn2179537/chinseon`` for an agreement,
    ``han-dong-min/mayor/gn1835848`` for an office.  A source document's id
    is its key (``wcsmf-2023-seoul.ko``) when its IRI is ``id/source/{key}``,
    else ``url-`` and 12 hex digits of the SHA-256 of its IRI
    (:func:`source_id`).  Detail pages take the data key or, for places and
    events, the IRI's last segment.
names
    ``name_en`` and ``name_ko`` are the first English (or untagged) and
    Korean ``rdfs:label`` in sort order; pages list every label and alias.
kinds
    SKOS codes (``sister``, ``chinseon``, ``forum_session``, ``EU``) with
    their ``broader`` codes: a filter on ``sister`` takes ``chinseon`` too.
readings
    One :class:`Evidence` per source statement, with the date it states
    (``cg:statesDate``), the document, the dataset (named graph), file and
    line, or the character span of an ingested document.

Examples
--------
>>> path_id("https://w3id.org/citygraph/id/agreement/gn1--gn2/sister")
'gn1--gn2/sister'
>>> source_id("https://w3id.org/citygraph/id/source/wcsmf-2023-seoul.ko")
'wcsmf-2023-seoul.ko'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from citygraph.graph.store.base import SelectResult, Store, Term
from citygraph.ingest.errors import NotFound, TooLarge
from citygraph.ontology.vocab import GN, WD, sparql_prefixes
from citygraph.ontology.vocab import PREFIXES as NS

T = TypeVar("T")
MAX_ROWS = 1_000_000  # the guard lowers it to its row cap
UNKNOWN = "unknown"  # facet key for a city without country or continent
CG_NS = NS["cg"]
ID_NS = NS["id"]
KIND_NS = NS["kind"]
GEO_NS = NS["geo"]
SCHEMA_NS = NS["schema"]
ORG_NS = NS["org"]
DCT_NS = NS["dcterms"]
RDF_TYPE = NS["rdf"] + "type"
RDFS_LABEL = NS["rdfs"] + "label"
SKOS_ALT = NS["skos"] + "altLabel"
DCT_IDENTIFIER = DCT_NS + "identifier"
OWL_SAME_AS = NS["owl"] + "sameAs"
FOAF_PAGE = NS["foaf"] + "page"
# an id that may end an IRI: letters and digits of any script (keys, slugs), - . _ ~
SEGMENT = re.compile(r"^[\w.~-]+$")
#: the header of every query of the read model
PREFIXES = sparql_prefixes("cg", "rdf", "rdfs", "skos", "dcterms", "schema", "org")


@dataclass(frozen=True, slots=True)
class Ref:
    """A link to an entity: its id, IRI, class and names."""

    id: str
    """The data key (e.g. 'wellington'), else the IRI's last segment."""
    iri: str
    type: str | None = None
    """City, Region, Country, Person, Organization, Event, Venue, Prize or Policy."""
    name_en: str | None = None
    name_ko: str | None = None


@dataclass(frozen=True, slots=True)
class Kind:
    """A SKOS concept: code, labels and the codes of its broader concepts."""

    code: str
    iri: str
    label_en: str | None = None
    label_ko: str | None = None
    broader: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Name:
    """One label or alias, with its language tag (``None`` when untagged)."""

    value: str
    lang: str | None
    kind: str  # "label" or "alias"
    """label, alias or theme."""


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifier in another dataset, and its link."""

    scheme: str  # "wikidata", "geonames" or "other"
    """wikidata, geonames or other."""
    id: str
    url: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """One statement of a fact by a source.

    ``dataset`` is the named graph's key (``partners``, ``document/{id}``);
    ``file`` and ``line`` locate a curated row; ``start`` and ``end`` a span
    of an ingested document's text, quoted in ``quote`` where the text is
    kept; ``date`` is the date this source gives (agreements).
    """

    source: str
    """IRI of the source document."""
    source_id: str
    """Its id for /api/sources/{id}."""
    dataset: str | None = None
    """The named graph: a dataset key, or document/{id} for an ingested document."""
    file: str | None = None
    """The curated data file of the row."""
    line: int | None = None
    """Its line in that file."""
    locator: str | None = None
    """The section of the document, or what it supports."""
    rule: str | None = None
    """'curated', or the extraction rule."""
    confidence: float | None = None
    start: int | None = None
    """Character offset of the span in the document's text (ingested documents)."""
    end: int | None = None
    date: str | None = None
    """The date this source gives (agreements)."""
    quote: str | None = None
    """The span's text, where the document's text is kept (/api/sources/{id} only)."""


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A document cited for a fact, with the locators of its statements."""

    id: str
    iri: str
    locators: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()
    """The character spans of an ingested document that state the fact, in text order."""


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a filtered, sorted list."""

    total: int
    limit: int
    offset: int
    items: tuple[T, ...]


def select(store: Store, sparql: str,
            bindings: Mapping[str, Term] | None = None) -> list[dict[str, Term]]:
    """Run one of the read model's SELECTs; an answer cut by the row cap raises TooLarge."""
    result = store.query(PREFIXES + sparql, bindings=bindings, max_rows=MAX_ROWS)
    if not isinstance(result, SelectResult):
        raise TypeError(f"the store answered a SELECT with a {result.kind} result")
    if result.truncated:
        raise TooLarge(
            f"the store cut an answer at {len(result.rows):,} rows (its row cap); "
            "raise CITYGRAPH_ROW_CAP to list this view"
        )
    return result.rows


def _fill_where(template: str, where: str, bindings: Mapping[str, Term]) -> str:
    """Put a ``where`` pattern into a query template, selecting every bound variable."""
    # a bound variable must be selected (Oxigraph's substitutions); ?node always is
    extra = " ".join(f"?{name}" for name in sorted(bindings) if name != "node")
    return template.replace("{where}", where).replace("{extra}", extra)


def uri_term(iri: str) -> Term:
    """An IRI as a binding."""
    return Term("uri", iri)


def _literal_term(text: str) -> Term:
    """A plain string as a binding."""
    return Term("literal", text)


def local_name(iri: str) -> str:
    """The last segment of an IRI (after ``#`` or ``/``).

    >>> local_name("https://w3id.org/citygraph/id/place/gn2179537")
    'gn2179537'
    """
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


def normal(text: str) -> str:
    """Text for comparing: NFC, case-folded."""
    return unicodedata.normalize("NFC", text).casefold()


def first_of(values: Iterable[str]) -> str | None:
    """The first non-empty value in sort order, or None."""
    found = sorted(v for v in values if v)
    return found[0] if found else None


def as_int(text: str | None) -> int | None:
    """An integer literal's value, or None."""
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        return None


def as_float(text: str | None) -> float | None:
    """A decimal literal's value, or None."""
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def year_of(date: str) -> int | None:
    """The year a (partial) ISO date starts with, or None."""
    match = re.match(r"^(-?\d{4})", date)
    return int(match.group(1)) if match else None


def _is_en(term: Term) -> bool:
    """Whether a label is English (or untagged)."""
    return not term.lang or term.lang.lower().startswith("en")


def is_ko(term: Term) -> bool:
    """Whether a label is Korean."""
    return bool(term.lang and term.lang.lower().startswith("ko"))


def path_id(iri: str) -> str:
    """The id of a resource without a data key: its IRI path after ``id/{kind}/``.

    >>> path_id("https://w3id.org/citygraph/id/agreement/gn1--gn2/sister")
    'gn1--gn2/sister'
    >>> path_id("https://w3id.org/citygraph/id/place/gn2179537")
    'gn2179537'
    >>> path_id("https://example.org/x/y")
    'y'
    """
    if iri.startswith(ID_NS) and "/" in iri[len(ID_NS):]:
        return iri[len(ID_NS):].split("/", 1)[1].rstrip("/") or local_name(iri)
    return local_name(iri)


def source_id(iri: str) -> str:
    """The id of a source document (see the module docstring).

    >>> source_id("https://w3id.org/citygraph/id/source/wcsmf-2023-seoul.ko")
    'wcsmf-2023-seoul.ko'
    >>> source_id("https://example.org/news")
    'url-613455beda14'
    """
    prefix = ID_NS + "source/"
    if iri.startswith(prefix) and "/" not in iri[len(prefix):] and iri[len(prefix):]:
        return iri[len(prefix):]
    return "url-" + hashlib.sha256(iri.encode()).hexdigest()[:12]


def graph_key(iri: str) -> str:
    """A named graph's key: ``partners``, ``document/{id}``; other IRIs as they are."""
    prefix = ID_NS + "source/"
    return iri[len(prefix):] if iri.startswith(prefix) else iri


def paginate(items: Sequence[T], limit: int, offset: int) -> Page[T]:
    """One page of a sorted list."""
    return Page(len(items), limit, offset, tuple(items[offset:offset + limit]))


def matches_text(q: str | None, texts: Iterable[str]) -> bool:
    """Whether ``q`` is in one of the texts (normalised); no ``q`` matches all."""
    if not q:
        return True
    wanted = normal(q)
    return any(wanted in normal(t) for t in texts)


def name_order(name_en: str | None, name_ko: str | None, id_: str) -> tuple[bool, str, str]:
    """Sort by English name, then Korean-only names, then bare ids."""
    # English names first, then entities known only by a Korean name, then bare ids
    return (not name_en, normal(name_en or name_ko or id_), id_)


@dataclass(frozen=True, slots=True)
class Node:
    """A resource with every property :data:`NODES` read of it."""

    iri: str
    props: Mapping[str, tuple[Term, ...]]

    def values(self, predicate: str) -> tuple[Term, ...]:
        """The terms of one property."""
        return self.props.get(predicate, ())

    def texts(self, predicate: str) -> list[str]:
        """The distinct values of one property, sorted."""
        return sorted({t.value for t in self.values(predicate)})

    def texts_in(self, predicate: str, lang: str) -> list[str]:
        """The distinct values of one property in one language (``en`` takes untagged too)."""
        return sorted({t.value for t in self.values(predicate)
                       if (is_ko(t) if lang == "ko" else not is_ko(t))})

    def iris(self, predicate: str) -> list[str]:
        """The distinct IRIs of one property, sorted."""
        return sorted({t.value for t in self.values(predicate) if t.type == "uri"})

    def first(self, predicate: str) -> str | None:
        """The first value of one property, or None."""
        return first_of(self.texts(predicate))

    @property
    def keys(self) -> list[str]:
        """The data keys (``dcterms:identifier``)."""
        return self.texts(DCT_IDENTIFIER)

    @property
    def id(self) -> str:
        """The id: the first data key, else the IRI's path id."""
        return first_of(self.keys) or path_id(self.iri)

    @property
    def name_en(self) -> str | None:
        """The first English label."""
        return first_of(t.value for t in self.values(RDFS_LABEL) if _is_en(t))

    @property
    def name_ko(self) -> str | None:
        """The first Korean label."""
        return first_of(t.value for t in self.values(RDFS_LABEL) if is_ko(t))

    @property
    def type(self) -> str | None:
        """The citygraph class, by local name."""
        return first_of(local_name(i) for i in self.iris(RDF_TYPE) if i.startswith(CG_NS))

    def ref(self) -> Ref:
        """A link to this resource."""
        return Ref(self.id, self.iri, self.type, self.name_en, self.name_ko)

    def names(self) -> tuple[Name, ...]:
        """Every label and alias, labels first."""
        found = {Name(t.value, t.lang, "label") for t in self.values(RDFS_LABEL)}
        found |= {Name(t.value, t.lang, "alias") for t in self.values(SKOS_ALT)}
        return tuple(sorted(found, key=lambda n: (n.kind != "label", n.lang or "", n.value)))


@dataclass
class RefBuilder:
    """Gathers the key, labels and class of a linked resource from :data:`NODES` rows."""

    iri: str
    keys: set[str]
    en: set[str]
    ko: set[str]
    types: set[str]

    def add(self, row: Mapping[str, Term], key: str, label: str, type_: str) -> None:
        """Take the key, label and class of one row."""
        if key in row:
            self.keys.add(row[key].value)
        if label in row:
            term = row[label]
            if is_ko(term):
                self.ko.add(term.value)
            elif _is_en(term):
                self.en.add(term.value)
        if type_ in row:
            self.types.add(local_name(row[type_].value))

    def ref(self) -> Ref:
        """The link gathered."""
        return Ref(first_of(self.keys) or path_id(self.iri), self.iri, first_of(self.types),
                   first_of(self.en), first_of(self.ko))


NODES = """
SELECT DISTINCT ?node ?p ?o ?okey ?olabel ?otype {extra} WHERE {
  {where}
  ?node ?p ?o .
  FILTER(?p != cg:evidence)
  OPTIONAL { ?o dcterms:identifier ?okey }
  OPTIONAL { ?o rdfs:label ?olabel }
  OPTIONAL { ?o a ?otype FILTER(STRSTARTS(STR(?otype), STR(cg:))) }
}
"""


@dataclass(frozen=True, slots=True)
class Nodes:
    """The resources a query read, and refs of the resources they link to."""

    nodes: Mapping[str, Node]
    refs: Mapping[str, Ref]

    def ref(self, iri: str) -> Ref:
        """A link to a resource read, or to one linked from them."""
        if iri in self.nodes:
            return self.nodes[iri].ref()
        return self.refs.get(iri) or Ref(path_id(iri), iri)

    def refs_of(self, node: Node, predicate: str) -> tuple[Ref, ...]:
        """Links to the resources a property of ``node`` names, sorted by name."""
        found = [self.ref(i) for i in node.iris(predicate)]
        return tuple(sorted(found, key=lambda r: name_order(r.name_en, r.name_ko, r.id)))


def read_nodes(store: Store, where: str, bindings: Mapping[str, Term] | None = None) -> Nodes:
    """Every property of the resources ``where`` binds to ``?node``."""
    bound = bindings or {}
    props: dict[str, dict[str, set[Term]]] = defaultdict(lambda: defaultdict(set))
    objects: dict[str, RefBuilder] = {}
    for row in select(store, _fill_where(NODES, where, bound), bound):
        node, p, o = row["node"].value, row["p"].value, row["o"]
        props[node][p].add(o)
        if o.type != "uri":
            continue
        ref = objects.setdefault(o.value, RefBuilder(o.value, set(), set(), set(), set()))
        ref.add(row, "okey", "olabel", "otype")
    nodes = {
        iri: Node(iri, {p: tuple(sorted(v, key=_term_order)) for p, v in by_p.items()})
        for iri, by_p in props.items()
    }
    return Nodes(nodes, {iri: b.ref() for iri, b in objects.items()})


def _term_order(term: Term) -> tuple[str, str, str]:
    """Sort terms by value, language and datatype."""
    return (term.value, term.lang or "", term.datatype or "")


def code_of(iri: str) -> str:
    """A SKOS concept's code: the last segment of its IRI."""
    return local_name(iri)


EVIDENCE = """
SELECT DISTINCT ?node ?ev ?g ?source ?locator ?rule ?confidence ?start ?end ?file ?line ?states
  {extra}
WHERE {
  {where}
  ?node cg:evidence ?ev .
  GRAPH ?g { ?ev dcterms:source ?source }
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


def evidence_of(row: Mapping[str, Term]) -> Evidence:
    """One evidence row of :data:`EVIDENCE` as :class:`Evidence`."""
    def text(name: str) -> str | None:
        return row[name].value if name in row else None

    source = row["source"].value
    return Evidence(
        source=source,
        source_id=source_id(source),
        dataset=graph_key(row["g"].value),
        file=text("file"),
        line=as_int(text("line")),
        locator=text("locator"),
        rule=text("rule"),
        confidence=as_float(text("confidence")),
        start=as_int(text("start")),
        end=as_int(text("end")),
        date=text("states"),
    )


def evidence_order(e: Evidence) -> tuple[str, str, str, int, int, str]:
    """Sort evidence by date, source, file, line and span."""
    return (e.date or "", e.source_id, e.file or "", e.line or 0, e.start or 0, e.locator or "")


def read_evidence(store: Store, where: str,
              bindings: Mapping[str, Term] | None = None) -> dict[str, tuple[Evidence, ...]]:
    """The evidence of the resources ``where`` binds to ``?node``, per resource."""
    bound = bindings or {}
    found: dict[str, set[Evidence]] = defaultdict(set)
    for row in select(store, _fill_where(EVIDENCE, where, bound), bound):
        found[row["node"].value].add(evidence_of(row))
    return {iri: tuple(sorted(ev, key=evidence_order)) for iri, ev in found.items()}


def sources_of(evidence: Iterable[Evidence]) -> tuple[SourceRef, ...]:
    """The documents cited by some evidence, each with its locators."""
    locators: dict[str, set[str]] = defaultdict(set)
    spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for e in evidence:
        found = locators.setdefault(e.source, set())
        if e.locator:
            found.add(e.locator)
        if e.start is not None and e.end is not None:
            spans[e.source].add((e.start, e.end))
    refs = [SourceRef(source_id(iri), iri, tuple(sorted(loc)), tuple(sorted(spans[iri])))
            for iri, loc in locators.items()]
    return tuple(sorted(refs, key=lambda s: (s.id, s.iri)))


FIND_BY_KEY = """
SELECT DISTINCT ?node ?key ?class WHERE { ?node dcterms:identifier ?key ; a ?class . }
"""


FIND_BY_IRI = """
SELECT DISTINCT ?node ?class WHERE { ?node a ?class . }
"""


def find(store: Store, id_: str, classes: Sequence[str], prefixes: Sequence[str],
          what: str) -> str:
    """The IRI of the entity of one of ``classes`` whose id is ``id_``.

    The id is a data key, else the last segment of an IRI under one of
    ``prefixes`` (``place/`` ...).  Raises :class:`NotFound`.
    """
    wanted = {CG_NS + c for c in classes}
    rows = select(store, FIND_BY_KEY, {"key": _literal_term(id_)})
    found = sorted({r["node"].value for r in rows if r["class"].value in wanted})
    if not found:
        for prefix in prefixes:
            if not SEGMENT.match(id_):
                break
            iri = f"{ID_NS}{prefix}{id_}"
            rows = select(store, FIND_BY_IRI, {"node": uri_term(iri)})
            if any(r["class"].value in wanted for r in rows):
                found = [iri]
                break
    if not found:
        raise NotFound(f"no {what} has the id {id_!r}")
    return found[0]


def identifiers_of(node: Node) -> tuple[Identifier, ...]:
    """A resource's ``owl:sameAs`` links as Wikidata, GeoNames or other identifiers."""
    found = []
    for iri in node.iris(OWL_SAME_AS):
        if iri.startswith(str(WD)):
            found.append(Identifier("wikidata", local_name(iri), iri))
        elif iri.startswith(str(GN)):
            found.append(Identifier("geonames", local_name(iri), iri))
        else:
            found.append(Identifier("other", iri, iri))
    return tuple(sorted(found, key=lambda i: (i.scheme, i.id)))


def focus_ref(store: Store, focus: str) -> Ref:
    """A link to the focus city."""
    node = read_nodes(store, "", {"node": uri_term(focus)}).nodes.get(focus)
    return node.ref() if node else Ref(local_name(focus), focus)
