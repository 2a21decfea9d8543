"""Desktop test set-up: a private config and data dir per test, no OS keyring, and checks
that fail a test which leaves a window open, a QTimer or QThread running, or makes Qt warn.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Qt messages that say nothing about our code (the offscreen platform's limits).
ALLOWED_QT_MESSAGES = (
    "This plugin does not support",
    "QFont::",
    "propagateSizeHints",
    "Populating font family aliases",
    "QSystemTrayIcon::setVisible: No Icon set",
    "The cached device pixel ratio value was stale",
)


@pytest.fixture(autouse=True)
def _private_dirs(request: pytest.FixtureRequest, tmp_path: Path,
                  monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Settings and local data in tmp_path; the shell's tests also get no OS keyring (the
    keyring round trips are the editor's tests), so they never touch a real one."""
    monkeypatch.setenv("PMDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("PMDESK_DATA_DIR", str(tmp_path / "local-data"))
    if not request.path.name.startswith("test_shell_"):
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
    from pmdesk.desktop.workers import TaskRunner

    busy = [r for r in _live_qt_objects(TaskRunner) if r.pool.activeThreadCount()]
    if busy:
        problems.append(f"background tasks left running: "
                        f"{[t.name for r in busy for t in r.active]}")
    if problems:
        pytest.fail("; ".join(problems))


@pytest.fixture(autouse=True)
def _qt_warnings_fail(request: pytest.FixtureRequest) -> Iterator[None]:
    """Like qutebrowser's logfail: an unexpected Qt warning fails the test."""
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


@pytest.fixture
def make_ctx(tmp_path: Path, qapp: Any) -> Callable[[], Any]:
    """An AppContext on this test's settings file and a memory-only SecretStore."""
    from PySide6.QtCore import QSettings

    from pmdesk.desktop.context import AppContext
    from pmdesk.desktop.secrets import SecretStore

    def make() -> Any:
        settings = QSettings(str(tmp_path / "config" / "pmdesk.ini"), QSettings.Format.IniFormat)
        if settings.value("jobs/poll_seconds") is None:
            settings.setValue("jobs/poll_seconds", 0.5)  # the shortest the settings allow
        return AppContext(settings, SecretStore())

    return make


@pytest.fixture
def window_on(qtbot: Any, make_ctx: Callable[[], Any]) -> Iterator[Callable[..., Any]]:
    """Opens the main window on a remote profile pointing at a LiveServer, connected."""
    from pmdesk.desktop.main_window import MainWindow
    from pmdesk.desktop.servers import ProfileStore, ServerProfile

    opened: list[Any] = []

    def open_window(server: Any, name: str = "Test server") -> Any:
        ctx = make_ctx()
        store = ProfileStore(ctx.settings, ctx.secrets)
        store.save([ServerProfile(name, server.url)])
        store.current_name = name
        ctx.secrets.set("server", name, server.key)
        window = MainWindow(ctx)
        opened.append(window)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.connection_state == "ok", timeout=30_000)
        return window

    yield open_window
    for w in opened:
        w.close()
