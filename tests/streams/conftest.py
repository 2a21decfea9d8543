"""Set-up for the stream reader tests: Qt offscreen and the real Modeler fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from helpers.streams import REAL_STREAMS, fixture_path


@pytest.fixture(params=REAL_STREAMS)
def real_stream(request: pytest.FixtureRequest) -> Path:
    return fixture_path(request.param)
