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
import time
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
from pmdesk.service.executors.cluster_task import (
    PROGRESS,
    ClusterTask,
    drop_on_worker,
    finish_on_worker,
    part_on_worker,
    plan_on_worker,
    run_on_worker,
)

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
    # a partitioned BATCH_SCORE: rows done per part, the worker of each started part
    partitioned: bool = False
    rows_total: int | None = None
    part_rows: dict[int, int] = field(default_factory=dict)
    part_workers: dict[int, str] = field(default_factory=dict)


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
        # a BATCH_SCORE of at least this many rows is split across the workers (0: never)
        self.partition_rows = int(options.get("partition_rows", "1000000"))
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
            threads = sum(int(w.get("nthreads", 1)) for w in self._workers.values())
        if job.action == "BATCH_SCORE" and self.partition_rows > 0 and threads >= 2:
            entry.partitioned = True
            threading.Thread(target=self._drive, args=(entry, payload, client, threads),
                             name=f"partitioned-{dask_key}", daemon=True).start()
            return
        try:
            self._submit_whole(entry, payload, client)
        except Exception as exc:  # the lifecycle fails the job: forget it here
            with self._lock:
                self._jobs.pop(job.key, None)
                self._by_dask.pop(dask_key, None)
            raise ExecutorError(f"the Dask scheduler refused the job: {exc}") from exc

    def _submit_whole(self, entry: _Job, payload: ClusterTask, client: Any) -> None:
        future = client.submit(run_on_worker, payload, key=entry.dask_key, pure=False,
                               retries=0)
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

    # ---- partitioned BATCH_SCORE ---------------------------------------------------------

    def _drive(self, entry: _Job, payload: ClusterTask, client: Any, threads: int) -> None:
        """Plan, parts, finish: each step a task on the workers; this thread only waits."""
        key = entry.job.key
        try:
            self._drive_steps(entry, payload, client, threads)
        except Exception as exc:
            log.exception("the partitioned job %s failed in the service", entry.dask_key)
            self._end(key, None, f"the service could not drive this job's parts: {exc}")

    def _wait(self, entry: _Job, futures: list[Any], client: Any) -> str | None:
        """Waits for every future; None when all are done, else why the job must stop."""
        while True:
            if entry.cancelled:
                return "cancelled"
            if self._client is not client:
                return LOST_SCHEDULER
            if all(f.done() for f in futures):
                return None
            with self._lock:
                workers = set(self._workers)
            for index, where in list(entry.part_workers.items()):
                if where not in workers and not futures[min(index, len(futures) - 1)].done():
                    return (f"the cluster worker scoring part {index + 1} of this job "
                            f"({where}) stopped mid-job; the target table is untouched: "
                            f"resubmit it")
            time.sleep(0.1)

    @staticmethod
    def _result(future: Any) -> tuple[Any, ...]:
        if future.status == "error":
            exc = future.exception()
            return ("failed", f"the cluster failed to run a step of this job: "
                              f"{type(exc).__name__}: {exc}"[:2000])
        if future.cancelled():
            return ("failed", "the cluster dropped a step of this job; resubmit it")
        result: tuple[Any, ...] = future.result()
        return result

    def _drive_steps(self, entry: _Job, payload: ClusterTask, client: Any,
                     threads: int) -> None:
        key, base = entry.job.key, entry.dask_key
        plan_f = client.submit(plan_on_worker, payload, threads, self.partition_rows,
                               key=f"{base}-plan", pure=False, retries=0)
        stop = self._wait(entry, [plan_f], client)
        if stop is not None:
            self._end(key, None, stop)
            deadline = time.monotonic() + CANCEL_WAIT  # a plan made meanwhile: undo it
            while not plan_f.done() and time.monotonic() < deadline:
                time.sleep(0.05)
            planned = self._result(plan_f) if plan_f.done() else ("none",)
            if planned[0] == "plan":
                self._drop(payload, planned[1], client)
            plan_f.cancel()
            return
        planned = self._result(plan_f)
        if planned[0] == "whole":  # too small, or not splittable: one task as usual
            entry.partitioned = False
            self._submit_whole(entry, payload, client)
            return
        if planned[0] != "plan":
            self._end(key, ("failed", str(planned[1])), "")
            return
        the_plan = planned[1]
        entry.rows_total = int(the_plan.rows_total)
        log.info("job %s: %d parts of %d rows in all", base, len(the_plan.parts),
                 the_plan.rows_total)
        parts = [client.submit(part_on_worker, payload, the_plan, i, key=f"{base}-part{i}",
                               pure=False, retries=0) for i in range(len(the_plan.parts))]
        stop = self._wait(entry, parts, client)
        failure = next((r for r in (self._result(f) for f in parts if f.done())
                        if r[0] != "done"), None) if stop is None else None
        if stop is not None or failure is not None:
            self._stop_parts(entry, parts, client)
            self._drop(payload, the_plan, client)
            if failure is not None:
                self._end(key, ("failed", str(failure[1])), "")
            else:
                self._end(key, None, stop or "cancelled")
            return
        fin = client.submit(finish_on_worker, payload, the_plan, key=f"{base}-finish",
                            pure=False, retries=0)
        stop = self._wait(entry, [fin], client)
        if stop is not None:  # the final transaction commits whole or not at all
            self._end(key, None, stop)
            return
        finished = self._result(fin)
        if finished[0] != "done":
            self._drop(payload, the_plan, client)
            self._end(key, ("failed", str(finished[1])), "")
            return
        import zipfile

        entry.job.run_dir.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(entry.job.run_dir / "result.zip", "w"):
            pass  # as a whole BATCH_SCORE into tables: no files
        self._end(key, ("done", None), "")

    def _stop_parts(self, entry: _Job, parts: list[Any], client: Any) -> None:
        """The parts still running stop at their next chunk and roll back."""
        try:
            from distributed import Event

            Event(f"{entry.dask_key}-cancel", client=client).set()
        except Exception:
            log.warning("could not signal the cancel of %s", entry.dask_key)
        deadline = time.monotonic() + CANCEL_WAIT
        while time.monotonic() < deadline and not all(f.done() for f in parts):
            time.sleep(0.05)
        entry.ended.set()
        for f in parts:
            f.cancel()

    def _drop(self, payload: ClusterTask, the_plan: Any, client: Any) -> None:
        if self._client is not client:
            log.warning("staging table %s is left behind (the scheduler is gone)",
                        the_plan.staging)
            return
        try:
            client.submit(drop_on_worker, payload, the_plan, pure=False,
                          key=f"{payload.key}-drop").result(timeout=30)
        except Exception:
            log.warning("could not drop the staging table %s", the_plan.staging,
                        exc_info=True)

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
        if "started" in msg and entry.partitioned:
            where = str(msg["started"])
            before = set(entry.part_workers.values())
            entry.part_workers[int(msg.get("part", 0))] = where
            if where not in before:  # runsOn lists every worker scoring a part
                self._events.job_started(
                    key, ",".join(dict.fromkeys(entry.part_workers.values())))
        elif "started" in msg:
            entry.worker = str(msg["started"])
            self._events.job_started(key, entry.worker)
        elif "part" in msg and not entry.cancelled:
            entry.part_rows[int(msg["part"])] = int(msg["done"])
            self._events.job_progress(key, sum(entry.part_rows.values()), entry.rows_total)
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
