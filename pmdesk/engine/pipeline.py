"""Data flowing through a branch of an open-format stream, one chunk at a time.

A branch is the chain from a source node to a terminal (every node has at most one
input). Process nodes and nuggets work per chunk, so scoring never holds a whole table;
training and documents gather the branch into one frame.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pmdesk import expr
from pmdesk.api.models import ExportSetting, InputSetting, JobDefinition
from pmdesk.engine.db import CHUNK_ROWS, Databases, TableName, count_rows, find_table, read_chunks
from pmdesk.engine.errors import EngineError
from pmdesk.streams import openformat as of

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class PredictionFields:
    """The fields a nugget added to the data, for analysis and evaluation charts."""

    nugget: str
    algorithm: str
    target: str | None
    prediction: str
    confidence: str | None


@dataclass
class Roles:
    inputs: list[str]
    target: str | None
    measurement: dict[str, str]


@dataclass
class Context:
    """Everything one job run shares: the stream, the job, parameters, connections."""

    stream: of.OpenStream
    definition: JobDefinition
    out_dir: Path
    params: dict[str, Any]
    dbs: Databases
    progress: Progress | None = None
    rows_done: int = 0
    rows_total: int | None = None
    models: dict[str, Any] = field(default_factory=dict)  # nugget name -> ScoringModel
    written: set[tuple[int, str]] = field(default_factory=set)  # (connection id, table)
    files: list[Path] = field(default_factory=list)
    stream_changed: bool = False

    # -- job settings -------------------------------------------------------------
    def input_for(self, source: str) -> InputSetting | None:
        return next((i for i in self.definition.setting.inputs if i.node == source), None)

    def export_for(self, node: str) -> ExportSetting | None:
        return next((e for e in self.definition.setting.exports if e.node == node), None)

    def report(self, rows: int) -> None:
        self.rows_done += rows
        if self.progress is not None:
            self.progress(self.rows_done, self.rows_total)

    def out_path(self, name: str) -> Path:
        return unused_path(self.out_dir, name)


def unused_path(out_dir: Path, name: str) -> Path:
    """A file name in out_dir that nothing of this job has used yet."""
    safe = safe_file_name(name)
    path = out_dir / safe
    stem, suffix = Path(safe).stem, Path(safe).suffix
    n = 2
    while path.exists():
        path = out_dir / f"{stem}-{n}{suffix}"
        n += 1
    return path


def safe_file_name(name: str) -> str:
    cleaned = re.sub(r"[^\w.\- ]+", "_", name).strip(" .") or "output"
    return cleaned[:120]


def names(items: list[str]) -> str:
    return ", ".join(sorted(items)) if items else "(none)"


def check_job_nodes(stream: of.OpenStream, definition: JobDefinition) -> None:
    """Every node the job names exists, with the message issue 3 asks for."""
    sources = [n.name for n in stream.nodes_of("source")]
    for given in definition.setting.inputs:
        if given.node not in sources:
            raise EngineError(
                f"stream has no source node {given.node!r}; its source nodes are: {names(sources)}"
            )
    exports = [n.name for n in stream.nodes_of("export")]
    for wanted in definition.setting.exports:
        if wanted.node not in exports:
            raise EngineError(
                f"stream has no export node {wanted.node!r}; its export nodes are: {names(exports)}"
            )
    items: list[InputSetting | ExportSetting] = [
        *definition.setting.inputs, *definition.setting.exports,
    ]
    for item in items:
        if item.odbc.dbRef not in definition.dbDefinitions:
            defined = names(list(definition.dbDefinitions))
            raise EngineError(
                f"{'input' if isinstance(item, InputSetting) else 'export'} of node "
                f"{item.node!r} uses dbRef {item.odbc.dbRef!r}, which dbDefinitions does not "
                f"define (defined: {defined})"
            )


def resolve_parameters(stream: of.OpenStream, definition: JobDefinition) -> dict[str, Any]:
    """Defaults overridden by parameterOverride, each checked against its declared type."""
    values: dict[str, Any] = {}
    for declared in stream.parameters:
        values[declared.name] = (
            None if declared.default is None else declared.coerce(declared.default)
        )
    for override in definition.setting.parameterOverride:
        p = stream.parameter(override.name)
        if p is None:
            known = names([q.name for q in stream.parameters])
            raise EngineError(
                f"parameterOverride names {override.name!r}, which the stream does not "
                f"declare; its parameters are: {known}"
            )
        try:
            values[p.name] = p.coerce(override.value)
        except ValueError as exc:
            raise EngineError(str(exc)) from None
    return values


# ---------------------------------------------------------------- sources


class Source:
    """Where a source node's rows come from in this job."""

    def __init__(self, ctx: Context, node: of.SourceNode) -> None:
        self.ctx = ctx
        self.node = node
        self.table: TableName | None = None
        self.ref: str | None = None
        item = ctx.input_for(node.name)
        if item is not None:
            self.ref, self.table = item.odbc.dbRef, TableName.parse(item.odbc.table)
        elif node.name in ctx.stream.data:
            pass
        elif node.table and len(ctx.definition.dbDefinitions) == 1:
            self.ref = next(iter(ctx.definition.dbDefinitions))
            self.table = TableName.parse(node.table)
        else:
            raise EngineError(
                f"source node {node.name!r} has no input in the job and no embedded data; "
                f"add an input for it to setting.inputs"
            )
        if self.ref is not None and self.table is not None:
            conn = ctx.dbs.connection(self.ref)
            found = find_table(conn, self.table, views=True)
            if found is None:
                raise EngineError(
                    f"source node {node.name!r}: table {str(self.table)!r} does not exist "
                    f"in database {self.ref!r}"
                )
            self.table = found

    def count(self) -> int | None:
        if self.ref is not None and self.table is not None:
            return count_rows(self.ctx.dbs.connection(self.ref), self.table)
        return None

    def chunks(self, limit: int | None = None) -> Iterator[pd.DataFrame]:
        if self.ref is not None and self.table is not None:
            rename: dict[str, str] | None = None
            conn = self.ctx.dbs.connection(self.ref)
            for chunk in read_chunks(conn, self.table, limit=limit):
                if rename is None:
                    rename = case_fixes(list(map(str, chunk.columns)), stream_fields(self.ctx))
                yield chunk.rename(columns=rename) if rename else chunk
            return
        text = self.ctx.stream.data[self.node.name]
        if limit is not None:
            yield pd.read_csv(io.StringIO(text), nrows=limit)
            return
        yield from pd.read_csv(io.StringIO(text), chunksize=CHUNK_ROWS)


