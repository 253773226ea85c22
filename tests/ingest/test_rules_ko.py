"""Korean rules on short, hand-written press-release texts.

Every relation asserted here is also checked for its evidence: the span
``text[start:end]`` must hold the words that state it.
"""

from __future__ import annotations

from datetime import date

import pytest

from citygraph.ingest.extraction import Entity, EntityType, Extraction
from citygraph.ingest.gazetteer import Gazetteer
from citygraph.ingest.pipeline import extract_text

from .expect import entity, relation, said

PUBLISHED = date(2023, 9, 25)
GEONAMES = "https://sws.geonames.org/{}/"


def run(text: str) -> Extraction:
    x = extract_text(text, published=PUBLISHED)
    assert x.document.language == "ko"
    return x


def mentioned(text: str, e: Entity) -> list[str]:
    return [text[m.start : m.end] for m in e.mentions]


def seoul(x: Extraction) -> Entity:
    return entity(x, EntityType.CITY, "Seoul")


# -- places ----------------------------------------------------------------------------


def test_korean_english_pair_gets_english_label_and_geonames() -> None:
    text = (
        "서울시는 28일 몬테비데오(Montevideo)와 도시재생 분야 교류를 시작한다고 밝혔다. "
        "시 대표단은 다음 달 현지를 찾을 예정이다."
    )
    x = run(text)
    city = entity(x, EntityType.CITY, "Montevideo")
    assert city.labels.en == "Montevideo"
    assert city.labels.ko == "몬테비데오"
    assert city.country == "UY"
    assert GEONAMES.format(3441575) in city.same_as
    assert mentioned(text, city) == ["몬테비데오"]


def test_particles_do_not_break_names() -> None:
    text = (
        "서울시는 웰링턴과는 기후 분야에서, 키이우와는 재건 분야에서 협력한다. "
        "시는 하노이에도 대표단을 보낸다."
    )
    x = run(text)
    for en, ko in (("Wellington", "웰링턴"), ("Kyiv", "키이우"), ("Hanoi", "하노이")):
        city = entity(x, EntityType.CITY, en)
        assert city.labels.ko == ko
        assert mentioned(text, city) == [ko]


def test_common_nouns_that_are_also_city_names_are_not_cities() -> None:
    gazetteer = Gazetteer.load()
    # the gazetteer knows them as Gifu, Tema and Cebu ...
    assert {gazetteer.resolve(n).key for n in ("기후", "테마", "세부")} == {  # type: ignore[union-attr]
        "gifu", "tema", "cebu-city"
    }
    text = (
        "서울시는 기후 위기에 대응하는 테마 공원을 조성한다. "
        "세부 계획은 다음 달 발표한다. 공원은 2025년 문을 연다."
    )
    x = run(text)
    places = [
        (e.id, mentioned(text, e))
        for e in x.entities
        if e.type in (EntityType.CITY, EntityType.REGION, EntityType.COUNTRY)
    ]
    assert [p for p in places if p[0] != "city/seoul"] == []


# -- people in office --------------------------------------------------------------------


def test_latin_named_person_is_mayor_of_the_city_after_the_name() -> None:
    text = (
        "안나 베르크(Anna Berg) 스톡홀름 시장은 26일 서울시청을 방문했다. "
        "그는 대중교통 정책에 관심을 보였다."
    )
    x = run(text)
    person = entity(x, EntityType.PERSON, "Anna Berg")
    assert person.labels == type(person.labels)("Anna Berg", "안나 베르크")
    r = relation(x, "office", person, entity(x, EntityType.CITY, "Stockholm"), role="mayor")
    said(text, r, "안나 베르크", "스톡홀름", "시장")


def test_vice_mayor() -> None:
    text = "피터 존스(Peter Jones) 웰링턴 부시장은 서울시청을 찾아 교통 정책을 살펴봤다."
    x = run(text)
    person = entity(x, EntityType.PERSON, "Peter Jones")
    r = relation(x, "office", person, entity(x, EntityType.CITY, "Wellington"))
    assert r.attributes["role"] == "vice_mayor"
    said(text, r, "피터 존스", "웰링턴 부시장")


