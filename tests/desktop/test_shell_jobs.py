"""The Jobs panel against the real service: live status to SUCCESS, cancel, results, filters."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from helpers.dialogs import answer
from PySide6.QtWidgets import QMessageBox

from pmdesk.api.models import JobDefinition, JobState

pytestmark = pytest.mark.gui


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    from pmdesk.engine.samples import write_samples

    folder = tmp_path / "samples"
    write_samples(folder)
    return folder


def definition(samples: Path, action: str, stream: str = "drug.pmstream") -> JobDefinition:
    data = json.loads((samples / f"{action}.json").read_text(encoding="utf-8"))
    data["model"]["id"] = stream
    return JobDefinition.parse(data)


def state_in_panel(window: Any, job_id: str) -> JobState | None:
    row = window.jobs.model.row_of(job_id)
    if row is None:
        return None
    job = window.jobs.model.job(row)
    return job.status.jobStatus if job.status else None


def test_submitted_job_reaches_success_in_the_panel(qtbot: Any, window_on: Any,
                                                    live_server: Any, samples: Path) -> None:
    client = live_server.client()
    client.upload_file("drug.pmstream", samples / "drug.pmstream")
    window = window_on(live_server)
    assert window.jobs.empty_label.text().startswith("No jobs yet")
    ended: list[str] = []
    window.jobs.jobFinished.connect(lambda job: ended.append(job.id))
    client.submit_job("score-1", definition(samples, "BATCH_SCORE"))
    qtbot.waitUntil(lambda: state_in_panel(window, "score-1") is not None, timeout=20_000)
    qtbot.waitUntil(lambda: state_in_panel(window, "score-1") in (JobState.SUCCESS,
                                                                  JobState.FAILED),
                    timeout=120_000)
    server_state = client.job_status("score-1").jobStatus
    assert state_in_panel(window, "score-1") == server_state
    row = window.jobs.model.row_of("score-1")
    job = window.jobs.model.job(row)
    assert server_state == JobState.SUCCESS, job.status.message
    model = window.jobs.model
    assert model.data(model.index(row, 3)) == "Success"
    assert model.data(model.index(row, 2)) == "drug.pmstream"
    assert model.data(model.index(row, 7))  # a duration
    assert ended == ["score-1"]  # the desktop notification's trigger, once
    assert "score-1" in window.statusBar().currentMessage()


def test_results_open_inside_the_app(qtbot: Any, window_on: Any, live_server: Any,
                                     samples: Path) -> None:
    client = live_server.client()
    client.upload_file("drug.pmstream", samples / "drug.pmstream")
    client.submit_job("eval-1", definition(samples, "EVALUATION"))
    window = window_on(live_server)
    qtbot.waitUntil(lambda: state_in_panel(window, "eval-1") in (JobState.SUCCESS,
                                                                 JobState.FAILED),
                    timeout=120_000)
    assert state_in_panel(window, "eval-1") == JobState.SUCCESS
    assert window.jobs.select_job("eval-1")
    assert window.jobs.results_button.isEnabled()
    task = window.jobs.open_results()
    assert task is not None
    qtbot.waitUntil(lambda: len(window.jobs.result_dialogs) == 1, timeout=30_000)
    dialog = window.jobs.result_dialogs[0]
    assert dialog.files, "the results zip held no files"
    html = [f for f in dialog.files if f.suffix.lower() in (".html", ".htm")]
    assert html
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.browser, timeout=10_000)
    assert dialog.browser.toPlainText().strip()
    dialog.close()


def test_cancel_a_running_job_from_the_panel(qtbot: Any, window_on: Any, live_server: Any,
                                             samples: Path, tmp_path: Path) -> None:
    from pmdesk.engine.samples import drug_stream, train_sample
    from pmdesk.streams import openformat as of

    slow = of.save_stream(train_sample(drug_stream(sleep=120)), tmp_path / "slow.pmstream")
    client = live_server.client()
    client.upload_file("slow.pmstream", Path(slow))
    client.submit_job("slow-1", definition(samples, "RUN_STREAM", stream="slow.pmstream"))
    window = window_on(live_server)
    qtbot.waitUntil(lambda: state_in_panel(window, "slow-1") == JobState.RUNNING,
                    timeout=60_000)
    # Deleting the stream now warns about the running job by name (answered No).
    from PySide6.QtCore import Qt

    qtbot.waitUntil(lambda: "slow.pmstream" in window.streams.stream_ids_listed())
    window.streams.list.clearSelection()
    window.streams.list.findItems("slow.pmstream", Qt.MatchFlag.MatchExactly)[0].setSelected(True)
    window.streams.delete_selected()
    assert "slow-1" in answer(window.streams, QMessageBox.StandardButton.No)

    assert window.jobs.select_job("slow-1")
    assert window.jobs.cancel_button.isEnabled()
    window.jobs.cancel_button.click()
    assert "slow-1" in answer(window.jobs, QMessageBox.StandardButton.Yes)

    # Cancel is not Delete: the job ends CANCELED and stays listed, on the server too
    qtbot.waitUntil(lambda: state_in_panel(window, "slow-1") == JobState.CANCELED,
                    timeout=60_000)
    assert client.job_status("slow-1").jobStatus == JobState.CANCELED
    assert "slow-1" in [j.id for j in client.list_jobs()]
    assert window.jobs.select_job("slow-1")
    assert not window.jobs.cancel_button.isEnabled()
    assert window.jobs.delete_button.isEnabled()


def test_filter_and_search(qtbot: Any, window_on: Any, live_server: Any,
                           samples: Path) -> None:
    client = live_server.client()
    client.upload_file("drug.pmstream", samples / "drug.pmstream")
    client.submit_job("score-a", definition(samples, "BATCH_SCORE"))
    client.submit_job("broken-b", definition(samples, "BATCH_SCORE", stream="missing.pmstream"))
    window = window_on(live_server)
    panel = window.jobs

    def final(job_id: str) -> bool:
        state = state_in_panel(window, job_id)
        return state is not None and state.finished

    qtbot.waitUntil(lambda: final("score-a") and final("broken-b"), timeout=120_000)
    assert state_in_panel(window, "broken-b") == JobState.FAILED
    assert panel.proxy.rowCount() == 2
    panel.filter_combo.setCurrentIndex(panel.filter_combo.findText("Failed"))
    assert panel.proxy.rowCount() == 1
    assert panel.proxy.index(0, 0).data() == "broken-b"
    panel.filter_combo.setCurrentIndex(0)
    panel.search.setText("SCORE-A")
    assert panel.proxy.rowCount() == 1
    assert panel.proxy.index(0, 0).data() == "score-a"
    panel.search.setText("nothing like this")
    assert panel.proxy.rowCount() == 0
    assert panel.empty_label.text() == "No job matches the filter."


class LiteralServerClient:
    """A fault PMDesk's own service cannot produce: a server that follows the original
    document literally, listing definitions without statuses and sending no ETags."""

    def __init__(self) -> None:
        from pmdesk.api.models import JobStatus

        self.calls: list[str] = []
        self.states = {"a": "RUNNING", "b": "SUCCESS"}
        self.JobStatus = JobStatus

    def list_jobs_if_changed(self, etag: str | None) -> tuple[list[Any], None]:
        from pmdesk.api.models import JobSummary

        self.calls.append("list")
        return [JobSummary.model_validate({"id": j, "action": "RUN_STREAM",
                                           "model": {"id": "s.str"}})
                for j in self.states], None

    def job_status_if_changed(self, job_id: str, etag: str | None) -> tuple[Any, None]:
        self.calls.append(f"status {job_id}")
        return self.JobStatus.model_validate({"jobStatus": self.states[job_id]}), None


def test_poller_asks_a_literal_server_only_about_unfinished_jobs() -> None:
    from pmdesk.desktop.poller import RELIST_EVERY, PollWorker

    client = LiteralServerClient()
    worker = PollWorker(lambda: client, 1000, generation=1)
    worker.client = client
    first = worker._fetch()
    assert first is not None
    assert {j.id: j.status and j.status.jobStatus.value for j in first} == {
        "a": "RUNNING", "b": "SUCCESS"}
    assert client.calls == ["list", "status a", "status b"]
    client.calls.clear()
    for _ in range(RELIST_EVERY - 1):
        worker._fetch()
    assert client.calls == ["status a"] * (RELIST_EVERY - 1)  # finished "b" is never asked
    client.calls.clear()
    client.states["a"] = "SUCCESS"
    worker._fetch()  # the periodic full list, then the unfinished job's status
    assert client.calls == ["list", "status a"]
    client.calls.clear()
    assert worker._fetch() is None and client.calls == []  # everything finished: no calls


def test_poller_fetches_only_changes_from_pmdesk(live_server: Any) -> None:
    from pmdesk.desktop.jobs_model import JobsModel
    from pmdesk.desktop.poller import PollWorker

    client = live_server.client()
    for job_id in ("p-1", "p-2"):
        client.submit_job(job_id, JobDefinition.parse(
            {"action": "RUN_STREAM", "model": {"id": "missing.str"}}))
    deadline = time.monotonic() + 60  # a missing stream fails at once; this bounds a hang
    for job_id in ("p-1", "p-2"):
        while client.job_status(job_id).jobStatus != JobState.FAILED:
            assert time.monotonic() < deadline, f"{job_id} did not fail"
            time.sleep(0.05)
    worker = PollWorker(lambda: client, 1000, generation=1)
    worker.client = client
    model = JobsModel()
    first = worker._fetch()
    assert first is not None and worker.rev is not None and worker.changes_ok
    model.set_jobs(first)
    assert [j.id for j in model.jobs] == ["p-1", "p-2"]
    assert worker._fetch() is None  # nothing changed: nothing to apply
    kept = model.jobs[0]

    assert client.delete_jobs(["p-2"]) == 1
    client.submit_job("p-3", JobDefinition.parse(
        {"action": "RUN_STREAM", "model": {"id": "missing.str"}}))
    rev = worker.rev
    merged = worker._fetch()
    assert merged is not None and worker.rev is not None and worker.rev > rev
    changes = model.set_jobs(merged)
    assert [j.id for j in model.jobs] == ["p-1", "p-3"]
    assert model.jobs[0] is kept  # the unchanged row was not replaced
    assert [j.id for j, old in changes] == ["p-3"]


class NoChangesClient(LiteralServerClient):
    """A fault PMDesk's own service cannot produce: a server without `?since=`, which
    PMClient reports as ChangesNotSupported (tests/api covers that detection for real)."""

    def list_jobs_changes(self, since: int | None, etag: str | None = None) -> Any:
        from pmdesk.api.client import ChangesNotSupported

        self.calls.append("changes")
        raise ChangesNotSupported("the server cannot list changes")


def test_poller_falls_back_when_the_server_has_no_changes_call() -> None:
    from pmdesk.desktop.poller import PollWorker

    client = NoChangesClient()
    worker = PollWorker(lambda: client, 1000, generation=1)
    worker.client = client
    first = worker._fetch()
    assert first is not None and {j.id for j in first} == {"a", "b"}
    assert client.calls == ["changes", "list", "status a", "status b"]
    client.calls.clear()
    worker._fetch()
    assert client.calls == ["status a"]  # asked once, never again
