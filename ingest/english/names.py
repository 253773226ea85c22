"""English names: gazetteer places, organisations, events, prizes and venues."""

from __future__ import annotations

import re

from citygraph.ingest.english.base import Base
from citygraph.ingest.english.lexicon import (
    _CAP,
    _EVENT_TAIL,
    _EVENT_WORDS,
    _HEADLINE_VERBS,
    _MONTHS,
    _ORG_WORDS,
    _PRIZE_WORDS,
    _STOP_PLACES,
    _VENUE_WORDS,
)
from citygraph.ingest.extraction import EntityType, RelationType
from citygraph.ingest.rules_common import Mention, add_place


class Names(Base):
    """Find the things an English release names."""

    def places(self) -> None:
        """Capitalised phrases the gazetteer knows, and ``City, Country`` as located-in."""
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
        """Embassies, acronyms in brackets, capitalised names, organisers, lists, venues."""
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
        """Add a name as the type its last word says (or ``force``), with its later mentions.

        ``Seoul Metropolitan Government`` and the like are the city; a name
        of one word is kept only when forced.
        """
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
        elif _VENUE_WORDS.search(name) or (
            re.search(r"(?:Center|Centre|Hub)$", name)
            and re.search(r"\b(?:at|in|inside)\s+(?:the\s+)?$", self.text[max(0, start - 12) :
                                                                         start])
        ):  # "at the Seoul Global Center": a place, where an organisation is not said to be
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





def _after_verb(phrase: str) -> str:
    """A title-case headline phrase without its subject and verb, kept in place.

    >>> _after_verb("Seoul Hosts the 2019 Seoul Urban Mobility Forum")
    '                2019 Seoul Urban Mobility Forum'
    """
    last = None
    for m in _HEADLINE_VERBS.finditer(phrase):
        if m.group().strip() not in {"Award", "Awards"}:
            last = m
    return phrase if last is None else " " * last.end() + phrase[last.end() :]
