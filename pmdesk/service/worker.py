"""What runs inside a job worker process (multiprocessing, spawn start method).

A worker runs one job at a time, so cancelling is a real kill of its process group. Two
ways to start one: `worker_main` runs a single job and exits (the Dask executor starts it
on a cluster worker), `warm_main` is a pre-started worker of the embedded executor that
imports the engine once and then runs jobs one after the other until it retires (after
`max_jobs` jobs or when its memory grew past a bound; the executor starts a fresh one).

The process receives the definition without passwords plus their encrypted tokens and
decrypts them itself (or, on a cluster worker, the clear passwords that travelled with the
task): clear-text passwords exist only here. It copies the stream to a private file (a
re-upload or DELETE of the stored file during the run changes nothing), runs the engine,
zips every generated file into the result and reports back over a pipe. Messages to the
parent: ("progress", done, total), then the outcome: ("done", refreshed_stream_or_None) or
("failed", message); a warm worker sends ("ready", pid) once, and each outcome as
("outcome", outcome, retiring).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import sys
import threading
import time
import traceback
import zipfile
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from pmdesk.api.redact import redact
from pmdesk.service import runlog

log = logging.getLogger("pmdesk.worker")

PROGRESS_INTERVAL = 0.5  # at most two progress updates a second reach the database


@dataclass(frozen=True)
class WorkerTask:
    job_id: str
    definition: dict[str, Any]  # passwords masked
    secrets: dict[str, str]  # dbRef -> encrypted password
    data_dir: str
    stored_stream: str  # a link to (or copy of) the stored stream, made when claimed
    run_dir: str
    test_delay: float = 0.0
    # on a cluster worker: dbRef -> clear password, sent with the task (no data dir there)
    passwords: dict[str, str] | None = None

    def __repr__(self) -> str:
        return f"WorkerTask({self.job_id!r})"


def _scrub(text: str, passwords: list[str]) -> str:
    return redact(text, passwords)  # the one redaction rule (pmdesk.api.redact)


class Sender(Protocol):
    """Where a run reports progress: a pipe's end, or anything with `send`."""

    def send(self, obj: Any) -> None: ...


def _die_with_parent() -> None:
    """An orphaned worker (the service was killed) stops instead of writing on."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(3)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def zip_results(out_dir: Path, extra: list[Path], dest: Path) -> None:
    temp = dest.with_suffix(".part")
    with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as zf:
        seen: set[Path] = set()
        for path in sorted(out_dir.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(out_dir).as_posix())
                seen.add(path.resolve())
        for path in extra:
            if path.is_file() and path.resolve() not in seen:
                zf.write(path, path.name)
    os.replace(temp, dest)


def _setup_process() -> None:
    if hasattr(os, "setpgrp"):
        os.setpgrp()  # its own group: a cancel kills whatever the engine started too
    _die_with_parent()
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def worker_main(conn: Connection, task: WorkerTask) -> None:
    """One job in a fresh process, then exit."""
    _setup_process()
    try:
        conn.send(run_one(conn, task))
    finally:
        conn.close()


def preload() -> None:
    """Imports what every job needs, so a warm worker's first job starts at once."""
    import pandas  # noqa: F401
    import sqlalchemy  # noqa: F401

    import pmdesk.engine.db
    import pmdesk.engine.pipeline
    import pmdesk.engine.pmml
    import pmdesk.engine.run
    import pmdesk.service.crypto
    import pmdesk.streams.openformat  # noqa: F401


