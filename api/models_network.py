"""Response models of search, the city network, recommendations and downloads."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def _example(example: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [example]})


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

__all__ = [
    "Centrality",
    "DownloadFile",
    "DownloadList",
    "EgoNetwork",
    "PathHop",
    "PathResult",
    "Place",
    "Ranked",
    "Recommendations",
    "Recommended",
    "SearchHit",
    "SearchResults",
    "Tie",
]


class SearchHit(BaseModel):
    """One entity found by name."""

    id: str | None = Field(description="The data key (dcterms:identifier), e.g. 'wellington'.")
    iri: str
    type: str = Field(description="City, Region, Country, Person, Organization, Event, "
                                  "Prize, Policy or Venue.")
    label_en: str
    label_ko: str
    score: float = Field(description="1.0 for an exact match; prefixes, substrings, then "
                                     "typos score less.")
    matched: str = Field(description="The name (label, alias or key) that matched.")
    url: str | None = Field(description="Its linked-data page on this server.")


class SearchResults(BaseModel):
    """Entities matching a query, best first."""

    model_config = _example({"query": "웰링", "count": 1, "results": [{
        "id": "wellington", "iri": "https://w3id.org/citygraph/id/place/gn2179537",
        "type": "City", "label_en": "Wellington", "label_ko": "웰링턴", "score": 0.96,
        "matched": "웰링턴", "url": "/id/place/gn2179537"}]})

    query: str
    count: int
    results: list[SearchHit]


class Place(BaseModel):
    """A node of the city network: a city, region or country."""

    iri: str
    id: str | None = Field(description="The data key, e.g. 'seoul'.")
    label: str
    label_ko: str
    type: str
    country: str | None = None
    country_label: str | None = None
    continent: str | None = None
    lat: float | None = None
    lon: float | None = None
    url: str | None = None


class Tie(BaseModel):
    """An edge of the city network: one agreement, shared event or shared prize."""

    source: str
    target: str
    relation: str = Field(description="agreement, forum, meeting or prize.")
    kind: str | None = Field(None, description="The agreement kind (sister, mou, ...).")
    via: str = Field(description="IRI of the agreement, event or prize behind the tie.")
    via_url: str | None = None
    label: str | None = None
    label_ko: str | None = None
    year: int | None = None
    date: str | None = None


class EgoNetwork(BaseModel):
    """The places within ``hops`` ties of a city, and every tie between them."""

    model_config = _example({"center": _SINGAPORE, "hops": 1, "nodes": [_SINGAPORE, _SEOUL],
                             "edges": [{
                                 "source": _SEOUL["iri"], "target": _SINGAPORE["iri"],
                                 "relation": "forum", "kind": "forum", "via": _FORUM,
                                 "via_url": "/id/event/wcsmf-12",
                                 "label": "World Cities Summit Mayors Forum 2023",
                                 "label_ko": "2023 세계도시정상회의 시장포럼",
                                 "year": 2023, "date": "2023-09-24"}]})

    center: Place
    hops: int
    nodes: list[Place]
    edges: list[Tie]


class PathHop(BaseModel):
    """One step of a path, explained in English and Korean."""

    source: str
    target: str
    relation: str
    kind: str | None = None
    year: int | None = None
    en: str
    ko: str
    via: str
    via_url: str | None = None


class PathResult(BaseModel):
    """How two places are connected: the fewest hops, agreements preferred."""

    model_config = _example({"source": _SEOUL, "target": _SINGAPORE, "length": 1, "hops": [{
        "source": _SEOUL["iri"], "target": _SINGAPORE["iri"], "relation": "forum",
        "kind": "forum", "year": 2023,
        "en": "Seoul and Singapore both took part in World Cities Summit Mayors Forum 2023.",
        "ko": "서울특별시와 싱가포르는 모두 2023 세계도시정상회의 시장포럼에 참가했습니다.",
        "via": _FORUM, "via_url": "/id/event/wcsmf-12"}]})

    source: Place
    target: Place
    length: int
    hops: list[PathHop]


class Ranked(BaseModel):
    """A place and its centrality score."""

    rank: int
    score: float
    place: Place


class Centrality(BaseModel):
    """The most central places of the network."""

    model_config = _example({"measure": "degree", "count": 58, "results": [
        {"rank": 1, "score": 1.0, "place": _SEOUL}]})

    measure: str
    count: int = Field(description="Places in the network.")
    results: list[Ranked]


class Recommended(BaseModel):
    """A place the city has no agreement with, and why it is suggested."""

    place: Place
    score: float
    reasons: list[str]
    reasons_ko: list[str]


class Recommendations(BaseModel):
    """Suggested partners of a city, best first."""

    model_config = _example({"city": _SEOUL, "results": [{
        "place": _SINGAPORE, "score": 3.333,
        "reasons": ["took part with Seoul in World Cities Summit Mayors Forum 2023",
                    "in Asia, like 18 of Seoul’s 54 partners"],
        "reasons_ko": ["서울특별시와 함께 2023 세계도시정상회의 시장포럼에 참가",
                       "서울특별시의 협력 도시 54곳 중 18곳처럼 아시아에 위치"]}]})

    city: Place
    results: list[Recommended]


class DownloadFile(BaseModel):
    """One downloadable file."""

    name: str
    url: str
    media_type: str
    description: str
    description_ko: str


class DownloadList(BaseModel):
    """The downloads of the current graph."""

    model_config = _example({"version": "83bf8dcdd472a0d8", "quads": 9433, "files": [{
        "name": "citygraph.trig", "url": "/downloads/citygraph.trig",
        "media_type": "application/trig", "description": "Every quad, in its named graph (TriG).",
        "description_ko": "모든 쿼드, 이름 있는 그래프별 (TriG)"}]})

    version: str
    quads: int
    files: list[DownloadFile]
