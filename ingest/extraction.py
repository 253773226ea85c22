"""The extraction format: what an extractor found in one document.

This is the interchange format documented in ``docs/extraction-format.md``:
``citygraph extract`` prints it, ``citygraph eval`` reads it as gold, and the
review file is it in YAML.  :func:`to_json` and :func:`from_json` convert it;
:class:`Collector` is the mutable builder extractors write into.

Examples
--------
>>> found = Collector()
>>> seoul = found.entity(EntityType.CITY, en="Seoul", ko="서울", span=(0, 2))
>>> kyiv = found.entity(EntityType.CITY, en="Kyiv", ko="키이우", span=(4, 7))
>>> found.relate(RelationType.AGREEMENT, seoul, kyiv, (0, 12), "ko.agreement", 0.9,
...              kind="friendship")
>>> doc = DocumentInfo("note", "note.txt", "0" * 64, "ko")
>>> data = to_json(found.result(doc))
>>> data["relations"][0]["source"], data["relations"][0]["attributes"]
('city/seoul', {'kind': 'friendship'})
>>> from_json(data).entities[1].labels.en
'Kyiv'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from citygraph.ingest.errors import BadInput

__all__ = [
    "FORMAT",
    "REVIEWS",
    "Collector",
    "DocumentInfo",
    "Entity",
    "EntityType",
    "Evidence",
    "Extraction",
    "ExtractionFormatError",
    "Labels",
    "Relation",
    "RelationType",
    "Span",
    "Warning",
    "from_json",
    "slug",
    "to_json",
]

FORMAT = "citygraph-extract/1"


class EntityType(StrEnum):
    """The types of entity an extractor reports."""

    CITY = "City"
    REGION = "Region"
    COUNTRY = "Country"
    PERSON = "Person"
    ORGANIZATION = "Organization"
    EVENT = "Event"
    PRIZE = "Prize"
    POLICY = "Policy"
    VENUE = "Venue"


class RelationType(StrEnum):
    """The types of relation an extractor reports (directions in the format doc)."""

    AGREEMENT = "agreement"
    MEETING = "meeting"
    OFFICE = "office"
    PARTICIPATION = "participation"
    ORGANIZER = "organizer"
    HOST = "host"
    AWARD = "award"
    POLICY = "policy"
    EXHIBITOR = "exhibitor"
    LOCATED_IN = "located_in"
    PART_OF = "part_of"
    PRESENTATION = "presentation"


class ExtractionFormatError(BadInput):
    """Extraction data that does not follow the format; names the field."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where


@dataclass(frozen=True, slots=True)
class Span:
    """A character span ``[start, end)`` of the decoded document text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span stating a relation, the rule that read it, and its confidence."""

    start: int
    end: int
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Labels:
    """An entity's English and Korean names."""

    en: str | None = None
    ko: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The document an extraction was read from."""

    id: str
    path: str
    sha256: str
    language: str
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A thing named in the document."""

    id: str
    type: EntityType
    labels: Labels
    aliases: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    country: str | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    mentions: tuple[Span, ...] = ()


REVIEWS = ("accepted", "rejected", "edited", "added")
"""A reviewer's decisions on a relation: kept as found, left out, kept changed, added."""


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed relation between two entities of the same extraction."""

    type: RelationType
    source: str
    target: str
    attributes: Mapping[str, str] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    review: str | None = None
    """A reviewer's decision (one of :data:`REVIEWS`); None when nobody decided."""

    @property
    def confidence(self) -> float:
        """The highest confidence among the evidence (0 without any)."""
        return max((e.confidence for e in self.evidence), default=0.0)


@dataclass(frozen=True, slots=True)
class Warning:
    """Something the reader should check, with the span it concerns."""

    message: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything found in one document."""

    document: DocumentInfo
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    warnings: tuple[Warning, ...] = ()

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id.

        Raises
        ------
        KeyError
            When there is none.
        """
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)


