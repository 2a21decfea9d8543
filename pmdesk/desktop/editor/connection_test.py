"""Trying a connection profile from the desktop, with SQLAlchemy, where a driver exists.

The job runs on the server, so a successful test here only shows that the database
answers from this machine; it is still the quickest way to catch a wrong host or password.
Qt-free so it can run in a worker thread.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pmdesk.api.drivers import DRIVERS, ConnectionSettingsError, database_url
from pmdesk.desktop.editor.profiles import DbProfile
from pmdesk.desktop.i18n import _t


def default_port(db_type: str) -> int | None:
    driver = DRIVERS.get(db_type)
    return driver.default_port if driver else None


def missing_driver(db_type: str) -> str | None:
    """A sentence naming what to install to test this type, or None when it can be tested."""
    driver = DRIVERS.get(db_type)
    if driver is None:
        return _t("PMDesk cannot test {0} connections from the desktop.").format(db_type)
    try:
        found = importlib.util.find_spec(driver.module) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        return _t("Install the Python package {0} to test {1} connections.").format(
            driver.package, db_type)
    return None


def connection_url(profile: DbProfile, password: str | None) -> object:
    """The URL the job's engine would use (pmdesk.api.drivers), so the test tries the same
    driver. SQLite opens with mode=rw: testing must never create an empty database file."""
    url = database_url(profile.name or "test", profile.to_definition(password))
    if profile.type == "SQLite":
        path = Path(profile.db).expanduser()
        return url.set(database=f"file:{path.as_posix()}?mode=rw",
                       query={**url.query, "uri": "true"})
    return url


def test_connection(profile: DbProfile, password: str | None) -> str:
    """Connects once; returns a sentence for the user. Raises ConnectionTestError on failure."""
    problem = missing_driver(profile.type)
    if problem:
        raise ConnectionTestError(problem)
    if profile.type == "SQLite" and not Path(profile.db).expanduser().is_file():
        raise ConnectionTestError(
            _t("The SQLite file {0} does not exist.").format(profile.db))
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    connect_args: dict[str, object] = {}
    if profile.type in ("PostgreSQL", "Greenplum"):
        connect_args["connect_timeout"] = 10
    try:
        engine = create_engine(connection_url(profile, password),  # type: ignore[call-overload]
                               connect_args=connect_args, poolclass=_null_pool())
    except (SQLAlchemyError, ImportError, ValueError, ConnectionSettingsError) as exc:
        raise ConnectionTestError(
            _t("The connection settings are not usable: {0}").format(_first_line(exc))
        ) from None
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1")) if profile.type != "Oracle" else conn.execute(
                text("SELECT 1 FROM DUAL"))
    except (SQLAlchemyError, OSError) as exc:
        raise ConnectionTestError(
            _t("Could not connect: {0}").format(_first_line(exc))) from None
    finally:
        engine.dispose()
    return _t("Connected to {0}.").format(profile.summary())


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
