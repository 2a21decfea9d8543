"""The stream file calls of the contract, over real HTTP against `pmdesk serve`."""

from __future__ import annotations

import hashlib
import json
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from helpers.server import LiveServer


def upload(server: LiveServer, file_id: str, data: bytes, *, field: str = "model_file",
           key: str | None = "") -> httpx.Response:
    return server.request("PUT", f"/pm/v1/file/{file_id}", key=key,
                          files={field: (file_id, data, "application/octet-stream")})


def test_upload_list_download_replace_delete(shared_server: LiveServer) -> None:
    s = shared_server
    r = upload(s, "flow.str", b"first version")
    assert r.status_code == 200
    assert r.json() == {"flag": True, "message": "stream file 'flow.str' stored (13 bytes)",
                        "url": "/pm/v1/file/flow.str"}
    assert "flow.str" in s.request("GET", "/pm/v1/file").json()
    assert "flow.str" in s.request("GET", "/pm/v1/file/").json()  # the original's spelling
    details = s.request("GET", "/pm/v1/file", params={"details": "true"}).json()
    entry = next(d for d in details if d["id"] == "flow.str")
    assert entry["size"] == 13 and entry["uploaded"].endswith("Z")

    r = s.request("GET", "/pm/v1/file/flow.str")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/octet-stream"
    assert r.content == b"first version"

    assert upload(s, "flow.str", b"second").status_code == 200  # silently replaced
    assert s.request("GET", "/pm/v1/file/flow.str").content == b"second"

    r = s.request("DELETE", "/pm/v1/file/flow.str")
    assert r.status_code == 200 and r.json()["flag"] is True
    assert "flow.str" not in s.request("GET", "/pm/v1/file").json()
    for method in ("GET", "DELETE"):
        r = s.request(method, "/pm/v1/file/flow.str")
        assert r.status_code == 404
        assert r.json()["message"] == "no stream file 'flow.str'"


def test_non_ascii_and_zero_byte_files(shared_server: LiveServer) -> None:
    s = shared_server
    assert upload(s, "藥物模型.str", b"").status_code == 200
    r = s.request("GET", "/pm/v1/file/藥物模型.str")
    assert r.status_code == 200 and r.content == b""
    assert "藥物模型.str" in s.request("GET", "/pm/v1/file").json()


@pytest.mark.parametrize(("raw_path", "expected"), [
    ("/pm/v1/file/a%2Fb", "may not contain '/'"),
    ("/pm/v1/file/%2E%2E", "may not start or end with a dot"),
    ("/pm/v1/file/x%00y", "U+0000"),
    ("/pm/v1/file/" + "a" * 129, "longer than 128"),
    ("/pm/v1/file/a%5Cb", "may not contain '\\\\'"),
    ("/pm/v1/jobs/a%2Fb/status", "may not contain '/'"),
    ("/pm/v1/jobs/..%2F..%2Fetc", "may not contain '/'"),
])
def test_path_trick_ids_are_refused_with_a_reason(shared_server: LiveServer, raw_path: str,
                                                  expected: str) -> None:
    # a raw socket: httpx would normalise the dots and the escapes away
    status, body = raw_get(shared_server, f"{raw_path}?accesskey={shared_server.key}")
    assert status == 400, body
    assert expected in json.loads(body)["message"]


def raw_get(server: LiveServer, target: str) -> tuple[int, str]:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode("utf-8", "replace")


def test_upload_without_model_file_field_is_refused(shared_server: LiveServer) -> None:
    r = shared_server.request("PUT", "/pm/v1/file/nofield.str",
                              data={"other": "x"}, files={"other2": ("f", b"x")})
    # a file part under another name is not taken for the stream (issue 11 item 12)
    assert r.status_code == 400
    assert "'model_file'" in r.json()["message"] and "'other2'" in r.json()["message"]
    assert shared_server.request("GET", "/pm/v1/file/nofield.str").status_code == 404
    r = shared_server.request("PUT", "/pm/v1/file/nofield2.str", data={"other": "x"})
    assert r.status_code == 400
    assert "model_file" in r.json()["message"]
    r = shared_server.request("PUT", "/pm/v1/file/raw.str", content=b"raw body")
    assert r.status_code == 400 and "multipart/form-data" in r.json()["message"]


