"""The service's error answers: one exception for the routes, one JSON shape for every error.

Every error answer is a JSON object with a person-readable `message` (and `"flag": false`,
the original's failure shape) - never an HTML page or a traceback. A 500 also says
`Connection: close`: the server drops the connection after it, and a client reusing the
connection must know (issue 11 item 4).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute, Match

from pmdesk.api.models import describe_validation_error

log = logging.getLogger("pmdesk.service")


class ApiError(Exception):
    """Raised by routes and dependencies; answered as `status` with `message`."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None
                 ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


class ErrorBody(BaseModel):
    """Every error answer."""

    flag: bool = False
    message: str


DESCRIPTIONS = {
    201: "Created",
    304: "Not modified: If-None-Match names the current ETag",
    400: "Bad request: the message says what is wrong (invalid id, body or parameter)",
    401: "No access key, or one this service does not have",
    404: "No such file, job, version or result (of this access key)",
    409: "The job exists already (POST), or runs and cannot be changed (PUT)",
    413: "The body is larger than this service accepts",
}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for a route: the codes it answers besides 200."""
    out: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        out[code] = {"description": DESCRIPTIONS[code]}
        if code >= 400:
            out[code]["model"] = ErrorBody
    return out


# every /pm/v1 call: a bad id or parameter, and the access key
COMMON = responses(400, 401)


def error_response(status: int, message: str, headers: dict[str, str] | None = None
                   ) -> JSONResponse:
    headers = dict(headers or {})
    if status >= 500:
        headers["Connection"] = "close"
    return JSONResponse({"flag": False, "message": message}, status_code=status,
                        headers=headers)


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message, exc.headers)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    message = str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = f"{request.method} {request.url.path} is not a call of this API"
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}"
        headers["Allow"] = ", ".join(_allowed(request, request.app.state.api_routes))
    return error_response(exc.status_code, message, headers)


def _allowed(request: Request, routes: Sequence[BaseRoute]) -> list[str]:
    """Every method some route takes on this path (Starlette names only the first
    route's, though several routes often share one path)."""
    methods: set[str] = set()
    for route in routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match is not Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = describe_validation_error(exc.errors(), root="request", skip=("query", "path"))
    return error_response(400, "invalid request: " + detail)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return error_response(500, f"the service failed on this request "
                               f"({type(exc).__name__}); the server log has the details")


def install_error_handlers(app: FastAPI, routers: Sequence[APIRouter]) -> None:
    """Error answers for `app`; `routers` are its routers (a 405's Allow lists the methods
    of all their routes on the path)."""
    app.state.api_routes = [route for router in routers for route in router.routes]
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(Exception, _unexpected)
