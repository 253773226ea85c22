"""Tests for citygraph.ingest.dates: finding and resolving dates in press-release text.

All sentences are written for these tests.  Weekdays used: 2023-09-27 Wed,
2023-10-03 Tue, 2023-10-09 Mon, 2023-10-12 Thu, 2023-10-13 Fri, 2022-11-24 Thu,
2024-03-04 Mon, 1998-05-01 Fri.
"""

from __future__ import annotations

import calendar
import itertools
from datetime import date, timedelta

import pytest

from citygraph.ingest.dates import DateMention, find_dates, publication_date

PUB = date(2023, 9, 25)  # a Monday
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
MONTHS += ("September", "October", "November", "December")

Case = tuple[str, date | None, str, str | None, int | None]

# (text, published, begin, finish, stated weekday of begin): the text holds exactly one date
KOREAN: list[Case] = [
    # full and partial Korean dates
    ("시는 2024년 5월 14일 협약을 맺는다.", PUB, "2024-05-14", None, None),
    ("시립미술관은 2022년 11월 문을 열었다.", PUB, "2022-11", None, None),
    ("이 상은 2019년 처음 제정되었다.", PUB, "2019", None, None),
    ("2019년도 예산", PUB, "2019", None, None),
    ("개막식은 10월 9일(월) 열린다.", PUB, "2023-10-09", None, 0),
    ("개막식은 10월 9일(월요일) 열린다.", PUB, "2023-10-09", None, 0),
    ("개막식은 10월 9일 월요일에 열린다.", PUB, "2023-10-09", None, 0),
    ("개막식은 10월 9일 열린다.", PUB, "2023-10-09", None, None),
    ("개막식은 2023년10월9일 열린다.", PUB, "2023-10-09", None, None),
    ("10월 중 공모를 시작한다.", PUB, "2023-10", None, None),
    ("24일 간담회를 연다.", PUB, "2023-09-24", None, None),
    # a day alone: month and year of publication
    ("시장단 회의는 27일(수) 열린다.", PUB, "2023-09-27", None, 2),
    ("본회의는 16일 열렸다.", PUB, "2023-09-16", None, None),
    ("본회의는 16일에 열렸다.", date(2024, 2, 20), "2024-02-16", None, None),
    # numeric forms
    ("- 10.9.(월) 개막식", PUB, "2023-10-09", None, 0),
    ("- 10. 9.(월) 개막식", PUB, "2023-10-09", None, 0),
    ("- 10.9(월) 개막식", PUB, "2023-10-09", None, 0),
    ("※ 10.9. 접수 기준", PUB, "2023-10-09", None, None),
    ("일시 : '24.3.4(월) 10:00", PUB, "2024-03-04", None, 0),
    ("일시 : ’98.5.1.(금) 오후", PUB, "1998-05-01", None, 4),
    ("2024. 3. 4.(월) 조간", PUB, "2024-03-04", None, 0),
    ("2024.3.4 기준 통계", PUB, "2024-03-04", None, None),
    ("2024-03-04 기준 통계", PUB, "2024-03-04", None, None),
    ("2024/3/4(월) 기준", PUB, "2024-03-04", None, 0),
    # ranges
    ("- 10.12~13 정책 워크숍", PUB, "2023-10-12", "2023-10-13", None),
    ("- 10.12.(목)~13.(금) 정책 워크숍", PUB, "2023-10-12", "2023-10-13", 3),
    ("- 10.12.∼10.13. 정책 워크숍", PUB, "2023-10-12", "2023-10-13", None),
    ("일시: '23.10.12(목) ~ 10.13(금)(2일간)", PUB, "2023-10-12", "2023-10-13", 3),
    ("워크숍은 10월 12일(목)~13일(금) 진행된다.", PUB, "2023-10-12", "2023-10-13", 3),
    ("워크숍은 10월 12~13일 진행된다.", PUB, "2023-10-12", "2023-10-13", None),
    ("워크숍은 10월 12일부터 13일까지 진행된다.", PUB, "2023-10-12", "2023-10-13", None),
    ("10월 12일(목)부터 10월 13일(금)까지 연다.", PUB, "2023-10-12", "2023-10-13", 3),
    ("축제는 9월 30일~10월 2일 열린다.", PUB, "2023-09-30", "2023-10-02", None),
    ("행사 기간: 12.30~1.2.", date(2023, 12, 1), "2023-12-30", "2024-01-02", None),
    ("사업은 2018년부터 2021년까지 추진됐다.", PUB, "2018", "2021", None),
    ("지난해 9월부터 올해 3월까지 운영했다.", PUB, "2022-09", "2023-03", None),
    # relative to publication
    ("지난해 4월 자매결연을 맺었다.", PUB, "2022-04", None, None),
    ("작년 4월 자매결연을 맺었다.", PUB, "2022-04", None, None),
    ("지난 해 4월 방문했다.", PUB, "2022-04", None, None),
    ("지난 해에 방문했다.", PUB, "2022", None, None),
    ("작년에 방문했다.", PUB, "2022", None, None),
    ("재작년 처음 열렸다.", PUB, "2021", None, None),
    ("올해 3월 개관했다.", PUB, "2023-03", None, None),
    ("올 3월 개관했다.", PUB, "2023-03", None, None),
    ("금년 사업 계획", PUB, "2023", None, None),
    ("내년 5월 개최한다.", PUB, "2024-05", None, None),
    ("내년 5월 8일 개최한다.", PUB, "2024-05-08", None, None),
    ("지난달 발표했다.", PUB, "2023-08", None, None),
    ("지난달 발표했다.", date(2024, 1, 10), "2023-12", None, None),
    ("지난달 31일 발표했다.", PUB, "2023-08-31", None, None),
    ("이달 말 발표한다.", PUB, "2023-09", None, None),
    ("이번 달 16일 발표한다.", PUB, "2023-09-16", None, None),
    ("다음 달 2일 발표한다.", PUB, "2023-10-02", None, None),
    ("다음 달 2일 발표한다.", date(2023, 12, 5), "2024-01-02", None, None),
    # 지난/오는: the nearest such date before/after publication
    ("지난 28일 방문했다.", PUB, "2023-08-28", None, None),
    ("지난 21일 방문했다.", PUB, "2023-09-21", None, None),
    ("지난 31일 방문했다.", date(2023, 10, 5), "2023-08-31", None, None),
    ("오는 3일 개막한다.", PUB, "2023-10-03", None, None),
    ("오는 27일 개막한다.", PUB, "2023-09-27", None, None),
    ("오는 11월 개막한다.", PUB, "2023-11", None, None),
    ("오는 3월 개막한다.", PUB, "2024-03", None, None),
    ("지난 11월 개막했다.", PUB, "2022-11", None, None),
    ("지난 3월 개막했다.", PUB, "2023-03", None, None),
    ("오는 9월 30일 개막한다.", PUB, "2023-09-30", None, None),
    ("오는 3월 2일 개막한다.", PUB, "2024-03-02", None, None),
    ("지난 10월 3일 개막했다.", PUB, "2022-10-03", None, None),
    # a missing year: publication year, unless the month is > 6 months after publication
    ("11월 3일 방문했다.", date(2023, 3, 10), "2022-11-03", None, None),
    ("9월 3일 방문한다.", date(2023, 3, 10), "2023-09-03", None, None),
    ("12월 20일 준공했다.", date(2024, 1, 15), "2023-12-20", None, None),
    # timetable heading
    ("시간\t1일차 (24.일)\t오전", PUB, "2023-09-24", None, 6),
]

