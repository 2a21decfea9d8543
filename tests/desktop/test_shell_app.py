"""The application as a whole: self-test, translations, layout memory, error handling."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def test_self_test_exits_zero(tmp_path: Path) -> None:
    env = {**os.environ, "PMDESK_CONFIG_DIR": str(tmp_path / "c"),
           "PMDESK_DATA_DIR": str(tmp_path / "d")}
    env.pop("QT_QPA_PLATFORM", None)  # the self-test must choose offscreen by itself
    done = subprocess.run([sys.executable, "-m", "pmdesk", "--self-test"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test passed" in done.stdout
    assert not (tmp_path / "d").exists()  # no server was started


def test_zh_tw_translation_loads(qapp: Any) -> None:
    from pmdesk.desktop.i18n import _t, install_translators

    try:
        assert install_translators("zh_TW")
        assert _t("Jobs") == "工作"
        assert (_t("No streams yet: drop a Modeler stream here")
                == "尚無串流：請將 Modeler 串流拖放到這裡")
    finally:
        install_translators("en")
    assert _t("Jobs") == "Jobs"


def test_every_shell_string_has_a_zh_tw_translation(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "resources" / "translations"))
    try:
        import update_ts
    finally:
        sys.path.pop(0)
    strings = update_ts.source_strings()
    translated = update_ts.read_ts(ROOT / "resources" / "translations" / "pmdesk_zh_TW.ts")
    missing = [s for s in strings if s not in translated]
    assert not missing, f"run resources/translations/update_ts.py; untranslated: {missing}"
    # the shipped .qm is what lrelease makes of the .ts today
    ts = ROOT / "resources" / "translations" / "pmdesk_zh_TW.ts"
    fresh = tmp_path / ts.name
    fresh.write_bytes(ts.read_bytes())
    update_ts.lrelease(fresh)
    assert fresh.with_suffix(".qm").read_bytes() == ts.with_suffix(".qm").read_bytes(), (
        "the .qm is stale: run resources/translations/update_ts.py")


def test_window_in_zh_tw_shows_chinese(qtbot: Any, make_ctx: Any) -> None:
    from pmdesk.desktop.i18n import install_translators
    from pmdesk.desktop.main_window import MainWindow

    install_translators("zh_TW")
    try:
        window = MainWindow(make_ctx(), start_server=False)
        qtbot.addWidget(window)
        assert window.tabs.tabText(0) == "工作"
        assert window.streams_dock.windowTitle() == "串流"
        window.close()
    finally:
        install_translators("en")


def test_layout_is_remembered(qtbot: Any, make_ctx: Any) -> None:
    from pmdesk.desktop.main_window import MainWindow

    window = MainWindow(make_ctx(), start_server=False)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(1)
    window.streams_dock.hide()
    window.close()
    ctx = make_ctx()
    assert ctx.settings.value("window/geometry") is not None
    again = MainWindow(ctx, start_server=False)
    qtbot.addWidget(again)
    again.show()
    assert again.tabs.currentIndex() == 1
    assert not again.streams_dock.isVisible()
    assert again.restoreGeometry(ctx.settings.value("window/geometry"))
    again.close()


def test_unexpected_errors_become_a_message(qtbot: Any, tmp_path: Path,
                                           caplog: pytest.LogCaptureFixture) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from pmdesk.desktop.app import install_excepthook

    old = sys.excepthook
    install_excepthook(tmp_path / "pmdesk.log")
    try:
        try:
            raise ValueError("the answer was not 42")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = old
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    assert "the answer was not 42" in boxes[0].text()
    assert "Traceback" not in boxes[0].text()
    assert "the answer was not 42" in caplog.text  # the traceback goes to the log
    boxes[0].close()


def test_about_box_shows_the_version(qtbot: Any, make_ctx: Any) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from pmdesk import __version__
    from pmdesk.desktop.main_window import MainWindow

    window = MainWindow(make_ctx(), start_server=False)
    qtbot.addWidget(window)
    window.about()
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and __version__ in boxes[0].text()
    boxes[0].close()
    window.close()


def test_the_app_stops_its_local_service_when_terminated(tmp_path: Path) -> None:
    """`pmdesk` as users start it; SIGTERM (session end) must not leave the service behind."""
    import signal
    import time

    from pmdesk.desktop.servers import PID_FILE

    data = tmp_path / "d"
    env = {**os.environ, "PMDESK_CONFIG_DIR": str(tmp_path / "c"), "PMDESK_DATA_DIR": str(data),
           "QT_QPA_PLATFORM": "offscreen",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    app = subprocess.Popen([sys.executable, "-m", "pmdesk"], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    service_pid = None
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and app.poll() is None:
            if (data / "samples-seeded").exists() and (data / PID_FILE).exists():
                service_pid = int((data / PID_FILE).read_text())
                break
            time.sleep(0.2)
        assert service_pid is not None, "the local service did not start"
        app.send_signal(signal.SIGTERM)
        out, _ = app.communicate(timeout=60)
        assert app.returncode == 0, out.decode(errors="replace")
        assert not Path(f"/proc/{service_pid}").exists() or b"zombie" in Path(
            f"/proc/{service_pid}/status").read_bytes().lower()
        assert not (data / PID_FILE).exists()
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        if service_pid is not None and Path(f"/proc/{service_pid}").exists():
            os.kill(service_pid, signal.SIGKILL)


def test_settings_dialog_saves_interval_language_and_notifications(qtbot: Any,
                                                                   make_ctx: Any) -> None:
    from pmdesk.desktop.i18n import chosen_language
    from pmdesk.desktop.settings_dialog import SettingsDialog, notifications_on, poll_seconds

    ctx = make_ctx()
    dialog = SettingsDialog(ctx.settings)
    qtbot.addWidget(dialog)
    dialog.interval.setValue(7.5)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_TW"))
    dialog.notify.setChecked(False)
    dialog.save()
    again = make_ctx()
    assert poll_seconds(again.settings) == 7.5
    assert chosen_language(again.settings) == "zh_TW"
    assert not notifications_on(again.settings)
