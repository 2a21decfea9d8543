"""Helpers shared by the Modeler stream tests that run through a real `pmdesk serve`:
nodes written as Modeler saves them, uploading a stream, waiting for a job, and the SQLite
or PostgreSQL database a test's input tables live in."""

from __future__ import annotations

import os
import time
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa

from helpers.server import LiveServer
from helpers.streams import NODE

PG_URL = os.environ.get("PMDESK_TEST_PG_URL")


def node(nodes: ET.Element, nid: str, cls: str, label: str | None = None,
         **props: Any) -> ET.Element:
    """A node as Modeler saves it: class, id, uid, and `properties` children."""
    elem = ET.SubElement(nodes, "node", {"id": nid, "class": NODE + cls, "uid": f"uid{nid}"})
    p = ET.SubElement(elem, "properties")
    if label:
        ET.SubElement(p, "label").text = label
        ET.SubElement(p, "autoLabel").text = "false"
    for key, value in props.items():
        child = ET.SubElement(p, key)
        if isinstance(value, list):
            for item in value:
                ET.SubElement(child, "field").text = item
        elif isinstance(value, ET.Element):
            child.extend(list(value))
        else:
            child.text = str(value)
    return elem


def put(server: LiveServer, path: Path) -> None:
    with path.open("rb") as fh:
        r = server.request("PUT", f"/pm/v1/file/{path.name}",
                           files={"model_file": (path.name, fh, "application/octet-stream")})
    assert r.status_code == 200, r.text


def finished(server: LiveServer, job_id: str, timeout: float = 120) -> dict[str, Any]:
    """The job's status once it has ended (the timeout only stops a hang)."""
    deadline = time.monotonic() + timeout
    while True:
        body = dict(server.request("GET", f"/pm/v1/jobs/{job_id}/status").json())
        if body["jobStatus"] in ("SUCCESS", "FAILED", "CANCELED"):
            return body
        assert time.monotonic() < deadline, body
        time.sleep(0.2)


def run_to_success(server: LiveServer, job_id: str, body: dict[str, Any],
                   timeout: float = 120) -> None:
    """Submits the job and waits for it to succeed."""
    r = server.request("POST", f"/pm/v1/jobs/{job_id}", json=body)
    assert r.status_code == 200, r.text
    status = finished(server, job_id, timeout)
    assert status["jobStatus"] == "SUCCESS", status


class Database:
    """Where a test's input tables live and how its output is read back."""

    def __init__(self, kind: str, tmp: Path) -> None:
        self.kind = kind
        self.suffix = uuid.uuid4().hex[:8]
        if kind == "sqlite":
            self.path = tmp / "modeler.db"
            self.engine = sa.create_engine(f"sqlite:///{self.path}")
            self.definition: dict[str, Any] = {"type": "SQLite", "db": str(self.path)}
        else:
            assert PG_URL
            self.engine = sa.create_engine(PG_URL)
            url = sa.make_url(PG_URL)
            self.definition = {"type": "PostgreSQL", "host": url.host, "port": url.port,
                               "db": url.database, "username": url.username,
                               "password": url.password}

    def table(self, stem: str) -> str:
        return f"{stem}_{self.suffix}"

    def load(self, frame: pd.DataFrame, stem: str) -> str:
        name = self.table(stem)
        frame.to_sql(name, self.engine, index=False)
        return name

    def read(self, name: str) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return pd.read_sql_table(name, conn)

    def drop(self) -> None:
        with self.engine.begin() as conn:
            for name in sa.inspect(conn).get_table_names():
                if name.endswith(self.suffix):
                    conn.execute(sa.text(f'DROP TABLE "{name}"'))
        self.engine.dispose()
