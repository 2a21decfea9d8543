"""Shared test set-up for every test folder: Qt offscreen, the live service fixtures, and
checks that fail a test for what users would meet as a hang or a silent problem.

A test fails when it
- leaves a thread running, or background work on any QThreadPool (napari patches
  `QThreadPool.start` the same way): work that outlives its window hangs the exit;
- leaves a window open, or a QTimer or QThread running;
- makes Qt print a warning, or logs an unexpected WARNING from pmdesk (qutebrowser's
  logfail; a test that expects one takes `caplog` and checks it);
- drops a socket, file or subprocess unclosed: pyproject's filterwarnings make its
  ResourceWarning an error, which pytest reports (as PytestUnraisableExceptionWarning when
  a finaliser raised it) at the end of the test (tests/api/test_leak_guard.py checks this).
Warnings raised by pmdesk code are errors (pyproject's filterwarnings). Without the
`keyring` marker a test sees no OS keyring, so it never touches the real one.
Helpers for tests live in the `helpers` package (tests/helpers), never in a conftest.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from helpers.server import *  # noqa: F403  (live_server, server_factory fixtures)

# Qt messages that say nothing about our code (the offscreen platform's limits).
ALLOWED_QT_MESSAGES = (
    "This plugin does not support",
    "QFont::",
    "propagateSizeHints",
    "Populating font family aliases",
    "QSystemTrayIcon::setVisible: No Icon set",
    "The cached device pixel ratio value was stale",
)


# tests that open sockets to a live service (or Qt objects holding clients in cycles)
_SOCKET_FIXTURES = frozenset({"qapp", "qtbot", "live_server", "server_factory",
                              "shared_server"})


@pytest.fixture(autouse=True)
def _resource_leaks_blamed_here(request: pytest.FixtureRequest) -> Iterator[None]:
    """Defined first, so it tears down last: a socket held in a reference cycle (a Qt
    wrapper, a closure on a signal) goes now, and its ResourceWarning fails this test, not
    whichever later test the garbage collector happens to run in."""
    yield
    if _SOCKET_FIXTURES.intersection(request.fixturenames):
        gc.collect()


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


@pytest.fixture(autouse=True)
def _no_keyring_unless_marked(request: pytest.FixtureRequest) -> Iterator[None]:
    """The real Secret Service only for tests marked `keyring`."""
    if request.node.get_closest_marker("keyring") is not None:
        yield
        return
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("pmdesk"):
            self.records.append(record)


@pytest.fixture(autouse=True)
def _logfail(request: pytest.FixtureRequest) -> Iterator[None]:
    """An unexpected WARNING (or worse) logged by pmdesk fails the test."""
    handler = _Collect()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
    if "caplog" in request.fixturenames or not handler.records:
        return
    pytest.fail("unexpected log records: " + "; ".join(
        f"{r.levelname} {r.name}: {r.getMessage()}" for r in handler.records))


@pytest.fixture(autouse=True)
def _pool_work_ends(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
                    ) -> Iterator[None]:
    """Fails a test that leaves work running on any QThreadPool (napari's conftest)."""
    if "qapp" not in request.fixturenames and "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QThreadPool

    pools: list[Any] = []
    original = QThreadPool.start

    def start(self: QThreadPool, runnable: Any, priority: int = 0) -> None:
        if self not in pools:
            pools.append(self)
        original(self, runnable, priority)

    monkeypatch.setattr(QThreadPool, "start", start)
    yield
    from shiboken6 import isValid

    busy = [p for p in pools if isValid(p) and p.activeThreadCount()]
    for pool in busy:
        pool.waitForDone(30_000)  # so the next test starts clean
    if busy:
        pytest.fail(f"test left work running on {len(busy)} thread pool(s): wait for it "
                    "(e.g. qtbot.waitUntil(lambda: not editor.busy)) or cancel it")


def _live_qt_objects(kind: type) -> list[Any]:
    from shiboken6 import isValid

    found = []
    for obj in gc.get_objects():
        try:
            if isinstance(obj, kind) and isValid(obj):
                found.append(obj)
        except ReferenceError:
            continue
    return found


@pytest.fixture(autouse=True)
def _qt_leaks(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fails a test that leaves top-level windows open or timers/threads running."""
    if "qapp" not in request.fixturenames and "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QThread, QTimer
    from PySide6.QtWidgets import QApplication

    yield
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):
        app.processEvents()
    problems = []
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    if windows:
        problems.append(f"windows left open: {[type(w).__name__ for w in windows]}")
    for w in windows:
        w.close()
    timers = [t for t in _live_qt_objects(QTimer) if t.isActive()]
    if timers:
        problems.append(f"timers left running: {[t.objectName() or repr(t) for t in timers]}")
        for t in timers:
            t.stop()
    threads = [t for t in _live_qt_objects(QThread)
               if t.isRunning() and t is not app.thread()]
    if threads:
        problems.append(f"threads left running: {[t.objectName() for t in threads]}")
    if problems:
        pytest.fail("; ".join(problems))


@pytest.fixture(autouse=True)
def _qt_warnings_fail(request: pytest.FixtureRequest) -> Iterator[None]:
    """Like qutebrowser's logfail for Qt: an unexpected Qt warning fails the test."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    qtlog = request.getfixturevalue("qtlog")
    yield
    from PySide6.QtCore import QtMsgType

    bad = [r.message for r in qtlog.records
           if r.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
           and not any(a in r.message for a in ALLOWED_QT_MESSAGES)]
    if bad:
        pytest.fail(f"unexpected Qt warnings: {bad}")
