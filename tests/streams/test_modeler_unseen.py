"""Streams no test data was shaped after: built here from the format's XML (Fast Infoset and
plain XML, as older Modeler versions save), run through a real `pmdesk serve`, and checked
against the same steps computed independently in pandas. A stream with a part PMDesk cannot
run is refused at submit, naming the node."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from helpers.fibuild import encode
from helpers.modeler import finished, node, put
from helpers.server import LiveServer
from helpers.streams import write_str

DRUG = Path(__file__).resolve().parents[2].parent / "shared/fixtures/modeler-data"




def filter_table(*rows: dict[str, str], default_drop: bool = False) -> ET.Element:
    table = ET.Element("filterTable")
    ET.SubElement(table, "defaultDrop").text = str(default_drop).lower()
    rows_elem = ET.SubElement(table, "rows")
    for row in rows:
        r = ET.SubElement(rows_elem, "row")
        for key, value in row.items():
            ET.SubElement(r, key).text = value
    return table


def stream(extra: list[tuple[str, str, dict[str, Any]]] | None = None) -> ET.Element:
    """Source -> Filler -> Derive (formula) -> Derive (flag) -> Select -> Filter ->
    Derive (conditional) -> database export, plus `extra` nodes before the export."""
    root = ET.Element("clementineStream", {"version": "16.0"})
    s = ET.SubElement(root, "stream")
    props = ET.SubElement(s, "properties")
    ET.SubElement(props, "name").text = "unseen"
    ET.SubElement(props, "scnScoringTerminalNode").text = "uid99"
    table = ET.SubElement(ET.SubElement(props, "parameterTable"), "rows")
    row = ET.SubElement(table, "row")
    ET.SubElement(row, "name").text = "min_age"
    ET.SubElement(row, "value").text = "20"
    ET.SubElement(row, "storage").text = "integer"
    diagram = ET.SubElement(s, "diagram")
    nodes = ET.SubElement(diagram, "nodes")
    node(nodes, "0", "DatabaseImportNode", "patients",
         filterTable=filter_table({"name": "DRUG", "drop": "true"}))
    node(nodes, "1", "FillerNode", "fill Na", fields=["NA"], replaceMode="Null",
         replaceWith="0.7")
    node(nodes, "2", "DeriveNode", None, newName="Na_to_K", resultType="Formula",
         formulaExpr="'NA' / K")
    node(nodes, "3", "DeriveNode", "high bp", newName="high_bp", resultType="Flag",
         flagExpr='BP = "HIGH"', flagTrue="yes", flagFalse="no")
    node(nodes, "4", "SelectNode", "keep", mode="Include",
         condition="'Na_to_K' > 10 and AGE >= '$P-min_age'")
    node(nodes, "5", "FilterNode", None, filterTable=filter_table(
        {"name": "CHOLESTEROL", "drop": "true"}, {"name": "SEX", "rename": "Gender"}))
    node(nodes, "6", "DeriveNode", "gender", newName="gender_word",
         resultType="Conditional", condIfCond='Gender = "F"', condThenExpr='"female"',
         condElseExpr='"male"')
    chain = [str(i) for i in range(7)]
    for i, (cls, label, props_) in enumerate(extra or []):
        nid = str(10 + i)
        node(nodes, nid, cls, label, **props_)
        chain.append(nid)
    node(nodes, "99", "DatabaseExportNode", "scores out")
    chain.append("99")
    links = ET.SubElement(diagram, "links")
    for a, b in pairwise(chain):
        ET.SubElement(links, "link", {"srcId": a, "dstId": b})
    return root


def expected(data: pd.DataFrame, min_age: int = 20) -> pd.DataFrame:
    """The same steps, written out in pandas."""
    f = data.drop(columns=["DRUG"])
    f["NA"] = f["NA"].fillna(0.7)
    f["Na_to_K"] = f["NA"] / f["K"]
    f["high_bp"] = np.where(f["BP"] == "HIGH", "yes", "no")
    f = f[(f["Na_to_K"] > 10) & (f["AGE"] >= min_age)]
    f = f.drop(columns=["CHOLESTEROL"]).rename(columns={"SEX": "Gender"})
    f["gender_word"] = np.where(f["Gender"] == "F", "female", "male")
    return f.reset_index(drop=True)




def definition(name: str, db: Path, table: str = "patients") -> dict[str, Any]:
    return {
        "action": "BATCH_SCORE", "model": {"id": name},
        "dbDefinitions": {"db": {"type": "SQLite", "db": str(db)}},
        "setting": {"inputs": [{"node": "patients", "odbc": {"dbRef": "db", "table": table}}],
                    "exports": [{"node": "scores out", "odbc": {
                        "dbRef": "db", "table": "scores", "insertMode": "Create"}}]},
    }




@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file(),
                    reason=f"the public DRUG1n data is not in {DRUG} (no ../shared)")
@pytest.mark.parametrize("encoding", ["fast-infoset", "plain-xml"])
def test_unseen_stream_runs_every_node(server: LiveServer, tmp_path: Path,
                                       encoding: str) -> None:
    root = stream()
    member = encode(root) if encoding == "fast-infoset" else ET.tostring(root)
    path = write_str(tmp_path / f"unseen-{encoding}.str", member, name="unseen.xml")
    put(server, path)
    data = pd.read_csv(DRUG / "drug_train_data.csv", sep=";")
    data.loc[[3, 10, 50], "NA"] = None  # for the filler
    db = tmp_path / "patients.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    data.to_sql("patients", engine, index=False)
    r = server.request("POST", f"/pm/v1/jobs/unseen-{encoding}",
                       json=definition(path.name, db))
    assert r.status_code == 200, r.text
    status = finished(server, f"unseen-{encoding}")
    assert status["jobStatus"] == "SUCCESS", status
    with engine.connect() as conn:
        got = pd.read_sql_table("scores", conn)
    engine.dispose()
    want = expected(data)
    assert list(got.columns) == list(want.columns)
    assert 0 < len(got) < len(data)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


@pytest.mark.parametrize(("cls", "label", "props", "words"), [
    ("ApplyXGBoostTreeNode", "boosted", {}, "Python pickle"),
    ("SuperNode", "my supernode", {}, "supernodes are not run"),
    ("TextLinkAnalysisNode", "concepts", {}, "text analytics"),
    ("ExtensionProcessNode", "R script", {}, "R or Python code"),
    ("DeriveNode", "odd", {"newName": "x", "formulaExpr": "@OFFSET(AGE, 1)"},
     "unknown CLEM function '@OFFSET'"),
    ("MergeNode", "merge", {"method": "Condition"}, "merging by 'condition' is not "
     "supported"),
    ("AggregateNode", "sum", {}, "it names no key fields"),
    ("DistinctNode", "latest", {"groupingFields": ["BP"], "sortKeys": ["AGE"]},
     "sorts each group (sort_keys)"),
    ("ReclassifyNode", "recode", {}, "it names no field to reclassify"),
    ("StatisticsTransformNode", "syntax", {}, "PMDesk does not run StatisticsTransformNode"),
])
def test_unseen_stream_with_a_part_pmdesk_cannot_run_is_refused_at_submit(
        server: LiveServer, tmp_path: Path, cls: str, label: str, props: dict[str, Any],
        words: str) -> None:
    """Refused before any data is read: the database file does not even exist."""
    path = write_str(tmp_path / f"refuse-{cls}.str", encode(stream([(cls, label, props)])))
    put(server, path)
    r = server.request("POST", f"/pm/v1/jobs/refuse-{cls}",
                       json=definition(path.name, tmp_path / "absent.db"))
    assert r.status_code == 400, r.text
    message = r.json()["message"]
    assert f"node {label!r} ({cls}, id 10) cannot run" in message and words in message
    info = server.request("GET", f"/pm/v1/file/{path.name}")  # the stream is kept
    assert info.status_code == 200


def scored_stream(types: ET.Element | None = None) -> ET.Element:
    """Source -> a neural net nugget (its PMML in a zip member, referenced the way Modeler
    does) -> an Analysis node and a Table; with `types`, a Type node before the nugget."""
    root = ET.Element("clementineStream", {"version": "17.1"})
    s = ET.SubElement(root, "stream")
    ET.SubElement(ET.SubElement(s, "properties"), "name").text = "scored"
    diagram = ET.SubElement(s, "diagram")
    nodes = ET.SubElement(diagram, "nodes")
    node(nodes, "0", "DelimitedFileImportNode", "patients")
    nugget = node(nodes, "1", "CFApplyModelNode", "net")
    container = ET.SubElement(ET.SubElement(nugget, "containers"), "container",
                              {"name": "PMML"})
    ET.SubElement(container, "content", {"content": "data/0001.dat"})
    node(nodes, "2", "AnalysisNode", "accuracy")
    node(nodes, "3", "TableNode", "rows")
    links = [("0", "1"), ("1", "2"), ("1", "3")]
    if types is not None:
        node(nodes, "4", "TypeNode", "types", typeTable=types)
        links[0:1] = [("0", "4"), ("4", "1")]
    links_elem = ET.SubElement(diagram, "links")
    for a, b in links:
        ET.SubElement(links_elem, "link", {"srcId": a, "dstId": b})
    return root


def put_scored(server: LiveServer, path: Path, root: ET.Element,
               extra: dict[str, bytes] | None = None) -> None:
    """Writes and uploads a scored stream holding DRUG1n's net as its nugget's PMML."""
    from pmdesk.streams.modeler.reader import read_str

    pmml = read_str(DRUG.parent / "modeler-streams/Drug1n.str").pmml["3"]
    put(server, write_str(path, encode(root),
                          extra={"data/0001.dat": pmml.encode("utf-8"), **(extra or {})}))


def evaluation(stream_name: str, db: Path) -> dict[str, Any]:
    """An EVALUATION of the patients table, its reports as TAB files."""
    body = definition(stream_name, db)
    body["action"], body["setting"]["reportFormat"] = "EVALUATION", "TAB"
    del body["setting"]["exports"]
    return body


def patients_db(path: Path) -> pd.DataFrame:
    """The DRUG1n training rows as the `patients` table of a new SQLite file."""
    data = pd.read_csv(DRUG / "drug_train_data.csv", sep=";")
    engine = sa.create_engine(f"sqlite:///{path}")
    data.to_sql("patients", engine, index=False)
    engine.dispose()
    return data


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file()
                    or not (DRUG.parent / "modeler-streams/Drug1n.str").is_file(),
                    reason=f"the public DRUG1n stream and data are not in {DRUG.parent}")
def test_unseen_stream_evaluates_its_analysis_and_table(server: LiveServer,
                                                        tmp_path: Path) -> None:
    path = tmp_path / "scored.str"
    put_scored(server, path, scored_stream())
    patients_db(tmp_path / "scored.db")
    r = server.request("POST", "/pm/v1/jobs/scored",
                       json=evaluation(path.name, tmp_path / "scored.db"))
    assert r.status_code == 200, r.text
    assert finished(server, "scored")["jobStatus"] == "SUCCESS"
    result = server.request("GET", "/pm/v1/jobs/scored/result")
    with zipfile.ZipFile(io.BytesIO(result.content)) as zf:
        names = sorted(zf.namelist())
        accuracy = zf.read("accuracy.tab").decode("utf-8")
        rows = pd.read_csv(io.BytesIO(zf.read("rows.tab")), sep="\t", comment="#")
    assert "accuracy.tab" in names and "rows.tab" in names
    assert "Comparing $N-DRUG with DRUG" in accuracy
    table = pd.read_csv(io.StringIO(accuracy), sep="\t", comment="#")
    assert table.set_index(table.columns[0]).loc["Correct", "count"] == 200
    assert len(rows) == 200 and {"$N-DRUG", "$NC-DRUG"} <= set(rows.columns)
    info = server.request("GET", f"/pm/v1/file/{path.name}")
    assert info.status_code == 200


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file()
                    or not (DRUG.parent / "modeler-streams/Drug1n.str").is_file(),
                    reason=f"the public DRUG1n stream and data are not in {DRUG.parent}")
def test_a_nugget_scores_declared_blanks_as_missing(server: LiveServer,
                                                    tmp_path: Path) -> None:
    """BP "LOW" declared blank upstream: the net sees BP missing on those records (no
    prediction, as its PMML says for a missing input) and the record keeps "LOW"; every
    other record is scored as before (the net labels its training rows 100% right)."""
    types = type_table({"name": "BP", "missing_values": ["LOW"]})
    path = tmp_path / "scored-blanks.str"
    put_scored(server, path, scored_stream(types))
    data = patients_db(tmp_path / "scored-blanks.db")
    r = server.request("POST", "/pm/v1/jobs/scored-blanks",
                       json=evaluation(path.name, tmp_path / "scored-blanks.db"))
    assert r.status_code == 200, r.text
    assert finished(server, "scored-blanks")["jobStatus"] == "SUCCESS"
    result = server.request("GET", "/pm/v1/jobs/scored-blanks/result")
    with zipfile.ZipFile(io.BytesIO(result.content)) as zf:
        rows = pd.read_csv(io.BytesIO(zf.read("rows.tab")), sep="\t", comment="#",
                           keep_default_na=False)
    low = rows["BP"] == "LOW"
    assert low.sum() == (data["BP"] == "LOW").sum() > 0
    assert (rows.loc[low, "$N-DRUG"] == "").all()
    assert (rows.loc[~low, "$N-DRUG"] == rows.loc[~low, "DRUG"]).all()


PARAMETERS = """<?xml version="1.0" encoding="UTF-8"?>
<Parameters xmlns="http://xml.spss.com/pasw/extension" version="8.0">
<Parameter name="scoring.isConfidence" value="true"/>
<Parameter name="{name}" value="{value}"/>
</Parameters>"""


@pytest.mark.skipif(not (DRUG.parent / "modeler-streams/Drug1n.str").is_file(),
                    reason=f"the public DRUG1n stream is not in {DRUG.parent}")
@pytest.mark.parametrize(("name", "value", "words"), [
    ("scoring.isPropensity", "true", "it asks for adjusted propensity scores"),
    ("scoring.isRawPropensity", "true", "it asks for raw propensity scores but does not "
     "list the outputs its model offers"),
    ("scoring.isRawPropensity", "false", None),
])
def test_a_nugget_s_settings_member_is_read(server: LiveServer, tmp_path: Path, name: str,
                                            value: str, words: str | None) -> None:
    """An extension nugget keeps its Settings in the Parameters member its `properties`
    attribute names (Drug1n's net does): a propensity asked for there is honoured or
    refused at submit, never silently left out."""
    from pmdesk.streams.modeler.reader import read_str

    root = scored_stream()
    nugget = next(n for n in root.iter("node") if n.get("id") == "1")
    nugget.set("properties", "data/0002.dat")
    path = tmp_path / "settings.str"
    put_scored(server, path, root, extra={
        "data/0002.dat": PARAMETERS.format(name=name, value=value).encode("utf-8")})
    info = read_str(path)
    assert info.settings["1"][name] == value
    refused = [r for r in info.refused if r["id"] == "1"]
    if words is None:
        assert not refused
        return
    assert refused and words in refused[0]["reason"], refused
    r = server.request("POST", "/pm/v1/jobs/settings",
                       json=evaluation(path.name, tmp_path / "absent.db"))
    assert r.status_code == 400, r.text
    assert "node 'net' (CFApplyModelNode, id 1) cannot run" in r.json()["message"]


def test_stream_info_lists_the_refused_nodes(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    path = write_str(tmp_path / "mixed.str", encode(stream([
        ("ApplyXGBoostTreeNode", "boosted", {}), ("SuperNode", "inner", {})])))
    out = subprocess.run([sys.executable, "-m", "pmdesk", "stream-info", "--json", str(path)],
                         capture_output=True, text=True, check=True).stdout
    refused = json.loads(out)["refused"]
    assert [(r["id"], r["label"], r["type"]) for r in refused] == [
        ("10", "boosted", "ApplyXGBoostTreeNode"), ("11", "inner", "SuperNode")]
    assert "Python pickle" in refused[0]["reason"]
    assert "supernodes are not run" in refused[1]["reason"]
    text = subprocess.run([sys.executable, "-m", "pmdesk", "stream-info", str(path)],
                          capture_output=True, text=True, check=True).stdout
    assert "Refused: boosted (ApplyXGBoostTreeNode, id 10): the model is stored as a " \
        "Python pickle" in text


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file(),
                    reason=f"the public DRUG1n data is not in {DRUG} (no ../shared)")
def test_unseen_stream_samples_and_sorts(server: LiveServer, tmp_path: Path) -> None:
    """One in three records (counted across the job's chunks), then sorted by two keys."""
    keys = ET.Element("keys")
    for field, order in (("BP", "Ascending"), ("AGE", "Descending")):
        row = ET.SubElement(keys, "row")
        ET.SubElement(row, "field").text = field
        ET.SubElement(row, "order").text = order
    root = stream([("SampleNode", "every third", {"sampleType": "OneInN", "oneInN": "3"}),
                   ("SortNode", "by bp and age", {"keys": keys})])
    path = write_str(tmp_path / "sampled.str", ET.tostring(root))
    put(server, path)
    data = pd.read_csv(DRUG / "drug_train_data.csv", sep=";")
    db = tmp_path / "sampled.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    data.to_sql("patients", engine, index=False)
    body = definition(path.name, db)  # the override arrives as text, read as an integer
    body["setting"]["parameterOverride"] = [{"name": "min_age", "value": "30"}]
    r = server.request("POST", "/pm/v1/jobs/sampled", json=body)
    assert r.status_code == 200, r.text
    assert finished(server, "sampled")["jobStatus"] == "SUCCESS"
    with engine.connect() as conn:
        got = pd.read_sql_table("scores", conn)
    engine.dispose()
    want = expected(data, min_age=30).iloc[2::3].sort_values(["BP", "AGE"], ascending=[True, False],
                                                 kind="stable", ignore_index=True)
    assert len(want) > 10
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


@pytest.mark.parametrize(("props", "words"), [
    ({"sampleType": "RandomPct", "randPct": "10"}, "Modeler's own random generator"),
    ({"method": "Complex"}, "complex (stratified, clustered) samples"),
])
def test_samples_pmdesk_cannot_reproduce_are_refused(server: LiveServer, tmp_path: Path,
                                                     props: dict[str, Any], words: str
                                                     ) -> None:
    path = write_str(tmp_path / "random.str", encode(stream([("SampleNode", "some", props)])))
    put(server, path)
    r = server.request("POST", "/pm/v1/jobs/random",
                       json=definition(path.name, tmp_path / "absent.db"))
    assert r.status_code == 400, r.text
    assert "node 'some' (SampleNode, id 10) cannot run" in r.json()["message"]
    assert words in r.json()["message"]


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file(),
                    reason=f"the public DRUG1n data is not in {DRUG} (no ../shared)")
@pytest.mark.parametrize("mode", ["Include", "Discard"])
def test_unseen_stream_keeps_distinct_records(server: LiveServer, tmp_path: Path,
                                              mode: str) -> None:
    root = stream([("DistinctNode", "one per group",
                    {"mode": mode, "groupingFields": ["BP", "Gender"]})])
    path = write_str(tmp_path / f"distinct-{mode}.str", encode(root))
    put(server, path)
    data = pd.read_csv(DRUG / "drug_train_data.csv", sep=";")
    db = tmp_path / "distinct.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    data.to_sql("patients", engine, index=False)
    r = server.request("POST", f"/pm/v1/jobs/distinct-{mode}", json=definition(path.name, db))
    assert r.status_code == 200, r.text
    assert finished(server, f"distinct-{mode}")["jobStatus"] == "SUCCESS"
    with engine.connect() as conn:
        got = pd.read_sql_table("scores", conn)
    engine.dispose()
    rows = expected(data)
    first = ~rows.duplicated(["BP", "Gender"])
    want = rows[first if mode == "Include" else ~first].reset_index(drop=True)
    assert 0 < len(want) < len(rows)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file(),
                    reason=f"the public DRUG1n data is not in {DRUG} (no ../shared)")
