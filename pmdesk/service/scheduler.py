"""Schedules (an addition, issue 15): the service resubmits a job by cron or every N seconds.

Schedules live in the jobs database with their next due time (UTC), so they survive a
kill -9 and a restart: a time that passed while the service was down is due at start-up
and fires once, then the next time is computed from now (never once per missed slot). A
firing while the job is still PENDING or RUNNING is skipped and recorded as skipped.

Cron expressions and time zones come from cronsim and zoneinfo (no parser of our own).
Cron times are computed in the schedule's zone (default: the service's, via tzlocal), so a
daily run stays at its local hour across DST; at a DST change a time that does not exist
runs when the clock jumps, a time that occurs twice runs once: every next time must be
later than the last one fired and than now, in UTC.

One thread runs them and, once a minute, the run history's retention (runlog).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cronsim import CronSim, CronSimError

from pmdesk.api.ids import id_problem
from pmdesk.api.models import JobState
from pmdesk.service import runlog
from pmdesk.service.jobsdb import JobBusyError, JobsDB

if TYPE_CHECKING:
    from pmdesk.service.state import Service

log = logging.getLogger("pmdesk.scheduler")

HOUSEKEEPING_SECONDS = 60.0
MAX_EVERY_SECONDS = 366 * 24 * 3600
MAX_FIRINGS = 20  # firings remembered per schedule
BUSY = (JobState.PENDING.value, JobState.RUNNING.value, JobState.CANCELING.value)
FIELDS = ("jobId", "cron", "everySeconds", "timezone", "enabled", "startAt", "endAt")


class ScheduleError(ValueError):
    """A schedule the service cannot take; the message names the field."""


def local_zone_name() -> str:
    try:
        from tzlocal import get_localzone_name

        name = get_localzone_name()
        if name:
            ZoneInfo(name)
            return name
    except Exception:  # no zone configured on the host: UTC is the honest default
        log.debug("no local time zone found; schedules default to UTC", exc_info=True)
    return "UTC"


def iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _parse_time(value: Any, name: str, zone: ZoneInfo) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ScheduleError(f"{name}: give a date and time as text, e.g. "
                            "2026-12-24T18:00:00+01:00")
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ScheduleError(f"{name}: {value!r} is not an ISO 8601 date and time, e.g. "
                            "2026-12-24T18:00:00+01:00") from None
    if when.tzinfo is None:  # a local time of the schedule's zone
        when = when.replace(tzinfo=zone)
    return when.astimezone(UTC)


@dataclass
class Spec:
    """A schedule as stored: exactly one of `cron` and `every_seconds`."""

    job_id: str
    cron: str | None = None
    every_seconds: int | None = None
    timezone: str = "UTC"
    enabled: bool = True
    start_at: datetime | None = None
    end_at: datetime | None = None
    anchor: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @classmethod
    def from_body(cls, body: Any, *, now: datetime | None = None) -> Spec:
        """Validates a PUT body; raises ScheduleError naming the field at fault."""
        if not isinstance(body, dict):
            raise ScheduleError("the schedule must be a JSON object with jobId and cron or "
                                "everySeconds")
        unknown = [k for k in body if k not in FIELDS and k not in ANSWER_FIELDS]
        if unknown:
            raise ScheduleError(f"{unknown[0]}: not a field of a schedule (fields: "
                                f"{', '.join(FIELDS)})")
        job_id = body.get("jobId")
        if not isinstance(job_id, str) or not job_id:
            raise ScheduleError("jobId: give the id of the job to run")
        problem = id_problem(job_id, "job id")
        if problem:
            raise ScheduleError(f"jobId: {problem}")
        zone_name = body.get("timezone")
        if zone_name is None:
            zone_name = local_zone_name()
        if not isinstance(zone_name, str):
            raise ScheduleError("timezone: give an IANA time zone name such as Europe/Berlin")
        try:
            zone = ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ScheduleError(f"timezone: {zone_name!r} is not a known IANA time zone "
                                "(e.g. UTC, Europe/Berlin, America/New_York)") from None
        cron, every = body.get("cron"), body.get("everySeconds")
        if (cron is None) == (every is None):
            raise ScheduleError("cron, everySeconds: give exactly one of them")
        if cron is not None:
            if not isinstance(cron, str) or not cron.strip():
                raise ScheduleError("cron: give a cron expression such as '0 2 * * *'")
            cron = " ".join(cron.split())
            try:
                CronSim(cron, datetime.now(zone))
            except CronSimError as exc:
                raise ScheduleError(f"cron: {cron!r} is not a valid cron expression "
                                    f"({exc}); five fields: minute hour day-of-month month "
                                    "day-of-week, e.g. '0 2 * * *'") from None
        if every is not None and (isinstance(every, bool) or not isinstance(every, int)
                                  or not 1 <= every <= MAX_EVERY_SECONDS):
            raise ScheduleError(f"everySeconds: give a whole number of seconds from 1 to "
                                f"{MAX_EVERY_SECONDS}")
        enabled = body.get("enabled", True)
        if not isinstance(enabled, bool):
            raise ScheduleError("enabled: give true or false")
        start_at = _parse_time(body.get("startAt"), "startAt", zone)
        end_at = _parse_time(body.get("endAt"), "endAt", zone)
        if start_at and end_at and end_at <= start_at:
            raise ScheduleError("endAt: must be later than startAt")
        return cls(job_id, cron, every, zone_name, enabled, start_at, end_at,
                   anchor=now or datetime.now(UTC))

    def to_store(self) -> str:
        return json.dumps({"jobId": self.job_id, "cron": self.cron,
                           "everySeconds": self.every_seconds, "timezone": self.timezone,
                           "enabled": self.enabled,
                           "startAt": iso(self.start_at) if self.start_at else None,
                           "endAt": iso(self.end_at) if self.end_at else None,
                           "anchor": iso(self.anchor)})

    @classmethod
    def from_store(cls, text: str) -> Spec:
        data = json.loads(text)
        parsed = [None if data.get(k) is None else datetime.fromisoformat(
            data[k].replace("Z", "+00:00")) for k in ("startAt", "endAt", "anchor")]
        return cls(data["jobId"], data.get("cron"), data.get("everySeconds"),
                   data.get("timezone") or "UTC", bool(data.get("enabled", True)),
                   parsed[0], parsed[1], parsed[2] or datetime.now(UTC))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"jobId": self.job_id}
        if self.cron is not None:
            out["cron"] = self.cron
        else:
            out["everySeconds"] = self.every_seconds
        out["timezone"] = self.timezone
        out["enabled"] = self.enabled
        if self.start_at:
            out["startAt"] = iso(self.start_at)
        if self.end_at:
            out["endAt"] = iso(self.end_at)
        return out

    def next_after(self, after: datetime) -> datetime | None:
        """The first time strictly later than `after` (aware) it is due; None if never."""
        after = after.astimezone(UTC)
        if self.start_at and after < self.start_at:
            after = self.start_at - timedelta(microseconds=1)
        candidate: datetime | None
        if self.cron is not None:
            candidate = None
            # cronsim may answer a time before `after` when `after` falls in a repeated
            # hour (the second 02:xx of a DST end): skip those, or a day would run twice
            for when in CronSim(self.cron, after.astimezone(self.zone)):
                if when.astimezone(UTC) > after:
                    candidate = when.astimezone(UTC)
                    break
        else:
            step = timedelta(seconds=int(self.every_seconds or 1))
            base = self.start_at or self.anchor
            if after < base:
                candidate = base
            else:
                candidate = base + step * ((after - base) // step + 1)
        if candidate is not None and self.end_at and candidate > self.end_at:
            return None
        return candidate

    def upcoming(self, after: datetime, count: int) -> list[datetime]:
        found: list[datetime] = []
        when: datetime | None = after
        while when is not None and len(found) < count:
            when = self.next_after(when)
            if when is not None:
                found.append(when)
        return found


ANSWER_FIELDS = ("id", "nextRun", "nextRuns", "lastRun", "lastState", "lastMessage",
                 "lastRunId", "skipped", "firings", "created", "updated")


# ---- storage (the JobsDB connection and lock) ------------------------------------------


@dataclass
class ScheduleRow:
    ns: str
    id: str
    spec: Spec
    next_run: str | None
    last_run: str | None
    last_state: str | None
    last_message: str | None
    last_run_num: int | None
    skipped: int
    created: str
    updated: str

    @classmethod
    def from_sql(cls, row: sqlite3.Row) -> ScheduleRow:
        data = dict(row)
        data["spec"] = Spec.from_store(data["spec"])
        data.pop("job_id", None)
        return cls(**data)


def get_schedule(db: JobsDB, ns: str, schedule_id: str) -> ScheduleRow | None:
    with db._lock:
        row = db._conn.execute("SELECT * FROM schedules WHERE ns=? AND id=?",
                               (ns, schedule_id)).fetchone()
    return ScheduleRow.from_sql(row) if row else None


def list_schedules(db: JobsDB, ns: str) -> list[ScheduleRow]:
    with db._lock:
        rows = db._conn.execute("SELECT * FROM schedules WHERE ns=? ORDER BY id",
                                (ns,)).fetchall()
    return [ScheduleRow.from_sql(r) for r in rows]


def put_schedule(db: JobsDB, ns: str, schedule_id: str, spec: Spec) -> bool:
    """Creates or replaces; the next time counts from now. True when it was created."""
    now = datetime.now(UTC)
    nxt = spec.next_after(now) if spec.enabled else None
    with db._lock:
        cur = db._conn.execute(
            "UPDATE schedules SET job_id=?, spec=?, next_run=?, updated=? WHERE ns=? AND id=?",
            (spec.job_id, spec.to_store(), iso(nxt) if nxt else None, iso(now), ns,
             schedule_id))
        if cur.rowcount:
            return False
        db._conn.execute(
            "INSERT INTO schedules (ns, id, job_id, spec, next_run, created, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (ns, schedule_id, spec.job_id, spec.to_store(), iso(nxt) if nxt else None,
             iso(now), iso(now)))
        return True


def delete_schedule(db: JobsDB, ns: str, schedule_id: str) -> bool:
    with db._lock:
        cur = db._conn.execute("DELETE FROM schedules WHERE ns=? AND id=?", (ns, schedule_id))
        db._conn.execute("DELETE FROM schedule_firings WHERE ns=? AND schedule_id=?",
                         (ns, schedule_id))
        return cur.rowcount > 0


def firings(db: JobsDB, ns: str, schedule_id: str) -> list[dict[str, Any]]:
    with db._lock:
        rows = db._conn.execute(
            "SELECT at, outcome, run_num, message FROM schedule_firings "
            "WHERE ns=? AND schedule_id=? ORDER BY at DESC, rowid DESC LIMIT ?",
            (ns, schedule_id, MAX_FIRINGS)).fetchall()
    out = []
    for r in rows:
        item: dict[str, Any] = {"at": r["at"], "outcome": r["outcome"]}
        if r["run_num"] is not None:
            item["runId"] = str(r["run_num"])
        if r["message"]:
            item["message"] = r["message"]
        out.append(item)
    return out


def schedule_json(db: JobsDB, row: ScheduleRow) -> dict[str, Any]:
    """The answer of GET: the spec, the next times and what the last firing did.

    `lastState` is the state of the run the last firing started (SUCCESS, RUNNING, ...),
    or SKIPPED / FAILED when it started none."""
    out: dict[str, Any] = {"id": row.id, **row.spec.to_json(), "nextRun": row.next_run}
    nxt = runlog.parse_iso(row.next_run)
    out["nextRuns"] = ([iso(t) for t in [nxt, *row.spec.upcoming(nxt, 4)]]
                       if nxt is not None else [])
    out["lastRun"] = row.last_run
    state = row.last_state
    if state == "SUBMITTED" and row.last_run_num is not None:
        run = runlog.get_run(db, row.ns, row.spec.job_id, row.last_run_num)
        state = run.state if run is not None else "SUBMITTED"
    out["lastState"] = state
    if row.last_message:
        out["lastMessage"] = row.last_message
    if row.last_run_num is not None:
        out["lastRunId"] = str(row.last_run_num)
    out["skipped"] = row.skipped
    out["firings"] = firings(db, row.ns, row.id)
    out["created"], out["updated"] = row.created, row.updated
    return out


def _record(db: JobsDB, row: ScheduleRow, at: datetime, outcome: str, num: int | None,
            message: str | None, next_run: datetime | None) -> None:
    with db._lock:
        db._conn.execute("BEGIN IMMEDIATE")
        try:
            db._conn.execute(
                "UPDATE schedules SET next_run=?, last_run=?, last_state=?, last_message=?, "
                "last_run_num=COALESCE(?, last_run_num), skipped=skipped+? "
                "WHERE ns=? AND id=? AND updated=?",
                (iso(next_run) if next_run else None, iso(at), outcome, message, num,
                 1 if outcome == "SKIPPED" else 0, row.ns, row.id, row.updated))
            db._conn.execute(
                "INSERT INTO schedule_firings VALUES (?, ?, ?, ?, ?, ?)",
                (row.ns, row.id, iso(at), outcome, num, message))
            db._conn.execute(
                "DELETE FROM schedule_firings WHERE ns=? AND schedule_id=? AND rowid NOT IN "
                "(SELECT rowid FROM schedule_firings WHERE ns=? AND schedule_id=? "
                " ORDER BY at DESC, rowid DESC LIMIT ?)",
                (row.ns, row.id, row.ns, row.id, MAX_FIRINGS))
            db._conn.execute("COMMIT")
        except BaseException:
            db._conn.execute("ROLLBACK")
            raise


def _due(db: JobsDB, now: datetime) -> list[ScheduleRow]:
    with db._lock:
        rows = db._conn.execute(
            "SELECT * FROM schedules WHERE next_run IS NOT NULL AND next_run <= ? "
            "ORDER BY next_run", (iso(now),)).fetchall()
    return [ScheduleRow.from_sql(r) for r in rows]


def _earliest(db: JobsDB) -> datetime | None:
    with db._lock:
        row = db._conn.execute(
            "SELECT MIN(next_run) FROM schedules WHERE next_run IS NOT NULL").fetchone()
    return runlog.parse_iso(row[0]) if row and row[0] else None


def fire(db: JobsDB, row: ScheduleRow, now: datetime) -> tuple[str, int | None]:
    """Resubmits the schedule's job unless it is still busy; records what happened."""
    due = runlog.parse_iso(row.next_run) or now
    nxt = row.spec.next_after(max(now, due)) if row.spec.enabled else None
    job = db.get(row.ns, row.spec.job_id)
    num: int | None = None
    message: str | None = None
    if job is None:
        outcome = "FAILED"
        message = f"job {row.spec.job_id!r} no longer exists"
    elif job.state in BUSY:
        outcome = "SKIPPED"
        current = runlog.get_run(db, row.ns, job.id, None)
        which = f"run {current.num}" if current else "the previous run"
        message = f"skipped: {which} of job {job.id!r} was still {job.state}"
    else:
        try:
            submitted, _ = db.submit(row.ns, job.id, job.definition, job.secrets,
                                     replace=True)
        except JobBusyError as exc:  # it was resubmitted a moment ago
            outcome = "SKIPPED"
            message = f"skipped: job {job.id!r} was still {exc.state}"
        else:
            outcome = "SUBMITTED"
            num = runlog.set_origin(db, row.ns, job.id, submitted.seq, f"schedule:{row.id}")
    if outcome == "SKIPPED" and job is not None and message:
        # a firing is a run (issue 15): the skipped one is listed with the job's runs too
        num = runlog.record_skipped(db, row.ns, job.id, f"schedule:{row.id}", message)
    _record(db, row, now, outcome, num, message, nxt)
    log.info("schedule %r: %s%s", row.id, outcome.lower(), f" ({message})" if message else "")
    return outcome, num


