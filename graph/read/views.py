r"""Entity views for the REST API: SPARQL SELECTs shaped into frozen dataclasses.

Every function takes anything with the store's ``query`` method (the app
passes its :class:`~citygraph.graph.store.guarded.GuardedStore`) and returns frozen
dataclasses, sorted so that the same graph always gives the same answer.
Nothing here knows about HTTP; ``citygraph.api.routes.rest`` turns the
dataclasses into JSON and the errors below into status codes.

User values (ids, search text, codes) reach the store only as bindings; the
query texts are constants of this module, assembled from constant fragments.
Filters, sorting and pagination run in Python over one compact answer per
view, so an answer larger than the store's row cap raises :class:`TooLarge`
instead of being cut silently.

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
>>> from citygraph.graph.network.project import example_store
>>> store = example_store()
>>> seoul = "https://w3id.org/citygraph/id/place/seoul"
>>> page = list_cities(store, seoul)
>>> [(c.id, c.name_en, c.agreements, c.kinds) for c in page.items]
[('seoul', 'Seoul', 0, ()), ('taipei', 'Taipei', 1, ('sister',))]
>>> page.facets["kind"]
{'sister': 1}
>>> city_detail(store, seoul, "taipei").agreements[0].readings[0].source
'https://example.org/news'
>>> city_detail(store, seoul, "atlantis")
Traceback (most recent call last):
...
citygraph.ingest.errors.NotFound: no city or region has the id 'atlantis'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Generic, TypeVar

from citygraph.graph.network.analysis import timeline as count_timeline
from citygraph.graph.network.project import Queryable, city_network
from citygraph.graph.store.base import SelectResult, Term
from citygraph.ingest.errors import NotFound, TooLarge
from citygraph.ontology.vocab import CG, GN, ID, KIND, WD

__all__ = [
    "AgreementView",
    "Award",
    "CityDetail",
    "CityPage",
    "CitySummary",
    "EventDetail",
    "EventSummary",
    "Evidence",
    "ExhibitorZone",
    "FactView",
    "GraphCount",
    "Identifier",
    "Kind",
    "Location",
    "Name",
    "OfficeView",
    "OrganizationItem",
    "Page",
    "ParticipationView",
    "PersonItem",
    "PolicyItem",
    "Ref",
    "RowCitation",
    "SourceDetail",
    "SourceItem",
    "SourceRef",
    "StatedCount",
    "Stats",
    "Timeline",
    "TimelineRow",
    "city_detail",
    "class_labels",
    "concepts",
    "event_detail",
    "list_agreements",
    "list_awards",
    "list_cities",
    "list_events",
    "list_organizations",
    "list_people",
    "list_policies",
    "list_sources",
    "path_id",
    "source_detail",
    "source_id",
    "stats",
    "timeline",
]

T = TypeVar("T")

MAX_ROWS = 1_000_000  # the guard lowers it to its row cap
UNKNOWN = "unknown"  # facet key for a city without country or continent

_CG = str(CG._NS)
_ID = str(ID)
_KIND = str(KIND)
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_IDENTIFIER = "http://purl.org/dc/terms/identifier"
_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
_GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
_SCHEMA = "https://schema.org/"
_ORG = "http://www.w3.org/ns/org#"
_DCT = "http://purl.org/dc/terms/"
_FOAF_PAGE = "http://xmlns.com/foaf/0.1/page"
# an id that may end an IRI: letters and digits of any script (keys, slugs), - . _ ~
_SEGMENT = re.compile(r"^[\w.~-]+$")

PREFIXES = """\
PREFIX cg: <https://w3id.org/citygraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
"""


# -- errors ------------------------------------------------------------------------------


# -- the dataclasses -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ref:
    """A link to an entity: its id, IRI, class and names."""

    id: str
    iri: str
    type: str | None = None
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


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifier in another dataset, and its link."""

    scheme: str  # "wikidata", "geonames" or "other"
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
    source_id: str
    dataset: str | None = None
    file: str | None = None
    line: int | None = None
    locator: str | None = None
    rule: str | None = None
    confidence: float | None = None
    start: int | None = None
    end: int | None = None
    date: str | None = None
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A document cited for a fact, with the locators of its statements."""

    id: str
    iri: str
    locators: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a filtered, sorted list."""

    total: int
    limit: int
    offset: int
    items: tuple[T, ...]


@dataclass(frozen=True, slots=True)
class CitySummary:
    """A city or region in the list, with its agreements with the focus city."""

    id: str
    iri: str
    type: str
    name_en: str | None
    name_ko: str | None
    country: str | None
    continent: str | None
    lat: float | None
    lon: float | None
    agreements: int
    kinds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CityPage:
    """Cities and regions: a page of them and facet counts over all that match."""

    total: int
    limit: int
    offset: int
    items: tuple[CitySummary, ...]
    facets: dict[str, dict[str, int]]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a place is: coordinates, country, continent, enclosing place."""

    lat: float | None
    lon: float | None
    country: Ref | None
    country_code: str | None
    continent: Kind | None
    located_in: Ref | None


@dataclass(frozen=True, slots=True)
class AgreementView:
    """An agreement with its history: readings (dates by source) and upgrades."""

    id: str
    iri: str
    kind: Kind
    parties: tuple[Ref, ...]
    with_focus: bool
    dates: tuple[str, ...]
    year: int | None
    wording: tuple[str, ...]
    fields: tuple[str, ...]
    signatories: tuple[Ref, ...]
    signed_at: tuple[Ref, ...]
    upgrades: tuple[str, ...]
    upgraded_by: tuple[str, ...]
    notes: tuple[str, ...]
    readings: tuple[Evidence, ...]
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class EventSummary:
    """An event: kind, dates, edition, the event it is part of, where."""

    id: str
    iri: str
    name_en: str | None
    name_ko: str | None
    kind: str | None
    start: str | None
    end: str | None
    edition: int | None
    part_of: str | None
    locations: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class ParticipationView:
    """Who took part in which event, in which role."""

    event: EventSummary
    participant: Ref
    role: Kind
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class OfficeView:
    """A person in an office of a city or organisation."""

    person: Ref
    role: Kind
    organization: Ref
    start: str | None
    end: str | None
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class PolicyItem:
    """A policy with its owner and theme."""

    id: str
    iri: str
    name_en: str | None
    name_ko: str | None
    theme: str | None
    owner: Ref | None
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class Award:
    """A prize given to a laureate in a year."""

    prize: Ref
    laureate: Ref
    year: int | None
    notes: tuple[str, ...]
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class CityDetail:
    """Everything the graph holds about one city or region."""

    id: str
    iri: str
    type: str
    name_en: str | None
    name_ko: str | None
    names: tuple[Name, ...]
    keys: tuple[str, ...]
    location: Location
    identifiers: tuple[Identifier, ...]
    agreements: tuple[AgreementView, ...]
    meetings: tuple[ParticipationView, ...]
    events: tuple[ParticipationView, ...]
    people: tuple[OfficeView, ...]
    policies: tuple[PolicyItem, ...]
    prizes: tuple[Award, ...]
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class ExhibitorZone:
    """The exhibitors of one exhibition or theme zone."""

    zone: Ref
    part_of: str | None
    count: int
    exhibitors: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class StatedCount:
    """A number a source states about an event (cities, exhibitors ...)."""

    measure: Kind
    value: int
    approximate: bool
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class EventDetail:
    """An event with its parts, participants, exhibitors and side events."""

    id: str
    iri: str
    name_en: str | None
    name_ko: str | None
    names: tuple[Name, ...]
    kind: Kind | None
    start: str | None
    end: str | None
    edition: int | None
    themes: tuple[Name, ...]
    part_of: Ref | None
    locations: tuple[Ref, ...]
    sessions: tuple[EventSummary, ...]
    side_events: tuple[EventSummary, ...]
    participants: tuple[ParticipationView, ...]
    exhibitors: tuple[ExhibitorZone, ...]
    stated_counts: tuple[StatedCount, ...]
    agreements: tuple[AgreementView, ...]
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class PersonItem:
    """A person and the offices the graph knows."""

    id: str
    iri: str
    name_en: str | None
    name_ko: str | None
    identifiers: tuple[Identifier, ...]
    offices: tuple[OfficeView, ...]


@dataclass(frozen=True, slots=True)
class OrganizationItem:
    """An organisation: kind, country, where, parent."""

    id: str
    iri: str
    name_en: str | None
    name_ko: str | None
    kind: str | None
    country: str | None
    located_in: Ref | None
    parent: Ref | None
    identifiers: tuple[Identifier, ...]


@dataclass(frozen=True, slots=True)
class SourceItem:
    """A source document: what it is and how many facts cite it."""

    id: str
    iri: str
    title: str | None
    publisher: str | None
    issued: str | None
    language: str | None
    url: str | None
    datasets: tuple[str, ...]
    fact_count: int
    ingested: bool
    text_available: bool


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


@dataclass(frozen=True, slots=True)
class SourceDetail:
    """A source document with its facts, evidence spans and citing rows."""

    id: str
    iri: str
    title: str | None
    publisher: str | None
    issued: str | None
    language: str | None
    url: str | None
    datasets: tuple[str, ...]
    fact_count: int
    ingested: bool
    text_available: bool
    facts: tuple[FactView, ...]
    rows: tuple[RowCitation, ...]


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """Agreements of the focus city in one year, of one kind, on one continent."""

    year: int | None
    kind: str
    continent: str | None
    count: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """The focus city's agreements counted per year, kind and continent."""

    focus: Ref
    total: int
    rows: tuple[TimelineRow, ...]
    by_year: dict[str, int]
    by_kind: dict[str, int]
    by_continent: dict[str, int]


