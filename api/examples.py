"""Example SPARQL queries, each titled and described in English and Korean.

They appear on the query page and the home page, in the README, and the tests
run every one of them on the bundled graph.  Each is written for the focus
city (setting ``CITYGRAPH_FOCUS``, Seoul by default): ``{focus}`` in a body
stands for its IRI.

Examples
--------
>>> ex = EXAMPLES_BY_KEY["sister-cities"]
>>> "<https://example.org/city>" in ex.sparql("https://example.org/city")
True
>>> len(EXAMPLES) >= 15 and len(EXAMPLES_BY_KEY) == len(EXAMPLES)
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

from citygraph.graph.read.lookup import sparql_iri
from citygraph.ontology.vocab import sparql_prefixes

__all__ = ["EXAMPLES", "EXAMPLES_BY_KEY", "PREFIXES", "Example", "korean_names"]

PREFIXES = sparql_prefixes("cg", "id", "rdfs", "skos", "dcterms", "schema", "org")


_EN_LABEL = re.compile(r'rdfs:label \?(\w+) \.\s*FILTER\(LANG\(\?\1\) = "en"\)')
_SUBJECT = re.compile(r'(?:^|[.{}]|\)\s*\n)\s*(\?\w+)[^.{}]*$', re.DOTALL)


def korean_names(query: str) -> str:
    """Name things in Korean where they have a Korean name, in English where not.

    Each ``?s rdfs:label ?v . FILTER(LANG(?v) = "en")`` whose ``?v`` has no
    ``?v_ko`` twin becomes the English label, the first Korean one (one per
    thing: sources may give two) and ``?v`` bound to the Korean one if any.

    >>> print(korean_names('SELECT ?name WHERE { ?p rdfs:label ?name . '
    ...                    'FILTER(LANG(?name) = "en") }'))  # doctest: +NORMALIZE_WHITESPACE
    SELECT ?name WHERE { ?p rdfs:label ?name__en . FILTER(LANG(?name__en) = "en")
      OPTIONAL { SELECT ?p (MIN(?name__l) AS ?name__ko) WHERE { ?p rdfs:label ?name__l .
      FILTER(LANG(?name__l) = "ko") } GROUP BY ?p }
      BIND(COALESCE(?name__ko, ?name__en) AS ?name) }
    """
    twins = set(re.findall(r"\?(\w+)_ko\b", query))
    out, at = [], 0
    for m in _EN_LABEL.finditer(query):
        var = m.group(1)
        subject = _SUBJECT.search(query, 0, m.start())
        if var in twins or subject is None:
            continue
        s = subject.group(1)
        out.append(query[at:m.start()])
        out.append(
            f'rdfs:label ?{var}__en . FILTER(LANG(?{var}__en) = "en")\n'
            f"  OPTIONAL {{ SELECT {s} (MIN(?{var}__l) AS ?{var}__ko) WHERE {{ {s} rdfs:label "
            f'?{var}__l . FILTER(LANG(?{var}__l) = "ko") }} GROUP BY {s} }}\n'
            f"  BIND(COALESCE(?{var}__ko, ?{var}__en) AS ?{var})")
        at = m.end()
    return "".join(out) + query[at:]


@dataclass(frozen=True, slots=True)
class Example:
    """A named example query, with a title and a one-sentence description in two languages."""

    key: str
    title_en: str
    title_ko: str
    body: str
    description_en: str = ""
    description_ko: str = ""

    def sparql(self, focus: str, lang: str = "en") -> str:
        """Return the query with its prefixes, for the focus city's IRI.

        ``lang="ko"`` names things in Korean where the graph has a Korean name
        (:func:`korean_names`); the rows are the same.
        """
        text = PREFIXES + self.body.replace("{focus}", sparql_iri(focus))
        return korean_names(text) if lang == "ko" else text


EXAMPLES: tuple[Example, ...] = (
    # the first three are cited by the README and by other tests: keep their keys and bodies
    Example(
        "sister-cities",
        "Sister-level cities and regions of the focus city, with the year each source gives",
        "자매(친선)도시와 결연 연도, 출처별",
        """\
