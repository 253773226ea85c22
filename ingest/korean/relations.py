"""Relations stated sentence by sentence in Korean releases."""

from __future__ import annotations

import re

from citygraph.ingest.extraction import EntityType, RelationType
from citygraph.ingest.korean.base import Base
from citygraph.ingest.korean.lexicon import (
    _ATTEND,
    _CITY_KINDS,
    _INSTRUMENTS,
    _MEET,
    _PRESENT,
    _SIGN,
)
from citygraph.ingest.rules_common import Mention, add_place, overlaps

_BOTH = re.compile(r"두\s?도시|양\s?도시|양\s?시(?![가-힣])")


class Relations(Base):
    """Agreements, meetings, presentations, participation, awards and places."""

    def sentence(self, start: int, end: int) -> None:
        """Read the relations a sentence states."""
        s = self.text[start:end]
        places = self.in_span(start, end, EntityType.CITY)
        events = self.in_span(start, end, EntityType.EVENT)
        event = events[0].id if events else (self.section_session(start) or self.main_event)
        focus = self.focus_id()
        self.agreements(start, end, s, places, focus)
        self.dated_list(start, end, s, focus)
        if _MEET.search(s) and not re.search(r"체결|맺|서명", s):
            self.meetings(start, end, s, places, focus)
        self.track_subject(start, end)
        if _PRESENT.search(s):
            self.presentations(start, end, event)
        if _ATTEND.search(s) and event:
            self.participation(start, end, event, focus)
        self.awards(start, end, s, focus)
        self.policies_owner(start, end, s, focus)
        self.located(start, end, s, event)
        self.hosting(start, end, s)
        self.organisers(
            start,
            end,
            s,
            events[0].id if events and events[0].id not in self.session_ids else self.main_event,
        )
        self.listed_participants(start, end, s, self.main_event)

    def counterpart(
        self, places: list[Mention], before: int, focus: str | None, start: int,
        *, renewed: bool = False,
    ) -> Mention | None:
        """The other city of an agreement anchored before ``before``, unless a summary.

        A renewed instrument (``... 자매결연을 맺었으며 양해각서를 갱신``) reaches back over
        the tie named before it.
        """
        cands = [m for m in places if m.end <= before and m.id != focus]
        if not cands:
            return None
        last = cands[-1]
        between = self.text[last.end : before]
        if re.search(r"등\s*\d+\s*개", self.text[last.end : last.end + 12]):
            return None  # a summary such as "A, B 등 9개 도시와"
        if len(between) > 40 or (not renewed and any(k in between for k, _ in _CITY_KINDS)):
            return None
        return last

    def agreements(
        self, start: int, end: int, s: str, places: list[Mention], focus: str | None
    ) -> None:
        """Agreements: a city-kind word (친선도시) or an instrument (MOU) with a city."""
        if not _SIGN.search(s) or not focus:
            return
        anchors: list[tuple[int, int, str, str]] = []
        taken: list[tuple[int, int]] = []
        for words, kind_list in ((_CITY_KINDS, "city"), (_INSTRUMENTS, "instrument")):
            for word, kind in words:
                for m in re.finditer(re.escape(word) + r"(?![식서])", s):
                    span = (start + m.start(), start + m.end())
                    if any(overlaps(span, t) for t in taken):
                        continue
                    taken.append(span)
                    anchors.append((span[0], span[1], kind, kind_list))
        anchors.sort()
        upgrade = re.search(
            r"(우호|자매|친선)\s?도시(?:에서|로부터)\s?(?:[가-힣]+\s)?(우호|자매|친선)\s?도시로", s
        )
        if upgrade:  # 우호도시에서 친선도시로 격상: one agreement, of the new kind
            gone = start + upgrade.start()
            anchors = [a for a in anchors if a[0] != gone]
        party = self.third_party(places, s, focus)
        if party != focus:  # 함부르크는 오사카와 자매결연을 맺었다: not the focus city's tie
            places = [m for m in places if m.id != party]
        used_counterparts: set[str] = set()
        for a_start, a_end, kind, family in anchors:
            renewed = re.match(r"[^.。]{0,8}?(?:갱신|연장|재체결)", self.text[a_end:end])
            if family == "instrument" and not renewed and any(
                f == "city" and e <= a_start and a_start - e < 15 for _, e, _, f in anchors
            ):
                continue  # the instrument of a tie just named: 친선도시 격상 협약(MOU)
            other = self.counterpart(places, a_start, focus, start, renewed=bool(renewed))
            if other is None:
                after = [
                    m for m in places if m.start >= a_end and m.start - a_end < 15 and m.id != focus
                ]
                other = after[0] if after else None
            referred = False
            if other is None and party == focus and not re.search(r"등\s*\d+\s*개\s*도시", s):
                # "두 도시는 ...", or the city the previous sentences were about
                earlier = [
                    m
                    for m in self.in_span(max(0, start - 400), start, EntityType.CITY)
                    if m.id != focus
                ]
                other = (
                    Mention(a_start, a_start, earlier[-1].id, EntityType.CITY) if earlier else None
                )
                referred = True
            if other is None:
                continue
            if family == "instrument" and other.id in used_counterparts and not renewed:
                continue  # the instrument of an agreement already read (친선도시 ... 협약(MOU))
            used_counterparts.add(other.id)
            attrs = {"kind": kind}
            if kind == "sister" and "친선" in self.text[a_start:a_end]:
                attrs["wording"] = "친선도시"
            clause = self.text[max(start, min(other.start, a_start - 20)) : min(end, a_end + 30)]
            if "격상" in clause:
                frm = re.search(r"(우호|자매|친선)\s?도시(?:에서|로부터)", clause)
                if frm:
                    attrs["upgrade_from"] = {
                        "우호": "friendship",
                        "자매": "sister",
                        "친선": "sister",
                    }[frm.group(1)]
                attrs["upgrade"] = "true"
            dates = [d for d in self.doc.dates_in(start, end) if d.end <= a_start]
            if dates:
                attrs["date"] = dates[-1].begin.iso
            span = (min(other.start, a_start), a_end)
            confidence = 0.9 if family == "city" else 0.75
            if referred:
                both = re.search(r"두\s?도시|양\s?도시|양\s?시(?![가-힣])", s)
                confidence = min(confidence, 0.8 if both else 0.65)
            self.found.relate(
                RelationType.AGREEMENT,
                party,
                other.id,
                span,
                f"ko.agreement.{family}" if party == focus else "ko.agreement.third_party",
                confidence if party == focus else min(confidence, 0.75),
                **attrs,
            )

    def third_party(self, places: list[Mention], s: str, focus: str) -> str:
        """The party of a sentence's agreements: the focus city, or another subject city.

        A sentence that does not name the focus city and has another city as its
        subject states that city's own agreement (``함부르크는 오사카와 ...``).
        """
        if not places or any(m.id == focus for m in places) or _BOTH.search(s):
            return focus
        first = places[0]
        if re.match(r"(?:시|특별시)?(?:는|은|이|가)\s", self.text[first.end : first.end + 5]):
            others = {m.id for m in places if m.id != first.id}
            return first.id if others else focus
        return focus

    def dated_list(self, start: int, end: int, s: str, focus: str | None) -> None:
        """``도쿄(1988), 베이징(1993) 등 자매도시``: each city with the year of its tie."""
        kinds = [k for word, k in _CITY_KINDS if word in s]
        if not kinds or not focus:
            return
        for m in self.in_span(start, end, EntityType.CITY):
            year = re.match(r"\s?\((\d{4})(?:년)?\)", self.text[m.end : m.end + 9])
            if year and m.id != focus:
                self.found.relate(
                    RelationType.AGREEMENT,
                    focus,
                    m.id,
                    (m.start, m.end + len(year.group())),
                    "ko.agreement.listed",
                    0.75,
                    kind=kinds[0],
                    date=year.group(1),
                )

    def meetings(
        self, start: int, end: int, s: str, places: list[Mention], focus: str | None
    ) -> None:
        """Meetings between the people (or, without people, the cities) of a sentence."""
        people: list[Mention] = []
        for p in self.in_span(start, end, EntityType.PERSON):
            if all(p.id != q.id for q in people):
                people.append(p)
        if re.search(r"두\s?시장|양\s?시장|두\s?사람", s) and len(people) < 2:
            earlier: list[Mention] = []
            for p in reversed(self.in_span(max(0, start - 800), start, EntityType.PERSON)):
                if all(p.id != q.id for q in earlier + people):
                    earlier.append(p)
            people = earlier[: 2 - len(people)][::-1] + people
        if len(people) == 1 and self.last_subject and self.last_subject != people[0].id:
            self.found.relate(
                RelationType.MEETING,
                self.last_subject,
                people[0].id,
                (people[0].start, end),
                "ko.meeting.subject",
                0.65,
            )
        for other in people[1:]:
            self.found.relate(
                RelationType.MEETING, people[0].id, other.id, (start, end), "ko.meeting.people", 0.7
            )
        if people or not focus:
            return
        for m in places:  # the people who met are not named: a suggestion for review only
            if m.id == focus or re.search(r"등\s*\d+\s*개", self.text[m.end : m.end + 12]):
                continue
            self.found.relate(
                RelationType.MEETING, focus, m.id, (m.start, end), "ko.meeting.cities", 0.5
            )

    def track_subject(self, start: int, end: int) -> None:
        """Remember the person a sentence is about, for the next ones."""
        for p in self.in_span(start, end, EntityType.PERSON):
            if re.match(r"\s?(?:은|는|이|가)(?![가-힣])", self.text[p.end : p.end + 2]):
                self.last_subject = p.id
                return

    def presentations(self, start: int, end: int, event: str | None) -> None:
        """People and cities before a presenting verb present at the event."""
        if event is None:
            return
        verbs = list(_PRESENT.finditer(self.text, start, end))
        if not verbs:
            return
        verb = verbs[-1]
        for m in self.in_span(start, verb.start(), EntityType.PERSON, EntityType.CITY):
            self.found.relate(
                RelationType.PRESENTATION,
                m.id,
                event,
                (m.start, verb.end()),
                "ko.presentation",
                0.8,
            )

    def participation(self, start: int, end: int, event: str, focus: str | None) -> None:
        """Cities, organisations and people that attend the event."""
        people = self.in_span(start, end, EntityType.PERSON)
        offices = {
            r.target
            for r in self.found.relations_of(RelationType.OFFICE)
            if r.source in {p.id for p in people}
        }
        for m in self.in_span(
            start, end, EntityType.CITY, EntityType.ORGANIZATION, EntityType.PERSON
        ):
            if m.id == focus or m.id in offices:
                continue  # 구재현 국토교통부 장관이 참석: the minister attends, not the ministry
            tail = self.text[m.end : end]
            if not re.search(
                r"(?:참석|참여|참가)(?:한다|했다|하며|하고|할\s|해|하였|합니다|중)", tail
            ):
                continue
            self.found.relate(
                RelationType.PARTICIPATION, m.id, event, (m.start, end), "ko.participation", 0.75
            )

    def awards(self, start: int, end: int, s: str, focus: str | None) -> None:
        """Prizes won: by the subject city with a year, or by listed laureates."""
        prizes = self.in_span(start, end, EntityType.PRIZE)
        listing = re.search(r"(?:역대\s)?수상\s?도시(?:는|로는|로|에는)", s)
        if listing and not prizes:  # 역대 수상 도시는 A(2010), B(2012): the prize said before
            recent = self.in_span(max(0, start - 600), start, EntityType.PRIZE)
            if recent:
                for m in self.in_span(start + listing.end(), end, EntityType.CITY):
                    year = re.match(r"\s?\((\d{4})\)", self.text[m.end : m.end + 8])
                    attrs = {"year": year.group(1)} if year else {}
                    self.found.relate(
                        RelationType.AWARD,
                        m.id,
                        recent[-1].id,
                        (m.start, end),
                        "ko.award.listed",
                        0.75,
                        **attrs,
                    )
            return
        if not prizes:
            return
        prize = prizes[0]
        if re.search(r"수상\s?도시|수상도시", self.text[prize.end : end]) and not re.search(
            r"수상\s?도시로\s?선정", s
        ):
            before = self.in_span(start, prize.start, EntityType.CITY)
            gathering = [e for e in self.in_span(prize.end, end, EntityType.EVENT)]
            for m in before:
                if m.id != focus:
                    self.found.relate(
                        RelationType.AWARD,
                        m.id,
                        prize.id,
                        (m.start, prize.end),
                        "ko.award.laureates",
                        0.7,
                    )
                    if gathering:
                        self.found.relate(
                            RelationType.PARTICIPATION,
                            m.id,
                            gathering[0].id,
                            (m.start, gathering[0].end),
                            "ko.participation.listed",
                            0.7,
                        )
            return
        if not re.search(r"수상|받았|받은|선정", self.text[prize.end : end]):
            return
        subject = self.subject(start, end)
        years = [d for d in self.doc.dates_in(start, end) if d.begin.month is None]
        if subject and re.search(r"수상\s?도시로\s?선정|수상자로\s?선정", s):
            attrs = {"year": str(years[0].begin.year)} if years else {}
            self.found.relate(
                RelationType.AWARD,
                subject,
                prize.id,
                (start, end),
                "ko.award.selected",
                0.85,
                **attrs,
            )
            return
        years = [d for d in self.doc.dates_in(start, end) if d.begin.month is None]
        subject = self.subject(start, end) or focus
        if subject and years:
            self.found.relate(
                RelationType.AWARD,
                subject,
                prize.id,
                (start, end),
                "ko.award",
                0.85,
                year=str(years[0].begin.year),
            )

    def policies_owner(self, start: int, end: int, s: str, focus: str | None) -> None:
        """Each policy belongs to the city that is the subject nearest it."""
        for m in self.in_span(start, end, EntityType.POLICY):
            owner = (
                self.last_subject_city(start, m.start)
                or self.subject(max(0, start - 400), end)
                or focus
            )
            if owner:
                self.found.relate(
                    RelationType.POLICY, m.id, owner, (m.start, m.end), "ko.policy", 0.8
                )

    def organisers(self, start: int, end: int, s: str, event: str | None) -> None:
        """``A와 B가 공동 주최하고, C가 주관한다``: cities that 주최 host, bodies organise."""
        if event is None:
            return
        clause = start
        for m in re.finditer(r"(?:공동\s?)?(주최|주관)(?:하|한|하고|하며|로|을|를|한다)", s):
            for who in self.in_span(
                clause, start + m.start(), EntityType.CITY, EntityType.ORGANIZATION
            ):
                if who.id == event:
                    continue
                role = (
                    "host" if m.group(1) == "주최" and who.type is EntityType.CITY else "organizer"
                )
                self.found.relate(
                    RelationType(role),
                    who.id,
                    event,
                    (who.start, start + m.end()),
                    f"ko.{role}",
                    0.8,
                )
            clause = start + m.end()

    def listed_participants(self, start: int, end: int, s: str, event: str | None) -> None:
        """``다음 도시와 국제기구가 참가한다`` followed by bulleted lists."""
        if event is None or not re.search(r"다음.{0,20}(?:참가|참석|참여)", s):
            return
        tail = re.match(r"(?:\s*\n)+((?:[ \t]*[-•*·][^\n]*\n?)+)", self.text[end:])
        if tail is None:
            return
        a, b = end + tail.start(1), end + tail.end(1)
        for who in self.in_span(a, b, EntityType.CITY, EntityType.ORGANIZATION):
            self.found.relate(
                RelationType.PARTICIPATION,
                who.id,
                event,
                (who.start, who.end),
                "ko.participation.list",
                0.75,
            )

    def hosting(self, start: int, end: int, s: str) -> None:
        """``서울시는 ... 아테네에서 '서울 문화주간'을 연다``: host and place of an event."""
        verb = re.search(r"(?:을|를)\s(?:[가-힣]+\s){0,3}?(?:열어|연다|열고|열|개최|주최)", s)
        if not verb:
            return
        for ev in self.in_span(start, start + verb.end(), EntityType.EVENT):
            if ev.id == self.main_event and not re.search(r"개최|주최", s):
                continue
            subject = self.subject(start, ev.start)
            if subject:
                self.found.relate(
                    RelationType.HOST,
                    subject,
                    ev.id,
                    (start, start + verb.end()),
                    "ko.event.host",
                    0.75,
                )
            where = [
                c
                for c in self.in_span(max(start, ev.start - 12), ev.start, EntityType.CITY)
                if re.match(r"(?:시)?에서\s?[‘'“\"]?$", self.text[c.end : ev.start])
            ]
            if where:
                self.found.relate(
                    RelationType.LOCATED_IN,
                    ev.id,
                    where[-1].id,
                    (where[-1].start, ev.end),
                    "ko.event.city",
                    0.75,
                )

    def located(self, start: int, end: int, s: str, event: str | None) -> None:
        """Where things are: 스페인 빌바오, X가 열리는 Y, X에서 진행되는 event."""
        for m in self.in_span(start, end, EntityType.COUNTRY):
            gap = re.match(r"\s?(?:의\s?수도\s?)?", self.text[m.end :])
            reach = m.end + (gap.end() if gap else 0) + 1
            nxt = [c for c in self.in_span(m.end, end, EntityType.CITY) if c.start <= reach]
            if nxt and self.found.country_of(nxt[0].id) == m.id.split("/", 1)[1].upper():
                self.found.relate(
                    RelationType.LOCATED_IN,
                    nxt[0].id,
                    m.id,
                    (m.start, nxt[0].end),
                    "ko.place.country",
                    0.85,
                )
        for ev in self.in_span(start, end, EntityType.EVENT):
            held = re.match(
                r"\s?(?:이|가|은|는)?\s(?:열리는|개최되는|진행되는|열린)\s", self.text[ev.end :]
            )
            if held:
                venues = [
                    v
                    for v in self.in_span(ev.end, end, EntityType.VENUE)
                    if v.start == ev.end + held.end()
                ]
                if venues:
                    self.found.relate(
                        RelationType.LOCATED_IN,
                        ev.id,
                        venues[0].id,
                        (ev.start, venues[0].end),
                        "ko.event.held_at",
                        0.75,
                    )
        self.held_in_city(start, end)
        for hit in re.finditer(
            r"([A-Za-z가-힣]{2,20}?)(?:’|')?에서\s?(?:진행|개최|열리|열린|열려)", s
        ):
            name = hit.group(1)
            if self.resolve(name) or event is None:
                continue
            vs, ve = start + hit.start(1), start + hit.end(1)
            known = [
                x
                for x in self.mentions
                if x.type is EntityType.VENUE and overlaps((vs, ve), (x.start, x.end))
            ]
            vid = (
                known[0].id
                if known
                else self.found.entity(EntityType.VENUE, ko=name, span=(vs, ve))
            )
            self.found.relate(
                RelationType.LOCATED_IN, event, vid, (vs, start + hit.end()), "ko.event.venue", 0.75
            )

    def held_in_city(self, start: int, end: int) -> None:
        """``아테네에서 '서울 문화주간'을 열어``, ``하노이에서 열린 X``: an event in a city.

        The city's own subject (``서울시는 ... X를 열어``) hosts it.
        """
        for city in self.in_span(start, end, EntityType.CITY):
            if not self.text.startswith("에서", city.end):
                continue
            after = self.in_span(city.end, min(end, city.end + 40), EntityType.EVENT)
            if not after:
                continue
            ev = after[0]
            said = re.match(r"[’'”」]?\s?(?:을|를)\s?(?:열|개최)", self.text[ev.end : end])
            before = re.search(r"(?:열린|열리는|개최된|개최되는|진행된)\s?[‘'“「]?$",
                               self.text[city.end : ev.start])
            if not (said or before):
                continue
            self.found.relate(RelationType.LOCATED_IN, ev.id, city.id, (city.start, ev.end),
                              "ko.event.in_city", 0.75)
            subject = re.search(r"(?<![가-힣])([가-힣]{2,10}?)(?:시|특별시)?(?:는|은)\s",
                                self.text[start:city.start])
            if subject is None or said is None:
                continue
            host = self.resolve(subject.group(1))
            if host is not None and host.kind.value == "City":
                hm = self.add(add_place(self.found, host,
                                        (start + subject.start(1), start + subject.end(1))))
                self.found.relate(RelationType.HOST, hm.id, ev.id, (start, ev.end + said.end()),
                                  "ko.event.host_abroad", 0.7)

    def overview_lines(self) -> None:
        """``장소 : X``, ``일시 : ...``, ``주최 : A / B`` lines of an event overview."""
        event = self.main_event
        if event is None:
            return
        for m in re.finditer(
            r"^[\s\-*•○□]*(장소|일시|주최·개최|주최/주관|주최|주관|개최)\s*[:：]\s*"
            r"([^\n]+)$",
            self.text,
            re.MULTILINE,
        ):
            field, value = m.group(1), m.group(2)
            vs = m.start(2)
            if field == "장소":
                name = re.match(r"[^(,\n]+", value)
                if name:
                    v = name.group().strip()
                    vid = self.found.entity(EntityType.VENUE, ko=v, span=(vs, vs + len(v)))
                    self.found.relate(
                        RelationType.LOCATED_IN,
                        event,
                        vid,
                        (m.start(1), m.end()),
                        "ko.overview.venue",
                        0.9,
                    )
            elif field == "일시":
                ds = self.doc.dates_in(m.start(2), m.end(2))
                if ds:
                    self.found.set_attribute(event, "start", ds[0].begin.iso)
                    last = ds[-1].finish or ds[-1].begin
                    self.found.set_attribute(event, "end", last.iso)
            else:
                parts = [p.strip() for p in re.split(r"\s/\s|/", value)]
                roles = (
                    ["organizer", "host"] if field == "주최·개최" else ["organizer"] * len(parts)
                )
                if field == "개최":
                    roles = ["host"] * len(parts)
                offset = vs
                for part, role in zip(parts, roles, strict=False):
                    ps = self.text.index(part, offset)
                    offset = ps + len(part)
                    ms = (
                        self.in_span(ps, ps + len(part), EntityType.ORGANIZATION)
                        or self.in_span(ps, ps + len(part), EntityType.CITY)[:1]
                    )
                    for who in ms:
                        self.found.relate(
                            RelationType(role),
                            who.id,
                            event,
                            (m.start(1), m.end()),
                            f"ko.overview.{role}",
                            0.9,
                        )
