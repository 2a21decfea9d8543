"""Filling the editor and submitting to the real service (`pmdesk serve` on loopback)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from editor_support import (  # noqa: F401  (fixtures)
    click_box_button,
    editor_ctx,
    isolated_fixture,
    no_keyring_fixture,
    upload_stream,
    wait_for_workers,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_editor_form import type_in_cell

from pmdesk.api.models import MASK, JobDefinition, JobState
from pmdesk.desktop.editor.job_editor import JobEditor
from pmdesk.desktop.editor.password_prompt import PasswordPrompt
from pmdesk.desktop.editor.profiles import DbProfile, profile_store
from pmdesk.engine.samples import write_samples

pytestmark = [pytest.mark.gui, pytest.mark.slow]
STREAM = "drug.pmstream"


@pytest.fixture(name="samples")
def samples_fixture(isolated: Path) -> Path:
    folder = isolated / "samples"
    write_samples(folder)
    return folder


@pytest.fixture
def editor(qtbot: Any, isolated: Path, live_server: Any, samples: Path) -> JobEditor:
    upload_stream(live_server, STREAM, (samples / STREAM).read_bytes())
    ctx = editor_ctx(isolated, live_server)
    with live_server.client() as client:
        ctx.set_streams(client.list_files())
    profile_store(ctx).save(DbProfile(name="Drug samples", type="SQLite",
                                      db=str(samples / "samples.db")))
    widget = JobEditor(ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 1000)
    widget.show()
    yield widget
    wait_for_workers()


def fill_batch_score(qtbot: Any, editor: JobEditor, job_id: str) -> None:
    """What an analyst does: pick the stream, a database, an input and an export."""
    editor.action_combo.setCurrentIndex(editor.action_combo.findData("BATCH_SCORE"))
    editor.model_combo.setCurrentIndex(editor.model_combo.findText(STREAM))
    # The stream is downloaded and read in the background; its node names are offered.
    qtbot.waitUntil(lambda: "ScoreInput" in editor.stream_label.text(), timeout=30_000)
    assert "scoring branch" in editor.stream_label.text()
    qtbot.mouseClick(editor.add_db_button, Qt.MouseButton.LeftButton)
    type_in_cell(qtbot, editor.db_view, 0, 0, "samples")
    qtbot.mouseClick(editor.add_input_button, Qt.MouseButton.LeftButton)
    assert editor.inputs_model.value(0, "dbRef") == "samples"
    type_in_cell(qtbot, editor.inputs_view, 0, 0, "ScoreInput")
    type_in_cell(qtbot, editor.inputs_view, 0, 2, "DRUG_SCORE")
    assert "give the table to write" not in editor.summary_label.text()
    assert "at least one export" in editor.summary_label.text()
    qtbot.mouseClick(editor.add_export_button, Qt.MouseButton.LeftButton)
    type_in_cell(qtbot, editor.exports_view, 0, 0, "Scores")
    type_in_cell(qtbot, editor.exports_view, 0, 2, "DRUG_SCORES")
    type_in_cell(qtbot, editor.exports_view, 0, 3, "Drop")
    editor.job_id_edit.clear()
    qtbot.keyClicks(editor.job_id_edit, job_id)
    assert editor.problems == {}
    assert editor.stream_warnings == []
    assert editor.submit_button.isEnabled()


def wait_finished(qtbot: Any, server: Any, job_id: str) -> Any:
    status: dict[str, Any] = {}

    def done() -> bool:
        with server.client() as client:
            status["s"] = client.job_status(job_id)
        return bool(status["s"].jobStatus.finished)

    qtbot.waitUntil(done, timeout=120_000)
    return status["s"]


def test_fill_submit_and_run_batch_score(qtbot: Any, editor: JobEditor,
                                         live_server: Any, samples: Path) -> None:
    fill_batch_score(qtbot, editor, "drug-scores")
    with qtbot.waitSignal(editor.submitted, timeout=30_000) as blocker, \
            qtbot.waitSignal(editor.ctx.jobSubmitted, timeout=30_000):
        qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["drug-scores"]
    assert "drug-scores was submitted" in editor.result_label.text()
    with live_server.client() as client:
        job = client.get_job("drug-scores")
    expected = JobDefinition.parse({
        "action": "BATCH_SCORE", "model": {"id": STREAM},
        "dbDefinitions": {"samples": {"type": "SQLite", "db": str(samples / "samples.db")}},
        "setting": {
            "inputs": [{"odbc": {"dbRef": "samples", "table": "DRUG_SCORE"},
                        "node": "ScoreInput", "attributes": []}],
            "exports": [{"odbc": {"dbRef": "samples", "table": "DRUG_SCORES",
                                  "insertMode": "Drop"}, "node": "Scores", "attributes": []}],
        }})
    assert job.to_wire() == expected.to_wire()
    status = wait_finished(qtbot, live_server, "drug-scores")
    assert status.jobStatus is JobState.SUCCESS, status.message


def test_existing_id_is_resubmitted_with_put_after_confirmation(
        qtbot: Any, editor: JobEditor, live_server: Any) -> None:
    fill_batch_score(qtbot, editor, "nightly")
    with qtbot.waitSignal(editor.submitted, timeout=30_000):
        editor.submit_button.click()
    wait_finished(qtbot, live_server, "nightly")  # PUT is refused while a job runs

    # Same id again, another export table: POST answers 409, the editor asks first.
    type_in_cell(qtbot, editor.exports_view, 0, 2, "DRUG_SCORES_V2")
    editor.submit_button.click()
    qtbot.waitUntil(lambda: isinstance(editor.active_dialog, QMessageBox), timeout=30_000)
    question = editor.active_dialog
    assert isinstance(question, QMessageBox)
    assert "already exists" in question.text()
    # "No" leaves the server's job alone.
    click_box_button(question, QMessageBox.StandardButton.No)
    with live_server.client() as client:
        assert client.get_job("nightly").setting.exports[0].odbc.table == "DRUG_SCORES"

    editor.submit_button.click()
    qtbot.waitUntil(lambda: isinstance(editor.active_dialog, QMessageBox), timeout=30_000)
    with qtbot.waitSignal(editor.submitted, timeout=30_000):
        click_box_button(editor.active_dialog, QMessageBox.StandardButton.Yes)
    assert "resubmitted" in editor.result_label.text()
    with live_server.client() as client:
        assert client.get_job("nightly").setting.exports[0].odbc.table == "DRUG_SCORES_V2"
    wait_finished(qtbot, live_server, "nightly")


def test_resubmit_mode_from_a_loaded_definition(qtbot: Any, editor: JobEditor,
                                                live_server: Any, samples: Path) -> None:
    sample = (samples / "BATCH_SCORE.json").read_text(encoding="utf-8")
    definition = JobDefinition.model_validate_json(sample)
    with live_server.client() as client:
        client.submit_job("from-jobs-panel", definition)
    wait_finished(qtbot, live_server, "from-jobs-panel")
    with live_server.client() as client:
        fetched = client.get_job("from-jobs-panel")
    editor.load_definition(fetched, job_id="from-jobs-panel", resubmit=True)
    assert editor.submit_button.text().replace("&", "") == "Resubmit"
    # The sample's database matches the "Drug samples" profile by its fields.
    assert editor.db_model.value(0, "profile") == "Drug samples"
    editor.submit_button.click()
    qtbot.waitUntil(lambda: isinstance(editor.active_dialog, QMessageBox), timeout=10_000)
    assert "Resubmit the job from-jobs-panel" in editor.active_dialog.text()  # type: ignore[union-attr]
    with qtbot.waitSignal(editor.submitted, timeout=30_000):
        click_box_button(editor.active_dialog, QMessageBox.StandardButton.Yes)
    assert "resubmitted" in editor.result_label.text()
    wait_finished(qtbot, live_server, "from-jobs-panel")


def test_without_keyring_the_password_is_asked_at_submit(
        qtbot: Any, no_keyring: None, isolated: Path, live_server: Any,
        samples: Path) -> None:
    upload_stream(live_server, STREAM, (samples / STREAM).read_bytes())
    ctx = editor_ctx(isolated, live_server)
    assert not ctx.secrets.available
    with live_server.client() as client:
        ctx.set_streams(client.list_files())
    store = profile_store(ctx)
    store.save(DbProfile(name="Warehouse", type="PostgreSQL", host="127.0.0.1", port=1,
                         db="dw", username="analyst"))
    editor = JobEditor(ctx)
    qtbot.addWidget(editor)
    editor.action_combo.setCurrentIndex(editor.action_combo.findData("RUN_STREAM"))
    editor.model_combo.setCurrentIndex(editor.model_combo.findText(STREAM))
    editor.add_database()
    assert editor.db_model.value(0, "profile") == "Warehouse"
    editor.job_id_edit.setText("needs-password")
    assert editor.problems == {}

    editor.submit_button.click()
    qtbot.waitUntil(lambda: isinstance(editor.active_dialog, PasswordPrompt), timeout=10_000)
    prompt = editor.active_dialog
    assert isinstance(prompt, PasswordPrompt)
    notice = prompt.findChild(object, "noKeyringNotice")
    assert notice is not None and "No system keyring" in notice.text()
    (edit,) = prompt.edits.values()
    assert edit.echoMode() == edit.EchoMode.Password
    qtbot.keyClicks(edit, "typed-at-submit")
    with qtbot.waitSignal(editor.submitted, timeout=30_000):
        prompt.buttons.button(prompt.buttons.StandardButton.Ok).click()
    with live_server.client() as client:
        stored = client.get_job("needs-password")
    assert stored.dbDefinitions["db1"].password == MASK  # the server got one
    assert editor.current_definition is not None
    assert editor.current_definition.dbDefinitions["db1"].password is None
    # Kept in memory for the session: a second job does not ask, and says nothing again.
    assert store.password("Warehouse") == "typed-at-submit"
    editor.job_id_edit.setText("needs-password-2")
    with qtbot.waitSignal(editor.submitted, timeout=30_000):
        editor.submit_button.click()
    assert editor.active_dialog is None
    wait_for_workers()


def test_stream_mismatch_is_warned_before_submitting(qtbot: Any, editor: JobEditor,
                                                      live_server: Any) -> None:
    fill_batch_score(qtbot, editor, "wrong-node")
    # The stream's source node choices come from the stream itself.
    assert set(editor._source_choices()) >= {"ScoreInput", "TrainInput"}
    type_in_cell(qtbot, editor.inputs_view, 0, 0, "NoSuchNode")
    assert editor.problems == {}  # the definition itself is fine...
    assert any("NoSuchNode" in w for w in editor.stream_warnings)  # ...the stream is not
    assert editor.warning_label.isVisible()
    editor.submit_button.click()
    qtbot.waitUntil(lambda: isinstance(editor.active_dialog, QMessageBox), timeout=10_000)
    assert "NoSuchNode" in editor.active_dialog.text()  # type: ignore[union-attr]
    click_box_button(editor.active_dialog, QMessageBox.StandardButton.No)
    with live_server.client() as client:
        assert [j.id for j in client.list_jobs()] == []
    assert editor.submit_button.isEnabled()
