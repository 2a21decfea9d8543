"""Issue 14, items 8, 10 and 14 outside the editor, walked through real widgets against a
real `pmdesk serve`: the Message column, the error icon, fitting ids, one progress unit,
filters by action/stream/date, Esc, Enter, Duplicate, the Settings menu, window geometry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QMessageBox

from pmdesk.api.models import JobDefinition, JobState, JobSummary

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


def state_of(window: Any, job_id: str) -> JobState | None:
    row = window.jobs.model.row_of(job_id)
    if row is None:
        return None
    job = window.jobs.model.job(row)
    return job.status.jobStatus if job.status else None


def cell(window: Any, job_id: str, column: str, role: int = Qt.ItemDataRole.DisplayRole
         ) -> Any:
    from pmdesk.desktop.jobs_model import COLUMNS

    model = window.jobs.model
    return model.data(model.index(model.row_of(job_id), COLUMNS.index(column)), role)


def finished(window: Any, *ids: str) -> bool:
    return all((s := state_of(window, i)) is not None and s.finished for i in ids)


def test_failure_reason_progress_and_ids_are_visible(qtbot: Any, window_on: Any,
                                                     live_server: Any, samples: Path) -> None:
    client = live_server.client()
    client.upload_file("drug.pmstream", samples / "drug.pmstream")
    long_id = "a-rather-long-job-identifier-for-the-quarterly-scores"
    client.submit_job(long_id, definition(samples, "BATCH_SCORE"))
    client.submit_job("broken", definition(samples, "BATCH_SCORE", stream="missing.pmstream"))
    window = window_on(live_server)
    qtbot.waitUntil(lambda: finished(window, long_id, "broken"), timeout=120_000)
    assert state_of(window, long_id) == JobState.SUCCESS
    assert state_of(window, "broken") == JobState.FAILED

    # Message column: the server's reason, on one line, with an icon; empty for success
    server_message = client.job_status("broken").message or ""
    assert server_message
    shown = cell(window, "broken", "message")
    assert shown and shown.splitlines() == [shown]
    assert shown.split()[0] in server_message
    assert cell(window, "broken", "message", Qt.ItemDataRole.DecorationRole) is not None
    assert cell(window, long_id, "message") == ""

    # Progress: a finished job shows its rows in one unit, no bar
    from pmdesk.desktop.jobs_model import PROGRESS_ROLE

    assert cell(window, long_id, "progress", PROGRESS_ROLE) is None
    text = cell(window, long_id, "progress")
    if text:  # the service reported rows
        assert text.endswith(" rows") and " of " not in text and "%" not in text

    # the Job column fits the long id
    from pmdesk.desktop.jobs_model import COLUMNS

    table = window.jobs.table
    fm = table.fontMetrics()
    assert table.columnWidth(COLUMNS.index("id")) >= fm.horizontalAdvance(long_id)
    # Runs on: this service says nothing about where jobs run, so the column stays hidden
    assert table.isColumnHidden(COLUMNS.index("runs_on"))

    # Enter on the failed job: an error box (not a warning) with the reason
    assert window.jobs.select_job("broken")
    table.setFocus()
    table.setCurrentIndex(table.selectionModel().selectedRows()[0])
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(window.jobs, "failure_box", None) is not None)
    box = window.jobs.failure_box
    assert box.icon() == QMessageBox.Icon.Critical
    assert "broken" in box.windowTitle()
    assert box.text().split()[0] in server_message
    box.close()


def test_runs_on_shows_when_the_status_says(qtbot: Any, make_ctx: Any) -> None:
    """The optional `runsOn` of a status (an executor seam's addition) fills its column;
    parsed from the wire form a service sends."""
    from pmdesk.desktop.jobs_model import COLUMNS
    from pmdesk.desktop.jobs_panel import JobsPanel
    from pmdesk.desktop.workers import TaskRunner

    ctx = make_ctx()
    runner = TaskRunner()
    panel = JobsPanel(ctx, runner)
    qtbot.addWidget(panel)
    wire = [{"id": "j1", "action": "BATCH_SCORE", "model": {"id": "s"},
             "status": {"jobStatus": "RUNNING", "runsOn": "tcp://10.0.0.7:40121"}},
            {"id": "j2", "action": "TRAINING", "model": {"id": "s"},
             "status": {"jobStatus": "SUCCESS", "runsOn": "local"}}]
    panel._on_jobs([JobSummary.model_validate(w) for w in wire])
    assert not panel.table.isColumnHidden(COLUMNS.index("runs_on"))
    model = panel.model
    col = COLUMNS.index("runs_on")
    assert model.data(model.index(model.row_of("j1"), col)) == "tcp://10.0.0.7:40121"
    assert model.data(model.index(model.row_of("j2"), col)) == "This service"
    panel.shutdown()
    runner.shutdown()


def test_filters_keys_and_duplicate(qtbot: Any, window_on: Any, live_server: Any,
                                    samples: Path) -> None:
    client = live_server.client()
    client.upload_file("drug.pmstream", samples / "drug.pmstream")
    client.upload_file("other.pmstream", samples / "drug.pmstream")
    client.submit_job("score-a", definition(samples, "BATCH_SCORE"))
    client.submit_job("train-b", definition(samples, "TRAINING", stream="other.pmstream"))
    window = window_on(live_server)
    panel = window.jobs
    qtbot.waitUntil(lambda: finished(window, "score-a", "train-b"), timeout=120_000)
    assert panel.proxy.rowCount() == 2

    def shown() -> list[str]:
        return sorted(panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount()))

    panel.action_combo.setCurrentIndex(panel.action_combo.findText("TRAINING"))
    assert shown() == ["train-b"]
    panel.action_combo.setCurrentIndex(0)
    assert panel.stream_combo.findText("other.pmstream") > 0
    panel.stream_combo.setCurrentIndex(panel.stream_combo.findText("drug.pmstream"))
    assert shown() == ["score-a"]
    panel.stream_combo.setCurrentIndex(0)
    panel.date_combo.setCurrentIndex(panel.date_combo.findText("Today"))
    assert shown() == ["score-a", "train-b"]  # both were submitted a moment ago
    panel.date_combo.setCurrentIndex(0)

    # the "Finished" filter is its own string (zh-TW: 已完成, not the column's 完成時間)
    assert panel.filter_combo.findText("Finished jobs") > 0

    # Esc in the search box clears it
    window.focus_search()
    qtbot.keyClicks(panel.search, "score")
    assert shown() == ["score-a"]
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    assert panel.search.text() == ""
    assert shown() == ["score-a", "train-b"]

    # Duplicate: the definition opens in the editor under a free new id
    asked: list[tuple[Any, str]] = []
    panel.duplicateRequested.connect(lambda d, new_id: asked.append((d, new_id)))
    assert panel.select_job("score-a")
    assert panel.duplicate_button.isEnabled()
    panel.duplicate_button.click()
    qtbot.waitUntil(lambda: bool(asked), timeout=20_000)
    definition_copy, new_id = asked[0]
    assert new_id == "score-a-copy"
    assert definition_copy.action.value == "BATCH_SCORE"
    assert window.tabs.currentWidget() is window.editor
    id_edit = getattr(window.editor, "job_id_edit", None)
    if id_edit is not None:
        assert id_edit.text() == "score-a-copy"

    # the context menu offers the same actions
    window.tabs.setCurrentWidget(panel)
    assert panel.select_job("score-a")
    menu = panel.context_menu()
    texts = [a.text() for a in menu.actions()]
    assert "Duplicate…" in texts and "Delete" in texts
    menu.close()


def test_settings_live_under_file(qtbot: Any, make_ctx: Any) -> None:
    from pmdesk.desktop.main_window import MainWindow

    window = MainWindow(make_ctx(), start_server=False)
    qtbot.addWidget(window)
    menus = {m.title().replace("&", ""): m for m in
             (a.menu() for a in window.menuBar().actions()) if m is not None}
    assert window.act_settings in menus["File"].actions()
    assert window.act_settings not in menus["Server"].actions()
    window.shutdown()


def test_restored_geometry_is_clamped_to_the_screen(qtbot: Any, make_ctx: Any) -> None:
    from pmdesk.desktop.main_window import MainWindow

    ctx = make_ctx()
    big = MainWindow(ctx, start_server=False)
    qtbot.addWidget(big)
    avail = big.screen().availableGeometry()
    # as saved at a higher scale factor: larger than this screen and partly off it
    big.setGeometry(avail.x() + 300, avail.y() + 200, avail.width() * 2, avail.height() * 2)
    ctx.settings.setValue("window/geometry", big.saveGeometry())
    ctx.settings.setValue("window/state", QByteArray())
    big._closed = True  # no save_layout over the saved geometry
    big.jobs.shutdown()
    big.runner.shutdown()

    again = MainWindow(ctx, start_server=False)
    qtbot.addWidget(again)
    again.show()
    frame = again.frameGeometry()
    assert frame.width() <= avail.width() and frame.height() <= avail.height()
    assert avail.contains(frame.topLeft()) and avail.contains(frame.bottomRight())
    again.close()


def test_log_view_is_live_while_the_job_runs(qtbot: Any, window_on: Any, live_server: Any,
                                             samples: Path, tmp_path: Path) -> None:
    from pmdesk.engine.samples import drug_stream, train_sample
    from pmdesk.streams import openformat as of

    slow = of.save_stream(train_sample(drug_stream(sleep=4)), tmp_path / "slow.pmstream")
    client = live_server.client()
    client.upload_file("slow.pmstream", Path(slow))
    client.submit_job("slow-log", definition(samples, "RUN_STREAM", stream="slow.pmstream"))
    window = window_on(live_server)
    qtbot.waitUntil(lambda: state_of(window, "slow-log") == JobState.RUNNING, timeout=60_000)
    assert window.jobs.select_job("slow-log")
    assert window.jobs.log_button.isEnabled()
    window.jobs.log_button.click()
    assert len(window.jobs.log_dialogs) == 1
    dialog = window.jobs.log_dialogs[0]
    qtbot.waitUntil(lambda: "start:" in dialog.text.toPlainText(), timeout=20_000)
    assert dialog.live and "running" in dialog.state.text()
    fetched_while_running = dialog.fetches
    qtbot.waitUntil(lambda: state_of(window, "slow-log") == JobState.SUCCESS, timeout=120_000)
    qtbot.waitUntil(lambda: not dialog.live, timeout=20_000)
    assert dialog.fetches > fetched_while_running  # it kept reading until the end
    server_log = live_server.request("GET", "/pm/v1/jobs/slow-log/log").text
    assert dialog.text.toPlainText() == server_log
    assert dialog.state.text() == "The job has ended."
    assert live_server.key not in dialog.text.toPlainText()
    dialog.close()


def test_batch_score_results_say_what_was_written_where(qtbot: Any, window_on: Any,
                                                        live_server: Any,
                                                        samples: Path) -> None:
    client = live_server.client()
    client.upload_file("drug.pmstream", samples / "drug.pmstream")
    scoring = definition(samples, "BATCH_SCORE")
    client.submit_job("score-r", scoring)
    window = window_on(live_server)
    qtbot.waitUntil(lambda: finished(window, "score-r"), timeout=120_000)
    assert state_of(window, "score-r") == JobState.SUCCESS
    assert window.jobs.select_job("score-r")
    assert window.jobs.results_button.isEnabled()
    window.jobs.results_button.click()
    qtbot.waitUntil(lambda: len(window.jobs.result_dialogs) == 1, timeout=30_000)
    dialog = window.jobs.result_dialogs[0]
    text = dialog.note.text()
    export = scoring.setting.exports[0]
    assert "The job produced no files." not in text
    assert export.odbc.table in text and export.odbc.insertMode.value in text
    assert "rows written." in text
    assert not dialog.save_button.isEnabled() and not dialog.open_button.isEnabled()
    assert "Downloading" not in window.statusBar().currentMessage()
    dialog.close()
