"""The job editor's form: validation as you type, naming the field, and the JSON tab."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers.editor import (  # noqa: F401  (fixtures)
    editor_ctx,
    isolated_fixture,
    no_keyring_fixture,
    type_in_cell,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from pmdesk.api.models import MASK, Action
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
    return widget


def shown(editor: JobEditor, field: str) -> str:
    label = editor.form.error_labels[field]
    return label.text() if label.isVisible() else ""


def test_batch_score_messages_change_as_fields_are_filled(qtbot: Any, editor: JobEditor) -> None:
    editor.form.action_combo.setCurrentIndex(editor.form.action_combo.findData("BATCH_SCORE"))
    assert "stream" in shown(editor, "model").lower()
    assert not editor.form.submit_button.isEnabled()

    line = editor.form.model_combo.lineEdit()
    assert line is not None
    qtbot.keyClicks(line, "drug_scoring.str")
    assert shown(editor, "model") == ""
    assert "at least one input" in shown(editor, "inputs")
    assert "at least one export" in shown(editor, "exports")
    assert "Inputs: BATCH_SCORE needs at least one input" in editor.form.summary_label.text()

    qtbot.mouseClick(editor.form.add_input_button, Qt.MouseButton.LeftButton)
    # No database yet: the input row names what is missing.
    assert "choose the source node" in shown(editor, "inputs")
    assert "give the table to read" in shown(editor, "inputs")
    assert "choose its database" in shown(editor, "inputs")

    qtbot.mouseClick(editor.form.add_db_button, Qt.MouseButton.LeftButton)
    assert editor.form.db_model.value(0, "profile") == "Local SQLite"
    type_in_cell(qtbot, editor.form.inputs_view, 0, 0, "DRUG1N")
    type_in_cell(qtbot, editor.form.inputs_view, 0, 1, "db1")
    type_in_cell(qtbot, editor.form.inputs_view, 0, 2, "DRUG1N")
    assert shown(editor, "inputs") == ""
    assert not editor.form.submit_button.isEnabled()

    qtbot.mouseClick(editor.form.add_export_button, Qt.MouseButton.LeftButton)
    assert editor.form.exports_model.value(0, "dbRef") == "db1"  # the only database, offered
    assert editor.form.exports_model.value(0, "insertMode") == "Append"
    type_in_cell(qtbot, editor.form.exports_view, 0, 0, "DRUG_SCORES")
    type_in_cell(qtbot, editor.form.exports_view, 0, 2, "DRUGSCORES")
    type_in_cell(qtbot, editor.form.exports_view, 0, 3, "Drop")
    assert editor.problems == {}
    assert editor.form.submit_button.isEnabled()
    assert editor.form.summary_label.text() == ""

    # A dbRef that names no database is named in the message, and blocks Submit again.
    type_in_cell(qtbot, editor.form.exports_view, 0, 1, "warehouse")
    assert "warehouse is not one of the databases above (defined: db1)" in shown(
        editor, "exports")
    assert not editor.form.submit_button.isEnabled()
    type_in_cell(qtbot, editor.form.exports_view, 0, 1, "db1")
    assert editor.form.submit_button.isEnabled()

    sent = json.loads(editor.form.json_tab.text.toPlainText())
    assert sent["setting"]["exports"] == [{
        "odbc": {"dbRef": "db1", "table": "DRUGSCORES", "insertMode": "Drop"},
        "node": "DRUG_SCORES", "attributes": []}]
    assert sent["dbDefinitions"]["db1"]["type"] == "SQLite"
    assert sent["model"] == {"id": "drug_scoring.str"}


def test_job_id_is_suggested_and_checked(qtbot: Any, editor: JobEditor) -> None:
    line = editor.form.model_combo.lineEdit()
    assert line is not None
    qtbot.keyClicks(line, "churn.str")
    assert re.fullmatch(r"churn-BATCH_SCORE-\d{8}-\d{4}", editor.form.job_id_edit.text())
    editor.form.action_combo.setCurrentIndex(editor.form.action_combo.findData("TRAINING"))
    assert editor.form.job_id_edit.text().startswith("churn-TRAINING-")  # follows until typed

    editor.form.job_id_edit.clear()
    qtbot.keyClicks(editor.form.job_id_edit, "a,b")
    assert "may not contain ','" in shown(editor, "job_id")
    assert "Job id:" in editor.form.summary_label.text()
    editor.form.action_combo.setCurrentIndex(editor.form.action_combo.findData("RUN_STREAM"))
    assert editor.form.job_id_edit.text() == "a,b"  # the user's own id is not replaced
    editor.form.job_id_edit.clear()
    qtbot.keyClicks(editor.form.job_id_edit, "nightly/run")
    assert "'/'" in shown(editor, "job_id")
    editor.form.job_id_edit.clear()
    qtbot.keyClicks(editor.form.job_id_edit, "nightly-run")
    assert shown(editor, "job_id") == ""
    assert editor.form.submit_button.isEnabled()  # RUN_STREAM needs nothing else


def test_report_format_only_for_evaluation(qtbot: Any, editor: JobEditor) -> None:
    qtbot.keyClicks(editor.form.model_combo.lineEdit(), "eval.str")
    editor.form.action_combo.setCurrentIndex(editor.form.action_combo.findData("EVALUATION"))
    assert editor.form.report_combo.isEnabled()
    assert "EVALUATION needs a report format" in shown(editor, "report")
    assert "documents in one .zip" in editor.form.action_help.text()
    editor.form.report_combo.setCurrentIndex(editor.form.report_combo.findData("HTML"))
    assert shown(editor, "report") == ""
    assert editor.current_definition is not None
    assert editor.current_definition.setting.reportFormat == "HTML"
    editor.form.action_combo.setCurrentIndex(editor.form.action_combo.findData("TRAINING"))
    assert not editor.form.report_combo.isEnabled()
    assert editor.current_definition.setting.reportFormat is None  # not sent where it is moot
    assert "model-building" in editor.form.action_help.text()


def test_every_action_has_its_own_explanation(editor: JobEditor) -> None:
    texts = {editor.form.action_help_text(a) for a in Action}
    assert len(texts) == len(Action)


def test_json_tab_masks_passwords_and_the_form_never_holds_them(
        qtbot: Any, editor: JobEditor, no_keyring: None) -> None:
    store = editor.profiles
    store.save(DbProfile(name="Warehouse", type="PostgreSQL", host="db.example", port=5432,
                         db="dw", username="analyst"), password="s3cret-pw")
    qtbot.keyClicks(editor.form.model_combo.lineEdit(), "drug.str")
    editor.form.add_database()
    editor.form.db_model.set_value(0, "profile", "Warehouse")
    text = editor.form.json_tab.text.toPlainText()
    assert json.loads(text)["dbDefinitions"]["db1"] == {
        "type": "PostgreSQL", "host": "db.example", "port": 5432, "db": "dw",
        "username": "analyst", "password": MASK}
    assert "s3cret-pw" not in text
    for widget in editor.findChildren(QLineEdit):
        assert "s3cret-pw" not in widget.text()
    assert editor.current_definition is not None
    assert editor.current_definition.dbDefinitions["db1"].password is None


def test_profile_rename_follows_into_the_form(qtbot: Any, editor: JobEditor) -> None:
    qtbot.keyClicks(editor.form.model_combo.lineEdit(), "drug.str")
    editor.form.add_database()
    profile = editor.profiles.get("Local SQLite")
    assert profile is not None
    profile.name = "Drug data"
    editor.profiles.save(profile, old_name="Local SQLite")
    assert editor.form.db_model.value(0, "profile") == "Drug data"
    editor.profiles.delete("Drug data")
    assert "no longer exists" in shown(editor, "databases")
    assert not editor.form.submit_button.isEnabled()


def test_parameter_overrides_table(qtbot: Any, editor: JobEditor) -> None:
    qtbot.keyClicks(editor.form.model_combo.lineEdit(), "drug.str")
    editor.form.action_combo.setCurrentIndex(editor.form.action_combo.findData("RUN_STREAM"))
    qtbot.mouseClick(editor.form.add_param_button, Qt.MouseButton.LeftButton)
    assert "give the parameter's name" in shown(editor, "parameters")
    type_in_cell(qtbot, editor.form.params_view, 0, 0, "threshold")
    type_in_cell(qtbot, editor.form.params_view, 0, 1, "0.7")
    editor.form.add_parameter()
    type_in_cell(qtbot, editor.form.params_view, 1, 0, "threshold")
    assert "given twice" in shown(editor, "parameters")
    editor.form.params_view.selectRow(1)
    qtbot.mouseClick(editor.form.remove_param_button, Qt.MouseButton.LeftButton)
    assert editor.problems == {}
    assert editor.current_definition is not None
    assert [p.to_wire() for p in editor.current_definition.setting.parameterOverride] == [
        {"name": "threshold", "value": "0.7"}]
