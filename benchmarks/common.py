"""What every benchmark shares: sizes per mode, repeated timing, stats, child RSS, printing.

Machines here are shared and noisy, so a figure is never shown alone: each one carries a
baseline measured in the same run (interleaved with it where possible) and the ratio of
the two medians, which is the number to compare between machines and days.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import importlib.util
import math
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MIB = 1024 * 1024


class NotAvailable(Exception):
    """A benchmark that cannot run here yet; the message says why, for a person."""


# ---- modes and sizes ----------------------------------------------------------------------


@dataclass(frozen=True)
class Mode:
    """How big and how often: full for the README table, quick (~1 min), smoke for tests."""

    name: str
    repeats: int
    upload_sizes_mib: tuple[int, int]
    engine_rows: tuple[int, int]
    jobs_total: int
    jobs_active: int
    service_jobs: int
    load_seconds: float
    probe_seconds: float
    poll_seconds: float
    startup_repeats: int
    engine_repeats: int

    def with_repeats(self, repeats: int) -> Mode:
        return dataclasses.replace(self, repeats=repeats, startup_repeats=repeats,
                                   engine_repeats=repeats)


FULL = Mode("full", repeats=5, upload_sizes_mib=(256, 1024), engine_rows=(1_000_000, 5_000_000),
            jobs_total=2000, jobs_active=200, service_jobs=10_000, load_seconds=5.0,
            probe_seconds=10.0, poll_seconds=30.0, startup_repeats=5, engine_repeats=2)
QUICK = Mode("quick", repeats=3, upload_sizes_mib=(32, 128), engine_rows=(100_000, 300_000),
             jobs_total=2000, jobs_active=200, service_jobs=2000, load_seconds=1.0,
             probe_seconds=3.0, poll_seconds=6.0, startup_repeats=3, engine_repeats=2)
SMOKE = Mode("smoke", repeats=1, upload_sizes_mib=(2, 8), engine_rows=(2000, 6000),
             jobs_total=40, jobs_active=4, service_jobs=40, load_seconds=0.5,
             probe_seconds=0.5, poll_seconds=4.0, startup_repeats=1, engine_repeats=1)
MODES = {m.name: m for m in (FULL, QUICK, SMOKE)}


# ---- figures ------------------------------------------------------------------------------


@dataclass
class Target:
    """A pass/miss rule on a figure: on its ratio to the baseline, or on its value."""

    on: str  # "ratio" or "value"
    op: str  # ">=" or "<="
    limit: float

    def met(self, value: float, ratio: float) -> bool:
        x = ratio if self.on == "ratio" else value
        return x >= self.limit if self.op == ">=" else x <= self.limit

    def __str__(self) -> str:
        return f"{self.on} {self.op} {self.limit:g}"


@dataclass
class Figure:
    """One measured figure with its same-run baseline; values are all repeats."""

    name: str
    unit: str
    values: list[float]
    baseline_name: str
    baseline: list[float]
    target: Target | None = None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def baseline_median(self) -> float:
        return statistics.median(self.baseline)

    @property
    def ratio(self) -> float:
        b = self.baseline_median
        return self.median / b if b else float("inf")

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        return "ok" if self.target.met(self.median, self.ratio) else "MISS"


def spread(values: Sequence[float]) -> float:
    """Half the range over the median, in percent: a plain, honest spread for 2-5 repeats."""
    if len(values) < 2:
        return 0.0
    med = statistics.median(values)
    return 50.0 * (max(values) - min(values)) / med if med else 0.0


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (no interpolation: a p99 is a gap that really happened)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(p / 100.0 * len(ordered))))
    return ordered[rank - 1]


def fmt(value: float) -> str:
    if value != value:  # NaN
        return "n/a"
    if abs(value) >= 100_000:
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if 0 < abs(value) < 0.1:
        return f"{value:.2g}"  # two significant digits: 0.00021, not 0.00
    return f"{value:.2f}"


def describe(values: Sequence[float], unit: str) -> str:
    return f"{fmt(statistics.median(values))} {unit} ±{spread(values):.0f}% (n={len(values)})"


# ---- printing -----------------------------------------------------------------------------


def print_figure(fig: Figure) -> None:
    ratio = fmt(fig.ratio)
    line = (f"  {fig.name:<40} {describe(fig.values, fig.unit):<30} "
            f"baseline {fig.baseline_name}: {describe(fig.baseline, fig.unit)}  "
            f"ratio {ratio}")
    if fig.target is not None:
        line += f"  target {fig.target} {fig.verdict}"
    print(line, flush=True)
    if fig.note:
        print(f"      {fig.note}", flush=True)


def machine_line() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / MIB:.0f} GiB RAM"
    return (f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


@dataclass
class Context:
    """What a benchmark gets: the mode, its own work folder, and where its figures go."""

    mode: Mode
    work: Path
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    def add(self, fig: Figure) -> Figure:
        self.figures.append(fig)
        print_figure(fig)
        return fig

    def skip(self, what: str, why: str) -> None:
        """Part of a benchmark cannot run (the rest did): say so on its own line."""
        line = f"{what}: not available yet: {why}"
        self.notes.append(line)
        print(f"  {line}", flush=True)

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(f"      {text}", flush=True)

    def on_close(self, fn: Callable[[], None]) -> None:
        self.cleanups.append(fn)

    def close(self) -> None:
        while self.cleanups:
            with contextlib.suppress(Exception):
                self.cleanups.pop()()


# ---- availability -------------------------------------------------------------------------


def require_module(name: str, what: str) -> None:
    """Raise NotAvailable unless the module can be imported (the part has landed)."""
    try:
        found = importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        found = False
    if not found:
        raise NotAvailable(f"{what} ({name}) is not in the tree yet")


def require_attr(module: str, attr: str, what: str) -> Any:
    require_module(module, what)
    try:
        mod = importlib.import_module(module)
    except Exception as exc:  # a half-landed part: say what broke, never a traceback
        raise NotAvailable(f"{what}: importing {module} fails: {exc}") from None
    if not hasattr(mod, attr):
        raise NotAvailable(f"{what}: {module}.{attr} is not there yet")
    return getattr(mod, attr)


def require_tool(name: str, hint: str) -> str:
    path = shutil.which(name)
    if not path:
        raise NotAvailable(f"{name} is not installed ({hint})")
    return path


# ---- child processes ----------------------------------------------------------------------


@dataclass
class ChildRun:
    returncode: int
    seconds: float
    peak_rss_mb: float
    stdout: str
    stderr: str


def run_child(cmd: Sequence[str], *, env: dict[str, str] | None = None,
              timeout: float = 600.0, cwd: Path | None = None) -> ChildRun:
    """Run a process to the end and return its wall time and its own peak RSS (wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, env=env,
                                cwd=str(cwd or REPO))
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildRun(proc.returncode, seconds, usage.ru_maxrss / 1024.0,
                        out.read().decode(errors="replace"), err.read().decode(errors="replace"))


