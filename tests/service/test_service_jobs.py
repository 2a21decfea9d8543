"""The job calls of the contract over real HTTP: codes, answers, errors, ETags, results."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.jobs import SECRET, definition, status, wait_state
from helpers.original_examples import ORIGINAL_EXAMPLE
from helpers.server import EngineSamples, LiveServer

from pmdesk.api.models import MASK


def test_post_put_get_list_delete(shared_server: LiveServer) -> None:
    s = shared_server
    r = s.request("POST", "/pm/v1/jobs/job-a", json=definition())
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == "job-a" and body["action"] == "RUN_STREAM"
    assert body["status"]["jobStatus"] == "PENDING"
    assert body["dbDefinitions"]["db1"]["password"] == MASK

    r = s.request("POST", "/pm/v1/jobs/job-a", json=definition())
    assert r.status_code == 409
    assert r.json()["message"] == ("a job 'job-a' exists already; use PUT to resubmit it or "
                                   "DELETE it first")

    assert s.request("PUT", "/pm/v1/jobs/job-b", json=definition()).status_code == 201
    assert s.request("PUT", "/pm/v1/jobs/job-b", json=definition()).status_code == 200

    listed = s.request("GET", "/pm/v1/jobs").json()
    ids = [j["id"] for j in listed]
    assert "job-a" in ids and "job-b" in ids
    assert all("jobStatus" in j["status"] for j in listed)

    got = s.request("GET", "/pm/v1/jobs/job-a").json()
    assert got["model"] == {"id": "missing.str"}
    assert got["dbDefinitions"]["db1"]["password"] == MASK
    assert got["setting"]["parameterOverride"] == [{"name": "p1", "value": "v1"}]

    # the stream does not exist: the job fails with a message that says so
    failed = wait_state(s, "job-a", "FAILED")
    assert failed["message"] == "stream file 'missing.str' does not exist (deleted?)"
    assert failed["submitted"].endswith("Z") and failed["finished"].endswith("Z")
    assert "dataUrl" not in failed
    # the trailing slash lists the same jobs (compared once both have settled, so that
    # a status change between the two calls cannot make them differ)
    wait_state(s, "job-b", "FAILED")
    assert s.request("GET", "/pm/v1/jobs/").json() == s.request("GET", "/pm/v1/jobs").json()

    r = s.request("DELETE", "/pm/v1/jobs/job-a,job-b,job-nope")
    assert r.status_code == 200
    assert r.json() == {"deleted": 2, "message": "deleted 2 of 3 job(s); not found: job-nope"}
    for path in ("/pm/v1/jobs/job-a", "/pm/v1/jobs/job-a/status", "/pm/v1/jobs/job-a/result"):
        r = s.request("GET", path)
        assert r.status_code == 404 and r.json()["message"] == "no job 'job-a'"
    assert s.request("DELETE", "/pm/v1/jobs/job-a").json()["deleted"] == 0


# The original document's examples, exactly as printed (they are not valid JSON).
ORIGINAL_FULL_EXAMPLE = ORIGINAL_EXAMPLE
ORIGINAL_INPUTS = """{"inputs": [
     {
          "odbc": {
               "dbRef”; "db2",
               "table": "DRUG1N",
          },
          "node": "ScoreInput",
          "attributes": []
     }
]}"""


@pytest.mark.parametrize(("body", "expected"), [
    (ORIGINAL_FULL_EXAMPLE, ["line 5, column 11", "a comma is missing"]),
    (ORIGINAL_FULL_EXAMPLE.replace('"id": "str2"', '"id": "str2",'),
     ["line 22", "curly quote", "';' stands where ':' belongs"]),
    (ORIGINAL_INPUTS, ["line 4", "curly quote", "';' stands where ':' belongs"]),
    ('{"action": "TRAINING", "model": {"id": "a"},}', ["trailing comma before '}'"]),
    ('{"action"; "TRAINING"}', ["';' stands where ':' belongs"]),
    ('{"action": "TRAINING", "setting": {"inputs": [],]}}', ["trailing comma before ']'"]),
    ("", ["the request body is empty"]),
    ("[1, 2]", ["must be a JSON object"]),
])
def test_malformed_json_is_400_naming_the_mistake(shared_server: LiveServer, body: str,
                                                  expected: list[str]) -> None:
    for method in ("POST", "PUT"):
        r = shared_server.request(method, "/pm/v1/jobs/bad-json", content=body.encode(),
                                  headers={"Content-Type": "application/json"})
        assert r.status_code == 400, r.text
        message = r.json()["message"]
        for part in expected:
            assert part in message, message
    assert shared_server.request("GET", "/pm/v1/jobs/bad-json").status_code == 404


@pytest.mark.parametrize(("body", "expected"), [
    ({"action": "FLY", "model": {"id": "a"}}, "action: 'FLY' is not allowed"),
    ({"action": "TRAINING"}, "model: is required"),
    ({"action": "BATCH_SCORE", "model": {"id": "a"}}, "BATCH_SCORE needs at least one input"),
    ({"action": "TRAINING", "model": {"id": "a/b"}}, "model.id: the model id may not contain"),
])
def test_invalid_definitions_are_400(shared_server: LiveServer, body: dict[str, object],
                                     expected: str) -> None:
    r = shared_server.request("POST", "/pm/v1/jobs/invalid", json=body)
    assert r.status_code == 400
    assert expected in r.json()["message"]


def test_masked_password_is_kept_on_resubmit_and_refused_for_new_jobs(
        shared_server: LiveServer) -> None:
    s = shared_server
    fetched = None
    assert s.request("PUT", "/pm/v1/jobs/mask-1", json=definition()).status_code == 201
    fetched = s.request("GET", "/pm/v1/jobs/mask-1").json()
    assert fetched["dbDefinitions"]["db1"]["password"] == MASK
    wait_state(s, "mask-1", "FAILED")
    assert s.request("PUT", "/pm/v1/jobs/mask-1", json=fetched).status_code == 200
    r = s.request("POST", "/pm/v1/jobs/mask-2", json=fetched)
    assert r.status_code == 400 and "send the real password" in r.json()["message"]


def test_etag_and_304_for_list_and_status(shared_server: LiveServer) -> None:
    s = shared_server
    s.request("PUT", "/pm/v1/jobs/etag-1", json=definition())
    wait_state(s, "etag-1", "FAILED")
    r = s.request("GET", "/pm/v1/jobs")
    etag = r.headers["etag"]
    r2 = s.request("GET", "/pm/v1/jobs", headers={"If-None-Match": etag})
    assert r2.status_code == 304 and r2.content == b"" and r2.headers["etag"] == etag
    st = s.request("GET", "/pm/v1/jobs/etag-1/status")
    st2 = s.request("GET", "/pm/v1/jobs/etag-1/status",
                    headers={"If-None-Match": st.headers["etag"]})
    assert st2.status_code == 304
    s.request("PUT", "/pm/v1/jobs/etag-1", json=definition())  # a change
    assert s.request("GET", "/pm/v1/jobs", headers={"If-None-Match": etag}).status_code == 200
    assert s.request("GET", "/pm/v1/jobs/etag-1/status",
                     headers={"If-None-Match": st.headers["etag"]}).status_code == 200


@pytest.mark.slow
def test_success_has_a_data_url_to_one_zip(shared_server: LiveServer,
                                           engine_samples: EngineSamples) -> None:
    s = shared_server
    r = s.request("PUT", "/pm/v1/file/drug.pmstream",
                  files={"model_file": ("drug.pmstream", engine_samples.stream.read_bytes())})
    assert r.status_code == 200
    job = engine_samples.definition("RUN_STREAM", "drug.pmstream")
    assert s.request("PUT", "/pm/v1/jobs/run-1", json=job).status_code == 201
    done = wait_state(s, "run-1", "SUCCESS", "FAILED", timeout=120)
    assert done["jobStatus"] == "SUCCESS", done.get("message")
    assert done["dataUrl"] == "/pm/v1/jobs/run-1/result"
    assert done["started"] >= done["submitted"] and done["finished"] >= done["started"]
    assert "message" not in done
    r = s.request("GET", done["dataUrl"])
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert names, "the result zip is empty"
    assert s.request("GET", done["dataUrl"], key=None).status_code == 401


@pytest.mark.slow
def test_auto_refresh_replaces_the_stream_and_keeps_the_old_one(
        shared_server: LiveServer, engine_samples: EngineSamples) -> None:
    s = shared_server
    original = engine_samples.stream.read_bytes()
    s.request("PUT", "/pm/v1/file/refresh.pmstream",
              files={"model_file": ("refresh.pmstream", original)})
    job = engine_samples.definition("AUTO_REFRESH", "refresh.pmstream")
    assert s.request("PUT", "/pm/v1/jobs/refresh-1", json=job).status_code == 201
    done = wait_state(s, "refresh-1", "SUCCESS", "FAILED", timeout=120)
    assert done["jobStatus"] == "SUCCESS", done.get("message")
    current = s.request("GET", "/pm/v1/file/refresh.pmstream").content
    assert current != original
    versions = s.request("GET", "/pm/v1/file/refresh.pmstream/versions").json()
    assert len(versions) == 1
    assert versions[0]["reason"] == "replaced by AUTO_REFRESH job refresh-1"
    assert versions[0]["size"] == len(original)
    v = versions[0]["version"]
    assert s.request("GET", f"/pm/v1/file/refresh.pmstream/versions/{v}").content == original
    r = s.request("POST", f"/pm/v1/file/refresh.pmstream/versions/{v}/restore")
    assert r.status_code == 200 and r.json()["flag"] is True
    assert s.request("GET", "/pm/v1/file/refresh.pmstream").content == original
    versions = s.request("GET", "/pm/v1/file/refresh.pmstream/versions").json()
    assert len(versions) == 2  # the refreshed copy was kept when the restore replaced it
    assert s.request("GET", f"/pm/v1/file/refresh.pmstream/versions/"
                            f"{versions[0]['version']}").content == current


def test_job_whose_stream_is_deleted_fails_clearly(shared_server: LiveServer) -> None:
    s = shared_server
    s.request("PUT", "/pm/v1/file/gone.str", files={"model_file": ("gone.str", b"x")})
    s.request("DELETE", "/pm/v1/file/gone.str")
    s.request("PUT", "/pm/v1/jobs/gone-1", json=definition("gone.str"))
    assert wait_state(s, "gone-1", "FAILED")["message"] == (
        "stream file 'gone.str' does not exist (deleted?)")
    assert status(s, "gone-1")["jobStatus"] == "FAILED"


def test_engine_failure_is_failed_with_its_message(shared_server: LiveServer) -> None:
    s = shared_server
    s.request("PUT", "/pm/v1/file/notastream.str",
              files={"model_file": ("notastream.str", b"this is no stream")})
    s.request("PUT", "/pm/v1/jobs/bad-stream", json=definition("notastream.str"))
    failed = wait_state(s, "bad-stream", "FAILED", "SUCCESS", timeout=60)
    assert failed["jobStatus"] == "FAILED"
    assert failed["message"] and "Traceback" not in failed["message"]
    assert SECRET not in failed["message"]


@pytest.mark.slow
def test_upload_during_auto_refresh_keeps_both(server_factory: Callable[..., LiveServer],
                                               engine_samples: EngineSamples
                                               ) -> None:
    # the job waits 3 s after taking its private copy of the stream; meanwhile a user
    # uploads a new version, which must survive as a kept version
    s = server_factory(env={"PMDESK_TEST_JOB_DELAY": "3"})
    original = engine_samples.stream.read_bytes()
    s.request("PUT", "/pm/v1/file/race.pmstream", files={"model_file": ("r", original)})
    job = engine_samples.definition("AUTO_REFRESH", "race.pmstream")
    assert s.request("PUT", "/pm/v1/jobs/race", json=job).status_code == 201
    wait_state(s, "race", "RUNNING")
    s.request("PUT", "/pm/v1/file/race.pmstream", files={"model_file": ("r", b"user's upload")})
    done = wait_state(s, "race", "SUCCESS", "FAILED", timeout=120)
    assert done["jobStatus"] == "SUCCESS", done.get("message")
    current = s.request("GET", "/pm/v1/file/race.pmstream").content
    assert current not in (original, b"user's upload")
    versions = s.request("GET", "/pm/v1/file/race.pmstream/versions").json()
    assert [v["size"] for v in versions] == [len(b"user's upload")]
    assert s.request("GET", f"/pm/v1/file/race.pmstream/versions/"
                            f"{versions[0]['version']}").content == b"user's upload"


@pytest.mark.slow
def test_seed_samples_once(server_factory: Callable[..., LiveServer], tmp_path: Path) -> None:
    data = tmp_path / "seeded"
    s = server_factory(data, extra_args=["--seed-samples"],
                       keys=["seed-key-one-1234", "seed-key-two-5678"])
    for key in s.keys:
        assert s.request("GET", "/pm/v1/file", key=key).json() == ["drug.pmstream"]
    assert s.request("DELETE", "/pm/v1/file/drug.pmstream").status_code == 200
    s.stop()
    s2 = server_factory(data, extra_args=["--seed-samples"], keys=s.keys)
    assert s2.request("GET", "/pm/v1/file").json() == []  # not seeded again
    assert s2.request("GET", "/pm/v1/file", key=s.keys[1]).json() == ["drug.pmstream"]
