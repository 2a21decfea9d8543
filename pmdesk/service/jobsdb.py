"""The jobs database: SQLite in WAL mode in the data dir, one row per job of any instance.

Definitions are stored with every password replaced by the mask; the passwords themselves
sit in a separate column, each encrypted (see crypto.py), and are decrypted only in the
worker process that runs the job. Every change takes a new value of one counter (`rev`),
which makes the ETags of list and status answers.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pmdesk.api.models import WORKER_STATES, JobState

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
    ns TEXT NOT NULL,
    id TEXT NOT NULL,
    definition TEXT NOT NULL,
    secrets TEXT NOT NULL DEFAULT '{}',
    state TEXT NOT NULL,
    submitted TEXT, started TEXT, finished TEXT,
    message TEXT,
    rows_done INTEGER, rows_total INTEGER,
    result TEXT,
    run_id TEXT,
    seq INTEGER NOT NULL,
    rev INTEGER NOT NULL,
    PRIMARY KEY (ns, id)
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state, seq);
CREATE TABLE IF NOT EXISTS ns_rev (ns TEXT PRIMARY KEY, rev INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS jobs_ns_rev ON jobs (ns, rev);
CREATE TABLE IF NOT EXISTS tombstones (
    ns TEXT NOT NULL, id TEXT NOT NULL, rev INTEGER NOT NULL, PRIMARY KEY (ns, id));
CREATE INDEX IF NOT EXISTS tombstones_rev ON tombstones (ns, rev);
CREATE TABLE IF NOT EXISTS horizon (ns TEXT PRIMARY KEY, rev INTEGER NOT NULL);
"""

# Additions (issue 15): every submission of a job is a run. The triggers keep a job's runs
# in step with its row whatever code changes the row: a new `seq` (a submission) starts a
# run, every other change updates the run of the current seq, a DELETE removes them all.
# (INSERT OR REPLACE fires no delete trigger: recursive_triggers is off.) The last
# statement gives jobs stored before this table existed their one run.
_RUN_COLUMNS = "state, submitted, started, finished, message, rows_done, rows_total, result, run_id"
_NEW_RUN = f"""
    INSERT INTO runs (ns, job_id, num, seq, {_RUN_COLUMNS})
    SELECT NEW.ns, NEW.id,
           COALESCE((SELECT MAX(num) FROM runs WHERE ns=NEW.ns AND job_id=NEW.id), 0) + 1,
           NEW.seq, NEW.state, NEW.submitted, NEW.started, NEW.finished, NEW.message,
           NEW.rows_done, NEW.rows_total, NEW.result, NEW.run_id
    WHERE NOT EXISTS (SELECT 1 FROM runs WHERE ns=NEW.ns AND job_id=NEW.id AND seq=NEW.seq);
"""  # noqa: S608 (constants only)
RUNS_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS runs (
    ns TEXT NOT NULL, job_id TEXT NOT NULL, num INTEGER NOT NULL, seq INTEGER NOT NULL,
    state TEXT NOT NULL, submitted TEXT, started TEXT, finished TEXT, message TEXT,
    rows_done INTEGER, rows_total INTEGER, result TEXT, run_id TEXT,
    origin TEXT NOT NULL DEFAULT 'api',
    PRIMARY KEY (ns, job_id, num)
);
CREATE INDEX IF NOT EXISTS runs_seq ON runs (ns, job_id, seq);
CREATE TRIGGER IF NOT EXISTS runs_on_insert AFTER INSERT ON jobs BEGIN {_NEW_RUN} END;
CREATE TRIGGER IF NOT EXISTS runs_on_update AFTER UPDATE ON jobs BEGIN {_NEW_RUN}
    UPDATE runs SET state=NEW.state, submitted=NEW.submitted, started=NEW.started,
        finished=NEW.finished, message=NEW.message, rows_done=NEW.rows_done,
        rows_total=NEW.rows_total, result=NEW.result, run_id=NEW.run_id
    WHERE ns=NEW.ns AND job_id=NEW.id AND seq=NEW.seq;
END;
CREATE TRIGGER IF NOT EXISTS runs_on_delete AFTER DELETE ON jobs BEGIN
    DELETE FROM runs WHERE ns=OLD.ns AND job_id=OLD.id;
END;
INSERT INTO runs (ns, job_id, num, seq, {_RUN_COLUMNS})
    SELECT ns, id, 1, seq, {_RUN_COLUMNS} FROM jobs j
    WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE r.ns=j.ns AND r.job_id=j.id);
