"""PMDesk benchmarks (`python -m benchmarks`): see benchmarks/README.md.

Each module holds one benchmark with a `TITLE` and a `run(ctx)` that adds figures to the
context; parts of PMDesk are imported inside `run`, so a part that has not landed yet makes
its benchmark say "not available yet" instead of breaking the others.
"""

from __future__ import annotations

from types import ModuleType

from benchmarks import engine, polling, responsiveness, service, startup, upload

BENCHMARKS: list[tuple[str, ModuleType]] = [
    ("responsiveness", responsiveness),
    ("upload", upload),
    ("polling", polling),
    ("service", service),
    ("engine", engine),
    ("startup", startup),
]