ENGLISH: list[Case] = [
    ("The mayor arrives on Nov. 24 (Thu).", date(2022, 11, 20), "2022-11-24", None, 3),
    ("It was signed on November 24, 2022, in Seoul.", PUB, "2022-11-24", None, None),
    ("It was signed on 24 November 2022 in Seoul.", PUB, "2022-11-24", None, None),
    ("The forum met on June 19 in Seoul.", PUB, "2023-06-19", None, None),
    ("The forum met on 19 June in Seoul.", PUB, "2023-06-19", None, None),
    ("The forum met on the 19th of June.", PUB, "2023-06-19", None, None),
    ("The forum runs 12 - 14 October 2023.", PUB, "2023-10-12", "2023-10-14", None),
    ("The forum runs 12-14 October.", PUB, "2023-10-12", "2023-10-14", None),
    ("The forum runs Oct. 12-13.", PUB, "2023-10-12", "2023-10-13", None),
    ("The forum runs Oct. 12-13, 2024.", PUB, "2024-10-12", "2024-10-13", None),
    ("The forum runs October 12 to 13.", PUB, "2023-10-12", "2023-10-13", None),
    ("The forum runs Sept. 30 – Oct. 2, 2024.", PUB, "2024-09-30", "2024-10-02", None),
    ("The forum runs 30 September – 2 October 2024.", PUB, "2024-09-30", "2024-10-02", None),
    ("The forum runs Dec. 30 – Jan. 2, 2024.", PUB, "2023-12-30", "2024-01-02", None),
    ("Data as of 2023-10-12.", PUB, "2023-10-12", None, None),
    ("The talks open on Thursday, Oct. 12.", PUB, "2023-10-12", None, 3),
    ("The talks open Thursday 12 October 2023.", PUB, "2023-10-12", None, 3),
    ("The talks open Oct. 12 (Thursday).", PUB, "2023-10-12", None, 3),
    ("The talks open Sept 27 (Wed.) at noon.", PUB, "2023-09-27", None, 2),
    ("The report came out in October 2022.", PUB, "2022-10", None, None),
    ("The park opened in March.", PUB, "2023-03", None, None),
    ("Work starts in mid-May.", PUB, "2023-05", None, None),
    ("The city joined the network in 2018.", PUB, "2018", None, None),
    ("Since 2016, the city has grown.", PUB, "2016", None, None),
    ("The plan ran from 2016 to 2019.", PUB, "2016", "2019", None),
    ("The plan ran between 2016 and 2019.", PUB, "2016", "2019", None),
    ("The award was given last year.", PUB, "2022", None, None),
    ("Last year the award went to Vienna.", PUB, "2022", None, None),
    ("The award will be given next year.", PUB, "2024", None, None),
    ("Figures were released last month.", PUB, "2023-08", None, None),
    ("The centre opens this month.", PUB, "2023-09", None, None),
    ("Delegates met on Dec. 5.", date(2023, 3, 1), "2022-12-05", None, None),
]


