r"""Candidate relations: pairs of entities mentioned together, described by their context.

The learned relation model (:mod:`.relation_model`) scores each candidate.
A candidate is two entities whose types fit a relation type, mentioned in the
same sentence, or in consecutive sentences when the second refers back to
both sides ("both cities", "the two mayors", "양 도시", "두 시장").  Its
features describe the language around the pair, never the names: the words
and Korean particles between and beside the mentions, trigger words (meeting,
signing, attending, hosting ...), the distance and the other entities in
between.

Examples
--------
>>> from citygraph.ingest.pipeline import extract_text
>>> text = "Mayor Anna Berg of Stockholm met Mayor Oh Se-hoon of Seoul."
>>> found = extract_text(text)
>>> [(c.type, c.source, c.target) for c in candidates(text, [(0, len(text))], found)
...  if c.type == "meeting"]
[('meeting', 'person/anna-berg', 'person/oh-se-hoon')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from citygraph.ingest.extraction import Entity, Extraction

__all__ = ["SIGNATURES", "SYMMETRIC", "Candidate", "candidates", "mentions"]

#: Which entity types each relation type joins (source, target), from the format document.
SIGNATURES: Mapping[str, frozenset[tuple[str, str]]] = {
    "agreement": frozenset({("City", "City"), ("City", "Region"), ("Region", "Region")}),
    "meeting": frozenset({("Person", "Person")}),
    "office": frozenset({("Person", "City"), ("Person", "Organization"), ("Person", "Region")}),
    "participation": frozenset(
        {("City", "Event"), ("Organization", "Event"), ("Person", "Event")}
    ),
    "organizer": frozenset({("Organization", "Event")}),
    "host": frozenset({("City", "Event"), ("Organization", "Event")}),
    "award": frozenset({("City", "Prize"), ("Person", "Prize"), ("Organization", "Prize")}),
    "policy": frozenset({("Policy", "City")}),
    "located_in": frozenset(
        {
            ("City", "Country"),
            ("City", "Region"),
            ("Region", "Country"),
            ("Event", "City"),
            ("Event", "Venue"),
            ("Venue", "City"),
            ("Venue", "Region"),
            ("Venue", "Venue"),
        }
    ),
    "part_of": frozenset({("Event", "Event"), ("Organization", "Organization")}),
    "presentation": frozenset({("City", "Event"), ("Person", "Event")}),
}
#: Relation types whose direction carries no meaning.
SYMMETRIC = frozenset({"agreement", "meeting"})

# Trigger words, by what they signal; English and Korean together.
_TRIGGERS = {
    "meet": r"\bmet\b|\bmeet|talks\b|courtesy (?:call|visit)|\bcalled on\b|\breceived\b|"
    r"面談|면담|예방|접견|만나|만남|회담|환담|회동|영접",
    "sign": r"\bsign|\bconclu|\bagree|\bMOU|memorandum|declaration|statement|pact|accord|"
    r"체결|서명|협약|협정|양해각서|선언|맺",
    "sister": r"sister|twin|자매|친선",
    "friend": r"friendship|friendly|우호",
    "since": r"\bsince\b|anniversary|\bties\b|relationship|주년|이후|결연|인연",
    "renew": r"renew|extend|upgrad|갱신|연장|격상",
    "attend": r"attend|particip|took part|take part|\bjoin|delegation|representatives?|"
    r"참석|참가|참여|대표단|방문단",
    "host": r"\bhost|co-host|주최|개최",
    "organize": r"organi[sz]|arrang|주관|운영",
    "held": r"\bheld\b|took place|\bvenue\b|열린|열렸|열리|개최된|개최되|진행",
    "present": r"keynote|present|speech|speaker|lecture|address|발표|기조연설|강연|연설|발제",
    "award": r"award|prize|\bwon\b|\bwins?\b|honou?r|수상|시상|선정|상을",
    "title": r"mayor|governor|minister|chair|president|secretary|ambassador|consul|"
    r"director|speaker|시장|지사|장관|의장|위원장|총재|사무총장|대사|영사|청장|총리|회장",
    "deputy": r"vice|deputy|acting|부시장|권한대행|부지사",
    "policy": r"policy|system|program|scheme|service|정책|제도|사업|시스템",
    "part": r"session|zone|part of|track|세션|분과|부대행사|산하",
    "visit": r"visit|tour|trip|방문|순방|출장",
    "located": r"\blocated|\bin the (?:city|capital)|소재|위치",
    "invite": r"invit|초청|초대",
    "both": r"\b(?:both|two) (?:cities|mayors|sides|leaders|capitals)\b|양\s?(?:도시|시장|측|시)|"
    r"두\s?(?:도시|시장)",
}
_TRIGGER_RES = {k: re.compile(v, re.IGNORECASE) for k, v in _TRIGGERS.items()}
_PARTICLE = re.compile(
    r"^(?:으로서|에서는|에서도|에서|에게|께서|으로|까지|부터|와의|과의|"
    r"와|과|은|는|이|가|을|를|에|의|도|로|및)"
)
_TOKEN = re.compile(r"_+|[A-Za-z]+|[가-힣]+|\d+|[^\sA-Za-z가-힣\d_]")
_STRIP = re.compile(
    r"(?:으로서|에서는|에서도|에서|에게|께서|으로|까지|부터|와의|과의|"
    r"와|과|은|는|이|가|을|를|에|의|도|로)$"
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible relation: its type, its ends, the span stating it and its features.

    ``anchor`` is the span of the source's mention the features describe.
    """

    type: str
    source: str
    target: str
    start: int
    end: int
    anchor: tuple[int, int]
    features: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    entity: str
    type: str