@pytest.mark.parametrize("include", ["Main", "All"])
def test_unseen_stream_appends_two_sources(server: LiveServer, tmp_path: Path,
                                           include: str) -> None:
    """Two sources -> Append (fields by name, a tag field) -> Derive -> export; the second
    source has a field the first lacks and lacks one the first has."""
    root = ET.Element("clementineStream", {"version": "18.0"})
    s = ET.SubElement(root, "stream")
    ET.SubElement(ET.SubElement(s, "properties"), "name").text = "appended"
    diagram = ET.SubElement(s, "diagram")
    nodes = ET.SubElement(diagram, "nodes")
    node(nodes, "0", "DatabaseImportNode", "old patients")
    node(nodes, "1", "DatabaseImportNode", "new patients",
         filterTable=filter_table({"name": "K", "drop": "true"}))
    node(nodes, "2", "AppendNode", "both", matchBy="Name", includeFieldsFrom=include,
         createTagField="true", tagFieldName="batch")
    node(nodes, "3", "DeriveNode", "twice", newName="twice", formulaExpr="AGE * 2")
    node(nodes, "4", "DatabaseExportNode", "scores out")
    links = ET.SubElement(diagram, "links")
    for a, b in (("0", "2"), ("1", "2"), ("2", "3"), ("3", "4")):
        ET.SubElement(links, "link", {"srcId": a, "dstId": b})
    path = write_str(tmp_path / f"append-{include}.str", encode(root))
    put(server, path)
    data = pd.read_csv(DRUG / "drug_train_data.csv", sep=";")
    old, new = data.iloc[:120], data.iloc[120:].assign(VISIT=1)
    db = tmp_path / "append.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    old.to_sql("old", engine, index=False)
    new.to_sql("new", engine, index=False)
    body = definition(path.name, db)
    body["setting"]["inputs"] = [
        {"node": "old patients", "odbc": {"dbRef": "db", "table": "old"}},
        {"node": "new patients", "odbc": {"dbRef": "db", "table": "new"}}]
    r = server.request("POST", f"/pm/v1/jobs/append-{include}", json=body)
    assert r.status_code == 200, r.text
    assert finished(server, f"append-{include}")["jobStatus"] == "SUCCESS"
    with engine.connect() as conn:
        got = pd.read_sql_table("scores", conn)
    engine.dispose()
    both = pd.concat([old.assign(batch=1), new.drop(columns=["K"]).assign(batch=2)],
                     ignore_index=True)
    columns = [*old.columns, *(["VISIT"] if include == "All" else [])]
    want = both.reindex(columns=[*columns, "batch"]).assign(twice=both["AGE"] * 2)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file(),
                    reason=f"the public DRUG1n data is not in {DRUG} (no ../shared)")