@pytest.mark.parametrize(
    ("name", "city", "en"),
    [("오세훈", "서울", "Seoul"), ("서지훈", "대전", "Daejeon"), ("이도윤", "인천", "Incheon")],
)
def test_korean_name_before_city_mayor(name: str, city: str, en: str) -> None:
    text = f"{name} {city}시장은 이날 시청에서 기자회견을 열었다. 회견은 30분간 이어졌다."
    x = run(text)
    person = entity(x, EntityType.PERSON, name)
    r = relation(x, "office", person, entity(x, EntityType.CITY, en), role="mayor")
    said(text, r, f"{name} {city}시장")


# -- agreements ----------------------------------------------------------------------------


def test_sister_city_tie_with_year() -> None:
    text = (
        "서울시는 1977년 브라질 상파울루와 자매결연을 맺었다. "
        "이후 두 도시는 청소년 교류를 이어 왔다."
    )
    x = run(text)
    r = relation(x, "agreement", seoul(x), entity(x, EntityType.CITY, "São Paulo"),
                 kind="sister")
    assert r.attributes["date"] == "1977"
    said(text, r, "상파울루", "자매결연")


def test_friendship_city_agreement_with_day() -> None:
    text = (
        "서울시는 9월 20일 키이우와 우호도시 협약을 체결했다. "
        "협약에 따라 두 도시는 재건 경험을 나눈다."
    )
    x = run(text)
    r = relation(x, "agreement", seoul(x), entity(x, EntityType.CITY, "Kyiv"),
                 kind="friendship")
    assert r.attributes["date"] == "2023-09-20"
    said(text, r, "키이우", "우호도시")


def test_chinseon_city_is_a_sister_tie_with_its_wording() -> None:
    text = (
        "서울시는 웰링턴과 친선도시 협약을 맺는다. "
        "협약식은 다음 주 시청에서 열린다."
    )
    x = run(text)
    r = relation(x, "agreement", seoul(x), entity(x, EntityType.CITY, "Wellington"),
                 kind="sister")
    assert r.attributes["wording"] == "친선도시"
    said(text, r, "웰링턴", "친선도시")


def test_upgrade_is_marked() -> None:
    text = "서울시는 리마와의 관계를 친선도시로 격상했다. 협약식에는 양측 대표단이 참석했다."
    x = run(text)
    r = relation(x, "agreement", seoul(x), entity(x, EntityType.CITY, "Lima"), kind="sister")
    assert r.attributes["upgrade"] == "true"
    said(text, r, "리마", "친선도시")


def test_past_agreement_stated_in_passing_keeps_its_date() -> None:
    text = (
        "서울시는 2008년 하노이와 우호도시 협정을 맺은 이후 매년 교류 행사를 열고 있다. "
        "올해 행사는 11월에 열린다."
    )
    x = run(text)
    r = relation(x, "agreement", seoul(x), entity(x, EntityType.CITY, "Hanoi"),
                 kind="friendship")
    assert r.attributes["date"] == "2008"
    said(text, r, "하노이", "우호도시")


def test_the_two_cities_refers_back_to_the_last_city() -> None:
    text = (
        "서울시는 자카르타와 스마트시티 협력을 넓힌다. "
        "두 도시는 2011년 자매결연을 맺은 뒤 여러 사업을 함께 해 왔다."
    )
    x = run(text)
    r = relation(x, "agreement", seoul(x), entity(x, EntityType.CITY, "Jakarta"),
                 kind="sister")
    assert r.attributes["date"] == "2011"
    said(text, r, "자매결연")
    assert text.index("두 도시는") < r.evidence[0].start


# -- meetings ---------------------------------------------------------------------------------


