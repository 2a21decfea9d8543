"""Modeler Analysis and Matrix nodes in streams built here from the format's XML around the
real DRUG1n neural net nugget (its PMML taken from IBM's stream), run as EVALUATION jobs
through a real `pmdesk serve` on SQLite. Every figure of a report is checked against pandas
on the rows the same branch exports in a BATCH_SCORE job, never against written-in numbers;
the engine run with other chunk sizes gives the same reports (the counts are added chunk
by chunk)."""

from __future__ import annotations

import functools
import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import sqlalchemy as sa
from helpers.fibuild import encode
from helpers.modeler import put, run_to_success
from helpers.partition_streams import Spec, job, stream_root
from helpers.server import LiveServer
from helpers.streams import write_str

DATA = Path(__file__).resolve().parents[2].parent / "shared/fixtures/modeler-data"
DRUG_STREAM = DATA.parent / "modeler-streams/Drug1n.str"

pytestmark = pytest.mark.skipif(
    not (DATA / "drug_train_data.csv").is_file() or not DRUG_STREAM.is_file(),
    reason=f"the public DRUG1n stream and data are not in {DATA.parent} (no ../shared)")

SPLIT: Spec = ("1", "PartitionNode", "split", {
    "create_validation": "true", "training_size": "50", "testing_size": "30",
    "validation_size": "20", "set_random_seed": "true", "random_seed": "11"})
# K scaled: the net (right on every training record as saved) now gets some records wrong
SHIFT: Spec = ("2", "DeriveNode", "shift K", {
    "new_name": "K", "result_type": "Formula", "formula_expr": "K * 1.4"})


def drug_stream(path: Path, first: Spec, analysis: dict[str, Any],
                plain_xml: bool = False) -> Path:
    """rows -> `first` -> shift K -> the DRUG1n net -> Analysis, Matrix (BP by the
    partition field) and an export of the scored rows."""
    specs: list[Spec] = [
        ("0", "DatabaseImportNode", "rows", {}), first, SHIFT,
        ("3", "CFApplyModelNode", "net", {}),
        ("4", "AnalysisNode", "accuracy", analysis),
        ("5", "MatrixNode", "bp by part", {"row": "BP", "column": partition_field(first)}),
        ("6", "DatabaseExportNode", "scored out", {})]
    xml = stream_root(specs, [("0", "1"), ("1", "2"), ("2", "3"), ("3", "4"), ("3", "5"),
                              ("3", "6")])
    nugget = next(n for n in xml.iter("node") if n.get("id") == "3")
    container = ET.SubElement(ET.SubElement(nugget, "containers"), "container",
                              {"name": "PMML"})
    ET.SubElement(container, "content", {"content": "data/0001.dat"})
    from pmdesk.streams.modeler.reader import read_str

    pmml = read_str(DRUG_STREAM).pmml["3"]
    body = ET.tostring(xml, xml_declaration=True, encoding="utf-8") if plain_xml \
        else encode(xml)
    return write_str(path, body, extra={"data/0001.dat": pmml.encode("utf-8")})


def partition_field(first: Spec) -> str:
    return "Partition" if first[1] == "PartitionNode" else "fold"


def by_type_node() -> Spec:
    """A field of the data given the role Partition by a Type node, values undeclared."""
    table = ET.Element("typeTable")
    row = ET.SubElement(ET.SubElement(table, "rows"), "row")
    ET.SubElement(row, "name").text = "fold"
    ET.SubElement(row, "direction").text = "Partition"
    return ("1", "TypeNode", "types", {"typeTable": table})


def drug_data(with_fold: bool = False) -> pd.DataFrame:
    rows = pd.read_csv(DATA / "drug_train_data.csv", sep=";")
    if with_fold:
        rows["fold"] = ["1_Training" if i % 3 else "2_Testing" for i in range(len(rows))]
    return rows


def evaluation(stream_name: str, db: Path) -> dict[str, Any]:
    body = job(stream_name, db, "rows", {})
    body["action"] = "EVALUATION"
    body["setting"]["reportFormat"] = "TAB"
    del body["setting"]["exports"]
    return body


