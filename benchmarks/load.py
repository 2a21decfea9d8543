"""HTTP load on one URL for a few seconds: `wrk` when installed, else benchmarks.loadgen."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from dataclasses import dataclass

import httpx

from benchmarks.common import PYTHON, REPO, child_env

CONNECTIONS = 32


@dataclass
class Load:
    rps: float
    p99_ms: float
    requests: int
    errors: int
    tool: str


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not m:
        raise ValueError(f"cannot read wrk latency {text!r}")
    return float(m.group(1)) * _UNITS[m.group(2)]


def tool_name() -> str:
    return "wrk -t2 -c32" if shutil.which("wrk") else "benchmarks.loadgen (httpx, 32 conns)"


def wait_idle(url: str, timeout: float = 20.0) -> None:
    """After a load run the server may still answer queued requests: wait until it is idle.

    Idle = a cheap request answers within 200 ms; else the next run would measure this one's
    backlog (a slow endpoint under 32 connections queues seconds of work).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        t0 = time.perf_counter()
        try:
            httpx.get(url, timeout=30)
        except httpx.HTTPError:
            pass
        if time.perf_counter() - t0 < 0.2:
            return
        time.sleep(0.2)


def run_load(url: str, seconds: float, headers: dict[str, str] | None = None,
             connections: int = CONNECTIONS) -> Load:
    headers = headers or {}
    wrk = shutil.which("wrk")
    if wrk:
        cmd = [wrk, "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency",
               "--timeout", "10s"]
        for k, v in headers.items():
            cmd += ["-H", f"{k}: {v}"]
        out = subprocess.run([*cmd, url], capture_output=True, text=True, timeout=seconds + 60,
                             check=True).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
        p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
        n = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
        if n == 0:
            raise RuntimeError(f"wrk made no request to {url.split('?')[0]}: {out[-400:]}")
        bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        errs = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                         out)
        errors = (int(bad.group(1)) if bad else 0) + (
            sum(int(g) for g in errs.groups()) if errs else 0)
        return Load(rps, p99, n, errors, "wrk")
    cmd = [PYTHON, "-m", "benchmarks.loadgen", url, str(seconds), str(connections),
           *(f"{k}={v}" for k, v in headers.items())]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=True,
                         env=child_env(), cwd=str(REPO)).stdout
    data = json.loads(out.strip().splitlines()[-1])
    return Load(data["rps"], data["p99_ms"], data["requests"], data["errors"], "loadgen")
