r"""Find dates in Korean and English press-release text and resolve them.

:func:`find_dates` finds date expressions (``2023년 9월 24일``, ``9.25.(월)``,
``지난해 9월``, ``Sept. 24-26``, ``24 November 2022``, ``last year``, ...) and
resolves each to a :class:`~citygraph.ingest.facts.PartialDate`, filling what
the text leaves out from the publication date.  :func:`publication_date` reads
the release date from a document's header.

Resolution rules
----------------
* A stated year is kept.  ``'23`` is 2023 and ``'98`` is 1998 (two-digit years
  up to 69 are in the 2000s, as POSIX ``strptime`` reads them).
* ``지난해``/``작년``/``last year`` is the publication year minus one,
  ``재작년`` minus two, ``올해``/``금년``/``올``/``this year`` the publication
  year, ``내년``/``명년``/``next year`` plus one; ``지난달``/``last month``,
  ``이달``/``이번 달``/``this month`` and ``다음 달``/``next month`` shift the
  publication month.
* A month without a year takes the publication year, except that a month more
  than six months after the publication month is taken to be last year's
  (a December date in a January release is the December just gone).
* ``지난``/``오는`` + date is the nearest such date on or before / on or after
  the publication date: published 2023-09-25, ``지난 28일`` is 2023-08-28 and
  ``오는 3일`` is 2023-10-03.
* A day alone (``16일``, ``24일(일)``, the table form ``(24.일)``) takes its
  month and year from the most recent earlier mention *in the same paragraph*
  (text between blank lines) that states a month; without one, from the
  publication date.  Across paragraphs the publication date is the safer
  guess, since a new paragraph often starts a new topic.
* The end of a range takes what it leaves out from its beginning, and rolls
  over to the next year where it would otherwise end before it begins
  (``12.30~1.2``); a beginning without a year takes the year stated at the end
  (``September 30 – October 2, 2023``).
* Where ``published`` is ``None`` and the text does not give the year, the
  mention is skipped: no year is invented.

What is not a date
------------------
Impossible dates (``2월 30일``, a range that ends before it begins) are not
returned, and they do not leave a shorter match behind (no ``30일`` from
``2월 30일``).  A weekday that contradicts its date is reported in
:attr:`DateMention.problem`.  Decimal numbers are not dates: ``9.25`` is a date
only as ``9.25.``, ``9.25(월)``, ``9.25~26`` or with a year; ``3.5%``,
``1.5배``, ``10.5km`` and phone numbers are never dates, nor are durations
(``3일간``, ``100년``), counts (``50개``) or times (``14시``).  A bare ``M.D.``
at the start of a line (``2.1. 개요``) is read as a section number.

Examples
--------
>>> from datetime import date
>>> text = "서울시는 9월 24일(일)부터 9월 26일(화)까지 포럼을 연다. 지난해 3월에는 협약을 맺었다."
>>> for m in find_dates(text, date(2023, 9, 25)):
...     print(m.text, m.begin.iso, m.finish.iso if m.finish else None, m.weekday)
9월 24일(일)부터 9월 26일(화)까지 2023-09-24 2023-09-26 6
지난해 3월 2022-03 None None
>>> find_dates("The forum opens on Monday, Sept. 25.", date(2023, 9, 1), language="en")[0].begin
PartialDate(year=2023, month=9, day=25)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from citygraph.ingest.facts import PartialDate

__all__ = ["DateMention", "find_dates", "publication_date"]

_MONTH_NAMES = (
    *("", "January", "February", "March", "April", "May", "June", "July"),
    *("August", "September", "October", "November", "December"),
)
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_KO_WEEKDAYS = "월화수목금토일"
_EN_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date (or a range of dates) found in a text, resolved.

    Attributes
    ----------
    start, end
        The span ``[start, end)`` of the expression in the text searched.
    text
        ``text[start:end]``.
    begin
        The date, or the beginning of a range; the year is always filled.
    finish
        The end of a range (``9.25~26``, ``2018년부터 2023년까지``), else ``None``.
    weekday
        The weekday stated for ``begin`` (0 = Monday ... 6 = Sunday), else ``None``.
    problem
        An English sentence where a stated weekday contradicts its date.
    """

    start: int
    end: int
    text: str
    begin: PartialDate
    finish: PartialDate | None = None
    weekday: int | None = None
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class _Spec:
    """One end of a date expression as written, before resolution."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    year_shift: int | None = None  # 지난해 -1, 올해 0, 내년 +1: relative to publication
    month_shift: int | None = None  # 지난달 -1, 이달 0, 다음 달 +1
    direction: int = 0  # 지난 -1 (on or before publication), 오는 +1 (on or after)

    @property
    def absolute(self) -> bool:
        """Whether this end resolves on its own: its year is stated or relative to publication."""
        return (
            self.year is not None
            or self.year_shift is not None
            or self.month_shift is not None
            or self.direction != 0
        )

    @property
    def day_only(self) -> bool:
        """Whether only the day is written (``16일``)."""
        return not self.absolute and self.month is None and self.day is not None


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A match before overlaps are settled and dates resolved."""

    start: int
    end: int
    begin: _Spec
    finish: _Spec | None = None
    needs_range: bool = False  # a bare day such as the "24" of "24~26일"
    fallback: _Candidate | None = None  # what is left where no range follows


