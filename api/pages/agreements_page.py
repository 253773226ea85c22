"""The agreements page's own logic: filters, facet counts and the CSV, as pure functions.

The page takes every agreement of the focus city once (``read.list_agreements``)
and the country and continent of each partner (``read.list_cities``), and
filters here, so that each facet can count what the other filters leave:
the count beside a value is the number of rows the page shows when that value
is chosen and the other filters stay.

Filters (GET parameters, empty means "any"): ``group`` (one of the groups every
figure counts in, :mod:`citygraph.graph.network.groups`), ``kind`` (an agreement
kind; ``sister`` takes the narrower ``chinseon``), ``since`` and ``until`` (years:
an agreement is kept when one of its readings falls in the range),
``continent`` (GeoNames code, or ``unknown``) and ``country`` (ISO code, or
``unknown``) of the partner.

Examples
--------
>>> f = parse_filters({"kind": "sister", "since": "1990", "country": "nz", "lang": "ko"})
>>> f.kind, f.since, f.until, f.country, f.query()
('sister', 1990, None, 'NZ', {'kind': 'sister', 'since': '1990', 'country': 'NZ'})
>>> group_link("other")
'/agreements?group=other'
>>> parse_filters({"since": "abc"})
Traceback (most recent call last):
...
citygraph.api.pages.agreements_page.InvalidFilter: since: a year is 1 to 4 digits (got 'abc')
>>> decade(1976), years_of(("1975", "1976-05", "unknown"))
(1970, (1975, 1976))
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from babel import Locale, UnknownLocaleError

from citygraph.graph import read
from citygraph.graph.network.groups import GROUPS, group_of
from citygraph.ingest.csv_cells import row as csv_row
from citygraph.ingest.errors import InvalidParameter
from citygraph.ingest.facts import AgreementKind, Continent

__all__ = [
    "CONTINENT_CODES",
    "CSV_COLUMNS",
    "KIND_CODES",
    "UNKNOWN",
    "AgreementRow",
    "AgreementsPage",
    "Facets",
    "Filters",
    "InvalidFilter",
    "Place",
    "build_page",
    "continent_label",
    "count_facets",
    "country_label",
    "decade",
    "filter_rows",
    "group_link",
    "kind_label",
    "matches",
    "parse_filters",
    "to_csv",
    "to_rows",
    "years_of",
]

UNKNOWN = "unknown"

#: Agreement kinds in the order the page lists them, and the continents (codes only: their
#: names come from the ontology in the store, see :func:`kind_label`).
KIND_CODES = tuple(kind.value for kind in AgreementKind)
CONTINENT_CODES = tuple(continent.value for continent in Continent)

CSV_COLUMNS = ("id", "partner_id", "partner_en", "partner_ko", "kind", "kind_en", "kind_ko",
               "year", "dates", "country", "continent", "sources")

_YEAR = re.compile(r"^[0-9]{1,4}$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


class InvalidFilter(InvalidParameter):
    """A filter value the page cannot use; ``param`` names the parameter."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param


@dataclass(frozen=True, slots=True)
class Filters:
    """The page's filters; ``None`` is "any"."""

    kind: str | None = None
    since: int | None = None
    until: int | None = None
    continent: str | None = None
    country: str | None = None
    group: str | None = None

    def query(self) -> dict[str, str]:
        """The filters that are set, as GET parameters (for the CSV and JSON links)."""
        values = {"group": self.group, "kind": self.kind, "since": self.since,
                  "until": self.until, "continent": self.continent, "country": self.country}
        return {k: str(v) for k, v in values.items() if v is not None}


