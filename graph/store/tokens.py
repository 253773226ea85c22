r"""What a SPARQL text asks for, read by its tokens: linear, without a parser.

The endpoint must know before running a query whether it is an update, whether
it names ``SERVICE``, ``LOAD``, ``FROM`` or ``USING``, and how deeply it
nests, and it must know it in microseconds, whatever the text.  A parser
cannot promise that (rdflib's took seconds on some 16 KB texts and crashed on
deep nesting), so :func:`read` splits the text into the tokens of the SPARQL
1.1 grammar (section 19.8) with one regular expression whose alternatives
cannot backtrack, in one pass, and only counts.  Whether the query is valid
is left to the engine that runs it, in a worker process.

Strings (all four quote forms, with their escapes), IRIs and comments are
single tokens, so a keyword inside them is not one; prefixed names
(``ex:SERVICE``) and variables (``?SERVICE``) are single tokens too.  Two
readings are made and joined:

- the text as Oxigraph reads it (``\u`` escapes only inside strings and
  IRIs), and
- the text with every ``\uXXXX``/``\UXXXXXXXX`` escape applied first, as the
  SPARQL 1.1 Query specification (section 19.2) says a parser may, so that a
  keyword spelled with escapes is still seen.

A keyword counts as soon as either reading finds it.  So does a prefixed name
whose prefix is a guarded keyword (``SERVICE:x``): Oxigraph reads
``SERVICE:x {`` as the keyword followed by the name ``:x``.

Examples
--------
>>> read("SELECT * WHERE { ?s ?p 'SERVICE' }").service
False
>>> read("PREFIX : <http://x/> SELECT * { SERVICE:x { ?s ?p ?o } }").service
True
>>> read("select * { \\u0053ERVICE <http://x> { } }").service
True
>>> read("INSERT DATA { <http://a> <http://b> 1 }").update
True
>>> read("ASK { { ( ( ?x ) ) } }").depth
4
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["FORMS", "UPDATES", "Reading", "read"]

#: The four query forms, by their keyword.
FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "construct", "DESCRIBE": "describe"}
#: The keywords an update operation starts with.
UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE",
                     "COPY", "WITH"})

_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
         "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
         "\U00010000-\U000effff")
_CHARS = _BASE + "_0-9\u00b7\u0300-\u036f\u203f-\u2040-"  # PN_CHARS (with '-')
_HEX = "[0-9A-Fa-f]"
_UCHAR = rf"\\u{_HEX}{{4}}|\\U{_HEX}{{8}}"
# a prefixed name or a bare word: PN_CHARS, '.', ':', %hex and \-escapes, not ending in '.'
_NAME_CHAR = rf"[{_CHARS}:]|%{_HEX}{_HEX}|\\[_~.\-!$&'()*+,;=/?#@%]"

_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{_UCHAR})*>)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
      | \"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
      | '(?:[^'\\\r\n]|\\.)*'
      | "(?:[^"\\\r\n]|\\.)*")
  | (?P<variable>[?$][{_CHARS[:-1]}]+)
  | (?P<blank>_:(?:{_NAME_CHAR})+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<name>(?:[{_BASE}_:]|%{_HEX}{_HEX})(?:(?:{_NAME_CHAR}|\.)*(?:{_NAME_CHAR}))?)
  | (?P<open><<|[{{(\[])
  | (?P<close>>>|[}})\]])
  | (?P<operator>\|\||&&|!=|<=|>=|\^\^|[|/^*+!<>=-])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(_UCHAR)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a SPARQL text asks for, as :func:`read` finds it.

    Attributes
    ----------
    form
        ``select``, ``ask``, ``construct`` or ``describe`` for a query; None
        for an update or a text that starts with neither.
    update
        The first keyword after the prologue starts an update (``INSERT``,
        ``LOAD`` ...).
    service, load, dataset, using
        The text names ``SERVICE``, ``LOAD``, ``FROM`` (``FROM NAMED``
        included) or ``USING`` as a keyword.
    depth
        The deepest nesting of ``{ ( [`` and ``<<``.
    operators
        How many operators the text holds (``||``, ``&&``, ``+``, ``/`` ...):
        chains of them nest in the engine's expression trees.
    """

    form: str | None
    update: bool
    service: bool
    load: bool
    dataset: bool
    using: bool
    depth: int
    operators: int


_FOLLOWERS = frozenset({"name", "iri", "variable", "open"})
_OPERANDS = frozenset({"iri", "string", "variable", "blank", "lang", "number", "name", "close"})


