"""6. Start-up: seconds from spawning the process to the main window shown.

From source: `pmdesk` (pmdesk.cli.main, the desktop app) in a fresh process with a fresh
HOME, offscreen, with the probe of benchmarks/startup_child.py. Baseline: an empty
PySide6 QMainWindow shown the same way (interpreter + Qt start: what no app can beat).
From the PyInstaller bundle when packaging/dist holds one.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from benchmarks.common import (
    PYTHON,
    REPO,
    Context,
    Figure,
    child_env,
    require_module,
    run_child,
)

TITLE = "Start-up: time until the main window is shown"


def _shown(out: str) -> float | None:
    for line in out.splitlines():
        if line.startswith("shown "):
            return float(line.split()[1])
    return None


def _fresh_env(home: Path) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    return child_env(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                     XDG_DATA_HOME=str(home / ".local/share"),
                     XDG_CACHE_HOME=str(home / ".cache"))


def measure(ctx: Context, what: str, i: int) -> float:
    env = _fresh_env(ctx.work / f"home-{what}-{i}")
    run = run_child([PYTHON, "-m", "benchmarks.startup_child", repr(time.time()), what],
                    env=env, timeout=120)
    seconds = _shown(run.stdout)
    if seconds is None:
        tail = (run.stderr.strip() or run.stdout.strip())[-600:]
        raise RuntimeError(f"{what}: no window shown (exit {run.returncode}): {tail}")
    return seconds


def run(ctx: Context) -> None:
    require_module("pmdesk.desktop.app", "the desktop app")
    ours: list[float] = []
    base: list[float] = []
    measure(ctx, "bare", -1)  # warm the file cache for both
    for i in range(ctx.mode.startup_repeats):
        base.append(measure(ctx, "bare", i))
        ours.append(measure(ctx, "app", i))
    ctx.add(Figure("window shown, from source", "s", ours, "empty QMainWindow", base))
    bundle = REPO / "packaging" / "dist" / "pmdesk" / "pmdesk"
    if not (bundle.is_file() and os.access(bundle, os.X_OK)):
        ctx.skip("window shown, from the bundle", f"no PyInstaller bundle at {bundle}")
        return
    ctx.skip("window shown, from the bundle",
             "a frozen app cannot take the probe hook; it needs a 'shown' signal from the app")
