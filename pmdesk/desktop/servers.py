"""Server profiles and the embedded local service.

A profile is a name and a base URL; its access key lives in the SecretStore (kind "server").
The "Local" profile is the embedded `pmdesk serve`, started in its own process so its work
never competes with the window (the GIL), on a free loopback port, with the key passed in
the environment (PMDESK_ACCESS_KEYS), never on the command line where `ps` shows it.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QSettings, QTimer, Signal

from pmdesk.desktop.i18n import _t
from pmdesk.desktop.secrets import SecretStore
from pmdesk.desktop.workers import Task, TaskRunner

log = logging.getLogger(__name__)
LOCAL = "Local"


@dataclass
class ServerProfile:
    name: str
    url: str = ""  # empty for the local profile: its URL is known once it runs

    @property
    def is_local(self) -> bool:
        return self.name == LOCAL


class ProfileStore:
    """Profiles in QSettings (names and URLs only; keys go to the SecretStore)."""

    def __init__(self, settings: QSettings, secret_store: SecretStore) -> None:
        self.settings = settings
        self.secrets = secret_store

    def profiles(self) -> list[ServerProfile]:
        result = [ServerProfile(LOCAL)]
        size = self.settings.beginReadArray("servers")
        for i in range(size):
            self.settings.setArrayIndex(i)
            name = str(self.settings.value("name", "") or "")
            url = str(self.settings.value("url", "") or "")
            if name and name != LOCAL:
                result.append(ServerProfile(name, url))
        self.settings.endArray()
        return result

    def save(self, profiles: list[ServerProfile]) -> None:
        remote = [p for p in profiles if not p.is_local]
        self.settings.beginWriteArray("servers", len(remote))
        for i, p in enumerate(remote):
            self.settings.setArrayIndex(i)
            self.settings.setValue("name", p.name)
            self.settings.setValue("url", p.url)
        self.settings.endArray()
        self.settings.sync()

    @property
    def current_name(self) -> str:
        return str(self.settings.value("servers/current", LOCAL) or LOCAL)

    @current_name.setter
    def current_name(self, name: str) -> None:
        self.settings.setValue("servers/current", name)


def data_dir() -> Path:
    """Where the local service keeps streams and jobs: PMDESK_DATA_DIR or the user data dir."""
    env = os.environ.get("PMDESK_DATA_DIR")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("PMDesk", appauthor=False)) / "local-service"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def session_key() -> str:
    """A fresh key for each start of the local service.

    The service runs it as the *named* instance "local" (PMDESK_INSTANCE_KEYS), whose
    streams and jobs follow the name, not the key: so the key is never stored anywhere,
    keyring or file, and the analyst still sees the streams of earlier sessions.
    """
    return secrets.token_urlsafe(24)


LOCAL_INSTANCE = "local"
PID_FILE = "local-service.pid"


def stop_orphan(folder: Path) -> None:
    """Stops a local service that an earlier PMDesk left running on this data dir (it was
    killed before it could stop it), so two services never share one jobs database."""
    path = folder / PID_FILE
    try:
        pid = int(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return
    cmdline = Path(f"/proc/{pid}/cmdline")
    try:
        args = cmdline.read_bytes().split(b"\0")
    except OSError:
        path.unlink(missing_ok=True)
        return  # no such process (or no /proc: nothing we can check safely)
    if b"serve" in args and str(folder).encode() in args:
        import signal

        log.warning("stopping the local service left running by an earlier session (%s)", pid)
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass
    path.unlink(missing_ok=True)


def serve_command() -> list[str]:
    """The program and arguments that run `pmdesk serve` with this interpreter or bundle."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "serve"]
    return [sys.executable, "-m", "pmdesk", "serve"]


