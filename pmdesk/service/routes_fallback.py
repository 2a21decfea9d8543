"""Catch-all paths under /pm/v1/file and /pm/v1/jobs: say why a path is not a call.

Ids holding '/' (sent as %2F) arrive here; the answer names the id rule they break
instead of a bare 404. This router is the last of app.ROUTERS so it shadows no real call.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from pmdesk.service.deps import InstanceDep, checked_id
from pmdesk.service.errors import ApiError

router = APIRouter(prefix="/pm/v1", include_in_schema=False)

METHODS = ["GET", "PUT", "DELETE", "POST"]


@router.api_route("/file/{rest:path}", methods=METHODS)
async def bad_file_path(rest: str, inst: InstanceDep) -> Any:
    checked_id(rest.split("/versions")[0] if "/versions" in rest else rest, "file id")
    raise ApiError(404, "this is not a call of the file API")


@router.api_route("/jobs/{rest:path}", methods=METHODS)
async def bad_job_path(rest: str, inst: InstanceDep) -> Any:
    for suffix in ("/status", "/result"):
        rest = rest.removesuffix(suffix)
    checked_id(rest, "job id")
    raise ApiError(404, "this is not a call of the jobs API")
