"""Client calls for PMDesk's additions to the API (issues 14 and 15): cancel, logs, runs,
schedules. Functions taking a PMClient, so client.py stays as it is.

A server without these calls (a literal one, an older PMDesk) answers 404 (or "not a
call of this API"): the functions raise NotSupportedError then, so callers can hide what
the server cannot do instead of showing an error.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import Field, model_validator

from pmdesk.api.client import PMClient, Progress, _q
from pmdesk.api.errors import NotFoundError, ServerError
from pmdesk.api.models import JobStatus, Wire

__all__ = [
    "NotSupportedError", "RunInfo", "ScheduleInfo", "cancel_job", "delete_schedule",
    "download_run_result",
    "get_run", "get_schedule", "job_log", "list_runs", "list_schedules", "put_schedule",
    "run_log",
]


class NotSupportedError(NotFoundError):
    """The server lacks this addition (it answered 404 for the call itself)."""


class RunInfo(JobStatus):
    """One run of a job (GET /pm/v1/jobs/{id}/runs): a job status plus the run's own fields."""

    runId: str
    jobId: str | None = None
    origin: str | None = None
    current: bool = False
    durationSeconds: float | None = None
    logUrl: str | None = None
    skipped: bool = False  # a schedule firing that did not start: the job was still busy

    @model_validator(mode="before")
    @classmethod
    def _skipped(cls, data: Any) -> Any:
        """A skipped run says "jobStatus": "SKIPPED", which is no job state: it reads as
        CANCELED (it never ran) with `skipped` set."""
        if isinstance(data, dict) and str(data.get("jobStatus", "")).upper() == "SKIPPED":
            data = {**data, "jobStatus": "CANCELED", "skipped": True}
        return data

    @property
    def state_name(self) -> str:
        return "SKIPPED" if self.skipped else self.jobStatus.value


class ScheduleFiring(Wire):
    at: datetime
    outcome: str
    runId: str | None = None
    message: str | None = None


class ScheduleInfo(Wire):
    """A schedule (GET /pm/v1/schedules/{id})."""

    id: str
    jobId: str
    cron: str | None = None
    everySeconds: int | None = None
    timezone: str | None = None
    enabled: bool = True
    startAt: datetime | None = None
    endAt: datetime | None = None
    nextRun: datetime | None = None
    nextRuns: list[datetime] = Field(default_factory=list)
    lastRun: datetime | None = None
    lastState: str | None = None
    lastMessage: str | None = None
    lastRunId: str | None = None
    skipped: int = 0
    firings: list[ScheduleFiring] = Field(default_factory=list)


def _call(client: PMClient, method: str, path: str, *, idempotent: bool,
          json: Any = None, ok: tuple[int, ...] = (200,), timeout: float | None = None
          ) -> Any:
    response = client._send(method, client._url(path), idempotent=idempotent, json=json,
                            timeout=client._transfer_timeout(timeout) if timeout else None)
    try:
        return client._check(response, ok)
    except NotFoundError as exc:
        if "is not a call of this API" in exc.message or "not a call of the" in exc.message:
            raise NotSupportedError(f"the server at {client.base_url} does not offer this "
                                    f"call ({method} {path.split('?')[0]})", 404) from None
        raise


def _text(client: PMClient, path: str) -> str:
    response = client._send("GET", client._url(path), idempotent=True,
                            headers={"Accept": "text/plain"})
    if response.status_code != 200:
        try:
            client._check(response)
        except NotFoundError as exc:
            if "is not a call of this API" in exc.message:
                raise NotSupportedError(f"the server at {client.base_url} keeps no job logs",
                                        404) from None
            raise
        raise ServerError(f"the server at {client.base_url} answered {response.status_code}")
    return response.text


# ---- jobs: cancel and log (issue 14) ----------------------------------------------------


def cancel_job(client: PMClient, job_id: str) -> JobStatus:
    """POST /pm/v1/jobs/{id}/cancel: the job ends as CANCELED and stays listed; returns its
    status (CANCELING or CANCELED). ConflictError when it has already ended."""
    body = _call(client, "POST", f"/pm/v1/jobs/{_q(job_id)}/cancel", idempotent=False,
                 timeout=60.0)
    return client._parse(JobStatus, body, "job status")


def job_log(client: PMClient, job_id: str) -> str:
    """GET /pm/v1/jobs/{id}/log: the plain-text log of the job's current run (it grows
    while the job runs: poll it)."""
    return _text(client, f"/pm/v1/jobs/{_q(job_id)}/log")


# ---- runs (issue 15) --------------------------------------------------------------------


def list_runs(client: PMClient, job_id: str) -> list[RunInfo]:
    """The job's runs, newest first."""
    body = _call(client, "GET", f"/pm/v1/jobs/{_q(job_id)}/runs", idempotent=True)
    if not isinstance(body, list):
        raise ServerError("the server's run list is not a JSON array")
    return [client._parse(RunInfo, item, "run list") for item in body]


def get_run(client: PMClient, job_id: str, run_id: str = "latest") -> RunInfo:
    body = _call(client, "GET", f"/pm/v1/jobs/{_q(job_id)}/runs/{_q(run_id)}",
                 idempotent=True)
    return client._parse(RunInfo, body, "run")


def run_log(client: PMClient, job_id: str, run_id: str) -> str:
    return _text(client, f"/pm/v1/jobs/{_q(job_id)}/runs/{_q(run_id)}/log")


def download_run_result(client: PMClient, job_id: str, run_id: str, dest: Path,
                        progress: Progress | None = None,
                        cancel: threading.Event | None = None) -> Path:
    """The zip of one run's files (404 NotFoundError unless that run ended SUCCESS)."""
    return client._download(client._url(f"/pm/v1/jobs/{_q(job_id)}/runs/{_q(run_id)}/result"),
                            Path(dest), progress, cancel)


# ---- schedules (issue 15) ---------------------------------------------------------------


def list_schedules(client: PMClient) -> list[ScheduleInfo]:
    body = _call(client, "GET", "/pm/v1/schedules", idempotent=True)
    if not isinstance(body, list):
        raise ServerError("the server's schedule list is not a JSON array")
    return [client._parse(ScheduleInfo, item, "schedule list") for item in body]


def get_schedule(client: PMClient, schedule_id: str) -> ScheduleInfo:
    body = _call(client, "GET", f"/pm/v1/schedules/{_q(schedule_id)}", idempotent=True)
    return client._parse(ScheduleInfo, body, "schedule")


def put_schedule(client: PMClient, schedule_id: str, spec: dict[str, Any]) -> ScheduleInfo:
    """Creates or replaces a schedule: {"jobId", "cron" | "everySeconds", "timezone",
    "enabled", "startAt", "endAt"}."""
    body = _call(client, "PUT", f"/pm/v1/schedules/{_q(schedule_id)}", idempotent=True,
                 json=spec, ok=(200, 201))
    return client._parse(ScheduleInfo, body, "schedule")


def delete_schedule(client: PMClient, schedule_id: str) -> None:
    _call(client, "DELETE", f"/pm/v1/schedules/{_q(schedule_id)}", idempotent=True)