_Handler = Callable[[re.Match[str]], "_Candidate | None"]

# -- shared pieces -------------------------------------------------------------

_MM = r"(?:1[0-2]|0?[1-9])"
_DD = r"(?:3[01]|[12]\d|0?[1-9])"
_YEAR = r"[12]\d{3}"
_TILDE = r"[~∼〜～]"
# after 일 or 년: durations, ordinals and spans of time ("3일간", "2일째", "1일차",
# "3일 동안", "3일 전에") are not dates; "간" and "전" only as words of their own,
# since "24일 간담회" and "25일 전국" are dates
_AGO = r"\s*[전후](?:에|부터|까지|로)?(?![가-힣])"
_KO_DAY = rf"일(?!간|째|차|여|씩)(?!\s*(?:동안|이내|이상|미만|가량|정도|만에|평균)|{_AGO})"
# "지난 해" apart only before a particle or a non-letter: "지난 해외 출장" is no year
_KO_REL_YEAR = r"재작년|지난해|지난\s해(?=$|[^가-힣]|에|부터|까지|와|의)|작년|올해|금년|내년|명년"
_KO_YEAR_SHIFT = {"재작년": -2, "지난해": -1, "작년": -1, "올해": 0, "금년": 0, "올": 0}
_KO_YEAR_SHIFT |= {"내년": 1, "명년": 1}
_KO_MONTH_SHIFT = {"지난달": -1, "이번달": 0, "이달": 0, "다음달": 1}

_EN_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Sept\.?|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sep\.?|Oct\.?"
    r"|Nov\.?|Dec\.?)(?![A-Za-z])"
)
_EN_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Tues|Thurs|Thur|Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?![A-Za-z])"
)
_ORD = r"(?:st|nd|rd|th)?"
_EN_DASH = r"(?:\s*[-–—]\s*|\s+(?:to|through)\s+)"
_EN_END = r"(?![\d:]|[.,]\d)"  # not part of a larger number, a decimal or a time
_EN_CUE = "|".join(
    rf"(?<=\b{cue} )|(?<=\b{cue.capitalize()} )"
    for cue in ("in", "since", "by", "until", "during", "from", "before", "after", "early", "late")
)


def _ko_weekday(name: str) -> str:
    """Match a Korean weekday marker: ``(월)``, ``(월요일)`` or ``월요일``."""
    return (
        rf"(?:\s*\(\s*(?P<{name}>[{_KO_WEEKDAYS}])(?:요일)?\s*\)"
        rf"|\s*(?P<{name}x>[{_KO_WEEKDAYS}])요일)"
    )


def _en_weekday(name: str) -> str:
    """Match an English weekday in brackets: ``(Mon)``, ``(Monday)``."""
    return rf"(?:\s*\(\s*(?P<{name}>{_EN_WEEKDAY})\.?\s*\))"


def _int(m: re.Match[str], name: str) -> int | None:
    value = m.group(name)
    return int(value) if value else None


