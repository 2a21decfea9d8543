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
import os
import sqlite3
from dataclasses import dataclass, field
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
PG_TABLE = "bench_in"
PG_OUT_TABLE = "bench_out"
PG_SCRIPT_OUT_TABLE = "bench_out_script"


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


@dataclass
class Pair:
    """Repeats of PMDesk and the script on one table: rows/s and peak RSS of each."""

    ours: list[float] = field(default_factory=list)
    theirs: list[float] = field(default_factory=list)
    ours_rss: list[float] = field(default_factory=list)
    theirs_rss: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def run_pair(rows: int, repeats: int, mine: list[str], base: list[str]) -> Pair:
    pair = Pair()
    env = child_env()
    for _ in range(repeats):
        a = check(run_child([PYTHON, "-m", "benchmarks.engine_child", *mine], env=env,
                            timeout=1800), "PMDesk BATCH_SCORE")
        b = check(run_child([PYTHON, "-m", "benchmarks.engine_child", *base], env=env,
                            timeout=1800), "hand-written script")
        s_mine, n_mine = _seconds(a)
        s_base, n_base = _seconds(b)
        if n_mine != rows or n_base != rows:
            pair.problems.append(f"rows scored: PMDesk {n_mine:,}, script {n_base:,}, "
                                 f"table {rows:,}")
        pair.ours.append(rows / s_mine)
        pair.theirs.append(n_base / s_base)
        pair.ours_rss.append(a.peak_rss_mb)
        pair.theirs_rss.append(b.peak_rss_mb)
    return pair


def add_figures(ctx: Context, where: str, pairs: dict[int, Pair]) -> None:
    for rows, pair in pairs.items():
        label = f"{where} {rows:,} rows"
        for problem in dict.fromkeys(pair.problems):
            ctx.note(f"{label}: {problem}")
        ctx.add(Figure(f"BATCH_SCORE {label} rows/s", "rows/s", pair.ours,
                       "pandas+sklearn script", pair.theirs, Target("ratio", ">=", 0.8)))
        ctx.add(Figure(f"BATCH_SCORE {label} peak RSS", "MB", pair.ours_rss,
                       "pandas+sklearn script", pair.theirs_rss))
    small, large = sorted(pairs)
    growth = [b / a for a, b in zip(pairs[small].ours_rss, pairs[large].ours_rss, strict=True)]
    base_growth = [b / a for a, b in zip(pairs[small].theirs_rss, pairs[large].theirs_rss,
                                         strict=True)]
    ctx.add(Figure(f"{where} peak RSS {fmt(large / small)}x rows / {small:,}", "x", growth,
                   "script, same", base_growth, Target("value", "<=", 1.2),
                   note="flat memory: the RSS of the larger run over the smaller, 1.0 = flat"))


def pg_definition(definition: dict[str, Any], url: str) -> dict[str, Any]:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    d = bench_definition(definition, Path("unused"), Path("unused"))
    db = {"type": "PostgreSQL", "host": u.host or "127.0.0.1", "port": u.port or 5432,
          "db": u.database, "username": u.username, "password": u.password}
    d["dbDefinitions"] = {"bench_in": db, "bench_out": db}
    d["setting"]["inputs"][0]["odbc"]["table"] = PG_TABLE
    d["setting"]["exports"][0]["odbc"]["table"] = PG_OUT_TABLE
    return d


def load_pg(url: str, sqlite_db: Path) -> None:
    """The benchmark table into PostgreSQL by COPY (bigint, text and double columns)."""
    import psycopg
    from psycopg import sql

    with sqlite3.connect(sqlite_db) as src, \
            psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as con:
        cur = src.execute(f'SELECT * FROM "{BENCH_TABLE}"')
        names = [d[0] for d in cur.description]
        first = src.execute(f'SELECT * FROM "{BENCH_TABLE}" LIMIT 1').fetchone()
        kinds = ["bigint" if isinstance(v, int) else "double precision"
                 if isinstance(v, float) else "text" for v in first]
        con.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(PG_TABLE)))
        con.execute(sql.SQL("CREATE TABLE {} ({})").format(
            sql.Identifier(PG_TABLE),
            sql.SQL(", ").join(sql.SQL("{} {}").format(sql.Identifier(n), sql.SQL(k))
                               for n, k in zip(names, kinds, strict=True))))
        with con.cursor().copy(sql.SQL("COPY {} FROM STDIN").format(
                sql.Identifier(PG_TABLE))) as copy:
            while rows := cur.fetchmany(50_000):
                for row in rows:
                    copy.write_row(row)


def run(ctx: Context) -> None:
    require_attr("pmdesk.engine", "run_job", "the engine")
    require_attr("pmdesk.engine.pmml", "load_model", "the engine's PMML models")
    samples = make_samples(ctx.work / "samples")
    definition, stream, sample_db, sample_table = find_batch_score(samples)
    train_table = training_table(sample_db)
    pg_url = os.environ.get("PMDESK_TEST_PG_URL", "")
    repeats = ctx.mode.engine_repeats
    sqlite_pairs: dict[int, Pair] = {}
    pg_pairs: dict[int, Pair] = {}
    for rows in ctx.mode.engine_rows:
        db = ctx.work / f"bench-{rows}.db"
        make_table(sample_db, sample_table, db, rows)
        def_path = ctx.work / f"def-{rows}.json"
        out_db = ctx.work / f"out-{rows}.db"
        script_db = ctx.work / f"out-script-{rows}.db"
        sqlite3.connect(out_db).close()  # the engine writes into an existing SQLite file
        def_path.write_text(json.dumps(bench_definition(definition, db, out_db)))
        out = ctx.work / f"out-{rows}"
        out.mkdir()
        sqlite_pairs[rows] = run_pair(
            rows, repeats, ["pmdesk", str(def_path), str(stream), str(out)],
            ["script", str(db), BENCH_TABLE, str(script_db), SCRIPT_OUT_TABLE,
             str(sample_db), train_table])
        with sqlite3.connect(out_db) as con:
            written = con.execute(f'SELECT COUNT(*) FROM "{OUT_TABLE}"').fetchone()[0]
        if written != rows:
            ctx.note(f"PMDesk wrote {written} rows of {rows} into {OUT_TABLE}")
        if pg_url:
            load_pg(pg_url, db)
            pg_def = ctx.work / f"def-pg-{rows}.json"
            pg_def.write_text(json.dumps(pg_definition(definition, pg_url)))
            pg_pairs[rows] = run_pair(
                rows, repeats, ["pmdesk", str(pg_def), str(stream), str(out)],
                ["pgscript", pg_url, PG_TABLE, PG_SCRIPT_OUT_TABLE, str(sample_db),
                 train_table])
        for path in (db, out_db, script_db):
            path.unlink()
    add_figures(ctx, "SQLite", sqlite_pairs)
    if pg_pairs:
        add_figures(ctx, "PostgreSQL", pg_pairs)
    else:
        ctx.skip("BATCH_SCORE on PostgreSQL", "PMDESK_TEST_PG_URL is not set")
