"""Issue 14 item 1: quitting with jobs running on the local service asks first; the service
may finish them in the background, stops by itself after the last one, and the next start
takes it over. Real windows, the real embedded `pmdesk serve`, the session's real keyring
for the take-over (marked `keyring`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from pmdesk.api.models import JobDefinition, JobState

pytestmark = [pytest.mark.gui, pytest.mark.keyring]  # the hand-over lives in the keyring


@pytest.fixture(autouse=True)
def _no_handover_left() -> Any:
    yield
    from pmdesk.desktop.secrets import SecretStore
    from pmdesk.desktop.servers import LocalService

    SecretStore().delete(*LocalService.HANDOVER)


@pytest.fixture(autouse=True)
def _left_services_end(qtbot: Any) -> Any:
    """A service a test left to finish its jobs has ended by the test's end, and the test
    reaps it (the app's exit would not warn about it: tests/conftest.py would not see it)."""
    yield
    from pmdesk.desktop import servers

    try:
        qtbot.waitUntil(lambda: servers.reap_left_running() == 0, timeout=60_000)
    finally:
        for popen in servers._LEFT_RUNNING:
            popen.kill()
            popen.wait()
        servers._LEFT_RUNNING.clear()


def open_local(qtbot: Any, make_ctx: Any) -> Any:
    from pmdesk.desktop.main_window import MainWindow

    window = MainWindow(make_ctx())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.connection_state == "ok", timeout=90_000)
    return window


def submit_slow(window: Any, tmp_path: Path, job_id: str, seconds: float) -> Any:
    from pmdesk.api.client import PMClient
    from pmdesk.engine.samples import drug_stream, train_sample, write_samples
    from pmdesk.streams import openformat as of

    samples = tmp_path / "samples"
    if not samples.exists():
        write_samples(samples)
    slow = of.save_stream(train_sample(drug_stream(sleep=seconds)), tmp_path / "slow.pmstream")
    client = PMClient(window.local.url, window.local.key)
    client.upload_file("slow.pmstream", Path(slow))
    data = json.loads((samples / "RUN_STREAM.json").read_text(encoding="utf-8"))
    data["model"]["id"] = "slow.pmstream"
    client.submit_job(job_id, JobDefinition.parse(data))
    return client


def state_of(window: Any, job_id: str) -> JobState | None:
    row = window.jobs.model.row_of(job_id)
    if row is None:
        return None
    job = window.jobs.model.job(row)
    return job.status.jobStatus if job.status else None


