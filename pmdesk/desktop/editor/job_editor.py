"""The job editor: a form for every field of a job definition, checked as the user types.

This module only connects the parts: the form widget (form.py), the Qt-free builder and
its problems (definition.py), describing the chosen stream (stream_details.py), the submit
flow (submit.py) and import/export/templates (transfer.py). Submitting never blocks the
window and never leaves a password behind: the form holds connection *profiles*;
passwords are read from the keyring (or asked for) at the moment of sending.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from pmdesk.api.models import MASK, Action, JobDefinition, ModelRef
from pmdesk.desktop import dialogs
from pmdesk.desktop.context import AppContext
from pmdesk.desktop.editor.definition import (
    FormValues,
    build_definition,
    refused_nodes,
    suggested_id,
    values_from_definition,
)
from pmdesk.desktop.editor.form import JobForm
from pmdesk.desktop.editor.profiles import PASSWORDLESS_TYPES, profile_store
from pmdesk.desktop.editor.profiles_dialog import ProfilesDialog
from pmdesk.desktop.editor.submit import Flow, SubmitFlow
from pmdesk.desktop.editor.transfer import DefinitionTransfer
from pmdesk.desktop.stream_details import StreamDescriber
from pmdesk.desktop.workers import TaskRunner, describe_error
from pmdesk.streams.info import StreamInfo
from pmdesk.streams.validate import check_definition

log = logging.getLogger(__name__)


class JobEditor(QWidget):
    submitted = Signal(str)  # job id, after the server accepted it

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profiles = profile_store(ctx)
        self.runner = TaskRunner(self)
        self.form = JobForm(self.profiles, self, runner=self.runner)
        QVBoxLayout(self).addWidget(self.form)
        self.setAccessibleName(self.tr("Job editor"))
        self.streams = StreamDescriber(ctx, self.runner, self)
        self.submitter = SubmitFlow(ctx, self.profiles, self.runner, self)
        self.transfer = DefinitionTransfer(self)
        self._stream_for: str | None = None  # the model id form.stream_info describes
        self._stream_path: Path | None = None  # ... and the cached copy it was read from
        self._id_touched = False
        self._resubmit_id: str | None = None
        self._base_extra: dict[str, object] = {}
        self._loading = False
        self.current_definition: JobDefinition | None = None
        self.problems: dict[str, list[str]] = {}
        self.stream_warnings: list[str] = []
        self._connect()
        self.new_job()

    def _connect(self) -> None:
        f = self.form
        f.changed.connect(self.revalidate)
        f.submitRequested.connect(self.submit)
        f.job_id_edit.textEdited.connect(lambda text: setattr(self, "_id_touched", bool(text)))
        f.job_id_edit.textChanged.connect(self.revalidate)
        f.suggest_button.clicked.connect(self.suggest_id)
        f.action_combo.currentIndexChanged.connect(self._on_action)
        f.model_combo.currentTextChanged.connect(self._on_model)
        f.manage_profiles_button.clicked.connect(self.open_profiles)
        f.new_button.clicked.connect(lambda: self.new_job())
        self.profiles.changed.connect(self._on_profiles_changed)
        self.profiles.renamed.connect(self._on_profile_renamed)
        self.streams.described.connect(self._described)
        self.streams.failed.connect(self._describe_failed)
        self.submitter.status.connect(lambda text: f.show_result(text))
        self.submitter.sent.connect(self._sent)
        self.submitter.failed.connect(lambda text: f.show_result(text, ok=False))
        self.submitter.ended.connect(self.revalidate)
        self.submitter.modesChanged.connect(self._set_modes)
        self.ctx.streamsChanged.connect(self._refresh_streams)
        self.ctx.serverChanged.connect(self._on_server_changed)

    # ---- public API ----------------------------------------------------------------------

    def new_job(self, model_id: str | None = None) -> None:
        """An empty BATCH_SCORE form, on `model_id` when given (e.g. from the Streams panel)."""
        self.load_definition(
            JobDefinition(action=Action.BATCH_SCORE, model=ModelRef(id=model_id or "")))
        self.form.import_report.setVisible(False)

    def load_definition(self, definition: JobDefinition, job_id: str | None = None,
                        resubmit: bool = False) -> None:
        """Fills the form; passwords in `definition` are dropped, never shown or kept."""
        values = values_from_definition(definition, self._profile_for, resubmit)
        self._loading = True
        try:
            self._refresh_streams()
            self.form.set_values(values)
            self._base_extra = values.base_extra
            self._resubmit_id = job_id if resubmit and job_id else None
            self._id_touched = bool(job_id)
            self.form.job_id_edit.setText(job_id or self.suggested_id())
            self.form.show_result("")
        finally:
            self._loading = False
        self._on_action()
        self._on_model(self.form.model_combo.currentText())
        self.revalidate()

    def _profile_for(self, db: object) -> str | None:
        profile = self.profiles.find_matching(db)  # type: ignore[arg-type]
        return profile.name if profile is not None else None

    def suggested_id(self) -> str:
        return suggested_id(self.form.model_combo.currentText(),
                            self.form.action_combo.currentData())

    def suggest_id(self) -> None:
        self.form.job_id_edit.setText(self.suggested_id())
        self._id_touched = False

    def open_profiles(self) -> None:
        dialogs.show(ProfilesDialog(self.ctx, self))

    @property
    def active_dialog(self) -> QDialog | None:
        """The question or dialog now open over the editor (tests answer it)."""
        return dialogs.open_dialog(self)

    @property
    def busy(self) -> bool:
        """True while a submit or a stream download is running."""
        return bool(self.runner.active) or self.submitter.sending

    def shutdown(self, timeout_ms: int = 15000) -> bool:
        """Cancels downloads and waits for running work (the window calls this on close)."""
        return self.runner.shutdown(timeout_ms)

    # ---- the parts, for the window and tests ---------------------------------------------

    def import_file(self, path: Path) -> bool:
        return self.transfer.import_file(path)

    def import_text(self, text: str, source: str = "") -> bool:
        return self.transfer.import_text(text, source)

    def export_file(self, path: Path) -> bool:
        return self.transfer.export_file(path)

    def apply_template(self, name: str) -> bool:
        return self.transfer.apply_template(name)

    def save_template(self, name: str) -> bool:
        return self.transfer.save_template(name)

    def template_choices(self) -> list[str]:
        return self.transfer.template_choices()

    # ---- reactions -----------------------------------------------------------------------

    def _maybe_suggest(self) -> None:
        if not self._id_touched and not self._loading:
            self.form.job_id_edit.setText(self.suggested_id())

    def _on_action(self, *_: object) -> None:
        action = Action(self.form.action_combo.currentData())
        self.form.action_help.setText(self.form.action_help_text(action))
        evaluation = action is Action.EVALUATION
        self.form.report_combo.setEnabled(evaluation)
        self.form.report_combo.setToolTip(
            "" if evaluation else self.tr("Only EVALUATION jobs produce reports."))
        self._maybe_suggest()
        self.revalidate()

    def _on_model(self, text: str) -> None:
        if self._loading:
            return
        self._maybe_suggest()
        text = text.strip()
        if text != self._stream_for:
            self.form.stream_info, self._stream_for = None, None
        if text and text in self.ctx.stream_ids:
            if self._stream_for != text:
                self.form.stream_label.setText(
                    self.tr("Reading the stream {0}...").format(text))
                self.streams.start(text)
        elif text:
            self.form.stream_label.setText(self.tr(
                "This stream is not in the Streams panel's list; check the id or upload it."))
        else:
            self.form.stream_label.clear()  # the field's own message says what to do
        self.revalidate()

    def _refresh_streams(self) -> None:
        current = self.form.model_combo.currentText()
        self.form.set_stream_ids(list(self.ctx.stream_ids))
        if current and current in self.ctx.stream_ids and (
                self._stream_for != current
                or self._stream_path != self.streams.path_for(current)):
            # A new stream, or the same id replaced by an upload (its size or time changed).
            self._stream_for = None
            self._on_model(current)

    def _on_server_changed(self) -> None:
        """Another server: its streams and jobs are not the ones the form was checked on."""
        self.form.stream_info, self._stream_for, self._stream_path = None, None, None
        self.streams.forget()
        self._resubmit_id = None
        self.revalidate()

    def _on_profiles_changed(self) -> None:
        self.form.db_model.refresh_display()
        self.revalidate()

    def _on_profile_renamed(self, old: str, new: str) -> None:
        for i, row in enumerate(self.form.db_model.rows):
            if row.values.get("profile") == old:
                self.form.db_model.set_value(i, "profile", new)

    # ---- the stream ----------------------------------------------------------------------

    def _described(self, file_id: str, info: StreamInfo, path: Path) -> None:
        if self.form.model_combo.currentText().strip() != file_id:
            return
        self.form.stream_info, self._stream_for, self._stream_path = info, file_id, path
        sources = ", ".join(info.source_names) or self.tr("none")
        terminals = ", ".join(info.terminal_names) or self.tr("none")
        if info.scoring_terminal:
            text = self.tr("Source nodes: {0}. Terminal nodes: {1}. Parameters: {2}. The "
                           "stream has a scoring branch.")
        else:
            text = self.tr("Source nodes: {0}. Terminal nodes: {1}. Parameters: {2}. The "
                           "stream has no scoring branch.")
        lines = [text.format(sources, terminals, len(info.parameters))]
        if refused := refused_nodes(info):
            lines.append(self.tr("PMDesk's engine cannot run these nodes of the stream, so "
                                 "jobs that need them fail:"))
            lines += [self.tr("• {0} ({1}): {2}").format(
                r.get("label", "?"), r.get("type", "?"), r.get("reason", "")) for r in refused]
        self.form.stream_label.setText("\n".join(lines))
        self.revalidate()

    def _describe_failed(self, file_id: str, exc: BaseException) -> None:
        if self.form.model_combo.currentText().strip() != file_id:
            return
        self.form.stream_label.setText(self.tr(
            "Could not read the stream, so its node names are not offered: {0}").format(
            describe_error(exc)))

    def _check_stream(self, definition: JobDefinition) -> list[str]:
        info = self.form.stream_info
        if info is None or self._stream_for != definition.model.id:
            return []
        return list(check_definition(info, definition))

    # ---- checking ------------------------------------------------------------------------

    def values(self) -> FormValues:
        return self.form.values(self._base_extra)

    def _resolve(self, name: str) -> object:
        profile = self.profiles.get(name)
        return profile.to_definition() if profile is not None else None

    def revalidate(self, *_: object) -> None:
        if self._loading:
            return
        f = self.form
        definition, problems = build_definition(
            self.values(), self._resolve, f.parameter_defaults())  # type: ignore[arg-type]
        self.current_definition = definition
        self.problems = f.show_problems(problems)
        if definition is not None:
            f.json_tab.show_definition(self._display_copy(definition))
        else:
            f.json_tab.show_definition(None, "\n".join(self.problems.get("general", [])))
        self.stream_warnings = self._check_stream(definition) if definition else []
        f.warning_label.setText("\n".join(self.stream_warnings))
        f.warning_label.setVisible(bool(self.stream_warnings))
        job_id = f.job_id_edit.text()
        resubmit = self._resubmit_id is not None and job_id == self._resubmit_id
        f.submit_button.setText(self.tr("&Resubmit") if resubmit else self.tr("&Submit"))
        f.resubmit_note.setVisible(resubmit)
        if resubmit:
            f.resubmit_note.setText(self.tr(
                "Resubmitting replaces the job {0} and runs it again.").format(job_id))
        f.submit_button.setEnabled(not self.problems and definition is not None
                                   and not self.submitter.busy)
        f.export_button.setEnabled(definition is not None)

    @property
    def is_valid(self) -> bool:
        return self.current_definition is not None and not self.problems

    @staticmethod
    def _display_copy(definition: JobDefinition) -> JobDefinition:
        """What will be sent, masked: a mask wherever a password will be filled in."""
        copy = definition.model_copy(deep=True)
        for db in copy.dbDefinitions.values():
            if db.type not in PASSWORDLESS_TYPES:
                db.password = MASK
        return copy.masked()

    # ---- submit --------------------------------------------------------------------------

    def submit(self) -> None:
        """POST (or PUT when resubmitting), after the questions it needs; never blocks."""
        self.revalidate()
        definition = self.current_definition
        if definition is None or self.problems or self.submitter.busy:
            return
        job_id = self.form.job_id_edit.text()
        rows = {r.values.get("dbRef", "").strip(): r for r in self.form.db_model.rows}
        self.form.show_result("")
        self.submitter.start(Flow(job_id, definition, put=job_id == self._resubmit_id,
                                  rows=rows, resubmit=job_id == self._resubmit_id,
                                  warnings=list(self.stream_warnings)))
        self.revalidate()

    def _set_modes(self, modes: dict[int, str]) -> None:
        """The insert modes the user accepted at submit time, shown in the form too."""
        for i, mode in modes.items():
            self.form.exports_model.set_value(i, "insertMode", mode)

    def _sent(self, job_id: str, text: str) -> None:
        self.form.show_result(text, ok=True)
        self.submitted.emit(job_id)
        self.ctx.jobSubmitted.emit(job_id)
        self.ctx.statusMessage.emit(text)
