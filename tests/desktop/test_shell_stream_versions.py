"""Issue 14 item 11: the Streams panel follows an AUTO_REFRESH without a Refresh; the
versions the service keeps are listed, downloaded and restored; context menus. Real
widgets against a real `pmdesk serve`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from pmdesk.api.models import JobDefinition, JobState

pytestmark = pytest.mark.gui


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    from pmdesk.engine.samples import write_samples

    folder = tmp_path / "samples"
    write_samples(folder)
    return folder


def listed_size(window: Any, stream: str) -> str:
    for i in range(window.streams.list.topLevelItemCount()):
        item = window.streams.list.topLevelItem(i)
        if item is not None and item.text(0) == stream:
            return item.text(1) + "|" + item.text(2)
    return ""


def test_auto_refresh_updates_the_panel_and_versions_restore(
        qtbot: Any, window_on: Any, live_server: Any, samples: Path, tmp_path: Path) -> None:
    client = live_server.client()
    client.upload_file("drug.pmstream", samples / "drug.pmstream")
    window = window_on(live_server)
    panel = window.streams
    qtbot.waitUntil(lambda: "drug.pmstream" in panel.stream_ids_listed(), timeout=30_000)
    before = next(f for f in client.list_files() if f.id == "drug.pmstream")
    refreshes: list[int] = []
    window.ctx.streamsChanged.connect(lambda: refreshes.append(1))

    data = json.loads((samples / "AUTO_REFRESH.json").read_text(encoding="utf-8"))
    data["model"]["id"] = "drug.pmstream"
    client.submit_job("refresh-1", JobDefinition.parse(data))

    def state() -> JobState | None:
        row = window.jobs.model.row_of("refresh-1")
        job = window.jobs.model.job(row) if row is not None else None
        return job.status.jobStatus if job and job.status else None

    qtbot.waitUntil(lambda: state() in (JobState.SUCCESS, JobState.FAILED), timeout=120_000)
    assert state() == JobState.SUCCESS
    after = next(f for f in client.list_files() if f.id == "drug.pmstream")
    assert after.uploaded != before.uploaded
    # the panel follows without anyone pressing Refresh
    qtbot.waitUntil(lambda: bool(refreshes), timeout=20_000)
    def panel_stamp() -> Any:
        return next((s.uploaded for s in window.ctx.streams if s.id == "drug.pmstream"), None)

    qtbot.waitUntil(lambda: panel_stamp() == after.uploaded, timeout=20_000)
    assert listed_size(window, "drug.pmstream")

    # versions: the replaced stream is kept
    panel.list.clearSelection()
    panel.list.findItems("drug.pmstream", Qt.MatchFlag.MatchExactly)[0].setSelected(True)
    menu = panel.context_menu()
    assert "Versions…" in [a.text() for a in menu.actions()]
    menu.close()
    assert panel.versions_button.isEnabled()
    panel.versions_button.click()
    dialog = panel.versions_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=20_000)
    assert len(dialog.versions) >= 1, dialog.note.text()
    server_versions = client.file_versions("drug.pmstream")
    assert [v.version for v in dialog.versions] == [v.version for v in server_versions]
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    oldest = dialog.versions[0]
    task = dialog.download(oldest, tmp_path / "old.pmstream")
    qtbot.waitUntil(lambda: task.done, timeout=20_000)
    assert (tmp_path / "old.pmstream").read_bytes() == (samples / "drug.pmstream").read_bytes() \
        or (tmp_path / "old.pmstream").stat().st_size == oldest.size

    with mock.patch.object(QMessageBox, "question",
                           return_value=QMessageBox.StandardButton.Yes):
        dialog.ask_restore()
    qtbot.waitUntil(lambda: "Restored version" in window.statusBar().currentMessage(),
                    timeout=20_000)
    current = tmp_path / "current.pmstream"
    client.download_file("drug.pmstream", current)
    assert current.read_bytes() == (tmp_path / "old.pmstream").read_bytes()
    dialog.close()
    client.close()
