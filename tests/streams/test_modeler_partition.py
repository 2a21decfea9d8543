"""Modeler Partition and Balance nodes in streams built here from the format's XML, run as
real jobs through a real `pmdesk serve` on SQLite (and directly through the engine where the
chunk size must change). PMDesk cannot assign the records Modeler's own generator assigns;
what these tests hold it to: the sizes' proportions, the same records on every run and for
every chunk size, assignments by a unique field that do not depend on row order, and
Balance factors that repeat or keep the records they should."""

from __future__ import annotations

import functools
import os
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from helpers.fibuild import encode
from helpers.modeler import put, run_to_success
from helpers.partition_streams import (
    ROWS,
    SPLIT,
    Spec,
    data,
    directives,
    job,
    partition_stream,
    stream,
    stream_root,
)
from helpers.server import LiveServer
from helpers.streams import write_str

PG_URL = os.environ.get("PMDESK_TEST_PG_URL")


def tables(db: Path, *names: str) -> list[pd.DataFrame]:
    engine = sa.create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            return [pd.read_sql_table(n, conn) for n in names]
    finally:
        engine.dispose()


def store(db: Path, **frames: pd.DataFrame) -> None:
    engine = sa.create_engine(f"sqlite:///{db}")
    for name, frame in frames.items():
        frame.to_sql(name, engine, index=False)
    engine.dispose()


# ---------------------------------------------------------------------------- Partition


def test_partition_splits_by_its_sizes_the_same_on_every_run(server: LiveServer,
                                                               tmp_path: Path) -> None:
    path = write_str(tmp_path / "split.str", partition_stream())
    put(server, path)
    rows = data()
    db = tmp_path / "split.db"
    store(db, rows=rows)
    for i in (1, 2):
        run_to_success(server, f"split-{i}", job(path.name, db, "rows", {
            "parts out": f"parts{i}", "training out": f"train{i}"}))
    parts1, train1, parts2, train2 = tables(db, "parts1", "train1", "parts2", "train2")
    # every record, in its order, with a partition field
    pd.testing.assert_frame_equal(parts1.drop(columns=["Partition"]), rows, check_dtype=False)
    shares = parts1["Partition"].value_counts(normalize=True)
    assert set(shares.index) == {"1_Training", "2_Testing", "3_Validation"}
    assert abs(shares["1_Training"] - 0.6) < 0.02, shares
    assert abs(shares["2_Testing"] - 0.3) < 0.02, shares
    assert abs(shares["3_Validation"] - 0.1) < 0.015, shares
    # the Select downstream sees the same assignment; a second run assigns the same
    want = parts1[parts1["Partition"] == "1_Training"].reset_index(drop=True)
    pd.testing.assert_frame_equal(train1, want)
    pd.testing.assert_frame_equal(parts2, parts1)
    pd.testing.assert_frame_equal(train2, train1)


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=[
    pytest.mark.postgres, pytest.mark.skipif(not PG_URL, reason="PMDESK_TEST_PG_URL unset")])])
