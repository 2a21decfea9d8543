"""What `pmdesk serve` was started with, shared by the app, the routes and the worker pool."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_UPLOAD_MB = 4096


@dataclass(frozen=True)
class ServiceConfig:
    data_dir: Path
    access_keys: tuple[str, ...]
    named_keys: tuple[tuple[str, str], ...] = ()  # (instance name, key): see instances.py
    workers: int = 2
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * 1024 * 1024
    seed_samples: bool = False
    # Test-only (env PMDESK_TEST_JOB_DELAY): seconds every job waits before the engine runs,
    # so tests can observe RUNNING and cancel it. Never set in production.
    test_job_delay: float = 0.0
    # Where jobs may open SQLite files (see sqlite_access.py): None = anywhere but the
    # service's own files (loopback); per access key, from PMDESK_SQLITE_ROOTS_BY_KEY.
    sqlite_roots: tuple[Path, ...] | None = None
    sqlite_roots_by_key: tuple[tuple[str, tuple[Path, ...]], ...] = ()
    extra: dict[str, str] = field(default_factory=dict)
