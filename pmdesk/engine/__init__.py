"""PMDesk's local stream engine: executes the five job actions on open-format streams."""

from __future__ import annotations

from pmdesk.engine.run import EngineError, JobOutcome, run_job

__all__ = ["EngineError", "JobOutcome", "run_job"]
