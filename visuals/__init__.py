"""The network visual: a focus city's ties drawn for presenters, offline.

:mod:`~citygraph.visuals.model` turns the city network (``graph.project``)
into places, ties and a legend; :mod:`~citygraph.visuals.layout` places them
on a world map centred on the focus city (land outlines from
:mod:`~citygraph.visuals.world`); :mod:`~citygraph.visuals.page` writes one
self-contained HTML page with the vis-network that pyvis ships;
:mod:`~citygraph.visuals.draw` does all three from a store, and
:mod:`~citygraph.visuals.png` draws the page as a PNG in headless chromium.
"""