@dataclass(frozen=True, slots=True)
class _Stack:
    """An immutable stack of open brackets: a reading that forks shares its parent's."""

    top: str
    below: _Stack | None
    size: int


def _keyword(text: str) -> str:
    """The keyword a name may be read as: a bare word, or the prefix of ``SERVICE:x``."""
    return text.split(":", 1)[0].upper()


def _read_once(text: str) -> Reading:
    """Read the text, and read again from every ``<`` that may be the less-than operator.

    ``?a<?b).SERVICE:x#>`` is an IRI to a tokenizer, but in an expression
    Oxigraph reads ``<`` as less-than, then ``SERVICE:x`` and a comment.  So
    where ``<`` follows an operand inside parentheses and could start an
    IRI, a second reading goes on from it as an operator.  Readings stop where
    an earlier one already passed in the same state, so the text is read at
    most a few times over.  Keywords count in every reading (in a second
    reading, when a name, an IRI, a variable or a bracket follows them, as
    ``SERVICE``, ``LOAD`` and ``FROM`` need: so ``<http://x/from>`` read as
    less-than, a name and greater-than names nothing); the form, the depth
    and the operators come from the first.
    """
    form: str | None = None
    update = False
    words: set[str] = set()
    deepest = operators = 0
    seen: set[tuple[int, bool, str]] = set()
    work: list[tuple[int, bool, _Stack | None]] = [(0, False, None)]
    first_reading = True
    pending = ""  # a keyword of a second reading, counted if a name or a bracket follows
    deciding = True  # looking for the first keyword after the prologue
    skip = 0  # tokens of a PREFIX or BASE declaration still to pass
    while work:
        pos, operand, stack = work.pop()
        while True:
            key = (pos, operand, stack.top if stack else "")
            if key in seen:  # an earlier reading goes on from here the same way
                if pending:
                    words.add(pending)
                break
            seen.add(key)
            match = _TOKEN.match(text, pos)
            if match is None:  # the end of the text
                break
            kind, token = match.lastgroup, match.group()
            pos = match.end()
            if kind in ("space", "comment"):
                continue
            if kind == "iri" and operand and stack is not None and stack.top == "(":
                work.append((match.start() + 1, False, stack))  # '<' as less-than
            if kind == "open":
                stack = _Stack(token, stack, stack.size + 1 if stack else 1)
                if first_reading:
                    deepest = max(deepest, stack.size)
            elif kind == "close":
                stack = stack.below if stack else None
            elif kind == "operator" and first_reading:
                operators += 1
            operand = kind in _OPERANDS
            if pending and kind in _FOLLOWERS:
                words.add(pending)
            pending = ""
            if kind == "name" and first_reading:
                words.add(_keyword(token))
            elif kind == "name":
                pending = _keyword(token)
            if not (first_reading and deciding):
                continue
            if skip:
                skip -= 1
            elif kind == "name" and ":" not in token and _keyword(token) in ("PREFIX", "BASE"):
                skip = 2 if _keyword(token) == "PREFIX" else 1
            else:  # SELECT, INSERT ... (LOAD:x too: Oxigraph reads it as LOAD :x)
                deciding = False
                if kind == "name":
                    form = FORMS.get(_keyword(token))
                    update = _keyword(token) in UPDATES
        first_reading, pending = False, ""
    return Reading(form, update, "SERVICE" in words, "LOAD" in words, "FROM" in words,
                   "USING" in words, deepest, operators)


def _unescape(text: str) -> str:
    def char(match: re.Match[str]) -> str:
        code = int(match.group()[2:], 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group()

    return _ESCAPE.sub(char, text)


def read(text: str) -> Reading:
    """Read what a SPARQL query or update asks for, in time linear in its length.

    Parameters
    ----------
    text
        The SPARQL text, as the client sent it.

    Returns
    -------
    Reading
        Both readings joined (see the module's description): a keyword found
        by either counts, the form is the escaped reading's when it has one,
        and depth and operators are the larger of the two.

    Examples
    --------
    >>> r = read("PREFIX ex: <http://e/> SELECT * FROM <http://g> { ?s ex:SERVICE ?o }")
    >>> r.form, r.update, r.service, r.dataset
    ('select', False, False, True)
    """
    raw = _read_once(text)
    if "\\u" not in text and "\\U" not in text:
        return raw
    escaped = _read_once(_unescape(text))
    return Reading(
        escaped.form or raw.form,
        raw.update or escaped.update,
        raw.service or escaped.service,
        raw.load or escaped.load,
        raw.dataset or escaped.dataset,
        raw.using or escaped.using,
        max(raw.depth, escaped.depth),
        max(raw.operators, escaped.operators),
    )
