"""5. Engine: BATCH_SCORE rows/s and peak RSS, SQLite to SQLite, against a hand-written script.

Data: the input table of the samples' BATCH_SCORE job, resampled with replacement to N rows
(same columns, same value mix). PMDesk runs the samples' BATCH_SCORE definition (tables and
database path pointed at the benchmark's copy, export in Drop mode) through `run_job`; the
baseline is benchmarks/engine_child.py's `script`. Both run in fresh processes, alternately;
the time is the scoring only (imports and model fitting excluded), the RSS the whole process.
"""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path
from typing import Any

from benchmarks.common import (
    PYTHON,
    ChildRun,
    Context,
    Figure,
    NotAvailable,
    Target,
    check,
    child_env,
    fmt,
    require_attr,
    require_module,
    run_child,
)

TITLE = "Engine: BATCH_SCORE SQLite to SQLite, against a hand-written pandas + sklearn script"

BENCH_TABLE = "BENCH_IN"
OUT_TABLE = "BENCH_OUT"
SCRIPT_OUT_TABLE = "BENCH_OUT_SCRIPT"


def make_samples(folder: Path) -> Path:
    require_module("pmdesk.engine.samples", "the engine's samples")
    run = run_child([PYTHON, "-m", "pmdesk", "samples", str(folder)], env=child_env(),
                    timeout=300)
    if run.returncode != 0:
        raise NotAvailable(f"`pmdesk samples` fails: {(run.stderr or run.stdout).strip()[-300:]}")
    return folder


def training_table(db: Path, target: str = "Drug") -> str:
    """The sample table that holds the target: what the baseline fits its tree on."""
    with sqlite3.connect(db) as con:
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'"):
            cols = [d[0] for d in con.execute(f'SELECT * FROM "{name}" LIMIT 0').description]
            if target in cols:
                return str(name)
    raise NotAvailable(f"no table with a {target} column in {db} to fit the baseline on")


def find_batch_score(samples: Path) -> tuple[dict[str, Any], Path, Path, str]:
    """(definition, stream path, sqlite db path, input table) of the samples' BATCH_SCORE."""
    candidates = sorted(samples.rglob("*BATCH_SCORE*.json"))
    if not candidates:
        raise NotAvailable(f"`pmdesk samples` wrote no BATCH_SCORE*.json in {samples}")
    definition = json.loads(candidates[0].read_text())
    model_id = definition["model"]["id"]
    streams = [p for p in samples.rglob("*") if p.is_file() and
               (p.name == model_id or p.stem == Path(model_id).stem) and p.suffix != ".json"]
    if not streams:
        raise NotAvailable(f"no stream file for model.id {model_id!r} in {samples}")
    inp = definition["setting"]["inputs"][0]["odbc"]
    db = definition["dbDefinitions"][inp["dbRef"]]
    if str(db.get("type", "")).lower() != "sqlite":
        raise NotAvailable(f"the samples' BATCH_SCORE reads {db.get('type')}, not SQLite")
    db_path = Path(db["db"])
    if not db_path.is_absolute():
        db_path = next((p for p in samples.rglob(db_path.name)), samples / db_path)
    return definition, streams[0], db_path, inp["table"]


def make_table(source_db: Path, source_table: str, target_db: Path, rows: int) -> None:
    """N rows resampled from the sample table, written in one transaction."""
    import numpy as np

    with sqlite3.connect(source_db) as src:
        cur = src.execute(f'SELECT * FROM "{source_table}"')
        names = [d[0] for d in cur.description]
        sample = cur.fetchall()
        schema = src.execute("SELECT sql FROM sqlite_master WHERE name = ?",
                             (source_table,)).fetchone()[0]
    picks = np.random.default_rng(7).integers(0, len(sample), rows)
    create = schema.replace(source_table, BENCH_TABLE, 1)
    with sqlite3.connect(target_db) as con:
        con.execute(f'DROP TABLE IF EXISTS "{BENCH_TABLE}"')
        con.execute(create)
        marks = ", ".join("?" * len(names))
        con.executemany(f'INSERT INTO "{BENCH_TABLE}" VALUES ({marks})',
                        (sample[i] for i in picks))


