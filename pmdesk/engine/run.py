"""Entry point the service calls inside a worker process (stub while the engine lands)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pmdesk.api.models import JobDefinition


class EngineError(Exception):
    """A failure whose str is the person-readable FAILED message of the job."""


@dataclass
class JobOutcome:
    files: list[Path]
    refreshed_stream: Path | None = None


Progress = Callable[[int, int | None], None]


def run_job(
    definition: JobDefinition,
    stream_path: Path,
    out_dir: Path,
    progress: Progress | None = None,
) -> JobOutcome:
    raise EngineError("not implemented")
