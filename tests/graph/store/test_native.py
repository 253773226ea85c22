"""Answers the engine writes itself: the same solutions, cut exactly at the row cap."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from citygraph.graph.store import embedded
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.native import JSON, NATIVE, TSV, XML, Writer
from citygraph.graph.store.results import to_sparql_json

# literals that look like the structure the rows are counted by
TRICKY = ['},{', '[{"a":1}', '<result>', 'two\nlines', 'tab\there', '"quoted"', '\\', '서울']
DATA = b"".join(
    f'<http://ex.org/c{i}> <http://ex.org/name> {json.dumps(text, ensure_ascii=False)}@en .\n'
    .encode() for i, text in enumerate(TRICKY)
) + (b'<http://ex.org/c0> <http://ex.org/founded> '
     b'"1394"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n')
QUERY = ("SELECT ?s ?name ?year WHERE { ?s <http://ex.org/name> ?name "
         "OPTIONAL { ?s <http://ex.org/founded> ?year } } ORDER BY ?name")
SR = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture
def store() -> OxigraphStore:
    s = OxigraphStore.in_memory()
    s.load_nquads(DATA)
    return s


def _solutions(body: bytes, media_type: str) -> list[dict[str, str]]:
    if media_type.endswith("json"):
        return [{k: v["value"] for k, v in row.items()}
                for row in json.loads(body)["results"]["bindings"]]
    if media_type.endswith("xml"):
        return [{b.attrib["name"]: "".join(b.itertext()) for b in result}
                for result in ET.fromstring(body).iter(SR + "result")]  # noqa: S314 (ours)
    lines = body.decode().split("\n")
    return [{"line": line} for line in lines[1:] if line]


@pytest.mark.parametrize("media_type", sorted(NATIVE))
def test_the_engine_writes_the_same_solutions(store: OxigraphStore, media_type: str) -> None:
    answer = store.answer(QUERY, media_type)
    assert answer is not None and answer.rows == len(TRICKY) and not answer.truncated
    if media_type.endswith("json"):
        ours = to_sparql_json(store.query(QUERY))
        assert json.loads(answer.body) == ours
    assert len(_solutions(answer.body, media_type)) == len(TRICKY)


@pytest.mark.parametrize("media_type", sorted(NATIVE))
@pytest.mark.parametrize("cap", [0, 1, 3, 7])
def test_a_cut_answer_holds_the_first_rows_and_stays_well_formed(
        store: OxigraphStore, media_type: str, cap: int) -> None:
    whole = store.answer(QUERY, media_type)
    cut = store.answer(QUERY, media_type, max_rows=cap)
    assert whole is not None and cut is not None
    assert cut.truncated and cut.rows == cap
    assert _solutions(cut.body, media_type) == _solutions(whole.body, media_type)[:cap]


@pytest.mark.parametrize("writer", [JSON, XML, TSV], ids=["json", "xml", "tsv"])
def test_a_part_cut_anywhere_never_counts_a_row_not_begun(store: OxigraphStore,
                                                          writer: Writer) -> None:
    media_type = next(m for m, w in NATIVE.items() if w is writer)
    whole = store.answer(QUERY, media_type)
    assert whole is not None
    body = whole.body
    starts = [writer.begun(body[:end]) for end in range(len(body) + 1)]
    assert starts == sorted(starts) and starts[-1] == len(TRICKY)
    for end, begun in enumerate(starts):
        if begun:  # every part keeps its whole rows when cut
            rows = _solutions(writer.cut(body[:end], begun - 1), media_type)
            assert rows == _solutions(body, media_type)[:begun - 1]


def test_answers_past_the_bytes_take_the_capped_way(store: OxigraphStore,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedded, "NATIVE_BYTES", 100)
    assert store.answer(QUERY, "application/sparql-results+json") is None
    assert store.answer(QUERY, "text/csv") is None  # CSV escapes formulas: ours
    assert store.answer("ASK { ?s ?p ?o }", "application/sparql-results+json") is None


def test_the_engine_is_stopped_soon_after_the_cap() -> None:
    many = OxigraphStore.in_memory()
    many.load_nquads(b"".join(f'<http://ex.org/c{i}> <http://ex.org/name> "city {i}}},{{{{" .\n'
                              .encode() for i in range(20_000)))
    for media_type in sorted(NATIVE):
        answer = many.answer("SELECT ?s ?n WHERE { ?s ?p ?n }", media_type, max_rows=100)
        assert answer is not None and answer.truncated and answer.rows == 100
        assert len(_solutions(answer.body, media_type)) == 100
        assert len(answer.body) < 200 * 1024  # stopped at the first count past 64 KB
