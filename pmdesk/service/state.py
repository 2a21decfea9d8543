"""The service's shared state: configuration, instances, stored files, jobs and workers.

Built once at start-up by the app's lifespan and reached by routes through deps.py.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from pmdesk.service.config import ServiceConfig
from pmdesk.service.crypto import SecretBox
from pmdesk.service.filestore import FileStore
from pmdesk.service.instances import Instance, Instances
from pmdesk.service.jobsdb import JobsDB, now_iso
from pmdesk.service.pool import WorkerPool
from pmdesk.service.sqlite_access import SqlitePolicy, policies

log = logging.getLogger("pmdesk.service")

DB_FILE = "jobs.sqlite3"


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
        box = SecretBox.for_data_dir(data_dir)
        pool = WorkerPool(config.workers, data_dir, db, files, instances,
                          test_delay=config.test_job_delay)
        return cls(config, instances, files, db, box, pool)
