"""`pmdesk serve --cluster`: every job runs on a real loopback Dask cluster's workers.

Real `dask scheduler` / `dask worker` processes and a real `pmdesk serve` throughout; the
faults (a worker or the scheduler killed) are real kill -9s.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Callable
from typing import Any

import psutil
import pytest
from helpers.cluster import LocalCluster, wait_workers
from helpers.jobs import SECRET, definition, wait_for, wait_state
from helpers.server import EngineSamples, LiveServer

pytestmark = pytest.mark.slow

ACTIONS = ("BATCH_SCORE", "TRAINING", "EVALUATION", "RUN_STREAM", "AUTO_REFRESH")


def job_processes() -> list[psutil.Process]:
    """Every process running one job's engine on this host (the cluster's job children)."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        if "pmdesk.service.executors.child" in " ".join(proc.info["cmdline"] or []):
            found.append(proc)
    return found


def service_children(server: LiveServer) -> list[psutil.Process]:
    assert server.proc is not None
    return psutil.Process(server.proc.pid).children(recursive=True)


def on_cluster(server_factory: Callable[..., LiveServer], cluster: LocalCluster,
               **kwargs: Any) -> LiveServer:
    server = server_factory(extra_args=["--cluster", cluster.address], **kwargs)
    wait_workers(server.url, server.key, len(cluster.workers))
    return server


def upload(server: LiveServer, name: str, data: bytes) -> None:
    r = server.request("PUT", f"/pm/v1/file/{name}", files={"model_file": (name, data)})
    assert r.status_code == 200, r.text


def test_the_five_sample_actions_succeed_on_the_cluster_workers(
        server_factory: Callable[..., LiveServer], cluster_factory: Callable[[int], LocalCluster],
        engine_samples: EngineSamples) -> None:
    cluster = cluster_factory(2)
    s = on_cluster(server_factory, cluster)
    addresses = {w["address"] for w in
                 s.request("GET", "/pm/v1/cluster").json()["workers"]}
    upload(s, engine_samples.stream.name, engine_samples.stream.read_bytes())
    for action in ACTIONS:
        raw = copy.deepcopy(engine_samples.definitions[action])
        assert s.request("PUT", f"/pm/v1/jobs/{action}", json=raw).status_code == 201
    for action in ACTIONS:
        status = wait_state(s, action, "SUCCESS", "FAILED", timeout=180)
        assert status["jobStatus"] == "SUCCESS", (action, status)
        assert status["runsOn"] in addresses
        r = s.request("GET", f"/pm/v1/jobs/{action}/result")
        assert r.status_code == 200
        names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
        if action in ("TRAINING", "EVALUATION"):  # the files came back from the worker
            assert names, action
    # the service itself started no process for any job
    assert service_children(s) == []
    score = s.request("GET", "/pm/v1/jobs/BATCH_SCORE/status").json()
    assert score["progress"]["rowsDone"] == score["progress"]["rowsTotal"] > 0


def test_passwords_travel_with_the_task_and_reach_no_log(
        server_factory: Callable[..., LiveServer],
        cluster_factory: Callable[[int], LocalCluster], engine_samples: EngineSamples) -> None:
    cluster = cluster_factory(1)
    s = on_cluster(server_factory, cluster)
    upload(s, engine_samples.stream.name, engine_samples.stream.read_bytes())
    raw = copy.deepcopy(engine_samples.definitions["BATCH_SCORE"])
    raw["dbDefinitions"]["samples"] = {"type": "PostgreSQL", "host": "127.0.0.1", "port": 1,
                                       "db": "none", "username": "u", "password": SECRET}
    assert s.request("PUT", "/pm/v1/jobs/pw", json=raw).status_code == 201
    failed = wait_state(s, "pw", "FAILED", "SUCCESS", timeout=120)
    assert failed["jobStatus"] == "FAILED"
    assert failed["runsOn"] == cluster_state_worker(s)
    assert SECRET not in failed["message"]
    assert SECRET not in cluster.logs()
    assert SECRET not in s.log_text()


def cluster_state_worker(server: LiveServer) -> str:
    workers = server.request("GET", "/pm/v1/cluster").json()["workers"]
    assert len(workers) == 1
    return str(workers[0]["address"])


def test_delete_stops_the_work_on_the_worker(
        server_factory: Callable[..., LiveServer],
        cluster_factory: Callable[[int], LocalCluster]) -> None:
    cluster = cluster_factory(1)
    s = on_cluster(server_factory, cluster, env={"PMDESK_TEST_JOB_DELAY": "120"})
    upload(s, "s.str", b"x")
    assert s.request("PUT", "/pm/v1/jobs/long", json=definition("s.str")).status_code == 201
    running = wait_for(lambda: (st := wait_state(s, "long", "RUNNING")).get("runsOn") and st)
    assert running["runsOn"] == cluster_state_worker(s)
    children = wait_for(job_processes)
    assert len(children) == 1
    r = s.request("DELETE", "/pm/v1/jobs/long")
    assert r.json() == {"deleted": 1, "message": "deleted 1 of 1 job(s)"}
    # when DELETE answers, the job's process on the worker is gone
    assert not children[0].is_running() or children[0].status() == psutil.STATUS_ZOMBIE
    # and the worker takes the next job
    assert s.request("PUT", "/pm/v1/jobs/next", json=definition("s.str")).status_code == 201
    wait_for(lambda: wait_state(s, "next", "RUNNING").get("runsOn"))
    assert s.request("DELETE", "/pm/v1/jobs/next").json()["deleted"] == 1


