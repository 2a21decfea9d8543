"""4. Service: req/s and p99 of the status and list calls with many jobs stored.

Baseline: benchmarks/bare_app.py (a minimal FastAPI app returning small JSON) on uvicorn
with httptools + uvloop, loaded by the same generator with the same connections.
The list call is measured both ways: a full answer (what a first poll costs) and the
conditional answer with If-None-Match (what every later poll costs: a 304).
"""

from __future__ import annotations

from pathlib import Path

import httpx

from benchmarks.common import (
    PYTHON,
    Context,
    Figure,
    NotAvailable,
    Server,
    fmt,
    interleaved,
    server_key,
)
from benchmarks.load import CONNECTIONS, Load, run_load, tool_name, wait_idle
from benchmarks.seed import seeded_server

TITLE = "Service: status and list calls with many jobs stored, against a bare handler"
# A full list answer is megabytes: 32 connections would measure only their queue. Four is
# a handful of app windows opening at once.
FULL_LIST_CONNECTIONS = 4


def bare_server(log: Path) -> Server:
    return Server(
        cmd=[PYTHON, "-m", "uvicorn", "benchmarks.bare_app:app", "--host", "127.0.0.1",
             "--port", "{port}", "--http", "httptools", "--loop", "uvloop",
             "--no-access-log", "--log-level", "warning"],
        ready_path="/pm/v1/file", log=log)


def run(ctx: Context) -> None:
    mode = ctx.mode
    active = min(200, mode.service_jobs // 10)
    try:
        server, seeded = seeded_server(ctx.work / "data", mode.service_jobs - active, active,
                                       prefix="bench-")
    except RuntimeError as exc:
        raise NotAvailable(f"the service does not start: {exc}") from None
    ctx.on_close(server.stop)
    key = server_key(server)
    bare = bare_server(ctx.work / "bare.log").start()
    ctx.on_close(bare.stop)
    with httpx.Client(base_url=server.url, timeout=60) as client:
        r = client.get("/pm/v1/jobs", params={"accesskey": key})
        r.raise_for_status()
        etag = r.headers.get("etag")
        listed = len(r.json())
        list_bytes = len(r.content)
    if listed != mode.service_jobs:
        ctx.note(f"the list holds {listed} jobs, {mode.service_jobs} were stored")
    ctx.note(f"{mode.service_jobs} jobs stored ({active} active) in {seeded:.1f} s; "
             f"list answer {list_bytes / 1e6:.2f} MB; load by {tool_name()}, "
             f"{fmt(mode.load_seconds)} s per run")

    status_url = f"{server.url}/pm/v1/jobs/bench-00007/status?accesskey={key}"
    list_url = f"{server.url}/pm/v1/jobs?accesskey={key}"
    bare_status = f"{bare.url}/pm/v1/jobs/bench-00007/status"
    loads: dict[str, list[Load]] = {k: [] for k in ("status", "list", "list304", "bare",
                                                    "bare4")}

    def measure(name: str, url: str, headers: dict[str, str] | None = None,
                connections: int = CONNECTIONS) -> float:
        load = run_load(url, mode.load_seconds, headers, connections)
        wait_idle(idle_url)
        if load.errors:
            ctx.note(f"{name}: {load.errors} errors of {load.requests} requests")
        loads[name].append(load)
        return load.rps

    idle_url = f"{server.url}/pm/v1/file?accesskey={key}"
    runs = [lambda: measure("bare", bare_status),
            lambda: measure("status", status_url),
            lambda: measure("list304", list_url, {"If-None-Match": etag} if etag else None),
            lambda: measure("bare4", bare_status, connections=FULL_LIST_CONNECTIONS),
            lambda: measure("list", list_url, connections=FULL_LIST_CONNECTIONS)]
    if not etag:
        ctx.note("GET /pm/v1/jobs sent no ETag: the conditional list is a full answer")
    interleaved(mode.repeats, *runs)

    jobs = f"{mode.service_jobs} jobs"
    for name, label in (("status", "GET status"), ("list304", "GET list, 304"),
                        ("list", "GET list, full")):
        conns = f", {FULL_LIST_CONNECTIONS} conns" if name == "list" else ""
        base = loads["bare4"] if name == "list" else loads["bare"]
        ctx.add(Figure(f"{label} ({jobs}{conns}) req/s", "req/s", [x.rps for x in loads[name]],
                       "bare handler", [x.rps for x in base]))
        ctx.add(Figure(f"{label} ({jobs}{conns}) p99", "ms", [x.p99_ms for x in loads[name]],
                       "bare handler", [x.p99_ms for x in base]))