@dataclass(frozen=True, slots=True)
class GraphCount:
    """A named graph and its size."""

    iri: str
    key: str
    title: str | None
    triples: int


@dataclass(frozen=True, slots=True)
class Stats:
    """How big the graph is: per class, per agreement kind, per named graph."""

    quads: int
    version: str | None
    focus: Ref
    classes: dict[str, int]
    agreement_kinds: dict[str, int]
    graphs: tuple[GraphCount, ...]


# -- running queries ---------------------------------------------------------------------


def _select(store: Queryable, sparql: str,
            bindings: Mapping[str, Term] | None = None) -> list[dict[str, Term]]:
    result = store.query(PREFIXES + sparql, bindings=bindings, max_rows=MAX_ROWS)
    if not isinstance(result, SelectResult):
        raise TypeError(f"the store answered a SELECT with a {result.kind} result")
    if result.truncated:
        raise TooLarge(
            f"the store cut an answer at {len(result.rows):,} rows (its row cap); "
            "raise CITYGRAPH_ROW_CAP to list this view"
        )
    return result.rows


def _fill(template: str, where: str, bindings: Mapping[str, Term]) -> str:
    # a bound variable must be selected (Oxigraph's substitutions); ?node always is
    extra = " ".join(f"?{name}" for name in sorted(bindings) if name != "node")
    return template.replace("{where}", where).replace("{extra}", extra)


def _uri(iri: str) -> Term:
    return Term("uri", iri)


def _literal(text: str) -> Term:
    return Term("literal", text)


# -- small helpers -------------------------------------------------------------------------


def _local(iri: str) -> str:
    """The last segment of an IRI (after ``#`` or ``/``).

    >>> _local("https://w3id.org/citygraph/id/place/gn2179537")
    'gn2179537'
    """
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _first(values: Iterable[str]) -> str | None:
    found = sorted(v for v in values if v)
    return found[0] if found else None


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        return None