class LocalService(QObject):
    """Starts `pmdesk serve` with QProcess, waits for it without blocking, restarts on crash."""

    ready = Signal(str)  # base URL
    failed = Signal(str)  # a message for the window
    stateText = Signal(str)

    START_TIMEOUT_MS = 90_000
    MAX_RESTARTS = 3

    def __init__(self, store: SecretStore, runner: TaskRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.runner = runner
        self.folder = data_dir()
        self.key = ""
        self.url: str | None = None
        self._pending_url = ""
        self.proc: QProcess | None = None
        self._waited_ms = 0
        self._restarts = 0
        self._stopping = False
        self._probe: Task | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._output = b""

    @property
    def samples_dir(self) -> Path:
        return self.folder / "samples"

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.state() != QProcess.ProcessState.NotRunning

    def start(self) -> None:
        if self.running:
            if self.url and not self._timer.isActive() and self._probe is None:
                self.ready.emit(self.url)
            return
        self._stopping = False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            stop_orphan(self.folder)
            self.key = session_key()
        except OSError as exc:
            self.failed.emit(_t("Cannot prepare the local service folder {path}: {detail}")
                             .format(path=self.folder, detail=exc.strerror or exc))
            return
        if self.proc is not None:
            self.proc.deleteLater()
            self.proc = None
        port = free_port()
        self.url = None
        self._pending_url = f"http://127.0.0.1:{port}"
        proc = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        env.insert("PMDESK_INSTANCE_KEYS", f"{LOCAL_INSTANCE}={self.key}")
        env.remove("PMDESK_ACCESS_KEYS")
        proc.setProcessEnvironment(env)
        proc.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        proc.readyReadStandardOutput.connect(self._read_output)
        proc.finished.connect(self._on_finished)
        proc.errorOccurred.connect(self._on_error)
        program, *args = serve_command()
        args += ["--host", "127.0.0.1", "--port", str(port), "--data-dir", str(self.folder),
                 "--seed-samples"]
        self.proc = proc
        self._output = b""
        self._waited_ms = 0
        self.stateText.emit(_t("Starting the local service…"))
        log.info("starting local service on port %s, data in %s", port, self.folder)
        proc.started.connect(lambda: self._write_pid(proc))
        proc.start(program, args)
        self._timer.start(150)

    def _write_pid(self, proc: QProcess) -> None:
        try:
            (self.folder / PID_FILE).write_text(str(proc.processId()), encoding="ascii")
        except OSError as exc:
            log.warning("cannot write the pid file: %s", exc)

    def _read_output(self) -> None:
        if self.proc is not None:
            self._output = (self._output + bytes(self.proc.readAllStandardOutput().data()))[-8000:]

    def _check(self) -> None:
        """One non-blocking readiness probe; reschedules itself until ready or timed out."""
        if not self.running or self._stopping:
            return
        url, key = self._pending_url, self.key

        def probe(task: Task) -> bool:
            import httpx

            try:
                r = httpx.get(f"{url}/pm/v1/file", params={"accesskey": key}, timeout=2)
            except httpx.TransportError:
                return False
            return r.status_code < 500

        def done(ok: object) -> None:
            self._probe = None
            if self._stopping or not self.running:
                return
            if ok:
                self.url = url
                self._restarts = 0
                self.ready.emit(url)
                return
            self._waited_ms += 300
            if self._waited_ms > self.START_TIMEOUT_MS:
                self.failed.emit(_t("The local service did not start in time.") + "\n"
                                 + self._tail())
                self.stop()
                return
            self._timer.start(300)

        def error(_exc: BaseException) -> None:
            self._probe = None
            if not self._stopping:
                self._timer.start(300)

        self._probe = self.runner.start(probe, on_success=done, on_error=error, name="probe")

    def _tail(self) -> str:
        lines = self._output.decode("utf-8", "replace").strip().splitlines()
        return "\n".join(lines[-8:])

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and not self._stopping:
            self.failed.emit(_t("The local service could not be started: {detail}")
                             .format(detail=self.proc.errorString() if self.proc else error))

    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        if self._stopping:
            return
        self._timer.stop()
        self.url = None
        tail = self._tail()
        log.warning("local service exited with %s: %s", code, tail)
        if self._restarts < self.MAX_RESTARTS:
            self._restarts += 1
            delay = 1000 * 2 ** self._restarts
            self.failed.emit(_t("The local service stopped (exit code {code}); restarting it "
                                "in {seconds} s.").format(code=code, seconds=delay // 1000)
                             + ("\n" + tail if tail else ""))
            if self.proc is not None:
                self.proc.deleteLater()
                self.proc = None
            QTimer.singleShot(delay, self, self._restart)
        else:
            self.failed.emit(_t("The local service keeps stopping (exit code {code}).")
                             .format(code=code) + ("\n" + tail if tail else ""))

    def _restart(self) -> None:
        if not self._stopping:
            self.start()

    def retry(self) -> None:
        """The user asked to try again: a fresh budget of automatic restarts."""
        self._restarts = 0
        self.start()

    def stop(self, timeout_ms: int = 8000) -> None:
        """Asks the service to shut down cleanly (SIGTERM), kills it if it lingers."""
        self._stopping = True
        self._timer.stop()
        proc, self.proc = self.proc, None
        self.url = None
        if proc is None:
            return
        proc.finished.disconnect(self._on_finished)
        if proc.state() != QProcess.ProcessState.NotRunning:
            proc.terminate()
            if not proc.waitForFinished(timeout_ms):
                proc.kill()
                proc.waitForFinished(3000)
        proc.deleteLater()
        (self.folder / PID_FILE).unlink(missing_ok=True)
