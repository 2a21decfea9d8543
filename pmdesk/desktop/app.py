"""`pmdesk` (the window) and `pmdesk --self-test` (build the window offscreen, exit 0)."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import tempfile
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger("pmdesk.desktop")


def config_dir() -> Path | None:
    env = os.environ.get("PMDESK_CONFIG_DIR")
    return Path(env) if env else None


def make_settings() -> object:
    from PySide6.QtCore import QSettings

    folder = config_dir()
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        return QSettings(str(folder / "pmdesk.ini"), QSettings.Format.IniFormat)
    return QSettings("PMDesk", "PMDesk")


def log_file() -> Path:
    folder = config_dir() or Path(platformdirs.user_log_dir("PMDesk", appauthor=False))
    return folder / "pmdesk.log"


def setup_logging() -> Path:
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=2, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    for noisy in ("httpx", "httpcore"):  # one line per poll would drown the useful lines
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path


QUIET_QT_MESSAGES = ("propagateSizeHints",)  # the offscreen platform's known limits


def route_qt_messages(to_stderr: bool) -> None:
    """Qt's own warnings go to the log (and stderr in the self-test), minus known noise."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        if any(q in message for q in QUIET_QT_MESSAGES):
            return
        level = logging.INFO if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) else (
            logging.WARNING if kind == QtMsgType.QtWarningMsg else logging.ERROR)
        qt_log.log(level, "%s", message)
        if to_stderr and level >= logging.WARNING:
            print(f"Qt: {message}", file=sys.stderr)

    qInstallMessageHandler(handler)


def install_excepthook(log_path: Path) -> None:
    """An unexpected error is logged with its traceback and shown to the user as words."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        if issubclass(kind, KeyboardInterrupt):
            return
        from PySide6.QtWidgets import QApplication, QMessageBox

        from pmdesk.desktop.i18n import _t

        if QApplication.instance() is None:
            print(f"pmdesk: {kind.__name__}: {exc}", file=sys.stderr)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, _t("Something went wrong"),
                          _t("PMDesk met an unexpected problem and carried on: {problem}\n\n"
                             "Details are in {path}.").format(
                              problem=str(exc) or kind.__name__, path=log_path),
                          QMessageBox.StandardButton.Ok,
                          QApplication.activeWindow())
        box.setAttribute(__import__("PySide6.QtCore").QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    sys.excepthook = hook


def build_app(argv: list[str]) -> tuple[object, object]:
    """The QApplication and AppContext, with translations for the chosen language."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from pmdesk.desktop.context import AppContext
    from pmdesk.desktop.i18n import chosen_language, install_translators
    from pmdesk.desktop.icons import app_icon
    from pmdesk.desktop.secrets import SecretStore

    QCoreApplication.setOrganizationName("PMDesk")
    QCoreApplication.setApplicationName("PMDesk")
    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(["pmdesk", *argv])
    from pmdesk import __version__

    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("pmdesk")
    QGuiApplication.setWindowIcon(app_icon())
    settings = make_settings()
    install_translators(chosen_language(settings))  # type: ignore[arg-type]
    ctx = AppContext(settings, SecretStore())  # type: ignore[arg-type]
    return app, ctx


def self_test() -> int:
    """Builds the main window offscreen without a server, runs the event loop briefly."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="pmdesk-selftest-") as tmp:
        os.environ.setdefault("PMDESK_CONFIG_DIR", str(Path(tmp) / "config"))
        os.environ.setdefault("PMDESK_DATA_DIR", str(Path(tmp) / "data"))
        try:
            from PySide6.QtCore import QTimer

            from pmdesk.desktop.i18n import install_translators
            from pmdesk.desktop.main_window import MainWindow

            route_qt_messages(to_stderr=True)
            app, ctx = build_app([])
            problems: list[str] = []
            if not install_translators("zh_TW"):
                problems.append("the zh-TW translation did not load")
            install_translators("en")
            window = MainWindow(ctx, start_server=False)  # type: ignore[arg-type]
            window.show()
            QTimer.singleShot(300, window.close)
            app.exec()  # type: ignore[attr-defined]
            window.shutdown()
            if window.streams.list.topLevelItemCount() != 0:
                problems.append("the streams list is not empty without a server")
            window.deleteLater()
        except Exception as exc:  # the self-test reports, never raises
            print(f"pmdesk self-test FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
            traceback.print_exc()
            return 1
    if problems:
        print("pmdesk self-test FAILED: " + "; ".join(problems), file=sys.stderr)
        return 1
    print("pmdesk self-test passed")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in args:
        return self_test()
    path = setup_logging()
    install_excepthook(path)
    route_qt_messages(to_stderr=False)
    from pmdesk.desktop.main_window import MainWindow

    app, ctx = build_app(args)
    window = MainWindow(ctx)  # type: ignore[arg-type]
    window.show()
    _quit_on_signals(window)
    code = int(app.exec())  # type: ignore[attr-defined]
    window.shutdown()
    return code


def _quit_on_signals(window: QWidget) -> None:
    """Ctrl+C or a session's SIGTERM closes the window properly, so the local service stops.

    Python only runs signal handlers between bytecodes, so a short timer wakes it up.
    """
    import signal

    from PySide6.QtCore import QTimer

    def handler(signum: int, frame: object) -> None:
        log.info("signal %s: closing", signum)
        window._quit_without_asking = True  # type: ignore[attr-defined]
        window.close()

    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(sig, handler)
        except (ValueError, OSError):  # not the main thread, or not on this platform
            pass
    waker = QTimer(window)
    waker.setObjectName("signal-waker")
    waker.timeout.connect(lambda: None)
    waker.start(300)
