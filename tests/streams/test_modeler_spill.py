"""Sort, Merge and Aggregate of a Modeler stream past the spill threshold: a real
`pmdesk serve` started with PMDESK_SPILL_ROWS lowered to a few hundred rows runs them on
a few thousand SQLite and PostgreSQL rows (nulls, ties, integer, real and text fields), so
Sort and Merge go through the temporary SQLite store of spill.py; every result is compared
with pandas on the same input, as the in-memory path computes it. The spill store's life
(a file in the job's folder, unlinked when opened, closed on success, failure and cancel)
is checked in process, where it can be seen."""

from __future__ import annotations

import datetime as dt
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from helpers.modeler import PG_URL, Database, finished, node, put
from helpers.server import LiveServer
from helpers.streams import write_str

from pmdesk.engine.errors import EngineError
from pmdesk.engine.modeler import spill

SPILL_ROWS = 700  # the data below has 3,000 and 1,200 rows


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path_factory.mktemp("spill") / "data",
                        env={"PMDESK_SPILL_ROWS": str(SPILL_ROWS)}).start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=[
    pytest.mark.postgres, pytest.mark.skipif(not PG_URL, reason="PMDESK_TEST_PG_URL unset")])])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    db = Database(request.param, tmp_path)
    yield db
    db.drop()


def rows(n: int = 3000, seed: int = 5) -> pd.DataFrame:
    """Few distinct values (ties everywhere), nulls in the text, real and key fields."""
    rng = np.random.default_rng(seed)
    grp = rng.choice(np.array(["b", "a", "Äpfel", "c", "a b"], dtype=object), n)
    grp[rng.random(n) < 0.08] = None
    score = rng.integers(0, 6, n) * 0.5 + 1e6  # large offset: variance must stay exact
    score[rng.random(n) < 0.1] = np.nan
    key = rng.integers(0, 400, n).astype(float)
    key[rng.random(n) < 0.003] = np.nan
    return pd.DataFrame({"id": np.arange(n), "grp": grp, "score": score,
                         "qty": rng.integers(-3, 4, n), "k": key, "flag": rng.random(n) < 0.5})


def stream(chain: list[tuple[str, str, str, dict[str, Any]]],
           links: list[tuple[str, str]] | None = None) -> ET.Element:
    root = ET.Element("clementineStream", {"version": "18.0"})
    s = ET.SubElement(root, "stream")
    ET.SubElement(ET.SubElement(s, "properties"), "name").text = "spilled"
    diagram = ET.SubElement(s, "diagram")
    nodes = ET.SubElement(diagram, "nodes")
    for nid, cls, label, props in chain:
        node(nodes, nid, cls, label, **props)
    links_elem = ET.SubElement(diagram, "links")
    for a, b in links or list(pairwise(nid for nid, *_ in chain)):
        ET.SubElement(links_elem, "link", {"srcId": a, "dstId": b})
    return root


def run(server: LiveServer, tmp_path: Path, db: Database, job_id: str, root: ET.Element,
        inputs: dict[str, str]) -> pd.DataFrame:
    """Uploads the stream, runs BATCH_SCORE from the input tables into a new table of the
    same database, and reads that table back."""
    path = write_str(tmp_path / f"{job_id}.str", ET.tostring(root))
    put(server, path)
    out = db.table("out")
    body = {"action": "BATCH_SCORE", "model": {"id": path.name},
            "dbDefinitions": {"db": db.definition},
            "setting": {"inputs": [{"node": n, "odbc": {"dbRef": "db", "table": t}}
                                   for n, t in inputs.items()],
                        "exports": [{"node": "out", "odbc": {
                            "dbRef": "db", "table": out, "insertMode": "Create"}}]}}
    job_id = f"{job_id}-{db.kind}"
    r = server.request("POST", f"/pm/v1/jobs/{job_id}", json=body)
    assert r.status_code == 200, r.text
    status = finished(server, job_id)
    assert status["jobStatus"] == "SUCCESS", status
    return db.read(out)


