"""Analytics over the projected graphs: pure functions, no store access.

The functions take the graphs of :mod:`citygraph.graph.network.project` (a
:func:`~citygraph.graph.network.project.city_network` MultiGraph, and for the
centralities any graph) and never change them.  Where a function needs a
city it accepts its IRI, its data key (``seoul``) or its English or Korean
label (see :func:`resolve`).

Centralities collapse parallel edges into one edge of a simple undirected
graph whose ``weight`` is the number of ties between the two nodes.

Examples
--------
>>> g = example_network()
>>> top(degree(g), 1)
[('https://example.org/seoul', 1.0)]
>>> [hop.en for hop in explain_path(g, "seoul", "dublin")]
['Seoul and Dublin both took part in World Cities Summit Mayors Forum 2023.']
>>> [(r.place.label, r.score) for r in recommend(g, "seoul")]
[('Dublin', 3.5)]
"""

from __future__ import annotations

import itertools
import unicodedata
import warnings
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from citygraph.graph.network.records import Place, place
from citygraph.ingest.errors import InvalidParameter, NotFound
from citygraph.ontology.vocab import local_path

__all__ = [
    "SCORES",
    "Hop",
    "NoConnection",
    "Recommendation",
    "UnknownPlace",
    "betweenness",
    "communities",
    "degree",
    "ego",
    "eigenvector",
    "example_network",
    "explain_path",
    "recommend",
    "resolve",
    "simple",
    "top",
]

#: Points per signal in :func:`recommend`.
SCORES: Mapping[str, float] = {
    "forum": 3.0,  # per top-level event both took part in
    "meeting": 3.0,  # per bilateral meeting with the focus
    "partner": 2.0,  # per city that has agreements with both
    "prize": 2.0,  # per prize both won
    "continent": 1.0,  # times the share of the focus's partners on its continent
}

# Hop preference in explain_path: lower is preferred.
_RANK = {"agreement": 0, "meeting": 1, "forum": 2, "prize": 3}
_KIND_RANK = {"sister": 0, "chinseon": 0, "friendship": 1}


class UnknownPlace(NotFound):
    """A name that is no place of the graph."""


class NoConnection(NotFound):
    """No path links the two places."""


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path, with a sentence in English and in Korean."""

    source: str
    """The IRI of the place the step starts from."""
    target: str
    """The IRI of the place it reaches."""
    relation: str
    """agreement, forum, meeting or prize."""
    kind: str | None
    year: int | None
    en: str
    ko: str
    via: str = ""
    """The IRI of the agreement, event or prize behind the step."""
    via_url: str | None = None
    """Its linked-data page on this server."""


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A place the focus city has no agreement with, and why it is suggested."""

    place: Place
    score: float
    """The sum of the signals' points (see ``SCORES``)."""
    reasons: tuple[str, ...]
    reasons_ko: tuple[str, ...]


# -- helpers -------------------------------------------------------------------


def example_network() -> nx.MultiGraph:
    """A four-city network for the examples.

    Seoul's sister city Taipei, its MOU partner Odense, and Dublin, which met
    Seoul and Odense at a forum.

    >>> sorted(example_network().nodes[n]["label"] for n in example_network())
    ['Dublin', 'Odense', 'Seoul', 'Taipei']
    """
    g = nx.MultiGraph()
    for key, en, ko, continent in (
        ("seoul", "Seoul", "서울", "AS"),
        ("taipei", "Taipei", "타이베이", "AS"),
        ("odense", "Odense", "오덴세", "EU"),
        ("dublin", "Dublin", "더블린", "EU"),
    ):
        g.add_node(f"https://example.org/{key}", iri=f"https://example.org/{key}", key=key,
                   label=en, label_ko=ko, type="City", continent=continent,
                   continent_label={"AS": "Asia", "EU": "Europe"}[continent],
                   continent_label_ko={"AS": "아시아", "EU": "유럽"}[continent])
    seoul, taipei, odense, dublin = (f"https://example.org/{k}"
                                     for k in ("seoul", "taipei", "odense", "dublin"))
    g.add_edge(seoul, taipei, key="a1", relation="agreement", agreement="a1", kind="sister",
               broader=(), year=1968, date="1968", dates=["1968"])
    g.add_edge(seoul, odense, key="a2", relation="agreement", agreement="a2", kind="mou",
               broader=(), year=2014, date="2014-08-11", dates=["2014-08-11"])
    forum = {"relation": "forum", "event": "wcsmf-12", "year": 2023, "date": "2023-09-24",
             "event_label": "World Cities Summit Mayors Forum 2023",
             "event_label_ko": "2023 세계도시정상회의 시장포럼"}
    for a, b in ((seoul, dublin), (seoul, odense), (odense, dublin)):
        g.add_edge(a, b, key="wcsmf-12", **forum)
    return g


