"""The read model: what pages, the REST API and the command line show, by resource.

One module per resource, each a set of SPARQL SELECTs shaped into frozen
dataclasses (see :mod:`.common` for the conventions):

================  =============================================================
module            what it reads
================  =============================================================
``places``        cities and regions: the list with facets, one city's detail
``agreements``    agreements with their readings and upgrades
``events``        events, participations, exhibitors, prize awards
``people``        people and offices, organisations, policies
``sources``       source documents, the facts each supports, their evidence
``stats``         the focus city's agreements over time; the graph's size
``listed``        the ties a list of twinnings states for a city and its districts
``figures``       the key figures, each with one definition (what every page counts)
``concepts``      SKOS concepts and class labels, as the ontology names them
``common``        the values every view shares, and the helpers that read them
================  =============================================================

Callers use this package as one namespace (``read.city_detail(...)``,
``read.Ref``); it re-exports each module's public views.  The other modules
here read other things: ``lookup`` (an entity by its data key), ``search``
(names in Korean and English), ``linked`` (linked-data descriptions),
``checks`` (consistency findings).  Nothing here writes.
"""

from citygraph.graph.read.agreements import AgreementView, list_agreements
from citygraph.graph.read.common import (
    MAX_ROWS,
    PREFIXES,
    UNKNOWN,
    Evidence,
    Identifier,
    Kind,
    Name,
    Page,
    Ref,
    SourceRef,
    path_id,
    source_id,
)
from citygraph.graph.read.concepts import class_labels, concepts
from citygraph.graph.read.events import (
    Award,
    EventDetail,
    EventSummary,
    ExhibitorZone,
    ParticipationView,
    StatedCount,
    event_detail,
    list_awards,
    list_events,
)
from citygraph.graph.read.figures import Figure, Figures, KindCount, PlaceCount, figures
from citygraph.graph.read.listed import ListedTie, listed_ties
from citygraph.graph.read.people import (
    OfficeView,
    OrganizationItem,
    PersonItem,
    PolicyItem,
    list_organizations,
    list_people,
    list_policies,
)
from citygraph.graph.read.places import (
    CityDetail,
    CityPage,
    CitySummary,
    Location,
    city_detail,
    list_cities,
)
from citygraph.graph.read.sources import (
    WEAK_KINDS,
    FactView,
    RowCitation,
    SourceDetail,
    SourceItem,
    WeakFacts,
    list_sources,
    source_detail,
    source_items,
    weak_facts,
)
from citygraph.graph.read.stats import GraphCount, Stats, Timeline, TimelineRow, stats, timeline

__all__ = [
    "MAX_ROWS",
    "PREFIXES",
    "UNKNOWN",
    "WEAK_KINDS",
    "AgreementView",
    "Award",
    "CityDetail",
    "CityPage",
    "CitySummary",
    "EventDetail",
    "EventSummary",
    "Evidence",
    "ExhibitorZone",
    "FactView",
    "Figure",
    "Figures",
    "GraphCount",
    "Identifier",
    "Kind",
    "KindCount",
    "ListedTie",
    "Location",
    "Name",
    "OfficeView",
    "OrganizationItem",
    "Page",
    "ParticipationView",
    "PersonItem",
    "PlaceCount",
    "PolicyItem",
    "Ref",
    "RowCitation",
    "SourceDetail",
    "SourceItem",
    "SourceRef",
    "StatedCount",
    "Stats",
    "Timeline",
    "TimelineRow",
    "WeakFacts",
    "city_detail",
    "class_labels",
    "concepts",
    "event_detail",
    "figures",
    "list_agreements",
    "list_awards",
    "list_cities",
    "list_events",
    "list_organizations",
    "list_people",
    "list_policies",
    "list_sources",
    "listed_ties",
    "path_id",
    "source_detail",
    "source_id",
    "source_items",
    "stats",
    "timeline",
    "weak_facts",
]
