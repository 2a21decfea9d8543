"""Server profiles and the embedded local service.

A profile is a name and a base URL; its access key lives in the SecretStore (kind "server").
The "Local" profile is the embedded `pmdesk serve`, started in its own process so its work
never competes with the window (the GIL), on a free loopback port, with the key passed in
the environment (PMDESK_ACCESS_KEYS), never on the command line where `ps` shows it.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from pmdesk.desktop.i18n import _t
from pmdesk.desktop.secrets import SecretStore
from pmdesk.desktop.workers import Task, TaskRunner
from pmdesk.service.lifetime import pid_alive

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
SESSION_FILE = "desktop-session.pid"  # this app's pid, read by `serve --desktop-session`
_LEFT_RUNNING: list[subprocess.Popen[bytes]] = []  # services detach() left to their jobs


def reap_left_running() -> int:
    """Collects the exit status of the services left running that have ended since (no
    zombie, no "still running" warning for them); the number still running."""
    _LEFT_RUNNING[:] = [p for p in _LEFT_RUNNING if p.poll() is None]
    return len(_LEFT_RUNNING)


@atexit.register
def _leave_running_at_exit() -> None:
    """The app ends while a service it left finishes its jobs: that is on purpose, so
    dropping its Popen must not warn "subprocess N is still running"."""
    reap_left_running()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        _LEFT_RUNNING.clear()  # the last reference: Popen.__del__ runs here


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
    """Starts `pmdesk serve` detached (so jobs may outlive the window when the user wants),
    waits for it without blocking, restarts it on a crash.

    The service runs with `--desktop-session`: it stops by itself once this app's process
    has ended and no job is left. Quitting normally stops it at once (`stop`); quitting
    with jobs still running may leave it to finish them (`detach`), and the next start
    takes it over again (`start`), with the handover kept in the keyring.
    """

    ready = Signal(str)  # base URL
    failed = Signal(str)  # a message for the window
    stateText = Signal(str)

    START_TIMEOUT_MS = 90_000
    MAX_RESTARTS = 3
    HANDOVER = ("local-service", "handover")  # SecretStore kind, name: {"url", "key"}

    def __init__(self, store: SecretStore, runner: TaskRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.runner = runner
        self.folder = data_dir()
        self.key = ""
        self.url: str | None = None
        self._pending_url = ""
        self.pid: int | None = None
        self.args: list[str] = []
        self.adopted = False  # taken over from an earlier session
        self._popen: subprocess.Popen[bytes] | None = None
        self._old_pid = 0
        self._waited_ms = 0
        self._restarts = 0
        self._stopping = False
        self._probe: Task | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._alive = QTimer(self)  # a detached process sends no `finished`: look
        self._alive.setInterval(1000)
        self._alive.timeout.connect(self._watch)
        self._wait_old = QTimer(self)  # an earlier session's service finishing its jobs
        self._wait_old.setInterval(1000)
        self._wait_old.timeout.connect(self._old_gone)

    @property
    def samples_dir(self) -> Path:
        return self.folder / "samples"

    @property
    def log_path(self) -> Path:
        return self.folder / "local-service.log"

    @property
    def session_file(self) -> Path:
        return self.folder / SESSION_FILE

    @property
    def running(self) -> bool:
        if self._popen is not None and self._popen.pid == self.pid:
            self._popen.poll()  # reaps our own child once it has ended
        return self.pid is not None and pid_alive(self.pid)

    def start(self) -> None:
        if self.running:
            if self.url and not self._timer.isActive() and self._probe is None:
                self.ready.emit(self.url)
            return
        if self._wait_old.isActive() or (self._probe is not None and self.adopted):
            return
        self._stopping = False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            old = self._earlier_service()
            if old is not None:
                self._take_over(old)
                return
            stop_orphan(self.folder)
        except OSError as exc:
            self.failed.emit(_t("Cannot prepare the local service folder {path}: {detail}")
                             .format(path=self.folder, detail=exc.strerror or exc))
            return
        self._spawn()

    # ---- an earlier session's service, left to finish its jobs
    def _earlier_service(self) -> int | None:
        """The pid of a service an earlier PMDesk left running with --desktop-session."""
        try:
            pid = int((self.folder / PID_FILE).read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            return None
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            return None
        if (pid_alive(pid) and b"serve" in args and b"--desktop-session" in args
                and str(self.folder).encode() in args):
            return pid
        return None

    def _take_over(self, pid: int) -> None:
        raw = self.store.get(*self.HANDOVER)
        try:
            handover = json.loads(raw) if raw else {}
            url, key = str(handover["url"]), str(handover["key"])
        except (ValueError, KeyError, TypeError):
            self._wait_for_old(pid)
            return
        self.stateText.emit(_t("Connecting to the local service of your last session…"))

        def probe(task: Task) -> bool:
            import httpx

            try:
                r = httpx.get(f"{url}/pm/v1/file", params={"accesskey": key}, timeout=5)
            except httpx.TransportError:
                return False
            return r.status_code == 200

        def done(ok: object) -> None:
            self._probe = None
            if self._stopping:
                return
            if not ok or not pid_alive(pid):
                self._wait_for_old(pid)
                return
            log.info("took over the local service left running by the last session (%s)", pid)
            self.pid, self.key, self.url = pid, key, url
            self._write_session()
            self.store.delete(*self.HANDOVER)
            self._restarts = 0
            self._alive.start()
            self.ready.emit(url)

        def error(_exc: BaseException) -> None:
            self._probe = None
            self._wait_for_old(pid)

        self.adopted = True
        self._probe = self.runner.start(probe, on_success=done, on_error=error,
                                        name="take over")

    def _wait_for_old(self, pid: int) -> None:
        """No way to talk to it (no keyring): it stops by itself after its last job."""
        self.adopted = False
        self._old_pid = pid
        self.stateText.emit(_t("The local service of your last session is finishing its "
                               "jobs; PMDesk starts a new one when it has stopped."))
        self._wait_old.start()

    def _old_gone(self) -> None:
        if pid_alive(self._old_pid):
            return
        reap_left_running()
        self._wait_old.stop()
        if not self._stopping:
            self.start()

    # ---- a new service
    def _spawn(self) -> None:
        self.adopted = False
        self.key = session_key()
        port = free_port()
        self.url = None
        self._pending_url = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if k != "PMDESK_ACCESS_KEYS"}
        env["PMDESK_INSTANCE_KEYS"] = f"{LOCAL_INSTANCE}={self.key}"
        program, *args = serve_command()
        args += ["--host", "127.0.0.1", "--port", str(port), "--data-dir", str(self.folder),
                 "--seed-samples", "--desktop-session", str(self.session_file)]
        self.args = [program, *args]
        self._waited_ms = 0
        self._write_session()
        self.stateText.emit(_t("Starting the local service…"))
        log.info("starting local service on port %s, data in %s", port, self.folder)
        try:
            with self.log_path.open("wb") as out:
                # its own session: a Ctrl+C in the app's terminal does not reach it, and a
                # Popen (unlike a QProcess) does not kill it when the app ends
                self._popen = subprocess.Popen(self.args, env=env, stdin=subprocess.DEVNULL,
                                               stdout=out, stderr=subprocess.STDOUT,
                                               start_new_session=True)
        except OSError as exc:
            self.failed.emit(_t("The local service could not be started: {detail}")
                             .format(detail=exc.strerror or exc))
            return
        self.pid = self._popen.pid
        try:
            (self.folder / PID_FILE).write_text(str(self.pid), encoding="ascii")
        except OSError as exc:
            log.warning("cannot write the pid file: %s", exc)
        self._timer.start(150)
        self._alive.start()

    def _write_session(self) -> None:
        """This app's pid: the service runs while it lives (see service/lifetime.py)."""
        try:
            self.session_file.write_text(str(os.getpid()), encoding="ascii")
        except OSError as exc:
            log.warning("cannot write the desktop session file: %s", exc)

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
        try:
            with self.log_path.open("rb") as f:
                f.seek(0, os.SEEK_END)
                f.seek(max(0, f.tell() - 8000))
                data = f.read()
        except OSError:
            return ""
        lines = data.decode("utf-8", "replace").strip().splitlines()
        return "\n".join(lines[-8:])

    def _watch(self) -> None:
        self.check_alive()

    def check_alive(self) -> bool:
        """False (and the restart under way) when the service has ended; the window asks
        at once when a request fails instead of waiting for the next look."""
        if self.pid is not None and not self._stopping and not self.running:
            self._on_finished()
            return False
        return self.pid is not None

    def _on_finished(self) -> None:
        if self._stopping:
            return
        self._timer.stop()
        self._alive.stop()
        self.url = None
        self.pid = None
        tail = self._tail()
        log.warning("local service stopped: %s", tail)
        if self._restarts < self.MAX_RESTARTS:
            self._restarts += 1
            delay = 1000 * 2 ** self._restarts
            self.failed.emit(_t("The local service stopped; restarting it in {seconds} s.")
                             .format(seconds=delay // 1000) + ("\n" + tail if tail else ""))
            QTimer.singleShot(delay, self, self._restart)
        else:
            self.failed.emit(_t("The local service keeps stopping.")
                             + ("\n" + tail if tail else ""))

    def _restart(self) -> None:
        if not self._stopping:
            self.start()

    def retry(self) -> None:
        """The user asked to try again: a fresh budget of automatic restarts."""
        self._restarts = 0
        self.start()

    def _halt_timers(self) -> None:
        self._stopping = True
        self._timer.stop()
        self._alive.stop()
        self._wait_old.stop()

    def detach(self) -> bool:
        """Leaves the service running to finish its jobs (it stops itself after the last
        one); True when the next start can take it over (the keyring holds the handover)."""
        self._halt_timers()
        pid, url, self.pid, self.url = self.pid, self.url, None, None
        if pid is None or url is None or not pid_alive(pid):
            return False
        log.info("leaving the local service (%s) to finish its jobs", pid)
        self.session_file.unlink(missing_ok=True)  # the service now stops when idle
        if self._popen is not None:
            _LEFT_RUNNING.append(self._popen)  # no ResourceWarning from a collected Popen
            self._popen = None
        return self.store.set(*self.HANDOVER, json.dumps({"url": url, "key": self.key}))

    def _wait_gone(self, pid: int, seconds: float) -> bool:
        own = self._popen if self._popen is not None and self._popen.pid == pid else None
        if own is not None:
            try:
                own.wait(seconds)
            except subprocess.TimeoutExpired:
                return False
            return True
        deadline = time.monotonic() + seconds
        while pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        return not pid_alive(pid)

    def stop(self, timeout_ms: int = 8000) -> None:
        """Asks the service to shut down cleanly (SIGTERM), kills it if it lingers."""
        self._halt_timers()
        pid, self.pid = self.pid, None
        self.url = None
        if pid is None:
            return
        if pid_alive(pid):
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
            if not self._wait_gone(pid, timeout_ms / 1000):
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
                self._wait_gone(pid, 3.0)
        if self._popen is not None:
            self._popen.poll()  # one that ended by itself (pid_alive: a zombie is gone)
        reap_left_running()  # an adopted service this app started in an earlier window
        (self.folder / PID_FILE).unlink(missing_ok=True)
        self.session_file.unlink(missing_ok=True)
