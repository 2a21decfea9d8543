"""The reader on the three real streams and on made-up streams shaped like other versions."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers.fibuild import encode
from helpers.streams import NODE, fixture_path, made_up_stream, write_str

from pmdesk.streams.describe import describe
from pmdesk.streams.info import NodeKind
from pmdesk.streams.modeler.reader import classify, read_str


@pytest.mark.fixtures
def test_drug1n_graph() -> None:
    info = read_str(fixture_path("Drug1n.str"))
    assert info.name == "Drug1n"
    assert info.format == "modeler"
    assert info.modeler_version == "18.1"
    assert [(n.id, n.label, n.kind) for n in info.nodes] == [
        ("0", "trainingInput", NodeKind.SOURCE),
        ("1", "Neural Net", NodeKind.MODEL_BUILDER),
        ("2", "scoreInput", NodeKind.SOURCE),
        ("3", "DRUG", NodeKind.MODEL_NUGGET),
        ("4", "Table", NodeKind.TERMINAL),
    ]
    assert info.nodes[0].cls == NODE + "DelimitedFileImportNode"
    assert (info.nodes[3].x, info.nodes[3].y) == (366.0, 277.0)
    assert info.links == [("0", "1"), ("2", "3"), ("3", "4")]
    # scnScoringTerminalNode holds the uid id86PQD2I2A8L: joined to node id "4"
    assert info.scoring_terminal == "4"
    assert info.model_build_node == "1"
    assert info.script is None
    assert set(info.pmml) == {"3"}
    assert "<PMML" in info.pmml["3"] and "NeuralNetwork" in info.pmml["3"]
    assert info.source_names == ["trainingInput", "scoreInput"]


@pytest.mark.fixtures
def test_german_credit_graph() -> None:
    info = read_str(fixture_path("german_credit_risk_tutorial.str"))
    kinds = {n.label: n.kind for n in info.nodes}
    assert kinds["Type"] is NodeKind.PROCESS
    assert kinds["Logistic"] is NodeKind.MODEL_BUILDER
    assert kinds["Risk"] is NodeKind.MODEL_NUGGET
    assert info.scoring_terminal == "2"
    # its scnModelBuildNode names a uid no node has: reported as no node, not a dangling id
    assert info.model_build_node is None
    assert "RegressionModel" in info.pmml["1"] or "GeneralRegressionModel" in info.pmml["1"]
    assert info.to_json()["script"] is None


@pytest.mark.fixtures
def test_financial_extension_nodes() -> None:
    info = read_str(fixture_path("financial-performance-prediction.str"))
    assert info.name == "tsfinalout_date_v18_stream_explanation"
    assert info.modeler_version == "18.0"
    by_id = {n.id: n for n in info.nodes}
    assert by_id["2"].kind is NodeKind.MODEL_BUILDER
    assert by_id["3"].kind is NodeKind.MODEL_NUGGET
    assert ("1", "3") in info.links
    assert info.model_build_node == "2"
    assert info.pmml["3"].lstrip().startswith("<?xml")


@pytest.mark.fixtures
def test_real_stream_invariants(real_stream: Path) -> None:
    """What a check on unseen streams looks at: consistent graph, JSON keys present."""
    info = describe(real_stream)
    ids = {n.id for n in info.nodes}
    assert len(ids) == len(info.nodes) > 0
    assert all(a in ids and b in ids for a, b in info.links)
    assert info.scoring_terminal is None or info.scoring_terminal in ids
    assert all(n.cls.startswith("com.spss.") for n in info.nodes)
    data = info.to_json()
    for key in ("name", "modelerVersion", "parameters", "nodes", "links",
                "scoringTerminalNode", "script"):
        assert key in data
    assert set(data["nodes"][0]) >= {"id", "label", "class", "kind", "x", "y"}


@pytest.mark.parametrize(("cls", "kind"), [
    ("DelimitedFileImportNode", NodeKind.SOURCE),
    ("CFImportNode", NodeKind.SOURCE),
    ("DatabaseImportNode", NodeKind.SOURCE),
    ("UserInputNode", NodeKind.SOURCE),
    ("TypeNode", NodeKind.PROCESS),
    ("FilterNode", NodeKind.PROCESS),
    ("SelectNode", NodeKind.PROCESS),
    ("PartitionNode", NodeKind.PROCESS),
    ("AutoDataPrepNode", NodeKind.PROCESS),
    ("ExtensionDataTransformNode", NodeKind.PROCESS),
    ("BuildLogisticNode", NodeKind.MODEL_BUILDER),
    ("CFBuildModelNode", NodeKind.MODEL_BUILDER),
    ("BuildPredictiveModelNode", NodeKind.MODEL_BUILDER),
    ("ExtensionBuildModelNode", NodeKind.MODEL_BUILDER),
    ("AutoClassifierNode", NodeKind.MODEL_BUILDER),
    ("ApplyLogisticNode", NodeKind.MODEL_NUGGET),
    ("CFApplyModelNode", NodeKind.MODEL_NUGGET),
    ("ExtensionApplyModelNode", NodeKind.MODEL_NUGGET),
    ("TableNode", NodeKind.TERMINAL),
    ("DelimitedFileExportNode", NodeKind.TERMINAL),
    ("DatabaseExportNode", NodeKind.TERMINAL),
    ("StatisticsExportNode", NodeKind.TERMINAL),
    ("AnalysisNode", NodeKind.DOCUMENT_BUILDER),
    ("EvaluationNode", NodeKind.DOCUMENT_BUILDER),
    ("MatrixNode", NodeKind.DOCUMENT_BUILDER),
    ("HistogramNode", NodeKind.DOCUMENT_BUILDER),
    ("PlotNode", NodeKind.DOCUMENT_BUILDER),
    ("GraphboardNode", NodeKind.DOCUMENT_BUILDER),
    ("SourceSuperNode", NodeKind.SOURCE),
    ("TerminalSuperNode", NodeKind.TERMINAL),
    ("ProcessSuperNode", NodeKind.PROCESS),
    ("SomethingNewNode", NodeKind.PROCESS),
    ("", NodeKind.UNKNOWN),
])
def test_classify(cls: str, kind: NodeKind) -> None:
    assert classify(NODE + cls if cls else "") is kind


def test_unknown_terminal_class_uses_terminal_order() -> None:
    assert classify(NODE + "FancyNewSinkNode", in_terminal_order=True) is NodeKind.TERMINAL


@pytest.mark.parametrize("encoding", ["fastinfoset", "plain-xml"])
def test_made_up_stream(tmp_path: Path, encoding: str) -> None:
    root = made_up_stream()
    member = encode(root) if encoding == "fastinfoset" else ET.tostring(root)
    info = read_str(write_str(tmp_path / "churn.str", member))
    assert info.name == "churn scoring"
    assert info.modeler_version == "17.0"
    assert [(p.name, p.default, p.type) for p in info.parameters] == [
        ("cutoff", 0.5, "real"), ("region", "north", None),
    ]
    assert info.script is not None and info.script.language == "python"
    assert "runAll" in info.script.text
    labels = {n.id: n.label for n in info.nodes}
    assert labels == {"0": "customers", "1": "Derive", "2": "CHAID", "3": "churn",
                      "4": "Database export", "5": "AnalysisNode"}
    kinds = {n.id: n.kind for n in info.nodes}
    assert kinds == {"0": NodeKind.SOURCE, "1": NodeKind.PROCESS, "2": NodeKind.MODEL_BUILDER,
                     "3": NodeKind.MODEL_NUGGET, "4": NodeKind.TERMINAL,
                     "5": NodeKind.DOCUMENT_BUILDER}
    assert info.node("3") is not None and info.node("3").x is None  # type: ignore[union-attr]
    assert ("3", "99") not in info.links and len(info.links) == 5
    assert info.scoring_terminal == "4"
    assert info.model_build_node == "2"
    assert info.terminal_names == ["Database export", "AnalysisNode"]


def test_nugget_pmml_in_plain_xml_member(tmp_path: Path) -> None:
    root = made_up_stream()
    nugget = root.find("stream/diagram/nodes/node[@id='3']")
    assert nugget is not None
    ET.SubElement(nugget, "model", {"pmml": "data/0001.dat"})
    pmml = b'<?xml version="1.0"?><PMML version="4.2"><Header/></PMML>'
    path = write_str(tmp_path / "p.str", encode(root),
                     extra={"data/0001.dat": pmml, "data/0002.dat": b"<other/>"})
    assert read_str(path).pmml == {"3": pmml.decode()}


def test_stream_xml_member_is_found_whatever_its_name(tmp_path: Path) -> None:
    path = write_str(tmp_path / "x.str", encode(made_up_stream()), name="Whatever Name.xml",
                     extra={"data/0001.dat": b"<Parameters/>"})
    assert read_str(path).name == "churn scoring"


def test_label_without_auto_label_flag(tmp_path: Path) -> None:
    root = made_up_stream()
    props = root.find("stream/diagram/nodes/node[@id='1']/properties")
    assert props is not None
    ET.SubElement(props, "label").text = "my derive"  # no autoLabel element at all
    assert read_str(write_str(tmp_path / "l.str", encode(root))).node("1").label == (  # type: ignore[union-attr]
        "my derive")


def test_supernode_kind_from_its_place_in_the_graph(tmp_path: Path) -> None:
    root = made_up_stream()
    nodes = root.find("stream/diagram/nodes")
    links = root.find("stream/diagram/links")
    assert nodes is not None and links is not None
    for nid, cls in (("6", "SuperNode"), ("7", "SuperNode"), ("8", "SuperNode")):
        ET.SubElement(nodes, "node", {"id": nid, "class": NODE + cls})
    for a, b in (("6", "1"), ("1", "7"), ("0", "8"), ("8", "1")):
        ET.SubElement(links, "link", {"srcId": a, "dstId": b})
    info = read_str(write_str(tmp_path / "s.str", encode(root)))
    kinds = {n.id: n.kind for n in info.nodes}
    assert (kinds["6"], kinds["7"], kinds["8"]) == (
        NodeKind.SOURCE, NodeKind.TERMINAL, NodeKind.PROCESS)