def simple(g: nx.Graph) -> nx.Graph:
    """Collapse a (multi, directed) graph into a simple undirected weighted Graph.

    The ``weight`` of an edge is the number of edges between its two nodes;
    node attributes are copied, edge attributes are not; self-loops are left out.

    >>> h = simple(example_network())
    >>> h["https://example.org/seoul"]["https://example.org/odense"]["weight"]
    2
    """
    h = nx.Graph()
    h.add_nodes_from(g.nodes(data=True))
    for u, v in g.edges():
        if u == v:
            continue
        if h.has_edge(u, v):
            h[u][v]["weight"] += 1
        else:
            h.add_edge(u, v, weight=1)
    return h


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def resolve(g: nx.Graph, name: str) -> str:
    """Find a node by IRI, data key (``seoul``) or English or Korean label.

    Raises
    ------
    ValueError
        When no node, or more than one, answers to the name; the message
        names it.

    Examples
    --------
    >>> g = example_network()
    >>> resolve(g, "타이베이")
    'https://example.org/taipei'
    >>> resolve(g, "Atlantis")
    Traceback (most recent call last):
    ...
    citygraph.graph.network.analysis.UnknownPlace: 'Atlantis' is not a place in this graph ...
    """
    if name in g:
        return name
    wanted = _normal(name)
    found = sorted(
        str(n) for n, d in g.nodes(data=True)
        if wanted in {_normal(str(d.get(a) or "")) for a in ("key", "label", "label_ko")}
    )
    if len(found) == 1:
        return found[0]
    if not found:
        raise UnknownPlace(
            f"{name!r} is not a place in this graph (give its IRI, data key or label)")
    raise InvalidParameter(f"{name!r} names {len(found)} places ({', '.join(found)}); give the IRI")


def _en(g: nx.Graph, node: str) -> str:
    d = g.nodes[node]
    return str(d.get("label") or d.get("label_ko") or node)


def _ko(g: nx.Graph, node: str) -> str:
    d = g.nodes[node]
    return str(d.get("label_ko") or d.get("label") or node)


def _josa(word: str, after_consonant: str, after_vowel: str) -> str:
    """Attach a Korean particle that depends on the final sound (과/와, 은/는).

    >>> _josa("서울", "과", "와"), _josa("타이베이", "은", "는"), _josa("NYC", "과", "와")
    ('서울과', '타이베이는', 'NYC과(와)')
    """
    return word + _particle(word, after_consonant, after_vowel)


def _particle(word: str, after_consonant: str, after_vowel: str) -> str:
    last = word[-1:] or " "
    if "가" <= last <= "힣":
        return after_consonant if (ord(last) - 0xAC00) % 28 else after_vowel
    return f"{after_consonant}({after_vowel})"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _edges_between(g: nx.Graph, u: str, v: str) -> list[dict[str, Any]]:
    if g.is_multigraph():
        found = [dict(d) for d in g.get_edge_data(u, v, default={}).values()]
        if g.is_directed():
            found += [dict(d) for d in g.get_edge_data(v, u, default={}).values()]
        return found
    data = g.get_edge_data(u, v) or (g.get_edge_data(v, u) if g.is_directed() else None)
    return [dict(data)] if data is not None else []


# -- centralities ----------------------------------------------------------------


def degree(g: nx.Graph) -> dict[str, float]:
    """Degree centrality: the share of the other nodes a node is tied to.

    Parallel ties count once (collapsed by :func:`simple`).

    >>> degree(example_network())["https://example.org/taipei"]
    0.3333333333333333
    """
    return {str(n): float(v) for n, v in nx.degree_centrality(simple(g)).items()}


