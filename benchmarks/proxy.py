"""A loopback TCP proxy that counts what passes: requests, answers by status, bytes each way.

It sits between a client and `pmdesk serve` without changing a byte, so the client under
test needs no instrumentation. Requests are counted by their request line ending in
" HTTP/1.1", answers by their status line; a few bytes carried over between reads keep a
line split across two reads from being missed.
"""

from __future__ import annotations

import asyncio
import re
import threading
from dataclasses import dataclass, field

_REQUEST = re.compile(rb"(?:GET|POST|PUT|DELETE|HEAD|PATCH) /\S* HTTP/1\.[01]\r\n")
_ANSWER = re.compile(rb"HTTP/1\.[01] (\d{3}) ")
_CARRY = 64


@dataclass
class Counts:
    requests: int = 0
    sent_bytes: int = 0
    received_bytes: int = 0
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def total_bytes(self) -> int:
        return self.sent_bytes + self.received_bytes


class CountingProxy:
    """Listens on 127.0.0.1:<free port> in its own thread; forwards to upstream host:port."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.counts = Counts()
        self.port = 0
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="bench-proxy", daemon=True)
        self._server: asyncio.base_events.Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> CountingProxy:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the counting proxy did not start")
        return self

    def reset(self) -> Counts:
        """The counts so far, and start counting afresh."""
        with self._lock:
            counts, self.counts = self.counts, Counts()
        return counts

    def stop(self) -> None:
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            self._loop.run_forever()
        finally:
            self._server.close()
            self._loop.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1",
                                                                 self.upstream_port)
        except OSError:
            writer.close()
            return
        await asyncio.gather(self._pipe(reader, up_writer, upstream=True),
                             self._pipe(up_reader, writer, upstream=False),
                             return_exceptions=True)

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                    upstream: bool) -> None:
        carry = b""
        try:
            while data := await reader.read(65536):
                scan = carry + data
                with self._lock:
                    c = self.counts
                    if upstream:
                        c.sent_bytes += len(data)
                        c.requests += sum(1 for m in _REQUEST.finditer(scan)
                                          if m.end() > len(carry))
                    else:
                        c.received_bytes += len(data)
                        for m in _ANSWER.finditer(scan):
                            if m.end() > len(carry):
                                code = int(m.group(1))
                                c.statuses[code] = c.statuses.get(code, 0) + 1
                carry = scan[-_CARRY:]
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            try:
                writer.close()
            except (ConnectionError, OSError, RuntimeError):
                pass
