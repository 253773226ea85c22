r"""Rules for tables: exhibitor lists with theme rows, and day-by-day programmes.

Tables are tab-separated lines or HTML tables (see :func:`.reader.tables`).

* An **exhibitor table** has a header cell such as 기업명, 참여기업, Company or
  Exhibitor.  A row with only its first cell filled (often ``• 테마(Theme)``)
  opens a theme zone; each other row's first cell is an exhibiting company.
* A **programme table** has day columns (``1일차``, ``Day 2``, ``9.25``); each
  other cell names events held that day, part of the document's main event.

Examples
--------
>>> from citygraph.ingest.pipeline import extract_text
>>> text = "Company\tProduct\n• Robots (Robotics)\t\nAcme Robots\tarms\n"
>>> x = extract_text(text)
>>> sorted((r.source, r.target) for r in x.relations if r.type.value == "exhibitor")
[('organization/acme-robots', 'event/robots')]
"""

from __future__ import annotations

import re

from citygraph.ingest.doc import Doc
from citygraph.ingest.extraction import Collector, EntityType, RelationType
from citygraph.ingest.reader import Cell, Table, tables
from citygraph.ingest.rules_common import norm

__all__ = ["TableRules", "blocks", "main_event"]

_EXHIBITOR_HEADER = re.compile(
    r"기업명|업체명|참여\s?기업|기관명|^company|exhibitor|^organi[sz]ation", re.IGNORECASE
)
_DAY_HEADER = re.compile(
    r"\d+\s?일차|day\s?\d+|\d{1,2}\s?[./]\s?\d{1,2}|\d+\s?일\b|\(\d+\.?\s?[월화수목금토일]\)",
    re.IGNORECASE,
)
_THEME = re.compile(r"^[•·▶■□◆\-*\s]*(?P<ko>[^()]+?)\s*(?:\((?P<en>[^()]+)\))?\s*$")
_EVENT_HEADER = re.compile(r"^(?:행사명?|프로그램|event|programme|program)$", re.IGNORECASE)
_GENERIC = {
    "오찬",
    "만찬",
    "조찬",
    "휴식",
    "등록",
    "lunch",
    "dinner",
    "break",
    "registration",
    "breakfast",
    "coffee break",
}


def blocks(text: str) -> list[Table]:
    r"""Tables, with category lines between their rows kept as one-cell rows.

    Press releases break an exhibitor table with lines such as ``• 로봇(Robots)``
    that hold no tab; :func:`.reader.tables` would split the table there.

    >>> [len(t.rows) for t in blocks("기업명\t제품\n• 로봇(Robots)\n가나\t팔\n")]
    [3]
    """
    found: list[Table] = []
    run: list[tuple[int, str]] = []

    def close() -> None:
        if len(run) >= 2 and any("\t" in line for _, line in run):
            rows = tuple(_cells(start, line) for start, line in run)
            found.append(Table(run[0][0], run[-1][0] + len(run[-1][1]), rows))
        run.clear()

    for m in re.finditer(r"[^\n]*", text):
        line = m.group()
        if "\t" in line.strip(" ") or (run and _CATEGORY.match(line)):
            if not (run and run[-1][0] == m.start()):
                run.append((m.start(), line))
        elif m.start() != m.end() or not line:
            if m.start() == m.end() and run and text[m.start() - 1 : m.start()] != "\n":
                continue  # the empty match right after a line
            close()
    close()
    return found or tables(text)


_CATEGORY = re.compile(r"^\s*[•▶■◆□]")


def _cells(start: int, line: str) -> tuple[Cell, ...]:
    cells = []
    pos = 0
    for part in line.split("\t"):
        stripped = part.strip()
        offset = part.find(stripped) if stripped else 0
        cells.append(Cell(stripped, start + pos + offset, start + pos + offset + len(stripped)))
        pos += len(part) + 1
    return tuple(cells)


def main_event(found: Collector) -> str | None:
    """The document's event, as the language rules chose it, else the most mentioned."""
    if found.main_event:
        return found.main_event
    events = [
        (len(found.mentions_of(e)), e)
        for e in found.ids(EntityType.EVENT)
        if not found.attribute(e, "kind")
    ]
    return max(events)[1] if events else None