def _ko_wd(m: re.Match[str], name: str) -> int | None:
    letter = m.group(name) or m.group(name + "x")
    return _KO_WEEKDAYS.index(letter) if letter else None


def _en_wd(m: re.Match[str], name: str) -> int | None:
    word = m.group(name)
    return _EN_WEEKDAYS.index(word[:3].lower()) if word else None


def _en_month(m: re.Match[str], name: str) -> int:
    return _EN_MONTHS.index(m.group(name)[:3].lower()) + 1


def _span(m: re.Match[str], begin: _Spec, finish: _Spec | None = None) -> _Candidate:
    return _Candidate(m.start(), m.end(), begin, finish)


# -- Korean ------------------------------------------------------------------------

_KO_MONTH_DAY = re.compile(
    rf"""(?<![\d가-힣])
    (?:(?:(?P<y>{_YEAR})년|(?P<rel>{_KO_REL_YEAR}|올(?=\s*\d))|(?P<dir>지난|오는))\s*)?
    (?P<m>\d{{1,2}})월
    (?:\s*(?P<d>\d{{1,2}})(?:{_KO_DAY}{_ko_weekday("w")}?
                           |(?P<open>)(?=\s*{_TILDE}\s*\d{{1,2}}일)))?
    """,
    re.VERBOSE,
)


def _ko_year_prefix(m: re.Match[str]) -> _Spec:
    rel = m.group("rel")
    direction = {"지난": -1, "오는": 1}.get(m.group("dir") or "", 0)
    shift = _KO_YEAR_SHIFT[re.sub(r"\s", "", rel)] if rel else None
    return _Spec(year=_int(m, "y"), year_shift=shift, direction=direction)


def _ko_month_day(m: re.Match[str]) -> _Candidate:
    prefix = _ko_year_prefix(m)
    spec = replace(prefix, month=_int(m, "m"), day=_int(m, "d"), weekday=_ko_wd(m, "w"))
    if m.group("open") is None:
        return _span(m, spec)
    month_only = _Candidate(m.start(), m.end("m") + 1, replace(prefix, month=spec.month))
    return replace(_span(m, spec), needs_range=True, fallback=month_only)


_KO_YEAR = re.compile(
    rf"""(?<![\d가-힣'’‘])
    (?:(?P<y>{_YEAR})년(?!간|째|차|여|\s*(?:동안|이내|이상|미만|가량|정도|만에|된)|{_AGO})
      |(?P<rel>{_KO_REL_YEAR}))
    """,
    re.VERBOSE,
)


def _ko_year(m: re.Match[str]) -> _Candidate:
    rel = m.group("rel")
    shift = _KO_YEAR_SHIFT[re.sub(r"\s", "", rel)] if rel else None
    return _span(m, _Spec(year=_int(m, "y"), year_shift=shift))


_KO_DAY_ONLY = re.compile(
    rf"""(?<![\d.월가-힣])(?<!월\s)
    (?:(?P<dir>지난|오는)\s*)?
    (?P<d>{_DD})(?:{_KO_DAY}{_ko_weekday("w")}?|(?P<open>)(?=\s*{_TILDE}\s*\d{{1,2}}일))
    """,
    re.VERBOSE,
)


def _ko_day_only(m: re.Match[str]) -> _Candidate:
    direction = {"지난": -1, "오는": 1}.get(m.group("dir") or "", 0)
    spec = _Spec(day=_int(m, "d"), weekday=_ko_wd(m, "w"), direction=direction)
    return replace(_span(m, spec), needs_range=m.group("open") is not None)


_KO_REL_MONTH = re.compile(
    rf"""(?<![가-힣])
    (?P<rm>지난\s?달|이번\s?달|이달(?!성|리)|다음\s?달)
    (?:\s*(?P<d>{_DD}){_KO_DAY}{_ko_weekday("w")}?)?
    """,
    re.VERBOSE,
)


def _ko_rel_month(m: re.Match[str]) -> _Candidate:
    shift = _KO_MONTH_SHIFT[re.sub(r"\s", "", m.group("rm"))]
    return _span(m, _Spec(month_shift=shift, day=_int(m, "d"), weekday=_ko_wd(m, "w")))


