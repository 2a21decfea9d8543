"""The Jobs panel: every job of the server with live status, filters and actions."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.api.models import UNFINISHED_STATES, Action, JobDefinition, JobState, JobSummary
from pmdesk.desktop import dialogs
from pmdesk.desktop.context import AppContext
from pmdesk.desktop.i18n import _t
from pmdesk.desktop.icons import icon
from pmdesk.desktop.jobs_model import (
    COLUMNS,
    PROGRESS_ROLE,
    JobsFilter,
    JobsModel,
    runs_on,
)
from pmdesk.desktop.log_view import LogDialog
from pmdesk.desktop.poller import Poller
from pmdesk.desktop.results_view import ResultsDialog, safe_extract
from pmdesk.desktop.util import (
    closing_client,
    draw_note,
    localize_timestamps,
    show_error,
    show_failure,
)
from pmdesk.desktop.workers import Task, TaskRunner, describe_error

ACTIVE = set(UNFINISHED_STATES)
FINISHED = {JobState.SUCCESS, JobState.FAILED, JobState.CANCELED}


class ProgressDelegate(QStyledItemDelegate):
    """A progress bar where the server reports rows done of a known total; text otherwise."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        fraction = index.data(PROGRESS_ROLE)
        if fraction is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 3, -2, -3)
        bar.minimum, bar.maximum = 0, 1000
        bar.progress = int(1000 * fraction)
        bar.text = f"{int(100 * fraction)}%"
        bar.textVisible = True
        bar.state = option.state
        style = QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class EmptyNote:
    """The text shown in the middle of an empty table (what to do next)."""

    def __init__(self) -> None:
        self._text = ""

    def setText(self, text: str) -> None:
        self._text = text

    def text(self) -> str:
        return self._text


