"""Response models of the REST API (``/api/...``), with examples for OpenAPI.

They mirror the frozen dataclasses of :mod:`citygraph.graph.read` field for
field and are filled from them with ``Model.model_validate(view,
from_attributes=True)``; the examples are real answers of the bundled graph,
shortened.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Agreement",
    "AgreementPage",
    "Award",
    "CityDetail",
    "CityPage",
    "CitySummary",
    "EventDetail",
    "EventPage",
    "EventSummary",
    "Evidence",
    "ExhibitorZone",
    "Fact",
    "GraphCount",
    "Identifier",
    "Kind",
    "Location",
    "Name",
    "Office",
    "Organization",
    "OrganizationPage",
    "Participation",
    "Person",
    "PersonPage",
    "Policy",
    "PolicyPage",
    "Ref",
    "RowCitation",
    "Source",
    "SourceDetail",
    "SourcePage",
    "SourceRef",
    "StatedCount",
    "Stats",
    "Timeline",
    "TimelineRow",
]


def _examples(*examples: dict[str, Any]) -> ConfigDict:
    return ConfigDict(from_attributes=True, json_schema_extra={"examples": list(examples)})


SEOUL: dict[str, Any] = {
    "id": "seoul", "iri": "https://w3id.org/citygraph/id/place/gn1835848", "type": "City",
    "name_en": "Seoul", "name_ko": "서울특별시",
}
WELLINGTON: dict[str, Any] = {
    "id": "wellington", "iri": "https://w3id.org/citygraph/id/place/gn2179537",
    "type": "City", "name_en": "Wellington", "name_ko": "웰링턴",
}
FORUM_REF: dict[str, Any] = {
    "id": "wcsmf-12", "iri": "https://w3id.org/citygraph/id/event/wcsmf-12", "type": "Event",
    "name_en": "World Cities Summit Mayors Forum 2023", "name_ko": "2023 세계도시정상회의 시장포럼",
}
DDP: dict[str, Any] = {
    "id": "ddp", "iri": "https://w3id.org/citygraph/id/venue/ddp", "type": "Venue",
    "name_en": "Dongdaemun Design Plaza", "name_ko": "동대문디자인플라자",
}
CHINSEON: dict[str, Any] = {
    "code": "chinseon", "iri": "https://w3id.org/citygraph/kind/agreement/chinseon",
    "label_en": "sister-level city (chinseon)", "label_ko": "친선도시", "broader": ["sister"],
}
RELEASE: dict[str, Any] = {
    "id": "wcsmf-2023-seoul.ko",
    "iri": "https://w3id.org/citygraph/id/source/wcsmf-2023-seoul.ko",
    "locators": ["본문: 양자회담 및 결연"],
}
READING: dict[str, Any] = {
    "source": "http://news.tf.co.kr/read/life/2046241.htm", "source_id": "url-cd4f69c70838",
    "dataset": "partners", "file": "partners/agreements.csv", "line": 33,
    "locator": "친선도시 upgrade, 2023-09-26", "rule": "curated", "confidence": 1.0,
    "start": None, "end": None, "date": "2023-09-26", "quote": None,
}
AGREEMENT: dict[str, Any] = {
    "id": "gn1835848--gn2179537/chinseon",
    "iri": "https://w3id.org/citygraph/id/agreement/gn1835848--gn2179537/chinseon",
    "kind": CHINSEON, "parties": [SEOUL, WELLINGTON], "with_focus": True,
    "dates": ["2023-09", "2023-09-26"], "year": 2023,
    "wording": ["친선도시", "친선도시 격상 협약(MOU)"], "fields": [], "signatories": [],
    "signed_at": [FORUM_REF], "upgrades": ["gn1835848--gn2179537/friendship"],
    "upgraded_by": [], "notes": [],
    "readings": [READING],
    "sources": [
        {"id": "url-cd4f69c70838", "iri": "http://news.tf.co.kr/read/life/2046241.htm",
         "locators": ["친선도시 upgrade, 2023-09-26"]},
        RELEASE,
    ],
}
FORUM: dict[str, Any] = {
    "id": "wcsmf-12", "iri": "https://w3id.org/citygraph/id/event/wcsmf-12",
    "name_en": "World Cities Summit Mayors Forum 2023", "name_ko": "2023 세계도시정상회의 시장포럼",
    "kind": "forum", "start": "2023-09-24", "end": "2023-09-26", "edition": 12,
    "part_of": None, "locations": [DDP, SEOUL],
}
SESSION: dict[str, Any] = {
    "id": "wcsmf-12-session-1", "iri": "https://w3id.org/citygraph/id/event/wcsmf-12-session-1",
    "name_en": "Session 1: How can Mayors forge inclusive societies and empower communities?",
    "name_ko": "세션1: 포용적 사회 조성 및 시민 역량 강화 방안", "kind": "forum_session",
    "start": None, "end": None, "edition": None, "part_of": "wcsmf-12", "locations": [DDP],
}
PRESENTER: dict[str, Any] = {
    "code": "presenter", "iri": "https://w3id.org/citygraph/kind/participation/presenter",
    "label_en": "presenter", "label_ko": "발표자", "broader": [],
}
PARTICIPATION: dict[str, Any] = {
    "event": FORUM, "participant": WELLINGTON, "role": PRESENTER,
    "sources": [{**RELEASE, "locators": ["본문: 12개 도시 시장 포럼 정책사례 발표"]}],
}
OFFICE: dict[str, Any] = {
    "person": {"id": "tory-whanau", "iri": "https://w3id.org/citygraph/id/person/tory-whanau",
               "type": "Person", "name_en": "Tory Whanau", "name_ko": "토리 화나우"},
    "role": {"code": "mayor", "iri": "https://w3id.org/citygraph/kind/role/mayor",
             "label_en": "mayor", "label_ko": "시장", "broader": []},
    "organization": WELLINGTON, "start": None, "end": None,
    "sources": [{**RELEASE, "locators": ["본문: 12개 도시 시장 포럼 정책사례 발표 (웰링턴 시장)"]}],
}
POLICY: dict[str, Any] = {
    "id": "seoul-learn", "iri": "https://w3id.org/citygraph/id/policy/seoul-learn",
    "name_en": "Seoul Learn and Seoul Learn 4050", "name_ko": "서울런 및 서울런4050",
    "theme": "companionship", "owner": SEOUL,
    "sources": [{**RELEASE,
                 "locators": ["본문: 서울-싱가포르 정책전시관 (동행·매력 8가지 대표 정책)"]}],
}
CITY_SUMMARY: dict[str, Any] = {
    **WELLINGTON, "country": "NZ", "continent": "OC", "lat": -41.28664, "lon": 174.77557,
    "agreements": 2, "kinds": ["chinseon", "friendship"],
}
SOURCE: dict[str, Any] = {
    "id": "wcsmf-2023-seoul.ko",
    "iri": "https://w3id.org/citygraph/id/source/wcsmf-2023-seoul.ko",
    "title": "'세계도시정상회의 시장포럼' 개막·50개 도시 대표단과 지속가능한 포용도시 만든다",
    "publisher": "서울특별시 경제정책실 국제교류과", "issued": "2023-09-25", "language": "ko",
    "url": None, "datasets": ["prize", "reference", "wcsmf-2023-seoul"], "fact_count": 163,
    "ingested": False, "text_available": False,
}

LOCATION: dict[str, Any] = {
    "lat": -41.28664, "lon": 174.77557,
    "country": {"id": "NZ", "iri": "https://w3id.org/citygraph/id/country/NZ",
                "type": "Country", "name_en": "New Zealand", "name_ko": "뉴질랜드"},
    "country_code": "NZ",
    "continent": {"code": "OC", "iri": "https://w3id.org/citygraph/kind/continent/OC",
                  "label_en": "Oceania", "label_ko": "오세아니아", "broader": []},
    "located_in": None,
}
ZONE: dict[str, Any] = {
    "zone": {"id": "wcsmf-12-zone-robot",
             "iri": "https://w3id.org/citygraph/id/event/wcsmf-12-zone-robot",
             "type": "Event", "name_en": "Robot Enterprise", "name_ko": "로봇기업"},
    "part_of": "wcsmf-12-lifestyle-exhibition", "count": 3,
    "exhibitors": [
        {"id": "hd-hyundai-robotics",
         "iri": "https://w3id.org/citygraph/id/org/hd-hyundai-robotics",
         "type": "Organization", "name_en": "HD Hyundai Robotics", "name_ko": "HD현대로보틱스"},
        {"id": "krm", "iri": "https://w3id.org/citygraph/id/org/krm",
         "type": "Organization", "name_en": "KRM", "name_ko": "KRM"},
        {"id": "koh-young-robotics",
         "iri": "https://w3id.org/citygraph/id/org/koh-young-robotics",
         "type": "Organization", "name_en": None, "name_ko": "고영로보틱스"},
    ],
}
STATED: dict[str, Any] = {
    "measure": {"code": "exhibitors",
                "iri": "https://w3id.org/citygraph/kind/measure/exhibitors",
                "label_en": "exhibitors", "label_ko": "전시 참가 수", "broader": []},
    "value": 27, "approximate": False,
    "sources": [{**RELEASE, "locators": [
        "본문: 정책 및 첨단기업 전시, 현장 방문 프로그램 (27개 혁신기업)",
        "붙임3 첨단 라이프스타일 전시관 참여기업"]}],
}
PERSON: dict[str, Any] = {
    "id": "tory-whanau", "iri": "https://w3id.org/citygraph/id/person/tory-whanau",
    "name_en": "Tory Whanau", "name_ko": "토리 화나우", "identifiers": [],
    "offices": [OFFICE],
}
ORGANIZATION: dict[str, Any] = {
    "id": "smg", "iri": "https://w3id.org/citygraph/id/org/smg",
    "name_en": "Seoul Metropolitan Government", "name_ko": "서울특별시",
    "kind": "government", "country": "KR", "located_in": SEOUL, "parent": None,
    "identifiers": [],
}
FACT: dict[str, Any] = {
    "id": "gn1835848--gn2179537/chinseon",
    "iri": "https://w3id.org/citygraph/id/agreement/gn1835848--gn2179537/chinseon",
    "type": "Agreement", "name_en": None, "name_ko": None,
    "evidence": [{**READING, "source": RELEASE["iri"], "source_id": RELEASE["id"],
                  "dataset": "wcsmf-2023-seoul", "file": "wcsmf-2023-seoul/agreements.csv",
                  "line": 2, "locator": "본문: 양자회담 및 결연", "date": "2023-09"}],
}
ROW: dict[str, Any] = {
    "dataset": "wcsmf-2023-seoul", "file": "wcsmf-2023-seoul/agreements.csv", "line": 2,
    "locators": ["본문: 양자회담 및 결연"],
    "facts": ["https://w3id.org/citygraph/id/agreement/gn1835848--gn2179537/chinseon"],
}
GRAPH: dict[str, Any] = {"iri": "https://w3id.org/citygraph/id/source/partners",
                         "key": "partners", "title": "partners", "triples": 1562}


class _Model(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Ref(_Model):
    """A link to an entity: id, IRI, class and names."""

    model_config = _examples(WELLINGTON)

    id: str = Field(description="The data key (e.g. 'wellington'), else the IRI's last "
                                "segment.")
    iri: str
    type: str | None = Field(None, description="City, Region, Country, Person, Organization, "
                                               "Event, Venue, Prize or Policy.")
    name_en: str | None = None
    name_ko: str | None = None


class Kind(_Model):
    """A SKOS concept: code, labels and broader codes (chinseon is narrower than sister)."""

    model_config = _examples(CHINSEON)

    code: str
    iri: str
    label_en: str | None = None
    label_ko: str | None = None
    broader: list[str] = Field(default_factory=list)


class Name(_Model):
    """A label or alias with its language tag."""

    model_config = _examples({"value": "웰링턴", "lang": "ko", "kind": "label"})

    value: str
    lang: str | None
    kind: str = Field(description="label, alias or theme.")


class Identifier(_Model):
    """The entity in another dataset (owl:sameAs)."""

    model_config = _examples({"scheme": "geonames", "id": "2179537",
                              "url": "https://sws.geonames.org/2179537/"})

    scheme: str = Field(description="wikidata, geonames or other.")
    id: str
    url: str


class Evidence(_Model):
    """One statement of a fact by a source: where it is and what it says."""

    model_config = _examples(READING, {
        "source": "https://w3id.org/citygraph/id/source/seoul-quito.en",
        "source_id": "seoul-quito.en", "dataset": "document/seoul-quito.en", "file": None,
        "line": None, "locator": None, "rule": "en.agreement", "confidence": 0.9,
        "start": 78, "end": 100, "date": None, "quote": "Quito Sign Sister City",
    })

    source: str = Field(description="IRI of the source document.")
    source_id: str = Field(description="Its id for /api/sources/{id}.")
    dataset: str | None = Field(None, description="The named graph: a dataset key, or "
                                                  "document/{id} for an ingested document.")
    file: str | None = Field(None, description="The curated data file of the row.")
    line: int | None = Field(None, description="Its line in that file.")
    locator: str | None = Field(None, description="The section of the document, or what it "
                                                  "supports.")
    rule: str | None = Field(None, description="'curated', or the extraction rule.")
    confidence: float | None = None
    start: int | None = Field(None, description="Character offset of the span in the "
                                                "document's text (ingested documents).")
    end: int | None = None
    date: str | None = Field(None, description="The date this source gives (agreements).")
    quote: str | None = Field(None, description="The span's text, where the document's text "
                                                "is kept (/api/sources/{id} only).")


class SourceRef(_Model):
    """A document cited for a fact, with the locators of its statements."""

    model_config = _examples(RELEASE)

    id: str
    iri: str
    locators: list[str] = Field(default_factory=list)


class CitySummary(_Model):
    """A city or region with its agreements with the focus city."""

    model_config = _examples(CITY_SUMMARY)

    id: str
    iri: str
    type: str = Field(description="City or Region.")
    name_en: str | None
    name_ko: str | None
    country: str | None = Field(description="ISO 3166-1 alpha-2 code.")
    continent: str | None = Field(description="AF, AN, AS, EU, NA, OC or SA.")
    lat: float | None
    lon: float | None
    agreements: int = Field(description="Agreements with the focus city.")
    kinds: list[str] = Field(description="Their kinds (codes).")


class CityPage(_Model):
    """A page of cities and regions, and facet counts over every match."""

    model_config = _examples({
        "total": 58, "limit": 1, "offset": 56, "items": [CITY_SUMMARY],
        "facets": {"country": {"CN": 7, "NZ": 1, "US": 7},
                   "continent": {"AS": 21, "EU": 19, "OC": 2},
                   "kind": {"chinseon": 3, "friendship": 21, "sister": 26}},
    })

    total: int = Field(description="Every city or region that matches the filters.")
    limit: int
    offset: int
    items: list[CitySummary]
    facets: dict[str, dict[str, int]] = Field(description=(
        "Matches per country and per continent (each once; 'unknown' when missing; they sum "
        "to total) and per agreement kind with the focus city (a city counts under each kind "
        "and broader kind it has); a facet's count is the total with that filter added."))


class Location(_Model):
    """Where a place is."""

    model_config = _examples(LOCATION)

    lat: float | None
    lon: float | None
    country: Ref | None
    country_code: str | None
    continent: Kind | None
    located_in: Ref | None


class Agreement(_Model):
    """An agreement with its history: each source's reading, and upgrades."""

    model_config = _examples(AGREEMENT)

    id: str = Field(description="The IRI's path after id/agreement/.")
    iri: str
    kind: Kind
    parties: list[Ref]
    with_focus: bool = Field(description="The focus city is a party.")
    dates: list[str] = Field(description="Every date the sources give, earliest first.")
    year: int | None = Field(description="The year of the earliest reading.")
    wording: list[str] = Field(description="The sources' own words for the tie.")
    fields: list[str]
    signatories: list[Ref]
    signed_at: list[Ref]
    upgrades: list[str] = Field(description="Ids of the agreements this one raises.")
    upgraded_by: list[str] = Field(description="Ids of the agreements that raise this one.")
    notes: list[str]
    readings: list[Evidence] = Field(description="One per source statement, with its date.")
    sources: list[SourceRef]


