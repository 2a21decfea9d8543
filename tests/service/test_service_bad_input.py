"""Bad input answers 400 with a message and stores nothing; no input reaches a 500
(issue 11 items 2, 4, 11 and 12)."""

from __future__ import annotations

import json
import socket

import httpx
import pytest
from helpers.server import LiveServer

DEFINITION = '{"action": "RUN_STREAM", "model": {"id": "x.str"}, "extra": %s}'

BAD_BODIES = {
    "990 nested arrays": DEFINITION % ("[" * 990 + "]" * 990),
    "500 nested objects": DEFINITION % ('{"a": ' * 500 + "1" + "}" * 500),
    "100,000 nested arrays": "[" * 100_000 + "]" * 100_000,
    "a 5,000-digit number": DEFINITION % ("1" * 5000),
    "a 5,000-digit float": DEFINITION % ("1." + "1" * 5000),
    "NaN": DEFINITION % "NaN",
    "a lone surrogate as the model id": '{"action": "RUN_STREAM", "model": {"id": "\\udfff"}}',
    "a lone surrogate in a key": DEFINITION % '{"\\ud800": 1}',
    "a lone surrogate deep inside": (
        '{"action": "RUN_STREAM", "model": {"id": "x.str"}, "setting": {"parameterOverride":'
        ' [{"name": "p", "value": "a\\ud800b"}]}}'),
}


@pytest.mark.parametrize("name", list(BAD_BODIES))
def test_bad_json_bodies_are_400_and_store_nothing(shared_server: LiveServer,
                                                   name: str) -> None:
    job_id = "bad-" + name.replace(" ", "-").replace(",", "")
    for method in ("POST", "PUT"):
        r = shared_server.request(method, f"/pm/v1/jobs/{job_id}",
                                  content=BAD_BODIES[name].encode(),
                                  headers={"Content-Type": "application/json"})
        assert r.status_code == 400, r.text
        assert r.json()["flag"] is False and r.json()["message"]
        assert shared_server.request("GET", f"/pm/v1/jobs/{job_id}").status_code == 404
    assert job_id not in shared_server.request("GET", "/pm/v1/jobs").text


def test_a_valid_surrogate_pair_is_a_character_and_accepted(shared_server: LiveServer) -> None:
    body = '{"action": "RUN_STREAM", "model": {"id": "x.str"}, "note": "\\ud83d\\ude00"}'
    r = shared_server.request("PUT", "/pm/v1/jobs/pair", content=body.encode(),
                              headers={"Content-Type": "application/json"})
    assert r.status_code == 201, r.text
    assert shared_server.request("GET", "/pm/v1/jobs/pair").json()["note"] == "\U0001f600"


def test_long_multipart_boundary_is_400(shared_server: LiveServer) -> None:
    boundary = "b" * 300
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="model_file"; '
            f'filename="x"\r\n\r\nabc\r\n--{boundary}--\r\n').encode()
    r = shared_server.request("PUT", "/pm/v1/file/longb.str", content=body,
                              headers={"Content-Type": f"multipart/form-data; "
                                                       f"boundary={boundary}"})
    assert r.status_code == 400
    assert "boundary" in r.json()["message"]
    assert shared_server.request("GET", "/pm/v1/file/longb.str").status_code == 404


def _raw(server: LiveServer, target: str) -> tuple[int, dict[str, str]]:
    """One request with the path's bytes exactly as given (httpx would re-quote them)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body)


@pytest.mark.parametrize("raw_id", ["nel%C2%85", "a%FF", "a%FE", "a%C0", "tab%09x",
                                    "del%7F", "a%ED%A0%80"])
def test_ids_with_invalid_utf8_or_control_characters_are_400(shared_server: LiveServer,
                                                             raw_id: str) -> None:
    key = shared_server.key
    for target in (f"/pm/v1/file/{raw_id}", f"/pm/v1/jobs/{raw_id}",
                   f"/pm/v1/jobs/{raw_id}/status"):
        status, body = _raw(shared_server, f"{target}?accesskey={key}")
        assert status == 400, (target, body)
        assert body["message"]
    r = shared_server.request("PUT", f"/pm/v1/file/{raw_id}",
                              files={"model_file": ("x", b"1")})
    assert r.status_code == 400
    assert shared_server.request("GET", "/pm/v1/file").json() == [] or all(
        "\ufffd" not in f and "\x85" not in f
        for f in shared_server.request("GET", "/pm/v1/file").json())


def test_405_allow_names_every_method_of_the_path(shared_server: LiveServer) -> None:
    r = shared_server.request("PATCH", "/pm/v1/jobs/some-job")
    assert r.status_code == 405
    assert {"GET", "POST", "PUT", "DELETE"} <= set(r.headers["allow"].split(", "))
    r = shared_server.request("POST", "/pm/v1/file")
    assert r.status_code == 405 and "GET" in r.headers["allow"]


def test_openapi_lists_the_codes_answered_and_no_422(shared_server: LiveServer) -> None:
    doc = httpx.get(f"{shared_server.url}/openapi.json").json()
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert "422" not in codes, (method, path)
            assert {"200", "400", "401"} <= codes, (method, path)
    assert "409" in doc["paths"]["/pm/v1/jobs/{job_id}"]["put"]["responses"]
    assert "304" in doc["paths"]["/pm/v1/jobs/{job_id}/status"]["get"]["responses"]


def test_invalid_parameters_are_worded_like_every_validation_error(
        shared_server: LiveServer) -> None:
    """FastAPI's parameter checks answer 400 in pmdesk.api.models.describe_validation_error's
    words (issue 13: pydantic errors worded once)."""
    r = shared_server.request("GET", "/pm/v1/jobs", params={"since": "-1"})
    assert r.status_code == 400
    assert r.json() == {"flag": False, "message": "invalid request: since: Input should be "
                                                  "greater than or equal to 0"}
    r = shared_server.request("GET", "/pm/v1/jobs", params={"since": "soon"})
    assert r.status_code == 400
    assert r.json()["message"].startswith("invalid request: since: Input should be a valid "
                                          "integer")