@pytest.mark.parametrize("keys", [
    [("grp", "Ascending"), ("score", "Descending")],
    [("qty", "Descending")],
    [("flag", "Ascending"), ("k", "Ascending"), ("grp", "Descending")],
])
def test_sort_past_the_threshold_equals_pandas(server: LiveServer, tmp_path: Path,
                                               database: Database,
                                               keys: list[tuple[str, str]]) -> None:
    table = database.load(rows(), "rows")
    order = ET.Element("keys")
    for name, direction in keys:
        row = ET.SubElement(order, "row")
        ET.SubElement(row, "field").text = name
        ET.SubElement(row, "order").text = direction
    root = stream([("0", "DatabaseImportNode", "rows", {}),
                   ("1", "SortNode", "sorted", {"keys": order}),
                   ("2", "DatabaseExportNode", "out", {})])
    got = run(server, tmp_path, database, f"sort-{len(keys)}", root, {"rows": table})
    data = database.read(table)  # as the job reads it (PostgreSQL's types, its nulls)
    want = data.sort_values([k for k, _ in keys], ascending=[d == "Ascending" for _, d in keys],
                            kind="stable", ignore_index=True)
    assert len(got) == len(data) > SPILL_ROWS
    assert got["id"].tolist() == want["id"].tolist()  # stable: ties keep the input order
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def merge_inputs() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Duplicate keys on both sides, a few null keys (pandas matches null with null), and
    a non-key field both hold ('score', taken from the first input)."""
    left = rows(2500, seed=8).drop(columns=["flag"])
    right = rows(1200, seed=9)[["k", "score", "qty"]].rename(columns={"qty": "visits"})
    right["k"] = right["k"] + 200
    return left, right


PARTIAL = {"PartialOuter-1": (["1"], "left"), "PartialOuter-2": (["2"], "right"),
           "PartialOuter-12": (["1", "2"], "outer")}


@pytest.mark.parametrize("join", ["Inner", "FullOuter", "Anti", *PARTIAL])
def test_merge_past_the_threshold_equals_pandas(server: LiveServer, tmp_path: Path,
                                                database: Database, join: str) -> None:
    """Every join past the threshold; a partial outer join keeps the unmatched records of
    the inputs it marks outer (`outer_join_tag`): input 1 a left join, 2 a right join."""
    left, right = merge_inputs()
    outer, how = PARTIAL.get(join, ([], "inner" if join == "Inner" else "outer"))
    tables = {"left": database.load(left, "left"), "right": database.load(right, "right")}
    root = stream([("0", "DatabaseImportNode", "left", {}),
                   ("1", "DatabaseImportNode", "right", {}),
                   ("2", "MergeNode", "by k", {"method": "Keys", "keyFields": ["k"],
                                               "join": join.split("-")[0],
                                               **({"outerJoinTag": outer} if outer else {})}),
                   ("3", "DatabaseExportNode", "out", {})],
                  [("0", "2"), ("1", "2"), ("2", "3")])
    got = run(server, tmp_path, database, f"merge-{join}".lower(), root, tables)
    a, b = database.read(tables["left"]), database.read(tables["right"])
    if join == "Anti":
        hit = pd.MultiIndex.from_frame(a[["k"]]).isin(pd.MultiIndex.from_frame(b[["k"]]))
        want = a[~hit].reset_index(drop=True)
    else:  # the same call as the in-memory path: rows in pandas' own order
        want = a.merge(b.drop(columns=["score"]), on=["k"], how=how)
    assert len(got) > SPILL_ROWS or join == "Anti"
    assert list(got.columns) == list(want.columns)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


MODES = ["Sum", "Mean", "Min", "Max", "SDev", "Median", "Count", "Variance"]
HOW = {"Sum": "sum", "Mean": "mean", "Min": "min", "Max": "max", "SDev": "std",
       "Median": "median", "Count": "count", "Variance": "var"}


def test_aggregate_every_mode_equals_pandas(server: LiveServer, tmp_path: Path,
                                            database: Database) -> None:
    table = database.load(rows(), "rows")
    aggregates = ET.Element("aggregates")
    for name, modes in (("score", MODES), ("qty", MODES), ("grp", ["Min", "Max", "Count"])):
        row = ET.SubElement(aggregates, "row")
        ET.SubElement(row, "field").text = name
        modes_elem = ET.SubElement(row, "modes")
        for mode in modes:
            ET.SubElement(modes_elem, "mode").text = mode
    root = stream([("0", "DatabaseImportNode", "rows", {}),
                   ("1", "AggregateNode", "by grp and flag", {
                       "keys": ["grp", "flag"], "aggregates": aggregates,
                       "incRecordCount": "true"}),
                   ("2", "DatabaseExportNode", "out", {})])
    got = run(server, tmp_path, database, "aggregate", root, {"rows": table})
    data = database.read(table)
    g = data.groupby(["grp", "flag"], sort=False, dropna=False)
    want = g.size().rename("count").reset_index()
    for name, modes in (("score", MODES), ("qty", MODES), ("grp", ["Min", "Max", "Count"])):
        for mode in modes:
            want[f"{name}_{mode}"] = g[name].agg(HOW[mode]).to_numpy()
    want["Record_Count"] = want.pop("count")
    assert len(want) == 12  # 5 texts and null, by 2 flags
    assert got["grp"].isna().sum() == 2
    pd.testing.assert_frame_equal(got, want, check_dtype=False, rtol=1e-9)


# ------------------------------------------- the spill store's life, seen in process


def chunked(frame: pd.DataFrame, size: int, fail_after: int | None = None
            ) -> Iterator[pd.DataFrame]:
    for i, start in enumerate(range(0, len(frame), size)):
        if fail_after is not None and i == fail_after:
            raise EngineError("the input database went away")  # a fault only a fake makes
        yield frame.iloc[start:start + size].reset_index(drop=True)


def missing(*args: Any) -> EngineError:
    return EngineError(f"missing {args}")


@pytest.fixture
def spies(monkeypatch: pytest.MonkeyPatch) -> list[spill.SpillStore]:
    """Every spill store opened, with the threshold lowered through the module constant."""
    monkeypatch.delenv("PMDESK_SPILL_ROWS", raising=False)
    monkeypatch.setattr(spill, "SPILL_ROWS", 500)
    opened: list[spill.SpillStore] = []
    real = spill.SpillStore.__init__

    def init(self: spill.SpillStore, folder: Path) -> None:
        real(self, folder)
        opened.append(self)

    monkeypatch.setattr(spill.SpillStore, "__init__", init)
    return opened


def open_files_in(folder: Path) -> list[str]:
    """What this process holds open in `folder` (Linux: /proc/self/fd)."""
    found = []
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


def test_sort_spills_past_the_threshold_into_the_jobs_folder(
        tmp_path: Path, spies: list[spill.SpillStore]) -> None:
    """40,000 rows: several times SQLite's least sorted run (250 pages, 1 MB), so its
    external sort writes runs and merges them."""
    data = rows(40_000)
    sorted_rows = spill.sort(chunked(data, 400), [("grp", True), ("score", False)],
                             tmp_path, missing)
    first = next(sorted_rows)
    if Path("/proc/self/fd").is_dir():  # the spill file: in the job's folder, unlinked
        held = open_files_in(tmp_path)
        assert held and all(t.endswith(" (deleted)") for t in held), held
    got = pd.concat([first, *sorted_rows], ignore_index=True)
    want = data.sort_values(["grp", "score"], ascending=[True, False], kind="stable",
                            ignore_index=True)
    pd.testing.assert_frame_equal(got, want)  # dtypes too: int, float, object, bool
    assert len(spies) == 1 and spies[0].closed
    assert list(tmp_path.iterdir()) == [] and open_files_in(tmp_path) == []


def test_below_the_threshold_nothing_is_spilled(tmp_path: Path,
                                                spies: list[spill.SpillStore]) -> None:
    data = rows(400)
    got = pd.concat(spill.sort(chunked(data, 100), [("qty", True)], tmp_path, missing))
    assert len(got) == 400 and spies == []


def test_a_failure_or_a_cancel_closes_the_spill_file(tmp_path: Path,
                                                     spies: list[spill.SpillStore]) -> None:
    data = rows()
    failing = spill.sort(chunked(data, 400, fail_after=4), [("qty", True)], tmp_path, missing)
    with pytest.raises(EngineError, match="went away"):
        list(failing)
    assert len(spies) == 1 and spies[0].closed
    left, right = merge_inputs()
    merged = spill.merge([chunked(left, 300), chunked(right, 300)], ["k"], "fullouter",
                         tmp_path, missing)
    first = next(merged)  # the job is cancelled after its first chunk
    assert len(first) > 0 and not spies[1].closed
    merged.close()
    assert spies[1].closed and list(tmp_path.iterdir()) == []
    assert open_files_in(tmp_path) == []


@pytest.mark.parametrize(("centre", "spread"), [(0.0, 1.0), (1e6, 1.0), (1e9, 0.01)])
def test_aggregate_variance_is_combined_exactly_across_chunks(tmp_path: Path, centre: float,
                                                              spread: float) -> None:
    """Chan's combination of per-chunk (count, mean, M2) against pandas' one-pass var/std
    (ddof=1) to 1e-9, and against the exact figure (the values less the centre, which
    float64 subtracts exactly) where pandas itself drifts (1e9 +- 0.01: 2e-6 off)."""
    rng = np.random.default_rng(3)
    data = pd.DataFrame({"g": rng.integers(0, 7, 20_000),
                         "x": rng.normal(centre, spread, 20_000)})
    got = pd.concat(spill.aggregate(chunked(data, 999), ["g"], [("x", ["SDev", "Variance"])],
                                    "", None, tmp_path, missing), ignore_index=True)
    assert got["g"].tolist() == data["g"].drop_duplicates().tolist()  # first appearance
    g = data.groupby("g", sort=False)["x"]
    exact = data.assign(x=data["x"] - centre).groupby("g", sort=False)["x"]
    for mode, how in (("SDev", "std"), ("Variance", "var")):
        np.testing.assert_allclose(got[f"x_{mode}"], exact.agg(how).to_numpy(), rtol=1e-9)
        if centre < 1e9:
            np.testing.assert_allclose(got[f"x_{mode}"], g.agg(how).to_numpy(), rtol=1e-9)


def test_median_values_spill_past_the_threshold_and_stay_exact(
        tmp_path: Path, spies: list[spill.SpillStore]) -> None:
    """Odd and even group sizes, nulls, a group whose values are all null."""
    data = rows()
    data.loc[data["grp"] == "c", "score"] = np.nan
    got = pd.concat(spill.aggregate(chunked(data, 400), ["grp"], [("score", ["Median"]),
                                                                  ("qty", ["Median"])],
                                    "", None, tmp_path, missing), ignore_index=True)
    g = data.groupby("grp", sort=False, dropna=False)
    want = pd.DataFrame({"grp": g.size().index, "score_Median": g["score"].median().to_numpy(),
                         "qty_Median": g["qty"].median().to_numpy()})
    assert len(spies) == 2 and all(store.closed for store in spies)  # one per field
    assert got["score_Median"].isna().sum() == 1
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert list(tmp_path.iterdir()) == []


def typed_rows(n: int, seed: int) -> pd.DataFrame:
    """The types a database gives: dates and flags with nulls arrive as Python objects."""
    rng = np.random.default_rng(seed)
    day = pd.Series(rng.choice(np.array([dt.date(2020, 1, 1), dt.date(2021, 5, 2), None],
                                        dtype=object), n), dtype=object)
    flag = pd.Series(rng.choice(np.array([True, False, None], dtype=object), n), dtype=object)
    when = pd.Series(pd.Timestamp("2024-03-01", tz="Europe/Paris")
                     + pd.to_timedelta(rng.integers(0, 9, n), unit="h"))
    when[rng.random(n) < 0.05] = pd.NaT
    return pd.DataFrame({"k": rng.integers(0, 60, n), "day": day, "flag": flag, "when": when,
                         "x": rng.random(n)})


def test_spilled_values_keep_their_types(tmp_path: Path,
                                         spies: list[spill.SpillStore]) -> None:
    data = typed_rows(2000, 4)
    got = pd.concat(spill.sort(chunked(data, 300), [("when", False), ("day", True)],
                               tmp_path, missing), ignore_index=True)
    want = data.sort_values(["when", "day"], ascending=[False, True], kind="stable",
                            ignore_index=True)
    assert spies and got.dtypes.to_dict() == want.dtypes.to_dict()
    pd.testing.assert_frame_equal(got, want)
    assert {type(v) for v in got["day"].dropna()} == {dt.date}
    assert {type(v) for v in got["flag"].dropna()} == {bool}


@pytest.mark.parametrize("join", ["inner", "fullouter", "anti"])
def test_spilled_merge_of_three_inputs_equals_the_in_memory_one(
        tmp_path: Path, spies: list[spill.SpillStore], join: str) -> None:
    """The first input's shared field wins, pandas' dtypes (an outer join's integers with
    gaps become reals), pandas' row order; in an object field, NaN where the outer join
    left the row empty, None where the input held a null, as pandas has them."""
    a = typed_rows(1200, 1)
    b = pd.DataFrame({"k": np.random.default_rng(2).integers(25, 80, 400), "y": 1, "x": 1.0})
    c = pd.DataFrame({"k": np.random.default_rng(3).integers(40, 100, 300).astype(float),
                      "z": pd.Series(["p", "q", None] * 100, dtype="str")})
    got = pd.concat(spill.merge([chunked(a, 300), chunked(b, 300), chunked(c, 300)], ["k"],
                                join, tmp_path, missing), ignore_index=True)
    want = spill._merge_frames([a, b, c], ["k"], join, missing)  # the in-memory path
    assert spies and got.dtypes.to_dict() == want.dtypes.to_dict()
    pd.testing.assert_frame_equal(got, want)
    for name in ("day", "flag"):  # None and NaN told apart
        assert got[name].map(type).tolist() == want[name].map(type).tolist()
