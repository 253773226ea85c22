"""Facts -> RDF: one pure function, :func:`to_rdf`, and the IRI rule.

IRI rule (the same fact gets the same IRI in every build)
----------------------------------------------------------
All IRIs start with ``https://w3id.org/citygraph/id/``.  Entities also keep
their data key as ``dcterms:identifier`` (e.g. ``"seoul"``), so settings such
as the focus city can name them.

===============  ===========================================================
what             path
===============  ===========================================================
country          ``country/{ISO 3166-1 alpha-2}``
city, region     ``place/gn{GeoNames id}``, else ``place/wd{Wikidata id}``,
                 else ``place/{key}``
person, org      ``person/wd{Q}`` / ``org/wd{Q}`` when known, else ``person/{key}``
event, venue,    ``event/{key}``, ``venue/{key}``, ``prize/{key}``,
prize, policy    ``policy/{key}``
agreement        ``agreement/{party}--{party}.../{kind}[/{key}]``, parties as
                 the last segment of their IRIs, sorted
partnership      ``partnership/{party}--{party}``, the same for the tie between
                 two places, whatever its kind (a list's row, or the
                 agreements between them, which link to it)
prize award      ``award/{prize}/{year}/{laureate}``
office           ``office/{person}/{role}/{organisation}[/{start}]``
participation    ``participation/{event}/{participant}/{role}``
stated count     ``count/{event}/{measure}/{value}``
evidence         ``{fact IRI}/evidence/{12 hex digits of its SHA-256}``
document         its URL when it has one, else ``source/{key}``
dataset (graph)  ``source/{dataset}``: each dataset is one named graph
===============  ===========================================================

Examples
--------
>>> from citygraph.ingest.facts import Place, PlaceType, Evidence
>>> ev = Evidence(source="https://example.org/p", rule="curated")
>>> seoul = Place("seoul", PlaceType.CITY, "Seoul", "서울", country="KR",
...               geonames=1835848, evidence=(ev,))
>>> kr = Place("KR", PlaceType.COUNTRY, "South Korea", evidence=(ev,))
>>> ds = to_rdf([SourceSet("reference", "0" * 64, (seoul, kr))])
>>> (ID["place/gn1835848"], CG.country, ID["country/KR"], ID["source/reference"]) in ds
True
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV
from rdflib.term import Node

from citygraph.ingest.curated import DataError, DataErrors
from citygraph.ingest.facts import (
    Agreement,
    Document,
    Event,
    Evidence,
    Fact,
    Office,
    Organization,
    PartialDate,
    Participation,
    Partnership,
    Person,
    Place,
    PlaceType,
    Policy,
    Prize,
    PrizeAward,
    StatedCount,
    Venue,
)
from citygraph.ontology.vocab import CG, GEO, GN, ID, ORG, SCHEMA, WD, kind_iri

__all__ = ["SourceSet", "agreement_iri", "date_literal", "partnership_iri", "to_quads", "to_rdf"]

HANGUL = re.compile(r"[\uac00-\ud7a3]")
DATE_TYPES = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}
PLACE_CLASSES = {
    PlaceType.CITY: (CG.City, SCHEMA.City, GEO.SpatialThing),
    PlaceType.REGION: (CG.Region, SCHEMA.AdministrativeArea, GEO.SpatialThing),
    PlaceType.COUNTRY: (CG.Country, SCHEMA.Country, GEO.SpatialThing),
    PlaceType.DISTRICT: (CG.District, CG.City, SCHEMA.City, GEO.SpatialThing),
}


@dataclass(frozen=True, slots=True)
class SourceSet:
    """The facts of one dataset or document: they become one named graph."""

    key: str
    sha256: str
    facts: Sequence[Fact]


def date_literal(date: PartialDate) -> Literal:
    """Type a partial date as ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date``.

    >>> date_literal(PartialDate(2016, 7)).datatype == XSD.gYearMonth
    True
    """
    return Literal(date.iso, datatype=DATE_TYPES[date.precision])


def _segment(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def _where(fact: Fact) -> tuple[str, int | None]:
    evidence: tuple[Evidence, ...] = getattr(fact, "evidence", ())
    if evidence:
        return evidence[0].path or evidence[0].source, evidence[0].line
    return "data", None


class _Keys:
    """Resolves entity keys to IRIs; collects unresolved references."""

    def __init__(self, sets: Sequence[SourceSet]) -> None:
        self.iris: dict[str, URIRef] = {}
        self.kinds: dict[str, str] = {}
        self.documents: dict[str, URIRef] = {}
        self.errors: list[DataError] = []
        for source in sets:
            for fact in source.facts:
                if isinstance(fact, Document):
                    self.documents[fact.key] = URIRef(fact.url) if fact.url else ID[
                        f"source/{fact.key}"
                    ]
                    continue
                key = getattr(fact, "key", None)
                if key is None or not isinstance(fact, _ENTITIES):
                    continue
                iri = self._mint(fact)
                known = self.iris.get(key)
                if known is not None and known != iri:
                    path, line = _where(fact)
                    self.errors.append(
                        DataError(path, f"key {key!r} names two different things "
                                  f"({known} and {iri})", line, "key")
                    )
                self.iris[key] = iri
                self.kinds[key] = type(fact).__name__

    @staticmethod
    def _mint(fact: Fact) -> URIRef:
        if isinstance(fact, Place):
            if fact.type is PlaceType.COUNTRY:
                return ID[f"country/{fact.key}"]
            if fact.geonames:
                return ID[f"place/gn{fact.geonames}"]
            return ID[f"place/wd{fact.wikidata}" if fact.wikidata else f"place/{fact.key}"]
        if isinstance(fact, Person | Organization):
            prefix = "person" if isinstance(fact, Person) else "org"
            return ID[f"{prefix}/wd{fact.wikidata}" if fact.wikidata else f"{prefix}/{fact.key}"]
        prefix = {Event: "event", Venue: "venue", Prize: "prize", Policy: "policy"}[type(fact)]
        return ID[f"{prefix}/{fact.key}"]  # type: ignore[union-attr]

    def ref(self, key: str, fact: Fact, column: str, *kinds: str) -> URIRef | None:
        iri = self.iris.get(key)
        if iri is None or (kinds and self.kinds[key] not in kinds):
            path, line = _where(fact)
            what = " or ".join(k.lower() for k in kinds) if kinds else "entity"
            found = f" (it is a {self.kinds[key].lower()})" if iri is not None else ""
            self.errors.append(DataError(path, f"{key!r} is not a known {what}{found}",
                                         line, column))
            return None
        return iri

    def document(self, name: str) -> URIRef:
        if name in self.documents:
            return self.documents[name]
        if re.match(r"^https?://\S+$", name):
            return URIRef(name)
        return ID[f"source/{name}"]


Quad = tuple[Node, Node, Node, URIRef]
"""A triple and its named graph."""

_ENTITIES = (Place, Person, Organization, Venue, Event, Prize, Policy)


def partnership_iri(a: URIRef, b: URIRef) -> URIRef:
    """Mint the IRI of the partnership between two places.

    >>> str(partnership_iri(ID["place/gn2"], ID["place/gn1"]))
    'https://w3id.org/citygraph/id/partnership/gn1--gn2'
    """
    return ID["partnership/" + "--".join(sorted((_segment(a), _segment(b))))]


def agreement_iri(parties: Iterable[URIRef], kind: str, key: str = "") -> URIRef:
    """Mint the IRI of an agreement from its parties, kind and key.

    >>> str(agreement_iri([ID["place/gn2"], ID["place/gn1"]], "sister"))
    'https://w3id.org/citygraph/id/agreement/gn1--gn2/sister'
    """
    path = "--".join(sorted(_segment(p) for p in parties)) + f"/{kind}"
    return ID[f"agreement/{path}/{key}" if key else f"agreement/{path}"]


class _Writer:
    """Adds one dataset's triples to its named graph."""

    def __init__(self, quads: list[Quad], graph: URIRef, keys: _Keys) -> None:
        self.quads = quads
        self.graph = graph
        self.keys = keys
        self.cited: set[URIRef] = set()

    def add(self, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            self.quads.append((s, p, o, self.graph))

    def labels(self, s: URIRef, en: str, ko: str) -> None:
        if en:
            self.add(s, RDFS.label, Literal(en, lang="en"))
        if ko:
            self.add(s, RDFS.label, Literal(ko, lang="ko"))

    def types(self, s: URIRef, *classes: URIRef) -> None:
        for cls in classes:
            self.add(s, RDF.type, cls)

    def date(self, s: URIRef, p: URIRef, date: PartialDate | None) -> None:
        if date is not None:
            self.add(s, p, date_literal(date))

    def evidence(self, fact_iri: URIRef, evidence: Sequence[Evidence],
                 states: PartialDate | None = None) -> None:
        for ev in evidence:
            digest = hashlib.sha256(
                repr((ev.graph, ev.path, ev.line, ev.source, ev.start, ev.end,
                      ev.locator, ev.rule)).encode()
            ).hexdigest()[:12]
            node = URIRef(f"{fact_iri}/evidence/{digest}")
            document = self.keys.document(ev.source)
            self.cited.add(document)
            self.add(fact_iri, CG.evidence, node)
            self.types(node, CG.Evidence, PROV.Entity)
            self.add(node, DCTERMS.source, document)
            self.add(node, CG.rule, Literal(ev.rule))
            self.add(node, CG.confidence, Literal(str(ev.confidence), datatype=XSD.decimal))
            if ev.start is not None:
                self.add(node, CG.startOffset, Literal(ev.start))
            if ev.end is not None:
                self.add(node, CG.endOffset, Literal(ev.end))
            if ev.line is not None:
                self.add(node, CG.line, Literal(ev.line))
            if ev.path:
                self.add(node, CG.dataFile, Literal(ev.path))
            if ev.locator:
                self.add(node, CG.locator, Literal(ev.locator))
            self.date(node, CG.statesDate, states)

    def note(self, s: URIRef, fact: Fact) -> None:
        for lang in ("en", "ko"):
            note = getattr(fact, "note" if lang == "en" else "note_ko", "")
            if note:
                self.add(s, CG.note, Literal(note, lang=lang))

    def same_as(self, s: URIRef, wikidata: str | None, geonames: int | None = None) -> None:
        if wikidata:
            self.add(s, OWL.sameAs, WD[wikidata])
        if geonames:
            self.add(s, OWL.sameAs, GN[f"{geonames}/"])

    def point(self, s: URIRef, lat: float | None, lon: float | None) -> None:
        if lat is not None and lon is not None:
            self.add(s, GEO.lat, Literal(str(lat), datatype=XSD.decimal))
            self.add(s, GEO.long, Literal(str(lon), datatype=XSD.decimal))

    def ref(self, key: str | None, fact: Fact, column: str, *kinds: str) -> URIRef | None:
        return None if key is None else self.keys.ref(key, fact, column, *kinds)

    # one method per fact type -------------------------------------------------

    def place(self, f: Place) -> None:
        s = self.keys.iris[f.key]
        self.add(s, DCTERMS.identifier, Literal(f.key))
        self.types(s, *PLACE_CLASSES[f.type])
        self.labels(s, f.name_en, f.name_ko)
        for alias in f.aliases:
            lang = "ko" if HANGUL.search(alias) else None
            self.add(s, SKOS.altLabel, Literal(alias, lang=lang))
        self.add(s, CG.country, self.ref(f.country, f, "country", "Place"))
        self.add(s, CG.locatedIn, self.ref(f.within, f, "within", "Place"))
        if f.continent:
            self.add(s, CG.continent, kind_iri("continent", f.continent.value))
        self.point(s, f.lat, f.lon)
        self.same_as(s, f.wikidata, f.geonames)
        self.evidence(s, f.evidence)

    def person(self, f: Person) -> None:
        s = self.keys.iris[f.key]
        self.add(s, DCTERMS.identifier, Literal(f.key))
        self.types(s, CG.Person, FOAF.Person)
        self.labels(s, f.name_en, f.name_ko)
        self.same_as(s, f.wikidata)
        self.evidence(s, f.evidence)

    def organization(self, f: Organization) -> None:
        s = self.keys.iris[f.key]
        self.add(s, DCTERMS.identifier, Literal(f.key))
        self.types(s, CG.Organization, ORG.Organization)
        self.labels(s, f.name_en, f.name_ko)
        self.add(s, CG.orgKind, kind_iri("org", f.kind.value))
        self.add(s, CG.country, self.ref(f.country, f, "country", "Place"))
        self.add(s, CG.locatedIn, self.ref(f.within, f, "within", "Place"))
        self.add(s, ORG.subOrganizationOf, self.ref(f.parent, f, "parent", "Organization"))
        self.same_as(s, f.wikidata)
        self.evidence(s, f.evidence)

    def venue(self, f: Venue) -> None:
        s = self.keys.iris[f.key]
        self.add(s, DCTERMS.identifier, Literal(f.key))
        self.types(s, CG.Venue, SCHEMA.Place)
        self.labels(s, f.name_en, f.name_ko)
        self.add(s, CG.locatedIn, self.ref(f.within, f, "within", "Place", "Venue"))
        self.point(s, f.lat, f.lon)
        self.evidence(s, f.evidence)

    def event(self, f: Event) -> None:
        s = self.keys.iris[f.key]
        self.add(s, DCTERMS.identifier, Literal(f.key))
        self.types(s, CG.Event, SCHEMA.Event)
        self.labels(s, f.name_en, f.name_ko)
        self.add(s, CG.eventKind, kind_iri("event", f.kind.value))
        self.date(s, SCHEMA.startDate, f.start)
        self.date(s, SCHEMA.endDate, f.end)
        self.add(s, SCHEMA.location, self.ref(f.location, f, "location", "Venue", "Place"))
        self.add(s, SCHEMA.superEvent, self.ref(f.part_of, f, "part_of", "Event"))
        if f.edition is not None:
            self.add(s, CG.edition, Literal(f.edition))
        if f.theme_en:
            self.add(s, CG.theme, Literal(f.theme_en, lang="en"))
        if f.theme_ko:
            self.add(s, CG.theme, Literal(f.theme_ko, lang="ko"))
        self.evidence(s, f.evidence)

    def prize(self, f: Prize) -> None:
        s = self.keys.iris[f.key]
        self.add(s, DCTERMS.identifier, Literal(f.key))
        self.types(s, CG.Prize)
        self.labels(s, f.name_en, f.name_ko)
        for org in f.awarded_by:
            self.add(s, CG.awardedBy, self.ref(org, f, "awarded_by", "Organization"))
        self.evidence(s, f.evidence)

    def policy(self, f: Policy) -> None:
        s = self.keys.iris[f.key]
        self.add(s, DCTERMS.identifier, Literal(f.key))
        self.types(s, CG.Policy)
        self.labels(s, f.name_en, f.name_ko)
        self.add(s, CG.owner, self.ref(f.owner, f, "owner", "Place", "Organization"))
        if f.theme:
            self.add(s, CG.policyTheme, kind_iri("theme", f.theme.value))
        self.evidence(s, f.evidence)

    def award(self, f: PrizeAward) -> None:
        prize = self.ref(f.prize, f, "prize", "Prize")
        laureate = self.ref(f.laureate, f, "laureate", "Place", "Organization", "Person")
        if prize is None or laureate is None:
            return
        s = ID[f"award/{_segment(prize)}/{f.year}/{_segment(laureate)}"]
        self.types(s, CG.PrizeAward)
        self.add(s, CG.prize, prize)
        self.add(s, CG.laureate, laureate)
        self.add(s, CG.awardYear, Literal(f.year))
        self.note(s, f)
        self.evidence(s, f.evidence)

    def agreement(self, f: Agreement, known: set[URIRef]) -> None:
        parties = [self.ref(p, f, "parties", "Place", "Organization") for p in f.parties]
        if None in parties:
            return
        resolved = [p for p in parties if p is not None]
        s = agreement_iri(resolved, f.kind.value, f.key)
        self.types(s, CG.Agreement)
        for party in resolved:
            self.add(s, CG.party, party)
        self.add(s, CG.agreementKind, kind_iri("agreement", f.kind.value))
        if len(resolved) == 2 and all(self.keys.kinds.get(p) == "Place" for p in f.parties) \
                and resolved[0] != resolved[1]:
            tie = partnership_iri(*resolved)
            self.types(tie, CG.Partnership)
            for party in resolved:
                self.add(tie, CG.party, party)
            self.add(s, CG.partnership, tie)
        if f.signed:
            self.date(s, CG.dateSigned, f.signed)
            self.add(s, CG.yearSigned, Literal(f.signed.year))
        for person in f.signatories:
            self.add(s, CG.signatory, self.ref(person, f, "signatories", "Person"))
        self.add(s, CG.signedAt, self.ref(f.signed_at, f, "signed_at", "Event"))
        if f.upgrades:
            earlier = agreement_iri(resolved, f.upgrades.value)
            if earlier not in known:
                path, line = _where(f)
                self.keys.errors.append(DataError(
                    path, f"upgrades a {f.upgrades.value} agreement between "
                    f"{' and '.join(f.parties)} that the data does not hold", line, "upgrades"))
            self.add(s, CG.upgrades, earlier)
        for item in f.fields:
            self.add(s, CG.field, Literal(item, lang="ko" if HANGUL.search(item) else "en"))
        if f.wording:
            self.add(s, CG.wording, Literal(f.wording))
        self.note(s, f)
        self.evidence(s, f.evidence, states=f.signed)

    def partnership(self, f: Partnership) -> None:
        a, b = (self.ref(p, f, "parties", "Place") for p in f.parties)
        if a is None or b is None:
            return
        s = partnership_iri(a, b)
        self.types(s, CG.Partnership)
        self.add(s, CG.party, a)
        self.add(s, CG.party, b)
        self.evidence(s, f.evidence)

    def office(self, f: Office) -> None:
        person = self.ref(f.person, f, "person", "Person")
        org = self.ref(f.organization, f, "organization", "Place", "Organization")
        if person is None or org is None:
            return
        path = f"office/{_segment(person)}/{f.role.value}/{_segment(org)}"
        s = ID[f"{path}/{f.start.iso}" if f.start else path]
        self.types(s, CG.Office, ORG.Membership)
        self.add(s, ORG.member, person)
        self.add(s, ORG.organization, org)
        self.add(s, ORG.role, kind_iri("role", f.role.value))
        self.date(s, SCHEMA.startDate, f.start)
        self.date(s, SCHEMA.endDate, f.end)
        self.evidence(s, f.evidence)

    def participation(self, f: Participation) -> None:
        event = self.ref(f.event, f, "event", "Event")
        who = self.ref(f.participant, f, "participant", "Place", "Organization", "Person")
        if event is None or who is None:
            return
        s = ID[f"participation/{_segment(event)}/{_segment(who)}/{f.role.value}"]
        self.types(s, CG.Participation)
        self.add(s, CG.event, event)
        self.add(s, CG.participant, who)
        self.add(s, CG.participationRole, kind_iri("participation", f.role.value))
        self.evidence(s, f.evidence)

    def count(self, f: StatedCount) -> None:
        event = self.ref(f.event, f, "event", "Event")
        if event is None:
            return
        s = ID[f"count/{_segment(event)}/{f.measure.value}/{f.value}"]
        self.types(s, CG.StatedCount)
        self.add(s, CG.event, event)
        self.add(s, CG.measure, kind_iri("measure", f.measure.value))
        self.add(s, CG.value, Literal(f.value))
        self.add(s, CG.approximate, Literal(f.approximate))
        self.evidence(s, f.evidence)

    def document(self, f: Document) -> None:
        s = self.keys.document(f.key)
        self.types(s, CG.SourceDocument, FOAF.Document, PROV.Entity)
        if f.title:
            self.add(s, DCTERMS.title, Literal(f.title, lang=f.language or None))
        if f.publisher:
            self.add(s, DCTERMS.publisher, Literal(f.publisher, lang=f.language or None))
        self.date(s, DCTERMS.issued, f.issued)
        if f.language:
            self.add(s, DCTERMS.language, Literal(f.language))
        if f.url:
            self.add(s, FOAF.page, URIRef(f.url))
        if f.kind:
            self.add(s, DCTERMS.type, kind_iri("source", f.kind.value))
        if f.part_of:
            self.add(s, DCTERMS.isPartOf, self.keys.document(f.part_of))
        self.note(s, f)


def to_rdf(sets: Sequence[SourceSet]) -> Dataset:
    """Map facts to an RDF dataset with one named graph per source (see :func:`to_quads`)."""
    ds = Dataset()
    for prefix, namespace in (("cg", CG._NS), ("id", ID), ("geo", GEO), ("org", ORG),
                              ("schema", SCHEMA)):
        ds.namespace_manager.bind(prefix, namespace, replace=True)
    quads = to_quads(sets)
    for graph in dict.fromkeys(q[3] for q in quads):
        ds.graph(graph)
    ds.addN((s, p, o, ds.graph(g)) for s, p, o, g in quads)
    return ds


def to_quads(sets: Sequence[SourceSet]) -> list[Quad]:
    """Map facts to an RDF dataset with one named graph per source.

    Parameters
    ----------
    sets
        The facts of each dataset or document, with its key and digest.

    Returns
    -------
    list of (subject, predicate, object, graph)
        Each source's facts in the graph ``source/{key}``, which is also
        described there as a ``cg:Dataset`` derived from the documents its
        facts cite.

    Raises
    ------
    DataErrors
        When a key is unknown, names two things, or an upgrade has no earlier
        agreement; each error names the file and line of the fact.
    """
    keys = _Keys(sets)
    quads: list[Quad] = []
    known_agreements = set()
    for source in sets:
        for fact in source.facts:
            if isinstance(fact, Agreement):
                parties = [keys.iris.get(p) for p in fact.parties]
                if all(parties):
                    known_agreements.add(
                        agreement_iri([p for p in parties if p], fact.kind.value, fact.key)
                    )
    for source in sets:
        graph = ID[f"source/{source.key}"]
        w = _Writer(quads, graph, keys)
        for fact in source.facts:
            match fact:
                case Place():
                    w.place(fact)
                case Person():
                    w.person(fact)
                case Organization():
                    w.organization(fact)
                case Venue():
                    w.venue(fact)
                case Event():
                    w.event(fact)
                case Prize():
                    w.prize(fact)
                case Policy():
                    w.policy(fact)
                case PrizeAward():
                    w.award(fact)
                case Agreement():
                    w.agreement(fact, known_agreements)
                case Partnership():
                    w.partnership(fact)
                case Office():
                    w.office(fact)
                case Participation():
                    w.participation(fact)
                case StatedCount():
                    w.count(fact)
                case Document():
                    w.document(fact)
        w.types(graph, CG.Dataset, PROV.Entity)
        w.add(graph, DCTERMS.title, Literal(source.key))
        w.add(graph, CG.sha256, Literal(source.sha256))
        for document in sorted(w.cited):
            w.add(graph, PROV.wasDerivedFrom, document)
            w.types(document, CG.SourceDocument, FOAF.Document, PROV.Entity)
    if keys.errors:
        raise DataErrors(keys.errors)
    return quads
