"""A restart after kill -9 leaves nothing behind (issue 11 item 5)."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

from helpers.server import LiveServer


def test_restart_removes_partial_uploads_and_run_working_copies(
        server_factory: Callable[..., LiveServer]) -> None:
    s = server_factory()
    assert s.request("PUT", "/pm/v1/file/kept.str",
                     files={"model_file": ("k", b"kept")}).status_code == 200
    head = (b'--b\r\nContent-Disposition: form-data; name="model_file"; filename="x"\r\n\r\n'
            + b"x" * 200_000)
    with socket.create_connection(("127.0.0.1", s.port)) as sock:
        sock.sendall(f"PUT /pm/v1/file/big.str?accesskey={s.key} HTTP/1.1\r\nHost: x\r\n"
                     "Content-Type: multipart/form-data; boundary=b\r\n"
                     f"Content-Length: {len(head) + 10_000_000}\r\n\r\n".encode() + head)
        files_dir = next((s.data_dir / "instances").glob("*/files"))
        deadline = time.monotonic() + 30
        while not list(files_dir.glob(".upload-*.tmp")):
            assert time.monotonic() < deadline, "the upload never reached its temp file"
            time.sleep(0.05)
        s.kill()  # kill -9 mid-upload
    assert list(files_dir.glob(".upload-*.tmp"))
    # what a job killed with the service leaves in its run folder (made by hand: the run
    # would have to be killed at exactly this point)
    run = files_dir.parent / "runs" / "0123abcd"
    for part in ("pinned/drug.pmstream", "stream/drug.pmstream", "out/scores.csv"):
        (run / part).parent.mkdir(parents=True, exist_ok=True)
        (run / part).write_bytes(b"working copy")
    (run / "result.zip.part").write_bytes(b"half a zip")
    done = files_dir.parent / "runs" / "4567cdef"
    done.mkdir()
    (done / "result.zip").write_bytes(b"a finished job's result")
    s.start()
    assert list(files_dir.glob(".upload-*.tmp")) == []
    assert not run.exists()
    assert (done / "result.zip").read_bytes() == b"a finished job's result"
    assert s.request("GET", "/pm/v1/file").json() == ["kept.str"]