SELECT DISTINCT ?name ?kind ?signed ?source WHERE {
  VALUES ?focus { {focus} }
  ?a cg:party ?focus, ?partner ; cg:agreementKind ?k ; cg:evidence ?ev .
  FILTER(?partner != ?focus)
  ?k skos:broader* <https://w3id.org/citygraph/kind/agreement/sister> ; skos:notation ?kind .
  ?partner rdfs:label ?name . FILTER(LANG(?name) = "en")
  ?ev dcterms:source ?source .
  OPTIONAL { ?ev cg:statesDate ?signed }
} ORDER BY ?signed ?name
""",
        description_en="Sister and sister-level (chinseon) partners, one row per source, so "
        "that two sources giving different years both show.",
        description_ko="자매도시와 친선도시를 출처마다 한 줄씩 보여 주므로, 출처마다 "
        "결연 연도가 다르면 둘 다 나옵니다.",
    ),
    Example(
        "forum-agreements",
        "Agreements signed at the 2023 World Cities Summit Mayors Forum, with sources",
        "2023 세계도시정상회의 시장포럼에서 맺은 협약과 출처",
        """\
SELECT ?partner ?kind (GROUP_CONCAT(DISTINCT ?word; separator=" / ") AS ?wording) ?source
WHERE {
  ?a cg:signedAt <https://w3id.org/citygraph/id/event/wcsmf-12> ;
     cg:party ?p ; cg:agreementKind ?k ; cg:evidence ?ev .
  ?k skos:notation ?kind .
  ?ev dcterms:source ?source .
  FILTER(?p != {focus})
  ?p rdfs:label ?partner . FILTER(LANG(?partner) = "en")
  OPTIONAL { ?a cg:wording ?word }
} GROUP BY ?partner ?kind ?source ORDER BY ?partner ?source
""",
        description_en="Each agreement signed during the 2023 forum in Seoul, with the "
        "wording of the documents and the source of each reading.",
        description_ko="2023년 서울 시장포럼 기간에 맺은 협약을 문서의 표현, 그리고 "
        "판본마다의 출처와 함께 보여 줍니다.",
    ),
    Example(
        "forum-exhibitors",
        "Exhibitors at the 2023 forum, counted by exhibition theme",
        "2023 시장포럼 첨단 라이프스타일 전시관 참여기업 수 (테마별)",
        """\
