"""The wire types: lenient reading, canonical writing, unknown fields kept, clear errors."""

from __future__ import annotations

import json

import pytest

from pmdesk.api.ids import InvalidIdError, check_id, id_problem
from pmdesk.api.models import (
    MASK,
    Action,
    DefinitionError,
    InsertMode,
    JobDefinition,
    JobState,
    JobStatus,
    ReportFormat,
)

FULL = {
    "action": "BATCH_SCORE",
    "model": {"id": "Drug1n.str", "name": "scored.str", "futureField": 1},
    "dbDefinitions": {
        "db1": {"type": "DashDB", "host": "h", "port": 50001, "db": "BLUDB",
                "username": "u", "password": "s3cret", "options": "Security=SSL"},
    },
    "setting": {
        "inputs": [{"odbc": {"dbRef": "db1", "table": "DRUG1N"}, "node": "ScoreInput",
                    "attributes": []}],
        "exports": [{"odbc": {"dbRef": "db1", "table": "DRUGSCORES", "insertMode": "Append"},
                     "node": "ExportScores", "attributes": []}],
        "parameterOverride": [{"name": "p1", "value": "v1"}],
        "reportFormat": "HTML",
    },
    "serverAddedThing": {"nested": [1, 2]},
}


def test_round_trip_keeps_every_field_including_unknown_ones() -> None:
    definition = JobDefinition.parse(json.loads(json.dumps(FULL)))
    assert definition.to_wire() == FULL
    assert definition.problems() == []


def test_lenient_enums_are_written_in_the_contract_spelling() -> None:
    raw = {**FULL, "action": "batch_score"}
    raw["setting"] = {**FULL["setting"], "reportFormat": "html"}
    raw["setting"]["exports"] = [{"odbc": {"dbRef": "db1", "table": "T", "insertMode": "drop"},
                                  "node": "N"}]
    d = JobDefinition.parse(raw)
    assert d.action is Action.BATCH_SCORE
    assert d.setting.reportFormat is ReportFormat.HTML
    assert d.setting.exports[0].odbc.insertMode is InsertMode.DROP
    assert d.to_wire()["setting"]["exports"][0]["odbc"]["insertMode"] == "Drop"


def test_report_format_at_top_level_is_read_and_written_under_setting() -> None:
    d = JobDefinition.parse({"action": "EVALUATION", "model": {"id": "s"}, "reportFormat": "PNG"})
    assert d.setting.reportFormat is ReportFormat.PNG
    assert "reportFormat" not in d.to_wire()
    assert d.to_wire()["setting"]["reportFormat"] == "PNG"


def test_validation_error_names_each_bad_field_and_what_is_allowed() -> None:
    bad = {"action": "SCORE", "model": {},
           "setting": {"exports": [{"odbc": {"dbRef": "a", "table": "t",
                                             "insertMode": "Sometimes"}, "node": "n"}]}}
    with pytest.raises(DefinitionError) as err:
        JobDefinition.parse(bad)
    text = str(err.value)
    assert "action: 'SCORE' is not allowed" in text and "BATCH_SCORE" in text
    assert "model.id: is required" in text
    assert "setting.exports[0].odbc.insertMode" in text and "Refresh" in text


def test_unknown_database_type_lists_the_allowed_ones() -> None:
    raw = {"action": "TRAINING", "model": {"id": "s"}, "dbDefinitions": {"d": {"type": "Access"}}}
    with pytest.raises(DefinitionError, match=r"dbDefinitions\.d\.type: unknown database type"):
        JobDefinition.parse(raw)


def test_problems_name_the_field() -> None:
    d = JobDefinition.parse({"action": "BATCH_SCORE", "model": {"id": "a/b"}})
    problems = d.problems()
    assert any(p.startswith("model.id:") for p in problems)
    assert "setting.inputs: BATCH_SCORE needs at least one input" in problems
    assert "setting.exports: BATCH_SCORE needs at least one export" in problems
    e = JobDefinition.parse({"action": "EVALUATION", "model": {"id": "s"}})
    assert e.problems() == ["setting.reportFormat: EVALUATION needs a report format"]
    raw = json.loads(json.dumps(FULL))
    raw["setting"]["exports"][0]["odbc"]["dbRef"] = "nowhere"
    assert JobDefinition.parse(raw).problems() == [
        "setting.exports[0].odbc.dbRef: no database definition named 'nowhere' (defined: db1)"
    ]


def test_passwords_are_masked_or_removed_and_never_in_repr() -> None:
    d = JobDefinition.parse(FULL)
    assert "s3cret" not in repr(d)
    assert d.masked().to_wire()["dbDefinitions"]["db1"]["password"] == MASK
    assert "password" not in d.without_passwords().to_wire()["dbDefinitions"]["db1"]
    assert d.dbDefinitions["db1"].password == "s3cret"  # copies, the original is untouched


@pytest.mark.parametrize(
    ("text", "state"),
    [("Success", JobState.SUCCESS), ("running", JobState.RUNNING),
     ("CANCELLED", JobState.CANCELED), ("Cancelling", JobState.CANCELING),
     ("canceled", JobState.CANCELED), ("FAILED", JobState.FAILED)],
)
def test_status_names_in_any_case_and_british_spelling(text: str, state: JobState) -> None:
    assert JobStatus.model_validate({"jobStatus": text}).jobStatus is state
    assert JobStatus.model_validate({"jobstatus": text}).jobStatus is state


def test_unknown_status_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown job status 'Exploded'"):
        JobState.parse("Exploded")


@pytest.mark.parametrize(
    "bad",
    ["", "../etc", "a/b", "a\\b", "x\x00y", "a" * 129, ".hidden", "trailing.", "CON",
     'q"uote', "tab\there"],
)
def test_bad_ids_are_refused_with_a_reason(bad: str) -> None:
    assert id_problem(bad) is not None
    with pytest.raises(InvalidIdError):
        check_id(bad)


@pytest.mark.parametrize("good", ["Drug1n.str", "藥物評分 串流.str", "a-b_c (2).str", "x" * 128])
def test_good_ids_pass(good: str) -> None:
    assert check_id(good) == good


def test_job_ids_may_not_hold_commas() -> None:
    assert id_problem("a,b", "job id") is not None
    assert id_problem("a,b", "file id") is None
