"""Helpers shared by the stream tests: where the real Modeler streams are, and a made-up
stream shaped unlike them (a uniquely named module, so it never collides with another
folder's conftest)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared/fixtures/modeler-streams"
REAL_STREAMS = ("Drug1n.str", "german_credit_risk_tutorial.str",
                "financial-performance-prediction.str")
NODE = "com.spss.clementine.component.node."


def fixture_path(name: str) -> Path:
    path = FIXTURES / name
    if not path.is_file():
        pytest.skip(f"real Modeler stream {name} not found in {FIXTURES} (no ../shared checkout)")
    return path


def _node(parent: ET.Element, nid: str, cls: str, uid: str, **props: str) -> ET.Element:
    node = ET.SubElement(parent, "node", {"id": nid, "class": NODE + cls, "uid": uid})
    p = ET.SubElement(node, "properties")
    for key, value in props.items():
        if key in ("x", "y"):
            pos = p.find("position")
            if pos is None:
                pos = ET.SubElement(p, "position")
            ET.SubElement(pos, key).text = value
        else:
            ET.SubElement(p, key).text = value
    return node


def made_up_stream() -> ET.Element:
    """A stream unlike the fixtures: parameters, a script, a builder copy inside a nugget,
    node classes the fixtures lack, a node without properties, unknown extra elements."""
    root = ET.Element("clementineStream", {"version": "17.0", "date": "2015-01-01"})
    stream = ET.SubElement(root, "stream")
    props = ET.SubElement(stream, "properties")
    ET.SubElement(props, "name").text = "churn scoring"
    table = ET.SubElement(ET.SubElement(props, "parameterTable"), "rows")
    row = ET.SubElement(table, "row")
    ET.SubElement(row, "name").text = "cutoff"
    ET.SubElement(row, "value").text = "0.5"
    ET.SubElement(row, "storage").text = "real"
    row = ET.SubElement(table, "row", {"name": "region", "value": "north"})
    ET.SubElement(props, "script").text = "stream.runAll([])\n"
    ET.SubElement(props, "scriptLanguage").text = "python"
    ET.SubElement(props, "scnScoringTerminalNode").text = "uidEXPORT"
    ET.SubElement(props, "scnModelBuildNode").text = "uidBUILD"
    ET.SubElement(props, "someFutureProperty").text = "x"
    diagram = ET.SubElement(stream, "diagram")
    nodes = ET.SubElement(diagram, "nodes")
    _node(nodes, "0", "DatabaseImportNode", "uidSRC", label="customers", autoLabel="false",
          name="Database", x="50", y="60")
    _node(nodes, "1", "DeriveNode", "uidDERIVE", name="Derive", x="150", y="60")
    _node(nodes, "2", "BuildCHAIDNode", "uidBUILD", name="CHAID", x="250", y="20")
    nugget = ET.Element("node", {"id": "3", "class": NODE + "ApplyCHAIDNode", "uid": "uidN"})
    info = ET.SubElement(ET.SubElement(nugget, "modelBuildInfo"), "propertyValues")
    ET.SubElement(info, "label").text = "the builder, not me"
    p = ET.SubElement(nugget, "properties")
    ET.SubElement(p, "name").text = "churn"
    nodes.append(nugget)
    _node(nodes, "4", "DatabaseExportNode", "uidEXPORT", label="", autoLabel="false",
          name="Database export", x="450", y="60")
    ET.SubElement(nodes, "node", {"id": "5", "class": NODE + "AnalysisNode"})
    links = ET.SubElement(diagram, "links")
    for a, b in (("0", "1"), ("1", "2"), ("1", "3"), ("3", "4"), ("3", "5"), ("3", "99")):
        ET.SubElement(links, "link", {"srcId": a, "dstId": b})
    order = ET.SubElement(diagram, "terminalNodeOrder")
    ET.SubElement(order, "node", {"id": "4"})
    return root


def write_str(path: Path, xml_member: bytes, name: str = "stream.xml",
              extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name, xml_member)
        for member, data in (extra or {}).items():
            zf.writestr(member, data)
    return path
