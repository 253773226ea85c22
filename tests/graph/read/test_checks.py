from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from citygraph.graph.read.checks import CHECKS, Issue, consistency
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.opening import open_current
from citygraph.graph.write.build import build

TEST_DATA = Path(__file__).resolve().parents[2] / "data"
ID = "https://w3id.org/citygraph/id/"

# Deliberate mistakes: a second "Seoul" city, an upgrade dated before the tie
# it upgrades, and two sources that disagree on a year.  Things that look
# alike but are fine: an organisation with a city's Korean name, dates that
# agree (2023-09 and 2023-09-26), an upgrade dated after its original.
MISTAKES = """
@prefix cg: <https://w3id.org/citygraph/ontology#> .
@prefix id: <https://w3id.org/citygraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix agreement: <https://w3id.org/citygraph/kind/agreement/> .

id:source\\/a {
    id:place\\/seoul a cg:City ; rdfs:label "Seoul"@en , "서울특별시"@ko .
    id:place\\/wellington a cg:City ; rdfs:label "Wellington"@en , "웰링턴"@ko .
    id:place\\/sf a cg:City ; rdfs:label "San Francisco"@en , "샌프란시스코"@ko .
    id:org\\/smg a cg:Organization ; rdfs:label "서울특별시"@ko .
    agreement:friendship skos:prefLabel "friendship city"@en , "우호도시"@ko .
    agreement:chinseon skos:prefLabel "sister-level city (chinseon)"@en , "친선도시"@ko .
    agreement:sister skos:prefLabel "sister city"@en , "자매도시"@ko .

    id:agreement\\/f a cg:Agreement ; cg:party id:place\\/seoul , id:place\\/wellington ;
        cg:agreementKind agreement:friendship ; cg:dateSigned "2016-07"^^xsd:gYearMonth .
    id:agreement\\/c a cg:Agreement ; cg:party id:place\\/seoul , id:place\\/wellington ;
        cg:agreementKind agreement:chinseon ; cg:upgrades id:agreement\\/f ;
        cg:dateSigned "2016-06-30"^^xsd:date , "2023-09"^^xsd:gYearMonth ;
        cg:evidence id:e\\/c1 , id:e\\/c2 .
    id:e\\/c1 cg:statesDate "2023-09"^^xsd:gYearMonth ;
        dcterms:source <https://example.org/release> .
    id:e\\/c2 cg:statesDate "2023-09-26"^^xsd:date ; dcterms:source <https://example.org/news> .

    id:agreement\\/s a cg:Agreement ; cg:party id:place\\/seoul , id:place\\/sf ;
        cg:agreementKind agreement:sister ; cg:evidence id:e\\/s1 , id:e\\/s2 .
    id:e\\/s1 cg:statesDate "1975"^^xsd:gYear ; dcterms:source <https://example.org/kt> .
    id:e\\/s2 cg:statesDate "1976"^^xsd:gYear ; dcterms:source <https://example.org/sf> .
}
id:source\\/b {
    id:place\\/seoul-2 a cg:City ; rdfs:label "SEOUL"@en .
    id:agreement\\/s2 a cg:Agreement ; cg:party id:place\\/sf , id:place\\/wellington ;
        cg:upgrades id:agreement\\/s ; cg:dateSigned "2000"^^xsd:gYear .
}
"""


@pytest.fixture(scope="module")
def mistakes() -> OxigraphStore:
    store = ox.Store()
    store.load(MISTAKES.encode(), format=ox.RdfFormat.TRIG)
    return OxigraphStore(store)


def by_check(issues: list[Issue]) -> dict[str, list[Issue]]:
    out: dict[str, list[Issue]] = {name: [] for name in CHECKS}
    for issue in issues:
        out[issue.check].append(issue)
    return out


def test_duplicates_are_resources_of_one_class_with_one_label(mistakes: OxigraphStore) -> None:
    [dup] = by_check(consistency(mistakes))["duplicate"]
    assert dup.subjects == (ID + "place/seoul", ID + "place/seoul-2")
    assert dup.en == (
        f"2 resources of class City have the same English label: {ID}place/seoul ('Seoul'), "
        f"{ID}place/seoul-2 ('SEOUL'); are they one thing under two keys?")
    assert "City 클래스의 자원 2개" in dup.ko


def test_an_upgrade_dated_before_its_original_is_reported(mistakes: OxigraphStore) -> None:
    [upgrade] = by_check(consistency(mistakes))["upgrade_before_original"]
    assert upgrade.subjects == (ID + "agreement/c", ID + "agreement/f")
    assert upgrade.en == (
        "The sister-level city (chinseon) agreement between Seoul and Wellington upgrades "
        "the friendship city agreement between Seoul and Wellington but is dated before it "
        "(2016-06-30 < 2016-07).")
    assert upgrade.ko.startswith(
        "서울특별시–웰링턴 친선도시 협약은(는) 서울특별시–웰링턴 우호도시 협약")


def test_conflicting_dates_are_reported_agreeing_ones_are_not(mistakes: OxigraphStore) -> None:
    [conflict] = by_check(consistency(mistakes))["conflicting_dates"]
    assert conflict.subjects == (ID + "agreement/s",)
    assert conflict.en == (
        "Sources disagree on the date of the sister city agreement between San Francisco and "
        "Seoul: 1975 (https://example.org/kt); 1976 (https://example.org/sf).")
    assert "자매도시 협약의 날짜가 출처마다 다릅니다" in conflict.ko


def test_issues_come_in_the_order_of_the_checks(mistakes: OxigraphStore) -> None:
    assert [i.check for i in consistency(mistakes)] == list(CHECKS)


def test_the_tiny_dataset_shows_its_disagreeing_sources(tmp_path: Path) -> None:
    build(TEST_DATA / "tiny", tmp_path, validate_shapes=False)
    issues = consistency(open_current(tmp_path))
    assert [(i.check, i.subjects) for i in issues] == [
        ("conflicting_dates", (ID + "agreement/gn1835848--gn2179537/friendship",))]
    assert "2016-07" in issues[0].en and "2016-08" in issues[0].en


def test_the_bundled_graph_has_two_known_conflicts(bundled_store: OxigraphStore) -> None:
    issues = consistency(bundled_store)
    assert [(i.check, i.subjects) for i in issues] == [
        ("conflicting_dates", (ID + "agreement/gn1835848--gn2179537/friendship",)),
        ("conflicting_dates", (ID + "agreement/gn1835848--gn5391959/sister",)),
    ]
    assert "1975" in issues[1].en and "1976" in issues[1].en