class TableRules:
    """Rule-based reading of exhibitor and programme tables, any language."""

    name = "table-rules"

    def supports(self, language: str) -> bool:
        """Tables are read in every language."""
        return True

    def extract(self, doc: Doc, found: Collector) -> None:
        """Add exhibitors, theme zones and programme events."""
        theme: str | None = None
        for table in blocks(doc.text):
            header = [c.text for c in table.rows[0]]
            if any(_EXHIBITOR_HEADER.search(h) for h in header):
                # a table that goes on after a page break repeats its header: keep the theme
                theme = _exhibitors(doc, found, table, theme)
            elif any(_EVENT_HEADER.search(h) for h in header):
                _events(doc, found, table)
            elif any(
                re.match(r"(?:세션|session)\s?\d", r[0].text, re.IGNORECASE)
                for r in table.rows[1:]
                if r
            ):
                _sessions(doc, found, table)
            elif sum(bool(_DAY_HEADER.search(h)) for h in header) >= 2:
                _programme(doc, found, table)


def _exhibition(doc: Doc, found: Collector, table: Table) -> str | None:
    """The exhibition a table lists companies of.

    "X 참여기업" names it; else the last event named just before the table.
    """
    names = found.names()
    for eid in found.ids(EntityType.EVENT):
        for name in names[eid]:
            if re.search(
                re.escape(name) + r"\s*(?:참여\s?기업|exhibitors)", doc.text, re.IGNORECASE
            ):
                return eid
    before = [
        (m.end, eid)
        for eid in found.ids(EntityType.EVENT)
        for m in found.mentions_of(eid)
        if table.start - 400 <= m.end <= table.start
    ]
    return max(before)[1] if before else main_event(found)


def _exhibitors(doc: Doc, found: Collector, table: Table, theme: str | None) -> str | None:
    exhibition = _exhibition(doc, found, table)
    header = [c.text for c in table.rows[0]]
    column = next(
        (
            i
            for i, h in enumerate(header)
            if re.search(r"기업명|업체명|exhibitor|company", h, re.IGNORECASE)
        ),
        0,
    )
    zone_col = next(
        (
            i
            for i, h in enumerate(header)
            if i != column and re.search(r"zone|theme|테마|전시관|존", h, re.IGNORECASE)
        ),
        None,
    )
    for row in table.rows[1:]:
        filled = [c for c in row if c.text]
        if not filled or _EXHIBITOR_HEADER.search(filled[0].text):
            continue
        shift = len(header) - len(row)  # a cell spanning rows above is missing here
        at = column - shift if 0 < shift <= column else column
        first = row[at] if at < len(row) and row[at].text and len(filled) > 1 else filled[0]
        if zone_col is not None and shift <= 0 and row[zone_col].text:
            theme = _theme(doc, found, row[zone_col], exhibition)
        if len(filled) == 1 or re.match(r"^[•·▶■□◆]", first.text):
            theme = _theme(doc, found, first, exhibition)
            continue
        name = re.sub(r"\s+", " ", first.text).strip()
        org = ""
        paired = re.match(r"^(.+?)\s*\((?!주\))([^()]*[A-Za-z][^()]*)\)$", name)
        if paired and re.search(r"[가-힣]", paired.group(1)):
            org = found.entity(
                EntityType.ORGANIZATION,
                ko=paired.group(1),
                en=paired.group(2),
                span=(first.start, first.end),
                kind="company",
            )
            name = ""
        org = (
            org
            if not name
            else found.entity(
                EntityType.ORGANIZATION,
                ko=name if re.search(r"[가-힣]", name) else None,
                en=None if re.search(r"[가-힣]", name) else name,
                span=(first.start, first.end),
                kind="company",
            )
        )
        target = theme or exhibition
        for cell in row[1:]:
            parent = re.search(r"([A-Za-z가-힣0-9]+)\s?계열사", cell.text)
            if parent:
                ps = cell.start + parent.start(1)
                pid = found.entity(
                    EntityType.ORGANIZATION,
                    ko=parent.group(1),
                    span=(ps, ps + len(parent.group(1))),
                    kind="company",
                )
                found.relate(
                    RelationType.PART_OF,
                    org,
                    pid,
                    (first.start, cell.end),
                    "table.exhibitor.parent",
                    0.7,
                )
        if target:
            found.relate(
                RelationType.EXHIBITOR,
                org,
                target,
                (first.start, first.end),
                "table.exhibitor",
                0.9,
            )
    return theme


