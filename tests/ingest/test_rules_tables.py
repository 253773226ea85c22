"""Table rules: exhibitor lists with theme rows, event tables and day-by-day programmes.

Every relation asserted here is also checked for its evidence: the span
``text[start:end]`` must hold the words that state it.
"""

from __future__ import annotations

from datetime import date

from citygraph.ingest.extraction import Entity, EntityType, Extraction, Relation
from citygraph.ingest.pipeline import extract, extract_text
from citygraph.ingest.reader import read_bytes

PUBLISHED = date(2023, 9, 25)


def entity(x: Extraction, type_: EntityType, name: str) -> Entity:
    """The one entity of a type with this label or alias."""
    hits = [
        e for e in x.entities
        if e.type is type_ and name in (e.labels.en, e.labels.ko, *e.aliases)
    ]
    assert len(hits) == 1, (name, [(e.id, e.labels) for e in x.entities])
    return hits[0]


def relation(x: Extraction, type_: str, source: Entity, target: Entity) -> Relation:
    hits = [
        r for r in x.relations
        if r.type.value == type_ and r.source == source.id and r.target == target.id
    ]
    assert len(hits) == 1, (
        type_, source.id, target.id,
        [(r.type.value, r.source, r.target) for r in x.relations],
    )
    return hits[0]


def targets(x: Extraction, type_: str, source: Entity) -> list[str]:
    return [r.target for r in x.relations if r.type.value == type_ and r.source == source.id]


def said(text: str, r: Relation, *words: str) -> None:
    """Some evidence span of ``r`` holds all the words."""
    spans = [text[v.start : v.end] for v in r.evidence]
    assert r.evidence and all(0 <= v.start < v.end <= len(text) for v in r.evidence)
    assert any(all(w in s for w in words) for s in spans), (words, spans)
    assert all(v.rule.startswith(("table.", "ko.", "en.")) for v in r.evidence)


EXHIBITORS = (
    "서울시는 10월 '미래도시 박람회'를 연다. 미래도시 박람회 참여기업은 아래와 같다. "
    "같은 달 '녹색건축 포럼'도 열린다.\n"
    "\n"
    "기업명\t주요 제품\n"
    "• 모빌리티(Mobility)\t\n"
    "다온모터스\t전기 버스\n"
    "새솔로보틱스\t배송 로봇\n"
    "• 에너지(Energy)\t\n"
    "푸른햇살\t태양광 패널\n"
    "\n"
    "기업명\t주요 제품\n"
    "맑은전력\t에너지 저장장치\n"
    "• 안전(Safety)\t\n"
    "지킴이랩\t재난 알림 앱\n"
)


def test_exhibitors_go_to_their_theme_zone() -> None:
    x = extract_text(EXHIBITORS, published=PUBLISHED)
    mobility = entity(x, EntityType.EVENT, "모빌리티")
    energy = entity(x, EntityType.EVENT, "에너지")
    assert mobility.labels.en == "Mobility"
    assert mobility.attributes["kind"] == "exhibition_zone"
    for company, zone in (
        ("다온모터스", mobility),
        ("새솔로보틱스", mobility),
        ("푸른햇살", energy),
    ):
        org = entity(x, EntityType.ORGANIZATION, company)
        assert org.attributes["kind"] == "company"
        assert targets(x, "exhibitor", org) == [zone.id]
        said(EXHIBITORS, relation(x, "exhibitor", org, zone), company)


def test_theme_zones_are_part_of_the_exhibition_named_with_its_exhibitors() -> None:
    x = extract_text(EXHIBITORS, published=PUBLISHED)
    # "X 참여기업" names the exhibition, though another event is named closer to the table
    fair = entity(x, EntityType.EVENT, "미래도시 박람회")
    entity(x, EntityType.EVENT, "녹색건축 포럼")
    for zone, cell in (("모빌리티", "• 모빌리티(Mobility)"), ("에너지", "• 에너지(Energy)"),
                       ("안전", "• 안전(Safety)")):
        said(EXHIBITORS, relation(x, "part_of", entity(x, EntityType.EVENT, zone), fair), cell)


def test_a_table_continued_after_a_repeated_header_keeps_its_theme() -> None:
    x = extract_text(EXHIBITORS, published=PUBLISHED)
    energy = entity(x, EntityType.EVENT, "에너지")
    safety = entity(x, EntityType.EVENT, "안전")
    battery = entity(x, EntityType.ORGANIZATION, "맑은전력")
    assert targets(x, "exhibitor", battery) == [energy.id]
    said(EXHIBITORS, relation(x, "exhibitor", battery, energy), "맑은전력")
    app = entity(x, EntityType.ORGANIZATION, "지킴이랩")
    assert targets(x, "exhibitor", app) == [safety.id]
    # the repeated header is not a company
    assert [e for e in x.entities if e.labels.ko == "기업명"] == []