def _one(text: str, published: date | None, language: str) -> DateMention:
    found = find_dates(text, published, language=language)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "published", "begin", "finish", "weekday"), KOREAN)
def test_korean_forms(
    text: str, published: date | None, begin: str, finish: str | None, weekday: int | None
) -> None:
    mention = _one(text, published, "ko")
    assert mention.begin.iso == begin
    assert (mention.finish.iso if mention.finish else None) == finish
    assert mention.weekday == weekday
    assert mention.problem is None
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(("text", "published", "begin", "finish", "weekday"), ENGLISH)
def test_english_forms(
    text: str, published: date | None, begin: str, finish: str | None, weekday: int | None
) -> None:
    mention = _one(text, published, "en")
    assert mention.begin.iso == begin
    assert (mention.finish.iso if mention.finish else None) == finish
    assert mention.weekday == weekday
    assert mention.problem is None
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("시는 2024년 5월 14일 협약을 맺는다.", "ko", "2024년 5월 14일"),
        ("10월 12일(목)부터 10월 13일(금)까지 연다.", "ko", "10월 12일(목)부터 10월 13일(금)까지"),
        ("일시: '23.10.12(목) ~ 10.13(금)(2일간)", "ko", "'23.10.12(목) ~ 10.13(금)"),
        ("지난해 4월 자매결연을 맺었다.", "ko", "지난해 4월"),
        ("지난 28일 방문했다.", "ko", "지난 28일"),
        ("The talks open on Thursday, Oct. 12.", "en", "Thursday, Oct. 12"),
        ("The city joined the network in 2018.", "en", "2018"),
        ("The forum runs 12 - 14 October 2023.", "en", "12 - 14 October 2023"),
        ("The mayor arrives on Nov. 24 (Thu).", "en", "Nov. 24 (Thu)"),
    ],
)
def test_span_is_the_longest_match(text: str, language: str, span: str) -> None:
    assert [m.text for m in find_dates(text, PUB, language=language)] == [span]


