"""Rules for Korean press releases.

The rules work sentence by sentence over the extraction view of the text:

* places from the gazetteer, found on word boundaries with kiwipiepy
  separating particles (웰링턴과는 -> 웰링턴);
* ``한글(English)`` pairs, classified as place, person, organisation, event
  or prize by the gazetteer, role words and name suffixes;
* people in office (``토리 화나우(Tory Whanau) 웰링턴 시장``, ``오세훈 서울시장``);
* names in quotes (events, prizes, policies, venues) and numbered lists
  (①..⑧) of policies;
* agreements (자매·친선·우호도시, 협약, 협정, MOU, 결연, 격상), meetings
  (양자회담, 면담, 예방), prizes won, presentations, participation, organisers
  and hosts, and where events take place.

Examples
--------
>>> from datetime import date
>>> from citygraph.ingest.pipeline import extract_text
>>> x = extract_text("서울시는 1968년 타이베이와 자매결연을 맺었다.", published=date(2020, 1, 2))
>>> [(r.target, dict(r.attributes)) for r in x.relations]
[('city/taipei', {'date': '1968', 'kind': 'sister'})]
"""

from __future__ import annotations

import re
from bisect import bisect_left

from citygraph.ingest import hangul
from citygraph.ingest.extraction import Collector, EntityType, RelationType
from citygraph.ingest.gazetteer import Entry, PlaceKind
from citygraph.ingest.pipeline import Doc
from citygraph.ingest.rules_common import Mention, add_place, initials, norm, overlaps

__all__ = ["KoreanLinks", "KoreanRules"]

