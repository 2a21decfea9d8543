"""PMClient against the real service: every call, streamed transfers, typed errors."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
import tracemalloc
from pathlib import Path

import pytest
from helpers.server import EngineSamples, LiveServer

from pmdesk.api.client import PMClient
from pmdesk.api.errors import (
    CancelledError,
    ConflictError,
    InvalidRequestError,
    NotFoundError,
    PMError,
    UnauthorizedError,
)
from pmdesk.api.models import MASK, JobDefinition, JobState, JobStatus

SECRET = "client-test-password-77"


def definition(model_id: str = "none.str") -> JobDefinition:
    return JobDefinition.parse({
        "action": "TRAINING", "model": {"id": model_id, "name": "out.str"},
        "dbDefinitions": {"d": {"type": "SQLite", "db": "/nowhere.db", "password": SECRET}},
    })


def wait_status(client: PMClient, job_id: str, *states: JobState, timeout: float = 120
                ) -> JobStatus:
    deadline = time.monotonic() + timeout
    while True:
        st = client.job_status(job_id)
        if st.jobStatus in states:
            return st
        assert time.monotonic() < deadline, f"{job_id} still {st.jobStatus}"
        time.sleep(0.1)


def test_file_calls(shared_server: LiveServer, tmp_path: Path) -> None:
    src = tmp_path / "s.str"
    src.write_bytes(b"stream bytes")
    with shared_server.client() as c:
        c.ping()
        message = c.upload_file("one.str", src)
        assert message == "stream file 'one.str' stored (12 bytes)"
        info = next(f for f in c.list_files() if f.id == "one.str")
        assert info.size == 12 and info.uploaded is not None
        out = c.download_file("one.str", tmp_path / "dl")
        assert out.read_bytes() == b"stream bytes"
        folder = tmp_path / "folder"
        folder.mkdir()
        assert c.download_file("one.str", folder) == folder / "one.str"
        assert c.file_versions("one.str") == []
        c.delete_file("one.str")
        with pytest.raises(NotFoundError, match=r"no stream file 'one\.str'") as err:
            c.delete_file("one.str")
        assert err.value.status == 404
        with pytest.raises(NotFoundError):
            c.download_file("one.str", tmp_path / "nope")
        assert not (tmp_path / "nope").exists()
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
        with pytest.raises(InvalidRequestError, match="may not contain"):
            c.upload_file("a/b", src)


def test_job_calls(shared_server: LiveServer) -> None:
    with shared_server.client() as c:
        d = definition()
        c.submit_job("cj-1", d)
        with pytest.raises(ConflictError, match="exists already"):
            c.submit_job("cj-1", d)
        assert c.put_job("cj-2", d) is True
        wait_status(c, "cj-2", JobState.FAILED)  # a job is replaced once it has ended
        assert c.put_job("cj-2", d) is False
        got = c.get_job("cj-1")
        assert got.model.id == "none.str" and got.dbDefinitions["d"].password == MASK
        summaries = {j.id: j for j in c.list_jobs()}
        assert {"cj-1", "cj-2"} <= set(summaries)
        assert summaries["cj-1"].status is not None
        st = wait_status(c, "cj-1", JobState.FAILED)
        assert st.message == "stream file 'none.str' does not exist (deleted?)"
        assert st.submitted is not None and st.submitted.tzinfo is not None
        with pytest.raises(NotFoundError, match="has no result"):
            c.download_result(st, Path("unused"))
        # ETags
        jobs, etag = c.list_jobs_if_changed(None)
        assert jobs is not None and etag
        assert c.list_jobs_if_changed(etag) == (None, etag)
        status, setag = c.job_status_if_changed("cj-1", None)
        assert status is not None and c.job_status_if_changed("cj-1", setag) == (None, setag)
        assert c.delete_jobs(["cj-1", "cj-2", "cj-404"]) == 2
        with pytest.raises(NotFoundError):
            c.job_status("cj-1")
        with pytest.raises(NotFoundError):
            c.get_job("cj-1")
        assert c.delete_jobs([]) == 0


def test_unauthorized_and_key_from_a_callable(shared_server: LiveServer) -> None:
    with PMClient(shared_server.url, "not-the-key") as c:
        with pytest.raises(UnauthorizedError, match="not valid") as err:
            c.ping()
        assert "not-the-key" not in str(err.value) + repr(err.value)
    current = {"key": "wrong"}
    with PMClient(shared_server.url, lambda: current["key"]) as c:
        with pytest.raises(UnauthorizedError):
            c.list_files()
        current["key"] = shared_server.key
        c.list_files()  # the callable is asked at each call


def test_large_upload_streams_with_progress(shared_server: LiveServer, tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    with big.open("wb") as f:
        for _ in range(20):
            f.write(os.urandom(1024 * 1024))
    seen: list[tuple[int, int]] = []
    tracemalloc.start()
    try:
        with shared_server.client() as c:
            c.upload_file("big.bin", big, progress=lambda done, total: seen.append((done, total)))
            _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, f"the upload held {peak} bytes at once"
    assert seen[0] == (0, big.stat().st_size) and seen[-1] == (20 * 2**20, 20 * 2**20)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    got: list[tuple[int, int | None]] = []
    tracemalloc.start()
    try:
        with shared_server.client() as c:
            out = c.download_file("big.bin", tmp_path / "back.bin",
                                  progress=lambda d, t: got.append((d, t)))
            _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, f"the download held {peak} bytes at once"
    assert got[-1] == (20 * 2**20, 20 * 2**20)
    assert hashlib.sha256(out.read_bytes()).digest() == hashlib.sha256(big.read_bytes()).digest()


def test_cancelled_upload_keeps_the_stored_copy(shared_server: LiveServer,
                                                tmp_path: Path) -> None:
    src = tmp_path / "v1.str"
    src.write_bytes(b"version one")
    big = tmp_path / "big.str"
    big.write_bytes(os.urandom(4 * 1024 * 1024))
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done > 1024 * 1024:
            cancel.set()

    with shared_server.client() as c:
        c.upload_file("cancel.str", src)
        with pytest.raises(CancelledError):
            c.upload_file("cancel.str", big, progress=progress, cancel=cancel)
        dest = c.download_file("cancel.str", tmp_path / "check.str")
        assert dest.read_bytes() == b"version one"
        cancel2 = threading.Event()
        cancel2.set()
        with pytest.raises(CancelledError):
            c.download_file("cancel.str", tmp_path / "never.str", cancel=cancel2)
        assert not (tmp_path / "never.str").exists()


def test_key_never_logged_or_in_errors(shared_server: LiveServer, tmp_path: Path,
                                       caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    errors: list[PMError] = []
    with shared_server.client() as c:
        c.list_files()
        for call in (lambda: c.get_job("missing"), lambda: c.delete_file("missing"),
                     lambda: c.download_file("missing", tmp_path / "x")):
            try:
                call()
            except PMError as exc:
                errors.append(exc)
    assert len(errors) == 3
    text = caplog.text + "".join(str(e) + repr(e) for e in errors)
    assert "accesskey=***" in caplog.text  # httpx did log the URLs, masked
    assert shared_server.key not in text


@pytest.mark.slow
def test_result_download(shared_server: LiveServer, engine_samples: EngineSamples,
                         tmp_path: Path) -> None:
    with shared_server.client() as c:
        c.upload_file("drug.pmstream", engine_samples.stream)
        job = JobDefinition.parse(engine_samples.definition("RUN_STREAM", "drug.pmstream"))
        c.put_job("client-run", job)
        st = wait_status(c, "client-run", JobState.SUCCESS, JobState.FAILED)
        assert st.jobStatus is JobState.SUCCESS, st.message
        zip_path = c.download_result("client-run", tmp_path / "result.zip")
        assert zip_path.read_bytes()[:2] == b"PK"
        again = c.download_result(st, tmp_path / "again.zip")
        assert again.read_bytes() == zip_path.read_bytes()


def test_list_jobs_changes(live_server: LiveServer) -> None:
    from pmdesk.api.client import JobChanges

    with live_server.client() as c:
        first = c.list_jobs_changes(None)
        assert first == JobChanges(rev=0, jobs=[], deleted=[], full=True)
        c.submit_job("ch-1", definition())
        c.submit_job("ch-2", definition())
        wait_status(c, "ch-1", JobState.FAILED)
        wait_status(c, "ch-2", JobState.FAILED)
        full = c.list_jobs_changes(None)
        assert full.full and [j.id for j in full.jobs] == ["ch-1", "ch-2"]
        assert full.jobs[1].status is not None
        assert full.jobs[1].status.jobStatus == JobState.FAILED
        assert c.list_jobs_changes(full.rev) == JobChanges(full.rev, [], [], False)
        assert full.etag
        unchanged = c.list_jobs_changes(full.rev, full.etag)  # a 304
        assert unchanged == JobChanges(full.rev, [], [], False)
        assert unchanged.etag == full.etag
        assert c.delete_jobs(["ch-1"]) == 1
        delta = c.list_jobs_changes(full.rev)
        assert delta.rev > full.rev and not delta.full
        assert delta.jobs == [] and delta.deleted == ["ch-1"]


class _PlainListServer:
    """A stand-in for a server without `?since=` (a literal or an older PMDesk), which the
    PMDesk service cannot be made to act as: it answers the plain array whatever the query,
    or a fixed status."""

    def __init__(self, status: int = 200) -> None:
        import json
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.paths: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.paths.append(self.path)
                body = json.dumps([{"id": "j", "action": "RUN_STREAM",
                                    "model": {"id": "s.str"}}] if status == 200
                                  else {"message": "no such call"}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(10)


@pytest.mark.parametrize("status", [200, 400, 404])
def test_list_jobs_changes_on_a_server_without_it(status: int) -> None:
    from pmdesk.api.client import ChangesNotSupported

    server = _PlainListServer(status)
    try:
        with PMClient(server.url, "k", retries=0) as c:
            with pytest.raises(ChangesNotSupported, match="cannot list changes"):
                c.list_jobs_changes(7)
            assert server.paths and "since=7" in server.paths[0]
            if status == 200:
                assert [j.id for j in c.list_jobs()] == ["j"]  # the plain call still works
    finally:
        server.close()
