"""3. Polling cost: requests and bytes per minute of the app's poller, against the minimum.

The service holds N jobs of which M are active (PENDING, or RUNNING asleep: nothing changes
while measuring). The app's Poller (the one the Jobs panel uses, polling every second) and
the minimum poller (one conditional list call per second) run at the same time, each
through its own counting proxy (benchmarks/proxy.py). Unchanged answers should be 304s, so
the app's cost should equal the minimum's and not grow with the number of jobs.
"""

from __future__ import annotations

import json

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
    run_ = check(run_child([PYTHON, "-m", "benchmarks.polling_child", server.url,
                            server_key(server), str(INTERVAL_MS), "2.5", str(window),
                            str(windows)], env=child_env(), timeout=120 + mode.poll_seconds),
                 "the polling child")
    rows = [json.loads(line) for line in run_.stdout.splitlines() if line.startswith("{")]
    if not rows:
        raise RuntimeError(f"the polling child printed nothing: {run_.stderr[-500:]}")
    per_min = 60.0 / window
    seen = rows[-1]["jobs_seen"]
    if seen != mode.jobs_total:
        ctx.note(f"the poller delivered {seen} jobs, {mode.jobs_total} are stored")
    if rows[-1]["failures"]:
        ctx.note(f"the poller reported failures: {rows[-1]['failures']}")

    def series(who: str, key: str) -> list[float]:
        return [r[who][key] * per_min for r in rows]

    def share_304(who: str) -> list[float]:
        out = []
        for r in rows:
            st = {int(k): v for k, v in r[who]["statuses"].items()}
            total = sum(st.values())
            if total:  # a window may close before its one answer arrives
                out.append(st.get(304, 0) / total)
        return out or [float("nan")]

    jobs = f"{mode.jobs_total} jobs/{mode.jobs_active} active"
    ctx.add(Figure(f"requests/min ({jobs})", "req/min", series("app", "requests"),
                   "minimum", series("minimum", "requests"), Target("ratio", "<=", 1.1)))
    ctx.add(Figure(f"bytes/min ({jobs})", "B/min", series("app", "bytes"),
                   "minimum", series("minimum", "bytes"), Target("ratio", "<=", 1.5)))
    ctx.add(Figure("answers that are 304 (nothing changed)", "share", share_304("app"),
                   "minimum", share_304("minimum"), Target("value", ">=", 0.9)))
