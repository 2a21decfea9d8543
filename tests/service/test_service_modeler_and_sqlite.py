"""A real Modeler .str on the service, and where jobs may open SQLite files."""

from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import Any

import pytest
from helpers.server import EngineSamples, LiveServer

from pmdesk.api.errors import InvalidRequestError
from pmdesk.api.models import JobDefinition, JobState, JobStatus

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared/fixtures/modeler-streams"


def wait_finished(client: Any, job_id: str, timeout: float = 120) -> JobStatus:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status: JobStatus = client.job_status(job_id)
        if status.jobStatus.finished:
            return status
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish")


@pytest.mark.fixtures
def test_job_on_a_real_modeler_stream_is_refused_naming_what_is_wrong(
    live_server: LiveServer, engine_samples: EngineSamples
) -> None:
    """A .str runs (tests/streams/test_modeler_service.py); a job naming a node it lacks is
    refused at submit, naming the node and the ones the stream has."""
    stream = FIXTURES / "Drug1n.str"
    if not stream.is_file():
        pytest.skip(f"real Modeler stream not found in {FIXTURES} (no ../shared checkout)")
    raw = copy.deepcopy(engine_samples.definitions["BATCH_SCORE"])
    raw["model"]["id"] = "Drug1n.str"
    raw["setting"]["inputs"][0]["node"] = "ScoreInpt"
    raw["setting"]["exports"][0]["node"] = "Table"
    with live_server.client() as client:
        client.upload_file("Drug1n.str", stream)
        with pytest.raises(InvalidRequestError) as info:
            client.submit_job("real-str", JobDefinition.parse(raw))
    message = str(info.value)
    assert "has no source node 'ScoreInpt'" in message  # the misspelt node is named
    assert "'scoreInput' (id 2)" in message


def test_sqlite_files_outside_the_allowed_folders_are_refused(
    server_factory: Any, engine_samples: EngineSamples, tmp_path: Path
) -> None:
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    server = server_factory(extra_args=["--sqlite-root", str(allowed)])
    raw = engine_samples.definitions["BATCH_SCORE"]
    r = server.request("PUT", "/pm/v1/jobs/outside", json=raw)  # refused at submit
    assert r.status_code == 400
    assert "does not open SQLite files outside" in r.json()["message"]
    assert str(allowed) in r.json()["message"]
    assert server.request("GET", "/pm/v1/jobs/outside").status_code == 404


def test_a_named_instance_keeps_its_streams_when_its_key_changes(
    server_factory: Any, tmp_path: Path
) -> None:
    """The desktop's embedded service gets a fresh key every start (nothing stored)."""
    data = tmp_path / "named"
    first = server_factory(data, keys=["first-key"],
                           env={"PMDESK_ACCESS_KEYS": "",
                                "PMDESK_INSTANCE_KEYS": "local=first-key"})
    stream = tmp_path / "s.pmstream"
    stream.write_bytes(b"stream bytes")
    with first.client() as client:
        client.upload_file("kept.pmstream", stream)
    first.stop()
    second = server_factory(data, keys=["second-key"],
                            env={"PMDESK_ACCESS_KEYS": "",
                                 "PMDESK_INSTANCE_KEYS": "local=second-key"})
    with second.client() as client:
        assert [f.id for f in client.list_files()] == ["kept.pmstream"]
    assert second.request("GET", "/pm/v1/file", key="first-key").status_code == 401
    assert "second-key" not in second.log_text()


def test_a_finished_batch_score_reports_every_row_done(
    live_server: LiveServer, engine_samples: EngineSamples
) -> None:
    with live_server.client() as client:
        client.upload_file(engine_samples.stream.name, engine_samples.stream)
        client.submit_job("score", JobDefinition.parse(engine_samples.definitions["BATCH_SCORE"]))
        status = wait_finished(client, "score")
    assert status.jobStatus is JobState.SUCCESS, status.message
    assert status.progress is not None and status.progress.rowsTotal
    assert status.progress.rowsDone == status.progress.rowsTotal
