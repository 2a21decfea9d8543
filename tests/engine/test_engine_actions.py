"""The five actions run for real on the samples (`pmdesk samples`), on SQLite files."""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pandas as pd
import pyreadstat
import pytest
from helpers.engine import Runner

from pmdesk.api.models import JobDefinition
from pmdesk.cli import main as cli_main
from pmdesk.engine import EngineError
from pmdesk.engine.samples import STREAM_FILE, drug_for, drug_stream, train_sample, write_samples
from pmdesk.streams.openformat import describe_open, load_stream, save_stream

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "modeler-streams"


def query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(sql).fetchall()
    conn.close()
    return rows


def export_to(table: str, mode: str, node: str = "Scores") -> Any:
    def change(job: dict[str, Any]) -> None:
        job["setting"]["exports"] = [
            {"odbc": {"dbRef": "samples", "table": table, "insertMode": mode}, "node": node}]
    return change


# ---------------------------------------------------------------- samples


def test_samples_command_writes_stream_database_and_one_job_per_action(tmp_path: Path) -> None:
    assert cli_main(["samples", str(tmp_path / "s")]) == 0
    folder = tmp_path / "s"
    assert sorted(p.name for p in folder.iterdir()) == sorted([
        "drug.pmstream", "samples.db", "TRAINING.json", "EVALUATION.json",
        "AUTO_REFRESH.json", "BATCH_SCORE.json", "RUN_STREAM.json"])
    for action in ("TRAINING", "EVALUATION", "AUTO_REFRESH", "BATCH_SCORE", "RUN_STREAM"):
        job = JobDefinition.parse(json.loads((folder / f"{action}.json").read_text()))
        assert job.action.value == action
        assert job.model.id == STREAM_FILE
        assert job.problems() == []
        db = job.dbDefinitions["samples"]
        assert db.type == "SQLite" and Path(db.db or "").is_absolute()
        assert Path(db.db or "") == (folder / "samples.db").resolve()
    assert query(folder / "samples.db", "SELECT COUNT(*) FROM DRUG1N") == [(2000,)]
    columns = [r[1] for r in query(folder / "samples.db", "PRAGMA table_info(DRUG1N)")]
    assert columns == ["Age", "Sex", "BP", "Cholesterol", "Na", "K", "Drug"]
    assert describe_open(folder / STREAM_FILE).pmml.keys() == {"Drug", "Drug (scoring)"}


def test_samples_are_deterministic(tmp_path: Path) -> None:
    write_samples(tmp_path / "a")
    write_samples(tmp_path / "b")
    for table in ("DRUG1N", "DRUG_SCORE"):
        sql = f"SELECT * FROM {table}"
        a, b = tmp_path / "a" / "samples.db", tmp_path / "b" / "samples.db"
        assert query(a, sql) == query(b, sql)
    one, two = load_stream(tmp_path / "a" / STREAM_FILE), load_stream(tmp_path / "b" / STREAM_FILE)
    assert one.to_json() == two.to_json() and one.models == two.models


def test_samples_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["samples"]) == 2
    assert "usage: pmdesk samples DIR" in capsys.readouterr().err


# ---------------------------------------------------------------- TRAINING / AUTO_REFRESH


def test_training_returns_the_retrained_stream_named_after_model_name(
    run: Runner, samples: Path
) -> None:
    outcome = run("TRAINING")
    assert [p.name for p in outcome.files] == ["drug-trained.pmstream"]
    assert outcome.refreshed_stream is None
    trained, original = load_stream(outcome.files[0]), load_stream(samples / STREAM_FILE)
    assert trained.models.keys() == original.models.keys()
    # depth 4 (the job's override) instead of 5: a different tree
    assert trained.models["Drug"] != original.models["Drug"]
    assert trained.models["Drug"] == trained.models["Drug (scoring)"]
    assert "<TreeModel" in trained.models["Drug"]