# "(24.일)": the day and weekday heading a timetable column
_KO_TABLE_DAY = re.compile(rf"\((?P<d>{_DD})\.\s?(?P<w>[{_KO_WEEKDAYS}])\)")


def _ko_table_day(m: re.Match[str]) -> _Candidate:
    return _span(m, _Spec(day=_int(m, "d"), weekday=_KO_WEEKDAYS.index(m.group("w"))))


_KO_NUMERIC = re.compile(
    rf"""(?<![\w.'’‘/-])
    (?:(?P<y>{_YEAR})\.\s?|['’‘](?P<yy>\d{{2}})\.\s?)?
    (?P<m>{_MM})\.\s?(?P<d>{_DD})(?!\d)
    (?P<dot>\.(?!\d))?
    {_ko_weekday("w")}?
    (?:\s*(?P<tilde>{_TILDE})\s*
       (?:(?P<fm>{_MM})\.\s?(?={_DD}(?!\d)))?(?P<fd>{_DD})(?!\d)(?:\.(?!\d))?
       {_ko_weekday("fw")}?)?
    """,
    re.VERBOSE,
)


def _ko_numeric(m: re.Match[str]) -> _Candidate | None:
    year, yy = _int(m, "y"), _int(m, "yy")
    if yy is not None:
        year = 2000 + yy if yy <= 69 else 1900 + yy
    weekday = _ko_wd(m, "w")
    stated = year is not None or weekday is not None or m.group("tilde")
    if not stated:
        if not m.group("dot"):
            return None  # 9.25 is a decimal number
        line_start = m.string.rfind("\n", 0, m.start()) + 1
        if not m.string[line_start : m.start()].strip(" \t#*"):
            return None  # "2.1. 개요" numbers a section
    begin = _Spec(year=year, month=_int(m, "m"), day=_int(m, "d"), weekday=weekday)
    finish = None
    if m.group("tilde"):
        finish = _Spec(month=_int(m, "fm"), day=_int(m, "fd"), weekday=_ko_wd(m, "fw"))
    return _span(m, begin, finish)


# -- shared: ISO 8601 and YYYY/MM/DD -------------------------------------------------


def _iso_pattern(weekday: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w.\-/])(?P<y>{_YEAR})(?P<sep>[-/])(?P<m>{_MM})(?P=sep)(?P<d>{_DD})"
        rf"(?![\d\-/]|\.\d){weekday}?"
    )


_KO_ISO = _iso_pattern(_ko_weekday("w"))
_EN_ISO = _iso_pattern(_en_weekday("w"))


def _ko_iso(m: re.Match[str]) -> _Candidate:
    spec = _Spec(year=_int(m, "y"), month=_int(m, "m"), day=_int(m, "d"))
    return _span(m, replace(spec, weekday=_ko_wd(m, "w")))


def _en_iso(m: re.Match[str]) -> _Candidate:
    spec = _Spec(year=_int(m, "y"), month=_int(m, "m"), day=_int(m, "d"))
    return _span(m, replace(spec, weekday=_en_wd(m, "w")))


# -- English -------------------------------------------------------------------------

_EN_MONTH_DAY = re.compile(
    rf"""(?<![\w.])
    (?:(?P<pw>{_EN_WEEKDAY})\.?,?\s+)?
    (?P<mon>{_EN_MONTH})\s*(?P<d>{_DD}){_ORD}{_EN_END}{_en_weekday("w")}?
    (?:{_EN_DASH}(?P<fd>{_DD}){_ORD}{_EN_END})?
    (?:,?\s+(?P<y>{_YEAR}){_EN_END})?
    {_en_weekday("ew")}?
    """,
    re.VERBOSE,
)

_EN_DAY_MONTH = re.compile(
    rf"""(?<![\w.,:/-])
    (?:(?P<pw>{_EN_WEEKDAY})\.?,?\s+)?
    (?P<d>{_DD}){_ORD}{_en_weekday("w")}?
    (?:{_EN_DASH}(?P<fd>{_DD}){_ORD})?
    \s+(?:of\s+)?(?P<mon>{_EN_MONTH})
    (?:,?\s+(?P<y>{_YEAR}){_EN_END})?
    {_en_weekday("ew")}?
    """,
    re.VERBOSE,
)