ROLES = {  # longest first when matching
    "행정1부시장": "vice_mayor",
    "행정2부시장": "vice_mayor",
    "행정부시장": "vice_mayor",
    "정무부시장": "vice_mayor",
    "부시장": "vice_mayor",
    "시장": "mayor",
    "도지사": "governor",
    "주지사": "governor",
    "성장": "governor",
    "지사": "governor",
    "장관": "minister",
    "시의회 의장": "council_speaker",
    "시의회의장": "council_speaker",
    "의회 의장": "council_speaker",
    "의장": "council_speaker",
    "구청장": "other",
    "총리": "other",
    "대사": "other",
    "총영사": "other",
    "차관": "other",
    "본부장": "other",
    "위원장": "other",
    "사무총장": "other",
    "회장": "other",
}
_ROLE_RE = "|".join(sorted((re.escape(r) for r in ROLES), key=len, reverse=True))
_PAIR = re.compile(
    r"(?<![가-힣])([가-힣][가-힣·]*(?: [가-힣][가-힣·]*){0,3})\s?\(([A-Za-z][^()가-힣]{0,80}?)\)"
)
_QUOTE = re.compile(r"[‘'“\"「『]([^‘’'“”\"「」『』\n]{2,120}?)[’'”\"」』]")
_CITY_KINDS = [
    ("친선도시", "sister"),
    ("자매도시", "sister"),
    ("자매결연", "sister"),
    ("자매 결연", "sister"),
    ("우호협력도시", "friendship"),
    ("우호도시", "friendship"),
    ("우호 도시", "friendship"),
    ("우호교류", "friendship"),
]
_INSTRUMENTS = [
    ("공동선언", "declaration"),
    ("공동 선언", "declaration"),
    ("양해각서", "mou"),
    ("MOU", "mou"),
    ("교류협약", "exchange"),
    ("교류 협약", "exchange"),
    ("협력협약", "cooperation"),
    ("협력 협약", "cooperation"),
    ("협약", "mou"),
    ("협정", "cooperation"),
]
_SIGN = re.compile(r"체결|맺|격상|결연|서명|협약|협정|MOU|선언")
_MEET = re.compile(r"양자\s?회담|정상회담|회담|면담|예방|접견|화상\s?회의|만나|만남")
_PRESENT = re.compile(r"주제\s?발표|발표|기조연설|연설|발제|환영사|소개(?:된|한|하|되)")
_ATTEND = re.compile(r"참석|참여|참가|방문단|대표단")
_EVENT_END = re.compile(
    r"(포럼|정상회의|회의|총회|간담회|조찬간담회|다이얼로그|박람회|전시회|전시관|체험관|혁신관|"
    r"기업관|솔루션관|홍보관|축제|페스타|페스티벌|엑스포|위크|주간|심포지엄|세미나|컨퍼런스|"
    r"콘퍼런스|서밋|시상식|수여식|만찬|오찬|조찬|대회|비엔날레|기념식|기념행사|개막식|협약식|서명식|"
    r"Forum|Summit|Expo|Week|Festival)$"
)
_VENUE_END = re.compile(
    r"(박물관|미술관|과학관|기념관|도서관|광장|공원|섬|아트홀|홀|호텔|청사|"
    r"컨벤션센터|전시장|플라자|경기장|DDP)$"
)
_ORG_END = re.compile(
    r"(재단|센터|공사|공단|기구|위원회|협회|청|부|연합|은행|대학교|대학|연구원|"
    r"주식회사|그룹|기금|사무국|계획|정부|의회|Agency|Authority|Centre|Center|"
    r"Council|Foundation|Organization|Organisation|Programme|Program|"
    r"Government|Ministry|Bank|Services|Group|Inc|Ltd)$"
)
_EVENT_WORD = re.compile(
    r"(전시관|박람회|비엔날레|위크|페스타|축제|엑스포|페스티벌|정상회의|올림픽|"
    r"월드컵|아시안게임|시상식|강연회|설명회|주간)$"
)
_VENUE_WORD = re.compile(
    r"(박물관|미술관|과학관|기념관|도서관|광장|공원|아트홀|홀|허브|센터|오픈라운지|"
    r"시청|청사|궁|호텔|컨벤션)$"
)
_ORG_WORD = re.compile(r"(재단|공사|공단|위원회|협회|진흥원|연구원|본부|의회)$")
_PRIZE_END = re.compile(r"(상|Prize|Award|Awards)$")
_NOT_NAMES = {
    "MOU",
    "AI",
    "IT",
    "ICT",
    "CES",
    "R&D",
    "LED",
    "IOT",
    "VR",
    "AR",
    "CEO",
    "CCTV",
    "ESG",
    "K",
    "BT",
    "DDP",
}
_SURNAMES = set(
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진지엄채원천"
    "방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감호"
)
_STOP_WORDS = {
    "및",
    "등",
    "또는",
    "그리고",
    "이",
    "그",
    "각",
    "총",
    "약",
    "전",
    "현",
    "신규",
    "역대",
}
_PARTICLE_END = re.compile(
    r"(은|는|이|가|을|를|에|의|도|와|과|로|으로|에서|에게|께서|까지|부터|만)$"
)


class KoreanRules:
    """Rule-based extraction for Korean documents (see the module docs)."""

    name = "ko-rules"

    def supports(self, language: str) -> bool:
        """Korean only."""
        return language == "ko"

    def extract(self, doc: Doc, found: Collector) -> None:
        """Add what the rules find in ``doc`` to ``found``."""
        _Run(doc, found).run()


class KoreanLinks:
    """Links read after tables: venues of numbered visits (``첫 번째 현장방문``).

    It runs after :class:`~citygraph.ingest.rules_tables.TableRules`, which
    reads the programme (현장 방문 I, II) these visits refer to.
    """

    name = "ko-links"

    def supports(self, language: str) -> bool:
        """Korean only."""
        return language == "ko"

    def extract(self, doc: Doc, found: Collector) -> None:
        """Relate each numbered visit to the venues visited."""
        ordinals = {"첫": 1, "두": 2, "세": 3, "네": 4}
        roman = {1: "i", 2: "ii", 3: "iii", 4: "iv"}
        names = found.names()
        venues = [
            (m.start, m.end, eid)
            for eid in found.ids(EntityType.VENUE)
            for m in found.mentions_of(eid)
        ]
        current: str | None = None
        for start, end in doc.sentences:
            s = doc.text[start:end]
            m = re.search(r"(첫|두|세|네)\s?번째\s?([가-힣 ]{2,8}?)(?:에서|일정|을|를|은|는|\s)", s)
            if m:
                base = norm(m.group(2)) + roman[ordinals[m.group(1)]]
                current = next(
                    (
                        eid
                        for eid, ns in names.items()
                        if found.type_of(eid) is EntityType.EVENT and base in map(norm, ns)
                    ),
                    None,
                )
            if current is None or not re.search(r"방문|찾아|견학", s):
                continue
            for vs, ve, vid in venues:
                if start <= vs and ve <= end:
                    found.relate(
                        RelationType.LOCATED_IN, current, vid, (vs, end), "ko.visit.venue", 0.7
                    )


