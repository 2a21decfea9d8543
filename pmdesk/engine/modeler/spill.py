"""Sort, Merge and Aggregate of a Modeler stream in bounded memory.

Sort and Merge need every row before they can yield the first one. Up to `threshold()`
rows they still work in pandas exactly as before; past it the rows go to a temporary SQLite
database whose file is in the job's working folder, and SQLite sorts and joins them.

Why SQLite (stdlib `sqlite3`) and not hand-written runs: its sorter is itself an external
merge sort (sorted runs bounded by `cache_size`, spilled to temporary files, merged k ways),
`ORDER BY key, seq` gives stability for free, and a JOIN on an index gives the merge without
holding either side. pyarrow is not installed, and pickling rows is never an option (a
spill file must be plain data). Every column is stored without a declared type (no
affinity), so SQLite keeps each value as bound; the frame's own dtypes are restored on the
way out (ints stay ints, floats floats, text text, nulls nulls; dates, datetimes and
flags that arrive as Python objects come back as such).

The threshold is SPILL_ROWS, or PMDESK_SPILL_ROWS when set (read at each node, so tests
lower it with either).

Aggregate keeps no rows: per-chunk partial aggregates (count, sum, min, max, and Chan's
parallel combination of count/mean/M2 for variance and standard deviation) are combined
group by group, so memory grows with the number of groups. Median cannot be combined
from partials: it stays exact by spilling, like Sort: the field's non-null values with
their group numbers, held up to threshold() values, then sorted by (group, value) in a
spill store and read once, picking each group's middle values.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pmdesk.engine.db import CHUNK_ROWS
from pmdesk.engine.errors import EngineError

Rows = Generator[pd.DataFrame, None, None]

SPILL_ROWS = 500_000
"""Rows a Sort or Merge holds in memory before it spills them (PMDESK_SPILL_ROWS wins)."""
SQLITE_CACHE_KIB = 32_768
"""The most page cache the spill database gets; SQLite's sorter writes a sorted run to a
temporary file each time its rows fill the cache, so the cache bounds the run size."""
ROW_BYTES = 128  # a rough size of one spilled row, to turn the threshold into a cache size


def threshold() -> int:
    """The spill threshold: PMDESK_SPILL_ROWS if set (tests lower it), else SPILL_ROWS."""
    value = os.environ.get("PMDESK_SPILL_ROWS", "").strip()
    if not value:
        return SPILL_ROWS
    if not value.isdigit():
        raise EngineError(f"PMDESK_SPILL_ROWS must be a number of rows, not {value!r}")
    return int(value)


def cache_kib() -> int:
    """The spill database's page cache: about threshold() rows, at most SQLITE_CACHE_KIB,
    so SQLite's sorted runs hold about as many rows as the in-memory path would (SQLite
    never makes a run smaller than 250 pages, 1 MB)."""
    return max(64, min(SQLITE_CACHE_KIB, threshold() * ROW_BYTES // 1024))


# ------------------------------------------------------------------ the spill store


class _Column:
    """One frame column as stored: how its values are bound and read back."""

    def __init__(self, name: str, dtype: Any) -> None:
        self.name = name
        self.dtype = dtype
        self.kinds: set[str] = set()  # pandas' inferred kinds of an object column's values

    def encode(self, col: pd.Series) -> list[Any]:
        kind = getattr(self.dtype, "kind", "O")
        if kind in "Mm" and not isinstance(self.dtype, pd.CategoricalDtype):
            if col.dtype != self.dtype:  # a chunk that arrived as another dtype
                col = col.astype(self.dtype)
            col = col.dt.as_unit("ns")  # stored as nanoseconds (UTC), whatever the unit
            values = col.array.asi8
            out: list[Any] = values.tolist()
            mask = col.isna().to_numpy()
            if mask.any():
                for i in np.flatnonzero(mask):
                    out[i] = None
            return out
        if isinstance(col.dtype, np.dtype) and col.dtype.kind in "iufb":
            array = col.to_numpy()
            plain: list[Any] = array.tolist()  # Python ints, floats and bools
            if array.dtype.kind == "f":
                for i in np.flatnonzero(np.isnan(array)):
                    plain[i] = None
            return plain
        if col.dtype != object:  # text, categories, nullable numbers: values and None
            return col.astype(object).where(col.notna(), None).tolist()
        self.kinds.add(pd.api.types.infer_dtype(col, skipna=True))
        if self.kinds & {"date", "datetime", "time"}:
            col = col.map(lambda v: v.isoformat() if isinstance(v, (dt.date, dt.time)) else v)
        return col.where(col.notna(), None).map(
            lambda v: v.item() if isinstance(v, np.generic) else v).tolist()

    def decode(self, values: list[Any] | tuple[Any, ...], dtype: Any = None) -> pd.Series:
        dtype = self.dtype if dtype is None else dtype
        kind = getattr(dtype, "kind", "O")
        if isinstance(dtype, np.dtype) and kind in "iufb":
            return pd.Series(np.array(values, dtype=dtype), name=self.name)
        if kind in "Mm" and not isinstance(dtype, pd.CategoricalDtype):
            ints = np.array([np.iinfo(np.int64).min if v is None else v for v in values],
                            dtype=np.int64)
            if kind == "m":
                return pd.Series(ints.view("m8[ns]"), name=self.name).astype(dtype)
            s = pd.Series(ints.view("M8[ns]"), name=self.name)
            tz = getattr(dtype, "tz", None)
            if tz is not None:
                s = s.dt.tz_localize("UTC").dt.tz_convert(tz)
            return s.astype(dtype)
        s = pd.Series(list(values), dtype=object, name=self.name)
        if isinstance(dtype, np.dtype) and dtype.kind == "O":
            if self.kinds - {"empty"} == {"boolean"}:
                s = s.map(lambda v: None if v is None else bool(v))
            elif self.kinds <= {"date", "empty"} and "date" in self.kinds:
                s = s.map(lambda v: None if v is None else dt.date.fromisoformat(v))
            elif self.kinds <= {"datetime", "empty"} and "datetime" in self.kinds:
                s = s.map(lambda v: None if v is None else dt.datetime.fromisoformat(v))
            return s
        return s.astype(dtype)


class SpillTable:
    """Rows stored in the spill database: one untyped SQL column per frame column (c0,
    c1, ...: SQLite names are case-insensitive, frame names need not be) and `seq`, the
    row's position in arrival order."""

    def __init__(self, store: SpillStore, name: str, schema: pd.DataFrame) -> None:
        self.store = store
        self.name = name
        self.schema = schema
        self.columns = [_Column(str(c), schema[c].dtype) for c in schema.columns]
        self.rows = 0
        cols = ", ".join(f"c{i}" for i in range(len(self.columns)))
        store.db.execute(f"CREATE TABLE {name} (seq INTEGER PRIMARY KEY"
                         f"{', ' if cols else ''}{cols})")

    def sql(self, field: str) -> str:
        """The SQL column holding `field`."""
        return f"c{list(self.schema.columns).index(field)}"

    def append(self, frame: pd.DataFrame) -> None:
        if not len(frame):
            return
        frame = frame.reindex(columns=self.schema.columns)
        encoded = [c.encode(frame[c.name]) for c in self.columns]
        marks = ", ".join("?" * (len(self.columns) + 1))
        seqs = range(self.rows, self.rows + len(frame))
        sql = f"INSERT INTO {self.name} VALUES ({marks})"  # noqa: S608 (our own table and column names)
        try:
            self.store.db.executemany(sql, zip(seqs, *encoded, strict=True))
        except (sqlite3.Error, OverflowError) as exc:  # a value SQLite cannot hold
            raise EngineError(f"{len(frame):,} rows cannot go to the temporary file past "
                              f"{threshold():,} rows: {exc}") from None
        self.rows += len(frame)

    def index(self, fields: list[str]) -> None:
        cols = ", ".join(self.sql(f) for f in fields)
        self.store.db.execute(f"CREATE INDEX {self.name}_keys ON {self.name} ({cols})")