def betweenness(g: nx.Graph, *, k: int | None = None, seed: int = 0) -> dict[str, float]:
    """Normalised betweenness centrality over unweighted hops.

    ``k`` estimates it from that many sampled sources (fixed ``seed``), for
    graphs of many thousands of places; exact by default.

    >>> top(betweenness(example_network()), 1)
    [('https://example.org/seoul', 0.6666666666666666)]
    """
    h = simple(g)
    sample = k if k is not None and k < h.number_of_nodes() else None
    return {str(n): float(v)
            for n, v in nx.betweenness_centrality(h, k=sample, seed=seed).items()}


def eigenvector(g: nx.Graph, *, max_iter: int = 1000, tol: float = 1e-06) -> dict[str, float]:
    """Eigenvector centrality, weighted by the number of ties, per component.

    Eigenvector centrality is only defined for a connected graph, so it is
    computed for each connected component with at least two nodes (networkx,
    unit length) and scaled by ``λ / λmax``: the component's leading
    eigenvalue over the largest one.  The component with the largest
    eigenvalue (on a connected graph, the whole graph) gets exactly networkx's
    scores; a weaker island scores lower, as it would in the limit of a
    barely connected graph.  Isolated nodes score 0.0; so does a component
    whose power iteration does not converge within ``max_iter``, with a
    :class:`RuntimeWarning` naming it.

    >>> g = example_network()
    >>> _ = g.add_edge("https://example.org/x", "https://example.org/y")  # an island
    >>> g.add_node("https://example.org/atlantis")
    >>> scores = eigenvector(g)
    >>> top(scores, 1)[0][0], round(scores["https://example.org/x"], 2)
    ('https://example.org/seoul', 0.25)
    >>> scores["https://example.org/atlantis"]
    0.0
    """
    h = simple(g)
    scores = {str(node): 0.0 for node in h}
    parts: list[tuple[float, dict[str, float]]] = []
    for component in nx.connected_components(h):
        if len(component) < 2:
            continue
        sub = h.subgraph(component)
        try:
            part = nx.eigenvector_centrality(sub, max_iter=max_iter, tol=tol, weight="weight")
        except nx.PowerIterationFailedConvergence:
            warnings.warn(
                f"eigenvector centrality did not converge in {max_iter} iterations for the "
                f"component of {min(component)} ({len(component)} nodes); scored 0.0",
                RuntimeWarning, stacklevel=2,
            )
            continue
        # the Rayleigh quotient of the unit vector is the leading eigenvalue
        eigenvalue = sum(part[u] * d["weight"] * part[v] for u, v, d in sub.edges(data=True)) * 2
        parts.append((eigenvalue, {str(k): float(v) for k, v in part.items()}))
    largest = max((value for value, _ in parts), default=0.0)
    for value, part in parts:
        for node, score in part.items():
            scores[node] = score * value / largest
    return scores


def top(scores: Mapping[str, float], n: int = 10) -> list[tuple[str, float]]:
    """The ``n`` highest scores, ties broken by IRI.

    >>> top({"b": 1.0, "a": 1.0, "c": 2.0}, 2)
    [('c', 2.0), ('a', 1.0)]
    """
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:n]


# -- neighbourhoods, paths, communities --------------------------------------------


def ego(g: nx.Graph, center: str, hops: int = 1) -> nx.Graph:
    """The places within ``hops`` ties of ``center``, with every edge between them.

    Returns a new graph of the same class (a MultiGraph for the city network)
    with parallel edges kept.

    >>> h = ego(example_network(), "taipei")
    >>> sorted(h.nodes), h.number_of_edges()
    (['https://example.org/seoul', 'https://example.org/taipei'], 1)
    >>> ego(example_network(), "taipei", hops=2).number_of_edges()  # Seoul–Odense twice
    5
    """
    node = resolve(g, center)
    return nx.ego_graph(g, node, radius=hops, undirected=True).copy()


def _best(edges: list[dict[str, Any]]) -> dict[str, Any]:
    """The tie that best explains a hop: by relation, then kind, year and IRI."""
    def rank(d: dict[str, Any]) -> tuple[int, int, int, str]:
        year = d.get("year")
        via = d.get("agreement") or d.get("event") or d.get("prize") or ""
        return (_RANK.get(str(d.get("relation")), len(_RANK)),
                _KIND_RANK.get(str(d.get("kind")), 2),
                year if isinstance(year, int) else 10_000, str(via))
    return min(edges, key=rank)


