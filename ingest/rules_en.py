"""Rules for English press releases.

Sentences come from the pipeline's splitter (abbreviations such as ``Nov.``
and ``Mr.`` do not end a sentence).  The rules read:

* places: capitalised phrases the gazetteer knows (``Wellington``,
  ``New York``), with ``City, Country`` read as located-in;
* people in office: ``Mayor X of Y``, ``X, Mayor of Y``, ``Y Mayor X``,
  ``Governor X of Y``, ``Lord Mayor X``;
* organisations, events, prizes and venues: capitalised phrases ending in
  an organisation, event, prize or venue word, and acronyms in brackets;
* agreements (sister city, sisterhood, friendship city, MOU, cooperation
  agreement, common declaration, upgrades), meetings (met, held talks),
  prizes won, hosts, organisers, participants and presenters.

Examples
--------
>>> from datetime import date
>>> from citygraph.ingest.pipeline import extract_text
>>> x = extract_text("Seoul signed a sister city agreement with Athens in 2006.",
...                  published=date(2010, 5, 1))
>>> [(r.target, dict(r.attributes)) for r in x.relations]
[('city/athens', {'date': '2006', 'kind': 'sister'})]
"""

from __future__ import annotations

import re

from citygraph.ingest.doc import Doc
from citygraph.ingest.extraction import Collector, EntityType, RelationType
from citygraph.ingest.rules_common import Mention, add_place, main_event, norm, overlaps

__all__ = ["EnglishRules"]

ROLES = {
    "lord mayor": "lord_mayor",
    "vice mayor": "vice_mayor",
    "deputy mayor": "deputy_mayor",
    "mayor": "mayor",
    "governor": "governor",
    "minister": "minister",
    "council speaker": "council_speaker",
    "speaker": "council_speaker",
}
_MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
}
_STOP_PLACES = _MONTHS | {
    "Mon",
    "Tue",
    "Wed",
    "Thu",
    "Fri",
    "Sat",
    "Sun",
    "Mayor",
    "City",
    "Governor",
    "Prize",
    "Forum",
    "Summit",
    "Hall",
    "Park",
}
_ROLE = (
    r"(?:(?:First |Second |Executive )?(?:Lord Mayor|Vice[- ]Mayor|Deputy Mayor|Mayor)|"
    r"Governor|Minister|Council Speaker|Speaker|Secretary|Commissioner|Chairman|Chairwoman|"
    r"Chair|President|Ambassador|Consul General|Director[- ]General|Director|Vice[- ]Governor)"
    r"(?: for [A-Z][\w]*(?: (?:and |[A-Z][\w]*|I{1,3}))*)?"
)
_NAME = r"[A-Z][\w'’.-]+(?:[ \t]+(?:de|van|von|da|di|le|[A-Z][\w'’-]+)){1,3}"
_PLACE = (
    r"[A-Z][\w'’-]+(?:[ \t]+(?!(?:Lord|Vice|Deputy|First|Second|Executive|Mayor|Governor)\b)"
    r"(?:[A-Z][\w'’-]+|de|of|the)){0,5}"
)
_CAP = re.compile(
    r"(?:(?:19|20)\d\d[ \t]+)?[A-Z][\w'’&.-]*(?:[ \t]+(?:of|for|and|the|de|&|"
    r"on(?=[ \t]+[A-Z])(?![ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|"
    r"Wed|Thu|Fri|Sat|Sun))|[A-Z][\w'’&.-]*|\d+))*"
)
_ORG_WORDS = re.compile(
    r"\b(Government|Authority|Centre|Center|Council|Foundation|Agency|"
    r"Organization|Organisation|Ministry|Bank|University|Corporation|Co\.|"
    r"Inc\.?|Ltd\.?|Group|Programme|Institute|Association|Network|Office|"
    r"Department|Commission|Committee|Services|Company|Division|Bureau|Agency|Secretariat|"
    r"Alliance|Federation|Union|Assembly|Headquarters|Embassy|Consulate|Hub)$"
)
_EVENT_TAIL = re.compile(r"\s+(?:on|for|of)\s+[A-Z][\w ]*$")
_EVENT_WORDS = re.compile(
    r"\b(Forum|Summit|Conference|Expo|Festival|Week|Dialogue|Congress|Showcase|"
    r"Roadshow|Olympics|Games|Biennale|Fair|Exhibition|Ceremony|Tour|"
    r"Assembly|Symposium|Ceremony|Exhibition|Fair|Roundtable|Games)$"
)
_PRIZE_WORDS = re.compile(r"\b(Prize|Award|Awards|Medal)$")
_VENUE_WORDS = re.compile(
    r"\b(Hall|Plaza|Hotel|Museum|Park|Square|Palace|Stadium|Arena|Gallery|"
    r"Convention Center|Convention Centre|Library|Tower)$"
)
_KINDS = [
    (
        r"sister[-\s]+city|sister\s+cities|sisterhood|sister[-\s]+relationship|"
        r"twin(?:ning|ned)?\s+cit",
        "sister",
    ),
    (
        r"friendship[-\s]+city|friendship\s+cities|friendly\s+cit|friendship\s+agreement|"
        r"friendship and cooperation",
        "friendship",
    ),
    (r"\bMOUs?\b|memorandum of understanding", "mou"),
    (r"cooperation agreement|agreement on cooperation|partnership agreement", "cooperation"),
    (r"common declaration|joint declaration|joint statement", "declaration"),
    (r"exchange agreement", "exchange"),
]
_SIGN = re.compile(
    r"\b(sign|signed|signing|conclude|concluded|establish|established|became|"
    r"become|upgrade|upgraded|upgrading|agreed|entered into|adopted|adopt|adopts|"
    r"anniversary|ties|relationship|since)\b",
    re.IGNORECASE,
)
_MEET = re.compile(
    r"\b(met|meet|meeting with|held talks|talks with|bilateral meeting|"
    r"courtesy call|video conference)\b",
    re.IGNORECASE,
)
_PRESENT = re.compile(
    r"\b(presented|will present|present|keynote|delivered a speech|"
    r"gave a speech|gave a presentation|presentation)\b",
    re.IGNORECASE,
)
_ATTEND = re.compile(
    r"\b(attend|attended|attending|participat\w*|took part|take part|joined|"
    r"delegations? from|representatives? of|brings? together|brought together|"
    r"gather\w*)\b",
    re.IGNORECASE,
)
_SMALL_START = {
    "The",
    "A",
    "An",
    "This",
    "In",
    "On",
    "At",
    "For",
    "With",
    "And",
    "Under",
    "During",
    "After",
    "Before",
    "Mayor",
    "Governor",
    "Seoul's",
}


