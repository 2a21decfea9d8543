"""The job editor: a form for every field of a job definition, checked as the user types.

Submitting never blocks the window (the POST/PUT runs in a worker) and never leaves a
password behind: the form holds connection *profiles*; passwords are read from the
keyring (or asked for) at the moment of sending and exist only in the request body.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import create_worker

from pmdesk.api.ids import id_problem
from pmdesk.api.lenient_json import LenientJSONError, parse_lenient
from pmdesk.api.models import (
    MASK,
    Action,
    DbDefinition,
    DefinitionError,
    InsertMode,
    JobDefinition,
    ModelRef,
    ReportFormat,
)
from pmdesk.desktop.editor.json_tab import JsonTab
from pmdesk.desktop.editor.password_prompt import PasswordPrompt
from pmdesk.desktop.editor.profiles import PASSWORDLESS_TYPES, DbProfile, profile_store
from pmdesk.desktop.editor.tables import ChoiceDelegate, Column, Row, RowsModel
from pmdesk.desktop.editor.templates import TemplateStore, sample_templates

log = logging.getLogger(__name__)

FIELDS = ("job_id", "action", "model", "result", "databases", "inputs", "exports",
          "parameters", "report", "general")


def stream_cache_dir() -> Path:
    """Where described streams are kept, so reopening the editor does not download again.

    PMDESK_CACHE_DIR wins; a PMDESK_CONFIG_DIR (portable or test set-ups) keeps the cache
    beside the settings; otherwise the user's cache folder.
    """
    if env := os.environ.get("PMDESK_CACHE_DIR"):
        return Path(env) / "streams"
    if env := os.environ.get("PMDESK_CONFIG_DIR"):
        return Path(env) / "cache" / "streams"
    import platformdirs

    return Path(platformdirs.user_cache_dir("PMDesk", appauthor=False)) / "streams"


def _describe_error(exc: BaseException) -> str:
    try:
        from pmdesk.desktop.workers import describe_error
    except ImportError:  # the shell's helper is written in parallel
        return str(exc) or type(exc).__name__
    return describe_error(exc)


def _close_client(client: Any) -> None:
    close = getattr(client, "close", None)
    if callable(close):
        close()


def _send_job(client_factory: Callable[[], Any], job_id: str, definition: JobDefinition,
              put: bool) -> tuple[bool, bool]:
    """Runs in a worker: (was it a PUT, was the job created)."""
    client = client_factory()
    try:
        if put:
            created = client.put_job(job_id, definition)
            return True, bool(created)
        client.submit_job(job_id, definition)
        return False, True
    finally:
        _close_client(client)


def _fetch_and_describe(client_factory: Callable[[], Any], file_id: str, dest: Path,
                        fresh: bool, cancel: threading.Event) -> Any:
    """Runs in a worker: the stream's StreamInfo, downloading it unless cached."""
    if fresh or not dest.is_file():
        dest.parent.mkdir(parents=True, exist_ok=True)
        partial = dest.with_name(dest.name + ".part")
        client = client_factory()
        try:
            client.download_file(file_id, partial, cancel=cancel)
        finally:
            _close_client(client)
        partial.replace(dest)
    from pmdesk.streams.describe import describe

    return describe(dest)


@dataclass
class _Flow:
    """One press of Submit, across the questions it may ask."""

    job_id: str
    definition: JobDefinition  # without passwords
    put: bool
    passwords: dict[str, str] = field(default_factory=dict)  # dbRef -> password


