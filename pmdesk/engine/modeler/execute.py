"""Runs the branches of a Modeler stream's plan on the job's tables, one chunk at a time.

Sources become the job's input tables (with the source's own field filter and renames),
process nodes work per chunk, nuggets score with the PMML evaluator, and terminals write
the job's export tables with every insertMode exactly as open-format exports do.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pmdesk.api.models import Action, InsertMode, JobDefinition, ReportFormat
from pmdesk.engine.db import (
    Databases,
    TableName,
    TableWriter,
    count_rows,
    find_table,
    read_chunks,
)
from pmdesk.engine.errors import EngineError
from pmdesk.engine.modeler.blanks import apply_checks, blanks_as_missing, declared_blanks
from pmdesk.engine.modeler.check import Branch, JobProblem, check_models, input_for, plan_branches
from pmdesk.engine.modeler.reports import AnalysisTally, MatrixTally
from pmdesk.engine.pipeline import case_fixes, unused_path
from pmdesk.expr import ExpressionError, clem
from pmdesk.streams.modeler.plan import Plan, Step

Progress = Callable[[int, int | None], None]
Rows = Generator[pd.DataFrame, None, None]
NUMERIC_STORAGE = {"real": "float", "integer": "integer"}
MAX_REPORT_ROWS = 100_000
BALANCE_SEED = 0xBA1A_4CE5  # fixed, so a Balance node keeps the same records on every run


@dataclass
class ModelerRun:
    """What one job run of a Modeler stream shares."""

    plan: Plan
    definition: JobDefinition
    out_dir: Path
    dbs: Databases
    progress: Progress | None = None
    params: dict[str, Any] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    rows_done: int = 0
    rows_total: int | None = None
    models: dict[str, Any] = field(default_factory=dict)

    def report(self, rows: int) -> None:
        self.rows_done += rows
        if self.progress is not None:
            self.progress(self.rows_done, self.rows_total)

    def out_path(self, name: str) -> Path:
        return unused_path(self.out_dir, name)


def run_plan(plan: Plan, definition: JobDefinition, out_dir: Path, dbs: Databases,
             progress: Progress | None = None) -> list[Path]:
    """Runs the job on the plan; EngineError naming the node on any failure."""
    try:
        branches = plan_branches(plan, definition)
        check_models(plan, branches)
    except JobProblem as exc:
        raise EngineError(str(exc)) from None
    run = ModelerRun(plan, definition, out_dir, dbs, progress, _parameters(plan, definition))
    if definition.action is Action.BATCH_SCORE:
        readers = [_Reader(run, b) for b in branches]
        counts = [r.count() for r in readers]
        run.rows_total = sum(counts)
        run.report(0)
        for reader in readers:
            _export(run, reader)
    else:
        fmt = definition.setting.reportFormat or ReportFormat.HTML
        for branch in branches:
            _evaluate(run, _Reader(run, branch), fmt)
    return run.files


def _parameters(plan: Plan, definition: JobDefinition) -> dict[str, Any]:
    """Defaults overridden by parameterOverride, each read as the parameter's storage."""
    from pmdesk.streams.openformat import PARAMETER_TYPES, coerce_parameter

    declared = {p.name: p for p in plan.info.parameters}
    values = {p.name: p.default for p in plan.info.parameters}
    for override in definition.setting.parameterOverride:
        param = declared.get(override.name)
        if param is None:
            raise EngineError(f"parameterOverride names {override.name!r}, which stream "
                              f"{plan.name!r} does not declare")
        kind = {"double": "real", "float": "real", "long": "integer", "int": "integer",
                "flag": "boolean", "bool": "boolean"}.get(param.type or "", param.type)
        try:
            values[param.name] = (coerce_parameter(param.name, kind, override.value)
                                  if kind in PARAMETER_TYPES else override.value)
        except ValueError as exc:
            raise EngineError(str(exc)) from None
    return values


# ------------------------------------------------------------------------- a branch