class EmptyAwareTable(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_note = EmptyNote()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self.empty_note.text() and (model is None or model.rowCount() == 0):
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            rect = self.viewport().rect().adjusted(24, 24, -24, -24)
            draw_note(painter, rect, self.empty_note.text())
            painter.end()


def written_tables(job: JobSummary, definition: JobDefinition) -> list[str]:
    """One line per export of a finished job: which table of which connection, in what
    insert mode, and the rows the service counted (for the whole job)."""
    rows = None
    if job.status is not None and job.status.progress is not None:
        rows = job.status.progress.rowsDone
    lines = []
    for export in definition.setting.exports:
        odbc = export.odbc
        db = definition.dbDefinitions.get(odbc.dbRef)
        where = odbc.dbRef
        if db is not None:
            where = f"{odbc.dbRef} ({db.type} {db.db or db.host or ''})".replace(" )", ")")
        line = _t("Table {table} of {where}, {mode}").format(
            table=odbc.table, where=where, mode=odbc.insertMode.value)
        if export.node:
            line += " · " + _t("node {node}").format(node=export.node)
        lines.append(line)
    if lines and rows is not None:
        lines.append(_t("{rows} rows written.").format(rows=f"{rows:,}"))
    return lines


def filter_choices() -> list[tuple[str, set[JobState] | None]]:
    return [
        (_t("All jobs"), None),
        (_t("Active"), ACTIVE),
        (_t("Finished jobs"), FINISHED),
        (_t("Pending"), {JobState.PENDING}),
        (_t("Running"), {JobState.RUNNING}),
        (_t("Success"), {JobState.SUCCESS}),
        (_t("Failed"), {JobState.FAILED}),
        (_t("Canceled"), {JobState.CANCELED, JobState.CANCELING}),
    ]


class JobsPanel(QWidget):
    newJobRequested = Signal()
    resubmitRequested = Signal(object, str)  # JobDefinition, job id
    duplicateRequested = Signal(object, str)  # JobDefinition, a free new job id
    jobFinished = Signal(object)  # JobSummary whose state just became final
    connectionProblem = Signal(str, int)  # message, retry in ms
    connectionOk = Signal()

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.poller: Poller | None = None
        self._retired: list[Poller] = []
        self.loaded = False  # the first answer of this server arrived
        self.load_error = ""  # why the first answer has not come
        self.result_dialogs: list[ResultsDialog] = []
        self.log_dialogs: list[LogDialog] = []
        self._tmp = Path(tempfile.mkdtemp(prefix="pmdesk-results-"))

        self.model = JobsModel(self)
        self.proxy = JobsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = EmptyAwareTable()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(_t("Jobs"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("submitted"), Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in zip(range(len(COLUMNS)),
                              (120, 105, 115, 90, 88, 70, 70, 62, 120, 110), strict=False):
            self.table.setColumnWidth(col, width)
        self.table.setColumnHidden(COLUMNS.index("runs_on"), True)  # until a job says
        self.progress_delegate = ProgressDelegate(self.table)
        self.table.setItemDelegateForColumn(COLUMNS.index("progress"), self.progress_delegate)
        # activated = double click, and Enter/Return on the current row
        self.table.activated.connect(lambda _i: self.open_results_or_definition())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

        self.new_button = self._button("fa5s.plus", _t("New job"),
                                       _t("Define and submit a new job (Ctrl+N)"))
        self.cancel_button = self._button("fa5s.stop", _t("Cancel"),
                                          _t("Cancel the selected running or pending jobs"))
        self.delete_button = self._button("fa5s.trash-alt", _t("Delete"),
                                          _t("Delete the selected jobs from the server"))
        self.resubmit_button = self._button("fa5s.redo", _t("Resubmit…"),
                                            _t("Open the selected job in the editor to "
                                               "run it again"))
        self.definition_button = self._button("fa5s.file-code", _t("Definition"),
                                              _t("Show the selected job's definition "
                                                 "(passwords hidden)"))
        self.results_button = self._button("fa5s.file-archive", _t("Results…"),
                                           _t("Download and show the results of the "
                                              "selected job"))
        self.log_button = self._button("fa5s.align-left", _t("Log…"),
                                       _t("Show the log of the selected job, live while "
                                          "it runs"))
        self.duplicate_button = self._button("fa5s.copy", _t("Duplicate…"),
                                             _t("Open a copy of the selected job in the "
                                                "editor, under a new id"))
        self.filter_combo = QComboBox()
        self.filter_combo.setAccessibleName(_t("Show jobs with status"))
        for text, states in filter_choices():
            self.filter_combo.addItem(text, states)
        self.action_combo = QComboBox()
        self.action_combo.setAccessibleName(_t("Show jobs of action"))
        self.action_combo.addItem(_t("All actions"), None)
        for action in Action:
            self.action_combo.addItem(action.value, action.value)
        self.stream_combo = QComboBox()
        self.stream_combo.setAccessibleName(_t("Show jobs of stream"))
        self.stream_combo.addItem(_t("All streams"), None)
        self.date_combo = QComboBox()
        self.date_combo.setAccessibleName(_t("Show jobs submitted"))
        for text, days in ((_t("Any time"), None), (_t("Today"), 0), (_t("Last 7 days"), 7),
                           (_t("Last 30 days"), 30)):
            self.date_combo.addItem(text, days)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_t("Search jobs (Ctrl+F)"))
        self.search.setAccessibleName(_t("Search jobs"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(320)
        self.count_label = QLabel()

        # A tool bar, not a row of buttons: what does not fit goes to its » menu, so the
        # window still fits a small screen (see MainWindow.clamp_to_screen).
        bar = QToolBar(_t("Job actions"))
        bar.setIconSize(QSize(16, 16))
        for b in (self.new_button, self.cancel_button, self.delete_button, self.resubmit_button,
                  self.duplicate_button, self.definition_button, self.log_button,
                  self.results_button):
            bar.addWidget(b)
        for combo in (self.filter_combo, self.action_combo, self.stream_combo, self.date_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(7)
        self.search.setMinimumWidth(100)
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                       QSizePolicy.Policy.Preferred)
        self.count_label.setMinimumWidth(40)
        filter_bar = QToolBar(_t("Job filters"))
        for combo in (self.filter_combo, self.action_combo, self.stream_combo, self.date_combo):
            filter_bar.addWidget(combo)
        filters = QHBoxLayout()
        filters.addWidget(filter_bar)
        filters.addWidget(self.search, 1)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        self.empty_label = self.table.empty_note
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(bar)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self.new_button.clicked.connect(self.newJobRequested)
        self.cancel_button.clicked.connect(lambda: self.delete_selected(cancel=True))
        self.delete_button.clicked.connect(lambda: self.delete_selected(cancel=False))
        self.resubmit_button.clicked.connect(self.resubmit_selected)
        self.definition_button.clicked.connect(self.show_definition)
        self.results_button.clicked.connect(self.open_results)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.log_button.clicked.connect(self.show_log)
        self.filter_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_states(self.filter_combo.currentData()))
        self.action_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_action(self.action_combo.currentData()))
        self.stream_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_stream(self.stream_combo.currentData()))
        self.date_combo.currentIndexChanged.connect(lambda _i: self._date_filter())
        self.search.textChanged.connect(self.proxy.set_text)
        clear_search = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        clear_search.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear_search.activated.connect(self.search.clear)
        self.proxy.rowsInserted.connect(lambda *_: self._update_counts())
        self.proxy.rowsRemoved.connect(lambda *_: self._update_counts())
        self.proxy.modelReset.connect(self._update_counts)
        self.proxy.layoutChanged.connect(self._update_counts)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete_key.activated.connect(lambda: self.delete_selected(cancel=False))

        self.clock = QTimer(self)  # running jobs' durations grow between polls
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self.model.tick)
        ctx.serverChanged.connect(self.restart_polling)
        ctx.jobSubmitted.connect(lambda _id: self.poll_now())
        self._update_actions()
        self._update_counts()

    def _button(self, glyph: str, text: str, tip: str) -> QToolButton:
        b = QToolButton()
        b.setIcon(icon(glyph))
        b.setIconSize(QSize(16, 16))
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(text.rstrip("…"))
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return b

    # ---- polling
    @property
    def interval_ms(self) -> int:
        from pmdesk.desktop.settings_dialog import poll_seconds

        return int(poll_seconds(self.ctx.settings) * 1000)

    def restart_polling(self) -> None:
        self.stop_polling()
        self.loaded = False
        self.load_error = ""
        self.model.set_jobs([])
        self._update_counts()
        if not self.ctx.has_server:
            return
        self.poller = Poller(lambda: self.ctx.client(timeout=10.0, retries=0),
                             self.interval_ms, self)
        self.poller.jobs.connect(self._on_jobs)
        self.poller.failed.connect(self.connectionProblem)
        self.poller.failed.connect(self._on_poll_failed)
        self.poller.recovered.connect(self.connectionOk)
        self.poller.start()
        self.clock.start()

    def stop_polling(self, wait: bool = False) -> None:
        """On a server switch the old poller is told to stop and left to finish its last
        request on its own (the GUI never waits for a slow server); on close we wait."""
        self.clock.stop()
        if self.poller is not None:
            old, self.poller = self.poller, None
            old.stop(wait=False)
            self._retired.append(old)
            old.thread_.finished.connect(lambda: self._retire(old))
        if wait:
            for old in list(self._retired):
                old.stop(wait=True)
                self._retire(old)

    def _retire(self, poller: Poller) -> None:
        if poller in self._retired and poller.thread_.isFinished():
            self._retired.remove(poller)
            poller.deleteLater()

    def poll_now(self) -> None:
        if self.poller is not None:
            self.poller.poll_now()

    def set_interval(self, seconds: float) -> None:
        if self.poller is not None:
            self.poller.set_interval(int(seconds * 1000))

    def _on_jobs(self, jobs: list[JobSummary]) -> None:
        self.load_error = ""
        first = not self.loaded
        self.loaded = True
        changes = self.model.set_jobs(jobs)
        if any(old is None for _job, old in changes):
            self._fit_columns()
        if not first:
            for job, old in changes:
                state = job.status.jobStatus if job.status else None
                if state is not None and state.finished and (old is None or not old.finished):
                    self.jobFinished.emit(job)
        self.connectionOk.emit()
        self._update_actions()
        self._update_counts()

    def _fit_columns(self) -> None:
        """New rows: the Job column fits its ids (up to a limit), Runs on shows once a job
        says where it runs, and the stream filter offers the streams seen."""
        col = COLUMNS.index("id")
        wanted = min(320, max(self.table.sizeHintForColumn(col) + 12, 90))
        if wanted > self.table.columnWidth(col):
            self.table.setColumnWidth(col, wanted)
        runs = COLUMNS.index("runs_on")
        if self.table.isColumnHidden(runs) and any(runs_on(j) for j in self.model.jobs):
            self.table.setColumnHidden(runs, False)
        streams = sorted({j.model.id for j in self.model.jobs})
        known = [self.stream_combo.itemData(i) for i in range(1, self.stream_combo.count())]
        if streams != known:
            current = self.stream_combo.currentData()
            self.stream_combo.blockSignals(True)
            while self.stream_combo.count() > 1:
                self.stream_combo.removeItem(1)
            for stream in streams:
                self.stream_combo.addItem(stream, stream)
            if current is not None and current not in streams:
                self.stream_combo.addItem(current, current)
            self.stream_combo.setCurrentIndex(max(0, self.stream_combo.findData(current)))
            self.stream_combo.blockSignals(False)

    def _date_filter(self) -> None:
        days = self.date_combo.currentData()
        if days is None:
            self.proxy.set_since(None)
            return
        start = datetime.now().astimezone().replace(hour=0, minute=0, second=0,
                                                    microsecond=0)
        self.proxy.set_since(start - timedelta(days=int(days)))

    def _on_poll_failed(self, message: str, _retry_ms: int) -> None:
        self.load_error = message
        self._update_counts()

    def _update_counts(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        active = sum(1 for j in self.model.jobs if j.status and j.status.jobStatus in ACTIVE)
        self.count_label.setText(_t("{shown} of {total} jobs shown · {active} active").format(
            shown=shown, total=total, active=active))
        if not self.ctx.has_server:
            text = _t("Waiting for the server…")
        elif not self.loaded and self.load_error:
            text = _t("Cannot load the jobs: {message}").format(message=self.load_error)
        elif not self.loaded:
            text = _t("Loading jobs…")
        elif total == 0:
            text = _t("No jobs yet. Select a stream and click “New job” to define one.")
        elif shown == 0:
            text = _t("No job matches the filter.")
        else:
            text = ""
        self.empty_label.setText(text)
        self.table.viewport().update()

    def active_jobs_using(self, stream_id: str) -> list[str]:
        return [j.id or "" for j in self.model.jobs
                if j.model.id == stream_id and j.status and j.status.jobStatus in ACTIVE]

    # ---- selection
    def selected_jobs(self) -> list[JobSummary]:
        rows = {self.proxy.mapToSource(i).row()
                for i in self.table.selectionModel().selectedRows()}
        return [self.model.job(r) for r in sorted(rows)]

    def select_job(self, job_id: str) -> bool:
        row = self.model.row_of(job_id)
        if row is None:
            return False
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if not idx.isValid():
            return False
        self.table.selectionModel().select(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(idx)
        return True

    def _update_actions(self) -> None:
        jobs = self.selected_jobs()
        states = [j.status.jobStatus if j.status else None for j in jobs]
        has = self.ctx.has_server
        self.cancel_button.setEnabled(has and any(s in ACTIVE for s in states))
        self.delete_button.setEnabled(has and bool(jobs))
        self.resubmit_button.setEnabled(has and len(jobs) == 1 and states[0] not in
                                        (JobState.RUNNING, JobState.CANCELING))
        self.definition_button.setEnabled(has and len(jobs) == 1)
        self.duplicate_button.setEnabled(has and len(jobs) == 1)
        self.log_button.setEnabled(has and len(jobs) == 1)
        self.results_button.setEnabled(has and len(jobs) == 1
                                       and states[0] == JobState.SUCCESS)
        self.new_button.setEnabled(has)

    # ---- actions
    def delete_selected(self, cancel: bool) -> None:
        jobs = self.selected_jobs()
        if cancel:
            jobs = [j for j in jobs if j.status and j.status.jobStatus in ACTIVE]
        ids = [j.id or "" for j in jobs]
        if not ids:
            return
        if cancel:
            title = _t("Cancel jobs?")
            text = _t("Cancel these jobs? The server stops them; they stay in the list as "
                      "Canceled, with their history:\n{ids}")
        else:
            title = _t("Delete jobs?")
            text = _t("Delete these jobs and their results from the server? Running jobs "
                      "are cancelled first:\n{ids}")
        dialogs.ask(self, title, text.format(ids="\n".join(ids)),
                    on_yes=lambda: self.run_cancel(ids) if cancel else self.run_delete(ids))

    def run_cancel(self, ids: list[str]) -> Task:
        """POST .../cancel per job (the job stays listed as CANCELED). A server without the
        call is told so; nothing is deleted behind the user's back."""
        client = self.ctx.client()

        def work(task: Task) -> tuple[list[str], list[str], bool]:
            from pmdesk.api.additions import NotSupportedError, cancel_job

            done: list[str] = []
            problems: list[str] = []
            with closing_client(client):
                for job_id in ids:
                    try:
                        cancel_job(client, job_id)
                    except NotSupportedError:
                        return done, problems, False
                    except Exception as exc:
                        problems.append(f"{job_id}: {describe_error(exc)}")
                    else:
                        done.append(job_id)
            return done, problems, True

        def finished(result: object) -> None:
            assert isinstance(result, tuple)
            done, problems, supported = result
            if not supported:
                show_error(self, _t("Cannot cancel"),
                           _t("This server cannot cancel a job and keep it; use Delete to "
                              "stop and remove it."))
            elif problems:
                show_error(self, _t("Some jobs were not canceled"), "\n".join(problems))
            if done:
                self.ctx.statusMessage.emit(_t("Canceling {count} job(s)…").format(
                    count=len(done)))
            self.poll_now()

        return self.runner.start(work, on_success=finished, on_error=lambda m: show_error(
            self, _t("Cancel failed"), m), name="cancel jobs")

    def show_log(self) -> LogDialog | None:
        jobs = self.selected_jobs()
        if len(jobs) != 1:
            return None
        job_id = jobs[0].id or ""

        def active() -> bool:
            row = self.model.row_of(job_id)
            if row is None:
                return False
            st = self.model.job(row).status
            return st is not None and not st.jobStatus.finished

        dialog = LogDialog(self.ctx, self.runner, job_id, active, self)
        self.log_dialogs.append(dialog)
        dialog.destroyed.connect(lambda *_: self.log_dialogs.remove(dialog)
                                 if dialog in self.log_dialogs else None)
        dialog.show()
        return dialog

    def run_delete(self, ids: list[str]) -> Task:
        client = self.ctx.client()

        def work(task: Task) -> tuple[int, list[str]]:
            with closing_client(client):
                count = int(client.delete_jobs(ids))
                remaining: list[str] = []
                if count != len(ids):
                    # The server's count differs: ask about each job to say which remain.
                    for job_id in ids:
                        try:
                            st = client.job_status(job_id)
                        except Exception as exc:
                            if type(exc).__name__ == "NotFoundError":
                                continue
                            remaining.append(f"{job_id}: {describe_error(exc)}")
                        else:
                            remaining.append(f"{job_id}: {st.jobStatus.value}")
                return count, remaining

        def done(result: object) -> None:
            assert isinstance(result, tuple)
            count, remaining = result
            if remaining:
                show_error(
                    self, _t("Some jobs remain"),
                    _t("The server reported {count} of {asked} jobs deleted. These remain:\n"
                       "{list}").format(count=count, asked=len(ids), list="\n".join(remaining)))
            self.ctx.statusMessage.emit(
                _t("The server reported {count} of {asked} jobs deleted.").format(
                    count=count, asked=len(ids)))
            self.poll_now()

        return self.runner.start(work, on_success=done, on_error=lambda m: show_error(
            self, _t("Delete failed"), m), name="delete jobs")

    def _fetch_definition(self, job_id: str, then: Any) -> None:
        client = self.ctx.client(timeout=15.0, retries=1)

        def work(task: Task) -> JobDefinition:
            with closing_client(client):
                return client.get_job(job_id)

        self.runner.start(work, on_success=then, on_error=lambda m: show_error(
            self, _t("Cannot read the job"), m), name="get job")

    def duplicate_selected(self) -> None:
        """A copy of the job under a new id (`<id>-copy`, `-copy2`, ...) in the editor."""
        jobs = self.selected_jobs()
        if len(jobs) != 1:
            return
        job_id = jobs[0].id or ""
        self._fetch_definition(job_id, lambda d: self.duplicateRequested.emit(
            d, self.copy_id(job_id)))

    def copy_id(self, job_id: str) -> str:
        taken = {j.id for j in self.model.jobs}
        candidate, n = f"{job_id}-copy", 2
        while candidate in taken:
            candidate, n = f"{job_id}-copy{n}", n + 1
        return candidate

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row()):
            self.table.selectRow(index.row())
        menu = self.context_menu()
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        """The row actions, as in the toolbar (same enabled state)."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for button in (self.results_button, self.log_button, self.definition_button,
                       self.resubmit_button,
                       self.duplicate_button, self.cancel_button, self.delete_button):
            act = menu.addAction(button.icon(), button.text())
            act.setEnabled(button.isEnabled())
            act.triggered.connect(button.click)
        self.last_menu = menu
        return menu

    def resubmit_selected(self) -> None:
        jobs = self.selected_jobs()
        if len(jobs) == 1:
            job_id = jobs[0].id or ""
            self._fetch_definition(job_id, lambda d: self.resubmitRequested.emit(d, job_id))

    def show_definition(self) -> None:
        jobs = self.selected_jobs()
        if len(jobs) == 1:
            job_id = jobs[0].id or ""
            self._fetch_definition(job_id, lambda d: self._definition_dialog(job_id, d))

    def _definition_dialog(self, job_id: str, definition: JobDefinition) -> QDialog:
        dialog = QDialog(self)
        dialog.setWindowTitle(_t("Definition of {job}").format(job=job_id))
        dialog.resize(560, 480)
        text = QPlainTextEdit()
        text.setReadOnly(True)
        text.setAccessibleName(_t("Job definition (passwords hidden)"))
        text.setPlainText(json.dumps(definition.masked().to_wire(), indent=2,
                                     ensure_ascii=False))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_t("Close"))
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        layout.addWidget(buttons)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.definition_dialog = dialog
        return dialog

    def open_results_or_definition(self) -> None:
        jobs = self.selected_jobs()
        if len(jobs) == 1 and jobs[0].status and jobs[0].status.jobStatus == JobState.SUCCESS:
            self.open_results()
        elif len(jobs) == 1 and jobs[0].status and jobs[0].status.jobStatus == JobState.FAILED:
            self.failure_box = show_failure(
                self, _t("Job {job} failed").format(job=jobs[0].id),
                localize_timestamps(jobs[0].status.message or "")
                or _t("The server gave no reason."))
        else:
            self.show_definition()

    def open_results(self) -> Task | None:
        jobs = self.selected_jobs()
        if len(jobs) != 1 or jobs[0].status is None:
            return None
        job = jobs[0]
        job_id = job.id or ""
        status = job.status
        folder = Path(tempfile.mkdtemp(prefix="job-", dir=self._tmp))
        client = self.ctx.client()

        def work(task: Task) -> tuple[Path, list[Path], list[str]]:
            zip_path = folder / f"{job_id}-results.zip"
            out = folder / "files"
            out.mkdir()
            written: list[str] = []
            with closing_client(client):
                if job.action == Action.BATCH_SCORE or job.setting.exports:
                    written = written_tables(job, client.get_job(job_id))
                try:
                    client.download_result(status or job_id, zip_path, progress=task.report,
                                           cancel=task.cancel_event)
                except Exception:
                    if not written:
                        raise
                    return zip_path, [], written  # a BATCH_SCORE's results are its tables
            import zipfile

            if zipfile.is_zipfile(zip_path):
                return zip_path, safe_extract(zip_path, out), written
            if written and zip_path.stat().st_size == 0:
                return zip_path, [], written
            single = out / (Path(job.model.name or "").name or f"{job_id}.result")
            shutil.copyfile(zip_path, single)
            return zip_path, [single], written

        def done(result: object) -> None:
            assert isinstance(result, tuple)
            zip_path, files, written = result
            self.ctx.statusMessage.emit(_t("Results of {job} opened").format(job=job_id))
            dialog = ResultsDialog(job_id, zip_path, files, folder / "files", self.runner, self,
                                   written=written)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.result_dialogs.append(dialog)
            dialog.destroyed.connect(lambda *_: self._forget_dialog(dialog))
            dialog.show()

        self.ctx.statusMessage.emit(_t("Downloading the results of {job}…").format(job=job_id))
        def failed(exc: BaseException) -> None:
            self.ctx.statusMessage.emit(_t("Cannot open the results of {job}").format(
                job=job_id))
            show_error(self, _t("Cannot open the results"), exc)

        return self.runner.start(work, on_success=done, on_error=failed,
                                 on_cancel=lambda: self.ctx.statusMessage.emit(""),
                                 name="results")

    def _forget_dialog(self, dialog: ResultsDialog) -> None:
        if dialog in self.result_dialogs:
            self.result_dialogs.remove(dialog)

    def shutdown(self) -> None:
        self.stop_polling(wait=True)
        for d in list(self.result_dialogs):
            d.close()
        for log_dialog in list(self.log_dialogs):
            log_dialog.close()
        shutil.rmtree(self._tmp, ignore_errors=True)