class AgreementPage(_Model):
    """A page of agreements."""

    model_config = _examples({"total": 64, "limit": 1, "offset": 0, "items": [AGREEMENT]})

    total: int
    limit: int
    offset: int
    items: list[Agreement]


class EventSummary(_Model):
    """An event: kind, dates, the event it is part of, where."""

    model_config = _examples(FORUM, SESSION)

    id: str
    iri: str
    name_en: str | None
    name_ko: str | None
    kind: str | None = Field(description="forum, forum_session, exhibition, site_visit ...")
    start: str | None
    end: str | None
    edition: int | None
    part_of: str | None = Field(description="Id of the enclosing event.")
    locations: list[Ref]


class EventPage(_Model):
    """A page of events."""

    model_config = _examples({"total": 36, "limit": 1, "offset": 0, "items": [FORUM]})

    total: int
    limit: int
    offset: int
    items: list[EventSummary]


class Participation(_Model):
    """Who took part in which event (or part of it), in which role."""

    model_config = _examples(PARTICIPATION)

    event: EventSummary
    participant: Ref
    role: Kind
    sources: list[SourceRef]


class Office(_Model):
    """A person in office at a city or organisation."""

    model_config = _examples(OFFICE)

    person: Ref
    role: Kind
    organization: Ref
    start: str | None
    end: str | None
    sources: list[SourceRef]