def _en_day(m: re.Match[str]) -> _Candidate:
    """Handle ``Sept. 24``, ``24 September 2023``, ``Sept. 24-26`` and the like.

    A weekday in brackets at the very end belongs to the last day written:
    the date's, or the end's of a range.
    """
    month, year = _en_month(m, "mon"), _int(m, "y")
    begin_wd = _en_wd(m, "pw") if m.group("pw") else _en_wd(m, "w")
    end_wd = _en_wd(m, "ew")
    fd = _int(m, "fd")
    if fd is None:
        weekday = end_wd if begin_wd is None else begin_wd
        return _span(m, _Spec(year=year, month=month, day=_int(m, "d"), weekday=weekday))
    begin = _Spec(year=year, month=month, day=_int(m, "d"), weekday=begin_wd)
    return _span(m, begin, _Spec(year=year, month=month, day=fd, weekday=end_wd))


_EN_MONTH_YEAR = re.compile(rf"(?<![\w.])(?P<mon>{_EN_MONTH}),?\s+(?P<y>{_YEAR}){_EN_END}")
_EN_MONTH_ALONE = re.compile(rf"(?:{_EN_CUE}|(?<=\bmid-))(?P<mon>{_EN_MONTH})(?!\s*\d)")


def _en_month_only(m: re.Match[str]) -> _Candidate:
    year = _int(m, "y") if "y" in m.re.groupindex else None
    return _span(m, _Spec(year=year, month=_en_month(m, "mon")))


_EN_YEAR = re.compile(rf"(?:{_EN_CUE}|(?<=\bmid-))(?P<y>{_YEAR})(?![\w%]|[.,]\d)")
_EN_YEARS = re.compile(
    r"(?:(?<=\bfrom )|(?<=\bFrom )|(?<=\bbetween )|(?<=\bBetween ))"
    rf"(?P<y>{_YEAR})(?:\s*[-–—]\s*|\s+(?:to|and|until|through)\s+)(?P<fy>{_YEAR})"
    r"(?![\w%]|[.,]\d)"
)


def _en_year(m: re.Match[str]) -> _Candidate:
    finish = _Spec(year=_int(m, "fy")) if "fy" in m.re.groupindex else None
    return _span(m, _Spec(year=_int(m, "y")), finish)


_EN_RELATIVE = re.compile(r"(?<![\w-])(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<unit>year|month)\b")


def _en_relative(m: re.Match[str]) -> _Candidate:
    shift = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    if m.group("unit") == "year":
        return _span(m, _Spec(year_shift=shift))
    return _span(m, _Spec(month_shift=shift))


_RULES: dict[str, tuple[tuple[re.Pattern[str], _Handler], ...]] = {
    "ko": (
        (_KO_MONTH_DAY, _ko_month_day),
        (_KO_YEAR, _ko_year),
        (_KO_DAY_ONLY, _ko_day_only),
        (_KO_REL_MONTH, _ko_rel_month),
        (_KO_TABLE_DAY, _ko_table_day),
        (_KO_NUMERIC, _ko_numeric),
        (_KO_ISO, _ko_iso),
    ),
    "en": (
        (_EN_MONTH_DAY, _en_day),
        (_EN_DAY_MONTH, _en_day),
        (_EN_MONTH_YEAR, _en_month_only),
        (_EN_MONTH_ALONE, _en_month_only),
        (_EN_YEAR, _en_year),
        (_EN_YEARS, _en_year),
        (_EN_RELATIVE, _en_relative),
        (_EN_ISO, _en_iso),
    ),
}
# what joins two dates into a range, and what may close it
_CONNECTOR = {
    "ko": re.compile(r"\s*(?:[~∼〜～\-–—]|부터)\s*"),
    "en": re.compile(r"\s*[-–—]\s*|\s+(?:to|through|until|till)\s+"),
}
_CLOSER: dict[str, re.Pattern[str] | None] = {"ko": re.compile(r"\s?까지"), "en": None}

# -- finding ---------------------------------------------------------------------------


