"""Every model builder trains, its nugget scores, and documents assess it (embedded data)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pmdesk.api.models import JobDefinition
from pmdesk.engine import EngineError, run_job
from pmdesk.engine.samples import COLUMNS, _csv, drug_rows
from pmdesk.streams.openformat import load_stream, parse_stream, save_stream

BUILDERS: list[dict[str, Any]] = [
    {"name": "Tree", "algorithm": "tree", "params": {"max_depth": 4}},
    {"name": "Logit", "algorithm": "logistic", "params": {"C": {"param": "c"}, "max_iter": 500}},
    {"name": "Net", "algorithm": "neural", "params": {"hidden_layers": "8", "max_iter": 300}},
    {"name": "Lin", "algorithm": "linear", "target": "Na_to_K", "inputs": ["Na", "K", "Age"]},
    {"name": "Clusters", "algorithm": "kmeans", "inputs": ["Age", "Na_to_K"], "params": {"k": 3}},
]


def all_algorithms(tmp_path: Path) -> Path:
    nodes: list[dict[str, Any]] = [
        {"name": "Train", "type": "source"},
        {"name": "Ratio", "type": "derive", "field": "Na_to_K", "expression": "Na / K"},
        {"name": "Slim", "type": "filter", "drop": ["Sex"], "rename": {}},
        {"name": "Types", "type": "type", "fields": {
            "Drug": {"role": "target"}, "Na": {"role": "none"}, "K": {"role": "none"}}},
        {"name": "Not young", "type": "select", "condition": "Age < 20", "mode": "discard"},
        {"name": "All", "type": "analysis"},
        {"name": "Lift", "type": "evaluation", "chart": "lift", "target": "Drug"},
        {"name": "Out", "type": "export", "table": "scored", "scoring": True},
    ]
    links = [["Train", "Ratio"], ["Ratio", "Slim"], ["Slim", "Types"]]
    previous = "Types"
    for b in BUILDERS:
        nodes.append({"type": "build", "nugget": f"{b['name']} n", **b})
        nodes.append({"name": f"{b['name']} n", "type": "nugget"})
        links += [["Types", b["name"]], [previous, f"{b['name']} n"]]
        previous = f"{b['name']} n"
    links += [[previous, "Not young"], ["Not young", "All"], ["Not young", "Lift"],
              ["Not young", "Out"]]
    stream = parse_stream({
        "name": "algorithms", "nodes": nodes, "links": links,
        "parameters": [{"name": "c", "type": "real", "default": 1.0}],
    })
    stream.data["Train"] = _csv(drug_rows(600, seed=5), COLUMNS)
    return save_stream(stream, tmp_path / "algorithms.pmstream")


def job(action: str, **setting: Any) -> JobDefinition:
    return JobDefinition.parse({"action": action, "model": {"id": "algorithms.pmstream"},
                                "setting": setting})


@pytest.mark.slow
def test_every_algorithm_trains_scores_and_is_assessed(tmp_path: Path) -> None:
    stream_path = all_algorithms(tmp_path)
    with pytest.raises(EngineError, match="nugget 'Tree n' holds no trained model yet"):
        run_job(job("BATCH_SCORE"), stream_path, tmp_path / "early")

    trained = run_job(job("TRAINING", parameterOverride=[{"name": "c", "value": "0.5"}]),
                      stream_path, tmp_path / "train").files[0]
    models = load_stream(trained).models
    assert set(models) == {f"{b['name']} n" for b in BUILDERS}
    assert "<TreeModel" in models["Tree n"] and "<ClusteringModel" in models["Clusters n"]
    assert "<NeuralNetwork" in models["Net n"] and "<RegressionModel" in models["Lin n"]

    scored = run_job(job("BATCH_SCORE"), trained, tmp_path / "score").files
    frame = pd.read_csv(scored[0])
    assert len(frame) == sum(r[0] >= 20 for r in drug_rows(600, seed=5)) < 600
    assert (frame["Age"] >= 20).all() and "Sex" not in frame.columns
    for column in ("$R-Drug", "$RC-Drug", "$L-Drug", "$N-Drug", "$E-Na_to_K", "$KM-K-Means"):
        assert frame[column].notna().all(), column
    assert (frame["$R-Drug"] == frame["Drug"]).mean() > 0.85

    docs = run_job(job("EVALUATION", reportFormat="TAB"), trained, tmp_path / "docs").files
    text = "\n".join(p.read_text() for p in docs)
    assert "Accuracy of Tree n ($R-Drug)" in text and "Accuracy of Net n ($N-Drug)" in text
    assert "Regression errors of Lin n ($E-Na_to_K)" in text
    assert "Root mean squared error" in text and "Lift of Tree n" in text


def test_builder_without_target_is_named(tmp_path: Path) -> None:
    stream = parse_stream({
        "nodes": [{"name": "S", "type": "source"},
                  {"name": "B", "type": "build", "algorithm": "tree"}],
        "links": [["S", "B"]]})
    stream.data["S"] = _csv(drug_rows(50, seed=1), COLUMNS)
    path = save_stream(stream, tmp_path / "t.pmstream")
    with pytest.raises(EngineError, match="build node 'B' \\(tree\\) needs a target"):
        run_job(job("TRAINING"), path, tmp_path / "o")


def test_source_without_data_is_named(tmp_path: Path) -> None:
    stream = parse_stream({
        "nodes": [{"name": "S", "type": "source", "table": "T"},
                  {"name": "E", "type": "export"}],
        "links": [["S", "E"]]})
    path = save_stream(stream, tmp_path / "t.pmstream")
    with pytest.raises(EngineError, match="no export node marked as the scoring branch"):
        run_job(job("BATCH_SCORE"), path, tmp_path / "o")
    export = stream.node("E")
    export.scoring = True
    path = save_stream(stream, tmp_path / "t.pmstream")
    with pytest.raises(EngineError, match="source node 'S' has no input in the job and no "
                                          "embedded data"):
        run_job(job("BATCH_SCORE"), path, tmp_path / "o")


def test_analysis_without_a_nugget_is_named(tmp_path: Path) -> None:
    stream = parse_stream({
        "nodes": [{"name": "S", "type": "source"}, {"name": "A", "type": "analysis"}],
        "links": [["S", "A"]]})
    stream.data["S"] = _csv(drug_rows(20, seed=1), COLUMNS)
    path = save_stream(stream, tmp_path / "t.pmstream")
    with pytest.raises(EngineError, match="analysis node 'A' needs a model nugget with a "
                                          "target upstream of it"):
        run_job(job("EVALUATION", reportFormat="HTML"), path, tmp_path / "o")
    # a table node still works on the same data, and reads only the rows it shows
    stream = parse_stream({
        "nodes": [{"name": "S", "type": "source"}, {"name": "T", "type": "table", "rows": 5}],
        "links": [["S", "T"]]})
    stream.data["S"] = _csv(drug_rows(20, seed=1), COLUMNS)
    path = save_stream(stream, tmp_path / "t.pmstream")
    files = run_job(job("EVALUATION", reportFormat="XML"), path, tmp_path / "x").files
    assert files[0].read_text().count("<row>") == 5
