"""The job editor's rules without Qt: what the form holds -> a JobDefinition and its problems.

Kept free of Qt so the rules can be read and tested on their own, and so the form widget
only shows things. Problems are data (field, code, args) that the form words in the
user's language; `english` is the wording for logs and for codes the app does not know.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pmdesk.api.ids import id_problem
from pmdesk.api.models import (
    MASK,
    Action,
    DbDefinition,
    DefinitionError,
    InsertMode,
    JobDefinition,
)
from pmdesk.streams.info import NodeKind, StreamInfo

# The form's fields, in the order the summary lists their problems.
FIELDS = ("job_id", "action", "model", "result", "databases", "inputs", "exports",
          "parameters", "report", "general")


@dataclass
class Row:
    """One table row: its text cells, and the fields PMDesk does not edit (kept on resubmit)."""

    values: dict[str, str]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FormProblem:
    field: str  # one of FIELDS
    code: str  # what is wrong; the form words it (see form.problem_text)
    args: dict[str, Any]
    english: str


@dataclass
class FormValues:
    """Everything the form holds, as plain data."""

    job_id: str = ""
    action: Action = Action.BATCH_SCORE
    model_id: str = ""
    result_name: str = ""
    databases: list[Row] = field(default_factory=list)
    inputs: list[Row] = field(default_factory=list)
    exports: list[Row] = field(default_factory=list)
    params: list[Row] = field(default_factory=list)
    report: str = ""
    base_extra: dict[str, Any] = field(default_factory=dict)  # top-level keys not edited


def scoring_branch(info: StreamInfo) -> tuple[list[str], list[str]]:
    """(source labels, terminal labels) of the stream's scoring branch: the scoring
    terminal and the sources upstream of it. A BATCH_SCORE job reads and writes these,
    so "Add input"/"Add export" offer them first. Empty when the stream marks none."""
    end = info.scoring_terminal
    if end is None or info.node(end) is None:
        return [], []
    upstream: dict[str, set[str]] = {}
    for a, b in info.links:
        upstream.setdefault(b, set()).add(a)
    seen, todo = {end}, [end]
    while todo:
        for before in upstream.get(todo.pop(), ()):
            if before not in seen:
                seen.add(before)
                todo.append(before)
    sources = [n.label for n in info.nodes_of(NodeKind.SOURCE) if n.id in seen]
    node = info.node(end)
    return sources, [node.label] if node is not None else []


def refused_nodes(info: StreamInfo) -> list[dict[str, str]]:
    """What of the stream the engine says it cannot run ({"id","label","type","reason"}),
    from the documented stream-info JSON; empty when the reader does not say."""
    refused = info.to_json().get("refused") or []
    return [r for r in refused if isinstance(r, dict)]


def field_of(path: str) -> str:
    """The form field a definition path belongs to."""
    for prefix, key in (("model.name", "result"), ("model", "model"),
                        ("dbDefinitions", "databases"), ("setting.inputs", "inputs"),
                        ("setting.exports", "exports"),
                        ("setting.parameterOverride", "parameters"),
                        ("setting.reportFormat", "report"), ("reportFormat", "report"),
                        ("action", "action")):
        if path.startswith(prefix):
            return key
    return "general"


def suggested_id(model_id: str, action: str | None, now: datetime | None = None) -> str:
    """<stream stem>-<action>-<yyyymmdd-hhmm>, valid under the id rules."""
    stem = Path(model_id.strip()).stem or "job"
    stem = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|,\s]+', "-", stem).strip(".- ") or "job"
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M")
    return f"{stem[:80]}-{action or 'job'}-{stamp}"


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """base wins; extra supplies the keys PMDesk does not edit (nested dicts merged)."""
    out = {k: v for k, v in extra.items() if not k.startswith("_")}
    for key, value in base.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(value, out[key])
        else:
            out[key] = value
    return out


def row_extra(wire: dict[str, Any], top: tuple[str, ...], odbc: tuple[str, ...]
              ) -> dict[str, Any]:
    extra = {k: v for k, v in wire.items() if k not in (*top, "odbc")}
    if extra.get("attributes") == []:
        extra.pop("attributes")
    odbc_extra = {k: v for k, v in wire.get("odbc", {}).items() if k not in odbc}
    if odbc_extra:
        extra["odbc"] = odbc_extra
    return extra


def value_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def fingerprint(db: DbDefinition) -> str:
    """A key for a connection that is not a profile (its password is remembered by it)."""
    data = {k: v for k, v in db.to_wire().items() if k != "password"}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:24]


def values_from_definition(definition: JobDefinition,
                           profile_for: Callable[[DbDefinition], str | None],
                           resubmit: bool = False) -> FormValues:
    """The form's values for a definition; passwords are dropped. A definition fetched
    from the server shows a stored password as the mask: those rows remember it, so a
    resubmit sends the mask back and the server keeps its password (contract note)."""
    clean = definition.without_passwords()
    databases = []
    for ref, db in clean.dbDefinitions.items():
        extra: dict[str, Any] = {}
        if resubmit and definition.dbDefinitions[ref].password == MASK:
            extra["server_password"] = True
        name = profile_for(db)
        if name is not None:
            databases.append(Row({"dbRef": ref, "profile": name}, extra))
        else:
            databases.append(Row({"dbRef": ref, "profile": ""}, {"definition": db, **extra}))
    s = clean.setting
    wire = clean.to_wire()
    base_extra = {k: v for k, v in wire.items()
                  if k not in ("action", "model", "dbDefinitions", "setting")}
    setting_extra = {k: v for k, v in wire.get("setting", {}).items()
                     if k not in ("inputs", "exports", "parameterOverride", "reportFormat")}
    model_extra = {k: v for k, v in wire.get("model", {}).items() if k not in ("id", "name")}
    if setting_extra:
        base_extra["setting"] = setting_extra
    if model_extra:
        base_extra["model"] = model_extra
    return FormValues(
        action=clean.action, model_id=clean.model.id, result_name=clean.model.name or "",
        databases=databases,
        inputs=[Row({"node": i.node, "dbRef": i.odbc.dbRef, "table": i.odbc.table},
                    row_extra(i.to_wire(), ("node",), ("dbRef", "table")))
                for i in s.inputs],
        exports=[Row({"node": e.node, "dbRef": e.odbc.dbRef, "table": e.odbc.table,
                      "insertMode": e.odbc.insertMode.value},
                     row_extra(e.to_wire(), ("node",), ("dbRef", "table", "insertMode")))
                 for e in s.exports],
        params=[Row({"name": p.name, "value": value_text(p.value)},
                    {"_raw_value": p.value} if not isinstance(p.value, str) else {})
                for p in s.parameterOverride],
        report=s.reportFormat.value if s.reportFormat else "",
        base_extra=base_extra,
    )


def _with_attributes(item: dict[str, Any]) -> dict[str, Any]:
    """The contract's `attributes` list: another tool's (kept in the row) or empty."""
    item.setdefault("attributes", [])
    return item


def parameter_value(row: Row, default: Any) -> Any:
    """The typed value of an override: the stream's default says bool, int or float."""
    text = row.values.get("value", "")
    raw = row.extra.get("_raw_value")
    if raw is not None and value_text(raw) == text:
        return raw
    try:
        if isinstance(default, bool):
            if text.strip().lower() in ("true", "false"):
                return text.strip().lower() == "true"
        elif isinstance(default, int):
            return int(text)
        elif isinstance(default, float):
            return float(text)
    except ValueError:
        pass
    return text