def answer_quit_box(qtbot: Any, window: Any, button: str) -> None:
    """Clicks a button of the quit question once it is up (it runs its own event loop)."""

    def click() -> None:
        box = window.quit_box
        if box is None or not box.isVisible():
            QTimer.singleShot(50, click)
            return
        for b in box.buttons():
            if b.text() == button:
                b.click()
                return
        raise AssertionError(f"no button {button!r} in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(50, click)


@pytest.mark.keyring  # the handover to the next start is kept in the session's keyring
def test_keep_running_then_take_over_on_next_start(qtbot: Any, make_ctx: Any,
                                                   tmp_path: Path) -> None:
    from pmdesk.service.lifetime import pid_alive

    window = open_local(qtbot, make_ctx)
    client = submit_slow(window, tmp_path, "long-1", seconds=8)
    qtbot.waitUntil(lambda: state_of(window, "long-1") == JobState.RUNNING, timeout=60_000)
    pid = window.local.pid

    answer_quit_box(qtbot, window, "Keep running in the background")
    assert window.close()
    assert not window.isVisible()
    assert pid is not None and pid_alive(pid)  # the job goes on
    assert client.job_status("long-1").jobStatus == JobState.RUNNING

    again = open_local(qtbot, make_ctx)
    assert again.local.adopted and again.local.pid == pid
    qtbot.waitUntil(lambda: state_of(again, "long-1") is not None, timeout=20_000)
    qtbot.waitUntil(lambda: state_of(again, "long-1") == JobState.SUCCESS, timeout=120_000)
    client.close()
    assert again.close()  # nothing runs now: no question, the service stops
    assert not pid_alive(pid)


def test_left_alone_the_service_stops_after_its_last_job(qtbot: Any, make_ctx: Any,
                                                         tmp_path: Path) -> None:
    from pmdesk.service.lifetime import pid_alive

    window = open_local(qtbot, make_ctx)
    client = submit_slow(window, tmp_path, "long-2", seconds=4)
    qtbot.waitUntil(lambda: state_of(window, "long-2") == JobState.RUNNING, timeout=60_000)
    pid = window.local.pid
    answer_quit_box(qtbot, window, "Keep running in the background")
    assert window.close()
    assert pid is not None
    qtbot.waitUntil(lambda: client.job_status("long-2").jobStatus == JobState.SUCCESS,
                    timeout=120_000)
    client.close()
    qtbot.waitUntil(lambda: not pid_alive(pid), timeout=30_000)


def test_cancel_keeps_the_window_and_stop_ends_the_jobs(qtbot: Any, make_ctx: Any,
                                                        tmp_path: Path) -> None:
    from pmdesk.service.lifetime import pid_alive

    window = open_local(qtbot, make_ctx)
    client = submit_slow(window, tmp_path, "long-3", seconds=60)
    client.close()
    qtbot.waitUntil(lambda: state_of(window, "long-3") == JobState.RUNNING, timeout=60_000)
    pid = window.local.pid

    answer_quit_box(qtbot, window, "Cancel")
    assert not window.close()
    assert window.isVisible() and pid is not None and pid_alive(pid)

    answer_quit_box(qtbot, window, "Stop the jobs and quit")
    assert not window.close()  # it cancels first, off the GUI thread, then closes
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    assert window.quit_cancel_states == {"long-3": "CANCELED"}  # not "the service stopped"
    assert not pid_alive(pid)


def test_serve_desktop_session_stops_once_its_owner_is_gone_and_idle(
        tmp_path: Path) -> None:
    """`pmdesk serve --desktop-session FILE` black-box: it runs while the pid in FILE
    lives, and stops by itself (exit code 0) once that process is gone and no job is left."""
    import subprocess
    import sys
    import time

    from tests.helpers.server import LiveServer

    owner = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                             stdin=subprocess.PIPE)
    session = tmp_path / "owner.pid"
    session.write_text(str(owner.pid))
    server = LiveServer(tmp_path / "data", extra_args=["--desktop-session", str(session)])
    server.start()
    try:
        time.sleep(3)  # more than two idle checks: the owner lives, so it stays
        assert server.proc is not None and server.proc.poll() is None
        assert owner.stdin is not None
        owner.stdin.close()
        owner.wait(10)
        assert server.proc.wait(30) == 0
        assert "no job is left" in server.log_text()
    finally:
        if owner.poll() is None:
            owner.kill()
        server.stop()


LEAVE_AND_EXIT = """
import subprocess, sys
from pmdesk.desktop import servers
held = servers._LEFT_RUNNING if sys.argv[1] == "app" else []
held.append(subprocess.Popen(["sleep", "60"], start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
print(held[0].pid, flush=True)
"""


@pytest.mark.parametrize("holder", ["app", "plain list"])
def test_the_app_exit_does_not_warn_about_the_service_it_left(holder: str) -> None:
    """A service left to finish its jobs outlives the app on purpose: its exit prints no
    "subprocess N is still running" (shown with -X dev), as a Popen in a plain list does."""
    import os
    import signal
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-X", "dev", "-c", LEAVE_AND_EXIT,
                           holder.split()[0]], capture_output=True, text=True, timeout=60,
                          check=False)
    pid = int(done.stdout.split()[0])
    try:
        os.kill(pid, 0)  # still running after the app ended
    finally:
        os.kill(pid, signal.SIGKILL)
    assert done.returncode == 0, done.stderr
    warned = f"subprocess {pid} is still running" in done.stderr
    assert warned == (holder == "plain list"), done.stderr