def _float(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _year(date: str) -> int | None:
    match = re.match(r"^(-?\d{4})", date)
    return int(match.group(1)) if match else None


def _is_en(term: Term) -> bool:
    return not term.lang or term.lang.lower().startswith("en")


def _is_ko(term: Term) -> bool:
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
    if iri.startswith(_ID) and "/" in iri[len(_ID):]:
        return iri[len(_ID):].split("/", 1)[1].rstrip("/") or _local(iri)
    return _local(iri)


def source_id(iri: str) -> str:
    """The id of a source document (see the module docstring).

    >>> source_id("https://w3id.org/citygraph/id/source/wcsmf-2023-seoul.ko")
    'wcsmf-2023-seoul.ko'
    >>> source_id("https://example.org/news")
    'url-613455beda14'
    """
    prefix = _ID + "source/"
    if iri.startswith(prefix) and "/" not in iri[len(prefix):] and iri[len(prefix):]:
        return iri[len(prefix):]
    return "url-" + hashlib.sha256(iri.encode()).hexdigest()[:12]


def _graph_key(iri: str) -> str:
    prefix = _ID + "source/"
    return iri[len(prefix):] if iri.startswith(prefix) else iri


def _paginate(items: Sequence[T], limit: int, offset: int) -> Page[T]:
    return Page(len(items), limit, offset, tuple(items[offset:offset + limit]))


def _matches(q: str | None, texts: Iterable[str]) -> bool:
    if not q:
        return True
    wanted = _normal(q)
    return any(wanted in _normal(t) for t in texts)


def _sort_key(name_en: str | None, name_ko: str | None, id_: str) -> tuple[bool, str, str]:
    # English names first, then entities known only by a Korean name, then bare ids
    return (not name_en, _normal(name_en or name_ko or id_), id_)


# -- nodes: every property of a set of resources, with the names of their objects -----


@dataclass(frozen=True, slots=True)
class _Node:
    iri: str
    props: Mapping[str, tuple[Term, ...]]

    def values(self, predicate: str) -> tuple[Term, ...]:
        return self.props.get(predicate, ())

    def texts(self, predicate: str) -> list[str]:
        return sorted({t.value for t in self.values(predicate)})

    def iris(self, predicate: str) -> list[str]:
        return sorted({t.value for t in self.values(predicate) if t.type == "uri"})

    def first(self, predicate: str) -> str | None:
        return _first(self.texts(predicate))

    @property
    def keys(self) -> list[str]:
        return self.texts(_IDENTIFIER)

    @property
    def id(self) -> str:
        return _first(self.keys) or path_id(self.iri)

    @property
    def name_en(self) -> str | None:
        return _first(t.value for t in self.values(_LABEL) if _is_en(t))

    @property
    def name_ko(self) -> str | None:
        return _first(t.value for t in self.values(_LABEL) if _is_ko(t))

    @property
    def type(self) -> str | None:
        return _first(_local(i) for i in self.iris(_RDF_TYPE) if i.startswith(_CG))

    def ref(self) -> Ref:
        return Ref(self.id, self.iri, self.type, self.name_en, self.name_ko)

    def names(self) -> tuple[Name, ...]:
        found = {Name(t.value, t.lang, "label") for t in self.values(_LABEL)}
        found |= {Name(t.value, t.lang, "alias") for t in self.values(_ALT)}
        return tuple(sorted(found, key=lambda n: (n.kind != "label", n.lang or "", n.value)))


@dataclass
class _RefBuilder:
    iri: str
    keys: set[str]
    en: set[str]
    ko: set[str]
    types: set[str]

    def add(self, row: Mapping[str, Term], key: str, label: str, type_: str) -> None:
        if key in row:
            self.keys.add(row[key].value)
        if label in row:
            term = row[label]
            if _is_ko(term):
                self.ko.add(term.value)
            elif _is_en(term):
                self.en.add(term.value)
        if type_ in row:
            self.types.add(_local(row[type_].value))

    def ref(self) -> Ref:
        return Ref(_first(self.keys) or path_id(self.iri), self.iri, _first(self.types),
                   _first(self.en), _first(self.ko))


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
class _Nodes:
    nodes: Mapping[str, _Node]
    refs: Mapping[str, Ref]

    def ref(self, iri: str) -> Ref:
        if iri in self.nodes:
            return self.nodes[iri].ref()
        return self.refs.get(iri) or Ref(path_id(iri), iri)

    def refs_of(self, node: _Node, predicate: str) -> tuple[Ref, ...]:
        found = [self.ref(i) for i in node.iris(predicate)]
        return tuple(sorted(found, key=lambda r: _sort_key(r.name_en, r.name_ko, r.id)))


def _nodes(store: Queryable, where: str, bindings: Mapping[str, Term] | None = None) -> _Nodes:
    """Every property of the resources ``where`` binds to ``?node``."""
    bound = bindings or {}
    props: dict[str, dict[str, set[Term]]] = defaultdict(lambda: defaultdict(set))
    objects: dict[str, _RefBuilder] = {}
    for row in _select(store, _fill(NODES, where, bound), bound):
        node, p, o = row["node"].value, row["p"].value, row["o"]
        props[node][p].add(o)
        if o.type != "uri":
            continue
        ref = objects.setdefault(o.value, _RefBuilder(o.value, set(), set(), set(), set()))
        ref.add(row, "okey", "olabel", "otype")
    nodes = {
        iri: _Node(iri, {p: tuple(sorted(v, key=_term_order)) for p, v in by_p.items()})
        for iri, by_p in props.items()
    }
    return _Nodes(nodes, {iri: b.ref() for iri, b in objects.items()})


def _term_order(term: Term) -> tuple[str, str, str]:
    return (term.value, term.lang or "", term.datatype or "")


# -- concepts --------------------------------------------------------------------------------

CONCEPTS = """
SELECT DISTINCT ?node ?code ?label ?up WHERE {
  ?node skos:notation ?code .
  { ?node skos:prefLabel ?label } UNION { ?node skos:broader+ ?b . ?b skos:notation ?up }
}
"""


class _Concepts:
    """The SKOS concepts of the ontology, by IRI."""

    def __init__(self, store: Queryable) -> None:
        codes: dict[str, str] = {}
        en: dict[str, set[str]] = defaultdict(set)
        ko: dict[str, set[str]] = defaultdict(set)
        up: dict[str, set[str]] = defaultdict(set)
        for row in _select(store, CONCEPTS):
            iri = row["node"].value
            codes[iri] = row["code"].value
            if "label" in row:
                label = row["label"]
                (ko if _is_ko(label) else en)[iri].add(label.value)
            if "up" in row:
                up[iri].add(row["up"].value)
        self.by_iri: dict[str, Kind] = {
            iri: Kind(code, iri, _first(en[iri]), _first(ko[iri]), tuple(sorted(up[iri])))
            for iri, code in codes.items()
        }

    def kind(self, iri: str) -> Kind:
        return self.by_iri.get(iri) or Kind(_local(iri), iri)

    def codes(self, scheme: str) -> dict[str, Kind]:
        prefix = f"{_KIND}{scheme}/"
        return {k.code: k for i, k in self.by_iri.items() if i.startswith(prefix)}


def concepts(store: Queryable, *schemes: str) -> tuple[dict[str, Kind], ...]:
    """The concepts of the ontology's ``schemes`` (``event``, ``theme`` ...) by code.

    One query answers every scheme asked for.  Their labels come from the
    ontology in the store, so pages name kinds as the vocabulary does.

    >>> from citygraph.graph.network.project import example_store
    >>> concepts(example_store(), "agreement", "event")
    ({}, {})
    """
    found = _Concepts(store)
    return tuple(found.codes(scheme) for scheme in schemes)


CLASSES = """
SELECT DISTINCT ?node ?label WHERE {
  ?node a owl:Class ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?node), STR(cg:)))
}
"""


def class_labels(store: Queryable) -> dict[str, Kind]:
    """The ontology's classes by local name (``City``, ``Person`` ...), with their labels.

    >>> from citygraph.graph.network.project import example_store
    >>> class_labels(example_store())
    {}
    """
    en: dict[str, set[str]] = defaultdict(set)
    ko: dict[str, set[str]] = defaultdict(set)
    for row in _select(store, "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n" + CLASSES):
        label = row["label"]
        (ko if _is_ko(label) else en)[row["node"].value].add(label.value)
    return {_local(iri): Kind(_local(iri), iri, _first(en[iri]), _first(ko[iri]))
            for iri in set(en) | set(ko)}


def _code(iri: str) -> str:
    return _local(iri)


# -- evidence ----------------------------------------------------------------------------------

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


def _evidence_of(row: Mapping[str, Term]) -> Evidence:
    def text(name: str) -> str | None:
        return row[name].value if name in row else None

    source = row["source"].value
    return Evidence(
        source=source,
        source_id=source_id(source),
        dataset=_graph_key(row["g"].value),
        file=text("file"),
        line=_int(text("line")),
        locator=text("locator"),
        rule=text("rule"),
        confidence=_float(text("confidence")),
        start=_int(text("start")),
        end=_int(text("end")),
        date=text("states"),
    )


def _evidence_order(e: Evidence) -> tuple[str, str, str, int, int, str]:
    return (e.date or "", e.source_id, e.file or "", e.line or 0, e.start or 0, e.locator or "")


def _evidence(store: Queryable, where: str,
              bindings: Mapping[str, Term] | None = None) -> dict[str, tuple[Evidence, ...]]:
    """The evidence of the resources ``where`` binds to ``?node``, per resource."""
    bound = bindings or {}
    found: dict[str, set[Evidence]] = defaultdict(set)
    for row in _select(store, _fill(EVIDENCE, where, bound), bound):
        found[row["node"].value].add(_evidence_of(row))
    return {iri: tuple(sorted(ev, key=_evidence_order)) for iri, ev in found.items()}


def _sources(evidence: Iterable[Evidence]) -> tuple[SourceRef, ...]:
    locators: dict[str, set[str]] = defaultdict(set)
    for e in evidence:
        found = locators.setdefault(e.source, set())
        if e.locator:
            found.add(e.locator)
    refs = [SourceRef(source_id(iri), iri, tuple(sorted(loc))) for iri, loc in locators.items()]
    return tuple(sorted(refs, key=lambda s: (s.id, s.iri)))


# -- resolving ids -----------------------------------------------------------------------------

FIND_BY_KEY = """
SELECT DISTINCT ?node ?key ?class WHERE { ?node dcterms:identifier ?key ; a ?class . }
"""
FIND_BY_IRI = """
SELECT DISTINCT ?node ?class WHERE { ?node a ?class . }
"""

PLACE_CLASSES = ("City", "Region")


def _find(store: Queryable, id_: str, classes: Sequence[str], prefixes: Sequence[str],
          what: str) -> str:
    """The IRI of the entity of one of ``classes`` whose id is ``id_``.

    The id is a data key, else the last segment of an IRI under one of
    ``prefixes`` (``place/`` ...).  Raises :class:`NotFound`.
    """
    wanted = {_CG + c for c in classes}
    rows = _select(store, FIND_BY_KEY, {"key": _literal(id_)})
    found = sorted({r["node"].value for r in rows if r["class"].value in wanted})
    if not found:
        for prefix in prefixes:
            if not _SEGMENT.match(id_):
                break
            iri = f"{_ID}{prefix}{id_}"
            rows = _select(store, FIND_BY_IRI, {"node": _uri(iri)})
            if any(r["class"].value in wanted for r in rows):
                found = [iri]
                break
    if not found:
        raise NotFound(f"no {what} has the id {id_!r}")
    return found[0]


# -- places ------------------------------------------------------------------------------------

PLACES = "?node a ?placeClass . VALUES ?placeClass { cg:City cg:Region }"
COUNTRIES = "?node a cg:Country ."

FOCUS_AGREEMENTS = """
SELECT DISTINCT ?a ?partner ?focus ?k ?y WHERE {
  ?a a cg:Agreement ; cg:party ?focus , ?partner ; cg:agreementKind ?k .
  FILTER(?partner != ?focus)
  OPTIONAL { ?a cg:yearSigned ?y }
}
"""


@dataclass(frozen=True, slots=True)
class _Tie:
    agreement: str
    kinds: frozenset[str]  # own codes and broader codes
    own: frozenset[str]
    years: frozenset[int]

    def qualifies(self, since: int | None, until: int | None) -> bool:
        if since is None and until is None:
            return True
        return any((since is None or y >= since) and (until is None or y <= until)
                   for y in self.years)


def _focus_ties(store: Queryable, focus: str, concepts: _Concepts) -> dict[str, list[_Tie]]:
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    years: dict[tuple[str, str], set[int]] = defaultdict(set)
    for row in _select(store, FOCUS_AGREEMENTS, {"focus": _uri(focus)}):
        pair = (row["partner"].value, row["a"].value)
        kinds[pair].add(row["k"].value)
        year = _int(row["y"].value) if "y" in row else None
        if year is not None:
            years[pair].add(year)
    ties: dict[str, list[_Tie]] = defaultdict(list)
    for (partner, agreement), iris in sorted(kinds.items()):
        own = [concepts.kind(i) for i in sorted(iris)]
        codes = frozenset(k.code for k in own)
        ties[partner].append(_Tie(agreement, codes | {b for k in own for b in k.broader}, codes,
                                  frozenset(years[(partner, agreement)])))
    return ties


def _continent_of(node: _Node, countries: Mapping[str, _Node]) -> str | None:
    own = node.iris(_CG + "continent")
    if own:
        return _code(own[0])
    for country in node.iris(_CG + "country"):
        if country in countries:
            found = countries[country].iris(_CG + "continent")
            if found:
                return _code(found[0])
    return None


def _country_code(node: _Node, countries: Mapping[str, _Node]) -> str | None:
    for country in node.iris(_CG + "country"):
        known = countries.get(country)
        return known.id if known else _local(country)
    return None


def list_cities(
    store: Queryable,
    focus: str,
    *,
    country: str | None = None,
    continent: str | None = None,
    kind: str | None = None,
    since: int | None = None,
    until: int | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> CityPage:
    """Cities and regions, filtered, sorted by English name, one page of them.

    Parameters
    ----------
    store
        Anything with the store's ``query`` method.
    focus
        The focus city's IRI: ``agreements``, ``kinds``, ``kind``, ``since``
        and ``until`` are about agreements with it.
    country, continent
        ISO 3166-1 alpha-2 country code; continent code (``AF`` ... ``SA``).
    kind
        An agreement kind code; a narrower kind counts (``sister`` takes
        ``chinseon``).
    since, until
        Years: a city passes when it has an agreement with the focus city (of
        ``kind``, when given) with a reading in the range.
    q
        Case-insensitive substring of an English or Korean label or an alias.
    limit, offset
        The page.

    Returns
    -------
    CityPage
        ``total`` counts every match; ``facets`` count the matches per
        country and continent (each match once, ``unknown`` when missing) and
        per agreement kind (a match once under each kind, and each broader
        kind, of its agreements with the focus city in the year range), so a
        facet's count is the ``total`` the list gives with that filter added.

    An empty year range (``since`` after ``until``) matches nothing.
    """
    concepts = _Concepts(store)
    places = _nodes(store, PLACES).nodes
    countries = _nodes(store, COUNTRIES).nodes
    ties = _focus_ties(store, focus, concepts)
    wanted_country = country.upper() if country else None
    matches: list[tuple[CitySummary, set[str]]] = []
    for iri, node in places.items():
        code = _country_code(node, countries)
        cont = _continent_of(node, countries)
        if wanted_country and code != wanted_country:
            continue
        if continent and cont != continent:
            continue
        mine = ties.get(iri, [])
        in_range = [t for t in mine if t.qualifies(since, until)]
        if (since is not None or until is not None) and not in_range:
            continue
        if kind and not any(kind in t.kinds for t in in_range):
            continue
        labels = node.texts(_LABEL) + node.texts(_ALT)
        if not _matches(q, labels):
            continue
        lat = _float(node.first(_GEO + "lat"))
        lon = _float(node.first(_GEO + "long"))
        summary = CitySummary(
            id=node.id, iri=iri, type=node.type or "City", name_en=node.name_en,
            name_ko=node.name_ko, country=code, continent=cont, lat=lat, lon=lon,
            agreements=len({t.agreement for t in mine}),
            kinds=tuple(sorted({k for t in mine for k in t.own})),
        )
        matches.append((summary, {k for t in in_range for k in t.kinds}))
    matches.sort(key=lambda m: _sort_key(m[0].name_en, m[0].name_ko, m[0].id))
    facets: dict[str, Counter[str]] = {"country": Counter(), "continent": Counter(),
                                       "kind": Counter()}
    for summary, kinds in matches:
        facets["country"][summary.country or UNKNOWN] += 1
        facets["continent"][summary.continent or UNKNOWN] += 1
        facets["kind"].update(kinds)
    items = [m[0] for m in matches]
    return CityPage(
        total=len(items), limit=limit, offset=offset,
        items=tuple(items[offset:offset + limit]),
        facets={name: dict(sorted(c.items())) for name, c in facets.items()},
    )


# -- agreements ----------------------------------------------------------------------------------


def _agreements(store: Queryable, concepts: _Concepts, where: str,
                bindings: Mapping[str, Term], focus: str) -> list[AgreementView]:
    """Agreements ``where`` binds to ``?node``, with readings and upgrades."""
    nodes = _nodes(store, where, bindings)
    evidence = _evidence(store, where, bindings)
    upgraded_by: dict[str, set[str]] = defaultdict(set)
    for node in nodes.nodes.values():
        for earlier in node.iris(_CG + "upgrades"):
            upgraded_by[earlier].add(path_id(node.iri))
    views = []
    for iri, node in nodes.nodes.items():
        kinds = [concepts.kind(k) for k in node.iris(_CG + "agreementKind")]
        kind = kinds[0] if kinds else Kind("other", _KIND + "agreement/other")
        dates = tuple(node.texts(_CG + "dateSigned"))
        years = sorted(y for y in (_int(v) for v in node.texts(_CG + "yearSigned")) if y)
        readings = evidence.get(iri, ())
        parties = nodes.refs_of(node, _CG + "party")
        views.append(AgreementView(
            id=path_id(iri), iri=iri, kind=kind, parties=parties,
            with_focus=focus in node.iris(_CG + "party"),
            dates=tuple(sorted(dates, key=_date_order)),
            year=years[0] if years else None,
            wording=tuple(node.texts(_CG + "wording")),
            fields=tuple(node.texts(_CG + "field")),
            signatories=nodes.refs_of(node, _CG + "signatory"),
            signed_at=nodes.refs_of(node, _CG + "signedAt"),
            upgrades=tuple(sorted(path_id(i) for i in node.iris(_CG + "upgrades"))),
            upgraded_by=tuple(sorted(upgraded_by.get(iri, ()))),
            notes=tuple(node.texts(_CG + "note")),
            readings=readings,
            sources=_sources(readings),
        ))
    return views


def _date_order(date: str) -> tuple[int, str]:
    return (_year(date) or 0, date)


def _agreement_order(a: AgreementView) -> tuple[bool, int, str, str]:
    first = a.dates[0] if a.dates else "9999"
    return (not a.with_focus, a.year if a.year is not None else 9999, first, a.id)


AGREEMENTS = "?node a cg:Agreement ."


def list_agreements(
    store: Queryable,
    focus: str,
    *,
    kind: str | None = None,
    since: int | None = None,
    until: int | None = None,
    party: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[AgreementView]:
    """Agreements, filtered, sorted by year (earliest reading), one page of them.

    ``kind`` takes narrower kinds too; ``since``/``until`` keep agreements
    with a reading in the range; ``party`` is the id of a city, region,
    country or organisation (unknown: :class:`NotFound`).
    """
    party_iri = None
    if party is not None:
        party_iri = _find(store, party, ("City", "Region", "Country", "Organization"),
                          ("place/", "country/", "org/"), "party")
    concepts = _Concepts(store)
    found = []
    for a in _agreements(store, concepts, AGREEMENTS, {}, focus):
        if kind and kind != a.kind.code and kind not in a.kind.broader:
            continue
        years = {_year(d) for d in a.dates} - {None}
        if (since is not None or until is not None) and not any(
            (since is None or y >= since) and (until is None or y <= until)
            for y in years if y is not None
        ):
            continue
        if party_iri and party_iri not in {p.iri for p in a.parties}:
            continue
        found.append(a)
    found.sort(key=lambda a: (a.year if a.year is not None else 9999,
                              a.dates[0] if a.dates else "", a.id))
    return _paginate(found, limit, offset)


# -- events ------------------------------------------------------------------------------------

EVENTS = "?node a cg:Event ."


def _event_summary(node: _Node, nodes: _Nodes) -> EventSummary:
    parents = node.iris(_SCHEMA + "superEvent")
    kinds = node.iris(_CG + "eventKind")
    starts = sorted(node.texts(_SCHEMA + "startDate"), key=_date_order)
    ends = sorted(node.texts(_SCHEMA + "endDate"), key=_date_order)
    return EventSummary(
        id=node.id, iri=node.iri, name_en=node.name_en, name_ko=node.name_ko,
        kind=_code(kinds[0]) if kinds else None,
        start=starts[0] if starts else None,
        end=ends[-1] if ends else None,
        edition=_int(node.first(_CG + "edition")),
        part_of=nodes.ref(parents[0]).id if parents else None,
        locations=nodes.refs_of(node, _SCHEMA + "location"),
    )


def _event_order(e: EventSummary) -> tuple[str, bool, str, str]:
    return (e.start or "9999", *_sort_key(e.name_en, e.name_ko, e.id))


def list_events(
    store: Queryable,
    *,
    kind: str | None = None,
    since: int | None = None,
    until: int | None = None,
    part_of: str | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[EventSummary]:
    """Events, filtered, sorted by start date, one page of them.

    ``since``/``until`` are years of the start date (events without one are
    left out when either is given); ``part_of`` is the id of the enclosing
    event (direct parts only); ``q`` matches the English or Korean names.
    """
    nodes = _nodes(store, EVENTS)
    found = []
    for node in nodes.nodes.values():
        event = _event_summary(node, nodes)
        if kind and event.kind != kind:
            continue
        year = _year(event.start) if event.start else None
        if since is not None and (year is None or year < since):
            continue
        if until is not None and (year is None or year > until):
            continue
        if part_of is not None and event.part_of != part_of:
            continue
        if not _matches(q, node.texts(_LABEL)):
            continue
        found.append(event)
    found.sort(key=_event_order)
    return _paginate(found, limit, offset)


PARTS = "?node schema:superEvent+ ?event ."
EVENT_PARTICIPATIONS = """
?node a cg:Participation ; cg:event ?at .
?at schema:superEvent* ?event .
"""
EVENT_PARTICIPATION_EVENTS = """
?p0 a cg:Participation ; cg:event ?node .
?node schema:superEvent* ?event .
"""
EVENT_COUNTS = "?node a cg:StatedCount ; cg:event ?event ."
EVENT_AGREEMENTS = "?node a cg:Agreement ; cg:signedAt ?at . ?at schema:superEvent* ?event ."
SESSION = "forum_session"
EXHIBITOR = "exhibitor"


def _participations(store: Queryable, concepts: _Concepts, where: str, events_where: str,
                    bindings: Mapping[str, Term]) -> list[ParticipationView]:
    nodes = _nodes(store, where, bindings)
    events = _nodes(store, events_where, bindings)
    evidence = _evidence(store, where, bindings)
    found = []
    for iri, node in nodes.nodes.items():
        event_iris = node.iris(_CG + "event")
        who = node.iris(_CG + "participant")
        roles = node.iris(_CG + "participationRole")
        if not event_iris or not who or not roles:
            continue
        event_node = events.nodes.get(event_iris[0])
        event = (_event_summary(event_node, events) if event_node else
                 EventSummary(_local(event_iris[0]), event_iris[0], None, None, None, None,
                              None, None, None, ()))
        found.append(ParticipationView(event, nodes.ref(who[0]), concepts.kind(roles[0]),
                                       _sources(evidence.get(iri, ()))))
    found.sort(key=lambda p: (*_event_order(p.event), p.role.code,
                              *_sort_key(p.participant.name_en, p.participant.name_ko,
                                         p.participant.id)))
    return found


def event_detail(store: Queryable, focus: str, id_: str) -> EventDetail:
    """An event with its sessions, side events, participants and exhibitors by zone.

    ``sessions`` are the direct parts of kind ``forum_session``;
    ``side_events`` every other part, at any depth (``part_of`` gives the
    tree); ``participants`` every participation in the event or its parts
    except exhibitors, who are grouped by the exhibition or zone they are
    listed under in ``exhibitors``; ``agreements`` those signed at it.

    Raises
    ------
    NotFound
        No event has the id.
    """
    iri = _find(store, id_, ("Event",), ("event/",), "event")
    bound = {"event": _uri(iri)}
    concepts = _Concepts(store)
    own = _nodes(store, "", {"node": _uri(iri)})
    node = own.nodes[iri]
    summary = _event_summary(node, own)
    parts = _nodes(store, PARTS, bound)
    sub = sorted((_event_summary(n, parts) for n in parts.nodes.values()), key=_event_order)
    sessions = tuple(e for e in sub if e.part_of == summary.id and e.kind == SESSION)
    side = tuple(e for e in sub if e not in sessions)
    participations = _participations(store, concepts, EVENT_PARTICIPATIONS,
                                     EVENT_PARTICIPATION_EVENTS, bound)
    zones: dict[str, list[Ref]] = defaultdict(list)
    zone_events: dict[str, EventSummary] = {}
    for p in participations:
        if p.role.code == EXHIBITOR:
            zones[p.event.iri].append(p.participant)
            zone_events[p.event.iri] = p.event
    exhibitors = [
        ExhibitorZone(
            Ref(zone_events[z].id, z, "Event", zone_events[z].name_en, zone_events[z].name_ko),
            zone_events[z].part_of, len(set(refs)),
            tuple(sorted(set(refs), key=lambda r: _sort_key(r.name_en, r.name_ko, r.id))),
        )
        for z, refs in zones.items()
    ]
    exhibitors.sort(key=lambda z: _sort_key(z.zone.name_en, z.zone.name_ko, z.zone.id))
    counts_nodes = _nodes(store, EVENT_COUNTS, bound)
    counts_evidence = _evidence(store, EVENT_COUNTS, bound)
    counts = []
    for c_iri, c in counts_nodes.nodes.items():
        measures = c.iris(_CG + "measure")
        value = _int(c.first(_CG + "value"))
        if not measures or value is None:
            continue
        counts.append(StatedCount(concepts.kind(measures[0]), value,
                                  c.first(_CG + "approximate") in ("true", "1"),
                                  _sources(counts_evidence.get(c_iri, ()))))
    counts.sort(key=lambda c: (c.measure.code, c.value))
    agreements = sorted(_agreements(store, concepts, EVENT_AGREEMENTS, bound, focus),
                        key=_agreement_order)
    evidence = _evidence(store, "", {"node": _uri(iri)})
    kinds = node.iris(_CG + "eventKind")
    parents = node.iris(_SCHEMA + "superEvent")
    themes = tuple(sorted(
        (Name(t.value, t.lang, "theme") for t in node.values(_CG + "theme")),
        key=lambda n: (n.lang or "", n.value)))
    return EventDetail(
        id=summary.id, iri=iri, name_en=summary.name_en, name_ko=summary.name_ko,
        names=node.names(), kind=concepts.kind(kinds[0]) if kinds else None,
        start=summary.start, end=summary.end, edition=summary.edition, themes=themes,
        part_of=own.ref(parents[0]) if parents else None, locations=summary.locations,
        sessions=sessions, side_events=side,
        participants=tuple(p for p in participations if p.role.code != EXHIBITOR),
        exhibitors=tuple(exhibitors), stated_counts=tuple(counts),
        agreements=tuple(agreements), sources=_sources(evidence.get(iri, ())),
    )


# -- cities: the detail page -------------------------------------------------------------------

CITY_AGREEMENTS = "?node a cg:Agreement ; cg:party ?city ."
# the city itself, a person in office there, or its government takes part
CITY_PARTICIPATIONS = """
?node a cg:Participation .
{ ?node cg:participant ?city }
UNION { ?node cg:participant ?who . ?office org:member ?who ; org:organization ?city }
UNION { ?node cg:participant ?who . ?who a cg:Organization ; cg:locatedIn ?city ;
          cg:orgKind <https://w3id.org/citygraph/kind/org/government> }
"""
CITY_PARTICIPATION_EVENTS = CITY_PARTICIPATIONS.replace("?node", "?p0") + " ?p0 cg:event ?node ."
CITY_OFFICES = "?node a cg:Office ; org:organization ?city ."
CITY_POLICIES = "?node a cg:Policy ; cg:owner ?city ."
CITY_AWARDS = "?node a cg:PrizeAward ; cg:laureate ?city ."
MEETING = "bilateral_meeting"


def _identifiers(node: _Node) -> tuple[Identifier, ...]:
    found = []
    for iri in node.iris(_SAME_AS):
        if iri.startswith(str(WD)):
            found.append(Identifier("wikidata", _local(iri), iri))
        elif iri.startswith(str(GN)):
            found.append(Identifier("geonames", _local(iri), iri))
        else:
            found.append(Identifier("other", iri, iri))
    return tuple(sorted(found, key=lambda i: (i.scheme, i.id)))


def _offices(store: Queryable, concepts: _Concepts, where: str,
             bindings: Mapping[str, Term]) -> list[OfficeView]:
    nodes = _nodes(store, where, bindings)
    evidence = _evidence(store, where, bindings)
    found = []
    for iri, node in nodes.nodes.items():
        people = node.iris(_ORG + "member")
        orgs = node.iris(_ORG + "organization")
        roles = node.iris(_ORG + "role")
        if not people or not orgs:
            continue
        found.append(OfficeView(
            nodes.ref(people[0]),
            concepts.kind(roles[0]) if roles else Kind("other", _KIND + "role/other"),
            nodes.ref(orgs[0]), node.first(_SCHEMA + "startDate"),
            node.first(_SCHEMA + "endDate"), _sources(evidence.get(iri, ())),
        ))
    found.sort(key=lambda o: (*_sort_key(o.person.name_en, o.person.name_ko, o.person.id),
                              o.role.code, o.organization.id, o.start or ""))
    return found


def _policies(store: Queryable, where: str, bindings: Mapping[str, Term]) -> list[PolicyItem]:
    nodes = _nodes(store, where, bindings)
    evidence = _evidence(store, where, bindings)
    found = []
    for iri, node in nodes.nodes.items():
        owners = node.iris(_CG + "owner")
        themes = node.iris(_CG + "policyTheme")
        found.append(PolicyItem(
            node.id, iri, node.name_en, node.name_ko,
            _code(themes[0]) if themes else None,
            nodes.ref(owners[0]) if owners else None,
            _sources(evidence.get(iri, ())),
        ))
    found.sort(key=lambda p: _sort_key(p.name_en, p.name_ko, p.id))
    return found


def _awards(store: Queryable, where: str, bindings: Mapping[str, Term]) -> list[Award]:
    nodes = _nodes(store, where, bindings)
    evidence = _evidence(store, where, bindings)
    found = []
    for iri, node in nodes.nodes.items():
        prizes = node.iris(_CG + "prize")
        laureates = node.iris(_CG + "laureate")
        if not prizes or not laureates:
            continue
        found.append(Award(nodes.ref(prizes[0]), nodes.ref(laureates[0]),
                           _int(node.first(_CG + "awardYear")), tuple(node.texts(_CG + "note")),
                           _sources(evidence.get(iri, ()))))
    found.sort(key=lambda a: (a.year or 0, a.prize.id, a.laureate.id))
    return found


ALL_AWARDS = "?node a cg:PrizeAward ."


def list_awards(store: Queryable) -> list[Award]:
    """Every prize award, by year, prize and laureate, each with its sources.

    >>> from citygraph.graph.network.project import example_store
    >>> list_awards(example_store())
    []
    """
    return _awards(store, ALL_AWARDS, {})


def city_detail(store: Queryable, focus: str, id_: str) -> CityDetail:
    """Everything about one city or region.

    Parameters
    ----------
    store
        Anything with the store's ``query`` method.
    focus
        The focus city's IRI; agreements with it come first (``with_focus``).
    id_
        A data key (``wellington``) or the last segment of the IRI
        (``gn2179537``).

    Returns
    -------
    CityDetail
        Names, location, identifiers; every agreement the place is a party
        to, with each reading (date, source, locator, dataset row) and the
        agreements it upgrades or that upgrade it; participations of the
        place, of people in office there and of its government, split into
        bilateral ``meetings`` and other ``events``; offices, policies,
        prizes; the sources of the place's own facts.

    Raises
    ------
    NotFound
        No city or region has the id.
    """
    iri = _find(store, id_, PLACE_CLASSES, ("place/",), "city or region")
    bound = {"city": _uri(iri)}
    concepts = _Concepts(store)
    own = _nodes(store, "", {"node": _uri(iri)})
    node = own.nodes[iri]
    countries = node.iris(_CG + "country")
    country = own.ref(countries[0]) if countries else None
    continents = node.iris(_CG + "continent")
    continent = concepts.kind(continents[0]) if continents else None
    if continent is None and country is not None:
        found = _nodes(store, "", {"node": _uri(country.iri)}).nodes.get(country.iri)
        if found and found.iris(_CG + "continent"):
            continent = concepts.kind(found.iris(_CG + "continent")[0])
    within = node.iris(_CG + "locatedIn")
    location = Location(
        lat=_float(node.first(_GEO + "lat")), lon=_float(node.first(_GEO + "long")),
        country=country, country_code=country.id if country else None,
        continent=continent, located_in=own.ref(within[0]) if within else None,
    )
    agreements = sorted(_agreements(store, concepts, CITY_AGREEMENTS, bound, focus),
                        key=_agreement_order)
    participations = _participations(store, concepts, CITY_PARTICIPATIONS,
                                     CITY_PARTICIPATION_EVENTS, bound)
    evidence = _evidence(store, "", {"node": _uri(iri)})
    return CityDetail(
        id=node.id, iri=iri, type=node.type or "City", name_en=node.name_en,
        name_ko=node.name_ko, names=node.names(), keys=tuple(node.keys), location=location,
        identifiers=_identifiers(node), agreements=tuple(agreements),
        meetings=tuple(p for p in participations if p.event.kind == MEETING),
        events=tuple(p for p in participations if p.event.kind != MEETING),
        people=tuple(_offices(store, concepts, CITY_OFFICES, bound)),
        policies=tuple(_policies(store, CITY_POLICIES, bound)),
        prizes=tuple(_awards(store, CITY_AWARDS, bound)),
        sources=_sources(evidence.get(iri, ())),
    )


# -- people, organisations, policies -----------------------------------------------------------

PEOPLE = "?node a cg:Person ."
OFFICES = "?node a cg:Office ."
ORGANIZATIONS = "?node a cg:Organization ."
POLICIES = "?node a cg:Policy ."


def list_people(store: Queryable, *, q: str | None = None, limit: int = 50,
                offset: int = 0) -> Page[PersonItem]:
    """People, with their offices, sorted by English name; ``q`` matches names."""
    concepts = _Concepts(store)
    people = _nodes(store, PEOPLE).nodes
    offices: dict[str, list[OfficeView]] = defaultdict(list)
    for office in _offices(store, concepts, OFFICES, {}):
        offices[office.person.iri].append(office)
    found = [
        PersonItem(n.id, iri, n.name_en, n.name_ko, _identifiers(n), tuple(offices.get(iri, ())))
        for iri, n in people.items() if _matches(q, n.texts(_LABEL))
    ]
    found.sort(key=lambda p: _sort_key(p.name_en, p.name_ko, p.id))
    return _paginate(found, limit, offset)


def list_organizations(store: Queryable, *, kind: str | None = None,
                       country: str | None = None, q: str | None = None, limit: int = 50,
                       offset: int = 0) -> Page[OrganizationItem]:
    """Organisations sorted by English name; filters: kind, country code, ``q``."""
    nodes = _nodes(store, ORGANIZATIONS)
    found = []
    for iri, n in nodes.nodes.items():
        kinds = n.iris(_CG + "orgKind")
        countries = n.iris(_CG + "country")
        within = n.iris(_CG + "locatedIn")
        parents = n.iris(_ORG + "subOrganizationOf")
        item = OrganizationItem(
            n.id, iri, n.name_en, n.name_ko, _code(kinds[0]) if kinds else None,
            nodes.ref(countries[0]).id if countries else None,
            nodes.ref(within[0]) if within else None,
            nodes.ref(parents[0]) if parents else None, _identifiers(n),
        )
        if kind and item.kind != kind:
            continue
        if country and item.country != country.upper():
            continue
        if not _matches(q, n.texts(_LABEL)):
            continue
        found.append(item)
    found.sort(key=lambda o: _sort_key(o.name_en, o.name_ko, o.id))
    return _paginate(found, limit, offset)


def list_policies(store: Queryable, *, theme: str | None = None, owner: str | None = None,
                  q: str | None = None, limit: int = 50,
                  offset: int = 0) -> Page[PolicyItem]:
    """Policies sorted by English name; filters: theme code, owner id, ``q``."""
    found = [
        p for p in _policies(store, POLICIES, {})
        if (not theme or p.theme == theme)
        and (owner is None or (p.owner is not None and owner in (p.owner.id, path_id(p.owner.iri))))
        and _matches(q, [p.name_en or "", p.name_ko or ""])
    ]
    return _paginate(found, limit, offset)


# -- sources -----------------------------------------------------------------------------------

SOURCES = "?node a cg:SourceDocument ."
SOURCE_COUNTS = """
SELECT ?source ?g (COUNT(DISTINCT ?fact) AS ?facts) WHERE {
  ?fact cg:evidence ?ev .
  GRAPH ?g { ?ev dcterms:source ?source }
} GROUP BY ?source ?g
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


def _source_items(store: Queryable, documents: Path | None) -> list[SourceItem]:
    nodes = _nodes(store, SOURCES)
    datasets: dict[str, set[str]] = defaultdict(set)
    facts: Counter[str] = Counter()
    for row in _select(store, SOURCE_COUNTS):
        source = row["source"].value
        datasets[source].add(_graph_key(row["g"].value))
        facts[source] += _int(row["facts"].value) or 0
    items = []
    for iri, n in nodes.nodes.items():
        id_ = source_id(iri)
        ingested = f"document/{id_}" in datasets.get(iri, set())
        text_available = ingested and documents is not None and (
            Path(id_).name == id_ and (documents / f"{id_}.txt").is_file())
        issued = n.first(_DCT + "issued")
        items.append(SourceItem(
            id=id_, iri=iri, title=n.first(_DCT + "title"),
            publisher=n.first(_DCT + "publisher"), issued=issued,
            language=n.first(_DCT + "language"),
            url=_first(n.iris(_FOAF_PAGE)) or (iri if not iri.startswith(_ID) else None),
            datasets=tuple(sorted(datasets.get(iri, ()))), fact_count=facts[iri],
            ingested=ingested, text_available=bool(text_available),
        ))
    items.sort(key=lambda s: (s.id, s.iri))
    return items


def list_sources(store: Queryable, documents: Path | None = None, *, q: str | None = None,
                 dataset: str | None = None, limit: int = 50,
                 offset: int = 0) -> Page[SourceItem]:
    """Source documents sorted by id; ``q`` matches title, publisher or URL.

    ``documents`` is the folder of ingested documents' texts
    (:func:`citygraph.graph.home.documents_dir`); ``dataset`` keeps the
    documents cited in one named graph (``partners``, ``document/{id}``).
    """
    found = [
        s for s in _source_items(store, documents)
        if _matches(q, [s.title or "", s.publisher or "", s.url or "", s.id])
        and (dataset is None or dataset in s.datasets)
    ]
    return _paginate(found, limit, offset)


def source_detail(store: Queryable, id_: str, documents: Path | None = None) -> SourceDetail:
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
    bound = {"doc": _uri(item.iri)}
    text = _document_text(documents, item.id) if item.ingested else None
    own_graph = f"document/{item.id}"
    evidence: dict[str, set[Evidence]] = defaultdict(set)
    for row in _select(store, SOURCE_EVIDENCE, bound):
        e = _evidence_of(row)
        if (text is not None and e.dataset == own_graph and e.start is not None
                and e.end is not None and 0 <= e.start <= e.end <= len(text)):
            e = replace(e, quote=text[e.start:e.end])
        evidence[row["node"].value].add(e)
    labels: dict[str, _RefBuilder] = {}
    for row in _select(store, SOURCE_LABELS, bound):
        iri = row["node"].value
        labels.setdefault(iri, _RefBuilder(iri, set(), set(), set(), set())).add(
            row, "key", "label", "type")
    facts = []
    rows: dict[tuple[str, str, int], tuple[set[str], set[str]]] = {}
    for iri, evs in evidence.items():
        ref = labels[iri].ref() if iri in labels else Ref(path_id(iri), iri)
        facts.append(FactView(ref.id, iri, ref.type, ref.name_en, ref.name_ko,
                              tuple(sorted(evs, key=_evidence_order))))
        for e in evs:
            if e.file is not None and e.line is not None and e.dataset is not None:
                locs, cited = rows.setdefault((e.dataset, e.file, e.line), (set(), set()))
                if e.locator:
                    locs.add(e.locator)
                cited.add(iri)
    facts.sort(key=lambda f: (f.type or "", _normal(f.name_en or f.name_ko or f.id), f.iri))
    citations = [RowCitation(d, f, line, tuple(sorted(locs)), tuple(sorted(cited)))
                 for (d, f, line), (locs, cited) in rows.items()]
    citations.sort(key=lambda r: (r.dataset, r.file, r.line))
    return SourceDetail(
        id=item.id, iri=item.iri, title=item.title, publisher=item.publisher,
        issued=item.issued, language=item.language, url=item.url, datasets=item.datasets,
        fact_count=item.fact_count, ingested=item.ingested, text_available=item.text_available,
        facts=tuple(facts), rows=tuple(citations),
    )


# -- timeline and stats ------------------------------------------------------------------------


def _focus_ref(store: Queryable, focus: str) -> Ref:
    node = _nodes(store, "", {"node": _uri(focus)}).nodes.get(focus)
    return node.ref() if node else Ref(_local(focus), focus)


def timeline(store: Queryable, focus: str) -> Timeline:
    """The focus city's agreements counted per year, kind and partner continent.

    Each agreement counts once, in the year of its earliest reading
    (``unknown`` when no source dates it), under its own kind (``chinseon``
    apart from ``sister``), by :func:`citygraph.graph.network.analysis.timeline` over
    :func:`citygraph.graph.network.project.city_network`.

    Raises
    ------
    TooLarge
        The store cut the projection at its row cap.
    """
    g = city_network(store, kinds={"agreement"})
    rows = [TimelineRow(r["year"], r["kind"], r["continent"], r["count"])
            for r in count_timeline(g, focus)] if focus in g else []
    by_year: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    by_continent: Counter[str] = Counter()
    for r in rows:
        by_year[str(r.year) if r.year is not None else UNKNOWN] += r.count
        by_kind[r.kind] += r.count
        by_continent[r.continent or UNKNOWN] += r.count
    return Timeline(
        focus=_focus_ref(store, focus), total=sum(r.count for r in rows), rows=tuple(rows),
        by_year=dict(sorted(by_year.items())), by_kind=dict(sorted(by_kind.items())),
        by_continent=dict(sorted(by_continent.items())),
    )


CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(cg:)))
} GROUP BY ?class
"""
KIND_COUNTS = """
SELECT ?kind (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a cg:Agreement ; cg:agreementKind ?kind }
GROUP BY ?kind
"""
GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
GRAPH_TITLES = "SELECT DISTINCT ?g ?title WHERE { GRAPH ?g { ?g dcterms:title ?title } }"


def stats(store: Queryable, focus: str, *, quads: int,
          version: str | None = None) -> Stats:
    """Entities per class, agreements per kind, triples per named graph."""
    classes = {_local(r["class"].value): _int(r["n"].value) or 0
               for r in _select(store, CLASS_COUNTS)}
    kinds = {_code(r["kind"].value): _int(r["n"].value) or 0
             for r in _select(store, KIND_COUNTS)}
    titles: dict[str, set[str]] = defaultdict(set)
    for r in _select(store, GRAPH_TITLES):
        titles[r["g"].value].add(r["title"].value)
    graphs = [
        GraphCount(r["g"].value, _graph_key(r["g"].value), _first(titles.get(r["g"].value, ())),
                   _int(r["n"].value) or 0)
        for r in _select(store, GRAPH_COUNTS)
    ]
    graphs.sort(key=lambda g: g.iri)
    return Stats(quads=quads, version=version, focus=_focus_ref(store, focus),
                 classes=dict(sorted(classes.items())), agreement_kinds=dict(sorted(kinds.items())),
                 graphs=tuple(graphs))

