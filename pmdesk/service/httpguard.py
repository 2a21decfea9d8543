"""Bounds on what one connection may cost before the app sees a request (issue 11 item 7).

uvicorn's httptools protocol buffers request headers without a limit and waits for them,
or for a body that stops arriving, forever: two connections sending 256 MB of headers
added 512 MB of memory. This subclass answers 431 when a request's head passes
`max_header_bytes`, 408 when the head takes longer than `header_timeout` seconds, and 408
(or a plain close once the answer has begun) when a body stalls for `body_timeout` seconds.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

MAX_HEADER_BYTES = 64 * 1024
HEADER_TIMEOUT = 30.0
BODY_TIMEOUT = 120.0
REASONS = {408: "Request Timeout", 431: "Request Header Fields Too Large"}


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    max_header_bytes = MAX_HEADER_BYTES
    header_timeout = HEADER_TIMEOUT
    body_timeout = BODY_TIMEOUT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = True  # reading a request line and headers (or waiting for one)
        self._head_bytes = 0
        self._last_data = self._head_started = 0.0
        self._timer: asyncio.TimerHandle | None = None

    # ---- timers: one per connection, checking the time of the last bytes ---------------

    def _arm(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self.loop.call_later(delay, self._check_time)

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _check_time(self) -> None:
        self._timer = None
        if self.transport is None or self.transport.is_closing():
            return
        now = self.loop.time()
        if self._in_head:
            waited = now - self._head_started
            if waited < self.header_timeout:
                self._arm(self.header_timeout - waited)
            elif self._head_bytes:
                self._refuse(408, f"the request's headers did not arrive within "
                                  f"{self.header_timeout:g} s")
            else:  # a connection that never sent a request: just close it
                self.transport.close()
            return
        if self.flow is not None and self.flow.read_paused:
            self._arm(self.body_timeout)  # the app is not reading: not the client's delay
            return
        idle = now - self._last_data
        if idle < self.body_timeout:
            self._arm(self.body_timeout - idle)
        elif self.cycle is not None and not self.cycle.response_started:
            self._refuse(408, f"the request body stopped arriving for "
                              f"{self.body_timeout:g} s")
        else:
            self.transport.close()

    # ---- protocol hooks ------------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_started = self._last_data = self.loop.time()
        self._arm(self.header_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self._last_data = self.loop.time()
        super().data_received(data)
        if self._in_head and not self.transport.is_closing():
            self._head_bytes += len(data)
            if self._head_bytes > self.max_header_bytes:
                self._refuse(431, f"the request line and headers are larger than "
                                  f"{self.max_header_bytes // 1024} KB")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        self._head_bytes = 0
        self._head_started = self.loop.time()
        self._arm(self.header_timeout)

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._arm(self.body_timeout)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._disarm()

    def _refuse(self, status: int, message: str) -> None:
        """A JSON error answer written directly (no app involved), then the close."""
        body = json.dumps({"flag": False, "message": message}).encode()
        head = (f"HTTP/1.1 {status} {REASONS[status]}\r\ncontent-type: application/json\r\n"
                f"content-length: {len(body)}\r\nconnection: close\r\n\r\n").encode()
        self.logger.warning("refused a request: %s", message)
        self._disarm()
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.disconnected = True  # the app's answer, if any, is not sent
        self.transport.write(head + body)
        self.transport.close()
        self._in_head = False  # nothing more is read


def guarded_protocol(header_timeout: float, body_timeout: float,
                     max_header_bytes: int = MAX_HEADER_BYTES) -> type[HttpToolsProtocol]:
    """The protocol class with these bounds (uvicorn.Config(http=...) takes a class)."""
    return type("GuardedHttpToolsProtocol", (GuardedHttpToolsProtocol,), {
        "header_timeout": header_timeout, "body_timeout": body_timeout,
        "max_header_bytes": max_header_bytes})