def slug(text: str) -> str:
    """A lower-case ASCII-or-Hangul slug for ids.

    >>> slug("Tory Whanau"), slug("서울 런 4050"), slug("(주)루플")
    ('tory-whanau', '서울-런-4050', '주-루플')
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[^\w가-힣]+", "-", text).strip("-")
    return text or "x"


class Collector:
    """A mutable builder: extractors add entities and relations; merges repeats.

    An entity is identified by ``type`` and slug of its English label, else
    its Korean label (or an explicit ``key``); adding it again merges labels,
    aliases and mentions.  A relation with the same type, endpoints and
    attributes gathers evidence instead of repeating.
    """

    def __init__(self) -> None:
        self._entities: dict[str, dict[str, Any]] = {}
        self._relations: dict[
            tuple[str, str, str, tuple[tuple[str, str], ...]], list[Evidence]
        ] = {}
        self._warnings: list[Warning] = []
        self.main_event: str | None = None  # the event the document is about, once chosen

    def entity(
        self,
        type_: EntityType,
        *,
        en: str | None = None,
        ko: str | None = None,
        key: str | None = None,
        span: tuple[int, int] | None = None,
        aliases: tuple[str, ...] = (),
        same_as: tuple[str, ...] = (),
        country: str | None = None,
        attributes: Mapping[str, str] | None = None,
        **more: str,
    ) -> str:
        """Add (or merge into) an entity; return its id."""
        name = key or en or ko
        if not name:
            raise ValueError("an entity needs a key or a label")
        entity_id = f"{type_.value.lower()}/{slug(name)}"
        e = self._entities.setdefault(
            entity_id,
            {
                "type": type_,
                "en": None,
                "ko": None,
                "aliases": [],
                "same_as": [],
                "country": None,
                "attributes": {},
                "mentions": [],
            },
        )
        for lang, label in (("en", en), ("ko", ko)):
            if label and not e[lang]:
                e[lang] = label
            elif label and label != e[lang] and label not in e["aliases"]:
                e["aliases"].append(label)
        for alias in aliases:
            if alias not in (e["en"], e["ko"]) and alias not in e["aliases"]:
                e["aliases"].append(alias)
        e["same_as"].extend(s for s in same_as if s not in e["same_as"])
        e["country"] = e["country"] or country
        for k, v in {**(attributes or {}), **more}.items():
            e["attributes"].setdefault(k, v)
        if span is not None and Span(*span) not in e["mentions"]:
            e["mentions"].append(Span(*span))
        return entity_id

    def mention(self, entity_id: str, span: tuple[int, int]) -> None:
        """Record another mention of a known entity."""
        mentions = self._entities[entity_id]["mentions"]
        if Span(*span) not in mentions:
            mentions.append(Span(*span))

    def set_attribute(self, entity_id: str, name: str, value: str) -> None:
        """Set an entity attribute unless it is already set."""
        self._entities[entity_id]["attributes"].setdefault(name, value)

    def merge(self, keep: str, drop: str) -> None:
        """Fold entity ``drop`` into ``keep``: names, mentions and relations."""
        if keep == drop or drop not in self._entities:
            return
        gone = self._entities.pop(drop)
        for name in (gone["en"], gone["ko"], *gone["aliases"]):
            if name:
                self._alias(keep, name)
        for span in gone["mentions"]:
            self.mention(keep, (span.start, span.end))
        for (t, s, o, attrs), evidence in list(self._relations.items()):
            if drop in (s, o):
                del self._relations[(t, s, o, attrs)]
                key = (t, keep if s == drop else s, keep if o == drop else o, attrs)
                if key[1] != key[2]:
                    self._relations.setdefault(key, []).extend(evidence)

    def _alias(self, entity_id: str, name: str) -> None:
        e = self._entities[entity_id]
        if name not in (e["en"], e["ko"]) and name not in e["aliases"]:
            e["aliases"].append(name)

    def set_label(self, entity_id: str, language: str, label: str) -> None:
        """Set a label, keeping a different earlier one as an alias."""
        e = self._entities[entity_id]
        if e[language] and e[language] != label and e[language] not in e["aliases"]:
            e["aliases"].append(e[language])
        e[language] = label

    def ids(self, type_: EntityType) -> list[str]:
        """The ids of the entities of a type, in the order found."""
        return [eid for eid, e in self._entities.items() if e["type"] is type_]

    def names(self) -> dict[str, list[str]]:
        """Every entity's labels and aliases."""
        return {
            eid: [n for n in (e["en"], e["ko"], *e["aliases"]) if n]
            for eid, e in self._entities.items()
        }

    def mentions_of(self, entity_id: str) -> list[Span]:
        """The spans where an entity is mentioned."""
        return list(self._entities[entity_id]["mentions"])

    def first_mention(self, entity_id: str) -> tuple[int, int]:
        """The first span of an entity ((0, 0) without mentions)."""
        spans = sorted(self._entities[entity_id]["mentions"], key=lambda s: (s.start, s.end))
        return (spans[0].start, spans[0].end) if spans else (0, 0)

    def country_of(self, entity_id: str) -> str | None:
        """An entity's country code, where known."""
        country: str | None = self._entities[entity_id]["country"]
        return country

    def attribute(self, entity_id: str, name: str) -> str | None:
        """An entity attribute, if set."""
        value: str | None = self._entities[entity_id]["attributes"].get(name)
        return value

    def type_of(self, entity_id: str) -> EntityType:
        """The type of a known entity."""
        t: EntityType = self._entities[entity_id]["type"]
        return t

    def relate(
        self,
        type_: RelationType,
        source: str,
        target: str,
        span: tuple[int, int],
        rule: str,
        confidence: float,
        **attributes: str,
    ) -> None:
        """Add a relation, or one more piece of evidence for it."""
        if source == target:
            return
        key = (type_.value, source, target, tuple(sorted(attributes.items())))
        evidence = self._relations.setdefault(key, [])
        ev = Evidence(span[0], span[1], rule, round(confidence, 3))
        if ev not in evidence:
            evidence.append(ev)

    def relations_of(self, type_: RelationType) -> list[Relation]:
        """The relations of a type collected so far (without their evidence)."""
        return [
            Relation(RelationType(t), src, dst, dict(attrs))
            for (t, src, dst, attrs) in self._relations
            if t == type_.value
        ]

    def warn(self, message: str, span: tuple[int, int] | None = None) -> None:
        """Report a warning (once)."""
        w = Warning(message, *(span or (None, None)))
        if w not in self._warnings:
            self._warnings.append(w)

    def result(self, document: DocumentInfo) -> Extraction:
        """Freeze what was collected, entities and relations in a stable order."""
        entities = tuple(
            Entity(
                eid,
                e["type"],
                Labels(e["en"], e["ko"]),
                tuple(e["aliases"]),
                tuple(e["same_as"]),
                e["country"],
                dict(e["attributes"]),
                tuple(sorted(e["mentions"], key=lambda s: (s.start, s.end))),
            )
            for eid, e in self._entities.items()
        )
        relations = tuple(
            Relation(
                RelationType(t),
                s,
                o,
                dict(attrs),
                tuple(sorted(ev, key=lambda x: (x.start, x.end, x.rule))),
            )
            for (t, s, o, attrs), ev in self._relations.items()
        )
        return Extraction(document, entities, relations, tuple(self._warnings))