@pytest.mark.parametrize("join", ["Inner", "FullOuter", "Anti", "PartialOuter"])
def test_unseen_stream_merges_two_sources_by_key(server: LiveServer, tmp_path: Path,
                                                 join: str) -> None:
    root = ET.Element("clementineStream", {"version": "18.0"})
    s = ET.SubElement(root, "stream")
    ET.SubElement(ET.SubElement(s, "properties"), "name").text = "merged"
    diagram = ET.SubElement(s, "diagram")
    nodes = ET.SubElement(diagram, "nodes")
    node(nodes, "0", "DatabaseImportNode", "patients")
    node(nodes, "1", "DatabaseImportNode", "visits")
    outer = {"outerJoinTag": ["2"]} if join == "PartialOuter" else {}  # keep every visit
    node(nodes, "2", "MergeNode", "by id", method="Keys", keyFields=["ID"], join=join,
         **outer)
    node(nodes, "3", "DatabaseExportNode", "scores out")
    links = ET.SubElement(diagram, "links")
    for a, b in (("0", "2"), ("1", "2"), ("2", "3")):
        ET.SubElement(links, "link", {"srcId": a, "dstId": b})
    path = write_str(tmp_path / f"merge-{join}.str", encode(root))
    put(server, path)
    data = pd.read_csv(DRUG / "drug_train_data.csv", sep=";")
    patients = data.assign(ID=range(len(data)))
    visits = pd.DataFrame({"ID": range(150, 260), "VISITS": range(110), "AGE": 0})
    db = tmp_path / "merge.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    patients.to_sql("patients", engine, index=False)
    visits.to_sql("visits", engine, index=False)
    body = definition(path.name, db)
    body["setting"]["inputs"] = [
        {"node": "patients", "odbc": {"dbRef": "db", "table": "patients"}},
        {"node": "visits", "odbc": {"dbRef": "db", "table": "visits"}}]
    r = server.request("POST", f"/pm/v1/jobs/merge-{join}", json=body)
    assert r.status_code == 200, r.text
    assert finished(server, f"merge-{join}")["jobStatus"] == "SUCCESS"
    with engine.connect() as conn:
        got = pd.read_sql_table("scores", conn)
    engine.dispose()
    if join == "Anti":
        want = patients[patients["ID"] < 150].reset_index(drop=True)
    else:  # AGE of the second input gives way to the first's
        want = patients.merge(visits.drop(columns=["AGE"]), on="ID", how={
            "Inner": "inner", "FullOuter": "outer", "PartialOuter": "right"}[join])
    assert len(got) == {"Inner": 50, "FullOuter": 260, "Anti": 150, "PartialOuter": 110}[join]
    pd.testing.assert_frame_equal(got.sort_values("ID", ignore_index=True),
                                  want.sort_values("ID", ignore_index=True), check_dtype=False)


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file(),
                    reason=f"the public DRUG1n data is not in {DRUG} (no ../shared)")
