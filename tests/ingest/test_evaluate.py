"""Scoring an extraction against gold: Score arithmetic, alignment, relation matching."""

from __future__ import annotations

from typing import Any

import pytest

from citygraph.ingest.evaluate import Report, Score, evaluate, format_report
from citygraph.ingest.extraction import Extraction, from_json

GEONAMES_WELLINGTON = "https://sws.geonames.org/2179537/"


def doc(
    entities: list[dict[str, Any]], relations: list[dict[str, Any]] | None = None
) -> Extraction:
    return from_json({"document": {"id": "d"}, "entities": entities, "relations": relations or []})


def city(eid: str, en: str | None = None, ko: str | None = None, **more: Any) -> dict[str, Any]:
    return {"id": eid, "type": "City", "labels": {"en": en, "ko": ko}, **more}


def rel(type_: str, source: str, target: str, confidence: float | None = 0.9,
        **attributes: str) -> dict[str, Any]:
    r: dict[str, Any] = {"type": type_, "source": source, "target": target,
                         "attributes": attributes}
    if confidence is not None:
        r["evidence"] = [{"start": 0, "end": 1, "rule": "t", "confidence": confidence}]
    return r


# -- Score ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "precision", "recall", "f1"),
    [
        (Score(2, 1, 0), 0.667, 1.0, 0.8),
        (Score(3, 1, 2), 0.75, 0.6, 0.667),
        (Score(1, 0, 3), 1.0, 0.25, 0.4),
        (Score(0, 0, 0), 1.0, 1.0, 1.0),  # nothing predicted, nothing to find
        (Score(0, 2, 0), 0.0, 1.0, 0.0),  # only wrong predictions
        (Score(0, 0, 4), 1.0, 0.0, 0.0),  # nothing found
        (Score(0, 3, 5), 0.0, 0.0, 0.0),  # precision and recall both 0: F1 is 0, no error
    ],
)
def test_score_arithmetic(score: Score, precision: float, recall: float, f1: float) -> None:
    assert (score.precision, score.recall, score.f1) == (precision, recall, f1)


def test_scores_add_up() -> None:
    assert Score(1, 2, 3) + Score(10, 20, 30) == Score(11, 22, 33)
    report = Report({"City": Score(2, 1, 0), "Person": Score(1, 0, 1)},
                    {"office": Score(0, 1, 1)})
    assert report.entity_total == Score(3, 1, 1)
    assert report.relation_total == Score(0, 1, 1)
    assert Report({}, {}).entity_total == Score()


# -- alignment ------------------------------------------------------------------------------


def test_entities_align_by_alias_ignoring_case_and_spaces() -> None:
    gold = doc([city("g1", ko="웰링턴", aliases=["Wellington"]),
                city("g2", en="New York")])
    predicted = doc([city("p1", en="WELLINGTON"), city("p2", en="newyork"),
                     city("p3", en="Lima")])
    report = evaluate(predicted, gold)
    assert report.entities["City"] == Score(2, 1, 0)
    assert report.extra == ["City Lima"]
    assert report.missed == []


def test_entities_align_by_identifier() -> None:
    gold = doc([city("g", en="Pōneke", same_as=[GEONAMES_WELLINGTON])])
    predicted = doc([city("p", en="Capital of NZ", same_as=[GEONAMES_WELLINGTON])])
    assert evaluate(predicted, gold).entities["City"] == Score(1, 0, 0)
    other = doc([city("p", en="Capital of NZ", same_as=["https://sws.geonames.org/1/"])])
    assert evaluate(other, gold).entities["City"] == Score(0, 1, 1)


def test_entities_of_another_type_do_not_align() -> None:
    gold = doc([{"id": "g", "type": "Prize", "labels": {"en": "Seoul"}}])
    predicted = doc([city("p", en="Seoul")])
    report = evaluate(predicted, gold)
    assert report.entities == {"City": Score(0, 1, 0), "Prize": Score(0, 0, 1)}
    assert report.missed == ["Prize Seoul"]
    assert report.extra == ["City Seoul"]


def test_alignment_is_one_to_one() -> None:
    gold = doc([city("g", en="Seoul")])
    predicted = doc([city("p1", en="Seoul"), city("p2", ko="서울", aliases=["Seoul"])])
    assert evaluate(predicted, gold).entities["City"] == Score(1, 1, 0)


# -- relations -------------------------------------------------------------------------------


