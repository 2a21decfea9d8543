"""Schedule calls (an addition, issue 15): PUT, GET one and all, DELETE; see scheduler.py."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from pmdesk.service import scheduler as sched
from pmdesk.service.deps import InstanceDep, ServiceDep, checked_id
from pmdesk.service.errors import COMMON, ApiError, responses
from pmdesk.service.jsonbody import BodyError, parse_json_body

router = APIRouter(prefix="/pm/v1/schedules", tags=["additions: schedules"], responses=COMMON)

MAX_BODY = 64 * 1024
SCHEDULE_BODY = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": {
        "type": "object", "required": ["jobId"],
        "properties": {
            "jobId": {"type": "string", "description": "the job to resubmit"},
            "cron": {"type": "string", "description": "five-field cron, e.g. '0 2 * * *'"},
            "everySeconds": {"type": "integer", "minimum": 1},
            "timezone": {"type": "string",
                         "description": "IANA zone of the cron times; default the service's"},
            "enabled": {"type": "boolean", "default": True},
            "startAt": {"type": "string", "format": "date-time"},
            "endAt": {"type": "string", "format": "date-time"},
        },
        "description": "exactly one of cron and everySeconds",
    }}}}}


def _wake(request: Request) -> None:
    scheduler = getattr(request.app.state, "scheduler", None)
    if scheduler is not None:
        scheduler.wake()


@router.get("", summary="Addition: every schedule of this access key")
async def list_schedules(service: ServiceDep, inst: InstanceDep) -> Any:
    def render() -> list[dict[str, Any]]:
        return [sched.schedule_json(service.db, row)
                for row in sched.list_schedules(service.db, inst.ns)]

    return await asyncio.to_thread(render)


@router.get("/{schedule_id}", summary="Addition: one schedule with nextRun, lastRun, "
                                      "lastState", responses=responses(404))
async def get_schedule(schedule_id: str, service: ServiceDep, inst: InstanceDep) -> Any:
    checked_id(schedule_id, "schedule id")

    def read() -> dict[str, Any] | None:
        row = sched.get_schedule(service.db, inst.ns, schedule_id)
        return None if row is None else sched.schedule_json(service.db, row)

    found = await asyncio.to_thread(read)
    if found is None:
        raise ApiError(404, f"no schedule {schedule_id!r}")
    return found


@router.put("/{schedule_id}", summary="Addition: create (201) or replace (200) a schedule",
            openapi_extra=SCHEDULE_BODY, responses=responses(201, 413))
async def put_schedule(request: Request, schedule_id: str, service: ServiceDep,
                       inst: InstanceDep) -> Any:
    checked_id(schedule_id, "schedule id")
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise ApiError(413, "a schedule is at most 64 KB of JSON")
    try:
        body = parse_json_body(raw)
    except BodyError as exc:
        raise ApiError(400, str(exc)) from None
    try:
        spec = sched.Spec.from_body(body)
    except sched.ScheduleError as exc:
        raise ApiError(400, str(exc)) from None

    def store() -> tuple[dict[str, Any], bool]:
        if service.db.get_light(inst.ns, spec.job_id) is None:
            raise ApiError(400, f"jobId: no job {spec.job_id!r}; submit the job first")
        created = sched.put_schedule(service.db, inst.ns, schedule_id, spec)
        row = sched.get_schedule(service.db, inst.ns, schedule_id)
        assert row is not None
        return sched.schedule_json(service.db, row), created

    answer, created = await asyncio.to_thread(store)  # SQLite: off the event loop
    _wake(request)
    return JSONResponse(answer, status_code=201 if created else 200)


@router.delete("/{schedule_id}", summary="Addition: delete a schedule (its job stays)",
               responses=responses(404))
async def delete_schedule(request: Request, schedule_id: str, service: ServiceDep,
                          inst: InstanceDep) -> Any:
    checked_id(schedule_id, "schedule id")
    if not await asyncio.to_thread(sched.delete_schedule, service.db, inst.ns, schedule_id):
        raise ApiError(404, f"no schedule {schedule_id!r}")
    _wake(request)
    return {"deleted": 1, "message": f"schedule {schedule_id!r} deleted"}
