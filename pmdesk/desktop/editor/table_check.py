"""Before a job is sent: does each export's insert mode fit its target table?

Append and Refresh need the table, Create fails when it exists; finding that out after the
job ran is the trap. Qt-free, run in a Task at submit time with the passwords the flow
holds. A database this machine cannot reach is skipped: the server may reach it.
The editor's Table cell lists a database's tables with the same read-only look.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pmdesk.api.drivers import ConnectionSettingsError, database_url
from pmdesk.api.models import MASK, DbDefinition, InsertMode, JobDefinition

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TableFit:
    index: int  # position of the export in setting.exports
    ref: str
    table: str
    mode: InsertMode
    exists: bool
    columns: list[str] = field(default_factory=list)

    @property
    def fits(self) -> bool:
        if self.exists:
            return self.mode is not InsertMode.CREATE
        return self.mode in (InsertMode.CREATE, InsertMode.DROP)

    @property
    def suggested(self) -> InsertMode:
        """The mode to use instead: Create for a new table, Drop to replace an existing one."""
        if self.fits:
            return self.mode
        return InsertMode.DROP if self.exists else InsertMode.CREATE


def _looking_url(db: DbDefinition) -> URL | None:
    """The URL to look at a database with (None: a SQLite file that does not exist yet).
    Built by the one URL builder; SQLite is opened read-only, since looking must never
    create or change a database."""
    url = database_url("check", db)
    if db.type == "SQLite":
        path = Path(db.db or "").expanduser()
        if not path.is_file():
            return None  # the job creates the file
        url = url.set(database=f"file:{path.as_posix()}?mode=ro", query={"uri": "true"})
    return url


def table_names(db: DbDefinition) -> list[str]:
    """The tables of the database, sorted, for the editor's Table cell (a SQLite file that
    does not exist has none). Raises when the database cannot be reached; run it in a Task."""
    import sqlalchemy as sa

    url = _looking_url(db)
    if url is None:
        return []
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        return sorted(sa.inspect(engine).get_table_names(), key=str.lower)
    finally:
        engine.dispose()


def _columns(db: DbDefinition, table: str) -> list[str] | None:
    """The table's column names, or None when it does not exist. Raises when unreachable."""
    import sqlalchemy as sa

    url = _looking_url(db)
    if url is None:
        return None
    schema, _, name = table.rpartition(".")
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        inspector = sa.inspect(engine)
        if not inspector.has_table(name, schema=schema or None):
            return None
        return [c["name"] for c in inspector.get_columns(name, schema=schema or None)]
    finally:
        engine.dispose()


def check_exports(definition: JobDefinition, passwords: dict[str, str]) -> list[TableFit]:
    """What is known about each export's table (exports whose database is unreachable from
    here are left out)."""
    import sqlalchemy.exc

    found = []
    for i, export in enumerate(definition.setting.exports):
        ref, table = export.odbc.dbRef, export.odbc.table
        db = definition.dbDefinitions.get(ref)
        if db is None or not table:
            continue
        password = passwords.get(ref)
        db = db.model_copy(update={"password": None if password in (None, MASK) else password})
        try:
            columns = _columns(db, table)
        except (sqlalchemy.exc.SQLAlchemyError, ConnectionSettingsError, ImportError,
                OSError) as exc:
            log.info("cannot look at %s in %s from here: %s", table, ref, type(exc).__name__)
            continue
        found.append(TableFit(i, ref, table, export.odbc.insertMode, columns is not None,
                              columns or []))
    return found
