"""What runs on a Dask worker for one job (imported there: `pip install pmdesk[cluster]`).

The task carries everything the job needs - the stream's bytes, the definition and the
clear passwords - since a worker has no access to the service's data dir. It runs the
engine in a child process (so a cancel is a real kill of its process group), sends
progress back as events on the PROGRESS topic and returns the result zip's bytes.

A cancel is a Dask Event named after the task's key, polled every POLL seconds; a task
attempt that finds its job started before (its first worker died mid-job, and Dask
retried it) refuses to run again: a second run could write its rows twice.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger("pmdesk.cluster_task")

PROGRESS = "pmdesk-job-events"
POLL = 0.25  # seconds between two looks at the cancel event
SCHEDULER_GRACE = 2.0  # the scheduler unreachable this long: stop the job's work


@dataclass(frozen=True)
class ClusterTask:
    key: str  # the Dask key, which the dashboard shows: no job data in it
    job_id: str
    definition: dict[str, Any]  # passwords masked
    passwords: dict[str, str]  # dbRef -> clear password
    stream_name: str
    stream: bytes
    test_delay: float = 0.0

    def __repr__(self) -> str:  # what a log or the dashboard could print: nothing secret
        return f"ClusterTask({self.key!r})"


def _emit(client: Any, msg: dict[str, Any]) -> None:
    try:
        client.log_event(PROGRESS, msg)
    except Exception:  # progress is best effort; the outcome is the task's result
        log.debug("could not send a job event", exc_info=True)


def run_on_worker(task: ClusterTask) -> tuple[Any, ...]:
    """One job on this worker: ("done", zip_bytes, refreshed_name, refreshed_bytes),
    ("failed", message) or ("cancelled",)."""
    from distributed import Event, get_client, get_worker

    from pmdesk.service.executors.child import read_message
    from pmdesk.service.worker import WorkerTask

    worker = get_worker()
    client = get_client()
    started = Event(f"{task.key}-started", client=client)
    if started.is_set():
        return ("failed", "the cluster worker first running this job stopped mid-job; the "
                          "job is not run a second time (it could write its rows twice): "
                          "resubmit it")
    started.set()
    _emit(client, {"key": task.key, "started": worker.address})
    cancel = Event(f"{task.key}-cancel", client=client)
    with tempfile.TemporaryDirectory(prefix="pmdesk-job-") as tmp:
        run_dir = Path(tmp)
        pinned = run_dir / "pinned" / task.stream_name
        pinned.parent.mkdir()
        pinned.write_bytes(task.stream)
        wtask = WorkerTask(job_id=task.job_id, definition=task.definition, secrets={},
                           data_dir=tmp, stored_stream=str(pinned), run_dir=tmp,
                           test_delay=task.test_delay, passwords=task.passwords)
        import pickle

        proc = subprocess.Popen(
            [sys.executable, "-m", "pmdesk.service.executors.child", str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, start_new_session=True)
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(pickle.dumps(wtask))
        proc.stdin.close()
        outcome: list[tuple[Any, ...]] = []

        def read() -> None:
            assert proc.stdout is not None
            while True:
                try:
                    message = read_message(proc.stdout)  # type: ignore[arg-type]
                except (EOFError, OSError, ValueError):
                    return
                if message[0] == "progress":
                    _emit(client, {"key": task.key, "done": message[1], "total": message[2]})
                else:
                    outcome.append(message)

        reader = threading.Thread(target=read, name=f"{task.key}-reader", daemon=True)
        reader.start()
        unreachable_since: float | None = None
        while proc.poll() is None:
            try:
                stop = cancel.wait(POLL)
                unreachable_since = None
            except Exception:  # the scheduler is gone: nobody can receive the result
                unreachable_since = unreachable_since or time.monotonic()
                stop = time.monotonic() - unreachable_since > SCHEDULER_GRACE
                time.sleep(POLL)
            if stop:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
                reader.join(5)
                return ("cancelled",)
        reader.join(10)
        if not outcome:
            code = proc.returncode
            why = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
            return ("failed", f"the job's process on cluster worker {worker.address} "
                              f"stopped unexpectedly ({why})")
        result = outcome[-1]
        if result[0] != "done":
            return ("failed", str(result[1]))
        data = (run_dir / "result.zip").read_bytes()
        refreshed = result[1]
        if refreshed:
            path = Path(refreshed)
            return ("done", data, path.name, path.read_bytes())
        return ("done", data, None, None)


# ---- partitioned BATCH_SCORE (engine/partitioned.py): steps run in the worker's thread --


def _definition(task: ClusterTask) -> Any:
    from pmdesk.api.models import JobDefinition

    definition = dict(task.definition)
    dbs = {k: dict(v) for k, v in definition.get("dbDefinitions", {}).items()}
    for ref, clear in task.passwords.items():
        if ref in dbs:
            dbs[ref]["password"] = clear
    definition["dbDefinitions"] = dbs
    return JobDefinition.parse(definition)


def _failed(task: ClusterTask, exc: Exception) -> tuple[str, str]:
    from pmdesk.engine.errors import EngineError

    text = str(exc) if isinstance(exc, EngineError) else f"{type(exc).__name__}: {exc}"
    for pw in task.passwords.values():
        if pw:
            text = text.replace(pw, "********")
    return ("failed", text[:2000])


def _once(key: str) -> bool:
    """True the first time a step of this key starts; a Dask retry after its worker died
    gets False (the step may have committed before dying)."""
    from distributed import Event, get_client

    started = Event(f"{key}-started", client=get_client())
    if started.is_set():
        return False
    started.set()
    return True


def plan_on_worker(task: ClusterTask, parts: int, min_rows: int) -> tuple[Any, ...]:
    """("plan", Plan), ("whole",) when the job is not split, or ("failed", message)."""
    from pmdesk.engine.partitioned import plan

    with tempfile.TemporaryDirectory(prefix="pmdesk-plan-") as tmp:
        stream = Path(tmp) / task.stream_name
        stream.write_bytes(task.stream)
        try:
            the_plan = plan(_definition(task), stream, parts, min_rows)
        except Exception as exc:
            return _failed(task, exc)
    return ("plan", the_plan) if the_plan is not None else ("whole",)


def part_on_worker(task: ClusterTask, the_plan: Any, index: int) -> tuple[Any, ...]:
    """("done", rows) once part `index` is committed into the staging table."""
    from distributed import Event, get_client, get_worker

    from pmdesk.engine.partitioned import score_part

    part_key = f"{task.key}-part{index}"
    if not _once(part_key):
        return ("failed", f"the cluster worker first scoring part {index + 1} of this job "
                          f"stopped mid-part; the target table is untouched: resubmit it")
    client = get_client()
    _emit(client, {"key": task.key, "started": get_worker().address, "part": index})
    cancel = Event(f"{task.key}-cancel", client=client)
    last = [0.0]

    def progress(done: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5:
            last[0] = now
            _emit(client, {"key": task.key, "part": index, "done": done})

    with tempfile.TemporaryDirectory(prefix="pmdesk-part-") as tmp:
        stream = Path(tmp) / task.stream_name
        stream.write_bytes(task.stream)
        try:
            rows = score_part(_definition(task), stream, the_plan, index, progress,
                              should_stop=cancel.is_set)
        except Exception as exc:
            return _failed(task, exc)
    _emit(client, {"key": task.key, "part": index, "done": rows})
    return ("done", rows)


def finish_on_worker(task: ClusterTask, the_plan: Any) -> tuple[Any, ...]:
    from pmdesk.engine.partitioned import finish

    try:
        finish(_definition(task), the_plan)
    except Exception as exc:
        return _failed(task, exc)
    return ("done",)


def drop_on_worker(task: ClusterTask, the_plan: Any) -> tuple[Any, ...]:
    from pmdesk.engine.partitioned import drop_staging

    try:
        drop_staging(_definition(task), the_plan)
    except Exception as exc:
        return _failed(task, exc)
    return ("done",)