class Policy(_Model):
    """A policy with its owner and theme."""

    model_config = _examples(POLICY)

    id: str
    iri: str
    name_en: str | None
    name_ko: str | None
    theme: str | None
    owner: Ref | None
    sources: list[SourceRef]


class PolicyPage(_Model):
    """A page of policies."""

    model_config = _examples({"total": 8, "limit": 1, "offset": 0, "items": [POLICY]})

    total: int
    limit: int
    offset: int
    items: list[Policy]


class Award(_Model):
    """A prize given to a laureate."""

    model_config = _examples({
        "prize": {"id": "lky-prize", "iri": "https://w3id.org/citygraph/id/prize/lky-prize",
                  "type": "Prize", "name_en": "Lee Kuan Yew World City Prize",
                  "name_ko": "리관유 세계도시상"},
        "laureate": {"id": "vienna", "iri": "https://w3id.org/citygraph/id/place/gn2761369",
                     "type": "City", "name_en": "Vienna", "name_ko": "비엔나"},
        "year": 2020, "notes": ["announced 2022-03-14 and presented at WCS 2022"],
        "sources": [{"id": "url-1261ed9c7681",
                     "iri": "https://www.straitstimes.com/singapore/community/"
                            "vienna-wins-lee-kuan-yew-world-city-prize",
                     "locators": ["laureate, year"]}],
    })

    prize: Ref
    laureate: Ref
    year: int | None
    notes: list[str]
    sources: list[SourceRef]


