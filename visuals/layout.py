"""Positions for the visual: a world map with its seam where it cuts nothing, decluttered.

The **geo** layout projects ``(lon, lat)`` with an equirectangular projection
whose central meridian is chosen by :func:`seam_center`: the map's seam (the
meridian opposite the centre, where the map is cut) goes in the widest band
of longitudes without a place, at the meridian there that crosses the least
land, so no place and as little land as possible is cut (for Seoul's
partners: the Atlantic, so the Americas and Europe stay whole and the map is
Pacific-centred).  Longitudes are wrapped into ``center ± 180``.  The map
is ``width`` pixels wide; ``(0, 0)`` is the central meridian on the equator and
``y`` grows southwards as on a canvas.  The map stops at 60° S (:data:`SOUTH`):
Antarctica's outline is left out, as no partner lies there.  Then
:func:`declutter` pushes apart the boxes (node and label) that overlap,
pulling each back towards its true position, so dense clusters (Korea, Japan,
eastern China, Europe) stay readable.  Each place keeps both points: the true
one (``anchor_x``/``anchor_y``, drawn as a small dot with a leader line) and
the displaced one (``x``/``y``, the node), which is kept inside the map.

Places without coordinates go on rows beneath the map (below 60° S, from
``unplaced_top``), in the given order, with no anchor; the page labels that
strip and draws no line to them (a line would claim a place on the map).
Land outlines and a 30° graticule come out as projected polylines (rings
that cross the seam are split there) for the page to draw faintly under the
network.  The **force** layout has no positions here: the page runs
vis-network's physics (see :mod:`citygraph.visuals.page`).

Examples
--------
>>> project(127.0, 37.5, center_lon=127.0)
(0.0, -208.3)
>>> wrap_lon(-122.4, center_lon=127.0)
237.6
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

__all__ = [
    "SOUTH",
    "WIDTH",
    "Box",
    "GeoLayout",
    "Placed",
    "Polyline",
    "declutter",
    "geo_layout",
    "graticule",
    "land_cut",
    "land_lines",
    "project",
    "seam_center",
    "split_ring",
    "wrap_lon",
]

#: Width of the map in canvas pixels.
WIDTH = 2000.0
#: The map's southern edge in degrees (its northern edge is the pole).
SOUTH = -60.0
Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Box:
    """A place to lay out: coordinates (or ``None``) and the size of node and label."""

    id: str
    lon: float | None
    lat: float | None
    width: float = 40.0
    height: float = 40.0
    fixed: bool = False


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a place is drawn (``x``, ``y``) and its true position (``None``: unknown)."""

    id: str
    x: float
    y: float
    anchor_x: float | None
    anchor_y: float | None


@dataclass(frozen=True, slots=True)
class Polyline:
    """A projected line for the background: ``kind`` is ``land`` or ``graticule``."""

    kind: str
    points: tuple[Point, ...]
    closed: bool = False


@dataclass(frozen=True, slots=True)
class GeoLayout:
    """The geo layout: map size (``height`` from 90° N to :data:`SOUTH`), places, lines.

    ``unplaced_top`` is the ``y`` of the strip of places without coordinates
    (``None`` when every place has them).
    """

    width: float
    height: float
    center_lon: float | None
    places: tuple[Placed, ...]
    background: tuple[Polyline, ...]
    unplaced_top: float | None = None


def wrap_lon(lon: float, center_lon: float) -> float:
    """``lon`` moved by whole turns into ``[center_lon - 180, center_lon + 180)``.

    >>> wrap_lon(-170.0, center_lon=170.0), wrap_lon(10.0, center_lon=0.0)
    (190.0, 10.0)
    """
    return round((lon - center_lon + 180.0) % 360.0 - 180.0 + center_lon, 6)


def project(lon: float, lat: float, center_lon: float, width: float = WIDTH) -> Point:
    """Equirectangular projection centred on ``center_lon``; pixels, ``y`` down.

    >>> project(127.0 + 180.0, 0.0, center_lon=127.0)
    (-1000.0, 0.0)
    """
    scale = width / 360.0
    x = (wrap_lon(lon, center_lon) - center_lon) * scale
    return round(x, 1), round(-lat * scale, 1) + 0.0


