"""Real SPSS Modeler streams run through a real `pmdesk serve`: BATCH_SCORE on SQLite and
PostgreSQL input tables loaded from the public data the streams were built on, checked
against the labels and against a reference PMML evaluator (pypmml) where one is installed;
EVALUATION reports; streams with nodes PMDesk cannot run are refused at submit."""

from __future__ import annotations

import io
import os
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import sqlalchemy as sa
from helpers.modeler import Database
from helpers.server import LiveServer
from helpers.streams import FIXTURES

DATA = FIXTURES.parent / "modeler-data"
PG_URL = os.environ.get("PMDESK_TEST_PG_URL")

pytestmark = pytest.mark.skipif(
    not (FIXTURES / "Drug1n.str").is_file() or not (DATA / "drug_train_data.csv").is_file(),
    reason=f"the real Modeler streams and data are not in {FIXTURES.parent} (no ../shared)",
)

# stream -> (data file, separator, source node, terminal, label column, prediction column,
#            confidence column or None, least share of rows whose label the stream gets)
CASES: dict[str, tuple[str, str, str, str, str, str, str | None, float]] = {
    "Drug1n.str": ("drug_train_data.csv", ";", "scoreInput", "Table", "DRUG", "$N-DRUG",
                   "$NC-DRUG", 1.0),
    # two sources are labelled "Var. File": the one in the scoring branch is meant
    "german_credit_risk_tutorial.str": ("credit_risk_training.csv", ",", "Var. File", "Table",
                                        "Risk", "$L-Risk", "$LP-Risk", 0.79),
    # SPSS writes its SVM for the opposite sign to pypmml: only the labels are the oracle
    "customer-satisfaction-prediction.str": ("telco_churn.csv", ",", "Input data",
                                             "Output data", "Churn", "Predicted Churn",
                                             None, 0.84),
}


def read_data(name: str) -> pd.DataFrame:
    _, sep = CASES[name][0], CASES[name][1]
    return pd.read_csv(DATA / CASES[name][0], sep=sep, encoding="utf-8-sig")


def wait_state(server: LiveServer, job_id: str, timeout: float = 120.0) -> dict[str, Any]:
    """Polls the job's status until it ends; the bound only stops a hang."""
    deadline = time.monotonic() + timeout
    while True:
        r = server.request("GET", f"/pm/v1/jobs/{job_id}/status")
        assert r.status_code == 200, r.text
        body = dict(r.json())
        if body["jobStatus"] in ("SUCCESS", "FAILED", "CANCELED"):
            return body
        assert time.monotonic() < deadline, f"job {job_id} still {body['jobStatus']}"
        time.sleep(0.2)


def upload(server: LiveServer, path: Path) -> None:
    with path.open("rb") as fh:
        r = server.request("PUT", f"/pm/v1/file/{path.name}",
                           files={"model_file": (path.name, fh, "application/octet-stream")})
    assert r.status_code == 200, r.text


def submit(server: LiveServer, job_id: str, body: dict[str, Any]) -> Any:
    return server.request("POST", f"/pm/v1/jobs/{job_id}", json=body)


def job(action: str, stream: str, db: dict[str, Any], source: str, table: str,
        terminal: str | None = None, out: str | None = None, **setting: Any
        ) -> dict[str, Any]:
    body: dict[str, Any] = {
        "action": action, "model": {"id": stream}, "dbDefinitions": {"db": db},
        "setting": {"inputs": [{"node": source, "odbc": {"dbRef": "db", "table": table}}],
                    **setting},
    }
    if terminal is not None:
        body["setting"]["exports"] = [{"node": terminal, "odbc": {
            "dbRef": "db", "table": out, "insertMode": "Create"}}]
    return body


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path_factory.mktemp("modeler") / "data").start()
    for name in (*CASES, "financial-performance-prediction.str"):
        upload(server, FIXTURES / name)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=[
    pytest.mark.postgres, pytest.mark.skipif(not PG_URL, reason="PMDESK_TEST_PG_URL unset")])])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    db = Database(request.param, tmp_path)
    yield db
    db.drop()


def oracle(name: str, frame: pd.DataFrame) -> pd.DataFrame | None:
    """pypmml's scores of the stream's nugget on `frame`, or None where it is not installed."""
    try:
        from pypmml import Model
    except ImportError:
        return None
    from pmdesk.streams.modeler.reader import read_str

    info = read_str(FIXTURES / name)
    nugget = next(n.id for n in info.nodes if n.id in info.pmml)
    try:
        model = Model.fromString(info.pmml[nugget])
    except Exception as exc:
        pytest.skip(f"pypmml cannot run here: {exc}")
    return model.predict(frame)


@pytest.mark.parametrize("name", list(CASES))
def test_batch_score_real_stream(server: LiveServer, database: Database, name: str) -> None:
    _, _, source, terminal, label, predicted, confidence, least = CASES[name]
    data = read_data(name)
    # a row number travels through the stream: PostgreSQL gives no order without one
    table = database.load(data.drop(columns=[label]).assign(row_no=range(len(data))), "input")
    out = database.table("scores")
    body = job("BATCH_SCORE", name, database.definition, source, table, terminal, out)
    job_id = f"score-{database.kind}-{Path(name).stem[:20]}"
    r = submit(server, job_id, body)
    assert r.status_code == 200, r.text
    status = wait_state(server, job_id)
    assert status["jobStatus"] == "SUCCESS", status
    scores = database.read(out).sort_values("row_no", ignore_index=True)
    assert len(scores) == len(data) and scores["row_no"].tolist() == list(range(len(data)))
    share = float((scores[predicted].astype(str) == data[label].astype(str)).mean())
    assert share >= least, f"{name}: {share:.4f} of the rows get their {label}"
    if confidence is not None:
        reference = oracle(name, data.drop(columns=[label]))
        if reference is not None:
            target = f"predicted_{label}"
            assert (scores[predicted].astype(str) == reference[target].astype(str)).all()
            diff = (scores[confidence].astype(float) - reference["probability"]).abs()
            assert float(diff.max()) < 1e-6, f"{name}: confidences differ by {diff.max()}"


