"""Answers shared by the routes: streamed files and ETag handling."""

from __future__ import annotations

import os
import stat
from collections.abc import AsyncIterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

CHUNK = 1024 * 1024


def _open(path: Path) -> tuple[BinaryIO, int]:
    f = path.open("rb")
    try:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise IsADirectoryError(str(path))
        return f, os.fstat(f.fileno()).st_size
    except BaseException:
        f.close()
        raise


async def file_response(path: Path, filename: str, media_type: str) -> StreamingResponse:
    """Streams a file opened now: a replace during the download cannot mix two versions.

    (FileResponse stats the path and opens it later, so an upload in between would send
    the new bytes under the old Content-Length.) Opening and every read happen in worker
    threads, never on the event loop. Raises FileNotFoundError or IsADirectoryError.
    """
    f, size = await run_in_threadpool(_open, path)

    async def chunks() -> AsyncIterator[bytes]:
        try:
            while data := await run_in_threadpool(f.read, CHUNK):
                yield data
        finally:
            f.close()

    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "_")
    headers = {
        "Content-Length": str(size),
        "Content-Disposition": (f'attachment; filename="{ascii_name}"; '
                                f"filename*=utf-8''{quote(filename, safe='')}"),
    }
    return StreamingResponse(chunks(), media_type=media_type, headers=headers)


def etag_matches(request: Request, etag: str) -> bool:
    return etag_in(request.headers.get("if-none-match"), etag)


def etag_in(header: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names `etag` (or is `*`)."""
    if not header:
        return False
    if header.strip() == "*":
        return True
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return etag in tags


def not_modified(etag: str) -> Response:
    return Response(status_code=304, headers={"ETag": etag})
