"""From a store to the visual's HTML: projection, model, page, in one call.

:func:`draw` is what the command line (``citygraph visual``) and the API
(``/visual``) both call, so the file and the served page are the same.

Examples
--------
>>> from citygraph.graph.network.project import example_store
>>> html = draw(example_store(), "https://w3id.org/citygraph/id/place/seoul",
...             VisualOptions(layout="force", lang="en"))
>>> html.startswith("<!doctype html>"), "Taipei" in html
(True, True)
>>> VisualOptions(layout="round")
Traceback (most recent call last):
...
citygraph.ingest.errors.InvalidParameter: layout 'round' is not one of: geo, force
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citygraph.graph.network.project import city_network
from citygraph.graph.store.base import Store
from citygraph.graph.store.guarded import graph_version
from citygraph.ingest.errors import InvalidParameter
from citygraph.visuals.model import VisualModel, build_model
from citygraph.visuals.page import render_page

__all__ = ["LANGUAGES", "LAYOUTS", "THEMES", "VisualOptions", "draw", "visual_model"]

LAYOUTS = ("geo", "force")
LANGUAGES = ("ko", "en")
THEMES = ("light", "dark")


@dataclass(frozen=True, slots=True)
class VisualOptions:
    """What to draw and how; every field is checked when the options are made.

    ``kinds`` keeps only these categories of ties (``sister``, ``friendship``,
    ``mou``, ``other``, ``meeting``, ``forum``, ``prize``); ``as_of`` leaves out
    ties dated after that year; ``city_url`` (e.g. ``/cities/{key}``) makes
    each city a link to its page.
    """

    layout: str = "geo"
    kinds: tuple[str, ...] | None = None
    as_of: int | None = None
    lang: str = "ko"
    theme: str = "light"
    city_url: str | None = None

    def __post_init__(self) -> None:
        for name, value, allowed in (("layout", self.layout, LAYOUTS),
                                     ("lang", self.lang, LANGUAGES),
                                     ("theme", self.theme, THEMES)):
            if value not in allowed:
                raise InvalidParameter(f"{name} {value!r} is not one of: {', '.join(allowed)}")
        if self.as_of is not None and not 1000 <= self.as_of <= 9999:
            raise InvalidParameter(f"as-of year {self.as_of} is not a four-digit year")


def visual_model(store: Store, focus: str,
                 options: VisualOptions = VisualOptions()) -> VisualModel:
    """What the visual of ``focus``'s network in ``store`` shows: places, ties, legend.

    Raises
    ------
    InvalidParameter
        When ``focus`` is not a place of the network or a kind is unknown;
        the message names it.
    """
    graph = city_network(store, as_of=options.as_of)
    version = graph_version(getattr(store, "guarded", store))  # a built store's digest
    return build_model(graph, focus, layout=options.layout, kinds=options.kinds,
                       lang=options.lang, theme=options.theme, city_url=options.city_url,
                       version=version if re.fullmatch(r"[0-9a-f]{8,64}", version) else None)



def draw(store: Store, focus: str, options: VisualOptions = VisualOptions()) -> str:
    """The self-contained HTML page of ``focus``'s network (see :func:`visual_model`)."""
    return render_page(visual_model(store, focus, options))