GOLD = doc(
    [city("seoul", en="Seoul"), city("wgtn", en="Wellington"),
     {"id": "tory", "type": "Person", "labels": {"en": "Tory Whanau"}}],
    [rel("agreement", "seoul", "wgtn", None, kind="sister", date="2023-09"),
     rel("office", "tory", "wgtn", None, role="mayor")],
)
ENTITIES = [city("a", en="Wellington"), city("b", en="Seoul"),
            {"id": "c", "type": "Person", "labels": {"en": "Tory Whanau"}}]


def test_agreement_matches_in_either_direction_and_ignores_other_attributes() -> None:
    predicted = doc(ENTITIES, [rel("agreement", "a", "b", kind="sister", date="2016")])
    report = evaluate(predicted, GOLD)
    assert report.relations["agreement"] == Score(1, 0, 0)


def test_office_direction_matters() -> None:
    predicted = doc(ENTITIES, [rel("office", "a", "c", role="mayor")])
    report = evaluate(predicted, GOLD)
    assert report.relations["office"] == Score(0, 1, 1)


def test_key_attribute_mismatch_is_an_error() -> None:
    predicted = doc(ENTITIES, [rel("agreement", "b", "a", kind="friendship"),
                               rel("office", "c", "a", role="vice_mayor")])
    report = evaluate(predicted, GOLD)
    assert report.relations["agreement"] == Score(0, 1, 1)
    assert report.relations["office"] == Score(0, 1, 1)
    assert "agreement seoul wgtn sister" in report.missed
    assert "agreement seoul wgtn friendship" in report.extra
    assert "office tory wgtn mayor" in report.missed


def test_relation_to_an_unaligned_entity_is_wrong() -> None:
    predicted = doc([*ENTITIES, city("z", en="Lima")],
                    [rel("agreement", "b", "z", kind="sister")])
    report = evaluate(predicted, GOLD)
    assert report.relations["agreement"] == Score(0, 1, 1)


def test_threshold_leaves_out_relations_with_less_confidence() -> None:
    predicted = doc(ENTITIES, [rel("agreement", "b", "a", 0.5, kind="sister"),
                               rel("office", "c", "a", 0.7, role="mayor"),
                               rel("meeting", "b", "a", 0.55)])
    low = evaluate(predicted, GOLD)
    assert low.relations["agreement"] == Score(1, 0, 0)
    assert low.relations["meeting"] == Score(0, 1, 0)
    high = evaluate(predicted, GOLD, threshold=0.6)
    assert high.relations["agreement"] == Score(0, 0, 1)
    assert high.relations["office"] == Score(1, 0, 0)
    assert "meeting" not in high.relations
    assert evaluate(predicted, GOLD, threshold=0.7).relations["office"] == Score(1, 0, 0)


def test_relations_without_evidence_are_always_counted() -> None:
    predicted = doc(ENTITIES, [rel("agreement", "b", "a", None, kind="sister")])
    assert evaluate(predicted, GOLD, threshold=0.99).relations["agreement"] == Score(1, 0, 0)


def test_gold_against_itself_is_perfect() -> None:
    report = evaluate(GOLD, GOLD)
    assert report.entity_total == Score(3, 0, 0)
    assert report.relation_total == Score(2, 0, 0)
    assert report.missed == report.extra == []


# -- format_report ----------------------------------------------------------------------------


def test_format_report_has_rows_and_totals() -> None:
    predicted = doc([*ENTITIES, city("z", en="Lima")],
                    [rel("agreement", "b", "a", kind="sister")])
    text = format_report(evaluate(predicted, GOLD))
    lines = text.splitlines()
    assert lines[0].split() == ["tp", "fp", "fn", "prec", "recall", "F1"]
    assert "-- entities" in lines and "-- relations" in lines
    assert lines[lines.index("-- entities") + 1].split() == [
        "City", "2", "1", "0", "0.667", "1.000", "0.800"
    ]
    totals = {line.split()[1]: line.split()[2:] for line in lines if line.startswith("all ")}
    assert totals == {
        "entities": ["3", "1", "0", "0.750", "1.000", "0.857"],
        "relations": ["1", "0", "1", "1.000", "0.500", "0.667"],
    }


def test_format_report_of_nothing_is_the_header() -> None:
    [header] = format_report(Report({}, {})).splitlines()
    assert header.split() == ["tp", "fp", "fn", "prec", "recall", "F1"]