def split_ring(ring: Sequence[Point], center_lon: float) -> list[list[Point]]:
    """Cut a ``(lon, lat)`` ring where it crosses the seam (``center_lon ± 180``).

    Longitudes come back wrapped; at each crossing the line is carried to the
    seam on both sides (latitude interpolated), so the pieces meet the map's
    edges.  A ring that does not cross comes back whole, as one piece.

    >>> split_ring([(170.0, 0.0), (-170.0, 10.0)], center_lon=0.0)
    [[(170.0, 0.0), (180.0, 5.0)], [(-180.0, 5.0), (-170.0, 10.0)]]
    """
    pieces: list[list[Point]] = []
    current: list[Point] = []
    previous: Point | None = None
    for lon, lat in ring:
        here = (wrap_lon(lon, center_lon), lat)
        if previous is not None and abs(here[0] - previous[0]) > 180.0:
            edge = center_lon + (180.0 if previous[0] > center_lon else -180.0)
            span = 360.0 - abs(here[0] - previous[0])
            part = abs(edge - previous[0]) / span if span else 0.5
            cross = round(previous[1] + (here[1] - previous[1]) * part, 6)
            current.append((edge, cross))
            pieces.append(current)
            current = [(2 * center_lon - edge, cross)]
        current.append(here)
        previous = here
    pieces.append(current)
    if len(pieces) > 1 and ring and ring[0] == ring[-1]:
        # the ring's first and last pieces are one line through its start point
        pieces[0] = pieces.pop() + pieces[0][1:]
    return [p for p in pieces if len(p) > 1]


def land_lines(
    rings: Sequence[Sequence[Point]], center_lon: float, width: float = WIDTH
) -> tuple[Polyline, ...]:
    """Land rings projected; a ring split at the seam gives open lines.

    Rings wholly south of :data:`SOUTH` (Antarctica) are left out.

    >>> [line.closed for line in land_lines([[(0, 0), (10, 0), (10, 10), (0, 0)]], 0.0)]
    [True]
    """
    scale = width / 360.0
    lines: list[Polyline] = []
    for ring in rings:
        if max((lat for _, lat in ring), default=SOUTH) <= SOUTH:
            continue
        pieces = split_ring(ring, center_lon)
        for piece in pieces:
            # already wrapped: a point on the east edge must not wrap to the west one
            points = tuple((round((lon - center_lon) * scale, 1) + 0.0,
                            round(-lat * scale, 1) + 0.0) for lon, lat in piece)
            lines.append(Polyline("land", points, closed=len(pieces) == 1))
    return tuple(lines)


def graticule(center_lon: float, width: float = WIDTH, step: int = 30) -> tuple[Polyline, ...]:
    """Meridians and parallels every ``step`` degrees, projected.

    >>> len(graticule(127.0))
    17
    """
    scale = width / 360.0
    half = width / 2
    north, south = -90.0 * scale, round(-SOUTH * scale, 1)
    lines = []
    for lon in range(-180, 180, step):
        x = round((wrap_lon(lon, center_lon) - center_lon) * scale, 1)
        lines.append(Polyline("graticule", ((x, north), (x, south))))
    for lat in range(-90 + step, 90, step):
        y = round(-lat * scale, 1) + 0.0
        lines.append(Polyline("graticule", ((-half, y), (half, y))))
    return tuple(lines)


@cache
def _crossings(rings: tuple[tuple[Point, ...], ...],
               step: float) -> dict[int, list[tuple[int, float]]]:
    """Where each meridian ``-180 + k * step`` crosses each ring: ``k -> [(ring, lat)]``."""
    table: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for r, ring in enumerate(rings):
        for (lon1, lat1), (lon2, lat2) in pairwise(ring):
            if lon1 == lon2 or abs(lon2 - lon1) > 180.0:
                continue
            low, high = min(lon1, lon2), max(lon1, lon2)
            for k in range(math.floor((low + 180.0) / step) + 1,
                           math.floor((high + 180.0) / step) + 1):
                m = -180.0 + k * step
                table[k % round(360 / step)].append(
                    (r, lat1 + (lat2 - lat1) * (m - lon1) / (lon2 - lon1)))
    return table