@pytest.mark.parametrize("add_as", ["Suffix", "Prefix"])
def test_unseen_stream_aggregates_by_key(server: LiveServer, tmp_path: Path,
                                         add_as: str) -> None:
    aggregates = ET.Element("aggregates")
    for name, modes in (("NA", ["Mean", "Max"]), ("AGE", ["Sum", "SDev"])):
        row = ET.SubElement(aggregates, "row")
        ET.SubElement(row, "field").text = name
        modes_elem = ET.SubElement(row, "modes")
        for mode in modes:
            ET.SubElement(modes_elem, "mode").text = mode
    root = stream([("AggregateNode", "by bp", {"keys": ["BP", "Gender"],
                                                "aggregates": aggregates,
                                                "incRecordCount": "true",
                                                "extension": "by_" if add_as == "Prefix"
                                                else "_all", "addAs": add_as})])
    path = write_str(tmp_path / f"aggregate-{add_as}.str", encode(root))
    put(server, path)
    data = pd.read_csv(DRUG / "drug_train_data.csv", sep=";")
    db = tmp_path / "aggregate.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    data.to_sql("patients", engine, index=False)
    job = f"aggregate-{add_as}".lower()
    r = server.request("POST", f"/pm/v1/jobs/{job}", json=definition(path.name, db))
    assert r.status_code == 200, r.text
    assert finished(server, job)["jobStatus"] == "SUCCESS"
    with engine.connect() as conn:
        got = pd.read_sql_table("scores", conn)
    engine.dispose()
    rows = expected(data)
    g = rows.groupby(["BP", "Gender"], sort=False)
    want = pd.DataFrame({"NA_Mean": g["NA"].mean(), "NA_Max": g["NA"].max(),
                         "AGE_Sum": g["AGE"].sum(), "AGE_SDev": g["AGE"].std(),
                         "Record_Count": g.size()})
    want = want.rename(columns=lambda c: c if c == "Record_Count" else
                       f"by_{c}" if add_as == "Prefix" else f"{c}_all").reset_index()
    assert len(want) == 6
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def two_sources(name: str, merge_or_append: tuple[str, dict[str, Any]],
                second_select: str | None = None) -> ET.Element:
    """Two database sources (the second through a Select when given) -> Merge or Append
    -> export."""
    root = ET.Element("clementineStream", {"version": "18.0"})
    s = ET.SubElement(root, "stream")
    ET.SubElement(ET.SubElement(s, "properties"), "name").text = name
    diagram = ET.SubElement(s, "diagram")
    nodes = ET.SubElement(diagram, "nodes")
    node(nodes, "0", "DatabaseImportNode", "patients")
    node(nodes, "1", "DatabaseImportNode", "visits")
    cls, props = merge_or_append
    node(nodes, "2", cls, "both", **props)
    node(nodes, "3", "DatabaseExportNode", "scores out")
    links = [("0", "2"), ("1", "2"), ("2", "3")]
    if second_select:
        node(nodes, "5", "SelectNode", "some visits", mode="Include", condition=second_select)
        links[1:2] = [("1", "5"), ("5", "2")]
    links_elem = ET.SubElement(diagram, "links")
    for a, b in links:
        ET.SubElement(links_elem, "link", {"srcId": a, "dstId": b})
    return root


