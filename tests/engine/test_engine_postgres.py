"""BATCH_SCORE against the real PostgreSQL server of PMDESK_TEST_PG_URL (COPY writes)."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from helpers.engine import Runner

from pmdesk.engine import EngineError

PG_URL = os.environ.get("PMDESK_TEST_PG_URL")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="PMDESK_TEST_PG_URL is not set"),
]


@pytest.fixture
def pg(samples: Path) -> Iterator[tuple[sa.Engine, str]]:
    """The server, with the sample score table copied into it under a unique name."""
    assert PG_URL
    engine = sa.create_engine(PG_URL)
    suffix = uuid.uuid4().hex[:8]
    source = f"drug_score_{suffix}"
    with sqlite3.connect(samples / "samples.db") as lite:
        rows = lite.execute("SELECT * FROM DRUG_SCORE").fetchall()
    lite.close()
    with engine.begin() as conn:
        conn.execute(sa.text(
            f"CREATE TABLE {source} (age INTEGER, sex TEXT, bp TEXT, cholesterol TEXT, "
            "na DOUBLE PRECISION, k DOUBLE PRECISION)"))
        conn.execute(sa.text(f"INSERT INTO {source} VALUES (:a, :s, :b, :c, :n, :k)"),
                     [dict(zip("asbcnk", r, strict=True)) for r in rows])
    yield engine, suffix
    with engine.begin() as conn:
        for name in sa.inspect(conn).get_table_names():
            if name.endswith(suffix) or name.upper().endswith(suffix.upper()):
                conn.execute(sa.text(f'DROP TABLE "{name}"'))
    engine.dispose()


def to_pg(suffix: str, mode: str = "Create", table: str = "SCORES") -> Any:
    url = sa.make_url(PG_URL or "")

    def change(job: dict[str, Any]) -> None:
        job["dbDefinitions"]["pg"] = {
            "type": "PostgreSQL", "host": url.host, "port": url.port, "db": url.database,
            "username": url.username, "password": url.password}
        # upper case on purpose: the table was created unquoted (lower case)
        job["setting"]["inputs"] = [
            {"odbc": {"dbRef": "pg", "table": f"DRUG_SCORE_{suffix.upper()}"},
             "node": "ScoreInput"}]
        job["setting"]["exports"] = [
            {"odbc": {"dbRef": "pg", "table": f"{table}_{suffix}", "insertMode": mode},
             "node": "Scores"}]
    return change


def test_batch_score_reads_and_writes_postgresql(
    run: Runner, pg: tuple[sa.Engine, str]
) -> None:
    engine, suffix = pg
    seen: list[tuple[int, int | None]] = []
    run("BATCH_SCORE", to_pg(suffix), progress=lambda d, t: seen.append((d, t)))
    with engine.connect() as conn:
        count = conn.execute(sa.text(f'SELECT COUNT(*) FROM "SCORES_{suffix}"')).scalar_one()
        predicted = conn.execute(sa.text(
            f'SELECT COUNT(*) FROM "SCORES_{suffix}" WHERE "$R-Drug" IS NOT NULL')).scalar_one()
        columns = [c["name"] for c in sa.inspect(conn).get_columns(f"SCORES_{suffix}")]
    assert count == predicted == 1000
    assert columns[-2:] == ["$R-Drug", "$RC-Drug"]
    assert seen[-1] == (1000, 1000)


def test_postgresql_insert_modes_and_rollback(run: Runner, pg: tuple[sa.Engine, str]) -> None:
    engine, suffix = pg
    table = f'"SCORES_{suffix}"'
    run("BATCH_SCORE", to_pg(suffix, "Create"))
    with pytest.raises(EngineError, match="the table already exists"):
        run("BATCH_SCORE", to_pg(suffix, "Create"))
    run("BATCH_SCORE", to_pg(suffix, "Append"))
    with engine.connect() as conn:
        assert conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one() == 2000
    run("BATCH_SCORE", to_pg(suffix, "Refresh"))
    with engine.connect() as conn:
        assert conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one() == 1000
    # a row the table refuses (COPY fails) after the DELETE: everything rolls back
    with engine.begin() as conn:
        conn.execute(sa.text(f'ALTER TABLE {table} ADD CONSTRAINT young CHECK ("Age" < 30) '
                             "NOT VALID"))
    with pytest.raises(EngineError, match="the database refused the rows"):
        run("BATCH_SCORE", to_pg(suffix, "Refresh"))
    with engine.connect() as conn:
        assert conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one() == 1000
    run("BATCH_SCORE", to_pg(suffix, "Drop"))  # the new table has no constraint
    with engine.connect() as conn:
        assert conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one() == 1000


def test_wrong_password_is_reported_without_it(run: Runner, pg: tuple[sa.Engine, str]) -> None:
    _, suffix = pg
    change = to_pg(suffix)

    def wrong(job: dict[str, Any]) -> None:
        change(job)
        job["dbDefinitions"]["pg"]["password"] = "not-the-pw-42"

    with pytest.raises(EngineError) as info:
        run("BATCH_SCORE", wrong)
    assert "cannot connect to database 'pg' (PostgreSQL)" in str(info.value)
    assert "not-the-pw-42" not in str(info.value)


def test_many_chunks_interleave_cursor_reads_and_copy(
    run: Runner, pg: tuple[sa.Engine, str]
) -> None:
    engine, suffix = pg
    rows = 120_000  # three chunks of the server-side cursor, each written by COPY
    with engine.begin() as conn:
        conn.execute(sa.text(
            f"INSERT INTO drug_score_{suffix} SELECT 15 + i % 60, "
            "CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END, "
            "(ARRAY['HIGH', 'LOW', 'NORMAL'])[1 + i % 3], "
            "CASE WHEN i % 5 < 2 THEN 'HIGH' ELSE 'NORMAL' END, "
            "0.5 + (i % 997) / 2500.0, 0.02 + (i % 991) / 16666.0 "
            "FROM generate_series(1, :n) AS i"), {"n": rows - 1000})
    seen: list[tuple[int, int | None]] = []
    run("BATCH_SCORE", to_pg(suffix, "Drop"), progress=lambda d, t: seen.append((d, t)))
    with engine.connect() as conn:
        count = conn.execute(sa.text(f'SELECT COUNT(*) FROM "SCORES_{suffix}"')).scalar_one()
        nulls = conn.execute(sa.text(
            f'SELECT COUNT(*) FROM "SCORES_{suffix}" WHERE "$R-Drug" IS NULL')).scalar_one()
    assert (count, nulls) == (rows, 0)
    assert [d for d, _ in seen] == [0, 50_000, 100_000, rows]
    assert {t for _, t in seen} == {rows}