class CityDetail(_Model):
    """Everything about one city or region."""

    model_config = _examples({
        **WELLINGTON,
        "names": [{"value": "Wellington", "lang": "en", "kind": "label"},
                  {"value": "웰링턴", "lang": "ko", "kind": "label"}],
        "keys": ["wellington"],
        "location": LOCATION,
        "identifiers": [{"scheme": "geonames", "id": "2179537",
                         "url": "https://sws.geonames.org/2179537/"}],
        "agreements": [AGREEMENT], "meetings": [], "events": [PARTICIPATION],
        "people": [OFFICE], "policies": [], "prizes": [],
        "sources": [{"id": "wcsmf-2023-seoul.ko",
                     "iri": "https://w3id.org/citygraph/id/source/wcsmf-2023-seoul.ko",
                     "locators": ["본문 (Korean name 웰링턴)"]}],
    })

    id: str
    iri: str
    type: str
    name_en: str | None
    name_ko: str | None
    names: list[Name] = Field(description="Every label and alias.")
    keys: list[str] = Field(description="Its data keys.")
    location: Location
    identifiers: list[Identifier] = Field(description="Wikidata and GeoNames links.")
    agreements: list[Agreement] = Field(description="Every agreement it is a party to, those "
                                                    "with the focus city first.")
    meetings: list[Participation] = Field(description="Bilateral meetings it (or its mayor, "
                                                      "or its government) took part in.")
    events: list[Participation] = Field(description="Other events it, people in office there "
                                                    "or its government took part in.")
    people: list[Office] = Field(description="People in office there.")
    policies: list[Policy]
    prizes: list[Award]
    sources: list[SourceRef] = Field(description="Sources of its names, coordinates, ids.")


