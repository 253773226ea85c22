"""An optional extractor that asks a chat-completions server (a local model server).

Off by default.  With ``CITYGRAPH_CHAT_URL`` (the server's base URL, e.g.
``http://127.0.0.1:8080/v1``) and ``CITYGRAPH_CHAT_MODEL`` set,
:func:`from_environment` gives a :class:`ChatExtractor`, which
:func:`~citygraph.ingest.pipeline.default_extractors` runs after the rules.
It speaks the OpenAI-compatible protocol: one ``POST {url}/chat/completions``
per document, the answer constrained by ``response_format`` to a JSON schema
of entities and relations in the gold format's terms (:data:`SCHEMA`).

Nothing it answers is taken on trust: each relation must quote the words of
the document that state it, and a relation whose quote is not in the text is
dropped with a warning, so every fact keeps a real span.  Its evidence names
the rule ``chat.<model>`` and the confidence the answer gives (at most
:data:`MAX_CONFIDENCE`).  A server that cannot be reached, times out or
answers anything but the schema raises :class:`ChatError` naming the problem.

Examples
--------
>>> from_environment({}) is None
True
>>> chat = from_environment({"CITYGRAPH_CHAT_URL": "http://127.0.0.1:9/v1",
...                          "CITYGRAPH_CHAT_MODEL": "tiny", "CITYGRAPH_CHAT_TIMEOUT": "5"})
>>> chat.name, chat.endpoint, chat.timeout
('chat', 'http://127.0.0.1:9/v1/chat/completions', 5.0)
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any

from citygraph.ingest.doc import Doc
from citygraph.ingest.errors import StoreUnavailable
from citygraph.ingest.extraction import Collector, EntityType, RelationType

__all__ = ["MAX_CONFIDENCE", "SCHEMA", "ChatError", "ChatExtractor", "from_environment"]

MAX_CONFIDENCE = 0.8  # a model's own word never outranks the rules' surest readings

_ENTITY = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "type", "en", "ko"],
    "properties": {
        "id": {"type": "string"},
        "type": {"type": "string", "enum": [t.value for t in EntityType]},
        "en": {"type": ["string", "null"]},
        "ko": {"type": ["string", "null"]},
    },
}
_RELATION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["type", "source", "target", "attributes", "quote", "confidence"],
    "properties": {
        "type": {"type": "string", "enum": [t.value for t in RelationType]},
        "source": {"type": "string"},
        "target": {"type": "string"},
        "attributes": {"type": "object", "additionalProperties": {"type": "string"}},
        "quote": {"type": "string"},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
    },
}
#: The JSON schema the answer must follow (``response_format``).
SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["entities", "relations"],
    "properties": {
        "entities": {"type": "array", "items": _ENTITY},
        "relations": {"type": "array", "items": _RELATION},
    },
}
_PROMPT = (
    "You read press releases about city partnerships and list what they state, nothing "
    "else. Entities: City, Region, Country, Person, Organization, Event, Prize, Policy, "
    "Venue, with their English and Korean names as written. Relations (source -> target): "
    "agreement city->city (attributes kind: sister, friendship, mou, cooperation, "
    "declaration, exchange, other; date), meeting person->person, office person->city or "
    "organization (role: mayor, vice_mayor, deputy_mayor, lord_mayor, governor, minister, "
    "council_speaker, other), participation, organizer, host, award, policy, exhibitor, "
    "located_in, part_of, presentation. For each relation quote, word for word, the "
    "shortest passage of the document that states it."
)


class ChatError(StoreUnavailable):
    """The chat server could not be reached, timed out, or answered outside the schema."""


def from_environment(environ: Mapping[str, str]) -> ChatExtractor | None:
    """The extractor the environment asks for, or ``None`` (the default: off)."""
    url = environ.get("CITYGRAPH_CHAT_URL", "").strip()
    model = environ.get("CITYGRAPH_CHAT_MODEL", "").strip()
    if not url or not model:
        return None
    return ChatExtractor(url, model, timeout=float(environ.get("CITYGRAPH_CHAT_TIMEOUT", "60")))


class ChatExtractor:
    """Entities and relations from a chat-completions server, each relation with its quote."""

    name = "chat"

    def __init__(self, url: str, model: str, *, timeout: float = 60.0) -> None:
        base = url.rstrip("/")
        self.endpoint = base if base.endswith("/chat/completions") else base + "/chat/completions"
        self.model = model
        self.timeout = timeout

    def supports(self, language: str) -> bool:
        """Any language: the server reads the text as it is."""
        return True

    def ask(self, text: str) -> dict[str, Any]:
        """Send the document; return the answer's JSON object, checked against the schema.

        Raises
        ------
        ChatError
            When the server cannot be reached or times out, answers an HTTP
            error, or its answer is not JSON following :data:`SCHEMA`.
        """
        body = {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": _PROMPT},
                {"role": "user", "content": text},
            ],
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "citygraph_extraction", "strict": True,
                                "schema": SCHEMA},
            },
        }
        request = urllib.request.Request(  # noqa: S310  (the operator's own URL)
            self.endpoint,
            data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        where = f"chat server {self.endpoint}"
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                raw = answer.read()
        except urllib.error.HTTPError as e:
            raise ChatError(f"{where} answered HTTP {e.code} {e.reason}") from None
        except TimeoutError:
            raise ChatError(f"{where} did not answer within {self.timeout:g} s") from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            if isinstance(reason, TimeoutError):
                raise ChatError(f"{where} did not answer within {self.timeout:g} s") from None
            raise ChatError(f"{where} cannot be reached: {reason}") from None
        return _content(raw, where)

    def extract(self, doc: Doc, found: Collector) -> None:
        """Add the answer's entities, and the relations whose quote is in the text."""
        answer = self.ask(doc.text)
        ids: dict[str, str] = {}
        for e in answer["entities"]:
            if not (e["en"] or e["ko"]):
                continue
            span = None
            for label in (e["en"], e["ko"]):
                at = doc.text.find(label) if label else -1
                if at >= 0:
                    span = (at, at + len(label))
                    break
            ids[e["id"]] = found.entity(EntityType(e["type"]), en=e["en"], ko=e["ko"], span=span)
        for r in answer["relations"]:
            at = doc.text.find(r["quote"]) if r["quote"] else -1
            if at < 0 or r["source"] not in ids or r["target"] not in ids:
                found.warn(f"{self.name}: a {r['type']} relation whose quote or ends are not "
                           "in the document was dropped")
                continue
            found.relate(RelationType(r["type"]), ids[r["source"]], ids[r["target"]],
                         (at, at + len(r["quote"])), f"chat.{self.model}",
                         min(float(r["confidence"]), MAX_CONFIDENCE),
                         **{k: str(v) for k, v in r["attributes"].items()})


