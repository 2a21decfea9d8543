"""Live job status: a QTimer living in its own QThread polls the server.

PMDesk's server: one `?since=REV` call per tick, answering only the jobs that changed (a
progressing job costs one small answer, and only changed jobs are parsed). Servers without
it: one conditional list call per tick when the server answers with statuses and ETags (a
304 costs nothing); otherwise the status of unfinished jobs only. Errors back off (doubling up
to a minute) and recover by themselves. Results reach the model through queued signals, so
they are applied on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from pmdesk.api.client import ChangesNotSupported
from pmdesk.api.models import JobSummary
from pmdesk.desktop.workers import describe_error

log = logging.getLogger(__name__)
MAX_BACKOFF_MS = 60_000
RELIST_EVERY = 10


class PollWorker(QObject):
    jobs = Signal(int, list)  # generation, list[JobSummary]
    failed = Signal(int, str, int)  # generation, message, retry in ms (-1: not retrying)
    recovered = Signal(int)

    def __init__(self, client_factory: Callable[[], Any], interval_ms: int,
                 generation: int) -> None:
        super().__init__()
        self.client_factory = client_factory
        self.interval_ms = interval_ms
        self.generation = generation
        self.timer: QTimer | None = None
        self.client: Any = None
        self.etag: str | None = None
        self.known: dict[str, JobSummary] = {}
        self.errors = 0
        self.stopped = False
        self.list_has_status = True
        self.ticks = 0
        self.status_etags: dict[str, str | None] = {}
        self.changes_ok = True  # until the server shows it has no ?since=
        self.rev: int | None = None
        self.rev_etag: str | None = None

    @Slot()
    def begin(self) -> None:
        """Runs in the poll thread, so the timer is created (and lives) there."""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.poll)
        self.poll()

    @Slot(int)
    def set_interval(self, ms: int) -> None:
        self.interval_ms = max(250, ms)

    @Slot()
    def poll_now(self) -> None:
        if not self.stopped:
            self.etag = None  # force a full answer: the caller just changed something
            self.rev = self.rev_etag = None
            self.ticks = 0
            self.poll()

    @Slot()
    def stop(self) -> None:
        self.stopped = True
        if self.timer is not None:
            self.timer.stop()
        self._drop_client()
        thread = QThread.currentThread()
        if thread is self.thread():
            thread.quit()  # after this slot: the stop is processed before the loop ends

    def _drop_client(self) -> None:
        """Closes the client's connections: a client dropped unclosed keeps its socket
        open until the garbage collector finds it (a ResourceWarning)."""
        client, self.client = self.client, None
        if client is not None and hasattr(client, "close"):
            try:
                client.close()
            except Exception as exc:  # closing a broken connection must not stop shutdown
                log.debug("closing poll client: %s", exc)

    @Slot()
    def poll(self) -> None:
        if self.stopped:
            return
        if self.timer is not None:
            self.timer.stop()
        try:
            if self.client is None:
                self.client = self.client_factory()
            jobs = self._fetch()
        except Exception as exc:  # every failure is reported and retried with backoff
            if self.stopped:
                return
            self.errors += 1
            if type(exc).__name__ == "UnauthorizedError":
                # a wrong key stays wrong: say so once and wait for the user (poll_now)
                self._drop_client()
                self.failed.emit(self.generation, describe_error(exc), -1)
                return
            delay = min(MAX_BACKOFF_MS, self.interval_ms * 2 ** min(self.errors, 6))
            if self.errors > 2:
                self._drop_client()  # a fresh one (new connections) for the next try
            self.failed.emit(self.generation, describe_error(exc), delay)
            self._schedule(delay)
            return
        if self.stopped:
            return
        if self.errors:
            self.errors = 0
            self.recovered.emit(self.generation)
        if jobs is not None:
            self.jobs.emit(self.generation, jobs)
        self._schedule(self.interval_ms)

    def _schedule(self, ms: int) -> None:
        if self.timer is not None and not self.stopped:
            self.timer.start(ms)

    def _fetch(self) -> list[JobSummary] | None:
        """One tick. PMDesk's server: one conditional list call (304 = nothing changed).
        A server that lists definitions without statuses or ETags: the status of unfinished
        jobs only, and the full list again every RELIST_EVERY ticks (new or deleted jobs)."""
        client = self.client
        self.ticks += 1
        if self.changes_ok and hasattr(client, "list_jobs_changes"):
            try:
                return self._fetch_changes(client)
            except ChangesNotSupported:
                log.info("the server cannot list changes: polling its whole list")
                self.changes_ok = False
        if self.list_has_status or self.ticks % RELIST_EVERY == 1 or not self.known:
            listed, self.etag = client.list_jobs_if_changed(self.etag)
            if listed is not None:
                self.list_has_status = all(j.status is not None for j in listed)
            elif self.list_has_status:
                return None  # 304: nothing changed since the last answer
        else:
            listed = None
        if listed is None:
            listed = list(self.known.values())
        elif self.list_has_status:
            self.known = {j.id or "": j for j in listed}
            return listed
        merged = []
        changed = listed is not None and {j.id for j in listed} != set(self.known)
        for job in listed:
            old = self.known.get(job.id or "")
            status = job.status or (old.status if old else None)
            if status is None or not status.jobStatus.finished:
                if self.stopped:
                    return None
                fresh, self.status_etags[job.id or ""] = client.job_status_if_changed(
                    job.id, self.status_etags.get(job.id or ""))
                if fresh is not None:
                    status, changed = fresh, True
            merged.append(job.model_copy(update={"status": status}))
        self.known = {j.id or "": j for j in merged}
        return merged if changed else None

    def _fetch_changes(self, client: Any) -> list[JobSummary] | None:
        """The known jobs with the changes since the last answer applied (only changed
        ones are new objects, so the model's merge skips the rest at once); None when
        nothing changed."""
        changes = client.list_jobs_changes(self.rev, self.rev_etag)
        self.rev, self.rev_etag = changes.rev, changes.etag
        if changes.full:
            self.known = {j.id or "": j for j in changes.jobs}
            return list(self.known.values())
        if not changes.jobs and not changes.deleted:
            return None
        for job in changes.jobs:
            self.known[job.id or ""] = job
        for job_id in changes.deleted:
            self.known.pop(job_id, None)
        return list(self.known.values())


class Poller(QObject):
    """Owns the poll thread; stop() ends it and waits (bounded by the client timeout)."""

    jobs = Signal(list)
    failed = Signal(str, int)
    recovered = Signal()
    _pollNow = Signal()
    _interval = Signal(int)
    _stop = Signal()

    _generation = 0

    def __init__(self, client_factory: Callable[[], Any], interval_ms: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        Poller._generation += 1
        self.generation = Poller._generation
        self.thread_ = QThread()
        self.thread_.setObjectName(f"pmdesk-poller-{self.generation}")
        self.worker = PollWorker(client_factory, interval_ms, self.generation)
        self.worker.moveToThread(self.thread_)
        self.thread_.started.connect(self.worker.begin)
        self.thread_.finished.connect(self.worker.deleteLater)
        self._pollNow.connect(self.worker.poll_now)
        self._interval.connect(self.worker.set_interval)
        self._stop.connect(self.worker.stop)
        self.worker.jobs.connect(self._on_jobs)
        self.worker.failed.connect(self._on_failed)
        self.worker.recovered.connect(self._on_recovered)
        self.running = False

    def start(self) -> None:
        self.running = True
        self.thread_.start()

    def poll_now(self) -> None:
        if self.running:
            self._pollNow.emit()

    def set_interval(self, ms: int) -> None:
        if self.running:
            self._interval.emit(ms)

    def stop(self, wait: bool = True, timeout_ms: int = 20_000) -> bool:
        if self.running:
            self.running = False
            self.worker.stopped = True  # seen at once even while a request is in flight
            self._stop.emit()
        if not wait:
            return self.thread_.isFinished()
        ok = self.thread_.wait(timeout_ms)
        if not ok:
            log.error("the poll thread did not stop in %s ms", timeout_ms)
        return bool(ok)

    def _on_jobs(self, generation: int, jobs: list[JobSummary]) -> None:
        if generation == self.generation and self.running:
            self.jobs.emit(jobs)

    def _on_failed(self, generation: int, message: str, delay: int) -> None:
        if generation == self.generation and self.running:
            self.failed.emit(message, delay)

    def _on_recovered(self, generation: int) -> None:
        if generation == self.generation and self.running:
            self.recovered.emit()
