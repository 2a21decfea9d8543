"""The two sides of the engine benchmark, each run in its own process for a clean peak RSS.

`python -m benchmarks.engine_child pmdesk DEFINITION STREAM OUT_DIR` runs PMDesk's run_job.
`python -m benchmarks.engine_child script DB TABLE OUT_DB OUT_TABLE TRAIN_DB TRAIN_TABLE` is the
baseline: what a competent person writes by hand with pandas + scikit-learn - a decision
tree fitted on the sample table, then a chunked read (cursor fetchmany), encode, predict +
predict_proba, and executemany write in one transaction.
`python -m benchmarks.engine_child pgscript URL TABLE OUT_TABLE TRAIN_DB TRAIN_TABLE` is the
same by hand on PostgreSQL (server-side cursor, COPY FROM STDIN).
Both print one JSON line {"seconds": scoring time without imports and set-up, "rows": n}.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

CHUNK = 50_000
TARGET = "Drug"


def run_pmdesk(definition_path: str, stream: str, out_dir: str) -> None:
    import importlib

    from pmdesk.api.models import JobDefinition
    from pmdesk.engine import run_job

    # The same libraries the script imports before its clock starts, plus the engine's own
    # modules: importing code is not per-row work, for either side.
    for name in ("numpy", "pandas", "sklearn.tree", "pmdesk.engine.pipeline",
                 "pmdesk.engine.pmml", "pmdesk.engine.db"):
        try:
            importlib.import_module(name)
        except ImportError:
            pass

    definition = JobDefinition.parse(json.loads(Path(definition_path).read_text()))
    done = [0]

    def progress(rows: int, total: int | None) -> None:
        done[0] = rows

    t0 = time.perf_counter()
    run_job(definition, Path(stream), Path(out_dir), progress)
    print(json.dumps({"seconds": time.perf_counter() - t0, "rows": done[0]}))


def fit_model(train_db: str, train_table: str) -> Any:
    """The sample stream's scoring branch by hand: a (score, frame -> frame) function.

    Derive Na_to_K = Na / K, then a decision tree of the stream's settings on Age, Sex, BP,
    Cholesterol and Na_to_K (Na and K have role none), fitted on the training table.
    """
    import numpy as np
    import pandas as pd
    from sklearn.tree import DecisionTreeClassifier

    with sqlite3.connect(train_db) as con:
        train = pd.read_sql_query(f'SELECT * FROM "{train_table}"', con)
    train["Na_to_K"] = train["Na"] / train["K"]
    inputs = [c for c in train.columns if c not in (TARGET, "Na", "K")]
    categorical = [c for c in inputs if not pd.api.types.is_numeric_dtype(train[c])]
    categories = {c: sorted(train[c].dropna().unique()) for c in categorical}

    def encode(frame: pd.DataFrame) -> np.ndarray:
        parts: list[np.ndarray] = []
        for c in inputs:
            if c in categories:
                codes = pd.Categorical(frame[c], categories=categories[c]).codes
                parts.extend((codes == i).astype(np.float64) for i in range(len(categories[c])))
            else:
                parts.append(np.nan_to_num(frame[c].to_numpy(dtype=float, na_value=np.nan)))
        return np.column_stack(parts)

    model = DecisionTreeClassifier(max_depth=5, min_samples_leaf=5, random_state=0)
    model.fit(encode(train), train[TARGET])
    classes = model.classes_

    def score(rows: list[Any], names: list[str]) -> pd.DataFrame:
        frame = pd.DataFrame(rows, columns=names)
        frame["Na_to_K"] = frame["Na"] / frame["K"]
        proba = model.predict_proba(encode(frame))
        best = proba.argmax(axis=1)
        frame[f"$R-{TARGET}"] = classes[best]
        frame[f"$RC-{TARGET}"] = proba[np.arange(len(best)), best]
        return frame

    return score


def out_columns(names: list[str]) -> list[str]:
    return [*names, "Na_to_K", f"$R-{TARGET}", f"$RC-{TARGET}"]


def run_script(db: str, table: str, out_db: str, out_table: str, train_db: str,
               train_table: str) -> None:
    """SQLite: cursor fetchmany, score, executemany into another file, one transaction."""
    score = fit_model(train_db, train_table)
    con = sqlite3.connect(db)
    out = sqlite3.connect(out_db)
    t0 = time.perf_counter()
    names = [d[0] for d in con.execute(f'SELECT * FROM "{table}" LIMIT 0').description]
    cols = out_columns(names)
    out.execute(f'DROP TABLE IF EXISTS "{out_table}"')
    quoted = ", ".join(f'"{c}"' for c in cols)
    out.execute(f'CREATE TABLE "{out_table}" ({quoted})')
    cur = con.execute(f'SELECT * FROM "{table}"')
    insert = f'INSERT INTO "{out_table}" VALUES ({", ".join("?" * len(cols))})'
    rows_done = 0
    write = out.cursor()
    while rows := cur.fetchmany(CHUNK):
        frame = score(rows, names)
        write.executemany(insert, zip(*(frame[c].tolist() for c in cols), strict=True))
        rows_done += len(rows)
    out.commit()
    out.close()
    con.close()
    print(json.dumps({"seconds": time.perf_counter() - t0, "rows": rows_done}))


def run_pg_script(url: str, table: str, out_table: str, train_db: str,
                  train_table: str) -> None:
    """PostgreSQL: server-side cursor fetchmany, score, COPY FROM STDIN (baselines.md)."""
    import psycopg
    from psycopg import sql

    score = fit_model(train_db, train_table)
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as con:
        t0 = time.perf_counter()
        with con.cursor() as probe:
            probe.execute(sql.SQL("SELECT * FROM {} LIMIT 0").format(sql.Identifier(table)))
            names = [d.name for d in probe.description or []]
        cols = out_columns(names)
        types = {"Age": "bigint", "Na": "double precision", "K": "double precision",
                 "Na_to_K": "double precision", f"$RC-{TARGET}": "double precision"}
        con.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(out_table)))
        con.execute(sql.SQL("CREATE TABLE {} ({})").format(
            sql.Identifier(out_table),
            sql.SQL(", ").join(sql.SQL("{} {}").format(sql.Identifier(c),
                                                       sql.SQL(types.get(c, "text")))
                               for c in cols)))
        copy_sql = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(out_table), sql.SQL(", ").join(sql.Identifier(c) for c in cols))
        rows_done = 0
        with con.cursor(name="bench_read") as cur, con.cursor() as write:
            cur.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table)))
            while rows := cur.fetchmany(CHUNK):
                frame = score(rows, names)
                with write.copy(copy_sql) as copy:
                    for row in zip(*(frame[c].tolist() for c in cols), strict=True):
                        copy.write_row(row)
                rows_done += len(rows)
        con.commit()
    print(json.dumps({"seconds": time.perf_counter() - t0, "rows": rows_done}))


if __name__ == "__main__":
    if sys.argv[1] == "pmdesk":
        run_pmdesk(*sys.argv[2:5])
    elif sys.argv[1] == "pgscript":
        run_pg_script(*sys.argv[2:7])
    else:
        run_script(*sys.argv[2:8])
