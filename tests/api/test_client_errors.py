"""The client against answers PMDesk's service never gives: literal-minded and broken servers.

A tiny stand-in HTTP server is used here on purpose: the real service follows the contract,
so only a stand-in can send failures as 200 with "flag": false, British status names, a
bare-number DELETE answer, HTML error pages or 503s, and a listener can go silent.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from helpers.server import free_port

from pmdesk.api.client import PMClient
from pmdesk.api.errors import (
    CancelledError,
    ConflictError,
    InvalidRequestError,
    NetworkError,
    NotFoundError,
    PMError,
    ServerError,
    UnauthorizedError,
)
from pmdesk.api.models import JobDefinition, JobState

KEY = "stand-in-secret-key-123"
# path -> list of (status, content type, body) answered in turn (the last one repeats)
Script = dict[str, list[tuple[int, str, bytes]]]


def js(data: Any) -> bytes:
    return json.dumps(data).encode()


class StandIn:
    def __init__(self, script: Script) -> None:
        self.script = script
        self.hits: dict[str, int] = {}
        self.targets: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                owner.targets.append(self.path)
                route = f"{self.command} {self.path.split('?')[0]}"
                answers = owner.script.get(route, [(404, "application/json",
                                                    js({"message": "nothing here"}))])
                n = owner.hits.get(route, 0)
                owner.hits[route] = n + 1
                status, ctype, body = answers[min(n, len(answers) - 1)]
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_PUT = do_POST = do_DELETE = _answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


@pytest.fixture
def stand_in() -> Iterator[Any]:
    servers: list[StandIn] = []

    def make(script: Script) -> StandIn:
        servers.append(StandIn(script))
        return servers[-1]

    yield make
    for s in servers:
        s.close()


J = "application/json"
DEFINITION = {"action": "TRAINING", "model": {"id": "str2", "name": "stream1.str"}}


def test_literal_server(stand_in: Any, tmp_path: Path) -> None:
    s = stand_in({
        "GET /pm/v1/file": [(200, J, js(["a.str", "b.str"]))],
        "PUT /pm/v1/file/x.str": [(200, J, js({"flag": False, "message": "disk full"}))],
        "DELETE /pm/v1/file/y.str": [(200, J, js({"flag": False,
                                                   "message": "file y.str not found"}))],
        "GET /pm/v1/jobs": [(200, J, js([DEFINITION]))],
        "GET /pm/v1/jobs/j1/status": [(200, J, js({"jobstatus": "Cancelled"}))],
        "GET /pm/v1/jobs/j2/status": [(200, J, js({"jobStatus": "cancelling"}))],
        "GET /pm/v1/jobs/j3/status": [(200, J, js({"status": "Success",
                                                    "dataUrl": "/files/r.zip"}))],
        "GET /files/r.zip": [(200, "application/zip", b"PK zip bytes")],
        "DELETE /pm/v1/jobs/j1,j2": [(200, J, b"2")],
        "DELETE /pm/v1/jobs/j3": [(200, J, js({"message": "1 job deleted"}))],
        "POST /pm/v1/jobs/j1": [(200, J, js({"flag": False, "message": "job already exists"}))],
    })
    src = tmp_path / "x.str"
    src.write_bytes(b"data")
    with PMClient(s.url, KEY) as c:
        assert [(f.id, f.size) for f in c.list_files()] == [("a.str", None), ("b.str", None)]
        with pytest.raises(InvalidRequestError, match=r"^disk full$") as err:
            c.upload_file("x.str", src)
        assert err.value.status == 200
        with pytest.raises(NotFoundError, match="not found"):
            c.delete_file("y.str")
        with pytest.raises(ConflictError):
            c.submit_job("j1", JobDefinition.parse(DEFINITION))
        jobs = c.list_jobs()
        assert jobs[0].id is None and jobs[0].model.id == "str2"
        assert c.job_status("j1").jobStatus is JobState.CANCELED
        assert c.job_status("j2").jobStatus is JobState.CANCELING
        st = c.job_status("j3")
        assert st.jobStatus is JobState.SUCCESS
        assert c.download_result(st, tmp_path / "r.zip").read_bytes() == b"PK zip bytes"
        assert c.delete_jobs(["j1", "j2"]) == 2
        assert c.delete_jobs(["j3"]) == 1
        assert c.list_jobs_if_changed("old")[0] is not None  # no ETag support: a full list


def test_http_errors_become_typed_errors_with_readable_messages(stand_in: Any) -> None:
    s = stand_in({
        "GET /pm/v1/jobs/a": [(500, "text/html", b"<html><body>Traceback...</body></html>")],
        "GET /pm/v1/jobs/b": [(200, "text/html", b"<html>login page</html>")],
        "GET /pm/v1/jobs/c": [(403, J, b"{}")],
        "GET /pm/v1/jobs/d": [(413, J, js({"message": "too big"}))],
        "GET /pm/v1/jobs/e": [(422, J, js({"detail": "bad field"}))],
        "GET /pm/v1/jobs/f": [(200, J, js({"action": "FLY"}))],
    })
    with PMClient(s.url, KEY, retries=0) as c:
        with pytest.raises(ServerError) as err:
            c.get_job("a")
        assert err.value.status == 500
        assert str(err.value) == f"the server at {s.url} answered 500 Internal Server Error"
        with pytest.raises(ServerError, match="not JSON"):
            c.get_job("b")
        with pytest.raises(UnauthorizedError, match="refused"):
            c.get_job("c")
        with pytest.raises(InvalidRequestError, match=r"^too big$"):
            c.get_job("d")
        with pytest.raises(InvalidRequestError, match=r"^bad field$"):
            c.get_job("e")
        with pytest.raises(ServerError, match="does not follow the contract"):
            c.get_job("f")


def test_retries_only_idempotent_calls(stand_in: Any) -> None:
    busy = (503, J, js({"message": "busy"}))
    s = stand_in({
        "GET /pm/v1/jobs/x/status": [busy, busy, (200, J, js({"jobStatus": "RUNNING"}))],
        "POST /pm/v1/jobs/x": [busy, (200, J, js({}))],
        "DELETE /pm/v1/jobs/x": [busy, (200, J, b"1")],
    })
    with PMClient(s.url, KEY, retries=3) as c:
        assert c.job_status("x").jobStatus is JobState.RUNNING
        assert s.hits["GET /pm/v1/jobs/x/status"] == 3
        with pytest.raises(ServerError, match="busy"):
            c.submit_job("x", JobDefinition.parse(DEFINITION))
        assert s.hits["POST /pm/v1/jobs/x"] == 1
        with pytest.raises(ServerError):
            c.delete_jobs(["x"])
        assert s.hits["DELETE /pm/v1/jobs/x"] == 1
    assert all(f"accesskey={KEY}" in t for t in s.targets)  # the key does go on the wire


def test_network_errors_are_readable() -> None:
    port = free_port()  # nothing listens there
    with PMClient(f"127.0.0.1:{port}", KEY, retries=1) as c, \
            pytest.raises(NetworkError) as err:
        c.list_files()
    assert str(err.value).startswith(f"cannot connect to the server at http://127.0.0.1:{port}")
    with socket.socket() as silent:  # accepts connections (backlog) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        with PMClient(url, KEY, timeout=0.5, retries=0) as c, \
                pytest.raises(NetworkError) as err:
            c.list_files()
    assert str(err.value) == f"the server at {url} did not answer within 0.5 s"


def test_key_redacted_everywhere(stand_in: Any, tmp_path: Path,
                                 caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    s = stand_in({
        "GET /pm/v1/jobs/echo": [(400, J, js({"message": f"bad url /x?accesskey={KEY}"}))],
        "GET /pm/v1/jobs/echo2": [(404, J, js({"message": f"unknown key {KEY}"}))],
    })
    errors: list[PMError] = []
    with PMClient(s.url, KEY, retries=0) as c:
        assert KEY not in repr(c)
        for job in ("echo", "echo2"):
            try:
                c.get_job(job)
            except PMError as exc:
                errors.append(exc)
    with PMClient(f"127.0.0.1:{free_port()}", KEY, retries=0) as c:
        try:
            c.list_files()
        except PMError as exc:
            errors.append(exc)
    cancel = threading.Event()
    cancel.set()
    src = tmp_path / "f"
    src.write_bytes(b"x" * 1000)
    with PMClient(s.url, KEY, retries=0) as c:
        try:
            c.upload_file("f", src, cancel=cancel)
        except CancelledError as cancelled:
            errors.append(cancelled)
    assert len(errors) == 4
    for error in errors:
        assert KEY not in str(error) and KEY not in repr(error) and KEY not in str(error.args)
    assert "accesskey=***" in caplog.text
    assert KEY not in caplog.text


def test_cancel_ends_the_wait_between_retries(tmp_path: Path) -> None:
    """The pause before a retry is a wait on the cancel event, so Cancel does not have to sit
    it out. Fault injection: an Event whose wait() reports "set" the moment it is called
    (nothing else puts a Cancel exactly between two attempts)."""
    waits: list[float] = []

    class CancelDuringWait(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            waits.append(timeout or 0.0)
            self.set()
            return True

    with PMClient(f"127.0.0.1:{free_port()}", KEY, retries=5) as c, \
            pytest.raises(CancelledError):
        c.download_file("x.str", tmp_path / "x.str", cancel=CancelDuringWait())
    assert len(waits) == 1  # one failed attempt, then the cancelled pause, no more tries
