"""The world scope: every partnership on one map, the focus city's network highlighted."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx

from citygraph.graph.store.opening import open_current
from citygraph.visuals.world_scope import world_scope

SEOUL = "https://w3id.org/citygraph/id/place/gn1835848"


def _data(html: str) -> dict:
    raw = re.search(r'<script id="data" type="application/json">(.*?)</script>', html, re.S)
    assert raw
    return json.loads(raw.group(1))


def test_the_world_slice_is_drawn_with_seoul_s_network(world_home: Path) -> None:
    html = world_scope(open_current(world_home), SEOUL, lang="en")
    data = _data(html)
    assert data["focus"] is not None and len(data["first"]) >= 20
    assert len(data["edges"]) // 2 > 300 and data["second"]
    assert "default-src 'none'" in html and "http" not in html.split("<body", 1)[1].replace(
        "http://www.w3.org/2000/svg", "")
    assert "CC BY-SA 4.0" in html


def test_labels_cannot_break_out_of_the_page() -> None:
    g = nx.Graph([("f", "p")])
    g.nodes["f"].update(label="</script><script>alert(1)</script>", lat=1.0, lon=2.0)
    g.nodes["p"].update(label="P & Q", lat=3.0, lon=4.0)
    html = world_scope(None, "f", graph=g)  # type: ignore[arg-type]
    assert "<script>alert(1)" not in html
    assert _data(html)["nodes"][0][2] == "</script><script>alert(1)</script>"


def test_the_png_for_slides(world_home: Path, tmp_path: Path, chromium) -> None:
    out = tmp_path / "world.png"
    env = {**os.environ, "CITYGRAPH_HOME": str(world_home)}
    result = subprocess.run([sys.executable, "-c", "from citygraph.api.cli import main; main()",
                             "visual", "--scope", "world", "--png", str(out), "--size",
                             "1280x720", "--theme", "dark"], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000
    bad = subprocess.run([sys.executable, "-c", "from citygraph.api.cli import main; main()",
                          "visual", "--scope", "galaxy"], capture_output=True, text=True,
                         timeout=60, env=env)
    assert bad.returncode == 2 and "--scope 'galaxy'" in bad.stderr
