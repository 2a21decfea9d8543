"""Schedules (issue 15): next times across DST, validation, and a real `pmdesk serve` that
fires them, survives kill -9, runs a missed time once at start-up and skips overlaps."""

from __future__ import annotations

import itertools
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from helpers.jobs import definition, wait_for, wait_state
from helpers.server import LiveServer

from pmdesk.api import additions
from pmdesk.service.scheduler import ScheduleError, Spec

BERLIN = ZoneInfo("Europe/Berlin")


def spec(**body: Any) -> Spec:
    return Spec.from_body({"jobId": "j", **body}, now=datetime(2026, 1, 1, tzinfo=UTC))


def fired_days(s: Spec, start: datetime, days: int) -> list[datetime]:
    """Every time fired from `start` on, each next one computed after the last fired."""
    out: list[datetime] = []
    when: datetime | None = start
    end = start + timedelta(days=days)
    while when is not None and when < end:
        when = s.next_after(when)
        if when is not None and when < end:
            out.append(when)
    return out


@pytest.mark.parametrize("day", [date(2026, 3, 29), date(2026, 10, 25)])
@pytest.mark.parametrize("hhmm", ["30 2", "0 3", "30 1", "0 2"])
def test_a_daily_run_happens_once_a_day_across_dst(day: date, hhmm: str) -> None:
    s = spec(cron=f"{hhmm} * * *", timezone="Europe/Berlin")
    start = datetime(day.year, day.month, day.day, tzinfo=BERLIN) - timedelta(days=2)
    fired = fired_days(s, start, 5)
    local_days = [t.astimezone(BERLIN).date() for t in fired]
    assert local_days == [start.date() + timedelta(days=i) for i in range(5)]
    assert all(b > a for a, b in itertools.pairwise(fired))
    minute, hour = (int(x) for x in hhmm.split())
    for t in fired:
        local = t.astimezone(BERLIN)
        gap = local.date() == date(2026, 3, 29) and hour == 2  # 02:xx does not exist
        assert (local.hour, local.minute) == ((3, 0) if gap else (hour, minute))


def test_a_next_time_computed_inside_the_repeated_hour_does_not_run_the_day_twice() -> None:
    s = spec(cron="30 2 * * *", timezone="Europe/Berlin")
    # 02:30 CEST (00:30Z) has fired; the service starts again at 02:15 CET (01:15Z), the
    # second 02:15 of that night: the next run is the next day, not 02:30 CET again
    restart = datetime(2026, 10, 25, 1, 15, tzinfo=UTC)
    assert s.next_after(restart) == datetime(2026, 10, 26, 1, 30, tzinfo=UTC)
    # and a time in the first 02:xx hour still gets that night's run (once)
    assert s.next_after(datetime(2026, 10, 25, 0, 15, tzinfo=UTC)) == \
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_every_seconds_keeps_its_cadence_and_window() -> None:
    s = spec(everySeconds=10, startAt="2026-01-01T00:00:05Z", endAt="2026-01-01T00:00:40Z")
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    assert s.next_after(t0) == t0 + timedelta(seconds=5)
    assert s.next_after(t0 + timedelta(seconds=5)) == t0 + timedelta(seconds=15)
    # late by 23 s: the next slot, not a burst of the missed ones
    assert s.next_after(t0 + timedelta(seconds=28)) == t0 + timedelta(seconds=35)
    assert s.next_after(t0 + timedelta(seconds=35)) is None  # 45 s is past endAt


@pytest.mark.parametrize(("body", "field"), [
    ({"cron": "61 * * * *"}, "cron:"),
    ({"cron": "* * *"}, "cron:"),
    ({"cron": 5}, "cron:"),
    ({"everySeconds": 0}, "everySeconds:"),
    ({"everySeconds": True}, "everySeconds:"),
    ({}, "cron, everySeconds:"),
    ({"cron": "0 2 * * *", "everySeconds": 5}, "cron, everySeconds:"),
    ({"cron": "0 2 * * *", "timezone": "Mars/Olympus"}, "timezone:"),
    ({"cron": "0 2 * * *", "enabled": "yes"}, "enabled:"),
    ({"cron": "0 2 * * *", "startAt": "tomorrow"}, "startAt:"),
    ({"cron": "0 2 * * *", "startAt": "2026-01-02T00:00:00Z",
      "endAt": "2026-01-01T00:00:00Z"}, "endAt:"),
    ({"cron": "0 2 * * *", "evrySeconds": 5}, "evrySeconds:"),
])
def test_a_bad_schedule_is_refused_naming_the_field(body: dict[str, Any], field: str) -> None:
    with pytest.raises(ScheduleError) as err:
        spec(**body)
    assert str(err.value).startswith(field)


