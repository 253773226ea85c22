"""The timeline page's chart: agreements per year by kind, as a stacked-bar SVG laid out here.

:func:`chart_data` turns :func:`citygraph.graph.read.read.timeline` into counts per
year (every year from the first to the last, so that the axis is even) and
kind; :func:`draw` lays them out as a stacked bar chart, a :class:`Drawing` of
frozen shapes: a colour and a hatching per kind (so that it reads in print and
without colour), a legend, the y axis's gridlines, the bars with their
tooltips and the years.  The template ``timeline_chart.svg`` writes them as an
inline ``<svg>`` with ``role="img"``, an ``aria-label`` and a ``<title>`` on
every bar; it escapes every label, and the same data gives the same bytes.

Examples
--------
>>> chart = TimelineChart(total=3, groups=(KindLabel("sister", "sister city", "자매도시"),),
...     years=(YearCounts(1990, {"sister": 1}, 1), YearCounts(1991, {"sister": 2}, 2)),
...     undated={}, by_group={"sister": 3})
>>> drawing = draw(chart, "en", title="Agreements")
>>> [(b.year, b.count, b.title) for b in drawing.bars]
[(1990, 1, '1990 · sister city: 1'), (1991, 2, '1991 · sister city: 2')]
>>> drawing.bars[1].height == 2 * drawing.bars[0].height
True
>>> [e.text for e in drawing.legend], [y.year for y in drawing.years]
(['sister city (3)'], [1990, 1991])
>>> nice_step(7), nice_step(23), nice_step(140)
(1, 5, 20)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from citygraph.graph import read
from citygraph.graph.network.groups import GROUPS
from citygraph.ontology import styles

__all__ = ["UNSTYLED", "Bar", "Drawing", "Gridline", "KindLabel", "LegendEntry", "Swatch",
           "TimelineChart", "YearCounts", "YearTick", "chart_data", "draw", "label_step",
           "nice_step", "svg_number", "text_width"]

#: what an unknown kind is drawn with (every kind of the ontology has a style)
UNSTYLED = ("#8C8C8C", "M0,2 H8 M0,6 H8")

WIDTH = 1000
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 12, 44
PLOT_HEIGHT = 260
LEGEND_ROW = 24


@dataclass(frozen=True, slots=True)
class KindLabel:
    """An agreement kind and its labels."""

    code: str
    label_en: str | None
    label_ko: str | None

    def label(self, lang: str) -> str:
        """The label in ``lang``, else the other one, else the code."""
        first, second = (self.label_ko, self.label_en) if lang == "ko" else (
            self.label_en, self.label_ko)
        return first or second or self.code


@dataclass(frozen=True, slots=True)
class YearCounts:
    """Agreements signed in one year, per kind."""

    year: int
    counts: dict[str, int]
    total: int


@dataclass(frozen=True, slots=True)
class TimelineChart:
    """What the timeline page shows: counts per year and kind (its JSON twin too)."""

    total: int
    groups: tuple[KindLabel, ...]
    """The groups every figure counts in (sister takes 친선도시), bottom of a bar first."""
    years: tuple[YearCounts, ...]
    undated: dict[str, int]
    by_group: dict[str, int]
    """Per group, every year and the undated: the numbers the home page and visual show."""


def chart_data(timeline: read.Timeline, labels: Mapping[str, KindLabel]) -> TimelineChart:
    """Counts per year (every year from the first to the last) and group.

    The groups are those every figure counts in
    (:mod:`citygraph.graph.network.groups`: ``sister`` takes 친선도시), in their
    order (bottom of a bar first); ``labels`` names them.  Agreements without
    a year are counted in ``undated``.
    """
    per_year: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    undated: dict[str, int] = defaultdict(int)
    for row in timeline.rows:
        if row.year is None:
            undated[row.group] += row.count
        else:
            per_year[row.year][row.group] += row.count
    order = [g for g in GROUPS if any(r.group == g for r in timeline.rows)]
    groups = tuple(labels.get(g) or KindLabel(g, None, None) for g in order)
    years = []
    if per_year:
        for year in range(min(per_year), max(per_year) + 1):
            counts = {g: per_year[year][g] for g in order if per_year[year].get(g)}
            years.append(YearCounts(year, counts, sum(counts.values())))
    by_group = {g: sum(y.counts.get(g, 0) for y in years) + undated.get(g, 0) for g in order}
    return TimelineChart(timeline.total, groups, tuple(years),
                         {g: undated[g] for g in order if undated.get(g)}, by_group)


def nice_step(top: int) -> int:
    """A tick step for counts up to ``top``: 1, 2, 5, 10, 20, 50 ... (at most ~8 ticks)."""
    step, factors = 1, (2, 2.5, 2)
    i = 0
    while top / step > 8:
        step = int(step * factors[i % 3])
        i += 1
    return step


def label_step(span: int) -> int:
    """Label every year, 5th or 10th year, for a span of ``span`` years.

    >>> label_step(8), label_step(30), label_step(57)
    (1, 5, 10)
    """
    if span <= 12:
        return 1
    return 5 if span <= 40 else 10


def svg_number(value: float) -> str:
    """A coordinate as the chart writes it: at most two decimals, no trailing zeros.

    The template filter ``svg_number`` (:func:`citygraph.api.pages.site.environment`).

    >>> svg_number(12.5), svg_number(3.14159), svg_number(100), svg_number(-0.001)
    ('12.5', '3.14', '100', '0')
    """
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _styles(kinds: Sequence[KindLabel]) -> list[tuple[str, str]]:
    """Fill and hatching of each group (its kind's), from the presentation table."""
    known = styles()
    return [(known[k.code].colour, known[k.code].hatch) if k.code in known else UNSTYLED
            for k in kinds]


def text_width(text: str, size: float = 14) -> float:
    """A generous estimate of the width of ``text`` at ``size`` (Hangul is wider).

    >>> text_width("ab"), text_width("자매")
    (16.8, 30.8)
    """
    return round(sum(size * (1.1 if ord(c) >= 0x1100 else 0.6) for c in text), 2)



# -- the drawing: every shape's geometry, for timeline_chart.svg ----------------------------


@dataclass(frozen=True, slots=True)
class Swatch:
    """A kind's fill, an SVG ``<pattern>``: its colour and hatching (``""``: none)."""

    id: str
    fill: str
    hatch: str


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """A kind in the legend: its swatch (18 by 18 at ``x``, ``y``) and its text."""

    x: float
    y: float
    pattern: str
    text_x: float
    text_y: float
    text: str


@dataclass(frozen=True, slots=True)
class Gridline:
    """A horizontal line of the y axis at ``y`` and its count, right-aligned at ``label_x``."""

    x1: float
    x2: float
    y: float
    stroke_width: float
    label_x: float
    label_y: float
    count: int


@dataclass(frozen=True, slots=True)
class Bar:
    """One kind's part of one year's bar, with its tooltip."""

    x: float
    y: float
    width: float
    height: float
    pattern: str
    year: int
    kind: str
    count: int
    title: str


@dataclass(frozen=True, slots=True)
class YearTick:
    """A year on the x axis: a tick from ``y1`` to ``y2`` at ``x``, its label at ``label_y``."""

    x: float
    y1: float
    y2: float
    label_y: float
    year: int


@dataclass(frozen=True, slots=True)
class Drawing:
    """The whole chart: its size, title and shapes (``timeline_chart.svg`` writes them)."""

    title: str
    width: int
    height: int
    swatches: tuple[Swatch, ...]
    legend: tuple[LegendEntry, ...]
    gridlines: tuple[Gridline, ...]
    bars: tuple[Bar, ...]
    years: tuple[YearTick, ...]


def _legend(chart: TimelineChart, lang: str) -> list[tuple[float, int, str]]:
    """Each group's legend entry (its count over every year, undated too): x, row, text."""
    out = []
    x, row = float(LEFT), 0
    for kind in chart.groups:
        text = f"{kind.label(lang)} ({chart.by_group.get(kind.code, 0)})"
        width = 26 + text_width(text) + 28
        if x > LEFT and x + width > WIDTH - RIGHT:
            x, row = float(LEFT), row + 1
        out.append((x, row, text))
        x += width
    return out


def draw(chart: TimelineChart, lang: str, *, title: str) -> Drawing:
    """Lay the stacked bar chart out: legend, y axis, bars and years; ``title`` names it."""
    kinds = chart.groups
    swatches = tuple(Swatch(f"tl-k{i}", fill, hatch)
                     for i, (fill, hatch) in enumerate(_styles(kinds)))
    flowed = _legend(chart, lang)
    rows = 1 + max((row for _, row, _ in flowed), default=0)
    plot_top = TOP + rows * LEGEND_ROW + 16
    base = plot_top + PLOT_HEIGHT
    top = max((y.total for y in chart.years), default=0)
    step = nice_step(max(top, 1))
    ymax = max(step, -(-top // step) * step)
    unit = PLOT_HEIGHT / ymax
    n = max(len(chart.years), 1)
    slot = (WIDTH - LEFT - RIGHT) / n
    width = max(slot * 0.72, 1.0)
    every = label_step(n)
    legend = tuple(LegendEntry(x, TOP + row * LEGEND_ROW, swatches[i].id, x + 26,
                               TOP + row * LEGEND_ROW + 14, text)
                   for i, (x, row, text) in enumerate(flowed))
    gridlines = tuple(Gridline(LEFT, WIDTH - RIGHT, base - tick * unit, 1 if tick else 1.5,
                               LEFT - 8, base - tick * unit + 5, tick)
                      for tick in range(0, ymax + 1, step))
    bars = []
    for i, yc in enumerate(chart.years):
        x = LEFT + i * slot + (slot - width) / 2
        stacked = 0
        for kind, swatch in zip(kinds, swatches, strict=True):
            count = yc.counts.get(kind.code, 0)
            if not count:
                continue
            stacked += count
            bars.append(Bar(x, base - stacked * unit, width, count * unit, swatch.id, yc.year,
                            kind.code, count, f"{yc.year} · {kind.label(lang)}: {count}"))
    years = tuple(YearTick(LEFT + i * slot + slot / 2, base, base + 6, base + 24, yc.year)
                  for i, yc in enumerate(chart.years) if every == 1 or yc.year % every == 0)
    return Drawing(title, WIDTH, base + BOTTOM, swatches, legend, gridlines, tuple(bars), years)
