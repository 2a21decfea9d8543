"""Shared test set-up: Qt offscreen, the live service fixtures, and leak checks.

A test fails when it leaves a thread running (napari's conftest does the same): background
work that outlives its window is exactly the bug users meet as a hang on exit.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from helpers.server import *  # noqa: F403  (live_server, server_factory fixtures)


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 5.0
    while True:
        leaked = [
            t for t in threading.enumerate()
            if t not in before and t.is_alive() and not t.daemon
            and not t.name.startswith(("asyncio_", "ThreadPoolExecutor", "QueueFeederThread"))
        ]
        if not leaked or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert not leaked, f"test left threads running: {[t.name for t in leaked]}"
