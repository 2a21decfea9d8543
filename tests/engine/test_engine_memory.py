"""BATCH_SCORE holds one chunk at a time: peak memory must not grow with the table."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SCORER = r"""
import json, resource, sys
from pathlib import Path
from pmdesk.api.models import JobDefinition
from pmdesk.engine import run_job
job = JobDefinition.parse(json.loads(Path(sys.argv[1]).read_text()))
run_job(job, Path(sys.argv[2]), Path(sys.argv[3]))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux
"""


def fill(db: Path, rows: int) -> None:
    """DRUG_SCORE with `rows` random rows, generated inside SQLite (no Python memory)."""
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM DRUG_SCORE")
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO DRUG_SCORE SELECT 15 + abs(random()) % 60, "
            "CASE abs(random()) % 2 WHEN 0 THEN 'F' ELSE 'M' END, "
            "CASE abs(random()) % 3 WHEN 0 THEN 'HIGH' WHEN 1 THEN 'LOW' ELSE 'NORMAL' END, "
            "CASE abs(random()) % 2 WHEN 0 THEN 'HIGH' ELSE 'NORMAL' END, "
            "0.5 + (abs(random()) % 1000) / 2500.0, 0.02 + (abs(random()) % 1000) / 16666.0 "
            "FROM n", (rows,))
    conn.close()


def peak_kib(samples: Path, rows: int, tmp_path: Path) -> int:
    fill(samples / "samples.db", rows)
    job = tmp_path / f"job-{rows}.json"
    job.write_text((samples / "BATCH_SCORE.json").read_text())
    done = subprocess.run(
        [sys.executable, "-c", SCORER, str(job), str(samples / "drug.pmstream"),
         str(tmp_path / f"out-{rows}")],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    with sqlite3.connect(samples / "samples.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM DRUG_SCORES").fetchone() == (rows,)
        assert conn.execute(
            'SELECT COUNT(*) FROM DRUG_SCORES WHERE "$R-Drug" IS NULL').fetchone() == (0,)
    conn.close()
    return int(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_peak_memory_does_not_grow_with_rows(samples: Path, tmp_path: Path) -> None:
    small = peak_kib(samples, 200_000, tmp_path)
    large = peak_kib(samples, 600_000, tmp_path)
    # 400,000 more rows would be > 100 MB held as a DataFrame; a chunked run stays level.
    print(json.dumps({"peak_200k_mib": small / 1024, "peak_600k_mib": large / 1024}))
    assert large - small < 25 * 1024, (small, large)
