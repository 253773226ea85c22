"""Lists of twinnings: names as written, resolved to places; rows to partnerships."""

from __future__ import annotations

import gzip

import pytest

from citygraph.ingest.curated import DataErrors
from citygraph.ingest.facts import Document, ListedPair, Partnership, Place, PlaceType
from citygraph.ingest.listed import (
    Country,
    GeoRecord,
    Resolver,
    country_code,
    list_facts,
    read_list,
    read_names,
    read_pairs,
    resolve_names,
    split_name,
    write_names,
)

from ..conftest import TEST_DATA


@pytest.mark.parametrize(("name", "expected"), [
    ("Gangnam (Seoul)", ("Seoul", "Gangnam")),
    ("Seoul – Gangnam", ("Seoul", "Gangnam")),
    ("Tokyo – Katsushika", ("Tokyo", "Katsushika")),
    ("Berlin – Steglitz-Zehlendorf", ("Berlin", "Steglitz-Zehlendorf")),
    ("Budapest XI – Újbuda", ("Budapest", "Újbuda")),
    ("Prague 1", ("Prague", "Prague 1")),
    ("Frankfurt (Oder)", ("Frankfurt (Oder)", None)),
    ("Canterbury-Bankstown", ("Canterbury-Bankstown", None)),
    ("Halle (Saale)", ("Halle (Saale)", None)),
])
def test_districts_are_split_from_their_city(name, expected) -> None:
    assert split_name(name) == expected


@pytest.mark.parametrize(("name", "iso"), [
    ("England", "GB"), ("Scotland", "GB"), ("Wales, United Kingdom", "GB"),
    ("Northern Ireland, United Kingdom", "GB"), ("Georgia (country)", "GE"),
    ("Republic of Ireland", "IE"), ("Martinique, France", "MQ"), ("in Italy", None),
    ("Atlantis", None),
])
def test_countries_are_normalised(name, iso) -> None:
    known = {"italy": "IT"}
    assert country_code(name, known) == (iso or ("IT" if name == "in Italy" else None))


COUNTRIES = {
    "KR": Country("KR", "South Korea", "대한민국", "AS", 1835841),
    "JP": Country("JP", "Japan", "일본", "AS", 1861060),
    "GB": Country("GB", "United Kingdom", "영국", "EU", 2635167),
    "US": Country("US", "United States", "미국", "NA", 6252001),
}
RECORDS = [
    GeoRecord(1835848, "Seoul", "KR", 37.566, 126.9784, 10_349_312, "11", ("Seoul",), "서울"),
    GeoRecord(1850147, "Tokyo", "JP", 35.6895, 139.6917, 8_336_599, "40", (), "도쿄"),
    GeoRecord(8469284, "Katsushika", "JP", 35.7434, 139.8473, 0, "40", ("Katsushika-ku",)),
    GeoRecord(2655603, "Birmingham", "GB", 52.4814, -1.8998, 984_333, "ENG"),
    GeoRecord(4049979, "Birmingham", "US", 33.5207, -86.8025, 212_237, "AL"),
    GeoRecord(5012345, "Birmingham", "US", 42.5467, -83.2113, 20_103, "MI"),
    GeoRecord(2653941, "Cambridge", "GB", 52.2, 0.1167, 128_515, "ENG"),
    GeoRecord(4931972, "Cambridge", "US", 42.3751, -71.1056, 105_162, "MA"),
]
SEOUL = Place("seoul", PlaceType.CITY, "Seoul", "서울특별시", country="KR", lat=37.566,
              lon=126.9784, geonames=1835848)


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(RECORDS, COUNTRIES, [SEOUL])


def test_a_curated_place_keeps_its_key(resolver) -> None:
    r = resolver.resolve("Seoul", "South Korea", (37.5, 127.0))
    assert (r.key, r.method, r.name_ko) == ("seoul", "curated", "서울특별시")


def test_a_district_is_part_of_its_city(resolver) -> None:
    gangnam = resolver.resolve("Gangnam (Seoul)", "South Korea", (37.52, 127.05))
    also = resolver.resolve("Seoul – Gangnam", "South Korea", None)
    assert gangnam.key == also.key == "seoul-gangnam"
    assert (gangnam.type, gangnam.within, gangnam.name_en) == (
        PlaceType.DISTRICT, "seoul", "Gangnam (Seoul)")


def test_a_district_geonames_knows_near_its_city_takes_its_id(resolver) -> None:
    k = resolver.resolve("Tokyo – Katsushika", "Japan", None)
    assert (k.key, k.type, k.within, k.geonames) == ("gn8469284", PlaceType.DISTRICT,
                                                       "gn1850147", 8469284)
    assert "gn1850147" in resolver.parents