def test_evaluation_returns_the_output_reports(server: LiveServer, tmp_path: Path) -> None:
    db = Database("sqlite", tmp_path)
    table = db.load(read_data("Drug1n.str"), "drug")
    body = job("EVALUATION", "Drug1n.str", db.definition, "scoreInput", table,
               reportFormat="TAB")
    r = submit(server, "evaluate-drug", body)
    assert r.status_code == 200, r.text
    assert wait_state(server, "evaluate-drug")["jobStatus"] == "SUCCESS"
    result = server.request("GET", "/pm/v1/jobs/evaluate-drug/result")
    assert result.status_code == 200
    with zipfile.ZipFile(io.BytesIO(result.content)) as zf:
        tabs = [n for n in zf.namelist() if n.endswith(".tab")]
        assert tabs, zf.namelist()
        text = zf.read(tabs[0]).decode("utf-8")
    rows = pd.read_csv(io.StringIO(text), sep="\t", comment="#")
    assert len(rows) == 200 and "$N-DRUG" in rows.columns
    db.drop()


def test_an_extension_node_is_refused_at_submit(server: LiveServer, tmp_path: Path) -> None:
    """Nothing is read: the input table does not even exist."""
    db = Database("sqlite", tmp_path)
    body = job("BATCH_SCORE", "financial-performance-prediction.str", db.definition, "in",
               "no_such_table", "Table", "out")
    r = submit(server, "forecast", body)
    assert r.status_code == 400, r.text
    message = r.json()["message"]
    assert "'VALUE'" in message and "ExtensionApplyModelNode" in message
    assert "time series" in message
    assert server.request("GET", "/pm/v1/jobs/forecast/status").status_code == 404


@pytest.mark.parametrize("action", ["TRAINING", "AUTO_REFRESH"])
def test_training_a_str_is_refused_at_submit(server: LiveServer, tmp_path: Path,
                                             action: str) -> None:
    db = Database("sqlite", tmp_path)
    body = job(action, "Drug1n.str", db.definition, "trainingInput", "drug")
    r = submit(server, f"train-{action.lower()}", body)
    assert r.status_code == 400, r.text
    assert f"{action} on an SPSS Modeler stream (.str) is not supported" in r.json()["message"]


def test_repeated_label_outside_the_branch_is_ambiguous(server: LiveServer,
                                                        tmp_path: Path) -> None:
    """german_credit_risk has two "Var. File" sources: EVALUATION from that label cannot
    tell them apart and says to use the id stream-info reports."""
    db = Database("sqlite", tmp_path)
    body = job("EVALUATION", "german_credit_risk_tutorial.str", db.definition, "Var. File",
               "credit", reportFormat="HTML")
    r = submit(server, "ambiguous", body)
    assert r.status_code == 400, r.text
    assert "2 source nodes of stream" in r.json()["message"]
    assert "labelled 'Var. File'" in r.json()["message"]



def test_lower_case_columns_meet_the_streams_spelling(server: LiveServer,
                                                      database: Database) -> None:
    """PostgreSQL folds unquoted names to lower case; the source's type table of Drug1n's
    scoring source also declares older spellings (Age, Na), so the nugget's names win."""
    data = read_data("Drug1n.str")
    lower = data.drop(columns=["DRUG"]).rename(columns=str.lower)
    table = database.load(lower, "lower")
    out = database.table("lower_scores")
    body = job("BATCH_SCORE", "Drug1n.str", database.definition, "scoreInput", table,
               "Table", out)
    r = submit(server, f"lower-{database.kind}", body)
    assert r.status_code == 200, r.text
    assert wait_state(server, f"lower-{database.kind}")["jobStatus"] == "SUCCESS"
    scores = database.read(out)
    assert {"AGE", "NA", "$N-DRUG"} <= set(scores.columns)
    assert sorted(scores["$N-DRUG"]) == sorted(data["DRUG"])


def test_a_missing_field_fails_the_run_naming_the_nugget(server: LiveServer,
                                                         tmp_path: Path) -> None:
    db = Database("sqlite", tmp_path)
    table = db.load(read_data("Drug1n.str").drop(columns=["DRUG", "K"]), "no_k")
    body = job("BATCH_SCORE", "Drug1n.str", db.definition, "scoreInput", table, "Table",
               db.table("out"))
    r = submit(server, "missing-k", body)
    assert r.status_code == 200, r.text
    status = wait_state(server, "missing-k")
    assert status["jobStatus"] == "FAILED"
    assert "model nugget 'DRUG' needs field(s) the data does not have: K" in status["message"]
    with db.engine.connect() as conn:  # nothing half-written
        assert not sa.inspect(conn).has_table(db.table("out"))
    db.drop()
