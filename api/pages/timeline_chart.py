"""The timeline page's chart: agreements per year by kind, as a stacked-bar SVG drawn here.

:func:`chart_data` turns :func:`citygraph.graph.read.read.timeline` into counts per
year (every year from the first to the last, so that the axis is even) and
kind; :func:`render_svg` draws them as a stacked bar chart with an axis,
a legend, a colour and a hatching per kind (so that it reads in print and
without colour), a ``<title>`` on every bar and ``role="img"`` with an
``aria-label``.  Every label is escaped; the same data gives the same bytes.

Examples
--------
>>> chart = TimelineChart(total=3, kinds=(KindLabel("sister", "sister city", "자매도시"),),
...     years=(YearCounts(1990, {"sister": 1}, 1), YearCounts(1991, {"sister": 2}, 2)),
...     undated={}, by_kind={"sister": 3})
>>> svg = str(render_svg(chart, "en", title="Agreements"))
>>> svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and 'role="img"' in svg
True
>>> svg.count('class="bar"')
2
>>> nice_step(7), nice_step(23), nice_step(140)
(1, 5, 20)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from citygraph.graph import read

__all__ = ["PALETTE", "KindLabel", "TimelineChart", "YearCounts", "chart_data", "label_step",
           "nice_step", "render_svg", "text_width"]

#: Fill and hatching per kind, in the page's kind order (Okabe-Ito colours, which
#: colour-blind readers tell apart; the hatching tells them apart in grey print).
PALETTE: tuple[tuple[str, str, str], ...] = (
    ("sister", "#0072b2", ""),
    ("chinseon", "#56b4e9", "M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6"),
    ("friendship", "#009e73", "M2,2 h1.5 v1.5 h-1.5 z M6,6 h1.5 v1.5 h-1.5 z"),
    ("mou", "#e69f00", "M0,4 H8"),
    ("cooperation", "#cc79a7", "M0,0 L8,8 M0,8 L8,0"),
    ("declaration", "#d55e00", "M4,0 V8"),
    ("exchange", "#f0e442", "M0,0 L8,8 M-2,6 L2,10 M6,-2 L10,2"),
    ("other", "#8c8c8c", "M0,4 H8 M4,0 V8"),
)
_EXTRA = (("#6a3d9a", "M0,2 H8 M0,6 H8"), ("#b15928", "M2,0 V8 M6,0 V8"))

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
    kinds: tuple[KindLabel, ...]
    years: tuple[YearCounts, ...]
    undated: dict[str, int]
    by_kind: dict[str, int]


def chart_data(timeline: read.Timeline, labels: Mapping[str, KindLabel]) -> TimelineChart:
    """Counts per year (every year from the first to the last) and kind.

    ``labels`` gives each kind's labels and, by its order, the order of the
    kinds (bottom of a bar first); kinds it lacks follow, by code.  Agreements
    without a year are counted in ``undated``.
    """
    per_year: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    undated: dict[str, int] = defaultdict(int)
    for row in timeline.rows:
        if row.year is None:
            undated[row.kind] += row.count
        else:
            per_year[row.year][row.kind] += row.count
    codes = {r.kind for r in timeline.rows}
    order = [c for c in labels if c in codes] + sorted(codes - set(labels))
    kinds = tuple(labels.get(c) or KindLabel(c, None, None) for c in order)
    years = []
    if per_year:
        for year in range(min(per_year), max(per_year) + 1):
            counts = {c: per_year[year][c] for c in order if per_year[year].get(c)}
            years.append(YearCounts(year, counts, sum(counts.values())))
    by_kind = {c: sum(y.counts.get(c, 0) for y in years) + undated.get(c, 0) for c in order}
    return TimelineChart(timeline.total, kinds, tuple(years),
                         {c: undated[c] for c in order if undated.get(c)}, by_kind)


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


def _fmt(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _styles(kinds: Sequence[KindLabel]) -> list[tuple[str, str]]:
    known = {code: (fill, path) for code, fill, path in PALETTE}
    extra = iter(_EXTRA * (1 + len(kinds)))
    return [known.get(k.code) or next(extra) for k in kinds]


def text_width(text: str, size: float = 14) -> float:
    """A generous estimate of the width of ``text`` at ``size`` (Hangul is wider).

    >>> text_width("ab"), text_width("자매")
    (16.8, 30.8)
    """
    return round(sum(size * (1.1 if ord(c) >= 0x1100 else 0.6) for c in text), 2)


def _legend(chart: TimelineChart, lang: str) -> list[tuple[float, int, str]]:
    """Each kind's legend entry: x, row and text, flowed left to right."""
    out = []
    x, row = float(LEFT), 0
    for kind in chart.kinds:
        total = sum(yc.counts.get(kind.code, 0) for yc in chart.years)
        text = f"{kind.label(lang)} ({total})"
        width = 26 + text_width(text) + 28
        if x > LEFT and x + width > WIDTH - RIGHT:
            x, row = float(LEFT), row + 1
        out.append((x, row, text))
        x += width
    return out