def test_partition_by_a_unique_field_ignores_row_order(server: LiveServer, tmp_path: Path,
                                                       kind: str) -> None:
    """Sizes adding to 70%: the other 30% of records are discarded, as in Modeler."""
    body = stream([
        ("0", "DatabaseImportNode", "rows", {}),
        ("1", "PartitionNode", "by id", {
            "new_name": "Part", "training_size": "40", "testing_size": "30",
            "value_mode": "System", "set_random_seed": "true", "random_seed": "9",
            "enable_sql_generation": "true", "unique_field": "id"}),
        ("2", "DatabaseExportNode", "parts out", {})], [("0", "1"), ("1", "2")])
    path = write_str(tmp_path / f"byid-{kind}.str", body)
    put(server, path)
    rows = data()
    tag = uuid.uuid4().hex[:8]
    names = {n: f"{n}_{tag}" for n in ("rows", "shuffled", "a", "b")}
    if kind == "sqlite":
        db: Path | dict[str, Any] = tmp_path / "byid.db"
        engine = sa.create_engine(f"sqlite:///{db}")
    else:
        assert PG_URL
        url = sa.make_url(PG_URL)
        db = {"type": "PostgreSQL", "host": url.host, "port": url.port, "db": url.database,
              "username": url.username, "password": url.password}
        engine = sa.create_engine(PG_URL)
    try:
        rows.to_sql(names["rows"], engine, index=False)
        rows.sample(frac=1, random_state=3).to_sql(names["shuffled"], engine, index=False)
        run_to_success(server, f"byid-{kind}-1", job(path.name, db, names["rows"],
                                          {"parts out": names["a"]}))
        run_to_success(server, f"byid-{kind}-2", job(path.name, db, names["shuffled"],
                                          {"parts out": names["b"]}))
        with engine.connect() as conn:
            a, b = (pd.read_sql_table(names[n], conn) for n in ("a", "b"))
    finally:
        with engine.begin() as conn:
            for name in names.values():
                conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}"'))
        engine.dispose()
    assert abs(len(a) / ROWS - 0.7) < 0.02, len(a)
    assert abs((a["Part"].astype(str) == "1").mean() - 40 / 70) < 0.02
    assert set(a["Part"].astype(str)) == {"1", "2"}
    by_id = dict(zip(a["id"], a["Part"].astype(str), strict=True))
    assert dict(zip(b["id"], b["Part"].astype(str), strict=True)) == by_id
    assert list(b["id"]) != list(a["id"])  # the same assignment in another order


def run_engine(path: Path, body: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
               chunk_rows: int | None, out: Path) -> None:
    """The engine itself, with its input read in chunks of `chunk_rows` rows."""
    from pmdesk.api.models import JobDefinition
    from pmdesk.engine import db as engine_db
    from pmdesk.engine.modeler import execute
    from pmdesk.engine.run import run_job

    reader = engine_db.read_chunks if chunk_rows is None else functools.partial(
        engine_db.read_chunks, chunk_rows=chunk_rows)
    monkeypatch.setattr(execute, "read_chunks", reader)
    run_job(JobDefinition.model_validate(body), path, out)