def test_training_without_model_name_and_with_a_parameter_change(run: Runner) -> None:
    def change(job: dict[str, Any]) -> None:
        del job["model"]["name"]
        job["setting"]["parameterOverride"] = [{"name": "depth", "value": "2"}]

    outcome = run("TRAINING", change)
    assert [p.name for p in outcome.files] == ["drug-trained.pmstream"]
    shallow = load_stream(outcome.files[0]).models["Drug"]
    deep = load_stream(run("TRAINING").files[0]).models["Drug"]
    assert len(shallow) < len(deep)


def test_auto_refresh_hands_back_the_refreshed_stream(run: Runner, samples: Path) -> None:
    outcome = run("AUTO_REFRESH")
    assert outcome.refreshed_stream is not None and outcome.refreshed_stream in outcome.files
    refreshed = load_stream(outcome.refreshed_stream)
    assert refreshed.models["Drug"] != load_stream(samples / STREAM_FILE).models["Drug"]
    # and the refreshed stream scores
    assert run("BATCH_SCORE", stream=outcome.refreshed_stream).files == []


# ---------------------------------------------------------------- EVALUATION


@pytest.mark.parametrize("fmt", ["HTML", "JPG", "PNG", "RTF", "SAV", "TAB", "XML"])
def test_evaluation_writes_real_documents(run: Runner, fmt: str) -> None:
    outcome = run("EVALUATION", lambda job: job["setting"].update(reportFormat=fmt))
    assert outcome.files
    for path in outcome.files:
        assert path.suffix == "." + fmt.lower()
        body = path.read_bytes()
        assert len(body) > 100
    names = {p.stem.split("-")[0] for p in outcome.files}
    assert {"Accuracy", "Gains"} <= names
    accuracy = next(p for p in outcome.files if p.stem.startswith("Accuracy"))
    if fmt == "PNG":
        assert accuracy.read_bytes().startswith(b"\x89PNG")
    elif fmt == "JPG":
        assert accuracy.read_bytes().startswith(b"\xff\xd8")
    elif fmt == "HTML":
        text = accuracy.read_text()
        assert "Accuracy %" in text and "data:image/png;base64," in text
    elif fmt == "RTF":
        assert accuracy.read_text().startswith("{\\rtf1") and "\\cell" in accuracy.read_text()
    elif fmt == "XML":
        root = ET.parse(accuracy).getroot()
        assert root.tag == "report" and root.findall("table/row")
    elif fmt == "TAB":
        lines = accuracy.read_text().splitlines()
        assert lines[1] == "Measure\tValue" and lines[-1].startswith("Accuracy %\t")
        assert float(lines[-1].split("\t")[1]) > 90
    elif fmt == "SAV":
        frames = [pyreadstat.read_sav(str(p))[0] for p in outcome.files]
        assert all(len(f) > 0 for f in frames)
        gains = pyreadstat.read_sav(str(next(p for p in outcome.files if p.stem == "Gains")))[0]
        assert gains["Gain"].iloc[-1] == pytest.approx(100.0)


def test_evaluation_fails_when_no_builder_can_make_the_format(
    run: Runner, tmp_path: Path
) -> None:
    stream = train_sample(drug_stream())
    stream.nodes = [n for n in stream.nodes if n.name not in ("Accuracy", "Gains")]
    stream.links = [(a, b) for a, b in stream.links if b not in ("Accuracy", "Gains")]
    stream.script = None
    path = save_stream(stream, tmp_path / "tables-only.pmstream")
    with pytest.raises(EngineError) as info:
        run("EVALUATION", lambda job: job["setting"].update(reportFormat="PNG"), stream=path)
    assert str(info.value) == (
        "no document builder of this stream can produce PNG; it has: "
        "table node 'Preview' (HTML, RTF, SAV, TAB, XML)")


# ---------------------------------------------------------------- BATCH_SCORE


