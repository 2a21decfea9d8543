"""Stream file calls: /pm/v1/file (the contract) and /versions (a PMDesk addition)."""

from __future__ import annotations

import logging
import os
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from pmdesk.service.deps import InstanceDep, ServiceDep, checked_id
from pmdesk.service.errors import COMMON, ApiError, error_response, responses
from pmdesk.service.responses import file_response
from pmdesk.service.uploads import UploadError, stream_part_to_file, too_big_message

log = logging.getLogger("pmdesk.service.files")

router = APIRouter(prefix="/pm/v1/file", tags=["files"], responses=COMMON)

MULTIPART_SLACK = 64 * 1024  # headers and boundaries around the file part


def _file_id(value: str) -> str:
    return checked_id(value, "file id")


@router.get("", summary="List the stored stream files")
@router.get("/", include_in_schema=False)
async def list_files(service: ServiceDep, inst: InstanceDep,
                     details: Annotated[bool, Query(description="Addition: id, size and "
                                                    "upload time of each file")] = False,
                     ) -> Any:
    found = await run_in_threadpool(service.files.list_files, inst)
    if details:
        return [f.to_json() for f in found]
    return [f.id for f in found]


UPLOAD_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {
    "schema": {"type": "object", "required": ["model_file"], "properties": {
        "model_file": {"type": "string", "format": "binary"}}}}}}}


@router.put("/{file_id}", summary="Upload (or replace) a stream file, multipart field "
                                  "model_file", openapi_extra=UPLOAD_BODY, responses=responses(413))
async def upload_file(request: Request, file_id: str, service: ServiceDep,
                      inst: InstanceDep) -> Any:
    _file_id(file_id)
    limit = service.config.max_upload_bytes
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit + MULTIPART_SLACK:
        raise ApiError(413, too_big_message(limit))
    fd, temp = await run_in_threadpool(service.files.temp_file, inst)
    stored = False
    try:
        size = await stream_part_to_file(request.headers.get("content-type", ""),
                                         request.stream(), fd, limit)
        await run_in_threadpool(os.fsync, fd)
        os.close(fd)
        fd = -1
        await run_in_threadpool(service.files.commit, inst, temp, file_id)
        stored = True
    except UploadError as exc:
        raise ApiError(exc.status, exc.message) from None
    except ClientDisconnect:
        log.info("upload of a stream file was interrupted; the stored copy is unchanged")
        return error_response(400, "the upload was interrupted; nothing was changed")
    except OSError as exc:
        log.exception("cannot store an uploaded stream file")
        raise ApiError(500, f"the service could not store the file "
                            f"({exc.strerror or exc}); the stored copy is unchanged") from None
    finally:
        if fd >= 0:
            os.close(fd)
        if not stored:
            await run_in_threadpool(temp.unlink, missing_ok=True)
    return {"flag": True, "message": f"stream file {file_id!r} stored ({size} bytes)",
            "url": f"/pm/v1/file/{quote(file_id, safe='')}"}


@router.get("/{file_id}", summary="Download a stream file",
            response_class=StreamingResponse, responses=responses(404))
async def download_file(file_id: str, service: ServiceDep, inst: InstanceDep) -> Any:
    _file_id(file_id)
    try:
        return await file_response(service.files.path(inst, file_id), file_id,
                             "application/octet-stream")
    except (FileNotFoundError, IsADirectoryError):
        raise ApiError(404, f"no stream file {file_id!r}") from None


@router.delete("/{file_id}", summary="Delete a stream file (and its kept versions)",
               responses=responses(404))
async def delete_file(file_id: str, service: ServiceDep, inst: InstanceDep) -> Any:
    _file_id(file_id)
    if not await run_in_threadpool(service.files.delete, inst, file_id):
        raise ApiError(404, f"no stream file {file_id!r}")
    return {"flag": True, "message": f"stream file {file_id!r} deleted"}


@router.get("/{file_id}/versions", summary="Addition: earlier versions kept by AUTO_REFRESH "
                                           "and restores", responses=responses(404))
async def list_versions(file_id: str, service: ServiceDep, inst: InstanceDep) -> Any:
    _file_id(file_id)

    def versions() -> list[dict[str, object]] | None:
        if not service.files.exists(inst, file_id):
            return None
        return service.files.versions(inst, file_id)

    found = await run_in_threadpool(versions)
    if found is None:
        raise ApiError(404, f"no stream file {file_id!r}")
    return found


@router.get("/{file_id}/versions/{version}", summary="Addition: download a kept version",
            response_class=StreamingResponse, responses=responses(404))
async def download_version(file_id: str, version: str, service: ServiceDep,
                           inst: InstanceDep) -> Any:
    _file_id(file_id)
    path = await run_in_threadpool(service.files.version_path, inst, file_id, version)
    if path is None:
        raise ApiError(404, f"stream file {file_id!r} has no version {version!r}")
    try:
        return await file_response(path, file_id, "application/octet-stream")
    except FileNotFoundError:  # removed by a newer version meanwhile
        raise ApiError(404, f"stream file {file_id!r} has no version {version!r}") from None


@router.post("/{file_id}/versions/{version}/restore",
             summary="Addition: make a kept version current (the current one is kept)",
             responses=responses(404))
async def restore_version(file_id: str, version: str, service: ServiceDep,
                          inst: InstanceDep) -> Any:
    _file_id(file_id)
    if not await run_in_threadpool(service.files.exists, inst, file_id):
        raise ApiError(404, f"no stream file {file_id!r}")
    if not await run_in_threadpool(service.files.restore, inst, file_id, version):
        raise ApiError(404, f"stream file {file_id!r} has no version {version!r}")
    return {"flag": True, "message": f"stream file {file_id!r} restored to version {version}"}
