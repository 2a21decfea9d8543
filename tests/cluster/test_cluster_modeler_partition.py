"""A Modeler stream with a Partition node on a loopback Dask cluster set to split big
BATCH_SCOREs: the job runs whole (its records are assigned by their position in the whole
input, which row ranges scored apart would restart) and writes what one process writes."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from helpers.cluster import LocalCluster, wait_workers
from helpers.jobs import wait_state
from helpers.partition_streams import data, job, partition_stream
from helpers.server import LiveServer
from helpers.streams import write_str

pytestmark = pytest.mark.slow


def test_a_partitioned_modeler_job_runs_whole_on_a_splitting_cluster(
        server_factory: Callable[..., LiveServer],
        cluster_factory: Callable[[int], LocalCluster], tmp_path: Path) -> None:
    from pmdesk.api.models import JobDefinition
    from pmdesk.engine.run import run_job

    path = write_str(tmp_path / "split.str", partition_stream())
    db = tmp_path / "split.db"
    rows = data()
    with sqlite3.connect(db) as con:
        rows.to_sql("rows", con, index=False)
    cluster = cluster_factory(2)
    s = server_factory(extra_args=["--cluster", cluster.address,
                                   "--cluster-partition-rows", "10"])
    wait_workers(s.url, s.key, 2)
    r = s.request("PUT", f"/pm/v1/file/{path.name}",
                  files={"model_file": (path.name, path.read_bytes())})
    assert r.status_code == 200
    body = job(path.name, db, "rows", {"parts out": "parts", "training out": "train"})
    assert s.request("PUT", "/pm/v1/jobs/whole", json=body).status_code == 201
    status = wait_state(s, "whole", "SUCCESS", "FAILED", timeout=180)
    assert status["jobStatus"] == "SUCCESS", status
    assert "parts of" not in s.log_text()  # never split
    # the same job in this process: the same partitions
    run_job(JobDefinition.model_validate(
        job(path.name, db, "rows", {"parts out": "parts_here", "training out": "train_here"})),
        path, tmp_path / "here")
    with sqlite3.connect(db) as con:
        got, here = (pd.read_sql_query(f'SELECT * FROM "{t}"', con)
                     for t in ("parts", "parts_here"))
    assert len(got) == len(rows)
    pd.testing.assert_frame_equal(got, here)
