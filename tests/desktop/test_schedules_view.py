"""The Schedules view and the run history, on the real window and a real service."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from pmdesk.api import additions
from pmdesk.api.models import JobDefinition

pytestmark = pytest.mark.gui


def quick_job(server: Any, job_id: str = "j") -> None:
    """A job that fails at once: its stream is not a stream."""
    r = server.request("PUT", "/pm/v1/file/bad.str", files={"model_file": ("bad.str", b"x")})
    assert r.status_code == 200
    body = {"action": "RUN_STREAM", "model": {"id": "bad.str"}}
    assert server.request("PUT", f"/pm/v1/jobs/{job_id}", json=body).status_code in (200, 201)


def wait_job_in_panel(qtbot: Any, window: Any, job_id: str, final: bool = True) -> None:
    def ready() -> bool:
        row = window.jobs.model.row_of(job_id)
        if row is None:
            return False
        status = window.jobs.model.job(row).status
        return not final or (status is not None and status.jobStatus.finished)

    qtbot.waitUntil(ready, timeout=60_000)


def test_a_schedule_is_made_from_a_job_edited_switched_off_and_deleted(
        qtbot: Any, window_on: Any, live_server: Any) -> None:
    quick_job(live_server)
    window = window_on(live_server)
    wait_job_in_panel(qtbot, window, "j")
    assert window.jobs.select_job("j")
    assert window.act_schedules in window.menuBar().actions()[2].menu().actions()

    from pmdesk.desktop.schedules_view import open_schedules

    dialog = open_schedules(window)
    qtbot.waitUntil(lambda: dialog.note.text().startswith("No schedules yet"), timeout=20_000)
    form = dialog.new_schedule()
    assert form.job_combo.currentText() == "j"  # made from the selected job
    ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and form.error.text() == "Give the schedule a name."
    form.id_edit.setText("nightly")
    form.zone_combo.setCurrentText("Europe/Berlin")
    form.cron_edit.setText("61 * * * *")
    assert not ok.isEnabled() and form.error.text().startswith("cron: '61 * * * *'")
    form.cron_edit.setText("0 2 * * *")
    assert ok.isEnabled() and form.error.text() == ""
    assert len(form.preview.text().splitlines()) == 5  # next runs, in local time
    assert "T" not in form.preview.text()  # the locale's format, not raw ISO
    ok.click()
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=20_000)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=20_000)
    with live_server.client() as client:
        stored = additions.get_schedule(client, "nightly")
    assert (stored.jobId, stored.cron, stored.timezone, stored.enabled) == (
        "j", "0 2 * * *", "Europe/Berlin", True)
    assert dialog.table.item(0, 0).text() == "nightly"
    assert dialog.table.item(0, 5).text() not in ("", "none")

    dialog.table.selectRow(0)
    assert dialog.toggle_button.text() == "Disable"
    dialog.toggle_selected()
    qtbot.waitUntil(lambda: dialog.table.item(0, 4).text() == "no", timeout=20_000)
    with live_server.client() as client:
        assert additions.get_schedule(client, "nightly").enabled is False

    # a refusal by the server keeps the form open with its message
    form = dialog.new_schedule()
    form.id_edit.setText("other")
    form.job_combo.setCurrentText("no-such-job")
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "no job 'no-such-job'" in form.error.text(), timeout=20_000)
    assert form.isVisible()
    form.reject()

    dialog.table.selectRow(0)
    dialog.delete_selected(confirm=False)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=20_000)
    with live_server.client() as client:
        assert additions.list_schedules(client) == []
    dialog.close()


def test_run_history_shows_each_run_with_its_log_and_saves_results(
        qtbot: Any, window_on: Any, live_server: Any, tmp_path: Path) -> None:
    from pmdesk.engine.samples import write_samples

    samples = tmp_path / "samples"
    write_samples(samples)
    data = json.loads((samples / "BATCH_SCORE.json").read_text(encoding="utf-8"))
    with live_server.client() as client:
        client.upload_file(data["model"]["id"], samples / data["model"]["id"])
        client.put_job("score", JobDefinition.parse(data))
    window = window_on(live_server)
    wait_job_in_panel(qtbot, window, "score")
    quick_job(live_server, "score-bad")
    wait_job_in_panel(qtbot, window, "score-bad")
    quick_job(live_server, "score-bad")  # a second run

    from pmdesk.desktop.schedules_view import open_runs

    assert open_runs(window) is None  # nothing selected: a hint, no dialog
    assert window.jobs.select_job("score")
    dialog = open_runs(window)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=20_000)
    assert dialog.table.item(0, 1).text() == "Success"
    qtbot.waitUntil(lambda: "end: SUCCESS" in dialog.log_view.toPlainText(), timeout=20_000)
    assert dialog.save_button.isEnabled()
    task = dialog.save_results(tmp_path / "run1.zip")
    assert task is not None
    qtbot.waitUntil(lambda: (tmp_path / "run1.zip").exists(), timeout=20_000)
    assert zipfile.is_zipfile(tmp_path / "run1.zip")
    dialog.close()

    bad = open_runs(window, "score-bad")
    assert bad is not None
    qtbot.waitUntil(lambda: bad.table.rowCount() == 2 and not bad.timer.isActive(),
                    timeout=60_000)
    assert [bad.table.item(r, 1).text() for r in range(2)] == ["Failed", "Failed"]
    assert bad.table.item(0, 0).text().startswith("2")
    bad.table.selectRow(1)
    qtbot.waitUntil(lambda: "run 1 " in bad.log_view.toPlainText(), timeout=20_000)
    assert "end: FAILED" in bad.log_view.toPlainText()
    assert not bad.save_button.isEnabled()
    bad.close()


def test_a_run_that_ends_between_two_polls_is_notified_once(
        qtbot: Any, window_on: Any, live_server: Any, monkeypatch: Any) -> None:
    quick_job(live_server)
    window = window_on(live_server)
    wait_job_in_panel(qtbot, window, "j")
    told: list[str] = []
    monkeypatch.setattr(window, "notify_finished", lambda job: told.append(job.id))
    window.jobs.set_interval(3600)  # the next run starts and ends unseen by the panel
    first = window.jobs.model.job(window.jobs.model.row_of("j")).status.finished
    quick_job(live_server)
    with live_server.client() as client:
        qtbot.waitUntil(lambda: client.job_status("j").jobStatus.finished
                        and client.job_status("j").finished != first, timeout=60_000)
    assert told == []
    window.jobs.poll_now()
    qtbot.waitUntil(lambda: told == ["j"], timeout=20_000)
    window.jobs.poll_now()  # nothing new: no second notice
    qtbot.wait(500)
    assert told == ["j"]


def test_desktop_notifications_only_while_the_window_is_out_of_sight(
        qtbot: Any, window_on: Any, live_server: Any) -> None:
    from PySide6.QtWidgets import QSystemTrayIcon

    window = window_on(live_server)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    assert not window.wants_desktop_notification()  # the status bar is enough
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized, timeout=5_000)
    # out of sight: a notice whenever the desktop can show one (the setting is on by default)
    assert window.wants_desktop_notification() == QSystemTrayIcon.isSystemTrayAvailable()
    window.showNormal()