def stream_fields(ctx: Context) -> set[str]:
    """Every field name the stream mentions (nodes, expressions, nugget inputs)."""
    found: set[str] = set()
    for node in ctx.stream.nodes:
        if isinstance(node, of.TypeNode):
            found |= set(node.fields)
        elif isinstance(node, of.FilterNode):
            found |= {*node.drop, *(node.keep or []), *node.rename}
        elif isinstance(node, of.SelectNode | of.DeriveNode):
            text = node.condition if isinstance(node, of.SelectNode) else node.expression
            try:
                found |= expr.references(expr.parse(text))[0]
            except expr.ExpressionError:
                pass  # reported when the node runs
        elif isinstance(node, of.BuildNode):
            found |= {*(node.inputs or []), *([node.target] if node.target else [])}
        elif isinstance(node, of.NuggetNode) and node.name in ctx.stream.models:
            model = nugget_model(ctx, node.name)
            found |= {*model.inputs, *([model.target] if model.target else [])}
        target = getattr(node, "target", None)
        if isinstance(target, str):
            found.add(target)
    return found


def case_fixes(columns: list[str], wanted: set[str]) -> dict[str, str]:
    """Database columns renamed to the stream's spelling when only the case differs.

    PostgreSQL folds unquoted names to lower case: a table made with `CREATE TABLE t (Age
    int)` has a column `age`, while the stream (like Modeler) says `Age`.
    """
    present = set(columns)
    by_lower: dict[str, list[str]] = {}
    for name in wanted:
        by_lower.setdefault(name.lower(), []).append(name)
    fixes: dict[str, str] = {}
    for col in columns:
        options = by_lower.get(col.lower(), [])
        if col not in wanted and len(options) == 1 and options[0] not in present:
            fixes[col] = options[0]
    return fixes


# ---------------------------------------------------------------- branches


