"""Thousands of stored jobs, cheaply: written into the service's jobs database before it starts.

Through the API every job would run (the service starts one process per job), so 10,000
jobs would take many minutes. The benchmarks measure reading them, so they are written with
the service's own JobsDB class (the same rows, masks and revisions it writes itself) while
the service is stopped; finished jobs are claimed and finished, active ones stay PENDING.
The jobs' stream is uploaded first and the service then starts with PMDESK_TEST_JOB_DELAY,
so the jobs its workers claim sleep instead of failing: the number of active jobs (and the
list's ETag) stays put while a benchmark measures.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.common import NotAvailable, Server, pmdesk_server, require_attr, server_key

JOB_DEFINITION: dict[str, Any] = {
    "action": "BATCH_SCORE",
    "model": {"id": "drug-tree.pmstream", "name": "drug-tree-scored.pmstream"},
    "dbDefinitions": {"local": {"type": "SQLite", "db": "samples.db"}},
    "setting": {
        "inputs": [{"odbc": {"dbRef": "local", "table": "DRUG1N"}, "node": "DRUG1N",
                    "attributes": []}],
        "exports": [{"odbc": {"dbRef": "local", "table": "DRUGSCORES", "insertMode": "Drop"},
                     "node": "scores", "attributes": []}],
        "parameterOverride": [],
    },
}
SLEEP_ENV = {"PMDESK_TEST_JOB_DELAY": "3600"}


def _jobs_db_path(data_dir: Path) -> Path:
    for path in sorted(data_dir.glob("*.db")) + sorted(data_dir.glob("*.sqlite*")):
        try:
            with sqlite3.connect(path) as con:
                if con.execute("SELECT 1 FROM sqlite_master WHERE name='jobs'").fetchone():
                    return path
        except sqlite3.Error:
            continue
    raise NotAvailable(f"no jobs database found in {data_dir} after a first start")


def jobs_db(data_dir: Path, key: str) -> tuple[Any, str]:
    """The service's jobs database (a second writer, as its worker pool is) and the key's ns."""
    jobs_db_cls = require_attr("pmdesk.service.jobsdb", "JobsDB", "the service's jobs database")
    instances_cls = require_attr("pmdesk.service.instances", "Instances", "the service")
    ns = instances_cls(data_dir, (key,)).lookup(key).ns
    return jobs_db_cls(_jobs_db_path(data_dir)), ns


def seeded_server(data_dir: Path, finished: int, active: int, prefix: str = "job-",
                  ) -> tuple[Server, float]:
    """A started `pmdesk serve` whose instance holds `finished` + `active` jobs.

    Returns the server and the seconds the seeding took. Active jobs are the last ones.
    """
    job_state = require_attr("pmdesk.api.models", "JobState", "the wire models")
    server = pmdesk_server(data_dir)
    key = server_key(server)
    server.start()  # creates the data dir layout and the jobs database
    try:  # the stream the jobs name: a worker copies it first, then sleeps the test delay
        r = httpx.put(f"{server.url}/pm/v1/file/{JOB_DEFINITION['model']['id']}",
                      params={"accesskey": key}, timeout=60,
                      files={"model_file": ("stream.pmstream", b"PK\x05\x06" + bytes(18))})
        if r.status_code != 200:
            raise NotAvailable(f"uploading the jobs' stream answered HTTP {r.status_code}")
    finally:
        server.stop()
    t0 = time.perf_counter()
    db, ns = jobs_db(data_dir, key)
    try:
        for i in range(finished):
            job_id = f"{prefix}{i:05d}"
            db.submit(ns, job_id, JOB_DEFINITION, {}, replace=True)
            row = db.claim_next()
            db.finish(ns, row.id, row.run_id, job_state.FAILED,
                      message="stream file 'drug-tree.pmstream' does not exist")
        for i in range(finished, finished + active):
            db.submit(ns, f"{prefix}{i:05d}", JOB_DEFINITION, {}, replace=True)
    finally:
        db.close()
    seconds = time.perf_counter() - t0
    server.env.update(SLEEP_ENV)
    server.start()
    return server, seconds
