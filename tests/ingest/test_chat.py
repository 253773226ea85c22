"""The chat-completions extractor against a real tiny HTTP server on 127.0.0.1.

The server speaks the protocol's shape (``POST /v1/chat/completions``, an
answer with ``choices[0].message.content``); each test sets what it answers.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from citygraph.ingest.chat import MAX_CONFIDENCE, SCHEMA, ChatError, ChatExtractor
from citygraph.ingest.pipeline import default_extractors, extract_text

TEXT = "Seoul and Lima signed a sister city agreement on 3 May 2019."
GOOD = {
    "entities": [
        {"id": "a", "type": "City", "en": "Seoul", "ko": None},
        {"id": "b", "type": "City", "en": "Lima", "ko": None},
    ],
    "relations": [
        {"type": "agreement", "source": "a", "target": "b", "attributes": {"kind": "sister"},
         "quote": "signed a sister city agreement", "confidence": 0.95},
        {"type": "meeting", "source": "a", "target": "b", "attributes": {},
         "quote": "the mayors met in Lima", "confidence": 0.9},
    ],
}


class Server:
    """What the fake model server answers next, and what it was asked."""

    def __init__(self) -> None:
        self.status = 200
        self.body: bytes = b""
        self.delay = 0.0
        self.requests: list[dict[str, Any]] = []

    def answer(self, content: Any) -> None:
        text = content if isinstance(content, str) else json.dumps(content)
        self.body = json.dumps(
            {"id": "x", "object": "chat.completion",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                          "finish_reason": "stop"}]}
        ).encode()


@pytest.fixture
def server() -> Iterator[tuple[Server, str]]:
    state = Server()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            state.requests.append({"path": self.path,
                                   "body": json.loads(self.rfile.read(length))})
            time.sleep(state.delay)
            self.send_response(state.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(state.body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError):  # the client gave up (time-out test)
                self.wfile.write(state.body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def test_relations_keep_a_quoted_span_and_a_capped_confidence(server: tuple[Server, str]) -> None:
    state, url = server
    state.answer(GOOD)
    x = extract_text(TEXT, extractors=[ChatExtractor(url, "tiny", timeout=5)])
    [r] = x.relations  # the meeting's quote is not in the text: dropped, not invented
    assert (r.type.value, r.source, r.target, r.attributes) == (
        "agreement", "city/seoul", "city/lima", {"kind": "sister"})
    [ev] = r.evidence
    assert TEXT[ev.start:ev.end] == "signed a sister city agreement"
    assert (ev.rule, ev.confidence) == ("chat.tiny", MAX_CONFIDENCE)
    assert any("meeting relation whose quote" in w.message for w in x.warnings)


def test_the_request_follows_the_protocol_with_the_schema(server: tuple[Server, str]) -> None:
    state, url = server
    state.answer(GOOD)
    ChatExtractor(url, "tiny", timeout=5).ask(TEXT)
    [request] = state.requests
    assert request["path"] == "/v1/chat/completions"
    body = request["body"]
    assert body["model"] == "tiny"
    assert body["messages"][-1] == {"role": "user", "content": TEXT}
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["schema"] == json.loads(json.dumps(SCHEMA))


@pytest.mark.parametrize(("content", "problem"), [
    ("{not json", "content that is not JSON"),
    ({"entities": []}, "outside the schema: answer lacks relations"),
    ({"entities": [{"id": "a", "type": "Town", "en": "X", "ko": None}], "relations": []},
     "answer.entities[0].type 'Town' is not one of"),
    ({"entities": [], "relations": [{"type": "agreement", "source": "a", "target": "b",
                                     "attributes": {}, "quote": "q", "confidence": 7}]},
     "answer.relations[0].confidence 7 is out of range"),
    ({"entities": [], "relations": [], "mood": "happy"}, "unknown field mood"),
])
def test_an_answer_outside_the_schema_is_a_clear_error(
    server: tuple[Server, str], content: Any, problem: str
) -> None:
    state, url = server
    state.answer(content)
    with pytest.raises(ChatError, match=re.escape(problem)):
        extract_text(TEXT, extractors=[ChatExtractor(url, "tiny", timeout=5)])


def test_an_answer_that_is_no_chat_completion_is_a_clear_error(
    server: tuple[Server, str]
) -> None:
    state, url = server
    state.body = b'{"error": "model not loaded"}'
    with pytest.raises(ChatError, match=r"no choices\[0\]\.message\.content"):
        ChatExtractor(url, "tiny", timeout=5).ask(TEXT)


def test_an_http_error_names_the_status(server: tuple[Server, str]) -> None:
    state, url = server
    state.status, state.body = 503, b"{}"
    with pytest.raises(ChatError, match="answered HTTP 503"):
        ChatExtractor(url, "tiny", timeout=5).ask(TEXT)


def test_a_slow_server_times_out(server: tuple[Server, str]) -> None:
    state, url = server
    state.answer(GOOD)
    state.delay = 0.6
    started = time.perf_counter()
    with pytest.raises(ChatError, match=r"did not answer within 0\.2 s"):
        ChatExtractor(url, "tiny", timeout=0.2).ask(TEXT)
    assert time.perf_counter() - started < 0.6


def test_a_server_that_is_not_there_cannot_be_reached() -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ChatError, match="cannot be reached"):
        ChatExtractor(f"http://127.0.0.1:{port}/v1", "tiny", timeout=2).ask(TEXT)


def test_off_by_default_and_last_when_set() -> None:
    assert "chat" not in [e.name for e in default_extractors({})]
    names = [e.name for e in default_extractors(
        {"CITYGRAPH_CHAT_URL": "http://127.0.0.1:1/v1", "CITYGRAPH_CHAT_MODEL": "tiny"})]
    assert names[-1] == "chat"
