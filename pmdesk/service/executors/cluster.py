"""The Dask executor: every job runs on the workers of a Dask distributed cluster.

`pmdesk serve --cluster tcp://HOST:8786` (or tls:// with --cluster-tls-*). The service
keeps the jobs database, the stream files and the results; a job's task carries the
stream's bytes and its clear passwords to a worker (cluster_task.py) and brings the result
zip back. Progress and the worker's address come back as events on a topic.

What can go wrong, and what the job then says:
- a worker dies mid-job: FAILED, naming the worker (a Dask retry elsewhere refuses to run,
  so nothing is written twice);
- DELETE: the task's cancel event is set; the worker kills the job's process group;
- the scheduler is lost: running jobs FAIL (their work is stopped on the workers, which
  cannot deliver a result any more), PENDING jobs wait (no slot is offered) and the cluster
  state says why; the client reconnects and they start when the scheduler is back.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmdesk.service.executors.base import (
    Executor,
    ExecutorError,
    ExecutorEvents,
    JobKey,
    PreparedJob,
)
from pmdesk.service.executors.cluster_task import PROGRESS, ClusterTask, run_on_worker

log = logging.getLogger("pmdesk.executor.dask")

MONITOR_EVERY = 0.5  # seconds between two looks at the cluster's workers
RECONNECT_EVERY = 2.0
LOST_SCHEDULER = ("the service lost the Dask scheduler while this job ran; its work on the "
                  "worker was stopped: resubmit it")
CANCEL_WAIT = 3.0  # seconds a DELETE waits for the worker to say the job's work stopped


@dataclass
class _Job:
    job: PreparedJob
    dask_key: str
    future: Any
    worker: str | None = None
    cancelled: bool = False
    ended: threading.Event = field(default_factory=threading.Event)


def _security(options: dict[str, str]) -> Any:
    from distributed.security import Security

    if not options.get("cluster", "").startswith("tls://"):
        return None
    return Security(tls_ca_file=options.get("tls_ca_file"),
                    tls_client_cert=options.get("tls_cert"),
                    tls_client_key=options.get("tls_key"),
                    require_encryption=True)


class DaskExecutor(Executor):
    kind = "dask"

    def __init__(self, address: str, options: dict[str, str]) -> None:
        self.address = address
        self.options = options
        self._lock = threading.RLock()
        self._client: Any = None
        self._jobs: dict[JobKey, _Job] = {}
        self._by_dask: dict[str, JobKey] = {}
        self._workers: dict[str, dict[str, Any]] = {}
        self._problem: str | None = f"connecting to the Dask scheduler at {address}"
        self._lost_since: str | None = None
        self._events: ExecutorEvents | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._monitor, name="dask-monitor",
                                        daemon=True)

    # ---- the interface -------------------------------------------------------------------

    def start(self, events: ExecutorEvents) -> None:
        self._events = events
        self._thread.start()

    def free_slots(self) -> int:
        with self._lock:
            if self._client is None or self._problem:
                return 0
            threads = sum(int(w.get("nthreads", 1)) for w in self._workers.values())
            return max(0, threads - len(self._jobs))

    def waiting_reason(self) -> str | None:
        with self._lock:
            return self._problem

    def submit(self, job: PreparedJob) -> None:
        with self._lock:
            client = self._client
        if client is None:
            raise ExecutorError(f"the Dask scheduler at {self.address} is not connected")
        task = job.task
        passwords: dict[str, str] = {}
        if task.secrets:
            from pmdesk.service.crypto import SecretBox

            box = SecretBox.for_data_dir(Path(task.data_dir))
            passwords = {ref: box.open(token) for ref, token in task.secrets.items()}
        stored = Path(task.stored_stream)
        try:
            stream = stored.read_bytes()
        except FileNotFoundError:
            raise ExecutorError(f"stream file {stored.name!r} does not exist (deleted?)"
                                ) from None
        stored.unlink(missing_ok=True)
        dask_key = f"pmdesk-job-{uuid.uuid4().hex}"
        payload = ClusterTask(key=dask_key, job_id=task.job_id, definition=task.definition,
                              passwords=passwords, stream_name=stored.name, stream=stream,
                              test_delay=task.test_delay)
        with self._lock:
            # registered first: the done callback may run before submit returns
            entry = _Job(job, dask_key, None)
            self._jobs[job.key] = entry
            self._by_dask[dask_key] = job.key
        try:
            future = client.submit(run_on_worker, payload, key=dask_key, pure=False,
                                   retries=0)
        except Exception as exc:
            with self._lock:
                self._jobs.pop(job.key, None)
                self._by_dask.pop(dask_key, None)
            raise ExecutorError(f"the Dask scheduler refused the job: {exc}") from exc
        entry.future = future
        future.add_done_callback(self._done)

    def cancel(self, key: JobKey) -> None:
        with self._lock:
            entry = self._jobs.get(key)
            client = self._client
        if entry is None:
            return
        entry.cancelled = True
        if client is not None:
            try:
                from distributed import Event

                Event(f"{entry.dask_key}-cancel", client=client).set()
            except Exception:  # the scheduler is gone: the worker stops by itself then
                log.warning("could not signal the cancel of %s to the cluster", entry.dask_key)
        stopped = entry.ended.wait(CANCEL_WAIT)
        self._end(key, None, "cancelled")
        if not stopped and entry.future is not None:
            entry.future.cancel()

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            keys = list(self._jobs)
        for key in keys:
            self.cancel(key)
        self._thread.join(10)
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            try:
                client.close(timeout=5)
            except Exception:
                log.warning("closing the Dask client failed", exc_info=True)

    def state(self) -> dict[str, Any]:
        with self._lock:
            workers = [{"address": addr, **info} for addr, info in sorted(self._workers.items())]
            running = {entry.worker for entry in self._jobs.values() if entry.worker}
            for w in workers:
                w["busy"] = w["address"] in running
            return {"executor": self.kind, "scheduler": self.address,
                    "connected": self._client is not None and self._problem is None,
                    "lostSince": self._lost_since, "workers": workers,
                    "dashboard": self._dashboard()}

    def _dashboard(self) -> str | None:
        try:
            link = self._client.dashboard_link if self._client is not None else None
        except Exception:
            link = None
        return str(link) if link else None

    # ---- results -------------------------------------------------------------------------

    def _end(self, key: JobKey, outcome: tuple[Any, ...] | None, crash: str) -> None:
        """Reports a job's end exactly once, whoever notices it first."""
        with self._lock:
            entry = self._jobs.pop(key, None)
            if entry is not None:
                self._by_dask.pop(entry.dask_key, None)
        if entry is None:
            return
        entry.ended.set()
        assert self._events is not None
        self._events.job_ended(key, outcome, crash)
        self._forget(entry.dask_key)

    def _forget(self, dask_key: str) -> None:
        client = self._client
        if client is None:
            return
        try:
            from distributed import Event

            for suffix in ("-started", "-cancel"):
                Event(f"{dask_key}{suffix}", client=client).clear()
        except Exception:  # only tidying the scheduler's memory
            log.debug("could not clear the events of %s", dask_key, exc_info=True)

    def _done(self, future: Any) -> None:
        with self._lock:
            key = self._by_dask.get(str(future.key))
            entry = self._jobs.get(key) if key else None
        if key is None or entry is None:
            return
        entry.ended.set()
        if entry.cancelled:
            self._end(key, None, "cancelled")
            return
        try:
            if future.cancelled():
                status = getattr(getattr(future, "client", None), "status", "running")
                self._end(key, None, LOST_SCHEDULER if status != "running" else
                          "the cluster dropped this job (the scheduler restarted or lost "
                          "it); resubmit it")
                return
            if future.status == "error":
                exc = future.exception()
                where = f" on {entry.worker}" if entry.worker else ""
                name = type(exc).__name__
                if name == "KilledWorker":
                    text = (f"the cluster worker running this job{where} stopped mid-job; "
                            f"resubmit it")
                else:
                    text = f"the cluster failed to run this job{where}: {name}: {exc}"
                self._end(key, None, text[:2000])
                return
            self._end(key, self._save(entry.job, future.result()), "")
        except Exception as exc:
            log.exception("the result of %s could not be stored", future.key)
            self._end(key, None, f"the job's result could not be stored: {exc}")

    def _save(self, job: PreparedJob, result: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """The worker's answer as the lifecycle's outcome, its files on this host."""
        if result[0] == "cancelled":
            return ("failed", "the job's work was stopped on the cluster worker (the "
                              "scheduler could not be reached)")
        if result[0] != "done":
            return ("failed", str(result[1]))
        job.run_dir.mkdir(parents=True, exist_ok=True)
        temp = job.run_dir / "result.zip.part"
        temp.write_bytes(result[1])
        os.replace(temp, job.run_dir / "result.zip")
        refreshed = None
        if result[2]:
            folder = job.run_dir / "refreshed"
            folder.mkdir(exist_ok=True)
            path = folder / Path(str(result[2])).name
            path.write_bytes(result[3])
            refreshed = str(path)
        return ("done", refreshed)

    # ---- the monitor ---------------------------------------------------------------------

    def _on_event(self, event: tuple[float, Any]) -> None:
        msg = event[1]
        if not isinstance(msg, dict):
            return
        with self._lock:
            key = self._by_dask.get(str(msg.get("key")))
            entry = self._jobs.get(key) if key else None
        if key is None or entry is None or self._events is None:
            return
        if "started" in msg:
            entry.worker = str(msg["started"])
            self._events.job_started(key, entry.worker)
        elif "done" in msg and not entry.cancelled:
            total = msg.get("total")
            self._events.job_progress(key, int(msg["done"]),
                                      None if total is None else int(total))

    def _connect(self) -> None:
        from distributed import Client

        try:
            client = Client(self.address, security=_security(self.options), timeout="5s",
                            set_as_default=False, name="pmdesk-service")
        except Exception as exc:
            with self._lock:
                self._problem = (f"the Dask scheduler at {self.address} cannot be reached "
                                 f"({type(exc).__name__}: {exc}); jobs wait PENDING until it "
                                 f"is back")
            return
        client.subscribe_topic(PROGRESS, self._on_event)
        with self._lock:
            self._client = client
            self._problem = None
            self._lost_since = None
        log.info("connected to the Dask scheduler at %s", self.address)

    def _monitor(self) -> None:
        while not self._stop.is_set():
            try:
                self._look()
            except Exception:
                log.exception("the Dask monitor hit an error; it carries on")
            self._stop.wait(MONITOR_EVERY if self._client is not None else RECONNECT_EVERY)

    def _look(self) -> None:
        if self._client is None:
            self._connect()
            if self._client is not None and self._events is not None:
                self._events.wake()
            return
        client = self._client
        try:
            if client.status != "running":
                raise OSError(f"the client is {client.status}")
            info = client.scheduler_info(n_workers=-1)
        except Exception as exc:
            self._lost(client, exc)
            return
        workers = {addr: {"name": str(w.get("name", "")), "nthreads": int(w.get("nthreads", 1)),
                          "memoryLimit": w.get("memory_limit")}
                   for addr, w in info.get("workers", {}).items()}
        with self._lock:
            gained = len(workers) > len(self._workers)
            self._workers = workers
            self._problem = None if workers else (
                f"the Dask cluster at {self.address} has no workers; jobs wait PENDING "
                f"until one joins")
            gone = [(key, entry) for key, entry in self._jobs.items()
                    if entry.worker is not None and entry.worker not in workers]
        for key, entry in gone:  # ended first: the cancel's callback then finds nothing
            self._end(key, None, f"the cluster worker running this job ({entry.worker}) "
                                 f"stopped mid-job; resubmit it")
            if entry.future is not None:
                entry.future.cancel()
        if gained and self._events is not None:
            self._events.wake()

    def _lost(self, client: Any, exc: Exception) -> None:
        from pmdesk.service.jobsdb import now_iso

        log.error("lost the Dask scheduler at %s: %s", self.address, exc)
        with self._lock:
            self._client = None
            self._workers = {}
            self._lost_since = now_iso()
            self._problem = (f"the Dask scheduler at {self.address} was lost at "
                             f"{self._lost_since}; jobs wait PENDING until it is back")
            keys = list(self._jobs)
        for key in keys:
            self._end(key, None, LOST_SCHEDULER)
        try:  # the next look connects a new client
            client.close(timeout=2)
        except Exception:
            log.debug("closing the lost client failed", exc_info=True)
