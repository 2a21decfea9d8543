"""Runs real SPSS Modeler streams (.str): the plan `pmdesk.streams.modeler.plan` reads,
executed on the job's tables (BATCH_SCORE and EVALUATION); see docs/modeler-streams.md."""

from __future__ import annotations

from pmdesk.engine.modeler.check import submit_problems
from pmdesk.engine.modeler.execute import run_plan

__all__ = ["run_plan", "submit_problems"]
