"""The job editor's form: the widgets for every field, and nothing that talks to a server.

It shows `FormValues` and reads them back, offers the chosen stream's node names in its
tables, and words problems (data from `definition.py`) beside their fields.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPaintEvent, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.api.models import Action, DbDefinition, InsertMode, ReportFormat
from pmdesk.desktop.editor.definition import (
    FIELDS,
    FormProblem,
    FormValues,
    Row,
    scoring_branch,
    value_text,
)
from pmdesk.desktop.editor.json_tab import JsonTab
from pmdesk.desktop.editor.profiles import DbProfile, DbProfileStore
from pmdesk.desktop.editor.table_choices import TableChoices
from pmdesk.desktop.editor.tables import ChoiceDelegate, Column, RowsModel
from pmdesk.desktop.workers import TaskRunner
from pmdesk.streams.info import StreamInfo

ERROR_STYLE = "color: #b00020;"
ERROR_COLOR = "#b00020"
MESSAGE_LINES = 6  # the height of the message area under the form, in lines


def _label(name: str = "", selectable: bool = False) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    if name:
        label.setAccessibleName(name)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class MessageLine(QLabel):
    """A field's message, one line whose space is kept while it is hidden, so the fields
    below never move when it appears or changes (issue 14.14). Several messages are joined
    on the line and a long one is elided; the tooltip, the accessible text and the summary
    under the form have them whole."""

    def __init__(self, color: str = ERROR_COLOR) -> None:
        super().__init__()
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)  # never widens the form
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)
        self.setFixedHeight(self.fontMetrics().lineSpacing() + 2)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
        self.setPalette(palette)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def shown_text(self) -> str:
        """What fits on the line: the messages joined, elided to the width."""
        joined = "  •  ".join(line for line in self.text().splitlines() if line.strip())
        return self.fontMetrics().elidedText(joined, Qt.TextElideMode.ElideRight,
                                             self.contentsRect().width())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.contentsRect(),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         self.shown_text())
        painter.end()


def _reserve_lines(label: QLabel, lines: int) -> None:
    """Keeps room for `lines` lines of a label whose text arrives later, so its arrival does
    not push the fields below it down (longer text still grows it)."""
    label.setMinimumHeight(label.fontMetrics().lineSpacing() * lines)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


class JobForm(QWidget):
    """Every field of a job definition; `changed` fires on any edit."""

    changed = Signal()
    submitRequested = Signal()

    def __init__(self, profiles: DbProfileStore, parent: QWidget | None = None,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.profiles = profiles
        # the Table cells offer the tables of their row's database, listed in a Task
        self.table_choices = TableChoices(profiles, runner or TaskRunner(self), self)
        self.stream_info: StreamInfo | None = None  # offers node and parameter names
        self.error_labels: dict[str, QLabel] = {}
        self._build()
        for model in (self.db_model, self.inputs_model, self.exports_model, self.params_model):
            model.dataChanged.connect(self.changed)
            model.rowsInserted.connect(self.changed)
            model.rowsRemoved.connect(self.changed)
            model.modelReset.connect(self.changed)
        self.result_edit.textChanged.connect(self.changed)
        self.report_combo.currentIndexChanged.connect(self.changed)
        self.add_db_button.clicked.connect(self.add_database)
        self.add_input_button.clicked.connect(self.add_input)
        self.add_export_button.clicked.connect(self.add_export)
        self.add_param_button.clicked.connect(self.add_parameter)
        for button, view, model in (
                (self.remove_db_button, self.db_view, self.db_model),
                (self.remove_input_button, self.inputs_view, self.inputs_model),
                (self.remove_export_button, self.exports_view, self.exports_model),
                (self.remove_param_button, self.params_view, self.params_model)):
            button.clicked.connect(
                lambda _=False, v=view, m=model: self._remove_selected(v, m))
        self.params_model.dataChanged.connect(self._fill_parameter_default)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.submitRequested)
        self.submit_button.clicked.connect(self.submitRequested)

    # ---- construction --------------------------------------------------------------------

    def _error_label(self, key: str, one_line: bool = True) -> QLabel:
        """A field's message (one reserved line), or a wrapped one in the message area."""
        label: QLabel = MessageLine() if one_line else _label(selectable=True)
        if not one_line:
            label.setStyleSheet(ERROR_STYLE)
        label.setObjectName(f"problem_{key}")
        label.setVisible(False)
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
        # their own height, not the page's leftovers: a message area that grows or shrinks
        # must not resize (and so move) the fields
        view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
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
        for widget in (add, remove, *extra):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self._error_label(key))
        return box, add, remove

    @staticmethod
    def _row(form: QFormLayout, text: str, parts: list[QWidget | QHBoxLayout],
             buddy: QWidget) -> None:
        box = QVBoxLayout()
        for part in parts:
            if isinstance(part, QHBoxLayout):
                box.addLayout(part)
            else:
                box.addWidget(part)
        label = QLabel(text)
        label.setBuddy(buddy)
        form.addRow(label, box)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.import_report = _label(self.tr("Import report"), selectable=True)
        self.import_report.setVisible(False)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Job editor views"))
        outer.addWidget(self.tabs, 1)
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._build_head(form)
        self._build_tables(form)
        self.report_combo = QComboBox()
        self.report_combo.setAccessibleName(self.tr("Report format"))
        self.report_combo.addItem(self.tr("(choose a format)"), "")
        for fmt in ReportFormat:
            self.report_combo.addItem(fmt.value, fmt.value)
        self._row(form, self.tr("Report &format:"),
                  [self.report_combo, self._error_label("report")], self.report_combo)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, self.tr("Form"))
        self.json_tab = JsonTab()
        self.tabs.addTab(self.json_tab, self.tr("JSON"))
        self._build_foot(outer)

    def _build_head(self, form: QFormLayout) -> None:
        id_row = QHBoxLayout()
        self.job_id_edit = QLineEdit()
        self.job_id_edit.setAccessibleName(self.tr("Job id"))
        self.job_id_edit.setPlaceholderText(self.tr("a name for this job, e.g. drug-scores"))
        self.suggest_button = QToolButton()
        self.suggest_button.setText(self.tr("Suggest"))
        self.suggest_button.setAccessibleName(self.tr("Suggest a job id"))
        id_row.addWidget(self.job_id_edit, 1)
        id_row.addWidget(self.suggest_button)
        self.resubmit_note = MessageLine(color="#5f6368")
        self.resubmit_note.setAccessibleName(self.tr("Resubmit note"))
        self.resubmit_note.setVisible(False)
        self._row(form, self.tr("&Job id:"),
                  [id_row, self._error_label("job_id"), self.resubmit_note], self.job_id_edit)

        self.action_combo = QComboBox()
        self.action_combo.setAccessibleName(self.tr("Action"))
        for action in Action:
            self.action_combo.addItem(action.value, action.value)
        self.action_help = _label(self.tr("What the action does"))
        _reserve_lines(self.action_help, 2)
        self._row(form, self.tr("&Action:"),
                  [self.action_combo, self.action_help, self._error_label("action")],
                  self.action_combo)

        self.model_combo = QComboBox()
        self.model_combo.setEditable(True)
        self.model_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model_combo.setAccessibleName(self.tr("Stream"))
        line = self.model_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("the id of an uploaded stream"))
        self.stream_label = _label(self.tr("Stream details"))
        _reserve_lines(self.stream_label, 2)  # the description comes from a Task
        self._row(form, self.tr("&Stream:"),
                  [self.model_combo, self._error_label("model"), self.stream_label],
                  self.model_combo)

        self.result_edit = QLineEdit()
        self.result_edit.setAccessibleName(self.tr("Result name"))
        self.result_edit.setPlaceholderText(self.tr(
            "optional: file name of the trained stream, e.g. stream1.str"))
        self._row(form, self.tr("&Result name:"),
                  [self.result_edit, self._error_label("result")], self.result_edit)

    def _build_tables(self, form: QFormLayout) -> None:
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
        self._row(form, self.tr("&Databases:"), [db_box], self.db_view)

        self.inputs_model = RowsModel([
            Column("node", self.tr("Source node"), choices=self.source_choices,
                   tip=self.tr("The source node of the stream this table replaces")),
            Column("dbRef", self.tr("Database"), choices=self.db_refs),
            Column("table", self.tr("Table"), tip=self.tr("The table to read"),
                   fill=lambda row, combo: self._offer_tables(self.inputs_model, row, combo)),
        ], self)
        self.inputs_view = self._table(self.inputs_model, self.tr("Inputs"))
        inputs_box, self.add_input_button, self.remove_input_button = self._table_block(
            self.inputs_view, self.tr("Add input"), self.tr("Remove input"), "inputs")
        self._row(form, self.tr("&Inputs:"), [inputs_box], self.inputs_view)

        self.exports_model = RowsModel([
            Column("node", self.tr("Terminal node"), choices=self.terminal_choices,
                   tip=self.tr("The terminal node of the stream this table replaces")),
            Column("dbRef", self.tr("Database"), choices=self.db_refs),
            Column("table", self.tr("Table"), tip=self.tr("The table to write"),
                   fill=lambda row, combo: self._offer_tables(self.exports_model, row, combo)),
            Column("insertMode", self.tr("Insert mode"),
                   choices=lambda: [m.value for m in InsertMode], free_text=False,
                   tip=self.tr("Append: add rows to an existing table. Create: make a new "
                               "table (fails if it exists). Drop: replace the table. "
                               "Refresh: empty the table, then add rows.")),
        ], self)
        self.exports_view = self._table(self.exports_model, self.tr("Exports"))
        exports_box, self.add_export_button, self.remove_export_button = self._table_block(
            self.exports_view, self.tr("Add export"), self.tr("Remove export"), "exports")
        self.modes_help = _label(self.tr("Insert modes"))
        self.modes_help.setText(self.tr(
            "Append: add rows to an existing table. Create: make a new table (fails if it "
            "exists). Drop: replace the table. Refresh: empty the table, then add rows.")
            + " " + self.tr("Submit checks each table first and says which mode fits."))
        self.modes_help.setStyleSheet("color: palette(mid);")
        self._row(form, self.tr("E&xports:"), [exports_box, self.modes_help], self.exports_view)

        self.params_model = RowsModel([
            Column("name", self.tr("Parameter"), choices=self.parameter_choices),
            Column("value", self.tr("Value")),
        ], self)
        self.params_view = self._table(self.params_model, self.tr("Parameter overrides"))
        params_box, self.add_param_button, self.remove_param_button = self._table_block(
            self.params_view, self.tr("Add parameter"), self.tr("Remove parameter"),
            "parameters")
        self._row(form, self.tr("&Parameter overrides:"), [params_box], self.params_view)

    def _build_foot(self, outer: QVBoxLayout) -> None:
        """The message area: a fixed height that scrolls, so messages coming and going
        never resize the form above it."""
        box = QWidget()
        messages = QVBoxLayout(box)
        messages.setContentsMargins(4, 2, 4, 2)
        self.result_label = _label(self.tr("Submit result"), selectable=True)
        messages.addWidget(self.result_label)
        self.summary_label = _label(self.tr("What keeps the job from being submitted"),
                                    selectable=True)
        self.summary_label.setStyleSheet(ERROR_STYLE)
        messages.addWidget(self.summary_label)
        messages.addWidget(self._error_label("general", one_line=False))
        self.warning_label = _label(self.tr("Warnings about the stream"))
        self.warning_label.setStyleSheet("color: #8a5300;")
        self.warning_label.setVisible(False)
        messages.addWidget(self.warning_label)
        messages.addWidget(self.import_report)
        messages.addStretch(1)
        self.message_area = QScrollArea()
        self.message_area.setWidgetResizable(True)
        self.message_area.setFrameShape(QFrame.Shape.NoFrame)
        self.message_area.setWidget(box)
        self.message_area.setAccessibleName(self.tr("Messages"))
        self.message_area.setFixedHeight(
            self.fontMetrics().lineSpacing() * MESSAGE_LINES + 8)
        outer.addWidget(self.message_area)

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

    # ---- values in and out ---------------------------------------------------------------

    def values(self, base_extra: dict[str, Any] | None = None) -> FormValues:
        return FormValues(
            job_id=self.job_id_edit.text(), action=Action(self.action_combo.currentData()),
            model_id=self.model_combo.currentText(), result_name=self.result_edit.text(),
            databases=self.db_model.rows, inputs=self.inputs_model.rows,
            exports=self.exports_model.rows, params=self.params_model.rows,
            report=self.report_combo.currentData() or "", base_extra=base_extra or {})

    def set_values(self, values: FormValues) -> None:
        """Fills every field but the job id (the editor decides it)."""
        _set_combo_data(self.action_combo, values.action.value)
        self.model_combo.setCurrentText(values.model_id)
        self.result_edit.setText(values.result_name)
        self.db_model.set_rows(values.databases)
        self.inputs_model.set_rows(values.inputs)
        self.exports_model.set_rows(values.exports)
        self.params_model.set_rows(values.params)
        _set_combo_data(self.report_combo, values.report)

    def set_stream_ids(self, ids: list[str]) -> None:
        current = self.model_combo.currentText()
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        self.model_combo.addItems(ids)
        self.model_combo.setCurrentText(current)
        self.model_combo.blockSignals(False)

    # ---- choices the tables offer --------------------------------------------------------

    def db_refs(self) -> list[str]:
        return [r.values["dbRef"] for r in self.db_model.rows if r.values.get("dbRef")]

    def source_choices(self) -> list[str]:
        return list(self.stream_info.source_names) if self.stream_info else []

    def terminal_choices(self) -> list[str]:
        return list(self.stream_info.terminal_names) if self.stream_info else []

    def parameter_choices(self) -> list[str]:
        return [p.name for p in self.stream_info.parameters] if self.stream_info else []

    def parameter_defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.stream_info.parameters} \
            if self.stream_info else {}

    def _offer_tables(self, model: RowsModel, row: int, combo: QComboBox) -> None:
        """The Table cell's combo gets the tables of the database its row names."""
        ref = model.value(row, "dbRef")
        db_row = next((r for r in self.db_model.rows if ref and r.values.get("dbRef") == ref),
                      None)
        if db_row is None:
            return
        definition = db_row.extra.get("definition")
        self.table_choices.offer(
            combo, db_row.values.get("profile") or None,
            definition if isinstance(definition, DbDefinition) else None)

    def _db_display(self, row: Row, key: str) -> str | None:
        if key != "profile" or row.values.get("profile"):
            return None
        db = row.extra.get("definition")
        if isinstance(db, DbDefinition):
            summary = DbProfile.from_definition("", db).summary()
            return self.tr("Not a profile: {0}").format(summary)
        return self.tr("(choose a profile)")

    # ---- rows ----------------------------------------------------------------------------

    def _remove_selected(self, view: QTableView, model: RowsModel) -> None:
        rows = sorted({i.row() for i in view.selectionModel().selectedIndexes()}, reverse=True)
        if not rows and model.rowCount() and view.currentIndex().isValid():
            rows = [view.currentIndex().row()]
        for row in rows:
            model.remove(row)

    def add_database(self) -> int:
        refs = set(self.db_refs())
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
        refs = self.db_refs()
        return refs[0] if refs else ""

    def _preferred(self, choices: list[str], branch: list[str]) -> list[str]:
        """For BATCH_SCORE the scoring branch's nodes come first."""
        if Action(self.action_combo.currentData()) is not Action.BATCH_SCORE:
            return choices
        return [c for c in branch if c in choices] + [c for c in choices if c not in branch]

    def add_input(self) -> int:
        used = {r.values.get("node") for r in self.inputs_model.rows}
        branch = scoring_branch(self.stream_info)[0] if self.stream_info else []
        node = next((s for s in self._preferred(self.source_choices(), branch)
                     if s not in used), "")
        row = self.inputs_model.append({"node": node, "dbRef": self._default_ref()})
        self.inputs_view.setCurrentIndex(self.inputs_model.index(row, 0 if not node else 2))
        return row

    def add_export(self) -> int:
        used = {r.values.get("node") for r in self.exports_model.rows}
        branch = scoring_branch(self.stream_info)[1] if self.stream_info else []
        node = next((t for t in self._preferred(self.terminal_choices(), branch)
                     if t not in used), "")
        row = self.exports_model.append({"node": node, "dbRef": self._default_ref(),
                                         "insertMode": InsertMode.APPEND.value})
        self.exports_view.setCurrentIndex(self.exports_model.index(row, 0 if not node else 2))
        return row

    def add_parameter(self) -> int:
        used = {r.values.get("name") for r in self.params_model.rows}
        name = next((p for p in self.parameter_choices() if p not in used), "")
        row = self.params_model.append({"name": name})
        if name:
            self._fill_parameter_default(self.params_model.index(row, 0))
        self.params_view.setCurrentIndex(self.params_model.index(row, 0))
        return row

    def _fill_parameter_default(self, top_left: Any, *_: object) -> None:
        if self.stream_info is None or self.params_model.columns[top_left.column()].key != "name":
            return
        row = top_left.row()
        default = self.parameter_defaults().get(self.params_model.value(row, "name"))
        if default is not None and not self.params_model.value(row, "value"):
            self.params_model.set_value(row, "value", value_text(default))

    # ---- words ---------------------------------------------------------------------------

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

    def field_names(self) -> dict[str, str]:
        return {
            "job_id": self.tr("Job id"), "action": self.tr("Action"),
            "model": self.tr("Stream"), "result": self.tr("Result name"),
            "databases": self.tr("Databases"), "inputs": self.tr("Inputs"),
            "exports": self.tr("Exports"), "parameters": self.tr("Parameter overrides"),
            "report": self.tr("Report format"), "general": self.tr("Job definition"),
        }

    def problem_text(self, p: FormProblem) -> str:
        """A problem in the interface language; unknown codes keep their English."""
        a = p.args
        n = a.get("n", 0)
        inputs = a.get("kind") == "inputs"
        known = a.get("known") or self.tr("none yet")
        match p.code:
            case "job_id.empty":
                return self.tr("Give the job a name (or press Suggest).")
            case "model.empty":
                return self.tr("Choose the stream the job runs.")
            case "db.no_ref":
                return self.tr("Row {0}: give the database a name (dbRef).").format(a["row"])
            case "db.ref_twice":
                return self.tr("Row {0}: the name {1} is used twice.").format(
                    a["row"], a["ref"])
            case "db.profile_gone":
                return self.tr("Row {0}: the connection profile {1} no longer exists; "
                               "choose another.").format(a["row"], a["name"])
            case "db.no_profile":
                return self.tr("Row {0}: choose a connection profile for {1}.").format(
                    a["row"], a["ref"])
            case "export.no_mode":
                return self.tr("Export {0}: choose an insert mode (Append, Create, Drop or "
                               "Refresh).").format(n)
            case "param.no_name":
                return self.tr("Row {0}: give the parameter's name.").format(a["row"])
            case "node.missing" if inputs:
                return self.tr("Input {0}: choose the source node it replaces.").format(n)
            case "node.missing":
                return self.tr("Export {0}: choose the terminal node it replaces.").format(n)
            case "table.missing" if inputs:
                return self.tr("Input {0}: give the table to read.").format(n)
            case "table.missing":
                return self.tr("Export {0}: give the table to write.").format(n)
            case "dbref.missing" if inputs:
                return self.tr("Input {0}: choose its database (defined: {1}).").format(
                    n, known)
            case "dbref.missing":
                return self.tr("Export {0}: choose its database (defined: {1}).").format(
                    n, known)
            case "dbref.unknown":
                return self.tr("{0} is not one of the databases above (defined: {1})."
                               ).format(a["ref"], known)
            case "inputs.none":
                return self.tr("BATCH_SCORE needs at least one input: press Add input.")
            case "exports.none":
                return self.tr("BATCH_SCORE needs at least one export: press Add export.")
            case "report.none":
                return self.tr("EVALUATION needs a report format.")
        return p.english

    def show_problems(self, problems: list[FormProblem]) -> dict[str, list[str]]:
        """Each problem beside its field and in the summary; returns the words per field."""
        words: dict[str, list[str]] = {key: [] for key in FIELDS}
        for p in problems:
            words[p.field].append(self.problem_text(p))
        for key, label in self.error_labels.items():
            label.setText("\n".join(words[key]))
            label.setVisible(bool(words[key]))
        names = self.field_names()
        lines = [self.tr("{0}: {1}").format(names[key], message)
                 for key in FIELDS if key != "general" for message in words[key]]
        if lines:
            self.summary_label.setText(self.tr("To submit, fix:") + "\n" + "\n".join(
                f"• {line}" for line in lines))
        else:
            self.summary_label.clear()
        self.summary_label.setVisible(bool(lines))
        return {k: v for k, v in words.items() if v}

    def show_result(self, text: str, *, ok: bool | None = None) -> None:
        """The line under the form: green for done, red for failed, plain otherwise."""
        self.result_label.setStyleSheet(
            "" if ok is None else "color: #1b5e20;" if ok else ERROR_STYLE)
        self.result_label.setText(text)


def _set_combo_data(combo: QComboBox, data: str) -> None:
    combo.setCurrentIndex(max(combo.findData(data), 0))