def test_several_dates_sorted_and_disjoint() -> None:
    text = (
        "서울시는 지난해 4월 협약을 맺었고, 올해 10월 12일(목)~13일(금) 워크숍을 연다. "
        "참가 신청은 10.5.까지 받으며, 결과는 오는 3일 발표한다. 2019년 시작된 사업이다."
    )
    found = find_dates(text, PUB)
    assert [(m.text, m.begin.iso) for m in found] == [
        ("지난해 4월", "2022-04"),
        ("올해 10월 12일(목)~13일(금)", "2023-10-12"),
        ("10.5.", "2023-10-05"),
        ("오는 3일", "2023-10-03"),
        ("2019년", "2019"),
    ]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert all(text[m.start : m.end] == m.text for m in found)


def test_day_alone_takes_the_month_stated_earlier_in_the_paragraph() -> None:
    text = "포럼은 10월 5일 개막하며 7일에는 폐막식이 열린다."
    assert [m.begin.iso for m in find_dates(text, PUB)] == ["2023-10-05", "2023-10-07"]


def test_day_alone_takes_the_publication_month_in_a_new_paragraph() -> None:
    text = "포럼은 10월 5일 개막한다.\n\n한편 시의회는 7일 본회의를 열었다."
    assert [m.begin.iso for m in find_dates(text, PUB)] == ["2023-10-05", "2023-09-07"]


def test_day_alone_follows_the_end_of_a_range() -> None:
    text = "축제는 9월 30일~10월 2일 열리며, 4일에는 시상식이 있다."
    assert [m.begin.iso for m in find_dates(text, PUB)] == ["2023-09-30", "2023-10-04"]


def test_day_alone_takes_the_text_month_even_without_publication() -> None:
    text = "포럼은 2023년 10월 5일 개막하며 7일에는 폐막식이 열린다."
    assert [m.begin.iso for m in find_dates(text, None)] == ["2023-10-05", "2023-10-07"]


@pytest.mark.parametrize(
    ("text", "language", "found"),
    [
        ("개막식은 10월 9일 열린다.", "ko", []),
        ("본회의는 16일 열렸다.", "ko", []),
        ("지난해 4월 자매결연을 맺었다.", "ko", []),
        ("- 10.12~13 정책 워크숍", "ko", []),
        ("개막식은 2023년 10월 9일 열린다.", "ko", ["2023-10-09"]),
        ("일시 : '24.3.4(월) 10:00", "ko", ["2024-03-04"]),
        ("2023년 10월 12일부터 13일까지", "ko", ["2023-10-12/2023-10-13"]),
        ("The forum met on June 19 in Seoul.", "en", []),
        ("The award was given last year.", "en", []),
        ("It was signed on November 24, 2022, in Seoul.", "en", ["2022-11-24"]),
        ("The forum runs Sept. 30 – Oct. 2, 2024.", "en", ["2024-09-30/2024-10-02"]),
    ],
)
def test_without_publication_date_only_stated_years(
    text: str, language: str, found: list[str]
) -> None:
    result = find_dates(text, None, language=language)
    isos = [m.begin.iso + (f"/{m.finish.iso}" if m.finish else "") for m in result]
    assert isos == found