def _atoms(text: str, language: str) -> list[_Candidate]:
    atoms = []
    for pattern, handler in _RULES[language]:
        for m in pattern.finditer(text):
            found = handler(m)
            if found is not None:
                atoms.append(found)
    return atoms


def _joinable(a: _Spec, b: _Spec) -> bool:
    """Tell whether ``b`` can end a range that ``a`` begins."""
    if b.absolute or b.year is not None:
        return True
    if (a.day is None) != (b.day is None):
        return False
    return b.month is not None or a.month is not None or a.month_shift is not None or a.day_only


def _ranges(text: str, atoms: list[_Candidate], language: str) -> Iterator[_Candidate]:
    """Join two dates written with a connector between them (``9월 24일부터 26일까지``)."""
    by_start: dict[int, list[_Candidate]] = {}
    for atom in atoms:
        by_start.setdefault(atom.start, []).append(atom)
    for a in atoms:
        link = _CONNECTOR[language].match(text, a.end)
        if a.finish is not None or link is None:
            continue
        for b in by_start.get(link.end(), ()):
            if b.finish is None and not b.needs_range and _joinable(a.begin, b.begin):
                closer = _CLOSER[language]
                closed = None if closer is None else closer.match(text, b.end)
                end = closed.end() if closed else b.end
                yield _Candidate(a.start, end, a.begin, b.begin)


def _candidates(text: str, language: str) -> list[_Candidate]:
    """All matches, longest first; impossible ones included, so that they block."""
    atoms = _atoms(text, language)
    found = [*_ranges(text, atoms, language)]
    for atom in atoms:
        if not atom.needs_range:
            found.append(atom)
        elif atom.fallback is not None:
            found.append(atom.fallback)
    found.sort(key=lambda c: (c.start - c.end, c.start))
    chosen: list[_Candidate] = []  # kept sorted by start, never overlapping
    starts: list[int] = []
    for c in found:
        i = bisect_right(starts, c.start)
        if (i and chosen[i - 1].end > c.start) or (i < len(chosen) and chosen[i].start < c.end):
            continue
        chosen.insert(i, c)
        starts.insert(i, c.start)
    return chosen


# -- resolving ---------------------------------------------------------------------------


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    y, m = divmod(year * 12 + month - 1 + months, 12)
    return y, m + 1


def _make(year: int, month: int | None, day: int | None) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def _deictic(spec: _Spec, published: date) -> PartialDate | None:
    """Resolve ``지난``/``오는`` + date: the nearest such date before/after publication."""
    pub = (published.month, published.day)
    if spec.month is None:  # 지난 28일, 오는 3일: step month by month until the day exists
        if spec.day is None:
            return None
        same = spec.day <= published.day if spec.direction < 0 else spec.day >= published.day
        first = 0 if same else spec.direction
        for k in range(first, first + 3 * spec.direction, spec.direction):
            year, month = _add_months(published.year, published.month, k)
            found = _make(year, month, spec.day)
            if found is not None:
                return found
        return None
    if spec.day is None:
        same = spec.month < pub[0] if spec.direction < 0 else spec.month >= pub[0]
    else:
        key = (spec.month, spec.day)
        same = key <= pub if spec.direction < 0 else key >= pub
    return _make(published.year + (0 if same else spec.direction), spec.month, spec.day)


def _resolve(
    spec: _Spec, published: date | None, anchor: tuple[int, int] | None
) -> PartialDate | None:
    """Resolve one end of an expression; ``anchor`` is (year, month) for a day alone."""
    if spec.year is not None:
        return _make(spec.year, spec.month, spec.day)
    if spec.day_only and anchor is not None:
        return _make(anchor[0], anchor[1], spec.day)
    if published is None:
        return None
    if spec.year_shift is not None:
        return _make(published.year + spec.year_shift, spec.month, spec.day)
    if spec.month_shift is not None:
        year, month = _add_months(published.year, published.month, spec.month_shift)
        return _make(year, month, spec.day)
    if spec.direction:
        return _deictic(spec, published)
    if spec.month is not None:
        last_year = spec.month - published.month > 6
        return _make(published.year - last_year, spec.month, spec.day)
    return _make(published.year, published.month, spec.day)


def _key(d: PartialDate) -> tuple[int, ...]:
    return tuple(x for x in (d.year, d.month, d.day) if x is not None)