def reports(files: dict[str, bytes]) -> dict[str, pd.DataFrame]:
    """Each TAB table by its title (the file's first line)."""
    out = {}
    for name, data in files.items():
        if name.endswith(".tab"):
            title, _, rest = data.decode("utf-8").partition("\n")
            out[title.removeprefix("# ")] = pd.read_csv(io.StringIO(rest), sep="\t",
                                                        keep_default_na=False)
    return out


def result_files(server: LiveServer, job_id: str) -> dict[str, bytes]:
    result = server.request("GET", f"/pm/v1/jobs/{job_id}/result")
    assert result.status_code == 200
    with zipfile.ZipFile(io.BytesIO(result.content)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def scored_and_reports(server: LiveServer, tmp_path: Path, name: str, first: Spec,
                       analysis: dict[str, Any], plain_xml: bool = False
                       ) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    path = drug_stream(tmp_path / f"{name}.str", first, analysis, plain_xml)
    put(server, path)
    db = tmp_path / f"{name}.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    drug_data(first[1] == "TypeNode").to_sql("rows", engine, index=False)
    run_to_success(server, f"{name}-score", job(path.name, db, "rows", {"scored out": "scored"}))
    run_to_success(server, f"{name}-eval", evaluation(path.name, db))
    with engine.connect() as conn:
        scored = pd.read_sql_table("scored", conn)
    engine.dispose()
    return scored, reports(result_files(server, f"{name}-eval"))


def correct_wrong(rows: pd.DataFrame) -> list[int]:
    hits = int((rows["$N-DRUG"].astype(str) == rows["DRUG"].astype(str)).sum())
    return [hits, len(rows) - hits, len(rows)]


def counts(table: pd.DataFrame) -> list[int]:
    return [int(v) for v in table.set_index(table.columns[0]).loc[
        ["Correct", "Wrong", "Total"], "count"]]


@pytest.mark.parametrize("first", [SPLIT, by_type_node()], ids=["partition-node", "type-node"])
def test_analysis_separates_by_partition_with_coincidence_matrices(
        server: LiveServer, tmp_path: Path, first: Spec) -> None:
    name = f"by-part-{first[1]}"
    scored, tables = scored_and_reports(server, tmp_path, name, first,
                                        {"coincidence": "true"})
    field = partition_field(first)
    values = list(dict.fromkeys(sorted(scored[field])))
    want_values = (["1_Training", "2_Testing", "3_Validation"] if first[1] == "PartitionNode"
                   else ["1_Training", "2_Testing"])
    assert values == want_values
    compare = "Comparing $N-DRUG with DRUG"
    assert counts(tables[compare]) == correct_wrong(scored)
    assert 0 < correct_wrong(scored)[1] < len(scored)  # some wrong, some right
    for value in values:
        part = scored[scored[field] == value]
        assert counts(tables[f"{compare} ('{field}' = {value})"]) == correct_wrong(part)
        matrix = tables[f"Coincidence matrix for $N-DRUG (rows show actuals) "
                        f"('{field}' = {value})"]
        want = pd.crosstab(part["DRUG"], part["$N-DRUG"])
        got = matrix.set_index("DRUG")
        got.columns.name = want.columns.name
        pd.testing.assert_frame_equal(got, want, check_dtype=False, check_names=False)
    overall = tables["Coincidence matrix for $N-DRUG (rows show actuals)"].set_index("DRUG")
    want = pd.crosstab(scored["DRUG"], scored["$N-DRUG"])
    pd.testing.assert_frame_equal(overall, want, check_dtype=False, check_names=False)
    # the Matrix node: the same table pandas' crosstab gives on the scored rows
    matrix = tables["Matrix"].set_index("BP")
    want = pd.crosstab(scored["BP"], scored[field])
    pd.testing.assert_frame_equal(matrix, want, check_dtype=False, check_names=False)


def test_analysis_not_separated_when_the_node_says_so(server: LiveServer,
                                                      tmp_path: Path) -> None:
    """`byPartition` off (saved as plain XML, as older Modeler versions save): the overall
    table only; no coincidence matrix when the node does not ask for one."""
    scored, tables = scored_and_reports(server, tmp_path, "overall", SPLIT,
                                        {"byPartition": "false"}, plain_xml=True)
    compare = [t for t in tables if t.startswith("Comparing")]
    assert compare == ["Comparing $N-DRUG with DRUG"]
    assert counts(tables[compare[0]]) == correct_wrong(scored)
    assert not [t for t in tables if t.startswith("Coincidence")]


def test_reports_are_the_same_for_every_chunk_size(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Analysis and Matrix add their counts chunk by chunk: 200 records in one chunk, in
    chunks of 37 and of 1 give the same reports."""
    from pmdesk.api.models import JobDefinition
    from pmdesk.engine import db as engine_db
    from pmdesk.engine.modeler import execute
    from pmdesk.engine.run import run_job

    path = drug_stream(tmp_path / "chunks.str", SPLIT, {"coincidence": "true"})
    db = tmp_path / "chunks.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    drug_data().to_sql("rows", engine, index=False)
    engine.dispose()
    results = []
    for size in (None, 37, 1):
        reader = engine_db.read_chunks if size is None else functools.partial(
            engine_db.read_chunks, chunk_rows=size)
        monkeypatch.setattr(execute, "read_chunks", reader)
        out = tmp_path / f"run{size}"
        run_job(JobDefinition.model_validate(evaluation(path.name, db)), path, out)
        results.append(reports({p.name: p.read_bytes() for p in out.rglob("*.tab")}))
    assert len(results[0]) == 1 + 3 + 1 + 3 + 1  # overall, 3 parts, both twice; matrix
    for other in results[1:]:
        assert other.keys() == results[0].keys()
        for title, table in results[0].items():
            pd.testing.assert_frame_equal(other[title], table)


def test_analysis_options_are_read_by_both_spellings(tmp_path: Path) -> None:
    from pmdesk.streams.modeler.plan import read_plan

    plans = {}
    for name, props in (("scripting", {"by_partition": "false", "coincidence": "true"}),
                        ("camel", {"byPartition": "false"}), ("default", {})):
        plans[name] = read_plan(drug_stream(tmp_path / f"{name}.str", SPLIT, props))
    assert plans["scripting"].steps["4"].props == {"by_partition": False,
                                                   "coincidence": True}
    assert plans["camel"].steps["4"].props == {"by_partition": False, "coincidence": False}
    assert plans["default"].steps["4"].props == {
        "by_partition": True, "coincidence": False,
        "partition": {"field": "Partition",
                      "values": ["1_Training", "2_Testing", "3_Validation"]}}


EVALUATOR = r"""
import json, resource, sys
from pathlib import Path
from pmdesk.api.models import JobDefinition
from pmdesk.engine.run import run_job
job = JobDefinition.model_validate(json.loads(Path(sys.argv[1]).read_text()))
run_job(job, Path(sys.argv[2]), Path(sys.argv[3]))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux
"""


def peak_kib(path: Path, rows: int, tmp_path: Path) -> int:
    """Peak memory of an EVALUATION run (its own process) on `rows` DRUG1n records,
    resampled inside SQLite (no Python memory)."""
    import json
    import sqlite3
    import subprocess
    import sys

    db = tmp_path / f"many-{rows}.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    drug_data().to_sql("seed", engine, index=False)
    engine.dispose()
    with sqlite3.connect(db) as conn:
        conn.execute(
            "CREATE TABLE rows AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
            "FROM n WHERE i < ?) SELECT s.* FROM n JOIN seed s ON s.rowid = 1 + n.i % 200",
            (rows,))
    conn.close()
    body = tmp_path / f"job-{rows}.json"
    body.write_text(json.dumps(evaluation(path.name, db)))
    done = subprocess.run([sys.executable, "-c", EVALUATOR, str(body), str(path),
                           str(tmp_path / f"out-{rows}")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    tables = reports({p.name: p.read_bytes() for p in (tmp_path / f"out-{rows}").rglob("*.tab")})
    assert counts(tables["Comparing $N-DRUG with DRUG"])[2] == rows
    return int(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_analysis_and_matrix_memory_does_not_grow_with_rows(tmp_path: Path) -> None:
    """Counted chunk by chunk: 300,000 more records (> 100 MB held as a DataFrame) leave
    the peak level."""
    import json

    path = drug_stream(tmp_path / "many.str", SPLIT, {"coincidence": "true"})
    small = peak_kib(path, 100_000, tmp_path)
    large = peak_kib(path, 400_000, tmp_path)
    print(json.dumps({"peak_100k_mib": small / 1024, "peak_400k_mib": large / 1024}))
    assert large - small < 25 * 1024, (small, large)
