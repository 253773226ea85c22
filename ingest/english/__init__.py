"""Rules for English press releases (the package ``citygraph.ingest.english``).

Sentences come from the document's splitter (:mod:`citygraph.ingest.doc`:
abbreviations such as ``Nov.`` and ``Mr.`` do not end a sentence).  The
rules read:

* places: capitalised phrases the gazetteer knows (``Wellington``,
  ``New York``), with ``City, Country`` read as located-in;
* people in office: ``Mayor X of Y``, ``X, Mayor of Y``, ``Y Mayor X``,
  ``Governor X of Y``, ``Lord Mayor X``;
* organisations, events, prizes and venues: capitalised phrases ending in
  an organisation, event, prize or venue word, and acronyms in brackets;
* agreements (sister city, sisterhood, friendship city, MOU, cooperation
  agreement, common declaration, upgrades), meetings (met, held talks),
  prizes won, hosts, organisers, participants and presenters.

Examples
--------
>>> from datetime import date
>>> from citygraph.ingest.pipeline import extract_text
>>> x = extract_text("Seoul signed a sister city agreement with Athens in 2006.",
...                  published=date(2010, 5, 1))
>>> [(r.target, dict(r.attributes)) for r in x.relations]
[('city/athens', {'date': '2006', 'kind': 'sister'})]
"""

from __future__ import annotations

from citygraph.ingest.english.rules import EnglishRules

__all__ = ["EnglishRules"]