def test_the_list_coordinates_choose_between_namesakes(resolver) -> None:
    assert resolver.resolve("Birmingham", "United States", (33.5, -86.8)).geonames == 4049979
    assert resolver.resolve("Birmingham", "England", None).geonames == 2655603
    assert resolver.resolve("Cambridge", "England", (52.2, 0.12)).geonames == 2653941


def test_what_does_not_resolve_is_kept_as_written_and_says_why(resolver) -> None:
    far = resolver.resolve("Birmingham", "United States", (10.0, 10.0))
    assert far.method == "unresolved: ambiguous" and far.geonames is None
    gone = resolver.resolve("Atlantis", "United States", (1.0, 2.0))
    assert (gone.key, gone.method, gone.lat) == ("us-atlantis", "unresolved: not found", 1.0)
    nowhere = resolver.resolve("Atlantis", "Mu", None)
    assert nowhere.method == "unresolved: country unknown"


def test_resolved_names_round_trip_and_list_their_countries(resolver) -> None:
    pairs = [ListedPair("Tokyo – Katsushika", "Japan", "Gangnam (Seoul)", "South Korea")]
    rows = resolve_names(pairs, resolver, {})
    again = read_names(write_names(rows), path="names.csv")
    def fields(r):
        return (r.name, r.country, r.key, r.type, r.name_en, r.name_ko, r.iso, r.within,
                r.geonames, r.method)
    assert [fields(r) for r in again] == [fields(r) for r in rows]
    assert {r.key for r in again} >= {"gn8469284", "seoul-gangnam", "gn1850147", "JP", "KR"}
    assert next(r for r in again if r.key == "JP").within == "AS"


def test_pairs_cite_the_country_page_and_the_row() -> None:
    text = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n" \
           "Seoul,South Korea,,,Taipei,Taiwan,,\n,England,,,Bath,France,,\n"
    with pytest.raises(DataErrors) as err:
        read_pairs(text, dataset="l", path="l/pairs.csv.gz")
    assert "l/pairs.csv.gz, line 3: needs city1, country1 and city2" in str(err.value.details)
    [pair] = read_pairs(text.rsplit("\n", 2)[0] + "\n", dataset="l", path="l/pairs.csv.gz")
    ev = pair.evidence[0]
    assert (ev.source, ev.line, ev.locator, ev.rule) == (
        "https://en.wikipedia.org/wiki/List_of_twin_towns_and_sister_cities_in_South_Korea",
        2, "Seoul", "listed")


def test_a_missing_column_is_named() -> None:
    with pytest.raises(DataErrors, match="lacks the columns: city2"):
        read_pairs("city1,country1,country2\n", dataset="l", path="l/pairs.csv.gz")


def test_a_broken_file_is_a_sentence(tmp_path) -> None:
    (tmp_path / "pairs.csv.gz").write_bytes(b"not gzip")
    (tmp_path / "names.csv.gz").write_bytes(gzip.compress(b"name\n"))
    with pytest.raises(DataErrors) as err:
        read_list(tmp_path)
    assert "pairs.csv.gz: is not gzip-compressed UTF-8 text" in str(err.value.details)


def test_the_slice_becomes_partnerships_sharing_curated_places() -> None:
    source = read_list(TEST_DATA / "lists" / "twin-towns")
    facts = list_facts(source.pairs, source.names, known={"seoul": "Place", "KR": "Place",
                                                          "taipei": "Place", "TW": "Place"},
                       geonames_keys={1835848: "seoul", 1668341: "taipei"},
                       dataset="twin-towns", names_path=source.names_path)
    ties = [f for f in facts if isinstance(f, Partnership)]
    places = {f.key: f for f in facts if isinstance(f, Place)}
    assert ("seoul", "taipei") in {t.parties for t in ties}
    assert "seoul" not in places and "KR" not in places  # referred to, not defined again
    gangnam = places["seoul-gangnam"]
    assert (gangnam.type, gangnam.within, gangnam.country) == (PlaceType.DISTRICT, "seoul", "KR")
    pages = [f for f in facts if isinstance(f, Document)]
    korea = next(p for p in pages if p.key.endswith("in_South_Korea"))
    assert korea.part_of.endswith("in_Asia") and korea.kind.value == "web_page"
    assert all(t.evidence and t.evidence[0].path == "twin-towns/pairs.csv.gz" for t in ties)