class ExhibitorZone(_Model):
    """The exhibitors of one exhibition or theme zone."""

    model_config = _examples(ZONE)

    zone: Ref
    part_of: str | None
    count: int
    exhibitors: list[Ref]


class StatedCount(_Model):
    """A number a source states about an event."""

    model_config = _examples(STATED)

    measure: Kind
    value: int
    approximate: bool
    sources: list[SourceRef]


class EventDetail(_Model):
    """An event with its sessions, side events, participants and exhibitors by zone."""

    model_config = _examples({
        **{k: v for k, v in FORUM.items() if k not in ("kind", "part_of")},
        "names": [{"value": "World Cities Summit Mayors Forum 2023", "lang": "en",
                   "kind": "label"}],
        "kind": {"code": "forum", "iri": "https://w3id.org/citygraph/kind/event/forum",
                 "label_en": "forum", "label_ko": "포럼", "broader": []},
        "themes": [{"value": "Liveable and Sustainable Cities: Forging an Inclusive and "
                             "Resilient Future", "lang": "en", "kind": "theme"}],
        "part_of": None, "sessions": [SESSION], "side_events": [],
        "participants": [PARTICIPATION],
        "exhibitors": [ZONE], "stated_counts": [STATED],
        "agreements": [AGREEMENT], "sources": [RELEASE],
    })

    id: str
    iri: str
    name_en: str | None
    name_ko: str | None
    names: list[Name]
    kind: Kind | None
    start: str | None
    end: str | None
    edition: int | None
    themes: list[Name]
    part_of: Ref | None
    locations: list[Ref]
    sessions: list[EventSummary] = Field(description="Its direct parts of kind forum_session.")
    side_events: list[EventSummary] = Field(description="Every other part, at any depth "
                                                        "(part_of gives the tree).")
    participants: list[Participation] = Field(description="Participations in it or its "
                                                          "parts, exhibitors aside.")
    exhibitors: list[ExhibitorZone] = Field(description="Exhibitors by exhibition or zone.")
    stated_counts: list[StatedCount]
    agreements: list[Agreement] = Field(description="Agreements signed at it or its parts.")
    sources: list[SourceRef]