def two_tables(db: Path, patients: pd.DataFrame, visits: pd.DataFrame, name: str
               ) -> dict[str, Any]:
    engine = sa.create_engine(f"sqlite:///{db}")
    patients.to_sql("patients", engine, index=False)
    visits.to_sql("visits", engine, index=False)
    engine.dispose()
    body = definition(name, db)
    body["setting"]["inputs"] = [
        {"node": "patients", "odbc": {"dbRef": "db", "table": "patients"}},
        {"node": "visits", "odbc": {"dbRef": "db", "table": "visits"}}]
    return body


def scores(db: Path, table: str = "scores") -> pd.DataFrame:
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        got = pd.read_sql_table(table, conn)
    engine.dispose()
    return got


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file(),
                    reason=f"the public DRUG1n data is not in {DRUG} (no ../shared)")
def test_merge_by_order_pairs_the_nth_records_until_the_shorter_input_ends(
        server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The nth patient beside the nth visit a Select keeps (so the two inputs arrive in
    chunks of different sizes), AGE from the first input, 120 records for 120 visits, then
    the Merge node's Filter tab; the same in chunks of 7 rows."""
    path = write_str(tmp_path / "by-order.str", encode(two_sources(
        "by order", ("MergeNode", {"method": "Order", "filterTable": filter_table(
            {"name": "DRUG", "drop": "true"}, {"name": "VISITS", "rename": "visit_no"})}),
        "VISITS mod 3 /= 0")))
    put(server, path)
    data = pd.read_csv(DRUG / "drug_train_data.csv", sep=";")
    visits = pd.DataFrame({"VISITS": range(180), "AGE": -1})
    body = two_tables(tmp_path / "order.db", data, visits, path.name)
    r = server.request("POST", "/pm/v1/jobs/by-order", json=body)
    assert r.status_code == 200, r.text
    assert finished(server, "by-order")["jobStatus"] == "SUCCESS"
    got = scores(tmp_path / "order.db")
    kept = visits[visits["VISITS"] % 3 != 0].reset_index(drop=True)
    want = pd.concat([data.iloc[:len(kept)], kept[["VISITS"]]], axis=1)
    want = want.drop(columns=["DRUG"]).rename(columns={"VISITS": "visit_no"})  # Filter tab
    assert len(want) == 120
    pd.testing.assert_frame_equal(got, want, check_dtype=False)

    import functools

    from pmdesk.api.models import JobDefinition
    from pmdesk.engine import db as engine_db
    from pmdesk.engine.modeler import execute
    from pmdesk.engine.run import run_job

    monkeypatch.setattr(execute, "read_chunks",
                        functools.partial(engine_db.read_chunks, chunk_rows=7))
    body["setting"]["exports"][0]["odbc"]["table"] = "chunked"
    run_job(JobDefinition.model_validate(body), path, tmp_path / "run")
    pd.testing.assert_frame_equal(scores(tmp_path / "order.db", "chunked"), got)


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file(),
                    reason=f"the public DRUG1n data is not in {DRUG} (no ../shared)")