def _ends_before(finish: PartialDate, begin: PartialDate) -> bool:
    """Tell whether ``finish`` is before ``begin``, compared at their common precision."""
    a, b = _key(finish), _key(begin)
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def _resolve_range(
    c: _Candidate, published: date | None, anchor: tuple[int, int] | None
) -> tuple[PartialDate, PartialDate | None] | None:
    if c.finish is None:
        begin = _resolve(c.begin, published, anchor)
        return None if begin is None else (begin, None)
    if c.finish.year is not None and not c.begin.absolute:
        # "September 30 – October 2, 2023": the beginning takes the year at the end
        finish = _resolve(c.finish, published, None)
        if finish is None:
            return None
        month = c.begin.month or finish.month
        begin = _make(finish.year, month, c.begin.day)
        if begin is not None and _ends_before(finish, begin):
            begin = _make(finish.year - 1, month, c.begin.day)
    else:
        begin = _resolve(c.begin, published, anchor)
        if begin is None:
            return None
        if c.finish.absolute:
            finish = _resolve(c.finish, published, None)
        else:
            month = c.finish.month or begin.month
            finish = _make(begin.year, month, c.finish.day)
            if finish is not None and c.finish.month is not None and _ends_before(finish, begin):
                finish = _make(begin.year + 1, month, c.finish.day)  # 12.30~1.2
    if begin is None or finish is None or _ends_before(finish, begin):
        return None
    return begin, finish


def _ends(c: _Candidate) -> tuple[_Spec, ...]:
    return (c.begin,) if c.finish is None else (c.begin, c.finish)


def _weekday_problem(when: PartialDate | None, stated: int | None) -> str | None:
    if when is None or stated is None or when.month is None or when.day is None:
        return None
    actual = date(when.year, when.month, when.day).weekday()
    if actual == stated:
        return None
    return (
        f"{when.day} {_MONTH_NAMES[when.month]} {when.year} is a {_WEEKDAY_NAMES[actual]}, "
        f"not a {_WEEKDAY_NAMES[stated]}"
    )


def find_dates(text: str, published: date | None, *, language: str = "ko") -> list[DateMention]:
    """Find the dates in a text and resolve them against the publication date.

    Parameters
    ----------
    text
        The decoded document text (offsets are into it).
    published
        The publication date, used for what the text leaves out (year, month);
        ``None`` skips every mention whose year the text does not give.
    language
        ``"ko"`` for Korean forms (``2023년 9월 24일``, ``9.24.(일)``,
        ``지난해``, ...) or ``"en"`` for English ones (``Sept. 24``,
        ``24 September 2023``, ``last year``, ...); ISO ``2023-09-24`` is read
        in both.

    Returns
    -------
    list of DateMention
        Sorted by start, not overlapping; where matches overlap the longest
        wins.  Impossible dates are left out; a contradicting weekday is kept
        and described in ``problem``.

    Raises
    ------
    ValueError
        For a language other than ``"ko"`` and ``"en"``.

    Examples
    --------
    >>> from datetime import date
    >>> [(m.text, m.begin.iso) for m in find_dates("오는 3일과 지난 28일", date(2023, 9, 25))]
    [('오는 3일', '2023-10-03'), ('지난 28일', '2023-08-28')]
    >>> find_dates("10.3.(수) 개막", date(2023, 9, 25))[0].problem
    '10.3.(수): 3 October 2023 is a Tuesday, not a Wednesday'
    >>> [m.text for m in find_dates("금리 3.5%, 1.5배, 9.25 그리고 2월 30일", date(2023, 9, 25))]
    []
    >>> m = find_dates("Held 24 - 26 September 2023 in Seoul.", None, language="en")[0]
    >>> m.begin.iso, m.finish.iso
    ('2023-09-24', '2023-09-26')
    """
    if language not in _RULES:
        raise ValueError(f"language must be 'ko' or 'en', not {language!r}")
    breaks = [m.start() for m in re.finditer(r"\n[ \t]*\n", text)]
    anchor: tuple[int, int, int] | None = None  # (paragraph, year, month) last stated
    mentions = []
    for c in _candidates(text, language):
        paragraph = bisect_right(breaks, c.start)
        here = anchor[1:] if anchor is not None and anchor[0] == paragraph else None
        resolved = _resolve_range(c, published, here)
        if resolved is None:
            continue
        begin, finish = resolved
        if any(s.month is not None or s.month_shift is not None for s in _ends(c)):
            last = finish if finish is not None and finish.month is not None else begin
            if last.month is not None:
                anchor = (paragraph, last.year, last.month)
        found = text[c.start : c.end]
        problems = [
            p
            for p in (
                _weekday_problem(begin, c.begin.weekday),
                _weekday_problem(finish, c.finish.weekday if c.finish else None),
            )
            if p is not None
        ]
        mentions.append(
            DateMention(
                start=c.start,
                end=c.end,
                text=found,
                begin=begin,
                finish=finish,
                weekday=c.begin.weekday,
                problem=f"{found}: {'; '.join(problems)}" if problems else None,
            )
        )
    return mentions


