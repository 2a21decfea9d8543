"""The two sides of the engine benchmark, each run in its own process for a clean peak RSS.

`python -m benchmarks.engine_child pmdesk DEFINITION STREAM OUT_DIR` runs PMDesk's run_job.
`python -m benchmarks.engine_child script DB TABLE OUT_DB OUT_TABLE TRAIN_DB TRAIN_TABLE` is the
baseline: what a competent person writes by hand with pandas + scikit-learn - a decision
tree fitted on the sample table, then a chunked read (cursor fetchmany), encode, predict +
predict_proba, and executemany write in one transaction.
Both print one JSON line {"seconds": scoring time without imports and set-up, "rows": n}.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

CHUNK = 50_000


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


def run_script(db: str, table: str, out_db: str, out_table: str, train_db: str,
               train_table: str) -> None:
    import numpy as np
    import pandas as pd
    from sklearn.tree import DecisionTreeClassifier

    with sqlite3.connect(train_db) as con:
        train = pd.read_sql_query(f'SELECT * FROM "{train_table}"', con)
    # The sample stream's scoring branch: derive Na_to_K = Na / K, then the tree on Age, Sex,
    # BP, Cholesterol and Na_to_K (Na and K themselves have role none).
    target = "Drug"
    train["Na_to_K"] = train["Na"] / train["K"]
    inputs = [c for c in train.columns if c not in (target, "Na", "K")]
    categorical = [c for c in inputs if not pd.api.types.is_numeric_dtype(train[c])]
    categories = {c: sorted(train[c].dropna().unique()) for c in categorical}

    def encode(frame: pd.DataFrame) -> np.ndarray:
        parts = []
        for c in inputs:
            if c in categories:
                codes = pd.Categorical(frame[c], categories=categories[c]).codes
                parts.extend((codes == i).astype(np.float64) for i in range(len(categories[c])))
            else:
                parts.append(np.nan_to_num(frame[c].to_numpy(dtype=float, na_value=np.nan)))
        return np.column_stack(parts)

    model = DecisionTreeClassifier(max_depth=5, min_samples_leaf=5, random_state=0)
    model.fit(encode(train), train[target])
    classes = model.classes_

    con = sqlite3.connect(db)
    out = sqlite3.connect(out_db)
    t0 = time.perf_counter()
    names = [d[0] for d in con.execute(f'SELECT * FROM "{table}" LIMIT 0').description]
    out_cols = [*names, "Na_to_K", f"$R-{target}", f"$RC-{target}"]
    out.execute(f'DROP TABLE IF EXISTS "{out_table}"')
    quoted = ", ".join(f'"{c}"' for c in out_cols)
    out.execute(f'CREATE TABLE "{out_table}" ({quoted})')
    cur = con.execute(f'SELECT * FROM "{table}"')
    insert = (f'INSERT INTO "{out_table}" VALUES ({", ".join("?" * len(out_cols))})')
    rows_done = 0
    write = out.cursor()
    while True:
        rows = cur.fetchmany(CHUNK)
        if not rows:
            break
        frame = pd.DataFrame(rows, columns=names)
        frame["Na_to_K"] = frame["Na"] / frame["K"]
        proba = model.predict_proba(encode(frame))
        best = proba.argmax(axis=1)
        frame[f"$R-{target}"] = classes[best]
        frame[f"$RC-{target}"] = proba[np.arange(len(best)), best]
        write.executemany(insert, zip(*(frame[c].tolist() for c in out_cols), strict=True))
        rows_done += len(rows)
    out.commit()
    out.close()
    con.close()
    print(json.dumps({"seconds": time.perf_counter() - t0, "rows": rows_done}))


if __name__ == "__main__":
    if sys.argv[1] == "pmdesk":
        run_pmdesk(*sys.argv[2:5])
    else:
        run_script(*sys.argv[2:8])
