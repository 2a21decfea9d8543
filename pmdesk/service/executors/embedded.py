"""The embedded executor: pre-started warm worker processes on the service's host.

Each worker is a spawn-context process that imported the engine once (worker.warm_main)
and runs one job at a time, so a small job costs a pipe message, not a process start.
A worker retires after `max_jobs` jobs or when its memory grew by `max_growth_mb`, and a
fresh one takes its place. Cancelling kills the worker's whole process group (what the
engine started too); a job's crash kills only its worker. One I/O thread owns the
processes: it starts them, reads their pipes, reaps them and reports to the lifecycle.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from pmdesk.service.executors.base import (
    Executor,
    ExecutorError,
    ExecutorEvents,
    JobKey,
    PreparedJob,
)
from pmdesk.service.worker import warm_main

log = logging.getLogger("pmdesk.executor.embedded")

KILL_WAIT = 5.0  # seconds a cancel waits for the killed worker to be reaped
RESPAWN_PAUSE = 1.0  # after a worker died before it was ready (a broken install)


@dataclass
class _Warm:
    proc: BaseProcess
    conn: Connection
    started: float
    ready: bool = False
    job: PreparedJob | None = None
    jobs_run: int = 0
    retiring: bool = False
    cancelled: bool = False
    gone: threading.Event = field(default_factory=threading.Event)

    @property
    def busy(self) -> bool:
        return self.job is not None


class EmbeddedExecutor(Executor):
    kind = "embedded"

    def __init__(self, size: int, *, max_jobs: int = 200, max_growth_mb: float = 1024.0
                 ) -> None:
        self.size = max(1, size)
        self.max_jobs = max(1, max_jobs)
        self.max_growth_mb = max_growth_mb
        self._ctx = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._workers: list[_Warm] = []
        self._wake_r, self._wake_w = multiprocessing.Pipe(duplex=False)
        self._stop = threading.Event()
        self._events: ExecutorEvents | None = None
        self._next_spawn = 0.0
        self._retired = 0
        self._thread = threading.Thread(target=self._loop, name="embedded-executor",
                                        daemon=True)

    # ---- the interface -------------------------------------------------------------------

    def start(self, events: ExecutorEvents) -> None:
        self._events = events
        self._thread.start()

    def free_slots(self) -> int:
        with self._lock:
            return sum(1 for w in self._workers if w.ready and not w.busy and not w.retiring)

    def submit(self, job: PreparedJob) -> None:
        assert self._events is not None
        with self._lock:
            worker = next((w for w in self._workers
                           if w.ready and not w.busy and not w.retiring), None)
            if worker is None:
                raise ExecutorError("no warm worker process is free")
            worker.job = job
            try:
                worker.conn.send(job.task)
            except (OSError, ValueError) as exc:  # it died just now; the sentinel reports
                worker.job = None
                raise ExecutorError(f"the worker process could not take the job: {exc}"
                                    ) from exc
        self._events.job_started(job.key, "local")

    def cancel(self, key: JobKey) -> None:
        with self._lock:
            worker = next((w for w in self._workers if w.job is not None and w.job.key == key),
                          None)
            if worker is None:
                return
            worker.cancelled = True
        self._kill(worker)
        worker.gone.wait(KILL_WAIT)

    def stop(self) -> None:
        self._stop.set()
        self._wake()
        self._thread.join(10)
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            if worker.busy:
                self._kill(worker)
            else:
                try:
                    worker.conn.send(None)  # an idle one stops by itself
                except (OSError, ValueError):
                    pass
        for worker in workers:
            worker.proc.join(2)
            if worker.proc.is_alive():
                self._kill(worker)
                worker.proc.join(5)
            worker.conn.close()

    def state(self) -> dict[str, Any]:
        with self._lock:
            workers = [{"pid": w.proc.pid,
                        "state": ("busy" if w.busy else "retiring" if w.retiring
                                  else "idle" if w.ready else "starting"),
                        "jobsRun": w.jobs_run} for w in self._workers]
            retired = self._retired
        return {"executor": self.kind, "workers": workers, "retiredWorkers": retired,
                "recycleAfterJobs": self.max_jobs, "recycleAfterGrowthMB": self.max_growth_mb}

    def worker_pids(self) -> list[int]:
        with self._lock:
            return [w.proc.pid for w in self._workers if w.proc.pid]

    # ---- processes -----------------------------------------------------------------------

    def _wake(self) -> None:
        try:
            self._wake_w.send(None)
        except OSError:
            pass

    def _kill(self, worker: _Warm) -> None:
        pid = worker.proc.pid
        if not pid:
            return
        try:  # the worker leads its own group: it and whatever the engine started
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, AttributeError):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def _spawn(self) -> None:
        parent, child = self._ctx.Pipe(duplex=True)
        # not daemonic: the engine may start processes of its own (daemons may not);
        # stop() and the worker's parent watch make sure none outlives the service
        proc = self._ctx.Process(target=warm_main,
                                 args=(child, self.max_jobs, self.max_growth_mb),
                                 name="pmdesk-warm-worker")
        try:
            proc.start()
        except Exception:
            log.exception("cannot start a warm worker process")
            self._next_spawn = time.monotonic() + RESPAWN_PAUSE
            parent.close()
            return
        finally:
            child.close()
        with self._lock:
            self._workers.append(_Warm(proc, parent, time.monotonic()))

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self._tick()
            except Exception:
                log.exception("the embedded executor hit an error; it carries on")
                self._stop.wait(0.5)

    def _tick(self) -> None:
        with self._lock:
            live = sum(1 for w in self._workers if not w.retiring)
        if live < self.size and time.monotonic() >= self._next_spawn:
            self._spawn()
            return
        with self._lock:
            workers = list(self._workers)
        waitables: list[Any] = [self._wake_r]
        for w in workers:
            waitables += [w.conn, w.proc.sentinel]
        timeout = 1.0 if live >= self.size else max(0.05, self._next_spawn - time.monotonic())
        ready = wait(waitables, timeout=timeout)
        if self._wake_r in ready:
            while self._wake_r.poll():
                self._wake_r.recv()
        for w in workers:
            if w.conn in ready:
                self._read(w)
            if w.proc.sentinel in ready:
                self._reap(w)

    def _read(self, w: _Warm) -> None:
        assert self._events is not None
        try:
            while w.conn.poll():
                message = w.conn.recv()
                kind = message[0]
                if kind == "ready":
                    w.ready = True
                    self._events.wake()
                elif kind == "progress":
                    if w.job is not None and not w.cancelled:
                        self._events.job_progress(w.job.key, message[1], message[2])
                elif kind == "outcome":
                    with self._lock:
                        job, w.job = w.job, None
                        w.jobs_run += 1
                        w.retiring = bool(message[2])
                    if job is not None:
                        self._events.job_ended(job.key, message[1], "")
                    if not w.retiring:
                        self._events.wake()  # a slot is free again
        except (EOFError, OSError):
            pass

    def _reap(self, w: _Warm) -> None:
        assert self._events is not None
        self._read(w)  # the pipe may still hold the last messages
        w.proc.join()
        pid = w.proc.pid
        if pid:
            try:
                os.killpg(pid, signal.SIGKILL)  # anything the job itself started
            except (ProcessLookupError, PermissionError, AttributeError):
                pass
        with self._lock:
            self._workers.remove(w)
            job, w.job = w.job, None
            if w.retiring:
                self._retired += 1
        w.conn.close()
        if not w.ready and not w.retiring:
            self._next_spawn = time.monotonic() + RESPAWN_PAUSE
            log.error("a warm worker process stopped before it was ready (exit code %s)",
                      w.proc.exitcode)
        w.gone.set()
        if job is not None:
            code = w.proc.exitcode
            why = (f"killed by signal {-code}" if code is not None and code < 0
                   else f"exit code {code}")
            crash = ("cancelled" if w.cancelled
                     else f"the job's worker process stopped unexpectedly ({why})")
            self._events.job_ended(job.key, None, crash)
        self._events.wake()