def to_json(x: Extraction) -> dict[str, Any]:
    """The JSON object of one document (see ``docs/extraction-format.md``)."""
    d = x.document
    return {
        "format": FORMAT,
        "document": {
            "id": d.id,
            "path": d.path,
            "sha256": d.sha256,
            "language": d.language,
            "title": d.title,
            "published": d.published,
        },
        "entities": [
            {
                "id": e.id,
                "type": e.type.value,
                "labels": {"en": e.labels.en, "ko": e.labels.ko},
                "aliases": list(e.aliases),
                "same_as": list(e.same_as),
                "country": e.country,
                "attributes": dict(e.attributes),
                "mentions": [{"start": m.start, "end": m.end} for m in e.mentions],
            }
            for e in x.entities
        ],
        "relations": [
            {
                "type": r.type.value,
                "source": r.source,
                "target": r.target,
                "attributes": dict(r.attributes),
                "evidence": [
                    {"start": v.start, "end": v.end, "rule": v.rule, "confidence": v.confidence}
                    for v in r.evidence
                ],
                **({"review": r.review} if r.review else {}),
            }
            for r in x.relations
        ],
        "warnings": [{"message": w.message, "start": w.start, "end": w.end} for w in x.warnings],
    }


def _get(
    obj: Any, name: str, where: str, kind: type | tuple[type, ...], *, required: bool = True
) -> Any:
    if not isinstance(obj, dict):
        raise ExtractionFormatError(where, "must be an object")
    if name not in obj or obj[name] is None:
        if required:
            raise ExtractionFormatError(f"{where}.{name}", "is missing")
        return None
    value = obj[name]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ExtractionFormatError(f"{where}.{name}", f"must be a {names}, not {value!r}")
    return value