@pytest.mark.parametrize("include", ["Main", "All"])
def test_append_by_position_names_fields_as_the_first_input(
        server: LiveServer, tmp_path: Path, include: str) -> None:
    """The second input's fields have other names: matched by position, its nth field
    goes under the first input's nth name; its extra field comes along with All only."""
    path = write_str(tmp_path / f"by-position-{include}.str", encode(two_sources(
        "by position", ("AppendNode", {"matchBy": "Position",
                                       "includeFieldsFrom": include}))))
    put(server, path)
    data = pd.read_csv(DRUG / "drug_train_data.csv", sep=";")
    old = data.iloc[:120]
    new = data.iloc[120:].set_axis([c.lower() for c in data.columns], axis=1).assign(
        visit=7)
    body = two_tables(tmp_path / f"position-{include}.db", old, new, path.name)
    r = server.request("POST", f"/pm/v1/jobs/by-position-{include}", json=body)
    assert r.status_code == 200, r.text
    assert finished(server, f"by-position-{include}")["jobStatus"] == "SUCCESS"
    got = scores(tmp_path / f"position-{include}.db")
    want = pd.concat([old, new.set_axis([*data.columns, "visit"], axis=1)],
                     ignore_index=True)
    if include == "Main":
        want = want.drop(columns=["visit"])
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def type_table(*rows: dict[str, Any]) -> ET.Element:
    """A type table: each row's `name`, then its settings as child elements; a list becomes
    `value` children, a dict a grouping element (Modeler's `missing`)."""
    table = ET.Element("typeTable")
    rows_elem = ET.SubElement(table, "rows")
    for spec in rows:
        row = ET.SubElement(rows_elem, "row")
        for key, value in spec.items():
            _setting(row, key, value)
    return table


def _setting(parent: ET.Element, key: str, value: Any) -> None:
    child = ET.SubElement(parent, key)
    if isinstance(value, dict):
        for k, v in value.items():
            _setting(child, k, v)
    elif isinstance(value, list):
        for item in value:
            ET.SubElement(child, "value", {"type": "A" if isinstance(item, str) else "D"}
                          ).text = str(item)
    else:
        child.text = str(value)


# The same declarations in both spellings a stream may hold: Modeler's scripting names
# and a `missing` element grouping camelCase ones.
BLANKS_SCRIPTING = [
    {"name": "AGE", "missing_values": [99]},
    {"name": "BP", "missing_values": ["UNKNOWN"], "whitespace_missing": "true"},
    {"name": "K", "range_missing": "true", "missing_lower": "0", "missing_upper": "0.015"},
    {"name": "NA", "null_missing": "true"},
]
BLANKS_GROUPED = [
    {"name": "AGE", "missing": {"enabled": "true", "missingValues": [99]}},
    {"name": "BP", "missing": {"enabled": "true", "missingValues": ["UNKNOWN"],
                               "whitespaceMissing": "true"}},
    {"name": "K", "missing": {"enabled": "true", "rangeMissing": "true",
                              "missingValues": [0.015, 0]}},
    {"name": "NA", "missing": {"enabled": "true", "nullMissing": "true"}},
]


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file(),
                    reason=f"the public DRUG1n data is not in {DRUG} (no ../shared)")
@pytest.mark.parametrize("spelling", ["scripting", "grouped"])
def test_declared_blanks_drive_blank_fills_and_blank_conditions(
        server: LiveServer, tmp_path: Path, spelling: str) -> None:
    """A Type node declares blanks; Filler's Blank mode, BlankAndNull mode and `@BLANK` in a
    Derive and a Select see exactly those (nothing undeclared: not a null of BP, not a
    space in SEX), as Modeler does."""
    rows = BLANKS_SCRIPTING if spelling == "scripting" else BLANKS_GROUPED
    path = write_str(tmp_path / f"blanks-{spelling}.str", encode(stream([
        ("TypeNode", "types", {"typeTable": type_table(*rows)}),
        ("FillerNode", "fill BP", {"fields": ["BP"], "replaceMode": "Blank",
                                   "replaceWith": '"NORMAL"'}),
        ("FillerNode", "fill NA", {"fields": ["NA"], "replaceMode": "BlankAndNull",
                                   "replaceWith": "0.5"}),
        ("DeriveNode", "age known", {"newName": "age_blank", "resultType": "Flag",
                                     "flagExpr": "@BLANK(AGE)", "flagTrue": "Y",
                                     "flagFalse": "N"}),
        ("SelectNode", "low K out", {"mode": "Discard", "condition": "@BLANK('K')"}),
    ])))
    put(server, path)
    data = pd.read_csv(DRUG / "drug_train_data.csv", sep=";")
    data["AGE"] = data["AGE"].astype(float)
    kept = data.index[data["NA"] / data["K"] > 12]  # rows the stream's Select keeps
    data.loc[kept[[0, 5, 9, 14]], "AGE"] = 99.0
    data.loc[kept[[1, 6]], "BP"] = "UNKNOWN"
    data.loc[kept[[2, 7]], "BP"] = "  "
    data.loc[kept[[3]], "BP"] = "unknown"  # not declared: the case differs
    data.loc[kept[[0, 12]], "K"] = [0.0, 0.01]
    db = tmp_path / "blanks.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    data.to_sql("patients", engine, index=False)
    r = server.request("POST", f"/pm/v1/jobs/blanks-{spelling}",
                       json=definition(path.name, db))
    assert r.status_code == 200, r.text
    status = finished(server, f"blanks-{spelling}")
    assert status["jobStatus"] == "SUCCESS", status
    with engine.connect() as conn:
        got = pd.read_sql_table("scores", conn)
    engine.dispose()
    want = expected(data)  # the NA filler upstream fills nulls already (Null mode)
    want["BP"] = want["BP"].where(~want["BP"].isin(["UNKNOWN", "  "]), "NORMAL")
    want["age_blank"] = np.where(want["AGE"] == 99.0, "Y", "N")
    want = want[~want["K"].between(0, 0.015)].reset_index(drop=True)
    assert (want["age_blank"] == "Y").sum() >= 2 and (want["BP"] == "unknown").sum() == 1
    assert list(got.columns) == list(want.columns)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file(),
                    reason=f"the public DRUG1n data is not in {DRUG} (no ../shared)")