def render_svg(chart: TimelineChart, lang: str, *, title: str) -> Markup:
    """The stacked bar chart as an inline ``<svg>``; ``title`` names it (escaped)."""
    kinds = chart.kinds
    styles = _styles(kinds)
    legend = _legend(chart, lang)
    rows = 1 + max((row for _, row, _ in legend), default=0)
    legend_top = TOP
    plot_top = legend_top + rows * LEGEND_ROW + 16
    base = plot_top + PLOT_HEIGHT
    height = base + BOTTOM
    top = max((y.total for y in chart.years), default=0)
    step = nice_step(max(top, 1))
    ymax = max(step, -(-top // step) * step)
    unit = PLOT_HEIGHT / ymax
    n = max(len(chart.years), 1)
    slot = (WIDTH - LEFT - RIGHT) / n
    bar = max(slot * 0.72, 1.0)
    every = label_step(n)
    e = escape
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
           f'role="img" aria-label="{e(title)}" class="timeline-chart" '
           f'font-size="14">', f"<title>{e(title)}</title>", "<defs>"]
    for i, (fill, path) in enumerate(styles):
        out.append(f'<pattern id="tl-k{i}" width="8" height="8" patternUnits="userSpaceOnUse">'
                   f'<rect width="8" height="8" fill="{fill}"/>'
                   + (f'<path d="{path}" stroke="#000000" stroke-opacity="0.55" '
                      f'stroke-width="1.3" fill="#000000" fill-opacity="0.55"/>' if path else "")
                   + "</pattern>")
    out.append("</defs>")
    # legend
    out.append('<g class="legend">')
    for i, (x, row, text) in enumerate(legend):
        top_y = legend_top + row * LEGEND_ROW
        out.append(f'<rect x="{_fmt(x)}" y="{top_y}" width="18" height="18" '
                   f'fill="url(#tl-k{i})" stroke="#1b1f24" stroke-width="0.8"/>'
                   f'<text x="{_fmt(x + 26)}" y="{top_y + 14}">{e(text)}</text>')
    out.append("</g>")
    # y axis: gridlines and counts
    out.append('<g class="y-axis">')
    for tick in range(0, ymax + 1, step):
        y = base - tick * unit
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_fmt(y)}" y2="{_fmt(y)}" '
                   f'stroke="#b9c2ce" stroke-width="{1 if tick else 1.5}"/>'
                   f'<text class="axis-label" x="{LEFT - 8}" y="{_fmt(y + 5)}" '
                   f'text-anchor="end">{tick}</text>')
    out.append("</g>")
    # bars
    out.append('<g class="bars">')
    for i, yc in enumerate(chart.years):
        x = LEFT + i * slot + (slot - bar) / 2
        stacked = 0
        for k, kind in enumerate(kinds):
            count = yc.counts.get(kind.code, 0)
            if not count:
                continue
            h = count * unit
            y = base - (stacked + count) * unit
            stacked += count
            out.append(f'<rect class="bar" x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(bar)}" '
                       f'height="{_fmt(h)}" fill="url(#tl-k{k})" stroke="#1b1f24" '
                       f'stroke-width="0.6" data-year="{yc.year}" data-kind="{e(kind.code)}" '
                       f'data-count="{count}"><title>{yc.year} · {e(kind.label(lang))}: {count}'
                       f"</title></rect>")
    out.append("</g>")
    # x axis: years
    out.append('<g class="x-axis">')
    for i, yc in enumerate(chart.years):
        if every > 1 and yc.year % every:
            continue
        cx = LEFT + i * slot + slot / 2
        out.append(f'<line x1="{_fmt(cx)}" x2="{_fmt(cx)}" y1="{base}" y2="{base + 6}" '
                   f'stroke="#4a5360"/><text class="axis-label" x="{_fmt(cx)}" y="{base + 24}" '
                   f'text-anchor="middle">{yc.year}</text>')
    out.append("</g></svg>")
    return Markup("".join(out))  # noqa: S704 - labels are escaped above
