"""The one table of database drivers, and the one way a dbDefinition becomes a URL.

The engine connects with it and the desktop's "Test connection" tests with it, so a
successful test means the job's own driver reached the database. Kept free of the engine
(pandas) so the desktop can read the table without loading it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmdesk.api.models import DbDefinition

if TYPE_CHECKING:
    from sqlalchemy.engine import URL


@dataclass(frozen=True)
class Driver:
    dialect: str  # SQLAlchemy "dialect+driver"
    module: str  # what must import for the dialect to work
    package: str  # what to pip install when it does not
    default_port: int | None = None


# contract type -> its driver (SQLite has no server, so no port)
DRIVERS: dict[str, Driver] = {
    "SQLite": Driver("sqlite", "sqlite3", "sqlite3 (part of Python)"),
    "PostgreSQL": Driver("postgresql+psycopg", "psycopg", "psycopg[binary]", 5432),
    "Greenplum": Driver("postgresql+psycopg", "psycopg", "psycopg[binary]", 5432),
    "MySQL": Driver("mysql+pymysql", "pymysql", "PyMySQL", 3306),
    "SQLServer": Driver("mssql+pyodbc", "pyodbc",
                        "pyodbc (and an ODBC driver for SQL Server)", 1433),
    "Oracle": Driver("oracle+oracledb", "oracledb", "oracledb", 1521),
    "DB2": Driver("db2+ibm_db", "ibm_db_sa", "ibm_db_sa", 50000),
    "DashDB": Driver("db2+ibm_db", "ibm_db_sa", "ibm_db_sa", 50001),
    "Informix": Driver("db2+ibm_db", "ibm_db_sa",
                       "ibm_db_sa (Informix through its DRDA listener)", 9089),
    "Sybase": Driver("sybase+pyodbc", "sqlalchemy_sybase", "sqlalchemy-sybase and pyodbc",
                     5000),
    "SybaseIQ": Driver("sqlalchemy_sqlany", "sqlalchemy_sqlany", "sqlalchemy-sqlany", 2638),
    "Teradata": Driver("teradatasql", "teradatasqlalchemy", "teradatasqlalchemy", 1025),
    "ApacheHive": Driver("hive", "pyhive", "pyhive[hive]", 10000),
    "Impala": Driver("impala", "impala", "impyla", 21050),
}
UNSUPPORTED = {
    "ProgressOpenEdge": "there is no SQLAlchemy dialect for Progress OpenEdge",
    "Salesforce": "Salesforce is not an SQL database PMDesk's local engine can write to",
}


class ConnectionSettingsError(ValueError):
    """A dbDefinition no URL can be built from; the message names the database."""


def parse_options(options: str | None) -> dict[str, str]:
    """`Security=SSL;sslmode=require` (or `&`-separated) as driver arguments."""
    out: dict[str, str] = {}
    for part in re.split(r"[;&]", options or ""):
        if part.strip():
            key, sep, value = part.partition("=")
            if not sep or not key.strip():
                raise ConnectionSettingsError(
                    f"database option {part.strip()!r} is not of the form key=value")
            out[key.strip()] = value.strip()
    return out


def database_url(ref: str, d: DbDefinition) -> URL:
    """The SQLAlchemy URL of a dbDefinition (a URL object: the password is never in a str)."""
    from sqlalchemy.engine import URL

    options = parse_options(d.options)
    if d.type == "SQLite":
        if not d.db:
            raise ConnectionSettingsError(
                f"database {ref!r} (SQLite) needs db = the database file's path")
        return URL.create("sqlite", database=d.db, query=options)
    if d.type in UNSUPPORTED:
        raise ConnectionSettingsError(f"database {ref!r} ({d.type}): {UNSUPPORTED[d.type]}")
    driver = DRIVERS[d.type]
    if not d.host:
        raise ConnectionSettingsError(f"database {ref!r} ({d.type}) needs a host")
    return URL.create(
        driver.dialect, username=d.username, password=d.password, host=d.host,
        port=d.port or driver.default_port, database=d.db, query=options,
    )
