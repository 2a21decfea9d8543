"""3. Polling cost: requests and bytes per minute of the app's poller, against the minimum.

The service holds N jobs of which M are active (PENDING, or RUNNING asleep: nothing changes
while measuring). The app's Poller (the one the Jobs panel uses, polling every second) and
the minimum poller (one conditional list call per second) run at the same time, each
through its own counting proxy (benchmarks/proxy.py). Unchanged answers should be 304s, so
the app's cost should equal the minimum's and not grow with the number of jobs.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from benchmarks.common import (
    PYTHON,
    Context,
    Figure,
    NotAvailable,
    Target,
    check,
    child_env,
    require_module,
    run_child,
    server_key,
)
from benchmarks.seed import seeded_server

TITLE = "Polling cost: the app's poller against one conditional list call per second"
INTERVAL_MS = 1000


def run(ctx: Context) -> None:
    require_module("pmdesk.api.client", "the client")
    require_module("pmdesk.desktop.poller", "the desktop's poller")
    mode = ctx.mode
    try:
        server, _ = seeded_server(ctx.work / "data", mode.jobs_total - mode.jobs_active,
                                  mode.jobs_active)
    except RuntimeError as exc:
        raise NotAvailable(f"the service does not start: {exc}") from None
    ctx.on_close(server.stop)
    windows = max(2, mode.repeats)
    window = mode.poll_seconds / windows
    key = server_key(server)
    steady = _run_pollers(server.url, key, window, windows, mode.poll_seconds)
    progress_bytes, changing = _with_progress(ctx, server.url, key, window, windows, mode)
    per_min = 60.0 / window
    seen = steady[-1]["jobs_seen"]
    if seen != mode.jobs_total:
        ctx.note(f"the poller delivered {seen} jobs, {mode.jobs_total} are stored")
    for rows in (steady, changing):
        if rows[-1]["failures"]:
            ctx.note(f"the poller reported failures: {rows[-1]['failures']}")

    def series(rows: list[dict[str, Any]], who: str, key: str) -> list[float]:
        return [r[who][key] * per_min for r in rows]

    def share_304(rows: list[dict[str, Any]], who: str) -> list[float]:
        out = []
        for r in rows:
            st = {int(k): v for k, v in r[who]["statuses"].items()}
            total = sum(st.values())
            if total:  # a window may close before its one answer arrives
                out.append(st.get(304, 0) / total)
        return out or [float("nan")]

    jobs = f"{mode.jobs_total} jobs/{mode.jobs_active} active"
    ctx.add(Figure(f"requests/min ({jobs})", "req/min", series(steady, "app", "requests"),
                   "minimum", series(steady, "minimum", "requests"),
                   Target("ratio", "<=", 1.1)))
    ctx.add(Figure(f"bytes/min ({jobs})", "B/min", series(steady, "app", "bytes"),
                   "minimum", series(steady, "minimum", "bytes"), Target("ratio", "<=", 1.5)))
    ctx.add(Figure("answers that are 304 (nothing changed)", "share", share_304(steady, "app"),
                   "minimum", share_304(steady, "minimum"), Target("value", ">=", 0.9)))
    # One running job reports progress every second (as a BATCH_SCORE does): the least a
    # poller must fetch is a 304 for the rest plus that job's new status.
    polls = 60_000 / INTERVAL_MS  # polls per minute
    minimum = [(r["minimum"]["bytes"] / max(1, r["minimum"]["requests"]) + progress_bytes)
               * polls for r in steady]
    ctx.add(Figure("bytes/min, 1 job progressing", "B/min", series(changing, "app", "bytes"),
                   "304s + 1 status/s", minimum, Target("ratio", "<=", 3.0),
                   note="most polls were answered 200 (a changed list or delta), not 304"
                   if _mostly_full(changing) else ""))


def _mostly_full(rows: list[dict[str, Any]]) -> bool:
    got = sum(int(r["app"]["statuses"].get("200", 0)) for r in rows)
    total = sum(sum(r["app"]["statuses"].values()) for r in rows)
    return total > 0 and got / total > 0.5


def _run_pollers(url: str, key: str, window: float, windows: int,
                 seconds: float) -> list[dict[str, Any]]:
    run_ = check(run_child([PYTHON, "-m", "benchmarks.polling_child", url, key,
                            str(INTERVAL_MS), "2.5", str(window), str(windows)],
                           env=child_env(), timeout=120 + seconds), "the polling child")
    rows = [json.loads(line) for line in run_.stdout.splitlines() if line.startswith("{")]
    if not rows:
        raise RuntimeError(f"the polling child printed nothing: {run_.stderr[-500:]}")
    return rows


def _with_progress(ctx: Context, url: str, key: str, window: float, windows: int,
                   mode: Any) -> tuple[int, list[dict[str, Any]]]:
    """Runs the pollers while one RUNNING job's progress changes every second.

    Returns the bytes of one status answer of that job (request + answer) and the rows.
    """
    import httpx

    from benchmarks.seed import jobs_db

    db, ns = jobs_db(ctx.work / "data", key)
    running = [r for r in db.list(ns) if r.state == "RUNNING"]
    if not running:
        db.close()
        raise NotAvailable("no job is RUNNING to report progress")
    job = running[0]
    r = httpx.get(f"{url}/pm/v1/jobs/{job.id}/status", params={"accesskey": key}, timeout=30)
    answer = len(r.content) + sum(len(k) + len(v) + 4 for k, v in r.headers.items()) + 20
    request = len(str(r.request.url.raw_path)) + sum(
        len(k) + len(v) + 4 for k, v in r.request.headers.items()) + 20
    stop = threading.Event()

    def report() -> None:
        done = 0
        while not stop.wait(1.0):
            done += 10_000
            db.set_progress(ns, job.id, job.run_id or "", done, 10_000_000)

    thread = threading.Thread(target=report, name="bench-progress")
    thread.start()
    try:
        rows = _run_pollers(url, key, window, windows, mode.poll_seconds)
    finally:
        stop.set()
        thread.join()
        db.close()
    return answer + request, rows
