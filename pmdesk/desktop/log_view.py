"""A job's log (GET /pm/v1/jobs/{id}/log), live while the job runs.

The text is fetched in a background Task, one request at a time, every second while the
job is unfinished and once more after it ends; the view follows the end of the text unless
the user has scrolled up to read.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pmdesk.desktop.context import AppContext
from pmdesk.desktop.i18n import _t
from pmdesk.desktop.util import closing_client
from pmdesk.desktop.workers import Task, TaskRunner, describe_error

NOT_STARTED = object()  # the job has no run yet (pending): the server answers 404
NO_LOGS = object()  # the server lacks the call


class LogDialog(QDialog):
    INTERVAL_MS = 1000

    def __init__(self, ctx: AppContext, runner: TaskRunner, job_id: str,
                 is_active: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.job_id = job_id
        self.is_active = is_active
        self.fetches = 0  # answers received (tests wait on it)
        self._task: Task | None = None
        self._final_done = False
        self.setWindowTitle(_t("Log of {job}").format(job=job_id))
        self.resize(720, 480)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName(_t("Job log"))
        self.state = QLabel()
        self.state.setAccessibleName(_t("Log state"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_t("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.state)
        layout.addWidget(buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.fetch)
        self.finished.connect(lambda _r: self._stop())
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.fetch()

    @property
    def live(self) -> bool:
        return self.timer.isActive() or self._task is not None

    def fetch(self) -> None:
        if self._task is not None:
            return
        try:
            client = self.ctx.client(timeout=15.0, retries=0)
        except Exception as exc:  # no server any more
            self.state.setText(describe_error(exc))
            return
        job_id = self.job_id
        active_before = self.is_active()

        def work(task: Task) -> object:
            from pmdesk.api.additions import NotSupportedError, job_log
            from pmdesk.api.errors import NotFoundError

            with closing_client(client):
                try:
                    return job_log(client, job_id)
                except NotSupportedError:
                    return NO_LOGS
                except NotFoundError:
                    return NOT_STARTED

        def done(result: object) -> None:
            self._task = None
            self.fetches += 1
            if result is NO_LOGS:
                self.state.setText(_t("This server keeps no job logs."))
                return
            if result is NOT_STARTED:
                self.state.setText(_t("The job has not started yet; its log appears when "
                                      "it runs."))
            else:
                self._show(str(result))
            self._again(active_before)

        def failed(exc: BaseException) -> None:
            self._task = None
            self.state.setText(describe_error(exc))
            self._again(active_before)

        self._task = self.runner.start(work, on_success=done, on_error=failed, name="job log")
        self._task.cancelled.connect(lambda: setattr(self, "_task", None))

    def _again(self, was_active: bool) -> None:
        """Poll while the job runs; one more fetch after it ends, then stop."""
        if not self.isVisible() and self.fetches > 1:
            return
        if self.is_active() or was_active:
            if self.is_active():
                self.state.setText(_t("Live: the job is running."))
            self.timer.start(self.INTERVAL_MS)
        else:
            self._final_done = True
            if not self.state.text() or self.state.text() == _t("Live: the job is running."):
                self.state.setText(_t("The job has ended."))

    def _show(self, text: str) -> None:
        bar = self.text.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 2
        if text == self.text.toPlainText():
            return
        old = bar.value()
        self.text.setPlainText(text)
        bar.setValue(bar.maximum() if at_end else old)

    def _stop(self) -> None:
        self.timer.stop()
        if self._task is not None:
            self._task.cancel()