def bench_definition(definition: dict[str, Any], db: Path, out_db: Path) -> dict[str, Any]:
    d = copy.deepcopy(definition)
    d["setting"]["inputs"] = d["setting"]["inputs"][:1]
    d["setting"]["exports"] = d["setting"]["exports"][:1]
    d["setting"]["inputs"][0]["odbc"]["table"] = BENCH_TABLE
    export = d["setting"]["exports"][0]["odbc"]
    export["table"] = OUT_TABLE
    export["insertMode"] = "Drop"
    d["setting"]["inputs"][0]["odbc"]["dbRef"] = "bench_in"
    export["dbRef"] = "bench_out"
    d["dbDefinitions"] = {"bench_in": {"type": "SQLite", "db": str(db)},
                          "bench_out": {"type": "SQLite", "db": str(out_db)}}
    return d


def _seconds(run: ChildRun) -> tuple[float, int]:
    data = json.loads(run.stdout.strip().splitlines()[-1])
    return float(data["seconds"]), int(data["rows"])


def run(ctx: Context) -> None:
    run_job = require_attr("pmdesk.engine", "run_job", "the engine")
    del run_job
    require_attr("pmdesk.engine.pmml", "load_model", "the engine's PMML models")
    samples = make_samples(ctx.work / "samples")
    definition, stream, sample_db, sample_table = find_batch_score(samples)
    train_table = training_table(sample_db)
    env = child_env()
    sizes = ctx.mode.engine_rows
    repeats = max(1, ctx.mode.repeats - 1) if ctx.mode.name != "smoke" else 1
    rps: dict[int, tuple[list[float], list[float]]] = {}
    rss: dict[int, tuple[list[float], list[float]]] = {}
    for rows in sizes:
        db = ctx.work / f"bench-{rows}.db"
        make_table(sample_db, sample_table, db, rows)
        def_path = ctx.work / f"def-{rows}.json"
        out_db = ctx.work / f"out-{rows}.db"
        script_db = ctx.work / f"out-script-{rows}.db"
        sqlite3.connect(out_db).close()  # the engine writes into an existing SQLite file
        def_path.write_text(json.dumps(bench_definition(definition, db, out_db)))
        ours: list[float] = []
        theirs: list[float] = []
        ours_rss: list[float] = []
        theirs_rss: list[float] = []
        for i in range(repeats):
            out = ctx.work / f"out-{rows}-{i}"
            out.mkdir()
            mine = check(run_child([PYTHON, "-m", "benchmarks.engine_child", "pmdesk",
                                    str(def_path), str(stream), str(out)], env=env,
                                   timeout=1800), "PMDesk BATCH_SCORE")
            base = check(run_child([PYTHON, "-m", "benchmarks.engine_child", "script", str(db),
                                    BENCH_TABLE, str(script_db), SCRIPT_OUT_TABLE, str(sample_db),
                                    train_table], env=env, timeout=1800),
                         "hand-written script")
            s_mine, _ = _seconds(mine)
            s_base, n_base = _seconds(base)
            ours.append(rows / s_mine)
            theirs.append(n_base / s_base)
            ours_rss.append(mine.peak_rss_mb)
            theirs_rss.append(base.peak_rss_mb)
        with sqlite3.connect(out_db) as con:
            written = con.execute(f'SELECT COUNT(*) FROM "{OUT_TABLE}"').fetchone()[0]
        if written != rows:
            ctx.note(f"PMDesk wrote {written} rows of {rows} into {OUT_TABLE}")
        rps[rows] = (ours, theirs)
        rss[rows] = (ours_rss, theirs_rss)
        label = f"{rows:,} rows"
        ctx.add(Figure(f"BATCH_SCORE {label} rows/s", "rows/s", ours, "pandas+sklearn script",
                       theirs, Target("ratio", ">=", 0.8)))
        ctx.add(Figure(f"BATCH_SCORE {label} peak RSS", "MB", ours_rss,
                       "pandas+sklearn script", theirs_rss))
        for path in (db, out_db, script_db):
            path.unlink()
    small, large = sizes
    growth = [b / a for a, b in zip(rss[small][0], rss[large][0], strict=True)]
    base_growth = [b / a for a, b in zip(rss[small][1], rss[large][1], strict=True)]
    ctx.add(Figure(f"peak RSS {fmt(large / small)}x rows / RSS {small:,}", "x", growth,
                   "script, same", base_growth, Target("value", "<=", 1.2),
                   note="flat memory: the RSS of the larger run over the smaller, 1.0 = flat"))
