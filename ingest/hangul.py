"""Korean morphology through kiwipiepy: analysers that know a fixed set of proper nouns.

Kiwi's model ships in the ``kiwipiepy-model`` wheel, so this works offline.
Gazetteer names are registered as proper nouns (``NNP``): the default model
tags some transliterated city names (키이우) as common nouns and glues
particles onto others.

A word added to a Kiwi cannot be taken back, so an :class:`Analyzer` gets its
proper nouns when it is made and never changes.  :func:`analyzer` gives the
one for a set of names: a run over a document asks for its gazetteer's, so
runs over the same gazetteer share one analyser and no run sees the words of
another.  An analyser takes about a second and a half and 250 MB to load:
the last :data:`KEEP` are kept, most processes need only the bundled
gazetteer's.

Examples
--------
>>> names = proper_nouns(["웰링턴", " 서울 ", "X", "키"])
>>> sorted(names)
['서울', '웰링턴']
>>> [(t.form, t.tag) for t in analyzer(names).tokens("웰링턴과는")][:2]  # doctest: +SKIP
[('웰링턴', 'NNP'), ('과', 'JKB')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["KEEP", "NOUNS", "Analyzer", "Token", "analyzer", "proper_nouns", "words"]

KEEP = 2  # analysers kept in memory: the bundled gazetteer's and one other
NOUNS = frozenset({"NNP", "NNG", "NNB", "NR", "SL", "SN", "SH", "XPN", "XSN", "W_SERIAL"})
_OOV = 2  # the morpheme id Kiwi gives words outside its dictionary
_WORD = re.compile(r"[0-9A-Za-z가-힣]+(?:[-&.][0-9A-Za-z가-힣]+)*")


@dataclass(frozen=True, slots=True)
class Token:
    """A morpheme with its span in the analysed text."""

    form: str
    tag: str
    start: int
    end: int
    oov: bool = False  # not in Kiwi's dictionary (a guessed word, particles may be glued on)


class Analyzer:
    """A Kiwi that knows ``names`` as proper nouns, and nothing added after.

    Parameters
    ----------
    names
        Proper nouns to register, from :func:`proper_nouns`.
    """

    def __init__(self, names: frozenset[str]) -> None:
        from kiwipiepy import Kiwi  # a slow import (50 ms) that only Korean text needs

        # no typo correction (it may rewrite names) and no multi-word dictionary: both
        # slow the load and the first analysis, and the rules do not need them
        self._kiwi: Any = Kiwi(load_typo_dict=False, load_multi_dict=False)
        for name in sorted(names):
            self._kiwi.add_user_word(name, "NNP", 0.0)
        self.names = names

    def tokens(self, text: str) -> list[Token]:
        """Morphemes of ``text`` with character offsets into it."""
        return [
            Token(t.form, str(t.tag).split("-")[0], t.start, t.start + t.len, t.id == _OOV)
            for t in self._kiwi.tokenize(text)
        ]


def proper_nouns(names: Iterable[str]) -> frozenset[str]:
    """The names an analyser registers: Hangul words of two syllables or more, stripped.

    >>> sorted(proper_nouns(["웰링턴", "웰링턴 ", "New York", "뉴욕 주", "키"]))
    ['웰링턴']
    """
    return frozenset(
        name for name in (n.strip() for n in names) if re.fullmatch(r"[가-힣]{2,}", name)
    )


@lru_cache(maxsize=KEEP)
def analyzer(names: frozenset[str]) -> Analyzer:
    """The analyser that knows these proper nouns, loaded on first use."""
    return Analyzer(names)


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the words (runs of Hangul, Latin letters and digits) in a range.

    >>> words("서울·웰링턴 협약(MOU)")
    [(0, 2), (3, 6), (7, 9), (10, 13)]
    """
    stop = len(text) if end is None else end
    return [(m.start(), m.end()) for m in _WORD.finditer(text, start, stop)]
