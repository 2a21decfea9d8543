"""Addition `GET /pm/v1/jobs?since=REV`: only what changed, over real HTTP and real SQLite."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers.jobs import definition, wait_for, wait_state
from helpers.server import LiveServer

from pmdesk.api.models import JobState
from pmdesk.service import jobsdb
from pmdesk.service.jobsdb import JobsDB


def changes(s: LiveServer, since: int, key: str = "") -> dict[str, Any]:
    r = s.request("GET", "/pm/v1/jobs", key=key, params={"since": since})
    assert r.status_code == 200, r.text
    body = dict(r.json())
    assert r.headers["x-pmdesk-rev"] == str(body["rev"])
    return body


def current_rev(s: LiveServer, key: str = "") -> int:
    r = s.request("GET", "/pm/v1/jobs", key=key)
    assert r.status_code == 200 and isinstance(r.json(), list)
    return int(r.headers["x-pmdesk-rev"])


def settled(s: LiveServer, *job_ids: str) -> None:
    """Jobs of a missing stream fail at once: after this their rows stop changing."""
    for job_id in job_ids:
        wait_state(s, job_id, "FAILED")


def test_changes_follow_create_update_delete(server_factory: Callable[..., LiveServer]
                                             ) -> None:
    s = server_factory()
    empty = changes(s, 0)
    assert empty == {"rev": 0, "full": True, "jobs": [], "deleted": []}

    for job_id in ("a", "b"):
        assert s.request("PUT", f"/pm/v1/jobs/{job_id}", json=definition()).status_code == 201
    settled(s, "a", "b")
    r1 = current_rev(s)
    everything = changes(s, 0)
    assert everything["full"] is True and everything["rev"] == r1
    assert everything["jobs"] == s.request("GET", "/pm/v1/jobs").json()  # same entries
    assert [j["id"] for j in everything["jobs"]] == ["a", "b"]
    assert changes(s, r1) == {"rev": r1, "full": False, "jobs": [], "deleted": []}
    etag = s.request("GET", "/pm/v1/jobs", params={"since": r1}).headers["etag"]
    r = s.request("GET", "/pm/v1/jobs", params={"since": r1}, headers={"If-None-Match": etag})
    assert r.status_code == 304 and r.headers["x-pmdesk-rev"] == str(r1)

    # a resubmit (new state, new submission): only that job
    assert s.request("PUT", "/pm/v1/jobs/a", json=definition()).status_code == 200
    settled(s, "a")
    delta = changes(s, r1)
    r2 = delta["rev"]
    assert r2 > r1 and delta["full"] is False and delta["deleted"] == []
    assert [j["id"] for j in delta["jobs"]] == ["a"]
    assert delta["jobs"][0]["status"]["jobStatus"] == "FAILED"
    assert delta["jobs"][0]["model"] == {"id": "missing.str"}

    # a delete: a tombstone, and the cached plain list follows at once
    assert s.request("DELETE", "/pm/v1/jobs/b").json()["deleted"] == 1
    delta = changes(s, r2)
    r3 = delta["rev"]
    assert delta == {"rev": r3, "full": False, "jobs": [], "deleted": ["b"]}
    assert [j["id"] for j in s.request("GET", "/pm/v1/jobs").json()] == ["a"]
    # seen from before the resubmit: both changes
    delta = changes(s, r1)
    assert [j["id"] for j in delta["jobs"]] == ["a"] and delta["deleted"] == ["b"]

    # deleted, then submitted again: in jobs only
    assert s.request("PUT", "/pm/v1/jobs/b", json=definition()).status_code == 201
    settled(s, "b")
    delta = changes(s, r3)
    assert [j["id"] for j in delta["jobs"]] == ["b"] and delta["deleted"] == []


def test_unknown_rev_resyncs_and_bad_rev_is_refused(server_factory: Callable[..., LiveServer]
                                                    ) -> None:
    s = server_factory()
    assert s.request("PUT", "/pm/v1/jobs/a", json=definition()).status_code == 201
    settled(s, "a")
    rev = current_rev(s)
    ahead = changes(s, rev + 1000)  # e.g. a rev of another (or a reset) data dir
    assert ahead["full"] is True and ahead["rev"] == rev
    assert [j["id"] for j in ahead["jobs"]] == ["a"]
    for bad in ("-1", "abc"):
        r = s.request("GET", "/pm/v1/jobs", params={"since": bad})
        assert r.status_code == 400 and "since" in r.json()["message"]


def test_changes_stay_within_the_instance(server_factory: Callable[..., LiveServer]) -> None:
    one, two = secrets.token_hex(16), secrets.token_hex(16)
    s = server_factory(keys=[one, two])
    assert s.request("PUT", "/pm/v1/jobs/mine", key=one, json=definition()).status_code == 201
    settled(s, "mine")
    rev_one = current_rev(s, one)
    assert changes(s, 0, two) == {"rev": 0, "full": True, "jobs": [], "deleted": []}

    assert s.request("PUT", "/pm/v1/jobs/theirs", key=two, json=definition()).status_code \
        == 201
    wait_for(lambda: s.request("GET", "/pm/v1/jobs/theirs/status", key=two
                               ).json()["jobStatus"] == "FAILED")
    assert s.request("DELETE", "/pm/v1/jobs/theirs", key=two).json()["deleted"] == 1
    # the other instance's create and delete are not changes of this one
    assert changes(s, rev_one, one) == {"rev": rev_one, "full": False, "jobs": [],
                                        "deleted": []}
    seen = changes(s, 0, two)
    # each instance counts its own changes (issue 11 item 9): the same history (create,
    # claim, fail) plus one delete, whatever the other key did before
    assert seen["jobs"] == [] and seen["rev"] == rev_one + 1


def test_progress_and_state_are_changes(tmp_path: Path) -> None:
    """Progress is written by a running engine; here the service's own JobsDB writes it the
    same way, as a real job would need a long stream to report any."""
    db = JobsDB(tmp_path / "jobs.sqlite3")
    try:
        db.submit("ns", "x", {"action": "RUN_STREAM", "model": {"id": "s.str"}}, {"d": "tok"},
                  replace=False)
        db.submit("ns", "y", {"action": "RUN_STREAM", "model": {"id": "s.str"}}, {},
                  replace=False)
        rev = db.ns_rev("ns")
        row = db.claim_next()
        assert row is not None and row.id == "x" and row.run_id
        db.set_progress("ns", "x", row.run_id, 500, 1000)
        found = db.changes("ns", rev)
        assert not found.full and found.deleted == [] and found.rev == db.ns_rev("ns")
        assert [(r.id, r.state, r.rows_done, r.rows_total) for r, _ in found.jobs] == [
            ("x", "RUNNING", 500, 1000)]
        assert found.jobs[0][0].secrets == {}  # lists never load the passwords
        assert '"model"' in found.jobs[0][1]
        after = found.rev
        db.finish("ns", "x", row.run_id, JobState.SUCCESS)
        assert [(r.id, r.state) for r, _ in db.changes("ns", after).jobs] == [("x", "SUCCESS")]
    finally:
        db.close()


def test_old_rev_behind_forgotten_deletes_resyncs(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobsdb, "MAX_TOMBSTONES", 2)  # a small limit instead of 5,000 deletes
    db = JobsDB(tmp_path / "jobs.sqlite3")
    try:
        for job_id in "abcd":
            db.submit("ns", job_id, {"action": "RUN_STREAM", "model": {"id": "s.str"}}, {},
                      replace=False)
        start = db.ns_rev("ns")
        db.delete("ns", "a")
        after_first = db.ns_rev("ns")
        db.delete("ns", "b")
        db.delete("ns", "c")  # three tombstones: the oldest ("a") is forgotten
        old = db.changes("ns", start)
        assert old.full and [r.id for r, _ in old.jobs] == ["d"]
        recent = db.changes("ns", after_first)
        assert not recent.full and recent.deleted == ["b", "c"]
    finally:
        db.close()
    reopened = JobsDB(tmp_path / "jobs.sqlite3")  # the horizon and revs survive a restart
    try:
        assert reopened.changes("ns", start).full
        assert reopened.changes("ns", after_first).deleted == ["b", "c"]
    finally:
        reopened.close()


def test_writes_of_another_jobsdb_on_the_file_are_changes(tmp_path: Path) -> None:
    """A second JobsDB on the same file (as the benchmarks' progress writer uses): its
    writes show up, and revs keep growing whichever of the two writes next."""
    path = tmp_path / "jobs.sqlite3"
    service, other = JobsDB(path), JobsDB(path)
    try:
        service.submit("ns", "x", {"action": "RUN_STREAM", "model": {"id": "s.str"}}, {},
                       replace=False)
        row = other.claim_next()
        assert row is not None and row.run_id
        rev = service.ns_rev("ns")
        other.set_progress("ns", "x", row.run_id, 10, 100)
        found = service.changes("ns", rev)
        assert [(r.id, r.rows_done) for r, _ in found.jobs] == [("x", 10)]
        service.submit("ns", "y", {"action": "RUN_STREAM", "model": {"id": "s.str"}}, {},
                       replace=False)
        assert service.ns_rev("ns") > found.rev
        assert [r.id for r, _ in service.changes("ns", found.rev).jobs] == ["y"]
    finally:
        service.close()
        other.close()
