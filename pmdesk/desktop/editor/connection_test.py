"""Trying a connection profile from the desktop, with SQLAlchemy, where a driver exists.

The job runs on the server, so a successful test here only shows that the database
answers from this machine; it is still the quickest way to catch a wrong host or password.
Qt-free so it can run in a worker thread.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from pmdesk.desktop.editor.profiles import DbProfile


@dataclass(frozen=True)
class Driver:
    dialect: str  # SQLAlchemy "dialect+driver"
    module: str  # what must import for the dialect to work
    package: str  # what to pip install when it does not
    default_port: int | None = None


# Only dialects SQLAlchemy knows by name once the package is installed.
DRIVERS: dict[str, Driver] = {
    "SQLite": Driver("sqlite", "sqlite3", "sqlite3 (part of Python)"),
    "PostgreSQL": Driver("postgresql+psycopg", "psycopg", "psycopg", 5432),
    "Greenplum": Driver("postgresql+psycopg", "psycopg", "psycopg", 5432),
    "MySQL": Driver("mysql+pymysql", "pymysql", "PyMySQL", 3306),
    "SQLServer": Driver("mssql+pymssql", "pymssql", "pymssql", 1433),
    "Oracle": Driver("oracle+oracledb", "oracledb", "oracledb", 1521),
    "DB2": Driver("db2+ibm_db", "ibm_db_sa", "ibm_db_sa", 50000),
    "DashDB": Driver("db2+ibm_db", "ibm_db_sa", "ibm_db_sa", 50000),
    "Teradata": Driver("teradatasql", "teradatasqlalchemy", "teradatasqlalchemy", 1025),
    "ApacheHive": Driver("hive", "pyhive", "PyHive", 10000),
    "Impala": Driver("impala", "impala", "impyla", 21050),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConnectionTest", text)


def default_port(db_type: str) -> int | None:
    driver = DRIVERS.get(db_type)
    return driver.default_port if driver else None


def missing_driver(db_type: str) -> str | None:
    """A sentence naming what to install to test this type, or None when it can be tested."""
    driver = DRIVERS.get(db_type)
    if driver is None:
        return _tr("PMDesk cannot test {0} connections from the desktop.").format(db_type)
    try:
        found = importlib.util.find_spec(driver.module) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        return _tr("Install the Python package {0} to test {1} connections.").format(
            driver.package, db_type)
    return None


def connection_url(profile: DbProfile, password: str | None) -> object:
    """The SQLAlchemy URL for this profile (a URL object: the password never sits in a str)."""
    from sqlalchemy.engine import URL

    driver = DRIVERS[profile.type]
    if profile.type == "SQLite":
        # mode=rw: testing must never create an empty database file where none was.
        path = Path(profile.db).expanduser()
        return URL.create("sqlite", database=f"file:{path.as_posix()}?mode=rw",
                          query={"uri": "true"})
    query: dict[str, str] = {}
    for part in profile.options.replace("&", ";").split(";"):
        if "=" in part:
            key, _, value = part.partition("=")
            query[key.strip()] = value.strip()
    return URL.create(
        driver.dialect,
        username=profile.username or None,
        password=password or None,
        host=profile.host or None,
        port=profile.port or driver.default_port,
        database=profile.db or None,
        query=query,
    )


def test_connection(profile: DbProfile, password: str | None) -> str:
    """Connects once; returns a sentence for the user. Raises ConnectionTestError on failure."""
    problem = missing_driver(profile.type)
    if problem:
        raise ConnectionTestError(problem)
    if profile.type == "SQLite" and not Path(profile.db).expanduser().is_file():
        raise ConnectionTestError(
            _tr("The SQLite file {0} does not exist.").format(profile.db))
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    connect_args: dict[str, object] = {}
    if profile.type in ("PostgreSQL", "Greenplum"):
        connect_args["connect_timeout"] = 10
    try:
        engine = create_engine(connection_url(profile, password),  # type: ignore[call-overload]
                               connect_args=connect_args, poolclass=_null_pool())
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise ConnectionTestError(
            _tr("The connection settings are not usable: {0}").format(_first_line(exc))
        ) from None
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1")) if profile.type != "Oracle" else conn.execute(
                text("SELECT 1 FROM DUAL"))
    except (SQLAlchemyError, OSError) as exc:
        raise ConnectionTestError(
            _tr("Could not connect: {0}").format(_first_line(exc))) from None
    finally:
        engine.dispose()
    return _tr("Connected to {0}.").format(profile.summary())


def _null_pool() -> object:
    from sqlalchemy.pool import NullPool

    return NullPool


def _first_line(exc: BaseException) -> str:
    """Driver errors carry SQL and background links after the first line; users need one."""
    inner = getattr(exc, "orig", None) or exc
    text = str(inner).strip().splitlines()
    return text[0] if text else type(inner).__name__


class ConnectionTestError(Exception):
    """A failed connection test; the message is for the user."""


# pytest would otherwise collect `test_connection` from modules that import it.
test_connection.__test__ = False  # type: ignore[attr-defined]
