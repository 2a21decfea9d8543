"""The typed client of the /pm/v1 batch job API (sync httpx; safe to use from threads).

It speaks to PMDesk's own service and to servers that follow the original document
literally: failures sent as HTTP 200 with `"flag": false`, job statuses in any case or
British spelling, a DELETE answer that is a bare number. PMDesk additions (file details,
ETags, job ids and statuses in the list) are used when present and never required.

The access key travels in the query string as the contract says, so it is kept out of
everything this module produces: httpx's own log lines pass a redacting filter, and
exception messages and reprs are scrubbed.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import secrets
import ssl
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
from pydantic import ValidationError

from pmdesk.api.errors import (
    CancelledError,
    ConflictError,
    InvalidRequestError,
    NetworkError,
    NotFoundError,
    PMError,
    ServerError,
    UnauthorizedError,
    error_for_status,
)
from pmdesk.api.models import (
    FileInfo,
    FileVersion,
    JobDefinition,
    JobStatus,
    JobSummary,
    describe_validation_error,
)
from pmdesk.api.redact import redact

__all__ = [
    "CancelledError", "ChangesNotSupported", "ConflictError", "InvalidRequestError",
    "JobChanges", "NetworkError", "NotFoundError", "PMClient", "PMError", "ServerError",
    "UnauthorizedError",
]


class ChangesNotSupported(PMError):
    """The server has no `GET /pm/v1/jobs?since=` (a literal or older server): use
    list_jobs / list_jobs_if_changed instead."""


@dataclass
class JobChanges:
    """An answer of `?since=`: `jobs` changed and ids `deleted` after the rev asked about,
    or (full=True) every job, replacing whatever the caller held. `rev` is the next since,
    `etag` the next call's If-None-Match (an unchanged instance then answers 304)."""

    rev: int
    jobs: list[JobSummary] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    full: bool = False
    etag: str | None = field(default=None, compare=False)

Progress = Callable[[int, int | None], None]
CHUNK = 256 * 1024
RETRY_STATUSES = (502, 503, 504)
redact_text = redact  # the one redaction rule (pmdesk.api.redact)


class _RedactKeyFilter(logging.Filter):
    """httpx logs every request URL (query string included) at INFO: mask the key."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        if "accesskey=" in message.lower():
            record.msg = redact_text(message)
            record.args = None
        return True


def _install_filters() -> None:
    shared = _RedactKeyFilter()
    for name in ("httpx", "httpcore", "httpcore.connection", "httpcore.http11",
                 "httpcore.http2", "httpcore.proxy"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _RedactKeyFilter) for f in logger.filters):
            logger.addFilter(shared)


_install_filters()


def _q(value: str) -> str:
    return quote(value, safe="")


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One TLS context for every client: building one costs 20-50 ms, and the desktop makes
    a client per background task (some on the GUI thread)."""
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


