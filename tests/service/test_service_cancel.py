"""Running jobs: PUT refused while running, DELETE cancels by killing the worker process.

Worker processes are pre-started (the embedded executor's warm workers): the one running
a cancelled job is killed and a fresh one takes its place.

The server runs with PMDESK_TEST_JOB_DELAY so every job stays RUNNING (sleeping in its
worker process before the engine starts) until it is cancelled.
"""

from __future__ import annotations

from collections.abc import Callable

import psutil
import pytest
from helpers.jobs import definition, wait_for, wait_state
from helpers.server import LiveServer


def worker_pids(server: LiveServer) -> set[int]:
    assert server.proc is not None
    found = set()
    for child in psutil.Process(server.proc.pid).children(recursive=True):
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                found.add(child.pid)
        except psutil.NoSuchProcess:
            continue
    return found


@pytest.fixture
def slow_jobs(server_factory: Callable[..., LiveServer]) -> LiveServer:
    server = server_factory(env={"PMDESK_TEST_JOB_DELAY": "120"}, extra_args=["--workers", "1"])
    r = server.request("PUT", "/pm/v1/file/s.str", files={"model_file": ("s.str", b"x")})
    assert r.status_code == 200
    return server


def test_put_is_refused_while_running_and_delete_kills_the_process(slow_jobs: LiveServer
                                                                    ) -> None:
    s = slow_jobs
    assert s.request("PUT", "/pm/v1/jobs/long", json=definition("s.str")).status_code == 201
    running = wait_state(s, "long", "RUNNING")
    assert "started" in running
    pids = wait_for(lambda: worker_pids(s))
    assert len(pids) == 1
    pid = next(iter(pids))

    r = s.request("PUT", "/pm/v1/jobs/long", json=definition("s.str"))
    assert r.status_code == 409
    assert r.json()["message"] == ("job 'long' is RUNNING and cannot be changed until it ends; "
                                   "DELETE it to cancel it, or wait")

    # a second job waits: the pool has one worker
    assert s.request("PUT", "/pm/v1/jobs/queued", json=definition("s.str")).status_code == 201
    assert wait_state(s, "queued", "PENDING")["jobStatus"] == "PENDING"

    r = s.request("DELETE", "/pm/v1/jobs/long")
    assert r.status_code == 200
    assert r.json() == {"deleted": 1, "message": "deleted 1 of 1 job(s)"}
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    assert s.request("GET", "/pm/v1/jobs/long/status").status_code == 404

    # the freed worker slot takes the queued job
    wait_state(s, "queued", "RUNNING")
    new_pids = wait_for(lambda: worker_pids(s))
    assert pid not in new_pids
    assert len(new_pids) == 1
    assert s.request("DELETE", "/pm/v1/jobs/queued").json()["deleted"] == 1
    wait_for(lambda: not (new_pids & worker_pids(s)))
    # the id is free again
    assert s.request("POST", "/pm/v1/jobs/long", json=definition("s.str")).status_code == 200


def test_delete_pending_and_running_together(slow_jobs: LiveServer) -> None:
    s = slow_jobs
    for job in ("r1", "p1", "p2"):
        assert s.request("PUT", f"/pm/v1/jobs/{job}", json=definition("s.str")).status_code == 201
    wait_state(s, "r1", "RUNNING")
    pids = worker_pids(s)
    r = s.request("DELETE", "/pm/v1/jobs/r1,p1,p2,unknown")
    assert r.json()["deleted"] == 3
    assert s.request("GET", "/pm/v1/jobs").json() == []
    wait_for(lambda: not (pids & worker_pids(s)))
