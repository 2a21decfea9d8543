"""Background tasks: every client call, disk copy and parse runs here, never on the GUI thread.

A Task is a QRunnable on the runner's own pool. It carries a cancel Event (passed to the
client's upload/download calls), reports progress, and ends by emitting exactly one of
`succeeded`, `failed` or `cancelled` on the GUI thread (its QObject lives there). The runner
cancels and waits for everything when the window closes.

This is the app's one idiom for one-shot background work (the job poller's long-lived
thread is the only other). `failed` carries the exception itself, so a handler can tell a
conflict from a network error by its type; it becomes words (`describe_error`) only where
it is shown to the user.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from pmdesk.api.errors import (
    CancelledError,
    ConflictError,
    NetworkError,
    NotFoundError,
    ServerError,
    UnauthorizedError,
)
from pmdesk.desktop.context import NoServerError
from pmdesk.desktop.i18n import _t

log = logging.getLogger(__name__)


class Task(QObject):
    progress = Signal(object, object)  # done, total (bytes, rows, ...); total may be None
    succeeded = Signal(object)
    failed = Signal(object)  # the exception (describe_error words it for the user)
    cancelled = Signal()
    finished = Signal()  # after any of the three above

    def __init__(self, fn: Callable[[Task], Any], name: str = "") -> None:
        super().__init__()
        self.fn = fn
        self.name = name
        self.cancel_event = threading.Event()
        self.done = False
        self._last_report = 0.0

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def is_cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def report(self, done: object, total: object = None) -> None:
        """Progress callback for the client: (done, total). At most ~20 updates a second
        reach the GUI: a 1 GiB upload calls this 4,096 times."""
        if self.cancel_event.is_set():
            return
        now = time.monotonic()
        if now - self._last_report >= 0.05 or (total is not None and done == total):
            self._last_report = now
            self.progress.emit(done, total)

    def _run(self) -> None:
        try:
            result = self.fn(self)
        except BaseException as exc:  # every failure becomes words on the GUI thread
            if self.cancel_event.is_set() or _is_cancel(exc):
                self.cancelled.emit()
            else:
                if not isinstance(exc, Exception):
                    log.error("task %s: %r", self.name, exc)
                else:
                    log.info("task %s failed: %s", self.name, describe_error(exc))
                self.failed.emit(exc)
        else:
            if self.cancel_event.is_set():
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)
        finally:
            self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self.task._run()


def _is_cancel(exc: BaseException) -> bool:
    return isinstance(exc, CancelledError)


def describe_error(exc: BaseException) -> str:
    """A sentence for the user, in their language: the client's errors already carry one."""
    text = str(exc).strip()
    detail = text or type(exc).__name__
    if isinstance(exc, NetworkError):
        return _t("Cannot reach the server: {detail}").format(detail=detail)
    if isinstance(exc, UnauthorizedError):
        return _t("The server refused the access key: {detail}").format(detail=detail)
    if isinstance(exc, NotFoundError):
        return _t("Not found on the server: {detail}").format(detail=detail)
    if isinstance(exc, ConflictError):
        return _t("The server reports a conflict: {detail}").format(detail=detail)
    if isinstance(exc, ServerError):
        return _t("The server had a problem: {detail}").format(detail=detail)
    if isinstance(exc, NoServerError):
        return _t("No server is connected yet.")
    if isinstance(exc, OSError):
        return _t("File or network error: {detail}").format(detail=exc.strerror or detail)
    return detail


class TaskRunner(QObject):
    """Owns a thread pool; `shutdown` cancels every task and waits for the pool to drain."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self.pool.setExpiryTimeout(2000)
        self.active: set[Task] = set()
        self._closed = False

    def start(self, fn: Callable[[Task], Any], *,
              on_success: Callable[[Any], object] | None = None,
              on_error: Callable[[BaseException], object] | None = None,
              on_progress: Callable[[object, object], object] | None = None,
              on_cancel: Callable[[], object] | None = None,
              name: str = "") -> Task:
        task = Task(fn, name)
        if on_success is not None:
            task.succeeded.connect(on_success)
        if on_error is not None:
            task.failed.connect(on_error)
        if on_progress is not None:
            task.progress.connect(on_progress)
        if on_cancel is not None:
            task.cancelled.connect(on_cancel)
        task.finished.connect(lambda: self._forget(task))
        if self._closed:
            task.cancel()
            return task
        self.active.add(task)
        # Launched from the event loop, so handlers a caller connects right after start()
        # returns are in place before the task can end: a cross-thread signal emitted while
        # nothing is connected is lost, and a fast task would otherwise never report.
        QTimer.singleShot(0, self, lambda: self._launch(task))
        return task

    def _launch(self, task: Task) -> None:
        if self._closed or task.cancel_event.is_set():
            task.cancelled.emit()
            task.finished.emit()
            return
        self.pool.start(_Runnable(task))

    def _forget(self, task: Task) -> None:
        task.done = True
        self.active.discard(task)

    def shutdown(self, timeout_ms: int = 15000) -> bool:
        """Cancels everything; True when every thread ended within the timeout."""
        self._closed = True
        for task in list(self.active):
            task.cancel()
        self.pool.clear()
        ok = self.pool.waitForDone(timeout_ms)
        if ok:
            self.pool.setExpiryTimeout(0)
        return ok
