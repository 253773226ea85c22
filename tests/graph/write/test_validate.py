"""SHACL shapes on valid and invalid hand-written examples."""

import pytest
from rdflib import Dataset

from citygraph.graph.write.mapping import SourceSet, to_rdf
from citygraph.graph.write.validate import validate
from citygraph.ingest.facts import (
    Agreement,
    AgreementKind,
    Event,
    EventKind,
    Evidence,
    Place,
    PlaceType,
    Policy,
)

EV = (Evidence(source="https://example.org/doc", rule="curated", path="t/x.csv", line=7),)
KR = Place("KR", PlaceType.COUNTRY, "South Korea", continent=None, evidence=EV)
SEOUL = Place("seoul", PlaceType.CITY, "Seoul", country="KR", lat=37.5, lon=127.0, evidence=EV)
TAIPEI = Place("taipei", PlaceType.CITY, "Taipei", country="KR", evidence=EV)


def dataset(*facts: object) -> Dataset:
    return to_rdf([SourceSet("t", "a" * 64, facts)])  # type: ignore[arg-type]


def test_valid_facts_conform() -> None:
    from citygraph.ingest.facts import Continent

    kr = Place("KR", PlaceType.COUNTRY, "South Korea", continent=Continent.AS, evidence=EV)
    agreement = Agreement(("seoul", "taipei"), AgreementKind.SISTER, evidence=EV)
    assert validate(dataset(kr, SEOUL, TAIPEI, agreement)) == []


def test_country_without_continent_is_named_with_its_row() -> None:
    [violation] = validate(dataset(KR))
    assert violation.rows == ("t/x.csv, line 7",)
    assert "continent" in violation.path
    assert violation.message


@pytest.mark.parametrize(
    ("facts", "needle"),
    [
        ((Place("x", PlaceType.CITY, "X", country="KR", lat=95, lon=0, evidence=EV),), "lat"),
        ((Place("x", PlaceType.CITY, "X", country="KR", evidence=()),), "evidence"),
        ((Event("e", EventKind.FORUM, "", "", evidence=EV),), "label"),
        ((Policy("pol", owner="KR", name_ko="정책", evidence=EV),), "owner"),
    ],
)
def test_invalid_facts_are_reported(facts: tuple[object, ...], needle: str | None) -> None:
    from citygraph.ingest.facts import Continent

    kr = Place("KR", PlaceType.COUNTRY, "South Korea", continent=Continent.AS, evidence=EV)
    violations = validate(dataset(kr, *facts))
    assert violations, "expected a violation"
    if needle:
        assert any(needle in (v.path + v.message).lower() for v in violations), violations
    assert all(v.message and str(v) for v in violations)
