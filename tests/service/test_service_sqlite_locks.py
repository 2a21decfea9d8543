"""Jobs writing one SQLite file wait their turn instead of failing (issue 11 item 3)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from helpers.jobs import wait_state
from helpers.server import EngineSamples, LiveServer


def test_two_jobs_on_one_sqlite_file_both_succeed(
        server_factory: Callable[..., LiveServer], engine_samples: EngineSamples,
        tmp_path: Path) -> None:
    s = server_factory(extra_args=["--workers", "3"])
    db = tmp_path / "shared.db"
    shutil.copyfile(engine_samples.dir / "samples.db", db)
    assert s.request("PUT", "/pm/v1/file/drug.pmstream",
                     files={"model_file": ("d", engine_samples.stream.read_bytes())}
                     ).status_code == 200
    for round_ in range(2):
        ids = [f"r{round_}-{n}" for n in range(3)]
        for n, job_id in enumerate(ids):
            action = ("RUN_STREAM", "BATCH_SCORE", "RUN_STREAM")[n]
            raw = engine_samples.definition(action, "drug.pmstream")
            for ref in raw["dbDefinitions"].values():
                ref["db"] = str(db)
            assert s.request("PUT", f"/pm/v1/jobs/{job_id}", json=raw).status_code == 201
        for job_id in ids:
            final = wait_state(s, job_id, "SUCCESS", "FAILED", timeout=300)
            assert final["jobStatus"] == "SUCCESS", (job_id, final.get("message"))
