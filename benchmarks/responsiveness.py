"""1. Window responsiveness: gaps of a 5 ms GUI-thread timer while the app works.

The Jobs and Streams panels (the app's own widgets, AppContext and TaskRunner) in a shown
window, offscreen, against a real `pmdesk serve` holding N jobs of which M are active.
Baseline: the same probe on the same window while idle. Target: p99 gap within 16 ms.
See benchmarks/responsiveness_child.py for the phases.
"""

from __future__ import annotations

import json

from benchmarks.common import (
    PYTHON,
    Context,
    Figure,
    NotAvailable,
    Target,
    child_env,
    make_file,
    require_module,
    run_child,
    server_key,
)
from benchmarks.seed import seeded_server

TITLE = "Window responsiveness: 5 ms probe on the GUI thread, against the idle window"
FRAME_MS = 16.0


def run(ctx: Context) -> None:
    for module in ("pmdesk.desktop.jobs_panel", "pmdesk.desktop.streams_panel",
                   "pmdesk.api.client"):
        require_module(module, "the desktop panels")
    mode = ctx.mode
    try:
        server, _ = seeded_server(ctx.work / "data", mode.jobs_total - mode.jobs_active,
                                  mode.jobs_active)
    except RuntimeError as exc:
        raise NotAvailable(f"the service does not start: {exc}") from None
    ctx.on_close(server.stop)
    size = mode.upload_sizes_mib[1]
    stream = make_file(ctx.work / "large.pmstream", size)
    windows = max(2, mode.repeats)
    run_ = run_child([PYTHON, "-m", "benchmarks.responsiveness_child", server.url,
                      server_key(server), str(stream), str(mode.probe_seconds / windows),
                      str(windows), "2.0", str(ctx.work / "data")], env=child_env(),
                     timeout=900)
    rows = [json.loads(line) for line in run_.stdout.splitlines() if line.startswith("{")]
    if run_.returncode != 0 or not rows:
        tail = (run_.stderr.strip() or run_.stdout.strip())[-800:]
        raise RuntimeError(f"the GUI probe exited with {run_.returncode}: {tail}")
    for row in rows:
        if row["phase"] == "upload-failed":
            ctx.note(f"an upload failed: {row['message']}")

    def series(phase: str, key: str) -> list[float]:
        return [r[key] for r in rows if r["phase"] == phase]

    jobs_seen = max([r["jobs"] for r in rows if r["phase"] == "jobs"], default=0)
    if jobs_seen != mode.jobs_total:
        ctx.note(f"the Jobs panel showed {jobs_seen} jobs, {mode.jobs_total} are stored")
    idle_p99, idle_max = series("idle", "p99_ms"), series("idle", "max_ms")
    jobs = f"{mode.jobs_total} jobs/{mode.jobs_active} active"
    target = Target("value", "<=", FRAME_MS)
    ctx.add(Figure(f"p99 gap, polling {jobs}", "ms", series("jobs", "p99_ms"),
                   "idle window", idle_p99, target))
    ctx.add(Figure(f"max gap, polling {jobs}", "ms", series("jobs", "max_ms"),
                   "idle window", idle_max))
    ctx.add(Figure("p99 gap, same + 1 job progressing", "ms", series("progress", "p99_ms"),
                   "idle window", idle_p99, target))
    ctx.add(Figure("max gap, same + 1 job progressing", "ms", series("progress", "max_ms"),
                   "idle window", idle_max))
    if series("upload", "p99_ms"):
        ctx.add(Figure(f"p99 gap, uploading {size} MiB", "ms", series("upload", "p99_ms"),
                       "idle window", idle_p99, target))
        ctx.add(Figure(f"max gap, uploading {size} MiB", "ms", series("upload", "max_ms"),
                       "idle window", idle_max))
