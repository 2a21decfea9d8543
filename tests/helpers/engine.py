"""Types shared by the engine tests (their fixtures are in tests/engine/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable

from pmdesk.engine import JobOutcome

# The `run` fixture: run("BATCH_SCORE", change=lambda job: ...) -> JobOutcome
Runner = Callable[..., JobOutcome]
