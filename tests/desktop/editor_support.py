"""Shared set-up of the editor and profile tests: a real AppContext on a real service.

Imported by tests/desktop/test_editor_*.py and test_profiles_*.py (this is not a conftest,
which the shell engineer owns). Test modules import the fixtures as `*_fixture`; pytest
knows them by their `name=`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from pmdesk.desktop.secrets import SecretStore


def editor_ctx(tmp_path: Path, server: Any = None) -> Any:
    from pmdesk.desktop.context import AppContext

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(settings, SecretStore())
    if server is not None:
        ctx.set_server("test", server.url, lambda: server.key)
    return ctx


@pytest.fixture(name="isolated")
def isolated_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Caches and configs in tmp_path; every worker finished before the test ends."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    yield tmp_path
    wait_for_workers()


def wait_for_workers() -> None:
    from superqt.utils._qthreading import WorkerBase

    WorkerBase.await_workers(30_000)
    QThreadPool.globalInstance().waitForDone(30_000)
    QApplication.processEvents()


@pytest.fixture(name="no_keyring")
def no_keyring_fixture() -> Iterator[None]:
    """Fault injection: a machine without any keyring backend (nothing else can produce it
    on a desktop that has one). keyring's own `fail.Keyring` is what keyring itself picks
    there."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def real_secret_service() -> bool:
    backend = keyring.get_keyring()
    name = type(backend).__module__ + "." + type(backend).__name__
    if isinstance(backend, fail.Keyring) or (
            "SecretService" not in name and "chainer" not in name.lower()):
        return False
    try:
        keyring.set_password("PMDesk-test", "probe", "x")
        keyring.delete_password("PMDesk-test", "probe")
    except Exception:
        return False
    return True


def click_box_button(box: QWidget | None, button: QMessageBox.StandardButton) -> None:
    assert isinstance(box, QMessageBox), f"expected a question, got {box!r}"
    box.button(button).click()


def upload_stream(server: Any, file_id: str, content: bytes = b"not really a stream") -> None:
    """Puts a file on the service the way any client does (multipart `model_file`)."""
    response = server.request("PUT", f"/pm/v1/file/{file_id}",
                              files={"model_file": (file_id, content)})
    assert response.status_code == 200, response.text
