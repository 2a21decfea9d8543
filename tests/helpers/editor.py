"""Shared set-up of the editor and profile tests: a real AppContext on a real service.

Imported by tests/desktop/test_editor_*.py and test_profiles_*.py. Test modules import the
fixtures as `*_fixture`; pytest knows them by their `name=`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QTableView,
    QWidget,
)

from pmdesk.desktop.secrets import SecretStore
from pmdesk.engine.samples import write_samples


def editor_ctx(tmp_path: Path, server: Any = None) -> Any:
    from pmdesk.desktop.context import AppContext

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(settings, SecretStore())
    if server is not None:
        ctx.set_server("test", server.url, lambda: server.key)
    return ctx


@pytest.fixture(name="isolated")
def isolated_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Caches and configs in tmp_path. Work a test leaves running is not waited for here:
    tests/conftest.py fails the test instead."""
    monkeypatch.setenv("PMDESK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    yield tmp_path


def wait_for_workers() -> None:
    """Lets every TaskRunner finish and delivers the answers (end of a test only; a test that
    leaves work running on purpose is caught by the conftest)."""
    import gc

    from shiboken6 import isValid

    from pmdesk.desktop.workers import TaskRunner

    for obj in gc.get_objects():
        if isinstance(obj, TaskRunner) and isValid(obj):
            obj.pool.waitForDone(30_000)
    QApplication.processEvents()


@pytest.fixture(name="no_keyring")
def no_keyring_fixture() -> Iterator[None]:
    """Fault injection: a machine without any keyring backend (nothing else can produce it
    on a desktop that has one). keyring's own `fail.Keyring` is what keyring itself picks
    there."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def real_secret_service() -> bool:
    backend = keyring.get_keyring()
    name = type(backend).__module__ + "." + type(backend).__name__
    if isinstance(backend, fail.Keyring) or (
            "SecretService" not in name and "chainer" not in name.lower()):
        return False
    try:
        keyring.set_password("PMDesk-test", "probe", "x")
        keyring.delete_password("PMDesk-test", "probe")
    except Exception:
        return False
    return True


def click_box_button(box: QWidget | None, button: QMessageBox.StandardButton) -> None:
    """Presses a button of `editor.active_dialog` (helpers.dialogs.answer finds it itself)."""
    assert isinstance(box, QMessageBox), f"expected a question, got {box!r}"
    box.button(button).click()


def upload_stream(server: Any, file_id: str, content: bytes = b"not really a stream") -> None:
    """Puts a file on the service the way any client does (multipart `model_file`)."""
    response = server.request("PUT", f"/pm/v1/file/{file_id}",
                              files={"model_file": (file_id, content)})
    assert response.status_code == 200, response.text


def type_in_cell(qtbot: Any, view: QTableView, row: int, column: int, text: str) -> None:
    """Edits a cell the way a user does: open its editor, type, commit."""
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editors = [w for w in view.viewport().findChildren(QWidget)
               if isinstance(w, QComboBox | QLineEdit) and w.isVisible()
               and not isinstance(w.parent(), QComboBox)]
    assert editors, "no cell editor opened"
    editor = editors[-1]
    target = editor.lineEdit() if isinstance(editor, QComboBox) and editor.isEditable() \
        else editor
    if isinstance(target, QLineEdit):
        target.selectAll()
        qtbot.keyClicks(target, text)
    else:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(editor.findText(text))
    view.commitData(editor)
    view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


STREAM = "drug.pmstream"  # the sample stream of `pmdesk samples`


@pytest.fixture(name="samples")
def samples_fixture(isolated: Path) -> Path:
    folder = isolated / "samples"
    write_samples(folder)
    return folder


def fill_batch_score(qtbot: Any, editor: Any, job_id: str) -> None:
    """What an analyst does: pick the stream, a database, an input and an export."""
    editor.form.action_combo.setCurrentIndex(editor.form.action_combo.findData("BATCH_SCORE"))
    editor.form.model_combo.setCurrentIndex(editor.form.model_combo.findText(STREAM))
    # The stream is downloaded and read in the background; its node names are offered.
    qtbot.waitUntil(lambda: "ScoreInput" in editor.form.stream_label.text(), timeout=30_000)
    assert "scoring branch" in editor.form.stream_label.text()
    qtbot.mouseClick(editor.form.add_db_button, Qt.MouseButton.LeftButton)
    type_in_cell(qtbot, editor.form.db_view, 0, 0, "samples")
    qtbot.mouseClick(editor.form.add_input_button, Qt.MouseButton.LeftButton)
    assert editor.form.inputs_model.value(0, "dbRef") == "samples"
    type_in_cell(qtbot, editor.form.inputs_view, 0, 0, "ScoreInput")
    type_in_cell(qtbot, editor.form.inputs_view, 0, 2, "DRUG_SCORE")
    assert "give the table to write" not in editor.form.summary_label.text()
    assert "at least one export" in editor.form.summary_label.text()
    qtbot.mouseClick(editor.form.add_export_button, Qt.MouseButton.LeftButton)
    type_in_cell(qtbot, editor.form.exports_view, 0, 0, "Scores")
    type_in_cell(qtbot, editor.form.exports_view, 0, 2, "DRUG_SCORES")
    type_in_cell(qtbot, editor.form.exports_view, 0, 3, "Drop")
    editor.form.job_id_edit.clear()
    qtbot.keyClicks(editor.form.job_id_edit, job_id)
    assert editor.problems == {}
    assert editor.stream_warnings == []
    assert editor.form.submit_button.isEnabled()


def wait_finished(qtbot: Any, server: Any, job_id: str) -> Any:
    status: dict[str, Any] = {}

    def done() -> bool:
        with server.client() as client:
            status["s"] = client.job_status(job_id)
        return bool(status["s"].jobStatus.finished)

    qtbot.waitUntil(done, timeout=120_000)
    return status["s"]
