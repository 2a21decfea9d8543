"""A first BATCH_SCORE from the form's defaults: the scoring branch is offered first, and the
insert mode is checked against the target table before anything is sent (issue 14)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.dialogs import answer
from helpers.editor import (  # noqa: F401  (fixtures)
    STREAM,
    editor_ctx,
    isolated_fixture,
    samples_fixture,
    type_in_cell,
    upload_stream,
    wait_finished,
    wait_for_workers,
)
from PySide6.QtWidgets import QMessageBox

from pmdesk.api.models import JobState
from pmdesk.desktop.dialogs import open_dialog
from pmdesk.desktop.editor.definition import refused_nodes, scoring_branch
from pmdesk.desktop.editor.job_editor import JobEditor
from pmdesk.desktop.editor.profiles import DbProfile, profile_store
from pmdesk.streams.describe import describe
from pmdesk.streams.info import StreamInfo

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def test_the_scoring_branch_of_the_sample(samples: Path) -> None:
    info = describe(samples / STREAM)
    assert scoring_branch(info) == (["ScoreInput"], ["Scores"])
    assert set(info.source_names) > {"ScoreInput"}  # the training branch is there too
    assert scoring_branch(StreamInfo(name="none", format="pmdesk")) == ([], [])


def test_refused_nodes_come_from_the_stream_info_json(samples: Path) -> None:
    info = describe(samples / STREAM)
    assert refused_nodes(info) == []  # the sample runs whole

    class WithVerdict(StreamInfo):  # the reader's verdict, as docs/stream-info.md gives it
        def to_json(self) -> dict[str, Any]:
            return {**super().to_json(), "refused": [
                {"id": "n1", "label": "Text mining", "type": "textmining",
                 "reason": "no engine for this node"}]}

    verdict = WithVerdict(name="s", format="modeler")
    assert refused_nodes(verdict) == [{"id": "n1", "label": "Text mining",
                                       "type": "textmining", "reason": "no engine for this node"}]


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


def submit_answering(qtbot: Any, editor: JobEditor, button: QMessageBox.StandardButton) -> str:
    """Presses Submit and answers the table question; returns what it said."""
    editor.form.submit_button.click()
    qtbot.waitUntil(lambda: isinstance(open_dialog(editor), QMessageBox), timeout=30_000)
    return answer(editor, button)


def test_a_first_batch_score_from_the_defaults_runs(qtbot: Any, editor: JobEditor,
                                                    live_server: Any) -> None:
    form = editor.form
    form.model_combo.setCurrentIndex(form.model_combo.findText(STREAM))
    qtbot.waitUntil(lambda: "scoring branch" in form.stream_label.text(), timeout=30_000)
    assert "Insert modes" == form.modes_help.accessibleName()
    form.add_db_button.click()  # the first profile: Drug samples
    form.add_input_button.click()
    assert form.inputs_model.value(0, "node") == "ScoreInput"  # not TrainInput
    type_in_cell(qtbot, form.inputs_view, 0, 2, "DRUG_SCORE")
    form.add_export_button.click()
    assert form.exports_model.value(0, "node") == "Scores"  # not Accuracy
    assert form.exports_model.value(0, "insertMode") == "Append"
    type_in_cell(qtbot, form.exports_view, 0, 2, "FIRST_SCORES")
    assert editor.problems == {} and editor.stream_warnings == []
    first = form.job_id_edit.text()

    # Append on a table that does not exist would fail after the run: asked before sending.
    with qtbot.waitSignal(editor.submitted, timeout=60_000):
        said = submit_answering(qtbot, editor, QMessageBox.StandardButton.Yes)
    assert "FIRST_SCORES does not exist" in said and "Suggested: Create" in said
    assert form.exports_model.value(0, "insertMode") == "Create"
    assert wait_finished(qtbot, live_server, first).jobStatus is JobState.SUCCESS

    # The same form again: now the table exists, so Create would fail.
    editor.suggest_id()
    form.job_id_edit.setText(first + "-2")
    said = submit_answering(qtbot, editor, QMessageBox.StandardButton.No)
    assert "FIRST_SCORES in db1 exists" in said and "Suggested: Drop" in said
    qtbot.waitUntil(lambda: form.submit_button.isEnabled())
    assert form.exports_model.value(0, "insertMode") == "Create"  # No: nothing changed
    with qtbot.waitSignal(editor.submitted, timeout=60_000):
        submit_answering(qtbot, editor, QMessageBox.StandardButton.Yes)
    assert form.exports_model.value(0, "insertMode") == "Drop"
    assert wait_finished(qtbot, live_server, first + "-2").jobStatus is JobState.SUCCESS
