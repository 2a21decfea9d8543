"""The executor interface: run a prepared job somewhere, report what happens to it.

Outcomes use the worker's messages: ("done", refreshed_stream_path_or_None) or
("failed", message). An executor reports every job it accepted exactly once through
`ended`, also when it was cancelled or its worker died (outcome None, a message saying
why), so the lifecycle never leaves a job RUNNING.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pmdesk.service.worker import WorkerTask

JobKey = tuple[str, str]  # (instance ns, job id)


class ExecutorError(Exception):
    """The executor cannot take the job now; the message says why, for the job's status."""


@dataclass
class PreparedJob:
    key: JobKey
    run_id: str
    run_dir: Path  # on the service's host: where result.zip (and a refreshed stream) land
    task: WorkerTask
    action: str

    def __repr__(self) -> str:
        return f"PreparedJob({self.key!r})"


class ExecutorEvents(Protocol):
    """The lifecycle's side: called from the executor's own threads."""

    def job_started(self, key: JobKey, runs_on: str) -> None: ...

    def job_progress(self, key: JobKey, done: int, total: int | None) -> None: ...

    def job_ended(self, key: JobKey, outcome: tuple[Any, ...] | None, crash: str) -> None: ...

    def wake(self) -> None: ...


class Executor(ABC):
    kind: str = "?"

    @abstractmethod
    def start(self, events: ExecutorEvents) -> None:
        """Starts its workers or connects; jobs are submitted only after this."""

    @abstractmethod
    def free_slots(self) -> int:
        """How many more jobs it would start now (0 while it cannot run any)."""

    @abstractmethod
    def submit(self, job: PreparedJob) -> None:
        """Starts the job; raises ExecutorError when it cannot (the job then FAILS)."""

    @abstractmethod
    def cancel(self, key: JobKey) -> None:
        """Stops the job's work for real, returning once it stopped (at most a few s)."""

    @abstractmethod
    def stop(self) -> None:
        """Stops every job and worker it started; called once, at shutdown."""

    @abstractmethod
    def state(self) -> dict[str, Any]:
        """What GET /pm/v1/cluster shows: JSON-ready, never a secret."""

    def waiting_reason(self) -> str | None:
        """Why PENDING jobs wait although slots are free (a lost scheduler), or None."""
        return None

    def worker_pids(self) -> list[int]:
        """The local processes running jobs (embedded only)."""
        return []