def child_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen", **extra}
    env.pop("PYTHONSTARTUP", None)
    return env


def check(run: ChildRun, what: str) -> ChildRun:
    if run.returncode != 0:
        tail = (run.stderr.strip() or run.stdout.strip())[-800:]
        raise RuntimeError(f"{what} exited with {run.returncode}: {tail}")
    return run


# ---- servers ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A server process on a free loopback port, started and stopped by the harness."""

    cmd: list[str]
    ready_path: str
    port: int = field(default_factory=free_port)
    env: dict[str, str] = field(default_factory=dict)
    log: Path | None = None
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> Server:
        import httpx

        cmd = [c.replace("{port}", str(self.port)) for c in self.cmd]
        log = open(self.log, "ab") if self.log else subprocess.DEVNULL
        self.proc = subprocess.Popen(cmd, env={**os.environ, **self.env}, stdout=log,
                                     stderr=subprocess.STDOUT, cwd=str(REPO))
        if self.log:
            log.close()  # type: ignore[union-attr]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                text = self.log.read_text(errors="replace")[-1500:] if self.log else ""
                raise RuntimeError(f"{cmd[2:5]} exited with {self.proc.returncode}: {text}")
            try:
                if httpx.get(self.url + self.ready_path, timeout=2).status_code < 500:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server {cmd} did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def pmdesk_server(data_dir: Path, key: str | None = None, extra: Sequence[str] = ()) -> Server:
    """`pmdesk serve` exactly as users run it (the idea of tests/helpers/server.py)."""
    require_module("pmdesk.service.cli", "the service")
    key = key or secrets.token_hex(16)
    data_dir.mkdir(parents=True, exist_ok=True)
    server = Server(
        cmd=[PYTHON, "-m", "pmdesk", "serve", "--host", "127.0.0.1", "--port", "{port}",
             "--data-dir", str(data_dir), *extra],
        ready_path=f"/pm/v1/file?accesskey={key}",
        env={"PMDESK_ACCESS_KEYS": key},
        log=data_dir.parent / f"{data_dir.name}-server.log",
    )
    server.key = key  # type: ignore[attr-defined]
    return server


def server_key(server: Server) -> str:
    return str(getattr(server, "key", ""))


# ---- repeated measurement -----------------------------------------------------------------


def interleaved(repeats: int, *runs: Callable[[], float]) -> list[list[float]]:
    """Run A, B, A, B...: drift of a noisy machine hits subject and baseline alike."""
    results: list[list[float]] = [[] for _ in runs]
    for _ in range(repeats):
        for i, run in enumerate(runs):
            results[i].append(run())
    return results


@contextlib.contextmanager
def workdir(keep: bool = False) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="pmdesk-bench-"))
    try:
        yield path
    finally:
        if not keep:
            shutil.rmtree(path, ignore_errors=True)


def make_file(path: Path, size_mib: int) -> Path:
    """A file of incompressible bytes (the size of a large stream), written once per size."""
    if path.exists() and path.stat().st_size == size_mib * MIB:
        return path
    block = os.urandom(MIB)
    with path.open("wb") as f:
        for _ in range(size_mib):
            f.write(block)
    return path
