"""The database layer on its own: URLs per contract type, options, chunked reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from pmdesk.api.models import DB_TYPES, DbDefinition
from pmdesk.engine import EngineError
from pmdesk.engine.db import (
    DIALECTS,
    UNSUPPORTED,
    TableName,
    database_url,
    parse_options,
    read_chunks,
    scrub,
)


@pytest.mark.parametrize("rows", [0, 1, 13, 14, 15, 21])
def test_chunked_read_returns_every_row_once(tmp_path: Path, rows: int) -> None:
    db = tmp_path / "t.db"
    with sqlite3.connect(db) as conn:
        conn.execute('CREATE TABLE "My Table" (i INTEGER, s TEXT)')
        conn.executemany('INSERT INTO "My Table" VALUES (?, ?)',
                         [(i, f"r{i}") for i in range(rows)])
    conn.close()
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as c:
        chunks = list(read_chunks(c, TableName("My Table"), chunk_rows=7))
    engine.dispose()
    assert all(len(ch) <= 7 for ch in chunks) and chunks
    assert [i for ch in chunks for i in ch["i"]] == list(range(rows))
    assert list(chunks[0].columns) == ["i", "s"]


def test_every_contract_type_has_a_mapping() -> None:
    for db_type in DB_TYPES:
        assert db_type == "SQLite" or db_type in DIALECTS or db_type in UNSUPPORTED


def test_urls_carry_host_port_credentials_and_options() -> None:
    d = DbDefinition(type="db2", host="h", port=50001, db="BLUDB", username="u",
                     password="p w", options="Security=SSL;CurrentSchema=S")
    url = database_url("ref", d)
    assert url.drivername == "db2+ibm_db"
    assert (url.host, url.port, url.database, url.username, url.password) == (
        "h", 50001, "BLUDB", "u", "p w")
    assert dict(url.query) == {"Security": "SSL", "CurrentSchema": "S"}
    assert database_url("r", DbDefinition(type="Greenplum", host="g")).port == 5432
    assert database_url("r", DbDefinition(type="SQLite", db="/x/y.db")).database == "/x/y.db"


def test_definitions_that_cannot_work_are_named() -> None:
    with pytest.raises(EngineError, match="'r' \\(SQLite\\) needs db = the database file"):
        database_url("r", DbDefinition(type="SQLite"))
    with pytest.raises(EngineError, match="'r' \\(MySQL\\) needs a host"):
        database_url("r", DbDefinition(type="MySQL"))
    with pytest.raises(EngineError, match="no SQLAlchemy dialect for Progress OpenEdge"):
        database_url("r", DbDefinition(type="ProgressOpenEdge", host="h"))
    with pytest.raises(EngineError, match="option 'oops' is not of the form key=value"):
        parse_options("a=1;oops")


def test_scrub_removes_the_password_and_background_links() -> None:
    text = 'FATAL: password "hunter2" wrong\n(Background on this error at: https://x/y)'
    assert scrub(text, "hunter2") == 'FATAL: password "********" wrong'


def test_table_names_with_schema() -> None:
    assert TableName.parse("DRUG1N") == TableName("DRUG1N")
    assert TableName.parse("sales.DRUG1N") == TableName("DRUG1N", "sales")
    assert str(TableName("t", "s")) == "s.t"
