"""Databases of a job: connecting by contract type, reading in chunks, writing by insertMode.

One connection (and one transaction) per distinct database for the whole job: reads and
writes of the same SQLite file share it (a second connection would deadlock on SQLite's
file lock), and nothing is committed until every export of the job has succeeded.
"""

from __future__ import annotations

import decimal
import itertools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine

from pmdesk.api import drivers
from pmdesk.api.drivers import DRIVERS, ConnectionSettingsError
from pmdesk.api.drivers import UNSUPPORTED as UNSUPPORTED  # re-exported for callers
from pmdesk.api.models import DbDefinition, InsertMode
from pmdesk.api.redact import redact
from pmdesk.engine.errors import EngineError

CHUNK_ROWS = 50_000
_cursor_ids = itertools.count(1)

# The driver table and URL rules are shared with the desktop's connection test.
DIALECTS = DRIVERS  # the older name of the same table


def parse_options(options: str | None) -> dict[str, str]:
    """`Security=SSL;sslmode=require` (or `&`-separated) as driver arguments."""
    try:
        return drivers.parse_options(options)
    except ConnectionSettingsError as exc:
        raise EngineError(str(exc)) from None


SQLITE_ROOTS_ENV = "PMDESK_SQLITE_ROOTS"
# The service's own folder (jobs database, keys, stored streams, runs) and the sub-folders
# of it that hold analysts' databases: set by `pmdesk serve`, read in every job process.
SQLITE_PRIVATE_ENV = "PMDESK_SQLITE_PRIVATE"
SQLITE_EXEMPT_ENV = "PMDESK_SQLITE_PRIVATE_EXCEPT"


def _env_paths(name: str) -> list[Path]:
    return [Path(r) for r in os.environ.get(name, "").split(os.pathsep) if r]


def sqlite_path_problem(db: str, options: str | None, roots: list[Path] | None,
                        private: list[Path], exempt: list[Path]) -> tuple[str | None, Path]:
    """Why a job may not open the SQLite file `db` (None if it may), and its real path.

    Symlinks and `..` are resolved first. Files under `private` (the service's own) are
    refused unless under `exempt`; with `roots` given, so is everything outside them. The
    `uri` option is refused: it would make `db` a URI naming some other file.
    """
    if "uri" in (k.lower() for k in parse_options(options)):
        return "the SQLite option 'uri' is not allowed (db must be a plain file path)", Path(db)
    path = Path(db).expanduser().resolve()
    inside = [p.resolve() for p in private if path.is_relative_to(p.resolve())]
    if inside and not any(path.is_relative_to(e.resolve()) for e in exempt):
        return f"the file {path} belongs to the job service itself and no job may open it", path
    if roots is not None and not any(path.is_relative_to(r.resolve()) for r in roots):
        allowed = ", ".join(str(r) for r in roots)
        return f"this service does not open SQLite files outside {allowed}", path
    return None, path


def check_sqlite_path(ref: str, db: str, options: str | None = None) -> str:
    """The real path of a job's SQLite file, or EngineError when the service forbids it
    (its own files always; outside `pmdesk serve --sqlite-root` folders when given)."""
    roots = _env_paths(SQLITE_ROOTS_ENV)
    problem, path = sqlite_path_problem(db, options, roots or None,
                                        _env_paths(SQLITE_PRIVATE_ENV),
                                        _env_paths(SQLITE_EXEMPT_ENV))
    if problem:
        raise EngineError(f"database {ref!r}: {problem}")
    return str(path)


def database_url(ref: str, d: DbDefinition) -> URL:
    """The SQLAlchemy URL of a job's dbDefinition (EngineError if it cannot be built)."""
    try:
        return drivers.database_url(ref, d)
    except ConnectionSettingsError as exc:
        raise EngineError(str(exc)) from None


def scrub(message: str, password: str | None) -> str:
    """The driver's message without the password (and at most a few lines of it)."""
    message = redact(message, [password])
    lines = [ln for ln in message.strip().splitlines() if ln.strip()][:3]
    text = " ".join(ln.strip() for ln in lines)
    return re.sub(r"\(Background on this error at: [^)]*\)", "", text).strip()


