"""Schedules view (issue 15): the server's schedules, created from a job, edited, switched
on and off, with their next runs in local time. A form checks a schedule with the same
rules as the service (scheduler.Spec, cronsim, zoneinfo) before anything is sent.

`add_menu_entries` puts "Schedules…" and "Run history…" into the main window's menu.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.api import additions
from pmdesk.api.ids import id_problem
from pmdesk.desktop.context import AppContext
from pmdesk.desktop.i18n import _t
from pmdesk.desktop.icons import icon
from pmdesk.desktop.runs_view import RunEndWatcher, RunsDialog, local_time
from pmdesk.desktop.util import closing_client
from pmdesk.desktop.workers import Task, TaskRunner, describe_error
from pmdesk.service.scheduler import MAX_EVERY_SECONDS, ScheduleError, Spec, local_zone_name

PREVIEW_COUNT = 5


def schedule_columns() -> list[str]:
    return [_t("Schedule"), _t("Job"), _t("When"), _t("Time zone"), _t("Enabled"),
            _t("Next runs"), _t("Last run"), _t("Last state")]


def when_text(info: additions.ScheduleInfo) -> str:
    if info.cron is not None:
        return _t("cron {expr}").format(expr=info.cron)
    return _t("every {n} s").format(n=info.everySeconds)


class ScheduleForm(QDialog):
    """Creates or edits one schedule; `spec()` is the PUT body once the form is valid."""

    def __init__(self, jobs: list[str], info: additions.ScheduleInfo | None = None,
                 job_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("Edit schedule") if info else _t("New schedule"))
        self.id_edit = QLineEdit(info.id if info else "")
        self.id_edit.setEnabled(info is None)
        self.id_edit.setAccessibleName(_t("Schedule name"))
        self.job_combo = QComboBox()
        self.job_combo.setEditable(True)
        self.job_combo.addItems(sorted(jobs))
        self.job_combo.setCurrentText(info.jobId if info else (job_id or ""))
        self.cron_radio = QRadioButton(_t("Cron expression"))
        self.every_radio = QRadioButton(_t("Every"))
        group = QButtonGroup(self)
        group.addButton(self.cron_radio)
        group.addButton(self.every_radio)
        self.cron_edit = QLineEdit(info.cron if info and info.cron else "0 2 * * *")
        self.cron_edit.setToolTip(_t("minute hour day-of-month month day-of-week, "
                                     "e.g. 0 2 * * * (every day at 02:00)"))
        self.every_spin = QSpinBox()
        self.every_spin.setRange(1, MAX_EVERY_SECONDS)
        self.every_spin.setSuffix(_t(" s"))
        self.every_spin.setValue(info.everySeconds if info and info.everySeconds else 3600)
        (self.every_radio if info and info.everySeconds else self.cron_radio).setChecked(True)
        self.zone_combo = QComboBox()
        self.zone_combo.setEditable(True)
        self.zone_combo.addItems(sorted(zoneinfo.available_timezones()))
        self.zone_combo.setCurrentText(info.timezone if info and info.timezone
                                       else local_zone_name())
        self.enabled_check = QCheckBox(_t("Enabled"))
        self.enabled_check.setChecked(info.enabled if info else True)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName(_t("Next runs"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.setMinimumHeight(self.error.fontMetrics().height() * 2)  # no jumping

        every_row = QHBoxLayout()
        every_row.addWidget(self.every_radio)
        every_row.addWidget(self.every_spin, 1)
        cron_row = QHBoxLayout()
        cron_row.addWidget(self.cron_radio)
        cron_row.addWidget(self.cron_edit, 1)
        form = QFormLayout()
        form.addRow(_t("Name:"), self.id_edit)
        form.addRow(_t("Job:"), self.job_combo)
        form.addRow(_t("Runs:"), cron_row)
        form.addRow("", every_row)
        form.addRow(_t("Time zone:"), self.zone_combo)
        form.addRow("", self.enabled_check)
        form.addRow(_t("Next runs (local time):"), self.preview)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for signal in (self.cron_edit.textChanged, self.zone_combo.currentTextChanged,
                       self.job_combo.currentTextChanged):
            signal.connect(lambda *_: self.update_preview())
        self.every_spin.valueChanged.connect(lambda *_: self.update_preview())
        self.cron_radio.toggled.connect(lambda *_: self.update_preview())
        self.enabled_check.toggled.connect(lambda *_: self.update_preview())
        self.update_preview()

    def spec(self) -> dict[str, Any]:
        body: dict[str, Any] = {"jobId": self.job_combo.currentText().strip(),
                                "timezone": self.zone_combo.currentText().strip(),
                                "enabled": self.enabled_check.isChecked()}
        if self.cron_radio.isChecked():
            body["cron"] = self.cron_edit.text().strip()
        else:
            body["everySeconds"] = self.every_spin.value()
        return body

    def problem(self) -> str | None:
        """What keeps the form from being sent, in the service's own words."""
        name = self.id_edit.text().strip()
        if not name:
            return _t("Give the schedule a name.")
        bad = id_problem(name, "schedule name")
        if bad:
            return bad
        try:
            Spec.from_body(self.spec())
        except ScheduleError as exc:
            return str(exc)
        return None

    def update_preview(self) -> None:
        self.cron_edit.setEnabled(self.cron_radio.isChecked())
        self.every_spin.setEnabled(self.every_radio.isChecked())
        problem = self.problem()
        self.error.setText(problem or "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)
        if problem is not None:
            self.preview.setText("")
            return
        if not self.enabled_check.isChecked():
            self.preview.setText(_t("none: the schedule is switched off"))
            return
        spec = Spec.from_body(self.spec())
        times = spec.upcoming(datetime.now(UTC), PREVIEW_COUNT)
        self.preview.setText("\n".join(local_time(t) for t in times) or _t("none"))

    def _accept(self) -> None:
        if self.problem() is None:
            self.accept()

    def show_error(self, message: str) -> None:
        """The server refused: keep the form open with its message."""
        self.error.setText(message)


class SchedulesDialog(QDialog):
    changed = Signal()

    def __init__(self, ctx: AppContext, runner: TaskRunner, jobs: list[str],
                 job_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.jobs = jobs
        self.job_id = job_id
        self.schedules: list[additions.ScheduleInfo] = []
        self.form: ScheduleForm | None = None
        self._tasks: list[Task] = []
        self.setWindowTitle(_t("Schedules"))
        self.resize(900, 420)
        self.table = QTableWidget(0, len(schedule_columns()))
        self.table.setHorizontalHeaderLabels(schedule_columns())
        self.table.setAccessibleName(_t("Schedules"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.new_button = QPushButton(icon("fa5s.plus"), _t("New…"))
        self.edit_button = QPushButton(icon("fa5s.edit"), _t("Edit…"))
        self.toggle_button = QPushButton(_t("Disable"))
        self.delete_button = QPushButton(icon("fa5s.trash-alt"), _t("Delete"))
        refresh = QPushButton(icon("fa5s.sync-alt"), _t("Refresh"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.new_button.clicked.connect(lambda: self.new_schedule())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.toggle_button.clicked.connect(lambda: self.toggle_selected())
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        refresh.clicked.connect(lambda: self.refresh())
        row = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.toggle_button, self.delete_button,
                  refresh):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(row)
        self.finished.connect(lambda _r: self._cancel_tasks())
        self._update_buttons()
        self.refresh()

    def _cancel_tasks(self) -> None:
        for task in self._tasks:
            task.cancel()

    def _start(self, fn: Any, on_success: Any, name: str,
               on_error: Callable[[BaseException], object] | None = None) -> Task:
        task = self.runner.start(fn, on_success=on_success,
                                 on_error=on_error or self._failed, name=name)
        self._tasks = [t for t in self._tasks if not t.done] + [task]
        return task

    def _failed(self, exc: BaseException) -> None:
        self.note.setText(describe_error(exc))

    def selected(self) -> additions.ScheduleInfo | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.schedules[row] if 0 <= row < len(self.schedules) else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        for b in (self.edit_button, self.toggle_button, self.delete_button):
            b.setEnabled(chosen is not None)
        self.toggle_button.setText(_t("Enable") if chosen is not None and not chosen.enabled
                                   else _t("Disable"))

    # ---- loading
    def refresh(self) -> Task:
        def work(task: Task) -> list[additions.ScheduleInfo]:
            with closing_client(self.ctx.client()) as client:
                return additions.list_schedules(client)

        return self._start(work, self._show, "list schedules", self._failed_list)

    def _failed_list(self, exc: BaseException) -> None:
        self.note.setText(describe_error(exc))

    def _show(self, found: object) -> None:
        assert isinstance(found, list)
        keep = self.selected()
        self.schedules = found
        self.table.setRowCount(len(found))
        for row, info in enumerate(found):
            upcoming = [local_time(t) for t in (info.nextRuns or [info.nextRun]) if t][:3]
            last_state = info.lastState or ""
            cells = [info.id, info.jobId, when_text(info), info.timezone or "",
                     _t("yes") if info.enabled else _t("no"),
                     ", ".join(upcoming) or _t("none"), local_time(info.lastRun),
                     last_state]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == len(cells) - 1 and info.lastMessage:
                    item.setToolTip(info.lastMessage)
                self.table.setItem(row, col, item)
        if keep is not None:
            for row, info in enumerate(found):
                if info.id == keep.id:
                    self.table.selectRow(row)
        self.note.setText("" if found else _t("No schedules yet: New… runs a job on a "
                                              "schedule."))
        self._update_buttons()

    # ---- changing
    def _put(self, schedule_id: str, spec: dict[str, Any],
             form: ScheduleForm | None = None) -> Task:
        def work(task: Task) -> additions.ScheduleInfo:
            with closing_client(self.ctx.client()) as client:
                return additions.put_schedule(client, schedule_id, spec)

        def done(_info: object) -> None:
            if form is not None:
                form.accept()
            self.changed.emit()
            self.refresh()

        def failed(exc: BaseException) -> None:
            message = describe_error(exc)
            if form is not None:
                form.show_error(message)
            else:
                self.note.setText(message)

        return self._start(work, done, "put schedule", failed)

    def open_form(self, info: additions.ScheduleInfo | None = None,
                  job_id: str | None = None) -> ScheduleForm:
        """Opens the form (non-blocking); OK sends it and closes it when the server agrees."""
        form = ScheduleForm(self.jobs, info, job_id, self)
        form.buttons.accepted.disconnect()

        def send() -> None:
            if form.problem() is None:
                self._put(form.id_edit.text().strip(), form.spec(), form)

        form.buttons.accepted.connect(send)
        self.form = form
        form.open()
        return form

    def new_schedule(self, job_id: str | None = None) -> ScheduleForm:
        return self.open_form(None, job_id or self.job_id)

    def edit_selected(self) -> ScheduleForm | None:
        info = self.selected()
        return self.open_form(info) if info is not None else None

    def toggle_selected(self) -> Task | None:
        info = self.selected()
        if info is None:
            return None
        spec = {k: v for k, v in info.model_dump(mode="json").items()
                if k in ("jobId", "cron", "everySeconds", "timezone", "startAt", "endAt")
                and v is not None}
        spec["enabled"] = not info.enabled
        return self._put(info.id, spec)

    def delete_selected(self, confirm: bool = True) -> Task | None:
        info = self.selected()
        if info is None:
            return None
        if confirm:
            answer = QMessageBox.question(
                self, _t("Delete schedule?"),
                _t("Delete the schedule {name}? The job {job} and its runs stay.").format(
                    name=info.id, job=info.jobId))
            if answer != QMessageBox.StandardButton.Yes:
                return None
        schedule_id = info.id

        def work(task: Task) -> None:
            with closing_client(self.ctx.client()) as client:
                additions.delete_schedule(client, schedule_id)

        def done(_result: object) -> None:
            self.changed.emit()
            self.refresh()

        return self._start(work, done, "delete schedule")


# ---- the main window's entries ----------------------------------------------------------


def _selected_job(window: Any) -> str | None:
    jobs = window.jobs.selected_jobs()
    return str(jobs[0].id) if len(jobs) == 1 and jobs[0].id else None


def _job_ids(window: Any) -> list[str]:
    model = window.jobs.model
    return [str(model.job(r).id) for r in range(model.rowCount()) if model.job(r).id]


def open_schedules(window: Any) -> SchedulesDialog:
    dialog = SchedulesDialog(window.ctx, window.runner, _job_ids(window),
                             _selected_job(window), window)
    window.schedules_dialog = dialog
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    dialog.show()
    return dialog


def open_runs(window: Any, job_id: str | None = None) -> RunsDialog | None:
    job_id = job_id or _selected_job(window)
    if job_id is None:
        window.statusBar().showMessage(_t("Select one job to see its runs"), 8000)
        return None
    dialog = RunsDialog(window.ctx, window.runner, job_id, window)
    window.runs_dialog = dialog
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    dialog.show()
    return dialog


def add_menu_entries(window: Any, menu: QMenu) -> tuple[QAction, QAction]:
    """Adds "Schedules…" and "Run history…" to `menu` (and as window shortcuts), and
    watches for runs that end between two polls (see RunEndWatcher)."""
    schedules = QAction(icon("fa5s.clock"), _t("Sc&hedules…"), window)
    schedules.setStatusTip(_t("Run jobs on a schedule: create, edit, switch on and off"))
    schedules.triggered.connect(lambda: open_schedules(window))
    runs = QAction(icon("fa5s.history"), _t("Run &history…"), window)
    runs.setShortcut(QKeySequence("Ctrl+H"))
    runs.setStatusTip(_t("Every run of the selected job: state, duration, rows, log, "
                         "results"))
    runs.triggered.connect(lambda: open_runs(window))
    menu.addSeparator()
    menu.addAction(schedules)
    menu.addAction(runs)
    window.addAction(schedules)
    window.addAction(runs)
    window.act_schedules, window.act_runs = schedules, runs
    window.run_end_watcher = RunEndWatcher(window)
    return schedules, runs
