"""Run history of one job (issue 15): every run with its state, duration, rows, log and
results. Every call runs on the TaskRunner; while a run is active the view polls."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.api import additions
from pmdesk.api.models import JobState
from pmdesk.desktop.context import AppContext
from pmdesk.desktop.i18n import _t
from pmdesk.desktop.jobs_model import format_duration, state_text
from pmdesk.desktop.util import closing_client
from pmdesk.desktop.workers import Task, TaskRunner, describe_error

POLL_MS = 2000


def local_time(ts: datetime | None) -> str:
    """A time in the user's zone and the locale's short format (never raw ISO)."""
    if ts is None:
        return ""
    qdt = QDateTime.fromMSecsSinceEpoch(int(ts.timestamp() * 1000)).toLocalTime()
    return QLocale().toString(qdt, QLocale.FormatType.ShortFormat)


def origin_text(origin: str | None) -> str:
    if origin and origin.startswith("schedule:"):
        return _t("Schedule {name}").format(name=origin.split(":", 1)[1])
    return _t("Submitted")


def run_columns() -> list[str]:
    return [_t("Run"), _t("Status"), _t("Started by"), _t("Submitted"), _t("Duration"),
            _t("Rows"), _t("Message")]


class RunsDialog(QDialog):
    """The runs of `job_id`, newest first; the selected run's log below."""

    def __init__(self, ctx: AppContext, runner: TaskRunner, job_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.job_id = job_id
        self.runs: list[additions.RunInfo] = []
        self._tasks: list[Task] = []
        self.setWindowTitle(_t("Runs of job {job}").format(job=job_id))
        self.resize(860, 560)

        self.table = QTableWidget(0, len(run_columns()))
        self.table.setHorizontalHeaderLabels(run_columns())
        self.table.setAccessibleName(_t("Runs"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._load_log)
        self.log_view = QPlainTextEdit()
        self.log_view.setReadOnly(True)
        self.log_view.setAccessibleName(_t("Log of the selected run"))
        self.log_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.save_button = QPushButton(_t("Save results…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_results)
        refresh = QPushButton(_t("Refresh"))
        refresh.clicked.connect(self.refresh)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.log_view)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(refresh)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.note)
        layout.addLayout(row)

        self.timer = QTimer(self)  # only while a run is active
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.refresh)
        self.finished.connect(lambda _r: self._stop())
        self.refresh()

    def _stop(self) -> None:
        self.timer.stop()
        for task in self._tasks:
            task.cancel()

    def _start(self, fn: Any, on_success: Any, name: str) -> Task:
        task = self.runner.start(fn, on_success=on_success, on_error=self._failed, name=name)
        self._tasks = [t for t in self._tasks if not t.done] + [task]
        return task

    def _failed(self, exc: BaseException) -> None:
        self.note.setText(describe_error(exc))

    def selected(self) -> additions.RunInfo | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.runs[row] if 0 <= row < len(self.runs) else None

    # ---- loading
    def refresh(self) -> Task:
        job_id = self.job_id

        def work(task: Task) -> list[additions.RunInfo]:
            with closing_client(self.ctx.client()) as client:
                return additions.list_runs(client, job_id)

        return self._start(work, self._show_runs, "list runs")

    def _show_runs(self, runs: object) -> None:
        assert isinstance(runs, list)
        keep = self.selected()
        self.runs = runs
        self.table.setRowCount(len(runs))
        for row, run in enumerate(runs):
            rows = ""
            if run.progress is not None:
                total = run.progress.rowsTotal
                rows = f"{run.progress.rowsDone}" + (f" / {total}" if total else "")
            state = _t("Skipped") if run.skipped else state_text(run.jobStatus)
            cells = [run.runId + (" ●" if run.current else ""), state,
                     origin_text(run.origin), local_time(run.submitted),
                     format_duration(run.durationSeconds), rows, run.message or ""]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == len(cells) - 1:
                    item.setToolTip(text)
                self.table.setItem(row, col, item)
        target = 0
        if keep is not None:
            target = next((i for i, r in enumerate(runs) if r.runId == keep.runId), 0)
        if runs:
            self.table.selectRow(target)
        self.note.setText("" if runs else _t("This job has no runs."))
        active = any(not r.jobStatus.finished for r in runs)
        if active and not self.timer.isActive():
            self.timer.start()
        elif not active:
            self.timer.stop()
        self._load_log()

    def _load_log(self) -> None:
        run = self.selected()
        self.save_button.setEnabled(run is not None and run.jobStatus == JobState.SUCCESS
                                    and bool(run.dataUrl))
        if run is None:
            self.log_view.clear()
            return
        job_id, run_id = self.job_id, run.runId

        def work(task: Task) -> tuple[str, str]:
            with closing_client(self.ctx.client()) as client:
                return run_id, additions.run_log(client, job_id, run_id)

        self._start(work, self._show_log, "run log")

    def _show_log(self, result: object) -> None:
        assert isinstance(result, tuple)
        run_id, text = result
        current = self.selected()
        if current is None or current.runId != run_id:
            return
        bar = self.log_view.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 2
        if self.log_view.toPlainText() != text:
            self.log_view.setPlainText(text)
            if at_end:
                bar.setValue(bar.maximum())

    # ---- results
    def save_results(self, dest: Path | None = None) -> Task | None:
        run = self.selected()
        if run is None:
            return None
        if dest is None:
            name, _ = QFileDialog.getSaveFileName(
                self, _t("Save results"), f"{self.job_id}-run{run.runId}.zip",
                _t("Zip files (*.zip)"))
            if not name:
                return None
            dest = Path(name)
        job_id, run_id, target = self.job_id, run.runId, dest

        def work(task: Task) -> Path:
            with closing_client(self.ctx.client()) as client:
                return additions.download_run_result(client, job_id, run_id, target,
                                                     task.report, task.cancel_event)

        return self._start(
            work, lambda path: self.note.setText(_t("Saved {path}").format(path=path)),
            "run result")


class RunEndWatcher(QObject):
    """Tells the window about runs that ended between two polls of the jobs list.

    The Jobs panel reports a job whose state became final; a run that started and ended
    between two polls (a schedule's quick run) goes from final to final, with only its
    `finished` time new. Such runs reach the window's `notify_finished` too (which shows
    the desktop notification when the setting allows), once each."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.model = window.jobs.model
        self.seen: dict[str, tuple[bool, datetime | None]] = {}
        self.model.dataChanged.connect(lambda *_: self.scan())
        self.model.rowsInserted.connect(lambda *_: self.scan())
        self.model.rowsRemoved.connect(lambda *_: self.scan())  # a server switch empties it
        self.model.modelReset.connect(lambda *_: self.scan())

    def scan(self) -> list[str]:
        ended: list[str] = []
        fresh: dict[str, tuple[bool, datetime | None]] = {}
        for row in range(self.model.rowCount()):
            job = self.model.job(row)
            status = job.status
            if not job.id or status is None:
                continue
            now = (status.jobStatus.finished, status.finished)
            fresh[job.id] = now
            before = self.seen.get(job.id)
            if before is not None and before[0] and now[0] and now[1] != before[1] \
                    and now[1] is not None:
                ended.append(job.id)
                self.window.notify_finished(job)
        self.seen = fresh
        return ended
