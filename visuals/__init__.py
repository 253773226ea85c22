"""Visuals: pyvis renderings of a city's global network (see issue 6)."""
