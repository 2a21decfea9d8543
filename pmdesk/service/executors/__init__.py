"""Where jobs run: the seam between the job lifecycle (pool.py) and the executors.

The lifecycle (claim, prepare, run started, progress, cancel, finish, crash recovery) is
written once in pool.py; an executor only runs a prepared job somewhere and reports back.
Two executors: `embedded` (pre-started warm worker processes on the service's host) and
`dask` (the workers of a Dask distributed cluster, `pmdesk serve --cluster`).
"""

from __future__ import annotations

from pmdesk.service.executors.base import Executor, ExecutorError, ExecutorEvents, PreparedJob

__all__ = ["Executor", "ExecutorError", "ExecutorEvents", "PreparedJob", "make_executor"]


def make_executor(workers: int, options: dict[str, str]) -> Executor:
    """The executor `pmdesk serve` was asked for: a cluster when options name one."""
    address = options.get("cluster")
    if address:
        from pmdesk.service.executors.cluster import DaskExecutor

        return DaskExecutor(address, options)
    from pmdesk.service.executors.embedded import EmbeddedExecutor

    return EmbeddedExecutor(workers,
                            max_jobs=int(options.get("recycle_jobs", "200")),
                            max_growth_mb=float(options.get("recycle_mb", "1024")))