class _Reader:
    """A branch bound to its job inputs: chunks in, the terminal's rows out."""

    def __init__(self, run: ModelerRun, branch: Branch) -> None:
        self.run = run
        self.branch = branch
        self.inputs: dict[str, tuple[Any, TableName]] = {}  # source id -> (connection, table)
        for source in branch.sources:
            ref, table = input_for(run.definition, source)
            conn = run.dbs.connection(ref)
            found = find_table(conn, TableName.parse(table), views=True)
            if found is None:
                raise EngineError(f"source node {source.label!r}: table {table!r} does "
                                  f"not exist in database {ref!r}")
            self.inputs[source.id] = (conn, found)
        self.renames: dict[str, dict[str, str]] = {}
        self.runners = {s.id: _Runner(run, s) for s in branch.steps[:-1]}
        for step_id, (incoming, outgoing) in declared_blanks(run.plan, branch.steps).items():
            if step_id in self.runners:
                self.runners[step_id].blanks = incoming
                self.runners[step_id].blanks_out = outgoing

    def count(self) -> int:
        return sum(count_rows(conn, table) for conn, table in self.inputs.values())

    def chunks(self, limit: int | None = None, *, progress: bool = False) -> Rows:
        """The terminal's rows, chunk by chunk; a Sort gathers what reaches it first."""
        for runner in self.runners.values():
            runner.reset()
        (up,) = self.run.plan.inputs_of(self.branch.terminal.id)
        stream = self._rows(up, limit, progress)
        try:
            yield from stream
        finally:  # a failure closes the database cursors now, not when collected
            stream.close()

    def _rows(self, node_id: str, limit: int | None, progress: bool) -> Rows:
        runner = self.runners[node_id]
        ups = self.run.plan.inputs_of(node_id)
        if runner.step.kind == "source":
            return _mapped(runner, self._read(node_id, limit, progress))
        if runner.step.kind == "append":
            return runner.appended([self._rows(u, limit, progress) for u in ups])
        if runner.step.kind == "merge":
            return runner.merged([self._rows(u, limit, progress) for u in ups])
        upstream = self._rows(ups[0], limit, progress)
        if runner.step.kind == "aggregate":
            return runner.aggregated(upstream)
        return runner.sorted(upstream) if runner.step.kind == "sort" else \
            _mapped(runner, upstream)

    def _read(self, source_id: str, limit: int | None, progress: bool) -> Rows:
        conn, table = self.inputs[source_id]
        source = read_chunks(conn, table, limit=limit)
        try:
            for chunk in source:
                if source_id not in self.renames:
                    self.renames[source_id] = self._case_fixes(list(map(str, chunk.columns)))
                rename = self.renames[source_id]
                rows = len(chunk)
                yield chunk.rename(columns=rename) if rename else chunk
                if progress:
                    self.run.report(rows)
        finally:
            if isinstance(source, Generator):  # read_chunks is one: close its cursor now
                source.close()

    def _case_fixes(self, columns: list[str]) -> dict[str, str]:
        """Database columns renamed to the stream's spelling when only the case differs
        (PostgreSQL folds unquoted names to lower case): the names the branch's nuggets
        and expressions use first, then those type tables and filters declare."""
        used: set[str] = set()
        declared: set[str] = set()
        for runner in self.runners.values():
            used |= runner.fields(used_only=True)
            declared |= runner.fields()
        fixes = case_fixes(columns, used)
        rest = [c for c in columns if c not in fixes]
        return {**fixes, **case_fixes(rest, declared - {*fixes.values()})}

    def preview(self) -> pd.DataFrame:
        """The terminal's columns from the first rows, read to the end of that query (SQLite
        refuses DROP TABLE while a read on the same connection is open)."""
        rows = self.chunks(limit=1000)
        try:
            return next(rows)
        finally:
            rows.close()


def _prepend(first: pd.DataFrame, rest: Rows) -> Rows:
    yield first
    yield from rest


def _by_order(streams: list[Rows]) -> Rows:
    """Merge by order: the nth records of all inputs side by side, until the shortest input
    runs out (as Modeler documents); a field several inputs hold is taken from the first.
    Streams: only the rows not yet matched wait."""
    pending: list[pd.DataFrame] = [pd.DataFrame() for _ in streams]
    try:
        while True:
            for i, stream in enumerate(streams):
                while pending[i].empty:
                    chunk = next(stream, None)
                    if chunk is None:
                        return
                    pending[i] = chunk.reset_index(drop=True)
            n = min(len(p) for p in pending)
            parts, seen = [], set()
            for p in pending:
                part = p.iloc[:n][[c for c in p.columns if c not in seen]]
                seen |= set(part.columns)
                parts.append(part.reset_index(drop=True))
            yield pd.concat(parts, axis=1)
            pending = [p.iloc[n:].reset_index(drop=True) for p in pending]
    finally:
        for stream in streams:
            stream.close()