_TIES = {  # kind -> (English plural noun, Korean noun)
    "sister": ("sister cities", "자매도시"),
    "chinseon": ("sister-level (chinseon) cities", "친선도시"),
    "friendship": ("friendship cities", "우호도시"),
}
_DOCUMENTS = {  # kind -> (English, Korean with its object particle)
    "mou": ("a memorandum of understanding", "양해각서(MOU)를"),
    "cooperation": ("a cooperation agreement", "협력 협약을"),
    "declaration": ("a joint declaration", "공동선언을"),
    "exchange": ("a memorandum of exchange", "교류 각서를"),
}


def _sentences(g: nx.Graph, u: str, v: str, d: Mapping[str, Any]) -> tuple[str, str]:
    a, b = _en(g, u), _en(g, v)
    a_ko, b_ko = _josa(_ko(g, u), "과", "와"), _josa(_ko(g, v), "은", "는")
    relation = d.get("relation")
    year = d.get("year")
    if relation == "agreement":
        kind = str(d.get("kind") or "")
        years = sorted({int(str(x)[:4]) for x in d.get("dates") or [] if str(x)[:4].isdigit()})
        others = [y for y in years if y != year]
        also = f" (sources also give {_and([str(y) for y in others])})" if others else ""
        also_ko = f"(출처에 따라 {', '.join(f'{y}년' for y in others)})" if others else ""
        if kind in _TIES or set(d.get("broader") or ()) & {"sister"}:
            noun, noun_ko = _TIES.get(kind, _TIES["sister"])
            cities = all(g.nodes[n].get("type", "City") == "City" for n in (u, v))
            if not cities:
                noun = noun.replace("cities", "partners")
            if year is None:
                return f"{a} and {b} are {noun}.", f"{a_ko} {b_ko} {noun_ko}입니다."
            return (f"{a} and {b} have been {noun} since {year}{also}.",
                    f"{a_ko} {b_ko} {year}년부터 {noun_ko}입니다{also_ko}.")
        what, what_ko = _DOCUMENTS.get(kind, ("an agreement", "협약을"))
        if year is None:
            return f"{a} and {b} have signed {what}.", f"{a_ko} {b_ko} {what_ko} 체결했습니다."
        return (f"{a} and {b} signed {what} in {year}{also}.",
                f"{a_ko} {b_ko} {year}년 {what_ko} 체결했습니다{also_ko}.")
    if relation in ("forum", "meeting"):
        event = str(d.get("event_label") or d.get("event_label_ko") or d.get("event"))
        event_ko = str(d.get("event_label_ko") or event)
        if relation == "meeting":
            return (f"{a} and {b} met at {event}.", f"{a_ko} {b_ko} {event_ko}에서 만났습니다.")
        return (f"{a} and {b} both took part in {event}.",
                f"{a_ko} {b_ko} 모두 {event_ko}에 참가했습니다.")
    if relation == "prize":
        prize = str(d.get("prize_label") or d.get("prize_label_ko") or d.get("prize"))
        prize_ko = str(d.get("prize_label_ko") or prize)
        award_years = d.get("award_years") or {}
        yu, yv = award_years.get(u), award_years.get(v)
        if yu is not None and yv is not None:
            ko_u, ko_v = _ko(g, u), _ko(g, v)
            return (f"{a} ({yu}) and {b} ({yv}) both won the {prize}.",
                    f"{ko_u}({yu}년){_particle(ko_u, '과', '와')} "
                    f"{ko_v}({yv}년){_particle(ko_v, '은', '는')} "
                    f"모두 {_josa(prize_ko, '을', '를')} 받았습니다.")
        return (f"{a} and {b} both won the {prize}.",
                f"{a_ko} {b_ko} 모두 {_josa(prize_ko, '을', '를')} 받았습니다.")
    predicate = str(d.get("predicate") or relation or "a link")
    name = predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return (f"{a} is linked to {b} ({name}).", f"{a_ko} {b_ko} 연결되어 있습니다({name}).")