def _theme(doc: Doc, found: Collector, cell: Cell, exhibition: str | None) -> str | None:
    m = _THEME.match(cell.text)
    if m is None:
        return None
    ko, en = m.group("ko").strip(), (m.group("en") or "").strip() or None
    korean = bool(re.search(r"[가-힣]", ko))
    zone = found.entity(
        EntityType.EVENT,
        ko=ko if korean else None,
        en=(en if korean else ko) or None,
        aliases=(en,) if en and not korean else (),
        span=(cell.start, cell.end),
        kind="exhibition_zone",
    )
    names = found.names()
    for eid in list(names):  # the body may call the zone "X관"; a pair may have read it
        if eid != zone and any(norm(n) in (norm(ko) + "관", norm(ko)) for n in names[eid]):
            found.merge(zone, eid)
    if exhibition and exhibition != zone:
        found.relate(
            RelationType.PART_OF,
            zone,
            exhibition,
            (cell.start, cell.end),
            "table.exhibitor.zone",
            0.85,
        )
    return zone


def _events(doc: Doc, found: Collector, table: Table) -> None:
    """A table of events (or a programme): name, date, venue and attendee columns.

    A cell spanning several rows (a day) is missing from the rows below it:
    their cells shift left, and the day carries over.  Rows naming a session
    (``Session 1: ...``, ``세션1``) are the sessions; the presenters column
    gives presentations by the people, cities and organisations it names.
    """
    header = [c.text for c in table.rows[0]]

    def col(pattern: str) -> int | None:
        return next((i for i, h in enumerate(header) if re.search(pattern, h, re.IGNORECASE)), None)

    name_col = col(r"^(?:행사명?|프로그램|event|programme|program)$") or 0
    date_col, venue_col = (
        col(r"일시|날짜|일자|date|when|^day$|요일"),
        col(r"장소|venue|place|where"),
    )
    person_col = col(r"참석|참가|attend|speaker|연사|발표|present")
    parent = main_event(found)
    names = {
        n: e
        for e, ns in found.names().items()
        if found.type_of(e) in (EntityType.PERSON, EntityType.CITY, EntityType.ORGANIZATION)
        for n in ns
        if len(n) >= 2
    }
    day = None
    for row in table.rows[1:]:
        shift = len(header) - len(row)

        cell = _shifted(row, shift, name_col)
        if cell is None or not cell.text or cell.text in ("-", "–"):
            continue
        dated = _shifted(row, shift, date_col)
        if dated is not None:
            day = doc.dates_in(dated.start, dated.end) or day
        session = re.match(r"(?:세션|session)\s?(\d+)\s*[:：.]?\s*(.*)$", cell.text, re.IGNORECASE)
        korean = bool(re.search(r"[가-힣]", cell.text))
        same = [
            e
            for e, ns in found.names().items()
            if found.type_of(e) is EntityType.EVENT and norm(cell.text) in map(norm, ns)
        ]
        if same:
            eid = same[0]
        elif session:
            eid = found.entity(
                EntityType.EVENT,
                key=f"session-{session.group(1)}",
                ko=cell.text if korean else None,
                en=None if korean else cell.text,
                aliases=(session.group(2),) if session.group(2) else (),
                kind="forum_session",
            )
        else:
            eid = found.entity(
                EntityType.EVENT, ko=cell.text if korean else None, en=None if korean else cell.text
            )
        found.mention(eid, (cell.start, cell.end))
        if parent and eid != parent:
            found.relate(
                RelationType.PART_OF,
                eid,
                parent,
                (cell.start, cell.end),
                "table.events.part_of",
                0.6,
            )
        if day:
            found.set_attribute(eid, "start", day[0].begin.iso)
        v = _shifted(row, shift, venue_col)
        if v is not None and v.text:
            venue = re.match(r"[^(,]+", v.text)
            if venue:
                name = venue.group().strip()
                vid = found.entity(
                    EntityType.VENUE,
                    ko=name if re.search(r"[가-힣]", name) else None,
                    en=None if re.search(r"[가-힣]", name) else name,
                    span=(v.start, v.start + len(name)),
                )
                found.relate(
                    RelationType.LOCATED_IN,
                    eid,
                    vid,
                    (cell.start, v.end),
                    "table.events.venue",
                    0.8,
                )
        p = _shifted(row, shift, person_col)
        if p is None or not p.text:
            continue
        speaking = bool(
            re.search(
                r"발표|강연|연설|발제|환영사|present|speech|talk|address|keynote",
                p.text + header[person_col or 0],
                re.IGNORECASE,
            )
        )
        taken: list[tuple[int, int]] = []
        for name, who in sorted(names.items(), key=lambda item: -len(item[0])):
            for hit in re.finditer(re.escape(name), p.text):
                span = (p.start + hit.start(), p.start + hit.end())
                if any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                taken.append(span)
                found.mention(who, span)
                rel = RelationType.PRESENTATION if speaking else RelationType.PARTICIPATION
                found.relate(rel, who, eid, (cell.start, p.end), "table.events.person", 0.75)