class Branch:
    """The chain of nodes feeding one terminal."""

    def __init__(self, ctx: Context, terminal: str) -> None:
        self.ctx = ctx
        self.terminal = ctx.stream.node(terminal)
        self.nodes = ctx.stream.chain(terminal)
        head = self.nodes[0]
        if head.type != "source":
            raise EngineError(
                f"node {terminal!r} is not connected to a source node (its branch starts at "
                f"{head.type} node {head.name!r})"
            )
        self.source = Source(ctx, head)
        self.predictions: list[PredictionFields] = []

    @property
    def middle(self) -> list[Any]:
        return self.nodes[1:-1]

    def chunks(self, *, count_progress: bool = False) -> Iterator[pd.DataFrame]:
        for chunk in self.source.chunks():
            rows = len(chunk)
            yield self.apply(chunk)
            if count_progress:
                self.ctx.report(rows)

    def preview(self, rows: int = 1000) -> pd.DataFrame:
        """The branch's output for its first rows, read to the end of that small query.

        Exports take their table's columns from it before the real read starts: SQLite
        refuses DROP TABLE while a read on the same connection is still open.
        """
        first = next(iter(self.source.chunks(limit=rows)))
        out = self.apply(first)
        if out.empty and not first.empty:
            # every previewed row was selected away: the column types still matter
            out = self.apply(first, select=False).iloc[0:0]
        return out

    def frame(self) -> pd.DataFrame:
        parts = list(self.chunks(count_progress=True))
        return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]

    def apply(self, frame: pd.DataFrame, *, select: bool = True) -> pd.DataFrame:
        self.predictions = []
        for node in self.middle:
            if select or not isinstance(node, of.SelectNode):
                frame = self._apply_node(node, frame)
        return frame

    def _apply_node(self, node: Any, frame: pd.DataFrame) -> pd.DataFrame:
        where = f"{node.type} node {node.name!r}"
        try:
            if isinstance(node, of.SelectNode):
                mask = expr.evaluate(expr.parse(node.condition), frame, self.ctx.params)
                if not isinstance(mask, pd.Series):
                    keep = bool(mask) if mask is not None else False
                    return frame if keep == (node.mode == "include") else frame.iloc[0:0]
                mask = mask.fillna(False).astype(bool)
                return frame[mask if node.mode == "include" else ~mask]
            if isinstance(node, of.DeriveNode):
                value = expr.evaluate(expr.parse(node.expression), frame, self.ctx.params)
                return frame.assign(**{node.field: value})
            if isinstance(node, of.FilterNode):
                absent = [f for f in [*node.drop, *(node.keep or []), *node.rename]
                          if f not in frame.columns]
                if absent:
                    raise EngineError(
                        f"{where} names field(s) the data does not have: {', '.join(absent)}"
                    )
                if node.keep is not None:
                    frame = frame[list(node.keep)]
                return frame.drop(columns=node.drop).rename(columns=node.rename)
            if isinstance(node, of.NuggetNode):
                return self._score(node, frame)
        except expr.ExpressionError as exc:
            raise EngineError(f"{where}: {exc}") from None
        return frame  # type nodes only describe fields

    def _score(self, node: of.NuggetNode, frame: pd.DataFrame) -> pd.DataFrame:
        from pmdesk.engine.pmml import ModelError

        model = nugget_model(self.ctx, node.name)
        missing = [f for f in model.inputs if f not in frame.columns]
        if missing:
            raise EngineError(
                f"nugget {node.name!r} needs field(s) the data does not have: "
                f"{', '.join(missing)}"
            )
        outputs = [str(f) for f in model.output_fields]
        if frame.empty:
            scored = pd.DataFrame({f: pd.Series([], dtype=object) for f in outputs})
        else:
            try:
                scored = model.score(frame)
            except ModelError as exc:
                raise EngineError(f"nugget {node.name!r} cannot score: {exc}") from None
        scored.index = frame.index
        self.predictions.append(prediction_fields(node.name, model, outputs))
        clash = [c for c in scored.columns if c in frame.columns]
        return pd.concat([frame.drop(columns=clash), scored], axis=1)

    def roles(self, frame: pd.DataFrame) -> Roles:
        """Inputs, target and measurement from the nearest type node and the terminal."""
        type_node = next((n for n in reversed(self.middle) if isinstance(n, of.TypeNode)), None)
        measurement: dict[str, str] = {}
        target: str | None = None
        inputs: list[str] = []
        declared = type_node.fields if type_node else {}
        for name, spec in declared.items():
            if spec.measurement:
                measurement[name] = spec.measurement
            if spec.role == "target":
                target = name
        terminal = self.terminal
        explicit_target = getattr(terminal, "target", None)
        if explicit_target:
            target = explicit_target
        explicit_inputs = getattr(terminal, "inputs", None)
        if explicit_inputs:
            inputs = list(explicit_inputs)
        else:
            default_input = type_node is None or type_node.defaultRole == "input"
            for col in map(str, frame.columns):
                col_spec = declared.get(col)
                role = (col_spec.role if col_spec and col_spec.role
                        else ("input" if default_input else "none"))
                if col != target and role == "input" and not col.startswith("$"):
                    inputs.append(col)
        known = set(map(str, frame.columns))
        absent = [f for f in [*inputs, *([target] if target else [])] if f not in known]
        if absent:
            raise EngineError(
                f"{terminal.type} node {terminal.name!r} uses field(s) the data does not have: "
                f"{', '.join(absent)}; fields are: {', '.join(sorted(known))}"
            )
        return Roles(inputs, target, {k: v for k, v in measurement.items() if k in known})


def nugget_model(ctx: Context, name: str) -> Any:
    """The ScoringModel of a nugget, loaded once per job from its PMML (never code)."""
    from pmdesk.engine.pmml import ModelError, load_model

    if name not in ctx.models:
        text = ctx.stream.models.get(name)
        if text is None:
            raise EngineError(
                f"nugget {name!r} holds no trained model yet; run TRAINING first"
            )
        try:
            ctx.models[name] = load_model(text)
        except ModelError as exc:
            raise EngineError(f"nugget {name!r}: {exc}") from None
    return ctx.models[name]


def prediction_fields(nugget: str, model: Any, outputs: list[str]) -> PredictionFields:
    target = getattr(model, "target", None)
    algorithm = str(getattr(model, "algorithm", ""))
    suffix = f"-{target}" if target else None
    own = [f for f in outputs if suffix and f.endswith(suffix)] or outputs
    prediction = own[0] if own else ""
    confidence = own[1] if len(own) > 1 else None
    return PredictionFields(nugget, algorithm, target, prediction, confidence)
