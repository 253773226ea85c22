"""The wheel ships one import package, ``citygraph``, with its data and Turtle files."""

import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT


def test_wheel_has_only_the_citygraph_package(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path),
         str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    [wheel] = tmp_path.glob("citygraph-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/", 1)[0] for n in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"citygraph"}
    for needed in ("citygraph/ontology/citygraph.ttl", "citygraph/ontology/shapes.ttl",
                   "citygraph/data/partners/agreements.csv", "citygraph/graph/py.typed",
                   "citygraph/data/wcsmf-2023-seoul/events.csv"):
        assert needed in names
    assert not any(n.startswith("citygraph/__init__") for n in names)
    data_files = {n.split("/")[2] for n in names if n.startswith("citygraph/data/")
                  and n.endswith(".csv")}
    shipped = {p.name for p in (ROOT / "data").iterdir() if p.is_dir() and any(p.glob("*.csv"))}
    assert data_files == shipped, "a dataset folder is missing from pyproject's packages"