def _names(e: Entity) -> list[str]:
    return sorted(
        {n for n in (e.labels.en, e.labels.ko, *e.aliases) if n and len(n) >= 2},
        key=lambda n: -len(n),
    )


def mentions(text: str, entities: Iterable[Entity]) -> list[tuple[int, int, str, str]]:
    """Every place an entity is named: its recorded mentions and each further occurrence.

    Longer names win where names overlap.  Returns ``(start, end, entity id,
    type)`` in text order.

    >>> from citygraph.ingest.extraction import EntityType, Labels, Span
    >>> e = Entity("city/lima", EntityType.CITY, Labels("Lima"), mentions=(Span(0, 4),))
    >>> mentions("Lima and Lima.", [e])
    [(0, 4, 'city/lima', 'City'), (9, 13, 'city/lima', 'City')]
    """
    found: list[_Mention] = []
    for e in entities:
        for span in e.mentions:
            found.append(_Mention(span.start, span.end, e.id, e.type.value))
        for name in _names(e):
            latin = name[0].isascii() and name[-1].isascii()
            at = text.find(name)
            while at >= 0:
                end = at + len(name)
                if not latin or (
                    (at == 0 or not text[at - 1].isalnum())
                    and (end == len(text) or not text[end].islower())
                ):
                    found.append(_Mention(at, end, e.id, e.type.value))
                at = text.find(name, at + 1)
    found.sort(key=lambda m: (-(m.end - m.start), m.start, m.entity))
    taken = bytearray(len(text) + 1)
    kept: list[_Mention] = []
    for m in found:
        if m.end <= len(text) and not any(taken[m.start : m.end]):
            kept.append(m)
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    return sorted((m.start, m.end, m.entity, m.type) for m in kept)


def _masked(text: str, spots: list[_Mention]) -> str:
    """The text with every mention blanked to ``_``: features see no names, only context."""
    chars = list(text)
    for m in spots:
        chars[m.start : m.end] = "_" * (m.end - m.start)
    return "".join(chars)


def _tokens(text: str) -> list[str]:
    return ["@" if t[0] == "_" else _STRIP.sub("", t.casefold()) or t
            for t in _TOKEN.findall(text)]


def _particle(text: str, at: int) -> str:
    m = _PARTICLE.match(text[at : at + 4])
    return m.group() if m else ("_" if at < len(text) and text[at] == " " else text[at : at + 1])


def _bucket(n: int) -> str:
    for limit, name in ((2, "adjacent"), (10, "near"), (30, "close"), (80, "mid")):
        if n <= limit:
            return name
    return "far"


