"""GET /pm/v1/cluster (addition): where this service runs its jobs, and in what state."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter

from pmdesk.service.deps import InstanceDep, ServiceDep
from pmdesk.service.errors import COMMON

router = APIRouter(prefix="/pm/v1/cluster", tags=["cluster"], responses=COMMON)


@router.get("", summary="Addition: the executor running this service's jobs (the embedded "
                        "worker processes, or the Dask cluster's scheduler and workers)")
async def cluster_state(service: ServiceDep, inst: InstanceDep) -> Any:
    # the executor answers from what it holds (no network call), but it takes locks the
    # dispatcher holds while it writes: off the event loop
    return await asyncio.to_thread(service.pool.cluster_state)
