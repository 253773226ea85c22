"""Assertions shared by the rule tests: one entity, one relation, and its evidence."""

from __future__ import annotations

from citygraph.ingest.extraction import Entity, EntityType, Extraction, Relation


def entity(x: Extraction, type_: EntityType, name: str) -> Entity:
    """The one entity of a type with this label or alias."""
    hits = [
        e for e in x.entities
        if e.type is type_ and name in (e.labels.en, e.labels.ko, *e.aliases)
    ]
    assert len(hits) == 1, (name, [(e.id, e.labels) for e in x.entities])
    return hits[0]


def relation(
    x: Extraction, type_: str, source: Entity, target: Entity, **attributes: str
) -> Relation:
    """The one relation of a type between two entities, with these attributes (at least)."""
    hits = [
        r for r in x.relations
        if r.type.value == type_
        and r.source == source.id
        and r.target == target.id
        and all(r.attributes.get(k) == v for k, v in attributes.items())
    ]
    assert len(hits) == 1, (
        type_, source.id, target.id, attributes,
        [(r.type.value, r.source, r.target, dict(r.attributes)) for r in x.relations],
    )
    return hits[0]


def said(text: str, r: Relation, *words: str) -> None:
    """Some evidence span of ``r`` holds all the words."""
    spans = [text[v.start : v.end] for v in r.evidence]
    assert r.evidence and all(0 <= v.start < v.end <= len(text) for v in r.evidence)
    assert any(all(w in s for w in words) for s in spans), (words, spans)
