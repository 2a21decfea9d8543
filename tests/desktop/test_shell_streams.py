"""The Streams panel against the real service: drop, upload, replace, cancel, delete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.dialogs import answer
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

pytestmark = pytest.mark.gui


def sample_stream(tmp_path: Path, name: str = "drug.pmstream") -> Path:
    from pmdesk.engine.samples import drug_stream, train_sample
    from pmdesk.streams import openformat as of

    return Path(of.save_stream(train_sample(drug_stream()), tmp_path / name))


def drop_files(widget: Any, paths: list[Path]) -> None:
    """What the file manager does: a drag enter then a drop with file URLs on the viewport."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    viewport = widget.viewport()
    pos = viewport.rect().center()
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted()


def listed(window: Any) -> list[str]:
    return window.streams.stream_ids_listed()


def test_empty_state_then_drop_two_files_and_see_them_listed(qtbot: Any, window_on: Any,
                                                              live_server: Any,
                                                              tmp_path: Path) -> None:
    window = window_on(live_server)
    panel = window.streams
    qtbot.waitUntil(lambda: panel._refreshing is None)
    assert listed(window) == []
    assert panel.list.empty_text == "No streams yet: drop a Modeler stream here"

    a = sample_stream(tmp_path, "drug.pmstream")
    b = sample_stream(tmp_path, "drug copy.pmstream")
    drop_files(panel.list, [a, b])
    dialog = panel.upload_dialog
    assert dialog is not None and [e.text() for e in dialog.edits] == [a.name, b.name]
    dialog.edits[1].setText("scoring stream")
    dialog.accept()
    qtbot.waitUntil(lambda: sorted(listed(window)) == ["drug.pmstream", "scoring stream"],
                    timeout=20_000)
    assert sorted(f.id for f in live_server.client().list_files()) == [
        "drug.pmstream", "scoring stream"]
    # size and upload time are shown as the server tells them (through the client)
    from pmdesk.desktop.util import human_size

    info = {f.id: f for f in live_server.client().list_files()}["drug.pmstream"]
    item = panel.list.findItems("drug.pmstream", Qt.MatchFlag.MatchExactly)[0]
    assert item.text(1) == human_size(info.size)
    assert bool(item.text(2)) == (info.uploaded is not None)


def test_invalid_id_blocks_the_upload(qtbot: Any, window_on: Any, live_server: Any,
                                      tmp_path: Path) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    window = window_on(live_server)
    panel = window.streams
    panel.ask_upload([sample_stream(tmp_path)])
    dialog = panel.upload_dialog
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    dialog.edits[0].setText("bad/name")
    assert not ok.isEnabled()
    assert "may not contain" in dialog.notes[0].text()
    dialog.reject()


def test_replacing_asks_first(qtbot: Any, window_on: Any, live_server: Any,
                              tmp_path: Path) -> None:
    path = sample_stream(tmp_path)
    live_server.client().upload_file("drug.pmstream", path)
    window = window_on(live_server)
    panel = window.streams
    qtbot.waitUntil(lambda: listed(window) == ["drug.pmstream"])
    before = live_server.client().list_files()[0].uploaded

    panel.ask_upload([path])
    dialog = panel.upload_dialog
    assert dialog is not None
    assert "will be replaced" in dialog.notes[0].text()
    dialog.accept()
    assert "will be replaced" in answer(panel, QMessageBox.StandardButton.No)
    assert panel.transfers == []  # nothing started

    panel.ask_upload([path])
    panel.upload_dialog.accept()
    answer(panel, QMessageBox.StandardButton.Yes)
    assert len(panel.transfers) == 1
    qtbot.waitUntil(lambda: panel.transfers == [], timeout=20_000)
    assert live_server.client().list_files()[0].uploaded != before or before is None


def test_cancel_an_upload(qtbot: Any, window_on: Any, live_server: Any,
                          tmp_path: Path) -> None:
    big = tmp_path / "big.str"
    with big.open("wb") as fh:
        fh.truncate(256 * 1024 * 1024)  # sparse: big to send, nothing to write
    window = window_on(live_server)
    panel = window.streams
    task = panel.upload(big, "big.str")
    row = panel.transfers[0]
    # Press the row's Cancel button as soon as the first bytes are reported.
    task.progress.connect(lambda *_: row.cancel_button.click())
    ends: list[str] = []
    task.cancelled.connect(lambda: ends.append("cancelled"))
    task.succeeded.connect(lambda _r: ends.append("succeeded"))
    qtbot.waitUntil(lambda: task.done, timeout=30_000)
    assert ends == ["cancelled"]
    qtbot.waitUntil(lambda: panel.transfers == [])
    assert "big.str" not in [f.id for f in live_server.client().list_files()]
    assert "big.str" not in listed(window)


def test_delete_with_confirmation(qtbot: Any, window_on: Any, live_server: Any,
                                  tmp_path: Path) -> None:
    live_server.client().upload_file("drug.pmstream", sample_stream(tmp_path))
    window = window_on(live_server)
    panel = window.streams
    qtbot.waitUntil(lambda: listed(window) == ["drug.pmstream"])
    panel.list.topLevelItem(0).setSelected(True)

    panel.delete_selected()
    assert "Pending jobs that use them will fail" in answer(panel, QMessageBox.StandardButton.No)
    assert [f.id for f in live_server.client().list_files()] == ["drug.pmstream"]

    panel.delete_selected()
    answer(panel, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: listed(window) == [], timeout=20_000)
    assert live_server.client().list_files() == []


def test_download_saves_the_stream(qtbot: Any, window_on: Any, live_server: Any,
                                   tmp_path: Path) -> None:
    path = sample_stream(tmp_path)
    live_server.client().upload_file("drug.pmstream", path)
    window = window_on(live_server)
    dest = tmp_path / "out" / "copy.pmstream"
    dest.parent.mkdir()
    task = window.streams.download("drug.pmstream", dest)
    results: list[object] = []
    task.succeeded.connect(results.append)
    qtbot.waitUntil(lambda: task.done, timeout=20_000)
    assert results == [dest]
    assert dest.read_bytes() == path.read_bytes()


def test_stream_details_show_the_nodes(qtbot: Any, window_on: Any, live_server: Any,
                                       tmp_path: Path) -> None:
    pytest.importorskip("pmdesk.streams.describe")
    live_server.client().upload_file("drug.pmstream", sample_stream(tmp_path))
    window = window_on(live_server)
    panel = window.streams
    qtbot.waitUntil(lambda: listed(window) == ["drug.pmstream"])
    panel.list.topLevelItem(0).setSelected(True)
    qtbot.waitUntil(lambda: panel.nodes.topLevelItemCount() > 0, timeout=20_000)
    labels = [panel.nodes.topLevelItem(i).text(0) for i in range(panel.nodes.topLevelItemCount())]
    assert "Scores" in labels
