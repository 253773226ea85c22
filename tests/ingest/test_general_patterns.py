"""General patterns of releases the rules were not written on, on short hand-written texts.

Formal documents (signature blocks, title-first names, headings that name the
agreement, visits at an invitation), courtesy calls, titles that refer back to
a person, provinces and states from the region reference, and agreements
stated in passing.  Each relation is checked for the words that state it.
"""

from __future__ import annotations

from datetime import date

import pytest

from citygraph.ingest.extraction import EntityType, Extraction
from citygraph.ingest.pipeline import extract_text

from .expect import entity, relation, said


def run(text: str) -> Extraction:
    return extract_text(text, published=date(2010, 5, 1))


# -- formal documents ------------------------------------------------------------------------

DECLARATION = """COMMON DECLARATION
between the City of Prague and the Seoul Metropolitan Government

On the occasion of the visit of Mayor of Seoul, Lee, Myung Bak, to the City of Prague by the \
invitation of Mayor of the City of Prague, Pavel Bém, the two cities agreed to cooperate.

Signed in Prague on 21 April 2008.

Lee, Myung Bak                      Pavel Bem
Mayor of Seoul                      Mayor of Prague
"""


def test_a_heading_names_the_agreement_between_two_cities() -> None:
    x = run(DECLARATION)
    seoul, prague = (entity(x, EntityType.CITY, n) for n in ("Seoul", "Prague"))
    r = relation(x, "agreement", seoul, prague, kind="declaration")
    said(DECLARATION, r, "COMMON DECLARATION", "between the City of Prague")


def test_signature_blocks_and_title_first_names_give_offices() -> None:
    x = run(DECLARATION)
    lee = entity(x, EntityType.PERSON, "Lee, Myung Bak")
    bem = entity(x, EntityType.PERSON, "Pavel Bém")
    assert "Pavel Bem" in bem.aliases  # the signature without the accent is the same person
    seoul, prague = (entity(x, EntityType.CITY, n) for n in ("Seoul", "Prague"))
    office = relation(x, "office", lee, seoul, role="mayor")
    said(DECLARATION, office, "Mayor of Seoul, Lee, Myung Bak")
    assert {v.rule for v in office.evidence} == {
        "en.person.office.title_first", "en.person.office.signature"}
    said(DECLARATION, relation(x, "office", bem, prague, role="mayor"), "Pavel Bem")


def test_a_signature_block_alone_in_columns() -> None:
    text = ("The two cities signed a friendship agreement.\n\n"
            "Anna Berg\t\tOh Se-hoon\nMayor of Stockholm\t\tMayor of Seoul\n")
    x = run(text)
    berg = entity(x, EntityType.PERSON, "Anna Berg")
    said(text, relation(x, "office", berg, entity(x, EntityType.CITY, "Stockholm"),
                        role="mayor"), "Anna Berg", "Mayor of Stockholm")


def test_lines_of_prose_are_no_signature_block() -> None:
    x = run("The forum opened on Monday in Seoul.\nMayor of Seoul spoke to the press.\n")
    assert not [e for e in x.entities if e.type is EntityType.PERSON]


def test_a_visit_at_the_invitation_of_a_host_is_a_meeting() -> None:
    x = run(DECLARATION)
    lee = entity(x, EntityType.PERSON, "Lee, Myung Bak")
    bem = entity(x, EntityType.PERSON, "Pavel Bém")
    said(DECLARATION, relation(x, "meeting", bem, lee), "invitation of")


def test_an_ambassador_of_a_country_holds_no_office_in_the_country() -> None:
    x = run("Vice Mayor Kim received the Ambassador of France, Philippe Lefort, on Monday.")
    assert not [r for r in x.relations if r.type.value == "office" and "country/" in r.target]


# -- meetings and courtesy calls ---------------------------------------------------------------


@pytest.mark.parametrize("verb", ["paid a courtesy call on", "met with", "held talks with"])
def test_english_meetings(verb: str) -> None:
    text = f"Mayor Oh Se-hoon of Seoul {verb} Mayor Anne Hidalgo of Paris on 12 May."
    x = run(text)
    oh, hidalgo = (entity(x, EntityType.PERSON, n) for n in ("Oh Se-hoon", "Anne Hidalgo"))
    said(text, relation(x, "meeting", oh, hidalgo), verb.split()[0])


