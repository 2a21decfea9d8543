"""Runs one sample job through a running `pmdesk serve`, the way a client does, with curl.

check-deb.sh uses it against the INSTALLED (frozen) service: the job runs in a worker
process the frozen executable spawns, so SUCCESS proves frozen workers work.

usage: python packaging/run_sample_job.py BASE_URL ACCESS_KEY SAMPLES_DIR [JOB_JSON_NAME]
  BASE_URL e.g. http://127.0.0.1:8123/pm/v1; SAMPLES_DIR from `pmdesk samples DIR`;
  JOB_JSON_NAME defaults to BATCH_SCORE.json (found anywhere under SAMPLES_DIR).
Prints "<job id> SUCCESS (<n> s)" and exits 0, or prints what went wrong and exits 1.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

STATES = {"PENDING", "RUNNING", "CANCELING", "CANCELLING", "CANCELED", "CANCELLED", "FAILED",
          "SUCCESS", "SUCCEEDED"}
FINISHED = {"CANCELED", "CANCELLED", "FAILED", "SUCCESS", "SUCCEEDED"}


def curl(*args: str) -> tuple[int, str]:
    out = subprocess.run(["curl", "-sS", "-w", "\n%{http_code}", *args],
                         capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise RuntimeError(f"curl {' '.join(args[-1:])} failed: {out.stderr.strip()}")
    body, _, code = out.stdout.rpartition("\n")
    return int(code), body


def find_state(value: Any) -> str | None:
    """The job state wherever the status document keeps it (status, jobStatus, state...)."""
    if isinstance(value, str) and value.strip().upper() in STATES:
        return value.strip().upper()
    if isinstance(value, dict):
        for key in ("status", "jobStatus", "state", "job_status"):
            if key in value and (found := find_state(value[key])):
                return found
        for item in value.values():
            if isinstance(item, dict | str) and (found := find_state(item)):
                return found
    return None


def stream_for(samples: Path, model_id: str, job_file: Path) -> Path:
    """The stream file the job's model.id names: same name, same stem, or named in a manifest."""
    candidates = [p for p in samples.rglob("*") if p.is_file() and p != job_file]
    for p in candidates:
        if p.name == model_id:
            return p
    for p in candidates:
        if p.stem == model_id and p.suffix.lower() not in (".json", ".db", ".sqlite", ".csv"):
            return p
    raise RuntimeError(f"no stream file for model id {model_id!r} in {samples}")


def main(argv: list[str]) -> int:
    if len(argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    base, key, samples = argv[0].rstrip("/"), argv[1], Path(argv[2])
    name = argv[3] if len(argv) == 4 else "BATCH_SCORE.json"
    try:
        job_file = next(iter(sorted(samples.rglob(name))))
    except StopIteration:
        print(f"no {name} under {samples}: {sorted(p.name for p in samples.rglob('*'))}")
        return 1
    definition = json.loads(job_file.read_text(encoding="utf-8"))
    model_id = definition["model"]["id"]
    try:
        stream = stream_for(samples, model_id, job_file)
        code, body = curl("-X", "PUT", "-F", f"model_file=@{stream}",
                          f"{base}/file/{model_id}?accesskey={key}")
        if code >= 300:
            print(f"upload of {stream.name} as {model_id!r} answered {code}: {body[:300]}")
            return 1
        job_id = f"pkgcheck-{uuid.uuid4().hex[:8]}"
        code, body = curl("-X", "POST", "-H", "Content-Type: application/json",
                          "--data", f"@{job_file}", f"{base}/jobs/{job_id}?accesskey={key}")
        if code >= 300:
            print(f"POST /jobs/{job_id} answered {code}: {body[:300]}")
            return 1
        started = time.monotonic()
        state: str | None = None
        status: Any = None
        while time.monotonic() - started < 240:
            code, body = curl(f"{base}/jobs/{job_id}/status?accesskey={key}")
            if code == 200:
                status = json.loads(body)
                state = find_state(status)
                if state in FINISHED:
                    break
            time.sleep(0.5)
    except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as exc:
        print(str(exc))
        return 1
    took = time.monotonic() - started
    if state not in ("SUCCESS", "SUCCEEDED"):
        print(f"{job_id} ({job_file.name}) ended {state or 'never'} after {took:.0f} s: "
              f"{json.dumps(status)[:500]}")
        return 1
    print(f"{job_id} ({job_file.name}, stream {stream.name}) SUCCESS ({took:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
