"""The editor's rules without any widget: form values -> definition + structured problems."""

from __future__ import annotations

from datetime import datetime

from pmdesk.api.models import Action, DbDefinition, JobDefinition
from pmdesk.desktop.editor.definition import (
    FormValues,
    Row,
    build_definition,
    suggested_id,
    values_from_definition,
)

SQLITE = DbDefinition(type="SQLite", db="/data/samples.db")


def resolve(name: str) -> DbDefinition | None:
    return SQLITE if name == "samples" else None


def test_problems_are_data_with_a_field_and_a_code() -> None:
    values = FormValues(job_id="", action=Action.BATCH_SCORE, model_id="drug.pmstream",
                        databases=[Row({"dbRef": "db1", "profile": "gone"})],
                        inputs=[Row({"node": "", "dbRef": "nowhere", "table": ""})],
                        exports=[Row({"node": "Scores", "dbRef": "db1", "table": "T",
                                      "insertMode": "Sideways"})])
    definition, problems = build_definition(values, resolve)
    assert definition is not None
    found = {(p.field, p.code) for p in problems}
    assert ("job_id", "job_id.empty") in found
    assert ("databases", "db.profile_gone") in found
    assert ("inputs", "node.missing") in found
    assert ("inputs", "table.missing") in found
    assert ("inputs", "dbref.unknown") in found
    assert ("exports", "export.no_mode") in found
    unknown = next(p for p in problems if p.code == "dbref.unknown")
    assert unknown.args == {"kind": "inputs", "n": 1, "ref": "nowhere", "known": ""}


def test_model_problems_keep_the_service_wording() -> None:
    definition = JobDefinition.parse({"action": "EVALUATION", "model": {"id": "s"}})
    [problem] = definition.problems()
    assert (problem.path, problem.code) == ("setting.reportFormat", "report.none")
    assert problem == "setting.reportFormat: EVALUATION needs a report format"


def test_a_definition_survives_the_form_unchanged() -> None:
    wire = {"action": "BATCH_SCORE", "model": {"id": "drug.pmstream", "flavour": "x"},
            "dbDefinitions": {"db1": {"type": "SQLite", "db": "/data/samples.db"}},
            "setting": {"inputs": [{"node": "ScoreInput", "attributes": [{"a": 1}],
                                    "odbc": {"dbRef": "db1", "table": "IN"}}],
                        "exports": [{"node": "Scores", "odbc": {"dbRef": "db1", "table": "OUT",
                                                                "insertMode": "Drop"}}],
                        "parameterOverride": [{"name": "depth", "value": 3}]},
            "comment": "kept"}
    values = values_from_definition(JobDefinition.parse(wire), lambda db: "samples")
    values.job_id = "j1"
    definition, problems = build_definition(values, resolve, {"depth": 1})
    assert problems == []
    assert definition is not None
    out = definition.to_wire()
    assert out["comment"] == "kept" and out["model"]["flavour"] == "x"
    assert out["setting"]["inputs"][0]["attributes"] == [{"a": 1}]
    assert out["setting"]["parameterOverride"] == [{"name": "depth", "value": 3}]


def test_suggested_ids_follow_the_id_rules() -> None:
    now = datetime(2026, 12, 3, 7, 5)
    assert suggested_id("old/b: c.str", "TRAINING", now) == "b-c-TRAINING-20261203-0705"
    assert suggested_id("", None, now) == "job-job-20261203-0705"
