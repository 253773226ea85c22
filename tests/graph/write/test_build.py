import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from citygraph.graph.home import current_store, documents_of
from citygraph.graph.store.base import SelectResult
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.opening import open_current
from citygraph.graph.write.build import BuildError, build, build_to
from citygraph.ingest.curated import DataErrors

from ...conftest import TEST_DATA

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def triples(home: Path) -> int:
    result = open_current(home).query(COUNT)
    assert isinstance(result, SelectResult)
    return int(result.rows[0]["n"].value)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    target = tmp_path / "sources"
    shutil.copytree(TEST_DATA / "tiny", target)
    return target


def test_build_writes_a_store_and_reports(sources: Path, tmp_path: Path) -> None:
    steps: list[str] = []
    report = build(sources, tmp_path / "home", step=steps.append)
    assert report.graphs == 4  # three datasets and the ontology
    assert report.quads > 300
    assert steps[0] == "Reading datasets" and "Validating with SHACL" in steps
    assert current_store(tmp_path / "home") == Path(report.store)


def test_build_to_writes_where_the_store_setting_says(sources: Path, tmp_path: Path) -> None:
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    report = build_to("", sources, home)
    assert current_store(home) == Path(report.store)
    moved = build_to(f"oxigraph:{elsewhere}", sources, home)
    assert current_store(elsewhere) == Path(moved.store)
    assert current_store(home) == Path(report.store)  # untouched
    assert moved.version == report.version


def test_same_input_same_version(sources: Path, tmp_path: Path) -> None:
    first = build(sources, tmp_path / "a")
    second = build(sources, tmp_path / "b")
    assert first.version == second.version


def test_bad_data_leaves_the_previous_graph(sources: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    build(sources, home)
    before, store_before = triples(home), current_store(home)
    places = sources / "reference" / "places.csv"
    places.write_text(places.read_text().replace(",NZ,", ",XX,"))
    with pytest.raises(DataErrors, match=r"reference/places.csv, line 3, column 'country': "
                       r"'XX' is not a known place"):
        build(sources, home)
    assert current_store(home) == store_before
    assert triples(home) == before


def test_shacl_violation_names_the_row_and_keeps_the_graph(sources: Path,
                                                          tmp_path: Path) -> None:
    home = tmp_path / "home"
    build(sources, home)
    before = current_store(home)
    offices = sources / "forum" / "offices.csv"
    # a city cannot hold an office: the shape wants a person as member
    offices.write_text(offices.read_text() + "tory-whanau,mayor,KR,,,release-1 § x\n")
    people = sources / "forum" / "people.csv"
    people.write_text(people.read_text().replace("tory-whanau,Tory Whanau,토리 화나우",
                                                 "tory-whanau,,"))
    with pytest.raises((BuildError, DataErrors)) as caught:
        build(sources, home)
    text = str(caught.value) + " ".join(str(p) for p in getattr(caught.value, "problems", []))
    assert "forum/people.csv, line 2" in text
    assert current_store(home) == before


def test_failure_while_writing_leaves_the_previous_store(sources: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    build(sources, home)
    before, count = current_store(home), triples(home)

    def half_written(self: OxigraphStore, data: bytes) -> None:
        self.store.load(data[: len(data) // 2].rsplit(b"\n", 1)[0] + b"\n",
                        format=ox.RdfFormat.N_QUADS)
        raise KeyboardInterrupt  # the user pressed Ctrl+C mid-write

    monkeypatch.setattr(OxigraphStore, "load_nquads", half_written)
    with pytest.raises(KeyboardInterrupt):
        build(sources, home)
    monkeypatch.undo()
    assert current_store(home) == before
    assert triples(home) == count
    leftovers = [p for p in (home / "stores").iterdir()
                 if p.is_dir() and p not in (before, documents_of(before))]
    assert leftovers == []