# ---- on a real service ------------------------------------------------------------------


def runs(server: LiveServer, job_id: str) -> list[dict[str, Any]]:
    r = server.request("GET", f"/pm/v1/jobs/{job_id}/runs")
    assert r.status_code == 200, r.text
    return list(r.json())


def scheduled(server: LiveServer, job_id: str) -> list[dict[str, Any]]:
    return [r for r in runs(server, job_id) if r["origin"].startswith("schedule:")]


@pytest.fixture
def quick_job(server_factory: Callable[..., LiveServer]) -> LiveServer:
    """A job that fails at once (its stream is not a stream): quick runs to count."""
    server = server_factory(keys=["key-one-0123456789", "key-two-0123456789"])
    r = server.request("PUT", "/pm/v1/file/bad.str", files={"model_file": ("bad.str", b"x")})
    assert r.status_code == 200
    assert server.request("PUT", "/pm/v1/jobs/j", json=definition("bad.str")).status_code == 201
    wait_state(server, "j", "FAILED")
    return server


def test_a_schedule_resubmits_survives_kill_9_and_stops_when_deleted(quick_job: LiveServer
                                                                     ) -> None:
    s = quick_job
    r = s.request("PUT", "/pm/v1/schedules/often", json={"jobId": "j", "everySeconds": 2})
    assert r.status_code == 201, r.text
    assert r.json()["nextRun"] is not None and r.json()["everySeconds"] == 2
    wait_for(lambda: len(scheduled(s, "j")) >= 3)
    listed = runs(s, "j")
    started = [r for r in listed if not r.get("skipped")]  # overlaps are listed as SKIPPED
    assert started[0]["current"] and started[0]["origin"] == "schedule:often"
    assert all(r["jobStatus"] == "SKIPPED" for r in listed if r.get("skipped"))
    assert [int(x["runId"]) for x in listed] == sorted(
        (int(x["runId"]) for x in listed), reverse=True)

    s.kill()
    s.start()
    before = len(scheduled(s, "j"))
    wait_for(lambda: len(scheduled(s, "j")) >= before + 2)
    one = s.request("GET", "/pm/v1/schedules/often").json()
    assert one["lastRun"] and one["lastState"] in ("PENDING", "RUNNING", "FAILED", "SKIPPED")

    assert s.request("DELETE", "/pm/v1/schedules/often").status_code == 200
    assert s.request("GET", "/pm/v1/schedules/often").status_code == 404
    wait_state(s, "j", "FAILED")
    count = len(runs(s, "j"))
    time.sleep(5)  # 2.5 intervals: a schedule still alive would have fired
    assert len(runs(s, "j")) == count
    assert s.request("GET", "/pm/v1/schedules").json() == []


def test_a_cron_schedule_reports_its_next_runs_and_belongs_to_its_key(quick_job: LiveServer
                                                                      ) -> None:
    s = quick_job
    with s.client() as client:
        made = additions.put_schedule(client, "nightly", {
            "jobId": "j", "cron": "0 2 * * *", "timezone": "Europe/Berlin"})
    assert made.nextRun is not None
    local = made.nextRun.astimezone(BERLIN)
    assert (local.hour, local.minute) == (2, 0)
    assert made.nextRun > datetime.now(UTC)
    assert made.nextRun - datetime.now(UTC) <= timedelta(hours=25)
    assert len(made.nextRuns) == 5 and made.nextRuns[0] == made.nextRun
    assert made.lastRun is None and made.skipped == 0
    r = s.request("PUT", "/pm/v1/schedules/nightly",
                  json={"jobId": "j", "cron": "0 3 * * *", "enabled": False})
    assert r.status_code == 200 and r.json()["nextRun"] is None
    assert r.json()["timezone"]  # the service's zone by default
    # the other key sees nothing and cannot touch it
    other = "key-two-0123456789"
    assert s.request("GET", "/pm/v1/schedules", key=other).json() == []
    assert s.request("GET", "/pm/v1/schedules/nightly", key=other).status_code == 404
    assert s.request("DELETE", "/pm/v1/schedules/nightly", key=other).status_code == 404
    r = s.request("PUT", "/pm/v1/schedules/x", key=other, json={"jobId": "j", "cron": "* * * * *"})
    assert r.status_code == 400 and r.json()["message"].startswith("jobId: no job 'j'")


