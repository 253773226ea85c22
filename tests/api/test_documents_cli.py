"""extract, ingest (review, accept) and eval, run as a user runs them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from rdflib import Dataset

from citygraph.graph.home import documents_dir
from citygraph.graph.store.base import SelectResult
from citygraph.graph.store.opening import open_current
from citygraph.graph.write.documents import load

from ..conftest import TEST_DATA

DOCS = TEST_DATA / "documents"
KO = DOCS / "seoul-athens.ko.txt"
EN = DOCS / "seoul-quito.en.txt"


def citygraph(
    *args: str, home: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-c", "from citygraph.api.cli import main; main()", *args]
    environment = {
        "PATH": "/usr/bin:/bin",
        "COLUMNS": "200",
        "HOME": "/nonexistent",
        "CITYGRAPH_SOURCES": str(TEST_DATA / "tiny"),
        **(env or {}),
    }
    if home is not None:
        environment["CITYGRAPH_HOME"] = str(home)
    return subprocess.run(argv, capture_output=True, text=True, timeout=300, env=environment)


def select(home: Path, sparql: str) -> list[dict[str, str]]:
    result = open_current(home).query(sparql)
    assert isinstance(result, SelectResult)
    return [{k: v.value for k, v in row.items()} for row in result.rows]


def test_extract_prints_the_documented_format() -> None:
    result = citygraph("extract", str(KO), str(EN), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["document"]["id"] for d in docs] == ["seoul-athens.ko", "seoul-quito.en"]
    assert docs[0]["format"] == "citygraph-extract/1"
    assert set(docs[0]) == {"format", "document", "entities", "relations", "warnings"}
    assert set(docs[0]["document"]) == {"id", "path", "sha256", "language", "title", "published"}
    assert (docs[0]["document"]["language"], docs[1]["document"]["language"]) == ("ko", "en")
    assert docs[0]["document"]["published"] == "2024-06-03"
    entity = docs[0]["entities"][0]
    assert set(entity) == {
        "id",
        "type",
        "labels",
        "aliases",
        "same_as",
        "country",
        "attributes",
        "mentions",
    }
    text = KO.read_text(encoding="utf-8")
    kinds = set()
    for r in docs[0]["relations"]:
        assert set(r) == {"type", "source", "target", "attributes", "evidence"}
        for ev in r["evidence"]:
            assert text[ev["start"] : ev["end"]]
        if r["type"] == "agreement":
            kinds.add((r["target"], r["attributes"]["kind"], r["attributes"].get("date")))
    assert ("city/athens", "friendship", "1994") in kinds
    as_list = citygraph("extract", str(EN), "--format", "json")
    assert json.loads(as_list.stdout)[0]["document"]["id"] == "seoul-quito.en"


def test_extract_as_trig_is_rdf() -> None:
    result = citygraph("extract", str(EN), "--format", "ttl")
    assert result.returncode == 0, result.stderr
    ds = Dataset()
    ds.parse(data=result.stdout, format="trig")
    graphs = {str(g.identifier) for g in ds.graphs()}
    assert "https://w3id.org/citygraph/id/source/document/seoul-quito.en" in graphs


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    result = citygraph("build", home=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path


GRAPH = "https://w3id.org/citygraph/id/source/document/seoul-athens.ko"
AGREEMENTS = f"""
PREFIX cg: <https://w3id.org/citygraph/ontology#>
SELECT ?kind ?start ?end WHERE {{
  GRAPH <{GRAPH}> {{ ?a a cg:Agreement ; cg:agreementKind ?kind ; cg:evidence ?ev .
                     ?ev cg:startOffset ?start ; cg:endOffset ?end }}
}} ORDER BY ?kind
"""


def test_ingest_adds_a_named_graph_with_evidence(home: Path) -> None:
    result = citygraph("ingest", str(KO), home=home)
    assert result.returncode == 0, result.stderr
    assert "new" in result.stdout
    rows = select(home, AGREEMENTS)
    text = KO.read_text(encoding="utf-8")
    kinds = {row["kind"].rsplit("/", 1)[1] for row in rows}
    assert kinds == {"friendship", "mou"}
    for row in rows:
        quote = text[int(row["start"]) : int(row["end"])]
        assert "우호도시" in quote or "양해각서" in quote or "MOU" in quote
    # the document and its text are kept, and every later build includes them
    assert (documents_dir(home) / "seoul-athens.ko.json").exists()
    assert (documents_dir(home) / "seoul-athens.ko.txt").read_text(encoding="utf-8") == text
    assert citygraph("build", home=home).returncode == 0
    assert select(home, AGREEMENTS) == rows
    # one thing, one node: Athens is the node the curated data knows, with more evidence
    athens = select(
        home,
        f"""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?city WHERE {{ GRAPH <{GRAPH}> {{ ?city rdfs:label "Athens"@en }} }}""",
    )
    assert len(athens) == 1


def test_reingesting_skips_unchanged_and_replaces_changed_files(home: Path, tmp_path: Path) -> None:
    doc = tmp_path / "seoul-athens.ko.txt"
    shutil.copy(KO, doc)
    assert citygraph("ingest", str(doc), home=home).returncode == 0
    again = citygraph("ingest", str(doc), home=home)
    assert again.returncode == 0 and "Nothing to do" in again.stdout
    doc.write_text(KO.read_text(encoding="utf-8").replace("1994년", "1995년"), encoding="utf-8")
    changed = citygraph("ingest", str(doc), home=home)
    assert changed.returncode == 0, changed.stderr
    assert "changed" in changed.stdout
    dates = select(
        home,
        f"""
        PREFIX cg: <https://w3id.org/citygraph/ontology#>
        SELECT ?date WHERE {{ GRAPH <{GRAPH}> {{ ?a cg:dateSigned ?date }} }}""",
    )
    assert [row["date"] for row in dates] == ["1995"]


def test_review_then_accept(home: Path, tmp_path: Path) -> None:
    review = tmp_path / "review.yaml"
    result = citygraph("ingest", str(KO), "--review", str(review), home=home)
    assert result.returncode == 0, result.stderr
    assert load(home) == [], "a review must not ingest"
    docs = yaml.safe_load(review.read_text(encoding="utf-8"))
    relations = docs[0]["relations"]
    assert all("accept" in r and r["evidence"][0]["quote"] for r in relations)
    for r in relations:  # the reviewer rejects the MOU
        if r["type"] == "agreement" and r["attributes"]["kind"] == "mou":
            r["accept"] = False
    review.write_text(yaml.safe_dump(docs, allow_unicode=True), encoding="utf-8")
    accepted = citygraph("ingest", "--accept", str(review), home=home)
    assert accepted.returncode == 0, accepted.stderr
    kinds = {row["kind"].rsplit("/", 1)[1] for row in select(home, AGREEMENTS)}
    assert kinds == {"friendship"}


def test_a_broken_review_file_is_named_and_changes_nothing(home: Path, tmp_path: Path) -> None:
    review = tmp_path / "review.yaml"
    review.write_text(
        "- document: {id: x}\n  relations: [{type: agreement, source: a,\n", encoding="utf-8"
    )
    result = citygraph("ingest", "--accept", str(review), home=home)
    assert result.returncode == 1
    assert "review.yaml, line" in result.stderr and "Traceback" not in result.stderr
    review.write_text(
        yaml.safe_dump(
            [
                {
                    "document": {"id": "x"},
                    "entities": [],
                    "relations": [{"type": "agreement", "source": "a", "target": "b"}],
                }
            ]
        ),
        encoding="utf-8",
    )
    result = citygraph("ingest", "--accept", str(review), home=home)
    assert result.returncode == 1
    assert "relations[0].source" in result.stderr


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00" * 50, "binary"),
        ("서울시와 아테네시 ".encode() * 40, "more than the limit"),
    ],
)
def test_bad_documents_fail_and_leave_the_graph(
    home: Path, tmp_path: Path, content: bytes, problem: str
) -> None:
    before = os.readlink(home / "current")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = citygraph("ingest", str(bad), home=home, env={"CITYGRAPH_MAX_DOCUMENT": "500"})
    assert result.returncode == 1
    assert "bad.txt" in result.stderr and problem in result.stderr
    assert "Traceback" not in result.stderr
    assert os.readlink(home / "current") == before
    assert load(home) == []


def test_eval_prints_scores(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    extracted = json.loads(citygraph("extract", str(EN), "-f", "jsonl").stdout)
    gold.write_text(json.dumps(extracted), encoding="utf-8")
    result = citygraph("eval", "--gold", str(gold), str(EN))
    assert result.returncode == 0, result.stderr
    assert "all relations" in result.stdout
    totals = [line for line in result.stdout.splitlines() if line.startswith("all ")]
    assert all(line.split()[-1] == "1.000" for line in totals), totals
    mismatch = citygraph("eval", "--gold", str(gold), str(EN), str(KO))
    assert mismatch.returncode == 2