class _Run:
    def __init__(self, doc: Doc, found: Collector) -> None:
        self.doc = doc
        self.text = doc.text
        self.found = found
        self.gaz = doc.gazetteer
        self.mentions: list[Mention] = []
        self.focus: str | None = None
        self.last_subject: str | None = None
        self.main_event: str | None = None

    # -- entities -----------------------------------------------------------------

    def run(self) -> None:
        hangul.add_names(name for name, entry in self.gaz.names("ko") if entry.curated)
        self.tokens = hangul.tokens(self.text)
        self.last_tag = {t.end: t.tag for t in self.tokens}
        self.starts = [t.start for t in self.tokens]
        self.places()
        self.pairs()
        self.people()
        self.officials()
        self.same_people()
        self.quoted()
        self.sessions()
        self.enumerations()
        self.expand_acronyms()
        self.repeat_mentions()
        self.unquoted()
        self.join_venues()
        self.repeat_mentions()
        self.choose_main_event()
        self.parenthetical_venues()
        self.subsidiaries()
        self.side_events()
        for start, end in self.doc.sentences:
            self.sentence(start, end)
        self.overview_lines()

    def tokens_in(self, start: int, end: int) -> list[hangul.Token]:
        """The tokens that start in ``[start, end)``."""
        return self.tokens[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def free(self, start: int, end: int) -> bool:
        return not any(overlaps((start, end), (m.start, m.end)) for m in self.mentions)

    def add(self, m: Mention) -> Mention:
        self.mentions.append(m)
        return m

    def resolve(self, name: str, near: tuple[str, ...] = ()) -> Entry | None:
        entry = self.gaz.resolve(name, near=near or self.countries())
        if entry is None and name.endswith("시") and len(name) > 2:
            entry = self.gaz.resolve(name[:-1], near=near or self.countries())
        return entry

    def countries(self) -> tuple[str, ...]:
        return tuple(
            sorted(
                {
                    c
                    for m in self.mentions
                    if m.type is EntityType.COUNTRY
                    for c in [m.id.split("/", 1)[1].upper()]
                }
            )
        )

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

    def place_at(self, start: int, end: int) -> Mention | None:
        for m in self.mentions:
            if (
                m.start >= start
                and m.end <= end
                and m.type in (EntityType.CITY, EntityType.REGION, EntityType.COUNTRY)
            ):
                return m
        return None

    def name_words(self, end: int, count: int, *, adnominal: bool = False) -> int:
        """Where a name of up to ``count`` words ending at ``end`` starts.

        Words are taken right to left until one ends in a particle or a verb
        ending (an adnominal ending such as 살기좋은 is allowed when
        ``adnominal``), is a function word, holds digits, or is glued to
        punctuation on its left.
        """
        spans = [w for w in hangul.words(self.text, max(0, end - 60), end) if w[1] <= end]
        start = end
        taken = 0
        for ws, we in reversed(spans):
            word = self.text[ws:we]
            gap = self.text[we:start]
            if taken and (gap.strip() or "\n" in gap):
                break
            if taken >= count or word in _STOP_WORDS or re.search(r"\d", word):
                break
            if not re.fullmatch(r"[가-힣·]+", word):
                break
            last = self.last_tag.get(we, "")
            if taken and (
                last.startswith("J") or (last.startswith("E") and not (adnominal and last == "ETM"))
            ):
                break
            start = ws
            taken += 1  # noqa: SIM113 - counts words taken, not words seen
            if ws > 0 and not self.text[ws - 1].isspace():
                break
        return start

    def pairs(self) -> None:
        """``한글(English)`` pairs: places, people, organisations, events, prizes."""
        self.pair_spans: list[tuple[int, int, str, str]] = []
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

    def sentence_at(self, at: int) -> str:
        for s, e in self.doc.sentences:
            if s <= at < e:
                return self.text[s:e]
        return ""

    def people(self) -> None:
        """People with their office: ``NAME(Latin) CITY ROLE`` and ``NAME CITY시장``."""
        pattern = re.compile(
            rf"(?:(?P<ko>[가-힣]+(?: [가-힣]+){{0,3}})\s?\((?P<en>[A-Z][^()가-힣]{{1,40}})\)"
            rf"|(?P<solo>(?<![가-힣])[가-힣]{{2,5}}(?: [가-힣]{{2,5}})?))\s"
            rf"(?:[가-힣]{{2,8}}\s(?=[가-힣]{{2,12}}\s?시장))?"
            rf"(?P<place>[가-힣]{{2,12}}?)\s?"
            rf"(?:특별시|광역시|특별|광역|시|도|주|성)?\s?(?P<role>{_ROLE_RE})(?![단실직급])"
        )
        for m in pattern.finditer(self.text):
            place = self.resolve(m.group("place"))
            if place is None:
                continue
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
                city = self.subject(max(0, start - 60), start) or self.focus_id()
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
        self.persons = getattr(self, "persons", {})
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
        role = ROLES[m.group("role")]
        span = (start, m.end())
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
        for ref, key in getattr(self, "persons", {}).items():
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
        return getattr(self, "persons", {}).get(ko)

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
            if ":" in name or "," in name or len(name) > 30 or re.search(r"[다요죠]\.?$", name):
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
            if any(
                overlaps((ws, end), (m.start, m.end))
                and not (
                    m.type in (EntityType.CITY, EntityType.COUNTRY) and m.end - m.start < end - ws
                )
                for m in self.mentions
            ):
                continue
            if _EVENT_WORD.search(name) and not _EVENT_WORD.fullmatch(name):
                type_ = EntityType.EVENT
            elif _VENUE_WORD.search(name) and not _VENUE_WORD.fullmatch(name):
                type_ = EntityType.VENUE
                if name.endswith("센터") and not (
                    re.search(r"시설", self.sentence_at(ws)) or self.text.startswith("에서", end)
                ):
                    type_ = EntityType.ORGANIZATION
            elif _ORG_WORD.search(name) and not _ORG_WORD.fullmatch(name) and len(name) > 3:
                type_ = EntityType.ORGANIZATION
            else:
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
                if quoted and not self.main_event_named(start, end, m):
                    self.found.relate(
                        RelationType.PART_OF,
                        m.id,
                        self.main_event,
                        (m.start, end),
                        "ko.event.side",
                        0.65,
                    )

    def main_event_named(self, start: int, end: int, m: Mention) -> bool:
        return False

    def sessions(self) -> None:
        """Numbered sessions (``세션1: 주제``), part of the document's event."""
        self.session_ids: list[str] = []
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

    def merge(self, keep: str, drop: str) -> None:
        self.found.merge(keep, drop)
        self.mentions = [
            Mention(m.start, m.end, keep if m.id == drop else m.id, m.type) for m in self.mentions
        ]

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
        squeezed, index = _squeeze(self.text)
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
        events = [
            (len(self.found.mentions_of(eid)), eid)
            for eid in self.found.ids(EntityType.EVENT)
            if eid not in self.session_ids
        ]
        if not events:
            return
        self.main_event = max(events)[1]
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

    # -- relations ----------------------------------------------------------------

    def in_span(self, start: int, end: int, *types: EntityType) -> list[Mention]:
        found = {
            (m.start, m.end, m.id): m
            for m in self.mentions
            if start <= m.start and m.end <= end and (not types or m.type in types)
        }
        return [found[k] for k in sorted(found)]

    def focus_id(self) -> str | None:
        entry = self.gaz.get(self.doc.focus)
        if entry is None:
            return None
        for m in self.mentions:
            if m.id.endswith("/" + entry.key) and m.type is EntityType.CITY:
                return m.id
        return None

    def sentence(self, start: int, end: int) -> None:
        s = self.text[start:end]
        places = self.in_span(start, end, EntityType.CITY)
        events = self.in_span(start, end, EntityType.EVENT)
        event = events[0].id if events else (self.section_session(start) or self.main_event)
        focus = self.focus_id()
        self.agreements(start, end, s, places, focus)
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

    def section_session(self, at: int) -> str | None:
        """The session whose heading opens the section ``at`` is in, if any."""
        headings = [
            m.start()
            for m in re.finditer(r"^#{1,6}\s", self.doc.source.raw, re.MULTILINE)
            if m.start() < at
        ]
        if not headings:
            return None
        last = headings[-1]
        for m in self.mentions:
            if m.id in self.session_ids and last <= m.start < last + 12:
                return m.id
        return None

    def counterpart(
        self, places: list[Mention], before: int, focus: str | None, start: int
    ) -> Mention | None:
        cands = [m for m in places if m.end <= before and m.id != focus]
        if not cands:
            return None
        last = cands[-1]
        between = self.text[last.end : before]
        if re.search(r"등\s*\d+\s*개", self.text[last.end : last.end + 12]):
            return None  # a summary such as "A, B 등 9개 도시와"
        if len(between) > 40 or any(k in between for k, _ in _CITY_KINDS):
            return None
        return last

    def agreements(
        self, start: int, end: int, s: str, places: list[Mention], focus: str | None
    ) -> None:
        if not _SIGN.search(s) or not focus:
            return
        anchors: list[tuple[int, int, str, str]] = []
        taken: list[tuple[int, int]] = []
        for words, kind_list in ((_CITY_KINDS, "city"), (_INSTRUMENTS, "instrument")):
            for word, kind in words:
                for m in re.finditer(re.escape(word) + r"(?!식)", s):
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
        used_counterparts: set[str] = set()
        for a_start, a_end, kind, family in anchors:
            if family == "instrument" and any(
                f == "city" and e <= a_start and a_start - e < 15 for _, e, _, f in anchors
            ):
                continue  # the instrument of a tie just named: 친선도시 격상 협약(MOU)
            other = self.counterpart(places, a_start, focus, start)
            if other is None:
                after = [
                    m for m in places if m.start >= a_end and m.start - a_end < 15 and m.id != focus
                ]
                other = after[0] if after else None
            referred = False
            if other is None and not re.search(r"등\s*\d+\s*개\s*도시", s):
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
            if family == "instrument" and other.id in used_counterparts:
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
                focus,
                other.id,
                span,
                f"ko.agreement.{family}",
                confidence,
                **attrs,
            )

    def meetings(
        self, start: int, end: int, s: str, places: list[Mention], focus: str | None
    ) -> None:
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
        for m in places:
            if m.id == focus or re.search(r"등\s*\d+\s*개", self.text[m.end : m.end + 12]):
                continue
            self.found.relate(
                RelationType.MEETING, focus, m.id, (m.start, end), "ko.meeting.cities", 0.65
            )

    def track_subject(self, start: int, end: int) -> None:
        for p in self.in_span(start, end, EntityType.PERSON):
            if re.match(r"\s?(?:은|는|이|가)(?![가-힣])", self.text[p.end : p.end + 2]):
                self.last_subject = p.id
                return

    def presentations(self, start: int, end: int, event: str | None) -> None:
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

    def subject(self, start: int, end: int) -> str | None:
        for m in self.in_span(start, end, EntityType.CITY):
            if re.match(
                r"시?(?:\([^()\n]{1,20}\))?(?:은|는|이|가)(?![가-힣])",
                self.text[m.end : m.end + 25],
            ):
                return m.id
        return None

    def policies_owner(self, start: int, end: int, s: str, focus: str | None) -> None:
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

    def last_subject_city(self, start: int, end: int) -> str | None:
        cities = [
            m
            for m in self.in_span(start, end, EntityType.CITY)
            if re.match(r"시?(?:은|는|이|가)(?![가-힣])", self.text[m.end : m.end + 3])
        ]
        return cities[-1].id if cities else None

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


def _squeeze(text: str) -> tuple[str, list[int]]:
    kept = [(i, c) for i, c in enumerate(text) if not c.isspace() and c not in "‘’'“”\""]
    return "".join(c for _, c in kept), [i for i, _ in kept]
