"""Example SPARQL queries, each described in English and Korean.

They appear on the home page and in the README, and the tests run them.  Each
is written for the focus city (setting ``CITYGRAPH_FOCUS``, Seoul by default):
``{focus}`` in a body stands for its IRI.
"""

from __future__ import annotations

from dataclasses import dataclass

from citygraph.graph.lookup import sparql_iri

__all__ = ["EXAMPLES", "PREFIXES", "Example"]

PREFIXES = """\
PREFIX cg: <https://w3id.org/citygraph/ontology#>
PREFIX id: <https://w3id.org/citygraph/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@dataclass(frozen=True, slots=True)
class Example:
    """A named example query."""

    key: str
    title_en: str
    title_ko: str
    body: str

    def sparql(self, focus: str) -> str:
        """Return the query with its prefixes, for the focus city's IRI."""
        return PREFIXES + self.body.replace("{focus}", sparql_iri(focus))


EXAMPLES = (
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
    ),
)
