"""Set-up for the stream reader tests: Qt offscreen and the real Modeler fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from helpers.server import LiveServer
from helpers.streams import REAL_STREAMS, fixture_path


@pytest.fixture(scope="module")
def server(shared_server: LiveServer) -> LiveServer:
    """The module's live `pmdesk serve` (modules needing other settings define their own)."""
    return shared_server


@pytest.fixture(params=REAL_STREAMS)
def real_stream(request: pytest.FixtureRequest) -> Path:
    return fixture_path(request.param)
