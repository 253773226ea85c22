from pathlib import Path

import pytest

from citygraph.ingest.curated import DataErrors, parse_dataset, parse_table, read_datasets
from citygraph.ingest.facts import Agreement, AgreementKind, Place

from ..conftest import TEST_DATA

HEAD = "parties,kind,signed,upgrades,source\n"


def errors_of(text: str, path: str = "partners/agreements.csv") -> list[str]:
    with pytest.raises(DataErrors) as caught:
        list(parse_table(text, path=path))
    return [str(e) for e in caught.value.errors]


def test_agreement_row_becomes_fact_with_evidence() -> None:
    text = HEAD + "wellington;seoul,friendship,2016-07,,https://example.org/a § date | doc-1\n"
    [fact] = parse_table(text, path="partners/agreements.csv")
    assert isinstance(fact, Agreement)
    assert fact.parties == ("seoul", "wellington")
    assert fact.kind is AgreementKind.FRIENDSHIP
    assert fact.signed is not None and fact.signed.iso == "2016-07"
    assert [(e.source, e.locator, e.dataset, e.path, e.line) for e in fact.evidence] == [
        ("https://example.org/a", "date", "partners", "partners/agreements.csv", 2),
        ("doc-1", "", "partners", "partners/agreements.csv", 2),
    ]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("seoul;taipei,sisterr,1968,,https://x.org\n",
         "partners/agreements.csv, line 2, column 'kind': 'sisterr' is not one of: sister,"),
        ("seoul;taipei,sister,1968-13,,https://x.org\n",
         "line 2, column 'signed': '1968-13' is not a valid date"),
        ("seoul,sister,1968,,https://x.org\n",
         "line 2, column 'parties': an agreement needs two or more different parties"),
        ("seoul;taipei,sister,1968,,\n", "line 2, column 'source': is empty but required"),
        ("seoul;taipei,sister,1968,sister,https://x.org\n",
         "column 'upgrades': an agreement cannot upgrade its own kind"),
        ("seoul;Taipei City,sister,1968,,https://x.org\n", "column 'parties': 'Taipei City'"),
        ("seoul;taipei,sister,1968,,a title with spaces\n",
         "column 'source': 'a title with spaces' is neither a URL nor a document key"),
    ],
)
def test_bad_cells_are_named_by_file_line_and_column(row: str, expected: str) -> None:
    [message] = errors_of(HEAD + row)
    assert expected in message


def test_all_bad_rows_are_reported_not_just_the_first() -> None:
    text = HEAD + "seoul;a,x,,,u\nseoul;b,sister,,,u\nseoul;c,y,,,u\n"
    messages = errors_of(text)
    assert [m.split(",")[1].strip() for m in messages] == ["line 2", "line 4"]


def test_unknown_column_and_file_name() -> None:
    [message] = errors_of("parties,kind,sighned,source\n")
    assert "unknown columns: sighned" in message
    [message] = errors_of("a\n", path="partners/agreement.csv")
    assert "unknown file name" in message


def test_places_and_countries() -> None:
    text = ("key,type,name_en,name_ko,aliases,country,lat,lon,geonames,source\n"
            "kyiv,city,Kyiv,키이우,키예프;Kiev,UA,50.45,30.52,703448,https://x.org\n")
    [place] = parse_table(text, path="reference/places.csv")
    assert isinstance(place, Place)
    assert place.aliases == ("키예프", "Kiev")
    assert place.geonames == 703448
    bad = text.replace("50.45", "95")
    assert "column 'lat': 95 is outside -90..90" in errors_of(bad, "reference/places.csv")[0]
    bad_country = "key,name_en,continent,source\nKor,Korea,AS,https://x.org\n"
    assert "is not an ISO 3166-1" in errors_of(bad_country, "reference/countries.csv")[0]


def test_duplicate_key_in_one_dataset(tmp_path: Path) -> None:
    folder = tmp_path / "forum"
    folder.mkdir()
    (folder / "people.csv").write_text("key,name_en,source\nann,Ann,https://x.org\n"
                                       "ann,Anne,https://y.org\n")
    [source] = read_datasets(tmp_path)
    with pytest.raises(DataErrors, match=r"forum/people.csv, line 3, column 'key': key 'ann' "
                       r"is defined twice \(first at forum/people.csv, line 2\)"):
        parse_dataset(source)


def test_non_utf8_file_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "forum"
    folder.mkdir()
    (folder / "people.csv").write_bytes("key,name_ko\nann,서울\n".encode("cp949"))
    with pytest.raises(DataErrors, match=r"forum/people\.csv: is not UTF-8"):
        read_datasets(tmp_path)


def test_tiny_datasets_parse() -> None:
    sources = read_datasets(TEST_DATA / "tiny")
    assert [s.key for s in sources] == ["forum", "partners", "reference"]
    facts = [f for s in sources for f in parse_dataset(s)]
    assert sum(isinstance(f, Agreement) for f in facts) == 3
