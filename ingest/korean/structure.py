"""The shape of a Korean release: its main event, sessions, lists and repeated names."""

from __future__ import annotations

import re

from citygraph.ingest.extraction import EntityType, RelationType
from citygraph.ingest.korean.base import Base, squeeze
from citygraph.ingest.rules_common import Mention, initials, main_event, norm, overlaps


class Structure(Base):
    """Relate names through the layout of the release."""

    def side_events(self) -> None:
        """Events a release says are run during its main event are part of it."""
        if self.main_event is None:
            return
        for start, end in self.doc.sentences:
            if not re.search(r"운영|진행|마련|개최", self.text[start:end]):
                continue
            for m in self.in_span(start, end, EntityType.EVENT):
                if m.id == self.main_event or self.found.attribute(m.id, "kind"):
                    continue
                quoted = self.text[max(0, m.start - 1) : m.start] in "‘'“\"" or m.id.endswith("관")
                if quoted:
                    self.found.relate(
                        RelationType.PART_OF,
                        m.id,
                        self.main_event,
                        (m.start, end),
                        "ko.event.side",
                        0.65,
                    )

    def sessions(self) -> None:
        """Numbered sessions (``세션1: 주제``), part of the document's event."""
        self.session_ids = []
        for m in re.finditer(
            r"(세션\s?(\d+))\s*[:：.]\s*([^\n(]+?)\s*(?:\n\s*\(([^)\n]+)\))?\s*$",
            self.text,
            re.MULTILINE,
        ):
            title = f"세션{m.group(2)}: {m.group(3).strip()}"
            en = f"Session {m.group(2)}: {m.group(4).strip()}" if m.group(4) else None
            eid = self.found.entity(
                EntityType.EVENT,
                key=f"session-{m.group(2)}",
                ko=title,
                en=en,
                span=(m.start(1), m.end(3)),
                kind="forum_session",
            )
            self.add(Mention(m.start(1), m.end(3), eid, EntityType.EVENT))
            if eid not in self.session_ids:
                self.session_ids.append(eid)

    def enumerations(self) -> None:
        """Circled-number lists (①..⑳) of policies, in one sentence or one per line.

        An item ends at the next marker, a line end, or a colon that opens its
        description (``① 청계천 복원사업: ...``).
        """
        marks = list(re.finditer(r"[①-⑳]", self.text))
        runs: list[list[re.Match[str]]] = []
        for m in marks:
            if (
                runs
                and ord(m.group()) == ord(runs[-1][-1].group()) + 1
                and m.start() - runs[-1][-1].end() < 400
            ):
                runs[-1].append(m)
            else:
                runs.append([m])
        for run in runs:
            if (
                len(run) < 2
                or "정책" not in self.text[max(0, run[0].start() - 300) : run[-1].end() + 200]
            ):
                continue
            for i, mark in enumerate(run):
                stop = run[i + 1].start() if i + 1 < len(run) else self.text.find("\n", mark.end())
                stop = len(self.text) if stop < 0 else stop
                line_end = self.text.find("\n", mark.end())
                if 0 <= line_end < stop:
                    stop = line_end
                colon = self.text.find(":", mark.end(), stop)
                if colon >= 0:
                    stop = colon
                item = self.clean_item(mark.end(), stop)
                if item is None:
                    continue
                a, b = item
                eid = self.found.entity(EntityType.POLICY, ko=self.text[a:b], span=(a, b))
                self.add(Mention(a, b, eid, EntityType.POLICY))

    def clean_item(self, start: int, stop: int) -> tuple[int, int] | None:
        """The name inside a list item: particles, predicates and descriptions cut off."""
        segment = self.text[start:stop]
        cut = re.search(r",\s*[가-힣]+(?:으로는|로는|으로|에는)\s", segment)
        if cut:
            segment = segment[: cut.start()]
        end = start + len(segment)
        inside = [t for t in self.tokens_in(start + 1, end)]
        for i, t in enumerate(inside):
            nxt = inside[i + 1] if i + 1 < len(inside) else None
            if t.tag.startswith("J") and re.match(r"[\s,.]|$", self.text[t.end : t.end + 1]):
                end = t.start
                break
            if (t.tag.startswith("V") or t.tag == "XSV") and not (nxt and nxt.tag == "ETM"):
                end = t.start
                break
        while end > start and self.text[end - 1] in " ,.·\t":
            end -= 1
        while start < end and self.text[start] == " ":
            start += 1
        return (start, end) if end - start >= 2 else None

    def expand_acronyms(self) -> None:
        """Give acronym-only organisations the English name the text spells out."""
        phrases = {
            initials(m.group()): m.group().strip()
            for m in re.finditer(
                r"[A-Z][A-Za-z]+(?:[ \t]+(?:for|of|the|and|[A-Z][A-Za-z]+))+", self.text
            )
        }
        for m in list(self.mentions):
            if m.type is not EntityType.ORGANIZATION:
                continue
            acronym = m.id.split("/", 1)[1].upper()
            if acronym in phrases and phrases[acronym].upper() != acronym:
                self.found.set_label(
                    m.id,
                    "en",
                    phrases[acronym].title() if phrases[acronym].isupper() else phrases[acronym],
                )

    def short_forms(self) -> None:
        """리관유상 for 리관유 세계도시상; a policy named by the start of its full name is it."""
        names = self.found.names()
        for eid in self.found.ids(EntityType.PRIZE):
            for name in names[eid]:
                words = name.split()
                if len(words) >= 2 and re.search(r"[가-힣]", words[0]) and name.endswith("상"):
                    self.found.entity(
                        EntityType.PRIZE, key=eid.split("/", 1)[1], aliases=(words[0] + "상",)
                    )
        policies = self.found.ids(EntityType.POLICY)
        for short in policies:
            for full in policies:
                a, b = norm(names[short][0]), norm(names[full][0])
                if short != full and len(a) >= 2 and b.startswith(a) and len(b) > len(a):
                    self.merge(full, short)
                    break

    def repeat_mentions(self) -> None:
        """Later mentions of known names (space-insensitive), and 관 variants of events."""
        self.short_forms()
        known = self.found.names()
        squeezed, index = squeeze(self.text)
        for eid, names in known.items():
            type_ = self.found.type_of(eid)
            if type_ in (EntityType.CITY, EntityType.COUNTRY, EntityType.REGION):
                continue
            for name in names:
                key = re.sub(r"\s+", "", name)
                if len(key) < 3:
                    continue
                for hit in re.finditer(re.escape(key), squeezed):
                    s, e = index[hit.start()], index[hit.end() - 1] + 1
                    if not any(
                        overlaps((s, e), (m.start, m.end)) for m in self.mentions if m.id != eid
                    ):
                        self.found.mention(eid, (s, e))
                        self.mentions.append(Mention(s, e, eid, type_))
        self.mentions.sort(key=lambda m: (m.start, -m.end))

    def choose_main_event(self) -> None:
        """The event mentioned most is the document's; sessions are part of it."""
        self.main_event = main_event(
            self.found, self.doc.source.raw, self.doc.info.title, skip=set(self.session_ids)
        )
        if self.main_event is None:
            return
        for sid in self.session_ids:
            self.found.relate(
                RelationType.PART_OF,
                sid,
                self.main_event,
                self.found.first_mention(sid),
                "ko.session.part_of",
                0.8,
            )
        for m in re.finditer(r"제\s?(\d+)\s?회", self.text):
            nxt = [x for x in self.mentions if x.start >= m.end() and x.start - m.end() < 4]
            if nxt and nxt[0].id == self.main_event:
                self.found.set_attribute(self.main_event, "edition", m.group(1))

    def parenthetical_venues(self) -> None:
        """``정책전시관은(아트홀)``, ``전시관(디자인랩 2층 오픈라운지)``: where an event is."""
        for m in list(self.mentions):
            if m.type is not EntityType.EVENT:
                continue
            p = re.match(
                r"(?:은|는|이|가)?\(([가-힣A-Za-z][가-힣A-Za-z0-9 ]{1,20})\)", self.text[m.end :]
            )
            if p is None or self.resolve(p.group(1)) or not re.search(r"[가-힣]", p.group(1)):
                continue
            s, e = m.end + p.start(1), m.end + p.end(1)
            vid = self.found.entity(EntityType.VENUE, ko=p.group(1), span=(s, e))
            self.add(Mention(s, e, vid, EntityType.VENUE))
            self.found.relate(
                RelationType.LOCATED_IN, m.id, vid, (m.start, e + 1), "ko.event.venue.bracket", 0.75
            )

    def subsidiaries(self) -> None:
        """``X ... Y 산하기관``: an organisation under another."""
        for start, end in self.doc.sentences:
            s = self.text[start:end]
            for m in re.finditer(r"산하\s(?!기관|단체)", s):
                parent = [
                    o
                    for o in self.in_span(start, start + m.start(), EntityType.ORGANIZATION)
                    if start + m.start() - o.end <= 2
                ]
                child = [
                    o
                    for o in self.in_span(start + m.end(), end, EntityType.ORGANIZATION)
                    if o.start - (start + m.end()) <= 1
                ]
                if parent and child:
                    self.found.relate(
                        RelationType.PART_OF,
                        child[0].id,
                        parent[-1].id,
                        (parent[-1].start, child[0].end),
                        "ko.org.under",
                        0.75,
                    )
            under = re.search(r"산하\s?기관|산하\s?단체|소속\s?기관", s)
            if not under:
                continue
            orgs = self.in_span(start, start + under.start(), EntityType.ORGANIZATION)
            if len(orgs) >= 2:
                self.found.relate(
                    RelationType.PART_OF,
                    orgs[0].id,
                    orgs[-1].id,
                    (orgs[0].start, start + under.end()),
                    "ko.org.part_of",
                    0.75,
                )
