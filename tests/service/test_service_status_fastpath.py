"""The status poll's fast path (fastpath.py, issue 11 "Load and speed"): the same bytes as
the route, the same refusals, and no key ever sees another key's job."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from helpers.jobs import definition, wait_for, wait_state
from helpers.server import LiveServer
from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send

from pmdesk.service.app import create_app
from pmdesk.service.config import ServiceConfig
from pmdesk.service.fastpath import StatusFastPath


def _get(server: LiveServer, job_id: str, params: list[tuple[str, str]],
         headers: dict[str, str] | None = None) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    r = httpx.get(f"{server.url}/pm/v1/jobs/{job_id}/status", params=params,
                  headers=headers, timeout=30)
    # everything but the Date header, in the order sent
    return r.status_code, [h for h in r.headers.raw if h[0].lower() != b"date"], r.content


def _same_answers(server: LiveServer, job_id: str, headers: dict[str, str] | None = None
                  ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """The cached (fast) answer and the route's answer of one unchanged state: asserted
    byte-identical. A doubled accesskey always goes on to the route (fastpath.py); a
    state change between the calls retries."""
    key = server.key
    route = [("accesskey", key), ("accesskey", key)]

    def attempt() -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        before = _get(server, job_id, route, headers)
        _get(server, job_id, [("accesskey", key)])  # fills the cache if a change emptied it
        fast = _get(server, job_id, [("accesskey", key)], headers)
        after = _get(server, job_id, route, headers)
        if before != after:
            return None  # the job changed meanwhile: try again
        assert fast == before
        return fast

    return wait_for(attempt, timeout=30)


def test_fast_answer_is_the_routes_answer(server_factory: Callable[..., LiveServer]) -> None:
    # one worker, and each job waits 10 s: "slow" RUNNING, then FAILED (the stream is not
    # a stream), while "queued" is PENDING behind it
    server = server_factory(env={"PMDESK_TEST_JOB_DELAY": "10"}, extra_args=["--workers", "1"])
    r = server.request("PUT", "/pm/v1/file/s.str", files={"model_file": ("s.str", b"x")})
    assert r.status_code == 200
    assert server.request("PUT", "/pm/v1/jobs/slow", json=definition("s.str")
                          ).status_code == 201
    wait_state(server, "slow", "RUNNING")
    assert server.request("PUT", "/pm/v1/jobs/queued", json=definition("s.str")
                          ).status_code == 201

    seen: dict[str, Any] = {}
    for job_id in ("slow", "queued"):
        status, headers, body = _same_answers(server, job_id)
        assert status == 200 and (b"content-type", b"application/json") in headers
        seen[job_id] = httpx.Response(200, content=body).json()["jobStatus"]
        etag = dict(headers)[b"etag"].decode()
        # the conditional poll: a 304 with the ETag, also byte-identical
        status, headers, body = _same_answers(server, job_id, {"If-None-Match": etag})
        assert status == 304 and body == b"" and dict(headers)[b"etag"].decode() == etag
    assert seen["queued"] == "PENDING"

    failed = wait_state(server, "slow", "FAILED", "CANCELED")
    assert failed["jobStatus"] == "FAILED" and failed["message"]
    status, _, body = _same_answers(server, "slow")
    assert status == 200 and httpx.Response(200, content=body).json() == failed


def test_wrong_key_gets_the_routes_refusals(server_factory: Callable[..., LiveServer]) -> None:
    server = server_factory(keys=["key-a-0123456789", "key-b-0123456789"])
    a, b = server.keys
    assert server.request("PUT", "/pm/v1/jobs/mine", json=definition(), key=a
                          ).status_code == 201
    wait_state(server, "mine", "FAILED")
    for _ in range(3):  # cached for key a by now: the fast path must still refuse the others
        assert server.request("GET", "/pm/v1/jobs/mine/status", key=a).status_code == 200
        other = server.request("GET", "/pm/v1/jobs/mine/status", key=b)
        assert other.status_code == 404
        assert other.json() == {"flag": False, "message": "no job 'mine'"}
        wrong = server.request("GET", "/pm/v1/jobs/mine/status", key="not-a-key")
        assert wrong.status_code == 401
        assert wrong.json() == {"flag": False,
                                "message": "the access key is not valid for this service"}
        none = server.request("GET", "/pm/v1/jobs/mine/status", key=None)
        assert none.status_code == 401 and "access key is required" in none.json()["message"]
        empty = httpx.get(f"{server.url}/pm/v1/jobs/mine/status?accesskey=", timeout=30)
        assert empty.status_code == 401
    # after a's job is gone, a's cached answer is gone with it
    assert server.request("DELETE", "/pm/v1/jobs/mine", key=a).json()["deleted"] == 1
    assert server.request("GET", "/pm/v1/jobs/mine/status", key=a).status_code == 404


def test_status_poll_skips_the_route_when_cached(tmp_path: Path) -> None:
    """In-process, to see which part answered: a spy (counting only, answering nothing)
    sits between the fast path and the rest of the app."""
    app = create_app(ServiceConfig(data_dir=tmp_path / "data", access_keys=("key-0123456789",)))
    with TestClient(app) as client:
        params = {"accesskey": "key-0123456789"}
        assert client.put("/pm/v1/jobs/j1", params=params, json=definition()
                          ).status_code == 201
        wait_for(lambda: client.get("/pm/v1/jobs/j1/status", params=params
                                    ).json()["jobStatus"] == "FAILED")  # its last change
        first = client.get("/pm/v1/jobs/j1/status", params=params)
        layer: Any = app.middleware_stack
        while not isinstance(layer, StatusFastPath):
            layer = layer.app
        calls: list[str] = []
        inner = layer.app

        async def spy(scope: Scope, receive: Receive, send: Send) -> None:
            calls.append(scope["path"])
            await inner(scope, receive, send)

        layer.app = spy
        cached = client.get("/pm/v1/jobs/j1/status", params=params)
        assert calls == [] and cached.content == first.content
        assert cached.headers["etag"] == first.headers["etag"]
        refused = client.get("/pm/v1/jobs/j1/status", params={"accesskey": "nope"})
        assert refused.status_code == 401 and calls[-1] == "/pm/v1/jobs/j1/status"