# -- publication date --------------------------------------------------------------------

_HEADER_LIMIT = 1500
# a label before the date on its line: "보도일시 ", "For immediate release: ", "Date: "
_LABEL_BEFORE = re.compile(
    r"(?:(?:보도|배포|게재|게시|등록|작성|발행|발표)\s*(?:일시|일자|시점|일)?"
    r"|\b(?:date|dated|release date|publication date|released|published|posted(?: on)?"
    r"|issued(?: on)?|for (?:immediate )?release)"
    r")[\s*_|:：\-–—]*$",
    re.IGNORECASE,
)
# a release-time marker after it: "2023. 9. 25.(월) 조간용", "... 06:00 석간"
_LABEL_AFTER = re.compile(r"^[\s*_|]*(?:\d{1,2}:\d{2}\s*)?[(\[]?\s*(?:조간|석간|즉시)")
# a news dateline: "SEOUL, Nov. 24, 2022 —", "Seoul, South Korea, Nov. 24, 2022 /PRNewswire/"
_DATELINE_BEFORE = re.compile(r"^[\s*_>]*[A-Z][A-Za-z .'’-]*(?:,\s*[A-Z][A-Za-z .'’-]*)*,\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:[—–]|--|-\s|/)")
_DECORATION = " \t*_#>|-"


def _is_header(text: str, mention: DateMention) -> bool:
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    before = text[line_start : mention.start]
    after = text[mention.end : len(text) if line_end < 0 else line_end]
    return bool(
        _LABEL_BEFORE.search(before)
        or _LABEL_AFTER.match(after)
        or (_DATELINE_BEFORE.match(before) and _DATELINE_AFTER.match(after))
        or not (before.strip(_DECORATION) or after.strip(_DECORATION))
    )


def publication_date(text: str) -> date | None:
    r"""Read the release date from the header of a press release.

    The first full date (year, month and day written out) in the first 1,500
    characters that is marked as the release date: after a label (``보도일시``,
    ``배포일``, ``Date:``, ``For immediate release:``, ``Published``), before
    a release-time marker (``조간용``, ``석간``), in a news dateline
    (``SEOUL, Nov. 24, 2022 —``), or alone on its line.  Other dates, such as
    an embargo time in a sentence, are passed over.

    Parameters
    ----------
    text
        The decoded document text, Korean or English.

    Returns
    -------
    datetime.date or None
        ``None`` where no header date is found.

    Examples
    --------
    >>> publication_date("## 보도자료\n\n2024. 3. 4.(월) 석간용\n\n서울시는 ...")
    datetime.date(2024, 3, 4)
    >>> publication_date("For immediate release: June 7, 2024\n\nThe city ...")
    datetime.date(2024, 6, 7)
    >>> publication_date("Held on 24 September 2023 in Seoul.") is None
    True
    """
    head = text[:_HEADER_LIMIT]
    found = [m for language in _RULES for m in find_dates(head, None, language=language)]
    for mention in sorted(found, key=lambda m: m.start):
        begin = mention.begin
        if mention.finish is not None or begin.month is None or begin.day is None:
            continue
        if _is_header(head, mention):
            return date(begin.year, begin.month, begin.day)
    return None