class Scheduler:
    """The thread that fires due schedules and keeps the run history within bounds."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="pmdesk-scheduler",
                                        daemon=True)
        self._housekept = 0.0

    def start(self) -> Scheduler:
        import time

        try:  # before the first request: a restart answers with the history already trimmed
            self.housekeeping()
        except Exception:
            log.exception("the run history's retention failed; it is tried again later")
        self._housekept = time.monotonic()
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(10)

    def wake(self) -> None:
        """A schedule changed: look at the next due time again."""
        self._wake.set()

    def _loop(self) -> None:
        import time

        db = self.service.db
        while not self._stop.is_set():
            try:
                if time.monotonic() - self._housekept >= HOUSEKEEPING_SECONDS \
                        or not self._housekept:
                    self._housekept = time.monotonic()
                    self.housekeeping()
                now = datetime.now(UTC)
                fired = False
                for row in _due(db, now):
                    if self._stop.is_set():
                        return
                    outcome, _ = fire(db, row, now)
                    fired = fired or outcome == "SUBMITTED"
                if fired:
                    self.service.pool.wake()
                earliest = _earliest(db)
                wait = HOUSEKEEPING_SECONDS
                if earliest is not None:
                    wait = min(wait, max(0.0, (earliest - datetime.now(UTC)).total_seconds()))
                self._wake.wait(wait + 0.001)
                self._wake.clear()
            except Exception:
                log.exception("the scheduler hit an error; it carries on")
                self._stop.wait(1.0)

    def housekeeping(self) -> None:
        """Retention of the run history: old runs out, their folders with them."""
        db = self.service.db
        dropped = runlog.prune_runs(db)
        for inst in self.service.instances.all():
            runlog.sweep_run_dirs(db, inst.ns, inst.runs_dir)
        if dropped:
            log.info("run history: %d old run(s) dropped", dropped)

