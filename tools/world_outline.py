"""Write ``visuals/world.json``: land outlines for the visual's geo layout (a dev tool).

The outlines are Natural Earth's 1:110m land (public domain) as published in
the npm package ``world-atlas`` 2.0.2 (ISC licence, TopoJSON).  Run once,
offline afterwards; citygraph never downloads at run time::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/world_outline.py package/land-110m.json visuals/world.json

Rings are decoded from TopoJSON arcs and rounded to 0.1 degree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def decode(topology: dict) -> list[list[list[float]]]:
    """The land rings of a TopoJSON topology as [[lon, lat], ...] lists."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append([round(x * sx + tx, 1), round(y * sy + ty, 1)])
        arcs.append(points)

    def ring(indexes: list[int]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points if not out else points[1:])
        return out

    rings = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for indexes in polygon:
                points = ring(indexes)
                deduped = [p for k, p in enumerate(points) if k == 0 or p != points[k - 1]]
                if len(deduped) >= 4:
                    rings.append(deduped)
    return rings


def main(source: str, target: str) -> None:
    """Decode ``source`` (land-110m.json) and write the rings to ``target``."""
    rings = decode(json.loads(Path(source).read_text(encoding="utf-8")))
    document = {
        "source": "Natural Earth 1:110m land (public domain), via world-atlas 2.0.2 (ISC)",
        "rings": rings,
    }
    Path(target).write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")
    print(f"{len(rings)} rings, {sum(map(len, rings))} points -> {target}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
