"""Korean names: gazetteer places, ``한글(English)`` pairs, quoted and suffixed names."""

from __future__ import annotations

import re

from citygraph.ingest import hangul
from citygraph.ingest.extraction import EntityType
from citygraph.ingest.gazetteer import Entry, PlaceKind
from citygraph.ingest.korean.base import Base
from citygraph.ingest.korean.lexicon import (
    _EVENT_END,
    _EVENT_WORD,
    _NOT_NAMES,
    _ORG_END,
    _ORG_WORD,
    _PAIR,
    _PARTICLE_END,
    _PRIZE_END,
    _QUOTE,
    _ROLE_RE,
    _VENUE_END,
    _VENUE_WORD,
)
from citygraph.ingest.rules_common import Mention, add_place, norm, overlaps

# after a country's name: a style, war, language or make (한국식, 한국전쟁, 한국어, 한국산)
_ADJECTIVAL = re.compile(r"식|전쟁|어(?![가-힣])|어로|산(?![가-힣])|형(?![가-힣])|풍")

class Names(Base):
    """Find the things a Korean release names."""

    def places(self) -> None:
        """Gazetteer places, as the leading nouns of a word.

        A name that Kiwi's dictionary knows as a common noun (기후, 테마) is a
        place only when the gazetteer entry was checked by hand; an unchecked
        entry must also be a city of 100,000 people or more.
        """
        by_start: dict[int, hangul.Token] = {}
        for t in self.tokens:
            by_start.setdefault(t.start, t)
        for start, end in hangul.words(self.text):
            if not re.match(r"[가-힣]", self.text[start]):
                continue
            run: list[hangul.Token] = []
            pos = start
            while pos < end and pos in by_start:
                t = by_start[pos]
                if t.tag not in hangul.NOUNS or t.end > end:
                    break
                run.append(t)
                pos = t.end
            for n in range(len(run), 0, -1):
                stop = run[n - 1].end
                if re.match(r"[0-9A-Za-z]", self.text[stop : stop + 1]):
                    continue  # 코로나19: the word goes on
                surface = self.text[start:stop]
                if run[n - 1].oov:
                    surface = _PARTICLE_END.sub("", surface) or surface
                    stop = start + len(surface)
                if len(surface) < 2:
                    continue
                entry = self.gaz.resolve(surface)
                if entry is None or not self._trusted(entry, run[:n]):
                    continue
                if entry.kind is PlaceKind.COUNTRY and _ADJECTIVAL.match(self.text, stop):
                    break  # 한국식 정자, 한국전쟁: the country qualifies a thing, it is no mention
                m = self.add(add_place(self.found, entry, (start, stop)))
                if surface not in (entry.name_ko, entry.name_en):
                    self.found.entity(m.type, key=entry.key, aliases=(surface,))
                break

    @staticmethod
    def _trusted(entry: Entry, run: list[hangul.Token]) -> bool:
        if entry.curated:
            return True
        if len(run) == 1 and run[0].tag == "NNG" and not run[0].oov:
            return False  # a dictionary common noun
        return entry.kind is not PlaceKind.CITY or entry.population >= 100_000

    def pairs(self) -> None:
        """``한글(English)`` pairs: places, people, organisations, events, prizes."""
        self.pair_spans = []
        for m in _PAIR.finditer(self.text):
            en = m.group(2).strip().rstrip("*\\ ")
            if len(en.split()) > 7 or "?" in en or not en:
                continue
            acronym = bool(re.fullmatch(r"[A-Z][A-Z0-9&]{1,7}", en))
            if en.upper() in _NOT_NAMES:
                continue
            line_start = self.text.rfind("\n", 0, m.start()) + 1
            if "\t" in self.text[line_start : m.start()]:
                continue  # a description cell of a table, not a name
            count = 3 if acronym else max(1, min(4, len(en.split())))
            ko_start = self.name_words(
                m.start(2) - 1 - (1 if self.text[m.start(2) - 2] == " " else 0),
                count,
                adnominal=acronym,
            )
            ko_end = m.start(1) + len(m.group(1))
            if ko_start >= ko_end:
                continue
            ko = self.text[ko_start:ko_end].strip()
            span = (ko_start, m.end())
            self.pair_spans.append((ko_start, m.end(), ko, en))
            place = self.resolve(en) or self.resolve(ko)
            if place is not None and (
                place.name_ko in (ko, None)
                or norm(place.name_en) == norm(en)
                or self.resolve(ko) == place
            ):
                pm = self.add(add_place(self.found, place, (ko_start, ko_end)))
                self.found.entity(
                    pm.type, key=place.key, aliases=(en,) if en != place.name_en else ()
                )
                continue
            after = self.text[m.end() : m.end() + 20]
            named = _PRIZE_END.search(ko) or _EVENT_END.search(ko) or _ORG_END.search(ko)
            if not named and (
                re.match(rf"\s*[가-힣]+\s?(?:{_ROLE_RE})", after) or self._person_like(en)
            ):
                continue  # people are read by people()
            type_ = self.classify(ko, en, m.start())
            if type_ is None:
                continue
            key = en if type_ in (EntityType.ORGANIZATION, EntityType.PRIZE) else None
            eid = self.found.entity(
                type_,
                en=None if acronym else en,
                ko=ko,
                key=key or ko,
                aliases=(en,) if acronym else (),
                span=(span[0], ko_end),
            )
            if type_ is EntityType.ORGANIZATION:
                self.found.set_attribute(eid, "kind", "international" if acronym else "other")
            self.add(Mention(ko_start, ko_end, eid, type_))

    @staticmethod
    def _person_like(en: str) -> bool:
        words = en.split()
        return (
            2 <= len(words) <= 4
            and all(
                re.fullmatch(r"[A-Z][a-z'’.-]*(-[a-z]+)?", w)
                or w in {"de", "van", "von", "da", "di", "le"}
                for w in words
            )
            and not _ORG_END.search(en)
        )

    def classify(self, ko: str, en: str, at: int) -> EntityType | None:
        """What a ``한글(English)`` pair names, by its suffixes; None if unclear."""
        if _PRIZE_END.search(ko) or re.search(r"\b(Prize|Award)\b", en):
            return EntityType.PRIZE
        if _EVENT_END.search(ko) or re.search(
            r"\b(Forum|Summit|Expo|Festival|Conference|Week)\b", en
        ):
            return EntityType.EVENT
        if _VENUE_END.search(ko):
            return EntityType.VENUE
        if re.search(r"(협약|협정|각서|선언|결연)$", ko):
            return None
        if re.fullmatch(r"[A-Z][A-Z0-9&]{1,7}", en) or _ORG_END.search(ko) or _ORG_END.search(en):
            return EntityType.ORGANIZATION
        quoted = self.text[max(0, at - 1) : at] in "‘'“\""
        after = self.text[at : at + 120]
        if (
            en[0].isupper()
            and not quoted
            and re.search(r"등\s*\d*\s*개?\s*(?:국제기구|기관|기업|단체)", after)
        ):
            return EntityType.ORGANIZATION
        return None

    def quoted(self) -> None:
        """Names in quotes: events, prizes, venues; policies named as such."""
        for m in _QUOTE.finditer(self.text):
            name = m.group(1).strip()
            s, e = m.start(1), m.start(1) + len(name)
            translated = re.match(r"^(.+?)\s*\(([A-Za-z][^()]+)\)$", name)
            english = None
            if translated and re.search(r"[가-힣]", translated.group(1)):
                name, english = translated.group(1), translated.group(2).strip()
                e = s + len(name)
            after = self.text[m.end() : m.end() + 12]
            policy_after = re.match(r"[’'”\"]?\s*(?:정책|사업|프로젝트)", self.text[m.end() - 1 :])
            if (
                ":" in name
                or ("," in name and not policy_after)
                or len(name) > 30
                or re.search(r"[다요죠]\.?$", name)
            ):
                continue  # a quotation, not a name
            if re.match(r"\s*(?:으로|로|이라고?|라고?)\s?불리", after) or (
                _PRIZE_END.search(name) and re.match(r"\s*[가-힣]+\s?[가-힣]*상(?![가-힣])", after)
            ):
                continue  # an epithet: '도시 분야의 노벨상'으로 불리는 X상
            if any(overlaps((s, e), (p[0], p[1])) for p in self.pair_spans):
                continue
            suffix = re.match(r"(관)(?![가-힣])", after)
            full = name + ("관" if suffix else "")
            eventful = _EVENT_END.search(full) or (
                len(full) <= 20 and re.search(r"포럼|정상회의|간담회|다이얼로그", full)
            )
            if not eventful and (
                re.match(
                    r"\s*(?:과|와|및|,)?\s*(?:[‘'“\"][^’'”\"]{0,12}[’'”\"])?"
                    r"\s*정책",
                    after,
                )
                or (re.match(r"\s*(?:과|와|및)\s*[‘'“\"]", after) and "정책" in self.sentence_at(s))
            ):
                eid = self.found.entity(EntityType.POLICY, ko=name, span=(s, e))
                self.add(Mention(s, e, eid, EntityType.POLICY))
                continue
            if eventful:
                eid = self.found.entity(
                    EntityType.EVENT,
                    key=self.event_name(full),
                    ko=full,
                    en=english,
                    aliases=(self.event_name(full),) if self.event_name(full) != full else (),
                    span=(s, e + (1 if suffix else 0)),
                )
                self.add(Mention(s, e, eid, EntityType.EVENT))
            elif _PRIZE_END.search(name) and not name.endswith("시상"):
                eid = self.found.entity(EntityType.PRIZE, ko=name, span=(s, e))
                self.add(Mention(s, e, eid, EntityType.PRIZE))
            elif _VENUE_END.search(name) or (after.startswith("에서") and not self.resolve(name)):
                eid = self.found.entity(EntityType.VENUE, ko=name, span=(s, e))
                self.add(Mention(s, e, eid, EntityType.VENUE))

    @staticmethod
    def event_name(name: str) -> str:
        """An event name without its leading year or edition (2023, 제12회)."""
        return re.sub(r"^(?:\d{4}\s*|제\s?\d+\s?회\s*)", "", name).strip()

    def unquoted(self) -> None:
        """Names without quotes, read from their last word's suffix.

        ``서울-싱가포르 정책전시관`` and ``2023 서울뷰티위크`` are events,
        ``청계천박물관`` a venue, ``서울디지털재단`` an organisation; the name
        takes in words to its left that are places, years or Latin words.
        Also: ``X 등 ... 박람회`` (an event X), ``X상 시상식`` (a prize X),
        ``담당부서 : X`` (a department), ``{country} X부`` (a ministry).
        """
        for ws, we in hangul.words(self.text):
            end = we
            for t in reversed([t for t in self.tokens_in(ws, we) if t.end <= we]):
                if t.tag.startswith("J"):
                    end = t.start
                else:
                    break
            name = self.text[ws:end]
            if _EVENT_WORD.search(name) and not _EVENT_WORD.fullmatch(name):
                type_ = EntityType.EVENT
            elif _VENUE_WORD.search(name) and (
                not _VENUE_WORD.fullmatch(name)
                or (name in ("시청", "청사") and self.place_at(max(0, ws - 12), ws - 1))
            ):
                type_ = EntityType.VENUE
                if name.endswith("센터") and not (
                    re.search(r"시설", self.sentence_at(ws)) or self.text.startswith("에서", end)
                ):
                    type_ = EntityType.ORGANIZATION
            elif _ORG_WORD.search(name) and not _ORG_WORD.fullmatch(name) and len(name) > 3:
                type_ = EntityType.ORGANIZATION
            else:
                continue
            if any(  # after the cheap tests above: most words are no names
                overlaps((ws, end), (m.start, m.end))
                and not (
                    m.type in (EntityType.CITY, EntityType.COUNTRY) and m.end - m.start < end - ws
                )
                for m in self.mentions
            ):
                continue
            start = ws
            for ps, pe in reversed(hangul.words(self.text, max(0, ws - 30), ws)):
                if self.text[pe:start].strip() or pe > start:
                    break
                prev = self.text[ps:pe]
                whole = [
                    p
                    for p in self.mentions
                    if p.start == ps
                    and p.type in (EntityType.CITY, EntityType.COUNTRY)
                    and self.text[p.end : pe] in ("", "시")
                ]
                if (
                    re.fullmatch(r"(19|20)\d\d", prev)
                    or (whole and not _PARTICLE_END.search(prev))
                    or (re.fullmatch(r"[가-힣]+-[가-힣]+", prev) and self.place_at(ps, pe))
                ):
                    start = ps
                else:
                    break
            label = self.text[start:end]
            if start == ws and _VENUE_WORD.fullmatch(name):
                continue  # 시청 alone, with no city before it
            if any(norm(label) in norm(n) for ns in self.found.names().values() for n in ns):
                continue  # part of a longer name already read (서울광장 in 책 읽는 서울광장)
            kind = {"kind": "government"} if type_ is EntityType.ORGANIZATION else {}
            eid = self.found.entity(type_, ko=label, span=(start, end), attributes=kind)
            self.add(Mention(start, end, eid, type_))
        patterns = [
            (
                r"(?<![A-Za-z])([A-Z]{2,6})\s?등\s[^.\n]{0,15}?(?:박람회|전시회|행사|포럼)",
                EntityType.EVENT,
            ),
            (r"([가-힣A-Za-z0-9]+상)\s?(?:수여식|시상식)", EntityType.PRIZE),
            (r"담당\s?부서\s*[:：]?\s*([^\n|]+?)\s*$", EntityType.ORGANIZATION),
            (
                r"((?:주한|주[가-힣]{2,6})\s?(?:[가-힣]{2,10}\s)?[가-힣]{0,10}"
                r"(?:대사관|총영사관|영사관|문화원|대표부))",
                EntityType.ORGANIZATION,
            ),
        ]
        for pattern, type_ in patterns:
            for m in re.finditer(pattern, self.text, re.MULTILINE):
                s, e = m.start(1), m.end(1)
                if any(m2.start <= s and e <= m2.end and m2.type is type_ for m2 in self.mentions):
                    continue
                kind = {"kind": "government"} if type_ is EntityType.ORGANIZATION else {}
                eid = self.found.entity(type_, ko=m.group(1), span=(s, e), attributes=kind)
                self.add(Mention(s, e, eid, type_))
        for mm in list(self.mentions):
            if mm.type not in (EntityType.COUNTRY, EntityType.CITY):
                continue
            ministry = re.match(r"\s([가-힣]{3,10}(?:부|성|청|처))(?![가-힣])", self.text[mm.end :])
            if ministry and self.free(mm.end + ministry.start(1), mm.end + ministry.end(1)):
                ms, me = mm.start, mm.end + ministry.end(1)
                eid = self.found.entity(
                    EntityType.ORGANIZATION,
                    ko=self.text[ms:me],
                    span=(ms, me),
                    kind="government",
                    country=self.found.country_of(mm.id),
                )
                self.add(Mention(ms, me, eid, EntityType.ORGANIZATION))

    def join_venues(self) -> None:
        """``서울시청 신청사 8층 다목적홀``: adjacent venue words are one venue."""
        venues = sorted(
            (m for m in self.mentions if m.type is EntityType.VENUE), key=lambda m: m.start
        )
        groups: list[list[Mention]] = []
        for v in venues:
            if groups and re.fullmatch(r"\s(?:\d+층\s)?", self.text[groups[-1][-1].end : v.start]):
                groups[-1].append(v)
            else:
                groups.append([v])
        for group in groups:
            if len(group) < 2:
                continue
            a, b = group[0].start, group[-1].end
            whole = self.found.entity(EntityType.VENUE, ko=self.text[a:b], span=(a, b))
            for part in group:
                if not self.found.mentions_of(part.id) or all(
                    a <= sp.start and sp.end <= b for sp in self.found.mentions_of(part.id)
                ):
                    self.merge(whole, part.id)
            self.add(Mention(a, b, whole, EntityType.VENUE))
