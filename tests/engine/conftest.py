"""Fixtures of the engine tests: the real samples (`pmdesk samples`) in a fresh folder."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers.engine import Runner

from pmdesk.api.models import JobDefinition
from pmdesk.engine import JobOutcome, run_job
from pmdesk.engine.samples import STREAM_FILE, write_samples


@pytest.fixture(scope="session")
def samples_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Written once per session (training the sample's tree takes a moment)."""
    folder = tmp_path_factory.mktemp("samples-template")
    write_samples(folder)
    return folder


@pytest.fixture
def samples(samples_template: Path, tmp_path: Path) -> Path:
    """A private copy, with every job definition pointing at the copy's database."""
    folder = tmp_path / "samples"
    shutil.copytree(samples_template, folder)
    for job in folder.glob("*.json"):
        data = json.loads(job.read_text())
        for db in data["dbDefinitions"].values():
            db["db"] = str(folder / "samples.db")
        job.write_text(json.dumps(data))
    return folder




@pytest.fixture
def run(samples: Path, tmp_path: Path) -> Runner:
    """run("BATCH_SCORE", change=lambda job: ...) runs a sample job on the sample stream."""
    counter = iter(range(1000))

    def runner(
        action: str,
        change: Callable[[dict[str, Any]], None] | None = None,
        stream: Path | None = None,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> JobOutcome:
        data = copy.deepcopy(json.loads((samples / f"{action}.json").read_text()))
        if change is not None:
            change(data)
        out = tmp_path / f"out-{action}-{next(counter)}"
        return run_job(JobDefinition.parse(data), stream or samples / STREAM_FILE, out, progress)

    return runner
