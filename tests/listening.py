"""A TCP listener on 127.0.0.1 that records every connection it gets: proof that nothing left."""

from __future__ import annotations

import socket
import threading
from types import TracebackType


class Listener:
    """Listen on a free port of 127.0.0.1 and keep the first bytes of each connection.

    >>> with Listener() as listener:
    ...     listener.url.startswith("http://127.0.0.1:")
    True
    """

    def __init__(self) -> None:
        self._server = socket.socket()
        self._server.bind(("127.0.0.1", 0))
        self._server.listen()
        self._server.settimeout(0.2)
        self.port: int = self._server.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.seen: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            conn.settimeout(1)
            try:
                self.seen.append(conn.recv(1024))
            except TimeoutError:
                self.seen.append(b"")
            conn.close()

    def __enter__(self) -> Listener:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join(2)
        self._server.close()
