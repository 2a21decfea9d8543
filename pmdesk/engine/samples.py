"""`pmdesk samples DIR`: a sample stream, a SQLite database and one job per action.

The data is DRUG1n-like and generated here, deterministically, with a rule a tree can
learn (Na/K ratio first, then blood pressure, age and cholesterol), plus a little noise.
"""

from __future__ import annotations

import csv
import io
import json
import random
import sqlite3
import sys
from pathlib import Path
from typing import Any

from pmdesk.streams import openformat as of

STREAM_FILE = "drug.pmstream"
DATABASE_FILE = "samples.db"
TRAIN_TABLE = "DRUG1N"
SCORE_TABLE = "DRUG_SCORE"
TRAIN_ROWS = 2000
SCORE_ROWS = 1000
COLUMNS = ("Age", "Sex", "BP", "Cholesterol", "Na", "K", "Drug")
ACTIONS = ("TRAINING", "EVALUATION", "AUTO_REFRESH", "BATCH_SCORE", "RUN_STREAM")


def drug_for(age: int, bp: str, cholesterol: str, na: float, k: float) -> str:
    """The rule behind the sample data."""
    if na / k > 15:
        return "drugY"
    if bp == "HIGH":
        return "drugA" if age <= 50 else "drugB"
    if bp == "LOW":
        return "drugC" if cholesterol == "HIGH" else "drugX"
    return "drugX"


def drug_rows(count: int, seed: int, noise: float = 0.02) -> list[tuple[Any, ...]]:
    """`count` rows of (Age, Sex, BP, Cholesterol, Na, K, Drug), the same for the same seed."""
    rng = random.Random(seed)
    drugs = ("drugA", "drugB", "drugC", "drugX", "drugY")
    rows = []
    for _ in range(count):
        age = rng.randint(15, 74)
        sex = rng.choice(("F", "M"))
        bp = rng.choice(("HIGH", "LOW", "NORMAL"))
        chol = rng.choice(("HIGH", "NORMAL"))
        na = round(rng.uniform(0.5, 0.9), 6)
        k = round(rng.uniform(0.02, 0.08), 6)
        drug = drug_for(age, bp, chol, na, k)
        if rng.random() < noise:
            drug = rng.choice(drugs)
        rows.append((age, sex, bp, chol, na, k, drug))
    return rows


