"""`pmdesk jobs|files|schedules` run as scripts run them: a real process against a real
`pmdesk serve`, checked by exit code, stdout and stderr."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers.jobs import definition, wait_for
from helpers.server import EngineSamples, LiveServer, free_port

from pmdesk.scripting import cli


def run(server: LiveServer | None, *args: str, env: dict[str, str] | None = None,
        stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("PMDESK_")}
    base["PMDESK_REPO"] = os.environ.get("PMDESK_REPO", "")
    if server is not None:
        base.update(PMDESK_URL=server.url, PMDESK_ACCESS_KEY=server.key)
    return subprocess.run([sys.executable, "-m", "pmdesk", *args], env={**base, **(env or {})},
                          input=stdin, capture_output=True, text=True, timeout=timeout,
                          check=False)


def popen(server: LiveServer, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PMDESK_URL": server.url, "PMDESK_ACCESS_KEY": server.key}
    return subprocess.Popen([sys.executable, "-m", "pmdesk", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def write(tmp_path: Path, name: str, data: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_submit_wait_list_runs_log_on_a_real_job(live_server: LiveServer,
                                                 engine_samples: EngineSamples,
                                                 tmp_path: Path) -> None:
    s = live_server
    up = run(s, "files", "put", str(engine_samples.stream))
    assert up.returncode == 0, up.stderr
    job = write(tmp_path, "score.json", engine_samples.definitions["BATCH_SCORE"])
    done = run(s, "jobs", "submit", "score", job, "--wait", "--interval", "0.2")
    assert done.returncode == cli.OK, done.stderr
    assert done.stdout == "SUCCESS\n"
    assert "score: SUCCESS" in done.stderr  # progress lines (not a terminal: no bar)

    listed = run(s, "jobs", "list", "--json")
    assert listed.returncode == 0
    jobs = json.loads(listed.stdout)
    assert [j["id"] for j in jobs] == ["score"]
    assert jobs[0]["status"]["jobStatus"] == "SUCCESS"
    table = run(s, "jobs", "list").stdout.splitlines()
    assert table[0].split()[:3] == ["ID", "STATUS", "ACTION"]
    assert table[1].split()[:3] == ["score", "SUCCESS", "BATCH_SCORE"]

    again = run(s, "jobs", "submit", "score", job, "--put", "--wait", "--json", "-q")
    assert again.returncode == 0 and again.stderr == "job 'score' resubmitted\n"
    assert json.loads(again.stdout)["jobStatus"] == "SUCCESS"
    runs = json.loads(run(s, "jobs", "runs", "score", "--json").stdout)
    assert [(r["runId"], r["current"]) for r in runs] == [("2", True), ("1", False)]
    log = run(s, "jobs", "log", "score", "--run", "1")
    assert log.returncode == 0 and "run 1 (started by api)" in log.stdout
    assert "end: SUCCESS" in log.stdout
    follow = run(s, "jobs", "log", "score", "--follow")
    assert follow.returncode == 0 and follow.stdout.count("end: SUCCESS") == 1
    shown = json.loads(run(s, "jobs", "show", "score").stdout)
    assert shown["action"] == "BATCH_SCORE"
    status = run(s, "jobs", "status", "score")
    assert status.stdout.startswith("SUCCESS\n") and "rows:" in status.stdout


def test_exit_codes_say_what_went_wrong(live_server: LiveServer, tmp_path: Path) -> None:
    s = live_server
    bad_stream = tmp_path / "bad.str"
    bad_stream.write_bytes(b"not a stream")
    assert run(s, "files", "put", str(bad_stream)).returncode == 0
    job = write(tmp_path, "bad.json", definition("bad.str"))
    failed = run(s, "jobs", "submit", "bad", job, "--wait", "--interval", "0.2")
    assert failed.returncode == cli.FAILED
    assert failed.stdout.startswith("FAILED: ")
    waited = run(s, "jobs", "wait", "bad", "--json")
    assert waited.returncode == cli.FAILED and json.loads(waited.stdout)["jobStatus"] == "FAILED"

    conflict = run(s, "jobs", "submit", "bad", job)  # POST: the id exists
    assert conflict.returncode == cli.REFUSED and "exists already" in conflict.stderr
    missing = run(s, "jobs", "status", "nope")
    assert missing.returncode == cli.NOT_FOUND and "no job 'nope'" in missing.stderr
    wrong_key = run(s, "jobs", "list", env={"PMDESK_ACCESS_KEY": "wrong-key-123"})
    assert wrong_key.returncode == cli.UNAUTHORIZED
    assert "wrong-key-123" not in wrong_key.stderr
    gone = run(None, "jobs", "list", "--url", f"http://127.0.0.1:{free_port()}",
               env={"PMDESK_ACCESS_KEY": "k"})
    assert gone.returncode == cli.UNREACHABLE and "cannot connect" in gone.stderr
    not_json = write(tmp_path, "x.json", "x")[:-5] + ".txt"
    Path(not_json).write_text("{", encoding="utf-8")
    unreadable = run(s, "jobs", "submit", "y", not_json)
    assert unreadable.returncode == cli.USAGE and "is not JSON" in unreadable.stderr
    assert run(s, "jobs", "frobnicate").returncode == cli.USAGE
    for result in (failed, waited, conflict, missing, wrong_key, gone, unreadable):
        assert "Traceback" not in result.stderr


def test_a_key_is_never_an_argument(live_server: LiveServer) -> None:
    refused = run(live_server, "jobs", "list", f"--key={live_server.key}")
    assert refused.returncode == cli.USAGE and "never accepted as an argument" in refused.stderr
    assert live_server.key not in refused.stderr
    no_key = run(None, "jobs", "list", "--url", live_server.url)
    assert no_key.returncode == cli.USAGE and "PMDESK_ACCESS_KEY" in no_key.stderr
    unset = run(live_server, "jobs", "list", "--key-env", "PMDESK_NOT_SET_ANYWHERE")
    assert unset.returncode == cli.USAGE and "PMDESK_NOT_SET_ANYWHERE" in unset.stderr
    named = run(None, "jobs", "list", "--json", "--url", live_server.url, "--key-env", "MY_KEY",
                env={"MY_KEY": live_server.key})
    assert named.returncode == 0 and json.loads(named.stdout) == []


@pytest.mark.keyring
def test_a_profile_saved_by_the_app_gives_url_and_key(live_server: LiveServer,
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMDESK_CONFIG_DIR", str(tmp_path / "config"))
    from pmdesk.desktop.app import make_settings
    from pmdesk.desktop.secrets import SecretStore
    from pmdesk.desktop.servers import ProfileStore, ServerProfile

    secrets_ = SecretStore()
    if not secrets_.available:
        pytest.skip("no Secret Service here")
    store = ProfileStore(make_settings(), secrets_)  # type: ignore[arg-type]
    store.save([*store.profiles(), ServerProfile("Team", live_server.url)])
    secrets_.set("server", "Team", live_server.key)
    try:
        env = {"PMDESK_CONFIG_DIR": str(tmp_path / "config")}
        ok = run(None, "files", "list", "--json", "--profile", "Team", env=env)
        assert ok.returncode == 0, ok.stderr
        assert json.loads(ok.stdout) == []
        unknown = run(None, "files", "list", "--profile", "Nope", env=env)
        assert unknown.returncode == cli.USAGE and "no server profile 'Nope'" in unknown.stderr
        local = run(None, "files", "list", "--profile", "Local", env=env)
        assert local.returncode == cli.USAGE and "--url" in local.stderr
    finally:
        secrets_.delete("server", "Team")


def test_files_and_schedules(live_server: LiveServer, tmp_path: Path) -> None:
    s = live_server
    src = tmp_path / "a.str"
    src.write_bytes(b"abc" * 1000)
    assert run(s, "files", "put", str(src), "named.str").returncode == 0
    files = json.loads(run(s, "files", "list", "--json").stdout)
    assert [(f["id"], f["size"]) for f in files] == [("named.str", 3000)]
    got = run(s, "files", "get", "named.str", str(tmp_path / "back.str"))
    assert got.returncode == 0 and (tmp_path / "back.str").read_bytes() == src.read_bytes()
    assert run(s, "jobs", "submit", "j", write(tmp_path, "j.json", definition("named.str"))
               ).returncode == 0

    made = run(s, "schedules", "put", "nightly", "--job", "j", "--cron", "0 2 * * *",
               "--timezone", "UTC", "--json")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["nextRun"].endswith("T02:00:00Z")
    bad = run(s, "schedules", "put", "x", "--job", "j", "--cron", "61 * * * *")
    assert bad.returncode == cli.REFUSED and "cron: '61 * * * *'" in bad.stderr
    listed = json.loads(run(s, "schedules", "list", "--json").stdout)
    assert [x["id"] for x in listed] == ["nightly"]
    assert "0 2 * * *" in run(s, "schedules", "list").stdout
    assert run(s, "schedules", "delete", "nightly").returncode == 0
    assert run(s, "schedules", "delete", "nightly").returncode == cli.NOT_FOUND
    assert run(s, "files", "delete", "named.str").returncode == 0
    assert run(s, "files", "get", "named.str", str(tmp_path / "x")).returncode == cli.NOT_FOUND


@pytest.fixture
def slow(server_factory: Callable[..., LiveServer], tmp_path: Path) -> tuple[LiveServer, str]:
    server = server_factory(env={"PMDESK_TEST_JOB_DELAY": "120"}, extra_args=["--workers", "1"])
    r = server.request("PUT", "/pm/v1/file/s.str", files={"model_file": ("s.str", b"x")})
    assert r.status_code == 200
    return server, write(tmp_path, "s.json", definition("s.str"))


def test_cancel_ends_a_waiting_submit_with_its_code(slow: tuple[LiveServer, str]) -> None:
    s, job = slow
    waiting = popen(s, "jobs", "submit", "long", job, "--wait", "--interval", "0.2")
    try:
        wait_for(lambda: (r := s.request("GET", "/pm/v1/jobs/long/status")).status_code == 200
                 and r.json()["jobStatus"] == "RUNNING")
        cancelled = run(s, "jobs", "cancel", "long")
        assert cancelled.returncode == 0, cancelled.stderr
        out, err = waiting.communicate(timeout=60)
        assert "Traceback" not in err
    finally:
        waiting.kill()
    assert waiting.returncode == cli.CANCELED
    assert out == "CANCELED: cancelled by a cancel request\n"
    again = run(s, "jobs", "cancel", "long")
    assert again.returncode == cli.REFUSED and "already ended" in again.stderr


def test_ctrl_c_and_a_closed_pipe_end_quietly(slow: tuple[LiveServer, str],
                                              tmp_path: Path) -> None:
    s, job = slow
    assert run(s, "jobs", "submit", "long", job).returncode == 0
    waiting = popen(s, "jobs", "wait", "long")
    try:
        wait_for(lambda: "long: " in (waiting.stderr.readline() if waiting.stderr else ""))
        waiting.send_signal(signal.SIGINT)
        _, err = waiting.communicate(timeout=30)
    finally:
        waiting.kill()
    assert waiting.returncode == cli.INTERRUPTED
    assert "Traceback" not in err and "KeyboardInterrupt" not in err

    big = definition("s.str")
    big["setting"]["parameterOverride"] = [{"name": f"p{i}", "value": "v" * 50}
                                           for i in range(3000)]
    assert run(s, "jobs", "submit", "big", write(tmp_path, "big.json", big)).returncode == 0
    with popen(s, "jobs", "show", "big") as reader:  # its exit closes the pipes
        assert reader.stdout is not None
        reader.stdout.read(10)
        reader.stdout.close()  # like `| head -c 10`
        reader.wait(60)
        err = reader.stderr.read() if reader.stderr else ""
    assert reader.returncode == 0
    assert "Traceback" not in err and "BrokenPipe" not in err
    s.request("POST", "/pm/v1/jobs/long/cancel")
