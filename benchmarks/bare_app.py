"""The baseline of the service benchmark: the smallest FastAPI app on the same server stack.

It answers the same paths as the status and list calls with a small constant JSON body, so
the gap between it and `pmdesk serve` is what PMDesk's own code costs per request.
"""

from __future__ import annotations

from fastapi import FastAPI

app = FastAPI()
_STATUS = {"jobStatus": "SUCCESS", "submitted": "2026-01-01T00:00:00Z", "message": "done"}


@app.get("/pm/v1/jobs/{job_id}/status")
async def status(job_id: str) -> dict[str, str]:
    return _STATUS


@app.get("/pm/v1/jobs")
async def jobs() -> list[dict[str, str]]:
    return [{"id": "j1", "action": "RUN_STREAM"}]


@app.get("/pm/v1/file")
async def files() -> list[str]:
    return []
