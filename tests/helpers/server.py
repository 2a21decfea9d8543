"""The real service in its own process on a free loopback port, for tests.

Every test that needs a server gets `pmdesk serve` exactly as users run it, never a mock.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

__all__ = ["LiveServer", "engine_samples", "free_port", "live_server", "server_factory",
           "shared_server"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    data_dir: Path
    keys: list[str] = field(default_factory=lambda: [secrets.token_hex(16)])
    port: int = field(default_factory=free_port)
    extra_args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen[bytes] | None = None
    clients: list[Any] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        # a module fixture that only calls stop() still closes what client() handed out
        weakref.finalize(self, _close_all, self.clients)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def key(self) -> str:
        return self.keys[0]

    @property
    def log_path(self) -> Path:
        return self.data_dir.parent / f"{self.data_dir.name}-server.log"

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def start(self, timeout: float = 60.0) -> LiveServer:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PMDESK_ACCESS_KEYS": ",".join(self.keys), **self.env}
        cmd = [sys.executable, "-m", "pmdesk", "serve", "--host", "127.0.0.1",
               "--port", str(self.port), "--data-dir", str(self.data_dir), *self.extra_args]
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"pmdesk serve exited with {self.proc.returncode}:\n"
                                   f"{self.log_text()}")
            try:
                r = httpx.get(f"{self.url}/pm/v1/file", params={"accesskey": self.key},
                              timeout=2)
                if r.status_code < 500:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"pmdesk serve did not answer within {timeout} s:\n{self.log_text()}")

    def stop(self, timeout: float = 20.0) -> None:
        """A graceful stop (SIGTERM), as a user's Ctrl+C or a service manager does."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def kill(self) -> None:
        """kill -9: the process gets no chance to tidy up."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def restart(self) -> LiveServer:
        self.stop()
        return self.start()

    def client(self, key: str | None = None, **kwargs: Any) -> Any:
        """A PMClient on this server, closed at the fixture's teardown or when the server
        object goes (a test may close it earlier; a restart keeps it usable), so
        `live_server.client().list_files()` in a test leaks no socket."""
        from pmdesk.api.client import PMClient

        client = PMClient(self.url, key or self.key, **kwargs)
        self.clients.append(client)
        return client

    def close_clients(self) -> None:
        _close_all(self.clients)

    def request(self, method: str, path: str, *, key: str | None = "", **kwargs: Any
                ) -> httpx.Response:
        """A raw HTTP call, as a black-box client would make it; key=None sends none."""
        params = dict(kwargs.pop("params", {}) or {})
        if key is not None:
            params["accesskey"] = key or self.key
        return httpx.request(method, f"{self.url}{path}", params=params, timeout=30, **kwargs)


def _close_all(clients: list[Any]) -> None:
    while clients:
        clients.pop().close()


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    """Starts servers on demand (own data dir each unless given) and stops them all."""
    started: list[LiveServer] = []

    def make(data_dir: Path | None = None, **kwargs: Any) -> LiveServer:
        server = LiveServer(data_dir or tmp_path / f"data{len(started)}", **kwargs)
        started.append(server)
        return server.start()

    yield make
    for server in started:
        server.stop()
        server.close_clients()


@pytest.fixture
def live_server(server_factory: Callable[..., LiveServer]) -> LiveServer:
    return server_factory()


# ---- extensions (issue 2): a server shared by a module, and the engine's sample job ------


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server for a module's tests that do not care what else it holds (faster)."""
    server = LiveServer(tmp_path_factory.mktemp("shared") / "data").start()
    yield server
    server.stop()
    server.close_clients()


@dataclass
class EngineSamples:
    """The engine's sample stream, database and one job definition per action."""

    dir: Path
    stream: Path
    definitions: dict[str, dict[str, Any]]

    def definition(self, action: str, model_id: str | None = None) -> dict[str, Any]:
        import copy

        data = copy.deepcopy(self.definitions[action])
        if model_id is not None:
            data["model"]["id"] = model_id
        return data


@pytest.fixture(scope="session")
def engine_samples(tmp_path_factory: pytest.TempPathFactory) -> EngineSamples:
    import json

    from pmdesk.engine.samples import write_samples

    folder = tmp_path_factory.mktemp("samples")
    paths = [Path(p) for p in write_samples(folder)]
    stream = next(p for p in paths if p.suffix in (".pmstream", ".str"))
    definitions = {p.stem: json.loads(p.read_text(encoding="utf-8"))
                   for p in paths if p.suffix == ".json"}
    return EngineSamples(folder, stream, definitions)