class PMClient:
    """One server and access key. Every method raises a PMError subclass on failure."""

    def __init__(self, base_url: str, access_key: str | Callable[[], str], *,
                 timeout: float = 30.0, retries: int = 3,
                 transport: httpx.BaseTransport | None = None) -> None:
        base = base_url.strip().rstrip("/")
        if base.endswith("/pm/v1"):
            base = base[: -len("/pm/v1")]
        if "://" not in base:
            base = f"http://{base}"
        if urlsplit(base).scheme not in ("http", "https"):
            raise InvalidRequestError(f"the server address {base!r} must start with http:// "
                                      "or https://")
        self.base_url = base
        self._key = access_key
        self.timeout = timeout
        self.retries = max(0, retries)
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)),
            transport=transport, follow_redirects=False, verify=_tls_context(),
            headers={"Accept": "application/json"},
        )

    # ---- plumbing ------------------------------------------------------------------------

    def __repr__(self) -> str:
        return f"PMClient({self.base_url!r})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PMClient:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _access_key(self) -> str:
        return self._key() if callable(self._key) else self._key

    def _clean(self, text: str) -> str:
        try:
            key = self._access_key()
        except Exception:
            key = ""
        return redact_text(text, [key])

    def _transfer_timeout(self, read_at_least: float) -> httpx.Timeout:
        """Big transfers and cancelling DELETEs may wait longer for the server's answer."""
        return httpx.Timeout(self.timeout, connect=min(10.0, self.timeout),
                             read=max(self.timeout, read_at_least))

    def _url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def _send(self, method: str, url: str, *, idempotent: bool, stream: bool = False,
              content_factory: Callable[[], Any] | None = None,
              json: Any = None, headers: dict[str, str] | None = None,
              timeout: httpx.Timeout | None = None, with_key: bool = True,
              cancel: threading.Event | None = None) -> httpx.Response:
        """One call with retries: connect failures always (nothing reached the server),
        timeouts, broken connections and 502/503/504 only when `idempotent`."""
        attempt = 0
        params = {"accesskey": self._access_key()} if with_key else None
        while True:
            try:
                target = httpx.URL(url)
                if params:
                    target = target.copy_merge_params(params)
                request = self._http.build_request(
                    method, target, json=json, headers=headers,
                    content=content_factory() if content_factory else None,
                    timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT)
                response = self._http.send(request, stream=stream)
            except CancelledError:
                raise
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
                error: PMError = self._network_error(exc, timeout)
                retry = True
            except httpx.TransportError as exc:  # timeouts, broken connections
                error, retry = self._network_error(exc, timeout), idempotent
            else:
                if response.status_code in RETRY_STATUSES and idempotent \
                        and attempt < self.retries:
                    response.close()
                    error, retry = ServerError("retry", response.status_code), True
                else:
                    return response
            if not retry or attempt >= self.retries or (cancel and cancel.is_set()):
                raise error from None
            pause = min(0.25 * (2 ** attempt), 4.0)
            if cancel is not None:
                if cancel.wait(pause):  # Cancel ends the wait at once, not after it
                    raise CancelledError("cancelled") from None
            else:
                time.sleep(pause)
            attempt += 1

    def _network_error(self, exc: httpx.HTTPError, timeout: httpx.Timeout | None = None
                       ) -> NetworkError:
        where = f"the server at {self.base_url}"
        limits = timeout or self._http.timeout
        if isinstance(exc, httpx.ConnectTimeout):
            text = f"{where} did not accept a connection within {limits.connect or 0:g} s"
        elif isinstance(exc, httpx.WriteTimeout):
            text = f"{where} did not take the data within {limits.write or 0:g} s"
        elif isinstance(exc, httpx.TimeoutException):
            text = f"{where} did not answer within {limits.read or 0:g} s"
        elif isinstance(exc, httpx.ConnectError):
            text = f"cannot connect to {where} ({exc or 'connection refused'})"
        else:
            text = f"the connection to {where} broke ({type(exc).__name__}: {exc})"
        return NetworkError(self._clean(text))

    def _error(self, response: httpx.Response) -> PMError:
        """The PMError for a non-2xx answer, with the server's message when it sent one."""
        try:
            response.read()
            body = response.json()
        except Exception:
            body = None
        message = None
        if isinstance(body, dict):
            for key in ("message", "detail", "error", "reason"):
                if isinstance(body.get(key), str) and body[key].strip():
                    message = body[key]
                    break
        if message is None:
            phrase = response.reason_phrase or "error"
            if response.status_code in (401, 403):
                message = f"the server at {self.base_url} refused the access key"
            elif response.status_code == 404:
                message = f"not found on the server at {self.base_url}"
            else:
                message = (f"the server at {self.base_url} answered {response.status_code} "
                           f"{phrase}")
        return error_for_status(response.status_code, self._clean(message))

    def _check(self, response: httpx.Response, ok: tuple[int, ...] = (200,)) -> Any:
        """The JSON of a successful answer; raises the typed error otherwise."""
        if response.status_code not in ok and not 200 <= response.status_code < 300:
            raise self._error(response)
        if not response.content:
            return None
        try:
            body = response.json()
        except ValueError:
            raise ServerError(
                f"the server at {self.base_url} sent an answer that is not JSON "
                f"(status {response.status_code}, {response.headers.get('content-type')})",
                response.status_code) from None
        if isinstance(body, dict) and body.get("flag") is False:
            # the original document sends failures as HTTP 200 with "flag": false
            message = self._clean(str(body.get("message") or "the server refused the call"))
            lowered = message.lower()
            if any(w in lowered for w in ("not found", "does not exist", "no such", "unknown")):
                raise NotFoundError(message, response.status_code)
            if "already exist" in lowered:
                raise ConflictError(message, response.status_code)
            raise InvalidRequestError(message, response.status_code)
        return body

    def _get_json(self, path: str, headers: dict[str, str] | None = None) -> Any:
        return self._check(self._send("GET", self._url(path), idempotent=True,
                                      headers=headers))

    def _parse(self, model: Any, data: Any, what: str) -> Any:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise ServerError(f"the server's {what} does not follow the contract: "
                              f"{describe_validation_error(exc)}") from None

    # ---- files ---------------------------------------------------------------------------

    def ping(self) -> None:
        """Proves that the URL and the access key work (lists the files)."""
        self._get_json("/pm/v1/file")

    def list_files(self) -> list[FileInfo]:
        body = self._get_json("/pm/v1/file?details=true")
        if not isinstance(body, list):
            raise ServerError("the server's file list is not a JSON array")
        found = []
        for item in body:
            if isinstance(item, str):
                found.append(FileInfo(id=item))
            else:
                found.append(self._parse(FileInfo, item, "file list"))
        return found

    def upload_file(self, file_id: str, path: Path,
                    progress: Callable[[int, int], None] | None = None,
                    cancel: threading.Event | None = None) -> str:
        """Streams `path` as the multipart field model_file; returns the server's message.

        Reads 256 KiB at a time, so memory stays flat for any size. Retried from the
        start of the file on a failed connection.
        """
        path = Path(path)
        size = path.stat().st_size
        boundary = secrets.token_hex(16)
        name = file_id.replace('"', "_").replace("\r", "_").replace("\n", "_")
        head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"model_file\"; "
                f"filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                ).encode()
        tail = f"\r\n--{boundary}--\r\n".encode()

        def body() -> Iterator[bytes]:
            yield head
            sent = 0
            with path.open("rb") as f:
                while sent < size:
                    if cancel is not None and cancel.is_set():
                        raise CancelledError("the upload was cancelled")
                    chunk = f.read(min(CHUNK, size - sent))
                    if not chunk:
                        raise InvalidRequestError(f"{path.name} shrank while it was uploaded")
                    sent += len(chunk)
                    yield chunk
                    if progress is not None:
                        progress(sent, size)
            yield tail

        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}",
                   "Content-Length": str(len(head) + size + len(tail))}
        if progress is not None:
            progress(0, size)
        response = self._send(
            "PUT", self._url(f"/pm/v1/file/{_q(file_id)}"), idempotent=True,
            content_factory=body, headers=headers, cancel=cancel,
            timeout=self._transfer_timeout(120.0))
        answer = self._check(response)
        if isinstance(answer, dict) and answer.get("message"):
            return self._clean(str(answer["message"]))
        return f"stream file {file_id!r} uploaded"

    def _download(self, url: str, dest: Path, progress: Progress | None,
                  cancel: threading.Event | None, *, with_key: bool = True) -> Path:
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        response = self._send("GET", url, idempotent=True, stream=True, with_key=with_key,
                              cancel=cancel, timeout=self._transfer_timeout(60.0))
        try:
            if response.status_code != 200:
                raise self._error(response) if response.status_code >= 300 else \
                    ServerError(f"unexpected answer {response.status_code}")
            length = response.headers.get("content-length")
            total = int(length) if length and length.isdigit() else None
            fd, temp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part",
                                             dir=dest.parent)
            temp = Path(temp_name)
            try:
                received = 0
                with os.fdopen(fd, "wb") as out:
                    if progress is not None:
                        progress(0, total)
                    for chunk in response.iter_bytes(CHUNK):
                        if cancel is not None and cancel.is_set():
                            raise CancelledError("the download was cancelled")
                        out.write(chunk)
                        received += len(chunk)
                        if progress is not None:
                            progress(received, total)
                if total is not None and received != total:
                    raise NetworkError(f"the download from {self.base_url} stopped after "
                                       f"{received} of {total} bytes")
                os.replace(temp, dest)
            except httpx.TransportError as exc:
                raise self._network_error(exc, self._transfer_timeout(60.0)) from None
            finally:
                temp.unlink(missing_ok=True)
        finally:
            response.close()
        return dest

    def download_file(self, file_id: str, dest: Path, progress: Progress | None = None,
                      cancel: threading.Event | None = None) -> Path:
        """Streams the stored file to `dest` (a folder: dest/file_id) via a temp file."""
        dest = Path(dest)
        if dest.is_dir():
            dest = dest / file_id
        return self._download(self._url(f"/pm/v1/file/{_q(file_id)}"), dest, progress,
                              cancel)

    def delete_file(self, file_id: str) -> None:
        self._check(self._send("DELETE", self._url(f"/pm/v1/file/{_q(file_id)}"),
                               idempotent=False))

    def file_versions(self, file_id: str) -> list[FileVersion]:
        """Addition: earlier versions kept when AUTO_REFRESH or a restore replaced the file."""
        body = self._get_json(f"/pm/v1/file/{_q(file_id)}/versions")
        if not isinstance(body, list):
            raise ServerError("the server's version list is not a JSON array")
        return [self._parse(FileVersion, v, "version list") for v in body]

    def download_file_version(self, file_id: str, version: str, dest: Path,
                              progress: Progress | None = None,
                              cancel: threading.Event | None = None) -> Path:
        return self._download(
            self._url(f"/pm/v1/file/{_q(file_id)}/versions/{_q(version)}"), Path(dest),
            progress, cancel)

    def restore_file_version(self, file_id: str, version: str) -> None:
        self._check(self._send(
            "POST", self._url(f"/pm/v1/file/{_q(file_id)}/versions/{_q(version)}/restore"),
            idempotent=False))

    # ---- jobs ----------------------------------------------------------------------------

    def _summaries(self, body: Any) -> list[JobSummary]:
        if not isinstance(body, list):
            raise ServerError("the server's job list is not a JSON array")
        return [self._parse(JobSummary, item, "job list") for item in body]

    def list_jobs(self) -> list[JobSummary]:
        return self._summaries(self._get_json("/pm/v1/jobs"))

    def list_jobs_if_changed(self, etag: str | None
                             ) -> tuple[list[JobSummary] | None, str | None]:
        """(None, etag) when nothing changed since `etag` (PMDesk's 304); else the list."""
        response = self._send("GET", self._url("/pm/v1/jobs"), idempotent=True,
                              headers={"If-None-Match": etag} if etag else None)
        if response.status_code == 304:
            return None, response.headers.get("etag", etag)
        return self._summaries(self._check(response)), response.headers.get("etag")

    def list_jobs_changes(self, since: int | None, etag: str | None = None) -> JobChanges:
        """PMDesk's addition: the jobs changed since the rev of an earlier answer (None: all
        of them, full=True); with that answer's etag, nothing changed costs a 304. Raises
        ChangesNotSupported on a server without it (it ignores the parameter and sends the
        plain array, or refuses it with 400/404)."""
        since = max(0, since or 0)
        response = self._send("GET", self._url(f"/pm/v1/jobs?since={since}"),
                              idempotent=True,
                              headers={"If-None-Match": etag} if etag and since else None)
        if response.status_code == 304:
            header = response.headers.get("x-pmdesk-rev", "")
            return JobChanges(int(header) if header.isdigit() else since,
                              etag=response.headers.get("etag", etag))
        if response.status_code in (400, 404):
            response.close()
            raise ChangesNotSupported(f"the server at {self.base_url} cannot list changes",
                                      response.status_code)
        body = self._check(response)
        if isinstance(body, list) or not isinstance(body, dict):
            raise ChangesNotSupported(f"the server at {self.base_url} cannot list changes")
        rev, jobs, deleted = body.get("rev"), body.get("jobs"), body.get("deleted", [])
        if not isinstance(rev, int) or isinstance(rev, bool) or not isinstance(jobs, list) \
                or not isinstance(deleted, list) \
                or not all(isinstance(d, str) for d in deleted):
            raise ServerError("the server's job changes do not follow docs/api.md "
                              "(rev, jobs, deleted)")
        return JobChanges(rev, self._summaries(jobs), list(deleted), body.get("full") is True,
                          response.headers.get("etag"))

    def get_job(self, job_id: str) -> JobDefinition:
        body = self._get_json(f"/pm/v1/jobs/{_q(job_id)}")
        if isinstance(body, dict):
            body = {k: v for k, v in body.items() if k not in ("id", "status")}
        return self._parse(JobDefinition, body, "job definition")

    def submit_job(self, job_id: str, definition: JobDefinition) -> None:
        """POST: a new job; ConflictError when the id exists."""
        self._check(self._send("POST", self._url(f"/pm/v1/jobs/{_q(job_id)}"),
                               idempotent=False, json=definition.to_wire()))

    def put_job(self, job_id: str, definition: JobDefinition) -> bool:
        """PUT: create or resubmit; True when it was created (201). ConflictError while
        the job runs."""
        response = self._send("PUT", self._url(f"/pm/v1/jobs/{_q(job_id)}"),
                              idempotent=False, json=definition.to_wire())
        self._check(response, (200, 201))
        return response.status_code == 201

    def job_status(self, job_id: str) -> JobStatus:
        return self._parse(JobStatus, self._get_json(f"/pm/v1/jobs/{_q(job_id)}/status"),
                           "job status")

    def job_status_if_changed(self, job_id: str, etag: str | None
                              ) -> tuple[JobStatus | None, str | None]:
        response = self._send("GET", self._url(f"/pm/v1/jobs/{_q(job_id)}/status"),
                              idempotent=True,
                              headers={"If-None-Match": etag} if etag else None)
        if response.status_code == 304:
            return None, response.headers.get("etag", etag)
        status = self._parse(JobStatus, self._check(response), "job status")
        return status, response.headers.get("etag")

    def delete_jobs(self, job_ids: Sequence[str]) -> int:
        """Deletes (cancelling running ones); returns how many the server deleted.

        Reads PMDesk's {"deleted": N} and a literal server's bare number alike.
        """
        if isinstance(job_ids, str):
            job_ids = [job_ids]
        if not job_ids:
            return 0
        path = "/pm/v1/jobs/" + ",".join(_q(j) for j in job_ids)
        body = self._check(self._send("DELETE", self._url(path), idempotent=False,
                                      timeout=self._transfer_timeout(60.0)))
        return _count(body)

    def download_result(self, job_id_or_status: str | JobStatus, dest: Path,
                        progress: Progress | None = None,
                        cancel: threading.Event | None = None) -> Path:
        """Fetches the status's dataUrl (the zip of every generated file) to `dest`."""
        status = (self.job_status(job_id_or_status) if isinstance(job_id_or_status, str)
                  else job_id_or_status)
        if not status.dataUrl:
            raise NotFoundError(f"the job has no result to download (it is "
                                f"{status.jobStatus.value})")
        url = status.dataUrl
        parts = urlsplit(url)
        if parts.scheme:
            own = urlsplit(self.base_url)
            same = (parts.scheme, parts.netloc) == (own.scheme, own.netloc)
            # the key goes only to our own server, and only if the URL lacks one already
            with_key = same and "accesskey=" not in (parts.query or "").lower()
        else:
            url = self._url(url if url.startswith("/") else f"/{url}")
            with_key = "accesskey=" not in (parts.query or "").lower()
        return self._download(url, Path(dest), progress, cancel, with_key=with_key)


def _count(body: Any) -> int:
    if isinstance(body, bool):
        raise ServerError("the server's DELETE answer holds no count")
    if isinstance(body, int):
        return body
    if isinstance(body, str) and body.strip().isdigit():
        return int(body)
    if isinstance(body, dict):
        for key in ("deleted", "count", "number", "deletedCount"):
            value = body.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                return value
        match = re.search(r"\d+", str(body.get("message", "")))
        if match:
            return int(match.group())
    raise ServerError("the server's DELETE answer holds no count")
