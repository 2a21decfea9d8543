"""A job never opens the service's own files; off loopback only --sqlite-root folders,
per access key if the operator says so (issue 11 item 1)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from helpers.jobs import wait_state
from helpers.server import EngineSamples, LiveServer


def _attack(engine_samples: EngineSamples, db: str) -> dict[str, Any]:
    """BATCH_SCORE exporting into table `jobs` with Drop: what replaced the jobs table."""
    raw = engine_samples.definition("BATCH_SCORE")
    raw["dbDefinitions"]["samples"]["db"] = db
    raw["setting"]["exports"][0]["odbc"]["table"] = "jobs"
    return raw


def test_the_services_own_files_are_refused_at_submit_whatever_the_path(
        server_factory: Callable[..., LiveServer], engine_samples: EngineSamples,
        tmp_path: Path) -> None:
    s = server_factory()  # loopback: any other SQLite file would be allowed
    data = s.data_dir
    link = tmp_path / "innocent.db"
    link.symlink_to(data / "jobs.sqlite3")
    (data / "databases").mkdir(exist_ok=True)
    own = [data / "jobs.sqlite3", data / "secret.key", data / "databases/../jobs.sqlite3",
           link, data / "instances", *(data / "instances").glob("*/files")]
    other = s.keys[0]
    assert s.request("PUT", "/pm/v1/jobs/mine", json=_attack(engine_samples, str(
        engine_samples.dir / "samples.db"))).status_code == 201  # allowed: not the service's
    for n, path in enumerate(own):
        r = s.request("PUT", f"/pm/v1/jobs/evil{n}", json=_attack(engine_samples, str(path)))
        assert r.status_code == 400, (path, r.text)
        assert "belongs to the job service itself" in r.json()["message"]
        assert s.request("GET", f"/pm/v1/jobs/evil{n}").status_code == 404
    r = s.request("PUT", "/pm/v1/jobs/uri", json={
        **_attack(engine_samples, "file:x.db"),
        "dbDefinitions": {"samples": {"type": "SQLite", "db": "x.db", "options": "uri=true"}}})
    assert r.status_code == 400 and "'uri'" in r.json()["message"]
    assert s.request("GET", "/pm/v1/jobs/mine/status", key=other).status_code == 200


def test_the_engine_checks_again_before_opening(
        server_factory: Callable[..., LiveServer], engine_samples: EngineSamples,
        tmp_path: Path) -> None:
    """A symlink allowed at submit and re-pointed at the jobs database before the run."""
    s = server_factory(env={"PMDESK_TEST_JOB_DELAY": "3"})
    copy = tmp_path / "copy.db"
    shutil.copyfile(engine_samples.dir / "samples.db", copy)
    link = tmp_path / "moving.db"
    link.symlink_to(copy)
    assert s.request("PUT", "/pm/v1/file/drug.pmstream",
                     files={"model_file": ("d", engine_samples.stream.read_bytes())}
                     ).status_code == 200
    assert s.request("PUT", "/pm/v1/jobs/swap",
                     json=_attack(engine_samples, str(link))).status_code == 201
    wait_state(s, "swap", "RUNNING")
    link.unlink()
    link.symlink_to(s.data_dir / "jobs.sqlite3")
    final = wait_state(s, "swap", "FAILED", "SUCCESS")
    assert final["jobStatus"] == "FAILED"
    assert "belongs to the job service itself" in final["message"]
    assert s.request("GET", "/pm/v1/jobs").status_code == 200


def test_with_roots_only_those_folders_and_per_key_roots(
        server_factory: Callable[..., LiveServer], engine_samples: EngineSamples,
        tmp_path: Path) -> None:
    shared_root, b_root = tmp_path / "shared-dbs", tmp_path / "b-dbs"
    for folder in (shared_root, b_root):
        folder.mkdir()
        shutil.copyfile(engine_samples.dir / "samples.db", folder / "s.db")
    a, b = "key-a-1234567890", "key-b-1234567890"
    s = server_factory(keys=[a, b], extra_args=["--sqlite-root", str(shared_root)],
                       env={"PMDESK_SQLITE_ROOTS_BY_KEY": json.dumps({b: [str(b_root)]})})

    def put(key: str, job_id: str, db: Path) -> Any:
        return s.request("PUT", f"/pm/v1/jobs/{job_id}", key=key,
                         json=engine_samples.definition("BATCH_SCORE") | {
                             "dbDefinitions": {"samples": {"type": "SQLite", "db": str(db)}}})

    assert put(a, "a-ok", shared_root / "s.db").status_code == 201
    r = put(a, "a-no", b_root / "s.db")
    assert r.status_code == 400 and str(shared_root) in r.json()["message"]
    assert put(b, "b-ok", b_root / "s.db").status_code == 201
    r = put(b, "b-no", shared_root / "s.db")
    assert r.status_code == 400 and str(b_root) in r.json()["message"]
    r = put(b, "b-no2", engine_samples.dir / "samples.db")
    assert r.status_code == 400


def test_a_malformed_roots_by_key_stops_the_start_with_a_message(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "data", env={"PMDESK_SQLITE_ROOTS_BY_KEY": "k=/x"})
    try:
        server.start(timeout=30)
    except RuntimeError as exc:
        assert "PMDESK_SQLITE_ROOTS_BY_KEY must be a JSON object" in str(exc)
    else:
        server.stop()
        raise AssertionError("the service started with a malformed setting")
