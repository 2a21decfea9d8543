"""Partitioned BATCH_SCORE: one job's input table scored in parallel parts, exactly once.

Used by the Dask executor (service/executors/cluster.py) for large tables. Three steps,
each a function a cluster worker runs with the job's definition and stream:

1. `plan`: checks the job can be split (one export branch, a database source table, an
   export into a database table), splits the source into ranges and creates an empty
   staging table beside the target. Ranges are PostgreSQL ctid (block) ranges, SQLite
   rowid ranges, or - on any other database, and for SQLite tables without a rowid -
   ranges of the table's integer key (a one-column integer primary key, or a unique
   not-null integer column), split evenly between its MIN and MAX.
2. `score_part`: scores one range and appends its rows to the staging table, in one
   transaction per part (a part that fails or is cancelled leaves nothing there).
3. `finish`: applies the job's insertMode from the staging table to the target in ONE
   transaction, so the job's output appears all at once or not at all:
   Drop/Create rename the staging table to the target; Append/Refresh insert its rows
   (Refresh deletes the target's rows first) and drop it.
`drop_staging` removes the staging table of a failed or cancelled job: the target stays
untouched. Rows go between the workers and the database only.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from pmdesk.api.models import Action, InsertMode, JobDefinition
from pmdesk.engine.db import Databases, TableName, TableWriter, find_table, read_chunks
from pmdesk.engine.errors import EngineError

STAGE_PREFIX = "pmdesk_stage_"


@dataclass(frozen=True)
class Part:
    condition: str  # a WHERE clause on the source table (rowid or ctid range)


@dataclass(frozen=True)
class Plan:
    export_node: str
    source_ref: str
    source_table: TableName
    target_ref: str
    target: TableName
    staging: TableName
    mode: InsertMode
    parts: tuple[Part, ...]
    rows_total: int


class _Job:
    """The stream, context and single export branch of a BATCH_SCORE job."""

    def __init__(self, definition: JobDefinition, stream_path: Path,
                 progress: Callable[[int, int | None], None] | None = None,
                 write_ref: str | None = None) -> None:
        from pmdesk.engine.pipeline import (
            Branch,
            Context,
            check_job_nodes,
            resolve_parameters,
        )
        from pmdesk.engine.run import _load

        stream = _load(Path(stream_path), definition)
        check_job_nodes(stream, definition)
        params = resolve_parameters(stream, definition)
        self.dbs = Databases(dict(definition.dbDefinitions))
        if write_ref is not None:
            _write_lock_first(self.dbs.connection(write_ref))
        out_dir = Path(stream_path).parent
        self.ctx = Context(stream, definition, out_dir, params, self.dbs, progress)
        scoring = stream.scoring_export
        names = [e.node for e in definition.setting.exports]
        if scoring is not None and scoring.name not in names:
            names.insert(0, scoring.name)
        names = list(dict.fromkeys(names))
        self.branch = Branch(self.ctx, names[0]) if len(names) == 1 else None
        self.names = names

    def close(self) -> None:
        self.dbs.close()


def _write_lock_first(conn: sa.Connection) -> None:
    """SQLite: take the write lock before this transaction reads anything. Parts writing
    into one SQLite file then wait their turn (the busy timeout) instead of failing at
    once with "database is locked" (a reader upgrading to writer while another writes).
    SQLite has one writer at a time anyway: its parts run one after the other."""
    if conn.dialect.name != "sqlite":
        return
    raw: Any = conn.connection.driver_connection
    raw.execute("COMMIT")  # the deferred BEGIN of Databases, before any statement
    raw.execute("BEGIN IMMEDIATE")


def plan(definition: JobDefinition, stream_path: Path, parts: int, min_rows: int
         ) -> Plan | None:
    """The job's parts and its (created, committed) staging table; None when the job
    cannot or need not be split (it then runs whole, as usual)."""
    if definition.action is not Action.BATCH_SCORE or parts < 2:
        return None
    from pmdesk.engine.modeler.check import whole_job_reason

    if whole_job_reason(definition, Path(stream_path)) is not None:
        return None  # a Modeler stream (a Sample, Partition or Balance counts records)
    job = _Job(definition, stream_path)
    try:
        branch = job.branch
        if branch is None:
            return None
        source = branch.source
        setting = job.ctx.export_for(branch.terminal.name)
        if source.ref is None or source.table is None or setting is None:
            return None
        src_conn = job.dbs.connection(source.ref)
        total = source.count() or 0
        if total < min_rows:
            return None
        ranges = _ranges(src_conn, source.table, parts)
        if ranges is None:
            return None
        conn = job.dbs.connection(setting.odbc.dbRef)
        target = TableName.parse(setting.odbc.table)
        if (conn is src_conn and str(source.table).lower() == str(target).lower()):
            return None  # the whole-job path explains this error
        mode = setting.odbc.insertMode
        existing = find_table(conn, target)
        if mode is InsertMode.CREATE and existing is not None:
            raise EngineError(
                f"export {branch.terminal.name!r} into table {str(target)!r} (Create): the "
                "table already exists; Create never replaces a table (use Drop to replace "
                "it, Refresh or Append to keep it)")
        if mode in (InsertMode.APPEND, InsertMode.REFRESH) and existing is None:
            raise EngineError(
                f"export {branch.terminal.name!r} into table {str(target)!r} "
                f"({mode.value}): the table does not exist; {mode.value} needs an existing "
                "table (use Create or Drop to make it)")
        target = existing or target
        staging = TableName(f"{STAGE_PREFIX}{uuid.uuid4().hex[:12]}", target.schema)
        preview = branch.preview()
        if existing is not None and mode in (InsertMode.APPEND, InsertMode.REFRESH):
            # the target's own columns: the parts' writers map and check as for the target
            TableWriter(conn, target, mode.APPEND, branch.terminal.name).prepare(preview)
            q = _quote(conn, target)
            conn.execute(sa.text(
                f"CREATE TABLE {_quote(conn, staging)} AS SELECT * FROM {q} WHERE 1=0"))  # noqa: S608 (quoted identifiers, our own ranges)
        else:
            TableWriter(conn, staging, InsertMode.CREATE, branch.terminal.name).prepare(preview)
        job.dbs.commit()
        return Plan(branch.terminal.name, source.ref, source.table, setting.odbc.dbRef,
                    target, staging, mode, tuple(Part(c) for c in ranges), total)
    finally:
        job.close()


def _quote(conn: sa.Connection, table: TableName) -> str:
    prep = conn.dialect.identifier_preparer
    name = prep.quote(table.name)
    return f"{prep.quote_schema(table.schema)}.{name}" if table.schema else name


def _ranges(conn: sa.Connection, table: TableName, parts: int) -> list[str] | None:
    """WHERE conditions that cover the table's rows once each; None: it cannot be split."""
    q = _quote(conn, table)
    dialect = conn.dialect.name
    if dialect == "sqlite":
        try:
            lo, hi = conn.execute(sa.text(f"SELECT MIN(rowid), MAX(rowid) FROM {q}")).one()  # noqa: S608 (quoted identifiers, our own ranges)
        except sa.exc.DBAPIError:  # a view or a WITHOUT ROWID table
            return _key_ranges(conn, table, parts)
        if lo is None:
            return None
        return _split("rowid", int(lo), int(hi) + 1, parts)
    if dialect == "postgresql":
        try:
            blocks = conn.execute(sa.text(
                "SELECT pg_relation_size(CAST(:t AS regclass)) / "
                "current_setting('block_size')::bigint"), {"t": q}).scalar_one()
        except sa.exc.DBAPIError:  # a view
            return None
        if not blocks:
            return None
        conditions = []
        step = max(1, -(-int(blocks) // parts))
        for start in range(0, int(blocks), step):
            cond = f"ctid >= '({start},0)'::tid"
            if start + step < int(blocks):
                cond += f" AND ctid < '({start + step},0)'::tid"
            conditions.append(cond)
        return conditions
    return _key_ranges(conn, table, parts)


def integer_key(conn: sa.Connection, table: TableName) -> str | None:
    """The table's integer key: its one-column integer primary key, else a unique index on
    one not-null integer column; None when it has neither (or is a view)."""
    try:
        inspector = sa.inspect(conn)
        columns = {c["name"]: c for c in inspector.get_columns(table.name, schema=table.schema)}
        candidates: list[list[str | None]] = [list(
            inspector.get_pk_constraint(table.name, schema=table.schema)
            .get("constrained_columns") or [])]
        candidates += [list(ix.get("column_names") or []) for ix in
                       inspector.get_indexes(table.name, schema=table.schema) if ix.get("unique")]
        candidates += [list(uc.get("column_names") or []) for uc in
                       inspector.get_unique_constraints(table.name, schema=table.schema)]
    except (sa.exc.DBAPIError, sa.exc.NoSuchTableError, NotImplementedError):
        return None
    for names in candidates:
        if len(names) != 1 or names[0] is None or names[0] not in columns:
            continue
        column = columns[names[0]]
        try:
            is_integer = column["type"].python_type is int
        except NotImplementedError:
            is_integer = False
        primary = names == candidates[0]
        if is_integer and (primary or not column.get("nullable", True)):
            return str(names[0])
    return None


def _key_ranges(conn: sa.Connection, table: TableName, parts: int) -> list[str] | None:
    key = integer_key(conn, table)
    if key is None:
        return None
    column = conn.dialect.identifier_preparer.quote(key)
    lo, hi = conn.execute(sa.text(
        f"SELECT MIN({column}), MAX({column}) FROM {_quote(conn, table)}")).one()  # noqa: S608 (quoted identifiers, our own ranges)
    if lo is None:
        return None
    # a primary key is never NULL; a unique column may hold NULLs only if nullable, and
    # such columns are not chosen: the ranges cover every row
    return _split(column, int(lo), int(hi) + 1, parts)


def _split(column: str, lo: int, hi: int, parts: int) -> list[str]:
    step = max(1, -(-(hi - lo) // parts))
    out = []
    for start in range(lo, hi, step):
        cond = f"{column} >= {start}"
        if start + step < hi:
            cond += f" AND {column} < {start + step}"
        out.append(cond)
    return out


def score_part(definition: JobDefinition, stream_path: Path, the_plan: Plan, index: int,
               progress: Callable[[int], None] | None = None,
               should_stop: Callable[[], bool] | None = None) -> int:
    """Scores part `index` into the staging table in one transaction; its row count."""
    from pmdesk.engine.pipeline import case_fixes, stream_fields

    job = _Job(definition, stream_path, write_ref=the_plan.target_ref)
    try:
        branch = job.branch
        assert branch is not None
        src = job.dbs.connection(the_plan.source_ref)
        condition = the_plan.parts[index].condition
        out = job.dbs.connection(the_plan.target_ref)
        writer = TableWriter(out, the_plan.staging, InsertMode.APPEND, the_plan.export_node)
        wanted = stream_fields(job.ctx)
        first = True
        done = 0
        for chunk in read_chunks(src, the_plan.source_table, where=condition):
            if should_stop is not None and should_stop():
                raise EngineError("cancelled")
            rename = case_fixes(list(map(str, chunk.columns)), wanted)
            chunk = chunk.rename(columns=rename) if rename else chunk
            scored = branch.apply(chunk)
            if first:
                writer.prepare(scored.iloc[0:0] if not scored.empty else scored)
                first = False
            writer.write(scored)
            done += len(chunk)
            if progress is not None:
                progress(done)
        job.dbs.commit()
        return done
    finally:
        job.close()


def finish(definition: JobDefinition, the_plan: Plan) -> None:
    """The job's output, all at once: one transaction from the staging table."""
    dbs = Databases(dict(definition.dbDefinitions))
    try:
        conn = dbs.connection(the_plan.target_ref)
        stage = _quote(conn, the_plan.staging)
        target = _quote(conn, the_plan.target)
        mode = the_plan.mode
        existing = find_table(conn, the_plan.target)
        if mode in (InsertMode.DROP, InsertMode.CREATE):
            if existing is not None:
                if mode is InsertMode.CREATE:
                    raise EngineError(f"table {str(the_plan.target)!r} was created by "
                                      "someone else during the job (Create)")
                conn.execute(sa.text(f"DROP TABLE {target}"))
            name = conn.dialect.identifier_preparer.quote(the_plan.target.name)
            conn.execute(sa.text(f"ALTER TABLE {stage} RENAME TO {name}"))
        else:
            if existing is None:
                raise EngineError(f"table {str(the_plan.target)!r} was dropped during the job")
            cols = [c["name"] for c in sa.inspect(conn).get_columns(
                the_plan.staging.name, schema=the_plan.staging.schema)]
            prep = conn.dialect.identifier_preparer
            names = ", ".join(prep.quote(c) for c in cols)
            if mode is InsertMode.REFRESH:
                conn.execute(sa.text(f"DELETE FROM {target}"))  # noqa: S608 (quoted identifiers, our own ranges)
            conn.execute(sa.text(f"INSERT INTO {target} ({names}) SELECT {names} FROM {stage}"))  # noqa: S608 (quoted identifiers, our own ranges)
            conn.execute(sa.text(f"DROP TABLE {stage}"))
        dbs.commit()
    finally:
        dbs.close()


def drop_staging(definition: JobDefinition, the_plan: Plan) -> None:
    dbs = Databases(dict(definition.dbDefinitions))
    try:
        conn = dbs.connection(the_plan.target_ref)
        conn.execute(sa.text(f"DROP TABLE IF EXISTS {_quote(conn, the_plan.staging)}"))
        dbs.commit()
    finally:
        dbs.close()


def describe(the_plan: Plan) -> dict[str, Any]:
    return {"parts": len(the_plan.parts), "rows": the_plan.rows_total,
            "staging": str(the_plan.staging)}