@pytest.mark.parametrize(("body", "start"), [
    ({"jobId": "j", "cron": "61 * * * *"}, "cron: '61 * * * *' is not a valid cron"),
    ({"jobId": "j", "cron": "0 2 * * *", "timezone": "Nowhere/City"}, "timezone:"),
    ({"jobId": "gone", "everySeconds": 5}, "jobId: no job 'gone'"),
    ({"jobId": "j"}, "cron, everySeconds: give exactly one"),
])
def test_bad_schedules_get_400_naming_the_field(quick_job: LiveServer, body: dict[str, Any],
                                                start: str) -> None:
    r = quick_job.request("PUT", "/pm/v1/schedules/bad", json=body)
    assert r.status_code == 400
    assert r.json()["message"].startswith(start)
    assert quick_job.request("GET", "/pm/v1/schedules/bad").status_code == 404


def test_not_json_and_bad_ids_are_400(quick_job: LiveServer) -> None:
    r = quick_job.request("PUT", "/pm/v1/schedules/s", content=b"{jobId: 1}")
    assert r.status_code == 400 and r.json()["message"]
    r = quick_job.request("PUT", "/pm/v1/schedules/a%3Ab", json={"jobId": "j", "everySeconds": 5})
    assert r.status_code == 400 and "may not contain ':'" in r.json()["message"]


def test_a_time_missed_while_down_runs_once_at_start_up(quick_job: LiveServer) -> None:
    s = quick_job
    now = datetime.now(UTC)
    # due every 2 s until 6 s from now; the service is down through all of it
    body = {"jobId": "j", "everySeconds": 2, "endAt": (now + timedelta(seconds=6)).isoformat()}
    assert s.request("PUT", "/pm/v1/schedules/gap", json=body).status_code == 201
    s.stop()
    db = sqlite3.connect(Path(s.data_dir) / "jobs.sqlite3")
    before = db.execute("SELECT COUNT(*) FROM runs WHERE origin='schedule:gap'").fetchone()[0]
    end = db.execute("SELECT next_run FROM schedules WHERE id='gap'").fetchone()[0]
    db.close()
    assert end is not None  # its end was not reached before the stop
    time.sleep(max(0.0, (now + timedelta(seconds=7) - datetime.now(UTC)).total_seconds()))
    s.start()
    wait_for(lambda: len(scheduled(s, "j")) > before)
    wait_state(s, "j", "FAILED")
    one = s.request("GET", "/pm/v1/schedules/gap").json()
    assert one["nextRun"] is None  # past its end now
    assert len(scheduled(s, "j")) == before + 1
    assert one["firings"][0]["outcome"] == "SUBMITTED"


def test_an_overlapping_run_is_skipped_and_recorded(server_factory: Callable[..., LiveServer]
                                                    ) -> None:
    s = server_factory(env={"PMDESK_TEST_JOB_DELAY": "120"}, extra_args=["--workers", "1"])
    r = s.request("PUT", "/pm/v1/file/s.str", files={"model_file": ("s.str", b"x")})
    assert r.status_code == 200
    assert s.request("PUT", "/pm/v1/jobs/slow", json=definition("s.str")).status_code == 201
    wait_state(s, "slow", "RUNNING")
    assert s.request("PUT", "/pm/v1/schedules/s1",
                     json={"jobId": "slow", "everySeconds": 1}).status_code == 201
    one = wait_for(lambda: (x := s.request("GET", "/pm/v1/schedules/s1").json())["skipped"] >= 2
                   and x)
    assert one["lastState"] == "SKIPPED"
    assert one["firings"][0]["outcome"] == "SKIPPED"
    assert one["firings"][0]["message"] == "skipped: run 1 of job 'slow' was still RUNNING"
    listed = runs(s, "slow")
    assert [r["jobStatus"] for r in listed if not r.get("skipped")] == ["RUNNING"]
    skipped = [r for r in listed if r.get("skipped")]
    assert len(skipped) >= 2 and all(r["jobStatus"] == "SKIPPED" for r in skipped)
    assert skipped[0]["origin"] == "schedule:s1" and not skipped[0]["current"]
    assert skipped[0]["message"] == "skipped: run 1 of job 'slow' was still RUNNING"
    assert one["lastRunId"] in {r["runId"] for r in skipped}
    with s.client() as client:  # the client reads them as never run
        infos = additions.list_runs(client, "slow")
    assert {i.state_name for i in infos} == {"RUNNING", "SKIPPED"}
    assert s.request("GET", "/pm/v1/jobs/slow/status").json()["jobStatus"] == "RUNNING"
    s.request("DELETE", "/pm/v1/schedules/s1")
    s.request("POST", "/pm/v1/jobs/slow/cancel")
