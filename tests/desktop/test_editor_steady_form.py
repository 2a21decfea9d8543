"""The form must not jump when messages appear (issue 14, item 14): a field stays where the
analyst is looking while the messages beside and under it come and go."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.editor import (  # noqa: F401  (fixtures)
    editor_ctx,
    isolated_fixture,
    no_keyring_fixture,
    type_in_cell,
    wait_for_workers,
)
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from pmdesk.desktop.editor.form import MessageLine
from pmdesk.desktop.editor.job_editor import JobEditor
from pmdesk.desktop.editor.profiles import DbProfile, profile_store

pytestmark = pytest.mark.gui


@pytest.fixture
def editor(qtbot: Any, isolated: Path, no_keyring: None) -> JobEditor:
    ctx = editor_ctx(isolated)
    profile_store(ctx).save(DbProfile(name="Local SQLite", type="SQLite",
                                      db=str(isolated / "drug.db")))
    widget = JobEditor(ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def settle() -> None:
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def places(editor: JobEditor) -> dict[str, QRect]:
    """Where each field is in the editor window."""
    f = editor.form
    fields: dict[str, QWidget] = {
        "job id": f.job_id_edit, "action": f.action_combo, "stream": f.model_combo,
        "result": f.result_edit, "databases": f.db_view, "inputs": f.inputs_view,
        "exports": f.exports_view, "parameters": f.params_view, "report": f.report_combo,
        "submit": f.submit_button,
    }
    settle()
    return {name: QRect(w.mapTo(editor, QPoint(0, 0)), w.size()) for name, w in fields.items()}


def test_fields_stay_put_while_messages_come_and_go(qtbot: Any, editor: JobEditor) -> None:
    f = editor.form
    before = places(editor)
    assert f.error_labels["model"].isVisible()  # "Choose the stream the job runs."
    assert not f.error_labels["job_id"].isVisible()

    # A message disappears (the stream is named) and another appears under it.
    qtbot.keyClicks(f.model_combo.lineEdit(), "not-uploaded.str")
    assert not f.error_labels["model"].isVisible()
    assert "not in the Streams panel" in f.stream_label.text()
    assert places(editor) == before

    # A message appears where there was none (the job id emptied).
    f.job_id_edit.clear()
    assert "Give the job a name" in f.error_labels["job_id"].text()
    assert f.error_labels["job_id"].isVisible()
    assert places(editor) == before

    # One message becomes three (an input row with nothing filled in).
    qtbot.mouseClick(f.add_input_button, Qt.MouseButton.LeftButton)
    inputs = f.error_labels["inputs"]
    assert inputs.text().count("\n") >= 2
    assert places(editor) == before
    assert isinstance(inputs, MessageLine)
    assert "give the table to read" in inputs.toolTip()  # whole in the tooltip
    assert "  •  " in inputs.shown_text() or inputs.shown_text().endswith("…")

    # ... and all gone again, with the summary under the form changing every time.
    qtbot.mouseClick(f.add_db_button, Qt.MouseButton.LeftButton)
    type_in_cell(qtbot, f.inputs_view, 0, 0, "DRUG1N")
    type_in_cell(qtbot, f.inputs_view, 0, 1, "db1")
    type_in_cell(qtbot, f.inputs_view, 0, 2, "DRUG1N")
    assert not inputs.isVisible(), inputs.text()
    assert places(editor) == before

    # A long submit result and an import report only scroll in the message area.
    f.show_result("\n".join(f"line {i} of a long result" for i in range(30)), ok=False)
    f.import_report.setText("\n".join(f"imported item {i}" for i in range(20)))
    f.import_report.setVisible(True)
    assert places(editor) == before
    assert f.message_area.verticalScrollBar().maximum() > 0  # the rest is a scroll away
    wait_for_workers()  # the Table cell listed its database's tables


def test_a_message_line_keeps_its_height_and_width_whatever_its_text(
        qtbot: Any, editor: JobEditor) -> None:
    line = editor.form.error_labels["exports"]
    settle()
    height = line.height()
    assert height > 0
    line.setText("x " * 2000 + "\nsecond\nthird")
    line.setVisible(True)
    settle()
    assert line.height() == height
    assert line.width() <= editor.width()  # elided, never widens the form
    assert line.shown_text().endswith("…")