class _Found:
    def __init__(self) -> None:
        self.items: list[FormProblem] = []

    def add(self, where: str, code: str, english: str, **args: Any) -> None:
        self.items.append(FormProblem(where, code, args, english))


def _databases(rows: list[Row], resolve: Callable[[str], DbDefinition | None],
               found: _Found) -> dict[str, DbDefinition]:
    out: dict[str, DbDefinition] = {}
    for i, row in enumerate(rows, start=1):
        ref = row.values.get("dbRef", "").strip()
        name = row.values.get("profile", "")
        if not ref:
            found.add("databases", "db.no_ref", f"Row {i}: give the database a name (dbRef).",
                      row=i)
            continue
        if ref in out:
            found.add("databases", "db.ref_twice", f"Row {i}: the name {ref} is used twice.",
                      row=i, ref=ref)
            continue
        resolved = resolve(name) if name else None
        if resolved is not None:
            out[ref] = resolved
        elif isinstance(row.extra.get("definition"), DbDefinition):
            out[ref] = row.extra["definition"]
        elif name:
            found.add("databases", "db.profile_gone",
                      f"Row {i}: the connection profile {name} no longer exists.",
                      row=i, name=name)
        else:
            found.add("databases", "db.no_profile",
                      f"Row {i}: choose a connection profile for {ref}.", row=i, ref=ref)
    return out


