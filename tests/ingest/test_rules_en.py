"""English rules on short, hand-written press-release texts.

Every relation asserted here is also checked for its evidence: the span
``text[start:end]`` must hold the words that state it.
"""

from __future__ import annotations

from datetime import date

import pytest

from citygraph.ingest.extraction import Entity, EntityType, Extraction
from citygraph.ingest.pipeline import extract_text

from .expect import entity, relation, said

PUBLISHED = date(2023, 9, 25)


def run(text: str) -> Extraction:
    x = extract_text(text, published=PUBLISHED)
    assert x.document.language == "en"
    return x


def city(x: Extraction, name: str) -> Entity:
    return entity(x, EntityType.CITY, name)


# -- people in office ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "person", "place", "role", "words"),
    [
        (
            "Mayor Anna Berg of Stockholm arrived in Seoul on Monday for a three-day visit.",
            "Anna Berg", "Stockholm", "mayor", ("Mayor Anna Berg of Stockholm",),
        ),
        (
            "Carlos Mendes, Mayor of Lisbon, toured the new bus depot with city engineers.",
            "Carlos Mendes", "Lisbon", "mayor", ("Carlos Mendes, Mayor of Lisbon",),
        ),
        (
            "Hamburg Mayor Lena Fischer arrived in Seoul on Tuesday with a trade delegation.",
            "Lena Fischer", "Hamburg", "mayor", ("Hamburg Mayor Lena Fischer",),
        ),
        (
            "Lord Mayor Tom Hughes of Brisbane opened the river festival on Saturday.",
            "Tom Hughes", "Brisbane", "lord_mayor", ("Lord Mayor Tom Hughes of Brisbane",),
        ),
        (
            "Vice Mayor Rosa Lima of Quito spoke about cable cars at the session.",
            "Rosa Lima", "Quito", "vice_mayor", ("Vice Mayor Rosa Lima of Quito",),
        ),
    ],
)
def test_person_in_office(
    text: str, person: str, place: str, role: str, words: tuple[str, ...]
) -> None:
    x = run(text)
    p = entity(x, EntityType.PERSON, person)
    assert {text[m.start : m.end] for m in p.mentions} == {person}
    r = relation(x, "office", p, city(x, place), role=role)
    said(text, r, *words)


def test_later_title_and_surname_is_the_same_person() -> None:
    text = (
        "Mayor Anna Berg of Stockholm arrived in Seoul on Monday. "
        "On Tuesday, Mayor Berg rode the city's new autonomous bus."
    )
    x = run(text)
    berg = entity(x, EntityType.PERSON, "Anna Berg")
    assert [text[m.start : m.end] for m in berg.mentions] == ["Anna Berg", "Berg"]
    assert len([e for e in x.entities if e.type is EntityType.PERSON]) == 1


# -- agreements ----------------------------------------------------------------------------


def test_sister_city_agreement_with_year() -> None:
    text = (
        "Seoul signed a sister city agreement with Bogota in 1998. "
        "The two cities have since exchanged trainee officials every year."
    )
    x = run(text)
    r = relation(x, "agreement", city(x, "Seoul"), city(x, "Bogotá"), kind="sister")
    assert r.attributes["date"] == "1998"
    said(text, r, "sister city agreement", "Bogota")


def test_friendship_city_agreement() -> None:
    text = "Seoul and Hanoi signed a friendship city agreement in 2013 to share transit know-how."
    x = run(text)
    r = relation(x, "agreement", city(x, "Seoul"), city(x, "Hanoi"), kind="friendship")
    assert r.attributes["date"] == "2013"
    said(text, r, "Hanoi", "friendship city")


def test_mou_between_cities_named_earlier() -> None:
    text = (
        "Mayor Aziz Karimov of Tashkent visited Seoul on Monday with a business delegation. "
        "The two cities then signed an MOU on urban transport."
    )
    x = run(text)
    r = relation(x, "agreement", city(x, "Seoul"), city(x, "Tashkent"), kind="mou")
    said(text, r, "signed an MOU")


# -- meetings, prizes, hosts, places -----------------------------------------------------------


def test_the_two_mayors_held_talks() -> None:
    text = (
        "Mayor Oh Se-hoon of Seoul welcomed Mayor Lena Fischer of Hamburg at City Hall on "
        "Wednesday. The two mayors held talks on climate policy."
    )
    x = run(text)
    oh = entity(x, EntityType.PERSON, "Oh Se-hoon")
    fischer = entity(x, EntityType.PERSON, "Lena Fischer")
    r = relation(x, "meeting", oh, fischer)
    said(text, r, "The two mayors held talks")
    said(text, relation(x, "office", fischer, city(x, "Hamburg"), role="mayor"),
         "Mayor Lena Fischer of Hamburg")


def test_prize_won_in_a_year() -> None:
    text = "Seoul won the Global Green City Prize in 2018 for its river restoration."
    x = run(text)
    prize = entity(x, EntityType.PRIZE, "Global Green City Prize")
    r = relation(x, "award", city(x, "Seoul"), prize)
    assert r.attributes["year"] == "2018"
    said(text, r, "Seoul won the Global Green City Prize in 2018")


def test_event_hosted_by_an_organization() -> None:
    text = (
        "The Urban Water Summit was hosted by the Asian Cities Organization in Bangkok. "
        "Forty cities sent delegates."
    )
    x = run(text)
    event = entity(x, EntityType.EVENT, "Urban Water Summit")
    host = entity(x, EntityType.ORGANIZATION, "Asian Cities Organization")
    said(text, relation(x, "host", host, event), "Asian Cities Organization")


def test_city_the_capital_of_a_country() -> None:
    text = "Delegates travelled to Nairobi, the capital of Kenya, for the water forum."
    x = run(text)
    kenya = entity(x, EntityType.COUNTRY, "Kenya")
    r = relation(x, "located_in", city(x, "Nairobi"), kenya)
    said(text, r, "Nairobi, the capital of Kenya")


def test_event_at_a_venue() -> None:
    text = "The 2019 Seoul Smart Mobility Forum at COEX drew 3,000 visitors over two days."
    x = run(text)
    event = entity(x, EntityType.EVENT, "2019 Seoul Smart Mobility Forum")
    venue = entity(x, EntityType.VENUE, "COEX")
    said(text, relation(x, "located_in", event, venue), "Smart Mobility Forum at COEX")
