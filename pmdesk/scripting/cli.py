"""`pmdesk jobs|files|schedules ...`: one call of the batch job API per command.

Reading commands print a table for people or, with `--json`, JSON for scripts. Results
go to stdout, progress and errors to stderr. Exit codes say what went wrong (EXIT_CODES,
docs/cli.md) so a cron job or a CI step can react. A closed pipe or Ctrl+C ends quietly
(pmdesk.cli handles both).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from pmdesk.api import additions
from pmdesk.api.client import PMClient
from pmdesk.api.errors import (
    ConflictError,
    InvalidRequestError,
    NetworkError,
    NotFoundError,
    PMError,
    UnauthorizedError,
)
from pmdesk.api.models import DefinitionError, JobDefinition, JobState, JobStatus
from pmdesk.scripting.connect import KEY_ENV, URL_ENV, SetupError, resolve

OK = 0
FAILED = 1  # the job ended FAILED
USAGE = 2  # bad arguments, no server or key given, an unreadable file
CANCELED = 3  # the job ended CANCELED
REFUSED = 4  # the server refused the request (400, 409, 413: invalid, conflict)
NOT_FOUND = 5  # no such job, file, run or schedule (404)
UNAUTHORIZED = 6  # the server refused the access key (401/403)
UNREACHABLE = 7  # no connection, or no answer in time
SERVER_ERROR = 8  # the server failed (5xx) or answered outside the contract
TIMED_OUT = 9  # `--wait`/`wait --timeout` ran out before the job ended
INTERRUPTED = 130  # Ctrl+C

EXIT_CODES = {
    OK: "success (for a job: it ended SUCCESS)",
    FAILED: "the job ended FAILED",
    USAGE: "bad arguments, no server or access key given, a file that cannot be read",
    CANCELED: "the job ended CANCELED",
    REFUSED: "the server refused the request (invalid definition, conflict, too large)",
    NOT_FOUND: "no such job, file, run or schedule",
    UNAUTHORIZED: "the server refused the access key",
    UNREACHABLE: "the server could not be reached or did not answer in time",
    SERVER_ERROR: "the server failed or answered outside the API contract",
    TIMED_OUT: "--timeout ran out before the job ended",
    INTERRUPTED: "interrupted (Ctrl+C)",
}

PROG = "pmdesk"
KEY_OPTIONS = ("--key", "--access-key", "--accesskey", "-k")


class Failure(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _exit_for(exc: PMError) -> int:
    if isinstance(exc, UnauthorizedError):
        return UNAUTHORIZED
    if isinstance(exc, NotFoundError):
        return NOT_FOUND
    if isinstance(exc, ConflictError | InvalidRequestError):
        return REFUSED
    if isinstance(exc, NetworkError):
        return UNREACHABLE
    return SERVER_ERROR


# ---- output ----------------------------------------------------------------------------


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _json(data: Any) -> None:
    _out(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    _out("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        _out("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def _when(value: Any) -> str:
    if value is None:
        return ""
    text = value.isoformat(timespec="seconds") if hasattr(value, "isoformat") else str(value)
    return text.replace("+00:00", "Z")


def _status_line(status: JobStatus) -> str:
    line = status.jobStatus.value
    if status.message:
        line += f": {status.message}"
    return line


def _status_json(status: JobStatus) -> dict[str, Any]:
    return status.model_dump(mode="json", exclude_none=True)


# ---- jobs ------------------------------------------------------------------------------


def _read_definition(path: str) -> JobDefinition:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise Failure(USAGE, f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise Failure(USAGE, f"{path} is not JSON: {exc}") from None
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if k not in ("id", "status")}
    try:
        return JobDefinition.parse(data)
    except DefinitionError as exc:
        raise Failure(USAGE, f"{path} is not a job definition: {exc}") from None


def _exit_for_state(status: JobStatus) -> int:
    return {JobState.SUCCESS: OK, JobState.FAILED: FAILED,
            JobState.CANCELED: CANCELED}.get(status.jobStatus, OK)


class _Progress:
    """Progress on stderr: a bar redrawn in place on a terminal, a line per change else."""

    def __init__(self, job_id: str, stream: TextIO) -> None:
        self.job_id = job_id
        self.stream = stream
        self.tty = stream.isatty()
        self.last = ""

    def show(self, status: JobStatus) -> None:
        state = status.jobStatus.value
        rows = ""
        bar = ""
        if status.progress is not None:
            done, total = status.progress.rowsDone, status.progress.rowsTotal
            rows = f" {done}/{total} rows" if total else f" {done} rows"
            if total:
                filled = int(30 * min(done, total) / total)
                bar = f" [{'#' * filled}{'-' * (30 - filled)}] {100 * done // total:3d}%"
        text = f"{self.job_id}: {state}{bar}{rows}"
        if text == self.last:
            return
        self.last = text
        if self.tty:
            self.stream.write("\r\x1b[2K" + text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self.last:
            self.stream.write("\n")
            self.stream.flush()


def _wait(client: PMClient, job_id: str, interval: float, timeout: float | None,
          quiet: bool) -> JobStatus:
    progress = None if quiet else _Progress(job_id, sys.stderr)
    deadline = None if timeout is None else time.monotonic() + timeout
    etag: str | None = None
    status: JobStatus | None = None
    try:
        while True:
            fresh, etag = client.job_status_if_changed(job_id, etag)
            if fresh is not None:
                status = fresh
            if status is not None:
                if progress is not None:
                    progress.show(status)
                if status.jobStatus.finished:
                    return status
            if deadline is not None and time.monotonic() >= deadline:
                state = status.jobStatus.value if status else "unknown"
                raise Failure(TIMED_OUT, f"job {job_id!r} is still {state} after "
                                         f"{timeout:g} s")
            time.sleep(interval)
    finally:
        if progress is not None:
            progress.close()


def _finish(args: argparse.Namespace, status: JobStatus) -> int:
    if args.json:
        _json(_status_json(status))
    else:
        _out(_status_line(status))
    return _exit_for_state(status)


def jobs_list(client: PMClient, args: argparse.Namespace) -> int:
    jobs = client.list_jobs()
    if args.json:
        _json([j.model_dump(mode="json", exclude_none=True) for j in jobs])
        return OK
    rows = []
    for j in jobs:
        s = j.status
        rows.append([j.id, s.jobStatus.value if s else "", j.action.value, j.model.id,
                     _when(s.submitted if s else None), _when(s.finished if s else None),
                     (s.message or "")[:60] if s else ""])
    _table(["ID", "STATUS", "ACTION", "STREAM", "SUBMITTED", "FINISHED", "MESSAGE"], rows)
    return OK


def jobs_show(client: PMClient, args: argparse.Namespace) -> int:
    _json(client.get_job(args.id).to_wire())  # passwords come masked from the server
    return OK


def jobs_status(client: PMClient, args: argparse.Namespace) -> int:
    status = client.job_status(args.id)
    if args.json:
        _json(_status_json(status))
    else:
        _out(_status_line(status))
        for key in ("submitted", "started", "finished"):
            if getattr(status, key):
                _out(f"  {key}: {_when(getattr(status, key))}")
        if status.progress is not None:
            total = status.progress.rowsTotal
            _out(f"  rows: {status.progress.rowsDone}" + (f" of {total}" if total else ""))
    return OK


def jobs_submit(client: PMClient, args: argparse.Namespace) -> int:
    definition = _read_definition(args.file)
    if args.put:
        created = client.put_job(args.id, definition)
        _err(f"job {args.id!r} {'created' if created else 'resubmitted'}")
    else:
        client.submit_job(args.id, definition)
        _err(f"job {args.id!r} submitted")
    if not args.wait:
        return OK
    return _finish(args, _wait(client, args.id, args.interval, args.timeout, args.quiet))


def jobs_wait(client: PMClient, args: argparse.Namespace) -> int:
    return _finish(args, _wait(client, args.id, args.interval, args.timeout, args.quiet))


def jobs_cancel(client: PMClient, args: argparse.Namespace) -> int:
    status = additions.cancel_job(client, args.id)
    if args.json:
        _json(_status_json(status))
    else:
        _out(_status_line(status))
    return OK


def jobs_delete(client: PMClient, args: argparse.Namespace) -> int:
    count = client.delete_jobs(args.ids)
    _out(f"deleted {count} of {len(args.ids)} job(s)")
    return OK if count == len(args.ids) else NOT_FOUND


def jobs_runs(client: PMClient, args: argparse.Namespace) -> int:
    found = additions.list_runs(client, args.id)
    if args.json:
        _json([r.model_dump(mode="json", exclude_none=True) for r in found])
        return OK
    rows = []
    for r in found:
        rows_text = ""
        if r.progress is not None:
            rows_text = str(r.progress.rowsDone)
        duration = f"{r.durationSeconds:.1f}s" if r.durationSeconds is not None else ""
        rows.append([r.runId + ("*" if r.current else ""), r.state_name, r.origin,
                     _when(r.submitted), duration, rows_text, (r.message or "")[:60]])
    _table(["RUN", "STATUS", "ORIGIN", "SUBMITTED", "DURATION", "ROWS", "MESSAGE"], rows)
    return OK


def jobs_log(client: PMClient, args: argparse.Namespace) -> int:
    def fetch() -> str:
        if args.run:
            return additions.run_log(client, args.id, args.run)
        return additions.job_log(client, args.id)

    if not args.follow:
        sys.stdout.write(fetch())
        return OK
    shown = 0
    while True:  # print what is new until the run has ended
        text = fetch()
        if len(text) < shown:
            shown = 0  # a new run started: its log from the top
        sys.stdout.write(text[shown:])
        sys.stdout.flush()
        shown = len(text)
        run = additions.get_run(client, args.id, args.run or "latest")
        if run.jobStatus.finished:
            rest = fetch()[shown:]
            sys.stdout.write(rest)
            return _exit_for_state(run)
        time.sleep(args.interval)


# ---- files -----------------------------------------------------------------------------


def files_list(client: PMClient, args: argparse.Namespace) -> int:
    files = client.list_files()
    if args.json:
        _json([f.model_dump(mode="json", exclude_none=True) for f in files])
        return OK
    _table(["ID", "SIZE", "UPLOADED"], [[f.id, f.size, _when(f.uploaded)] for f in files])
    return OK


def files_put(client: PMClient, args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.is_file():
        raise Failure(USAGE, f"{path} is not a file")
    file_id = args.id or path.name
    _out(client.upload_file(file_id, path))
    return OK


def files_get(client: PMClient, args: argparse.Namespace) -> int:
    dest = Path(args.dest) if args.dest else Path(args.id)
    saved = client.download_file(args.id, dest)
    _err(f"saved {saved}")
    return OK


def files_delete(client: PMClient, args: argparse.Namespace) -> int:
    client.delete_file(args.id)
    _out(f"stream file {args.id!r} deleted")
    return OK


# ---- schedules -------------------------------------------------------------------------


def _schedule_json(s: additions.ScheduleInfo) -> dict[str, Any]:
    return s.model_dump(mode="json", exclude_none=True)


def schedules_list(client: PMClient, args: argparse.Namespace) -> int:
    found = additions.list_schedules(client)
    if args.json:
        _json([_schedule_json(s) for s in found])
        return OK
    rows = []
    for s in found:
        when = s.cron if s.cron is not None else f"every {s.everySeconds}s"
        rows.append([s.id, s.jobId, when, s.timezone, "yes" if s.enabled else "no",
                     _when(s.nextRun), _when(s.lastRun), s.lastState or ""])
    _table(["ID", "JOB", "WHEN", "ZONE", "ENABLED", "NEXT RUN", "LAST RUN", "LAST STATE"],
           rows)
    return OK


def schedules_show(client: PMClient, args: argparse.Namespace) -> int:
    _json(_schedule_json(additions.get_schedule(client, args.id)))
    return OK


def schedules_put(client: PMClient, args: argparse.Namespace) -> int:
    spec: dict[str, Any] = {"jobId": args.job, "enabled": not args.disabled}
    if args.cron is not None:
        spec["cron"] = args.cron
    if args.every is not None:
        spec["everySeconds"] = args.every
    for key, value in (("timezone", args.timezone), ("startAt", args.start_at),
                       ("endAt", args.end_at)):
        if value:
            spec[key] = value
    made = additions.put_schedule(client, args.id, spec)
    if args.json:
        _json(_schedule_json(made))
    else:
        _out(f"schedule {made.id!r}: next run {_when(made.nextRun) or 'none'}")
    return OK


def schedules_delete(client: PMClient, args: argparse.Namespace) -> int:
    additions.delete_schedule(client, args.id)
    _out(f"schedule {args.id!r} deleted")
    return OK


# ---- the parser ------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        _err(f"{self.prog}: {message}")
        raise SystemExit(USAGE)


def _common(*, inner: bool) -> _Parser:
    """The server options, accepted before and after the action. The action's copy must
    not set defaults, or they would overwrite what was given before the action."""
    common = _Parser(add_help=False)
    group = common.add_argument_group("server")
    none: Any = argparse.SUPPRESS if inner else None
    group.add_argument("--url", default=none,
                       help=f"the server's address (default ${URL_ENV})")
    group.add_argument("--key-env", metavar="VAR", default=none,
                       help=f"the environment variable holding the access key (default "
                            f"${KEY_ENV}); a key itself is never an argument")
    group.add_argument("--profile", metavar="NAME", default=none,
                       help="a server saved in the desktop app; its key comes from the "
                            "keyring")
    group.add_argument("--request-timeout", type=float, metavar="S",
                       default=argparse.SUPPRESS if inner else 30.0,
                       help="seconds to wait for each answer (default 30)")
    return common


def _waiting(p: argparse.ArgumentParser) -> None:
    p.add_argument("--interval", type=float, default=1.0, metavar="S",
                   help="seconds between status checks (default 1)")
    p.add_argument("--timeout", type=float, metavar="S",
                   help=f"give up after S seconds (exit code {TIMED_OUT})")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")


Handler = Callable[[PMClient, argparse.Namespace], int]


def build_parser(group: str) -> argparse.ArgumentParser:
    common = _common(inner=True)
    codes = "\n".join(f"  {code:>3}  {text}" for code, text in EXIT_CODES.items())
    parser = _parser(f"{PROG} {group}", _common(inner=False),
                     epilog=f"exit codes:\n{codes}\n\nsee docs/cli.md")
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True,
                                parser_class=_Parser)

    def add(name: str, handler: Handler, help_: str, *, reading: bool = False
            ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_, parents=[common],
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(handler=handler, json=False)
        if reading:
            p.add_argument("--json", action="store_true", help="JSON on stdout, for scripts")
        return p

    if group == "jobs":
        add("list", jobs_list, "list the jobs", reading=True)
        add("show", jobs_show, "print a job's definition (JSON, passwords masked)"
            ).add_argument("id")
        add("status", jobs_status, "print a job's status", reading=True).add_argument("id")
        p = add("submit", jobs_submit, "submit a job definition (a JSON file, - for stdin)",
                reading=True)
        p.add_argument("id")
        p.add_argument("file")
        p.add_argument("--put", action="store_true",
                       help="create or resubmit (PUT) instead of a new job only (POST)")
        p.add_argument("--wait", action="store_true",
                       help="wait for the job to end; exit code by its final state")
        _waiting(p)
        p = add("wait", jobs_wait, "wait for a job to end; exit code by its final state",
                reading=True)
        p.add_argument("id")
        _waiting(p)
        add("cancel", jobs_cancel, "cancel a job (it stays listed as CANCELED)",
            reading=True).add_argument("id")
        add("delete", jobs_delete, "delete jobs (cancelling running ones)"
            ).add_argument("ids", nargs="+", metavar="id")
        add("runs", jobs_runs, "list a job's runs, newest first (* marks the current)",
            reading=True).add_argument("id")
        p = add("log", jobs_log, "print the log of a job's current run (or --run N)")
        p.add_argument("id")
        p.add_argument("--run", metavar="N", help="a run number from `jobs runs`")
        p.add_argument("--follow", "-f", action="store_true",
                       help="keep printing until the run ends; exit code by its state")
        p.add_argument("--interval", type=float, default=1.0, metavar="S",
                       help="seconds between checks with --follow (default 1)")
    elif group == "files":
        add("list", files_list, "list the stream files", reading=True)
        p = add("put", files_put, "upload a stream file (ID defaults to its name)")
        p.add_argument("path")
        p.add_argument("id", nargs="?")
        p = add("get", files_get, "download a stream file")
        p.add_argument("id")
        p.add_argument("dest", nargs="?", help="a file or folder (default ./ID)")
        add("delete", files_delete, "delete a stream file").add_argument("id")
    else:
        add("list", schedules_list, "list the schedules", reading=True)
        add("show", schedules_show, "print one schedule (JSON)").add_argument("id")
        p = add("put", schedules_put, "create or replace a schedule", reading=True)
        p.add_argument("id")
        p.add_argument("--job", required=True, help="the job it resubmits")
        when = p.add_mutually_exclusive_group(required=True)
        when.add_argument("--cron", metavar="EXPR", help="e.g. '0 2 * * *'")
        when.add_argument("--every", type=int, metavar="SECONDS")
        p.add_argument("--timezone", metavar="ZONE",
                       help="IANA zone of the cron times (default the server's)")
        p.add_argument("--start-at", metavar="ISO")
        p.add_argument("--end-at", metavar="ISO")
        p.add_argument("--disabled", action="store_true", help="store it switched off")
        add("delete", schedules_delete, "delete a schedule (its job stays)"
            ).add_argument("id")
    return parser


def _parser(prog: str, common: _Parser, epilog: str) -> _Parser:
    return _Parser(prog=prog, parents=[common], epilog=epilog,
                   formatter_class=argparse.RawDescriptionHelpFormatter)


def main(group: str, argv: list[str]) -> int:
    """`pmdesk GROUP ARGS...` for GROUP in jobs, files, schedules."""
    for arg in argv:
        if arg.split("=", 1)[0] in KEY_OPTIONS:
            _err(f"{PROG} {group}: a key is never accepted as an argument (the process list "
                 f"shows arguments to every user): put it in an environment variable and "
                 f"give --key-env VAR, set {KEY_ENV}, or use --profile NAME")
            return USAGE
    try:
        args = build_parser(group).parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else USAGE
    try:
        target = resolve(args.url, args.key_env, args.profile)
    except SetupError as exc:
        _err(f"{PROG} {group} {args.action}: {exc}")
        return USAGE
    try:
        with PMClient(target.url, target.key, timeout=args.request_timeout) as client:
            code: int = args.handler(client, args)
    except Failure as exc:
        _err(f"{PROG} {group} {args.action}: {exc.message}")
        return exc.code
    except PMError as exc:
        _err(f"{PROG} {group} {args.action}: {exc.message}")
        return _exit_for(exc)
    sys.stdout.flush()  # a closed pipe raises here, inside pmdesk.cli's handler
    return code
