"""Additions on a job (issues 14 and 15): cancel it, read its log, read its runs.

Included before the jobs router, whose catch-all route would otherwise answer these paths.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, PlainTextResponse, StreamingResponse

from pmdesk.api.models import WORKER_STATES, JobState
from pmdesk.service import runlog
from pmdesk.service.deps import InstanceDep, ServiceDep, checked_id
from pmdesk.service.errors import COMMON, ApiError, responses
from pmdesk.service.instances import Instance
from pmdesk.service.jobsdb import JobRow
from pmdesk.service.responses import file_response
from pmdesk.service.state import Service

# every call reads the job first: a 404 when the key has no such job
router = APIRouter(prefix="/pm/v1/jobs", tags=["additions: runs"],
                   responses={**COMMON, **responses(404)})

CANCEL_MESSAGE = "cancelled by a cancel request"
TEXT = "text/plain; charset=utf-8"


def _job(service: Service, inst: Instance, job_id: str) -> JobRow:
    checked_id(job_id, "job id")
    row = service.db.get_light(inst.ns, job_id)
    if row is None:
        raise ApiError(404, f"no job {job_id!r}")
    return row


def _status(row: JobRow) -> dict[str, Any]:
    out: dict[str, Any] = {"jobStatus": row.state}
    for key in ("submitted", "started", "finished"):
        if getattr(row, key):
            out[key] = getattr(row, key)
    if row.message and row.state in (JobState.FAILED, JobState.CANCELED):
        out["message"] = row.message
    if row.rows_done is not None:
        out["progress"] = {"rowsDone": row.rows_done, "rowsTotal": row.rows_total}
    return out


def _run_number(value: str) -> int | None:
    if value == "latest":
        return None
    if not value.isdigit() or len(value) > 9 or int(value) < 1:
        raise ApiError(400, f"the run id {value!r} is not a run number (1, 2, ...) or "
                            "'latest'")
    return int(value)


def _run(service: Service, inst: Instance, job_id: str, run_id: str) -> runlog.RunRow:
    _job(service, inst, job_id)
    run = runlog.get_run(service.db, inst.ns, job_id, _run_number(run_id))
    if run is None:
        raise ApiError(404, f"job {job_id!r} has no run {run_id!r} (it may have been "
                            "dropped by the run history's retention)")
    return run


@router.post("/{job_id}/cancel", summary="Addition: cancel a pending or running job; it "
                                         "stays listed as CANCELED with its history",
             responses=responses(409))
async def cancel_job(job_id: str, service: ServiceDep, inst: InstanceDep) -> Any:
    # SQLite and the pool's cancel (which waits for the job to stop): off the event loop
    return JSONResponse(await asyncio.to_thread(_cancel, service, inst, job_id))


def _cancel(service: Service, inst: Instance, job_id: str) -> dict[str, Any]:
    row = _job(service, inst, job_id)
    for attempt in range(50):  # a PENDING job may be claimed meanwhile: then it is RUNNING
        if row.state == JobState.PENDING:
            if runlog.cancel_pending(service.db, inst.ns, job_id, CANCEL_MESSAGE):
                break
        elif row.state in WORKER_STATES:
            stopped = service.pool.cancel(inst.ns, job_id)
            if stopped and row.run_id:
                runlog.set_cancel_message(service.db, inst.ns, job_id, row.run_id,
                                          CANCEL_MESSAGE)
            if stopped:
                break
        elif attempt:  # it ended while we were at it (or another cancel ended it)
            break
        else:
            raise ApiError(409, f"job {job_id!r} has already ended ({row.state}); there is "
                                "nothing to cancel")
        time.sleep(0.1)
        row = _job(service, inst, job_id)
    return _status(_job(service, inst, job_id))


@router.get("/{job_id}/log", summary="Addition: the plain-text log of the job's current run",
            response_class=PlainTextResponse)
async def job_log(job_id: str, service: ServiceDep, inst: InstanceDep) -> Any:
    return await run_log(job_id, "latest", service, inst)


@router.get("/{job_id}/runs", summary="Addition: the job's runs, newest first")
async def list_runs(job_id: str, service: ServiceDep, inst: InstanceDep) -> Any:
    checked_id(job_id, "job id")
    runs = await asyncio.to_thread(runlog.list_runs, service.db, inst.ns, job_id)
    if runs is None:
        raise ApiError(404, f"no job {job_id!r}")
    return [r.to_json() for r in runs]


@router.get("/{job_id}/runs/{run_id}", summary="Addition: one run (a number, or 'latest')")
async def get_run(job_id: str, run_id: str, service: ServiceDep, inst: InstanceDep) -> Any:
    run = await asyncio.to_thread(_run, service, inst, job_id, run_id)
    return run.to_json()


@router.get("/{job_id}/runs/{run_id}/log", summary="Addition: the plain-text log of one run",
            response_class=PlainTextResponse)
async def run_log(job_id: str, run_id: str, service: ServiceDep, inst: InstanceDep) -> Any:
    def render() -> str:
        return runlog.render_log(_run(service, inst, job_id, run_id), inst.runs_dir)

    text = await asyncio.to_thread(render)
    return PlainTextResponse(text, media_type=TEXT, headers={"Cache-Control": "no-store"})


@router.get("/{job_id}/runs/{run_id}/result", summary="Addition: the zip of one run's files",
            response_class=StreamingResponse)
async def run_result(job_id: str, run_id: str, service: ServiceDep, inst: InstanceDep) -> Any:
    run = await asyncio.to_thread(_run, service, inst, job_id, run_id)
    if run.state != JobState.SUCCESS or not run.result:
        raise ApiError(404, f"run {run.num} of job {job_id!r} has no result (it is "
                            f"{run.state})")
    try:
        return await file_response(Path(run.result), f"{job_id}-run{run.num}.zip",
                                   "application/zip")
    except (FileNotFoundError, IsADirectoryError):
        raise ApiError(404, f"the result of run {run.num} of job {job_id!r} is gone") from None