class EnglishRules:
    """Rule-based extraction for English documents (see the module docs)."""

    name = "en-rules"

    def supports(self, language: str) -> bool:
        """English only."""
        return language == "en"

    def extract(self, doc: Doc, found: Collector) -> None:
        """Add what the rules find in ``doc`` to ``found``."""
        _Run(doc, found).run()


class _Run:
    def __init__(self, doc: Doc, found: Collector) -> None:
        self.doc, self.found, self.text, self.gaz = doc, found, doc.text, doc.gazetteer
        self.mentions: list[Mention] = []
        self.main_event: str | None = None

    def run(self) -> None:
        self.people()
        self.own_officials()
        self.places()
        self.names()
        self.policies()
        self.sessions()
        self.same_events()
        self.main_event = main_event(
            self.found,
            self.text,
            self.doc.info.title,
            skip={e for e in self.found.ids(EntityType.EVENT) if self.found.attribute(e, "kind")},
        )
        for sid in getattr(self, "session_ids", []):
            if self.main_event:
                self.found.relate(
                    RelationType.PART_OF,
                    sid,
                    self.main_event,
                    self.found.first_mention(sid),
                    "en.session.part_of",
                    0.8,
                )
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        for start, end in self.doc.sentences:
            self.sentence(start, end)

    def same_events(self) -> None:
        """``Mayors Forum on Inclusive Cities`` in a headline is the body's ``2017 Seoul ...``."""
        names = self.found.names()
        events = [
            e for e in self.found.ids(EntityType.EVENT) if not self.found.attribute(e, "kind")
        ]
        for short in events:
            for full in events:
                a, b = norm(names[short][0]), norm(names[full][0])
                if (
                    short != full
                    and len(names[short][0].split()) >= 2
                    and b.endswith(a)
                    and len(b) > len(a)
                    and short in self.found.names()
                ):
                    self.found.merge(full, short)
                    self.mentions = [
                        Mention(m.start, m.end, full if m.id == short else m.id, m.type)
                        for m in self.mentions
                    ]
                    break

    def free(self, start: int, end: int, *, over_places: bool = False) -> bool:
        """No mention overlaps the span (places inside it are fine with ``over_places``)."""
        return not any(
            overlaps((start, end), (m.start, m.end))
            and not (
                over_places
                and m.type in (EntityType.CITY, EntityType.COUNTRY, EntityType.REGION)
                and m.end - m.start < end - start
            )
            for m in self.mentions
        )

    def place(self, name: str, start: int, end: int, region: bool = False) -> Mention | None:
        entry = self.gaz.resolve(name)
        if entry is None and region:
            eid = self.found.entity(EntityType.REGION, en=name, span=(start, end))
            m = Mention(start, end, eid, EntityType.REGION)
            for again in re.finditer(rf"\b{re.escape(name)}\b", self.text):
                if self.free(again.start(), again.end()):
                    self.found.mention(eid, (again.start(), again.end()))
                    self.mentions.append(
                        Mention(again.start(), again.end(), eid, EntityType.REGION)
                    )
        elif entry is None:
            return None
        else:
            m = add_place(self.found, entry, (start, end))
            if name != entry.name_en:
                self.found.entity(m.type, key=entry.key, aliases=(name,))
        self.mentions.append(m)
        return m

    def people(self) -> None:
        patterns = [
            rf"(?P<role>{_ROLE})\s+(?P<name>{_NAME})\s+of\s+(?:the\s+)?(?P<place>{_PLACE})",
            rf"(?P<name>{_NAME}),\s+(?:the\s+)?(?P<role>{_ROLE})\s+of\s+(?:the\s+)?(?P<place>{_PLACE})",
            rf"(?P<place>{_PLACE})\s+(?P<role>{_ROLE})\s+(?P<name>{_NAME})",
            rf"(?P<place>{_PLACE})['’]s\s+(?P<role>{_ROLE}),?\s+(?:(?:Datuk|Dr\.|Mr\.|Ms\.|Sir)\s+)?"
            rf"(?P<name>{_NAME})",
            rf"(?P<name>{_NAME}),\s+(?P<place>{_PLACE})['’]s\s+(?P<role>{_ROLE})",
        ]
        for rule, pattern in enumerate(patterns):
            for m in re.finditer(pattern, self.text):
                if not self.free(m.start("name"), m.end("name")):
                    continue
                place_name = self.trim_place(m.group("place"))
                ps = m.start("place")
                region = (
                    bool(re.search(r"Province|State|Prefecture|Region|County|Oblast", place_name))
                    or "governor" in m.group("role").lower()
                )
                if rule in (2, 3, 4):
                    pm = self.tail_place(place_name, ps)
                elif _ORG_WORDS.search(place_name) or re.search(
                    r"\b(Council|Assembly)$", place_name
                ):
                    oid = self.found.entity(
                        EntityType.ORGANIZATION,
                        en=place_name,
                        span=(ps, ps + len(place_name)),
                        kind="government",
                    )
                    pm = Mention(ps, ps + len(place_name), oid, EntityType.ORGANIZATION)
                    self.mentions.append(pm)
                else:
                    tail = re.search(r"\bof[ \t]+(?:the[ \t]+)?([A-Z][^,]*)$", place_name)
                    if tail:  # Secretary of Transport of Mexico City
                        ps, place_name = ps + tail.start(1), tail.group(1)
                    pm = self.place(place_name, ps, ps + len(place_name), region)
                if pm is None:
                    continue
                name = m.group("name")
                if (
                    name.split()[0] in _SMALL_START
                    or self.gaz.resolve(name)
                    or any(
                        _HEADLINE_VERBS.match(w + " ") or re.fullmatch(_ROLE, w)
                        for w in name.split()
                    )
                ):
                    continue
                pid = self.found.entity(
                    EntityType.PERSON, en=name, span=(m.start("name"), m.end("name"))
                )
                self.mentions.append(
                    Mention(m.start("name"), m.end("name"), pid, EntityType.PERSON)
                )
                plain = re.sub(
                    r"^(?:first|second|executive) | for .*$",
                    "",
                    re.sub(r"[- ]+", " ", m.group("role").lower()),
                )
                role = ROLES.get(plain, "other")
                self.found.relate(
                    RelationType.OFFICE,
                    pid,
                    pm.id,
                    (m.start(), m.end()),
                    f"en.person.office.{rule + 1}",
                    0.9,
                    role=role,
                )
                self.surname(name, pid)

    def own_officials(self) -> None:
        """``Mayor Yoon Ha-rim``: a Korean name after a title, no city: the focus city's."""
        focus = self.gaz.get(self.doc.focus)
        if focus is None:
            return
        for m in re.finditer(
            r"\b(?P<role>Vice[- ]Mayor|Deputy Mayor|Mayor)\s+"
            r"(?P<name>[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+)\b(?!\s+of\b)",
            self.text,
        ):
            if not self.free(m.start("name"), m.end("name")):
                continue
            pid = self.found.entity(
                EntityType.PERSON, en=m.group("name"), span=(m.start("name"), m.end("name"))
            )
            self.mentions.append(Mention(m.start("name"), m.end("name"), pid, EntityType.PERSON))
            city = add_place(self.found, focus, (m.start("role"), m.start("role")))
            role = ROLES.get(re.sub(r"[- ]+", " ", m.group("role").lower()), "other")
            self.found.relate(
                RelationType.OFFICE,
                pid,
                city.id,
                (m.start(), m.end()),
                "en.person.office.own",
                0.7,
                role=role,
            )
            self.surname(m.group("name"), pid)
        for m in re.finditer(
            rf"\b(?P<role>(?:Vice )?Minister|Secretary|Director)\s+(?P<name>{_NAME})"
            r"\s+of\s+the\s+(?P<org>(?:Ministry|Department|Agency|Office)\s+of\s+"
            r"[A-Z]\w*(?:(?:,\s+|\s+and\s+|\s+)[A-Z]\w*)*)",
            self.text,
        ):
            if not self.free(m.start("name"), m.end("name")):
                continue
            pid = self.found.entity(
                EntityType.PERSON, en=m.group("name"), span=(m.start("name"), m.end("name"))
            )
            self.mentions.append(Mention(m.start("name"), m.end("name"), pid, EntityType.PERSON))
            oid = self.found.entity(
                EntityType.ORGANIZATION,
                en=m.group("org"),
                span=(m.start("org"), m.end("org")),
                kind="government",
            )
            self.mentions.append(
                Mention(m.start("org"), m.end("org"), oid, EntityType.ORGANIZATION)
            )
            role = "minister" if "Minister" in m.group("role") else "other"
            self.found.relate(
                RelationType.OFFICE,
                pid,
                oid,
                (m.start(), m.end()),
                "en.person.office.ministry",
                0.8,
                role=role,
            )

    def surname(self, name: str, pid: str) -> None:
        words = name.split()
        # Korean names romanised family name first (Song Tae-min); others family name last
        last = words[0] if len(words) == 2 and "-" in words[1] else words[-1]
        for m in re.finditer(
            rf"\b(?:(?:Vice |Deputy |Lord )?Mayor|Governor|Minister|Speaker|"
            rf"Mr\.|Ms\.|Dr\.)\s+{re.escape(last)}\b(?![ \t]+[A-Z])",
            self.text,
        ):
            s = m.end() - len(last)
            if self.free(s, m.end()):
                self.found.mention(pid, (s, m.end()))
                self.mentions.append(Mention(s, m.end(), pid, EntityType.PERSON))

    def tail_place(self, phrase: str, start: int) -> Mention | None:
        phrase = re.sub(r"(?:[ \t]+(?:Lord|Vice|Deputy))+$", "", phrase)  # Dublin Lord Mayor X
        words = list(re.finditer(r"\S+", phrase))
        for i in range(len(words)):
            name = phrase[words[i].start() :]
            entry = self.gaz.resolve(name)
            if entry is not None:
                return self.place(name, start + words[i].start(), start + len(phrase))
        return None

    @staticmethod
    def trim_place(name: str) -> str:
        return re.sub(r"\s+(?:of|de)$", "", name.rstrip(".'’"))

    def places(self) -> None:
        for m in re.finditer(r"\b[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}", self.text):
            words = list(re.finditer(r"[^ ]+", m.group()))
            i = 0
            while i < len(words):
                for j in range(len(words), i, -1):
                    s = m.start() + words[i].start()
                    e = m.start() + words[j - 1].end()
                    name = re.sub(r"['’]s$", "", self.text[s:e]).rstrip(".'’")
                    e = s + len(name)
                    if len(name) < 3 or name in _STOP_PLACES or not self.free(s, e):
                        continue
                    if re.search(
                        r"(?:Mayor|Governor|Mr\.|Ms\.|Dr\.|Minister)\s+$",
                        self.text[max(0, s - 12) : s],
                    ):
                        continue  # a surname after a title
                    entry = self.gaz.resolve(name)
                    if entry is not None and len(name) < 4 and not entry.curated:
                        continue
                    if entry is None or (
                        entry.population < 50_000
                        and not entry.wikidata
                        and entry.kind.value == "City"
                    ):
                        continue
                    self.place(name, s, e)
                    i = j - 1
                    break
                i += 1
        for m in re.finditer(
            r"\b([A-Z][\w'-]*(?:[ \t][A-Z][\w'-]*)*),\s+(?:the\s+capital\s+of\s+)?"
            r"([A-Z][\w'-]*(?:[ \t][A-Z][\w'-]*)*)"
            r"(?=[,.;)]|\s+(?:and|on|in|becomes|is|was)\b)",
            self.text,
        ):
            city = [x for x in self.mentions if x.start == m.start(1) and x.type is EntityType.CITY]
            capital = "capital of" in m.group()
            country = [
                x
                for x in self.mentions
                if x.start == m.start(2)
                and (x.type is EntityType.COUNTRY or (capital and x.type is EntityType.REGION))
            ]
            if (
                city
                and country
                and (
                    country[0].type is EntityType.REGION
                    or self.found.country_of(city[0].id) == country[0].id.split("/", 1)[1].upper()
                )
            ):
                self.found.relate(
                    RelationType.LOCATED_IN,
                    city[0].id,
                    country[0].id,
                    (m.start(), m.end()),
                    "en.place.country",
                    0.85,
                )

    def names(self) -> None:
        for m in re.finditer(
            r"\b(?:Embassy|Consulate(?: General)?) of (?:the )?[A-Z]\w+(?: (?:of )?[A-Z]\w+)*"
            r"(?: in (?:the )?[A-Z]\w+)?",
            self.text,
        ):
            if self.free(m.start(), m.end(), over_places=True):
                self.named(m.group(), m.start(), force=EntityType.ORGANIZATION)
        for m in re.finditer(r"\(([A-Z][A-Z0-9&]{1,7})\)", self.text):
            acronym = m.group(1)
            before = self.text[max(0, m.start() - 90) : m.start()].rstrip()
            phrase = re.search(
                r"((?:the\s+)?[A-Z][\w'’&.-]*(?:\s+(?:of|for|and|the|on|de|&|"
                r"[A-Z][\w'’&.-]*))*)$",
                before,
            )
            if phrase:
                name = re.sub(r"^the\s+", "", phrase.group(1))
                s = (
                    m.start()
                    - len(self.text[max(0, m.start() - 90) : m.start()])
                    + phrase.start(1)
                    + (len(phrase.group(1)) - len(name))
                )
                if self.free(s, s + len(name)) and len(name.split()) >= 2:
                    self.named(name, s, aliases=(acronym,))
        for m in _CAP.finditer(self.text):
            for part in re.finditer(r"[^,]+", _after_verb(m.group())):
                pieces = re.split(r"\s+and\s+the\s+", part.group())
                pieces = [
                    x
                    for p in pieces
                    for x in (
                        re.split(r"\s+and\s+", p)
                        if re.search(r"(?:Government|Council|Authority|Office)\s+and\s+[A-Z]", p)
                        else [p]
                    )
                ]
                for piece in pieces:
                    name = re.sub(r"^(?:The|the)\s+", "", piece).strip(" .'’")
                    name = re.sub(r"\s+(?:of|for|and|the|on|in|de|&)$", "", name)
                    start = m.start() + m.group().find(name)
                    if len(name) >= 4 and self.free(start, start + len(name), over_places=True):
                        self.named(name, start)
        for m in re.finditer(
            r"(?:organi[sz]ed|hosted|co-hosted|sponsored)\s+by\s+([^.;]+)", self.text
        ):
            for item in re.finditer(
                r"(?:the\s+|The\s+)?([A-Z][\w-]*(?:[ \t]+[A-Z][\w.-]*)*)", m.group(1)
            ):
                name, start = item.group(1).rstrip("."), item.start(1) + m.start(1)
                if self.free(start, start + len(name), over_places=True) and not self.gaz.resolve(
                    name
                ):
                    self.named(name, start, force=EntityType.ORGANIZATION)
        for m in re.finditer(
            r"\b(?:from|including|such as)\s+((?:the\s+)?[A-Z][^.;:]*)", self.text
        ):
            listed = re.match(
                r"(?:(?:the\s+)?[A-Z][\w.-]*(?:[ \t]+[A-Z][\w.-]*)*"
                r"(?:,\s+(?:and\s+)?|\s+and\s+|$))+",
                m.group(1),
            )
            if listed is None:
                continue
            for item in re.finditer(
                r"(?:the\s+)?([A-Z][\w-]*(?:[ \t]+[A-Z][\w.-]*)*)", listed.group()
            ):
                name, start = item.group(1), item.start(1) + m.start(1)
                if name.split()[0] in _MONTHS:
                    continue
                if (
                    re.search(r"[a-z][A-Z]|-[A-Z]|^[A-Z]{2,}", name)
                    and not re.fullmatch(r"MOUs?", name)
                    and self.free(start, start + len(name))
                    and not self.gaz.resolve(name)
                ):
                    self.named(name, start, force=EntityType.ORGANIZATION)

        for m in re.finditer(
            r"\b(?:at|in|to|visit|visited|tour|toured)[ \t]+(?:the[ \t]+)?"
            r"([A-Z][A-Z0-9]{2,6}|[A-Z][\w'’-]*(?:[ \t]+(?:of|[A-Z][\w'’-]*))*"
            r"[ \t]+(?:Museum|Hall|Palace|Plaza|Park|Square|Center|Centre|Tower)"
            r"(?:[ \t]+(?:\d+|[A-Z]\b))?(?:[ \t]+of[ \t]+[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?)?)",
            self.text,
        ):
            s, e = m.start(1), m.end(1)
            if self.free(s, e, over_places=True) and not self.gaz.resolve(m.group(1)):
                eid = self.found.entity(EntityType.VENUE, en=m.group(1), span=(s, e))
                self.mentions.append(Mention(s, e, eid, EntityType.VENUE))

    def named(
        self, name: str, start: int, aliases: tuple[str, ...] = (), force: EntityType | None = None
    ) -> None:
        end = start + len(name)
        type_ = force
        government = re.match(
            r"^(.+?) (?:(?:Metropolitan|Municipal|City|Provincial|Prefectural) "
            r"Government|City Council)$",
            name,
        )
        if government and (entry := self.gaz.resolve(government.group(1))) is not None:
            m = add_place(self.found, entry, (start, end))
            self.found.entity(m.type, key=entry.key, aliases=(name,))
            self.mentions.append(m)
            return
        if type_ is not None:
            pass
        elif _PRIZE_WORDS.search(name):
            type_ = EntityType.PRIZE
        elif _EVENT_WORDS.search(_EVENT_TAIL.sub("", re.sub(r"\s+(?:19|20)\d\d$", "", name))):
            type_ = EntityType.EVENT
        elif _VENUE_WORDS.search(name):
            type_ = EntityType.VENUE
        elif _ORG_WORDS.search(name) or aliases:
            type_ = EntityType.ORGANIZATION
        if type_ is None or (len(name.split()) < 2 and force is None):
            return
        eid = self.found.entity(type_, en=name, span=(start, end), aliases=aliases)
        self.mentions.append(Mention(start, end, eid, type_))
        for alias in (name, *aliases):
            for hit in re.finditer(rf"\b{re.escape(alias)}\b", self.text):
                if self.free(hit.start(), hit.end()):
                    self.found.mention(eid, (hit.start(), hit.end()))
                    self.mentions.append(Mention(hit.start(), hit.end(), eid, type_))

    def policies(self) -> None:
        """A quoted name in a sentence about a policy, service or programme is a policy."""
        for m in re.finditer(r"[“\"]([A-Z][\w'’-]*(?:[ \t]+[\w'’-]+){0,5})[”\"]", self.text):
            sentence = next(
                (self.text[a:b] for a, b in self.doc.sentences if a <= m.start() < b), ""
            )
            if not re.search(
                r"\b(?:policy|policies|service|programme|program|initiative|project|"
                r"scheme|system)\b",
                sentence,
                re.IGNORECASE,
            ):
                continue
            s, e = m.start(1), m.end(1)
            if not self.free(s, e):
                continue
            eid = self.found.entity(EntityType.POLICY, en=m.group(1), span=(s, e))
            self.mentions.append(Mention(s, e, eid, EntityType.POLICY))
            for hit in re.finditer(rf"\b{re.escape(m.group(1))}\b", self.text):
                if self.free(hit.start(), hit.end()):
                    self.found.mention(eid, (hit.start(), hit.end()))
                    self.mentions.append(Mention(hit.start(), hit.end(), eid, EntityType.POLICY))
            owner = self.focus_id()
            if owner:
                self.found.relate(RelationType.POLICY, eid, owner, (s, e), "en.policy.quoted", 0.7)

    def sessions(self) -> None:
        self.session_ids: list[str] = []
        for m in re.finditer(
            r"^[\s\-*•▶]*(Session\s?(\d+))\s*[:：-]\s*([^\n]+?)\s*$", self.text, re.MULTILINE
        ):
            eid = self.found.entity(
                EntityType.EVENT,
                key=f"session-{m.group(2)}",
                en=f"Session {m.group(2)}: {m.group(3)}",
                span=(m.start(1), m.end(3)),
                kind="forum_session",
            )
            self.session_ids.append(eid)
            self.mentions.append(Mention(m.start(1), m.end(3), eid, EntityType.EVENT))

    # -- relations ------------------------------------------------------------

    def in_span(self, start: int, end: int, *types: EntityType) -> list[Mention]:
        """Mentions inside a span, in order; a place inside a longer name is left out."""
        inside = [m for m in self.mentions if start <= m.start and m.end <= end]
        found = {
            (m.start, m.end, m.id): m
            for m in inside
            if (not types or m.type in types)
            and not any(
                o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
                for o in inside
            )
        }
        return [found[k] for k in sorted(found)]

    def recent_city(self, before: int, focus: str | None) -> Mention | None:
        """The last city or region other than the focus named in the 400 characters before."""
        cities = [
            m
            for m in self.in_span(max(0, before - 400), before, EntityType.CITY, EntityType.REGION)
            if m.id != focus
        ]
        return cities[-1] if cities else None

    def persons(self, start: int, end: int) -> list[Mention]:
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

    def focus_id(self) -> str | None:
        entry = self.gaz.get(self.doc.focus)
        return (
            f"city/{entry.key}"
            if entry and any(m.id == f"city/{entry.key}" for m in self.mentions)
            else None
        )

    def sentence(self, start: int, end: int) -> None:
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
            elif focus and not people:
                for m in cities:
                    if m.id != focus:
                        self.found.relate(
                            RelationType.MEETING,
                            focus,
                            m.id,
                            (m.start, end),
                            "en.meeting.cities",
                            0.65,
                        )
        self.awards(start, end, focus)
        self.roles(start, end, event, focus)
        for ev in self.in_span(start, end, EntityType.EVENT):
            at = re.match(r"[ \t]+(?:at|in)[ \t]+(?:the[ \t]+)?", self.text[ev.end : end])
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

    def agreements(self, start: int, end: int, cities: list[Mention], focus: str) -> None:
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

    def awards(self, start: int, end: int, focus: str | None) -> None:
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
        if event is None:
            return
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
        attend = _ATTEND.search(s)
        if attend:
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
        said = _PRESENT.search(s)
        if said:
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


_HEADLINE_VERBS = re.compile(
    r"\b(?:Hosts?|Signs?|Visits?|Meets?|Wins?|Opens?|Holds?|Launches|"
    r"Welcomes?|Celebrates?|Marks?|Upgrades?|Adopts?|Joins?|Receives?|"
    r"Awards?ed|Named|Becomes?)\b\s+(?:the\s+)?"
)


def _after_verb(phrase: str) -> str:
    """A title-case headline phrase without its subject and said, kept in place.

    >>> _after_verb("Seoul Hosts the 2019 Seoul Urban Mobility Forum")
    '                2019 Seoul Urban Mobility Forum'
    """
    last = None
    for m in _HEADLINE_VERBS.finditer(phrase):
        if m.group().strip() not in {"Award", "Awards"}:
            last = m
    return phrase if last is None else " " * last.end() + phrase[last.end() :]
