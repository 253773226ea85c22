"""People in Korean releases: names, titles and offices."""

from __future__ import annotations

import re

from citygraph.ingest.extraction import EntityType, RelationType
from citygraph.ingest.gazetteer import Entry
from citygraph.ingest.korean.base import Base
from citygraph.ingest.korean.lexicon import (
    _ROLE_RE,
    _STOP_WORDS,
    _SURNAMES,
    ROLES,
)
from citygraph.ingest.rules_common import Mention, add_place


class People(Base):
    """Find people and the offices they hold."""

    def people(self) -> None:
        """People with their office: ``NAME(Latin) CITY ROLE`` and ``NAME CITY시장``."""
        pattern = re.compile(
            rf"(?:(?P<ko>[가-힣]+(?: [가-힣]+){{0,3}}) ?\((?P<en>[A-Z][^()가-힣]{{1,40}})\)"
            rf"|(?P<solo>(?<![가-힣])[가-힣]{{2,5}}(?: [가-힣]{{2,5}})?)) "
            rf"(?:[가-힣]{{2,8}} (?=(?!정무|행정)[가-힣]{{2,12}} ?시장))?"
            rf"(?P<place>[가-힣]{{2,12}}?) ?"
            rf"(?:특별시|광역시|특별|광역|시|도|주|성)? ?(?P<role>{_ROLE_RE})(?![단실직급])"
        )
        self.long_foreign_names()
        for m in pattern.finditer(self.text):
            place = self.resolve(m.group("place"))
            if place is None:
                continue
            if any(x.type is EntityType.PERSON and x.start <= m.start("place") < x.end + 3
                   and x.end <= m.start("place") and x.end >= m.start() for x in self.mentions):
                continue  # the long name before this place was read by long_foreign_names
            if m.group("en"):
                en = m.group("en").strip()
                start = self.name_words(
                    m.start("en") - 1 - (1 if self.text[m.start("en") - 2] == " " else 0),
                    max(1, len(en.split())),
                )
                ko = self.text[start : m.end("ko")].strip()
            else:
                en, start, ko = "", m.start("solo"), m.group("solo")
                if " " in ko and not all(self.foreign_word(w) for w in ko.split()):
                    ko = ko.split()[-1]
                    start = m.end("solo") - len(ko)
                if not self.person_name(ko, start):
                    continue
            self.office(ko, en, start, m, place)

        bare = re.compile(
            rf"([가-힣]+(?: [가-힣]+){{0,3}})\s?\(([A-Z][^()가-힣]{{1,40}})\)\s"
            rf"(?:(?P<org>[가-힣]{{2,20}}?(?:부|본부|청|처|위원회|국|실|과|원|기구))\s?)?"
            rf"(?P<role>{_ROLE_RE}|장)(?![가-힣]{{2}})"
        )
        for m in bare.finditer(self.text):
            en = m.group(2).strip()
            if any(
                x.type is EntityType.PERSON and x.start <= m.start(2) <= x.end + len(en) + 2
                for x in self.mentions
            ):
                continue
            if m.group("role") == "장" and not m.group("org"):
                continue
            start = self.name_words(
                m.start(2) - 1 - (1 if self.text[m.start(2) - 2] == " " else 0),
                max(1, len(en.split())),
            )
            ko = self.text[start : m.end(1)].strip()
            pid = self.found.entity(
                EntityType.PERSON, key=en, en=en, ko=ko, span=(start, m.end(2) + 1)
            )
            self.add(Mention(start, start + len(ko), pid, EntityType.PERSON))
            self.remember(ko, en, m.group("role"))
            role = ROLES.get(m.group("role"), "other")
            if m.group("org"):
                os_, oe = m.start("org"), m.end("org")
                oid = self.found.entity(
                    EntityType.ORGANIZATION, ko=m.group("org"), span=(os_, oe), kind="government"
                )
                self.add(Mention(os_, oe, oid, EntityType.ORGANIZATION))
                self.found.relate(
                    RelationType.OFFICE,
                    pid,
                    oid,
                    (start, m.end()),
                    "ko.person.office.org",
                    0.8,
                    role=role,
                )
            else:
                city = self.own_place(start) or self.subject(max(0, start - 60), start)
                city = city or self.focus_id()
                if city:
                    self.found.relate(
                        RelationType.OFFICE,
                        pid,
                        city,
                        (start, m.end()),
                        "ko.person.office.implicit",
                        0.7,
                        role=role,
                    )

    def officials(self) -> None:
        """``최윤석 정무부시장``, ``구재현 국토교통부 장관``, ``서울특별시(시장 배성욱)``."""
        solo = re.compile(
            rf"(?<![가-힣])(?P<name>[가-힣]{{3}})\s(?:(?P<org>[가-힣]{{2,20}}?(?:부|본부|청|처|위원회|"
            rf"국|실|과|원|기구))\s)?(?P<role>행정[12]?부시장|정무부시장|부시장|{_ROLE_RE})"
            rf"(?![가-힣]{{2}})(?!\s?(?:포럼|단|회의|선거))"
        )
        known = [n for e in self.found.ids(EntityType.PERSON) for n in self.found.names()[e]]
        for m in solo.finditer(self.text):
            start = m.start("name")
            if not self.free(start, m.end("name")) or not self.person_name(m.group("name"), start):
                continue
            if any(n.endswith(m.group("name")) for n in known):
                continue  # 베리긴 시장: a later reference to 세르게이 베리긴
            role = ROLES.get(m.group("role"), "other")
            if m.group("org"):
                target = self.found.entity(
                    EntityType.ORGANIZATION,
                    ko=m.group("org"),
                    span=(m.start("org"), m.end("org")),
                    kind="government",
                )
                self.add(Mention(m.start("org"), m.end("org"), target, EntityType.ORGANIZATION))
            elif (
                ("부시장" in m.group("role") or role == "mayor")
                and m.group("name")[0] in _SURNAMES
                and not self.foreign_only(m.group("name"))
            ):
                focus = self.gaz.get(self.doc.focus)
                if focus is None:
                    continue
                target = add_place(self.found, focus, (m.start("role"), m.start("role"))).id
            else:
                continue
            pid = self.found.entity(
                EntityType.PERSON,
                key=m.group("name"),
                ko=m.group("name"),
                span=(start, m.end("name")),
            )
            self.add(Mention(start, m.end("name"), pid, EntityType.PERSON))
            self.found.relate(
                RelationType.OFFICE,
                pid,
                target,
                (start, m.end()),
                "ko.person.office.title",
                0.7,
                role=role,
            )
            self.remember(m.group("name"), "", m.group("role"))
        self.title_first()
        for m in re.finditer(
            r"([가-힣]{2,10})\((시장|도지사|지사|주지사)\s([가-힣]{2,4})\)", self.text
        ):
            place = self.resolve(m.group(1))
            if place is None or not self.person_name(m.group(3), m.start(3)):
                continue
            pm = self.add(add_place(self.found, place, (m.start(1), m.end(1))))
            pid = self.found.entity(
                EntityType.PERSON, key=m.group(3), ko=m.group(3), span=(m.start(3), m.end(3))
            )
            self.add(Mention(m.start(3), m.end(3), pid, EntityType.PERSON))
            self.found.relate(
                RelationType.OFFICE,
                pid,
                pm.id,
                (m.start(), m.end()),
                "ko.person.office.bracket",
                0.85,
                role=ROLES.get(m.group(2), "other"),
            )
            self.remember(m.group(3), "", m.group(2))

    def remember(self, ko: str, en: str, role: str) -> None:
        """Ways the text refers back to a person: 김 시장, 레스트레포 부시장, 박상우 부시장."""
        key = en or ko
        self.persons[ko] = key
        words = ko.split()
        short = words[-1] if len(words) > 1 else ko[:1]
        for r in {role, "시장", "부시장", "지사", "의장", "장관"}:
            self.persons.setdefault(f"{short} {r}", key)
            if len(words) > 1:
                self.persons.setdefault(f"{short}{r}", key)

    def person_name(self, name: str, start: int) -> bool:
        """Whether a Hangul word (or two) is likely a person's name.

        A Korean name of three syllables led by a common family name (정하람),
        a proper noun to Kiwi (오세훈), or two foreign words (나탈리야 소콜로바);
        never a place, a function word or a word Kiwi knows as a common noun.
        """
        if self.resolve(name) is not None or name in _STOP_WORDS:
            return False
        words = name.split()
        if len(words) == 2:
            return all(self.foreign_word(w) for w in words)
        first = [t for t in self.tokens_in(start, start + 1)]
        if first and first[0].tag == "NNP" and first[0].end - start >= len(name) - 1:
            return True
        if len(name) == 3 and name[0] in _SURNAMES:
            inside = self.tokens_in(start, start + 3)
            if inside and inside[0].form == name[0]:
                inside = inside[1:]  # 한 + 지원: the family name read as a word of its own
            if (
                inside
                and inside[0].tag == "NNG"
                and not inside[0].oov
                and inside[0].end - inside[0].start >= 2
            ):
                return False  # 주제별: a common noun, not 주 + a given name
            return not (
                len(inside) == 1 and inside[0].tag == "NNG" and not inside[0].oov
            ) and not any(t.tag.startswith(("V", "E", "J", "M")) for t in inside)
        return False

    def title_first(self) -> None:
        """``서울시 행정1부시장 김철수는``: the place and title before a Korean name."""
        pattern = re.compile(
            rf"(?<![가-힣])(?P<place>[가-힣]{{2,8}}?)(?:특별시|광역시|시|도)?\s"
            rf"(?P<role>행정[12]?부시장|정무부시장|{_ROLE_RE})\s"
            rf"(?P<name>[가-힣]{{3}})(?=은|는|이|가|과|와|을|를|의|\s|,)"
        )
        for m in pattern.finditer(self.text):
            place = self.resolve(m.group("place"))
            start = m.start("name")
            if (
                place is None
                or m.group("name")[0] not in _SURNAMES
                or not self.free(start, m.end("name"))
                or not self.person_name(m.group("name"), start)
            ):
                continue
            self.office(m.group("name"), "", start, m, place)

    def own_place(self, start: int) -> str | None:
        """The place named just before a person with 의 (``밀라노의 파올로 베르티 시장``)."""
        base = max(0, start - 16)
        own = re.search(r"([가-힣]{2,12})의\s*$", self.text[base:start])
        place = self.resolve(own.group(1)) if own else None
        if own is None or place is None:
            return None
        return self.add(add_place(self.found, place, (base + own.start(1), base + own.end(1)))).id

    def long_foreign_names(self) -> None:
        """``마틴 월시 보스턴 시장``, ``안 이달고 파리시장``: foreign names of several words.

        The words before ``PLACE 시장`` that read as transliterations (no
        particle, ending or common noun among them) are the name, however many.
        """
        pattern = re.compile(
            rf"(?<![가-힣\d])(?P<words>[가-힣]{{1,6}}(?: [가-힣]{{1,6}}){{1,5}}) "
            rf"(?P<place>[가-힣]{{2,12}}?) ?(?:특별시|광역시|시|도|주|성)? ?"
            rf"(?P<role>{_ROLE_RE})(?![단실직급])"
        )
        for m in pattern.finditer(self.text):
            place = self.resolve(m.group("place"))
            words = m.group("words").split()
            tail: list[str] = []
            for w in reversed(words):
                if len(w) > 5 or not (self.foreign_word(w) if not tail else self.name_part(w)):
                    break
                tail.insert(0, w)
            if len(tail) == 2 and not (len(tail[0]) == 1 or self.foreign_word(tail[0])):
                continue
            if len(tail) < 2 or place is None:
                continue
            if sum(map(len, tail)) < 4:
                continue
            ko = " ".join(tail)
            start = m.end("words") - len(ko)
            if self.free(start, m.end("words")):
                self.office(ko, "", start, m, place)

    def name_part(self, word: str) -> bool:
        """A word that can stand inside a transliterated name (폰, 반, 안): no particle or verb."""
        if word in _STOP_WORDS or re.search(r"(은|는|을|를|의|에|와|과|로|에서)$", word):
            return False
        at = self.text.find(word)
        return not any(
            t.tag.startswith(("V", "E", "J", "XS")) for t in self.tokens_in(at, at + len(word))
        )

    @staticmethod
    def foreign_only(name: str) -> bool:
        """Transliterations such as 로페스 are not Seoul's officials."""
        return bool(re.search(r"[스츠크트프즈]$", name))

    def foreign_word(self, word: str) -> bool:
        """A transliterated word: no verb, ending or particle (but 나탈리야's 야) in it."""
        if word in _STOP_WORDS or re.search(r"(은|는|을|를|의|에|와|과|도|로)$", word):
            return False
        at = self.text.find(word)
        inside = self.tokens_in(at, at + len(word))
        if len(inside) == 1 and inside[0].tag == "NNG" and not inside[0].oov:
            return False
        return not any(
            t.tag.startswith(("V", "E", "M")) or (t.tag.startswith("J") and t.form != "야")
            for t in inside
        )

    def office(self, ko: str, en: str, start: int, m: re.Match[str], place: Entry) -> None:
        """Record a person in office at a place (a council for 의장)."""
        role = ROLES[m.group("role")]
        span = (min(start, m.start("place")), m.end())
        key = en or ko
        known = self.known_person(ko)
        if known and not en:
            key = known
        pid = self.found.entity(
            EntityType.PERSON,
            key=key,
            en=en or None,
            ko=ko,
            span=(start, start + len(ko) if not en else m.end("en") + 1),
        )
        pm = self.add(add_place(self.found, place, (m.start("place"), m.end("place"))))
        self.add(Mention(start, start + len(ko), pid, EntityType.PERSON))
        target = pm.id
        if "의회" in m.group(0) and role == "council_speaker":  # 서울시의회 의장
            council = self.text[m.start("place") : m.start("role")].strip()
            if "의회" not in council:
                council += "의회" if council.endswith("시") else "시의회"
            target = self.found.entity(
                EntityType.ORGANIZATION,
                ko=council.replace(" ", ""),
                span=(m.start("place"), m.start("role")),
                kind="government",
            )
        self.found.relate(
            RelationType.OFFICE, pid, target, span, "ko.person.office", 0.9, role=role
        )
        self.remember(ko, en, m.group("role"))

    def same_people(self) -> None:
        """One person per Korean name; later references (김 시장) become mentions."""
        by_ko: dict[str, str] = {}
        for eid in self.found.ids(EntityType.PERSON):
            for name in self.found.names()[eid]:
                if re.search(r"[가-힣]", name):
                    if name in by_ko and by_ko[name] != eid:
                        keep, drop = sorted(
                            (by_ko[name], eid), key=lambda e: not re.search(r"[a-z]", e)
                        )
                        self.merge(keep, drop)
                        by_ko[name] = keep
                    else:
                        by_ko[name] = eid
        for ref, key in self.persons.items():
            person = next(
                (e for e in self.found.ids(EntityType.PERSON) if key in self.found.names()[e]), None
            )
            if person is None or (" " not in ref and len(ref) < 3):
                continue
            for m in re.finditer(rf"(?<![가-힣]){re.escape(ref)}", self.text):
                if self.free(m.start(), m.end()):
                    self.found.mention(person, (m.start(), m.end()))
                    self.add(Mention(m.start(), m.end(), person, EntityType.PERSON))

    def known_person(self, ko: str) -> str | None:
        """The key of a person by Korean name, if known."""
        return self.persons.get(ko)