def explain_path(g: nx.Graph, source: str, target: str) -> list[Hop]:
    """Explain, hop by hop, how two places are connected.

    The path has the fewest hops; among those, hops over agreements are
    preferred to meetings, forums and prizes, and sister-level agreements to
    friendship and other agreements (a hop costs 1, plus 0.1 per step down
    the first list and 0.01 per step down the second).  Each hop is
    explained by its best tie in the same order, the earliest first.

    Parameters
    ----------
    g
        A city network (or any graph whose edges carry ``relation``).
    source, target
        IRIs, data keys or labels of two places.

    Returns
    -------
    list of Hop
        Empty when ``source`` and ``target`` are the same place.

    Raises
    ------
    ValueError
        When a place is not in the graph (the message names it), or
        :class:`NoConnection` (a ``ValueError``) when no path links them.

    Examples
    --------
    >>> g = example_network()
    >>> for hop in explain_path(g, "taipei", "dublin"):
    ...     print(hop.en)
    ...     print(hop.ko)
    Taipei and Seoul have been sister cities since 1968.
    타이베이와 서울은 1968년부터 자매도시입니다.
    Seoul and Dublin both took part in World Cities Summit Mayors Forum 2023.
    서울과 더블린은 모두 2023 세계도시정상회의 시장포럼에 참가했습니다.
    >>> g.add_node("https://example.org/atlantis", label="Atlantis")
    >>> explain_path(g, "seoul", "Atlantis")
    Traceback (most recent call last):
    ...
    citygraph.graph.network.analysis.NoConnection: no connection between Seoul and Atlantis
    """
    u, v = resolve(g, source), resolve(g, target)
    if u == v:
        return []
    h = nx.Graph()
    h.add_nodes_from(g.nodes)
    for a, b, d in g.edges(data=True):
        if a == b:
            continue
        cost = (1 + 0.1 * _RANK.get(str(d.get("relation")), len(_RANK))
                + 0.01 * _KIND_RANK.get(str(d.get("kind")), 2))
        if not h.has_edge(a, b) or h[a][b]["cost"] > cost:
            h.add_edge(a, b, cost=cost)
    try:
        path = nx.shortest_path(h, u, v, weight="cost")
    except nx.NetworkXNoPath:
        raise NoConnection(f"no connection between {_en(g, u)} and {_en(g, v)}") from None
    hops = []
    for a, b in itertools.pairwise(path):
        d = _best(_edges_between(g, a, b))
        en, ko = _sentences(g, a, b, d)
        year = d.get("year")
        kind = d.get("kind") if d.get("relation") == "agreement" else d.get("event_kind")
        via = str(d.get("agreement") or d.get("event") or d.get("prize") or "")
        hops.append(Hop(
            source=a, target=b, relation=str(d.get("relation") or d.get("predicate") or ""),
            kind=str(kind) if kind else None, year=year if isinstance(year, int) else None,
            en=en, ko=ko, via=via, via_url=local_path(via),
        ))
    return hops


def communities(g: nx.Graph, *, seed: int = 0, min_size: int = 1) -> list[set[str]]:
    """Louvain communities of the collapsed weighted graph, with a fixed seed.

    Returned largest first (ties by their first IRI); communities smaller
    than ``min_size`` (e.g. isolated places, with ``min_size=2``) are left out.

    >>> g = example_network()
    >>> [sorted(c) for c in communities(g)]  # doctest: +NORMALIZE_WHITESPACE
    [['https://example.org/dublin', 'https://example.org/odense',
      'https://example.org/seoul', 'https://example.org/taipei']]
    """
    h = simple(g)
    found = nx.community.louvain_communities(h, weight="weight", seed=seed)
    groups = [{str(n) for n in c} for c in found if len(c) >= min_size]
    return sorted(groups, key=lambda c: (-len(c), min(c)))


# -- the focus city's agreements ------------------------------------------------------


def _partners(g: nx.Graph, node: str) -> set[str]:
    return {o for _, o, d in g.edges(node, data=True)
            if d.get("relation") == "agreement" and o != node}


