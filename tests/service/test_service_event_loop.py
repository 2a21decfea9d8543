"""No SQLite, encryption, JSON parsing or file work on the event loop (issue 11 item 6).

Every method of the jobs database, the file store and the password box, and the JSON body
parser, is wrapped to record a call made while an event loop runs in the calling thread
(the loop's own thread). The calls of every route then must record none. In-process
(Starlette's TestClient) because the check needs the wrapped classes in the app's process;
the work measured is the real app's.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pmdesk.service import jsonbody, routes_jobs
from pmdesk.service.app import create_app
from pmdesk.service.config import ServiceConfig
from pmdesk.service.crypto import SecretBox
from pmdesk.service.filestore import FileStore
from pmdesk.service.jobsdb import JobsDB

KEY = "event-loop-key"
# FileStore.path joins two names; JobsDB.known_rev reads a dict: no disk, no SQLite
PURE = {"path", "known_rev"}


def _on_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@pytest.fixture
def on_loop_calls(monkeypatch: pytest.MonkeyPatch, tmp_path: Path
                  ) -> Iterator[tuple[TestClient, list[str]]]:
    calls: list[str] = []

    def watch(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if _on_loop():
                calls.append(name)
            return fn(*args, **kwargs)

        return wrapper

    app = create_app(ServiceConfig(data_dir=tmp_path / "data", access_keys=(KEY,)))
    with TestClient(app, raise_server_exceptions=True) as client:  # start-up is exempt
        for cls in (JobsDB, FileStore, SecretBox):
            for name, fn in inspect.getmembers(cls, inspect.isfunction):
                if not name.startswith("__") and name not in PURE:
                    wrapped = watch(f"{cls.__name__}.{name}", fn)
                    if isinstance(inspect.getattr_static(cls, name), staticmethod):
                        wrapped = staticmethod(wrapped)  # type: ignore[assignment]
                    monkeypatch.setattr(cls, name, wrapped)
        monkeypatch.setattr(routes_jobs, "parse_json_body",
                            watch("parse_json_body", jsonbody.parse_json_body))
        yield client, calls


def test_no_route_does_blocking_work_on_the_event_loop(
        on_loop_calls: tuple[TestClient, list[str]]) -> None:
    client, calls = on_loop_calls
    q = {"accesskey": KEY}
    definition = {"action": "RUN_STREAM", "model": {"id": "s.str"},
                  "dbDefinitions": {f"db{i}": {"type": "PostgreSQL", "host": "h",
                                               "password": f"pw{i}"} for i in range(50)}}
    answers = [
        client.put("/pm/v1/file/s.str", params=q, files={"model_file": ("s", b"x" * 3000)}),
        client.get("/pm/v1/file", params=q),
        client.get("/pm/v1/file", params={**q, "details": "true"}),
        client.get("/pm/v1/file/s.str", params=q),
        client.get("/pm/v1/file/s.str/versions", params=q),
        client.get("/pm/v1/file/s.str/versions/nope", params=q),
        client.post("/pm/v1/file/s.str/versions/nope/restore", params=q),
        client.put("/pm/v1/jobs/j1", params=q, json=definition),
        client.post("/pm/v1/jobs/j2", params=q, json=definition),
        client.put("/pm/v1/jobs/j1", params=q, json=definition),
        client.get("/pm/v1/jobs", params=q),
        client.get("/pm/v1/jobs", params={**q, "since": "1"}),
        client.get("/pm/v1/jobs/j1", params=q),
        client.get("/pm/v1/jobs/j1/status", params=q),
        client.get("/pm/v1/jobs/j1/result", params=q),
        client.delete("/pm/v1/jobs/j1,j2,j3", params=q),
        client.delete("/pm/v1/file/s.str", params=q),
    ]
    assert all(r.status_code < 500 for r in answers), [r.text for r in answers]
    assert [r.status_code for r in answers][:4] == [200, 200, 200, 200]
    assert calls == []
