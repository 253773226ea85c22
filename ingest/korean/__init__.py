"""Rules for Korean press releases (the package ``citygraph.ingest.korean``).

The rules work sentence by sentence over the extraction view of the text:

* places from the gazetteer, found on word boundaries with kiwipiepy
  separating particles (웰링턴과는 -> 웰링턴);
* ``한글(English)`` pairs, classified as place, person, organisation, event
  or prize by the gazetteer, role words and name suffixes;
* people in office (``토리 화나우(Tory Whanau) 웰링턴 시장``, ``오세훈 서울시장``);
* names in quotes (events, prizes, policies, venues) and numbered lists
  (①..⑧) of policies;
* agreements (자매·친선·우호도시, 협약, 협정, MOU, 결연, 격상), meetings
  (양자회담, 면담, 예방), prizes won, presentations, participation, organisers
  and hosts, and where events take place.

Examples
--------
>>> from datetime import date
>>> from citygraph.ingest.pipeline import extract_text
>>> x = extract_text("서울시는 1968년 타이베이와 자매결연을 맺었다.", published=date(2020, 1, 2))
>>> [(r.target, dict(r.attributes)) for r in x.relations]
[('city/taipei', {'date': '1968', 'kind': 'sister'})]
"""

from __future__ import annotations

from citygraph.ingest.korean.rules import KoreanLinks, KoreanRules

__all__ = ["KoreanLinks", "KoreanRules"]
