"""Real Modeler stream: BATCH_SCORE of `Drug1n.str` against the open-format stream of the
same model, SQLite to SQLite.

Data: `drug_train_data.csv` (../shared/fixtures/modeler-data) resampled with replacement
to N rows. The baseline is an open-format `.pmstream` built here with the very nugget PMML
the `.str` holds (source -> nugget -> export), so the figure is the cost of running a real
stream (its plan, its source filter, its nodes) over the open format's pipeline. Both run
through `run_job` in fresh processes, alternately (benchmarks/engine_child.py).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from benchmarks.common import (
    PYTHON,
    REPO,
    Context,
    Figure,
    NotAvailable,
    Target,
    check,
    child_env,
    require_attr,
    run_child,
)

TITLE = "Modeler .str BATCH_SCORE (Drug1n neural net), against the open-format stream"

SHARED = REPO.parent / "shared" / "fixtures"
STREAM = SHARED / "modeler-streams" / "Drug1n.str"
DATA = SHARED / "modeler-data" / "drug_train_data.csv"
TABLE = "DRUG_IN"
OUT = "DRUG_OUT"


def make_table(db: Path, rows: int) -> None:
    import numpy as np
    import pandas as pd

    sample = pd.read_csv(DATA, sep=";").drop(columns=["DRUG"])
    picks = np.random.default_rng(7).integers(0, len(sample), rows)
    with sqlite3.connect(db) as con:
        sample.iloc[picks].to_sql(TABLE, con, index=False, if_exists="replace",
                                  chunksize=50_000)


def open_format_twin(folder: Path) -> Path:
    """Source -> the .str's own nugget PMML -> export, as a .pmstream."""
    from pmdesk.streams.modeler.reader import read_str
    from pmdesk.streams.openformat import OpenStream, save_stream

    info = read_str(STREAM)
    nugget = next(n for n in info.nodes if n.id in info.pmml)
    stream = OpenStream.model_validate({
        "name": "Drug1n twin",
        "nodes": [{"name": "scoreInput", "type": "source"},
                  {"name": "DRUG", "type": "nugget"},
                  {"name": "Table", "type": "export", "scoring": True}],
        "links": [["scoreInput", "DRUG"], ["DRUG", "Table"]],
    })
    stream.models["DRUG"] = info.pmml[nugget.id]
    return save_stream(stream, folder / "Drug1n-twin.pmstream")


def definition(db: Path, out_db: Path) -> dict[str, Any]:
    return {
        "action": "BATCH_SCORE", "model": {"id": "Drug1n"},
        "dbDefinitions": {"in": {"type": "SQLite", "db": str(db)},
                          "out": {"type": "SQLite", "db": str(out_db)}},
        "setting": {"inputs": [{"node": "scoreInput", "odbc": {"dbRef": "in", "table": TABLE}}],
                    "exports": [{"node": "Table", "odbc": {"dbRef": "out", "table": OUT,
                                                           "insertMode": "Drop"}}]},
    }


def _child(def_path: Path, stream: Path, out: Path, what: str) -> tuple[float, float, int]:
    run = check(run_child([PYTHON, "-m", "benchmarks.engine_child", "pmdesk", str(def_path),
                           str(stream), str(out)], env=child_env(), timeout=1800), what)
    data = json.loads(run.stdout.strip().splitlines()[-1])
    return float(data["seconds"]), run.peak_rss_mb, int(data["rows"])


def run(ctx: Context) -> None:
    require_attr("pmdesk.streams.modeler.plan", "read_plan", "the Modeler stream planner")
    require_attr("pmdesk.engine.modeler.execute", "run_plan", "the Modeler stream runner")
    if not STREAM.is_file() or not DATA.is_file():
        raise NotAvailable(f"the public Drug1n stream and data are not in {SHARED}")
    rows = ctx.mode.engine_rows[0]
    db = ctx.work / "in.db"
    make_table(db, rows)
    twin = open_format_twin(ctx.work)
    out_db = ctx.work / "out.db"
    sqlite3.connect(out_db).close()  # the job writes into an existing database file
    def_path = ctx.work / "definition.json"
    def_path.write_text(json.dumps(definition(db, out_db)))
    speeds: tuple[list[float], list[float]] = ([], [])
    rss: tuple[list[float], list[float]] = ([], [])
    for _ in range(ctx.mode.engine_repeats):
        for i, (stream, what) in enumerate(((STREAM, "the .str"), (twin, "the .pmstream"))):
            seconds, peak, done = _child(def_path, stream, ctx.work / f"out{i}", what)
            if done != rows:
                ctx.note(f"{what} scored {done:,} of {rows:,} rows")
            speeds[i].append(rows / seconds)
            rss[i].append(peak)
    ctx.add(Figure(f"BATCH_SCORE Drug1n.str {rows:,} rows rows/s", "rows/s", speeds[0],
                   "open-format twin", speeds[1], Target("ratio", ">=", 0.9)))
    ctx.add(Figure(f"BATCH_SCORE Drug1n.str {rows:,} rows peak RSS", "MB", rss[0],
                   "open-format twin", rss[1], Target("ratio", "<=", 1.2)))
