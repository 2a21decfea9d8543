"""The FastAPI application, assembled: routers, error handlers, the OpenAPI document.

Nothing else lives here (routes import deps.py and errors.py, never this module), as in
FastAPI's full-stack template. A new router goes into ROUTERS; the fallback router, whose
catch-all paths explain ids holding '/', stays last so it never shadows a real call.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.openapi.utils import get_openapi

from pmdesk import __version__
from pmdesk.service import (
    routes_cluster,
    routes_fallback,
    routes_files,
    routes_jobs,
    routes_runs,
    routes_schedules,
)
from pmdesk.service.config import ServiceConfig
from pmdesk.service.errors import install_error_handlers
from pmdesk.service.fastpath import StatusFastPath
from pmdesk.service.scheduler import Scheduler
from pmdesk.service.seed import seed_samples
from pmdesk.service.state import Service

log = logging.getLogger("pmdesk.service")

ROUTERS: tuple[APIRouter, ...] = (
    routes_jobs.router,  # first: its status call is what every client polls
    routes_files.router,
    routes_runs.router,  # additions
    routes_schedules.router,
    routes_cluster.router,
    routes_fallback.router,  # keep last: catch-all paths
)


def create_app(config: ServiceConfig) -> FastAPI:
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
        app.state.scheduler = Scheduler(service).start()  # issue 15: schedules, retention
        log.info("serving %d instance(s) from %s with %d worker process(es)",
                 len(service.instances.all()), config.data_dir, service.pool.size)
        try:
            yield
        finally:
            app.state.scheduler.stop()
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
    for router in ROUTERS:
        app.include_router(router)
    install_error_handlers(app, ROUTERS)
    # the status poll answered from its cache before routing (fastpath.py); the route
    # (routes_jobs.job_status) still answers everything else and documents the call
    app.add_middleware(StatusFastPath)

    def openapi() -> dict[str, Any]:
        """FastAPI's document plus the job definition schema the routes read by hand."""
        if app.openapi_schema is None:
            doc = get_openapi(title=app.title, version=app.version,
                              description=app.description, routes=app.routes)
            doc.setdefault("components", {}).setdefault("schemas", {}).update(
                routes_jobs.SCHEMA_DEFS)
            for operations in doc.get("paths", {}).values():
                for operation in operations.values():
                    # invalid parameters answer 400 (errors.py), never FastAPI's 422
                    operation.get("responses", {}).pop("422", None)
            for unused in ("HTTPValidationError", "ValidationError"):
                doc["components"]["schemas"].pop(unused, None)
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
