"""A job definition checked against what the stream contains."""

from __future__ import annotations

from typing import Any

import pytest
from helpers.streams import fixture_path

from pmdesk.api.models import JobDefinition
from pmdesk.streams.info import NodeKind, StreamInfo, StreamNode, StreamParameter
from pmdesk.streams.modeler.reader import read_str
from pmdesk.streams.validate import check_definition


def stream(scoring: str | None = "4") -> StreamInfo:
    def node(nid: str, label: str, kind: NodeKind) -> StreamNode:
        return StreamNode(id=nid, label=label, cls=f"x.{label}Node", kind=kind)

    return StreamInfo(
        name="churn", format="modeler",
        parameters=[StreamParameter("cutoff", 0.5, "real")],
        nodes=[node("0", "ScoreInput", NodeKind.SOURCE), node("1", "TrainInput", NodeKind.SOURCE),
               node("2", "Type", NodeKind.PROCESS), node("3", "CHAID", NodeKind.MODEL_BUILDER),
               node("4", "Scores", NodeKind.TERMINAL),
               node("5", "Analysis", NodeKind.DOCUMENT_BUILDER)],
        scoring_terminal=scoring,
    )


def definition(action: str = "BATCH_SCORE", inputs: tuple[str, ...] = ("ScoreInput",),
               exports: tuple[str, ...] = ("Scores",),
               overrides: tuple[str, ...] = ()) -> JobDefinition:
    data: dict[str, Any] = {
        "action": action,
        "model": {"id": "m1"},
        "dbDefinitions": {"db": {"type": "SQLite", "db": "x.db"}},
        "setting": {
            "inputs": [{"node": n, "odbc": {"dbRef": "db", "table": "t"}} for n in inputs],
            "exports": [{"node": n, "odbc": {"dbRef": "db", "table": "o", "insertMode": "Append"}}
                        for n in exports],
            "parameterOverride": [{"name": n, "value": "1"} for n in overrides],
        },
    }
    return JobDefinition.parse(data)


def test_a_matching_definition_has_no_problems() -> None:
    assert check_definition(stream(), definition(overrides=("cutoff",))) == []


def test_misspelt_source_names_the_node_and_the_real_ones() -> None:
    problems = check_definition(stream(), definition(inputs=("ScoreInpt",)))
    assert problems == [
        "setting.inputs[0]: stream 'churn' has no source node 'ScoreInpt'; "
        "its source nodes are: ScoreInput, TrainInput"
    ]


def test_export_must_be_a_terminal() -> None:
    (problem,) = check_definition(stream(), definition(exports=("Type",)))
    assert "has no export terminal node 'Type' (it is a node, but not a terminal)" in problem
    assert "its terminal nodes are: Analysis, Scores" in problem


def test_batch_score_needs_a_scoring_branch() -> None:
    (problem,) = check_definition(stream(scoring=None), definition())
    assert problem.startswith("BATCH_SCORE needs a scoring branch, but stream 'churn' marks none")
    assert check_definition(stream(scoring=None), definition(action="RUN_STREAM")) == []


def test_unknown_parameter_override_is_a_warning() -> None:
    (problem,) = check_definition(stream(), definition(overrides=("cutof",)))
    assert problem.startswith("warning: ") and "'cutof'" in problem and "cutoff" in problem


def test_training_without_a_builder() -> None:
    info = stream()
    info.nodes = [n for n in info.nodes if n.kind is not NodeKind.MODEL_BUILDER]
    (problem,) = check_definition(info, definition(action="TRAINING", exports=()))
    assert "no model builder node" in problem


@pytest.mark.fixtures
def test_against_a_real_stream() -> None:
    info = read_str(fixture_path("Drug1n.str"))
    assert check_definition(info, definition(inputs=("scoreInput",), exports=("Table",))) == []
    (problem,) = check_definition(info, definition(inputs=("ScoreInput",), exports=("Table",)))
    assert "its source nodes are: scoreInput, trainingInput" in problem
