"""Sample answers of the bundled graph, shortened: the examples of the OpenAPI document.

Each route of ``/api/...`` shows the sample of its answer's type
(:func:`example`); ``tests/api/test_read_model.py`` checks every sample
against its type, so a sample cannot drift from what the route answers.
"""

from __future__ import annotations

from typing import Any

from citygraph.api.errors import documented
from citygraph.graph import read
from citygraph.graph.network import answers
from citygraph.graph.publish.dumps import Listing
from citygraph.graph.read.search import SearchResults

__all__ = ["SAMPLES", "example", "responses"]

SEOUL: dict[str, Any] = {
    "id": "seoul", "iri": "https://w3id.org/citygraph/id/place/gn1835848", "type": "City",
    "name_en": "Seoul", "name_ko": "서울특별시",
}
WELLINGTON: dict[str, Any] = {
    "id": "wellington", "iri": "https://w3id.org/citygraph/id/place/gn2179537",
    "type": "City", "name_en": "Wellington", "name_ko": "웰링턴",
}
FORUM_REF: dict[str, Any] = {
    "id": "wcsmf-12", "iri": "https://w3id.org/citygraph/id/event/wcsmf-12", "type": "Event",
    "name_en": "World Cities Summit Mayors Forum 2023", "name_ko": "2023 세계도시정상회의 시장포럼",
}
DDP: dict[str, Any] = {
    "id": "ddp", "iri": "https://w3id.org/citygraph/id/venue/ddp", "type": "Venue",
    "name_en": "Dongdaemun Design Plaza", "name_ko": "동대문디자인플라자",
}
CHINSEON: dict[str, Any] = {
    "code": "chinseon", "iri": "https://w3id.org/citygraph/kind/agreement/chinseon",
    "label_en": "sister-level city (chinseon)", "label_ko": "친선도시", "broader": ["sister"],
}
def _figure(code: str, count: int, en: str, ko: str, means_en: str, means_ko: str,
            kinds: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"code": code, "count": count, "label_en": en, "label_ko": ko,
            "means_en": means_en, "means_ko": means_ko, "kinds": kinds or []}


