"""The benchmark harness works: its smallest mode prints figures with baselines and ratios.

Never asserts on a time or a speed: only that every benchmark ran (or said plainly why it
could not) and that each figure line carries its same-run baseline and their ratio.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # the harness is a folder of the repo, not an installed package
    sys.path.insert(0, str(REPO))

from benchmarks.common import Figure, Target, percentile, spread  # noqa: E402

NUMBER = r"(?:[\d.,]+|n/a|inf)"
FIGURE_LINE = re.compile(
    rf"^  (?P<name>\S.*?)\s+(?P<value>{NUMBER}) (?P<unit>\S+) ±\d+% \(n=(?P<n>\d+)\)\s+"
    rf"baseline (?P<baseline>.+?): (?P<bvalue>{NUMBER}) (?P=unit) ±\d+% \(n=\d+\)\s+"
    rf"ratio (?P<ratio>{NUMBER})(?:\s+target (?:ratio|value) (?:>=|<=) [\d.]+ (?:ok|MISS))?$")
NAMES = ("responsiveness", "upload", "polling", "service", "engine", "modeler", "startup",
         "pmml", "executors")


@pytest.mark.slow
@pytest.mark.timeout(900)  # every benchmark once, on a shared machine: as the run's bound
def test_smoke_mode_prints_figures_baselines_and_ratios(tmp_path: Path) -> None:
    table = tmp_path / "table.md"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home")}
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke", "--markdown", str(table)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    out = proc.stdout
    assert proc.returncode == 0, f"harness failed:\n{out[-3000:]}\n{proc.stderr[-3000:]}"
    assert "Traceback" not in out + proc.stderr

    sections = re.split(r"^\[(\w+)\] .*$", out, flags=re.M)
    found = dict(zip(sections[1::2], sections[2::2], strict=True))
    assert set(found) == set(NAMES), f"benchmarks printed: {sorted(found)}"
    figures = 0
    for name, body in found.items():
        lines = [m for line in body.splitlines() if (m := FIGURE_LINE.match(line))]
        figures += len(lines)
        if not lines:
            assert "not available yet:" in body, f"{name}: neither figures nor a reason:\n{body}"
        for m in lines:
            assert m["baseline"].strip(), m.group(0)
            assert m["ratio"] != "n/a", f"{name}: a figure without a ratio: {m.group(0)}"
            assert int(m["n"]) >= 1
    assert figures >= 6, f"only {figures} figure lines:\n{out}"
    assert re.search(r"^done in \d+ s: \d+ figures, \d+ targets missed, 0 benchmarks failed$",
                     out, flags=re.M), out[-500:]
    text = table.read_text()
    assert text.count("\n| ") >= figures, text


def test_stats_and_targets() -> None:
    gaps = [5.0] * 98 + [9.0, 40.0]
    assert percentile(gaps, 99) == 9.0
    assert percentile(gaps, 100) == 40.0
    assert spread([90.0, 100.0, 110.0]) == pytest.approx(10.0)
    assert spread([3.0]) == 0.0
    fig = Figure("x", "MB/s", [80.0, 90.0, 70.0], "curl", [100.0, 100.0, 120.0],
                 Target("ratio", ">=", 0.8))
    assert fig.ratio == pytest.approx(0.8)
    assert fig.verdict == "ok"
    slow = Figure("gap", "ms", [20.0], "idle", [5.0], Target("value", "<=", 16.0))
    assert slow.verdict == "MISS"
