"""Which SQLite files the jobs of an instance may open (issue 11 item 1).

A job's SQLite `db` is a path on the service's machine. Never, whatever the host: the
service's own files (the whole data dir but its `databases` and `samples` folders), or
one key's job could replace the jobs table of every key. On loopback anything else is
allowed (the analyst's own machine); off loopback only the `--sqlite-root` folders, which
an operator may set per access key (env PMDESK_SQLITE_ROOTS_BY_KEY, see docs/api.md).

The rule itself is the engine's (`sqlite_path_problem`): the service applies it at
submit, so a bad path is a 400, and the engine again just before opening the file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pmdesk.api.models import JobDefinition
from pmdesk.engine.db import (
    SQLITE_EXEMPT_ENV,
    SQLITE_PRIVATE_ENV,
    SQLITE_ROOTS_ENV,
    sqlite_path_problem,
)
from pmdesk.service.config import ServiceConfig

ROOTS_BY_KEY_ENV = "PMDESK_SQLITE_ROOTS_BY_KEY"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
EXEMPT_FOLDERS = ("databases", "samples")


def roots_by_key_from_env() -> tuple[tuple[str, tuple[Path, ...]], ...]:
    """PMDESK_SQLITE_ROOTS_BY_KEY='{"KEY": ["/dir", ...], ...}'; SystemExit when malformed."""
    text = os.environ.get(ROOTS_BY_KEY_ENV, "").strip()
    if not text:
        return ()
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or not all(
                isinstance(v, list) and all(isinstance(d, str) and d for d in v)
                for v in data.values()):
            raise ValueError
    except ValueError:
        raise SystemExit(f"pmdesk serve: {ROOTS_BY_KEY_ENV} must be a JSON object of access "
                         'key -> list of folders, e.g. {"KEY": ["/srv/db"]}') from None
    return tuple((str(key), tuple(Path(d).expanduser().resolve() for d in dirs))
                 for key, dirs in data.items())


def default_roots(host: str, given: list[Path], data_dir: Path) -> tuple[Path, ...] | None:
    """The --sqlite-root folders; off loopback without any, DATA_DIR/databases."""
    roots = [Path(r).expanduser().resolve() for r in given]
    if not roots and host not in LOOPBACK:
        roots = [data_dir / "databases"]
    return tuple(roots) if roots else None


class SqlitePolicy:
    """The rule for one instance."""

    def __init__(self, data_dir: Path, roots: tuple[Path, ...] | None) -> None:
        self.private = [data_dir]
        self.exempt = [data_dir / name for name in EXEMPT_FOLDERS]
        self.roots = None if roots is None else [*roots, data_dir / "samples"]

    def problems(self, definition: JobDefinition) -> list[str]:
        out = []
        for ref, db in definition.dbDefinitions.items():
            if db.type != "SQLite" or not db.db:
                continue
            problem, _ = sqlite_path_problem(db.db, db.options, self.roots, self.private,
                                             self.exempt)
            if problem:
                out.append(f"dbDefinitions.{ref}.db: {problem}")
        return out


def policies(config: ServiceConfig) -> tuple[SqlitePolicy, dict[str, SqlitePolicy]]:
    """The default policy and those of the keys given their own roots (by access key)."""
    default = SqlitePolicy(config.data_dir, config.sqlite_roots)
    by_key = {key: SqlitePolicy(config.data_dir, roots)
              for key, roots in config.sqlite_roots_by_key}
    return default, by_key


def export_to_engine(config: ServiceConfig) -> None:
    """What the job processes (which inherit the environment) check before opening a file:
    the service's own folder always; the union of every key's roots when all have some
    (each key's own roots are enforced at submit)."""
    data_dir = config.data_dir
    os.environ[SQLITE_PRIVATE_ENV] = str(data_dir)
    os.environ[SQLITE_EXEMPT_ENV] = os.pathsep.join(str(data_dir / n) for n in EXEMPT_FOLDERS)
    default, by_key = policies(config)
    every = [default, *by_key.values()]
    if any(p.roots is None for p in every):
        os.environ.pop(SQLITE_ROOTS_ENV, None)
    else:
        union = dict.fromkeys(str(r) for p in every for r in p.roots or ())
        os.environ[SQLITE_ROOTS_ENV] = os.pathsep.join(union)
