"""Real Modeler stream: BATCH_SCORE of `Drug1n.str` against the open-format stream of the
same model, SQLite to SQLite; and a Sort node past the spill threshold.

Data: `drug_train_data.csv` (../shared/fixtures/modeler-data) resampled with replacement
to N rows. The baseline is an open-format `.pmstream` built here with the very nugget PMML
the `.str` holds (source -> nugget -> export), so the figure is the cost of running a real
stream (its plan, its source filter, its nodes) over the open format's pipeline. Both run
through `run_job` in fresh processes, alternately (benchmarks/engine_child.py).

Sort: a stream source -> Sort (two keys) -> export, on SORT_ROWS generated rows, with
PMDESK_SPILL_ROWS at SORT_SPILL_ROWS (the rows go through spill.py's temporary SQLite
file) against the same job with the threshold above the row count (the in-memory pandas
sort it replaces): peak RSS and rows/s, fresh processes, alternately.
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
SORT_ROWS = 1_000_000
SORT_SPILL_ROWS = 100_000


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


def sort_stream(path: Path) -> Path:
    """Source -> Sort (grp ascending, score descending) -> database export, as plain XML."""
    import xml.etree.ElementTree as ET
    import zipfile

    node = "com.spss.clementine.component.node."
    root = ET.Element("clementineStream", {"version": "18.0"})
    s = ET.SubElement(root, "stream")
    ET.SubElement(ET.SubElement(s, "properties"), "name").text = "sorted"
    diagram = ET.SubElement(s, "diagram")
    nodes = ET.SubElement(diagram, "nodes")
    for nid, cls, label in (("0", "DatabaseImportNode", "rows"), ("1", "SortNode", "sorted"),
                            ("2", "DatabaseExportNode", "out")):
        elem = ET.SubElement(nodes, "node", {"id": nid, "class": node + cls, "uid": f"u{nid}"})
        props = ET.SubElement(elem, "properties")
        ET.SubElement(props, "label").text = label
        if cls == "SortNode":
            keys = ET.SubElement(props, "keys")
            for field, order in (("grp", "Ascending"), ("score", "Descending")):
                row = ET.SubElement(keys, "row")
                ET.SubElement(row, "field").text = field
                ET.SubElement(row, "order").text = order
    links = ET.SubElement(diagram, "links")
    for a, b in (("0", "1"), ("1", "2")):
        ET.SubElement(links, "link", {"srcId": a, "dstId": b})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("stream.xml", ET.tostring(root))
    return path


def make_sort_table(db: Path, rows: int) -> None:
    """Integers, reals with nulls, texts with ties, a flag."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(11)
    score = rng.normal(50, 10, rows).round(2)
    score[rng.random(rows) < 0.05] = np.nan
    frame = pd.DataFrame({"id": np.arange(rows), "grp": rng.choice(
        np.array([f"group {i:03d}" for i in range(300)], dtype=object), rows),
        "score": score, "qty": rng.integers(0, 100, rows), "flag": rng.random(rows) < 0.5})
    with sqlite3.connect(db) as con:
        frame.to_sql("ROWS_IN", con, index=False, if_exists="replace", chunksize=100_000)


def sort_spill(ctx: Context) -> None:
    """Peak RSS of a 1M-row Sort spilling past SORT_SPILL_ROWS, against the in-memory sort."""
    rows = SORT_ROWS if ctx.mode.name != "smoke" else ctx.mode.engine_rows[0]
    db, out_db = ctx.work / "sort-in.db", ctx.work / "sort-out.db"
    make_sort_table(db, rows)
    sqlite3.connect(out_db).close()
    stream = sort_stream(ctx.work / "sorted.str")
    def_path = ctx.work / "sort-definition.json"
    def_path.write_text(json.dumps({
        "action": "BATCH_SCORE", "model": {"id": "sorted"},
        "dbDefinitions": {"in": {"type": "SQLite", "db": str(db)},
                          "out": {"type": "SQLite", "db": str(out_db)}},
        "setting": {"inputs": [{"node": "rows", "odbc": {"dbRef": "in", "table": "ROWS_IN"}}],
                    "exports": [{"node": "out", "odbc": {"dbRef": "out", "table": "ROWS_OUT",
                                                         "insertMode": "Drop"}}]}}))
    spill_rows = min(SORT_SPILL_ROWS, max(rows // 10, 100))
    speeds: tuple[list[float], list[float]] = ([], [])
    rss: tuple[list[float], list[float]] = ([], [])
    repeats = 1 if ctx.mode.name != "full" else ctx.mode.engine_repeats
    for _ in range(repeats):
        for i, threshold in enumerate((spill_rows, rows * 10)):
            what = "the spilled sort" if i == 0 else "the in-memory sort"
            run = check(run_child(
                [PYTHON, "-m", "benchmarks.engine_child", "pmdesk", str(def_path), str(stream),
                 str(ctx.work / f"sort-out{i}")],
                env=child_env(PMDESK_SPILL_ROWS=str(threshold)), timeout=1800), what)
            data = json.loads(run.stdout.strip().splitlines()[-1])
            speeds[i].append(rows / float(data["seconds"]))
            rss[i].append(run.peak_rss_mb)
    with sqlite3.connect(out_db) as con:
        done = con.execute("SELECT count(*) FROM ROWS_OUT").fetchone()[0]
    if done != rows:
        ctx.note(f"the sort wrote {done:,} of {rows:,} rows")
    ctx.add(Figure(f"Sort {rows:,} rows, spill past {spill_rows:,}: peak RSS", "MB", rss[0],
                   "in-memory sort", rss[1], Target("ratio", "<=", 0.8)))
    ctx.add(Figure(f"Sort {rows:,} rows, spill past {spill_rows:,}: rows/s", "rows/s",
                   speeds[0], "in-memory sort", speeds[1]))


def run(ctx: Context) -> None:
    require_attr("pmdesk.streams.modeler.plan", "read_plan", "the Modeler stream planner")
    require_attr("pmdesk.engine.modeler.execute", "run_plan", "the Modeler stream runner")
    sort_spill(ctx)
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
