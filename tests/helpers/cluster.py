"""A real loopback Dask cluster for the tests: `dask scheduler` and `dask worker`
processes (one scheduler, two single-thread workers: the machine has 2 cores).

The `cluster_factory` fixture is re-exported by tests/cluster/conftest.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from helpers.server import free_port

REPO = Path(__file__).resolve().parents[2]


@dataclass
class LocalCluster:
    """Scheduler and worker processes, each with a log file; killed at teardown."""

    folder: Path
    port: int = field(default_factory=free_port)
    scheduler: subprocess.Popen[bytes] | None = None
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    tls: tuple[Path, Path, Path] | None = None  # (CA, certificate, key) for tls://

    @property
    def address(self) -> str:
        return f"{'tls' if self.tls else 'tcp'}://127.0.0.1:{self.port}"

    def _tls_args(self) -> list[str]:
        if self.tls is None:
            return []
        ca, cert, key = self.tls
        return ["--tls-ca-file", str(ca), "--tls-cert", str(cert), "--tls-key", str(key)]

    def _spawn(self, name: str, args: list[str]) -> subprocess.Popen[bytes]:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
        log = (self.folder / f"{name}.log").open("ab")
        try:
            return subprocess.Popen([sys.executable, "-m", "dask", *args], env=env,
                                    stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        finally:
            log.close()

    def start_scheduler(self) -> None:
        self.scheduler = self._spawn("scheduler", [
            # the timeouts end a scheduler or worker whose test run was killed
            "scheduler", "--idle-timeout", "300", "--host", "127.0.0.1",
            "--port", str(self.port),
            "--dashboard-address", f"127.0.0.1:{free_port()}",
            *(["--protocol", "tls", *self._tls_args()] if self.tls else [])])
        self._wait_port()

    def add_worker(self) -> subprocess.Popen[bytes]:
        n = len(self.workers)
        worker = self._spawn(f"worker{n}", [
            "worker", self.address, "--nthreads", "1", "--no-nanny", "--death-timeout", "60",
            "--host", "127.0.0.1",
            "--memory-limit", "0", "--no-dashboard", "--name", f"w{n}", *self._tls_args()])
        self.workers.append(worker)
        return worker

    def _wait_port(self, timeout: float = 60) -> None:
        import socket

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.scheduler is not None
            if self.scheduler.poll() is not None:
                raise RuntimeError(f"dask scheduler exited:\n{self.log('scheduler')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("dask scheduler did not listen in time")

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def logs(self) -> str:
        return "".join(p.read_text(errors="replace") for p in self.folder.glob("*.log"))

    @staticmethod
    def kill(proc: subprocess.Popen[bytes] | None) -> None:
        if proc is not None and proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(10)

    def kill_scheduler(self) -> None:
        self.kill(self.scheduler)
        self.scheduler = None

    def kill_workers(self) -> None:
        for w in self.workers:
            self.kill(w)
        self.workers = []

    def close(self) -> None:
        self.kill_workers()
        self.kill_scheduler()


def wait_workers(server_url: str, key: str, count: int, timeout: float = 90) -> dict:
    """The service's GET /pm/v1/cluster once it sees `count` workers."""
    deadline = time.monotonic() + timeout
    state: dict = {}
    while time.monotonic() < deadline:
        state = httpx.get(f"{server_url}/pm/v1/cluster", params={"accesskey": key},
                          timeout=10).json()
        if state.get("connected") and len(state.get("workers", [])) == count:
            return state
        time.sleep(0.2)
    raise AssertionError(f"the service never saw {count} workers: {state}")


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A CA and one certificate it signed for 127.0.0.1 (scheduler, workers and service
    all present it), written as PEM files."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "pmdesk test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=1))
          .not_valid_after(now + dt.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                 x509.DNSName("localhost")]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = (folder / "ca.pem", folder / "cert.pem", folder / "key.pem")
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return paths


@pytest.fixture
def cluster_factory(tmp_path: Path) -> Iterator[Callable[..., LocalCluster]]:
    made: list[LocalCluster] = []

    def make(workers: int = 2, tls: bool = False) -> LocalCluster:
        folder = tmp_path / f"cluster{len(made)}"
        folder.mkdir()
        cluster = LocalCluster(folder, tls=make_certificates(folder) if tls else None)
        made.append(cluster)
        cluster.start_scheduler()
        for _ in range(workers):
            cluster.add_worker()
        return cluster

    yield make
    for cluster in made:
        cluster.close()