def test_two_model_file_parts_are_refused_and_nothing_is_stored(
        shared_server: LiveServer) -> None:
    body = b"".join(
        b'--b\r\nContent-Disposition: form-data; name="model_file"; filename="x"\r\n\r\n'
        + part + b"\r\n" for part in (b"first", b"second")) + b"--b--\r\n"
    r = shared_server.request("PUT", "/pm/v1/file/twice.str", content=body,
                              headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert r.status_code == 400
    assert "more than one 'model_file'" in r.json()["message"]
    assert shared_server.request("GET", "/pm/v1/file/twice.str").status_code == 404


def test_over_limit_upload_is_413_and_keeps_the_stored_copy(
        server_factory: Callable[..., LiveServer]) -> None:
    s = server_factory(extra_args=["--max-upload-mb", "1"])
    assert upload(s, "big.str", b"kept").status_code == 200
    r = upload(s, "big.str", os.urandom(1024 * 1024 + 1))
    assert r.status_code == 413
    assert "1 MB" in r.json()["message"]
    assert s.request("GET", "/pm/v1/file/big.str").content == b"kept"
    # without a Content-Length (chunked), the limit is met while streaming
    def chunks() -> Iterator[bytes]:
        yield b'--b\r\nContent-Disposition: form-data; name="model_file"; filename="x"\r\n\r\n'
        for _ in range(20):
            yield b"x" * 100_000
        yield b"\r\n--b--\r\n"
    r = s.request("PUT", "/pm/v1/file/big.str", content=chunks(),
                  headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert r.status_code == 413
    assert s.request("GET", "/pm/v1/file/big.str").content == b"kept"
    leftovers = [p for p in s.data_dir.rglob(".upload-*")]
    assert leftovers == []


def test_interrupted_upload_leaves_the_stored_copy_intact(live_server: LiveServer) -> None:
    s = live_server
    assert upload(s, "model.str", b"the good copy").status_code == 200
    body_start = (b'--bnd\r\nContent-Disposition: form-data; name="model_file"; '
                  b'filename="model.str"\r\n\r\n' + b"broken" * 10_000)
    with socket.create_connection(("127.0.0.1", s.port), timeout=10) as sock:
        sock.sendall((f"PUT /pm/v1/file/model.str?accesskey={s.key} HTTP/1.1\r\nHost: x\r\n"
                      "Content-Type: multipart/form-data; boundary=bnd\r\n"
                      "Content-Length: 10000000\r\n\r\n").encode() + body_start)
    # the connection is gone mid-body; the next request sees the old copy
    assert s.request("GET", "/pm/v1/file/model.str").content == b"the good copy"
    # a body that ends without its closing boundary is refused too
    r = s.request("PUT", "/pm/v1/file/model.str", content=body_start,
                  headers={"Content-Type": "multipart/form-data; boundary=bnd"})
    assert r.status_code == 400 and "closing boundary" in r.json()["message"]
    assert s.request("GET", "/pm/v1/file/model.str").content == b"the good copy"
    deadline_files = [p.name for p in (s.data_dir / "instances").rglob(".upload-*")]
    assert deadline_files == []


def test_stored_file_is_byte_identical(shared_server: LiveServer, tmp_path: Path) -> None:
    data = os.urandom(3 * 1024 * 1024 + 17)
    assert upload(shared_server, "random.bin", data).status_code == 200
    got = shared_server.request("GET", "/pm/v1/file/random.bin").content
    assert hashlib.sha256(got).hexdigest() == hashlib.sha256(data).hexdigest()
    assert int(shared_server.request("GET", "/pm/v1/file/random.bin").headers[
        "content-length"]) == len(data)


def test_versions_are_listed_downloaded_and_restored(shared_server: LiveServer) -> None:
    s = shared_server
    assert upload(s, "ver.str", b"v1").status_code == 200
    assert s.request("GET", "/pm/v1/file/ver.str/versions").json() == []
    assert s.request("POST", "/pm/v1/file/ver.str/versions/nope/restore").status_code == 404
    assert s.request("GET", "/pm/v1/file/nothere.str/versions").status_code == 404


def test_openapi_document_is_served(shared_server: LiveServer) -> None:
    r = httpx.get(f"{shared_server.url}/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    paths = doc["paths"]
    assert "/pm/v1/file/{file_id}" in paths and "/pm/v1/jobs/{job_id}/status" in paths
    upload_body = paths["/pm/v1/file/{file_id}"]["put"]["requestBody"]["content"]
    assert "model_file" in upload_body["multipart/form-data"]["schema"]["properties"]
    assert "JobDefinition" in doc["components"]["schemas"]


def test_unknown_call_answers_json(shared_server: LiveServer) -> None:
    r = shared_server.request("GET", "/pm/v1/nothing")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/json"
    assert "is not a call of this API" in r.json()["message"]
    r = shared_server.request("PATCH", "/pm/v1/file/x.str")
    assert r.status_code == 405 and "PATCH" in r.json()["message"]


def test_unexpected_failure_is_500_json(live_server: LiveServer) -> None:
    # a real fault: the instance's files folder replaced by a plain file
    files_dir = next((live_server.data_dir / "instances").iterdir()) / "files"
    files_dir.rmdir()
    files_dir.write_bytes(b"not a folder")
    r = live_server.request("GET", "/pm/v1/file")
    assert r.status_code == 500
    assert r.headers["content-type"] == "application/json"
    assert r.json() == {"flag": False, "message": "the service failed on this request "
                        "(NotADirectoryError); the server log has the details"}
    assert live_server.key not in live_server.log_text()
