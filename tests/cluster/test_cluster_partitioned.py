"""A BATCH_SCORE split across a loopback Dask cluster's two workers (real processes):
the output appears whole, as a single-process run writes it."""

from __future__ import annotations

import copy
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.cluster import LocalCluster, wait_workers
from helpers.jobs import wait_for, wait_state
from helpers.server import EngineSamples, LiveServer

pytestmark = pytest.mark.slow


def test_a_split_batch_score_writes_every_row_once(
        server_factory: Callable[..., LiveServer],
        cluster_factory: Callable[[int], LocalCluster], engine_samples: EngineSamples,
        tmp_path: Path) -> None:
    folder = tmp_path / "samples"
    shutil.copytree(engine_samples.dir, folder)
    db = folder / "samples.db"
    cluster = cluster_factory(2)
    s = server_factory(extra_args=["--cluster", cluster.address,
                                   "--cluster-partition-rows", "10"])
    state = wait_workers(s.url, s.key, 2)
    addresses = {w["address"] for w in state["workers"]}
    r = s.request("PUT", f"/pm/v1/file/{engine_samples.stream.name}",
                  files={"model_file": (engine_samples.stream.name,
                                        engine_samples.stream.read_bytes())})
    assert r.status_code == 200
    raw = copy.deepcopy(engine_samples.definitions["BATCH_SCORE"])
    raw["dbDefinitions"]["samples"]["db"] = str(db)
    with sqlite3.connect(db) as con:
        table = raw["setting"]["inputs"][0]["odbc"]["table"]
        rows_in = con.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    for mode in ("Drop", "Append"):
        raw["setting"]["exports"][0]["odbc"]["insertMode"] = mode
        assert s.request("PUT", f"/pm/v1/jobs/split-{mode}", json=raw).status_code == 201
        status = wait_state(s, f"split-{mode}", "SUCCESS", "FAILED", timeout=180)
        assert status["jobStatus"] == "SUCCESS", status
        assert set(status["runsOn"].split(",")) <= addresses
        assert status["progress"]["rowsDone"] == status["progress"]["rowsTotal"] == rows_in
    assert s.log_text().count(f": 2 parts of {rows_in} rows in all") == 2  # really split
    out = raw["setting"]["exports"][0]["odbc"]["table"]
    with sqlite3.connect(db) as con:
        assert con.execute(f'SELECT COUNT(*) FROM "{out}"').fetchone()[0] == 2 * rows_in
        left = [n for (n,) in con.execute("SELECT name FROM sqlite_master")
                if n.startswith("pmdesk_stage_")]
    assert left == []
    # a split job that cannot run leaves the target as it was
    raw["setting"]["exports"][0]["odbc"]["insertMode"] = "Create"
    assert s.request("PUT", "/pm/v1/jobs/split-create", json=raw).status_code == 201
    failed = wait_state(s, "split-create", "FAILED", "SUCCESS", timeout=120)
    assert "the table already exists" in failed["message"]
    with sqlite3.connect(db) as con:
        assert con.execute(f'SELECT COUNT(*) FROM "{out}"').fetchone()[0] == 2 * rows_in


def test_delete_of_a_split_job_leaves_the_target_untouched(
        server_factory: Callable[..., LiveServer],
        cluster_factory: Callable[[int], LocalCluster], engine_samples: EngineSamples,
        tmp_path: Path) -> None:
    folder = tmp_path / "samples"
    shutil.copytree(engine_samples.dir, folder)
    db = folder / "samples.db"
    raw = copy.deepcopy(engine_samples.definitions["BATCH_SCORE"])
    raw["dbDefinitions"]["samples"]["db"] = str(db)
    table = raw["setting"]["inputs"][0]["odbc"]["table"]
    out = raw["setting"]["exports"][0]["odbc"]["table"]
    with sqlite3.connect(db) as con:  # a table big enough to still run when DELETE comes
        for _ in range(8):
            con.execute(f'INSERT INTO "{table}" SELECT * FROM "{table}"')
        con.execute(f'DROP TABLE IF EXISTS "{out}"')
        con.execute(f'CREATE TABLE "{out}" (kept INTEGER)')
        con.execute(f'INSERT INTO "{out}" VALUES (42)')
    cluster = cluster_factory(2)
    s = server_factory(extra_args=["--cluster", cluster.address,
                                   "--cluster-partition-rows", "10"])
    wait_workers(s.url, s.key, 2)
    r = s.request("PUT", f"/pm/v1/file/{engine_samples.stream.name}",
                  files={"model_file": (engine_samples.stream.name,
                                        engine_samples.stream.read_bytes())})
    assert r.status_code == 200
    assert s.request("PUT", "/pm/v1/jobs/big", json=raw).status_code == 201
    wait_for(lambda: wait_state(s, "big", "RUNNING", "SUCCESS", "FAILED").get("runsOn"))
    assert s.request("DELETE", "/pm/v1/jobs/big").json()["deleted"] == 1

    def staging_gone() -> bool:
        with sqlite3.connect(db, timeout=60) as con:
            return not [n for (n,) in con.execute("SELECT name FROM sqlite_master")
                        if n.startswith("pmdesk_stage_")]

    wait_for(staging_gone)
    with sqlite3.connect(db) as con:
        assert con.execute(f'SELECT * FROM "{out}"').fetchall() == [(42,)]
