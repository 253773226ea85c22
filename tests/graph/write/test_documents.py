"""Ingested documents in the home folder, and their named graphs in the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from citygraph.api.settings import bundled_sources
from citygraph.graph.store.base import SelectResult
from citygraph.graph.store.opening import open_current
from citygraph.graph.write.build import build
from citygraph.graph.write.documents import DocumentProblem, graph_key, load, status, write
from citygraph.ingest.documents import keep
from citygraph.ingest.pipeline import extract_file
from citygraph.ingest.reader import read

from ...conftest import FORUM_RELEASE, TEST_DATA

DOC = TEST_DATA / "documents" / "seoul-quito.en.txt"


def test_write_load_and_status(tmp_path: Path) -> None:
    x = extract_file(DOC)
    assert status(tmp_path, x) == "new"
    write(tmp_path, [(x, read(DOC).raw)])
    [stored] = load(tmp_path)
    assert stored.extraction == x
    assert status(tmp_path, x) == "unchanged"
    assert graph_key(x) == "document/seoul-quito.en"


def test_a_damaged_document_file_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "broken.json").write_text('{"document": {"id": 3}}', encoding="utf-8")
    with pytest.raises(DocumentProblem, match=r"broken\.json.*document\.id"):
        load(tmp_path)
    (folder / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(DocumentProblem, match=r"broken\.json: line 1"):
        load(tmp_path)


def test_the_forum_release_ingested_has_its_own_graph_and_evidence(tmp_path: Path) -> None:
    path = FORUM_RELEASE
    x = keep(extract_file(path))
    build(bundled_sources(), tmp_path, documents=[x])
    graph = "https://w3id.org/citygraph/id/source/document/wcsmf-2023-seoul.ko"
    result = open_current(tmp_path).query(f"""
        PREFIX cg: <https://w3id.org/citygraph/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?kind ?start ?end WHERE {{
          GRAPH <{graph}> {{
            ?a a cg:Agreement ; cg:party ?city ; cg:agreementKind ?kind ; cg:evidence ?ev .
            ?ev cg:startOffset ?start ; cg:endOffset ?end .
          }}
          ?city rdfs:label "Wellington"@en .
        }}""")
    assert isinstance(result, SelectResult)
    text = path.read_text(encoding="utf-8")
    rows = [(r["kind"].value.rsplit("/", 1)[1], text[int(r["start"].value):int(r["end"].value)])
            for r in result.rows]
    assert rows == [("chinseon", "웰링턴과는 친선도시")]
    # the same agreement node as the curated one: its curated evidence is there too
    sources = open_current(tmp_path).query("""
        PREFIX cg: <https://w3id.org/citygraph/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT DISTINCT ?g WHERE {
          GRAPH ?g { <https://w3id.org/citygraph/id/agreement/gn1835848--gn2179537/chinseon>
                     cg:evidence ?ev } }""")
    assert isinstance(sources, SelectResult)
    graphs = {r["g"].value.rsplit("/source/", 1)[1] for r in sources.rows}
    assert {"wcsmf-2023-seoul", "partners", "document/wcsmf-2023-seoul.ko"} == graphs
