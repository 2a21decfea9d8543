"""The bounded pool of job worker processes and the thread that drives it.

One dispatcher thread claims PENDING jobs (oldest first, across instances) while fewer
than `size` run, starts one spawn-context process per job and waits on their pipes and
exit sentinels. Cancelling terminates that job's process (then kills it) and the whole
process group it made. All database writes for a run happen here, in the parent.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import signal
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from pmdesk.api.models import Action, JobState
from pmdesk.service.filestore import FileStore
from pmdesk.service.instances import Instances
from pmdesk.service.jobsdb import JobRow, JobsDB, now_iso
from pmdesk.service.worker import WorkerTask, worker_main

log = logging.getLogger("pmdesk.pool")

KILL_GRACE = 2.0  # seconds between SIGTERM and SIGKILL of a cancelled job


@dataclass
class Running:
    row: JobRow
    proc: BaseProcess
    conn: Connection
    run_dir: Path
    cancelled: bool = False
    outcome: tuple[Any, ...] | None = None
    done: threading.Event = field(default_factory=threading.Event)


class WorkerPool:
    def __init__(self, size: int, data_dir: Path, db: JobsDB, files: FileStore,
                 instances: Instances, test_delay: float = 0.0) -> None:
        self.size = max(1, size)
        self.data_dir = data_dir
        self.db = db
        self.files = files
        self.instances = instances
        self.test_delay = test_delay
        self._ctx = multiprocessing.get_context("spawn")
        self._lock = threading.RLock()
        self._running: dict[tuple[str, str], Running] = {}
        self._wake_r, self._wake_w = multiprocessing.Pipe(duplex=False)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="job-dispatcher", daemon=True)

    # ---- life cycle ----------------------------------------------------------------------

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        try:
            self._wake_w.send(None)
        except OSError:
            pass

    def stop(self) -> None:
        """Kills every running job; their rows stay RUNNING and recover() fails them."""
        self._stop.set()
        self.wake()
        self._thread.join(10)
        with self._lock:
            running = list(self._running.values())
        for run in running:
            run.cancelled = True
            self._kill(run)
        if running:
            self.db.recover(f"the service stopped while this job was running (stopped at "
                            f"{now_iso()}); resubmit it")

    def running_pids(self) -> dict[str, int | None]:
        with self._lock:
            return {r.row.id: r.proc.pid for r in self._running.values()}

    # ---- the dispatcher ------------------------------------------------------------------

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self._fill()
                with self._lock:
                    runs = list(self._running.values())
                waitables: list[Any] = [self._wake_r]
                for run in runs:
                    waitables += [run.conn, run.proc.sentinel]
                ready = wait(waitables, timeout=1.0)
                if self._wake_r in ready:
                    while self._wake_r.poll():
                        self._wake_r.recv()
                for run in runs:
                    self._service(run, ready)
            except Exception:
                log.exception("the job dispatcher hit an error; it carries on")
                self._stop.wait(0.5)

    def _fill(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                if len(self._running) >= self.size:
                    return
                row = self.db.claim_next()
                if row is None:
                    return
                self._start(row)

    def _start(self, row: JobRow) -> None:
        inst = next((i for i in self.instances.all() if i.ns == row.ns), None)
        assert row.run_id is not None
        if inst is None:  # its key was removed from the configuration
            self.db.finish(row.ns, row.id, row.run_id, JobState.FAILED,
                           "the access key of this job is no longer configured")
            return
        model_id = str(row.definition.get("model", {}).get("id", ""))
        run_dir = inst.runs_dir / row.run_id
        pinned = run_dir / "pinned" / model_id
        pinned.parent.mkdir(parents=True, exist_ok=True)
        try:
            # the stream as it is now: a link pins these bytes (every replace is a rename),
            # and the worker copies them before the engine may touch anything
            try:
                os.link(self.files.path(inst, model_id), pinned)
            except FileNotFoundError:
                raise
            except OSError:
                shutil.copyfile(self.files.path(inst, model_id), pinned)
        except FileNotFoundError:
            self.db.finish(row.ns, row.id, row.run_id, JobState.FAILED,
                           f"stream file {model_id!r} does not exist (deleted?)")
            shutil.rmtree(run_dir, ignore_errors=True)
            return
        task = WorkerTask(
            job_id=row.id, definition=row.definition, secrets=row.secrets,
            data_dir=str(self.data_dir), stored_stream=str(pinned),
            run_dir=str(run_dir), test_delay=self.test_delay)
        recv, send = self._ctx.Pipe(duplex=False)
        # not daemonic: the engine may start processes of its own (daemons may not);
        # stop() and the worker's parent watch make sure none outlives the service
        proc = self._ctx.Process(target=worker_main, args=(send, task),
                                 name=f"pmdesk-job-{row.id}")
        try:
            proc.start()
        except Exception as exc:
            log.exception("cannot start a worker process for job %r", row.id)
            self.db.finish(row.ns, row.id, row.run_id, JobState.FAILED,
                           f"the service could not start a worker process: {exc}")
            return
        finally:
            send.close()
        self._running[(row.ns, row.id)] = Running(row, proc, recv, run_dir)
        log.info("job %r started in process %s", row.id, proc.pid)

    def _service(self, run: Running, ready: list[Any]) -> None:
        if run.conn in ready:
            try:
                while run.conn.poll():
                    message = run.conn.recv()
                    if message[0] == "progress":
                        if not run.cancelled:
                            assert run.row.run_id is not None
                            self.db.set_progress(run.row.ns, run.row.id, run.row.run_id,
                                                 message[1], message[2])
                    else:
                        run.outcome = message
            except (EOFError, OSError):
                pass
        if run.proc.sentinel in ready or not run.proc.is_alive():
            run.proc.join()
            # the pipe may still hold the last message when the sentinel fires first
            try:
                while run.conn.poll():
                    message = run.conn.recv()
                    if message[0] == "progress":  # the last one often comes with the outcome
                        if not run.cancelled and run.row.run_id is not None:
                            self.db.set_progress(run.row.ns, run.row.id, run.row.run_id,
                                                 message[1], message[2])
                    else:
                        run.outcome = message
            except (EOFError, OSError):
                pass
            self._finish(run)

    def _finish(self, run: Running) -> None:
        # under the lock throughout, so a DELETE never sees a RUNNING row with no process
        with self._lock:
            try:
                run.conn.close()
                if not run.cancelled:
                    self._record(run)
                for part in ("pinned", "stream", "out"):  # result.zip holds what counts
                    shutil.rmtree(run.run_dir / part, ignore_errors=True)
            finally:
                self._running.pop((run.row.ns, run.row.id), None)
                run.done.set()
        log.info("job %r ended", run.row.id)

    def _record(self, run: Running) -> None:
        row = run.row
        assert row.run_id is not None
        outcome = run.outcome
        if outcome is None:
            code = run.proc.exitcode
            why = (f"killed by signal {-code}" if code is not None and code < 0
                   else f"exit code {code}")
            self.db.finish(row.ns, row.id, row.run_id, JobState.FAILED,
                           f"the job's worker process stopped unexpectedly ({why})")
        elif outcome[0] == "failed":
            self.db.finish(row.ns, row.id, row.run_id, JobState.FAILED, str(outcome[1]))
        else:
            self._succeed(run, outcome[1])

    def _succeed(self, run: Running, refreshed: str | None) -> None:
        row = run.row
        assert row.run_id is not None
        action = str(row.definition.get("action", "")).upper()
        if refreshed and action == Action.AUTO_REFRESH.value:
            inst = next(i for i in self.instances.all() if i.ns == row.ns)
            model_id = str(row.definition["model"]["id"])
            try:
                kept = self.files.replace_keeping_version(
                    inst, model_id, Path(refreshed), f"replaced by AUTO_REFRESH job {row.id}",
                    only_if_exists=True)
            except OSError as exc:
                self.db.finish(row.ns, row.id, row.run_id, JobState.FAILED,
                               f"the model was refreshed but the stream file {model_id!r} "
                               f"could not be replaced: {exc}")
                return
            if not kept:
                log.info("job %r: stream %r was deleted during the run; not recreated",
                         row.id, model_id)
        self.db.finish(row.ns, row.id, row.run_id, JobState.SUCCESS,
                       result=str(run.run_dir / "result.zip"))

    # ---- cancelling ----------------------------------------------------------------------

    def _kill(self, run: Running) -> None:
        proc = run.proc
        pid = proc.pid
        if proc.is_alive():
            proc.terminate()
            proc.join(KILL_GRACE)
        if proc.is_alive():
            proc.kill()
            proc.join(5)
        if pid and hasattr(os, "killpg"):
            try:
                os.killpg(pid, signal.SIGKILL)  # anything the job itself started
            except (ProcessLookupError, PermissionError):
                pass

    def cancel(self, ns: str, job_id: str) -> bool:
        """Kills the job's process if it runs; True when it was running. Blocks briefly."""
        with self._lock:
            run = self._running.get((ns, job_id))
            if run is None:
                return False
            run.cancelled = True
            assert run.row.run_id is not None
            self.db.mark_canceling(ns, job_id)
        self._kill(run)
        self.wake()
        run.done.wait(10)
        with self._lock:
            self._running.pop((ns, job_id), None)
        self.db.finish(ns, job_id, run.row.run_id, JobState.CANCELED,
                       "cancelled by a DELETE request")
        return True
