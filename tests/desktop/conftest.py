"""Desktop test set-up: a private config and data dir per test, an AppContext, a window on
a live server. The checks for leaked windows, timers, threads and pool work, and for Qt
warnings, are in tests/conftest.py so they cover Qt tests in every folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings and local data in tmp_path."""
    monkeypatch.setenv("PMDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("PMDESK_DATA_DIR", str(tmp_path / "local-data"))


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
