r"""Formal English documents: titles before names, signature blocks, titled agreements.

Declarations and agreements signed by two mayors name their signatories in
ways press releases do not:

* the title first, then the name after a comma, the name sometimes in Korean
  order with a comma (``the visit of Mayor of Seoul, Lee, Myung Bak, to ...``);
* a signature block: a line of names, then a line of titles, in columns
  (``Pavel Bem      Lee, Myung Bak`` over ``Mayor of Prague      Mayor of Seoul``);
* a heading that is the agreement itself
  (``COMMON DECLARATION between the City of Prague and the City of Seoul``);
* a visit made at the invitation of the host, which is a meeting of the two.

Examples
--------
>>> from citygraph.ingest.pipeline import extract_text
>>> text = ("Joint Declaration between the City of Prague and the City of Seoul\n\n"
...         "Pavel Bem        Lee, Myung Bak\nMayor of Prague        Mayor of Seoul\n")
>>> x = extract_text(text)
>>> sorted((r.type.value, r.source, r.target, r.attributes.get("kind", r.attributes.get("role")))
...        for r in x.relations)  # doctest: +NORMALIZE_WHITESPACE
[('agreement', 'city/seoul', 'city/prague', 'declaration'),
 ('office', 'person/lee-myung-bak', 'city/seoul', 'mayor'),
 ('office', 'person/pavel-bem', 'city/prague', 'mayor')]
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from citygraph.ingest.english.lexicon import _KINDS, _NAME, _PLACE, _ROLE, _SMALL_START, ROLES
from citygraph.ingest.english.people import People
from citygraph.ingest.extraction import EntityType, RelationType
from citygraph.ingest.rules_common import Mention, add_place

# "Lee, Myung Bak": a family name, a comma, given names (Korean order, as signed)
_COMMA_NAME = r"[A-Z][a-z]+,[ \t]+[A-Z][a-z]+(?:[ \t-][A-Z]?[a-z]+)?"
_ANY_NAME = rf"(?:{_COMMA_NAME}|{_NAME})"
_TITLE = (
    rf"(?:the\s+)?(?P<role>{_ROLE})\s+(?:of|for)\s+(?:the\s+)?(?:(?:City|Metropolitan City)"
    rf"\s+of\s+)?(?P<place>{_PLACE})"
)
_TITLE_THEN_NAME = re.compile(
    rf"{_TITLE},[ \t]+(?P<name>{_ANY_NAME})(?=[ \t]*[,.;)]|\s+(?:to|and|at|in|on)\b)"
)
_CELL_TITLE = re.compile(rf"^{_TITLE}$")
_CELL_NAME = re.compile(rf"^(?P<name>{_ANY_NAME})$")
_THE_TITLE = re.compile(
    r"\bthe\s+(?P<role>(?:Vice[- ]|Deputy |Lord )?Mayor|Governor)\b"
    r"(?!\s+(?:of|for)\b|['’]s\s+Office)"
)
_STATE_OFFICIAL = re.compile(
    rf"(?P<role>{_ROLE})\s+(?P<name>{_NAME})\s+of\s+the\s+(?:U\.S\.\s+|US\s+)?"
    r"(?P<kind>[Ss]tate|[Pp]rovince|[Pp]refecture)\s+of\s+(?P<place>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)"
)
_COLUMNS = re.compile(r"[ \t]{3,}|\t+")
_BETWEEN = re.compile(r"\bbetween\b", re.IGNORECASE)
_INVITED = re.compile(r"\b(?:by|at|upon|on)\s+the\s+invitation\s+of\b|\binvited\s+by\b",
                      re.IGNORECASE)


class Formal(People):
    """People named by title first or in signature blocks; agreements named by their heading."""

    def titled_people(self) -> None:
        """``Mayor of Seoul, Lee, Myung Bak``: the title, a comma, then the name."""
        for m in _TITLE_THEN_NAME.finditer(self.text):
            self.signatory(m.group("name"), m.start("name"), m.group("role"),
                           m.group("place"), m.start("place"), (m.start(), m.end()),
                           "en.person.office.title_first")

    def title_references(self) -> None:
        """``the Mayor``, ``the Governor``: the last person named before with that office."""
        offices = {
            (r.source, r.attributes.get("role", ""))
            for r in self.found.relations_of(RelationType.OFFICE)
        }
        people = sorted(
            (m for m in self.mentions if m.type is EntityType.PERSON), key=lambda m: m.start
        )
        for m in _THE_TITLE.finditer(self.text):
            role = ROLES.get(re.sub(r"[- ]+", " ", m.group("role").lower()), "other")
            earlier = [p for p in people if p.end <= m.start() and (p.id, role) in offices]
            at = (m.start("role"), m.end("role"))
            if earlier and self.free(*at):
                self.found.mention(earlier[-1].id, at)
                self.mentions.append(Mention(*at, earlier[-1].id, EntityType.PERSON))

    def signature_blocks(self) -> None:
        """A line of names over a line of titles, column by column."""
        lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", self.text)]
        for (n_at, names), (t_at, titles) in pairwise(lines):
            name_cells = _cells(names, n_at)
            title_cells = _cells(titles, t_at)
            if not name_cells or len(name_cells) != len(title_cells):
                continue
            block: list[tuple[tuple[int, str], tuple[int, str], re.Match[str]]] = []
            for n, t in zip(name_cells, title_cells, strict=True):
                title_m = _CELL_TITLE.match(t[1])
                if not (title_m and _CELL_NAME.match(n[1])):
                    block = []
                    break
                block.append((n, t, title_m))
            for n, t, title_m in block:
                self.signatory(n[1], n[0], title_m.group("role"), title_m.group("place"),
                               t[0] + title_m.start("place"), (n[0], t[0] + len(t[1])),
                               "en.person.office.signature")

    def state_officials(self) -> None:
        """``Governor Margaret Holloway of the U.S. state of Washington``: a region's office."""
        for m in _STATE_OFFICIAL.finditer(self.text):
            kind = m.group("kind").lower()
            place = m.group("place")
            full = f"State of {place}" if kind == "state" else f"{place} {kind.title()}"
            entry = self.gaz.resolve(full)
            if entry is None or entry.kind.value != "Region":
                continue
            pm = add_place(self.found, entry, (m.start("place"), m.end("place")))
            self.mentions.append(pm)
            self.signatory(m.group("name"), m.start("name"), m.group("role"), place,
                           m.start("place"), (m.start(), m.end()), "en.person.office.state",
                           where=pm)

    def signatory(self, name: str, at: int, role: str, place: str, place_at: int,
                  span: tuple[int, int], rule: str, where: Mention | None = None) -> None:
        """Add a person with the office a title gives, in the place it names (or ``where``)."""
        place = self.trim(place)
        if name.split()[0].strip(",") in _SMALL_START or self.gaz.resolve(name):
            return
        pm = where or self.place(place, place_at, place_at + len(place),
                                 region=bool(re.search(r"Province|State|Prefecture", place)))
        if pm is None or pm.type is EntityType.COUNTRY:  # an ambassador's office is the embassy
            return
        known = [m for m in self.mentions if m.start == at and m.type is EntityType.PERSON]
        same = [eid for eid, names in self.found.names().items()
                if eid.startswith("person/") and _fold(name) in map(_fold, names)]
        if known:
            pid = known[0].id
        elif not self.free(at, at + len(name)):
            return
        elif same:  # Pavel Bém signs as Pavel Bem
            pid = same[0]
            self.found.entity(EntityType.PERSON, key=pid.split("/", 1)[1], aliases=(name,),
                              span=(at, at + len(name)))
            self.mentions.append(Mention(at, at + len(name), pid, EntityType.PERSON))
        else:
            pid = self.found.entity(EntityType.PERSON, en=name, span=(at, at + len(name)))
            self.mentions.append(Mention(at, at + len(name), pid, EntityType.PERSON))
        plain = re.sub(r"^(?:first|second|executive) | for .*$", "",
                       re.sub(r"[- ]+", " ", role.lower()))
        self.found.relate(RelationType.OFFICE, pid, pm.id, span, rule, 0.85,
                          role=ROLES.get(plain, "other"))
        if "," not in name:
            self.surname(name, pid)  # Governor Holloway, later

    @staticmethod
    def trim(place: str) -> str:
        """A place name without trailing punctuation or a trailing small word."""
        return re.sub(r"\s+(?:of|de|the)$", "", place.rstrip(".,'’ "))

    def titled_agreements(self) -> None:
        """``Common Declaration between the City of Prague and Seoul``: a heading or clause.

        A heading broken before ``between`` is read with its next line.
        """
        spans = self.doc.sentences
        for i, (start, end) in enumerate(spans):
            if i + 1 < len(spans) and re.match(r"between\b", self.text[spans[i + 1][0]:],
                                              re.IGNORECASE):
                end = spans[i + 1][1]
            self.titled_agreement(start, end)

    def titled_agreement(self, start: int, end: int) -> None:
        """One sentence or heading naming an agreement between two places."""
        s = self.text[start:end]
        between = _BETWEEN.search(s)
        if not between:
            return
        kinds = [(m.start(), k) for p, k in _KINDS for m in re.finditer(p, s, re.IGNORECASE)
                 if m.end() <= between.start() and between.start() - m.end() < 40]
        if not kinds:
            return
        parties = [
            m for m in self.in_span(start + between.end(), end, EntityType.CITY, EntityType.REGION)
        ]
        ids = list(dict.fromkeys(m.id for m in parties))[:2]
        if len(ids) != 2:
            return
        focus = self.focus_id()
        first, second = (ids if ids[1] != focus else ids[::-1])
        attrs = {"kind": max(kinds)[1]}
        dates = self.doc.dates_in(start, end)
        if dates:
            attrs["date"] = dates[0].begin.iso
        self.found.relate(RelationType.AGREEMENT, first, second, (start, end),
                          "en.agreement.titled", 0.8, **attrs)

    def invited_visits(self, start: int, end: int) -> None:
        """``the visit of Mayor A to B by the invitation of Mayor C``: A and C met."""
        s = self.text[start:end]
        invited = _INVITED.search(s)
        if not invited or not re.search(r"\bvisit", s, re.IGNORECASE):
            return
        guests = self.in_span(start, start + invited.start(), EntityType.PERSON)
        hosts = self.in_span(start + invited.end(), end, EntityType.PERSON)
        if guests and hosts and guests[0].id != hosts[0].id:
            self.found.relate(RelationType.MEETING, hosts[0].id, guests[0].id, (start, end),
                              "en.meeting.invited", 0.75)


def _fold(name: str) -> str:
    """A name without accents, case, spaces and punctuation."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", plain).casefold()


def _cells(line: str, at: int) -> list[tuple[int, str]]:
    """The cells of a line split into columns by runs of spaces or tabs."""
    cells = []
    start = 0
    for gap in [*_COLUMNS.finditer(line), None]:
        stop = gap.start() if gap else len(line)
        cell = line[start:stop]
        if cell.strip():
            lead = len(cell) - len(cell.lstrip())
            cells.append((at + start + lead, cell.strip()))
        start = gap.end() if gap else len(line)
    return cells
