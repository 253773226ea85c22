"""The command line, run as a user runs it: a real subprocess."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import TEST_DATA

COMMANDS = ["build", "stats", "query", "export", "serve", "check", "visual", "extract", "ingest",
            "eval"]


def citygraph(*args: str, home: Path | None = None, stdin: str | None = None,
              sources: Path | None = None) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-c", "from citygraph.api.cli import main; main()", *args]
    if home is not None:
        argv += ["--data-dir", str(home)]
    if sources is not None:
        argv += ["--sources", str(sources)]
    return subprocess.run(argv, capture_output=True, text=True, input=stdin, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "HOME": "/nonexistent"})


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_on_every_command(command: str | None) -> None:
    result = citygraph(*([command] if command else []), "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout


def test_help_names_the_environment_variables() -> None:
    """Rich reads [..] in help as markup and drops it: the hints must survive."""
    result = citygraph("visual", "--help")
    text = " ".join(result.stdout.split())
    assert "(env: CITYGRAPH_FOCUS)" in text and "(env: CITYGRAPH_HOME)" in text
    assert "(default: FOCUS-network.html" in text


@pytest.fixture(scope="module")
def tiny_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cli-home")
    result = citygraph("build", home=home, sources=TEST_DATA / "tiny")
    assert result.returncode == 0, result.stderr
    assert "Built" in result.stdout
    return home


def test_query_formats(tiny_home: Path) -> None:
    sparql = ('PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?name '
              'WHERE { <https://w3id.org/citygraph/id/place/gn2179537> rdfs:label ?name } '
              'ORDER BY ?name')
    as_json = citygraph("query", sparql, "--format", "json", home=tiny_home)
    assert as_json.returncode == 0, as_json.stderr
    names = [b["name"]["value"] for b in json.loads(as_json.stdout)["results"]["bindings"]]
    assert names == ["Wellington", "웰링턴"]
    as_csv = citygraph("query", "-", "--format", "csv", home=tiny_home, stdin=sparql)
    assert as_csv.stdout.splitlines() == ["name", "Wellington", "웰링턴"]
    table = citygraph("query", sparql, home=tiny_home)
    assert "웰링턴" in table.stdout and "2 row(s)" in table.stderr


@pytest.mark.parametrize(("sparql", "sentence"), [
    ("SELECT * WHERE {\n  ?s ?p }", "not valid SPARQL at line 2, column"),
    ("SELECT * WHERE " + "{ " * 70 + "?s ?p ?o" + " }" * 70, "nests 70 brackets deep"),
    ("SELECT * WHERE { ?s ?p ?o FILTER(" + "||".join(["?o"] * 2_500) + ") }",
     "operators; this endpoint takes at most 2,000"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE is not allowed"),
    ("CLEAR ALL", "read-only"),
    ("PREFIX : <http://ex.org/> SELECT (:f(1) AS ?x) {}", "is not supported"),
])
def test_query_errors_are_sentences(tiny_home: Path, sparql: str, sentence: str) -> None:
    """Nesting made rdflib's parser print a 2,934-line traceback here; now one sentence."""
    result = citygraph("query", "-", home=tiny_home, stdin=sparql)
    assert result.returncode == 1
    assert sentence in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) <= 6


def test_stats_and_export(tiny_home: Path, tmp_path: Path) -> None:
    stats = citygraph("stats", home=tiny_home)
    assert stats.returncode == 0, stats.stderr
    assert "Agreement" in stats.stdout and "source/partners" in stats.stdout
    for fmt in ("ttl", "trig", "nq", "jsonld"):
        out = tmp_path / f"g.{fmt}"
        result = citygraph("export", "--format", fmt, "-o", str(out), home=tiny_home)
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 1000


def test_bad_row_names_file_and_line_and_exits_non_zero(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(TEST_DATA / "tiny", sources)
    agreements = sources / "partners" / "agreements.csv"
    agreements.write_text(agreements.read_text() +
                          "seoul;wellington,,friendshp,2017,,,,,,https://x.org,\n")
    result = citygraph("build", home=tmp_path / "home", sources=sources)
    assert result.returncode == 1
    assert "partners/agreements.csv, line 4, column 'kind': 'friendshp' is not one of" in \
        result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "home" / "current").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "SELECT WHERE {"], "not valid SPARQL"),
        (["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"],
         "SERVICE is not allowed"),
        (["export", "--format", "xml"], "unknown format 'xml'"),
    ],
)
def test_errors_are_sentences(tiny_home: Path, args: list[str], message: str) -> None:
    result = citygraph(*args, home=tiny_home)
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_nothing_built_yet(tmp_path: Path) -> None:
    result = citygraph("stats", home=tmp_path / "empty")
    assert result.returncode == 1
    assert "run 'citygraph build' first" in result.stderr


def test_serve_refuses_an_unknown_focus_city(tiny_home: Path) -> None:
    argv = [sys.executable, "-c", "from citygraph.api.cli import main; main()", "serve",
            "--data-dir", str(tiny_home)]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60,
                            env={"PATH": "/usr/bin:/bin", "CITYGRAPH_FOCUS": "atlantis"})
    assert result.returncode == 1
    assert "no entity has the key 'atlantis'" in result.stderr


def test_check_reports_the_tiny_date_conflict(tiny_home: Path) -> None:
    result = citygraph("check", home=tiny_home)
    assert result.returncode == 0, result.stderr
    assert "2016-07" in result.stdout and "2016-08" in result.stdout
    assert "finding(s)" in result.stdout


def test_check_in_korean_ends_in_korean(tiny_home: Path) -> None:
    # before: the findings were Korean and the last line "1 finding(s)."
    result = citygraph("check", "--ko", home=tiny_home)
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("발견 ") and last.endswith("건.") and "finding" not in result.stdout


@pytest.mark.parametrize("args", [["eval", "{doc}", "--gold", "MISSING.json"],
                                  ["ingest", "--accept", "MISSING.json"]])
def test_a_missing_file_is_named(tiny_home: Path, tmp_path: Path, args: list[str]) -> None:
    # before: both printed only "Error: 2"
    doc = tmp_path / "release.txt"
    doc.write_text("Seoul and Lisbon signed a friendship city agreement.", encoding="utf-8")
    result = citygraph(*(a.replace("{doc}", str(doc)) for a in args),
                       home=tiny_home if args[0] == "ingest" else None)
    assert result.returncode == 1
    assert "cannot read or write MISSING.json: No such file or directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_visual_says_where_it_wrote_when_no_output_is_given(tiny_home: Path,
                                                            tmp_path: Path) -> None:
    # before: "Wrote the visual to seoul-network.html", with no word of the folder
    argv = [sys.executable, "-c", "from citygraph.api.cli import main; main()", "visual",
            "--data-dir", str(tiny_home), "--focus", "wellington"]
    result = subprocess.run(argv, capture_output=True, text=True, cwd=tmp_path, timeout=120,
                            env={"PATH": "/usr/bin:/bin", "COLUMNS": "300",
                                 "HOME": "/nonexistent"})
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stderr.split())
    assert str(tmp_path / "wellington-network.html") in said
    assert "no --output given: the current folder" in said