@pytest.mark.parametrize(("text", "guest", "city"), [
    ("오세훈 서울시장은 13일 시청에서 방한 중인 마틴 월시 보스턴 시장을 접견했다.",
     "마틴 월시", "Boston"),
    ("박원순 서울시장은 14일 파리를 방문해 안 이달고 파리시장을 예방했다.", "안 이달고", "Paris"),
])
def test_korean_courtesy_calls_with_foreign_names_of_several_words(
    text: str, guest: str, city: str
) -> None:
    x = run(text)
    person = entity(x, EntityType.PERSON, guest)
    said(text, relation(x, "office", person, entity(x, EntityType.CITY, city), role="mayor"),
         guest)
    host = next(e for e in x.entities if e.labels.ko in ("오세훈", "박원순"))
    said(text, relation(x, "meeting", host, person), guest)


def test_a_meeting_of_cities_whose_people_are_unnamed_is_only_a_suggestion() -> None:
    x = run("서울시는 12일 부다페스트시와 도시재생 협력 방안을 논의하는 면담을 가졌다.")
    assert all(r.confidence < 0.6 for r in x.relations if r.type.value == "meeting")


# -- titles that refer back ------------------------------------------------------------------------


def test_the_governor_is_the_governor_named_before() -> None:
    text = ("Governor Christine Gregoire of Washington State arrived in Seoul on Monday. "
            "On Tuesday the Governor attended the Seoul Climate Forum at COEX.")
    x = run(text)
    gregoire = entity(x, EntityType.PERSON, "Christine Gregoire")
    forum = entity(x, EntityType.EVENT, "Seoul Climate Forum")
    said(text, relation(x, "participation", gregoire, forum), "Governor attended")


# -- regions and countries --------------------------------------------------------------------


@pytest.mark.parametrize(("text", "region", "label"), [
    ("A delegation from Gyeonggi Province visited Seoul.", "Gyeonggi Province", "경기도"),
    ("경기도 대표단이 서울시를 방문했다.", "경기도", "경기도"),
    ("The Washington State trade office opened in Seoul.", "Washington State", "워싱턴주"),
    ("광둥성 대표단이 서울을 찾았다.", "광둥성", "광둥성"),
])
def test_provinces_and_states_come_from_the_region_reference(
    text: str, region: str, label: str
) -> None:
    x = run(text)
    e = entity(x, EntityType.REGION, region)
    assert e.labels.ko == label


# -- agreements in passing --------------------------------------------------------------------


def test_sister_cities_since_a_year_and_a_renewed_mou() -> None:
    text = ("Seoul and Prague have been sister cities since 2006. "
            "The two cities renewed their MOU on tourism in 2010.")
    x = run(text)
    seoul, prague = (entity(x, EntityType.CITY, n) for n in ("Seoul", "Prague"))
    said(text, relation(x, "agreement", seoul, prague, kind="sister", date="2006"),
         "sister cities")
    said(text, relation(x, "agreement", seoul, prague, kind="mou", date="2010"), "renewed")


def test_an_agreement_between_two_partners_is_not_the_focus_citys() -> None:
    text = "Seoul welcomed the mayor. Hamburg has been a sister city of Osaka since 1989."
    x = run(text)
    hamburg, osaka = (entity(x, EntityType.CITY, n) for n in ("Hamburg", "Osaka"))
    said(text, relation(x, "agreement", hamburg, osaka, kind="sister", date="1989"), "Osaka")
    assert not [r for r in x.relations if r.type.value == "agreement" and "osaka" in r.target
                and r.source == "city/seoul"]


def test_a_korean_anniversary_names_the_sister_tie() -> None:
    text = "서울시와 하노이시는 1996년 친선도시 협정을 맺었으며 올해로 결연 20주년을 맞았다."
    x = run(text)
    seoul, hanoi = (entity(x, EntityType.CITY, n) for n in ("Seoul", "Hanoi"))
    said(text, relation(x, "agreement", seoul, hanoi, kind="sister", date="1996"), "친선도시")


def test_a_sentence_ends_after_a_year() -> None:
    text = "Seoul and Rome became sister cities in 2000. Tokyo signed an MOU with Seoul in 2010."
    x = run(text)
    seoul, rome = (entity(x, EntityType.CITY, n) for n in ("Seoul", "Rome"))
    r = relation(x, "agreement", seoul, rome, kind="sister")
    assert r.attributes["date"] == "2000"
    assert all("Tokyo" not in text[v.start:v.end] for v in r.evidence)


# -- where events are held, and whose officials --------------------------------------------------


def test_an_english_event_in_a_city() -> None:
    text = "Mayor Song will open the Seoul Tourism Roadshow in Athens on Wednesday."
    x = run(text)
    roadshow = entity(x, EntityType.EVENT, "Seoul Tourism Roadshow")
    said(text, relation(x, "located_in", roadshow, entity(x, EntityType.CITY, "Athens")),
         "Roadshow in Athens")


