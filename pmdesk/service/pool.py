"""The job lifecycle, written once for every executor: claim, prepare, run started,
progress, cancel, finish and crash recovery.

One dispatcher thread claims PENDING jobs (oldest first, across instances) while the
executor has free slots, prepares each (the stream pinned as it is now, the task the worker
needs) and hands it to the executor (executors/: warm local processes, or a Dask cluster).
Executors report from their own threads into a queue this thread drains, so every database
write of a run happens here, in order. Any failure between claiming a job and its start
ends the job FAILED with a message: a claimed job is never left RUNNING.

`_run_started` and `_run_finished` are the two points every run passes through exactly
once (a hook for run history fits around them).
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmdesk.api.models import Action, JobState
from pmdesk.service.executors import Executor, ExecutorError, PreparedJob, make_executor
from pmdesk.service.executors.base import JobKey
from pmdesk.service.filestore import FileStore
from pmdesk.service.instances import Instances
from pmdesk.service.jobsdb import JobRow, JobsDB, now_iso
from pmdesk.service.worker import WorkerTask

log = logging.getLogger("pmdesk.pool")

CANCEL_WAIT = 10.0  # seconds a DELETE waits for the executor to report the stopped run


@dataclass
class Running:
    row: JobRow
    run_dir: Path
    runs_on: str | None = None
    cancelled: bool = False
    done: threading.Event = field(default_factory=threading.Event)

    @property
    def run_id(self) -> str:
        assert self.row.run_id is not None
        return self.row.run_id


class WorkerPool:
    """The lifecycle in front of one executor (the name predates executors)."""

    def __init__(self, size: int, data_dir: Path, db: JobsDB, files: FileStore,
                 instances: Instances, test_delay: float = 0.0,
                 options: dict[str, str] | None = None, executor: Executor | None = None
                 ) -> None:
        self.size = max(1, size)
        self.data_dir = data_dir
        self.db = db
        self.files = files
        self.instances = instances
        self.test_delay = test_delay
        self.executor = executor or make_executor(self.size, dict(options or {}))
        self._lock = threading.RLock()
        self._running: dict[JobKey, Running] = {}
        self._queue: queue.SimpleQueue[tuple[Any, ...]] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="job-dispatcher", daemon=True)

    # ---- life cycle ----------------------------------------------------------------------

    def start(self) -> None:
        self.executor.start(self)
        self._thread.start()

    def stop(self) -> None:
        """Stops every running job; their rows become FAILED (as recover() would)."""
        self._stop.set()
        self.wake()
        self._thread.join(10)
        with self._lock:
            running = list(self._running.values())
            for run in running:
                run.cancelled = True
        self.executor.stop()
        if running:
            self.db.recover(f"the service stopped while this job was running (stopped at "
                            f"{now_iso()}); resubmit it")

    def running_pids(self) -> dict[str, int | None]:
        """Kept for callers of the old pool: the executor's local worker processes."""
        return {str(pid): pid for pid in self.executor.worker_pids()}

    def cluster_state(self) -> dict[str, Any]:
        state = self.executor.state()
        with self._lock:
            state["runningJobs"] = len(self._running)
        waiting = self.executor.waiting_reason()
        if waiting:
            state["message"] = waiting
        return state

    # ---- what executors call (from their threads) ----------------------------------------

    def wake(self) -> None:
        self._queue.put(("wake",))

    def job_started(self, key: JobKey, runs_on: str) -> None:
        self._queue.put(("started", key, runs_on))

    def job_progress(self, key: JobKey, done: int, total: int | None) -> None:
        self._queue.put(("progress", key, done, total))

    def job_ended(self, key: JobKey, outcome: tuple[Any, ...] | None, crash: str) -> None:
        self._queue.put(("ended", key, outcome, crash))

    # ---- the dispatcher ------------------------------------------------------------------

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self._fill()
                try:
                    event = self._queue.get(timeout=1.0)
                except queue.Empty:
                    continue
                self._handle(event)
                while True:  # everything that arrived meanwhile, before claiming more
                    try:
                        self._handle(self._queue.get_nowait())
                    except queue.Empty:
                        break
            except Exception:
                log.exception("the job dispatcher hit an error; it carries on")
                self._stop.wait(0.5)

    def _handle(self, event: tuple[Any, ...]) -> None:
        kind = event[0]
        if kind == "wake":
            return
        with self._lock:
            run = self._running.get(event[1])
        if run is None:
            return
        if kind == "started":
            run.runs_on = str(event[2])
            self._run_started(run)
        elif kind == "progress":
            if not run.cancelled:
                self.db.set_progress(run.row.ns, run.row.id, run.run_id, event[2], event[3])
        elif kind == "ended":
            self._ended(run, event[2], event[3])

    def _fill(self) -> None:
        while not self._stop.is_set() and self.executor.free_slots() > 0:
            with self._lock:
                row = self.db.claim_next()
                if row is None:
                    return
                self._start(row)

    def _start(self, row: JobRow) -> None:
        """Prepares and submits a claimed job; any failure ends it FAILED, never RUNNING."""
        assert row.run_id is not None
        run_dir: Path | None = None
        try:
            inst = next((i for i in self.instances.all() if i.ns == row.ns), None)
            if inst is None:  # its key was removed from the configuration
                self._fail_unstarted(row, "the access key of this job is no longer configured")
                return
            run_dir = inst.runs_dir / row.run_id
            task = self._prepare(row, inst, run_dir)
            if task is None:
                return
            run = Running(row, run_dir)
            self._running[(row.ns, row.id)] = run
            job = PreparedJob((row.ns, row.id), row.run_id, run_dir, task,
                              str(row.definition.get("action", "")).upper())
            try:
                self.executor.submit(job)
            except BaseException:
                self._running.pop((row.ns, row.id), None)
                raise
            log.info("job %r handed to the %s executor", row.id, self.executor.kind)
        except ExecutorError as exc:
            self._fail_unstarted(row, f"the job could not be started: {exc}", run_dir)
        except Exception as exc:
            log.exception("job %r could not be started", row.id)
            self._fail_unstarted(row, f"the service could not start this job "
                                      f"({type(exc).__name__}: {exc})", run_dir)

    def _prepare(self, row: JobRow, inst: Any, run_dir: Path) -> WorkerTask | None:
        model_id = str(row.definition.get("model", {}).get("id", ""))
        pinned = run_dir / "pinned" / model_id
        pinned.parent.mkdir(parents=True, exist_ok=True)
        # the stream as it is now: a link pins these bytes (every replace is a rename),
        # and the worker copies them before the engine may touch anything
        source = self.files.path(inst, model_id)
        try:
            try:
                os.link(source, pinned)
            except FileNotFoundError:
                raise
            except OSError:
                shutil.copyfile(source, pinned)
        except FileNotFoundError:
            self._fail_unstarted(row, f"stream file {model_id!r} does not exist (deleted?)",
                                 run_dir)
            return None
        return WorkerTask(
            job_id=row.id, definition=row.definition, secrets=row.secrets,
            data_dir=str(self.data_dir), stored_stream=str(pinned),
            run_dir=str(run_dir), test_delay=self.test_delay)

    def _fail_unstarted(self, row: JobRow, message: str, run_dir: Path | None = None) -> None:
        assert row.run_id is not None
        self.db.finish(row.ns, row.id, row.run_id, JobState.FAILED, message)
        if run_dir is not None:
            shutil.rmtree(run_dir, ignore_errors=True)

    # ---- the two points of every run -----------------------------------------------------

    def _run_started(self, run: Running) -> None:
        """The executor started the run (on `run.runs_on`)."""
        self.db.set_runs_on(run.row.ns, run.row.id, run.run_id, run.runs_on or "local")
        log.info("job %r runs on %s", run.row.id, run.runs_on)

    def _run_finished(self, run: Running, state: JobState, message: str | None = None,
                      result: str | None = None) -> None:
        """The run's final state, written once (CANCELED by cancel(), the rest here)."""
        self.db.finish(run.row.ns, run.row.id, run.run_id, state, message, result)

    # ---- ends ----------------------------------------------------------------------------

    def _ended(self, run: Running, outcome: tuple[Any, ...] | None, crash: str) -> None:
        # under the lock throughout, so a DELETE never sees a RUNNING row with no run
        with self._lock:
            try:
                if not run.cancelled:
                    self._record(run, outcome, crash)
                for part in ("pinned", "stream", "out", "refreshed"):
                    shutil.rmtree(run.run_dir / part, ignore_errors=True)
            finally:
                self._running.pop((run.row.ns, run.row.id), None)
                run.done.set()
        log.info("job %r ended", run.row.id)

    def _record(self, run: Running, outcome: tuple[Any, ...] | None, crash: str) -> None:
        if outcome is None:
            self._run_finished(run, JobState.FAILED,
                               crash or "the job's worker stopped unexpectedly")
        elif outcome[0] == "failed":
            self._run_finished(run, JobState.FAILED, str(outcome[1]))
        else:
            self._succeed(run, outcome[1])

    def _succeed(self, run: Running, refreshed: str | None) -> None:
        row = run.row
        action = str(row.definition.get("action", "")).upper()
        if refreshed and action == Action.AUTO_REFRESH.value:
            inst = next(i for i in self.instances.all() if i.ns == row.ns)
            model_id = str(row.definition["model"]["id"])
            try:
                kept = self.files.replace_keeping_version(
                    inst, model_id, Path(refreshed), f"replaced by AUTO_REFRESH job {row.id}",
                    only_if_exists=True)
            except OSError as exc:
                self._run_finished(run, JobState.FAILED,
                                   f"the model was refreshed but the stream file {model_id!r} "
                                   f"could not be replaced: {exc}")
                return
            if not kept:
                log.info("job %r: stream %r was deleted during the run; not recreated",
                         row.id, model_id)
        self._run_finished(run, JobState.SUCCESS, result=str(run.run_dir / "result.zip"))

    # ---- cancelling ----------------------------------------------------------------------

    def cancel(self, ns: str, job_id: str) -> bool:
        """Stops the job's run if it runs; True when it was running. Blocks briefly."""
        with self._lock:
            run = self._running.get((ns, job_id))
            if run is None:
                return False
            run.cancelled = True
            self.db.mark_canceling(ns, job_id)
        self.executor.cancel((ns, job_id))
        if not run.done.wait(CANCEL_WAIT):
            log.error("job %r: the executor did not report the cancelled run ending", job_id)
        with self._lock:
            self._running.pop((ns, job_id), None)
        self._run_finished(run, JobState.CANCELED, "cancelled by a DELETE request")
        return True
