"""The forum press release (data/sources/): what issue 3 asks the extractor to find."""

from __future__ import annotations

import json
import re

import pytest

from citygraph.ingest.evaluate import evaluate
from citygraph.ingest.extraction import Extraction, RelationType, from_json
from citygraph.ingest.pipeline import extract_file

from ..conftest import FORUM_RELEASE, TEST_DATA

GOLD = TEST_DATA / "gold" / "wcsmf-2023-seoul.ko.gold.json"


@pytest.fixture(scope="module")
def release() -> tuple[Extraction, str]:
    return extract_file(FORUM_RELEASE), FORUM_RELEASE.read_text(encoding="utf-8")


def labels(x: Extraction, type_: str) -> dict[str, str | None]:
    return {
        e.labels.ko or e.labels.en or "": e.labels.en for e in x.entities if e.type.value == type_
    }


def related(x: Extraction, type_: RelationType) -> list[tuple[str, str, dict[str, str]]]:
    return [(r.source, r.target, dict(r.attributes)) for r in x.relations if r.type is type_]


def test_the_ten_named_cities_with_english_labels(release: tuple[Extraction, str]) -> None:
    x, _ = release
    cities = {e.labels.en for e in x.entities if e.type.value == "City"}
    assert cities == {
        "Seoul",
        "Wellington",
        "Kyiv",
        "Dublin",
        "Odense",
        "Suzhou",
        "Taipei",
        "Bilbao",
        "Vienna",
        "Singapore",
    }
    wellington = x.entity("city/wellington")
    assert "https://sws.geonames.org/2179537/" in wellington.same_as
    assert wellington.country == "NZ"


def test_five_office_holders_with_city_and_role(release: tuple[Extraction, str]) -> None:
    x, text = release
    offices = {(x.entity(s).labels.ko, t, a["role"]) for s, t, a in related(x, RelationType.OFFICE)}
    assert offices == {
        ("오세훈", "city/seoul", "mayor"),
        ("토리 화나우", "city/wellington", "mayor"),
        ("다이 데 로샤", "city/dublin", "mayor"),
        ("지 징", "city/suzhou", "vice_mayor"),
        ("장완안", "city/taipei", "mayor"),
    }
    whanau = x.entity("person/tory-whanau")
    assert whanau.labels.en == "Tory Whanau"
    assert all(
        text[m.start : m.end] in {"토리 화나우", "토리 화나우(Tory Whanau)", "Tory Whanau"}
        for m in whanau.mentions
    )


def test_the_two_agreements(release: tuple[Extraction, str]) -> None:
    x, text = release
    agreements = {
        (s, t, a["kind"], a.get("wording")) for s, t, a in related(x, RelationType.AGREEMENT)
    }
    assert agreements == {
        ("city/seoul", "city/wellington", "sister", "친선도시"),
        ("city/seoul", "city/kyiv", "friendship", None),
    }
    for r in x.relations:
        if r.type is RelationType.AGREEMENT:
            quote = text[r.evidence[0].start : r.evidence[0].end]
            assert x.entity(r.target).labels.ko in quote
            assert ("친선도시" if r.target == "city/wellington" else "우호도시") in quote


def test_eight_policies_of_seoul(release: tuple[Extraction, str]) -> None:
    x, _ = release
    owned = {
        x.entity(s).labels.ko for s, t, _ in related(x, RelationType.POLICY) if t == "city/seoul"
    }
    assert owned == {
        "안심소득 시범사업",
        "서울런 및 서울런4050",
        "손목닥터 9988",
        "엄마아빠 행복프로젝트",
        "책 읽는 서울광장",
        "서울페스타, The Lifestyle 박람회",
        "그레이트 한강 프로젝트",
        "메타버스 서울",
    }


def test_twenty_seven_exhibitors_in_five_themes(release: tuple[Extraction, str]) -> None:
    x, text = release
    exhibitors = related(x, RelationType.EXHIBITOR)
    assert len({s for s, _, _ in exhibitors}) == 27
    themes = {x.entity(t).labels.en for _, t, _ in exhibitors}
    assert themes == {
        "BeautyTech Experience",
        "Smart City Innovation",
        "Robot Enterprise",
        "Urban Issues Solution",
        "BIO·AI",
    }
    by_theme = {}
    for s, t, _ in exhibitors:
        by_theme.setdefault(x.entity(t).labels.en, set()).add(
            x.entity(s).labels.ko or x.entity(s).labels.en
        )
    assert {"고영로보틱스", "KRM", "HD현대로보틱스"} == by_theme["Robot Enterprise"]
    for r in x.relations:
        if r.type is RelationType.EXHIBITOR:
            company = x.entity(r.source)
            assert text[r.evidence[0].start : r.evidence[0].end] in (
                company.labels.ko,
                company.labels.en,
            )


def test_prize_organisers_host_dates_and_venue(release: tuple[Extraction, str]) -> None:
    x, _ = release
    award = related(x, RelationType.AWARD)
    assert ("city/seoul", "prize/lee-kuan-yew-world-city-prize", {"year": "2018"}) in award
    forum = next(e for e in x.entities if e.labels.ko == "세계도시정상회의 시장포럼")
    assert (forum.attributes["start"], forum.attributes["end"]) == ("2023-09-24", "2023-09-26")
    assert forum.attributes["edition"] == "12"
    organisers = {
        x.entity(s).aliases[0] for s, t, _ in related(x, RelationType.ORGANIZER) if t == forum.id
    }
    assert organisers == {"CLC", "URA"}
    assert ("city/seoul", forum.id, {}) in related(x, RelationType.HOST)
    venues = {
        x.entity(t).labels.ko for s, t, _ in related(x, RelationType.LOCATED_IN) if s == forum.id
    }
    assert venues == {"DDP"}


def test_the_wrong_weekday_is_reported(release: tuple[Extraction, str]) -> None:
    x, text = release
    [warning] = [w for w in x.warnings if "Monday" in w.message]
    assert warning.start is not None and warning.end is not None
    assert text[warning.start : warning.end] == "9.25.(화)"


def test_every_evidence_span_is_inside_the_text(release: tuple[Extraction, str]) -> None:
    x, text = release
    for r in x.relations:
        for ev in r.evidence:
            assert 0 <= ev.start < ev.end <= len(text)
            assert text[ev.start : ev.end].strip() == text[ev.start : ev.end]


def test_f1_against_the_gold_annotation(release: tuple[Extraction, str]) -> None:
    x, _ = release
    gold = from_json(json.loads(GOLD.read_text(encoding="utf-8")))
    report = evaluate(x, gold, threshold=0.6)
    assert report.entity_total.f1 >= 0.9, report.missed
    assert report.relation_total.f1 >= 0.9, report.missed


def test_the_project_copy_keeps_no_personal_contact_data() -> None:
    """Staff names and phone numbers are blanked with as many ○, so offsets hold."""
    text = FORUM_RELEASE.read_text(encoding="utf-8")
    assert not re.search(r"\b0\d{1,2}-\d{3,4}-\d{4}\b", text)
    assert "@" not in text
    contact = text[text.index("담당부서") : text.index("### ")]
    assert "경제정책실 국제교류과" in contact and "다자협력팀장" in contact
    assert re.findall(r"○+", contact) == ["○" * 3, "○" * 12, "○" * 3, "○" * 12]
