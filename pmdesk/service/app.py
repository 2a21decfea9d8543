"""The FastAPI application: shared state, access-key check, JSON errors everywhere.

Every error answer is a JSON object with a person-readable `message` (and `"flag": false`,
the original's failure shape) - never an HTML page or a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from pmdesk import __version__
from pmdesk.api.ids import id_problem
from pmdesk.service.config import ServiceConfig
from pmdesk.service.crypto import SecretBox
from pmdesk.service.filestore import FileStore
from pmdesk.service.instances import Instance, Instances
from pmdesk.service.jobsdb import JobsDB, now_iso
from pmdesk.service.pool import WorkerPool

log = logging.getLogger("pmdesk.service")

DB_FILE = "jobs.sqlite3"


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error_response(status: int, message: str, headers: dict[str, str] | None = None
                   ) -> JSONResponse:
    return JSONResponse({"flag": False, "message": message}, status_code=status,
                        headers=headers)


@dataclass
class Service:
    config: ServiceConfig
    instances: Instances
    files: FileStore
    db: JobsDB
    box: SecretBox
    pool: WorkerPool
    # instance ns -> (rev, the rendered GET /pm/v1/jobs body at that rev); see routes_jobs
    list_cache: dict[str, tuple[int, bytes]] = field(default_factory=dict)

    @classmethod
    def open(cls, config: ServiceConfig) -> Service:
        data_dir = config.data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        instances = Instances(data_dir, config.access_keys, config.named_keys)
        files = FileStore()
        db = JobsDB(data_dir / DB_FILE)
        recovered = db.recover(f"the service stopped while this job was running (restart at "
                               f"{now_iso()}); resubmit it")
        if recovered:
            log.warning("%d job(s) were running when the service last stopped: now FAILED",
                        recovered)
        box = SecretBox.for_data_dir(data_dir)
        pool = WorkerPool(config.workers, data_dir, db, files, instances,
                          test_delay=config.test_job_delay, options=config.extra)
        return cls(config, instances, files, db, box, pool)


# Both dependencies are async (no blocking work: a dict and an HMAC): a plain def would
# cost each request two hops through the thread pool.
async def get_service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


async def get_instance(
    request: Request,
    accesskey: Annotated[str | None, Query(description="the instance's access key")] = None,
) -> Instance:
    """The instance of the access key; 401 without a key or with one this service lacks."""
    if not accesskey:
        raise ApiError(401, "an access key is required: add ?accesskey=KEY to the URL")
    inst = (await get_service(request)).instances.lookup(accesskey)
    if inst is None:
        raise ApiError(401, "the access key is not valid for this service")
    return inst


InstanceDep = Annotated[Instance, Depends(get_instance)]
ServiceDep = Annotated[Service, Depends(get_service)]


def checked_id(value: str, kind: str) -> str:
    problem = id_problem(value, kind)
    if problem:
        raise ApiError(400, problem)
    return value


def create_app(config: ServiceConfig) -> FastAPI:
    from pmdesk.service import routes_cluster, routes_files, routes_jobs
    from pmdesk.service.seed import seed_samples

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service = Service.open(config)
        app.state.service = service
        if config.seed_samples:
            try:
                seed_samples(service)
            except Exception:  # the service is still useful without its samples
                log.exception("--seed-samples failed; starting without the samples")
        service.pool.start()
        log.info("serving %d instance(s) from %s with %d worker process(es)",
                 len(service.instances.all()), config.data_dir, service.pool.size)
        try:
            yield
        finally:
            service.pool.stop()
            service.db.close()

    app = FastAPI(
        title="PMDesk batch job service",
        version=__version__,
        description="The /pm/v1 batch job API of IBM SPSS Modeler batch jobs; see docs/api.md.",
        lifespan=lifespan,
        docs_url=None,  # the Swagger page loads scripts from the internet; /openapi.json stays
        redoc_url=None,
        redirect_slashes=False,
    )
    app.include_router(routes_files.router)
    app.include_router(routes_jobs.router)
    app.include_router(routes_cluster.router)

    def openapi() -> dict[str, Any]:
        """FastAPI's document plus the job definition schema the routes read by hand."""
        if app.openapi_schema is None:
            doc = get_openapi(title=app.title, version=app.version,
                              description=app.description, routes=app.routes)
            doc.setdefault("components", {}).setdefault("schemas", {}).update(
                routes_jobs.SCHEMA_DEFS)
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"{request.method} {request.url.path} is not a call of this API"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(exc.status_code, message, dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path"))
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return error_response(400, "invalid request: " + "; ".join(parts))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return error_response(500, f"the service failed on this request "
                                   f"({type(exc).__name__}); the server log has the details")

    return app