FIGURES: dict[str, Any] = {
    "focus": SEOUL,
    "agreements": _figure("agreements", 64, "agreements", "협약",
                          "agreements Seoul is a party to, each once however many sources state "
                          "it; an upgrade and the agreement it raises count as two",
                          "서울특별시의 협약, 출처가 여럿이어도 한 번씩; "
                          "격상 협약과 그 전 협약은 따로 셈"),
    "groups": [_figure("sister", 26, "sister city", "자매도시",
                       "sister-city and 친선도시 (sister-level) agreements, each once however "
                       "many sources state it",
                       "자매도시와 친선도시 협약, 출처가 여럿이어도 한 번씩",
                       [{"code": "sister", "label_en": "sister city", "label_ko": "자매도시",
                         "count": 23},
                        {"code": "chinseon", "label_en": "sister-level city (chinseon)",
                         "label_ko": "친선도시", "count": 3}])],
    "partners": _figure("partners", 54, "partner cities and regions", "교류 도시·지역",
                        "cities and regions with at least one agreement with Seoul",
                        "서울특별시의 협약 상대인 도시와 지역 (협약이 하나 이상)"),
    "places": _figure("places", 58, "cities and regions in the graph", "그래프의 도시·지역",
                      "every city and region in the graph: the partners, Seoul itself, and "
                      "forum and prize cities with no agreement",
                      "그래프의 모든 도시와 지역: 교류 도시, 서울특별시, "
                      "협약 없이 포럼·상으로만 이어진 도시"),
    "countries": _figure("countries", 36, "countries", "국가",
                         "countries of the partner cities and regions",
                         "교류 도시·지역이 속한 국가"),
    "continents": _figure("continents", 6, "continents", "대륙",
                          "continents of the partner cities and regions",
                          "교류 도시·지역이 속한 대륙"),
    "undated": _figure("undated", 11, "undated agreements", "날짜 모르는 협약",
                       "agreements no source gives a date for",
                       "어느 출처도 날짜를 밝히지 않은 협약"),
    "by_continent": [{"code": "AS", "name_en": "Asia", "name_ko": "아시아", "count": 18}],
    "by_country": [{"code": "US", "name_en": "United States", "name_ko": "미국", "count": 7}],
}
RELEASE: dict[str, Any] = {
    "id": "wcsmf-2023-seoul.ko",
    "iri": "https://w3id.org/citygraph/id/source/wcsmf-2023-seoul.ko",
    "locators": ["본문: 양자회담 및 결연"],
    "spans": [],
}
READING: dict[str, Any] = {
    "source": "http://news.tf.co.kr/read/life/2046241.htm", "source_id": "url-cd4f69c70838",
    "dataset": "partners", "file": "partners/agreements.csv", "line": 33,
    "locator": "친선도시 upgrade, 2023-09-26", "rule": "curated", "confidence": 1.0,
    "start": None, "end": None, "date": "2023-09-26", "quote": None,
}
AGREEMENT: dict[str, Any] = {
    "id": "gn1835848--gn2179537/chinseon",
    "iri": "https://w3id.org/citygraph/id/agreement/gn1835848--gn2179537/chinseon",
    "kind": CHINSEON, "parties": [SEOUL, WELLINGTON], "with_focus": True,
    "dates": ["2023-09", "2023-09-26"], "year": 2023,
    "wording": ["친선도시", "친선도시 격상 협약(MOU)"], "fields": [], "signatories": [],
    "signed_at": [FORUM_REF], "upgrades": ["gn1835848--gn2179537/friendship"],
    "upgraded_by": [], "notes": [], "notes_ko": [],
    "readings": [READING],
    "sources": [
        {"id": "url-cd4f69c70838", "iri": "http://news.tf.co.kr/read/life/2046241.htm",
         "locators": ["친선도시 upgrade, 2023-09-26"], "spans": []},
        RELEASE,
    ],
}
FORUM: dict[str, Any] = {
    "id": "wcsmf-12", "iri": "https://w3id.org/citygraph/id/event/wcsmf-12",
    "name_en": "World Cities Summit Mayors Forum 2023", "name_ko": "2023 세계도시정상회의 시장포럼",
    "kind": "forum", "start": "2023-09-24", "end": "2023-09-26", "edition": 12,
    "part_of": None, "locations": [DDP, SEOUL],
}
SESSION: dict[str, Any] = {
    "id": "wcsmf-12-session-1", "iri": "https://w3id.org/citygraph/id/event/wcsmf-12-session-1",
    "name_en": "Session 1: How can Mayors forge inclusive societies and empower communities?",
    "name_ko": "세션1: 포용적 사회 조성 및 시민 역량 강화 방안", "kind": "forum_session",
    "start": None, "end": None, "edition": None, "part_of": "wcsmf-12", "locations": [DDP],
}
PRESENTER: dict[str, Any] = {
    "code": "presenter", "iri": "https://w3id.org/citygraph/kind/participation/presenter",
    "label_en": "presenter", "label_ko": "발표자", "broader": [],
}
PARTICIPATION: dict[str, Any] = {
    "event": FORUM, "participant": WELLINGTON, "role": PRESENTER,
    "sources": [{**RELEASE, "locators": ["본문: 12개 도시 시장 포럼 정책사례 발표"]}],
}
OFFICE: dict[str, Any] = {
    "person": {"id": "tory-whanau", "iri": "https://w3id.org/citygraph/id/person/tory-whanau",
               "type": "Person", "name_en": "Tory Whanau", "name_ko": "토리 화나우"},
    "role": {"code": "mayor", "iri": "https://w3id.org/citygraph/kind/role/mayor",
             "label_en": "mayor", "label_ko": "시장", "broader": []},
    "organization": WELLINGTON, "start": None, "end": None,
    "sources": [{**RELEASE, "locators": ["본문: 12개 도시 시장 포럼 정책사례 발표 (웰링턴 시장)"]}],
}
POLICY: dict[str, Any] = {
    "id": "seoul-learn", "iri": "https://w3id.org/citygraph/id/policy/seoul-learn",
    "name_en": "Seoul Learn and Seoul Learn 4050", "name_ko": "서울런 및 서울런4050",
    "theme": "companionship", "owner": SEOUL,
    "sources": [{**RELEASE,
                 "locators": ["본문: 서울-싱가포르 정책전시관 (동행·매력 8가지 대표 정책)"]}],
}
CITY_SUMMARY: dict[str, Any] = {
    **WELLINGTON, "country": "NZ", "continent": "OC", "lat": -41.28664, "lon": 174.77557,
    "agreements": 2, "kinds": ["chinseon", "friendship"],
}
SOURCE: dict[str, Any] = {
    "id": "wcsmf-2023-seoul.ko",
    "iri": "https://w3id.org/citygraph/id/source/wcsmf-2023-seoul.ko",
    "title": "'세계도시정상회의 시장포럼' 개막·50개 도시 대표단과 지속가능한 포용도시 만든다",
    "publisher": "서울특별시 경제정책실 국제교류과", "issued": "2023-09-25", "language": "ko",
    "url": None,
    "kind": {"code": "press_release", "iri": "https://w3id.org/citygraph/kind/source/press_release",
             "label_en": "press release", "label_ko": "보도자료", "broader": []},
    "weak": False,
    "notes": ["Seoul Metropolitan Government press release for the morning papers of 2023-09-25"],
    "notes_ko": ["서울특별시 보도자료(2023-09-25 조간)"],
    "datasets": ["prize", "reference", "wcsmf-2023-seoul"], "fact_count": 163,
    "ingested": False, "text_available": False,
}
LOCATION: dict[str, Any] = {
    "lat": -41.28664, "lon": 174.77557,
    "country": {"id": "NZ", "iri": "https://w3id.org/citygraph/id/country/NZ",
                "type": "Country", "name_en": "New Zealand", "name_ko": "뉴질랜드"},
    "country_code": "NZ",
    "continent": {"code": "OC", "iri": "https://w3id.org/citygraph/kind/continent/OC",
                  "label_en": "Oceania", "label_ko": "오세아니아", "broader": []},
    "located_in": None,
}
ZONE: dict[str, Any] = {
    "zone": {"id": "wcsmf-12-zone-robot",
             "iri": "https://w3id.org/citygraph/id/event/wcsmf-12-zone-robot",
             "type": "Event", "name_en": "Robot Enterprise", "name_ko": "로봇기업"},
    "part_of": "wcsmf-12-lifestyle-exhibition", "count": 3,
    "exhibitors": [
        {"id": "hd-hyundai-robotics",
         "iri": "https://w3id.org/citygraph/id/org/hd-hyundai-robotics",
         "type": "Organization", "name_en": "HD Hyundai Robotics", "name_ko": "HD현대로보틱스"},
        {"id": "krm", "iri": "https://w3id.org/citygraph/id/org/krm",
         "type": "Organization", "name_en": "KRM", "name_ko": "KRM"},
        {"id": "koh-young-robotics",
         "iri": "https://w3id.org/citygraph/id/org/koh-young-robotics",
         "type": "Organization", "name_en": None, "name_ko": "고영로보틱스"},
    ],
}
STATED: dict[str, Any] = {
    "measure": {"code": "exhibitors",
                "iri": "https://w3id.org/citygraph/kind/measure/exhibitors",
                "label_en": "exhibitors", "label_ko": "전시 참가 수", "broader": []},
    "value": 27, "approximate": False,
    "sources": [{**RELEASE, "locators": [
        "본문: 정책 및 첨단기업 전시, 현장 방문 프로그램 (27개 혁신기업)",
        "붙임3 첨단 라이프스타일 전시관 참여기업"]}],
}
PERSON: dict[str, Any] = {
    "id": "tory-whanau", "iri": "https://w3id.org/citygraph/id/person/tory-whanau",
    "name_en": "Tory Whanau", "name_ko": "토리 화나우", "identifiers": [],
    "offices": [OFFICE],
}
ORGANIZATION: dict[str, Any] = {
    "id": "smg", "iri": "https://w3id.org/citygraph/id/org/smg",
    "name_en": "Seoul Metropolitan Government", "name_ko": "서울특별시",
    "kind": "government", "country": "KR", "located_in": SEOUL, "parent": None,
    "identifiers": [],
}
FACT: dict[str, Any] = {
    "id": "gn1835848--gn2179537/chinseon",
    "iri": "https://w3id.org/citygraph/id/agreement/gn1835848--gn2179537/chinseon",
    "type": "Agreement", "name_en": None, "name_ko": None,
    "evidence": [{**READING, "source": RELEASE["iri"], "source_id": RELEASE["id"],
                  "dataset": "wcsmf-2023-seoul", "file": "wcsmf-2023-seoul/agreements.csv",
                  "line": 2, "locator": "본문: 양자회담 및 결연", "date": "2023-09"}],
}
ROW: dict[str, Any] = {
    "dataset": "wcsmf-2023-seoul", "file": "wcsmf-2023-seoul/agreements.csv", "line": 2,
    "locators": ["본문: 양자회담 및 결연"],
    "facts": ["https://w3id.org/citygraph/id/agreement/gn1835848--gn2179537/chinseon"],
}
GRAPH: dict[str, Any] = {"iri": "https://w3id.org/citygraph/id/source/partners",
                         "key": "partners", "title": "partners", "triples": 1562}
