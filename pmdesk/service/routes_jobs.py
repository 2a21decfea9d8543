"""Job calls: submit, resubmit, list, definition, status, result, delete (and cancel)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from pmdesk.api.models import MASK, WORKER_STATES, DefinitionError, JobDefinition, JobState
from pmdesk.service.deps import InstanceDep, ServiceDep, checked_id
from pmdesk.service.errors import COMMON, ApiError, responses
from pmdesk.service.instances import Instance
from pmdesk.service.jobsdb import JobBusyError, JobExistsError, JobRow
from pmdesk.service.jsonbody import BodyError, parse_json_body
from pmdesk.service.responses import etag_matches, file_response, not_modified
from pmdesk.service.state import Service

router = APIRouter(prefix="/pm/v1/jobs", tags=["jobs"], responses=COMMON)

MAX_DEFINITION_BYTES = 4 * 1024 * 1024
STATUS_CACHE_MAX = 100_000  # remembered status answers (a few hundred bytes each)


_SCHEMA = JobDefinition.model_json_schema(ref_template="#/components/schemas/{model}")
SCHEMA_DEFS: dict[str, Any] = {**_SCHEMA.pop("$defs", {}), "JobDefinition": _SCHEMA}
DEFINITION_BODY = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": {"$ref": "#/components/schemas/JobDefinition"}}}}}


def _job_id(value: str) -> str:
    return checked_id(value, "job id")


def status_json(row: JobRow) -> dict[str, Any]:
    out: dict[str, Any] = {"jobStatus": row.state}
    for key in ("submitted", "started", "finished"):
        if getattr(row, key):
            out[key] = getattr(row, key)
    if row.message and row.state in (JobState.FAILED, JobState.CANCELED):
        out["message"] = row.message
    if row.state == JobState.SUCCESS and row.result:
        out["dataUrl"] = f"/pm/v1/jobs/{quote(row.id, safe='')}/result"
    if row.runs_on:  # addition: "local" or the cluster worker's address
        out["runsOn"] = row.runs_on
    if row.rows_done is not None:
        out["progress"] = {"rowsDone": row.rows_done, "rowsTotal": row.rows_total}
    return out


def summary_json(row: JobRow) -> dict[str, Any]:
    return {**row.definition, "id": row.id, "status": status_json(row)}


def summary_text(row: JobRow, definition: str) -> str:
    """summary_json's JSON text built around the stored definition text, never decoded.

    Stored definitions hold no top-level "id" or "status" (_seal drops them); were an old
    one to, the later key wins in every JSON parser, as it does in summary_json.
    """
    tail = f'"id": {json.dumps(row.id)}, "status": {json.dumps(status_json(row))}}}'
    body = definition.rstrip()
    return "{" + tail if body == "{}" else f"{body[:-1]}, {tail}"


REV_HEADER = "X-PMDesk-Rev"


def _etag(service: Service, rev: int) -> str:
    return f'"{service.db.db_id}-{rev}"'


async def _list_body(service: Service, inst: Instance) -> tuple[int, bytes]:
    """The rendered list of the instance's current rev: rendered once per rev (in a
    thread, off the event loop) and shared by every client until the next change."""
    def render() -> tuple[int, bytes]:
        cached = service.list_cache.get(inst.ns)
        if cached is not None and cached[0] == service.db.ns_rev(inst.ns):
            return cached
        rev, rows = service.db.list_light(inst.ns)
        return rev, ("[" + ", ".join(summary_text(r, d) for r, d in rows) + "]").encode()

    rev, body = await run_in_threadpool(render)
    current = service.list_cache.get(inst.ns)
    if current is None or current[0] <= rev:
        service.list_cache[inst.ns] = (rev, body)
    return rev, body


def _changes_response(service: Service, rev: int, jobs: bytes, deleted: list[str],
                      full: bool) -> Response:
    body = (f'{{"rev": {rev}, "full": {"true" if full else "false"}, "jobs": '.encode()
            + jobs + f', "deleted": {json.dumps(deleted)}}}'.encode())
    return Response(body, media_type="application/json",
                    headers={"ETag": _etag(service, rev), REV_HEADER: str(rev)})


async def _list_changes(request: Request, service: Service, inst: Instance, since: int
                        ) -> Response:
    """Addition: the jobs changed and ids deleted after `since` (a rev from X-PMDesk-Rev
    or an earlier answer); the whole list with "full": true when `since` is unusable.
    The ETag is the list's: an answer for the same URL stays valid until the rev moves."""
    rev = await run_in_threadpool(service.db.ns_rev, inst.ns)
    etag = _etag(service, rev)
    if etag_matches(request, etag):
        response = not_modified(etag)
        response.headers[REV_HEADER] = str(rev)
        return response
    if since == rev and since > 0:
        return _changes_response(service, rev, b"[]", [], False)  # no SQL at all
    changes = None
    if 0 < since < rev:
        changes = await run_in_threadpool(service.db.changes, inst.ns, since)
    if changes is None or changes.full:
        rev, body = await _list_body(service, inst)
        return _changes_response(service, rev, body, [], True)
    jobs = ("[" + ", ".join(summary_text(r, d) for r, d in changes.jobs) + "]").encode()
    return _changes_response(service, changes.rev, jobs, changes.deleted, False)