def test_partition_and_balance_are_the_same_for_every_chunk_size(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Positions are counted across the job's chunks, as the Sample node counts them."""
    body = stream([
        ("0", "DatabaseImportNode", "rows", {}), SPLIT,
        ("2", "BalanceNode", "boost A", {
            "directives": directives((2.5, 'grp = "A"'), (0.4, "x > 1")),
            "trainingDataOnly": "true"}),
        ("3", "DatabaseExportNode", "parts out", {})], [("0", "1"), ("1", "2"), ("2", "3")])
    path = write_str(tmp_path / "chunks.str", body)
    db = tmp_path / "chunks.db"
    store(db, rows=data())
    results = []
    for i, size in enumerate((None, 997, 4096)):
        run_engine(path, job(path.name, db, "rows", {"parts out": f"out{i}"}), monkeypatch,
                   size, tmp_path / f"run{i}")
        results += tables(db, f"out{i}")
    assert len(results[0]) > ROWS  # the A records of the training partition repeat
    for other in results[1:]:
        pd.testing.assert_frame_equal(other, results[0])


# ------------------------------------------------------------------------------ Balance


def test_balance_repeats_and_keeps_records_by_their_factor(server: LiveServer,
                                                            tmp_path: Path) -> None:
    body = stream([
        ("0", "DatabaseImportNode", "rows", {}),
        ("1", "BalanceNode", "even out", {
            "directives": directives((2.0, 'grp = "A"'), (0.5, 'grp = "B"'))}),
        ("2", "DatabaseExportNode", "balanced", {})], [("0", "1"), ("1", "2")])
    path = write_str(tmp_path / "balance.str", body)
    put(server, path)
    rows = data()
    db = tmp_path / "balance.db"
    store(db, rows=rows)
    for i in (1, 2):
        run_to_success(server, f"balance-{i}", job(path.name, db, "rows", {"balanced": f"out{i}"}))
    out, again = tables(db, "out1", "out2")
    pd.testing.assert_frame_equal(again, out)
    times = out["id"].value_counts()
    a_ids = set(rows.loc[rows["grp"] == "A", "id"])
    b_ids = set(rows.loc[rows["grp"] == "B", "id"])
    assert set(times[times == 2].index) == a_ids  # every A record exactly twice
    kept_b = set(out.loc[out["grp"] == "B", "id"])
    assert kept_b <= b_ids and (times[list(kept_b)] == 1).all()
    assert abs(len(kept_b) / len(b_ids) - 0.5) < 0.03, len(kept_b)
    # records stay in their order, a repeated one next to itself
    order = {v: i for i, v in enumerate(rows["id"])}
    assert out["id"].map(order).is_monotonic_increasing


@pytest.mark.parametrize("partitioned_by", ["Partition node", "Type node"])
def test_balance_of_training_data_only_leaves_other_partitions_alone(
        server: LiveServer, tmp_path: Path, partitioned_by: str) -> None:
    rows = data()
    if partitioned_by == "Partition node":
        first: Spec = ("1", "PartitionNode", "halves", {
            "trainingSize": "50", "testingSize": "50", "valueMode": "Label",
            "setRandomSeed": "true", "randomSeed": "5"})
        field, training = "Partition", "Training"
    else:  # a field of the data given the role Partition; its values are not declared
        table = ET.Element("typeTable")
        row = ET.SubElement(ET.SubElement(table, "rows"), "row")
        ET.SubElement(row, "name").text = "split"
        ET.SubElement(row, "direction").text = "partition"
        first = ("1", "TypeNode", "types", {"typeTable": table})
        rows["split"] = np.where(np.arange(ROWS) % 3 == 0, "2_Testing", "1_Training")
        field, training = "split", "1_Training"
    body = stream([
        ("0", "DatabaseImportNode", "rows", {}), first,
        ("2", "BalanceNode", "triple", {"directives": directives((3.0, "x > 0")),
                                        "training_data_only": "true"}),
        ("3", "DatabaseExportNode", "balanced", {})], [("0", "1"), ("1", "2"), ("2", "3")])
    name = f"train-only-{partitioned_by.split()[0].lower()}"
    path = write_str(tmp_path / f"{name}.str", body)
    put(server, path)
    db = tmp_path / f"{name}.db"
    store(db, rows=rows)
    run_to_success(server, name, job(path.name, db, "rows", {"balanced": "out"}))
    (out,) = tables(db, "out")
    times = out.groupby("id").size()
    marks = out.drop_duplicates("id").set_index("id")
    boosted = (marks[field] == training) & (marks["x"] > 0)
    assert boosted.sum() > 1000 and (~boosted).sum() > 1000
    assert (times[boosted[boosted].index] == 3).all()
    assert (times[boosted[~boosted].index] == 1).all()
    assert len(marks) == ROWS  # no record dropped: factors of 3 and 1 only


# ------------------------------------------------------------------------------ refused


@pytest.mark.parametrize(("cls", "props", "words"), [
    ("BalanceNode", {"directives": directives((2.0, "@OFFSET(x, 1) > 0"))},
     "unknown CLEM function '@OFFSET'"),
    ("BalanceNode", {"directives": directives((-1.0, "x > 0"))}, "is not a number of 0"),
    ("PartitionNode", {"trainingSize": "120"}, "training_size 120 is not a percentage"),
    ("PartitionNode", {"valueMode": "Random"}, "value mode 'Random' is not System"),
])
def test_partition_and_balance_it_cannot_run_are_refused_at_submit(
        server: LiveServer, tmp_path: Path, cls: str, props: dict[str, Any],
        words: str) -> None:
    body = stream([("0", "DatabaseImportNode", "rows", {}), ("1", cls, "odd", props),
                   ("2", "DatabaseExportNode", "out", {})], [("0", "1"), ("1", "2")])
    path = write_str(tmp_path / f"odd-{cls}.str", body)
    put(server, path)
    r = server.request("POST", f"/pm/v1/jobs/odd-{cls}-{len(words)}",
                       json=job(path.name, tmp_path / "absent.db", "rows", {"out": "x"}))
    assert r.status_code == 400, r.text
    message = r.json()["message"]
    assert f"node 'odd' ({cls}, id 1) cannot run" in message and words in message, message


# ------------------------------------------------------------------- the cluster's split


def test_a_modeler_job_is_never_split_into_row_ranges(tmp_path: Path) -> None:
    """A Partition keyed by position, a Balance or a Sample picks records by where they sit
    in the whole input: the split path leaves such jobs whole (and every .str for now)."""
    from pmdesk.api.models import JobDefinition
    from pmdesk.engine.modeler.check import whole_job_reason
    from pmdesk.engine.partitioned import plan

    db = tmp_path / "split.db"
    store(db, rows=data())
    by_position = write_str(tmp_path / "position.str", partition_stream())
    definition = JobDefinition.model_validate(job(by_position.name, db, "rows",
                                                  {"parts out": "out"}))
    reason = whole_job_reason(definition, by_position)
    assert reason == "node 'split' (PartitionNode) picks records by their position in " \
        "the whole input"
    assert plan(definition, by_position, parts=4, min_rows=10) is None
    by_id = write_str(tmp_path / "byid.str", stream([
        ("0", "DatabaseImportNode", "rows", {}),
        ("1", "PartitionNode", "by id", {"uniqueField": "id"}),
        ("2", "DatabaseExportNode", "parts out", {})], [("0", "1"), ("1", "2")]))
    reason = whole_job_reason(definition, by_id)
    assert reason == "the split path runs open-format streams only"
    assert plan(definition, by_id, parts=4, min_rows=10) is None
    engine = sa.create_engine(f"sqlite:///{db}")
    try:
        assert sa.inspect(engine).get_table_names() == ["rows"]  # no staging table made
    finally:
        engine.dispose()


DRUG = Path(__file__).resolve().parents[2].parent / "shared/fixtures/modeler-data"
DRUG_STREAM = DRUG.parent / "modeler-streams/Drug1n.str"


@pytest.mark.skipif(not (DRUG / "drug_train_data.csv").is_file() or not DRUG_STREAM.is_file(),
                    reason=f"the public DRUG1n stream and data are not in {DRUG.parent}")
def test_the_training_partition_is_scored_by_a_real_nugget(server: LiveServer,
                                                           tmp_path: Path) -> None:
    """Partition -> Select training -> the DRUG1n neural net (its PMML taken from IBM's
    stream) -> export: the training records only, each labelled as DRUG1n's net labels."""
    from pmdesk.streams.modeler.reader import read_str

    root_specs: list[Spec] = [
        ("0", "DatabaseImportNode", "rows", {}),
        ("1", "PartitionNode", "split", {"training_size": "70", "testing_size": "30",
                                         "set_random_seed": "true", "random_seed": "3"}),
        ("2", "SelectNode", "training only",
         {"mode": "Include", "condition": "'Partition' = \"1_Training\""}),
        ("3", "CFApplyModelNode", "net", {}),
        ("4", "DatabaseExportNode", "scores", {}),
        ("5", "DatabaseExportNode", "parts out", {})]
    xml = stream_root(root_specs, [("0", "1"), ("1", "2"), ("2", "3"), ("3", "4"),
                                   ("1", "5")])
    nugget = next(n for n in xml.iter("node") if n.get("id") == "3")
    container = ET.SubElement(ET.SubElement(nugget, "containers"), "container",
                              {"name": "PMML"})
    ET.SubElement(container, "content", {"content": "data/0001.dat"})
    pmml = read_str(DRUG_STREAM).pmml["3"]
    path = write_str(tmp_path / "scored.str", encode(xml),
                     extra={"data/0001.dat": pmml.encode("utf-8")})
    put(server, path)
    rows = pd.read_csv(DRUG / "drug_train_data.csv", sep=";")
    db = tmp_path / "scored.db"
    store(db, rows=rows)
    run_to_success(server, "scored", job(path.name, db, "rows", {"scores": "scores",
                                                      "parts out": "parts"}))
    scores, parts = tables(db, "scores", "parts")
    training = parts[parts["Partition"] == "1_Training"].reset_index(drop=True)
    assert 0.6 < len(training) / len(rows) < 0.8, len(training)
    pd.testing.assert_frame_equal(scores[list(training.columns)], training)
    assert (scores["$N-DRUG"] == scores["DRUG"]).all()


def test_stream_info_no_longer_refuses_partition_and_balance(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    path = write_str(tmp_path / "both.str", stream([
        ("0", "DatabaseImportNode", "rows", {}), SPLIT,
        ("2", "BalanceNode", "boost", {"directives": directives((2.0, 'grp = "A"'))}),
        ("3", "DatabaseExportNode", "out", {})], [("0", "1"), ("1", "2"), ("2", "3")]))
    out = subprocess.run([sys.executable, "-m", "pmdesk", "stream-info", "--json", str(path)],
                         capture_output=True, text=True, check=True).stdout
    info = json.loads(out)
    assert info["refused"] == []
    assert {"PartitionNode", "BalanceNode"} <= {n["class"].rsplit(".", 1)[-1]
                                                for n in info["nodes"]}


def test_directives_are_read_as_rows_attributes_or_refused(tmp_path: Path) -> None:
    from pmdesk.streams.modeler.plan import read_plan

    as_attributes = ET.Element("directives")
    ET.SubElement(as_attributes, "directive", {"factor": "1.5", "condition": "x > 0"})
    as_rows = directives((0.25, 'grp = "B"'), (3.0, "x < -1"))
    as_text = ET.Element("directives")
    as_text.text = "[[1.3 'x > 0']]"
    plans = {}
    for name, table in (("attributes", as_attributes), ("rows", as_rows),
                        ("text", as_text)):
        plans[name] = read_plan(write_str(tmp_path / f"{name}.str", stream([
            ("0", "DatabaseImportNode", "rows", {}),
            ("1", "BalanceNode", "b", {"directives": table}),
            ("2", "DatabaseExportNode", "out", {})], [("0", "1"), ("1", "2")])))
    assert plans["attributes"].steps["1"].props["directives"] == [(1.5, "x > 0")]
    assert plans["rows"].steps["1"].props["directives"] == [(0.25, 'grp = "B"'),
                                                             (3.0, "x < -1")]
    assert "1" not in plans["text"].steps
    assert "saved in a form PMDesk does not read" in plans["text"].refused["1"].reason


def test_one_value_gives_one_key_whatever_its_storage() -> None:
    from pmdesk.engine.modeler import rowhash

    ints = rowhash.field_keys(pd.Series([5, 12, 7]))
    floats = rowhash.field_keys(pd.Series([5.0, 12.0, None]))
    texts = rowhash.field_keys(pd.Series(["5", "12", None], dtype=object))
    assert list(ints[:2]) == list(floats[:2]) == list(texts[:2])
    assert floats[2] == texts[2] and ints[2] != floats[2]
    u = rowhash.uniforms(1, rowhash.positions(0, 100_000))
    assert 0 <= u.min() and u.max() < 1 and abs(u.mean() - 0.5) < 0.005
    assert (rowhash.uniforms(1, rowhash.positions(500, 10)) == u[500:510]).all()
    assert not (rowhash.uniforms(2, rowhash.positions(500, 10)) == u[500:510]).any()


def test_sizes_over_100_are_scaled_and_a_type_node_names_the_training_value(
        tmp_path: Path) -> None:
    from pmdesk.streams.modeler.plan import read_plan

    table = ET.Element("typeTable")
    row = ET.SubElement(ET.SubElement(table, "rows"), "row")
    ET.SubElement(row, "name").text = "fold"
    ET.SubElement(row, "direction").text = "Partition"
    values = ET.SubElement(ET.SubElement(row, "type"), "values")
    for value in ("A_train", "B_test"):
        ET.SubElement(values, "value").text = value
    plan = read_plan(write_str(tmp_path / "sizes.str", stream([
        ("0", "DatabaseImportNode", "rows", {}),
        ("1", "PartitionNode", "big", {"trainingSize": "80", "testingSize": "40",
                                       "valueMode": "System"}),
        ("2", "TypeNode", "types", {"typeTable": table}),
        ("3", "BalanceNode", "b", {"directives": directives((2.0, "x > 0")),
                                   "trainingDataOnly": "true"}),
        ("4", "DatabaseExportNode", "out", {})],
        [("0", "1"), ("1", "2"), ("2", "3"), ("3", "4")])))
    split = plan.steps["1"].props
    assert split["fractions"] == pytest.approx([2 / 3, 1 / 3])
    assert split["values"] == ["1", "2"] and split["unique_field"] is None
    assert plan.steps["3"].props["partition"] == {"field": "fold", "training": "A_train"}
