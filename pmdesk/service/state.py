"""The service's shared state: configuration, instances, stored files, jobs and workers.

Built once at start-up by the app's lifespan and reached by routes through deps.py.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field

from pmdesk.service.config import ServiceConfig
from pmdesk.service.crypto import SecretBox
from pmdesk.service.filestore import TEMP_PREFIX, FileStore
from pmdesk.service.instances import Instance, Instances
from pmdesk.service.jobsdb import JobsDB, now_iso
from pmdesk.service.pool import WorkerPool
from pmdesk.service.sqlite_access import SqlitePolicy, policies

log = logging.getLogger("pmdesk.service")

DB_FILE = "jobs.sqlite3"


RUN_WORK_PARTS = ("pinned", "stream", "out")  # a run's working copies; result.zip stays


def clean_leftovers(instances: Instances) -> int:
    """What a killed service left behind (issue 11 item 5): partial uploads (.upload-*.tmp)
    and the working copies in run folders. Runs at start-up, when no job or upload is live."""
    removed = 0
    for inst in instances.all():
        for temp in inst.files_dir.glob(f"{TEMP_PREFIX}*.tmp"):
            temp.unlink(missing_ok=True)
            removed += 1
        for run in (p for p in inst.runs_dir.iterdir() if p.is_dir()):
            for part in RUN_WORK_PARTS:
                if (run / part).exists():
                    shutil.rmtree(run / part, ignore_errors=True)
                    removed += 1
            for partial in run.glob("*.part"):
                partial.unlink(missing_ok=True)
                removed += 1
            if not any(run.iterdir()):
                run.rmdir()
    return removed


@dataclass
class Service:
    config: ServiceConfig
    instances: Instances
    files: FileStore
    db: JobsDB
    box: SecretBox
    pool: WorkerPool
    # instance ns -> (rev, the rendered GET /pm/v1/jobs body at that rev); see routes_jobs
    list_cache: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    # (ns, job id) -> (instance rev it is valid for, ETag, body); see routes_jobs.job_status
    status_cache: dict[tuple[str, str], tuple[int | None, str, bytes]] = field(
        default_factory=dict)
    sqlite_default: SqlitePolicy | None = None  # None: built from config on first use
    sqlite_by_ns: dict[str, SqlitePolicy] = field(default_factory=dict)

    def sqlite_policy(self, inst: Instance) -> SqlitePolicy:
        """Where this instance's jobs may open SQLite files (sqlite_access.py)."""
        if self.sqlite_default is None:
            self.sqlite_default, by_key = policies(self.config)
            for key, policy in by_key.items():
                found = self.instances.lookup(key)
                if found is not None:
                    self.sqlite_by_ns[found.ns] = policy
        return self.sqlite_by_ns.get(inst.ns, self.sqlite_default)

    @classmethod
    def open(cls, config: ServiceConfig) -> Service:
        data_dir = config.data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        instances = Instances(data_dir, config.access_keys, config.named_keys)
        files = FileStore()
        db = JobsDB(data_dir / DB_FILE)
        recovered = db.recover(f"the service stopped while this job was running (restart at "
                               f"{now_iso()}); resubmit it")
        if recovered:
            log.warning("%d job(s) were running when the service last stopped: now FAILED",
                        recovered)
        removed = clean_leftovers(instances)
        if removed:
            log.warning("removed %d file(s) or folder(s) a crash left behind (partial "
                        "uploads, working copies of jobs)", removed)
        box = SecretBox.for_data_dir(data_dir)
        pool = WorkerPool(config.workers, data_dir, db, files, instances,
                          test_delay=config.test_job_delay, options=config.extra)
        return cls(config, instances, files, db, box, pool)
