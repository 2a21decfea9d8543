"""Servers: the embedded local service, a server that goes down and comes back, profiles."""

from __future__ import annotations

import socket
import threading
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.gui


def test_local_profile_starts_the_embedded_service_with_samples(
        qtbot: Any, make_ctx: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from pmdesk.desktop.main_window import MainWindow

    ctx = make_ctx()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.server_combo.currentData() == "Local"
    qtbot.waitUntil(lambda: window.connection_state == "ok", timeout=90_000)
    assert window.connection_label.text().startswith("Connected to Local")
    pid = window.local.pid
    assert pid is not None
    # the key travels in the environment, never on the command line
    assert window.local.args and window.local.key not in " ".join(window.local.args)
    assert window.local.key.encode() not in Path(f"/proc/{pid}/cmdline").read_bytes()
    assert (tmp_path / "local-data").is_dir()
    qtbot.waitUntil(lambda: window.streams.stream_ids_listed() != [], timeout=30_000)
    assert "drug.pmstream" in window.streams.stream_ids_listed()
    assert ctx.samples_dir == tmp_path / "local-data" / "samples"
    first_key = window.local.key

    # The service dies (out of memory, killed by someone): PMDesk says so and restarts it.
    import os
    import signal

    from pmdesk.service.lifetime import pid_alive

    os.kill(pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: window.connection_state == "error", timeout=30_000)
    assert window.banner.isVisible() and "restarting it" in window.banner.label.text()
    assert "local service stopped" in caplog.text  # expected: logged as a WARNING
    qtbot.waitUntil(lambda: window.connection_state == "ok", timeout=90_000)
    pid = window.local.pid
    assert pid is not None
    window.close()  # no job runs: the service stops with the window
    assert window.local.pid is None and not pid_alive(pid)

    # A second start uses a new key (none is ever stored), yet the local instance follows
    # its name, so the streams of the earlier session are still there.
    again = MainWindow(make_ctx())
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.connection_state == "ok", timeout=90_000)
    assert again.local.key != first_key
    assert not any(first_key in f.read_text(errors="ignore")
                   for f in (tmp_path / "local-data").rglob("*") if f.is_file()
                   and f.stat().st_size < 1_000_000)
    qtbot.waitUntil(lambda: "drug.pmstream" in again.streams.stream_ids_listed(),
                    timeout=30_000)
    again.close()


def test_server_down_is_explained_and_recovers(qtbot: Any, window_on: Any,
                                               live_server: Any) -> None:
    window = window_on(live_server)
    assert not window.banner.isVisible()
    live_server.kill()
    qtbot.waitUntil(lambda: window.connection_state == "error", timeout=30_000)
    assert window.banner.isVisible()
    assert "does not answer properly" in window.banner.label.text()
    assert "Cannot reach" in window.connection_label.text()
    live_server.start()  # same port, same data
    qtbot.waitUntil(lambda: window.connection_state == "ok", timeout=90_000)
    assert not window.banner.isVisible()


class GarbageServer:
    """A fault nothing real produces on demand: a 'server' answering non-HTTP bytes."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.key = "garbage"
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, name="garbage-server")
        self.thread.start()

    def serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             b"Content-Length: 9\r\nConnection: close\r\n\r\n{garbage!")

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.sock.close()


def test_garbage_answers_are_explained(qtbot: Any, make_ctx: Any) -> None:
    from pmdesk.desktop.main_window import MainWindow
    from pmdesk.desktop.servers import ProfileStore, ServerProfile

    garbage = GarbageServer()
    try:
        ctx = make_ctx()
        store = ProfileStore(ctx.settings, ctx.secrets)
        store.save([ServerProfile("Odd", garbage.url)])
        store.current_name = "Odd"
        ctx.secrets.set("server", "Odd", garbage.key)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.connection_state == "error", timeout=30_000)
        assert window.banner.isVisible()
        assert "Traceback" not in window.banner.label.text()
        window.close()
    finally:
        garbage.close()


def test_switching_profiles_from_the_toolbar(qtbot: Any, window_on: Any,
                                             server_factory: Any) -> None:
    from pmdesk.desktop.servers import ProfileStore, ServerProfile

    first = server_factory()
    second = server_factory()
    second.client().submit_job  # noqa: B018  (the client is importable)
    window = window_on(first, name="First")
    store = ProfileStore(window.ctx.settings, window.ctx.secrets)
    store.save([ServerProfile("First", first.url), ServerProfile("Second", second.url)])
    window.ctx.secrets.set("server", "Second", second.key)
    window.reload_profiles()
    assert [window.server_combo.itemData(i) for i in range(window.server_combo.count())] == [
        "Local", "First", "Second"]
    window.server_combo.setCurrentIndex(2)
    window.server_combo.activated.emit(2)
    assert window.ctx.server_url == second.url
    qtbot.waitUntil(lambda: window.connection_state == "ok", timeout=30_000)
    assert "Second" in window.connection_label.text()
    assert store.current_name == "Second"


def test_a_service_left_by_a_killed_session_is_stopped(
        qtbot: Any, make_ctx: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    import os
    import subprocess
    import sys

    from pmdesk.desktop.main_window import MainWindow
    from pmdesk.desktop.servers import PID_FILE, free_port

    folder = tmp_path / "local-data"
    folder.mkdir()
    # What a PMDesk killed with -9 leaves behind: its service, still running, and the pid file.
    orphan = subprocess.Popen(
        [sys.executable, "-m", "pmdesk", "serve", "--host", "127.0.0.1", "--port",
         str(free_port()), "--data-dir", str(folder)],
        env={**os.environ, "PMDESK_ACCESS_KEYS": "orphan-key"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        (folder / PID_FILE).write_text(str(orphan.pid))
        window = MainWindow(make_ctx())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.connection_state == "ok", timeout=90_000)
        assert orphan.wait(30) is not None
        assert "left running by an earlier session" in caplog.text  # a WARNING, expected
        pid = window.local.pid
        assert pid is not None and (folder / PID_FILE).read_text() == str(pid)
        window.close()
        assert not (folder / PID_FILE).exists()
    finally:
        if orphan.poll() is None:
            orphan.kill()
            orphan.wait()


def test_servers_dialog_adds_a_profile_with_its_key(qtbot: Any, make_ctx: Any) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from pmdesk.desktop.servers import ProfileStore
    from pmdesk.desktop.servers_dialog import ServersDialog

    ctx = make_ctx()
    store = ProfileStore(ctx.settings, ctx.secrets)
    dialog = ServersDialog(store, ctx.secrets)
    qtbot.addWidget(dialog)
    assert not dialog.name.isEnabled()  # the Local profile is not editable
    dialog.add()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled() and "address" in dialog.problem.text()
    qtbot.keyClicks(dialog.url, "server.example.com:8443")  # appended to the "https://"
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Production")
    assert not save.isEnabled() and "access key" in dialog.problem.text()
    qtbot.keyClicks(dialog.key, "s3cret")
    assert save.isEnabled(), dialog.problem.text()
    save.click()
    assert [(p.name, p.url) for p in store.profiles()] == [
        ("Local", ""), ("Production", "https://server.example.com:8443")]
    assert ctx.secrets.get("server", "Production") == "s3cret"
    assert "s3cret" not in (Path(ctx.settings.fileName()).read_text())