class SpillStore:
    """SQLite's private temporary database (opened with an empty file name): past its page
    cache it lives in a file SQLite creates in the job's folder and unlinks at once, so
    the file goes with the connection, on success, failure and cancel alike, even when a
    cancel kills the job's process (the service's cancel is a SIGKILL: no `finally` runs)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.db = sqlite3.connect("", isolation_level=None)
        _temp_directory(self.db, folder, +1)  # before the first page reaches the disk
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute("PRAGMA temp_store = FILE")
        self.db.execute(f"PRAGMA cache_size = -{cache_kib()}")
        self.db.execute("BEGIN")
        self._names = 0
        self.closed = False

    def table(self, schema: pd.DataFrame) -> SpillTable:
        self._names += 1
        return SpillTable(self, f"t{self._names}", schema)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            _temp_directory(self.db, None, -1)
            self.db.close()


_temp_users: list[str] = []  # the folders of the open stores, for temp_store_directory


def _temp_directory(db: sqlite3.Connection, folder: Path | None, step: int) -> None:
    """SQLite writes its temporary database and its sorter's runs to files (unlinked as
    soon as opened) in its process-wide temp directory, /tmp by default, often a RAM disk:
    while a store is open that directory is the job's folder (which outlives the store),
    then back to the default. A deprecated pragma, hence the guard."""
    if step > 0:
        assert folder is not None
        _temp_users.append(str(folder))
    elif _temp_users:
        _temp_users.pop()
    target = _temp_users[-1] if _temp_users else ""
    try:
        db.execute(f"PRAGMA temp_store_directory = '{target.replace(chr(39), chr(39) * 2)}'")
    except sqlite3.Error:
        pass


def _read(store: SpillStore, sql: str, columns: list[_Column], dtypes: list[Any],
          gaps: list[str] | None = None) -> Rows:
    """The query's rows as frames of CHUNK_ROWS, each column decoded to its dtype; the
    query's further columns flag the rows where the `gaps` fields hold NaN (an outer
    join's empty side: pandas fills an object field with NaN, not None)."""
    cursor = store.db.execute(sql)
    gaps = gaps or []
    try:
        while True:
            rows = cursor.fetchmany(CHUNK_ROWS)
            if not rows:
                return
            values = list(zip(*rows, strict=True))
            frame = pd.DataFrame({c.name: c.decode(v, d) for c, v, d in
                                  zip(columns, values[:len(columns)], dtypes, strict=True)})
            for name, flags in zip(gaps, values[len(columns):], strict=True):
                empty = np.array(flags, dtype=bool)
                if empty.any():
                    frame.loc[empty, name] = np.nan
            yield frame
            if len(rows) < CHUNK_ROWS:
                return
    finally:
        cursor.close()


