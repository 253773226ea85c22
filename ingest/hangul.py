"""Korean morphology through kiwipiepy, loaded once and lazily.

Kiwi's model ships in the ``kiwipiepy-model`` wheel, so this works offline;
loading takes a few seconds, so it happens on first use only.  Gazetteer
names are registered as proper nouns (``NNP``): the default model tags some
transliterated city names (키이우) as common nouns and glues particles onto
others.

Examples
--------
>>> [(t.form, t.tag) for t in tokens("웰링턴과는")][:2]  # doctest: +SKIP
[('웰링턴', 'NNP'), ('과', 'JKB')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = ["NOUNS", "Token", "add_names", "tokens", "words"]

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


class _Analyzer:
    def __init__(self) -> None:
        from kiwipiepy import Kiwi

        # no typo correction (it may rewrite names) and no multi-word dictionary: both
        # slow the load and the first analysis, and the rules do not need them
        self.kiwi: Any = Kiwi(load_typo_dict=False, load_multi_dict=False)
        self.known: set[str] = set()

    def add(self, names: Iterable[str]) -> None:
        for name in names:
            name = name.strip()
            if name and name not in self.known and re.fullmatch(r"[가-힣]{2,}", name):
                self.kiwi.add_user_word(name, "NNP", 0.0)
                self.known.add(name)

    def tokenize(self, text: str) -> list[Token]:
        return [
            Token(t.form, str(t.tag).split("-")[0], t.start, t.start + t.len, t.id == _OOV)
            for t in self.kiwi.tokenize(text)
        ]


@cache
def _analyzer() -> _Analyzer:
    return _Analyzer()


def add_names(names: Iterable[str]) -> None:
    """Register proper nouns (Hangul words of two syllables or more)."""
    _analyzer().add(names)


def tokens(text: str) -> list[Token]:
    """Morphemes of ``text`` with character offsets into it."""
    return _analyzer().tokenize(text)


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the words (runs of Hangul, Latin letters and digits) in a range.

    >>> words("서울·웰링턴 협약(MOU)")
    [(0, 2), (3, 6), (7, 9), (10, 13)]
    """
    stop = len(text) if end is None else end
    return [(m.start(), m.end()) for m in _WORD.finditer(text, start, stop)]
