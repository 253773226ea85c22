"""Typed facts: the hand-off between ``ingest`` and ``graph``.

Every fact is a frozen dataclass carrying the evidence it was read from.
Entities refer to each other by *key* (a plain string unique across one
build, e.g. ``"seoul"``, ``"KR"``, ``"wcsmf-2023"``); ``graph.mapping`` turns
keys into IRIs.  Nothing here imports rdflib.

Examples
--------
>>> ev = Evidence(source="https://example.org/a", rule="curated", dataset="partners", line=3)
>>> a = Agreement(parties=("seoul", "taipei"), kind=AgreementKind.SISTER,
...               signed=PartialDate.parse("1968"), evidence=(ev,))
>>> a.signed.iso
'1968'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "Agreement",
    "AgreementKind",
    "Continent",
    "Document",
    "Entity",
    "Event",
    "EventKind",
    "Evidence",
    "Fact",
    "ListedName",
    "ListedPair",
    "Measure",
    "Office",
    "OfficeRole",
    "OrgKind",
    "Organization",
    "PartialDate",
    "Participation",
    "ParticipationRole",
    "Partnership",
    "Person",
    "Place",
    "PlaceType",
    "Policy",
    "PolicyTheme",
    "Prize",
    "PrizeAward",
    "SourceKind",
    "StatedCount",
    "Venue",
]


class AgreementKind(StrEnum):
    """Kinds of agreement between cities (SKOS scheme ``kind/agreement``)."""

    SISTER = "sister"  # 자매도시
    CHINSEON = "chinseon"  # 친선도시, Seoul's wording for sister-level ties
    FRIENDSHIP = "friendship"  # 우호도시
    MOU = "mou"
    COOPERATION = "cooperation"
    DECLARATION = "declaration"
    EXCHANGE = "exchange"  # memorandum of exchange
    OTHER = "other"


class EventKind(StrEnum):
    """Kinds of event (SKOS scheme ``kind/event``)."""

    FORUM = "forum"
    FORUM_SESSION = "forum_session"
    BILATERAL_MEETING = "bilateral_meeting"
    SITE_VISIT = "site_visit"
    EXHIBITION = "exhibition"
    CEREMONY = "ceremony"
    ROUNDTABLE = "roundtable"
    DIALOGUE = "dialogue"
    CULTURAL_EVENT = "cultural_event"
    RECEPTION = "reception"
    OTHER = "other"


class PolicyTheme(StrEnum):
    """Policy themes (SKOS scheme ``kind/theme``)."""

    COMPANIONSHIP = "companionship"  # 동행: walking with the vulnerable
    ATTRACTIVENESS = "attractiveness"  # 매력: an attractive city
    WELFARE = "welfare"
    EDUCATION = "education"
    HEALTH = "health"
    CULTURE = "culture"
    TOURISM = "tourism"
    CLIMATE = "climate"
    MOBILITY = "mobility"
    DIGITAL = "digital"
    HERITAGE = "heritage"
    INNOVATION = "innovation"
    ECONOMY = "economy"
    HOUSING = "housing"
    SAFETY = "safety"


class OfficeRole(StrEnum):
    """Roles of an office holder (SKOS scheme ``kind/role``)."""

    MAYOR = "mayor"
    VICE_MAYOR = "vice_mayor"
    DEPUTY_MAYOR = "deputy_mayor"
    LORD_MAYOR = "lord_mayor"
    GOVERNOR = "governor"
    MINISTER = "minister"
    COUNCIL_SPEAKER = "council_speaker"
    OTHER = "other"


class ParticipationRole(StrEnum):
    """How an entity took part in an event (SKOS scheme ``kind/participation``)."""

    PARTICIPANT = "participant"
    PRESENTER = "presenter"
    EXHIBITOR = "exhibitor"
    ORGANIZER = "organizer"
    HOST = "host"
    SPEAKER = "speaker"


class OrgKind(StrEnum):
    """Kinds of organisation (SKOS scheme ``kind/org``)."""

    GOVERNMENT = "government"
    INTERNATIONAL = "international"
    COMPANY = "company"
    RESEARCH = "research"
    NGO = "ngo"
    OTHER = "other"


class Continent(StrEnum):
    """Continents, by GeoNames code (SKOS scheme ``kind/continent``)."""

    AF = "AF"
    AN = "AN"
    AS = "AS"
    EU = "EU"
    NA = "NA"
    OC = "OC"
    SA = "SA"


class Measure(StrEnum):
    """What a stated count counts (SKOS scheme ``kind/measure``)."""

    CITIES = "cities"
    COUNTRIES = "countries"
    ORGANIZATIONS = "organizations"
    PARTICIPANTS = "participants"
    BILATERAL_MEETINGS = "bilateral_meetings"
    AGREEMENTS = "agreements"
    PRESENTING_CITIES = "presenting_cities"
    EXHIBITORS = "exhibitors"
    POLICIES = "policies"


class SourceKind(StrEnum):
    """What a source document is (SKOS scheme ``kind/source``)."""

    PRESS_RELEASE = "press_release"  # a city government's own release
    GOVERNMENT_PAGE = "government_page"  # a government's web page or news item
    GOVERNMENT_LIST = "government_list"  # a government's list of its partner cities
    NEWS_ARTICLE = "news_article"
    ORGANISER_PAGE = "organiser_page"  # the page of an event's or a prize's organiser
    REFERENCE_DATA = "reference_data"  # a data set read from its package (GeoNames, CLDR)
    CODE = "code"  # a file in a public code repository, or a code-search hit: weak
    WEB_PAGE = "web_page"  # any other page (a blog, a forum, a copy of another page): weak


class PlaceType(StrEnum):
    """What kind of place a :class:`Place` is."""

    CITY = "city"
    REGION = "region"
    COUNTRY = "country"
    DISTRICT = "district"  # a part of a city (a gu, a borough), ``within`` it


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Examples
    --------
    >>> PartialDate.parse("2016-07").precision
    'month'
    >>> PartialDate.parse("2023-09-26") > PartialDate.parse("2016-07")
    True
    >>> PartialDate.parse("2023-02-30")
    Traceback (most recent call last):
    ...
    ValueError: '2023-02-30' is not a valid date: day is out of range for month
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        import datetime

        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        try:
            datetime.date(self.year, self.month or 1, self.day or 1)
        except ValueError as err:
            raise ValueError(f"{self.iso!r} is not a valid date: {err}") from None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        m = _DATE.match(text.strip())
        if not m:
            raise ValueError(f"{text!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        month, day = (int(g) if g else None for g in m.groups()[1:])
        return cls(int(m.group(1)), month, day)

    @property
    def precision(self) -> str:
        """``'year'``, ``'month'`` or ``'day'``."""
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        """The date as ISO 8601 text, as precise as it is known."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def sort_key(self) -> tuple[int, int, int]:
        """Order dates by year, month and day; an unknown part sorts first.

        >>> sorted([PartialDate(2023, 9, 26), PartialDate(2023, 9)])
        [PartialDate(year=2023, month=9, day=None), PartialDate(year=2023, month=9, day=26)]
        """
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: PartialDate) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: PartialDate) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: PartialDate) -> bool:
        return self.sort_key() >= other.sort_key()

    def agrees_with(self, other: PartialDate) -> bool:
        """Tell whether the two readings can be the same day.

        >>> PartialDate.parse("2023-09").agrees_with(PartialDate.parse("2023-09-26"))
        True
        >>> PartialDate.parse("2016-07").agrees_with(PartialDate.parse("2016-08"))
        False
        """
        pairs = ((self.year, other.year), (self.month, other.month), (self.day, other.day))
        return all(a is None or b is None or a == b for a, b in pairs)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read.

    ``source`` is the document that states the fact (a URL or the key of a
    :class:`Document`); ``dataset`` is the data file or document the fact was
    read from, which becomes its named graph (defaults to ``source``).
    Offsets are character offsets into the decoded text of ``source``; curated
    facts give the ``path`` and ``line`` of their row in the data directory and
    a ``locator`` (section, or what the source supports) instead.
    """

    source: str
    rule: str
    confidence: float = 1.0
    start: int | None = None
    end: int | None = None
    locator: str = ""
    dataset: str = ""
    path: str = ""
    line: int | None = None

    @property
    def graph(self) -> str:
        """The key of the named graph this evidence belongs to."""
        return self.dataset or self.source


@dataclass(frozen=True, slots=True)
class Document:
    """A source document: a press release, a web page, a package."""

    key: str
    title: str = ""
    publisher: str = ""
    issued: PartialDate | None = None
    language: str = ""
    url: str = ""
    kind: SourceKind | None = None
    note: str = ""
    note_ko: str = ""
    part_of: str = ""
    """The key or URL of the document this one is part of (a list's continental page)."""


@dataclass(frozen=True, slots=True)
class Place:
    """A city, region (state, province) or country."""

    key: str
    type: PlaceType
    name_en: str
    name_ko: str = ""
    aliases: tuple[str, ...] = ()
    country: str | None = None
    within: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames: int | None = None
    wikidata: str | None = None
    continent: Continent | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Person:
    """A named person."""

    key: str
    name_en: str
    name_ko: str = ""
    wikidata: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Organization:
    """A government body, international organisation, company, ..."""

    key: str
    kind: OrgKind
    name_en: str
    name_ko: str = ""
    country: str | None = None
    within: str | None = None
    parent: str | None = None
    wikidata: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Venue:
    """A building or site where events take place."""

    key: str
    name_en: str
    name_ko: str = ""
    within: str | None = None
    lat: float | None = None
    lon: float | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """A forum, session, meeting, visit, exhibition, ceremony, ..."""

    key: str
    kind: EventKind
    name_en: str
    name_ko: str = ""
    start: PartialDate | None = None
    end: PartialDate | None = None
    location: str | None = None
    part_of: str | None = None
    edition: int | None = None
    theme_en: str = ""
    theme_ko: str = ""
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Prize:
    """A prize, such as the Lee Kuan Yew World City Prize."""

    key: str
    name_en: str
    name_ko: str = ""
    awarded_by: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class PrizeAward:
    """A prize given to a laureate in a year."""

    prize: str
    laureate: str
    year: int
    note: str = ""
    note_ko: str = ""
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Agreement:
    """An agreement between two or more parties, as one source states it.

    Two statements with the same parties, kind and ``key`` are the same
    agreement; a date on which their sources disagree is kept as two readings.
    ``key`` tells apart distinct agreements of one kind between the same
    parties (a second MOU, say); it is empty for most.
    """

    parties: tuple[str, ...]
    kind: AgreementKind
    key: str = ""
    signed: PartialDate | None = None
    upgrades: AgreementKind | None = None
    signed_at: str | None = None
    signatories: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    wording: str = ""
    note: str = ""
    note_ko: str = ""
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Policy:
    """A policy of a city, with its theme."""

    key: str
    owner: str
    name_ko: str
    name_en: str = ""
    theme: PolicyTheme | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Office:
    """A person holding a role in a city or organisation."""

    person: str
    role: OfficeRole
    organization: str
    start: PartialDate | None = None
    end: PartialDate | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Participation:
    """An entity taking part in an event in some role."""

    event: str
    participant: str
    role: ParticipationRole
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class StatedCount:
    """A number a source states about an event ("50 cities")."""

    event: str
    measure: Measure
    value: int
    approximate: bool = False
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Partnership:
    """A tie between two places that a source states without a kind or a date.

    A list of twin towns says "X is twinned with Y" and nothing more: not
    whether it is a sister, friendship or other agreement, nor since when.
    Agreements between the same two places, where other sources state them,
    belong to the same partnership (see ``graph.write.mapping``).
    """

    parties: tuple[str, str]
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class ListedPair:
    """One row of a list of twinnings, names as the list writes them.

    ``city1``/``country1`` is the place whose country page lists the pair.
    """

    city1: str
    country1: str
    city2: str
    country2: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class ListedName:
    """How one name of a list (as written, with its listed country) resolves.

    ``key`` is the place it names; ``method`` says how it was resolved
    (``geonames``, ``curated``, ``district``, ``unresolved`` ...), so that a
    reader can tell a checked identity from a name kept as written.
    """

    name: str
    country: str
    key: str
    type: PlaceType
    name_en: str
    method: str
    name_ko: str = ""
    iso: str | None = None
    within: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames: int | None = None
    evidence: tuple[Evidence, ...] = ()


Entity = Place | Person | Organization | Venue | Event | Prize | Policy
Fact = (Entity | Document | PrizeAward | Agreement | Office | Participation | StatedCount
        | Partnership | ListedPair | ListedName)
