"""Issue 14 item 6: a dead URL and a wrong key are told apart and explained, the banner
offers "Edit server…", the Servers dialog opens on the current server and tests a
connection. Real windows against a real `pmdesk serve` (or a port where nothing listens)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from helpers.server import free_port
from PySide6.QtCore import QTimer

pytestmark = pytest.mark.gui


def open_on(qtbot: Any, make_ctx: Any, url: str, key: str, name: str = "Office") -> Any:
    from pmdesk.desktop.main_window import MainWindow
    from pmdesk.desktop.servers import ProfileStore, ServerProfile

    ctx = make_ctx()
    store = ProfileStore(ctx.settings, ctx.secrets)
    store.save([ServerProfile(name, url)])
    store.current_name = name
    ctx.secrets.set("server", name, key)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def test_dead_url_says_so_instead_of_loading_forever(qtbot: Any, make_ctx: Any) -> None:
    window = open_on(qtbot, make_ctx, f"http://127.0.0.1:{free_port()}", "some-key")
    qtbot.waitUntil(lambda: window.connection_state == "error", timeout=30_000)
    note = window.jobs.empty_label.text()
    assert note.startswith("Cannot load the jobs:") and "Cannot reach" in note
    assert "retrying" in window.connection_label.text()
    assert window.banner.isVisible() and window.banner.edit_button.isVisible()
    window.close()


def test_wrong_key_is_not_retried_and_edit_server_fixes_it(qtbot: Any, make_ctx: Any,
                                                           live_server: Any) -> None:
    window = open_on(qtbot, make_ctx, live_server.url, "not-the-key")
    problems: list[int] = []
    window.jobs.connectionProblem.connect(lambda _m, ms: problems.append(ms))
    qtbot.waitUntil(lambda: window.connection_state == "error", timeout=30_000)
    assert "refused the access key" in window.connection_label.text()
    assert "retrying" not in window.connection_label.text()
    assert "refused the access key" in window.banner.label.text()
    qtbot.waitUntil(lambda: bool(problems), timeout=10_000)
    seen = len(problems)
    deadline = time.monotonic() + 3  # six poll intervals of 0.5 s: none may come
    while time.monotonic() < deadline:
        qtbot.wait(100)
    assert len(problems) == seen and problems[-1] < 0
    assert window.banner.edit_button.isVisible()

    def fix_key() -> None:
        dialog = window.servers_dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, fix_key)
            return
        assert dialog.list.currentItem().text() == "Office"  # the current server
        assert dialog.url.text() == live_server.url
        dialog.key.setText(live_server.key)
        dialog.key.textEdited.emit(live_server.key)
        dialog.test_connection()

        def saved_after_test() -> None:
            if dialog.test_task is not None and not dialog.test_task.done:
                QTimer.singleShot(50, saved_after_test)
                return
            results.append(dialog.test_result.text())
            dialog.save()

        saved_after_test()

    results: list[str] = []
    QTimer.singleShot(50, fix_key)
    window.banner.edit_button.click()  # runs the dialog until fix_key saves it
    assert results and results[0].startswith("The server answered and accepted the key.")
    qtbot.waitUntil(lambda: window.connection_state == "ok", timeout=30_000)
    assert not window.banner.isVisible()
    window.close()


def test_servers_dialog_tests_a_dead_address(qtbot: Any, make_ctx: Any) -> None:
    from pmdesk.desktop.servers import ProfileStore, ServerProfile
    from pmdesk.desktop.servers_dialog import ServersDialog

    ctx = make_ctx()
    store = ProfileStore(ctx.settings, ctx.secrets)
    store.save([ServerProfile("A", "http://127.0.0.1:1"),
                ServerProfile("B", f"http://127.0.0.1:{free_port()}")])
    ctx.secrets.set("server", "B", "k")
    dialog = ServersDialog(store, ctx.secrets, current="B")
    qtbot.addWidget(dialog)
    assert dialog.list.currentItem().text() == "B"
    task = dialog.test_connection()
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=30_000)
    assert dialog.test_result.text().startswith("Cannot reach the server")
    assert dialog.test_button.isEnabled()
    dialog.list.setCurrentRow(0)  # Local, not running here: nothing to test
    assert not dialog.test_button.isEnabled()
    dialog.reject()


def test_cluster_state_in_words() -> None:
    """GET /pm/v1/cluster answers (as the executors' service sends them) in words."""
    from pmdesk.desktop.servers_dialog import cluster_words

    embedded = {"executor": "embedded", "workers": [
        {"pid": 1, "state": "idle", "jobsRun": 3}, {"pid": 2, "state": "busy", "jobsRun": 1}],
        "runningJobs": 1}
    text = cluster_words(embedded)
    assert "embedded" in text and "2 worker(s) (1 busy, 1 idle)" in text
    assert "1 job(s) running" in text
    dask = {"executor": "dask", "scheduler": "tcp://10.0.0.5:8786", "workers": 4,
            "message": "waiting for the scheduler"}
    text = cluster_words(dask)
    assert "tcp://10.0.0.5:8786" in text and "4 worker(s)" in text
    assert "waiting for the scheduler" in text