def test_a_worker_killed_mid_job_fails_the_job_with_a_message(
        server_factory: Callable[..., LiveServer],
        cluster_factory: Callable[[int], LocalCluster]) -> None:
    cluster = cluster_factory(1)
    s = on_cluster(server_factory, cluster, env={"PMDESK_TEST_JOB_DELAY": "120"})
    upload(s, "s.str", b"x")
    assert s.request("PUT", "/pm/v1/jobs/doomed", json=definition("s.str")).status_code == 201
    where = wait_for(lambda: wait_state(s, "doomed", "RUNNING").get("runsOn"))
    wait_for(job_processes)
    cluster.kill_workers()
    failed = wait_state(s, "doomed", "FAILED", timeout=60)
    assert failed["message"] == (f"the cluster worker running this job ({where}) stopped "
                                 f"mid-job; resubmit it")
    wait_for(lambda: not job_processes(), timeout=30)  # its engine process followed it
    # a new worker joins: the next job runs there
    cluster.add_worker()
    wait_workers(s.url, s.key, 1)
    assert s.request("PUT", "/pm/v1/jobs/next", json=definition("s.str")).status_code == 201
    assert wait_for(lambda: wait_state(s, "next", "RUNNING").get("runsOn")) != where
    assert s.request("DELETE", "/pm/v1/jobs/next").json()["deleted"] == 1


def test_losing_the_scheduler_fails_running_jobs_and_pending_ones_wait(
        server_factory: Callable[..., LiveServer],
        cluster_factory: Callable[[int], LocalCluster], engine_samples: EngineSamples) -> None:
    cluster = cluster_factory(1)
    s = on_cluster(server_factory, cluster, env={"PMDESK_TEST_JOB_DELAY": "3"})
    upload(s, engine_samples.stream.name, engine_samples.stream.read_bytes())
    raw = copy.deepcopy(engine_samples.definitions["BATCH_SCORE"])
    assert s.request("PUT", "/pm/v1/jobs/cut", json=raw).status_code == 201
    wait_for(lambda: wait_state(s, "cut", "RUNNING").get("runsOn"))
    cluster.kill_scheduler()
    failed = wait_state(s, "cut", "FAILED", timeout=60)
    assert failed["message"] == ("the service lost the Dask scheduler while this job ran; its "
                                 "work on the worker was stopped: resubmit it")
    def disconnected() -> dict[str, Any] | None:
        state: dict[str, Any] = s.request("GET", "/pm/v1/cluster").json()
        return state if state["connected"] is False else None

    state = wait_for(disconnected)
    assert "jobs wait PENDING until it is back" in state["message"]
    # a job submitted meanwhile waits
    assert s.request("PUT", "/pm/v1/jobs/later", json=raw).status_code == 201
    assert wait_state(s, "later", "PENDING")["jobStatus"] == "PENDING"
    wait_for(lambda: not job_processes(), timeout=30)  # the cut job's work was stopped
    # the scheduler comes back (same address) with a worker: the waiting job runs
    cluster.kill_workers()
    cluster.start_scheduler()
    cluster.add_worker()
    assert wait_state(s, "later", "SUCCESS", "FAILED", timeout=120)["jobStatus"] == "SUCCESS"


def test_a_tls_cluster_runs_jobs_and_refuses_plain_clients(
        server_factory: Callable[..., LiveServer], cluster_factory: Callable[..., LocalCluster],
        engine_samples: EngineSamples) -> None:
    cluster = cluster_factory(1, tls=True)
    assert cluster.tls is not None
    ca, cert, key = cluster.tls
    s = server_factory(extra_args=[
        "--cluster", cluster.address, "--cluster-tls-ca-file", str(ca),
        "--cluster-tls-cert", str(cert), "--cluster-tls-key", str(key)])
    state = wait_workers(s.url, s.key, 1)
    assert state["workers"][0]["address"].startswith("tls://")
    upload(s, engine_samples.stream.name, engine_samples.stream.read_bytes())
    raw = copy.deepcopy(engine_samples.definitions["EVALUATION"])
    assert s.request("PUT", "/pm/v1/jobs/tls", json=raw).status_code == 201
    status = wait_state(s, "tls", "SUCCESS", "FAILED", timeout=120)
    assert status["jobStatus"] == "SUCCESS", status
    assert status["runsOn"].startswith("tls://")
    # a service without the certificates never connects, and says why
    plain = server_factory(extra_args=["--cluster", cluster.address.replace("tls", "tcp")])

    def refused() -> dict[str, Any] | None:
        state: dict[str, Any] = plain.request("GET", "/pm/v1/cluster").json()
        return state if "cannot be reached" in state.get("message", "") else None

    assert wait_for(refused)["connected"] is False