def test_html_exhibitor_table_lists_exhibitors_of_the_event_just_before() -> None:
    raw = (
        "<html><body>\n"
        "<p>Seoul will run the Green Tech Expo in May.</p>\n"
        "<p>The Urban Design Week follows in June &amp; shows these firms:</p>\n"
        "<table>\n"
        "<tr><th>Category</th><th>Exhibitor</th></tr>\n"
        "<tr><td>Lighting</td><td>Brightline Works</td></tr>\n"
        "<tr><td>Paving</td><td>Stonecraft Labs</td></tr>\n"
        "</table>\n"
        "</body></html>\n"
    )
    source = read_bytes(raw.encode(), "week.html")
    x = extract(source, published=PUBLISHED)
    week = entity(x, EntityType.EVENT, "Urban Design Week")
    entity(x, EntityType.EVENT, "Green Tech Expo")
    for company in ("Brightline Works", "Stonecraft Labs"):
        org = entity(x, EntityType.ORGANIZATION, company)
        assert targets(x, "exhibitor", org) == [week.id]
        r = relation(x, "exhibitor", org, week)
        said(source.raw, r, company)
        assert [source.raw[m.start : m.end] for m in org.mentions] == [company]
    # the category column holds no companies
    assert [e for e in x.entities if e.labels.en in ("Lighting", "Paving")] == []


EVENTS = (
    "서울시는 10월 '한강 가을축제'를 개최한다. 부대행사는 아래와 같다.\n"
    "\n"
    "행사명\t일시\t장소\n"
    "시민 합창제\t10.14.(토)\t여의도 물빛무대\n"
    "야간 드론쇼\t10.15.(일)\t반포 달빛광장\n"
)


def test_event_table_gives_dates_and_venues() -> None:
    x = extract_text(EVENTS, published=PUBLISHED)
    festival = entity(x, EntityType.EVENT, "한강 가을축제")
    for name, start, venue in (
        ("시민 합창제", "2023-10-14", "여의도 물빛무대"),
        ("야간 드론쇼", "2023-10-15", "반포 달빛광장"),
    ):
        event = entity(x, EntityType.EVENT, name)
        assert event.attributes["start"] == start
        place = entity(x, EntityType.VENUE, venue)
        said(EVENTS, relation(x, "located_in", event, place), name, venue)
        said(EVENTS, relation(x, "part_of", event, festival), name)
    assert [e for e in x.entities if e.labels.ko in ("행사명", "일시", "장소")] == []


PROGRAMME = (
    "서울시는 11월 '서울 도시혁신 포럼'을 연다. 주요 일정은 다음과 같다.\n"
    "\n"
    "구분\t1일차\t2일차\n"
    "오전\t개회식\t현장 견학\n"
    "점심\t오찬\t오찬\n"
    "오후\t전문가 토론\t폐회식\n"
)


def test_programme_days_are_events_of_the_main_event() -> None:
    x = extract_text(PROGRAMME, published=PUBLISHED)
    forum = entity(x, EntityType.EVENT, "서울 도시혁신 포럼")
    names = ("개회식", "현장 견학", "전문가 토론", "폐회식")
    for name in names:
        said(PROGRAMME, relation(x, "part_of", entity(x, EntityType.EVENT, name), forum), name)
    events = {e.labels.ko for e in x.entities if e.type is EntityType.EVENT}
    assert events == {"서울 도시혁신 포럼", *names}  # no 오찬, no 오전, no day headers


def test_programme_with_english_day_columns() -> None:
    text = (
        "Seoul hosts the Smart Harbour Summit in October.\n"
        "\n"
        "Time\tDay 1\tDay 2\n"
        "Morning\tOpening Ceremony\tPort Tour\n"
        "Noon\tLunch\tLunch\n"
    )
    x = extract_text(text, published=PUBLISHED)
    summit = entity(x, EntityType.EVENT, "Smart Harbour Summit")
    for name in ("Opening Ceremony", "Port Tour"):
        said(text, relation(x, "part_of", entity(x, EntityType.EVENT, name), summit), name)
    assert [e for e in x.entities if e.labels.en == "Lunch"] == []