_SEOUL: dict[str, Any] = {
    "iri": "https://w3id.org/citygraph/id/place/gn1835848", "id": "seoul", "label": "Seoul",
    "label_ko": "서울특별시", "type": "City",
    "country": "https://w3id.org/citygraph/id/country/KR", "country_label": "South Korea",
    "continent": "AS", "lat": 37.566, "lon": 126.9784, "url": "/id/place/gn1835848",
}
_SINGAPORE: dict[str, Any] = {
    "iri": "https://w3id.org/citygraph/id/place/gn1880252", "id": "singapore",
    "label": "Singapore", "label_ko": "싱가포르", "type": "City",
    "country": "https://w3id.org/citygraph/id/country/SG", "country_label": "Singapore",
    "continent": "AS", "lat": 1.28967, "lon": 103.85007, "url": "/id/place/gn1880252",
}
_FORUM = "https://w3id.org/citygraph/id/event/wcsmf-12"

#: response type -> a sample answer
SAMPLES: dict[Any, dict[str, Any]] = {
    read.CityPage: {
        "total": 58, "limit": 1, "offset": 56, "items": [CITY_SUMMARY],
        "facets": {"country": {"CN": 7, "NZ": 1, "US": 7},
                   "continent": {"AS": 21, "EU": 19, "OC": 2},
                   "kind": {"chinseon": 3, "friendship": 21, "sister": 26}},
    },
    read.CityDetail: {
        **WELLINGTON,
        "names": [{"value": "Wellington", "lang": "en", "kind": "label"},
                  {"value": "웰링턴", "lang": "ko", "kind": "label"}],
        "keys": ["wellington"],
        "location": LOCATION,
        "identifiers": [{"scheme": "geonames", "id": "2179537",
                         "url": "https://sws.geonames.org/2179537/"}],
        "agreements": [AGREEMENT], "meetings": [], "events": [PARTICIPATION],
        "people": [OFFICE], "policies": [], "prizes": [],
        "sources": [{"id": "wcsmf-2023-seoul.ko",
                     "iri": "https://w3id.org/citygraph/id/source/wcsmf-2023-seoul.ko",
                     "locators": ["본문 (Korean name 웰링턴)"], "spans": [[412, 415]]}],
        "listed": [{
            "partnership": "https://w3id.org/citygraph/id/partnership/gn2172517--gn2179537",
            "place": {"id": "wellington", "iri": "https://w3id.org/citygraph/id/place/gn2179537",
                      "type": "City", "name_en": "Wellington", "name_ko": "웰링턴"},
            "partner": {"id": "gn2172517",
                        "iri": "https://w3id.org/citygraph/id/place/gn2172517",
                        "type": "City", "name_en": "Canberra", "name_ko": "캔버라"},
            "agreements": [],
            "evidence": [{
                "source": "https://en.wikipedia.org/wiki/"
                          "List_of_twin_towns_and_sister_cities_in_Australia",
                "source_id": "url-2beffb762cb2",
                "dataset": "twin-towns", "file": "twin-towns/pairs.csv.gz", "line": 397,
                "locator": "Canberra", "rule": "listed", "confidence": 1.0, "start": None,
                "end": None, "date": None, "quote": None}],
        }],
    },
    read.Page[read.AgreementView]: {"total": 64, "limit": 1, "offset": 0, "items": [AGREEMENT]},
    read.Page[read.EventSummary]: {"total": 36, "limit": 1, "offset": 0, "items": [FORUM]},
    read.EventDetail: {
        **{k: v for k, v in FORUM.items() if k not in ("kind", "part_of")},
        "names": [{"value": "World Cities Summit Mayors Forum 2023", "lang": "en",
                   "kind": "label"}],
        "kind": {"code": "forum", "iri": "https://w3id.org/citygraph/kind/event/forum",
                 "label_en": "forum", "label_ko": "포럼", "broader": []},
        "themes": [{"value": "Liveable and Sustainable Cities: Forging an Inclusive and "
                             "Resilient Future", "lang": "en", "kind": "theme"}],
        "part_of": None, "sessions": [SESSION], "side_events": [],
        "participants": [PARTICIPATION],
        "exhibitors": [ZONE], "stated_counts": [STATED],
        "agreements": [AGREEMENT], "sources": [RELEASE],
    },
    read.Page[read.PersonItem]: {"total": 5, "limit": 1, "offset": 0, "items": [PERSON]},
    read.Page[read.OrganizationItem]: {"total": 36, "limit": 1, "offset": 0,
                              "items": [ORGANIZATION]},
    read.Page[read.PolicyItem]: {"total": 8, "limit": 1, "offset": 0, "items": [POLICY]},
    read.Page[read.SourceItem]: {"total": 84, "limit": 1, "offset": 0, "items": [SOURCE]},
    read.SourceDetail: {
        **SOURCE,
        "facts": [FACT], "rows": [ROW],
    },
    read.Timeline: {
        "focus": SEOUL, "total": 64,
        "rows": [{"year": 1968, "kind": "sister", "group": "sister", "continent": "AS",
                  "count": 1},
                 {"year": 2023, "kind": "chinseon", "group": "sister", "continent": "OC",
                  "count": 1}],
        "by_year": {"1968": 1, "2023": 5},
        "by_kind": {"chinseon": 3, "cooperation": 4, "declaration": 1, "exchange": 2,
                    "friendship": 21, "mou": 7, "other": 3, "sister": 23},
        "by_group": {"sister": 26, "friendship": 21, "mou": 7, "other": 10},
        "by_continent": {"AF": 3, "AS": 20, "EU": 20, "NA": 13, "OC": 3, "SA": 5},
    },
    read.Stats: {
        "quads": 9433, "version": "83bf8dcdd472a0d8", "focus": SEOUL,
        "classes": {"Agreement": 64, "City": 52, "Country": 39, "Event": 36, "Evidence": 550},
        "figures": FIGURES,
        "graphs": [GRAPH],
    },
    SearchResults: {"query": "웰링", "count": 1, "results": [{
        "id": "wellington", "iri": "https://w3id.org/citygraph/id/place/gn2179537",
        "type": "City", "label_en": "Wellington", "label_ko": "웰링턴", "score": 0.96,
        "matched": "웰링턴", "url": "/id/place/gn2179537"}]},
    answers.EgoNetwork: {"center": _SINGAPORE, "hops": 1, "nodes": [_SINGAPORE, _SEOUL],
                             "edges": [{
                                 "source": _SEOUL["iri"], "target": _SINGAPORE["iri"],
                                 "relation": "forum", "kind": "forum", "via": _FORUM,
                                 "via_url": "/id/event/wcsmf-12",
                                 "label": "World Cities Summit Mayors Forum 2023",
                                 "label_ko": "2023 세계도시정상회의 시장포럼",
                                 "year": 2023, "date": "2023-09-24"}]},
    answers.PathResult: {"source": _SEOUL, "target": _SINGAPORE, "length": 1, "hops": [{
        "source": _SEOUL["iri"], "target": _SINGAPORE["iri"], "relation": "forum",
        "kind": "forum", "year": 2023,
        "en": "Seoul and Singapore both took part in World Cities Summit Mayors Forum 2023.",
        "ko": "서울특별시와 싱가포르는 모두 2023 세계도시정상회의 시장포럼에 참가했습니다.",
        "via": _FORUM, "via_url": "/id/event/wcsmf-12"}]},
    answers.Centrality: {"measure": "degree", "count": 58, "results": [
        {"rank": 1, "score": 1.0, "place": _SEOUL}]},
    answers.Recommendations: {"city": _SEOUL, "results": [{
        "place": _SINGAPORE, "score": 3.333,
        "reasons": ["took part with Seoul in World Cities Summit Mayors Forum 2023",
                    "in Asia, like 18 of Seoul’s 54 partners"],
        "reasons_ko": ["서울특별시와 함께 2023 세계도시정상회의 시장포럼에 참가",
                       "서울특별시의 협력 도시 54곳 중 18곳처럼 아시아에 위치"]}]},
    Listing: {"version": "83bf8dcdd472a0d8", "quads": 9433, "files": [{
        "name": "citygraph.trig", "url": "/downloads/citygraph.trig",
        "media_type": "application/trig", "description": "Every quad, in its named graph (TriG).",
        "description_ko": "모든 쿼드, 이름 있는 그래프별 (TriG)"}]},
}


def example(answer_type: Any) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``responses`` entry showing the sample of ``answer_type``."""
    return {200: {"content": {"application/json": {"example": SAMPLES[answer_type]}}}}


def responses(answer_type: Any, *statuses: int) -> dict[int | str, dict[str, Any]]:
    """A route's OpenAPI ``responses``: its answer's sample and its error statuses.

    Every route documents 422 (an invalid parameter) and 503 (row cap, time
    limit or store); ``statuses`` adds others (404 ...).
    """
    return {**example(answer_type), **documented(*statuses, 422, 503)}