# -- weekdays ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "problem"),
    [
        (
            "- 10.3.(수) 현장 방문",
            "ko",
            "10.3.(수): 3 October 2023 is a Tuesday, not a Wednesday",
        ),
        (
            "시상식은 10월 9일(화요일) 열린다.",
            "ko",
            "10월 9일(화요일): 9 October 2023 is a Monday, not a Tuesday",
        ),
        (
            "워크숍은 10월 12일(금)~13일(토) 진행된다.",
            "ko",
            "10월 12일(금)~13일(토): 12 October 2023 is a Thursday, not a Friday; "
            "13 October 2023 is a Friday, not a Saturday",
        ),
        (
            "워크숍은 10월 12일(목)~13일(토) 진행된다.",
            "ko",
            "10월 12일(목)~13일(토): 13 October 2023 is a Friday, not a Saturday",
        ),
        (
            "The talks open on Friday, Oct. 12.",
            "en",
            "Friday, Oct. 12: 12 October 2023 is a Thursday, not a Friday",
        ),
        (
            "The talks open Oct. 12 (Wed).",
            "en",
            "Oct. 12 (Wed): 12 October 2023 is a Thursday, not a Wednesday",
        ),
    ],
)
def test_contradicting_weekday_is_reported(text: str, language: str, problem: str) -> None:
    mention = _one(text, PUB, language)
    assert mention.problem == problem


def test_contradicting_weekday_keeps_the_date_and_the_stated_weekday() -> None:
    mention = _one("- 10.3.(수) 현장 방문", PUB, "ko")
    assert mention.begin.iso == "2023-10-03"
    assert mention.weekday == 2


def _every_day(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=n) for n in range(366 if calendar.isleap(year) else 365)]


@pytest.mark.parametrize("day", _every_day(2024), ids=str)
def test_every_day_of_a_leap_year_in_each_form(day: date) -> None:
    ko_wd = "월화수목금토일"[day.weekday()]
    en_wd = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[day.weekday()]
    month = MONTHS[day.month - 1]
    published = date(2024, 6, 30)  # every month is within six months after it
    texts = {
        "ko": [
            f"행사는 {day.month}월 {day.day}일({ko_wd}) 열린다.",
            f"- {day.month}.{day.day}.({ko_wd}) 행사",
            f"{day.year}. {day.month}. {day.day}.({ko_wd}) 배포",
        ],
        "en": [
            f"It opens {month} {day.day}, {day.year} ({en_wd}).",
            f"It opens {day.day} {month} ({en_wd}).",
        ],
    }
    for language, forms in texts.items():
        for text in forms:
            mention = _one(text, published, language)
            assert mention.begin.iso == day.isoformat(), text
            assert (mention.weekday, mention.problem) == (day.weekday(), None), text
    wrong = "월화수목금토일"[(day.weekday() + 1) % 7]
    assert _one(f"{day.month}월 {day.day}일({wrong})", published, "ko").problem


# -- what is not a date ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "문의: 국제협력과 02-2133-5260",
        "문의 02-120, 010-1234-5678",
        "금리는 3.5%로 올랐다.",
        "방문객이 1.5배 늘었다.",
        "산책로 10.5km를 조성한다.",
        "전년 대비 9.25 상승했다.",
        "소프트웨어 1.2.3 버전",
        "50개 도시가 참여한다.",
        "14시에 시작한다.",
        "16:20부터 보도할 수 있다.",
        "3일간 진행된다.",
        "3일 동안 진행된다.",
        "2일째 이어졌다.",
        "1일차 일정",
        "3일 전에 도착했다.",
        "100년 후의 서울",
        "1000년 전 유물",
        "예산 2023억 원",
        "2.1. 추진 배경",
        "2월 30일",
        "2023년 2월 29일",
        "13월의 보너스",
        "- 2.30.(목) 행사",
        "- 10.13~12 워크숍",
        "목표를 이달성했다.",
        "지난 해외 출장에서 만났다.",
    ],
)
def test_korean_false_positives(text: str) -> None:
    assert find_dates(text, PUB) == []


