"""Keep REST answers per graph version: the graph is read-only between builds and updates.

A pure ASGI middleware.  A GET under ``/api/`` that answered 200 is kept,
keyed by the graph version, the path, the query string and the ``Accept``
header; the next identical request is answered from memory.  A store without
a version (in memory, or remote) is never cached.  At most ``size`` answers
of up to ``max_bytes`` each are kept, the least recently used dropped first.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ResponseCache"]


class ResponseCache:
    """Answer repeated REST GETs from memory, per graph version."""

    def __init__(self, app: ASGIApp, *, prefixes: tuple[str, ...] = ("/api/",),
                 size: int = 256, max_bytes: int = 1_000_000) -> None:
        self.app = app
        self.prefixes = prefixes
        self.size = size
        self.max_bytes = max_bytes
        self.kept: OrderedDict[tuple[Any, ...], tuple[Message, bytes]] = OrderedDict()
        self.version: str | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve from memory, or pass on and keep a 200 answer."""
        if scope["type"] != "http" or scope["method"] != "GET" or not str(
                scope["path"]).startswith(self.prefixes):
            await self.app(scope, receive, send)
            return
        runtime = getattr(scope["app"].state, "runtime", None)
        version = runtime.store.version if runtime is not None else None
        if version is None:
            await self.app(scope, receive, send)
            return
        if version != self.version:  # a new graph: what was kept is stale
            self.kept.clear()
            self.version = version
        headers = dict(scope.get("headers") or [])
        key = (version, scope["path"], scope.get("query_string", b""), headers.get(b"accept"))
        if key in self.kept:
            self.kept.move_to_end(key)
            head, body = self.kept[key]
            await send(head)
            await send({"type": "http.response.body", "body": body})
            return
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def keep(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if not message.get("more_body") and start is not None \
                        and start["status"] == 200 and size <= self.max_bytes:
                    self.kept[key] = (start, b"".join(chunks))
                    while len(self.kept) > self.size:
                        self.kept.popitem(last=False)
            await send(message)

        await self.app(scope, receive, keep)