def _shifted(row: tuple[Cell, ...], shift: int, index: int | None) -> Cell | None:
    """The cell under header column ``index`` when ``shift`` leading cells span from above."""
    if index is None:
        return None
    at = index - shift if shift > 0 else index
    return row[at] if 0 <= at < len(row) and (shift <= 0 or index >= shift) else None


def _sessions(doc: Doc, found: Collector, table: Table) -> None:
    """A table of sessions: number, date, topic and presenters."""
    header = [c.text for c in table.rows[0]]

    def col(pattern: str) -> int | None:
        return next((i for i, h in enumerate(header) if re.search(pattern, h, re.IGNORECASE)), None)

    title_col = col(r"주제|제목|title|topic|theme")
    date_col = col(r"일시|날짜|date|when")
    people_col = col(r"발표|연사|speaker|present")
    parent = main_event(found)
    places = {
        n: e
        for e, names in found.names().items()
        if found.type_of(e) in (EntityType.CITY, EntityType.ORGANIZATION)
        for n in names
    }
    for row in table.rows[1:]:
        number = re.match(r"(?:세션|session)\s?(\d+)", row[0].text, re.IGNORECASE) if row else None
        if number is None:
            continue
        title = row[title_col].text if title_col is not None and title_col < len(row) else ""
        korean = bool(re.search(r"[가-힣]", title + row[0].text))
        label = (
            f"세션{number.group(1)}: {title}" if korean else f"Session {number.group(1)}: {title}"
        )
        sid = found.entity(
            EntityType.EVENT,
            key=f"session-{number.group(1)}",
            ko=label if korean else None,
            en=None if korean else label,
            aliases=(title,) if title else (),
            span=(row[0].start, row[0].end),
            kind="forum_session",
        )
        if parent and parent != sid:
            found.relate(
                RelationType.PART_OF,
                sid,
                parent,
                (row[0].start, row[-1].end),
                "table.sessions.part_of",
                0.75,
            )
        if date_col is not None and date_col < len(row):
            dates = doc.dates_in(row[date_col].start, row[date_col].end)
            if dates:
                found.set_attribute(sid, "start", dates[0].begin.iso)
        if people_col is not None and people_col < len(row):
            cell = row[people_col]
            for part in re.finditer(r"[^,、·/]+", cell.text):
                name = part.group().strip()
                who = places.get(name) or places.get(name + "시")
                if who:
                    at = cell.start + part.start()
                    found.mention(who, (at, at + len(part.group())))
                    found.relate(
                        RelationType.PRESENTATION,
                        who,
                        sid,
                        (row[0].start, cell.end),
                        "table.sessions.presenter",
                        0.75,
                    )


def _meal_free(name: str) -> str:
    return norm(re.sub(r"조찬|오찬|만찬", "", name))


def _programme(doc: Doc, found: Collector, table: Table) -> None:
    event = main_event(found)
    header = table.rows[0]
    for row in table.rows[1:]:
        for i, cell in enumerate(row):
            if i == 0 or i >= len(header) or not cell.text or cell.text.startswith("※"):
                continue
            for part in re.finditer(r"\S+(?: \S+)*", cell.text):
                name = part.group()
                if name.casefold() in _GENERIC or len(name) < 3:
                    continue
                start = cell.start + cell.text.index(name)
                same = [
                    e
                    for e, names in found.names().items()
                    if found.type_of(e) is EntityType.EVENT
                    and _meal_free(name) in map(_meal_free, names)
                ]
                if same:
                    found.mention(same[0], (start, start + len(name)))
                    continue
                eid = found.entity(
                    EntityType.EVENT,
                    ko=name if re.search(r"[가-힣]", name) else None,
                    en=None if re.search(r"[가-힣]", name) else name,
                    span=(start, start + len(name)),
                )
                if event and eid != event:
                    found.relate(
                        RelationType.PART_OF,
                        eid,
                        event,
                        (start, start + len(name)),
                        "table.programme",
                        0.7,
                    )