def test_bilateral_talks_between_two_named_people() -> None:
    text = (
        "오세훈 서울시장은 21일 시청에서 마리아 로페스(Maria Lopez) 리마 시장과 "
        "양자회담을 가졌다. 회담은 한 시간 동안 진행됐다."
    )
    x = run(text)
    oh = entity(x, EntityType.PERSON, "오세훈")
    lopez = entity(x, EntityType.PERSON, "Maria Lopez")
    r = relation(x, "meeting", oh, lopez)
    said(text, r, "오세훈", "마리아 로페스", "양자회담")
    said(text, relation(x, "office", lopez, entity(x, EntityType.CITY, "Lima"), role="mayor"),
         "리마 시장")


def test_courtesy_meeting_with_a_vice_mayor() -> None:
    text = (
        "김철수(Kim Chul-soo) 서울시 부시장은 응우옌 반 남(Nguyen Van Nam) 하노이 시장과 "
        "면담했다. 두 사람은 도시철도 협력을 논의했다."
    )
    x = run(text)
    kim = entity(x, EntityType.PERSON, "Kim Chul-soo")
    nam = entity(x, EntityType.PERSON, "Nguyen Van Nam")
    said(text, relation(x, "meeting", kim, nam), "김철수", "응우옌 반 남", "면담")
    said(text, relation(x, "office", kim, seoul(x), role="vice_mayor"), "서울시 부시장")
    said(text, relation(x, "office", nam, entity(x, EntityType.CITY, "Hanoi"), role="mayor"),
         "하노이 시장")


# -- policies, events, prizes -------------------------------------------------------------


def test_numbered_policy_list_in_a_sentence() -> None:
    text = (
        "서울시는 포럼에서 대표 정책 세 가지를 알린다. "
        "① 청계천 복원 ② 공공자전거 따릉이 ③ 서울형 키즈카페가 그것이다."
    )
    x = run(text)
    for name in ("청계천 복원", "공공자전거 따릉이", "서울형 키즈카페"):
        policy = entity(x, EntityType.POLICY, name)
        assert mentioned(text, policy) == [name]
        said(text, relation(x, "policy", policy, seoul(x)), name)


def test_numbered_policy_list_one_per_line() -> None:
    text = (
        "서울시는 이번 행사에서 다음 정책을 소개한다.\n"
        "① 녹색 교통지대\n"
        "② 한강 수상버스\n"
    )
    x = run(text)
    assert sorted(e.labels.ko for e in x.entities if e.type is EntityType.POLICY) == [
        "녹색 교통지대", "한강 수상버스"
    ]
    for name in ("녹색 교통지대", "한강 수상버스"):
        said(text, relation(x, "policy", entity(x, EntityType.POLICY, name), seoul(x)), name)


def test_numbered_list_without_policies_is_not_a_policy_list() -> None:
    text = "참가 신청은 다음과 같이 받는다.\n① 누리집 접수\n② 현장 접수\n"
    x = run(text)
    assert [e for e in x.entities if e.type is EntityType.POLICY] == []


def test_quoted_event_name_is_an_event_hosted_in_a_city() -> None:
    text = (
        "서울시는 11월 리스본에서 '서울 미식주간'을 개최한다. "
        "행사에는 현지 시민 2천 명이 참가할 예정이다."
    )
    x = run(text)
    event = entity(x, EntityType.EVENT, "서울 미식주간")
    assert mentioned(text, event) == ["서울 미식주간"]
    said(text, relation(x, "host", seoul(x), event), "서울시는", "서울 미식주간", "개최")
    said(text, relation(x, "located_in", event, entity(x, EntityType.CITY, "Lisbon")),
         "리스본에서", "서울 미식주간")


def test_prize_won_in_a_year() -> None:
    text = (
        "서울시는 2021년 세계녹색도시혁신상(World Green City Innovation Prize)을 수상했다. "
        "시상식은 네덜란드에서 열렸다."
    )
    x = run(text)
    prize = entity(x, EntityType.PRIZE, "World Green City Innovation Prize")
    assert prize.labels.ko == "세계녹색도시혁신상"
    r = relation(x, "award", seoul(x), prize)
    assert r.attributes["year"] == "2021"
    said(text, r, "세계녹색도시혁신상", "수상")