def recommend(g: nx.Graph, focus: str, n: int = 10) -> list[Recommendation]:
    """Suggest places the focus city has no agreement with, and say why.

    A candidate is a city or region without an agreement edge to the focus.
    It scores (see :data:`SCORES`): 3 per top-level event both took part in
    (``forum``), 3 per bilateral meeting with the focus, 2 per prize both
    won, 2 per shared partner (a place with agreements with both), and up to
    1 for its continent: the share of the focus's partners on the same
    continent.  Candidates with a positive score are ranked by score, then
    by label.  Run it on a network filtered with ``as_of`` to see what was
    suggested at the time.

    Returns
    -------
    list of Recommendation
        At most ``n``, each with its reasons in English and Korean.

    Examples
    --------
    >>> [rec] = recommend(example_network(), "seoul")
    >>> rec.place.label, rec.score
    ('Dublin', 3.5)
    >>> for reason in rec.reasons:
    ...     print(reason)
    took part with Seoul in World Cities Summit Mayors Forum 2023
    in Europe, like 1 of Seoul’s 2 partners
    >>> rec.reasons_ko[0]
    '서울과 함께 2023 세계도시정상회의 시장포럼에 참가'
    """
    node = resolve(g, focus)
    me, me_ko = _en(g, node), _ko(g, node)
    partners = _partners(g, node)
    on_continent = Counter(g.nodes[p].get("continent") for p in partners
                           if g.nodes[p].get("continent"))
    forums: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    meetings: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    prizes: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for _, other, d in g.edges(node, data=True):
        relation = d.get("relation")
        if relation == "forum":
            forums[other][str(d.get("event"))] = d
        elif relation == "meeting":
            meetings[other][str(d.get("event"))] = d
        elif relation == "prize":
            prizes[other][str(d.get("prize"))] = d
    found = []
    for cand, data in g.nodes(data=True):
        if cand == node or cand in partners or data.get("type") == "Country":
            continue
        score = 0.0
        reasons: list[str] = []
        reasons_ko: list[str] = []
        for event, d in sorted(forums[cand].items(), key=lambda e: (e[1].get("year") or 0, e[0])):
            label = str(d.get("event_label") or event)
            score += SCORES["forum"]
            reasons.append(f"took part with {me} in {label}")
            reasons_ko.append(f"{_josa(me_ko, '과', '와')} 함께 "
                              f"{d.get('event_label_ko') or label}에 참가")
        for event, d in sorted(meetings[cand].items()):
            label = str(d.get("event_label") or event)
            score += SCORES["meeting"]
            reasons.append(f"met {me} at {label}")
            reasons_ko.append(f"{d.get('event_label_ko') or label}에서 "
                              f"{_josa(me_ko, '과', '와')} 회담")
        for prize, d in sorted(prizes[cand].items()):
            label = str(d.get("prize_label") or prize)
            years = d.get("award_years") or {}
            score += SCORES["prize"]
            won, won_me = years.get(cand), years.get(node)
            reasons.append(f"won the {label}{f' ({won})' if won else ''}, "
                           f"like {me}{f' ({won_me})' if won_me else ''}")
            reasons_ko.append(f"{me_ko}{f'({won_me}년)' if won_me else ''}처럼 "
                              f"{d.get('prize_label_ko') or label} 수상"
                              f"{f'({won}년)' if won else ''}")
        shared = sorted(_partners(g, cand) & partners, key=lambda p: _en(g, p))
        if shared:
            score += SCORES["partner"] * len(shared)
            reasons.append(f"partner of {_and([_en(g, p) for p in shared])}, like {me}")
            reasons_ko.append(f"{me_ko}처럼 {', '.join(_ko(g, p) for p in shared)}의 협력 도시")
        continent = data.get("continent")
        if continent and on_continent[continent]:
            share = on_continent[continent] / len(partners)
            score += SCORES["continent"] * share
            name = data.get("continent_label") or continent
            name_ko = data.get("continent_label_ko") or name
            reasons.append(f"in {name}, like {on_continent[continent]} of "
                           f"{me}’s {len(partners)} partners")
            reasons_ko.append(f"{me_ko}의 협력 도시 {len(partners)}곳 중 "
                              f"{on_continent[continent]}곳처럼 {name_ko}에 위치")
        if score > 0:
            found.append(Recommendation(
                place=place(g, cand), score=round(score, 3),
                reasons=tuple(reasons), reasons_ko=tuple(reasons_ko),
            ))
    found.sort(key=lambda r: (-r.score, _en(g, r.place.iri), r.place.iri))
    return found[:n]