def _mapped(runner: _Runner, stream: Rows) -> Rows:
    try:
        for chunk in stream:
            yield runner.apply(chunk)
    finally:
        stream.close()


class _Runner:
    """One step applied to chunks; loads its PMML once per job."""

    def __init__(self, run: ModelerRun, step: Step) -> None:
        self.run = run
        self.step = step
        self.where = f"node {step.label!r} ({step.type})"
        self.trees: dict[str, clem.Node] = {}
        self.model: Any = None
        if step.kind == "nugget":
            from pmdesk.engine.pmml import load_model

            self.model = load_model(step.props["pmml"])
            if step.props.get("raw_propensity"):  # $SRP-Churn: asked for by the nugget
                self.model.add_raw_propensity(**step.props["raw_propensity"])
            for extra in step.props.get("probabilities", []):  # $SP-Yes, $SP-No
                self.model.add_probability(**extra)
        elif step.kind == "adp":
            from pmdesk.engine.pmml import load_transformations

            self.model = load_transformations(step.props["pmml"])
        self.carry: Any = None  # a State or Count field's value after the last record
        self.seen = 0  # rows a Sample node has met in this pass
        self.kept = 0
        self.groups: set[tuple[Any, ...]] = set()  # keys a Distinct node has met
        self.blanks: dict[str, clem.Blanks] = {}  # declared blanks reaching this node
        self.blanks_out: dict[str, clem.Blanks] = {}  # and leaving it
        self.warned: dict[str, int] = {}  # values a Warn check has counted, per field
        if step.kind == "derive":
            for i, (_, condition) in enumerate(step.props.get("values", [])):
                self.trees[f"value{i}"] = clem.parse(condition)
        for key in ("condition", "expr", "if", "then", "else", "with", "on", "off", "inc",
                    "by", "reset"):
            if isinstance(step.props.get(key), str):
                self.trees[key] = clem.parse(step.props[key])
        for i, (_, condition) in enumerate(step.props.get("directives", [])):
            self.trees[f"directive{i}"] = clem.parse(condition)

    def reset(self) -> None:
        self.seen = self.kept = 0
        self.carry = None
        self.groups = set()

    def _distinct(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The first record of each group (Include) or every other one (Discard), across
        chunks: memory grows with the number of groups, not of records."""
        import numpy as np

        keys = self.step.props["fields"]
        absent = [k for k in keys if k not in frame.columns]
        if absent:
            raise EngineError(f"{self.where} groups by field(s) the data does not have: "
                              f"{', '.join(absent)}")
        first = np.zeros(len(frame), dtype=bool)
        rows = frame[keys].astype(object).where(frame[keys].notna(), None)
        for i, key in enumerate(rows.itertuples(index=False, name=None)):
            if key not in self.groups:
                self.groups.add(key)
                first[i] = True
        return frame[first if self.step.props["mode"] == "include" else ~first]

    def sorted(self, stream: Rows) -> Rows:
        """Sort: every row that reaches it, sorted by its keys (stable), in chunks again;
        past spill.threshold() rows the rows wait in a temporary SQLite file (spill.py)."""
        from pmdesk.engine.modeler import spill

        yield from spill.sort(stream, self.step.props["keys"], self.run.out_dir, lambda absent:
                              EngineError(f"{self.where} sorts by field(s) the data does "
                                          f"not have: {', '.join(absent)}"))

    def appended(self, streams: list[Rows]) -> Rows:
        """Append: the records of each input in turn, fields matched by name (or by
        position, named as the first input names them); the first input's fields only, or
        every input's (missing values empty)."""
        try:
            firsts = [next(s, None) for s in streams]
            names = [self._positional(first, firsts[0]) for first in firsts]
            columns: list[str] = []
            for i, (first, rename) in enumerate(zip(firsts, names, strict=True)):
                if first is not None and (i == 0 or self.step.props["all_fields"]):
                    columns += [rename.get(str(c), str(c)) for c in first.columns
                                if rename.get(str(c), str(c)) not in columns]
            tag = self.step.props.get("tag")
            for i, (first, rest) in enumerate(zip(firsts, streams, strict=True)):
                if first is None:
                    continue
                for chunk in _prepend(first, rest):
                    out = chunk.rename(columns=names[i]).reindex(columns=columns)
                    yield out.assign(**{tag: i + 1}) if tag else out
        finally:
            for stream in streams:
                stream.close()

    def _positional(self, first: pd.DataFrame | None, main: pd.DataFrame | None
                    ) -> dict[str, str]:
        """Matching by position: an input's nth field takes the main input's nth name."""
        if not self.step.props.get("by_position") or first is None or main is None:
            return {}
        return {str(a): str(b) for a, b in zip(first.columns, main.columns, strict=False)}

    def merged(self, streams: list[Rows]) -> Rows:
        """Merge, then its Filter tab's drops and renames."""
        merged = self._joined(streams)
        spec = self.step.props.get("filter")
        try:
            for chunk in merged:
                yield _filter(chunk, spec) if spec else chunk
        finally:
            merged.close()

    def _joined(self, streams: list[Rows]) -> Rows:
        """Merge by keys: every input gathered, then joined on the key fields (a field
        several inputs hold is taken from the first); past spill.threshold() rows the
        inputs wait and join in a temporary SQLite file (spill.py)."""
        from pmdesk.engine.modeler import spill

        if self.step.props["join"] == "order":
            yield from _by_order(streams)
            return
        yield from spill.merge(streams, self.step.props["keys"], self.step.props["join"],
                               self.run.out_dir, lambda i, absent: EngineError(
                                   f"{self.where}: input {i + 1} has no key field(s) "
                                   f"{', '.join(absent)}"))

    def aggregated(self, stream: Rows) -> Rows:
        """Aggregate: one record per key group (in order of first appearance), with
        `<field>_<Mode><extension>` fields and the record count, from partial aggregates
        per chunk (spill.Aggregator): memory grows with the groups, not the rows; a
        Median's values spill like a Sort's rows."""
        from pmdesk.engine.modeler import spill

        p = self.step.props
        prefixed = {f"{name}_{mode}": p["extension"] + f"{name}_{mode}"
                    for name, modes in p["aggregates"] for mode in modes}
        for chunk in spill.aggregate(stream, p["keys"], p["aggregates"],
                                     "" if p.get("prefix") else p["extension"],
                                     p["count"] or None, self.run.out_dir,
                                     lambda absent: EngineError(
                                         f"{self.where} names field(s) the data does not "
                                         f"have: {', '.join(absent)}")):
            yield chunk.rename(columns=prefixed) if p.get("prefix") else chunk

    def _reclassify(self, frame: pd.DataFrame) -> pd.DataFrame:
        p = self.step.props
        out = {}
        for source, into in p["pairs"]:
            if source not in frame.columns:
                raise EngineError(f"{self.where} reclassifies field {source!r}, which the "
                                  "data does not have")
            column = frame[source]
            text = column.map(lambda v: None if v is None or v != v else
                              (str(int(v)) if isinstance(v, float) and v.is_integer()
                               else str(v)))
            mapped = text.map(p["map"])
            other = column.astype(object) if p["default"] is None else p["default"]
            out[into] = _numeric_if_all(mapped.where(mapped.notna(), other))
        return frame.assign(**out)

    def _sample(self, frame: pd.DataFrame) -> pd.DataFrame:
        """First N or one in N records, counted across chunks as Modeler counts them."""
        import numpy as np

        p = self.step.props
        position = np.arange(self.seen, self.seen + len(frame))
        self.seen += len(frame)
        hit = position < p["n"] if p["type"] == "first" else (position + 1) % p["n"] == 0
        keep = hit if p["mode"] == "include" else ~hit
        if p["max"] is not None:
            room = max(p["max"] - self.kept, 0)
            keep &= np.cumsum(keep) <= room
        self.kept += int(keep.sum())
        return frame[keep]

    def _partition(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Each record to a partition by its repeatable number (rowhash): keyed by the
        unique field's value, else by the record's position in the job (across chunks).
        Records past the sizes' total (below 100%) are discarded, as in Modeler."""
        import numpy as np

        from pmdesk.engine.modeler import rowhash

        p = self.step.props
        if p["unique_field"]:
            if p["unique_field"] not in frame.columns:
                raise EngineError(f"{self.where} assigns partitions by field "
                                  f"{p['unique_field']!r}, which the data does not have")
            keys = rowhash.field_keys(frame[p["unique_field"]])
        else:
            keys = rowhash.positions(self.seen, len(frame))
        self.seen += len(frame)
        u = rowhash.uniforms(p["seed"], keys)
        which = np.searchsorted(np.cumsum(p["fractions"]), u, side="right")
        keep = which < len(p["values"])
        values = np.array(p["values"], dtype=object)[which[keep]]
        return frame[keep].assign(**{p["field"]: values})

    def _balance(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Each record takes the factor of the first directive whose condition holds (else
        1): it appears floor(factor) times, once more when its repeatable number (keyed by
        its position in the job) is below the factor's fraction."""
        import numpy as np

        from pmdesk.engine.modeler import rowhash

        p = self.step.props
        n = len(frame)
        u = rowhash.uniforms(BALANCE_SEED, rowhash.positions(self.seen, n))
        self.seen += n
        factor = np.ones(n)
        decided = np.zeros(n, dtype=bool)
        for i, (value, _) in enumerate(p["directives"]):
            hit = _mask(self._value(f"directive{i}", frame), frame).to_numpy() & ~decided
            factor[hit] = value
            decided |= hit
        partition = p.get("partition")
        if p["training_only"] and partition and partition["field"] in frame.columns:
            factor[~_is_training(frame[partition["field"]], partition["training"])] = 1.0
        whole = np.floor(factor)
        counts = whole.astype(np.int64) + (u < factor - whole)
        if bool((counts == 1).all()):
            return frame
        return frame.iloc[np.repeat(np.arange(n), counts)].reset_index(drop=True)

    def fields(self, *, used_only: bool = False) -> set[str]:
        """Field names this step mentions (to fix the case of database columns); with
        `used_only`, those its expressions and model read."""
        p = self.step.props
        names: set[str] = set()
        for tree in self.trees.values():
            names |= clem.references(tree)[0]
        if self.step.kind == "nugget":
            names |= set(self.model.input_fields)
        names |= set(p.get("fields", [])) | {f for f, _ in p.get("aggregates", [])}
        names |= {p["unique_field"]} if p.get("unique_field") else set()
        names |= {k if isinstance(k, str) else k[0] for k in p.get("keys", [])}
        names |= {f for f, _ in [*p.get("targets", []), *p.get("pairs", [])] if f}
        if used_only:
            return names
        names |= set(p.get("types", {}))
        names |= {*p.get("drop", []), *p.get("keep", []), *p.get("rename", {})}
        return names

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        kind = self.step.kind
        try:
            if kind == "source":
                return self._typed(_filter(frame, self.step.props["filter"]))
            if kind == "type":
                return self._typed(frame)
            if kind == "filter":
                return _filter(frame, self.step.props)
            if kind == "select":
                mask = self._value("condition", frame)
                keep = _mask(mask, frame)
                return frame[keep if self.step.props["mode"] == "include" else ~keep]
            if kind == "derive":
                return frame.assign(**{into: self._derive(frame, source or None)
                                       for source, into in self.step.props["targets"]})
            if kind == "filler":
                return self._fill(frame)
            if kind == "sample":
                return self._sample(frame)
            if kind == "partition":
                return self._partition(frame)
            if kind == "balance":
                return self._balance(frame)
            if kind == "distinct":
                return self._distinct(frame)
            if kind == "reclassify":
                return self._reclassify(frame)
            if kind == "adp":
                return self.model.apply(frame)
            if kind == "nugget":
                return self._score(frame)
        except ExpressionError as exc:
            raise EngineError(f"{self.where}: {exc}") from None
        return frame

    def _typed(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A type table applied: storage first, then its Check column."""
        frame = _types(frame, self.step.props["types"])
        checks = self.step.props.get("checks")
        return apply_checks(frame, checks, self.blanks_out, self.where, self.warned) \
            if checks else frame

    def _value(self, key: str, frame: pd.DataFrame, current: str | None = None) -> Any:
        return clem.evaluate(self.trees[key], frame, self.run.params, current, self.blanks)

    def _derive(self, frame: pd.DataFrame, current: str | None) -> Any:
        """One derived field; `current` is the field `@FIELD` stands for (Multiple mode)."""
        p = self.step.props
        if current is not None and current not in frame.columns:
            raise EngineError(f"{self.where} derives from field {current!r}, which the data "
                              "does not have")

        def value(key: str) -> Any:
            return self._value(key, frame, current)

        if p["result"] == "formula":
            return value("expr")
        if p["result"] == "flag":
            hit = _mask(value("expr"), frame)
            return pd.Series(p["false"], index=frame.index).where(~hit, p["true"])
        if p["result"] == "set":
            out = pd.Series(p["default"], index=frame.index, dtype=object)
            decided = pd.Series(False, index=frame.index)
            for i, (v, _) in enumerate(p["values"]):
                hit = _mask(value(f"value{i}"), frame) & ~decided
                out[hit] = v
                decided |= hit
            return out
        if p["result"] == "state":
            return self._state(_mask(value("on"), frame), _mask(value("off"), frame))
        if p["result"] == "count":
            return self._count(frame, _mask(value("inc"), frame),
                               _mask(value("reset"), frame), _series(value("by"), frame))
        hit = _mask(value("if"), frame)
        then = _series(value("then"), frame)
        other = _series(value("else"), frame)
        return other.astype(object).where(~hit, then.astype(object))

    def _state(self, on: pd.Series, off: pd.Series) -> pd.Series:
        """Derive as State: switched on where the on condition holds while off, off where
        the off condition holds while on; the state carries over to the next chunk."""
        p = self.step.props
        state = self.carry if self.carry is not None else p["initial"]
        states = []
        for turn_on, turn_off in zip(on.to_numpy(), off.to_numpy(), strict=True):
            if not state and turn_on:
                state = True
            elif state and turn_off:
                state = False
            states.append(state)
        self.carry = state
        return pd.Series([p["on_value"] if s else p["off_value"] for s in states],
                         index=on.index, dtype=object)

    def _count(self, frame: pd.DataFrame, inc: pd.Series, reset: pd.Series,
               by: pd.Series) -> pd.Series:
        """Derive as Count: back to the initial value where the reset condition holds, else
        up by the increment where the increment condition holds; carried across chunks."""
        initial = self.step.props["initial"]
        count = self.carry if self.carry is not None else initial
        step = pd.to_numeric(by, errors="coerce").fillna(0).to_numpy()
        out = []
        for i, (up, back) in enumerate(zip(inc.to_numpy(), reset.to_numpy(), strict=True)):
            if back:
                count = initial
            elif up:
                count += float(step[i])
            out.append(count)
        self.carry = count
        return _numeric_if_all(pd.Series(out, index=frame.index, dtype=object))

    def _fill(self, frame: pd.DataFrame) -> pd.DataFrame:
        p = self.step.props
        out = frame.copy()
        for name in p["fields"]:
            if name not in out.columns:
                raise EngineError(f"{self.where} fills field {name!r}, which the data does "
                                  "not have")
            column = out[name]
            rule = self.blanks.get(name)
            blank = rule.mask(column) if rule else pd.Series(False, index=out.index)
            where = {
                "always": pd.Series(True, index=out.index),
                "null": column.isna(),
                "blank": blank,
                "blankandnull": column.isna() | blank,
            }.get(p["mode"])
            if where is None:
                where = _mask(self._value("condition", out, name), out)
            if where.any():
                value = _series(self._value("with", out, name), out)
                out[name] = column.astype(object).where(~where, value.astype(object))
                out[name] = _numeric_if_all(out[name])
        return out

    def _score(self, frame: pd.DataFrame) -> pd.DataFrame:
        from pmdesk.engine.pmml import ModelError

        missing = [f for f in self.model.input_fields if f not in frame.columns]
        if missing:
            raise EngineError(f"model nugget {self.step.label!r} needs field(s) the data "
                              f"does not have: {', '.join(missing)}")
        if frame.empty:
            scored = pd.DataFrame({f: pd.Series([], dtype=object)
                                   for f in self.model.output_fields})
        else:
            seen = blanks_as_missing(frame, list(self.model.input_fields), self.blanks)
            try:
                scored = self.model.score(seen)
            except ModelError as exc:
                raise EngineError(f"model nugget {self.step.label!r} cannot score: "
                                  f"{exc}") from None
        scored.index = frame.index
        clash = [c for c in scored.columns if c in frame.columns]
        return pd.concat([frame.drop(columns=clash), scored], axis=1)


def _is_training(column: pd.Series, training: str | None) -> Any:
    """Records of the training partition: the partition's first value, or (a field whose
    values no node declares) "1", "1_<label>" or "Training"."""
    text = column.map(lambda v: None if v is None or v != v else
                      (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)))
    if training is not None:
        return (text == training).to_numpy()
    plain = text.fillna("")
    return (plain.eq("1") | plain.str.startswith("1_") | plain.str.lower().eq("training")
            ).to_numpy()


def _series(value: Any, frame: pd.DataFrame) -> pd.Series:
    if isinstance(value, pd.Series):
        return value
    return pd.Series([value] * len(frame), index=frame.index, dtype=object)


def _mask(value: Any, frame: pd.DataFrame) -> pd.Series:
    s = _series(value, frame)
    if s.dtype == bool:
        return s
    return s.map(lambda v: v is True or (v is not None and v == v and bool(v))).astype(bool)


def _numeric_if_all(s: pd.Series) -> pd.Series:
    converted = pd.to_numeric(s, errors="coerce")
    return converted if converted.notna().sum() == s.notna().sum() else s


def _filter(frame: pd.DataFrame, spec: dict[str, Any]) -> pd.DataFrame:
    """Modeler's field filter: rows for absent fields are ignored, as Modeler does."""
    columns = list(map(str, frame.columns))
    if spec["default_drop"]:
        keep = [c for c in columns if c in spec["keep"]]
    else:
        keep = [c for c in columns if c not in spec["drop"]]
    if len(keep) != len(columns):
        frame = frame[keep]
    rename = {k: v for k, v in spec["rename"].items() if k in keep}
    return frame.rename(columns=rename) if rename else frame


def _types(frame: pd.DataFrame, types: dict[str, dict[str, str]]) -> pd.DataFrame:
    """Numbers stored as text (a CSV loaded as text, a blank in a numeric column) are read
    as the storage the stream declares."""
    changed: dict[str, pd.Series] = {}
    for name, spec in types.items():
        storage = spec.get("storage")
        if storage in NUMERIC_STORAGE and name in frame.columns:
            column = frame[name]
            if not pd.api.types.is_numeric_dtype(column.dtype):
                changed[name] = pd.to_numeric(
                    column.map(lambda v: v.strip() if isinstance(v, str) else v)
                    .replace("", None), errors="coerce")
    return frame.assign(**changed) if changed else frame


# ------------------------------------------------------------------------- terminals


def _export(run: ModelerRun, reader: _Reader) -> None:
    terminal = reader.branch.terminal
    setting = next(e for e in run.definition.setting.exports if e.node == reader.branch.export)
    conn = run.dbs.connection(setting.odbc.dbRef)
    table = TableName.parse(setting.odbc.table)
    for source in reader.branch.sources:
        read_conn, read_table = reader.inputs[source.id]
        if conn is read_conn and str(read_table).lower() == str(table).lower():
            raise EngineError(
                f"export {terminal.label!r} would write into {str(table)!r}, the table its "
                f"own branch reads (source node {source.label!r}); choose another table"
            )
    writer = TableWriter(conn, table, InsertMode(setting.odbc.insertMode), terminal.label)
    writer.prepare(reader.preview())
    for chunk in reader.chunks(progress=True):
        writer.write(chunk)


def _evaluate(run: ModelerRun, reader: _Reader, fmt: ReportFormat) -> None:
    """One report per output node. A Table keeps its first MAX_REPORT_ROWS rows; Analysis
    and Matrix count chunk by chunk, so memory grows with the categories, not the rows."""
    from pmdesk.engine.documents import Report, write_report

    terminal = reader.branch.terminal
    title = f"{terminal.type.removesuffix('Node')}: {terminal.label}"
    if terminal.kind == "table":
        parts: list[pd.DataFrame] = []
        kept = 0
        for chunk in reader.chunks(progress=True):
            parts.append(chunk.head(MAX_REPORT_ROWS - kept))
            kept += len(parts[-1])
            if kept >= MAX_REPORT_ROWS:
                break
        frame = pd.concat(parts, ignore_index=True) if parts else reader.preview().iloc[0:0]
        report = Report(terminal.label, title, [("Rows", frame)],
                        notes=[f"{len(frame)} rows"])
    else:
        tally: AnalysisTally | MatrixTally = (
            AnalysisTally(terminal, [reader.runners[s.id].model for s in reader.branch.steps
                                     if s.kind == "nugget"]) if terminal.kind == "analysis"
            else MatrixTally(terminal))
        seen = False
        for chunk in reader.chunks(progress=True):
            tally.add(chunk)
            seen = True
        if not seen:  # no rows: the columns still say what is compared
            tally.add(reader.preview().iloc[0:0])
        report = Report(terminal.label, title, tally.tables())
    run.files += write_report(run, report, fmt)  # type: ignore[arg-type]
