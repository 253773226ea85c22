"""People and their offices, organisations, and policies."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from citygraph.graph.read.common import (
    CG_NS,
    KIND_NS,
    ORG_NS,
    RDFS_LABEL,
    SCHEMA_NS,
    Identifier,
    Kind,
    Page,
    Ref,
    SourceRef,
    code_of,
    identifiers_of,
    matches_text,
    name_order,
    paginate,
    path_id,
    read_evidence,
    read_nodes,
    sources_of,
)
from citygraph.graph.read.concepts import Concepts
from citygraph.graph.store.base import Store, Term


@dataclass(frozen=True, slots=True)
class OfficeView:
    """A person in an office of a city or organisation."""

    person: Ref
    role: Kind
    organization: Ref
    start: str | None
    end: str | None
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class PolicyItem:
    """A policy with its owner and theme."""

    id: str
    iri: str
    name_en: str | None
    name_ko: str | None
    theme: str | None
    owner: Ref | None
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class PersonItem:
    """A person and the offices the graph knows."""

    id: str
    iri: str
    name_en: str | None
    name_ko: str | None
    identifiers: tuple[Identifier, ...]
    offices: tuple[OfficeView, ...]


@dataclass(frozen=True, slots=True)
class OrganizationItem:
    """An organisation: kind, country, where, parent."""

    id: str
    iri: str
    name_en: str | None
    name_ko: str | None
    kind: str | None
    """government, international, company, research, ngo or other."""
    country: str | None
    located_in: Ref | None
    parent: Ref | None
    identifiers: tuple[Identifier, ...]


def read_offices(store: Store, concepts: Concepts, where: str,
             bindings: Mapping[str, Term]) -> list[OfficeView]:
    """Offices ``where`` binds to ``?node``, with person, role and organisation."""
    nodes = read_nodes(store, where, bindings)
    evidence = read_evidence(store, where, bindings)
    found = []
    for iri, node in nodes.nodes.items():
        people = node.iris(ORG_NS + "member")
        orgs = node.iris(ORG_NS + "organization")
        roles = node.iris(ORG_NS + "role")
        if not people or not orgs:
            continue
        found.append(OfficeView(
            nodes.ref(people[0]),
            concepts.kind(roles[0]) if roles else Kind("other", KIND_NS + "role/other"),
            nodes.ref(orgs[0]), node.first(SCHEMA_NS + "startDate"),
            node.first(SCHEMA_NS + "endDate"), sources_of(evidence.get(iri, ())),
        ))
    found.sort(key=lambda o: (*name_order(o.person.name_en, o.person.name_ko, o.person.id),
                              o.role.code, o.organization.id, o.start or ""))
    return found


def read_policies(store: Store, where: str, bindings: Mapping[str, Term]) -> list[PolicyItem]:
    """Policies ``where`` binds to ``?node``, with owner and theme."""
    nodes = read_nodes(store, where, bindings)
    evidence = read_evidence(store, where, bindings)
    found = []
    for iri, node in nodes.nodes.items():
        owners = node.iris(CG_NS + "owner")
        themes = node.iris(CG_NS + "policyTheme")
        found.append(PolicyItem(
            node.id, iri, node.name_en, node.name_ko,
            code_of(themes[0]) if themes else None,
            nodes.ref(owners[0]) if owners else None,
            sources_of(evidence.get(iri, ())),
        ))
    found.sort(key=lambda p: name_order(p.name_en, p.name_ko, p.id))
    return found


PEOPLE = "?node a cg:Person ."


OFFICES = "?node a cg:Office ."


ORGANIZATIONS = "?node a cg:Organization ."


POLICIES = "?node a cg:Policy ."


def list_people(store: Store, *, q: str | None = None, limit: int = 50,
                offset: int = 0) -> Page[PersonItem]:
    """People, with their offices, sorted by English name; ``q`` matches names."""
    concepts = Concepts(store)
    people = read_nodes(store, PEOPLE).nodes
    offices: dict[str, list[OfficeView]] = defaultdict(list)
    for office in read_offices(store, concepts, OFFICES, {}):
        offices[office.person.iri].append(office)
    found = [
        PersonItem(n.id, iri, n.name_en, n.name_ko, identifiers_of(n), tuple(offices.get(iri, ())))
        for iri, n in people.items() if matches_text(q, n.texts(RDFS_LABEL))
    ]
    found.sort(key=lambda p: name_order(p.name_en, p.name_ko, p.id))
    return paginate(found, limit, offset)


def list_organizations(store: Store, *, kind: str | None = None,
                       country: str | None = None, q: str | None = None, limit: int = 50,
                       offset: int = 0) -> Page[OrganizationItem]:
    """Organisations sorted by English name; filters: kind, country code, ``q``."""
    nodes = read_nodes(store, ORGANIZATIONS)
    found = []
    for iri, n in nodes.nodes.items():
        kinds = n.iris(CG_NS + "orgKind")
        countries = n.iris(CG_NS + "country")
        within = n.iris(CG_NS + "locatedIn")
        parents = n.iris(ORG_NS + "subOrganizationOf")
        item = OrganizationItem(
            n.id, iri, n.name_en, n.name_ko, code_of(kinds[0]) if kinds else None,
            nodes.ref(countries[0]).id if countries else None,
            nodes.ref(within[0]) if within else None,
            nodes.ref(parents[0]) if parents else None, identifiers_of(n),
        )
        if kind and item.kind != kind:
            continue
        if country and item.country != country.upper():
            continue
        if not matches_text(q, n.texts(RDFS_LABEL)):
            continue
        found.append(item)
    found.sort(key=lambda o: name_order(o.name_en, o.name_ko, o.id))
    return paginate(found, limit, offset)


def list_policies(store: Store, *, theme: str | None = None, owner: str | None = None,
                  q: str | None = None, limit: int = 50,
                  offset: int = 0) -> Page[PolicyItem]:
    """Policies sorted by English name; filters: theme code, owner id, ``q``."""
    found = [
        p for p in read_policies(store, POLICIES, {})
        if (not theme or p.theme == theme)
        and (owner is None or (p.owner is not None and owner in (p.owner.id, path_id(p.owner.iri))))
        and matches_text(q, [p.name_en or "", p.name_ko or ""])
    ]
    return paginate(found, limit, offset)
