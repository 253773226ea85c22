"""People in English releases: names, titles and offices."""

from __future__ import annotations

import re

from citygraph.ingest.english.base import Base
from citygraph.ingest.english.lexicon import (
    _HEADLINE_VERBS,
    _NAME,
    _ORG_WORDS,
    _PLACE,
    _ROLE,
    _SMALL_START,
    ROLES,
)
from citygraph.ingest.extraction import EntityType, RelationType
from citygraph.ingest.rules_common import Mention, add_place


class People(Base):
    """Find people and the offices they hold."""

    def people(self) -> None:
        """People in office: ``Mayor X of Y``, ``X, Mayor of Y``, ``Y Mayor X``, ``Y's Mayor X``."""
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
            self.surname(m.group("name"), pid)
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
        """Later mentions of a person by title and family name (``Mayor Berg``)."""
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
        """The longest end of a phrase the gazetteer knows (``Hamburg`` in ``City Hamburg``)."""
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
        """A place name without trailing punctuation and a dangling ``of`` or ``de``."""
        return re.sub(r"\s+(?:of|de)$", "", name.rstrip(".'’"))

