"""Streams no test data was shaped after: built here from the format's XML (Fast Infoset and
plain XML, as older Modeler versions save), run through a real `pmdesk serve`, and checked
against the same steps computed independently in pandas. A stream with a part PMDesk cannot
run is refused at submit, naming the node."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path_factory.mktemp("unseen") / "data").start()
    yield server
    server.stop()




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
    ("MergeNode", "merge", {}, "merging by 'order' is not supported"),
    ("AggregateNode", "sum", {}, "it names no key fields"),
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


def scored_stream() -> ET.Element:
    """Source -> a neural net nugget (its PMML in a zip member, referenced the way Modeler
    does) -> an Analysis node and a Table."""
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
    links = ET.SubElement(diagram, "links")
    for a, b in (("0", "1"), ("1", "2"), ("1", "3")):
        ET.SubElement(links, "link", {"srcId": a, "dstId": b})
    return root


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file()
                    or not (DRUG.parent / "modeler-streams/Drug1n.str").is_file(),
                    reason=f"the public DRUG1n stream and data are not in {DRUG.parent}")
def test_unseen_stream_evaluates_its_analysis_and_table(server: LiveServer,
                                                        tmp_path: Path) -> None:
    from pmdesk.streams.modeler.reader import read_str

    pmml = read_str(DRUG.parent / "modeler-streams/Drug1n.str").pmml["3"]
    path = write_str(tmp_path / "scored.str", encode(scored_stream()),
                     extra={"data/0001.dat": pmml.encode("utf-8")})
    put(server, path)
    data = pd.read_csv(DRUG / "drug_train_data.csv", sep=";")
    db = tmp_path / "scored.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    data.to_sql("patients", engine, index=False)
    engine.dispose()
    body = definition(path.name, db)
    body["action"], body["setting"]["reportFormat"] = "EVALUATION", "TAB"
    del body["setting"]["exports"]
    r = server.request("POST", "/pm/v1/jobs/scored", json=body)
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
@pytest.mark.parametrize("join", ["Inner", "FullOuter", "Anti"])
def test_unseen_stream_merges_two_sources_by_key(server: LiveServer, tmp_path: Path,
                                                 join: str) -> None:
    root = ET.Element("clementineStream", {"version": "18.0"})
    s = ET.SubElement(root, "stream")
    ET.SubElement(ET.SubElement(s, "properties"), "name").text = "merged"
    diagram = ET.SubElement(s, "diagram")
    nodes = ET.SubElement(diagram, "nodes")
    node(nodes, "0", "DatabaseImportNode", "patients")
    node(nodes, "1", "DatabaseImportNode", "visits")
    node(nodes, "2", "MergeNode", "by id", method="Keys", keyFields=["ID"], join=join)
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
        want = patients.merge(visits.drop(columns=["AGE"]), on="ID",
                              how="inner" if join == "Inner" else "outer")
    assert len(got) == {"Inner": 50, "FullOuter": 260, "Anti": 150}[join]
    pd.testing.assert_frame_equal(got.sort_values("ID", ignore_index=True),
                                  want.sort_values("ID", ignore_index=True), check_dtype=False)


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file(),
                    reason=f"the public DRUG1n data is not in {DRUG} (no ../shared)")
def test_unseen_stream_aggregates_by_key(server: LiveServer, tmp_path: Path) -> None:
    aggregates = ET.Element("aggregates")
    for name, modes in (("NA", ["Mean", "Max"]), ("AGE", ["Sum", "SDev"])):
        row = ET.SubElement(aggregates, "row")
        ET.SubElement(row, "field").text = name
        modes_elem = ET.SubElement(row, "modes")
        for mode in modes:
            ET.SubElement(modes_elem, "mode").text = mode
    root = stream([("AggregateNode", "by bp", {"keys": ["BP", "Gender"],
                                                "aggregates": aggregates,
                                                "incRecordCount": "true"})])
    path = write_str(tmp_path / "aggregate.str", encode(root))
    put(server, path)
    data = pd.read_csv(DRUG / "drug_train_data.csv", sep=";")
    db = tmp_path / "aggregate.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    data.to_sql("patients", engine, index=False)
    r = server.request("POST", "/pm/v1/jobs/aggregate", json=definition(path.name, db))
    assert r.status_code == 200, r.text
    assert finished(server, "aggregate")["jobStatus"] == "SUCCESS"
    with engine.connect() as conn:
        got = pd.read_sql_table("scores", conn)
    engine.dispose()
    rows = expected(data)
    g = rows.groupby(["BP", "Gender"], sort=False)
    want = pd.DataFrame({"NA_Mean": g["NA"].mean(), "NA_Max": g["NA"].max(),
                         "AGE_Sum": g["AGE"].sum(), "AGE_SDev": g["AGE"].std(),
                         "Record_Count": g.size()}).reset_index()
    assert len(want) == 6
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_declared_blank_values_are_refused_not_ignored(server: LiveServer,
                                                       tmp_path: Path) -> None:
    """A Type node declaring user-missing values would change what the model sees."""
    table = ET.Element("typeTable")
    row = ET.SubElement(ET.SubElement(table, "rows"), "row")
    ET.SubElement(row, "name").text = "AGE"
    missing = ET.SubElement(row, "missing")
    ET.SubElement(missing, "enabled").text = "true"
    ET.SubElement(ET.SubElement(missing, "values"), "value").text = "99"
    path = write_str(tmp_path / "blanks.str",
                     encode(stream([("TypeNode", "types", {"typeTable": table})])))
    put(server, path)
    r = server.request("POST", "/pm/v1/jobs/blanks",
                       json=definition(path.name, tmp_path / "absent.db"))
    assert r.status_code == 400, r.text
    assert "node 'types' (TypeNode, id 10) cannot run: it declares blank (user-missing) " \
        "values for field 'AGE'" in r.json()["message"]


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file(),
                    reason=f"the public DRUG1n data is not in {DRUG} (no ../shared)")
@pytest.mark.parametrize("use_default", [False, True])
def test_unseen_stream_reclassifies(server: LiveServer, tmp_path: Path,
                                    use_default: bool) -> None:
    table = ET.Element("reclassify")
    for old, new in (("HIGH", "3"), ("NORMAL", "2")):
        row = ET.SubElement(table, "row")
        ET.SubElement(row, "value").text = old
        ET.SubElement(row, "newValue").text = new
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
