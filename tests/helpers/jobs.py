"""Small helpers shared by the service's job tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from helpers.server import LiveServer

T = TypeVar("T")

SECRET = "pw-Zq8#not-in-any-log"


def definition(model_id: str = "missing.str", **extra: Any) -> dict[str, Any]:
    return {
        "action": "RUN_STREAM",
        "model": {"id": model_id},
        "dbDefinitions": {"db1": {"type": "PostgreSQL", "host": "127.0.0.1", "port": 5432,
                                  "db": "x", "username": "u", "password": SECRET}},
        "setting": {"parameterOverride": [{"name": "p1", "value": "v1"}]},
        **extra,
    }


def wait_for(check: Callable[[], T | None], timeout: float = 60.0, every: float = 0.1) -> T:
    """Polls until `check` returns something truthy; the bound only stops a hang."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(every)


def status(server: LiveServer, job_id: str, key: str | None = "") -> dict[str, Any]:
    r = server.request("GET", f"/pm/v1/jobs/{job_id}/status", key=key)
    assert r.status_code == 200, r.text
    return dict(r.json())


def wait_state(server: LiveServer, job_id: str, *states: str, timeout: float = 60.0
               ) -> dict[str, Any]:
    def check() -> dict[str, Any] | None:
        current = status(server, job_id)
        return current if current["jobStatus"] in states else None

    return wait_for(check, timeout)