def _csv(rows: list[tuple[Any, ...]], columns: tuple[str, ...]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue()


def drug_stream(*, sleep: float | None = None, script: list[dict[str, Any]] | None = None,
                embed_rows: int = 500) -> of.OpenStream:
    """The sample stream, untrained (see `train_sample`).

    `sleep` puts a {"sleep": seconds} step first in the script: a RUN_STREAM job that stays
    RUNNING long enough to be cancelled. `script` replaces the script entirely.
    """
    steps: list[dict[str, Any]] = [
        {"run": "Drug tree"},
        {"loop": {"param": "depth", "values": [3, 5],
                  "steps": [{"run": "Drug tree"}, {"run": "Accuracy"}]}},
        {"run": "Scores"},
    ]
    if script is not None:
        steps = script
    if sleep is not None:
        steps = [{"sleep": sleep}, *steps]
    spec: dict[str, Any] = {
        "format": of.FORMAT,
        "version": of.VERSION,
        "name": "drug",
        "description": "Which drug suits a patient: trains a decision tree on DRUG1N and "
                       "scores DRUG_SCORE.",
        "parameters": [
            {"name": "depth", "type": "integer", "default": 5, "label": "Tree depth"},
            {"name": "min_age", "type": "integer", "default": 0,
             "label": "Youngest patient used for training"},
        ],
        "nodes": [
            {"name": "TrainInput", "type": "source", "table": TRAIN_TABLE, "x": 60, "y": 80},
            {"name": "Na_to_K", "type": "derive", "field": "Na_to_K",
             "expression": "Na / K", "x": 180, "y": 80},
            {"name": "Adults", "type": "select", "condition": "Age >= $P-min_age",
             "x": 300, "y": 80},
            {"name": "Types", "type": "type", "x": 420, "y": 80, "fields": {
                "Drug": {"role": "target", "measurement": "nominal"},
                "Na": {"role": "none"}, "K": {"role": "none"},
                "Na_to_K": {"role": "input", "measurement": "continuous"},
                "Age": {"measurement": "continuous"},
            }},
            {"name": "Drug tree", "type": "build", "algorithm": "tree", "x": 540, "y": 30,
             "params": {"max_depth": {"param": "depth"}, "min_samples_leaf": 5},
             "nugget": ["Drug", "Drug (scoring)"]},
            {"name": "Drug", "type": "nugget", "x": 540, "y": 130},
            {"name": "Accuracy", "type": "analysis", "x": 680, "y": 80},
            {"name": "Gains", "type": "evaluation", "chart": "gains", "hit": "drugA",
             "x": 680, "y": 130},
            {"name": "Preview", "type": "table", "rows": 100, "x": 680, "y": 180},
            {"name": "ScoreInput", "type": "source", "table": SCORE_TABLE, "x": 60, "y": 300},
            {"name": "Score Na_to_K", "type": "derive", "field": "Na_to_K",
             "expression": "Na / K", "x": 180, "y": 300},
            {"name": "Drug (scoring)", "type": "nugget", "x": 420, "y": 300},
            {"name": "Scores", "type": "export", "table": "DRUG_SCORES", "scoring": True,
             "x": 560, "y": 300},
        ],
        "links": [
            ["TrainInput", "Na_to_K"], ["Na_to_K", "Adults"], ["Adults", "Types"],
            ["Types", "Drug tree"], ["Types", "Drug"], ["Drug", "Accuracy"],
            ["Drug", "Gains"], ["Drug", "Preview"],
            ["ScoreInput", "Score Na_to_K"], ["Score Na_to_K", "Drug (scoring)"],
            ["Drug (scoring)", "Scores"],
        ],
        "script": steps,
    }
    stream = of.parse_stream(spec)
    stream.data["TrainInput"] = _csv(drug_rows(embed_rows, seed=1), COLUMNS)
    stream.data["ScoreInput"] = _csv([r[:-1] for r in drug_rows(embed_rows, seed=2)], COLUMNS[:-1])
    return stream


def train_sample(stream: of.OpenStream) -> of.OpenStream:
    """Fills the sample's nuggets with a tree trained on the embedded data (deterministic)."""
    import pandas as pd

    from pmdesk.engine.pmml import train_model

    frame = pd.read_csv(io.StringIO(stream.data["TrainInput"]))
    frame["Na_to_K"] = frame["Na"] / frame["K"]
    pmml = train_model(
        "tree", frame, ["Age", "Sex", "BP", "Cholesterol", "Na_to_K"], "Drug",
        {"max_depth": 5, "min_samples_leaf": 5}, model_name="Drug",
        measurement={"Drug": "nominal", "Na_to_K": "continuous", "Age": "continuous"},
    )
    for name in ("Drug", "Drug (scoring)"):
        stream.models[name] = pmml
        stream.node(name).algorithm = "tree"
    return stream


def write_database(path: Path, train_rows: int = TRAIN_ROWS, score_rows: int = SCORE_ROWS) -> Path:
    """samples.db with DRUG1N (training, with Drug) and DRUG_SCORE (to score, without)."""
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute(
            f"CREATE TABLE {TRAIN_TABLE} (Age INTEGER, Sex TEXT, BP TEXT, Cholesterol TEXT, "
            "Na REAL, K REAL, Drug TEXT)"
        )
        db.executemany(f"INSERT INTO {TRAIN_TABLE} VALUES (?,?,?,?,?,?,?)",  # noqa: S608
                       drug_rows(train_rows, seed=11))
        db.execute(
            f"CREATE TABLE {SCORE_TABLE} (Age INTEGER, Sex TEXT, BP TEXT, Cholesterol TEXT, "
            "Na REAL, K REAL)"
        )
        db.executemany(f"INSERT INTO {SCORE_TABLE} VALUES (?,?,?,?,?,?)",  # noqa: S608
                       [r[:-1] for r in drug_rows(score_rows, seed=12)])
    db.close()
    return path


def job_definitions(stream_id: str, database: Path) -> dict[str, dict[str, Any]]:
    """One ready-to-submit job definition per action, on the sample stream and database."""
    dbs = {"samples": {"type": "SQLite", "db": str(database.resolve())}}
    train_input = {"odbc": {"dbRef": "samples", "table": TRAIN_TABLE}, "node": "TrainInput"}
    score_input = {"odbc": {"dbRef": "samples", "table": SCORE_TABLE}, "node": "ScoreInput"}

    def job(action: str, setting: dict[str, Any], name: str | None = None) -> dict[str, Any]:
        model: dict[str, Any] = {"id": stream_id}
        if name:
            model["name"] = name
        return {"action": action, "model": model, "dbDefinitions": dbs, "setting": setting}

    return {
        "TRAINING": job("TRAINING", {
            "inputs": [train_input],
            "parameterOverride": [{"name": "depth", "value": 4}],
        }, name="drug-trained.pmstream"),
        "EVALUATION": job("EVALUATION", {"inputs": [train_input], "reportFormat": "HTML"}),
        "AUTO_REFRESH": job("AUTO_REFRESH", {"inputs": [train_input]}),
        "BATCH_SCORE": job("BATCH_SCORE", {
            "inputs": [score_input],
            "exports": [{"odbc": {"dbRef": "samples", "table": "DRUG_SCORES",
                                  "insertMode": "Drop"}, "node": "Scores"}],
        }),
        "RUN_STREAM": job("RUN_STREAM", {
            "inputs": [train_input, score_input],
            "exports": [{"odbc": {"dbRef": "samples", "table": "DRUG_SCORES_RUN",
                                  "insertMode": "Drop"}, "node": "Scores"}],
            "parameterOverride": [{"name": "min_age", "value": 18}],
            "reportFormat": "HTML",
        }),
    }


def write_samples(dir: Path) -> list[Path]:
    """Writes drug.pmstream, samples.db and <ACTION>.json into `dir`; returns their paths."""
    dir = Path(dir)
    dir.mkdir(parents=True, exist_ok=True)
    stream_path = of.save_stream(train_sample(drug_stream()), dir / STREAM_FILE)
    database = write_database(dir / DATABASE_FILE)
    written = [stream_path, database]
    for action, definition in job_definitions(STREAM_FILE, database).items():
        path = dir / f"{action}.json"
        path.write_text(json.dumps(definition, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


def samples_main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: pmdesk samples DIR\n\nwrites the sample stream (drug.pmstream), the "
              "SQLite database samples.db and one job definition per action into DIR",
              file=sys.stderr if argv[:1] not in (["-h"], ["--help"]) else sys.stdout)
        return 0 if argv[:1] in (["-h"], ["--help"]) else 2
    try:
        paths = write_samples(Path(argv[0]))
    except OSError as exc:
        print(f"pmdesk samples: cannot write {argv[0]}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    return 0
