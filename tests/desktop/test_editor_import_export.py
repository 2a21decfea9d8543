"""Importing (with the original document's typos), exporting and templates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers.editor import click_box_button, editor_ctx, isolated_fixture, no_keyring_fixture  # noqa: F401
from helpers.original_examples import ORIGINAL_EXAMPLE
from PySide6.QtWidgets import QMessageBox

from pmdesk.api.models import JobDefinition
from pmdesk.desktop.editor.job_editor import JobEditor
from pmdesk.desktop.editor.profiles import DbProfile, profile_store
from pmdesk.engine.samples import write_samples

pytestmark = pytest.mark.gui


PASSWORD = "NmI4MDViMzBkNDUz"


@pytest.fixture
def editor(qtbot: Any, isolated: Path, no_keyring: None) -> JobEditor:
    widget = JobEditor(editor_ctx(isolated))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_import_original_example_lists_repairs_and_creates_a_profile(
        qtbot: Any, editor: JobEditor, isolated: Path) -> None:
    path = isolated / "example.json"
    path.write_text(ORIGINAL_EXAMPLE, encoding="utf-8")
    assert editor.import_file(path)
    report = editor.form.import_report.text()
    assert editor.form.import_report.isVisible()
    for repair in ("line 4: inserted a missing comma",
                   "line 22: replaced curly quotes with straight quotes",
                   "line 22: ';' after a key replaced by ':'",
                   "line 23: removed trailing comma",
                   "line 38: removed trailing comma"):
        assert repair in report
    assert editor.form.action_combo.currentData() == "TRAINING"
    assert editor.form.model_combo.currentText() == "str2"
    assert editor.form.result_edit.text() == "stream1.str"
    assert editor.form.inputs_model.rows[0].values == {"node": "ScoreInput", "dbRef": "db",
                                                  "table": "DRUG1N"}
    assert [r.values["name"] for r in editor.form.params_model.rows] == ["p1", "p2"]
    assert PASSWORD not in editor.form.json_tab.text.toPlainText()

    # The DashDB connection is no profile yet: the editor offers to create one.
    question = editor.active_dialog
    assert isinstance(question, QMessageBox)
    assert "DashDB bluadmin@dashdb-enterprise" in question.text()
    click_box_button(question, QMessageBox.StandardButton.Yes)
    store = profile_store(editor.ctx)
    profile = store.get("db")
    assert profile is not None
    assert (profile.type, profile.host, profile.port, profile.db, profile.username,
            profile.options) == ("DashDB", "dashdb-enterprise-yp-dal09-11.services.dal."
                                 "bluemix.net", 50001, "BLUDB", "bluadmin", "Security=SSL")
    assert store.password("db") == PASSWORD  # to the SecretStore, not the settings file
    assert PASSWORD not in (isolated / "settings.ini").read_text(encoding="utf-8")
    assert editor.form.db_model.value(0, "profile") == "db"
    assert editor.problems == {}


def test_import_links_known_connections_to_profiles(qtbot: Any, editor: JobEditor) -> None:
    store = profile_store(editor.ctx)
    store.save(DbProfile(name="Dash", type="DashDB",
                         host="dashdb-enterprise-yp-dal09-11.services.dal.bluemix.net",
                         port=50001, db="BLUDB", username="bluadmin", options="Security=SSL"))
    assert editor.import_text(ORIGINAL_EXAMPLE, "example.json")
    assert editor.active_dialog is None  # nothing to ask
    assert editor.form.db_model.value(0, "profile") == "Dash"
    assert "linked to your connection profiles: db" in editor.form.import_report.text()
    assert store.password("Dash") is None  # an import never overwrites a stored password


def test_import_of_broken_text_says_where(qtbot: Any, editor: JobEditor) -> None:
    before = editor.form.model_combo.currentText()
    assert not editor.import_text('{"action": "BATCH_SCORE",\n  model: {}}', "bad.json")
    box = editor.active_dialog
    assert isinstance(box, QMessageBox)
    assert "bad.json" in box.text() and "line 2, column 3" in box.text()
    assert "Traceback" not in box.text()
    click_box_button(box, QMessageBox.StandardButton.Ok)
    assert not editor.import_text('{"action": "FLY", "model": {"id": "x"}}', "fly.json")
    box = editor.active_dialog
    assert isinstance(box, QMessageBox)
    assert "action" in box.text() and "FLY" in box.text()
    click_box_button(box, QMessageBox.StandardButton.Ok)
    assert editor.form.model_combo.currentText() == before


def test_export_writes_no_password(qtbot: Any, editor: JobEditor, isolated: Path) -> None:
    assert editor.import_text(ORIGINAL_EXAMPLE, "example.json")
    click_box_button(editor.active_dialog, QMessageBox.StandardButton.Yes)
    assert profile_store(editor.ctx).password("db") == PASSWORD
    out = isolated / "exported.json"
    assert editor.export_file(out)
    text = out.read_text(encoding="utf-8")
    assert PASSWORD not in text and "password" not in text
    data = json.loads(text)  # strict JSON
    assert data["dbDefinitions"]["db"]["host"].startswith("dashdb-enterprise")
    assert JobDefinition.parse(data).setting.inputs[0].odbc.dbRef == "db"
    # And it imports back unchanged, with nothing to repair.
    editor.new_job()
    assert editor.import_file(out)
    assert "repaired" not in editor.form.import_report.text()
    assert editor.current_definition is not None
    assert editor.current_definition.to_wire() == data


def test_templates_and_samples(qtbot: Any, isolated: Path, no_keyring: None) -> None:
    ctx = editor_ctx(isolated)
    write_samples(isolated / "samples")
    ctx.samples_dir = isolated / "samples"
    editor = JobEditor(ctx)
    qtbot.addWidget(editor)
    choices = editor.template_choices()
    assert "Sample: BATCH_SCORE" in choices and "Sample: EVALUATION" in choices
    assert editor.apply_template("Sample: BATCH_SCORE")
    assert editor.form.action_combo.currentData() == "BATCH_SCORE"
    assert editor.form.exports_model.value(0, "node") == "Scores"
    assert editor.problems == {}
    editor.form.result_edit.setText("scored.pmstream")
    assert editor.save_template("My scoring")
    editor.new_job()
    assert editor.form.model_combo.currentText() == ""
    editor.transfer.fill_templates_menu()  # what the Templates button shows
    labels = [a.text() for a in editor.form.templates_menu.actions()]
    assert labels[0] == "My scoring" and "Sample: RUN_STREAM" in labels
    assert editor.apply_template("My scoring")
    assert editor.form.result_edit.text() == "scored.pmstream"
    assert editor.form.exports_model.value(0, "table") == "DRUG_SCORES"
    editor.transfer.templates.delete("My scoring")
    assert "My scoring" not in editor.template_choices()