def _content(raw: bytes, where: str) -> dict[str, Any]:
    """The message content of a chat-completions answer, checked against :data:`SCHEMA`."""
    try:
        envelope = json.loads(raw)
        content = envelope["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise ChatError(f"{where} did not answer a chat completion "
                        "(no choices[0].message.content)") from None
    try:
        data = json.loads(content)
    except (ValueError, TypeError) as e:
        raise ChatError(f"{where} answered content that is not JSON: {e}") from None
    problem = _check(data, SCHEMA, "answer")
    if problem:
        raise ChatError(f"{where} answered JSON outside the schema: {problem}")
    return dict(data)


def _check(value: Any, schema: Mapping[str, Any], where: str) -> str | None:
    """The first way ``value`` breaks the (small) schema, or ``None``.

    >>> _check({"entities": [], "relations": [{}]}, SCHEMA, "answer")
    'answer.relations[0] lacks type'
    """
    kinds = schema.get("type")
    allowed: list[str] = kinds if isinstance(kinds, list) else [kinds] if kinds else []
    python: dict[str, type | tuple[type, ...]] = {
        "object": dict, "array": list, "string": str, "number": (int, float),
        "null": type(None),
    }
    if allowed and not any(isinstance(value, python[k]) and not isinstance(value, bool)
                           for k in allowed):
        return f"{where} is not {' or '.join(allowed)}"
    if "enum" in schema and value not in schema["enum"]:
        return f"{where} {value!r} is not one of {', '.join(schema['enum'])}"
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number and not schema.get("minimum", value) <= value <= schema.get("maximum", value):
        return f"{where} {value} is out of range"
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                return f"{where} lacks {key}"
        properties = schema.get("properties", {})
        for key, item in value.items():
            sub = properties.get(key) or schema.get("additionalProperties")
            if sub is False:
                return f"{where} has an unknown field {key}"
            if isinstance(sub, dict):
                problem = _check(item, sub, f"{where}.{key}")
                if problem:
                    return problem
    if isinstance(value, list):
        for i, item in enumerate(value):
            problem = _check(item, schema.get("items", {}), f"{where}[{i}]")
            if problem:
                return problem
    return None