def _features(
    text: str,
    sentence: tuple[int, int],
    a: _Mention,
    b: _Mention,
    type_: str,
    others: list[_Mention],
    crossing: bool,
) -> tuple[str, ...]:
    first, second = (a, b) if a.start <= b.start else (b, a)
    s_start, s_end = sentence
    between = text[first.end : second.start] if not crossing else ""
    before = text[max(s_start, first.start - 25) : first.start]
    after = text[second.end : min(s_end, second.end + 25)]
    whole = text[s_start:s_end]
    f = [
        f"sig={a.type}>{b.type}",
        f"order={'ab' if a.start <= b.start else 'ba'}",
        f"dist={_bucket(second.start - first.end)}" if not crossing else "cross",
        f"p1={_particle(text, first.end)}",
        f"p2={_particle(text, second.end)}",
    ]
    inside = [o for o in others if first.end <= o.start and o.end <= second.start]
    f.append(f"inside={min(len(inside), 3)}")
    f += sorted({f"inside_type={o.type}" for o in inside})
    same = sum(1 for o in others if o.type == b.type and o.entity != b.entity)
    f.append(f"rivals={min(same, 2)}")
    if first.start == s_start or not text[s_start : first.start].strip(" *-•·#\"'“‘"):
        f.append("first_opens")
    for name, pattern in _TRIGGER_RES.items():
        if pattern.search(between):
            f.append(f"b:{name}")
        if pattern.search(before):
            f.append(f"pre:{name}")
        if pattern.search(after):
            f.append(f"post:{name}")
        if pattern.search(whole):
            f.append(f"s:{name}")
    tokens = _tokens(between)
    if len(tokens) <= 8:
        f += sorted({f"bw={t}" for t in tokens})
    else:
        f += sorted({f"bw_head={t}" for t in tokens[:3]} | {f"bw_tail={t}" for t in tokens[-3:]})
    f += [f"pre1={t}" for t in _tokens(before)[-1:]]
    f += [f"post1={t}" for t in _tokens(after)[:1]]
    f += [f"end={t}" for t in _tokens(whole)[-2:]]
    return tuple(dict.fromkeys(f"{type_}|{x}" for x in f))


def candidates(
    text: str, sentences: list[tuple[int, int]], extraction: Extraction
) -> list[Candidate]:
    """The candidate relations of a document, one per entity pair and sentence.

    Parameters
    ----------
    text
        The document text the mentions' offsets point into.
    sentences
        Sentence spans, in order (:attr:`.doc.Doc.sentences`).
    extraction
        What the rules found: the entities and their mentions.
    """
    spots = [_Mention(*m) for m in mentions(text, extraction.entities)]
    masked = _masked(text, spots)
    out: list[Candidate] = []
    previous: list[_Mention] = []
    for sentence in sentences:
        here = [m for m in spots if sentence[0] <= m.start and m.end <= sentence[1]]
        s = text[sentence[0] : sentence[1]]
        back = _TRIGGER_RES["both"].search(s)
        pairs = [(x, y, False) for i, x in enumerate(here) for y in here[i + 1 :]]
        if back:  # "Both cities signed": the two named just before, or one before, one here
            pairs += [(x, y, True) for x in previous for y in here]
            pairs += [(x, y, True) for i, x in enumerate(previous) for y in previous[i + 1 :]]
        best: dict[tuple[str, str, str], tuple[int, Candidate]] = {}
        for x, y, crossing in pairs:
            if x.entity == y.entity:
                continue
            for type_, signatures in SIGNATURES.items():
                for a, b in ((x, y), (y, x)):
                    if (a.type, b.type) not in signatures:
                        continue
                    if type_ in SYMMETRIC and a is y and (x.type, y.type) in signatures:
                        continue
                    span = (min(a.start, b.start, sentence[0]), sentence[1])
                    distance = abs(b.start - a.start) + (1000 if crossing else 0)
                    key = (type_, a.entity, b.entity)
                    if key in best and best[key][0] <= distance:
                        continue
                    features = _features(masked, sentence, a, b, type_, here, crossing)
                    best[key] = (
                        distance,
                        Candidate(type_, a.entity, b.entity, *span, (a.start, a.end), features),
                    )
        out += [c for _, c in best.values()]
        if here:
            previous = here
    return out

