"""The open stream format: round trips, what the desktop sees, and every problem named."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from pmdesk.engine.samples import drug_stream
from pmdesk.streams.info import NodeKind
from pmdesk.streams.openformat import (
    StreamFormatError,
    describe_open,
    load_stream,
    parse_stream,
    save_stream,
)


def spec() -> dict[str, Any]:
    return drug_stream().to_json()


def write_zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return path


def test_round_trip_keeps_description_nuggets_and_data(tmp_path: Path) -> None:
    stream = drug_stream()
    stream.models["Drug"] = "<PMML/>"
    path = save_stream(stream, tmp_path / "s.pmstream")
    with zipfile.ZipFile(path) as zf:
        assert set(zf.namelist()) == {
            "stream.json", "models/Drug.pmml", "data/TrainInput.csv", "data/ScoreInput.csv"}
    again = load_stream(path)
    assert again.to_json() == stream.to_json()
    assert again.models == {"Drug": "<PMML/>"}
    assert again.data == stream.data
    assert again.data["TrainInput"].startswith("Age,Sex,BP,Cholesterol,Na,K,Drug\n")


def test_describe_open_shows_nodes_kinds_links_parameters_and_script(tmp_path: Path) -> None:
    path = save_stream(drug_stream(), tmp_path / "drug.pmstream")
    info = describe_open(path)
    assert info.format == "pmdesk"
    assert info.name == "drug.pmstream"
    kinds = {n.id: n.kind for n in info.nodes}
    assert kinds["TrainInput"] is NodeKind.SOURCE
    assert kinds["Adults"] is NodeKind.PROCESS
    assert kinds["Drug tree"] is NodeKind.MODEL_BUILDER
    assert kinds["Drug (scoring)"] is NodeKind.MODEL_NUGGET
    assert kinds["Scores"] is NodeKind.TERMINAL
    assert kinds["Accuracy"] is NodeKind.DOCUMENT_BUILDER
    source = info.node("TrainInput")
    assert source is not None and (source.x, source.y) == (60, 80)
    assert ("Drug (scoring)", "Scores") in info.links
    assert info.scoring_terminal == "Scores"
    assert info.model_build_node == "Drug tree"
    assert sorted(info.source_names) == ["ScoreInput", "TrainInput"]
    params = {p.name: (p.type, p.default) for p in info.parameters}
    assert params == {"depth": ("integer", 5), "min_age": ("integer", 0)}
    assert info.script is not None and info.script.language == "pmdesk-steps"
    assert json.loads(info.script.text)[0] == {"run": "Drug tree"}
    assert info.to_json()["format"] == "pmdesk"


def test_a_file_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "x.pmstream"
    path.write_text("hello")
    message = "x.pmstream is not a PMDesk stream: it is not a zip"
    with pytest.raises(StreamFormatError, match=re.escape(message)):
        load_stream(path)


def test_a_zip_without_stream_json(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "y.zip", {"other.txt": "x"})
    with pytest.raises(StreamFormatError, match=re.escape("the zip has no stream.json")):
        load_stream(path)


def test_stream_json_that_is_not_json(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "z.pmstream", {"stream.json": "{nope"})
    with pytest.raises(StreamFormatError, match=re.escape("stream.json is not valid JSON")):
        load_stream(path)


def test_nugget_member_missing_from_zip(tmp_path: Path) -> None:
    data = spec()
    next(n for n in data["nodes"] if n["name"] == "Drug")["model"] = "models/gone.pmml"
    path = write_zip(tmp_path / "n.pmstream", {"stream.json": json.dumps(data)})
    message = "nugget 'Drug' names 'models/gone.pmml'"
    with pytest.raises(StreamFormatError, match=re.escape(message)):
        load_stream(path)


def _broken(change: Any) -> str:
    data = spec()
    change(data)
    with pytest.raises(StreamFormatError) as info:
        parse_stream(data)
    return str(info.value)


def test_problems_are_named() -> None:
    def node(data: dict[str, Any], name: str) -> dict[str, Any]:
        return next(n for n in data["nodes"] if n["name"] == name)

    assert "does not match any of the expected tags" in _broken(
        lambda d: d["nodes"].append({"name": "X", "type": "merge"}))
    assert "two nodes are named 'Adults'" in _broken(
        lambda d: d["nodes"].append({"name": "Adults", "type": "table"}))
    assert "link 'Adults' -> 'Nowhere' names an unknown node 'Nowhere'" in _broken(
        lambda d: d["links"].append(["Adults", "Nowhere"]))
    assert "node 'Types' has 2 incoming links" in _broken(
        lambda d: d["links"].append(["TrainInput", "Types"]))
    assert "a source node takes no input" in _broken(
        lambda d: d["links"].append(["Adults", "ScoreInput"]))
    assert "select node 'Adults': expected a value at the end" in _broken(
        lambda d: node(d, "Adults").update(condition="Age >="))
    assert "uses unknown stream parameter 'nope'" in _broken(
        lambda d: node(d, "Adults").update(condition="Age >= @nope"))
    assert "max_depth refers to unknown stream parameter 'deep'" in _broken(
        lambda d: node(d, "Drug tree")["params"].update(max_depth={"param": "deep"}))
    assert "refreshes 'Scores', which is not a nugget" in _broken(
        lambda d: node(d, "Drug tree").update(nugget="Scores"))
    assert "only one export may be the scoring branch" in _broken(
        lambda d: d["nodes"].append({"name": "S2", "type": "export", "scoring": True}))
    assert "default of parameter 'depth' expects an integer, got 'deep'" in _broken(
        lambda d: d["parameters"][0].update(default="deep"))
    assert "script runs 'Adults', a select node" in _broken(
        lambda d: d.update(script=[{"run": "Adults"}]))
    assert "script: parameter 'depth' expects an integer, got 'x'" in _broken(
        lambda d: d.update(script=[{"loop": {"param": "depth", "values": ["x"], "steps": []}}]))
    assert "sleep" in _broken(lambda d: d.update(script=[{"sleep": 100000}]))
    assert "algorithm" in _broken(lambda d: node(d, "Drug tree").update(algorithm="forest"))


def test_the_module_stays_light_for_the_desktop() -> None:
    code = (
        "import sys, pmdesk.streams.openformat as m; "
        "heavy = [n for n in ('numpy', 'pandas', 'PySide6', 'sqlalchemy', 'sklearn') "
        "if n in sys.modules]; print(heavy); sys.exit(1 if heavy else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_documented_examples_are_valid_streams() -> None:
    doc = Path(__file__).resolve().parents[2] / "docs" / "stream-format.md"
    blocks = re.findall(r"```json\n(.*?)```", doc.read_text(), re.S)
    streams = [json.loads(b) for b in blocks if '"format": "pmdesk-stream"' in b]
    assert streams
    for data in streams:
        assert parse_stream(data).to_json() == drug_stream().to_json()


def test_a_cycle_is_refused() -> None:
    data = {"nodes": [{"name": "A", "type": "filter"}, {"name": "B", "type": "filter"}],
            "links": [["A", "B"], ["B", "A"]]}
    with pytest.raises(StreamFormatError, match="the links form a cycle through 'A'"):
        parse_stream(data)