def _sqlite_transactional(engine: Engine) -> None:
    """pysqlite commits DDL outside transactions; take BEGIN/COMMIT over (SQLAlchemy docs).

    A job holds its transaction to the end, so jobs using one SQLite file run their
    database work one after the other (each waits up to the busy timeout, 300 s)."""

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # IMMEDIATE: the write lock is taken (or waited for, up to the busy timeout) at the
        # start. A deferred BEGIN reads first and then cannot upgrade while another job
        # reads too: SQLite answers "database is locked" at once, ignoring the timeout.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def create_engine(ref: str, d: DbDefinition) -> Engine:
    url = database_url(ref, d)
    connect_args: dict[str, Any] = {}
    if url.drivername.startswith("postgresql") and "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = 20  # an unreachable host must not hang the job
    if url.drivername == "sqlite" and "timeout" not in url.query:
        # a job holds its transaction to the end: another job's writes wait, not fail
        connect_args["timeout"] = 300
    try:
        engine = sa.create_engine(url, poolclass=sa.pool.NullPool, connect_args=connect_args)
    except sa.exc.NoSuchModuleError:
        package = DRIVERS[d.type].package if d.type in DRIVERS else d.type
        raise EngineError(
            f"database {ref!r} ({d.type}) needs the Python package {package}, which is "
            f"not installed: pip install {package.split(' ')[0]}"
        ) from None
    except ModuleNotFoundError as exc:
        package = DRIVERS[d.type].package if d.type in DRIVERS else exc.name or d.type
        raise EngineError(
            f"database {ref!r} ({d.type}) needs the Python package {package} "
            f"(missing module {exc.name!r}): pip install {package.split(' ')[0]}"
        ) from None
    if d.type == "SQLite":
        _sqlite_transactional(engine)
    return engine


@dataclass
class Databases:
    """The open connections of one job, each inside one transaction."""

    definitions: dict[str, DbDefinition]
    _by_url: dict[str, Connection] = field(default_factory=dict)
    _engines: list[Engine] = field(default_factory=list)

    def connection(self, ref: str) -> Connection:
        d = self.definitions.get(ref)
        if d is None:
            known = ", ".join(sorted(self.definitions)) or "none"
            raise EngineError(
                f"dbRef {ref!r} is not in the job's dbDefinitions (defined: {known})"
            )
        url = database_url(ref, d)
        key = url.render_as_string(hide_password=False)
        if key in self._by_url:
            return self._by_url[key]
        if d.type == "SQLite" and d.db:
            real = check_sqlite_path(ref, d.db, d.options)
            if not Path(real).is_file():
                raise EngineError(f"database {ref!r}: SQLite file {d.db!r} does not exist")
            d = d.model_copy(update={"db": real})  # opened by its checked real path
        engine = create_engine(ref, d)
        try:
            conn = engine.connect()
            conn.begin()
        except sa.exc.DBAPIError as exc:
            engine.dispose()
            raise EngineError(
                f"cannot connect to database {ref!r} ({d.type}): "
                f"{scrub(str(exc.orig), d.password)}"
            ) from None
        except ModuleNotFoundError as exc:
            raise EngineError(
                f"database {ref!r} ({d.type}) needs the Python module {exc.name!r}"
            ) from None
        except TypeError as exc:  # an option the driver does not take
            engine.dispose()
            raise EngineError(
                f"database {ref!r} ({d.type}): the driver refused the options "
                f"{d.options!r}: {exc}"
            ) from None
        self._engines.append(engine)
        self._by_url[key] = conn
        return conn

    def password_of(self, ref: str) -> str | None:
        d = self.definitions.get(ref)
        return d.password if d else None

    def commit(self) -> None:
        for conn in self._by_url.values():
            conn.commit()

    def close(self) -> None:
        """Rolls back whatever was not committed and closes everything."""
        for conn in self._by_url.values():
            try:
                conn.rollback()
                conn.close()
            except sa.exc.SQLAlchemyError:
                pass
        for engine in self._engines:
            engine.dispose()
        self._by_url.clear()
        self._engines.clear()


# ---------------------------------------------------------------- tables