def _enum(enum: type[StrEnum], value: str, where: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise ExtractionFormatError(where, f"{value!r} is not one of {allowed}") from None


def _strings(obj: Any, name: str, where: str) -> tuple[str, ...]:
    values = _get(obj, name, where, list, required=False) or []
    for i, v in enumerate(values):
        if not isinstance(v, str):
            raise ExtractionFormatError(f"{where}.{name}[{i}]", "must be a string")
    return tuple(values)


def _attributes(obj: Any, where: str) -> dict[str, str]:
    attrs = _get(obj, "attributes", where, dict, required=False) or {}
    return {str(k): str(v) for k, v in attrs.items() if v is not None}


def _span_of(obj: Any, where: str) -> tuple[int, int]:
    start = _get(obj, "start", where, int)
    end = _get(obj, "end", where, int)
    if not 0 <= start <= end:
        raise ExtractionFormatError(where, f"span {start}..{end} is not a valid span")
    return start, end


def from_json(data: Any, *, where: str = "document") -> Extraction:
    """Read one document's extraction, checking every field.

    Raises
    ------
    ExtractionFormatError
        Naming the field (``entities[3].type``) and the problem.
    """
    if not isinstance(data, dict):
        raise ExtractionFormatError(where, "must be a JSON object")
    d = _get(data, "document", where, dict)
    info = DocumentInfo(
        _get(d, "id", f"{where}.document", str),
        _get(d, "path", f"{where}.document", str, required=False) or "",
        _get(d, "sha256", f"{where}.document", str, required=False) or "",
        _get(d, "language", f"{where}.document", str, required=False) or "",
        _get(d, "title", f"{where}.document", str, required=False),
        _get(d, "published", f"{where}.document", str, required=False),
    )
    entities = []
    ids: set[str] = set()
    for i, e in enumerate(_get(data, "entities", where, list, required=False) or []):
        at = f"{where}.entities[{i}]"
        eid = _get(e, "id", at, str)
        if eid in ids:
            raise ExtractionFormatError(f"{at}.id", f"{eid!r} is used twice")
        ids.add(eid)
        labels = _get(e, "labels", at, dict, required=False) or {}
        entities.append(
            Entity(
                eid,
                _enum(EntityType, _get(e, "type", at, str), f"{at}.type"),
                Labels(
                    _get(labels, "en", f"{at}.labels", str, required=False),
                    _get(labels, "ko", f"{at}.labels", str, required=False),
                ),
                _strings(e, "aliases", at),
                _strings(e, "same_as", at),
                _get(e, "country", at, str, required=False),
                _attributes(e, at),
                tuple(
                    Span(*_span_of(m, f"{at}.mentions[{j}]"))
                    for j, m in enumerate(_get(e, "mentions", at, list, required=False) or [])
                ),
            )
        )
    relations = []
    for i, r in enumerate(_get(data, "relations", where, list, required=False) or []):
        at = f"{where}.relations[{i}]"
        ends = []
        for end in ("source", "target"):
            value = _get(r, end, at, str)
            if value not in ids:
                raise ExtractionFormatError(f"{at}.{end}",
                                            f"{value!r} is not an entity id of this document")
            ends.append(value)
        evidence = []
        for j, v in enumerate(_get(r, "evidence", at, list, required=False) or []):
            vat = f"{at}.evidence[{j}]"
            confidence = float(_get(v, "confidence", vat, (int, float)))
            if not 0 <= confidence <= 1:
                raise ExtractionFormatError(f"{vat}.confidence",
                                            f"{confidence} is not between 0 and 1")
            evidence.append(Evidence(*_span_of(v, vat), _get(v, "rule", vat, str), confidence))
        review = _get(r, "review", at, str, required=False)
        if review is not None and review not in REVIEWS:
            raise ExtractionFormatError(f"{at}.review", f"{review!r} is not one of "
                                        + ", ".join(REVIEWS))
        relations.append(
            Relation(
                _enum(RelationType, _get(r, "type", at, str), f"{at}.type"),
                ends[0],
                ends[1],
                _attributes(r, at),
                tuple(evidence),
                review,
            )
        )
    warnings = []
    for i, w in enumerate(_get(data, "warnings", where, list, required=False) or []):
        at = f"{where}.warnings[{i}]"
        warnings.append(
            Warning(
                _get(w, "message", at, str),
                _get(w, "start", at, int, required=False),
                _get(w, "end", at, int, required=False),
            )
        )
    return Extraction(info, tuple(entities), tuple(relations), tuple(warnings))