def land_cut(lon: float, rings: Sequence[Sequence[Point]], step: float = 0.5) -> float:
    """Degrees of latitude (north of :data:`SOUTH`) of land on the meridian ``lon``.

    ``lon`` is taken to the nearest multiple of ``step``; a ring's crossings are
    paired from the south (even-odd rule), so each pair is a stretch of land.

    >>> square = [[(-10.0, 0.0), (10.0, 0.0), (10.0, 20.0), (-10.0, 20.0), (-10.0, 0.0)]]
    >>> land_cut(0.0, square), land_cut(30.0, square)
    (20.0, 0.0)
    """
    table = _crossings(tuple(tuple(ring) for ring in rings), step)
    k = round((wrap_lon(lon, 0.0) + 180.0) / step) % round(360 / step)
    by_ring: dict[int, list[float]] = defaultdict(list)
    for ring, lat in table.get(k, ()):
        by_ring[ring].append(lat)
    total = 0.0
    for lats in by_ring.values():
        lats.sort()
        for south, north in zip(lats[::2], lats[1::2], strict=False):
            total += max(0.0, north - max(south, SOUTH))
    return round(total, 3)


def seam_center(
    lons: Sequence[float],
    rings: Sequence[Sequence[Point]] = (),
    *,
    default: float = 0.0,
    margin: float = 8.0,
    step: float = 0.5,
) -> float:
    """The central meridian that puts the map's seam where it cuts nothing.

    The seam goes into the widest band of longitudes with no place in
    ``lons``, at least ``margin`` degrees (a quarter of the band if it is
    narrower) from its places, at the meridian there (on a ``step`` grid) that
    crosses the least land of ``rings``, the band's middle breaking ties.
    With no place, the centre is ``default``.

    >>> seam_center([0.0, 20.0, 100.0])  # widest band 100..360: seam at 230, centre 50
    50.0
    >>> seam_center([], default=127.0)
    127.0
    """
    points = sorted({wrap_lon(lon, 0.0) for lon in lons})
    if not points:
        return default
    gaps = [(a, b if b > a else b + 360.0) for a, b in zip(points, points[1:] + points[:1],
                                                           strict=True)]
    if len(points) == 1:
        gaps = [(points[0], points[0] + 360.0)]
    west, east = max(gaps, key=lambda g: (round(g[1] - g[0], 6), -g[0]))
    room = min(margin, (east - west) / 4)
    middle = (west + east) / 2
    first = math.ceil((west + room) / step)
    last = math.floor((east - room) / step)
    candidates = [k * step for k in range(first, last + 1)] or [middle]
    seam = min(candidates, key=lambda s: (land_cut(s, rings, step) if rings else 0.0,
                                          abs(s - middle)))
    return wrap_lon(seam + 180.0, 0.0)


def declutter(
    anchors: Sequence[Point],
    sizes: Sequence[Point],
    fixed: Sequence[bool] | None = None,
    *,
    iterations: int = 60,
    pull: float = 0.08,
) -> list[Point]:
    """Push overlapping boxes apart while pulling each towards its anchor.

    Box ``i`` is centred on its position and ``sizes[i]`` wide and high; two
    overlap when both their ``x`` and their ``y`` distance are below the half
    sums, and are then moved apart along the axis of the smaller overlap (a
    fixed box does not move).  Neighbours are found through a grid of
    buckets as large as the largest box, so a pass costs about ``n`` times the
    crowd around a box.  The result depends only on the input (ties at one
    point are broken by index), and every box starts at its anchor.

    >>> declutter([(0.0, 0.0), (0.0, 0.0)], [(40.0, 40.0), (40.0, 40.0)])
    [(-20.0, 0.0), (20.0, 0.0)]
    """
    n = len(anchors)
    fixed = fixed or [False] * n
    pos = [list(p) for p in anchors]
    if n < 2:
        return [(round(x, 1), round(y, 1)) for x, y in pos]
    cell_w = max(w for w, _ in sizes) or 1.0
    cell_h = max(h for _, h in sizes) or 1.0
    for step in range(iterations):
        # the pull fades out over the first half; the last passes only separate
        strength = pull * max(0.0, 1.0 - 2.0 * step / iterations)
        for i in range(n):
            if not fixed[i] and strength:
                pos[i][0] += (anchors[i][0] - pos[i][0]) * strength
                pos[i][1] += (anchors[i][1] - pos[i][1]) * strength
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, (x, y) in enumerate(pos):
            grid[(math.floor(x / cell_w), math.floor(y / cell_h))].append(i)
        moved = False
        for (gx, gy), members in sorted(grid.items()):
            near = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1)
                    for j in grid.get((gx + dx, gy + dy), ())]
            for i in members:
                for j in near:
                    if j <= i or (fixed[i] and fixed[j]):
                        continue
                    moved |= _separate(pos, sizes, fixed, i, j)
        if not moved and not strength:
            break
    return [(round(x, 1) + 0.0, round(y, 1) + 0.0) for x, y in pos]


