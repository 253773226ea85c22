"""Land outlines of the world, shipped with citygraph, for the visual's geo layout.

``world.json`` holds Natural Earth's 1:110m land (public domain), decoded from
the ``world-atlas`` 2.0.2 TopoJSON by ``tools/world_outline.py`` and rounded
to 0.1 degree: about 5,100 points in 126 rings, 67 kB.  Nothing is fetched.

Examples
--------
>>> rings = land()
>>> len(rings) > 100
True
>>> all(-180 <= lon <= 180 and -90 <= lat <= 90 for ring in rings for lon, lat in ring)
True
>>> SOURCE.startswith("Natural Earth")
True
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

__all__ = ["SOURCE", "Ring", "land"]

Ring = tuple[tuple[float, float], ...]
SOURCE = "Natural Earth 1:110m land (public domain), via world-atlas 2.0.2 (ISC)"


@cache
def land() -> tuple[Ring, ...]:
    """The land outlines as rings of ``(lon, lat)`` in degrees, read once."""
    document = json.loads(files("citygraph.visuals").joinpath("world.json")
                          .read_text(encoding="utf-8"))
    return tuple(tuple((float(x), float(y)) for x, y in ring) for ring in document["rings"])