def _rss_mb() -> float:
    """The process's resident memory now (Linux), else its peak; 0 when unknown."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    try:
        import resource
    except ImportError:  # Windows: no memory-based recycling there
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # kB on Linux


def warm_main(conn: Connection, max_jobs: int, max_growth_mb: float) -> None:
    """A pre-started worker: jobs one after another from the pipe, until it retires.

    A job that ends normally leaves nothing behind in this process but what the engine
    cached; memory that grew (a big frame, a leak in a library) is returned by retiring.
    """
    _setup_process()
    try:
        preload()
    except Exception:  # a broken install still runs jobs; each fails with a message
        log.exception("the warm worker could not import the engine")
    baseline = _rss_mb()
    conn.send(("ready", os.getpid()))
    done = 0
    try:
        while True:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                return  # the service closed the pipe: stop
            if task is None:
                return
            outcome = run_one(conn, task)
            done += 1
            grown = _rss_mb() - baseline
            retiring = done >= max_jobs or (max_growth_mb > 0 and grown > max_growth_mb)
            conn.send(("outcome", outcome, retiring))
            if retiring:
                return
    finally:
        conn.close()


def run_one(conn: Sender, task: WorkerTask) -> tuple[Any, ...]:
    """One run of a job, as an outcome message; never raises (the worker lives on)."""
    passwords: list[str] = []
    runlog.worker_start(task.run_dir, task.definition, passwords)  # the run's log
    try:
        return runlog.worker_end(task.run_dir, _run(conn, task, passwords))
    except Exception as exc:  # anything unforeseen still ends as a readable FAILED
        detail = _scrub(traceback.format_exc(), passwords)
        log.error("job %r failed unexpectedly:\n%s", task.job_id, detail)
        return ("failed", _scrub(f"{type(exc).__name__}: {exc}", passwords))


def _run(conn: Sender, task: WorkerTask, passwords: list[str]) -> tuple[Any, ...]:
    from pmdesk.api.models import JobDefinition
    from pmdesk.service.crypto import SecretBox

    run_dir = Path(task.run_dir)
    out_dir = run_dir / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    definition = dict(task.definition)
    if task.passwords:
        dbs = {k: dict(v) for k, v in definition.get("dbDefinitions", {}).items()}
        for ref, clear in task.passwords.items():
            if ref in dbs:
                dbs[ref]["password"] = clear
                passwords.append(clear)
        definition["dbDefinitions"] = dbs
    elif task.secrets:
        box = SecretBox.for_data_dir(Path(task.data_dir))
        dbs = {k: dict(v) for k, v in definition.get("dbDefinitions", {}).items()}
        for ref, token in task.secrets.items():
            if ref in dbs:
                dbs[ref]["password"] = box.open(token)
                passwords.append(dbs[ref]["password"])
        definition["dbDefinitions"] = dbs
    job = JobDefinition.parse(definition)

    stored = Path(task.stored_stream)
    stream = run_dir / "stream" / stored.name
    stream.parent.mkdir(parents=True, exist_ok=True)
    try:
        shutil.copyfile(stored, stream)
    except FileNotFoundError:
        return ("failed", f"stream file {job.model.id!r} does not exist (deleted?)")
    stored.unlink(missing_ok=True)  # the pinned link the service made at claim time

    last = 0.0

    def progress(done: int, total: int | None) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_INTERVAL or (total is not None and done >= total):
            last = now
            conn.send(("progress", int(done), None if total is None else int(total)))

    if task.test_delay > 0:  # test-only: PMDESK_TEST_JOB_DELAY (see ServiceConfig)
        time.sleep(task.test_delay)

    from pmdesk.engine import EngineError, run_job

    try:
        outcome = run_job(job, stream, out_dir, progress)
    except EngineError as exc:
        return ("failed", _scrub(str(exc), passwords) or "the engine stopped the job")
    except MemoryError:
        return ("failed", "the job ran out of memory")
    except Exception as exc:
        detail = _scrub(traceback.format_exc(), passwords)
        log.error("job %r: the engine failed:\n%s", task.job_id, detail)
        text = _scrub(str(exc), passwords)
        return ("failed", f"the engine failed: {type(exc).__name__}: {text}"[:2000])

    zip_results(out_dir, list(outcome.files), run_dir / "result.zip")
    refreshed = outcome.refreshed_stream
    return ("done", str(refreshed) if refreshed is not None else None)
