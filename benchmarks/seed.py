"""Thousands of stored jobs, cheaply: written into the service's jobs database before it starts.

Through the API every job would run (the service starts one process per job), so 10,000
jobs would take many minutes. The benchmarks measure reading them, so they are written with
the service's own JobsDB class (the same rows, masks and revisions it writes itself) while
the service is stopped; finished jobs are claimed and finished, active ones stay PENDING.
The service then starts with PMDESK_TEST_JOB_DELAY, so the jobs its workers claim sleep
instead of finishing: the number of active jobs stays put while a benchmark measures.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

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


def seeded_server(data_dir: Path, finished: int, active: int, prefix: str = "job-",
                  ) -> tuple[Server, float]:
    """A started `pmdesk serve` whose instance holds `finished` + `active` jobs.

    Returns the server and the seconds the seeding took. Active jobs are the last ones.
    """
    jobs_db_cls = require_attr("pmdesk.service.jobsdb", "JobsDB", "the service's jobs database")
    instances_cls = require_attr("pmdesk.service.instances", "Instances", "the service")
    job_state = require_attr("pmdesk.api.models", "JobState", "the wire models")
    server = pmdesk_server(data_dir)
    key = server_key(server)
    server.start()  # creates the data dir layout and the jobs database
    server.stop()
    t0 = time.perf_counter()
    ns = instances_cls(data_dir, (key,)).lookup(key).ns
    db = jobs_db_cls(_jobs_db_path(data_dir))
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