def test_a_korean_event_held_abroad_and_its_host() -> None:
    text = "한편 서울시는 올해 10월 아테네에서 '서울 문화주간'을 열어 전통공연을 선보인다."
    x = run(text)
    week = entity(x, EntityType.EVENT, "서울 문화주간")
    said(text, relation(x, "located_in", week, entity(x, EntityType.CITY, "Athens")),
         "아테네에서")
    said(text, relation(x, "host", entity(x, EntityType.CITY, "Seoul"), week), "서울시는")


def test_a_korean_official_of_the_city_named_with_ui() -> None:
    text = "11일에는 이탈리아 밀라노의 파올로 베르티(Paolo Berti) 시장과 만나 경험을 나눈다."
    x = run(text)
    berti = entity(x, EntityType.PERSON, "Paolo Berti")
    said(text, relation(x, "office", berti, entity(x, EntityType.CITY, "Milan"), role="mayor"),
         "파올로 베르티")
    assert not [r for r in x.relations if r.type.value == "office" and r.target == "city/seoul"]


def test_attended_by_names_who_took_part_in_the_event() -> None:
    text = ("Governor Agus Wibowo of Jakarta arrived on Monday. That evening, Seoul hosted the "
            "Seoul-Jakarta Sister City 30th Anniversary Reception at City Hall, attended by "
            "Governor Wibowo and members of the Indonesian community.")
    x = run(text)
    reception = entity(x, EntityType.EVENT, "Seoul-Jakarta Sister City 30th Anniversary Reception")
    wibowo = entity(x, EntityType.PERSON, "Agus Wibowo")
    said(text, relation(x, "participation", wibowo, reception), "attended by Governor Wibowo")
    assert [r.source for r in x.relations if r.type.value == "participation"] == [wibowo.id]


def test_attending_the_signing_is_not_attending_the_main_event() -> None:
    text = ("Seoul hosts the Water Forum on Monday. "
            "Minister Hadi Prasetyo of the Ministry of Public Works also attended the signing.")
    x = run(text)
    assert not [r for r in x.relations if r.type.value == "participation"]


def test_a_korean_title_before_the_name() -> None:
    text = "서울시 행정1부시장 김철수는 12일 주한 프랑스 대사와 만났다."
    x = run(text)
    kim = entity(x, EntityType.PERSON, "김철수")
    said(text, relation(x, "office", kim, entity(x, EntityType.CITY, "Seoul"), role="vice_mayor"),
         "행정1부시장 김철수")


def test_korean_agreements_of_a_partner_and_renewed_mous() -> None:
    text = ("함부르크는 오사카와 1989년 자매결연을 맺었다. "
            "서울시는 2010년 함부르크와 자매결연을 맺었으며 2014년 양해각서를 갱신했다.")
    x = run(text)
    seoul, hamburg, osaka = (entity(x, EntityType.CITY, n) for n in ("Seoul", "Hamburg", "Osaka"))
    said(text, relation(x, "agreement", hamburg, osaka, kind="sister", date="1989"), "오사카와")
    said(text, relation(x, "agreement", seoul, hamburg, kind="sister", date="2010"), "자매결연")
    said(text, relation(x, "agreement", seoul, hamburg, kind="mou", date="2014"), "양해각서")
    assert not [r for r in x.relations if r.type.value == "agreement" and r.target == osaka.id
                and r.source == seoul.id]


@pytest.mark.parametrize("text", [
    "서울공원에는 한국식 정자가 남아 있다.", "아크소이 시장은 한국전쟁 때를 회고했다.",
])
def test_a_country_that_qualifies_a_thing_is_no_country_mention(text: str) -> None:
    assert not [e for e in run(text).entities if e.type is EntityType.COUNTRY]


def test_a_governor_of_a_us_state_named_with_state_of() -> None:
    text = ("Seoul Mayor Kang Do-hyun will receive Governor Margaret Holloway of the U.S. state "
            "of Washington on Tuesday. Governor Holloway attended the Seoul Trade Forum.")
    x = run(text)
    holloway = entity(x, EntityType.PERSON, "Margaret Holloway")
    said(text, relation(x, "office", holloway, entity(x, EntityType.REGION, "Washington State"),
                        role="governor"), "state of Washington")
    said(text, relation(x, "participation", holloway,
                        entity(x, EntityType.EVENT, "Seoul Trade Forum")), "Holloway attended")


@pytest.mark.parametrize(("text", "venue"), [
    ("The reception was held at the Seoul Global Center on Monday.", "Seoul Global Center"),
    ("The delegation will tour the Paldang Water Treatment Plant on Friday.",
     "Paldang Water Treatment Plant"),
    ("The expo opens in COEX Hall C on Tuesday.", "COEX Hall C"),
])
def test_english_venues_by_their_last_word_or_a_preposition(text: str, venue: str) -> None:
    entity(run(text), EntityType.VENUE, venue)
