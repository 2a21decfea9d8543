"""Access keys and secrets: 401s, isolation, nothing secret in logs, answers or the DB."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from helpers.jobs import SECRET, definition, wait_state
from helpers.server import LiveServer

from pmdesk.api.models import MASK


def test_missing_or_unknown_key_is_401_json(shared_server: LiveServer) -> None:
    for key, expected in ((None, "an access key is required: add ?accesskey=KEY to the URL"),
                          ("wrong-key", "the access key is not valid for this service")):
        for method, path in (("GET", "/pm/v1/file"), ("GET", "/pm/v1/jobs"),
                             ("DELETE", "/pm/v1/jobs/a"), ("PUT", "/pm/v1/file/x.str"),
                             ("GET", "/pm/v1/jobs/a/status")):
            r = shared_server.request(method, path, key=key)
            assert r.status_code == 401
            assert r.json() == {"flag": False, "message": expected}


def test_each_key_is_its_own_instance(server_factory: Callable[..., LiveServer]) -> None:
    # one key from the environment, one from --access-key
    s = server_factory(keys=["key-one-aaaaaaaa"], extra_args=["--access-key",
                                                              "key-two-bbbbbbbb"])
    one, two = "key-one-aaaaaaaa", "key-two-bbbbbbbb"
    assert s.request("PUT", "/pm/v1/file/mine.str", key=one,
                     files={"model_file": ("mine.str", b"1")}).status_code == 200
    assert s.request("PUT", "/pm/v1/jobs/job1", key=one,
                     json=definition("mine.str")).status_code == 201
    assert s.request("GET", "/pm/v1/file", key=two).json() == []
    assert s.request("GET", "/pm/v1/jobs", key=two).json() == []
    for method, path in (("GET", "/pm/v1/file/mine.str"), ("DELETE", "/pm/v1/file/mine.str"),
                         ("GET", "/pm/v1/jobs/job1"), ("GET", "/pm/v1/jobs/job1/status")):
        assert s.request(method, path, key=two).status_code == 404
    assert s.request("DELETE", "/pm/v1/jobs/job1", key=two).json()["deleted"] == 0
    # the same id in the other instance is a different job
    assert s.request("POST", "/pm/v1/jobs/job1", key=two,
                     json=definition("x.str")).status_code == 200
    assert s.request("GET", "/pm/v1/file/mine.str", key=one).content == b"1"
    # neither key is written anywhere in the data dir
    for stored in s.data_dir.rglob("*"):
        if stored.is_file():
            data = stored.read_bytes()
            assert one.encode() not in data and two.encode() not in data, stored
        assert one not in str(stored) and two not in str(stored)


def test_secrets_stay_out_of_answers_logs_and_database(live_server: LiveServer) -> None:
    s = live_server
    assert s.request("PUT", "/pm/v1/jobs/secret", json=definition()).status_code == 201
    wait_state(s, "secret", "FAILED")
    answers = [s.request("GET", "/pm/v1/jobs/secret").text, s.request("GET", "/pm/v1/jobs").text,
               s.request("GET", "/pm/v1/jobs/secret/status").text]
    for text in answers:
        assert SECRET not in text
    assert MASK in answers[0]
    # a failing request and a bad key still leave no secret in the log
    s.request("GET", "/pm/v1/nothing")
    s.request("GET", "/pm/v1/file", key="another-wrong-key")
    s.stop()  # flush and close the database and the log
    log = s.log_text()
    assert "accesskey=********" in log
    assert s.key not in log and SECRET not in log and "another-wrong-key" not in log
    for path in s.data_dir.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    key_file = s.data_dir / "secret.key"
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_serve_without_a_key_says_how_to_give_one(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PMDESK_ACCESS_KEYS"}
    r = subprocess.run([sys.executable, "-m", "pmdesk", "serve", "--data-dir", str(tmp_path)],
                       env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode != 0
    assert "no access key given; pass --access-key KEY or set PMDESK_ACCESS_KEYS" in r.stderr
    assert "Traceback" not in r.stderr


def test_log_masks_the_accesskey_value_only(server_factory: Callable[..., LiveServer]) -> None:
    """A short key must not be replaced wherever its letters occur (issue 11 item 8)."""
    s = server_factory(keys=["ka"])
    s.request("GET", "/pm/v1/kaka/site-packages")
    s.request("GET", "/pm/v1/file", params={"x": "1"})
    s.stop()
    log = s.log_text()
    assert "/pm/v1/kaka/site-packages?accesskey=******** " in log
    assert "/pm/v1/file?x=1&accesskey=******** " in log
    assert "accesskey=ka" not in log and "pac***ges" not in log


def test_redact_masks_plain_and_percent_encoded_values() -> None:
    from pmdesk.service.logs import redact

    assert (redact("GET /a?accesskey=s3cr%26t&b=2 next=/x%3Faccesskey%3Dabc%26y")
            == "GET /a?accesskey=********&b=2 next=/x%3Faccesskey%3D********")


def test_worker_messages_use_the_one_redaction() -> None:
    """A job's failure text loses its passwords (longest first, so no tail of one survives)
    and any access key, with the API's one mask (pmdesk.api.redact)."""
    from pmdesk.service.worker import _scrub

    text = _scrub("login pw-long failed (pw) at /x?accesskey=k1&y=2", ["pw", "pw-long", ""])
    assert text == f"login {MASK} failed ({MASK}) at /x?accesskey={MASK}&y=2"
