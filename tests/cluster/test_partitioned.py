"""Partitioned BATCH_SCORE (engine/partitioned.py) on real SQLite and PostgreSQL tables:
the parts together write exactly the rows a whole run writes, all at once, and a job that
stops before `finish` leaves the target untouched."""

from __future__ import annotations

import copy
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from helpers.server import EngineSamples

from pmdesk.api.models import JobDefinition
from pmdesk.engine import run_job
from pmdesk.engine.partitioned import drop_staging, finish, plan, score_part


def sample_job(samples: EngineSamples, tmp_path: Path, mode: str) -> tuple[JobDefinition, Path]:
    folder = tmp_path / "s"
    shutil.copytree(samples.dir, folder)
    raw: dict[str, Any] = copy.deepcopy(samples.definitions["BATCH_SCORE"])
    raw["dbDefinitions"]["samples"]["db"] = str(folder / "samples.db")
    raw["setting"]["exports"][0]["odbc"]["insertMode"] = mode
    with sqlite3.connect(folder / "samples.db") as con:  # other tests may have scored
        con.execute('DROP TABLE IF EXISTS "DRUG_SCORES"')
    return JobDefinition.parse(raw), folder / samples.stream.name


def rows(db: Path, table: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as con:
        return sorted(con.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)


def tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as con:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_parts_write_what_a_whole_run_writes_at_once(engine_samples: EngineSamples,
                                                     tmp_path: Path) -> None:
    whole, stream = sample_job(engine_samples, tmp_path / "a", "Drop")
    run_job(whole, stream, tmp_path / "out")
    expected = rows(Path(whole.dbDefinitions["samples"].db or ""), "DRUG_SCORES")

    job, stream = sample_job(engine_samples, tmp_path / "b", "Drop")
    db = Path(job.dbDefinitions["samples"].db or "")
    the_plan = plan(job, stream, parts=3, min_rows=1)
    assert the_plan is not None and len(the_plan.parts) == 3
    done = [score_part(job, stream, the_plan, i) for i in range(3)]
    assert sum(done) == the_plan.rows_total == len(expected)
    assert "DRUG_SCORES" not in tables(db)  # nothing visible before finish
    finish(job, the_plan)
    assert rows(db, "DRUG_SCORES") == expected
    assert not any(t.startswith("pmdesk_stage_") for t in tables(db))

    # Append adds the same rows once more, in one statement
    job2, _ = sample_job(engine_samples, tmp_path / "b2", "Append")
    job2.dbDefinitions["samples"].db = str(db)
    plan2 = plan(job2, stream, parts=2, min_rows=1)
    assert plan2 is not None
    for i in range(len(plan2.parts)):
        score_part(job2, stream, plan2, i)
    assert rows(db, "DRUG_SCORES") == expected
    finish(job2, plan2)
    assert len(rows(db, "DRUG_SCORES")) == 2 * len(expected)


def test_a_stopped_job_leaves_the_target_untouched(engine_samples: EngineSamples,
                                                   tmp_path: Path) -> None:
    job, stream = sample_job(engine_samples, tmp_path, "Refresh")
    db = Path(job.dbDefinitions["samples"].db or "")
    with sqlite3.connect(db) as con:
        con.execute('CREATE TABLE "DRUG_SCORES" AS SELECT * FROM "DRUG_SCORE" LIMIT 0')
    # the target needs the scored columns too: a first whole run makes it
    run_job(JobDefinition.parse({**job.to_wire(), "setting": {
        **job.to_wire()["setting"], "exports": [{**job.to_wire()["setting"]["exports"][0],
                                                 "odbc": {"dbRef": "samples",
                                                          "table": "DRUG_SCORES",
                                                          "insertMode": "Drop"}}]}}),
            stream, tmp_path / "out")
    before = rows(db, "DRUG_SCORES")
    the_plan = plan(job, stream, parts=2, min_rows=1)
    assert the_plan is not None
    score_part(job, stream, the_plan, 0)
    with pytest.raises(Exception, match="cancelled"):
        score_part(job, stream, the_plan, 1, should_stop=lambda: True)
    drop_staging(job, the_plan)
    assert rows(db, "DRUG_SCORES") == before
    assert not any(t.startswith("pmdesk_stage_") for t in tables(db))


@pytest.mark.postgres
def test_postgres_ctid_ranges(engine_samples: EngineSamples, tmp_path: Path) -> None:
    url = os.environ.get("PMDESK_TEST_PG_URL")
    if not url:
        pytest.skip("PMDESK_TEST_PG_URL is not set")
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    src = tmp_path / "s.db"
    shutil.copy(engine_samples.dir / "samples.db", src)
    with sqlite3.connect(src) as con:
        cur = con.execute('SELECT * FROM "DRUG_SCORE"')
        cols = [d[0] for d in cur.description]
        data = cur.fetchall()
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE IF EXISTS part_in, part_out"))
        pd_frame = __import__("pandas").DataFrame.from_records(data * 20, columns=cols)
        pd_frame.to_sql("part_in", conn, index=False)
    u = sa.engine.make_url(url)
    raw = copy.deepcopy(engine_samples.definitions["BATCH_SCORE"])
    raw["dbDefinitions"] = {"pg": {"type": "PostgreSQL", "host": u.host, "port": u.port,
                                   "db": u.database, "username": u.username,
                                   "password": u.password}}
    raw["setting"]["inputs"][0]["odbc"] = {"dbRef": "pg", "table": "part_in"}
    raw["setting"]["exports"][0]["odbc"] = {"dbRef": "pg", "table": "part_out",
                                            "insertMode": "Drop"}
    job = JobDefinition.parse(raw)
    stream = tmp_path / engine_samples.stream.name
    shutil.copy(engine_samples.stream, stream)
    the_plan = plan(job, stream, parts=3, min_rows=1)
    assert the_plan is not None and "ctid" in the_plan.parts[0].condition
    total = sum(score_part(job, stream, the_plan, i) for i in range(len(the_plan.parts)))
    assert total == len(data) * 20
    finish(job, the_plan)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT COUNT(*) FROM part_out")).scalar_one() == total
        conn.execute(sa.text("DROP TABLE part_in, part_out"))
        conn.commit()
    engine.dispose()


def test_a_table_without_rowid_is_split_on_its_integer_key(engine_samples: EngineSamples,
                                                           tmp_path: Path) -> None:
    """The integer-key split, the one other databases (MySQL, SQL Server, ...) get: here on
    a SQLite WITHOUT ROWID table, whose rows have no rowid to split on."""
    job, stream = sample_job(engine_samples, tmp_path, "Drop")
    db = Path(job.dbDefinitions["samples"].db or "")
    with sqlite3.connect(db) as con:
        cols = [r[1] for r in con.execute('PRAGMA table_info("DRUG_SCORE")')]
        names = ", ".join(f'"{c}"' for c in cols)
        con.execute(f'CREATE TABLE "KEYED" ("case_id" INTEGER PRIMARY KEY, {names}) '
                    "WITHOUT ROWID")
        # sparse keys: the ranges split MIN..MAX, not row numbers
        con.execute(f'INSERT INTO "KEYED" SELECT rowid * 7 + 100, {names} FROM "DRUG_SCORE"')
        count = con.execute('SELECT COUNT(*) FROM "KEYED"').fetchone()[0]
    raw = job.to_wire()
    raw["setting"]["inputs"][0]["odbc"]["table"] = "KEYED"
    keyed = JobDefinition.parse(raw)
    the_plan = plan(keyed, stream, parts=3, min_rows=1)
    assert the_plan is not None and len(the_plan.parts) == 3
    assert all(part.condition.startswith("case_id >= ") for part in the_plan.parts)
    assert sum(score_part(keyed, stream, the_plan, i) for i in range(3)) == count
    finish(keyed, the_plan)
    split = rows(db, "DRUG_SCORES")

    raw["setting"]["exports"][0]["odbc"]["table"] = "WHOLE"
    run_job(JobDefinition.parse(raw), stream, tmp_path / "out")
    assert split == rows(db, "WHOLE") and len(split) == count

    # a table with no integer key (and no rowid) is not split: the job runs whole
    with sqlite3.connect(db) as con:
        con.execute(f'CREATE TABLE "TEXT_KEYED" ("code" TEXT PRIMARY KEY, {names}) '
                    "WITHOUT ROWID")
        con.execute(f'INSERT INTO "TEXT_KEYED" SELECT \'c\' || rowid, {names} '
                    'FROM "DRUG_SCORE"')
    raw["setting"]["inputs"][0]["odbc"]["table"] = "TEXT_KEYED"
    assert plan(JobDefinition.parse(raw), stream, parts=3, min_rows=1) is None