def test_type_checks_nullify_coerce_discard_and_abort(server: LiveServer,
                                                      tmp_path: Path) -> None:
    """The Check column: values outside a field's type are nullified, coerced or drop their
    record (a declared blank is not outside), and Abort fails the job naming the field."""
    checks = type_table(
        {"name": "AGE", "check": "Discard", "type": {"measure": "range", "values": [20, 60]},
         "missing_values": [99]},
        {"name": "BP", "check": "Nullify",
         "type": {"measure": "set", "values": ["HIGH", "NORMAL"]}},
        {"name": "K", "check": "Coerce", "type": {"measure": "range", "values": [0.03, 0.06]}},
        {"name": "Gender", "check": "Coerce", "type": {"measure": "set", "values": ["F", "M"]}},
    )
    path = write_str(tmp_path / "checks.str",
                     encode(stream([("TypeNode", "types", {"typeTable": checks})])))
    put(server, path)
    data = pd.read_csv(DRUG / "drug_train_data.csv", sep=";")
    data["AGE"] = data["AGE"].astype(float)
    kept = data.index[data["NA"] / data["K"] > 12]  # rows the stream's Select keeps
    data.loc[kept[[0, 5]], "AGE"] = 99.0
    data.loc[kept[[1, 2]], "SEX"] = "X"
    db = tmp_path / "checks.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    data.to_sql("patients", engine, index=False)
    r = server.request("POST", "/pm/v1/jobs/checks", json=definition(path.name, db))
    assert r.status_code == 200, r.text
    assert finished(server, "checks")["jobStatus"] == "SUCCESS"
    with engine.connect() as conn:
        got = pd.read_sql_table("scores", conn)
    want = expected(data)
    want = want[want["AGE"].between(20, 60) | (want["AGE"] == 99.0)].reset_index(drop=True)
    want["BP"] = want["BP"].where(want["BP"].isin(["HIGH", "NORMAL"]), None)
    want["K"] = want["K"].clip(0.03, 0.06)
    want["Gender"] = want["Gender"].where(want["Gender"].isin(["F", "M"]), "F")
    assert want["BP"].isna().any() and (want["AGE"] == 99.0).any()
    pd.testing.assert_frame_equal(got, want, check_dtype=False)

    aborting = type_table({"name": "BP", "check": "Abort",
                           "type": {"measure": "set", "values": ["HIGH", "NORMAL"]}})
    path = write_str(tmp_path / "abort.str",
                     encode(stream([("TypeNode", "strict", {"typeTable": aborting})])))
    put(server, path)
    body = definition(path.name, db)
    body["setting"]["exports"][0]["odbc"]["table"] = "aborted"
    r = server.request("POST", "/pm/v1/jobs/abort", json=body)
    assert r.status_code == 200, r.text
    status = finished(server, "abort")
    assert status["jobStatus"] == "FAILED"
    assert "node 'strict' (TypeNode): field 'BP' holds 'LOW'" in str(status), status
    with engine.connect() as conn:
        assert not sa.inspect(conn).has_table("aborted")
    engine.dispose()


@pytest.mark.parametrize(("row", "words"), [
    ({"name": "AGE", "missing": {"enabled": "true", "userMissingCodes": [9]}},
     "holds 'userMissingCodes', a setting PMDesk does not know"),
    ({"name": "AGE", "blankDefinition": "99"},
     "holds 'blankDefinition', a setting PMDesk does not know"),
    ({"name": "AGE", "missing": "true"}, "without saying which values are blank"),
    ({"name": "AGE", "range_missing": "true", "missing_values": ["low"]},
     "its blank range for field 'AGE' does not give two numbers"),
    ({"name": "SEX", "check": "Coerce", "type": {"measure": "flag", "values": ["F", "M"]}},
     "which of its two values is false"),
    ({"name": "SEX", "check": "Repair"}, "its check 'repair' for field 'SEX' is not one of"),
])
def test_blank_and_check_settings_pmdesk_cannot_read_are_refused(
        server: LiveServer, tmp_path: Path, row: dict[str, Any], words: str) -> None:
    """Never a run that ignores a declaration: an unknown shape is a 400 naming the node."""
    path = write_str(tmp_path / "odd-types.str",
                     encode(stream([("TypeNode", "types", {"typeTable": type_table(row)})])))
    put(server, path)
    r = server.request("POST", "/pm/v1/jobs/odd-types",
                       json=definition(path.name, tmp_path / "absent.db"))
    assert r.status_code == 400, r.text
    assert "node 'types' (TypeNode, id 10) cannot run: " in r.json()["message"]
    assert words in r.json()["message"], r.json()


def reclassify_rows(*pairs: tuple[str, str]) -> ET.Element:
    table = ET.Element("reclassify")
    for old, new in pairs:
        row = ET.SubElement(table, "row")
        ET.SubElement(row, "value").text = old
        ET.SubElement(row, "newValue").text = new
    return table


