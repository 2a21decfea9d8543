"""Modeler streams with Partition and Balance nodes, built from the format's XML for the
tests of tests/streams and tests/cluster (a uniquely named module: no folder's conftest
collides with it)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.fibuild import encode
from helpers.streams import NODE

ROWS = 10_000
Spec = tuple[str, str, str, dict[str, Any]]  # id, class, label, properties


def node(nodes: ET.Element, nid: str, cls: str, label: str, props: dict[str, Any]) -> None:
    elem = ET.SubElement(nodes, "node", {"id": nid, "class": NODE + cls, "uid": f"uid{nid}"})
    p = ET.SubElement(elem, "properties")
    ET.SubElement(p, "label").text = label
    ET.SubElement(p, "autoLabel").text = "false"
    for key, value in props.items():
        child = ET.SubElement(p, key)
        if isinstance(value, ET.Element):  # a structured property: its content
            child.text = value.text
            child.extend(list(value))
        else:
            child.text = str(value)


def stream(specs: list[Spec], links: list[tuple[str, str]]) -> bytes:
    return encode(stream_root(specs, links))


def stream_root(specs: list[Spec], links: list[tuple[str, str]]) -> ET.Element:
    root = ET.Element("clementineStream", {"version": "18.0"})
    s = ET.SubElement(root, "stream")
    ET.SubElement(ET.SubElement(s, "properties"), "name").text = "partitioned"
    diagram = ET.SubElement(s, "diagram")
    nodes = ET.SubElement(diagram, "nodes")
    for nid, cls, label, props in specs:
        node(nodes, nid, cls, label, props)
    links_elem = ET.SubElement(diagram, "links")
    for a, b in links:
        ET.SubElement(links_elem, "link", {"srcId": a, "dstId": b})
    return root


def directives(*rows: tuple[float, str]) -> ET.Element:
    table = ET.Element("directives")
    for factor, condition in rows:
        row = ET.SubElement(table, "directive")
        ET.SubElement(row, "factor").text = repr(factor)
        ET.SubElement(row, "condition").text = condition
    return table


def data(rows: int = ROWS) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    return pd.DataFrame({"id": rng.permutation(rows) * 3 + 11,
                         "x": rng.normal(size=rows).round(6),
                         "grp": np.where(rng.random(rows) < 0.2, "A", "B")})


SPLIT = ("1", "PartitionNode", "split", {
    "newName": "Partition", "createValidation": "true", "trainingSize": "60",
    "testingSize": "30", "validationSize": "10", "valueMode": "SystemAndLabel",
    "setRandomSeed": "true", "randomSeed": "42"})


def partition_stream() -> bytes:
    """rows -> Partition (60/30/10) -> parts out, and -> Select training -> training out."""
    return stream([
        ("0", "DatabaseImportNode", "rows", {}), SPLIT,
        ("2", "SelectNode", "training only",
         {"mode": "Include", "condition": "'Partition' == \"1_Training\""}),
        ("3", "DatabaseExportNode", "training out", {}),
        ("4", "DatabaseExportNode", "parts out", {}),
    ], [("0", "1"), ("1", "2"), ("2", "3"), ("1", "4")])


def job(stream_name: str, db: Path | dict[str, Any], table: str, exports: dict[str, str]
        ) -> dict[str, Any]:
    where = {"type": "SQLite", "db": str(db)} if isinstance(db, Path) else db
    return {
        "action": "BATCH_SCORE", "model": {"id": stream_name},
        "dbDefinitions": {"db": where},
        "setting": {
            "inputs": [{"node": "rows", "odbc": {"dbRef": "db", "table": table}}],
            "exports": [{"node": node_, "odbc": {"dbRef": "db", "table": out,
                                                 "insertMode": "Create"}}
                        for node_, out in exports.items()]},
    }
