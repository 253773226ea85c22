"""The Korean analyser: what one run registers, no other run sees, and nothing piles up."""

from __future__ import annotations

from datetime import date

import pytest

from citygraph.ingest import hangul
from citygraph.ingest.extraction import to_json
from citygraph.ingest.gazetteer import Entry, Gazetteer, PlaceKind
from citygraph.ingest.pipeline import extract_text

PUBLISHED = date(2024, 6, 3)
B = "서울시는 1994년 아테네시와 우호도시 협정을 맺었다."
A = "서울시는 아테네시와 문화 교류를 이어 왔다."


def curated_names(gazetteer: Gazetteer) -> frozenset[str]:
    return hangul.proper_nouns(n for n, e in gazetteer.names("ko") if e.curated)


@pytest.fixture(scope="module")
def glued() -> Gazetteer:
    """The bundled gazetteer and one more proper noun, 아테네시와: a place glued to its particle."""
    extra = Entry("glued", PlaceKind.CITY, "Glued", "아테네시와", curated=True)
    return Gazetteer([*Gazetteer.load(), extra])


def test_a_run_leaves_nothing_behind_for_later_runs(glued: Gazetteer) -> None:
    bundled = hangul.analyzer(curated_names(Gazetteer.load()))
    # the word the other gazetteer registers would hide Athens in B if it leaked
    assert ("아테네시와", "NNP") in [
        (t.form, t.tag) for t in hangul.analyzer(curated_names(glued)).tokens(B)
    ]
    tokens = bundled.tokens(B)
    first = to_json(extract_text(B, published=PUBLISHED))
    extract_text(A, published=PUBLISHED, gazetteer=glued)
    again = to_json(extract_text(B, published=PUBLISHED))
    assert again == first
    assert "city/athens" in {e["id"] for e in first["entities"]}
    assert bundled.tokens(B) == tokens


def test_analysers_are_loaded_once_and_do_not_grow(glued: Gazetteer) -> None:
    names = curated_names(Gazetteer.load())
    extract_text(B, published=PUBLISHED)
    extract_text(A, published=PUBLISHED, gazetteer=glued)
    loaded = hangul.analyzer.cache_info()
    for _ in range(3):
        extract_text(B, published=PUBLISHED)
        extract_text(A, published=PUBLISHED, gazetteer=glued)
    after = hangul.analyzer.cache_info()
    assert after.misses == loaded.misses  # no analyser was loaded again
    assert after.currsize <= hangul.KEEP
    assert hangul.analyzer(names).names == names
    assert hangul.analyzer(curated_names(glued)).names == names | {"아테네시와"}
