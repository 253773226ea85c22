"""Back-references to an agreement ("이번 협약", "this agreement") are not new agreements."""

from __future__ import annotations

import pytest

from citygraph.ingest.coreference import drop_back_references, is_back_reference
from citygraph.ingest.extraction import (
    DocumentInfo,
    Evidence,
    Extraction,
    Relation,
    RelationType,
)
from citygraph.ingest.pipeline import extract_file

from ..conftest import TEST_DATA


@pytest.mark.parametrize(("text", "word", "back"), [
    ("양 도시는 이번 협약으로 교류를 넓힌다", "협약", True),
    ("동 협약에 따라 두 도시는", "협약", True),
    ("해당 양해각서는 3년간 유효하다", "양해각서", True),
    ("Under this agreement, both cities", "agreement", True),
    ("The said memorandum takes effect", "memorandum", True),
    ("서울시장이 협약을 맺었다", "협약", False),
    ("우호도시 협약을 체결했다", "협약", False),
    ("signed a friendship agreement", "agreement", False),
])
def test_a_determiner_before_the_word_refers_back(text: str, word: str, back: bool) -> None:
    start = text.index(word)
    assert is_back_reference(text, start, start + len(word)) is back


def agreement(kind: str, start: int, end: int, target: str = "city/lisbon") -> Relation:
    return Relation(RelationType.AGREEMENT, "city/seoul", target, {"kind": kind},
                    (Evidence(start, end, "test", 0.8),))


TEXT = "서울과 리스본이 우호도시 협약을 맺었다. 이번 협약으로 교류가 는다."


def test_only_an_agreement_stated_outright_elsewhere_absorbs_the_back_reference() -> None:
    back = agreement("mou", TEXT.index("협약으로"), TEXT.index("협약으로") + 2)
    alone = Extraction(DocumentInfo("d", "", "", "ko"), (), (back,))
    assert drop_back_references(alone, TEXT).relations == (back,)  # nothing to refer back to
    other = agreement("mou", back.evidence[0].start, back.evidence[0].end, "city/porto")
    both = Extraction(DocumentInfo("d", "", "", "ko"), (),
                      (agreement("friendship", 9, 16), back, other))
    kinds = [(r.target, r.attributes["kind"]) for r in drop_back_references(both, TEXT).relations]
    assert kinds == [("city/lisbon", "friendship"), ("city/porto", "mou")]


def test_the_lisbon_release_has_one_agreement() -> None:
    x = extract_file(TEST_DATA / "curation" / "seoul-lisbon.ko.txt")
    agreements = [r for r in x.relations if r.type is RelationType.AGREEMENT]
    assert [(r.target, r.attributes["kind"]) for r in agreements] == [
        ("city/lisbon", "friendship")]