CREATE TABLE IF NOT EXISTS schedules (
    ns TEXT NOT NULL, id TEXT NOT NULL, job_id TEXT NOT NULL,
    spec TEXT NOT NULL,
    next_run TEXT,
    last_run TEXT, last_state TEXT, last_message TEXT, last_run_num INTEGER,
    skipped INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL, updated TEXT NOT NULL,
    PRIMARY KEY (ns, id)
);
CREATE TABLE IF NOT EXISTS schedule_firings (
    ns TEXT NOT NULL, schedule_id TEXT NOT NULL, at TEXT NOT NULL, outcome TEXT NOT NULL,
    run_num INTEGER, message TEXT
);
CREATE INDEX IF NOT EXISTS schedule_firings_at ON schedule_firings (ns, schedule_id, at);
"""  # noqa: S608 (constants only)
SCHEMA += RUNS_SCHEMA

# Deletes remembered per instance for `?since=` answers; older ones move the horizon, and
# a client behind it resyncs from a full list.
MAX_TOMBSTONES = 5000
# Every column but the definition and the (encrypted) passwords: what lists and statuses
# read (lists take the definition as text, never decoded).
_LIGHT = ("SELECT ns, id, state, submitted, started, finished, message, rows_done, "
          "rows_total, result, run_id, seq, rev, runs_on")
LIGHT_ONE = _LIGHT + " FROM jobs WHERE ns=? AND id=?"
LIGHT_ALL = _LIGHT + ", definition FROM jobs WHERE ns=? ORDER BY seq"
LIGHT_SINCE = _LIGHT + ", definition FROM jobs WHERE ns=? AND rev>? ORDER BY seq"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class JobExistsError(Exception):
    pass


class JobBusyError(Exception):
    def __init__(self, state: str) -> None:
        super().__init__(state)
        self.state = state


@dataclass
class Changes:
    """What `?since=` answers: jobs changed after a rev (with their definitions still JSON
    text, so the list is never decoded and re-encoded), ids deleted after it, and whether
    the rev was too old or unknown so `jobs` is the whole list instead."""

    rev: int
    jobs: list[tuple[JobRow, str]]
    deleted: list[str]
    full: bool


@dataclass
class JobRow:
    ns: str
    id: str
    definition: dict[str, Any]
    secrets: dict[str, str]
    state: str
    submitted: str | None
    started: str | None
    finished: str | None
    message: str | None
    rows_done: int | None
    rows_total: int | None
    result: str | None
    run_id: str | None
    seq: int
    rev: int
    runs_on: str | None = None  # "local" or the cluster worker's address (executors/)

    @classmethod
    def from_sql(cls, row: sqlite3.Row) -> JobRow:
        """A row of `SELECT *`, or of LIGHT_COLUMNS (then definition and secrets are empty)."""
        data = dict(row)
        data["definition"] = json.loads(data.get("definition") or "{}")
        data["secrets"] = json.loads(data.get("secrets") or "{}")
        return cls(**data)

    def __repr__(self) -> str:  # never show the (encrypted) secrets
        return f"JobRow({self.id!r}, {self.state})"


LightRows = list[tuple[JobRow, str]]


class JobsDB:
    """One connection behind a lock: every statement is short, so callers barely wait."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None,
                                     timeout=30)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(SCHEMA)
        columns = {r[1] for r in self._conn.execute("PRAGMA table_info(jobs)")}
        if "runs_on" not in columns:  # added with the executors; older files lack it
            self._conn.execute("ALTER TABLE jobs ADD COLUMN runs_on TEXT")
        row = self._conn.execute("SELECT value FROM meta WHERE key='instance'").fetchone()
        if row is None:
            self.db_id = uuid.uuid4().hex[:12]
            self._conn.execute("INSERT INTO meta VALUES ('instance', ?)", (self.db_id,))
        else:
            self.db_id = str(row[0])
        # every instance counts its own revs (issue 11 item 9); a row from before ns_rev
        # existed still bounds its instance's counter from below
        self._conn.execute(
            "INSERT INTO ns_rev SELECT ns, MAX(rev) FROM jobs WHERE true GROUP BY ns "
            "ON CONFLICT(ns) DO UPDATE SET rev=MAX(rev, excluded.rev)")
        # each instance's rev as this process last wrote or read it: lets the status call
        # tell, without SQLite, that nothing of the instance changed (see known_rev)
        self._revs: dict[str, int] = {
            str(ns): int(rev) for ns, rev in self._conn.execute("SELECT ns, rev FROM ns_rev")}
        # the submit order across instances (the dispatcher runs the oldest first)
        self._seq = int(self._conn.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM jobs").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # ---- helpers -------------------------------------------------------------------------

    def _next_rev(self, ns: str) -> int:
        """The instance's next rev, counted in the table: another JobsDB on the same file
        (a tool, the benchmarks' seeding) may have counted further, and revs must only
        grow, or `?since=` clients would miss changes. Other instances never move it."""
        rev = self._conn.execute(
            "INSERT INTO ns_rev VALUES (?, 1) ON CONFLICT(ns) DO UPDATE SET rev=rev+1 "
            "RETURNING rev", (ns,)).fetchall()[0][0]
        self._revs[ns] = int(rev)
        return int(rev)

    def _ns_rev(self, ns: str) -> int:
        """From the table, not memory: another process may write this file too."""
        row = self._conn.execute("SELECT rev FROM ns_rev WHERE ns=?", (ns,)).fetchone()
        return int(row[0]) if row else 0

    def _horizon(self, ns: str) -> int:
        row = self._conn.execute("SELECT rev FROM horizon WHERE ns=?", (ns,)).fetchone()
        return int(row[0]) if row else 0

    def _light(self, query: str, args: tuple[Any, ...]) -> LightRows:
        rows = self._conn.execute(query, args).fetchall()
        out = []
        for r in rows:
            data = dict(r)
            text = data.pop("definition")
            out.append((JobRow(definition={}, secrets={}, **data), str(text)))
        return out

    def _one(self, ns: str, job_id: str) -> JobRow | None:
        row = self._conn.execute("SELECT * FROM jobs WHERE ns=? AND id=?",
                                 (ns, job_id)).fetchone()
        return JobRow.from_sql(row) if row else None

    # ---- reading -------------------------------------------------------------------------

    def get(self, ns: str, job_id: str) -> JobRow | None:
        with self._lock:
            return self._one(ns, job_id)

    def list(self, ns: str) -> list[JobRow]:
        with self._lock:
            rows = self._conn.execute("SELECT * FROM jobs WHERE ns=? ORDER BY seq",
                                      (ns,)).fetchall()
        return [JobRow.from_sql(r) for r in rows]

    def get_light(self, ns: str, job_id: str) -> JobRow | None:
        """The job without its definition and passwords (empty dicts): for status calls."""
        with self._lock:
            row = self._conn.execute(LIGHT_ONE, (ns, job_id)).fetchone()
        return JobRow.from_sql(row) if row else None

    def list_light(self, ns: str) -> tuple[int, LightRows]:
        """The rev and every job with its definition as stored JSON text, never decoded."""
        with self._lock:
            self._conn.execute("BEGIN")  # the rev and the rows of one snapshot
            try:
                return self._ns_rev(ns), self._light(LIGHT_ALL, (ns,))
            finally:
                self._conn.execute("COMMIT")

    def changes(self, ns: str, since: int) -> Changes:
        """Jobs changed and ids deleted after `since`; the whole list when `since` is 0,
        older than the remembered deletes, or newer than this database has reached."""
        with self._lock:
            self._conn.execute("BEGIN")  # the rev, rows and deletes of one snapshot
            try:
                return self._changes(ns, since)
            finally:
                self._conn.execute("COMMIT")

    def _changes(self, ns: str, since: int) -> Changes:
        rev = self._ns_rev(ns)
        if since <= 0 or since > rev or since < self._horizon(ns):
            return Changes(rev, self._light(LIGHT_ALL, (ns,)), [], True)
        jobs = self._light(LIGHT_SINCE, (ns, since))
        deleted = [str(r[0]) for r in self._conn.execute(
            "SELECT id FROM tombstones WHERE ns=? AND rev>? ORDER BY rev", (ns, since))]
        return Changes(rev, jobs, deleted, False)

    def known_rev(self, ns: str) -> int | None:
        """The instance's rev as of this process's last change, from memory (no SQLite, so
        fine on an event loop); None if unknown. Every change of a job goes through
        _next_rev, so an unchanged value means no job of the instance changed here."""
        return self._revs.get(ns)

    def ns_rev(self, ns: str) -> int:
        with self._lock:
            return self._ns_rev(ns)

    def job_rev(self, ns: str, job_id: str) -> int | None:
        with self._lock:
            row = self._conn.execute("SELECT rev FROM jobs WHERE ns=? AND id=?",
                                     (ns, job_id)).fetchone()
        return int(row[0]) if row else None

    def pending_count(self) -> int:
        with self._lock:
            return int(self._conn.execute(
                "SELECT COUNT(*) FROM jobs WHERE state='PENDING'").fetchone()[0])

    # ---- submitting ----------------------------------------------------------------------

    def submit(self, ns: str, job_id: str, definition: dict[str, Any],
               secrets: dict[str, str], *, replace: bool) -> tuple[JobRow, bool]:
        """Stores a definition as PENDING; returns the row and whether it was created."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                old = self._one(ns, job_id)
                if old is not None and not replace:
                    raise JobExistsError(job_id)
                if old is not None and old.state in WORKER_STATES:
                    raise JobBusyError(old.state)
                rev = self._next_rev(ns)
                self._seq += 1
                seq = self._seq
                self._conn.execute("DELETE FROM tombstones WHERE ns=? AND id=?", (ns, job_id))
                self._conn.execute(
                    "INSERT OR REPLACE INTO jobs (ns, id, definition, secrets, state, "
                    "submitted, seq, rev) VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?)",
                    (ns, job_id, json.dumps(definition), json.dumps(secrets), now_iso(),
                     seq, rev))
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            row = self._one(ns, job_id)
        assert row is not None
        return row, old is None

    # ---- running -------------------------------------------------------------------------

    def claim_next(self) -> JobRow | None:
        """The oldest PENDING job of any instance, now RUNNING with a fresh run id."""
        with self._lock:
            row = self._conn.execute(
                "SELECT ns, id FROM jobs WHERE state='PENDING' ORDER BY seq LIMIT 1").fetchone()
            if row is None:
                return None
            ns, job_id = row["ns"], row["id"]
            self._conn.execute(
                "UPDATE jobs SET state='RUNNING', started=?, run_id=?, runs_on=NULL, rev=? "
                "WHERE ns=? AND id=?",
                (now_iso(), uuid.uuid4().hex, self._next_rev(ns), ns, job_id))
            return self._one(ns, job_id)

    def set_progress(self, ns: str, job_id: str, run_id: str, done: int,
                     total: int | None) -> None:
        with self._lock:
            self._conn.execute(
                "UPDATE jobs SET rows_done=?, rows_total=?, rev=? "
                "WHERE ns=? AND id=? AND run_id=? AND state='RUNNING'",
                (done, total, self._next_rev(ns), ns, job_id, run_id))

    def finish(self, ns: str, job_id: str, run_id: str, state: JobState,
               message: str | None = None, result: str | None = None) -> bool:
        with self._lock:
            cur = self._conn.execute(
                "UPDATE jobs SET state=?, finished=?, message=?, result=?, rev=? "
                "WHERE ns=? AND id=? AND run_id=? AND state IN ('RUNNING', 'CANCELING')",
                (state.value, now_iso(), message, result, self._next_rev(ns), ns, job_id,
                 run_id))
            return cur.rowcount > 0

    def set_runs_on(self, ns: str, job_id: str, run_id: str, where: str) -> None:
        with self._lock:
            self._conn.execute(
                "UPDATE jobs SET runs_on=?, rev=? WHERE ns=? AND id=? AND run_id=?",
                (where, self._next_rev(ns), ns, job_id, run_id))

    def mark_canceling(self, ns: str, job_id: str) -> None:
        with self._lock:
            self._conn.execute(
                "UPDATE jobs SET state='CANCELING', rev=? WHERE ns=? AND id=? AND state='RUNNING'",
                (self._next_rev(ns), ns, job_id))

    def delete(self, ns: str, job_id: str, *, only_states: tuple[str, ...] | None = None
               ) -> JobRow | None:
        """Removes a job (only when in one of `only_states`, if given); returns it."""
        with self._lock:
            old = self._one(ns, job_id)
            if old is None or (only_states is not None and old.state not in only_states):
                return None
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute("DELETE FROM jobs WHERE ns=? AND id=?", (ns, job_id))
                rev = self._next_rev(ns)
                self._conn.execute("INSERT OR REPLACE INTO tombstones VALUES (?, ?, ?)",
                                   (ns, job_id, rev))
                self._prune_tombstones(ns)
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            return old

    def _prune_tombstones(self, ns: str) -> None:
        """Keeps the newest MAX_TOMBSTONES deletes; a rev before the dropped ones resyncs."""
        row = self._conn.execute(
            "SELECT rev FROM tombstones WHERE ns=? ORDER BY rev DESC LIMIT 1 OFFSET ?",
            (ns, MAX_TOMBSTONES)).fetchone()
        if row is None:
            return
        cut = int(row[0])
        self._conn.execute("DELETE FROM tombstones WHERE ns=? AND rev<=?", (ns, cut))
        self._conn.execute(
            "INSERT INTO horizon VALUES (?, ?) ON CONFLICT(ns) DO UPDATE SET rev=excluded.rev",
            (ns, cut))

    def recover(self, reason: str) -> int:
        """Jobs left RUNNING or CANCELING by a process that died become FAILED."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT ns, id FROM jobs WHERE state IN ('RUNNING', 'CANCELING')").fetchall()
            for row in rows:
                self._conn.execute(
                    "UPDATE jobs SET state='FAILED', finished=?, message=?, rev=? "
                    "WHERE ns=? AND id=?",
                    (now_iso(), reason, self._next_rev(row["ns"]), row["ns"], row["id"]))
            return len(rows)
