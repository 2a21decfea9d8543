"""TableWriter's column-wise conversion: every missing value arrives as NULL, every present
value as itself, whatever the column's pandas dtype (real SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from pmdesk.api.models import InsertMode
from pmdesk.engine.db import TableName, TableWriter
from pmdesk.engine.errors import EngineError

PG_URL = os.environ.get("PMDESK_TEST_PG_URL")


def mixed_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "i": np.array([1, -2, 3], dtype=np.int64),
        "f": [0.5, np.nan, 2.25],
        "s": pd.Series(["a", None, "c"], dtype="str"),
        "o": pd.Series([None, "x", np.nan], dtype=object),
        "b": [True, False, True],
        "n": pd.array([7, None, 9], dtype="Int64"),
        "t": pd.to_datetime(["2024-01-02 03:04:05", None, "2024-12-31 00:00:00"]),
    })


EXPECTED = [
    (1, 0.5, "a", None, True, 7, dt.datetime(2024, 1, 2, 3, 4, 5)),
    (-2, None, None, "x", False, None, None),
    (3, 2.25, "c", None, True, 9, dt.datetime(2024, 12, 31)),
]


def normalise(rows: list[Any]) -> list[tuple[Any, ...]]:
    """SQLite gives booleans as 0/1 and datetimes as text: compare as the drivers store."""
    out = []
    for row in rows:
        i, f, s, o, b, n, t = row
        if isinstance(t, str):
            t = dt.datetime.fromisoformat(t)
        out.append((i, f, s, o, bool(b), n, t))
    return out


def write_twice(conn: sa.Connection, table: TableName) -> None:
    writer = TableWriter(conn, table, InsertMode.CREATE, "Export")
    frame = mixed_frame()
    writer.write(frame.iloc[:2])
    writer.write(frame.iloc[2:])
    assert writer.rows == 3


def test_sqlite_gets_null_for_every_kind_of_missing_value(tmp_path: Path) -> None:
    db = tmp_path / "out.db"
    sqlite3.connect(db).close()
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        write_twice(conn, TableName("OUT"))
    engine.dispose()
    with sqlite3.connect(db) as con:
        rows = con.execute('SELECT i, f, s, o, b, n, t FROM "OUT" ORDER BY rowid').fetchall()
        kinds = con.execute('SELECT typeof(i), typeof(f), typeof(n) FROM "OUT"').fetchall()
    con.close()
    assert normalise(rows) == EXPECTED
    assert kinds[0] == ("integer", "real", "integer")
    assert kinds[1] == ("integer", "null", "null")


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="PMDESK_TEST_PG_URL is not set")
def test_postgresql_copy_gets_null_for_every_kind_of_missing_value() -> None:
    assert PG_URL
    name = f"write_values_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(PG_URL)
    try:
        with engine.begin() as conn:
            write_twice(conn, TableName(name))
        with engine.connect() as conn:
            rows = conn.execute(sa.text(
                f'SELECT i, f, s, o, b, n, t FROM "{name}" ORDER BY i DESC')).fetchall()
        assert sorted(normalise(list(rows)), key=lambda r: -r[0]) == sorted(
            EXPECTED, key=lambda r: -r[0])
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}"'))
        engine.dispose()


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="PMDESK_TEST_PG_URL is not set")
def test_postgresql_copy_into_columns_of_other_types() -> None:
    """COPY goes binary only where the values fit the column's type as they are; an
    existing table whose columns differ (numbers into text, int4, numeric, float4) gets
    them in text format, converted by PostgreSQL, and a value its column cannot hold is
    refused with a message, not a crash."""
    assert PG_URL
    name = f"write_types_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(PG_URL)
    frame = pd.DataFrame({"label": np.array([1, 2], dtype=np.int64),
                          "small": np.array([5, -6], dtype=np.int64),
                          "amount": [1.25, None], "ratio": [0.5, 2.0],
                          "wide": np.array([3, 4], dtype=np.int64)})
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f'CREATE TABLE "{name}" (label text, small integer, '
                                 'amount numeric(10, 2), ratio real, wide double precision)'))
        with engine.begin() as conn:
            TableWriter(conn, TableName(name), InsertMode.APPEND, "Export").write(frame)
        with engine.connect() as conn:
            rows = conn.execute(sa.text(
                f'SELECT label, small, amount, ratio, wide FROM "{name}" ORDER BY small DESC'
            )).fetchall()
        assert [tuple(r) for r in rows] == [("1", 5, Decimal("1.25"), 0.5, 3.0),
                                           ("2", -6, None, 2.0, 4.0)]

        too_big = frame.assign(small=np.array([5, 2**40], dtype=np.int64))
        with pytest.raises(EngineError, match="refused the rows"), engine.begin() as conn:
            TableWriter(conn, TableName(name), InsertMode.APPEND, "Export").write(too_big)
        with engine.connect() as conn:  # the refused chunk left nothing behind
            assert conn.execute(sa.text(f'SELECT COUNT(*) FROM "{name}"')).scalar_one() == 2
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}"'))
        engine.dispose()