class Person(_Model):
    """A person and the offices the graph knows."""

    model_config = _examples(PERSON)

    id: str
    iri: str
    name_en: str | None
    name_ko: str | None
    identifiers: list[Identifier]
    offices: list[Office]


class PersonPage(_Model):
    """A page of people."""

    model_config = _examples({"total": 5, "limit": 1, "offset": 0, "items": [PERSON]})

    total: int
    limit: int
    offset: int
    items: list[Person]


class Organization(_Model):
    """An organisation: kind, country, where, parent."""

    model_config = _examples(ORGANIZATION)

    id: str
    iri: str
    name_en: str | None
    name_ko: str | None
    kind: str | None = Field(description="government, international, company, research, ngo "
                                          "or other.")
    country: str | None
    located_in: Ref | None
    parent: Ref | None
    identifiers: list[Identifier]


class OrganizationPage(_Model):
    """A page of organisations."""

    model_config = _examples({"total": 36, "limit": 1, "offset": 0,
                              "items": [ORGANIZATION]})

    total: int
    limit: int
    offset: int
    items: list[Organization]


class Source(_Model):
    """A source document and how many facts cite it."""

    model_config = _examples(SOURCE)

    id: str = Field(description="Its key when its IRI is id/source/{key}, else url- and 12 hex "
                                "digits of the SHA-256 of its IRI.")
    iri: str
    title: str | None
    publisher: str | None
    issued: str | None
    language: str | None
    url: str | None
    datasets: list[str] = Field(description="The named graphs whose facts cite it.")
    fact_count: int
    ingested: bool = Field(description="An ingested document (its own named graph).")
    text_available: bool = Field(description="Its text is kept, so spans are quoted.")


