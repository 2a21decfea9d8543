"""Filling the editor and submitting to the real service (`pmdesk serve` on loopback)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.editor import (  # noqa: F401  (fixtures)
    STREAM,
    click_box_button,
    editor_ctx,
    fill_batch_score,
    isolated_fixture,
    no_keyring_fixture,
    samples_fixture,
    type_in_cell,
    upload_stream,
    wait_finished,
    wait_for_workers,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from pmdesk.api.models import MASK, JobDefinition, JobState
from pmdesk.desktop.editor.job_editor import JobEditor
from pmdesk.desktop.editor.password_prompt import PasswordPrompt
from pmdesk.desktop.editor.profiles import DbProfile, profile_store

pytestmark = [pytest.mark.gui, pytest.mark.slow]


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


def test_fill_submit_and_run_batch_score(qtbot: Any, editor: JobEditor,
                                         live_server: Any, samples: Path) -> None:
    fill_batch_score(qtbot, editor, "drug-scores")
    with qtbot.waitSignal(editor.submitted, timeout=30_000) as blocker, \
            qtbot.waitSignal(editor.ctx.jobSubmitted, timeout=30_000):
        qtbot.mouseClick(editor.form.submit_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["drug-scores"]
    assert "drug-scores was submitted" in editor.form.result_label.text()
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
        editor.form.submit_button.click()
    wait_finished(qtbot, live_server, "nightly")  # PUT is refused while a job runs

    # Same id again, another export table: POST answers 409, the editor asks first.
    type_in_cell(qtbot, editor.form.exports_view, 0, 2, "DRUG_SCORES_V2")
    editor.form.submit_button.click()
    qtbot.waitUntil(lambda: isinstance(editor.active_dialog, QMessageBox), timeout=30_000)
    question = editor.active_dialog
    assert isinstance(question, QMessageBox)
    assert "already exists" in question.text()
    # "No" leaves the server's job alone.
    click_box_button(question, QMessageBox.StandardButton.No)
    with live_server.client() as client:
        assert client.get_job("nightly").setting.exports[0].odbc.table == "DRUG_SCORES"

    editor.form.submit_button.click()
    qtbot.waitUntil(lambda: isinstance(editor.active_dialog, QMessageBox), timeout=30_000)
    with qtbot.waitSignal(editor.submitted, timeout=30_000):
        click_box_button(editor.active_dialog, QMessageBox.StandardButton.Yes)
    assert "resubmitted" in editor.form.result_label.text()
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
    assert editor.form.submit_button.text().replace("&", "") == "Resubmit"
    # The sample's database matches the "Drug samples" profile by its fields.
    assert editor.form.db_model.value(0, "profile") == "Drug samples"
    editor.form.submit_button.click()
    qtbot.waitUntil(lambda: isinstance(editor.active_dialog, QMessageBox), timeout=10_000)
    assert "Resubmit the job from-jobs-panel" in editor.active_dialog.text()  # type: ignore[union-attr]
    with qtbot.waitSignal(editor.submitted, timeout=30_000):
        click_box_button(editor.active_dialog, QMessageBox.StandardButton.Yes)
    assert "resubmitted" in editor.form.result_label.text()
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
    editor.form.action_combo.setCurrentIndex(editor.form.action_combo.findData("RUN_STREAM"))
    editor.form.model_combo.setCurrentIndex(editor.form.model_combo.findText(STREAM))
    editor.form.add_database()
    assert editor.form.db_model.value(0, "profile") == "Warehouse"
    editor.form.job_id_edit.setText("needs-password")
    assert editor.problems == {}

    editor.form.submit_button.click()
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
    editor.form.job_id_edit.setText("needs-password-2")
    with qtbot.waitSignal(editor.submitted, timeout=30_000):
        editor.form.submit_button.click()
    assert editor.active_dialog is None
    wait_for_workers()


def test_stream_mismatch_is_warned_before_submitting(qtbot: Any, editor: JobEditor,
                                                      live_server: Any) -> None:
    fill_batch_score(qtbot, editor, "wrong-node")
    # The stream's source node choices come from the stream itself.
    assert set(editor.form.source_choices()) >= {"ScoreInput", "TrainInput"}
    type_in_cell(qtbot, editor.form.inputs_view, 0, 0, "NoSuchNode")
    assert editor.problems == {}  # the definition itself is fine...
    assert any("NoSuchNode" in w for w in editor.stream_warnings)  # ...the stream is not
    assert editor.form.warning_label.isVisible()
    editor.form.submit_button.click()
    qtbot.waitUntil(lambda: isinstance(editor.active_dialog, QMessageBox), timeout=10_000)
    assert "NoSuchNode" in editor.active_dialog.text()  # type: ignore[union-attr]
    click_box_button(editor.active_dialog, QMessageBox.StandardButton.No)
    with live_server.client() as client:
        assert [j.id for j in client.list_jobs()] == []
    assert editor.form.submit_button.isEnabled()


def test_stream_parameters_are_offered_with_their_defaults(qtbot: Any, editor: JobEditor,
                                                           live_server: Any,
                                                           isolated: Path) -> None:
    editor.form.action_combo.setCurrentIndex(editor.form.action_combo.findData("RUN_STREAM"))
    editor.form.model_combo.setCurrentIndex(editor.form.model_combo.findText(STREAM))
    qtbot.waitUntil(lambda: "Parameters: 2" in editor.form.stream_label.text(), timeout=30_000)
    assert list((isolated / "cache").rglob(STREAM))  # downloaded once, into the cache
    assert editor.form.parameter_choices() == ["depth", "min_age"]
    editor.form.add_parameter()
    assert editor.form.params_model.rows[0].values == {"name": "depth", "value": "5"}
    type_in_cell(qtbot, editor.form.params_view, 0, 1, "3")
    assert editor.current_definition is not None
    # The stream says depth is an integer, so an integer is sent, not the text "3".
    assert editor.current_definition.setting.parameterOverride[0].value == 3
    editor.form.add_parameter()
    assert editor.form.params_model.value(1, "name") == "min_age"
    editor.form.job_id_edit.setText("params")
    with qtbot.waitSignal(editor.submitted, timeout=30_000):
        editor.form.submit_button.click()
    with live_server.client() as client:
        sent = client.get_job("params").setting.parameterOverride
    assert [(p.name, p.value) for p in sent] == [("depth", 3), ("min_age", 0)]
    wait_finished(qtbot, live_server, "params")


def test_a_stream_that_cannot_be_read_is_explained(qtbot: Any, editor: JobEditor,
                                                   live_server: Any) -> None:
    upload_stream(live_server, "junk.str", b"this is not a Modeler stream")
    with live_server.client() as client:
        editor.ctx.set_streams(client.list_files())
    editor.form.model_combo.setCurrentIndex(editor.form.model_combo.findText("junk.str"))
    qtbot.waitUntil(lambda: "Could not read the stream" in editor.form.stream_label.text(),
                    timeout=30_000)
    assert "Traceback" not in editor.form.stream_label.text()
    assert editor.form.source_choices() == []
    assert editor.stream_warnings == []  # nothing known, so nothing claimed
