"""The suite's guard against leaked resources (pyproject's filterwarnings, tests/conftest.py):
a test that leaves a socket or a file for the garbage collector fails, as in napari's and
qutebrowser's suites, instead of printing a ResourceWarning nobody reads.

The leaking tests run in a child pytest with this repository's own pytest configuration, so
the guard is checked as the suite really runs, not as a copy of it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

LEAKY = '''
import gc
import socket


def test_closes_its_socket():
    with socket.socket():
        pass


def test_leaks_a_socket():
    socket.socket()  # dropped unclosed: CPython warns from the socket's finaliser


def test_leaks_a_socket_in_a_cycle():
    holder = {"sock": socket.socket()}
    holder["self"] = holder
    del holder
    gc.collect()


def test_leaks_a_file(tmp_path):
    (tmp_path / "f").write_text("x")
    (tmp_path / "f").open()
'''


def run_child(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_leaky.py").write_text(source, encoding="utf-8")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONWARNINGS", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(REPO / "pyproject.toml"),
         "--rootdir", str(tmp_path), "-p", "no:cacheprovider", "-q", "-rA",
         str(tmp_path / "test_leaky.py")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_a_test_that_leaks_a_socket_or_a_file_fails(tmp_path: Path) -> None:
    result = run_child(tmp_path, LEAKY)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "PASSED test_leaky.py::test_closes_its_socket" in out
    for name in ("test_leaks_a_socket", "test_leaks_a_socket_in_a_cycle", "test_leaks_a_file"):
        assert f"FAILED test_leaky.py::{name} " in out, out
    assert "ResourceWarning: unclosed <socket.socket" in out
    assert "ResourceWarning: unclosed file" in out