def build_definition(values: FormValues, resolve: Callable[[str], DbDefinition | None],
                     defaults: dict[str, Any] | None = None
                     ) -> tuple[JobDefinition | None, list[FormProblem]]:
    """The definition the form describes (no passwords) and what keeps it from running.

    resolve: profile name -> its connection (None when no such profile);
    defaults: the stream's parameter defaults, which type the overrides' values.
    """
    found = _Found()
    if not values.job_id:
        found.add("job_id", "job_id.empty", "Give the job a name (or press Suggest).")
    elif problem := id_problem(values.job_id, "job id"):
        found.add("job_id", "job_id.invalid", problem, detail=problem)
    model_id = values.model_id.strip()
    if not model_id:
        found.add("model", "model.empty", "Choose the stream the job runs.")
    dbs = _databases(values.databases, resolve, found)
    inputs = [_with_attributes(merge({"odbc": {"dbRef": r.values.get("dbRef", "").strip(),
                                               "table": r.values.get("table", "").strip()},
                                      "node": r.values.get("node", "").strip()}, r.extra))
              for r in values.inputs]
    exports = []
    for i, row in enumerate(values.exports, start=1):
        v = row.values
        mode = v.get("insertMode", "")
        if mode not in {m.value for m in InsertMode}:
            found.add("exports", "export.no_mode", f"Export {i}: choose an insert mode "
                      "(Append, Create, Drop or Refresh).", n=i)
            mode = InsertMode.APPEND.value
        exports.append(_with_attributes(merge(
            {"odbc": {"dbRef": v.get("dbRef", "").strip(), "table": v.get("table", "").strip(),
                      "insertMode": mode},
             "node": v.get("node", "").strip()}, row.extra)))
    params = []
    for i, row in enumerate(values.params, start=1):
        name = row.values.get("name", "").strip()
        if not name:
            found.add("parameters", "param.no_name", f"Row {i}: give the parameter's name.",
                      row=i)
            continue
        params.append({"name": name,
                       "value": parameter_value(row, (defaults or {}).get(name))})
    setting: dict[str, Any] = {"inputs": inputs, "exports": exports,
                               "parameterOverride": params}
    if values.action is Action.EVALUATION and values.report:
        setting["reportFormat"] = values.report
    model: dict[str, Any] = {"id": model_id}
    if values.result_name.strip():
        model["name"] = values.result_name.strip()
    extra = values.base_extra
    data = merge({
        "action": values.action.value,
        "model": merge(model, extra.get("model", {})),
        "dbDefinitions": {k: v.to_wire() for k, v in dbs.items()},
        "setting": merge(setting, extra.get("setting", {})),
    }, {k: v for k, v in extra.items() if k not in ("model", "setting")})
    try:
        definition = JobDefinition.parse(data)
    except DefinitionError as exc:
        found.add("general", "definition.invalid", str(exc), detail=str(exc))
        return None, found.items
    if model_id:
        for problem in definition.problems():
            args = dict(problem.args)
            if problem.code in ("dbref.missing", "dbref.unknown"):
                args["known"] = ", ".join(definition.dbDefinitions)
            found.items.append(FormProblem(field_of(problem.path), problem.code, args,
                                           problem.message))
    return definition, found.items
