"""The embedded executor: warm worker processes reused, recycled, killed; the lifecycle
never leaves a job RUNNING. Real `pmdesk serve` processes over loopback throughout."""

from __future__ import annotations

import copy
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil
from helpers.jobs import definition, wait_for, wait_state
from helpers.server import EngineSamples, LiveServer


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


def idle_pids(server: LiveServer, count: int) -> set[int]:
    """The pids of the warm workers once `count` of them are idle (ready for a job)."""
    def check() -> set[int] | None:
        state = server.request("GET", "/pm/v1/cluster").json()
        idle = {w["pid"] for w in state["workers"] if w["state"] == "idle"}
        return idle if len(idle) == count else None

    return wait_for(check)


def run_sample(server: LiveServer, samples: EngineSamples, job_id: str) -> dict[str, Any]:
    raw = copy.deepcopy(samples.definitions["BATCH_SCORE"])
    assert server.request("PUT", f"/pm/v1/jobs/{job_id}", json=raw).status_code == 201
    return wait_state(server, job_id, "SUCCESS", "FAILED")


def upload_sample(server: LiveServer, samples: EngineSamples) -> None:
    r = server.request("PUT", f"/pm/v1/file/{samples.stream.name}",
                       files={"model_file": (samples.stream.name,
                                             samples.stream.read_bytes())})
    assert r.status_code == 200, r.text


def test_jobs_run_in_the_same_warm_processes(server_factory: Callable[..., LiveServer],
                                             engine_samples: EngineSamples) -> None:
    s = server_factory(extra_args=["--workers", "2"])
    upload_sample(s, engine_samples)
    before = idle_pids(s, 2)
    for n in range(3):
        status = run_sample(s, engine_samples, f"score{n}")
        assert status["jobStatus"] == "SUCCESS", status
        assert status["runsOn"] == "local"
    after = idle_pids(s, 2)
    assert after == before  # no process was started for any of the jobs
    state = s.request("GET", "/pm/v1/cluster").json()
    assert state["executor"] == "embedded"
    assert sum(w["jobsRun"] for w in state["workers"]) == 3


def test_a_worker_is_replaced_after_its_job_quota(server_factory: Callable[..., LiveServer],
                                                  engine_samples: EngineSamples) -> None:
    s = server_factory(extra_args=["--workers", "1", "--recycle-after-jobs", "1"])
    upload_sample(s, engine_samples)
    first = idle_pids(s, 1)
    assert run_sample(s, engine_samples, "a")["jobStatus"] == "SUCCESS"
    second = wait_for(lambda: (p := idle_pids(s, 1)) != first and p)
    assert not first & second
    assert run_sample(s, engine_samples, "b")["jobStatus"] == "SUCCESS"
    wait_for(lambda: s.request("GET", "/pm/v1/cluster").json()["retiredWorkers"] == 2)
    assert not (first | second) & idle_pids(s, 1)


def test_kill_9_of_a_worker_mid_job_fails_the_job_and_nothing_else(
        server_factory: Callable[..., LiveServer], engine_samples: EngineSamples) -> None:
    s = server_factory(extra_args=["--workers", "1"], env={"PMDESK_TEST_JOB_DELAY": "120"})
    r = s.request("PUT", "/pm/v1/file/s.str", files={"model_file": ("s.str", b"x")})
    assert r.status_code == 200
    pid = next(iter(idle_pids(s, 1)))
    assert s.request("PUT", "/pm/v1/jobs/doomed", json=definition("s.str")).status_code == 201
    wait_state(s, "doomed", "RUNNING")
    psutil.Process(pid).send_signal(signal.SIGKILL)
    failed = wait_state(s, "doomed", "FAILED")
    assert failed["message"] == ("the job's worker process stopped unexpectedly "
                                 "(killed by signal 9)")
    # the service lives on, with a fresh worker taking the next job
    fresh = idle_pids(s, 1)
    assert pid not in fresh
    assert s.request("PUT", "/pm/v1/jobs/next", json=definition("s.str")).status_code == 201
    assert wait_state(s, "next", "RUNNING")["runsOn"] == "local"
    assert s.request("DELETE", "/pm/v1/jobs/next").json()["deleted"] == 1


def test_a_failure_between_claim_and_start_ends_the_job_failed(
        server_factory: Callable[..., LiveServer], tmp_path: Path) -> None:
    """The stored "stream" is a folder (put there on disk): pinning it fails after the
    job was claimed; the job must end FAILED with a message, never stay RUNNING."""
    data = tmp_path / "d"
    s = server_factory(data)
    r = s.request("PUT", "/pm/v1/file/real.str", files={"model_file": ("real.str", b"x")})
    assert r.status_code == 200
    stored = next(data.rglob("real.str"))
    (stored.parent / "odd.str").mkdir()
    assert s.request("PUT", "/pm/v1/jobs/odd", json=definition("odd.str")).status_code == 201
    failed = wait_state(s, "odd", "FAILED")
    assert failed["message"].startswith("the service could not start this job (")
    # the job can be deleted and resubmitted like any other
    assert s.request("DELETE", "/pm/v1/jobs/odd").json()["deleted"] == 1
    assert s.request("PUT", "/pm/v1/jobs/odd", json=definition("real.str")).status_code == 201
    assert wait_state(s, "odd", "SUCCESS", "FAILED")["jobStatus"] == "FAILED"  # not a stream


def test_cluster_state_needs_a_key(live_server: LiveServer) -> None:
    r = live_server.request("GET", "/pm/v1/cluster", key=None)
    assert r.status_code == 401
    assert "access key" in r.json()["message"]


def test_a_worker_whose_memory_grew_is_replaced(server_factory: Callable[..., LiveServer],
                                                engine_samples: EngineSamples) -> None:
    """A bound of 1 kB: the growth of any real job (frames, a model) passes it."""
    s = server_factory(extra_args=["--workers", "1", "--recycle-after-mb", "0.001"])
    upload_sample(s, engine_samples)
    first = idle_pids(s, 1)
    assert run_sample(s, engine_samples, "grow")["jobStatus"] == "SUCCESS"
    wait_for(lambda: s.request("GET", "/pm/v1/cluster").json()["retiredWorkers"] == 1)
    assert not first & idle_pids(s, 1)