async def _read_body(request: Request) -> bytes:
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_DEFINITION_BYTES:
            raise ApiError(413, "the job definition is larger than 4 MB")
    return bytes(raw)


def _parse_definition(raw: bytes, service: Service, inst: Instance) -> JobDefinition:
    """The checked definition (in a worker thread: 4 MB of JSON is CPU work)."""
    try:
        data = parse_json_body(raw)
    except BodyError as exc:
        raise ApiError(400, str(exc)) from None
    if not isinstance(data, dict):
        kind = {list: "an array", str: "a string", int: "a number", float: "a number",
                bool: "true or false"}.get(type(data), "null")
        raise ApiError(400, f"the job definition must be a JSON object, not {kind}")
    try:
        definition = JobDefinition.parse(data)
    except DefinitionError as exc:
        raise ApiError(400, f"the job definition is not valid: {exc}") from None
    problems = definition.problems() + service.sqlite_policy(inst).problems(definition)
    if problems:
        raise ApiError(400, "the job definition cannot run: " + "; ".join(problems))
    return definition


def _seal(service: Service, definition: JobDefinition, old: JobRow | None
          ) -> tuple[dict[str, Any], dict[str, str]]:
    """The definition to store (passwords masked) and the encrypted passwords by dbRef.

    A password equal to the mask (a definition fetched with GET and sent back) keeps the
    password stored for that dbRef.
    """
    stored = definition.to_wire()
    for key in ("id", "status"):  # the list adds its own; see summary_text
        stored.pop(key, None)
    secrets: dict[str, str] = {}
    for ref, db in definition.dbDefinitions.items():
        if not db.password:
            continue
        if db.password == MASK:
            token = old.secrets.get(ref) if old else None
            if token is None:
                raise ApiError(400, f"dbDefinitions.{ref}.password is the mask {MASK!r} but no "
                                    "password is stored for it yet: send the real password")
            secrets[ref] = token
        else:
            secrets[ref] = service.box.seal(db.password)
        stored["dbDefinitions"][ref]["password"] = MASK
    return stored, secrets