@pytest.mark.parametrize(
    "text",
    [
        "Call +82 2-2133-5260 for details.",
        "Rates rose 3.5% and 10.5km of trails opened.",
        "Version 1.2.3 is out.",
        "More than 2000 people came.",
        "It may 5 times exceed the target.",
        "The meeting starts at 14:00.",
        "Delegates met on June 31.",
        "Delegates met on Feb. 30, 2023.",
        "The 2023 forum was a success.",
    ],
)
def test_english_false_positives(text: str) -> None:
    assert find_dates(text, PUB, language="en") == []


def test_impossible_date_leaves_no_shorter_match() -> None:
    assert find_dates("2023년 2월 30일 개최", PUB) == []
    assert [m.text for m in find_dates("2024년 2월 29일 개최", PUB)] == ["2024년 2월 29일"]


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        find_dates("9월 24일", PUB, language="ja")


def test_mention_is_frozen() -> None:
    mention = _one("9월 24일", PUB, "ko")
    with pytest.raises(AttributeError):
        mention.start = 0  # type: ignore[misc]


# -- publication date ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\n\n2024. 3. 4.(월) 석간용\n\n서울시는 오는 8일 포럼을 연다.", date(2024, 3, 4)),
        ("## 보도자료\n\n2024. 3. 4.(화) 조간용\n", date(2024, 3, 4)),  # weekday wrong
        ("보도일시 2024. 3. 4.\n배포 부서: 국제협력과", date(2024, 3, 4)),
        ("| 보도일시 | 2024. 3. 4.(월) 06:00 |\n| 담당 | 국제협력과 |", date(2024, 3, 4)),
        ("**배포일:** 2024.3.4\n\n본문", date(2024, 3, 4)),
        ("보도자료\n2024년 3월 4일\n\n서울시는 2023년 9월 24일 포럼을 열었다.", date(2024, 3, 4)),
        (
            "이 자료는 2024년 3월 3일 오후 2시부터 보도할 수 있습니다.\n\n보도일시 2024. 3. 4.(월)",
            date(2024, 3, 4),
        ),
        ("For immediate release: March 4, 2024\n\nThe city of Seoul ...", date(2024, 3, 4)),
        ("FOR IMMEDIATE RELEASE\nDate: 2024-03-04\n\nSeoul ...", date(2024, 3, 4)),
        ("Published 4 March 2024\n\nThe city ...", date(2024, 3, 4)),
        ("SEOUL, March 4, 2024 — The city announced ...", date(2024, 3, 4)),
        ("Seoul, Nov. 24, 2022 -- The city announced ...", date(2022, 11, 24)),
        ("SEOUL, South Korea, Nov. 24, 2022 /Newswire/ -- The city ...", date(2022, 11, 24)),
    ],
)
def test_publication_date_from_header(text: str, expected: date) -> None:
    assert publication_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "서울시는 오는 8일 포럼을 연다.",
        "이 자료는 2024년 3월 3일 오후 2시부터 보도할 수 있습니다.",
        "The forum was held on 24 September 2023 in Seoul.",
        "Updated: the forum ran Sept. 24-26, 2023.",
        "보도일시 3월 4일(월)",  # no year: not a release date
        "x" * 1600 + "\n보도일시 2024. 3. 4.",  # beyond the header
    ],
)
def test_publication_date_absent(text: str) -> None:
    assert publication_date(text) is None


def test_publication_date_resolves_the_rest_of_the_release() -> None:
    text = "2024. 3. 4.(월) 석간용\n\n서울시는 오는 8일(금) 포럼을 열고, 지난해 10월 협약을 맺었다."
    published = publication_date(text)
    assert [(m.text, m.begin.iso, m.problem) for m in find_dates(text, published)][1:] == [
        ("오는 8일(금)", "2024-03-08", None),
        ("지난해 10월", "2023-10", None),
    ]
