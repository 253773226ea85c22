"""Name matching for search: normalisation, edit distance, jamo."""

import pytest

from citygraph.graph.network.project import example_store
from citygraph.graph.read.search import build_index, distance, jamo, normalise


@pytest.mark.parametrize(("text", "folded"), [
    ("Wellington", "wellington"),
    ("  São Paulo ", "saopaulo"),
    ("Washington, D.C.", "washingtondc"),
    ("Ｋｙｉｖ", "kyiv"),  # full-width letters (NFKC)
    ("Straße", "strasse"),  # case folding
    ("서울 특별시", "서울특별시"),
    ("(주)에이원트래픽 R&D", "주에이원트래픽rd"),
    ("!!!", ""),
])
def test_normalise(text: str, folded: str) -> None:
    assert normalise(text) == folded


@pytest.mark.parametrize(("a", "b", "limit", "expected"), [
    ("kyiv", "kyiv", 1, (0, 0)),
    ("kiyv", "kyiv", 1, (1, 1)),  # a swap is one edit
    ("welington", "wellington", 2, (1, 1)),
    ("welin", "wellington", 1, (2, 1)),  # one edit from a prefix
    ("tokio", "tokyo", 1, (1, 1)),
    ("paris", "tokyo", 2, (3, 3)),  # past the limit: limit + 1
    ("", "abc", 1, (2, 0)),
])
def test_distance(a: str, b: str, limit: int, expected: tuple[int, int]) -> None:
    assert distance(a, b, limit) == expected


def test_jamo_makes_near_hangul_spellings_near() -> None:
    # 턴 and 톤 differ in a whole syllable but in one letter of it
    assert distance(jamo("웰링톤"), jamo("웰링턴"), 2)[0] == 1
    assert jamo("웰링턴").startswith(jamo("웰리"))
    assert jamo("ㅇ") == jamo("오")[0]


def test_index_from_the_example_store() -> None:
    index = build_index(example_store())
    assert len(index) == 2
    assert [h.label_en for h in index.search("taipei")] == ["Taipei"]
    assert index.search("https://w3id.org/citygraph/id/place/seoul")[0].score == 1.0
    assert index.search("Seoul", types=["Person"]) == []
    assert index.search("s", limit=0) == []
