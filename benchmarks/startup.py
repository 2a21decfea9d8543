"""6. Start-up: seconds from spawning the process to the main window shown.

From source: `pmdesk` (pmdesk.cli.main, the desktop app) in a fresh process with a fresh
HOME, offscreen, with the probe of benchmarks/startup_child.py. Baseline: an empty
PySide6 QMainWindow shown the same way (interpreter + Qt start: what no app can beat).
From the PyInstaller bundle when packaging/dist holds one: timed from outside under Xvfb
(a viewable X window titled PMDesk), beside the source app timed the same way.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
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
    if not (shutil.which("Xvfb") and shutil.which("xwininfo")):
        ctx.skip("window shown, from the bundle",
                 "a frozen app takes no probe: timing it needs Xvfb and xwininfo (x11-utils)")
        return
    # A frozen app cannot take the in-process probe: both are timed from outside under Xvfb,
    # until X reports a viewable top-level window titled PMDesk.
    with xvfb() as display:
        source: list[float] = []
        frozen: list[float] = []
        for i in range(ctx.mode.startup_repeats):
            source.append(x11_shown(ctx, [PYTHON, "-m", "pmdesk"], display, f"src-{i}"))
            frozen.append(x11_shown(ctx, [str(bundle)], display, f"bundle-{i}"))
    ctx.add(Figure("window shown, bundle (Xvfb)", "s", frozen, "from source (Xvfb)", source))


@contextlib.contextmanager
def xvfb() -> Iterator[str]:
    for n in range(91, 120):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            break
    display = f":{n}"
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten",
                             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not _x_ready(display):
            time.sleep(0.05)
        yield display
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _x_ready(display: str) -> bool:
    return subprocess.run(["xwininfo", "-root", "-display", display], capture_output=True,
                          timeout=10).returncode == 0


def _viewable_window(display: str) -> bool:
    tree = subprocess.run(["xwininfo", "-root", "-tree", "-display", display],
                          capture_output=True, text=True, timeout=10).stdout
    for line in tree.splitlines():
        if '"PMDesk"' in line:
            wid = line.split()[0]
            info = subprocess.run(["xwininfo", "-id", wid, "-display", display],
                                  capture_output=True, text=True, timeout=10).stdout
            if "IsViewable" in info:
                return True
    return False


def x11_shown(ctx: Context, cmd: list[str], display: str, tag: str) -> float:
    env = _fresh_env(ctx.work / f"home-{tag}")
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=str(ctx.work))
    try:
        while time.monotonic() - t0 < 120:
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited with {proc.returncode} before its window")
            if _viewable_window(display):
                return time.monotonic() - t0
            time.sleep(0.01)
        raise RuntimeError(f"{cmd[0]}: no window within 120 s")
    finally:
        proc.terminate()  # the app quits on SIGTERM and stops its local service
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
