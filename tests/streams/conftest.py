"""Shared set-up for the stream reader tests: Qt offscreen and the real Modeler fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared/fixtures/modeler-streams"
REAL_STREAMS = ("Drug1n.str", "german_credit_risk_tutorial.str",
                "financial-performance-prediction.str")


def fixture_path(name: str) -> Path:
    path = FIXTURES / name
    if not path.is_file():
        pytest.skip(f"real Modeler stream {name} not found in {FIXTURES} (no ../shared checkout)")
    return path


@pytest.fixture(params=REAL_STREAMS)
def real_stream(request: pytest.FixtureRequest) -> Path:
    return fixture_path(request.param)