def _short(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _year(params: Mapping[str, str], name: str) -> int | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    if not _YEAR.match(value) or int(value) < 1:
        raise InvalidFilter(name, f"a year is 1 to 4 digits (got {_short(value)})")
    return int(value)


def parse_filters(params: Mapping[str, str]) -> Filters:
    """Read the filters from GET parameters; other parameters (``lang``) are left alone.

    Raises
    ------
    InvalidFilter
        A value is not a kind, a year, a continent code or a country code.
    """
    group = params.get("group", "").strip() or None
    if group is not None and group not in GROUPS:
        raise InvalidFilter("group", f"not a group of agreements (got {_short(group)}); one of "
                            + ", ".join(GROUPS))
    kind = params.get("kind", "").strip() or None
    if kind is not None and kind not in KIND_CODES:
        raise InvalidFilter("kind", f"not an agreement kind (got {_short(kind)}); one of "
                            + ", ".join(KIND_CODES))
    continent = params.get("continent", "").strip() or None
    if continent is not None:
        continent = UNKNOWN if continent.lower() == UNKNOWN else continent.upper()
        if continent != UNKNOWN and continent not in CONTINENT_CODES:
            raise InvalidFilter("continent", f"not a continent code (got {_short(continent)}); "
                                "one of " + ", ".join(CONTINENT_CODES))
    country = params.get("country", "").strip() or None
    if country is not None:
        if country.lower() == UNKNOWN:
            country = UNKNOWN
        elif _COUNTRY.match(country):
            country = country.upper()
        else:
            raise InvalidFilter("country", "an ISO 3166-1 alpha-2 code such as NZ "
                                f"(got {_short(country)})")
    return Filters(kind, _year(params, "since"), _year(params, "until"), continent, country,
                   group)


def group_link(group: str) -> str:
    """The agreements page showing one group (what a figure of that group counts)."""
    return f"/agreements?group={group}"


@dataclass(frozen=True, slots=True)
class Place:
    """Where a partner is: its country and continent codes."""

    country: str | None
    continent: str | None


@dataclass(frozen=True, slots=True)
class AgreementRow:
    """One agreement as the page shows it: partner, kind, dates, where, sources."""

    id: str
    iri: str
    kind: read.Kind
    partners: tuple[read.Ref, ...]
    country: str | None
    continent: str | None
    year: int | None
    dates: tuple[str, ...]
    readings: tuple[read.Evidence, ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kind and its broader kinds: what a ``kind`` filter matches."""
        return (self.kind.code, *self.kind.broader)

    @property
    def group(self) -> str:
        """The group the figures count it in (sister takes chinseon)."""
        return group_of(self.kind.code, self.kind.broader)

    @property
    def years(self) -> tuple[int, ...]:
        """The years of the readings."""
        return years_of(self.dates)


@dataclass(frozen=True, slots=True)
class Facets:
    """Counts per value of each facet, each over the rows the other filters keep."""

    kind: dict[str, int] = field(default_factory=dict)
    """Per kind, the rows of that kind or a narrower one."""
    group: dict[str, dict[str, int]] = field(default_factory=dict)
    """Per group, its rows (under ``""``) and its kinds' rows, each kind once."""
    decade: dict[int, int] = field(default_factory=dict)
    continent: dict[str, int] = field(default_factory=dict)
    country: dict[str, int] = field(default_factory=dict)
    #: per facet, the rows the other filters keep (the count beside "any")
    any: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AgreementsPage:
    """What ``/agreements`` shows (and its JSON twin answers)."""

    filters: dict[str, str]
    total: int
    shown: int
    facets: Facets
    rows: tuple[AgreementRow, ...]


def years_of(dates: Iterable[str]) -> tuple[int, ...]:
    """The distinct years of ISO dates (``1975``, ``1996-05``), sorted; others are skipped."""
    return tuple(sorted({int(d[:4]) for d in dates if d[:4].isdigit()}))


def decade(year: int) -> int:
    """The decade of a year: 1976 -> 1970."""
    return year - year % 10


def to_rows(agreements: Iterable[read.AgreementView], places: Mapping[str, Place],
            focus: str) -> list[AgreementRow]:
    """The focus city's agreements as rows; ``places`` maps a party's IRI to where it is.

    The partner is every party but the focus city (the first one gives country and
    continent); agreements the focus city is not a party to are left out.
    """
    rows = []
    for a in agreements:
        if not a.with_focus:
            continue
        partners = tuple(p for p in a.parties if p.iri != focus) or a.parties
        where = places.get(partners[0].iri, Place(None, None))
        rows.append(AgreementRow(a.id, a.iri, a.kind, partners, where.country, where.continent,
                                 a.year, a.dates, a.readings))
    return rows


def matches(row: AgreementRow, filters: Filters, *, but: str | None = None) -> bool:
    """Whether ``row`` passes ``filters``, all of them or all ``but`` one facet.

    ``but`` is ``kind`` (kind and group), ``years``, ``continent`` or ``country``.
    """
    if but != "kind" and filters.kind is not None and filters.kind not in row.kinds:
        return False
    if but != "kind" and filters.group is not None and filters.group != row.group:
        return False
    if but != "years" and (filters.since is not None or filters.until is not None) and not any(
        (filters.since is None or y >= filters.since)
        and (filters.until is None or y <= filters.until) for y in row.years
    ):
        return False
    if but != "continent" and filters.continent is not None and (
            (row.continent or UNKNOWN) != filters.continent):
        return False
    return not (but != "country" and filters.country is not None
                and (row.country or UNKNOWN) != filters.country)


def filter_rows(rows: Iterable[AgreementRow], filters: Filters) -> list[AgreementRow]:
    """The rows that pass every filter, in their order."""
    return [r for r in rows if matches(r, filters)]


def count_facets(rows: Sequence[AgreementRow], filters: Filters) -> Facets:
    """Count each facet's values over the rows that pass the other filters.

    A kind counts the rows of it and of its narrower kinds; a decade the rows
    with a reading in it.
    """
    kinds: Counter[str] = Counter()
    groups: dict[str, Counter[str]] = {g: Counter() for g in GROUPS}
    decades: Counter[int] = Counter()
    continents: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    for r in rows:
        if matches(r, filters, but="kind"):
            kinds.update(set(r.kinds))
            groups[r.group].update(("", r.kind.code))
            kept["kind"] += 1
        if matches(r, filters, but="years"):
            decades.update({decade(y) for y in r.years})
            kept["years"] += 1
        if matches(r, filters, but="continent"):
            continents[r.continent or UNKNOWN] += 1
            kept["continent"] += 1
        if matches(r, filters, but="country"):
            countries[r.country or UNKNOWN] += 1
            kept["country"] += 1
    order = {code: i for i, code in enumerate(KIND_CODES)}
    return Facets(
        kind={k: kinds[k] for k in sorted(set(KIND_CODES) | set(kinds),
                                          key=lambda k: (order.get(k, len(order)), k))},
        group={g: {"": c[""], **{k: c[k] for k in sorted(c, key=lambda k: (
            order.get(k, len(order)), k)) if k}} for g, c in groups.items()},
        decade=dict(sorted(decades.items())),
        continent=dict(sorted(continents.items())),
        country=dict(sorted(countries.items())),
        any={k: kept[k] for k in ("kind", "years", "continent", "country")},
    )


def build_page(rows: Sequence[AgreementRow], filters: Filters) -> AgreementsPage:
    """The page: the rows that pass, and the facet counts."""
    shown = filter_rows(rows, filters)
    return AgreementsPage(filters.query(), len(rows), len(shown), count_facets(rows, filters),
                          tuple(shown))


def _label(concept: read.Kind | None, lang: str) -> str | None:
    if concept is None:
        return None
    first, other = ((concept.label_ko, concept.label_en) if lang == "ko"
                    else (concept.label_en, concept.label_ko))
    return first or other


def kind_label(kind: read.Kind | str, lang: str,
               known: Mapping[str, read.Kind] | None = None) -> str:
    """A kind's label in ``lang``: its own, else the ontology's (``known``), else its code.

    >>> sister = read.Kind("sister", "x", "sister city", "자매도시")
    >>> kind_label(sister, "ko"), kind_label("sister", "en", {"sister": sister})
    ('자매도시', 'sister city')
    >>> kind_label("chinseon", "en")
    'chinseon'
    """
    if isinstance(kind, read.Kind):
        return _label(kind, lang) or kind.code
    return _label((known or {}).get(kind), lang) or kind


def continent_label(code: str | None, lang: str,
                    known: Mapping[str, read.Kind] | None = None) -> str:
    """A continent's name in ``lang`` from the ontology (``known``); ``None`` is unknown.

    >>> oceania = read.Kind("OC", "x", "Oceania", "오세아니아")
    >>> continent_label("OC", "ko", {"OC": oceania}), continent_label(None, "en")
    ('오세아니아', 'unknown')
    """
    if code is None or code == UNKNOWN:
        return "알 수 없음" if lang == "ko" else UNKNOWN
    return _label((known or {}).get(code), lang) or code


def country_label(code: str | None, lang: str) -> str:
    """A country's name in ``lang`` from CLDR (babel), else its code.

    >>> country_label("NZ", "ko"), country_label("NZ", "en"), country_label("unknown", "en")
    ('뉴질랜드', 'New Zealand', 'unknown')
    """
    if code is None or code == UNKNOWN:
        return "알 수 없음" if lang == "ko" else UNKNOWN
    try:
        names: Mapping[str, str] = Locale.parse(lang).territories
    except (UnknownLocaleError, ValueError):
        return code
    return names.get(code.upper(), code)


def to_csv(rows: Iterable[AgreementRow], *, name: Callable[[Any, str], str] | None = None) -> str:
    """The rows as CSV text (``CSV_COLUMNS``; several values joined by ``; ``).

    A cell a spreadsheet would run as a formula is neutralised
    (:func:`citygraph.ingest.csv_cells.cell`).

    ``name(ref, lang)`` picks a partner's name (default: the field itself).

    >>> print(to_csv([]).strip())
    id,partner_id,partner_en,partner_ko,kind,kind_en,kind_ko,year,dates,country,continent,sources
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    pick = name or (lambda ref, lang: getattr(ref, f"name_{lang}") or "")
    for r in rows:
        sources = sorted({e.source for e in r.readings})
        writer.writerow(csv_row([
            r.id, "; ".join(p.id for p in r.partners),
            "; ".join(pick(p, "en") for p in r.partners),
            "; ".join(pick(p, "ko") for p in r.partners), r.kind.code,
            kind_label(r.kind, "en"), kind_label(r.kind, "ko"),
            "" if r.year is None else r.year, "; ".join(r.dates), r.country or "",
            r.continent or "", " ".join(sources),
        ]))
    return out.getvalue()