def _schema(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The empty frame pd.concat of these chunks would have: its columns and dtypes."""
    return pd.concat([f.iloc[:0] for f in frames], ignore_index=True) if frames \
        else pd.DataFrame()


def _chunks(frame: pd.DataFrame) -> Rows:
    for start in range(0, max(len(frame), 1), CHUNK_ROWS):
        yield frame.iloc[start:start + CHUNK_ROWS]


class _Gather:
    """The chunks of one or more inputs, held in memory until there are more than
    threshold() rows, then moved (with everything after) into a spill store."""

    def __init__(self, folder: Path, inputs: int) -> None:
        self.folder = folder
        self.limit = threshold()
        self.held: list[list[pd.DataFrame]] = [[] for _ in range(inputs)]
        self.count = 0
        self.store: SpillStore | None = None
        self.tables: list[SpillTable | None] = [None] * inputs

    def add(self, i: int, chunk: pd.DataFrame) -> None:
        if self.store is None:
            self.held[i].append(chunk)
            self.count += len(chunk)
            if self.count > self.limit:
                self.store = SpillStore(self.folder)
                for j, parts in enumerate(self.held):
                    for part in parts:
                        self._spill(j, part)
                self.held = [[] for _ in self.held]
        else:
            self._spill(i, chunk)

    def _spill(self, i: int, chunk: pd.DataFrame) -> None:
        table = self.tables[i]
        if table is None:
            assert self.store is not None
            table = self.tables[i] = self.store.table(chunk.iloc[:0])
        elif [str(c) for c in chunk.columns] != [c.name for c in table.columns] or any(
                chunk[c.name].dtype != c.dtype for c in table.columns):
            # a later chunk of another dtype: what pd.concat would have made of both
            new = _schema([table.schema, chunk])
            for c in table.columns:
                if new[c.name].dtype != c.dtype and getattr(c.dtype, "kind", "O") in "Mm":
                    raise EngineError(f"field {c.name!r} changes type between chunks")
                c.dtype = new[c.name].dtype
            table.schema = new
        table.append(chunk)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


# ------------------------------------------------------------------------- Sort


def sort(stream: Rows, keys: list[tuple[str, bool]], folder: Path,
         missing: Callable[[list[str]], EngineError]) -> Rows:
    """The stream sorted by `keys` ((field, ascending) pairs), stable, nulls last as
    pandas' sort_values places them, in chunks of CHUNK_ROWS. In memory up to threshold()
    rows; past it SQLite's external sort on (keys, arrival order)."""
    gather = _Gather(folder, 1)
    try:
        try:
            for chunk in stream:
                gather.add(0, chunk)
        finally:
            stream.close()
        table = gather.tables[0]
        if table is None:
            parts = gather.held[0]
            if not parts:
                return
            frame = pd.concat(parts, ignore_index=True)
            absent = [k for k, _ in keys if k not in frame.columns]
            if absent:
                raise missing(absent)
            yield from _chunks(frame.sort_values([k for k, _ in keys],
                                                 ascending=[a for _, a in keys],
                                                 kind="stable", ignore_index=True))
            return
        absent = [k for k, _ in keys if k not in table.schema.columns]
        if absent:
            raise missing(absent)
        assert gather.store is not None
        order = ", ".join(f"{table.sql(k)} {'ASC' if a else 'DESC'} NULLS LAST"
                          for k, a in keys)
        cols = ", ".join(f"c{i}" for i in range(len(table.columns)))
        sql = f"SELECT {cols} FROM {table.name} ORDER BY {order}, seq"  # noqa: S608 (our own table and column names)
        yield from _read(gather.store, sql, table.columns, [c.dtype for c in table.columns])
    finally:
        gather.close()


# ------------------------------------------------------------------------- Merge


def _upcast(dtype: Any) -> Any:
    """The dtype pandas gives a column when a join leaves some of its rows empty."""
    kind = getattr(dtype, "kind", "O")
    if isinstance(dtype, np.dtype) and kind in "iu":
        return np.dtype("float64")
    if isinstance(dtype, np.dtype) and kind == "b":
        return np.dtype(object)
    return dtype


def merge(streams: list[Rows], keys: list[str], join: str, folder: Path,
          missing: Callable[[int, list[str]], EngineError]) -> Rows:
    """Merge by keys (inner, full outer or anti) with pandas' results: a field several
    inputs hold is taken from the first, rows in pandas' order (inner: left's order; outer:
    sorted by key, nulls last; anti: the first input's order), null keys matching null
    keys. In memory up to threshold() rows over all inputs; past it a SQLite JOIN (null-safe
    `IS` on an index of the keys) per further input, streamed out in chunks."""
    gather = _Gather(folder, len(streams))
    try:
        try:
            for i, stream in enumerate(streams):
                for chunk in stream:
                    gather.add(i, chunk)
        finally:
            for stream in streams:
                stream.close()
        if gather.store is None:
            frames = [pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
                      for parts in gather.held]
            gather.held = []
            yield from _chunks(_merge_frames(frames, keys, join, missing))
            return
        yield from _merge_spilled(gather, keys, join, missing)
    finally:
        gather.close()


PANDAS_JOIN = {"inner": "inner", "fullouter": "outer", "left": "left", "right": "right"}


def _merge_frames(frames: list[pd.DataFrame], keys: list[str], join: str,
                  missing: Callable[[int, list[str]], EngineError]) -> pd.DataFrame:
    """The in-memory merge (also run on empty frames to learn the result's columns)."""
    for i, frame in enumerate(frames):
        absent = [k for k in keys if k not in frame.columns]
        if absent:
            raise missing(i, absent)
    result = frames[0]
    if join == "anti":
        others = pd.concat([f[keys] for f in frames[1:]], ignore_index=True)
        hit = pd.MultiIndex.from_frame(result[keys]).isin(pd.MultiIndex.from_frame(others))
        return result[~hit].reset_index(drop=True)
    for frame in frames[1:]:
        frame = frame.drop(columns=[c for c in frame.columns
                                    if c in result.columns and c not in keys])
        try:
            result = result.merge(frame, on=keys, how=PANDAS_JOIN[join])
        except ValueError as exc:
            raise EngineError(f"the inputs' key fields cannot be matched: {exc}") from None
    return result


def _merge_spilled(gather: _Gather, keys: list[str], join: str,
                   missing: Callable[[int, list[str]], EngineError]) -> Rows:
    store = gather.store
    assert store is not None
    tables = [t if t is not None else store.table(pd.DataFrame()) for t in gather.tables]
    schemas = [t.schema for t in tables]
    result = _merge_frames(schemas, keys, join, missing)  # columns, dtypes, key checks
    for table in tables[1:]:
        table.index(keys)
    first = tables[0]
    if join == "anti":
        conds = " AND ".join(_absent(first, t, keys) for t in tables[1:])
        cols = ", ".join(f"c{i}" for i in range(len(first.columns)))
        sql = f"SELECT {cols} FROM {first.name} WHERE {conds} ORDER BY seq"  # noqa: S608 (our own table and column names)
        yield from _read(store, sql, first.columns, [c.dtype for c in first.columns])
        return
    # cur: the result so far, as (table name, {field: SQL column}, {field: _Column})
    cur_name, cur_sql = first.name, {c.name: first.sql(c.name) for c in first.columns}
    cur_cols = {c.name: c for c in first.columns}
    dtypes = {c.name: c.dtype for c in first.columns}
    cur_gaps: dict[str, str] = {}  # object field -> the SQL column flagging its empty rows
    for step, table in enumerate(tables[1:]):
        fields = [*cur_sql, *(c.name for c in table.columns if c.name not in cur_sql)]
        select = []
        for f in fields:
            left = f"a.{cur_sql[f]}" if f in cur_sql else None
            right = f"b.{table.sql(f)}" if f in [c.name for c in table.columns] else None
            if f in keys and join != "inner":
                select.append(f"COALESCE({left}, {right})")
            else:
                select.append(left or right or "NULL")
        on = " AND ".join(f"a.{cur_sql[k]} IS b.{table.sql(k)}" for k in keys)
        if join == "inner":
            how, order = "JOIN", "a.seq, b.seq"
        elif join == "left":  # pandas: the left's order, each match in the right's order
            how, order = "LEFT JOIN", "a.seq, b.seq"
        elif join == "right":  # pandas: the right's order
            how, order = "RIGHT JOIN", "b.seq, a.seq"
        else:
            how = "FULL JOIN"
            # pandas' outer join: sorted by key (nulls last), then the left's, the right's
            order = ", ".join(f"{select[fields.index(k)]} NULLS LAST" for k in keys) \
                + ", a.seq NULLS LAST, b.seq"
        name = f"m{step}"
        cols = ", ".join(f"{s} AS c{i}" for i, s in enumerate(select))
        gaps: dict[str, str] = {}
        if join != "inner":
            for i, f in enumerate(fields):
                if f in keys:
                    continue
                if f in cur_sql and dtypes[f] == np.dtype(object):
                    earlier = f" OR a.{cur_gaps[f]}" if f in cur_gaps else ""
                    gaps[f] = f"(a.seq IS NULL{earlier}) AS g{i}"
                elif f not in cur_sql and table.schema[f].dtype == np.dtype(object):
                    gaps[f] = f"(b.seq IS NULL) AS g{i}"
            cols += "".join(f", {g}" for g in gaps.values())
        rows = (f"ROW_NUMBER() OVER (ORDER BY {order}) AS seq, a.seq IS NULL AS lm, "
                f"b.seq IS NULL AS rm, {cols}")
        sql = f"SELECT {rows} FROM {cur_name} AS a {how} {table.name} AS b ON {on}"  # noqa: S608 (our own table and column names)
        store.db.execute(f"CREATE TABLE {name} AS {sql}")
        sql = f"SELECT max(lm), max(rm) FROM {name}"  # noqa: S608 (our own table and column names)
        lm, rm = store.db.execute(sql).fetchone()
        for f in fields:
            from_left = f in cur_sql
            if f in keys:
                if join == "fullouter" and (lm or rm) and f in table.schema.columns:
                    dtypes[f] = _key_dtype(dtypes[f], table.schema[f].dtype)
                continue
            if from_left:
                if lm or (join == "fullouter" and rm):
                    dtypes[f] = _upcast(dtypes[f])
            else:
                col = next(c for c in table.columns if c.name == f)
                cur_cols[f] = col
                dtypes[f] = _upcast(col.dtype) if rm or (join == "fullouter" and lm) \
                    else col.dtype
        cur_name, cur_sql = name, {f: f"c{i}" for i, f in enumerate(fields)}
        cur_gaps = {f: f"g{fields.index(f)}" for f in gaps}
    fields = [str(c) for c in result.columns]
    gap_fields = [f for f in fields if f in cur_gaps]
    cols = ", ".join([*(cur_sql[f] for f in fields), *(cur_gaps[f] for f in gap_fields)])
    sql = f"SELECT {cols} FROM {cur_name} ORDER BY seq"  # noqa: S608 (our own table and column names)
    yield from _read(store, sql, [cur_cols[f] for f in fields], [dtypes[f] for f in fields],
                     gap_fields)


def _absent(first: SpillTable, other: SpillTable, keys: list[str]) -> str:
    """No row of `other` has the key of the row of `first` (null keys match null keys)."""
    same = " AND ".join(f"{other.name}.{other.sql(k)} IS {first.name}.{first.sql(k)}"
                        for k in keys)
    return f"NOT EXISTS (SELECT 1 FROM {other.name} WHERE {same})"  # noqa: S608 (our own table and column names)


def _key_dtype(left: Any, right: Any) -> Any:
    """An outer join's key column: the common dtype of both inputs' keys."""
    if isinstance(left, np.dtype) and isinstance(right, np.dtype) \
            and left.kind in "iuf" and right.kind in "iuf":
        return np.result_type(left, right)
    return left


# --------------------------------------------------------------------- Aggregate


class _Medians:
    """The values of one field a Median needs, with their group numbers: in memory up to
    threshold() values, past it in a spill store, sorted there by (group, value) and read
    back once, picking each group's middle values: exact, in bounded memory."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.codes: list[np.ndarray] = []
        self.values: list[np.ndarray] = []
        self.held = 0
        self.store: SpillStore | None = None

    def add(self, codes: np.ndarray, values: np.ndarray) -> None:
        if self.store is not None:
            return self._insert(codes, values)
        self.codes.append(codes)
        self.values.append(values)
        self.held += len(values)
        if self.held > threshold():
            self.store = SpillStore(self.folder)
            self.store.db.execute("CREATE TABLE m (g INTEGER, v REAL)")
            for c, v in zip(self.codes, self.values, strict=True):
                self._insert(c, v)
            self.codes, self.values = [], []

    def _insert(self, codes: np.ndarray, values: np.ndarray) -> None:
        assert self.store is not None
        self.store.db.executemany("INSERT INTO m VALUES (?, ?)",
                                  zip(codes.tolist(), values.tolist(), strict=True))

    def medians(self, groups: int) -> np.ndarray:
        if self.store is None:
            if not self.codes:
                return np.full(groups, np.nan)
            med = pd.Series(np.concatenate(self.values)).groupby(
                np.concatenate(self.codes)).median()
            return med.reindex(pd.RangeIndex(groups)).to_numpy()
        counts = np.zeros(groups, dtype=np.int64)
        for g, c in self.store.db.execute("SELECT g, count(*) FROM m GROUP BY g"):
            counts[g] = c
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])  # groups come in order
        lo_at, hi_at = starts + (counts - 1) // 2, starts + counts // 2
        lo, hi = np.full(groups, np.nan), np.full(groups, np.nan)
        cursor = self.store.db.execute("SELECT g, v FROM m ORDER BY g, v")
        done = 0
        while batch := cursor.fetchmany(CHUNK_ROWS):
            g = np.fromiter((r[0] for r in batch), dtype=np.int64, count=len(batch))
            v = np.fromiter((r[1] for r in batch), dtype=float, count=len(batch))
            at = np.arange(done, done + len(batch))
            hit = at == lo_at[g]
            lo[g[hit]] = v[hit]
            hit = at == hi_at[g]
            hi[g[hit]] = v[hit]
            done += len(batch)
        return (lo + hi) / 2

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


class Aggregator:
    """One record per key group, in order of first appearance, from partial aggregates
    of each chunk: memory grows with the number of groups (Median: see _Medians)."""

    def __init__(self, keys: list[str], aggregates: list[tuple[str, list[str]]],
                 folder: Path) -> None:
        self.folder = folder
        self.keys = keys
        self.aggregates = aggregates
        self.groups: dict[tuple[Any, ...], int] = {}
        self.schema: pd.DataFrame | None = None
        self.size = np.zeros(0, dtype=np.int64)
        self.parts: dict[tuple[str, str], pd.Series] = {}  # (field, stat) -> per group
        self.medians: dict[str, _Medians] = {}
        self.shifts: dict[str, np.ndarray] = {}  # per field and group, for the variance

    def _shift(self, name: str, by: Any, codes: np.ndarray) -> np.ndarray:
        """Each row's group shift: the group's first value. Means and deviations of the
        values less it are exact to far more digits when the values sit far from zero
        (1e9 +- 0.01), which is what keeps Chan's combination as exact as one pass."""
        n = len(self.groups)
        old = self.shifts.get(name, np.zeros(0))
        shifts = np.concatenate([old, np.full(n - len(old), np.nan)])
        first = by.first()
        firsts = pd.to_numeric(first, errors="coerce").to_numpy(dtype=float)
        unset = np.isnan(shifts[first.index.to_numpy()])
        shifts[first.index.to_numpy()[unset]] = firsts[unset]
        self.shifts[name] = shifts
        return np.nan_to_num(shifts[codes])

    def add(self, frame: pd.DataFrame) -> None:
        self.schema = frame.iloc[:0] if self.schema is None else _schema([self.schema, frame])
        if not len(frame):
            return
        # the chunk's own groups (pandas, in order of first appearance), then one dict
        # look-up per group, not per row, for the job's group numbers
        local = frame.groupby(self.keys, sort=False, dropna=False).ngroup().to_numpy()
        _, firsts = np.unique(local, return_index=True)
        heads = frame[self.keys].iloc[firsts]
        heads = heads.astype(object).where(heads.notna(), None)
        groups = self.groups
        mapping = np.empty(len(firsts), dtype=np.int64)
        for i, key in enumerate(heads.itertuples(index=False, name=None)):
            code = groups.get(key)
            if code is None:
                code = groups[key] = len(groups)
            mapping[i] = code
        codes = mapping[local]
        n = len(groups)
        self.size = np.concatenate([self.size, np.zeros(n - len(self.size), np.int64)])
        self.size += np.bincount(codes, minlength=n)
        for name, modes in self.aggregates:
            by = frame[name].groupby(codes, sort=False)
            wanted = set(modes)
            part: dict[str, pd.Series] = {}
            if wanted & {"Count", "Mean", "SDev", "Variance"}:
                part["count"] = by.count()
            if wanted & {"Sum", "Mean", "SDev", "Variance"}:
                part["sum"] = by.sum()
            if "Min" in wanted:
                part["min"] = by.min()
            if "Max" in wanted:
                part["max"] = by.max()
            if wanted & {"SDev", "Variance"}:
                shifted = frame[name].to_numpy(dtype=float) - self._shift(name, by, codes)
                mean = pd.Series(shifted).groupby(codes, sort=False).mean()
                dev = shifted - mean.reindex(codes).to_numpy()
                part["m2"] = pd.Series(dev * dev).groupby(codes, sort=False).sum()
                part["mean"] = mean  # of the values less the group's shift
            self._combine(name, part)
            if "Median" in wanted:
                values = frame[name].to_numpy(dtype=float)
                keep = ~np.isnan(values)
                if name not in self.medians:
                    self.medians[name] = _Medians(self.folder)
                self.medians[name].add(codes[keep], values[keep])

    def _combine(self, name: str, part: dict[str, pd.Series]) -> None:
        """Folds one chunk's partials into the running ones: counts and sums add, min and
        max of the two, (mean, M2) by Chan et al.'s parallel formula."""
        if not any((name, stat) in self.parts for stat in part):
            self.parts.update({(name, stat): values for stat, values in part.items()})
            return
        if "m2" in part:
            self._chan(name, part)
        for stat in ("count", "sum", "min", "max"):
            if stat in part:
                by = pd.concat([self.parts[(name, stat)], part[stat]]).groupby(
                    level=0, sort=False)
                self.parts[(name, stat)] = (by.sum() if stat in ("count", "sum") else
                                            by.min() if stat == "min" else by.max())

    def _chan(self, name: str, part: dict[str, pd.Series]) -> None:
        idx = self.parts[(name, "count")].index.union(part["count"].index)
        na = self.parts[(name, "count")].reindex(idx, fill_value=0).to_numpy(dtype=float)
        nb = part["count"].reindex(idx, fill_value=0).to_numpy(dtype=float)
        ma = self.parts[(name, "mean")].reindex(idx).to_numpy(dtype=float)
        mb = part["mean"].reindex(idx).to_numpy(dtype=float)
        m2a = self.parts[(name, "m2")].reindex(idx, fill_value=0.0).to_numpy(dtype=float)
        m2b = part["m2"].reindex(idx, fill_value=0.0).to_numpy(dtype=float)
        n = na + nb
        both = (na > 0) & (nb > 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            delta = np.where(both, mb - ma, 0.0)
            safe = np.where(n > 0, n, 1.0)
            mean = np.where(nb == 0, ma, np.where(na == 0, mb, ma + delta * nb / safe))
            m2 = np.where(na > 0, m2a, 0.0) + np.where(nb > 0, m2b, 0.0) \
                + delta * delta * na * nb / safe
        self.parts[(name, "mean")] = pd.Series(mean, index=idx)
        self.parts[(name, "m2")] = pd.Series(m2, index=idx)

    def result(self, extension: str, count_field: str | None) -> pd.DataFrame:
        """The aggregated records, as today's pandas groupby gives them."""
        assert self.schema is not None
        n = len(self.groups)
        out = pd.DataFrame(list(self.groups), columns=self.keys, dtype=object) if n \
            else self.schema[self.keys].astype(object)
        for k in self.keys:
            try:
                out[k] = out[k].astype(self.schema[k].dtype)
            except (TypeError, ValueError):  # nulls in a key pandas would have kept
                pass
        index = pd.RangeIndex(n)
        for name, modes in self.aggregates:
            dtype = self.schema[name].dtype
            for mode in modes:
                out[f"{name}_{mode}{extension}"] = self._value(name, mode, dtype, index)
        if count_field:
            out[count_field] = self.size
        return out

    def _part(self, name: str, stat: str, index: pd.RangeIndex) -> pd.Series:
        return self.parts[(name, stat)].reindex(index)

    def _value(self, name: str, mode: str, dtype: Any, index: pd.RangeIndex) -> Any:
        if mode == "Count":
            return self._part(name, "count", index).fillna(0).astype(np.int64).to_numpy()
        if mode == "Sum":
            empty = pd.Series([], dtype=dtype).groupby(np.zeros(0, np.int64)).sum().dtype
            s = self._part(name, "sum", index)
            return s.fillna(0).astype(empty).to_numpy() if s.isna().any() else s.to_numpy()
        if mode in ("Min", "Max"):
            s = self._part(name, mode.lower(), index)
            return s.to_numpy()
        if mode == "Median":
            medians = self.medians.get(name)
            return medians.medians(len(index)) if medians else np.full(len(index), np.nan)
        count = self._part(name, "count", index).fillna(0).to_numpy(dtype=float)
        if mode == "Mean":
            total = self._part(name, "sum", index).to_numpy(dtype=float)
            with np.errstate(invalid="ignore", divide="ignore"):
                return np.where(count > 0, total / np.where(count > 0, count, 1), np.nan)
        if mode in ("SDev", "Variance"):
            m2 = self._part(name, "m2", index).to_numpy(dtype=float)
            with np.errstate(invalid="ignore", divide="ignore"):
                var = np.where(count > 1, m2 / np.where(count > 1, count - 1, 1), np.nan)
            return np.sqrt(var) if mode == "SDev" else var
        raise AssertionError(f"aggregate mode {mode!r}")  # the planner lets no other through

    def close(self) -> None:
        for medians in self.medians.values():
            medians.close()


def aggregate(stream: Rows, keys: list[str], aggregates: list[tuple[str, list[str]]],
              extension: str, count_field: str | None, folder: Path,
              missing: Callable[[list[str]], EngineError]) -> Rows:
    """Aggregate: `<field>_<Mode><extension>` per key group and the record count."""
    agg = Aggregator(keys, aggregates, folder)
    try:
        checked = False
        try:
            for chunk in stream:
                if not checked:
                    absent = [f for f in [*keys, *(f for f, _ in aggregates)]
                              if f not in chunk.columns]
                    if absent:
                        raise missing(absent)
                    checked = True
                agg.add(chunk)
        finally:
            stream.close()
        if not checked:
            raise missing([*keys, *(f for f, _ in aggregates)])
        result = agg.result(extension, count_field)
    finally:
        agg.close()
    yield from _chunks(result)

