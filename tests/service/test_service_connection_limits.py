"""Header size and header/body time are bounded (issue 11 item 7)."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator

import pytest
from helpers.server import LiveServer


def _answer(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
    return int(lines[0].split()[1]), headers, body


@pytest.fixture(scope="module")
def bounded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path_factory.mktemp("bounded") / "data",
                        extra_args=["--header-timeout", "1.5", "--body-timeout", "1.5"])
    server.start()
    yield server
    server.stop()


def test_oversized_headers_answer_431_and_close(bounded: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", bounded.port), timeout=30) as sock:
        sock.sendall(f"GET /pm/v1/file?accesskey={bounded.key} HTTP/1.1\r\nHost: x\r\n"
                     .encode())
        try:
            for _ in range(64):  # up to 4 MB of one header, sent until the server refuses
                sock.sendall(b"X-Big: " + b"a" * 65536 + b"\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        status, headers, body = _answer(sock)
    assert status == 431
    assert headers["connection"] == "close"
    assert "larger than 64 KB" in json.loads(body)["message"]


def test_ordinary_headers_still_work(bounded: LiveServer) -> None:
    r = bounded.request("GET", "/pm/v1/file", headers={"X-Fine": "a" * 8000})
    assert r.status_code == 200


def test_headers_that_never_finish_answer_408(bounded: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", bounded.port), timeout=30) as sock:
        sock.sendall(b"GET /pm/v1/file HTTP/1.1\r\nHost: x\r\n")
        for _ in range(10):  # a trickle that would keep a per-read timeout from firing
            time.sleep(0.3)
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except (BrokenPipeError, ConnectionResetError):
                break
        status, headers, body = _answer(sock)
    assert status == 408 and headers["connection"] == "close"
    assert "headers did not arrive" in json.loads(body)["message"]


def test_a_stalled_body_answers_408_and_stores_nothing(bounded: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", bounded.port), timeout=30) as sock:
        head = b'--b\r\nContent-Disposition: form-data; name="model_file"; filename="x"\r\n\r\n'
        sock.sendall(f"PUT /pm/v1/file/stalled.str?accesskey={bounded.key} HTTP/1.1\r\n"
                     "Host: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                     f"Content-Length: {len(head) + 1000}\r\n\r\n".encode() + head)
        status, _, body = _answer(sock)  # then nothing more is sent
    assert status == 408
    assert "body stopped arriving" in json.loads(body)["message"]
    assert bounded.request("GET", "/pm/v1/file/stalled.str").status_code == 404
    files = next((bounded.data_dir / "instances").glob("*/files"))
    deadline = time.monotonic() + 10
    while list(files.glob(".upload-*")):
        assert time.monotonic() < deadline, "the partial upload was not removed"
        time.sleep(0.05)


def test_an_idle_connection_is_closed(bounded: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", bounded.port), timeout=30) as sock:
        assert sock.recv(1) == b""  # closed by the server, without an answer