@dataclass(frozen=True)
class TableName:
    name: str
    schema: str | None = None

    @classmethod
    def parse(cls, text: str) -> TableName:
        """`TABLE` or `schema.TABLE`."""
        text = text.strip()
        if not text:
            raise EngineError("a table name is empty")
        schema, dot, name = text.rpartition(".")
        return cls(name, schema) if dot and schema else cls(text)

    def __str__(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name


def find_table(conn: Connection, table: TableName, *, views: bool = False) -> TableName | None:
    """The existing table's exact name: exact match first, then the only case-insensitive one.

    People write DRUG1N for a PostgreSQL table created unquoted as drug1n.
    """
    inspector = sa.inspect(conn)
    names = list(inspector.get_table_names(schema=table.schema))
    if views:
        names += inspector.get_view_names(schema=table.schema)
    if table.name in names:
        return table
    folded = [n for n in names if n.lower() == table.name.lower()]
    return TableName(folded[0], table.schema) if len(folded) == 1 else None


def _sa_table(table: TableName) -> sa.TableClause:
    return sa.table(table.name, schema=table.schema)


def count_rows(conn: Connection, table: TableName) -> int:
    query = sa.select(sa.func.count()).select_from(_sa_table(table))
    return int(conn.execute(query).scalar_one())


def read_chunks(
    conn: Connection, table: TableName, chunk_rows: int = CHUNK_ROWS, limit: int | None = None,
    where: str | None = None,
) -> Iterator[pd.DataFrame]:
    """The table in DataFrames of `chunk_rows` rows, through a server-side cursor; `where`
    is one of our own SQL conditions (a partitioned job's range), never user text.

    SQLite and psycopg are read through their own cursors (lazy for SQLite, a named
    server-side cursor for PostgreSQL): SQLAlchemy's Row wrapping costs more than the read.
    """
    query = sa.select(sa.text("*")).select_from(_sa_table(table))
    if where is not None:
        query = query.where(sa.text(where))
    if limit is not None:
        query = query.limit(limit)
    dialect = conn.dialect
    cursor: Any
    plain_tuples = dialect.name == "sqlite" or (
        dialect.name == "postgresql" and dialect.driver == "psycopg")
    if plain_tuples:
        sql = str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        raw: Any = conn.connection.driver_connection
        if dialect.name == "postgresql":
            cursor = raw.cursor(name=f"pmdesk_read_{next(_cursor_ids)}")
            cursor.itersize = chunk_rows
        else:
            cursor = raw.cursor()
        cursor.execute(sql)
        columns = [d[0] for d in cursor.description]
    else:
        # per statement: Connection.execution_options() would change the connection itself
        cursor = conn.execute(query, execution_options={"stream_results": True})
        columns = list(cursor.keys())
    try:
        first = True
        while True:
            rows = cursor.fetchmany(chunk_rows)
            if not rows and not first:
                break
            first = False
            # the drivers' own cursors already give a list of tuples: no copy per chunk
            records = rows if plain_tuples else list(map(tuple, rows))
            yield _decimals_as_floats(pd.DataFrame.from_records(records, columns=columns))
            if len(rows) < chunk_rows:
                break
    finally:
        cursor.close()


def _decimals_as_floats(frame: pd.DataFrame) -> pd.DataFrame:
    """NUMERIC columns arrive as Decimal objects, which arithmetic with floats refuses."""
    for name in frame.columns:
        col = frame[name]
        if col.dtype == object:
            first = col.dropna()
            if len(first) and isinstance(first.iloc[0], decimal.Decimal):
                frame[name] = col.astype(float)
    return frame


def _column_type(series: pd.Series, dialect: str) -> sa.types.TypeEngine[Any]:
    kind = series.dtype.kind
    if kind == "b":
        return sa.Boolean()
    if kind in "iu":
        return sa.BigInteger()
    if kind == "f":
        return sa.Float(53)
    if kind == "M":
        return sa.DateTime()
    return sa.UnicodeText() if dialect in ("sqlite", "postgresql") else sa.Unicode(1000)


def _python_kind(column_type: Any) -> str:
    try:
        py = column_type.python_type
    except (NotImplementedError, AttributeError):
        return "other"
    if py is bool:
        return "bool"
    if py in (int, float) or getattr(py, "__name__", "") == "Decimal":
        return "number"
    if py is str:
        return "text"
    return "other"


def _column_values(series: pd.Series) -> list[Any]:
    """One column as plain Python values (None for missing) that every driver adapts.

    Column-wise `tolist()` is C code; converting the whole frame to objects and walking it
    row by row was a fifth of a BATCH_SCORE run.
    """
    kind = series.dtype.kind
    if kind == "M":  # pandas Timestamps: drivers know datetime only
        values: list[Any] = list(series.dt.to_pydatetime())
    else:
        values = series.tolist()
    if kind in "iu" and isinstance(series.dtype, np.dtype):
        return values  # numpy integers cannot be missing
    if kind == "b" and isinstance(series.dtype, np.dtype):
        return values
    missing = series.isna().to_numpy()
    if missing.any():
        for i in np.flatnonzero(missing).tolist():
            values[i] = None
    return values


# PostgreSQL type OIDs whose binary form psycopg writes from these pandas columns without
# a Python-side error (anything else goes in text format, converted by the server)
_PG_INTEGERS = {21: 2**15, 23: 2**31, 20: 2**63}  # int2, int4, int8: their bound
_PG_FLOAT8, _PG_TEXT, _PG_VARCHAR, _PG_BOOL, _PG_TIMESTAMP = 701, 25, 1043, 16, 1114


def _binary_safe(oid: int, series: pd.Series) -> bool:
    kind = series.dtype.kind
    if oid in _PG_INTEGERS:
        if kind not in "iu":
            return False
        bound = _PG_INTEGERS[oid]
        lo, hi = series.min(), series.max()
        return bool(pd.isna(lo) or (-bound <= int(lo) and int(hi) < bound))
    if oid == _PG_FLOAT8:
        return kind in "fiu"
    if oid in (_PG_TEXT, _PG_VARCHAR):
        return kind == "O" and pd.api.types.infer_dtype(series, skipna=True) in (
            "string", "empty")
    if oid == _PG_BOOL:
        return kind == "b"
    if oid == _PG_TIMESTAMP:
        return kind == "M" and getattr(series.dtype, "tz", None) is None
    return False


def _columns(frame: pd.DataFrame) -> list[list[Any]]:
    return [_column_values(frame.iloc[:, i]) for i in range(frame.shape[1])]


class TableWriter:
    """Writes one export's chunks into one table, honouring insertMode.

    `prepare` runs on the first chunk (its columns are the export's schema); it checks,
    creates, drops or empties the table inside the job's transaction.
    """

    def __init__(
        self, conn: Connection, table: TableName, mode: InsertMode, export_name: str
    ) -> None:
        self.conn = conn
        self.table = table
        self.mode = mode
        self.export_name = export_name
        self.target: sa.Table | None = None
        self.rename: dict[str, str] = {}
        self.integer_columns: list[str] = []
        self.rows = 0
        self._insert: tuple[list[str], str] | None = None
        self._pg_types: dict[str, int] | None = None  # the target's column type OIDs

    def _where(self) -> str:
        return f"export {self.export_name!r} into table {str(self.table)!r} ({self.mode.value})"

    def prepare(self, frame: pd.DataFrame) -> None:
        existing = find_table(self.conn, self.table)
        if self.mode is InsertMode.CREATE and existing is not None:
            raise EngineError(
                f"{self._where()}: the table already exists; Create never replaces a table "
                "(use Drop to replace it, Refresh or Append to keep it)"
            )
        if self.mode in (InsertMode.APPEND, InsertMode.REFRESH):
            if existing is None:
                raise EngineError(
                    f"{self._where()}: the table does not exist; {self.mode.value} needs an "
                    "existing table (use Create or Drop to make it)"
                )
            self.table = existing
            self._check_compatible(frame)
            if self.mode is InsertMode.REFRESH:
                assert self.target is not None
                self.conn.execute(self.target.delete())
            return
        if existing is not None:  # Drop
            self.conn.execute(sa.text(f"DROP TABLE {self._quoted(existing)}"))
        self._create(frame)

    def _quoted(self, table: TableName) -> str:
        prep = self.conn.dialect.identifier_preparer
        name = prep.quote(table.name)
        return f"{prep.quote_schema(table.schema)}.{name}" if table.schema else name

    def _create(self, frame: pd.DataFrame) -> None:
        dialect = self.conn.dialect.name
        columns = []
        for name in frame.columns:
            col_type = _column_type(frame[name], dialect)
            if isinstance(col_type, sa.BigInteger):
                self.integer_columns.append(str(name))
            columns.append(sa.Column(str(name), col_type))
        meta = sa.MetaData()
        self.target = sa.Table(self.table.name, meta, *columns, schema=self.table.schema)
        try:
            self.target.create(self.conn)
        except sa.exc.DBAPIError as exc:
            raise EngineError(
                f"{self._where()}: cannot create the table: {scrub(str(exc.orig), None)}"
            ) from None

    def _check_compatible(self, frame: pd.DataFrame) -> None:
        inspector = sa.inspect(self.conn)
        cols = inspector.get_columns(self.table.name, schema=self.table.schema)
        by_name = {c["name"]: c for c in cols}
        by_lower: dict[str, list[str]] = {}
        for c in cols:
            by_lower.setdefault(c["name"].lower(), []).append(c["name"])
        missing: list[str] = []
        mismatched: list[str] = []
        for name in map(str, frame.columns):
            actual = name if name in by_name else None
            if actual is None and len(by_lower.get(name.lower(), [])) == 1:
                actual = by_lower[name.lower()][0]
            if actual is None:
                missing.append(name)
                continue
            self.rename[name] = actual
            table_kind = _python_kind(by_name[actual]["type"])
            kind = frame[name].dtype.kind
            data_kind = "number" if kind in "iuf" else "bool" if kind == "b" else (
                "other" if kind == "M" else "text")
            if table_kind == "number" and data_kind == "text" and frame[name].notna().any():
                mismatched.append(f"{name} (text into {by_name[actual]['type']})")
            type_text = str(by_name[actual]["type"]).upper()
            if table_kind == "number" and kind in "iuf" and "INT" in type_text:
                self.integer_columns.append(name)
        used = set(self.rename.values())
        required = [
            c["name"] for c in cols
            if c["name"] not in used and not c.get("nullable", True)
            and c.get("default") is None and c.get("autoincrement") is not True
        ]
        problems = []
        if missing:
            problems.append(f"the table has no column(s) {', '.join(missing)}")
        if mismatched:
            problems.append(f"incompatible column(s) {', '.join(mismatched)}")
        if required:
            problems.append(
                f"the table's required column(s) {', '.join(required)} are not in the export"
            )
        if problems:
            raise EngineError(
                f"{self._where()}: the table is not compatible: " + "; ".join(problems)
            )
        meta = sa.MetaData()
        self.target = sa.Table(
            self.table.name, meta, *(sa.Column(c["name"], c["type"]) for c in cols),
            schema=self.table.schema,
        )

    def write(self, frame: pd.DataFrame) -> None:
        if self.target is None:
            self.prepare(frame)
        assert self.target is not None
        if frame.empty:
            return
        for name in self.integer_columns:
            if name in frame.columns and frame[name].dtype.kind == "f":
                try:
                    frame = frame.assign(**{name: frame[name].astype("Int64")})
                except (TypeError, ValueError):
                    raise EngineError(
                        f"{self._where()}: field {name!r} holds numbers with decimals, but "
                        "the table's column is an integer column"
                    ) from None
        frame = frame.rename(columns=self.rename)
        columns = [str(c) for c in frame.columns]
        values = _columns(frame)
        dialect = self.conn.dialect
        try:
            if dialect.name == "postgresql" and dialect.driver == "psycopg":
                self._copy(columns, values, self._binary_types(frame, columns))
            elif dialect.name == "sqlite" and dialect.driver == "pysqlite":
                self._sqlite_insert(columns, values)
            else:
                self._executemany(columns, list(zip(*values, strict=True)))
        except sa.exc.DBAPIError as exc:
            raise EngineError(
                f"{self._where()}: the database refused the rows: {scrub(str(exc.orig), None)}"
            ) from None
        self.rows += len(frame)

    def _insert_sql(self, columns: list[str]) -> str:
        """The INSERT of these columns, built once per export: the driver's statement cache
        then reuses one prepared statement for every chunk."""
        if self._insert is None or self._insert[0] != columns:
            prep = self.conn.dialect.identifier_preparer
            style = self.conn.dialect.paramstyle
            marks = {
                "qmark": lambda i: "?", "format": lambda i: "%s",
                "numeric": lambda i: f":{i + 1}", "named": lambda i: f":p{i}",
                "pyformat": lambda i: f"%(p{i})s",
            }[style]
            sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 -- quoted identifiers
                self._quoted(self.table),
                ", ".join(prep.quote(c) for c in columns),
                ", ".join(marks(i) for i in range(len(columns))),
            )
            self._insert = (list(columns), sql)
        return self._insert[1]

    def _sqlite_insert(self, columns: list[str], values: list[list[Any]]) -> None:
        """sqlite3's executemany straight from the column lists, rows zipped lazily (no list
        of tuples per chunk; SQLAlchemy adds nothing to a plain driver INSERT)."""
        import sqlite3

        raw: Any = self.conn.connection.driver_connection
        cursor = raw.cursor()
        try:
            cursor.executemany(self._insert_sql(columns), zip(*values, strict=True))
        except sqlite3.Error as exc:
            raise EngineError(
                f"{self._where()}: the database refused the rows: {scrub(str(exc), None)}"
            ) from None
        finally:
            cursor.close()

    def _executemany(self, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        """One prepared INSERT, executemany with plain tuples (SQLAlchemy's own per-row
        compilation of dict parameters costs more than the database's work)."""
        sql = self._insert_sql(columns)
        params: list[Any] = rows
        if self.conn.dialect.paramstyle in ("named", "pyformat"):
            params = [{f"p{i}": v for i, v in enumerate(r)} for r in rows]
        self.conn.exec_driver_sql(sql, params)

    def _pg_ident(self) -> Any:
        from psycopg import sql

        return (
            sql.Identifier(self.table.schema, self.table.name) if self.table.schema
            else sql.Identifier(self.table.name)
        )

    def _binary_types(self, frame: pd.DataFrame, columns: list[str]) -> list[int] | None:
        """The target columns' type OIDs when every column of this chunk can go in COPY's
        binary format (2-3x less work than text for the client and the server); None:
        text format, which lets PostgreSQL convert values (an int into a text column...)."""
        import psycopg
        from psycopg import sql

        if self._pg_types is None:
            raw = cast("psycopg.Connection[Any]", self.conn.connection.driver_connection)
            with raw.cursor() as cur:
                cur.execute(sql.SQL("SELECT * FROM {} LIMIT 0").format(self._pg_ident()))
                self._pg_types = {d.name: int(d.type_code) for d in cur.description or []}
        oids = [self._pg_types.get(c) for c in columns]
        for oid, (_, series) in zip(oids, frame.items(), strict=True):
            if oid is None or not _binary_safe(oid, series):
                return None
        return [int(o) for o in oids if o is not None]

    def _copy(self, columns: list[str], values: list[list[Any]],
              types: list[int] | None = None) -> None:
        """PostgreSQL COPY FROM STDIN: 14x faster than INSERTs (baselines.md); binary with
        the columns' types set when the values allow it."""
        import psycopg
        from psycopg import sql

        raw = cast("psycopg.Connection[Any]", self.conn.connection.driver_connection)
        query = sql.SQL("COPY {} ({}) FROM STDIN{}").format(
            self._pg_ident(), sql.SQL(", ").join(sql.Identifier(c) for c in columns),
            sql.SQL(" (FORMAT BINARY)" if types is not None else ""),
        )
        try:
            with raw.cursor() as cur, cur.copy(query) as copy:
                if types is not None:
                    copy.set_types(types)
                for row in zip(*values, strict=True):
                    copy.write_row(row)
        except psycopg.Error as exc:
            raise EngineError(f"{self._where()}: the database refused the rows: {exc}") from None
