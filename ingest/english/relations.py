"""Relations stated sentence by sentence in English releases."""

from __future__ import annotations

import re

from citygraph.ingest.english.base import Base
from citygraph.ingest.english.lexicon import _ATTEND, _KINDS, _MEET, _PRESENT, _SIGN
from citygraph.ingest.extraction import EntityType, RelationType
from citygraph.ingest.rules_common import Mention

_BACK = re.compile(r"\b(?:both|two) (?:cities|mayors|sides)\b|\bthe city\b", re.IGNORECASE)


class Relations(Base):
    """Agreements, meetings, awards, hosts, organisers, participants, presenters and venues."""

    def sentence(self, start: int, end: int) -> None:
        """Read the relations a sentence states."""
        s = self.text[start:end]
        focus = self.focus_id()
        cities = self.in_span(start, end, EntityType.CITY, EntityType.REGION)
        events = self.in_span(start, end, EntityType.EVENT)
        event = events[0].id if events else self.main_event
        if focus and _SIGN.search(s):
            self.agreements(start, end, cities, focus)
        if focus:
            self.dated_list(start, end, cities, focus)
        if _MEET.search(s):
            self.meetings(start, end, cities, focus)
        self.awards(start, end, focus)
        self.roles(start, end, event, focus)
        self.event_venues(start, end, event)

    def agreements(self, start: int, end: int, cities: list[Mention], focus: str) -> None:
        """Agreements the focus city made: the kind, the other city, the date when stated."""
        s = self.text[start:end]
        hits = []
        for pattern, kind in _KINDS:
            hits += [
                (start + m.start(), start + m.end(), kind)
                for m in re.finditer(pattern, s, re.IGNORECASE)
            ]
        hits.sort()
        city_hits = [h for h in hits if h[2] in ("sister", "friendship")]
        for a_start, a_end, kind in hits:
            if kind not in ("sister", "friendship") and city_hits:
                continue  # "signed an MOU to become sister cities": the tie is the fact
            if (
                kind == "friendship"
                and re.search(r"upgrad", s, re.IGNORECASE)
                and any(h[2] == "sister" for h in hits)
            ):
                continue
            others = [m for m in cities if m.id != focus]
            confidence = 0.85
            if (
                len({m.id for m in others}) >= 2
                and all(m.id != focus for m in cities)
                and not _BACK.search(s)
            ):  # "Hamburg has been a sister city of Osaka since 1989": the two named
                self.third_party(a_start, a_end, kind, others, start, end)
                continue
            if not others:  # "the two cities", "she and Mayor X signed": the city just named
                recent = self.recent_city(start, focus)
                others = [recent] if recent else []
                confidence = (
                    0.8
                    if re.search(
                        r"\b(two|both) (cities|mayors|sides)\b|\bthe MOU\b", s, re.IGNORECASE
                    )
                    else 0.65
                )
            if not others:
                continue
            withs = [
                m
                for m in others
                if re.search(
                    r"\bwith\s+(?:the\s+)?(?:city of\s+)?$",
                    self.text[max(start, m.start - 20) : m.start],
                )
            ]
            other = (withs or sorted(others, key=lambda m: abs(m.start - a_start)))[0]
            attrs = {"kind": kind}
            if kind == "sister" and re.search(r"upgrad", s, re.IGNORECASE):
                attrs["upgrade"] = "true"
                if re.search(r"friendship", s, re.IGNORECASE):
                    attrs["upgrade_from"] = "friendship"
            years = [d for d in self.doc.dates_in(start, end)]
            near = [
                d
                for d in years
                if re.search(
                    r"\b(in|since|of|on)\s+$", self.text[max(start, d.start - 8) : d.start]
                )
            ]
            if near or years:
                attrs["date"] = (near or years)[0].begin.iso
            self.found.relate(
                RelationType.AGREEMENT,
                focus,
                other.id,
                (min(a_start, other.start), max(a_end, other.end)),
                "en.agreement",
                confidence,
                **attrs,
            )

    def third_party(self, a_start: int, a_end: int, kind: str, others: list[Mention],
                    start: int, end: int) -> None:
        """An agreement between two cities neither of which is the focus city."""
        first = others[0]
        second = next(m for m in others if m.id != first.id)
        attrs = {"kind": kind}
        years = self.doc.dates_in(start, end)
        if years:
            attrs["date"] = years[0].begin.iso
        self.found.relate(RelationType.AGREEMENT, first.id, second.id,
                          (min(a_start, first.start), max(a_end, second.end)),
                          "en.agreement.third_party", 0.75, **attrs)

    def dated_list(self, start: int, end: int, cities: list[Mention], focus: str) -> None:
        """``... sister cities ..., with Jakarta (1984) and Bangkok (2006)``."""
        s = self.text[start:end]
        kinds = [k for pattern, k in _KINDS[:2] if re.search(pattern, s, re.IGNORECASE)]
        if not kinds:
            return
        for m in cities:
            year = re.match(r"\s?\((\d{4})\)", self.text[m.end : m.end + 8])
            if year and m.id != focus:
                self.found.relate(
                    RelationType.AGREEMENT,
                    focus,
                    m.id,
                    (m.start, m.end + 7),
                    "en.agreement.listed",
                    0.75,
                    kind=kinds[0],
                    date=year.group(1),
                )

    def meetings(self, start: int, end: int, cities: list[Mention], focus: str | None) -> None:
        """People who met, or else the focus city and the cities it met."""
        people = self.persons(start, end)
        if len({p.id for p in people}) >= 2:
            first = people[0]
            for other in people[1:]:
                if other.id != first.id:
                    self.found.relate(
                        RelationType.MEETING,
                        first.id,
                        other.id,
                        (start, end),
                        "en.meeting.people",
                        0.7,
                    )
        elif focus and not people:  # who met is not named: a suggestion for review only
            for m in cities:
                if m.id != focus:
                    self.found.relate(
                        RelationType.MEETING,
                        focus,
                        m.id,
                        (m.start, end),
                        "en.meeting.cities",
                        0.5,
                    )

    def awards(self, start: int, end: int, focus: str | None) -> None:
        """A prize won by the city before it in the sentence, else by the focus city."""
        s = self.text[start:end]
        prizes = self.in_span(start, end, EntityType.PRIZE)
        if not prizes or not re.search(r"\b(won|wins|win|received|awarded|laureate|winner)\b", s):
            return
        subject = next(iter(self.in_span(start, prizes[0].start, EntityType.CITY)), None)
        laureate = subject.id if subject else focus
        years = [d for d in self.doc.dates_in(start, end)]
        if laureate:
            attrs = {"year": str(years[0].begin.year)} if years else {}
            self.found.relate(
                RelationType.AWARD, laureate, prizes[0].id, (start, end), "en.award", 0.85, **attrs
            )

    def roles(self, start: int, end: int, event: str | None, focus: str | None) -> None:
        """Who organises, hosts, opens, attends and presents at the sentence's event."""
        if event is None:
            return
        hosts = self.hosts(start, end, event)
        self.openers(start, end, event)
        self.attended_by(start, end, event)
        self.participants(start, end, event, focus, hosts)
        self.presenters(start, end, event)

    def hosts(self, start: int, end: int, event: str) -> set[str]:
        """``organised by A and B``, ``hosted by A``, ``A hosts``: the organisers and hosts."""
        s = self.text[start:end]
        hosts: set[str] = set()
        for verb, rel in (
            (r"(?:co-)?organi[sz]ed by", "organizer"),
            (r"(?:co-)?hosted by", "host"),
        ):
            for m in re.finditer(verb, s, re.IGNORECASE):
                after = self.in_span(start + m.end(), end, EntityType.ORGANIZATION, EntityType.CITY)
                if after and not self.text[start + m.end() : after[0].start].strip(" the"):
                    who = [after[0]]
                    for nxt in after[1:]:  # "organised by A and B"
                        if re.fullmatch(
                            r"\s*(?:,|and|, and)\s*(?:the\s+)?", self.text[who[-1].end : nxt.start]
                        ):
                            who.append(nxt)
                    for w in who:
                        hosts.add(w.id)
                        self.found.relate(
                            RelationType(rel), w.id, event, (w.start, end), f"en.{rel}", 0.8
                        )
        for m in re.finditer(r"\b(?:hosts|will host|hosted|is hosting|co-hosts?)\b(?!\s+by)", s):
            before = self.in_span(
                start, start + m.start(), EntityType.CITY, EntityType.ORGANIZATION
            )
            if before:
                hosts.add(before[-1].id)
                self.found.relate(
                    RelationType.HOST,
                    before[-1].id,
                    event,
                    (before[-1].start, end),
                    "en.host.active",
                    0.75,
                )
        return hosts

    def openers(self, start: int, end: int, event: str) -> None:
        """``Mayor X will open the forum``: people who open or attend an event."""
        s = self.text[start:end]
        for m in re.finditer(
            r"\b(?:will\s+)?(?:open|opens|opened|attend|attends|attended)\s+"
            r"(?:the\s+)?",
            s,
        ):
            clause_start = start + max(
                s.rfind(", and ", 0, m.start()) + 1, s.rfind(";", 0, m.start()) + 1, 0
            )
            people = self.in_span(clause_start, start + m.start(), EntityType.PERSON)
            targets = [
                e
                for e in self.in_span(start + m.end(), end, EntityType.EVENT)
                if e.start == start + m.end()
            ] or (
                []
                if not re.match(
                    r"forum|event|fair|festival|conference", s[m.end() :], re.IGNORECASE
                )
                else [Mention(0, 0, event, EntityType.EVENT)]
            )
            if people and targets:
                self.found.relate(
                    RelationType.PARTICIPATION,
                    people[0].id,
                    targets[0].id,
                    (people[0].start, start + m.end()),
                    "en.participation.opens",
                    0.75,
                )

    def attended_by(self, start: int, end: int, event: str) -> None:
        """``..., attended by Governor Wibowo, Minister Prasetyo and ...``: who took part."""
        s = self.text[start:end]
        by = re.search(r"\b(?:attended|joined)\s+by\b", s)
        if not by:
            return
        before = self.in_span(start, start + by.start(), EntityType.EVENT)
        target = before[-1].id if before else event
        for who in self.in_span(start + by.end(), end, EntityType.PERSON):
            self.found.relate(RelationType.PARTICIPATION, who.id, target,
                              (start + by.start(), who.end), "en.participation.attended_by", 0.7)

    def participants(
        self, start: int, end: int, event: str, focus: str | None, hosts: set[str]
    ) -> None:
        """Cities and organisations that attend, other than the focus city and the hosts."""
        s = self.text[start:end]
        attend = _ATTEND.search(s)
        if not attend or re.match(r"(?:attended|joined)\s+by\b", s[attend.start() :]):
            return  # "attended by" names its people: attended_by
        if not self.in_span(start, end, EntityType.EVENT) and re.match(
            r"\w+\s+the\s+(?:signing|talks|meeting|ceremony|dinner|luncheon)\b",
            s[attend.start() :],
        ):
            return  # "attended the signing": an unnamed activity, not the main event
        together = re.match(
            r"brings? together|brought together|gather", attend.group(), re.IGNORECASE
        )
        for party in self.in_span(
            start + (attend.start() if together else 0),
            end,
            EntityType.CITY,
            EntityType.ORGANIZATION,
        ):
            if party.id != focus and party.id not in hosts:
                self.found.relate(
                    RelationType.PARTICIPATION,
                    party.id,
                    event,
                    (start, end),
                    "en.participation",
                    0.7,
                )

    def presenters(self, start: int, end: int, event: str) -> None:
        """``Mayors A, B and C will present``: the speakers."""
        s = self.text[start:end]
        said = _PRESENT.search(s)
        if not said:
            return
        clause = start + max(
            s.rfind(", and ", 0, said.start()) + 1, s.rfind(";", 0, said.start()) + 1, 0
        )
        speakers = self.in_span(
            clause, start + said.start(), EntityType.PERSON, EntityType.CITY
        )
        chosen = speakers[:1]
        for nxt in speakers[1:]:  # "Mayors A, B and C will present"
            gap = self.text[chosen[-1].end : nxt.start]
            if nxt.type is EntityType.PERSON and re.fullmatch(
                r"(?:\s+of\s+[A-Z][\w .'-]*?)?\s*(?:,|and|, and)\s*(?:(?:Vice\s+)?Mayor\s+"
                r"|Governor\s+)?",
                gap,
            ):
                chosen.append(nxt)
        for speaker in chosen:
            self.found.relate(
                RelationType.PRESENTATION,
                speaker.id,
                event,
                (speaker.start, end),
                "en.presentation",
                0.75,
            )

    def event_venues(self, start: int, end: int, event: str | None) -> None:
        """``Forum at COEX``, ``held at the City Hall``: where events take place."""
        s = self.text[start:end]
        for ev in self.in_span(start, end, EntityType.EVENT):
            at = re.match(r"[ \t]+(?:at|in)[ \t]+(?:the[ \t]+)?", self.text[ev.end : end])
            city = [c for c in self.in_span(ev.end, end, EntityType.CITY)
                    if at and c.start == ev.end + at.end()]
            if city and at and "in" in at.group():  # "the Seoul Tourism Roadshow in Athens"
                self.found.relate(RelationType.LOCATED_IN, ev.id, city[0].id,
                                  (ev.start, city[0].end), "en.event.in_city", 0.75)
            if at:
                venue = [
                    v
                    for v in self.in_span(ev.end, end, EntityType.VENUE)
                    if v.start == ev.end + at.end()
                ]
                if venue:
                    self.found.relate(
                        RelationType.LOCATED_IN,
                        ev.id,
                        venue[0].id,
                        (ev.start, venue[0].end),
                        "en.event.at",
                        0.8,
                    )
        for hit in re.finditer(
            r"\b(?:held|hosted|take place|took place|opened)\s+(?:at|in)\s+"
            r"(?:the\s+)?([A-Z][\w'’ -]+?)(?=[,.;(]|\s+(?:on|from|in)\b)",
            s,
        ):
            vs = start + hit.start(1)
            venues = self.in_span(vs, start + hit.end(1), EntityType.VENUE)
            if venues and event:
                self.found.relate(
                    RelationType.LOCATED_IN,
                    event,
                    venues[0].id,
                    (start + hit.start(), start + hit.end()),
                    "en.event.venue",
                    0.8,
                )

    def recent_city(self, before: int, focus: str | None) -> Mention | None:
        """The last city or region other than the focus named in the 400 characters before."""
        cities = [
            m
            for m in self.in_span(max(0, before - 400), before, EntityType.CITY, EntityType.REGION)
            if m.id != focus
        ]
        return cities[-1] if cities else None

    def persons(self, start: int, end: int) -> list[Mention]:
        """People in a span, after the two last named when it says ``the two mayors``."""
        people = self.in_span(start, end, EntityType.PERSON)
        if re.search(
            r"\b(?:the|both) two mayors\b|\bboth mayors\b|\bthe two leaders\b",
            self.text[start:end],
            re.IGNORECASE,
        ):
            earlier = [m for m in self.in_span(max(0, start - 800), start, EntityType.PERSON)]
            seen: list[Mention] = []
            for m in reversed(earlier):
                if all(x.id != m.id for x in seen):
                    seen.append(m)
            people = seen[:2][::-1] + people
        return people

