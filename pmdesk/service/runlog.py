"""Run history and run logs (additions, issues 14 and 15).

Every submission of a job is a run: the `runs` table (see jobsdb.RUNS_SCHEMA) follows the
job's row through SQL triggers, so the job lifecycle needs no call to keep it. What a run
did is written by its worker process into `run.log` in the run's folder: one call when the
worker starts (`worker_start`: the plan per node, read from the definition whose passwords
are already masked) and one when it ends (`worker_end`: what the engine reported, the files
written). Warnings logged in the worker go there too, with every password scrubbed. The
service adds the times, row counts and final state from the database when it answers
`GET .../log`, so a run killed before its worker could write still has a log.

Retention (count and age, from the environment) drops old runs with their folders; the
current run of a job is always kept.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pmdesk.api.models import MASK, UNFINISHED_STATES, WORKER_STATES, JobState
from pmdesk.service.jobsdb import JobsDB, now_iso

LOG_FILE = "run.log"
KEEP_ENV = "PMDESK_RUNS_KEEP"  # runs kept per job (default 50)
KEEP_DAYS_ENV = "PMDESK_RUNS_KEEP_DAYS"  # days a finished run is kept (default 90)
DEFAULT_KEEP = 50
DEFAULT_KEEP_DAYS = 90.0
MAX_LOG_BYTES = 2 * 1024 * 1024  # a log answer never grows past this; the tail is kept
RUN_DIR_NAME = re.compile(r"[0-9a-f]{32}")  # uuid4().hex: jobsdb.claim_next's run ids


@dataclass
class RunRow:
    ns: str
    job_id: str
    num: int
    seq: int
    state: str
    submitted: str | None
    started: str | None
    finished: str | None
    message: str | None
    rows_done: int | None
    rows_total: int | None
    result: str | None
    run_id: str | None
    origin: str
    current: bool = False

    @classmethod
    def from_sql(cls, row: sqlite3.Row, current_seq: int | None) -> RunRow:
        data = dict(row)
        return cls(**data, current=data["seq"] == current_seq)

    def to_json(self) -> dict[str, Any]:
        """The run as the API answers it: a job status plus the run's own fields."""
        base = f"/pm/v1/jobs/{quote(self.job_id, safe='')}/runs/{self.num}"
        out: dict[str, Any] = {"runId": str(self.num), "jobId": self.job_id,
                               "jobStatus": self.state, "origin": self.origin,
                               "current": self.current}
        for key in ("submitted", "started", "finished"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.message and self.state in (JobState.FAILED, JobState.CANCELED, SKIPPED):
            out["message"] = self.message
        if self.state == SKIPPED:
            out["skipped"] = True
        if self.rows_done is not None:
            out["progress"] = {"rowsDone": self.rows_done, "rowsTotal": self.rows_total}
        seconds = duration_seconds(self.started, self.finished)
        if seconds is not None:
            out["durationSeconds"] = seconds
        if self.state == JobState.SUCCESS and self.result:
            out["dataUrl"] = f"{base}/result"
        out["logUrl"] = f"{base}/log"
        return out


def parse_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def duration_seconds(started: str | None, finished: str | None) -> float | None:
    begin, end = parse_iso(started), parse_iso(finished)
    if begin is None or end is None:
        return None
    return round(max(0.0, (end - begin).total_seconds()), 3)


# ---- the database side (one JobsDB connection and lock, as every other query) ----------

_RUN_SELECT = ("SELECT ns, job_id, num, seq, state, submitted, started, finished, message, "
               "rows_done, rows_total, result, run_id, origin FROM runs")


def _current_seq(db: JobsDB, ns: str, job_id: str) -> int | None:
    row = db._conn.execute("SELECT seq FROM jobs WHERE ns=? AND id=?", (ns, job_id)).fetchone()
    return int(row[0]) if row else None


def list_runs(db: JobsDB, ns: str, job_id: str) -> list[RunRow] | None:
    """The job's runs, newest first; None when there is no such job."""
    with db._lock:
        seq = _current_seq(db, ns, job_id)
        if seq is None:
            return None
        rows = db._conn.execute(_RUN_SELECT + " WHERE ns=? AND job_id=? ORDER BY num DESC",
                                (ns, job_id)).fetchall()
    return [RunRow.from_sql(r, seq) for r in rows]


def get_run(db: JobsDB, ns: str, job_id: str, num: int | None) -> RunRow | None:
    """One run by number, or (num None) the job's current one."""
    with db._lock:
        seq = _current_seq(db, ns, job_id)
        if seq is None:
            return None
        if num is None:
            row = db._conn.execute(_RUN_SELECT + " WHERE ns=? AND job_id=? AND seq=?",
                                   (ns, job_id, seq)).fetchone()
        else:
            row = db._conn.execute(_RUN_SELECT + " WHERE ns=? AND job_id=? AND num=?",
                                   (ns, job_id, num)).fetchone()
    return RunRow.from_sql(row, seq) if row else None


def set_origin(db: JobsDB, ns: str, job_id: str, seq: int, origin: str) -> int | None:
    """Says who started the run of submission `seq` (a schedule); returns its number."""
    with db._lock:
        db._conn.execute("UPDATE runs SET origin=? WHERE ns=? AND job_id=? AND seq=?",
                         (origin, ns, job_id, seq))
        row = db._conn.execute("SELECT num FROM runs WHERE ns=? AND job_id=? AND seq=?",
                               (ns, job_id, seq)).fetchone()
    return int(row[0]) if row else None


SKIPPED = "SKIPPED"  # a run of a run list only: a schedule firing that did not start


def record_skipped(db: JobsDB, ns: str, job_id: str, origin: str, message: str) -> int:
    """A firing that overlapped a run still going is a run of its own, SKIPPED at once;
    its seq (-1) is never the job's, so the triggers never touch it. Returns its number."""
    now = now_iso()
    with db._lock:
        db._conn.execute("BEGIN IMMEDIATE")
        try:
            num = int(db._conn.execute(
                "SELECT COALESCE(MAX(num), 0) + 1 FROM runs WHERE ns=? AND job_id=?",
                (ns, job_id)).fetchone()[0])
            db._conn.execute(
                "INSERT INTO runs (ns, job_id, num, seq, state, submitted, finished, message, "
                "origin) VALUES (?, ?, ?, -1, ?, ?, ?, ?, ?)",
                (ns, job_id, num, SKIPPED, now, now, message, origin))
            db._conn.execute("COMMIT")
        except BaseException:
            db._conn.execute("ROLLBACK")
            raise
    return num


def cancel_pending(db: JobsDB, ns: str, job_id: str, message: str) -> bool:
    """A PENDING job becomes CANCELED without ever running; False when it is not PENDING."""
    with db._lock:
        db._conn.execute("BEGIN IMMEDIATE")
        try:
            cur = db._conn.execute(
                "UPDATE jobs SET state='CANCELED', finished=?, message=?, rev=? "
                "WHERE ns=? AND id=? AND state='PENDING'",
                (now_iso(), message, db._next_rev(ns), ns, job_id))
            db._conn.execute("COMMIT" if cur.rowcount else "ROLLBACK")
        except BaseException:
            db._conn.execute("ROLLBACK")
            raise
        return cur.rowcount > 0


def set_cancel_message(db: JobsDB, ns: str, job_id: str, run_id: str, message: str) -> None:
    """The pool words a cancel as a DELETE's; a cancel call says what really happened."""
    with db._lock:
        db._conn.execute(
            "UPDATE jobs SET message=?, rev=? WHERE ns=? AND id=? AND run_id=? "
            "AND state='CANCELED'", (message, db._next_rev(ns), ns, job_id, run_id))


def _keep_settings() -> tuple[int, float]:
    def number(name: str, default: float) -> float:
        try:
            return max(0.0, float(os.environ.get(name, default)))
        except ValueError:
            return default

    return max(1, int(number(KEEP_ENV, DEFAULT_KEEP))), number(KEEP_DAYS_ENV, DEFAULT_KEEP_DAYS)


def prune_runs(db: JobsDB, keep: int | None = None, keep_days: float | None = None) -> int:
    """Drops runs beyond `keep` per job and finished runs older than `keep_days` (never a
    job's current run or one still active); returns how many went. Their folders go with
    the next `sweep_run_dirs`."""
    env_keep, env_days = _keep_settings()
    keep = env_keep if keep is None else max(1, keep)
    keep_days = env_days if keep_days is None else keep_days
    cutoff = (datetime.now(UTC) - timedelta(days=keep_days)).isoformat(timespec="milliseconds")
    cutoff = cutoff.replace("+00:00", "Z")
    active = ",".join(f"'{s.value}'" for s in sorted(UNFINISHED_STATES))
    with db._lock:
        cur = db._conn.execute(
            f"DELETE FROM runs WHERE state NOT IN ({active}) "  # noqa: S608 (constants)
            "AND seq <> (SELECT j.seq FROM jobs j WHERE j.ns=runs.ns AND j.id=runs.job_id) "
            "AND (num <= (SELECT MAX(r.num) FROM runs r WHERE r.ns=runs.ns "
            "             AND r.job_id=runs.job_id) - ? "
            "     OR COALESCE(finished, submitted) < ?)", (keep, cutoff))
        return cur.rowcount


def sweep_run_dirs(db: JobsDB, ns: str, runs_dir: Path) -> int:
    """Removes run folders no run or job refers to (pruned runs, deleted jobs)."""
    try:  # only folders named as the pool names them (a run id): never anything else
        names = [e.name for e in os.scandir(runs_dir)
                 if e.is_dir() and RUN_DIR_NAME.fullmatch(e.name)]
    except FileNotFoundError:
        return 0
    if not names:
        return 0
    # listed before the ids are read: a folder made meanwhile has its id stored already
    with db._lock:
        used = {str(r[0]) for r in db._conn.execute(
            "SELECT run_id FROM runs WHERE ns=? AND run_id IS NOT NULL UNION "
            "SELECT run_id FROM jobs WHERE ns=? AND run_id IS NOT NULL", (ns, ns))}
    gone = 0
    for name in names:
        if name not in used:
            shutil.rmtree(runs_dir / name, ignore_errors=True)
            gone += 1
    return gone


# ---- the worker side -------------------------------------------------------------------


class _ScrubbingFileHandler(logging.FileHandler):
    """Warnings of any logger in the worker process, passwords replaced by the mask."""

    def __init__(self, path: Path, passwords: list[str]) -> None:
        super().__init__(path, encoding="utf-8")
        self.passwords = passwords  # filled in by the worker once it has decrypted them
        self.setLevel(logging.WARNING)
        self.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%dT%H:%M:%S"))

    def format(self, record: logging.LogRecord) -> str:
        """"<time> warning: <message>" (or error:), passwords replaced by the mask."""
        text = super().format(record)
        stamp, _, message = text.partition(" ")
        return scrub(f"{stamp} {record.levelname.lower()}: {message}", self.passwords)


def scrub(text: str, passwords: list[str]) -> str:
    for pw in passwords:
        if pw and pw != MASK:
            text = text.replace(pw, MASK)
    return text


def _write(run_dir: Path, lines: list[str]) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    with (run_dir / LOG_FILE).open("a", encoding="utf-8") as f:
        for line in lines:
            f.write(f"{stamp} {line}\n")


def _db_text(definition: dict[str, Any], ref: str) -> str:
    db = definition.get("dbDefinitions", {}).get(ref)
    if not isinstance(db, dict):
        return f"connection {ref!r} (not defined)"
    where = db.get("host") or ""
    if db.get("port"):
        where += f":{db['port']}"
    if db.get("db"):
        where += f"/{db['db']}"
    return f"connection {ref!r} ({db.get('type', '?')} {where})".replace(" )", ")")


def plan_lines(definition: dict[str, Any]) -> list[str]:
    """What the job is to read and write, per node, from a definition (passwords masked)."""
    setting = definition.get("setting") or {}
    model = definition.get("model") or {}
    lines = [f"start: {definition.get('action', '?')} of stream {model.get('id', '?')!r}"]
    for item in setting.get("inputs") or []:
        odbc = item.get("odbc") or {}
        lines.append(f"read: node {item.get('node')!r} <- table {odbc.get('table')!r} of "
                     f"{_db_text(definition, str(odbc.get('dbRef')))}")
    for item in setting.get("exports") or []:
        odbc = item.get("odbc") or {}
        lines.append(f"write: node {item.get('node')!r} -> table {odbc.get('table')!r} of "
                     f"{_db_text(definition, str(odbc.get('dbRef')))}, "
                     f"insertMode {odbc.get('insertMode')}")
    names = [str(p.get("name")) for p in setting.get("parameterOverride") or []]
    if names:  # the values may be anything, a secret too: names only
        lines.append("parameters set: " + ", ".join(names))
    if setting.get("reportFormat"):
        lines.append(f"report format: {setting['reportFormat']}")
    return lines


def worker_start(run_dir: str | Path, definition: dict[str, Any],
                 passwords: list[str]) -> None:
    """Called once in the worker process before the job runs (never raises)."""
    try:
        folder = Path(run_dir)
        folder.mkdir(parents=True, exist_ok=True)
        _write(folder, [f"worker process {os.getpid()} started", *plan_lines(definition)])
        logging.captureWarnings(True)
        logging.getLogger().addHandler(_ScrubbingFileHandler(folder / LOG_FILE, passwords))
    except Exception:  # a log must never stop a job
        logging.getLogger("pmdesk.runlog").exception("cannot write the run log")


def worker_end(run_dir: str | Path, outcome: tuple[Any, ...]) -> tuple[Any, ...]:
    """Called once in the worker with what it reports; returns that outcome unchanged."""
    try:
        folder = Path(run_dir)
        lines: list[str] = []
        if outcome and outcome[0] == "done":
            zipped = folder / "result.zip"
            if zipped.is_file():
                with zipfile.ZipFile(zipped) as zf:
                    infos = [i for i in zf.infolist() if not i.is_dir()]
                for info in infos:
                    lines.append(f"wrote: file {info.filename!r} ({info.file_size} bytes)")
                if not infos:
                    lines.append("wrote: no files (the results went to the tables above)")
            if outcome[1]:
                lines.append("wrote: the refreshed stream (it replaces the stored one)")
            lines.append("engine: finished without errors")
        elif outcome:
            lines.append(f"engine: stopped: {outcome[1] if len(outcome) > 1 else '?'}")
        _write(folder, lines)
    except Exception:
        logging.getLogger("pmdesk.runlog").exception("cannot write the run log")
    return outcome


# ---- the answer of GET .../log --------------------------------------------------------


def _tail(path: Path) -> str:
    try:
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_LOG_BYTES:
                f.seek(size - MAX_LOG_BYTES)
                data = f.read()
                data = b"[... the start of the log is left out ...]\n" + data.split(b"\n", 1)[-1]
            else:
                data = f.read()
    except FileNotFoundError:
        return ""
    return data.decode("utf-8", errors="replace")


def render_log(run: RunRow, runs_dir: Path) -> str:
    """Plain text: the run's times and state from the database around the worker's lines."""
    lines = [f"job {run.job_id!r}, run {run.num} (started by {run.origin})"]
    if run.submitted:
        lines.append(f"{run.submitted} submitted")
    if run.started:
        lines.append(f"{run.started} started")
    text = "\n".join(lines) + "\n"
    if run.run_id:
        text += _tail(runs_dir / run.run_id / LOG_FILE)
    tail: list[str] = []
    if run.rows_done is not None:
        total = f" of {run.rows_total}" if run.rows_total is not None else ""
        tail.append(f"rows: {run.rows_done}{total}")
    if run.state in (JobState.PENDING,):
        tail.append("waiting for a free worker")
    elif run.state in WORKER_STATES:
        tail.append(f"{run.state.lower()}...")
    else:
        end = f"{run.finished or ''} end: {run.state}".strip()
        if run.message and run.state != JobState.SUCCESS:
            end += f": {run.message}"
        tail.append(end)
    return text + "\n".join(tail) + "\n"
