"""A 500, should one ever happen, still answers JSON and says Connection: close.

No input of the API reaches a 500 (test_service_bad_input, test_service_openapi_fuzz), so
the fault is injected: a test-only route that raises, added to the real app and served by
a real uvicorn on loopback.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from fastapi import APIRouter
from helpers.server import free_port

from pmdesk.service.app import create_app
from pmdesk.service.config import ServiceConfig


def test_a_500_is_json_and_closes_the_connection_cleanly(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The injected fault's ERROR record is expected: caplog takes it (not _logfail)."""
    app = create_app(ServiceConfig(data_dir=tmp_path / "data", access_keys=("k",)))
    boom = APIRouter()

    @boom.get("/boom")
    async def _boom() -> None:
        raise RuntimeError("injected fault")

    app.include_router(boom)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="critical", http="httptools"))
    thread = threading.Thread(target=server.run, name="uvicorn-test")
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline and thread.is_alive()
            time.sleep(0.05)
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(b"GET /boom HTTP/1.1\r\nHost: x\r\n\r\n")  # keep-alive asked
            data = b""
            while chunk := sock.recv(65536):  # ends: the server closes after the 500
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        headers = {k.lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
        assert lines[0].split()[1] == "500"
        assert headers["connection"].lower() == "close"
        assert headers["content-type"] == "application/json"
        answer = json.loads(body)
        assert answer["flag"] is False and "RuntimeError" in answer["message"]
        assert any(r.levelname == "ERROR" and r.exc_info for r in caplog.records)
    finally:
        server.should_exit = True
        thread.join(30)