class JobEditor(QWidget):
    submitted = Signal(str)  # job id, after the server accepted it

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profiles = profile_store(ctx)
        self.templates = TemplateStore(ctx.settings)
        self._workers: set[Any] = set()
        self._cancel = threading.Event()  # set on shutdown: stops stream downloads
        self._stream_info: Any = None
        self._stream_for: str | None = None  # the model id _stream_info describes
        self._stream_path: Path | None = None  # ... and the cached copy it was read from
        self._describing: str | None = None
        self._id_touched = False
        self._resubmit_id: str | None = None
        self._base_extra: dict[str, Any] = {}
        self._flow: _Flow | None = None
        self._sending = False
        self._loading = False
        self._session_passwords: dict[str, str] = {}  # imported non-profile connections
        self.active_dialog: QWidget | None = None  # the question now open, for tests too
        self.current_definition: JobDefinition | None = None
        self.problems: dict[str, list[str]] = {}
        self.stream_warnings: list[str] = []
        self.setAccessibleName(self.tr("Job editor"))
        self._build_ui()
        self._connect()
        self.new_job()

    # ---- construction --------------------------------------------------------------------

    def _error_label(self, key: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setObjectName(f"problem_{key}")
        label.setStyleSheet("color: #b00020;")
        label.setVisible(False)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_labels[key] = label
        return label

    def _table(self, model: RowsModel, name: str) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setItemDelegate(ChoiceDelegate(model, view))
        view.setAccessibleName(name)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.SelectedClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        view.setMinimumHeight(90)
        view.setMaximumHeight(170)
        return view

    def _table_block(self, view: QTableView, add_text: str, remove_text: str,
                     key: str, *extra: QWidget) -> tuple[QWidget, QPushButton, QPushButton]:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view)
        row = QHBoxLayout()
        add = QPushButton(add_text)
        add.setAccessibleName(add_text.replace("&", ""))
        remove = QPushButton(remove_text)
        remove.setAccessibleName(remove_text.replace("&", ""))
        row.addWidget(add)
        row.addWidget(remove)
        for widget in extra:
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self._error_label(key))
        return box, add, remove

    def _build_ui(self) -> None:
        self.error_labels: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        self.import_report = QLabel()
        self.import_report.setWordWrap(True)
        self.import_report.setVisible(False)
        self.import_report.setAccessibleName(self.tr("Import report"))
        self.import_report.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.import_report)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Job editor views"))
        outer.addWidget(self.tabs, 1)
        form_page = QWidget()
        form = QFormLayout(form_page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        # Job id
        id_row = QHBoxLayout()
        self.job_id_edit = QLineEdit()
        self.job_id_edit.setAccessibleName(self.tr("Job id"))
        self.job_id_edit.setPlaceholderText(self.tr("a name for this job, e.g. drug-scores"))
        self.suggest_button = QToolButton()
        self.suggest_button.setText(self.tr("Suggest"))
        self.suggest_button.setAccessibleName(self.tr("Suggest a job id"))
        id_row.addWidget(self.job_id_edit, 1)
        id_row.addWidget(self.suggest_button)
        id_box = QVBoxLayout()
        id_box.addLayout(id_row)
        self.resubmit_note = QLabel()
        self.resubmit_note.setWordWrap(True)
        self.resubmit_note.setVisible(False)
        id_box.addWidget(self.resubmit_note)
        id_box.addWidget(self._error_label("job_id"))
        self._row(form, self.tr("&Job id:"), id_box, self.job_id_edit)

        # Action
        action_box = QVBoxLayout()
        self.action_combo = QComboBox()
        self.action_combo.setAccessibleName(self.tr("Action"))
        for action in Action:
            self.action_combo.addItem(action.value, action.value)
        self.action_help = QLabel()
        self.action_help.setWordWrap(True)
        self.action_help.setAccessibleName(self.tr("What the action does"))
        action_box.addWidget(self.action_combo)
        action_box.addWidget(self.action_help)
        action_box.addWidget(self._error_label("action"))
        self._row(form, self.tr("&Action:"), action_box, self.action_combo)

        # Stream (model id)
        model_box = QVBoxLayout()
        self.model_combo = QComboBox()
        self.model_combo.setEditable(True)
        self.model_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model_combo.setAccessibleName(self.tr("Stream"))
        line = self.model_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("the id of an uploaded stream"))
        self.stream_label = QLabel()
        self.stream_label.setWordWrap(True)
        self.stream_label.setAccessibleName(self.tr("Stream details"))
        model_box.addWidget(self.model_combo)
        model_box.addWidget(self.stream_label)
        model_box.addWidget(self._error_label("model"))
        self._row(form, self.tr("&Stream:"), model_box, self.model_combo)

        # Result name
        result_box = QVBoxLayout()
        self.result_edit = QLineEdit()
        self.result_edit.setAccessibleName(self.tr("Result name"))
        self.result_edit.setPlaceholderText(self.tr(
            "optional: file name of the trained stream, e.g. stream1.str"))
        result_box.addWidget(self.result_edit)
        result_box.addWidget(self._error_label("result"))
        self._row(form, self.tr("&Result name:"), result_box, self.result_edit)

        # Databases
        self.db_model = RowsModel([
            Column("dbRef", self.tr("Name in the job (dbRef)"),
                   tip=self.tr("The name inputs and exports use to refer to this database")),
            Column("profile", self.tr("Connection profile"), choices=self.profiles.names,
                   free_text=False),
        ], self)
        self.db_model.display_hook = self._db_display
        self.db_view = self._table(self.db_model, self.tr("Databases"))
        self.manage_profiles_button = QPushButton(self.tr("&Manage connections..."))
        self.manage_profiles_button.setAccessibleName(self.tr("Manage connection profiles"))
        db_box, self.add_db_button, self.remove_db_button = self._table_block(
            self.db_view, self.tr("Add database"), self.tr("Remove database"), "databases",
            self.manage_profiles_button)
        self._row(form, self.tr("&Databases:"), db_box, self.db_view)

        # Inputs
        self.inputs_model = RowsModel([
            Column("node", self.tr("Source node"), choices=self._source_choices,
                   tip=self.tr("The source node of the stream this table replaces")),
            Column("dbRef", self.tr("Database"), choices=self._db_refs),
            Column("table", self.tr("Table"), tip=self.tr("The table to read")),
        ], self)
        self.inputs_view = self._table(self.inputs_model, self.tr("Inputs"))
        inputs_box, self.add_input_button, self.remove_input_button = self._table_block(
            self.inputs_view, self.tr("Add input"), self.tr("Remove input"), "inputs")
        self._row(form, self.tr("&Inputs:"), inputs_box, self.inputs_view)

        # Exports
        self.exports_model = RowsModel([
            Column("node", self.tr("Terminal node"), choices=self._terminal_choices,
                   tip=self.tr("The terminal node of the stream this table replaces")),
            Column("dbRef", self.tr("Database"), choices=self._db_refs),
            Column("table", self.tr("Table"), tip=self.tr("The table to write")),
            Column("insertMode", self.tr("Insert mode"),
                   choices=lambda: [m.value for m in InsertMode], free_text=False,
                   tip=self.tr("Append: add rows to an existing table. Create: make a new "
                               "table (fails if it exists). Drop: replace the table. "
                               "Refresh: empty the table, then add rows.")),
        ], self)
        self.exports_view = self._table(self.exports_model, self.tr("Exports"))
        exports_box, self.add_export_button, self.remove_export_button = self._table_block(
            self.exports_view, self.tr("Add export"), self.tr("Remove export"), "exports")
        self._row(form, self.tr("E&xports:"), exports_box, self.exports_view)

        # Parameters
        self.params_model = RowsModel([
            Column("name", self.tr("Parameter"), choices=self._parameter_choices),
            Column("value", self.tr("Value")),
        ], self)
        self.params_view = self._table(self.params_model, self.tr("Parameter overrides"))
        params_box, self.add_param_button, self.remove_param_button = self._table_block(
            self.params_view, self.tr("Add parameter"), self.tr("Remove parameter"),
            "parameters")
        self._row(form, self.tr("&Parameter overrides:"), params_box, self.params_view)

        # Report format
        report_box = QVBoxLayout()
        self.report_combo = QComboBox()
        self.report_combo.setAccessibleName(self.tr("Report format"))
        self.report_combo.addItem(self.tr("(choose a format)"), "")
        for fmt in ReportFormat:
            self.report_combo.addItem(fmt.value, fmt.value)
        report_box.addWidget(self.report_combo)
        report_box.addWidget(self._error_label("report"))
        self._row(form, self.tr("Report &format:"), report_box, self.report_combo)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_page)
        self.tabs.addTab(scroll, self.tr("Form"))
        self.json_tab = JsonTab()
        self.tabs.addTab(self.json_tab, self.tr("JSON"))

        # Problems, warnings and buttons
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName(self.tr("What keeps the job from being submitted"))
        self.summary_label.setStyleSheet("color: #b00020;")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.summary_label)
        self._error_label("general")
        outer.addWidget(self.error_labels["general"])
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setAccessibleName(self.tr("Warnings about the stream"))
        self.warning_label.setStyleSheet("color: #8a5300;")
        self.warning_label.setVisible(False)
        outer.addWidget(self.warning_label)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(self.tr("Submit result"))
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.result_label)

        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New"))
        self.new_button.setAccessibleName(self.tr("New job"))
        self.import_button = QPushButton(self.tr("&Import..."))
        self.import_button.setAccessibleName(self.tr("Import a job definition"))
        self.export_button = QPushButton(self.tr("E&xport..."))
        self.export_button.setAccessibleName(self.tr("Export the job definition"))
        self.templates_button = QToolButton()
        self.templates_button.setText(self.tr("&Templates"))
        self.templates_button.setAccessibleName(self.tr("Templates"))
        self.templates_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.templates_menu = QMenu(self.templates_button)
        self.templates_button.setMenu(self.templates_menu)
        self.submit_button = QPushButton(self.tr("&Submit"))
        self.submit_button.setAccessibleName(self.tr("Submit the job"))
        self.submit_button.setDefault(True)
        for widget in (self.new_button, self.import_button, self.export_button,
                       self.templates_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        outer.addLayout(buttons)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.activated.connect(self.submit)

    @staticmethod
    def _row(form: QFormLayout, text: str, field: QWidget | QHBoxLayout | QVBoxLayout,
             buddy: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(buddy)
        form.addRow(label, field)

    def _connect(self) -> None:
        self.job_id_edit.textEdited.connect(self._on_id_edited)
        self.job_id_edit.textChanged.connect(self.revalidate)
        self.suggest_button.clicked.connect(self.suggest_id)
        self.action_combo.currentIndexChanged.connect(self._on_action)
        self.model_combo.currentTextChanged.connect(self._on_model)
        self.result_edit.textChanged.connect(self.revalidate)
        self.report_combo.currentIndexChanged.connect(self.revalidate)
        for model in (self.db_model, self.inputs_model, self.exports_model, self.params_model):
            model.dataChanged.connect(self.revalidate)
            model.rowsInserted.connect(self.revalidate)
            model.rowsRemoved.connect(self.revalidate)
            model.modelReset.connect(self.revalidate)
        self.params_model.dataChanged.connect(self._fill_parameter_default)
        self.add_db_button.clicked.connect(self.add_database)
        self.remove_db_button.clicked.connect(
            lambda: self._remove_selected(self.db_view, self.db_model))
        self.add_input_button.clicked.connect(self.add_input)
        self.remove_input_button.clicked.connect(
            lambda: self._remove_selected(self.inputs_view, self.inputs_model))
        self.add_export_button.clicked.connect(self.add_export)
        self.remove_export_button.clicked.connect(
            lambda: self._remove_selected(self.exports_view, self.exports_model))
        self.add_param_button.clicked.connect(self.add_parameter)
        self.remove_param_button.clicked.connect(
            lambda: self._remove_selected(self.params_view, self.params_model))
        self.manage_profiles_button.clicked.connect(self.open_profiles)
        self.new_button.clicked.connect(lambda: self.new_job())
        self.import_button.clicked.connect(self.choose_import)
        self.export_button.clicked.connect(self.choose_export)
        self.templates_menu.aboutToShow.connect(self._fill_templates_menu)
        self.submit_button.clicked.connect(self.submit)
        self.profiles.changed.connect(self._on_profiles_changed)
        self.profiles.renamed.connect(self._on_profile_renamed)
        self.ctx.streamsChanged.connect(self._refresh_streams)
        self.ctx.serverChanged.connect(self._on_server_changed)

    # ---- public API ----------------------------------------------------------------------

    def new_job(self, model_id: str | None = None) -> None:
        """An empty BATCH_SCORE form, on `model_id` when given (e.g. from the Streams panel)."""
        self.load_definition(
            JobDefinition(action=Action.BATCH_SCORE, model=ModelRef(id=model_id or "")))
        self.import_report.setVisible(False)

    def load_definition(self, definition: JobDefinition, job_id: str | None = None,
                        resubmit: bool = False) -> None:
        """Fills the form; passwords in `definition` are dropped, never shown or kept."""
        clean = definition.without_passwords()
        self._loading = True
        try:
            self._refresh_streams()
            self._set_combo_data(self.action_combo, clean.action.value)
            self.model_combo.setCurrentText(clean.model.id)
            self.result_edit.setText(clean.model.name or "")
            rows = []
            for ref, db in clean.dbDefinitions.items():
                # A definition fetched from the server shows its stored password as the
                # mask; sending the mask back on PUT keeps that password (contract note).
                extra: dict[str, Any] = {}
                if resubmit and definition.dbDefinitions[ref].password == MASK:
                    extra["server_password"] = True
                profile = self.profiles.find_matching(db)
                if profile is not None:
                    rows.append(Row({"dbRef": ref, "profile": profile.name}, extra))
                else:
                    rows.append(Row({"dbRef": ref, "profile": ""}, {"definition": db, **extra}))
            self.db_model.set_rows(rows)
            s = clean.setting
            self.inputs_model.set_rows([
                Row({"node": i.node, "dbRef": i.odbc.dbRef, "table": i.odbc.table},
                    _row_extra(i.to_wire(), ("node",), ("dbRef", "table")))
                for i in s.inputs])
            self.exports_model.set_rows([
                Row({"node": e.node, "dbRef": e.odbc.dbRef, "table": e.odbc.table,
                     "insertMode": e.odbc.insertMode.value},
                    _row_extra(e.to_wire(), ("node",), ("dbRef", "table", "insertMode")))
                for e in s.exports])
            self.params_model.set_rows([
                Row({"name": p.name, "value": _value_text(p.value)},
                    {"_raw_value": p.value} if not isinstance(p.value, str) else {})
                for p in s.parameterOverride])
            self._set_combo_data(self.report_combo,
                                 s.reportFormat.value if s.reportFormat else "")
            wire = clean.to_wire()
            self._base_extra = {k: v for k, v in wire.items()
                                if k not in ("action", "model", "dbDefinitions", "setting")}
            setting_extra = {k: v for k, v in wire.get("setting", {}).items()
                             if k not in ("inputs", "exports", "parameterOverride",
                                          "reportFormat")}
            model_extra = {k: v for k, v in wire.get("model", {}).items()
                           if k not in ("id", "name")}
            if setting_extra:
                self._base_extra["setting"] = setting_extra
            if model_extra:
                self._base_extra["model"] = model_extra
            self._resubmit_id = job_id if resubmit and job_id else None
            if job_id:
                self.job_id_edit.setText(job_id)
                self._id_touched = True
            else:
                self._id_touched = False
                self.job_id_edit.setText(self.suggested_id())
            self.result_label.clear()
        finally:
            self._loading = False
        self._on_action()
        self._on_model(self.model_combo.currentText())
        self.revalidate()

    # ---- small helpers -------------------------------------------------------------------

    @staticmethod
    def _set_combo_data(combo: QComboBox, data: str) -> None:
        index = combo.findData(data)
        combo.setCurrentIndex(max(index, 0))

    def _db_refs(self) -> list[str]:
        return [r.values["dbRef"] for r in self.db_model.rows if r.values.get("dbRef")]

    def _source_choices(self) -> list[str]:
        return list(self._stream_info.source_names) if self._stream_info else []

    def _terminal_choices(self) -> list[str]:
        return list(self._stream_info.terminal_names) if self._stream_info else []

    def _parameter_choices(self) -> list[str]:
        return [p.name for p in self._stream_info.parameters] if self._stream_info else []

    def _db_display(self, row: Row, key: str) -> str | None:
        if key != "profile" or row.values.get("profile"):
            return None
        db = row.extra.get("definition")
        if isinstance(db, DbDefinition):
            summary = DbProfile.from_definition("", db).summary()
            return self.tr("Not a profile: {0}").format(summary)
        return self.tr("(choose a profile)")

    def _remove_selected(self, view: QTableView, model: RowsModel) -> None:
        rows = sorted({i.row() for i in view.selectionModel().selectedIndexes()}, reverse=True)
        if not rows and model.rowCount() and view.currentIndex().isValid():
            rows = [view.currentIndex().row()]
        for row in rows:
            model.remove(row)

    def _on_server_changed(self) -> None:
        """Another server: its streams and jobs are not the ones the form was checked on."""
        self._stream_info, self._stream_for, self._stream_path = None, None, None
        self._describing = None
        self._resubmit_id = None
        self.revalidate()

    def _refresh_streams(self) -> None:
        current = self.model_combo.currentText()
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        self.model_combo.addItems(list(self.ctx.stream_ids))
        self.model_combo.setCurrentText(current)
        self.model_combo.blockSignals(False)
        if current and current in self.ctx.stream_ids and (
                self._stream_for != current or self._stream_path != self._cache_path(current)):
            # A new stream, or the same id replaced by an upload (its size or time changed).
            self._stream_for = None
            self._on_model(current)

    # ---- field reactions -----------------------------------------------------------------

    def _on_id_edited(self, text: str) -> None:
        self._id_touched = bool(text)

    def suggested_id(self) -> str:
        """<stream stem>-<action>-<yyyymmdd-hhmm>, valid under the id rules."""
        stem = Path(self.model_combo.currentText().strip()).stem or "job"
        stem = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|,\s]+', "-", stem).strip(".- ") or "job"
        action = self.action_combo.currentData() or "job"
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        return f"{stem[:80]}-{action}-{stamp}"

    def suggest_id(self) -> None:
        self.job_id_edit.setText(self.suggested_id())
        self._id_touched = False

    def _maybe_suggest(self) -> None:
        if not self._id_touched and not self._loading:
            self.job_id_edit.setText(self.suggested_id())

    def _on_action(self, *_: object) -> None:
        action = Action(self.action_combo.currentData())
        self.action_help.setText(self.action_help_text(action))
        evaluation = action is Action.EVALUATION
        self.report_combo.setEnabled(evaluation)
        self.report_combo.setToolTip(
            "" if evaluation else self.tr("Only EVALUATION jobs produce reports."))
        self._maybe_suggest()
        self.revalidate()

    def action_help_text(self, action: Action) -> str:
        if action is Action.TRAINING:
            return self.tr("Trains every model-building node; the results hold the stream "
                           "with the newly trained models.")
        if action is Action.EVALUATION:
            return self.tr("Runs the graphs, tables and analyses of the stream and returns "
                           "their documents in one .zip, in the report format you choose.")
        if action is Action.AUTO_REFRESH:
            return self.tr("Trains like TRAINING and, when that succeeds, replaces the stored "
                           "stream with the retrained one.")
        if action is Action.BATCH_SCORE:
            return self.tr("Reads the input tables, runs the stream's scoring branch and "
                           "writes the scores to the export tables.")
        return self.tr("Runs the stream's own script, as Modeler's Run button does; control "
                       "it with parameter overrides.")

    def _on_model(self, text: str) -> None:
        if self._loading:
            return
        self._maybe_suggest()
        text = text.strip()
        if text != self._stream_for:
            self._stream_info = None
            self._stream_for = None
        if text and text in self.ctx.stream_ids:
            self._start_describe(text)
        elif text:
            self.stream_label.setText(self.tr(
                "This stream is not in the Streams panel's list; check the id or upload it."))
        else:
            self.stream_label.clear()  # the field's own message says what to do
        self.revalidate()

    def _fill_parameter_default(self, top_left: Any, *_: object) -> None:
        if self._loading or self._stream_info is None:
            return
        if self.params_model.columns[top_left.column()].key != "name":
            return
        row = top_left.row()
        name = self.params_model.value(row, "name")
        for parameter in self._stream_info.parameters:
            if parameter.name == name and not self.params_model.value(row, "value"):
                if parameter.default is not None:
                    self.params_model.set_value(row, "value", _value_text(parameter.default))

    # ---- tables --------------------------------------------------------------------------

    def add_database(self) -> int:
        refs = set(self._db_refs())
        n = 1
        while f"db{n}" in refs:
            n += 1
        names = self.profiles.names()
        used = {r.values.get("profile") for r in self.db_model.rows}
        profile = next((p for p in names if p not in used), names[0] if names else "")
        row = self.db_model.append({"dbRef": f"db{n}", "profile": profile})
        self.db_view.setCurrentIndex(self.db_model.index(row, 1))
        return row

    def _default_ref(self) -> str:
        refs = self._db_refs()
        return refs[0] if refs else ""

    def add_input(self) -> int:
        sources = self._source_choices()
        used = {r.values.get("node") for r in self.inputs_model.rows}
        node = next((s for s in sources if s not in used), "")
        row = self.inputs_model.append({"node": node, "dbRef": self._default_ref()})
        self.inputs_view.setCurrentIndex(self.inputs_model.index(row, 0 if not node else 2))
        return row

    def add_export(self) -> int:
        terminals = self._terminal_choices()
        used = {r.values.get("node") for r in self.exports_model.rows}
        node = next((t for t in terminals if t not in used), "")
        row = self.exports_model.append({"node": node, "dbRef": self._default_ref(),
                                         "insertMode": InsertMode.APPEND.value})
        self.exports_view.setCurrentIndex(self.exports_model.index(row, 0 if not node else 2))
        return row

    def add_parameter(self) -> int:
        used = {r.values.get("name") for r in self.params_model.rows}
        name = next((p for p in self._parameter_choices() if p not in used), "")
        row = self.params_model.append({"name": name})
        if name:
            self._fill_parameter_default(self.params_model.index(row, 0))
        self.params_view.setCurrentIndex(self.params_model.index(row, 0))
        return row

    def open_profiles(self) -> None:
        from pmdesk.desktop.editor.profiles_dialog import ProfilesDialog

        dialog = ProfilesDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.active_dialog = dialog

    def _on_profiles_changed(self) -> None:
        self.db_model.refresh_display()
        self.revalidate()

    def _on_profile_renamed(self, old: str, new: str) -> None:
        for i, row in enumerate(self.db_model.rows):
            if row.values.get("profile") == old:
                self.db_model.set_value(i, "profile", new)

    # ---- building and validating ---------------------------------------------------------

    def _field_of(self, path: str) -> str:
        for prefix, key in (("model.name", "result"), ("model", "model"),
                            ("dbDefinitions", "databases"), ("setting.inputs", "inputs"),
                            ("setting.exports", "exports"),
                            ("setting.parameterOverride", "parameters"),
                            ("setting.reportFormat", "report"), ("reportFormat", "report"),
                            ("action", "action")):
            if path.startswith(prefix):
                return key
        return "general"

    def _db_definitions(self, problems: dict[str, list[str]]) -> dict[str, DbDefinition]:
        out: dict[str, DbDefinition] = {}
        for i, row in enumerate(self.db_model.rows, start=1):
            ref = row.values.get("dbRef", "").strip()
            name = row.values.get("profile", "")
            if not ref:
                problems["databases"].append(
                    self.tr("Row {0}: give the database a name (dbRef).").format(i))
                continue
            if ref in out:
                problems["databases"].append(
                    self.tr("Row {0}: the name {1} is used twice.").format(i, ref))
                continue
            profile = self.profiles.get(name) if name else None
            if profile is not None:
                out[ref] = profile.to_definition()
            elif isinstance(row.extra.get("definition"), DbDefinition):
                out[ref] = row.extra["definition"]
            elif name:
                problems["databases"].append(self.tr(
                    "Row {0}: the connection profile {1} no longer exists; choose another."
                ).format(i, name))
            else:
                problems["databases"].append(
                    self.tr("Row {0}: choose a connection profile for {1}.").format(i, ref))
        return out

    def _parameter_value(self, row: Row) -> Any:
        text = row.values.get("value", "")
        raw = row.extra.get("_raw_value")
        if raw is not None and _value_text(raw) == text:
            return raw
        default = None
        if self._stream_info is not None:
            for p in self._stream_info.parameters:
                if p.name == row.values.get("name"):
                    default = p.default
        try:
            if isinstance(default, bool):
                if text.strip().lower() in ("true", "false"):
                    return text.strip().lower() == "true"
            elif isinstance(default, int):
                return int(text)
            elif isinstance(default, float):
                return float(text)
        except ValueError:
            pass
        return text

    def build(self) -> tuple[JobDefinition | None, dict[str, list[str]]]:
        """The definition the form describes (no passwords) and the problems per field."""
        problems: dict[str, list[str]] = {key: [] for key in FIELDS}
        job_id = self.job_id_edit.text()
        if not job_id:
            problems["job_id"].append(self.tr("Give the job a name (or press Suggest)."))
        elif problem := id_problem(job_id, "job id"):
            problems["job_id"].append(problem)
        model_id = self.model_combo.currentText().strip()
        if not model_id:
            problems["model"].append(self.tr("Choose the stream the job runs."))
        action = Action(self.action_combo.currentData())
        dbs = self._db_definitions(problems)
        inputs = []
        for row in self.inputs_model.rows:
            v = row.values
            inputs.append(_merge({"odbc": {"dbRef": v.get("dbRef", "").strip(),
                                           "table": v.get("table", "").strip()},
                                  "node": v.get("node", "").strip(), "attributes": []},
                                 row.extra))
        exports = []
        for i, row in enumerate(self.exports_model.rows, start=1):
            v = row.values
            mode = v.get("insertMode", "")
            if mode not in {m.value for m in InsertMode}:
                problems["exports"].append(self.tr(
                    "Export {0}: choose an insert mode (Append, Create, Drop or Refresh)."
                ).format(i))
                mode = InsertMode.APPEND.value
            exports.append(_merge({"odbc": {"dbRef": v.get("dbRef", "").strip(),
                                            "table": v.get("table", "").strip(),
                                            "insertMode": mode},
                                   "node": v.get("node", "").strip(), "attributes": []},
                                  row.extra))
        params = []
        for i, row in enumerate(self.params_model.rows, start=1):
            name = row.values.get("name", "").strip()
            if not name:
                problems["parameters"].append(
                    self.tr("Row {0}: give the parameter's name.").format(i))
                continue
            params.append({"name": name, "value": self._parameter_value(row)})
        setting: dict[str, Any] = {"inputs": inputs, "exports": exports,
                                   "parameterOverride": params}
        report = self.report_combo.currentData()
        if action is Action.EVALUATION and report:
            setting["reportFormat"] = report
        model: dict[str, Any] = {"id": model_id}
        if self.result_edit.text().strip():
            model["name"] = self.result_edit.text().strip()
        data: dict[str, Any] = {
            "action": action.value,
            "model": _merge(model, self._base_extra.get("model", {})),
            "dbDefinitions": {k: v.to_wire() for k, v in dbs.items()},
            "setting": _merge(setting, self._base_extra.get("setting", {})),
        }
        data = _merge(data, {k: v for k, v in self._base_extra.items()
                             if k not in ("model", "setting")})
        try:
            definition = JobDefinition.parse(data)
        except DefinitionError as exc:
            problems["general"].append(str(exc))
            return None, problems
        if model_id:
            for problem in definition.problems():
                path, _, message = problem.partition(": ")
                key = self._field_of(path)
                problems[key].append(self._friendly(path, message, definition))
        return definition, problems

    def _friendly(self, path: str, message: str, definition: JobDefinition) -> str:
        """The model's problems in the editor's words (translatable), keyed by its paths."""
        m = re.fullmatch(r"setting\.(inputs|exports)\[(\d+)\]\.(node|odbc\.table|odbc\.dbRef)",
                         path)
        if m:
            kind, n, what = m.group(1), int(m.group(2)) + 1, m.group(3)
            if what == "node":
                if kind == "inputs":
                    return self.tr("Input {0}: choose the source node it replaces.").format(n)
                return self.tr("Export {0}: choose the terminal node it replaces.").format(n)
            if what == "odbc.table":
                if kind == "inputs":
                    return self.tr("Input {0}: give the table to read.").format(n)
                return self.tr("Export {0}: give the table to write.").format(n)
            rows = self.inputs_model.rows if kind == "inputs" else self.exports_model.rows
            ref = rows[n - 1].values.get("dbRef", "") if n - 1 < len(rows) else ""
            known = ", ".join(definition.dbDefinitions) or self.tr("none yet")
            if not ref:
                if kind == "inputs":
                    return self.tr("Input {0}: choose its database (defined: {1}).").format(
                        n, known)
                return self.tr("Export {0}: choose its database (defined: {1}).").format(
                    n, known)
            return self.tr("{0} is not one of the databases above (defined: {1}).").format(
                ref, known)
        if path == "setting.inputs":
            return self.tr("BATCH_SCORE needs at least one input: press Add input.")
        if path == "setting.exports":
            return self.tr("BATCH_SCORE needs at least one export: press Add export.")
        if path in ("setting.reportFormat", "reportFormat"):
            return self.tr("EVALUATION needs a report format.")
        return message

    def revalidate(self, *_: object) -> None:
        if self._loading:
            return
        definition, problems = self.build()
        self.current_definition = definition
        self.problems = {k: v for k, v in problems.items() if v}
        for key, label in self.error_labels.items():
            messages = problems.get(key, [])
            label.setText("\n".join(messages))
            label.setVisible(bool(messages))
        names = self._field_names()
        lines = [self.tr("{0}: {1}").format(names[key], message)
                 for key in FIELDS if key != "general" for message in problems[key]]
        if lines:
            self.summary_label.setText(self.tr("To submit, fix:") + "\n" + "\n".join(
                f"• {line}" for line in lines))
        else:
            self.summary_label.clear()
        self.summary_label.setVisible(bool(lines))
        if definition is not None:
            self.json_tab.show_definition(self._display_copy(definition))
        else:
            self.json_tab.show_definition(None, "\n".join(problems["general"]))
        self.stream_warnings = self._check_stream(definition) if definition else []
        self.warning_label.setText("\n".join(self.stream_warnings))
        self.warning_label.setVisible(bool(self.stream_warnings))
        job_id = self.job_id_edit.text()
        resubmit = self._resubmit_id is not None and job_id == self._resubmit_id
        self.submit_button.setText(self.tr("&Resubmit") if resubmit else self.tr("&Submit"))
        self.resubmit_note.setVisible(resubmit)
        if resubmit:
            self.resubmit_note.setText(self.tr(
                "Resubmitting replaces the job {0} and runs it again.").format(job_id))
        self.submit_button.setEnabled(not self.problems and definition is not None
                                      and not self._sending)
        self.export_button.setEnabled(definition is not None)

    def _field_names(self) -> dict[str, str]:
        return {
            "job_id": self.tr("Job id"), "action": self.tr("Action"),
            "model": self.tr("Stream"), "result": self.tr("Result name"),
            "databases": self.tr("Databases"), "inputs": self.tr("Inputs"),
            "exports": self.tr("Exports"), "parameters": self.tr("Parameter overrides"),
            "report": self.tr("Report format"), "general": self.tr("Job definition"),
        }

    @property
    def is_valid(self) -> bool:
        return self.current_definition is not None and not self.problems

    def _display_copy(self, definition: JobDefinition) -> JobDefinition:
        """What will be sent, masked: a mask wherever a password will be filled in."""
        copy = definition.model_copy(deep=True)
        for db in copy.dbDefinitions.values():
            if db.type not in PASSWORDLESS_TYPES:
                db.password = MASK
        return copy.masked()

    # ---- the stream ----------------------------------------------------------------------

    def _cache_path(self, file_id: str) -> Path:
        info = next((s for s in self.ctx.streams if s.id == file_id), None)
        stamp = f"{file_id}|{getattr(info, 'size', None)}|{getattr(info, 'uploaded', None)}"
        server = hashlib.sha256(str(self.ctx.server_url).encode()).hexdigest()[:16]
        key = hashlib.sha256(stamp.encode()).hexdigest()[:16]
        return stream_cache_dir() / server / key / file_id

    def _start_describe(self, file_id: str) -> None:
        if self._describing == file_id or self._stream_for == file_id:
            return
        try:
            import pmdesk.streams.describe  # noqa: F401
        except ImportError:
            self.stream_label.setText(self.tr("Stream details are not available in this "
                                              "version."))
            return
        info = next((s for s in self.ctx.streams if s.id == file_id), None)
        # Without a size or time from the server a cached copy may be stale: fetch again.
        fresh = info is None or (getattr(info, "size", None) is None
                                 and getattr(info, "uploaded", None) is None)
        dest = self._cache_path(file_id)
        self._describing = file_id
        self.stream_label.setText(self.tr("Reading the stream {0}...").format(file_id))
        self._run(_fetch_and_describe, self.ctx.client, file_id, dest, fresh, self._cancel,
                  on_done=lambda info: self._described(file_id, info, dest),
                  on_error=lambda exc: self._describe_failed(file_id, exc))

    def _described(self, file_id: str, info: Any, path: Path) -> None:
        if self._describing == file_id:
            self._describing = None
        if self.model_combo.currentText().strip() != file_id:
            return
        self._stream_info, self._stream_for, self._stream_path = info, file_id, path
        sources = ", ".join(info.source_names) or self.tr("none")
        terminals = ", ".join(info.terminal_names) or self.tr("none")
        if info.scoring_terminal:
            text = self.tr("Source nodes: {0}. Terminal nodes: {1}. Parameters: {2}. The "
                           "stream has a scoring branch.")
        else:
            text = self.tr("Source nodes: {0}. Terminal nodes: {1}. Parameters: {2}. The "
                           "stream has no scoring branch.")
        self.stream_label.setText(text.format(sources, terminals, len(info.parameters)))
        self.revalidate()

    def _describe_failed(self, file_id: str, exc: BaseException) -> None:
        if self._describing == file_id:
            self._describing = None
        if self.model_combo.currentText().strip() != file_id:
            return
        self.stream_label.setText(self.tr(
            "Could not read the stream, so its node names are not offered: {0}").format(
            _describe_error(exc)))

    def _check_stream(self, definition: JobDefinition) -> list[str]:
        if self._stream_info is None or self._stream_for != definition.model.id:
            return []
        try:
            from pmdesk.streams.validate import check_definition
        except ImportError:
            return []
        try:
            return list(check_definition(self._stream_info, definition))
        except Exception as exc:  # a reader bug must not break the form
            log.warning("checking the definition against the stream failed: %r", exc)
            return []

    # ---- workers -------------------------------------------------------------------------

    def _run(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> None:
        # Handlers given via _connect, so superqt does not also re-raise errors in the GUI.
        worker = create_worker(fn, *args, _start_thread=False,
                               _connect={"returned": on_done, "errored": on_error})
        worker.finished.connect(lambda *_: self._workers.discard(worker))
        self._workers.add(worker)
        worker.start()

    @property
    def busy(self) -> bool:
        """True while a submit or a stream download is running."""
        return bool(self._workers)

    # ---- questions (non-blocking: the window stays usable) -------------------------------

    def _ask(self, title: str, text: str, on_yes: Callable[[], None],
             on_no: Callable[[], None] | None = None, yes_text: str | None = None) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setAccessibleName(title)
        if yes_text:
            box.button(QMessageBox.StandardButton.Yes).setText(yes_text)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done(_: int) -> None:
            yes = box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes
            if self.active_dialog is box:
                self.active_dialog = None
            if yes:
                on_yes()
            elif on_no is not None:
                on_no()

        box.finished.connect(done)
        self.active_dialog = box
        box.open()

    def _tell(self, title: str, text: str, warning: bool = False) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
                          title, text, QMessageBox.StandardButton.Ok, self)
        box.setAccessibleName(title)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _: self._dialog_closed(box))
        self.active_dialog = box
        box.open()

    def _dialog_closed(self, box: QWidget) -> None:
        if self.active_dialog is box:
            self.active_dialog = None

    # ---- submit --------------------------------------------------------------------------

    def submit(self) -> None:
        """POST (or PUT when resubmitting), after the questions it needs; never blocks."""
        self.revalidate()
        definition = self.current_definition
        if definition is None or self.problems or self._sending or self._flow is not None:
            return
        job_id = self.job_id_edit.text()
        self._flow = _Flow(job_id, definition, put=job_id == self._resubmit_id)
        self.result_label.clear()
        if self.stream_warnings:
            self._ask(self.tr("Check the stream"), self.tr(
                "The job does not match its stream:\n\n{0}\n\nSubmit it anyway?").format(
                "\n".join(self.stream_warnings)),
                on_yes=self._collect_passwords, on_no=self._end_flow,
                yes_text=self.tr("Submit anyway"))
        else:
            self._collect_passwords()

    def _end_flow(self) -> None:
        if self._flow is not None:
            self._flow.passwords.clear()
        self._flow = None
        self._sending = False
        self.revalidate()

    def _password_needs(self) -> list[tuple[str, str, str]]:
        """(dbRef, label, source) of every connection whose password is not at hand."""
        assert self._flow is not None
        needs = []
        rows = {r.values.get("dbRef", "").strip(): r for r in self.db_model.rows}
        for ref, db in self._flow.definition.dbDefinitions.items():
            if db.type in PASSWORDLESS_TYPES:
                continue
            row = rows.get(ref)
            name = row.values.get("profile", "") if row else ""
            keeps = (self._flow.put and row is not None and row.extra.get("server_password")
                     and self._flow.job_id == self._resubmit_id)
            if name and self.profiles.password(name) is None and keeps:
                self._flow.passwords[ref] = MASK  # the server keeps the one it has
            elif name:
                secret = self.profiles.password(name)
                if secret is None:
                    needs.append((ref, self.tr("{0} (profile {1})").format(ref, name),
                                  "profile:" + name))
                else:
                    self._flow.passwords[ref] = secret
            else:
                key = _fingerprint(db)
                if keeps:
                    self._flow.passwords[ref] = MASK
                elif key in self._session_passwords:
                    self._flow.passwords[ref] = self._session_passwords[key]
                else:
                    summary = DbProfile.from_definition("", db).summary()
                    needs.append((ref, self.tr("{0} ({1})").format(ref, summary),
                                  "session:" + key))
        return needs

    def _collect_passwords(self) -> None:
        if self._flow is None:
            return
        needs = self._password_needs()
        if not needs:
            self._confirm_and_send()
            return
        notice = None
        if not self.profiles.secrets.available and not self.profiles.told_no_keyring:
            notice = self.tr(
                "No system keyring is available on this computer, so PMDesk cannot save "
                "database passwords. What you type here is kept in memory until PMDesk "
                "closes.")
            self.profiles.told_no_keyring = True
        prompt = PasswordPrompt([(ref, label) for ref, label, _ in needs], notice, self)
        prompt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sources = {ref: source for ref, _, source in needs}

        def finished(result: int) -> None:
            self._dialog_closed(prompt)
            if result != int(PasswordPrompt.DialogCode.Accepted) or self._flow is None:
                prompt.clear()
                self._end_flow()
                return
            for ref, secret in prompt.passwords().items():
                source = sources[ref]
                if source.startswith("profile:"):
                    self.profiles.remember_for_session(source.removeprefix("profile:"), secret)
                else:
                    self._session_passwords[source.removeprefix("session:")] = secret
                self._flow.passwords[ref] = secret
            prompt.clear()
            self._confirm_and_send()

        prompt.finished.connect(finished)
        self.active_dialog = prompt
        prompt.open()

    def _confirm_and_send(self) -> None:
        flow = self._flow
        if flow is None:
            return
        if flow.put:
            self._ask(self.tr("Resubmit job"), self.tr(
                "Resubmit the job {0}? Its definition is replaced by this one and it runs "
                "again; results of its earlier run are discarded.").format(flow.job_id),
                on_yes=self._send, on_no=self._end_flow, yes_text=self.tr("Resubmit"))
        else:
            self._send()

    def _send(self) -> None:
        flow = self._flow
        if flow is None:
            return
        to_send = flow.definition.model_copy(deep=True)
        for ref, db in to_send.dbDefinitions.items():
            secret = flow.passwords.get(ref)
            db.password = secret or None
        self._sending = True
        self.submit_button.setEnabled(False)
        self.result_label.setText(
            self.tr("Resubmitting {0}...").format(flow.job_id) if flow.put
            else self.tr("Submitting {0}...").format(flow.job_id))
        try:
            factory = self.ctx.client
            if not self.ctx.has_server:
                raise _no_server()
        except Exception as exc:
            self._send_failed(exc)
            return
        self._run(_send_job, factory, flow.job_id, to_send, flow.put,
                  on_done=self._sent, on_error=self._send_failed)
        del to_send

    def _sent(self, answer: tuple[bool, bool]) -> None:
        flow = self._flow
        if flow is None:
            return
        was_put, created = answer
        job_id = flow.job_id
        if was_put and not created:
            text = self.tr("Job {0} was resubmitted and is queued to run again.").format(job_id)
        else:
            text = self.tr("Job {0} was submitted and is queued to run.").format(job_id)
        self.result_label.setStyleSheet("color: #1b5e20;")
        self.result_label.setText(text)
        self._end_flow()
        self.submitted.emit(job_id)
        self.ctx.jobSubmitted.emit(job_id)
        self.ctx.statusMessage.emit(text)
        self.revalidate()

    def _send_failed(self, exc: BaseException) -> None:
        flow = self._flow
        if flow is None:
            return
        if type(exc).__name__ == "ConflictError" and not flow.put:
            self._sending = False
            self.result_label.clear()
            flow.put = True
            self._ask(self.tr("Job id in use"), self.tr(
                "A job called {0} already exists on the server. Resubmit it with this "
                "definition? It is replaced and runs again; results of its earlier run are "
                "discarded.").format(flow.job_id),
                on_yes=self._send, on_no=self._end_flow, yes_text=self.tr("Resubmit"))
            return
        self.result_label.setStyleSheet("color: #b00020;")
        self.result_label.setText(self.tr("The job was not submitted: {0}").format(
            _describe_error(exc)))
        self._end_flow()

    # ---- import, export, templates -------------------------------------------------------

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import job definition"), "",
            self.tr("Job definitions (*.json *.txt);;All files (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        try:
            raw = path.read_bytes()
            if len(raw) > 10_000_000:
                raise ValueError(self.tr("the file is larger than 10 MB"))
            text = raw.decode("utf-8-sig")
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            if isinstance(exc, UnicodeDecodeError):
                detail = self.tr("it is not UTF-8 text")
            self._tell(self.tr("Import"), self.tr("Cannot read {0}: {1}").format(
                path.name, detail), warning=True)
            return False
        return self.import_text(text, path.name)

    def import_text(self, text: str, source: str = "") -> bool:
        """Reads a definition typed, pasted or from a file; repairs are listed for the user."""
        try:
            value, repairs = parse_lenient(text)
            definition = JobDefinition.parse(value)
        except LenientJSONError as exc:
            self._tell(self.tr("Import"), self.tr(
                "{0} is not a job definition PMDesk can read: line {1}, column {2}: {3}"
            ).format(source or self.tr("The text"), exc.line, exc.column, exc.reason),
                warning=True)
            return False
        except DefinitionError as exc:
            self._tell(self.tr("Import"), self.tr(
                "{0} is JSON but not a valid job definition: {1}").format(
                source or self.tr("The text"), str(exc)), warning=True)
            return False
        unknown: list[tuple[str, DbDefinition]] = [
            (ref, db) for ref, db in definition.dbDefinitions.items()
            if self.profiles.find_matching(db) is None]
        self.load_definition(definition)
        lines = [self.tr("Imported {0}.").format(source) if source else self.tr("Imported.")]
        if repairs:
            lines.append(self.tr("The file was not valid JSON; PMDesk repaired it:"))
            lines += [f"• {self.repair_text(r)}" for r in repairs]
        linked = [ref for ref in definition.dbDefinitions if ref not in dict(unknown)]
        if linked:
            lines.append(self.tr("Databases linked to your connection profiles: {0}.").format(
                ", ".join(linked)))
        if any(db.password for db in definition.dbDefinitions.values()):
            lines.append(self.tr("Passwords in the file are not kept in the form."))
        self.import_report.setText("\n".join(lines))
        self.import_report.setVisible(True)
        self.import_repairs = repairs
        if unknown:
            listing = "\n".join(
                f"• {ref}: {DbProfile.from_definition('', db).summary()}" for ref, db in unknown)
            if self.profiles.secrets.available:
                text = self.tr(
                    "These databases match none of your connection profiles:\n{0}\n\nCreate "
                    "a profile for each (passwords in the file go to the system keyring)?")
            else:
                text = self.tr(
                    "These databases match none of your connection profiles:\n{0}\n\nCreate "
                    "a profile for each (passwords in the file are kept in memory until "
                    "PMDesk closes: there is no system keyring)?")
            self._ask(self.tr("New database connections"), text.format(listing),
                on_yes=lambda: self.create_profiles(unknown),
                yes_text=self.tr("Create profiles"))
        return True

    def repair_text(self, repair: str) -> str:
        """parse_lenient's repair notes (Qt-free English) in the interface language."""
        m = re.fullmatch(r"line (\d+): (.*)", repair)
        if not m:
            return repair
        line, what = m.group(1), m.group(2)
        if what == "inserted a missing comma":
            return self.tr("line {0}: inserted a missing comma").format(line)
        if what == "removed trailing comma":
            return self.tr("line {0}: removed trailing comma").format(line)
        if what == "replaced curly quotes with straight quotes":
            return self.tr("line {0}: replaced curly quotes with straight quotes").format(line)
        if what == "replaced single quotes with double quotes":
            return self.tr("line {0}: replaced single quotes with double quotes").format(line)
        sep = re.fullmatch(r"'(.)' after a key replaced by ':'", what)
        if sep:
            return self.tr("line {0}: '{1}' after a key replaced by ':'").format(
                line, sep.group(1))
        sep = re.fullmatch(r"'(.)' between items replaced by ','", what)
        if sep:
            return self.tr("line {0}: '{1}' between items replaced by ','").format(
                line, sep.group(1))
        return repair

    def create_profiles(self, unknown: list[tuple[str, DbDefinition]]) -> None:
        """Profiles for imported connections, linked into the form's databases table."""
        for ref, db in unknown:
            profile = DbProfile.from_definition(self.profiles.unique_name(ref), db)
            self.profiles.save(profile, password=db.password or None)
            for i, row in enumerate(self.db_model.rows):
                if row.values.get("dbRef") == ref and not row.values.get("profile"):
                    row.extra.pop("definition", None)
                    self.db_model.set_value(i, "profile", profile.name)
        self.revalidate()

    def choose_export(self) -> None:
        stem = self.job_id_edit.text() or "job"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export job definition"), f"{stem}.json",
            self.tr("Job definitions (*.json)"))
        if path:
            self.export_file(Path(path))

    def export_file(self, path: Path) -> bool:
        """Writes the definition as valid JSON, with no password in it."""
        definition = self.current_definition
        if definition is None:
            return False
        text = json.dumps(definition.without_passwords().to_wire(), indent=2,
                          ensure_ascii=False)
        try:
            path.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            self._tell(self.tr("Export"), self.tr("Cannot write {0}: {1}").format(
                path, exc.strerror or exc), warning=True)
            return False
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("Exported to {0} (without passwords).").format(path))
        return True

    def _fill_templates_menu(self) -> None:
        menu = self.templates_menu
        menu.clear()
        names = self.templates.names()
        for name in names:
            menu.addAction(name, partial(self.apply_template, name))
        samples = sample_templates(self.ctx.samples_dir)
        if samples:
            if names:
                menu.addSeparator()
            for label, definition in samples:
                menu.addAction(label, partial(self.load_definition, definition))
        if names or samples:
            menu.addSeparator()
        save = menu.addAction(self.tr("Save as template..."), self.choose_template_name)
        save.setEnabled(self.current_definition is not None)
        if names:
            delete = menu.addMenu(self.tr("Delete template"))
            for name in names:
                delete.addAction(name, partial(self.templates.delete, name))

    def template_choices(self) -> list[str]:
        """Everything the Templates menu offers to load (saved first, then samples)."""
        return self.templates.names() + [label for label, _ in
                                         sample_templates(self.ctx.samples_dir)]

    def apply_template(self, name: str) -> bool:
        definition = self.templates.get(name)
        if definition is None:
            for label, sample in sample_templates(self.ctx.samples_dir):
                if label == name:
                    definition = sample
        if definition is None:
            return False
        self.load_definition(definition)
        return True

    def choose_template_name(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save as template"),
                                        self.tr("Template name:"))
        if ok and name.strip():
            self.save_template(name.strip())

    def save_template(self, name: str) -> bool:
        if self.current_definition is None:
            return False
        self.templates.save(name, self.current_definition)
        return True

    # ---- teardown ------------------------------------------------------------------------

    def shutdown(self, timeout_ms: int = 15000) -> None:
        """Waits for running workers (the window calls this on close)."""
        from superqt.utils import WorkerBase

        self._cancel.set()
        for worker in list(self._workers):
            worker.quit()
        WorkerBase.await_workers(timeout_ms)


def _no_server() -> Exception:
    try:
        from pmdesk.desktop.context import NoServerError
    except ImportError:
        return RuntimeError("no server is connected yet")
    return NoServerError("no server is connected yet")


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """base wins; extra supplies the keys PMDesk does not edit (nested dicts merged)."""
    out = {k: v for k, v in extra.items() if not k.startswith("_")}
    for key, value in base.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(value, out[key])
        else:
            out[key] = value
    return out


def _row_extra(wire: dict[str, Any], top: tuple[str, ...], odbc: tuple[str, ...]
               ) -> dict[str, Any]:
    extra = {k: v for k, v in wire.items() if k not in (*top, "odbc")}
    if extra.get("attributes") == []:
        extra.pop("attributes")
    odbc_extra = {k: v for k, v in wire.get("odbc", {}).items() if k not in odbc}
    if odbc_extra:
        extra["odbc"] = odbc_extra
    return extra


def _value_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _fingerprint(db: DbDefinition) -> str:
    data = {k: v for k, v in db.to_wire().items() if k != "password"}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:24]
