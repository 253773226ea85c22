"""Publishing reviewed documents: versions, decisions, PROV-O, rollback, failures."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from citygraph.graph.home import current_store, published_dir
from citygraph.graph.store.base import SelectResult
from citygraph.graph.store.opening import open_current
from citygraph.graph.write.build import BuildError, build
from citygraph.graph.write.documents import history, load
from citygraph.graph.write.publish import publish, published_version, rollback
from citygraph.ingest.errors import NotFound
from citygraph.ingest.extraction import Evidence, Extraction, Relation, RelationType
from citygraph.ingest.pipeline import extract
from citygraph.ingest.reader import read

from ...conftest import TEST_DATA

TINY = TEST_DATA / "tiny"
LISBON = TEST_DATA / "curation" / "seoul-lisbon.ko.txt"
AGREEMENTS = """
PREFIX cg: <https://w3id.org/citygraph/ontology#>
SELECT ?kind WHERE { GRAPH <https://w3id.org/citygraph/id/source/document/seoul-lisbon.ko> {
  ?a a cg:Agreement ; cg:agreementKind ?kind } }"""
MEETINGS = """
PREFIX cg: <https://w3id.org/citygraph/ontology#>
SELECT ?e WHERE { ?e cg:eventKind ?k FILTER(STRENDS(STR(?k), "bilateral_meeting")) }"""
ACTIVITIES = """
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?a ?who ?what WHERE {
  GRAPH <https://w3id.org/citygraph/id/source/document/seoul-lisbon.ko> {
    ?a a prov:Activity ; prov:wasAssociatedWith [ <http://www.w3.org/2000/01/rdf-schema#label>
    ?who ] ; <http://purl.org/dc/terms/description> ?what } } ORDER BY ?a"""


def rows(home: Path, query: str) -> list[dict[str, str]]:
    result = open_current(home).query(query)
    assert isinstance(result, SelectResult)
    return [{k: v.value for k, v in r.items()} for r in result.rows]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    build(TINY, tmp_path / "home")
    return tmp_path / "home"


@pytest.fixture(scope="module")
def lisbon() -> tuple[Extraction, str]:
    source = read(LISBON)
    return extract(source), source.text


def reviewed(x: Extraction, text: str) -> Extraction:
    """Reject the agreement; add the meeting of Seoul and Lisbon the extractor missed."""
    start = text.index("이튿날")
    meeting = Relation(RelationType.MEETING, "city/seoul", "city/lisbon", {"date": "2024-05-14"},
                       (Evidence(start, text.index("\n", start), "review.added", 1.0),), "added")
    relations = tuple(replace(r, review="rejected") if r.type is RelationType.AGREEMENT
                      else r for r in x.relations)
    return replace(x, relations=(*relations, meeting))


def test_a_publish_is_a_version_with_its_decisions(home: Path,
                                                   lisbon: tuple[Extraction, str]) -> None:
    x, text = lisbon
    first = publish([(x, text)], sources=TINY, home=home, who="kim", drafts={x.document.id: 3})
    assert [(p.version, p.who, p.draft, p.rejected) for p in first.publications] == [
        (1, "kim", 3, 0)]
    assert [r["kind"].rsplit("/", 1)[1] for r in rows(home, AGREEMENTS)] == ["friendship"]
    meetings = len(rows(home, MEETINGS))
    second = publish([(reviewed(x, text), text)], sources=TINY, home=home, who="lee")
    [p] = second.publications
    assert (p.version, p.who, p.accepted, p.rejected, p.added) == (
        2, "lee", len(x.relations) - 1, 1, 1)
    assert rows(home, AGREEMENTS) == []  # rejected: out of the graph
    assert len(rows(home, MEETINGS)) == meetings + 1  # added: in it
    assert [h.version for h in history(home, x.document.id)] == [1, 2]
    activities = rows(home, ACTIVITIES)
    assert [(a["who"], a["what"].split(":")[0]) for a in activities] == [
        ("kim", "publish by kim"), ("lee", "publish by lee")]
    assert "rejected 1" in activities[1]["what"] and "added 1" in activities[1]["what"]
    # the version file keeps the rejected relation, with its decision: a gold file
    kept, _ = published_version(home, x.document.id, 2)
    assert sorted(r.review or "" for r in kept.relations) == [
        *[""] * (len(x.relations) - 1), "added", "rejected"]
    assert [r.review for r in load(home)[0].extraction.relations].count("rejected") == 0


def test_rollback_publishes_an_earlier_version_again(home: Path,
                                                    lisbon: tuple[Extraction, str]) -> None:
    x, text = lisbon
    publish([(x, text)], sources=TINY, home=home, who="kim")
    publish([(reviewed(x, text), text)], sources=TINY, home=home, who="kim")
    report = rollback(x.document.id, 1, sources=TINY, home=home, who="admin")
    [p] = report.publications
    assert (p.version, p.action, p.restored, p.who) == (3, "rollback", 1, "admin")
    assert [r["kind"].rsplit("/", 1)[1] for r in rows(home, AGREEMENTS)] == ["friendship"]
    with pytest.raises(NotFound, match="no published version 7"):
        rollback(x.document.id, 7, sources=TINY, home=home)


def test_a_failed_publish_leaves_the_graph_and_the_history(home: Path,
                                                           lisbon: tuple[Extraction, str]) -> None:
    x, text = lisbon
    publish([(x, text)], sources=TINY, home=home, who="kim")
    store = current_store(home)
    bad = replace(x, entities=tuple(
        replace(e, attributes={**e.attributes, "lat": "123.5"}) if e.id == "city/lisbon" else e
        for e in x.entities))
    with pytest.raises(BuildError):
        publish([(bad, text)], sources=TINY, home=home, who="kim")
    assert current_store(home) == store
    assert [h.version for h in history(home, x.document.id)] == [1]
    # the version file the failed publish wrote is named by no history: the next overwrites it
    assert (published_dir(home, x.document.id) / "2.json").exists()
    publish([(x, text)], sources=TINY, home=home, who="kim")
    assert published_version(home, x.document.id, 2)[0].entities == x.entities


def test_published_documents_export_as_an_evaluation_set(home: Path, tmp_path: Path,
                                                         lisbon: tuple[Extraction, str]) -> None:
    from citygraph.graph.write.publish import export_gold
    from citygraph.ingest.evaluate import evaluate
    from citygraph.ingest.extraction import from_json

    x, text = lisbon
    publish([(reviewed(x, text), text)], sources=TINY, home=home, who="kim")
    [gold_file] = export_gold(home, tmp_path / "set")
    assert gold_file.name == "seoul-lisbon.ko.gold.json"
    assert (tmp_path / "set" / "seoul-lisbon.ko.txt").read_text(encoding="utf-8") == text
    import json
    gold = from_json(json.loads(gold_file.read_text(encoding="utf-8")))
    assert sorted(r.review or "" for r in gold.relations) == [
        *[""] * (len(x.relations) - 1), "added"]
    report = evaluate(x, gold, threshold=0)
    assert report.relation_total.fn == 1  # the meeting the extractor missed
    assert report.relation_total.fp == 1  # the agreement the reviewer rejected