class SourcePage(_Model):
    """A page of source documents."""

    model_config = _examples({"total": 84, "limit": 1, "offset": 0, "items": [SOURCE]})

    total: int
    limit: int
    offset: int
    items: list[Source]


class Fact(_Model):
    """A fact a document supports, with the evidence of that support."""

    model_config = _examples(FACT)

    id: str
    iri: str
    type: str | None
    name_en: str | None
    name_ko: str | None
    evidence: list[Evidence]


class RowCitation(_Model):
    """A curated data row that cites the document."""

    model_config = _examples(ROW)

    dataset: str
    file: str
    line: int
    locators: list[str]
    facts: list[str] = Field(description="IRIs of the facts the row states.")


class SourceDetail(Source):
    """A source document with its facts, evidence spans and citing rows."""

    model_config = _examples({
        **SOURCE,
        "facts": [FACT], "rows": [ROW],
    })

    facts: list[Fact]
    rows: list[RowCitation] = Field(description="Curated rows citing it (empty for an "
                                                "ingested document).")


class TimelineRow(_Model):
    """Agreements of the focus city in one year, of one kind, on one continent."""

    model_config = _examples({"year": 2023, "kind": "chinseon", "continent": "OC", "count": 1})

    year: int | None
    kind: str
    continent: str | None
    count: int


class Timeline(_Model):
    """The focus city's agreements per year, kind and partner continent."""

    model_config = _examples({
        "focus": SEOUL, "total": 64,
        "rows": [{"year": 1968, "kind": "sister", "continent": "AS", "count": 1},
                 {"year": 2023, "kind": "chinseon", "continent": "OC", "count": 1}],
        "by_year": {"1968": 1, "2023": 5},
        "by_kind": {"chinseon": 3, "cooperation": 4, "declaration": 1, "exchange": 2,
                    "friendship": 21, "mou": 7, "other": 3, "sister": 23},
        "by_continent": {"AF": 3, "AS": 20, "EU": 20, "NA": 13, "OC": 3, "SA": 5},
    })

    focus: Ref
    total: int
    rows: list[TimelineRow] = Field(description="Sum them over any column.")
    by_year: dict[str, int] = Field(description="'unknown' for agreements no source dates.")
    by_kind: dict[str, int]
    by_continent: dict[str, int]


class GraphCount(_Model):
    """A named graph and its size."""

    model_config = _examples(GRAPH)

    iri: str
    key: str
    title: str | None
    triples: int


class Stats(_Model):
    """How big the graph is."""

    model_config = _examples({
        "quads": 9433, "version": "83bf8dcdd472a0d8", "focus": SEOUL,
        "classes": {"Agreement": 64, "City": 52, "Country": 39, "Event": 36, "Evidence": 550},
        "agreement_kinds": {"chinseon": 3, "friendship": 21, "mou": 7, "sister": 23},
        "graphs": [GRAPH],
    })

    quads: int
    version: str | None = Field(description="The built graph's version, when the store is "
                                            "an embedded one built by citygraph.")
    focus: Ref
    classes: dict[str, int] = Field(description="Resources per citygraph class.")
    agreement_kinds: dict[str, int]
    graphs: list[GraphCount]