def test_batch_score_writes_one_scored_row_per_input_row(run: Runner, samples: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    run("BATCH_SCORE", progress=lambda done, total: seen.append((done, total)))
    db = samples / "samples.db"
    columns = [r[1] for r in query(db, "PRAGMA table_info(DRUG_SCORES)")]
    assert columns == ["Age", "Sex", "BP", "Cholesterol", "Na", "K", "Na_to_K",
                       "$R-Drug", "$RC-Drug"]
    rows = query(db, 'SELECT Age, BP, Cholesterol, Na, K, "$R-Drug", "$RC-Drug" FROM DRUG_SCORES')
    assert len(rows) == query(db, "SELECT COUNT(*) FROM DRUG_SCORE")[0][0] == 1000
    right = sum(drug_for(a, bp, ch, na, k) == pred for a, bp, ch, na, k, pred, _ in rows)
    assert right / len(rows) > 0.9
    assert all(0 <= conf <= 1 for *_, conf in rows)
    assert seen[0] == (0, 1000) and seen[-1] == (1000, 1000)


def test_export_without_a_job_table_writes_a_csv_file(run: Runner) -> None:
    outcome = run("BATCH_SCORE", lambda job: job["setting"].update(exports=[]))
    assert [p.name for p in outcome.files] == ["DRUG_SCORES.csv"]
    frame = pd.read_csv(outcome.files[0])
    assert len(frame) == 1000 and frame["$R-Drug"].notna().all()


def _make_table(db: Path, sql: str, rows: list[tuple[Any, ...]] = ()) -> None:  # type: ignore[assignment]
    with sqlite3.connect(db) as conn:
        conn.execute(sql)
        if rows:
            marks = ",".join("?" * len(rows[0]))
            conn.executemany(f"INSERT INTO T VALUES ({marks})", rows)
    conn.close()


SCORES_DDL = ('CREATE TABLE T (Age INTEGER, Sex TEXT, BP TEXT, Cholesterol TEXT, Na REAL, '
              'K REAL, Na_to_K REAL, "$R-Drug" TEXT, "$RC-Drug" REAL)')
SENTINEL = (1, "F", "LOW", "HIGH", 0.5, 0.05, 10.0, "sentinel", 0.5)


def test_create_makes_the_table_and_refuses_an_existing_one(run: Runner, samples: Path) -> None:
    db = samples / "samples.db"
    run("BATCH_SCORE", export_to("NEW_T", "Create"))
    assert query(db, "SELECT COUNT(*) FROM NEW_T") == [(1000,)]
    _make_table(db, SCORES_DDL, [SENTINEL])
    with pytest.raises(EngineError, match="into table 'T' \\(Create\\): the table already exists"):
        run("BATCH_SCORE", export_to("T", "Create"))
    assert query(db, "SELECT * FROM T") == [SENTINEL]


def test_drop_replaces_the_table(run: Runner, samples: Path) -> None:
    db = samples / "samples.db"
    _make_table(db, "CREATE TABLE T (other TEXT)", [("old",)])
    run("BATCH_SCORE", export_to("T", "Drop"))
    assert query(db, "SELECT COUNT(*) FROM T") == [(1000,)]
    assert "other" not in [r[1] for r in query(db, "PRAGMA table_info(T)")]
    run("BATCH_SCORE", export_to("T", "Drop"))
    assert query(db, "SELECT COUNT(*) FROM T") == [(1000,)]


def test_append_adds_to_a_compatible_table(run: Runner, samples: Path) -> None:
    db = samples / "samples.db"
    _make_table(db, SCORES_DDL, [SENTINEL])
    run("BATCH_SCORE", export_to("t", "Append"))  # names match case-insensitively
    assert query(db, "SELECT COUNT(*) FROM T") == [(1001,)]
    assert query(db, "SELECT COUNT(*) FROM T WHERE \"$R-Drug\" = 'sentinel'") == [(1,)]


def test_append_refuses_a_missing_or_incompatible_table(run: Runner, samples: Path) -> None:
    db = samples / "samples.db"
    with pytest.raises(EngineError, match="the table does not exist; Append needs an existing"):
        run("BATCH_SCORE", export_to("MISSING", "Append"))
    assert query(db, "SELECT name FROM sqlite_master WHERE name = 'MISSING'") == []
    _make_table(db, "CREATE TABLE T (Age INTEGER, Sex TEXT, Extra TEXT NOT NULL)", [(1, "F", "x")])
    with pytest.raises(EngineError) as info:
        run("BATCH_SCORE", export_to("T", "Append"))
    message = str(info.value)
    assert "export 'Scores' into table 'T' (Append): the table is not compatible" in message
    assert "has no column(s) BP, Cholesterol, Na, K, Na_to_K, $R-Drug, $RC-Drug" in message
    assert "required column(s) Extra are not in the export" in message
    assert query(db, "SELECT * FROM T") == [(1, "F", "x")]


def test_refresh_empties_then_fills(run: Runner, samples: Path) -> None:
    db = samples / "samples.db"
    _make_table(db, SCORES_DDL, [SENTINEL, SENTINEL])
    run("BATCH_SCORE", export_to("T", "Refresh"))
    assert query(db, "SELECT COUNT(*) FROM T") == [(1000,)]
    assert query(db, "SELECT COUNT(*) FROM T WHERE \"$R-Drug\" = 'sentinel'") == [(0,)]
    with pytest.raises(EngineError, match="the table does not exist; Refresh needs"):
        run("BATCH_SCORE", export_to("MISSING", "Refresh"))


def test_a_refused_row_rolls_back_the_refresh(run: Runner, samples: Path) -> None:
    db = samples / "samples.db"
    _make_table(db, SCORES_DDL.replace("Age INTEGER", "Age INTEGER CHECK (Age < 30)"),
                [SENTINEL])
    with pytest.raises(EngineError, match="the database refused the rows: CHECK constraint"):
        run("BATCH_SCORE", export_to("T", "Refresh"))
    assert query(db, "SELECT * FROM T") == [SENTINEL]  # the DELETE was rolled back


def test_a_failing_second_export_rolls_back_the_first_drop(
    run: Runner, samples: Path, tmp_path: Path
) -> None:
    stream = load_stream(samples / STREAM_FILE)
    spec = stream.to_json()
    spec["nodes"].append({"name": "Copy", "type": "export"})
    spec["links"].append(["Drug (scoring)", "Copy"])
    from pmdesk.streams.openformat import parse_stream

    two = parse_stream(spec)
    two.models, two.data = stream.models, stream.data
    path = save_stream(two, tmp_path / "two.pmstream")
    db = samples / "samples.db"
    _make_table(db, "CREATE TABLE T (other TEXT)", [("old",)])

    def change(job: dict[str, Any]) -> None:
        job["setting"]["exports"] = [
            {"odbc": {"dbRef": "samples", "table": "T", "insertMode": "Drop"}, "node": "Scores"},
            {"odbc": {"dbRef": "samples", "table": "NOPE", "insertMode": "Append"},
             "node": "Copy"},
        ]

    with pytest.raises(EngineError, match="'NOPE' \\(Append\\): the table does not exist"):
        run("BATCH_SCORE", change, stream=path)
    assert query(db, "SELECT * FROM T") == [("old",)]


# ---------------------------------------------------------------- RUN_STREAM


def test_run_stream_runs_the_script(run: Runner, samples: Path) -> None:
    outcome = run("RUN_STREAM")
    names = sorted(p.name for p in outcome.files)
    # the loop runs Accuracy twice (depth 3 and 5); the builder ran, so the stream is saved
    assert names == ["Accuracy-2.html", "Accuracy.html", "drug-trained.pmstream"]
    assert query(samples / "samples.db", "SELECT COUNT(*) FROM DRUG_SCORES_RUN") == [(1000,)]
    # min_age = 18 (override) drops the younger training rows from the analysis
    young = query(samples / "samples.db", "SELECT COUNT(*) FROM DRUG1N WHERE Age < 18")[0][0]
    assert young > 0
    assert f"<td>{2000 - young}</td>" in (outcome.files[0].parent / "Accuracy.html").read_text()


def test_run_stream_with_a_sleep_step_and_a_set_step(run: Runner, tmp_path: Path) -> None:
    stream = train_sample(drug_stream(sleep=0.05, script=[
        {"set": {"min_age": 60}}, {"run": "Preview"}]))
    path = save_stream(stream, tmp_path / "sleepy.pmstream")
    outcome = run("RUN_STREAM", lambda job: job["setting"].update(reportFormat="TAB"),
                  stream=path)
    assert [p.name for p in outcome.files] == ["Preview.tab"]
    ages = pd.read_csv(outcome.files[0], sep="\t", comment="#")["Age"]
    assert len(ages) > 0 and ages.min() >= 60


# ---------------------------------------------------------------- failures speak


def test_unknown_source_node(run: Runner) -> None:
    def change(job: dict[str, Any]) -> None:
        job["setting"]["inputs"][0]["node"] = "ScoreInpt"

    with pytest.raises(EngineError) as info:
        run("BATCH_SCORE", change)
    assert str(info.value) == (
        "stream has no source node 'ScoreInpt'; its source nodes are: ScoreInput, TrainInput")


def test_unknown_export_node(run: Runner) -> None:
    with pytest.raises(EngineError) as info:
        run("BATCH_SCORE", export_to("X", "Drop", node="Score"))
    assert str(info.value) == "stream has no export node 'Score'; its export nodes are: Scores"


def test_missing_db_ref(run: Runner) -> None:
    def change(job: dict[str, Any]) -> None:
        job["setting"]["inputs"][0]["odbc"]["dbRef"] = "warehouse"

    with pytest.raises(EngineError, match="uses dbRef 'warehouse', which dbDefinitions does "
                                          "not define \\(defined: samples\\)"):
        run("BATCH_SCORE", change)


def test_bad_and_unknown_parameters(run: Runner) -> None:
    def bad(job: dict[str, Any]) -> None:
        job["setting"]["parameterOverride"] = [{"name": "depth", "value": "abc"}]

    with pytest.raises(EngineError) as info:
        run("TRAINING", bad)
    assert str(info.value) == "parameter 'depth' expects an integer, got 'abc'"

    def unknown(job: dict[str, Any]) -> None:
        job["setting"]["parameterOverride"] = [{"name": "dept", "value": 3}]

    with pytest.raises(EngineError, match="names 'dept', which the stream does not declare; "
                                          "its parameters are: depth, min_age"):
        run("TRAINING", unknown)


def test_missing_table_and_missing_database_file(run: Runner, tmp_path: Path) -> None:
    def table(job: dict[str, Any]) -> None:
        job["setting"]["inputs"][0]["odbc"]["table"] = "NO_SUCH"

    with pytest.raises(EngineError, match="source node 'ScoreInput': table 'NO_SUCH' does not"):
        run("BATCH_SCORE", table)

    def file(job: dict[str, Any]) -> None:
        job["dbDefinitions"]["samples"]["db"] = str(tmp_path / "gone.db")

    with pytest.raises(EngineError, match=r"SQLite file .*gone\.db' does not exist"):
        run("BATCH_SCORE", file)


def test_driver_not_installed_names_the_package(run: Runner) -> None:
    def change(job: dict[str, Any]) -> None:
        job["dbDefinitions"]["samples"] = {"type": "Teradata", "host": "127.0.0.1", "db": "x"}

    with pytest.raises(EngineError, match=r"needs the Python package teradatasqlalchemy.*"
                                          "pip install teradatasqlalchemy"):
        run("BATCH_SCORE", change)


def test_unreachable_database_hides_the_password(run: Runner) -> None:
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def change(job: dict[str, Any]) -> None:
        job["dbDefinitions"]["samples"] = {
            "type": "PostgreSQL", "host": "127.0.0.1", "port": port, "db": "x",
            "username": "u", "password": "s3cret-pw"}

    with pytest.raises(EngineError) as info:
        run("BATCH_SCORE", change)
    message = str(info.value)
    assert message.startswith("cannot connect to database 'samples' (PostgreSQL): ")
    assert "s3cret-pw" not in message and str(port) in message


def test_not_a_stream(run: Runner, samples: Path) -> None:
    with pytest.raises(EngineError, match=r"samples\.db is not a PMDesk stream: it is not a zip"):
        run("BATCH_SCORE", stream=samples / "samples.db")


@pytest.mark.fixtures
@pytest.mark.skipif(not (FIXTURES / "Drug1n.str").is_file(), reason="no Modeler fixtures")
def test_a_real_modeler_stream_names_its_own_nodes(run: Runner) -> None:
    """A .str runs (tests/streams/test_modeler_*); a job naming nodes it lacks is told
    which nodes the stream has."""
    with pytest.raises(EngineError) as info:
        run("BATCH_SCORE", stream=FIXTURES / "Drug1n.str")
    message = str(info.value)
    assert "stream 'Drug1n' has no terminal node 'Scores'" in message
    assert "'Table' (id 4)" in message


def test_an_export_may_not_overwrite_its_own_input(run: Runner, samples: Path) -> None:
    with pytest.raises(EngineError, match="would write into 'drug_score', the table its own "
                                          "branch reads \\(source node 'ScoreInput'\\)"):
        run("BATCH_SCORE", export_to("drug_score", "Drop"))
    assert query(samples / "samples.db", "SELECT COUNT(*) FROM DRUG_SCORE") == [(1000,)]


def test_columns_keep_their_types_when_the_first_rows_are_selected_away(
    run: Runner, samples: Path, tmp_path: Path
) -> None:
    stream = load_stream(samples / STREAM_FILE)
    spec = stream.to_json()
    spec["nodes"].append({"name": "Old", "type": "select", "condition": "Age >= 70"})
    # the select before the nugget: the preview's nugget sees no rows at all
    spec["links"] = [link for link in spec["links"]
                     if link != ["Score Na_to_K", "Drug (scoring)"]]
    spec["links"] += [["Score Na_to_K", "Old"], ["Old", "Drug (scoring)"]]
    from pmdesk.streams.openformat import parse_stream

    old = parse_stream(spec)
    old.models, old.data = stream.models, stream.data
    path = save_stream(old, tmp_path / "old.pmstream")
    db = samples / "samples.db"
    with sqlite3.connect(db) as conn:  # the first 1,000 rows the preview reads: all young
        conn.execute("CREATE TABLE YOUNG_FIRST AS SELECT * FROM DRUG_SCORE WHERE Age < 70")
        conn.execute("INSERT INTO YOUNG_FIRST SELECT * FROM DRUG_SCORE WHERE Age < 70")
        conn.execute("INSERT INTO YOUNG_FIRST SELECT * FROM DRUG_SCORE WHERE Age >= 70")
    conn.close()

    def change(job: dict[str, Any]) -> None:
        export_to("OLD", "Create")(job)
        job["setting"]["inputs"][0]["odbc"]["table"] = "YOUNG_FIRST"

    run("BATCH_SCORE", change, stream=path)
    types = {r[1]: r[2] for r in query(db, "PRAGMA table_info(OLD)")}
    assert types["Age"] == "BIGINT" and types["$RC-Drug"] == "FLOAT"
    assert query(db, "SELECT COUNT(*), MIN(Age), typeof(MIN(Age)) FROM OLD") == [
        (query(db, "SELECT COUNT(*) FROM DRUG_SCORE WHERE Age >= 70")[0][0], 70, "integer")]
