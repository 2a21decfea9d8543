"""Restart on the same data dir: files intact, no job left RUNNING, PENDING jobs run."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest
from helpers.jobs import definition, wait_for, wait_state
from helpers.server import LiveServer


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("how", ["kill", "stop"])
def test_restart_keeps_files_and_fails_running_jobs(
        server_factory: Callable[..., LiveServer], tmp_path: Path, how: str) -> None:
    data_dir = tmp_path / "same"
    s = server_factory(data_dir, env={"PMDESK_TEST_JOB_DELAY": "120"},
                       extra_args=["--workers", "1"])
    files = {"a.str": os.urandom(200_000), "b.str": b"", "c.str": b"small"}
    for name, data in files.items():
        r = s.request("PUT", f"/pm/v1/file/{name}", files={"model_file": (name, data)})
        assert r.status_code == 200
    assert s.request("PUT", "/pm/v1/jobs/running", json=definition("a.str")).status_code == 201
    wait_state(s, "running", "RUNNING")
    assert s.request("PUT", "/pm/v1/jobs/waiting",
                     json=definition("gone.str")).status_code == 201
    assert s.proc is not None
    worker = next(p for p in psutil.Process(s.proc.pid).children(recursive=True)
                  if "spawn_main" in " ".join(p.cmdline()))

    if how == "kill":
        s.kill()
    else:
        s.stop()
    # the orphaned worker notices and stops by itself
    wait_for(lambda: not worker.is_running() or worker.status() == psutil.STATUS_ZOMBIE,
             timeout=20)

    s2 = server_factory(data_dir, keys=s.keys)  # the same key, no job delay now
    for name, data in files.items():
        r = s2.request("GET", f"/pm/v1/file/{name}")
        assert r.status_code == 200 and sha(r.content) == sha(data), name
    assert sorted(s2.request("GET", "/pm/v1/file").json()) == sorted(files)
    failed = wait_state(s2, "running", "FAILED")
    assert failed["message"].startswith("the service stopped while this job was running (")
    assert failed["message"].endswith("); resubmit it")
    # the job that was PENDING runs after the restart (and fails: its stream is missing)
    assert wait_state(s2, "waiting", "FAILED")["message"] == (
        "stream file 'gone.str' does not exist (deleted?)")
    states = {j["id"]: j["status"]["jobStatus"] for j in s2.request("GET", "/pm/v1/jobs").json()}
    assert "RUNNING" not in states.values() and "CANCELING" not in states.values()


def test_second_server_on_the_same_data_dir_is_refused(
        server_factory: Callable[..., LiveServer], tmp_path: Path) -> None:
    s = server_factory(tmp_path / "one")
    other = LiveServer(tmp_path / "one")
    with pytest.raises(RuntimeError, match="another pmdesk serve is using the data dir"):
        other.start()
    assert s.request("GET", "/pm/v1/file").status_code == 200