def value_conditions(*pairs: tuple[str, str]) -> ET.Element:
    table = ET.Element("setValueCond")
    for value, condition in pairs:
        row = ET.SubElement(table, "row")
        ET.SubElement(row, "value").text = value
        ET.SubElement(row, "condition").text = condition
    return table


DERIVES = [
    ("DeriveNode", "times 100", {"mode": "Multiple", "fields": ["NA", "K"],
                                 "nameExtension": "_x100", "resultType": "Formula",
                                 "formulaExpr": "@FIELD * 100"}),
    ("DeriveNode", "is high", {"mode": "Multiple", "fields": ["BP", "Gender"],
                               "nameExtension": "is_", "addAs": "Prefix", "resultType": "Flag",
                               "flagExpr": '@FIELD = "HIGH" or @FIELD = "F"'}),
    ("DeriveNode", "age band", {"newName": "band", "resultType": "Set",
                                "setValueCond": value_conditions(("old", "AGE >= 50"),
                                                                 ("mid", "AGE >= 30")),
                                "setDefault": "young"}),
    ("DeriveNode", "pressure state", {"newName": "alarm", "resultType": "State",
                                      "stateOnVal": "ON", "stateOffVal": "OFF",
                                      "stateOnExpression": 'BP = "HIGH"',
                                      "stateOffExpression": 'BP = "LOW"'}),
    ("DeriveNode", "high run", {"newName": "run", "resultType": "Count",
                                "countInitialVal": "0", "countIncCondition": 'BP = "HIGH"',
                                "countIncExpression": "2",
                                "countResetCondition": 'BP = "LOW"'}),
    ("ReclassifyNode", "short codes", {"mode": "Multiple", "fields": ["BP", "Gender"],
                                       "nameExtension": "_code",
                                       "reclassify": reclassify_rows(
                                           ("HIGH", "H"), ("LOW", "L"), ("F", "W"))}),
]


def derived(data: pd.DataFrame) -> pd.DataFrame:
    """DERIVES written out in pandas, record by record for State and Count."""
    want = expected(data)
    for name in ("NA", "K"):
        want[f"{name}_x100"] = want[name] * 100
    for name in ("BP", "Gender"):
        want[f"is_{name}"] = np.where(want[name].isin(["HIGH", "F"]), "T", "F")
    want["band"] = np.select([want["AGE"] >= 50, want["AGE"] >= 30], ["old", "mid"], "young")
    alarm, run, state, count = [], [], False, 0.0
    for bp in want["BP"]:
        state = True if bp == "HIGH" else False if bp == "LOW" else state
        count = 0.0 if bp == "LOW" else count + 2 if bp == "HIGH" else count
        alarm.append("ON" if state else "OFF")
        run.append(count)
    want["alarm"], want["run"] = alarm, run
    codes = {"HIGH": "H", "LOW": "L", "F": "W"}
    for name in ("BP", "Gender"):
        want[f"{name}_code"] = want[name].map(lambda v: codes.get(v, v))
    return want


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file(),
                    reason=f"the public DRUG1n data is not in {DRUG} (no ../shared)")
def test_derive_multiple_nominal_state_count_and_multiple_reclassify(
        server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each Derive result type and Multiple mode give what the same steps give in pandas;
    State and Count carry their value across chunks (the same result in chunks of 7)."""
    path = write_str(tmp_path / "derives.str", encode(stream(DERIVES)))
    put(server, path)
    data = pd.read_csv(DRUG / "drug_train_data.csv", sep=";")
    db = tmp_path / "derives.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    data.to_sql("patients", engine, index=False)
    r = server.request("POST", "/pm/v1/jobs/derives", json=definition(path.name, db))
    assert r.status_code == 200, r.text
    status = finished(server, "derives")
    assert status["jobStatus"] == "SUCCESS", status
    with engine.connect() as conn:
        got = pd.read_sql_table("scores", conn)
    want = derived(data)
    assert set(want["alarm"]) == {"ON", "OFF"} and want["run"].max() >= 4
    pd.testing.assert_frame_equal(got, want, check_dtype=False)

    import functools

    from pmdesk.api.models import JobDefinition
    from pmdesk.engine import db as engine_db
    from pmdesk.engine.modeler import execute
    from pmdesk.engine.run import run_job

    monkeypatch.setattr(execute, "read_chunks",
                        functools.partial(engine_db.read_chunks, chunk_rows=7))
    body = definition(path.name, db)
    body["setting"]["exports"][0]["odbc"]["table"] = "chunked"
    run_job(JobDefinition.model_validate(body), path, tmp_path / "run")
    with engine.connect() as conn:
        chunked = pd.read_sql_table("chunked", conn)
    engine.dispose()
    pd.testing.assert_frame_equal(chunked, got)


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file(),
                    reason=f"the public DRUG1n data is not in {DRUG} (no ../shared)")
@pytest.mark.parametrize("use_default", [False, True])
def test_unseen_stream_reclassifies(server: LiveServer, tmp_path: Path,
                                    use_default: bool) -> None:
    table = reclassify_rows(("HIGH", "3"), ("NORMAL", "2"))
    props: dict[str, Any] = {"field": "BP", "newName": "bp_level", "reclassify": table}
    if use_default:
        props.update(useDefault="true", default="0")
    path = write_str(tmp_path / "recode.str",
                     encode(stream([("ReclassifyNode", "recode", props)])))
    put(server, path)
    data = pd.read_csv(DRUG / "drug_train_data.csv", sep=";")
    db = tmp_path / "recode.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    data.to_sql("patients", engine, index=False)
    job_id = f"recode-{use_default}".lower()
    r = server.request("POST", f"/pm/v1/jobs/{job_id}", json=definition(path.name, db))
    assert r.status_code == 200, r.text
    assert finished(server, job_id)["jobStatus"] == "SUCCESS"
    with engine.connect() as conn:
        got = pd.read_sql_table("scores", conn)
    engine.dispose()
    rows = expected(data)
    want = rows["BP"].map({"HIGH": "3", "NORMAL": "2"}).fillna("0" if use_default else rows["BP"])
    assert got["bp_level"].astype(str).tolist() == want.tolist()
    assert "LOW" in set(got["bp_level"].astype(str)) or use_default