def _json(data: Any) -> bytes:
    """JSONResponse's rendering, for use in a worker thread (big definitions are CPU)."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=None,
                      separators=(",", ":")).encode()


def _check_stream(service: Service, inst: Instance, definition: JobDefinition) -> None:
    """A Modeler stream with a node PMDesk cannot run is refused before any data is read."""
    from pmdesk.engine.modeler.check import submit_problems

    problems = submit_problems(service.files.path(inst, definition.model.id), definition)
    if problems:
        raise ApiError(400, f"the job cannot run stream {definition.model.id!r}: "
                            + "; ".join(problems))


async def _submit(request: Request, job_id: str, service: Service, inst: Instance,
                  replace: bool) -> tuple[bytes, bool]:
    _job_id(job_id)
    raw = await _read_body(request)
    # parsing, encrypting the passwords and SQLite: none of it on the event loop (one
    # request with 75,000 passwords stalled every other request for seconds)
    body, created, old_run = await run_in_threadpool(_store, raw, job_id, service, inst,
                                                     replace)
    if old_run:
        await run_in_threadpool(shutil.rmtree, inst.runs_dir / old_run, True)
    service.pool.wake()
    return body, created


def _store(raw: bytes, job_id: str, service: Service, inst: Instance, replace: bool
           ) -> tuple[bytes, bool, str | None]:
    """Checks and stores a definition: the answer's body, whether the job is new, and the
    old run folder to remove."""
    definition = _parse_definition(raw, service, inst)
    _check_stream(service, inst, definition)
    old = service.db.get(inst.ns, job_id)
    if old is not None and not replace:
        raise ApiError(409, f"a job {job_id!r} exists already; use PUT to resubmit it or "
                            "DELETE it first")
    stored, secrets = _seal(service, definition, old)
    try:
        row, created = service.db.submit(inst.ns, job_id, stored, secrets, replace=replace)
    except JobExistsError:
        raise ApiError(409, f"a job {job_id!r} exists already; use PUT to resubmit it or "
                            "DELETE it first") from None
    except JobBusyError as exc:
        raise ApiError(409, f"job {job_id!r} is {exc.state} and cannot be changed until it "
                            "ends; DELETE it to cancel it, or wait") from None
    # the previous run's folder stays: it is in the run history (routes_runs, retention)
    return _json(summary_json(row)), created, None


@router.get("", summary="All jobs: each definition plus (additions) its id and status",
            responses=responses(304))
@router.get("/", include_in_schema=False)
async def list_jobs(
    request: Request, service: ServiceDep, inst: InstanceDep,
    since: Annotated[int | None, Query(
        ge=0, description="Addition: only the jobs changed and ids deleted after this rev "
                          "(the X-PMDesk-Rev header); answers an object, see docs/api.md")
    ] = None,
) -> Any:
    if since is not None:
        return await _list_changes(request, service, inst, since)
    rev = await run_in_threadpool(service.db.ns_rev, inst.ns)
    etag = _etag(service, rev)
    if etag_matches(request, etag):
        response = not_modified(etag)
        response.headers[REV_HEADER] = str(rev)
        return response
    rev, body = await _list_body(service, inst)
    return Response(body, media_type="application/json",
                    headers={"ETag": _etag(service, rev), REV_HEADER: str(rev)})


@router.post("/{job_id}", summary="Submit a new job (409 if the id exists)",
             openapi_extra=DEFINITION_BODY, responses=responses(409, 413))
async def submit_job(request: Request, job_id: str, service: ServiceDep,
                     inst: InstanceDep) -> Any:
    body, _ = await _submit(request, job_id, service, inst, replace=False)
    return Response(body, status_code=200, media_type="application/json")


@router.put("/{job_id}", summary="Create (201) or update and resubmit (200) a job",
            openapi_extra=DEFINITION_BODY, responses=responses(201, 409, 413))
async def put_job(request: Request, job_id: str, service: ServiceDep,
                  inst: InstanceDep) -> Any:
    body, created = await _submit(request, job_id, service, inst, replace=True)
    return Response(body, status_code=201 if created else 200, media_type="application/json")


def _row(service: Service, inst: Instance, job_id: str, *, light: bool = False) -> JobRow:
    """The job's row or a 404; `light` skips the definition and passwords, which statuses
    and results never read."""
    _job_id(job_id)
    row = (service.db.get_light if light else service.db.get)(inst.ns, job_id)
    if row is None:
        raise ApiError(404, f"no job {job_id!r}")
    return row


@router.get("/{job_id}", summary="One job definition (passwords masked)",
            responses=responses(404))
async def get_job(job_id: str, service: ServiceDep, inst: InstanceDep) -> Any:
    body = await run_in_threadpool(lambda: _json(_row(service, inst, job_id).definition))
    return Response(body, media_type="application/json")


@router.get("/{job_id}/status", summary="The job's status", responses=responses(304, 404))
async def job_status(request: Request, job_id: str, service: ServiceDep,
                     inst: InstanceDep) -> Any:
    _job_id(job_id)
    key = (inst.ns, job_id)
    hit = service.status_cache.get(key)
    if hit is None or hit[0] != service.db.known_rev(inst.ns):
        # nothing of the instance is known unchanged: read the row (off the event loop)
        hit = await run_in_threadpool(_status_entry, service, inst, job_id)
    _, etag, body = hit
    if etag_matches(request, etag):
        return not_modified(etag)
    return Response(body, media_type="application/json", headers={"ETag": etag})


def _status_entry(service: Service, inst: Instance, job_id: str) -> tuple[int | None, str,
                                                                         bytes]:
    """The status answer (instance rev it is valid for, ETag, body), remembered: every
    client polls this call, and most polls find nothing changed."""
    rev = service.db.known_rev(inst.ns)  # before reading: a change meanwhile re-reads
    row = _row(service, inst, job_id, light=True)
    entry = (rev, _etag(service, row.rev), _json(status_json(row)))
    if rev is not None:
        if len(service.status_cache) >= STATUS_CACHE_MAX:
            service.status_cache.clear()
        service.status_cache[(inst.ns, job_id)] = entry
    return entry


@router.get("/{job_id}/result", summary="The zip of every file the job generated "
                                        "(the status's dataUrl)",
            response_class=StreamingResponse, responses=responses(404))
async def job_result(job_id: str, service: ServiceDep, inst: InstanceDep) -> Any:
    row = await run_in_threadpool(_row, service, inst, job_id, light=True)
    if row.state != JobState.SUCCESS or not row.result:
        raise ApiError(404, f"job {job_id!r} has no result (it is {row.state})")
    try:
        return await file_response(Path(row.result), f"{job_id}.zip", "application/zip")
    except FileNotFoundError:
        raise ApiError(404, f"the result of job {job_id!r} is gone") from None


@router.delete("/{job_ids}", summary="Delete jobs (comma-separated ids), cancelling running "
                                     "ones; answers how many were deleted")
async def delete_jobs(job_ids: str, service: ServiceDep, inst: InstanceDep) -> Any:
    ids: list[str] = []
    for part in job_ids.split(","):
        part = part.strip()
        if part and part not in ids:
            ids.append(_job_id(part))
    if not ids:
        raise ApiError(400, "give one or more job ids separated by commas")
    deleted, missing, stuck = await run_in_threadpool(_delete, service, inst, ids)
    message = f"deleted {len(deleted)} of {len(ids)} job(s)"
    if missing:
        message += "; not found: " + ", ".join(missing)
    if stuck:
        message += "; could not be stopped, still running: " + ", ".join(stuck)
    return {"deleted": len(deleted), "message": message}


def _delete(service: Service, inst: Instance, ids: list[str]
            ) -> tuple[list[str], list[str], list[str]]:
    """Deletes (cancelling first) each job: the deleted, missing and still running ids.
    In a worker thread: cancelling waits for a process, deleting is SQLite and disk."""
    deleted: list[str] = []
    missing: list[str] = []
    stuck: list[str] = []
    for job_id in ids:
        row = service.db.get(inst.ns, job_id)
        if row is None:
            missing.append(job_id)
            continue
        if row.state in WORKER_STATES:
            service.pool.cancel(inst.ns, job_id)
        gone = service.db.delete(inst.ns, job_id,
                                 only_states=tuple(s.value for s in JobState
                                                   if s not in WORKER_STATES))
        if gone is None:
            # deleted meanwhile by a concurrent DELETE, or really still running
            (missing if service.db.get(inst.ns, job_id) is None else stuck).append(job_id)
            continue
        deleted.append(job_id)
        if gone.run_id:
            shutil.rmtree(inst.runs_dir / gone.run_id, ignore_errors=True)
    return deleted, missing, stuck
