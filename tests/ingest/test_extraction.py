"""The extraction format: JSON round trip, checked reading, the Collector, slugs."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from citygraph.ingest.errors import BadInput
from citygraph.ingest.extraction import (
    FORMAT,
    Collector,
    DocumentInfo,
    EntityType,
    Evidence,
    ExtractionFormatError,
    Labels,
    RelationType,
    Span,
    Warning,
    from_json,
    slug,
    to_json,
)

DOC = DocumentInfo("memo", "in/memo.txt", "ab" * 32, "ko", "리마 방문", "2023-10-02")


def sample() -> Collector:
    found = Collector()
    seoul = found.entity(
        EntityType.CITY,
        en="Seoul",
        ko="서울",
        span=(0, 2),
        same_as=("https://sws.geonames.org/1835848/",),
        country="KR",
        attributes={"lat": "37.566"},
    )
    lima = found.entity(EntityType.CITY, en="Lima", ko="리마", span=(5, 7), aliases=("Ciudad",))
    mayor = found.entity(EntityType.PERSON, en="Ana Ruiz", ko="아나 루이스", span=(10, 16))
    found.relate(RelationType.AGREEMENT, seoul, lima, (0, 20), "ko.agreement", 0.9,
                 kind="sister", date="2023-10")
    found.relate(RelationType.OFFICE, mayor, lima, (10, 24), "ko.person.office", 0.85,
                 role="mayor")
    found.warn("10.3.(수): 3 October 2023 is a Tuesday, not a Wednesday", (30, 38))
    found.warn("no publication date found")
    return found


def valid() -> dict[str, Any]:
    return to_json(sample().result(DOC))


# -- to_json / from_json ------------------------------------------------------------------


def test_round_trip_through_json_text_gives_an_equal_extraction() -> None:
    x = sample().result(DOC)
    again = from_json(json.loads(json.dumps(to_json(x), ensure_ascii=False)))
    assert again == x
    assert to_json(again) == to_json(x)


def test_to_json_layout() -> None:
    data = valid()
    assert data["format"] == FORMAT == "citygraph-extract/1"
    assert data["document"] == {
        "id": "memo",
        "path": "in/memo.txt",
        "sha256": "ab" * 32,
        "language": "ko",
        "title": "리마 방문",
        "published": "2023-10-02",
    }
    seoul = data["entities"][0]
    assert seoul["id"] == "city/seoul"
    assert seoul["type"] == "City"
    assert seoul["labels"] == {"en": "Seoul", "ko": "서울"}
    assert seoul["mentions"] == [{"start": 0, "end": 2}]
    assert data["relations"][0] == {
        "type": "agreement",
        "source": "city/seoul",
        "target": "city/lima",
        "attributes": {"date": "2023-10", "kind": "sister"},
        "evidence": [{"start": 0, "end": 20, "rule": "ko.agreement", "confidence": 0.9}],
    }
    assert data["warnings"][1] == {"message": "no publication date found", "start": None,
                                   "end": None}


def test_from_json_fills_optional_fields() -> None:
    x = from_json({"document": {"id": "d"}, "entities": [{"id": "a", "type": "Venue"}]})
    assert x.document == DocumentInfo("d", "", "", "")
    e = x.entity("a")
    assert e.type is EntityType.VENUE
    assert e.labels == Labels(None, None)
    assert (e.aliases, e.same_as, e.mentions, e.country) == ((), (), (), None)
    assert x.relations == () and x.warnings == ()


def test_from_json_reads_integer_confidence_and_drops_null_attributes() -> None:
    data = valid()
    data["relations"][0]["evidence"][0]["confidence"] = 1
    data["relations"][0]["attributes"]["date"] = None
    x = from_json(data)
    assert x.relations[0].evidence == (Evidence(0, 20, "ko.agreement", 1.0),)
    assert dict(x.relations[0].attributes) == {"kind": "sister"}


def test_extraction_entity_lookup() -> None:
    x = sample().result(DOC)
    assert x.entity("city/lima").labels.en == "Lima"
    with pytest.raises(KeyError):
        x.entity("city/nowhere")


def test_relation_confidence_is_the_best_evidence() -> None:
    found = Collector()
    a = found.entity(EntityType.CITY, en="Seoul")
    b = found.entity(EntityType.CITY, en="Lima")
    found.relate(RelationType.MEETING, a, b, (0, 4), "r1", 0.6)
    found.relate(RelationType.MEETING, a, b, (9, 12), "r2", 0.8)
    found.relate(RelationType.AGREEMENT, a, b, (0, 4), "r3", 0.7, kind="mou")
    meeting, agreement = found.result(DOC).relations
    assert meeting.confidence == 0.8
    assert agreement.confidence == 0.7


def _broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(valid())
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (
            lambda d: d["relations"][0].__setitem__("target", "city/atlantis"),
            "document.relations[0].target",
            "'city/atlantis' is not an entity id",
        ),
        (
            lambda d: d["relations"][1].__setitem__("source", "person/nobody"),
            "document.relations[1].source",
            "not an entity id",
        ),
        (
            lambda d: d["entities"][1].__setitem__("type", "Town"),
            "document.entities[1].type",
            "'Town' is not one of City, Region",
        ),
        (
            lambda d: d["relations"][1].__setitem__("type", "twinning"),
            "document.relations[1].type",
            "'twinning' is not one of agreement",
        ),
        (
            lambda d: d["relations"][0]["evidence"][0].__setitem__("confidence", 1.5),
            "document.relations[0].evidence[0].confidence",
            "1.5 is not between 0 and 1",
        ),
        (
            lambda d: d["relations"][1]["evidence"][0].__setitem__("confidence", -0.1),
            "document.relations[1].evidence[0].confidence",
            "not between 0 and 1",
        ),
        (
            lambda d: d["document"].pop("id"),
            "document.document.id",
            "is missing",
        ),
        (
            lambda d: d.pop("document"),
            "document.document",
            "is missing",
        ),
        (
            lambda d: d["entities"][2].__setitem__("id", "city/seoul"),
            "document.entities[2].id",
            "'city/seoul' is used twice",
        ),
        (
            lambda d: d["entities"][0]["mentions"][0].__setitem__("start", 9),
            "document.entities[0].mentions[0]",
            "span 9..2 is not a valid span",
        ),
        (
            lambda d: d["entities"][0]["mentions"][0].__setitem__("end", True),
            "document.entities[0].mentions[0].end",
            "not True",
        ),
        (
            lambda d: d["entities"][1].__setitem__("aliases", ["Ciudad", 7]),
            "document.entities[1].aliases[1]",
            "must be a string",
        ),
        (
            lambda d: d["entities"][0]["labels"].__setitem__("en", 5),
            "document.entities[0].labels.en",
            "not 5",
        ),
        (
            lambda d: d["warnings"][0].pop("message"),
            "document.warnings[0].message",
            "is missing",
        ),
        (
            lambda d: d["relations"][0]["evidence"][0].pop("rule"),
            "document.relations[0].evidence[0].rule",
            "is missing",
        ),
        (
            lambda d: d.__setitem__("entities", {"id": "x"}),
            "document.entities",
            "must be a list",
        ),
    ],
)
def test_from_json_errors_name_the_field(change: Any, where: str, words: str) -> None:
    with pytest.raises(ExtractionFormatError) as caught:
        from_json(_broken(change))
    assert caught.value.where == where
    assert str(caught.value).startswith(f"{where}: ")
    assert words in str(caught.value)


def test_from_json_error_path_starts_with_the_given_place() -> None:
    data = _broken(lambda d: d["entities"][1].__setitem__("type", "Town"))
    with pytest.raises(ExtractionFormatError) as caught:
        from_json(data, where="gold/memo.json")
    assert caught.value.where == "gold/memo.json.entities[1].type"


@pytest.mark.parametrize("data", [[], "text", None, 3])
def test_from_json_wants_an_object(data: Any) -> None:
    with pytest.raises(ExtractionFormatError, match="must be a JSON object"):
        from_json(data)


def test_format_error_is_bad_input() -> None:
    assert issubclass(ExtractionFormatError, BadInput)


# -- Collector ------------------------------------------------------------------------------


def test_repeated_entity_is_one_entity_with_more_names_and_mentions() -> None:
    found = Collector()
    first = found.entity(EntityType.CITY, en="Kyiv", ko="키이우", span=(0, 3))
    again = found.entity(EntityType.CITY, en="Kyiv", ko="키예프", span=(10, 13),
                         aliases=("Kiev", "Kyiv"))
    third = found.entity(EntityType.CITY, en="KYIV", span=(0, 3), country="UA")
    assert first == again == third == "city/kyiv"
    [e] = found.result(DOC).entities
    assert e.labels == Labels("Kyiv", "키이우")
    assert e.aliases == ("키예프", "Kiev", "KYIV")
    assert e.mentions == (Span(0, 3), Span(10, 13))
    assert e.country == "UA"


def test_entity_keeps_the_first_attribute_value() -> None:
    found = Collector()
    eid = found.entity(EntityType.EVENT, en="Expo", attributes={"start": "2023-05-01"})
    found.entity(EntityType.EVENT, en="Expo", start="2023-06-01", end="2023-06-03")
    found.set_attribute(eid, "start", "1999")
    assert found.attribute(eid, "start") == "2023-05-01"
    assert found.attribute(eid, "end") == "2023-06-03"
    assert found.attribute(eid, "kind") is None


def test_entity_ids_by_type_key_and_label() -> None:
    found = Collector()
    assert found.entity(EntityType.PERSON, ko="오세훈") == "person/오세훈"
    assert found.entity(EntityType.PERSON, en="Tory Whanau", ko="토리 화나우") == (
        "person/tory-whanau"
    )
    assert found.entity(EntityType.CITY, key="lima-pe", en="Lima") == "city/lima-pe"
    # the same name as another type is another entity
    assert found.entity(EntityType.PRIZE, en="Lima") == "prize/lima"
    assert found.ids(EntityType.PERSON) == ["person/오세훈", "person/tory-whanau"]
    with pytest.raises(ValueError, match="key or a label"):
        found.entity(EntityType.CITY)


def test_mentions_are_not_repeated_and_come_out_sorted() -> None:
    found = Collector()
    eid = found.entity(EntityType.CITY, en="Lima", span=(40, 44))
    found.mention(eid, (3, 7))
    found.mention(eid, (40, 44))
    found.mention(eid, (3, 7))
    assert found.mentions_of(eid) == [Span(40, 44), Span(3, 7)]
    assert found.first_mention(eid) == (3, 7)
    assert found.result(DOC).entity(eid).mentions == (Span(3, 7), Span(40, 44))
    assert found.first_mention(found.entity(EntityType.CITY, en="Quito")) == (0, 0)


def test_relation_evidence_gathers_on_one_relation() -> None:
    found = Collector()
    a = found.entity(EntityType.CITY, en="Seoul")
    b = found.entity(EntityType.CITY, en="Lima")
    found.relate(RelationType.AGREEMENT, a, b, (50, 60), "ko.agreement.city", 0.9, kind="sister")
    found.relate(RelationType.AGREEMENT, a, b, (5, 9), "ko.agreement.city", 0.9, kind="sister")
    found.relate(RelationType.AGREEMENT, a, b, (5, 9), "ko.agreement.city", 0.9, kind="sister")
    found.relate(RelationType.AGREEMENT, a, b, (5, 9), "en.agreement", 0.12345, kind="sister")
    [r] = found.result(DOC).relations
    assert r.evidence == (
        Evidence(5, 9, "en.agreement", 0.123),
        Evidence(5, 9, "ko.agreement.city", 0.9),
        Evidence(50, 60, "ko.agreement.city", 0.9),
    )


def test_relations_with_other_attributes_or_direction_stay_apart() -> None:
    found = Collector()
    a = found.entity(EntityType.CITY, en="Seoul")
    b = found.entity(EntityType.CITY, en="Lima")
    found.relate(RelationType.AGREEMENT, a, b, (0, 1), "r", 0.9, kind="sister")
    found.relate(RelationType.AGREEMENT, a, b, (0, 1), "r", 0.9, kind="friendship")
    found.relate(RelationType.AGREEMENT, b, a, (0, 1), "r", 0.9, kind="sister")
    found.relate(RelationType.MEETING, a, a, (0, 1), "r", 0.9)  # never to itself
    rels = found.result(DOC).relations
    assert [(r.source, r.target, dict(r.attributes)) for r in rels] == [
        ("city/seoul", "city/lima", {"kind": "sister"}),
        ("city/seoul", "city/lima", {"kind": "friendship"}),
        ("city/lima", "city/seoul", {"kind": "sister"}),
    ]


def test_merge_moves_names_mentions_and_relations() -> None:
    found = Collector()
    keep = found.entity(EntityType.PERSON, en="Ana Ruiz", ko="아나 루이스", span=(0, 6))
    drop = found.entity(EntityType.PERSON, ko="루이스 시장", span=(30, 36), aliases=("Ruiz",))
    lima = found.entity(EntityType.CITY, en="Lima", span=(8, 10))
    seoul = found.entity(EntityType.CITY, en="Seoul", span=(40, 45))
    found.relate(RelationType.OFFICE, drop, lima, (30, 40), "r.office", 0.9, role="mayor")
    found.relate(RelationType.MEETING, seoul, drop, (40, 50), "r.meet", 0.7)
    found.relate(RelationType.OFFICE, keep, lima, (0, 10), "r.office", 0.9, role="mayor")
    found.relate(RelationType.MEETING, keep, drop, (0, 36), "r.self", 0.7)
    found.merge(keep, drop)
    x = found.result(DOC)
    assert [e.id for e in x.entities] == [keep, lima, seoul]
    person = x.entity(keep)
    assert person.labels == Labels("Ana Ruiz", "아나 루이스")
    assert person.aliases == ("루이스 시장", "Ruiz")
    assert person.mentions == (Span(0, 6), Span(30, 36))
    rels = {(r.type.value, r.source, r.target): r for r in x.relations}
    assert set(rels) == {("office", keep, lima), ("meeting", seoul, keep)}
    assert [v.rule for v in rels["office", keep, lima].evidence] == ["r.office", "r.office"]
    assert [(v.start, v.end) for v in rels["office", keep, lima].evidence] == [(0, 10), (30, 40)]


def test_merge_of_itself_or_an_unknown_entity_changes_nothing() -> None:
    found = sample()
    before = found.result(DOC)
    found.merge("city/seoul", "city/seoul")
    found.merge("city/seoul", "city/atlantis")
    assert found.result(DOC) == before


def test_set_label_keeps_the_earlier_label_as_alias() -> None:
    found = Collector()
    eid = found.entity(EntityType.ORGANIZATION, en="UCLG", key="uclg")
    found.set_label(eid, "en", "United Cities and Local Governments")
    found.set_label(eid, "ko", "세계지방정부연합")
    e = found.result(DOC).entity(eid)
    assert e.labels == Labels("United Cities and Local Governments", "세계지방정부연합")
    assert e.aliases == ("UCLG",)
    assert found.names()[eid] == ["United Cities and Local Governments", "세계지방정부연합",
                                  "UCLG"]


def test_warnings_are_reported_once() -> None:
    found = Collector()
    found.warn("odd date", (3, 9))
    found.warn("odd date", (3, 9))
    found.warn("odd date", (20, 26))
    found.warn("no date")
    assert found.result(DOC).warnings == (
        Warning("odd date", 3, 9),
        Warning("odd date", 20, 26),
        Warning("no date", None, None),
    )


# -- slug ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tory Whanau", "tory-whanau"),
        ("서울 런 4050", "서울-런-4050"),
        ("(주)루플", "주-루플"),
        ("São Paulo", "são-paulo"),
        ("  Lee Kuan Yew World City Prize!  ", "lee-kuan-yew-world-city-prize"),
        ("ＳＥＯＵＬ　Ｆｏｒｕｍ", "seoul-forum"),
        ("C40 Cities / UCLG", "c40-cities-uclg"),
        ("---", "x"),
        ("", "x"),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected
