"""8. Executors: a small BATCH_SCORE from POST to SUCCESS on the embedded executor's warm
workers, against a process started for the job (the old pool's way); and jobs per minute
on a loopback Dask cluster of 2 workers against 1 worker, in the same run.

The small job is the samples' BATCH_SCORE (1,000 rows, SQLite). Its time is POST until a
status poll (every 5 ms) says SUCCESS. The baseline runs the same job in a freshly spawned
worker process (worker_main), timed from start to its outcome, without HTTP.
The cluster figure is skipped when `dask[distributed]` (the cluster extra) is missing.
"""

from __future__ import annotations

import contextlib
import copy
import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.common import (
    PYTHON,
    REPO,
    Context,
    Figure,
    NotAvailable,
    Target,
    free_port,
    pmdesk_server,
    require_module,
    server_key,
)

TITLE = "Executors: warm embedded workers, and a loopback Dask cluster (2 workers vs 1)"


def _samples(folder: Path) -> tuple[dict[str, Any], Path]:
    from pmdesk.engine.samples import write_samples

    write_samples(folder)
    definition = json.loads((folder / "BATCH_SCORE.json").read_text())
    return definition, folder / definition["model"]["id"]


def _run_job(client: Any, key: str, job_id: str, definition: dict[str, Any]) -> float:
    params = {"accesskey": key}
    t0 = time.perf_counter()
    r = client.post(f"/pm/v1/jobs/{job_id}", params=params, json=definition)
    r.raise_for_status()
    while True:
        state = client.get(f"/pm/v1/jobs/{job_id}/status", params=params).json()
        if state["jobStatus"] in ("SUCCESS", "FAILED", "CANCELED"):
            break
        time.sleep(0.005)
    seconds = time.perf_counter() - t0
    if state["jobStatus"] != "SUCCESS":
        raise RuntimeError(f"job {job_id} ended {state['jobStatus']}: {state.get('message')}")
    return seconds


def _spawned_job(folder: Path, definition: dict[str, Any], stream: Path, n: int) -> float:
    """The old pool's cost: a process spawned for the job, which imports the engine."""
    from pmdesk.service.worker import WorkerTask, worker_main

    run_dir = folder / f"run{n}"
    pinned = run_dir / "pinned" / stream.name
    pinned.parent.mkdir(parents=True)
    shutil.copyfile(stream, pinned)
    task = WorkerTask(job_id=f"b{n}", definition=definition, secrets={},
                      data_dir=str(folder), stored_stream=str(pinned), run_dir=str(run_dir))
    ctx = multiprocessing.get_context("spawn")
    t0 = time.perf_counter()
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=worker_main, args=(send, task))
    proc.start()
    send.close()
    outcome: Any = None
    try:
        while True:
            message = recv.recv()
            if message[0] != "progress":
                outcome = message
                break
    except EOFError:
        pass
    proc.join()
    seconds = time.perf_counter() - t0
    if outcome is None or outcome[0] != "done":
        raise RuntimeError(f"the spawned job failed: {outcome}")
    return seconds


def embedded(ctx: Context, definition: dict[str, Any], stream: Path) -> None:
    import httpx

    repeats = 3 if ctx.mode.name == "smoke" else max(5, ctx.mode.repeats * 4)
    server = pmdesk_server(ctx.work / "data", extra=["--workers", "2"]).start()
    ctx.on_close(server.stop)
    key = server_key(server)
    with httpx.Client(base_url=server.url, timeout=60) as client:
        client.put("/pm/v1/file/" + stream.name, params={"accesskey": key},
                   files={"model_file": (stream.name, stream.read_bytes())}).raise_for_status()
        _wait_warm(client, key)
        _run_job(client, key, "warmup", definition)  # the first job fills the caches
        ours = [_run_job(client, key, f"small{i}", definition) for i in range(repeats)]
    spawned = 1 if ctx.mode.name == "smoke" else max(3, repeats // 2)
    base = [_spawned_job(ctx.work, definition, stream, i) for i in range(spawned)]
    ctx.add(Figure("embedded small BATCH_SCORE, POST to SUCCESS", "s", ours,
                   "the same job in a process spawned for it", base,
                   Target("value", "<=", 0.15)))


def _burst(ctx: Context, definition: dict[str, Any], stream: Path, jobs: int,
           extra: list[str], name: str) -> float:
    """Jobs per minute for `jobs` small jobs submitted at once on 2 workers."""
    import httpx

    server = pmdesk_server(ctx.work / name, extra=["--workers", "2", *extra]).start()
    try:
        key = server_key(server)
        params = {"accesskey": key}
        with httpx.Client(base_url=server.url, timeout=60) as client:
            client.put("/pm/v1/file/" + stream.name, params=params,
                       files={"model_file": (stream.name, stream.read_bytes())}
                       ).raise_for_status()
            _wait_warm(client, key)
            folder = ctx.work / f"{name}-out"
            folder.mkdir()
            t0 = time.perf_counter()
            for i in range(jobs):
                client.post(f"/pm/v1/jobs/b{i}", params=params,
                            json=_own_output(definition, folder / f"o{i}.db")
                            ).raise_for_status()
            for i in range(jobs):
                while True:
                    state = client.get(f"/pm/v1/jobs/b{i}/status", params=params).json()
                    if state["jobStatus"] in ("SUCCESS", "FAILED", "CANCELED"):
                        break
                    time.sleep(0.02)
                if state["jobStatus"] != "SUCCESS":
                    raise RuntimeError(f"burst job b{i}: {state.get('message')}")
            return jobs / ((time.perf_counter() - t0) / 60)
    finally:
        server.stop()


def burst(ctx: Context, definition: dict[str, Any], stream: Path) -> None:
    jobs = {"smoke": 4, "quick": 30}.get(ctx.mode.name, 200)
    warm = _burst(ctx, definition, stream, jobs, [], "burst-warm")
    fresh = _burst(ctx, definition, stream, jobs, ["--recycle-after-jobs", "1"], "burst-fresh")
    ctx.add(Figure(f"embedded, {jobs} small jobs at once on 2 workers", "jobs/min", [warm],
                   "a fresh process per job (--recycle-after-jobs 1, as the old pool)",
                   [fresh]))


def _wait_warm(client: Any, key: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = client.get("/pm/v1/cluster", params={"accesskey": key}).json()["workers"]
        if workers and all(w["state"] == "idle" for w in workers):
            return
        time.sleep(0.1)
    raise RuntimeError("the warm workers did not start")


# ---- the cluster --------------------------------------------------------------------------


def _dask(folder: Path, name: str, args: list[str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    with (folder / f"{name}.log").open("ab") as log:
        return subprocess.Popen([PYTHON, "-m", "dask", *args], env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, 9)
        except ProcessLookupError:
            pass
        proc.wait(10)


class _MemorySampler:
    """Samples each worker's resident memory (the worker and the job processes it starts)
    every `interval` seconds in a thread, to see whether it grows during a job."""

    def __init__(self, pids: list[int], interval: float = 0.2) -> None:
        self.pids = pids
        self.interval = interval
        self.samples: list[tuple[float, list[int]]] = []  # (seconds, RSS per worker)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _rss(pid: int) -> int:
        import psutil

        try:
            proc = psutil.Process(pid)
            total = proc.memory_info().rss
            for child in proc.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    total += child.memory_info().rss
            return int(total)
        except psutil.Error:
            return 0

    def _run(self) -> None:
        t0 = time.perf_counter()
        while not self._stop.wait(self.interval):
            self.samples.append((time.perf_counter() - t0, [self._rss(p) for p in self.pids]))

    def __enter__(self) -> _MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def peaks_mib(self, until: float = 1.0) -> list[float]:
        """Each worker's peak over the first `until` fraction of the sampled time, MiB."""
        if not self.samples:
            return [0.0]
        end = self.samples[-1][0] * until
        window = [rss for t, rss in self.samples if t <= end] or [self.samples[0][1]]
        return [max(r[i] for r in window) / 2**20 for i in range(len(self.pids))]


@contextlib.contextmanager
def _cluster(ctx: Context, workers: int, extra: list[str]
             ) -> Iterator[tuple[Any, str, list[int]]]:
    """A loopback scheduler, `workers` single-thread workers and `pmdesk serve --cluster`;
    yields an HTTP client of the service, its key and the workers' process ids."""
    import httpx

    folder = ctx.work / f"cluster{workers}-{free_port()}"
    folder.mkdir()
    port = free_port()
    # the timeouts end a scheduler or worker whose harness was killed
    procs = [_dask(folder, "scheduler", ["scheduler", "--idle-timeout", "300", "--host",
                                         "127.0.0.1", "--port", str(port),
                                         "--dashboard-address", ":0"])]
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the dask scheduler did not start") from None
                time.sleep(0.2)
        for n in range(workers):
            procs.append(_dask(folder, f"worker{n}", [
                "worker", f"tcp://127.0.0.1:{port}", "--nthreads", "1", "--no-nanny",
                "--death-timeout", "60", "--host", "127.0.0.1", "--memory-limit", "0"]))
        server = pmdesk_server(folder / "data", extra=[
            "--cluster", f"tcp://127.0.0.1:{port}", *extra]).start()
        try:
            key = server_key(server)
            with httpx.Client(base_url=server.url, timeout=60) as client:
                deadline = time.monotonic() + 90
                while len(client.get("/pm/v1/cluster", params={"accesskey": key}).json()
                          .get("workers", [])) < workers:
                    if time.monotonic() > deadline:
                        raise RuntimeError("the dask workers did not join")
                    time.sleep(0.2)
                yield client, key, [p.pid for p in procs[1:]]
        finally:
            server.stop()
    finally:
        for proc in reversed(procs):
            _kill(proc)


def _wait_all(client: Any, key: str, ids: list[str]) -> None:
    for job_id in ids:
        while True:
            state = client.get(f"/pm/v1/jobs/{job_id}/status",
                               params={"accesskey": key}).json()
            if state["jobStatus"] in ("SUCCESS", "FAILED", "CANCELED"):
                break
            time.sleep(0.05)
        if state["jobStatus"] != "SUCCESS":
            raise RuntimeError(f"cluster job {job_id}: {state.get('message')}")


def _upload(client: Any, key: str, stream: Path) -> None:
    client.put("/pm/v1/file/" + stream.name, params={"accesskey": key},
               files={"model_file": (stream.name, stream.read_bytes())}).raise_for_status()


def _jobs_per_minute(ctx: Context, workers: int, definition: dict[str, Any], stream: Path,
                     jobs: int, big: dict[str, Any] | None, split_rows: int
                     ) -> tuple[float, float | None, _MemorySampler | None]:
    """(small jobs per minute, seconds of the big PostgreSQL job or None, the workers'
    memory during the big job); only the big job is split (at least `split_rows` rows)."""
    with _cluster(ctx, workers, ["--cluster-partition-rows", str(split_rows)]
                  ) as (client, key, pids):
        _upload(client, key, stream)
        folder = ctx.work / f"outs{workers}"
        folder.mkdir()
        t0 = time.perf_counter()
        ids = [f"j{i}" for i in range(jobs)]
        for i, job_id in enumerate(ids):
            client.post(f"/pm/v1/jobs/{job_id}", params={"accesskey": key},
                        json=_own_output(definition, folder / f"out{i}.db")
                        ).raise_for_status()
        _wait_all(client, key, ids)
        per_minute = jobs / ((time.perf_counter() - t0) / 60)
        big_seconds = None
        sampler = None
        if big is not None:
            with _MemorySampler(pids) as sampler:
                t0 = time.perf_counter()
                client.post("/pm/v1/jobs/big", params={"accesskey": key},
                            json=big).raise_for_status()
                _wait_all(client, key, ["big"])
                big_seconds = time.perf_counter() - t0
        return per_minute, big_seconds, sampler


def _own_output(definition: dict[str, Any], db: Path) -> dict[str, Any]:
    """The job writing into a SQLite file of its own: jobs never wait on one file's lock."""
    db.touch()  # an empty file is an empty SQLite database
    d = copy.deepcopy(definition)
    d["dbDefinitions"]["own_out"] = {"type": "SQLite", "db": str(db)}
    for export in d["setting"]["exports"]:
        export["odbc"]["dbRef"] = "own_out"
    return d


def _big_pg_job(ctx: Context, definition: dict[str, Any], stream: Path,
                rows: int) -> dict[str, Any] | None:
    """The samples' BATCH_SCORE on a PostgreSQL table of `rows` rows (Drop), or None."""
    url = os.environ.get("PMDESK_TEST_PG_URL", "")
    if not url:
        ctx.skip("cluster PostgreSQL BATCH_SCORE", "PMDESK_TEST_PG_URL is not set")
        return None
    from benchmarks.engine import find_batch_score, load_pg, make_table, pg_definition

    _, _, sample_db, sample_table = find_batch_score(stream.parent)
    db = ctx.work / "big.db"
    make_table(sample_db, sample_table, db, rows)
    load_pg(url, db)
    db.unlink()
    return pg_definition(definition, url)


def cluster(ctx: Context, definition: dict[str, Any], stream: Path) -> None:
    try:
        require_module("distributed", "the cluster extra (pip install pmdesk[cluster])")
    except NotAvailable as exc:
        ctx.skip("cluster figures", str(exc))
        return
    jobs = {"smoke": 2, "quick": 8}.get(ctx.mode.name, 20)
    rows = ctx.mode.engine_rows[1]
    big = _big_pg_job(ctx, definition, stream, rows)
    split = max(rows, 2000)
    per_min2, big2, memory2 = _jobs_per_minute(ctx, 2, definition, stream, jobs, big, split)
    per_min1, big1, _ = _jobs_per_minute(ctx, 1, definition, stream, jobs, big, split)
    ctx.add(Figure(f"cluster of 2 workers, {jobs} small BATCH_SCORE jobs", "jobs/min",
                   [per_min2], "1 worker", [per_min1],
                   note="both clusters share this machine's cores with the service"))
    if big1 is not None and big2 is not None:
        ctx.add(Figure(f"cluster, PostgreSQL BATCH_SCORE of {rows:,} rows split on 2 "
                       f"workers", "rows/s", [rows / big2], "1 worker (not split)",
                       [rows / big1], Target("ratio", ">=", 1.6)))
    if memory2 is not None:
        # flat: what a worker holds at the end of its part is what it held a quarter in
        ctx.add(Figure(f"cluster, peak memory per worker over the {rows:,}-row split job",
                       "MiB", memory2.peaks_mib(), "the same workers' peak in the job's "
                       "first quarter", memory2.peaks_mib(0.25), Target("ratio", "<=", 1.2),
                       note="each worker's process and the job process it starts, sampled "
                            "every 0.2 s"))


def run(ctx: Context) -> None:
    require_module("pmdesk.service.executors", "the executors")
    definition, stream = _samples(ctx.work / "samples")
    embedded(ctx, definition, stream)
    burst(ctx, definition, stream)
    cluster(ctx, definition, stream)
    sys.stdout.flush()