def _separate(pos: list[list[float]], sizes: Sequence[Point], fixed: Sequence[bool],
              i: int, j: int) -> bool:
    dx = pos[j][0] - pos[i][0]
    dy = pos[j][1] - pos[i][1]
    over_x = (sizes[i][0] + sizes[j][0]) / 2 - abs(dx)
    over_y = (sizes[i][1] + sizes[j][1]) / 2 - abs(dy)
    if over_x <= 0 or over_y <= 0:
        return False
    if dx == 0 and dy == 0:  # same point: split along x, lower index to the left
        dx = 1.0
    if over_x / (sizes[i][0] + sizes[j][0]) <= over_y / (sizes[i][1] + sizes[j][1]):
        move = (math.copysign(over_x, dx), 0.0)
    else:
        move = (0.0, math.copysign(over_y, dy))
    share_i = 0.0 if fixed[i] else (1.0 if fixed[j] else 0.5)
    share_j = 1.0 - share_i
    pos[i][0] -= move[0] * share_i
    pos[i][1] -= move[1] * share_i
    pos[j][0] += move[0] * share_j
    pos[j][1] += move[1] * share_j
    return True


def geo_layout(
    boxes: Sequence[Box],
    center_lon: float,
    *,
    width: float = WIDTH,
    land: Sequence[Sequence[Point]] = (),
    iterations: int | None = None,
) -> GeoLayout:
    """Project, declutter and add the background: see the module docstring.

    With many places the boxes are shrunk so that together they cover at
    most half the map, and fewer passes are run (a 5,000-place map stays fast).

    >>> layout = geo_layout([Box("a", 127.0, 37.5), Box("b", None, None)], 127.0)
    >>> [(p.id, p.anchor_x) for p in layout.places]
    [('a', 0.0), ('b', None)]
    """
    height = width * (90.0 - SOUTH) / 360.0
    located = [b for b in boxes if b.lon is not None and b.lat is not None]
    missing = [b for b in boxes if b.lon is None or b.lat is None]
    anchors = [project(b.lon, b.lat, center_lon, width) for b in located]  # type: ignore[arg-type]
    area = sum(b.width * b.height for b in located)
    shrink = min(1.0, math.sqrt(width * height / 2 / area)) if area else 1.0
    sizes = [(b.width * shrink, b.height * shrink) for b in located]
    passes = iterations if iterations is not None else (60 if len(located) <= 500 else 12)
    moved = declutter(anchors, sizes, [b.fixed for b in located], iterations=passes)
    top, bottom = -90.0 * width / 360.0, -SOUTH * width / 360.0
    places = [
        Placed(b.id, _clamp(x, -width / 2 + _EDGE, width / 2 - _EDGE),
               _clamp(y, top + _EDGE, bottom - _EDGE), ax, ay)
        for b, (x, y), (ax, ay) in zip(located, moved, anchors, strict=True)
    ]
    row_gap = max((b.height for b in missing), default=40.0) + 20.0
    x0, x = -width / 2, -width / 2
    y = bottom + row_gap
    for b in missing:
        if x + b.width > width / 2 and x > x0:
            x, y = x0, y + row_gap
        places.append(Placed(b.id, round(x + b.width / 2, 1), round(y, 1), None, None))
        x += b.width + 20.0
    background = land_lines(land, center_lon, width) + graticule(center_lon, width)
    return GeoLayout(width, height, center_lon, tuple(places), background,
                     round(bottom + row_gap / 2, 1) if missing else None)


_EDGE = 12.0  # how far inside the map's edges a displaced place stays


def _clamp(value: float, low: float, high: float) -> float:
    return round(min(max(value, low), high), 1) + 0.0
