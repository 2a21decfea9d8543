"""Additions of issues 14 and 15 on a real `pmdesk serve`: cancel, the run log, run history.

Slow jobs use PMDESK_TEST_JOB_DELAY (each job sleeps in its worker process before the
engine starts) so a test can see RUNNING and cancel it; real runs use the engine's samples.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from helpers.jobs import SECRET, definition, status, wait_for, wait_state
from helpers.server import EngineSamples, LiveServer
from test_service_cancel import worker_pids

from pmdesk.api import additions
from pmdesk.api.errors import ConflictError, NotFoundError
from pmdesk.api.models import JobDefinition, JobState


@pytest.fixture
def slow_jobs(server_factory: Callable[..., LiveServer]) -> LiveServer:
    server = server_factory(env={"PMDESK_TEST_JOB_DELAY": "120"}, extra_args=["--workers", "1"])
    r = server.request("PUT", "/pm/v1/file/s.str", files={"model_file": ("s.str", b"x")})
    assert r.status_code == 200
    return server


def test_cancel_stops_a_running_job_which_stays_listed_with_its_log(slow_jobs: LiveServer
                                                                    ) -> None:
    s = slow_jobs
    assert s.request("PUT", "/pm/v1/jobs/long", json=definition("s.str")).status_code == 201
    wait_state(s, "long", "RUNNING")
    pids = wait_for(lambda: worker_pids(s))
    log = wait_for(lambda: "start:" in (t := s.request("GET", "/pm/v1/jobs/long/log").text)
                   and t)
    assert "start: RUN_STREAM of stream 's.str'" in log
    assert "parameters set: p1" in log and "v1" not in log
    assert "running..." in log
    # a second job waits behind it (one worker)
    assert s.request("PUT", "/pm/v1/jobs/queued", json=definition("s.str")).status_code == 201

    with s.client() as client:
        # cancelling a pending job: CANCELED without ever running
        assert additions.cancel_job(client, "queued").jobStatus is JobState.CANCELED
        assert status(s, "queued")["jobStatus"] == "CANCELED"
        assert "started" not in status(s, "queued")
        with pytest.raises(ConflictError, match="already ended"):
            additions.cancel_job(client, "queued")
        with pytest.raises(NotFoundError, match="no job 'nope'"):
            additions.cancel_job(client, "nope")
        answer = additions.cancel_job(client, "long")
        assert answer.jobStatus in (JobState.CANCELING, JobState.CANCELED)
        assert wait_state(s, "long", "CANCELED")["message"] == "cancelled by a cancel request"
        assert not (worker_pids(s) & pids)  # the job's process is gone
        listed = {j.id: j for j in client.list_jobs()}
        assert listed["long"].status is not None
        assert listed["long"].status.jobStatus is JobState.CANCELED
        text = additions.job_log(client, "long")
    assert "end: CANCELED: cancelled by a cancel request" in text
    assert SECRET not in text
    # another key sees none of it
    other = s.request("POST", "/pm/v1/jobs/long/cancel", key="not-a-key")
    assert other.status_code == 401
    # resubmitting keeps the cancelled run in the history
    assert s.request("PUT", "/pm/v1/jobs/long", json=definition("s.str")).status_code == 200
    runs = s.request("GET", "/pm/v1/jobs/long/runs").json()
    assert [(r["runId"], r["jobStatus"], r["current"]) for r in runs][1:] == [
        ("1", "CANCELED", False)]
    assert runs[0]["runId"] == "2" and runs[0]["current"] is True
    s.request("POST", "/pm/v1/jobs/long/cancel")
    wait_state(s, "long", "CANCELED")


def test_runs_keep_each_result_and_log_and_the_job_shows_the_latest(
    live_server: LiveServer, engine_samples: EngineSamples
) -> None:
    s = live_server
    definition_ = engine_samples.definitions["BATCH_SCORE"]
    with s.client() as client:
        client.upload_file(engine_samples.stream.name, engine_samples.stream)
        client.put_job("score", JobDefinition.parse(definition_))
        wait_state(s, "score", "SUCCESS", "FAILED")
        client.put_job("score", JobDefinition.parse(definition_))
        final = wait_state(s, "score", "SUCCESS", "FAILED")
        assert final["jobStatus"] == "SUCCESS", final
        runs = additions.list_runs(client, "score")
        assert [r.runId for r in runs] == ["2", "1"]
        assert all(r.jobStatus is JobState.SUCCESS for r in runs)
        assert runs[0].current and not runs[1].current
        assert runs[0].durationSeconds is not None
        assert additions.get_run(client, "score", "latest").runId == "2"
        log = additions.run_log(client, "score", "1")
        assert additions.get_run(client, "score", "1").progress is not None
    assert "run 1 (started by api)" in log
    assert "read: node" in log and "write: node" in log
    assert "rows: " in log and "end: SUCCESS" in log
    # both runs' results are kept and differ only in their run
    for run_id in ("1", "2"):
        r = s.request("GET", f"/pm/v1/jobs/score/runs/{run_id}/result")
        assert r.status_code == 200
        assert zipfile.ZipFile(io.BytesIO(r.content)).namelist() is not None
    r = s.request("GET", "/pm/v1/jobs/score/runs/3")
    assert r.status_code == 404 and "has no run '3'" in r.json()["message"]
    r = s.request("GET", "/pm/v1/jobs/score/runs/abc")
    assert r.status_code == 400 and "not a run number" in r.json()["message"]
    # DELETE removes the job with its runs
    assert s.request("DELETE", "/pm/v1/jobs/score").json()["deleted"] == 1
    assert s.request("GET", "/pm/v1/jobs/score/runs").status_code == 404


def test_a_log_of_a_failing_job_says_why_and_holds_no_password(live_server: LiveServer
                                                               ) -> None:
    s = live_server
    r = s.request("PUT", "/pm/v1/file/bad.str", files={"model_file": ("bad.str", b"x")})
    assert r.status_code == 200
    assert s.request("PUT", "/pm/v1/jobs/bad", json=definition("bad.str")).status_code == 201
    failed = wait_state(s, "bad", "FAILED")
    r = s.request("GET", "/pm/v1/jobs/bad/log")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    assert "engine: stopped:" in r.text
    assert f"end: FAILED: {failed['message']}" in r.text
    assert SECRET not in r.text
    assert SECRET not in s.log_text()


def test_the_additions_are_marked_in_openapi(live_server: LiveServer) -> None:
    doc = httpx.get(f"{live_server.url}/openapi.json").json()
    for path in ("/pm/v1/jobs/{job_id}/cancel", "/pm/v1/jobs/{job_id}/log",
                 "/pm/v1/jobs/{job_id}/runs", "/pm/v1/jobs/{job_id}/runs/{run_id}/log",
                 "/pm/v1/schedules", "/pm/v1/schedules/{schedule_id}"):
        assert path in doc["paths"]
        for operation in doc["paths"][path].values():
            assert operation["summary"].startswith("Addition")
    put = doc["paths"]["/pm/v1/schedules/{schedule_id}"]["put"]
    schema = put["requestBody"]["content"]["application/json"]["schema"]
    assert {"jobId", "cron", "everySeconds", "timezone"} <= set(schema["properties"])
    # the jobs router's own calls are not marked
    assert not doc["paths"]["/pm/v1/jobs/{job_id}/status"]["get"]["summary"].startswith(
        "Addition")


def test_retention_drops_old_runs_with_their_folders(server_factory: Callable[..., LiveServer]
                                                     ) -> None:
    s = server_factory(env={"PMDESK_RUNS_KEEP": "2"})
    r = s.request("PUT", "/pm/v1/file/bad.str", files={"model_file": ("bad.str", b"x")})
    assert r.status_code == 200
    for _ in range(4):
        s.request("PUT", "/pm/v1/jobs/j", json=definition("bad.str"))
        wait_state(s, "j", "FAILED")
    assert [x["runId"] for x in s.request("GET", "/pm/v1/jobs/j/runs").json()] == [
        "4", "3", "2", "1"]
    folders = {p.name for p in s.data_dir.glob("instances/*/runs/*")}
    assert len(folders) == 4
    s.restart()  # retention runs at start-up (then every minute)
    assert [x["runId"] for x in s.request("GET", "/pm/v1/jobs/j/runs").json()] == ["4", "3"]
    kept = {p.name for p in s.data_dir.glob("instances/*/runs/*")}
    assert len(kept) == 2 and kept < folders
    assert "end: FAILED" in s.request("GET", "/pm/v1/jobs/j/runs/3/log").text
    assert s.request("GET", "/pm/v1/jobs/j/runs/1/log").status_code == 404


def test_warnings_in_a_worker_reach_the_run_log_without_passwords(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The warning logged here is the point of the test: caplog takes it (not _logfail)."""
    import logging
    import warnings

    from pmdesk.service import runlog

    passwords: list[str] = []
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        runlog.worker_start(tmp_path, definition("s.str"), passwords)
        passwords.append(SECRET)  # decrypted later in the worker, as in worker._run
        logging.getLogger("pmdesk.engine").warning("slow query with password %s", SECRET)
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.warn("a column was cast", UserWarning, stacklevel=1)
        logging.getLogger("pmdesk.engine").info("not a warning")
        runlog.worker_end(tmp_path, ("failed", "no such table"))
    finally:
        for handler in root.handlers[len(before):]:
            root.removeHandler(handler)
            handler.close()
        logging.captureWarnings(False)
    assert any(r.name == "pmdesk.engine" and r.levelname == "WARNING" for r in caplog.records)
    text = (tmp_path / runlog.LOG_FILE).read_text(encoding="utf-8")
    assert "warning: slow query with password ********" in text
    assert "a column was cast" in text
    assert "not a warning" not in text and SECRET not in text
    assert text.rstrip().endswith("engine: stopped: no such table")