SELECT ?theme (COUNT(DISTINCT ?company) AS ?exhibitors) WHERE {
  VALUES ?exhibition { <https://w3id.org/citygraph/id/event/wcsmf-12-lifestyle-exhibition> }
  ?zone <https://schema.org/superEvent> ?exhibition ; rdfs:label ?theme .
  FILTER(LANG(?theme) = "en")
  ?p cg:event ?zone ; cg:participant ?company ;
     cg:participationRole <https://w3id.org/citygraph/kind/participation/exhibitor> .
} GROUP BY ?theme ORDER BY ?theme
""",
        description_en="How many companies exhibited in each theme zone of the Advanced "
        "Lifestyle Pavilion at the 2023 forum.",
        description_ko="2023 시장포럼 첨단 라이프스타일 전시관의 테마 구역마다 전시에 "
        "참여한 기업 수를 셉니다.",
    ),
    Example(
        "partners-by-kind",
        "The focus city's partners by kind of agreement and year",
        "협약 종류와 연도별 교류 도시",
        """\
SELECT DISTINCT ?kind ?kind_ko ?year ?partner ?partner_ko ?country WHERE {
  ?a a cg:Agreement ; cg:party {focus}, ?p ; cg:agreementKind ?k .
  FILTER(?p != {focus})
  ?k skos:prefLabel ?kind, ?kind_ko .
  FILTER(LANG(?kind) = "en" && LANG(?kind_ko) = "ko")
  ?p rdfs:label ?partner . FILTER(LANG(?partner) = "en")
  OPTIONAL { ?p rdfs:label ?partner_ko . FILTER(LANG(?partner_ko) = "ko") }
  OPTIONAL { ?p cg:country/rdfs:label ?country . FILTER(LANG(?country) = "en") }
  OPTIONAL { ?a cg:yearSigned ?year }
} ORDER BY ?kind ?year ?partner
""",
        description_en="Every agreement of the focus city with its kind (sister, friendship, "
        "MOU ...), the year signed and the partner's country.",
        description_ko="기준 도시가 맺은 모든 협약을 종류(자매, 우호, MOU 등), 체결 연도, "
        "상대 도시의 나라와 함께 보여 줍니다.",
    ),
    Example(
        "partners-per-continent",
        "Partners of the focus city per continent",
        "대륙별 교류 도시 수",
        """\
SELECT ?continent ?continent_ko (COUNT(DISTINCT ?p) AS ?partners)
       (COUNT(DISTINCT ?a) AS ?agreements) WHERE {
  ?a a cg:Agreement ; cg:party {focus}, ?p .
  FILTER(?p != {focus})
  { ?p cg:continent ?c } UNION { ?p cg:country/cg:continent ?c }
  ?c skos:prefLabel ?continent, ?continent_ko .
  FILTER(LANG(?continent) = "en" && LANG(?continent_ko) = "ko")
} GROUP BY ?continent ?continent_ko ORDER BY DESC(?partners) ?continent
""",
        description_en="How many partner cities and regions, and how many agreements, the "
        "focus city has on each continent.",
        description_ko="대륙마다 기준 도시와 협약을 맺은 도시·지역의 수와 협약 수를 셉니다.",
    ),
    Example(
        "countries-most-ties",
        "Countries with the most ties to the focus city",
        "기준 도시와 교류가 가장 많은 나라",
        """\
SELECT ?country ?country_ko (COUNT(DISTINCT ?p) AS ?partners)
       (COUNT(DISTINCT ?a) AS ?agreements) WHERE {
  ?a a cg:Agreement ; cg:party {focus}, ?p .
  FILTER(?p != {focus})
  ?p cg:country ?c .
  ?c rdfs:label ?country, ?country_ko .
  FILTER(LANG(?country) = "en" && LANG(?country_ko) = "ko")
} GROUP BY ?country ?country_ko ORDER BY DESC(?agreements) DESC(?partners) ?country
""",
        description_en="Countries ranked by the number of agreements their cities and regions "
        "have signed with the focus city.",
        description_ko="나라마다 그 나라의 도시·지역이 기준 도시와 맺은 협약 수로 순위를 "
        "매깁니다.",
    ),
    Example(
        "agreements-per-decade",
        "The focus city's agreements per decade",
        "연대별 협약 수",
        """\
SELECT ?decade (COUNT(DISTINCT ?a) AS ?agreements) (COUNT(DISTINCT ?p) AS ?partners) WHERE {
  {
    SELECT ?a (MIN(?y) AS ?year) WHERE {
      ?a a cg:Agreement ; cg:party {focus} ; cg:yearSigned ?y .
    } GROUP BY ?a
  }
  ?a cg:party ?p .
  FILTER(?p != {focus})
  BIND(CONCAT(SUBSTR(STR(?year), 1, 3), "0s") AS ?decade)
} GROUP BY ?decade ORDER BY ?decade
""",
        description_en="Agreements and partners counted by the decade of signing, taking the "
        "earliest year where sources disagree.",
        description_ko="협약과 상대 도시를 체결 연대별로 세되, 출처마다 연도가 다르면 "
        "가장 이른 해를 씁니다.",
    ),
    Example(
        "upgrades",
        "Upgraded ties (e.g. friendship to sister-level), with both dates",
        "격상된 관계(예: 우호도시 → 친선도시)와 두 협약의 날짜",
        """\
SELECT DISTINCT ?partner ?from ?from_signed ?to ?to_signed WHERE {
  ?new a cg:Agreement ; cg:party {focus}, ?p ; cg:upgrades ?old ;
       cg:agreementKind/skos:notation ?to .
  FILTER(?p != {focus})
  ?old cg:agreementKind/skos:notation ?from .
  OPTIONAL { ?old cg:dateSigned ?from_signed }
  OPTIONAL { ?new cg:dateSigned ?to_signed }
  ?p rdfs:label ?partner . FILTER(LANG(?partner) = "en")
} ORDER BY ?partner ?from_signed ?to_signed
""",
        description_en="Agreements that upgrade an earlier one with the same partner, with "
        "the date of each as the sources give it.",
        description_ko="같은 상대와 맺은 이전 협약을 격상한 협약을, 출처가 전하는 두 협약의 "
        "날짜와 함께 보여 줍니다.",
    ),
    Example(
        "date-conflicts",
        "Sources that disagree on when an agreement was signed",
        "협약 체결일이 출처마다 다른 경우",
        """\
SELECT DISTINCT ?partner ?kind ?date_1 ?source_1 ?date_2 ?source_2 WHERE {
  ?a a cg:Agreement ; cg:party {focus}, ?p ; cg:agreementKind/skos:notation ?kind ;
     cg:evidence ?e1, ?e2 .
  FILTER(?p != {focus})
  ?e1 cg:statesDate ?date_1 ; dcterms:source ?source_1 .
  ?e2 cg:statesDate ?date_2 ; dcterms:source ?source_2 .
  # different dates, and not merely one more precise than the other (1996-05, 1996-05-01)
  FILTER(STR(?date_1) < STR(?date_2) && !STRSTARTS(STR(?date_2), STR(?date_1)))
  ?p rdfs:label ?partner . FILTER(LANG(?partner) = "en")
} ORDER BY ?partner ?date_1 ?date_2
""",
        description_en="Agreements of the focus city for which two sources state different "
        "dates, with both dates and both sources.",
        description_ko="두 출처가 서로 다른 체결일을 전하는 기준 도시의 협약을, 두 날짜와 "
        "두 출처와 함께 보여 줍니다.",
    ),
    Example(
        "agreement-evidence",
        "The evidence behind the focus city's most recent agreement",
        "가장 최근 협약의 근거 (문서와 위치)",
        """\
SELECT DISTINCT ?agreement ?document ?title ?locator ?stated_date ?data_file ?line WHERE {
  {
    SELECT ?agreement WHERE {
      ?agreement a cg:Agreement ; cg:party {focus} ; cg:yearSigned ?year .
    } ORDER BY DESC(?year) ?agreement LIMIT 1
  }
  # or name one agreement instead: VALUES ?agreement { <https://w3id.org/citygraph/id/...> }
  ?agreement cg:evidence ?ev .
  ?ev dcterms:source ?document .
  OPTIONAL { ?document dcterms:title ?title }
  OPTIONAL { ?ev cg:locator ?locator }
  OPTIONAL { ?ev cg:statesDate ?stated_date }
  OPTIONAL { ?ev cg:dataFile ?data_file }
  OPTIONAL { ?ev cg:line ?line }
} ORDER BY ?document ?locator
""",
        description_en="For one agreement, each document that states it, where in the "
        "document, the date it gives and the data file line it came from.",
        description_ko="협약 하나에 대해 그것을 전하는 문서, 문서 안의 위치, 문서가 전하는 "
        "날짜, 그리고 자료 파일의 줄을 보여 줍니다.",
    ),
    Example(
        "agreements-at-events",
        "Agreements the focus city signed at forums and other events",
        "포럼 등 행사에서 맺은 협약",
        """\
SELECT DISTINCT ?event ?start ?partner ?kind WHERE {
  ?a a cg:Agreement ; cg:party {focus}, ?p ; cg:signedAt ?e ;
     cg:agreementKind/skos:notation ?kind .
  FILTER(?p != {focus})
  ?e rdfs:label ?event . FILTER(LANG(?event) = "en")
  OPTIONAL { ?e schema:startDate ?start }
  ?p rdfs:label ?partner . FILTER(LANG(?partner) = "en")
} ORDER BY ?start ?event ?partner ?kind
""",
        description_en="Every agreement recorded as signed at an event, such as a World "
        "Cities Summit Mayors Forum, with the event and partner.",
        description_ko="세계도시정상회의 시장포럼처럼 행사에서 맺은 것으로 기록된 협약을 "
        "행사와 상대 도시와 함께 보여 줍니다.",
    ),
    Example(
        "focus-events",
        "Events the focus city or its government took part in, and in which role",
        "기준 도시(또는 시 정부)가 참여한 행사와 역할",
        """\
SELECT DISTINCT ?event ?start ?who ?role WHERE {
  { ?pp cg:participant {focus} . BIND({focus} AS ?w) }
  UNION
  { ?pp cg:participant ?w . ?w a cg:Organization ; cg:locatedIn {focus} }
  ?pp cg:event ?e ; cg:participationRole/skos:notation ?role .
  ?w rdfs:label ?who . FILTER(LANG(?who) = "en")
  ?e rdfs:label ?event . FILTER(LANG(?event) = "en")
  OPTIONAL { ?e schema:startDate ?start }
} ORDER BY ?start ?event ?who ?role
""",
        description_en="Forums, exhibitions and other events in which the focus city or one "
        "of its bodies was host, organiser, presenter or participant.",
        description_ko="기준 도시나 그 기관이 주최, 주관, 발표 또는 참가한 포럼, 전시 등의 "
        "행사를 보여 줍니다.",
    ),
    Example(
        "forum-presenters",
        "People who presented at forums hosted by the focus city, with their office",
        "기준 도시가 주최한 포럼의 발표자와 직위",
        """\
SELECT DISTINCT ?forum ?person ?person_ko ?role ?of WHERE {
  ?h cg:event ?f ; cg:participant {focus} ;
     cg:participationRole <https://w3id.org/citygraph/kind/participation/host> .
  ?f cg:eventKind <https://w3id.org/citygraph/kind/event/forum> ;
     rdfs:label ?forum . FILTER(LANG(?forum) = "en")
  ?pp cg:event ?f ; cg:participant ?who ;
      cg:participationRole <https://w3id.org/citygraph/kind/participation/presenter> .
  ?who a cg:Person ; rdfs:label ?person . FILTER(LANG(?person) = "en")
  OPTIONAL { ?who rdfs:label ?person_ko . FILTER(LANG(?person_ko) = "ko") }
  OPTIONAL {
    ?office org:member ?who ; org:role/skos:prefLabel ?role ;
            org:organization/rdfs:label ?of .
    FILTER(LANG(?role) = "en" && LANG(?of) = "en")
  }
} ORDER BY ?forum ?of ?person
""",
        description_en="Mayors and other people who presented at a forum the focus city "
        "hosted, with the office they held and where.",
        description_ko="기준 도시가 주최한 포럼에서 발표한 시장 등 인물을 그 직위와 소속 "
        "도시와 함께 보여 줍니다.",
    ),
    Example(
        "exhibitors-by-zone",
        "Exhibitors at events hosted by the focus city, by theme zone",
        "기준 도시가 주최한 행사의 전시 참여기업 (테마 구역별)",
        """\
SELECT DISTINCT ?zone ?zone_ko ?exhibitor WHERE {
  ?h cg:event ?host_event ; cg:participant {focus} ;
     cg:participationRole <https://w3id.org/citygraph/kind/participation/host> .
  ?z schema:superEvent+ ?host_event ; rdfs:label ?zone . FILTER(LANG(?zone) = "en")
  OPTIONAL { ?z rdfs:label ?zone_ko . FILTER(LANG(?zone_ko) = "ko") }
  ?pp cg:event ?z ; cg:participant ?company ;
      cg:participationRole <https://w3id.org/citygraph/kind/participation/exhibitor> .
  OPTIONAL { ?company rdfs:label ?en . FILTER(LANG(?en) = "en") }
  OPTIONAL { ?company rdfs:label ?ko . FILTER(LANG(?ko) = "ko") }
  BIND(COALESCE(?en, ?ko) AS ?exhibitor)
} ORDER BY ?zone ?exhibitor
""",
        description_en="Each company that exhibited at an event the focus city hosted, listed "
        "under its theme zone, by its English name where it has one.",
        description_ko="기준 도시가 주최한 행사에 전시한 기업을 테마 구역별로, 영문 이름이 "
        "있으면 영문 이름으로 보여 줍니다.",
    ),
    Example(
        "met-without-agreement",
        "Cities met at the same events as the focus city but with no agreement",
        "같은 행사에서 만났지만 협약이 없는 도시",
        """\
SELECT DISTINCT ?city ?city_ko ?event WHERE {
  ?mine cg:participant {focus} ; cg:event ?e .
  ?e rdfs:label ?event . FILTER(LANG(?event) = "en")
  ?theirs cg:participant ?c ; cg:event ?sub .
  ?sub schema:superEvent* ?e .
  ?c a cg:City .
  FILTER(?c != {focus})
  FILTER NOT EXISTS { ?a a cg:Agreement ; cg:party {focus}, ?c }
  ?c rdfs:label ?city . FILTER(LANG(?city) = "en")
  OPTIONAL { ?c rdfs:label ?city_ko . FILTER(LANG(?city_ko) = "ko") }
} ORDER BY ?city ?event
""",
        description_en="Cities that took part in an event (or one of its parts) with the focus "
        "city but have signed no agreement with it: candidates for new ties.",
        description_ko="기준 도시와 같은 행사(또는 그 부속 행사)에 참여했지만 아직 협약이 "
        "없는 도시로, 새 교류의 후보입니다.",
    ),
    Example(
        "laureates-hosts",
        "Lee Kuan Yew World City Prize laureates that hosted a forum",
        "포럼을 개최한 리콴유 세계도시상 수상 도시",
        """\
SELECT DISTINCT ?city ?prize_year ?forum ?partner_of_focus WHERE {
  ?award a cg:PrizeAward ; cg:laureate ?c ; cg:awardYear ?prize_year .
  ?h cg:participant ?c ; cg:event ?f ;
     cg:participationRole <https://w3id.org/citygraph/kind/participation/host> .
  ?f cg:eventKind <https://w3id.org/citygraph/kind/event/forum> ;
     rdfs:label ?forum . FILTER(LANG(?forum) = "en")
  ?c rdfs:label ?city . FILTER(LANG(?city) = "en")
  BIND(IF(EXISTS { ?a a cg:Agreement ; cg:party {focus}, ?c . FILTER(?c != {focus}) },
          "yes", "no") AS ?partner_of_focus)
} ORDER BY ?prize_year ?forum
""",
        description_en="Cities that won the prize and hosted a mayors forum, and whether each "
        "has an agreement with the focus city.",
        description_ko="세계도시상을 받고 시장포럼을 개최한 도시와, 그 도시가 기준 도시와 "
        "협약을 맺었는지를 보여 줍니다.",
    ),
    Example(
        "people-in-office",
        "People in office and the cities or bodies they lead",
        "직위에 있는 인물과 그 도시·기관",
        """\
SELECT DISTINCT ?person ?person_ko ?role ?role_ko ?of ?partner_of_focus WHERE {
  ?office a cg:Office ; org:member ?who ; org:role ?r ; org:organization ?o .
  ?who rdfs:label ?person . FILTER(LANG(?person) = "en")
  OPTIONAL { ?who rdfs:label ?person_ko . FILTER(LANG(?person_ko) = "ko") }
  ?r skos:prefLabel ?role, ?role_ko . FILTER(LANG(?role) = "en" && LANG(?role_ko) = "ko")
  ?o rdfs:label ?of . FILTER(LANG(?of) = "en")
  BIND(IF(EXISTS { ?a a cg:Agreement ; cg:party {focus}, ?o . FILTER(?o != {focus}) },
          "yes", "no") AS ?partner_of_focus)
} ORDER BY ?of ?person
""",
        description_en="Mayors, vice mayors and other office holders with their city or "
        "organisation, and whether it is a partner of the focus city.",
        description_ko="시장, 부시장 등 직위에 있는 인물과 그 도시·기관, 그리고 그곳이 기준 "
        "도시의 교류 상대인지를 보여 줍니다.",
    ),
    Example(
        "policies-by-theme",
        "The focus city's policies by theme",
        "주제별 기준 도시의 정책",
        """\
SELECT DISTINCT ?theme ?theme_ko ?policy ?policy_ko WHERE {
  { ?pol cg:owner {focus} } UNION { ?pol cg:owner/cg:locatedIn {focus} }
  ?pol a cg:Policy ; cg:policyTheme ?t .
  ?t skos:prefLabel ?theme, ?theme_ko . FILTER(LANG(?theme) = "en" && LANG(?theme_ko) = "ko")
  ?pol rdfs:label ?policy . FILTER(LANG(?policy) = "en")
  OPTIONAL { ?pol rdfs:label ?policy_ko . FILTER(LANG(?policy_ko) = "ko") }
} ORDER BY ?theme ?policy
""",
        description_en="Policies owned by the focus city or its bodies, grouped by theme, in "
        "English and Korean.",
        description_ko="기준 도시나 그 기관의 정책을 주제별로 영문과 국문 이름으로 "
        "보여 줍니다.",
    ),
    Example(
        "documents-facts",
        "Source documents and how many facts each supports",
        "출처 문서별 근거가 되는 사실 수",
        """\
SELECT ?document ?title ?publisher (COUNT(DISTINCT ?fact) AS ?facts) WHERE {
  ?fact cg:evidence ?ev .
  ?ev dcterms:source ?document .
  OPTIONAL { ?document dcterms:title ?title }
  OPTIONAL { ?document dcterms:publisher ?publisher }
} GROUP BY ?document ?title ?publisher ORDER BY DESC(?facts) ?document
""",
        description_en="Every document the graph cites, ranked by the number of facts "
        "(agreements, places, events ...) it is evidence for.",
        description_ko="그래프가 인용하는 모든 문서를, 근거가 되는 사실(협약, 장소, 행사 "
        "등)의 수로 순위를 매깁니다.",
    ),
    Example(
        "forum-editions",
        "World Cities Summit Mayors Forum editions and their hosts",
        "세계도시정상회의 시장포럼 회차별 개최 도시",
        """\
SELECT DISTINCT ?edition ?forum ?host ?host_ko ?partner_of_focus WHERE {
  ?f cg:eventKind <https://w3id.org/citygraph/kind/event/forum> ; cg:edition ?edition ;
     rdfs:label ?forum . FILTER(LANG(?forum) = "en")
  ?h cg:event ?f ; cg:participant ?c ;
     cg:participationRole <https://w3id.org/citygraph/kind/participation/host> .
  ?c a cg:City ; rdfs:label ?host . FILTER(LANG(?host) = "en")
  OPTIONAL { ?c rdfs:label ?host_ko . FILTER(LANG(?host_ko) = "ko") }
  BIND(IF(EXISTS { ?a a cg:Agreement ; cg:party {focus}, ?c . FILTER(?c != {focus}) },
          "yes", "no") AS ?partner_of_focus)
} ORDER BY ?edition
""",
        description_en="Each edition of the mayors forum with its host city, and whether the "
        "host has an agreement with the focus city.",
        description_ko="시장포럼 회차마다 개최 도시와, 그 도시가 기준 도시와 협약을 "
        "맺었는지를 보여 줍니다.",
    ),
    Example(
        "partnerships-listed",
        "The focus city's partnerships: which a public list states, and their agreements",
        "기준 도시의 결연: 공개 목록에 실렸는지와 협약 수",
        """\
SELECT ?partner (COUNT(DISTINCT ?a) AS ?agreements) ?listed WHERE {
  VALUES ?focus { {focus} }
  ?tie cg:party ?focus . ?tie a cg:Partnership ; cg:party ?p . FILTER(?p != ?focus)
  ?p rdfs:label ?partner . FILTER(LANG(?partner) = "en")
  OPTIONAL { ?a cg:partnership ?tie }
  BIND(IF(EXISTS { ?tie cg:evidence ?ev }, "yes", "no") AS ?listed)
} GROUP BY ?partner ?listed ORDER BY DESC(?listed) DESC(?agreements) ?partner
""",
        description_en="One row per partnership (a tie between two places, whatever its kind), "
        "with its agreements and whether the world's twin-town list states it (built with "
        "citygraph build --world).",
        description_ko="결연(종류와 상관없는 두 곳 사이의 관계)마다 한 줄로, 협약 수와 세계 "
        "자매도시 목록에 실렸는지를 보여 줍니다(citygraph build --world로 빌드했을 때).",
    ),
    Example(
        "country-pairs",
        "Partnerships per pair of countries",
        "국가 쌍별 결연 수",
        """\
SELECT ?country_a ?country_b (COUNT(DISTINCT ?tie) AS ?ties) WHERE {
  ?tie a cg:Partnership ; cg:party ?a, ?b .
  ?a cg:country ?ca . ?b cg:country ?cb .
  ?ca dcterms:identifier ?country_a . ?cb dcterms:identifier ?country_b .
  FILTER(?country_a < ?country_b || (?country_a = ?country_b && STR(?a) < STR(?b)))
} GROUP BY ?country_a ?country_b ORDER BY DESC(?ties) ?country_a ?country_b LIMIT 100
""",
        description_en="How twinning clusters by country: every partnership in the graph "
        "counted once under the codes of its two places' countries.",
        description_ko="결연이 국가별로 어떻게 모이는지: 그래프의 모든 결연을 두 곳의 국가 "
        "코드 쌍으로 한 번씩 셉니다.",
    ),
    Example(
        "most-partnered",
        "Places with the most partnerships",
        "결연이 가장 많은 곳",
        """\
SELECT ?place ?country (COUNT(DISTINCT ?tie) AS ?partnerships) WHERE {
  ?tie a cg:Partnership ; cg:party ?p .
  ?p rdfs:label ?place . FILTER(LANG(?place) = "en")
  ?p cg:country/dcterms:identifier ?country .
} GROUP BY ?p ?place ?country ORDER BY DESC(?partnerships) ?place LIMIT 50
""",
        description_en="The best-connected places of the twinning network (with the world's "
        "list built in, the whole world's; else the curated graph's).",
        description_ko="자매결연 네트워크에서 가장 많이 이어진 곳(세계 목록을 넣어 빌드했으면 "
        "전 세계, 아니면 큐레이션 그래프).",
    ),
)

EXAMPLES_BY_KEY = MappingProxyType({example.key: example for example in EXAMPLES})
