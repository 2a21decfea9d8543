"""Entry point the service calls inside a worker process: one job, start to finish.

Everything the engine does for a job happens inside the job's database transactions; the
service cancels by killing the process, so the database rolls back what was not committed.
Heavy imports (pandas, scikit-learn, matplotlib) happen only when a job runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmdesk.api.models import Action, InsertMode, JobDefinition, ReportFormat
from pmdesk.engine.errors import EngineError

Progress = Callable[[int, int | None], None]


@dataclass
class JobOutcome:
    files: list[Path]
    refreshed_stream: Path | None = None


def run_job(
    definition: JobDefinition,
    stream_path: Path,
    out_dir: Path,
    progress: Progress | None = None,
) -> JobOutcome:
    """Runs one job; every failure ends as EngineError with a person-readable message."""
    import sqlalchemy as sa

    from pmdesk.engine.db import Databases
    from pmdesk.engine.pipeline import Context, check_job_nodes, resolve_parameters

    plan = _modeler_plan(Path(stream_path))
    if plan is None:
        stream = _load(Path(stream_path), definition)
        check_job_nodes(stream, definition)
        params = resolve_parameters(stream, definition)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    dbs = Databases(dict(definition.dbDefinitions))
    try:
        if plan is not None:
            from pmdesk.engine.modeler.execute import run_plan

            outcome = JobOutcome(run_plan(plan, definition, out_dir, dbs, progress))
        else:
            ctx = Context(stream, definition, out_dir, params, dbs, progress)
            outcome = _dispatch(ctx, Path(stream_path))
        dbs.commit()
        return outcome
    except EngineError:
        raise
    except sa.exc.SQLAlchemyError as exc:
        from pmdesk.engine.db import scrub

        orig = getattr(exc, "orig", None) or exc
        passwords = [d.password for d in definition.dbDefinitions.values() if d.password]
        message = str(orig)
        for p in passwords:
            message = scrub(message, p)
        raise EngineError(f"database error: {scrub(message, None)}") from None
    except MemoryError:
        raise EngineError("the job ran out of memory") from None
    finally:
        dbs.close()


def _modeler_plan(path: Path) -> Any:
    """The plan of a real Modeler stream (docs/modeler-streams.md); None for other files."""
    import zipfile

    from pmdesk.streams.describe import is_open_format
    from pmdesk.streams.errors import StreamReadError
    from pmdesk.streams.modeler.plan import read_plan

    if not path.is_file() or is_open_format(path) or not zipfile.is_zipfile(path):
        return None
    try:
        return read_plan(path)
    except StreamReadError as exc:
        raise EngineError(f"{path.name}: {exc}") from None


def _load(path: Path, definition: JobDefinition | None = None) -> Any:
    from pmdesk.streams.openformat import StreamFormatError, load_stream

    if not path.is_file():
        raise EngineError(f"stream file {path.name!r} does not exist")
    try:
        return load_stream(path)
    except StreamFormatError as exc:
        raise EngineError(_not_open_message(path, exc, definition)) from None


def _not_open_message(path: Path, exc: Exception, definition: JobDefinition | None = None
                      ) -> str:
    """For a real Modeler stream: say so and what it holds; else the format problem."""
    import zipfile

    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            if "stream.json" in zf.namelist():
                return str(exc)  # an open-format stream with a problem inside
    from pmdesk.streams.describe import describe

    info: Any = None
    try:
        info = describe(path)
    except Exception:  # any reader failure means: not describable
        info = None
    if info is not None and getattr(info, "format", None) == "modeler":
        sources = ", ".join(info.source_names) or "none"
        terminals = ", ".join(info.terminal_names) or "none"
        version = f" (Modeler {info.modeler_version})" if info.modeler_version else ""
        problems = ""
        if definition is not None:
            from pmdesk.streams.validate import check_definition

            found = check_definition(info, definition)
            if found:
                problems = " The job definition does not match it either: " + "; ".join(found) + "."
        return (
            f"{path.name} is an SPSS Modeler stream{version}, which PMDesk's local engine "
            f"cannot execute (it runs only PMDesk open-format .pmstream files). The stream "
            f"has {len(info.nodes)} nodes; source nodes: {sources}; terminal nodes: "
            f"{terminals}. Run it on an SPSS Modeler server, or rebuild it in the open "
            f"format (docs/stream-format.md).{problems}"
        )
    return (
        f"{exc}. PMDesk's local engine runs only PMDesk open-format streams (.pmstream, "
        f"see docs/stream-format.md); SPSS Modeler .str streams need a Modeler server"
    )


def _dispatch(ctx: Any, stream_path: Path) -> JobOutcome:
    action = ctx.definition.action
    if action in (Action.TRAINING, Action.AUTO_REFRESH):
        for builder in ctx.stream.nodes_of("build"):
            _train(ctx, builder.name)
        if not ctx.stream.nodes_of("build"):
            raise EngineError("the stream has no model builder node to train")
        path = _save_trained(ctx, stream_path)
        return JobOutcome(ctx.files, path if action is Action.AUTO_REFRESH else None)
    if action is Action.EVALUATION:
        fmt = ctx.definition.setting.reportFormat or ReportFormat.HTML
        _evaluate(ctx, fmt)
        return JobOutcome(ctx.files)
    if action is Action.BATCH_SCORE:
        _batch_score(ctx)
        return JobOutcome(ctx.files)
    if action is Action.RUN_STREAM:
        _run_stream(ctx, stream_path)
        return JobOutcome(ctx.files)
    raise EngineError(f"unknown action {action!r}")  # pragma: no cover


# ---------------------------------------------------------------- training


def _train(ctx: Any, builder_name: str) -> None:
    from pmdesk.engine.pipeline import Branch
    from pmdesk.engine.pmml import ModelError, train_model
    from pmdesk.streams import openformat as of

    stream = ctx.stream
    builder = stream.node(builder_name)
    branch = Branch(ctx, builder_name)
    frame = branch.frame()
    roles = branch.roles(frame)
    if builder.algorithm == "kmeans":
        target = None
    else:
        target = roles.target
        if target is None:
            raise EngineError(
                f"build node {builder_name!r} ({builder.algorithm}) needs a target: give the "
                "field the role target in a type node, or set the builder's target"
            )
    params: dict[str, Any] = {}
    for key, value in builder.params.items():
        params[key] = ctx.params.get(value.param) if isinstance(value, of.ParamRef) else value
    nugget_names = builder.nuggets or [f"{builder.name} model"]
    inputs = [f for f in roles.inputs if f != target]
    try:
        pmml = train_model(
            builder.algorithm, frame, inputs, target, params,
            model_name=nugget_names[0], measurement=roles.measurement or None,
        )
    except ModelError as exc:
        raise EngineError(f"build node {builder_name!r}: {exc}") from None
    for nugget_name in nugget_names:
        nugget = stream.node(nugget_name)
        if nugget is None:  # a builder without a nugget gets one, as in Modeler
            nugget = of.NuggetNode(
                name=nugget_name, type="nugget",
                x=builder.x, y=None if builder.y is None else builder.y + 100,
            )
            stream.nodes.append(nugget)
        nugget.algorithm = builder.algorithm
        stream.models[nugget_name] = pmml
        ctx.models.pop(nugget_name, None)
    ctx.stream_changed = True


def _save_trained(ctx: Any, stream_path: Path) -> Path:
    from pmdesk.streams.openformat import SUFFIX, save_stream

    name = ctx.definition.model.name
    if name:
        file_name = Path(name.replace("\\", "/")).name
        if not Path(file_name).suffix:
            file_name += SUFFIX
    else:
        file_name = f"{stream_path.stem}-trained{SUFFIX}"
    path = ctx.out_dir / file_name
    save_stream(ctx.stream, path)
    if path not in ctx.files:
        ctx.files.append(path)
    return path


# ---------------------------------------------------------------- evaluation


def _evaluate(ctx: Any, fmt: ReportFormat, only: list[str] | None = None) -> None:
    from pmdesk.engine.documents import FrameCache, build_report, formats_of, write_report

    builders = [n for n in ctx.stream.nodes_of("table", "analysis", "evaluation")
                if only is None or n.name in only]
    able = [n for n in builders if fmt in formats_of(n.type)]
    if not able:
        if not builders:
            raise EngineError(
                f"the stream has no document builder node (table, analysis or evaluation) "
                f"to produce {fmt.value}"
            )
        have = "; ".join(
            f"{n.type} node {n.name!r} ({', '.join(f.value for f in formats_of(n.type))})"
            for n in builders
        )
        raise EngineError(
            f"no document builder of this stream can produce {fmt.value}; it has: {have}"
        )
    cache: FrameCache = {}
    for node in able:
        ctx.files += write_report(ctx, build_report(ctx, node.name, cache), fmt)


# ---------------------------------------------------------------- scoring


def _batch_score(ctx: Any) -> None:
    from pmdesk.engine.pipeline import Branch

    stream = ctx.stream
    scoring = stream.scoring_export
    names = [e.node for e in ctx.definition.setting.exports]
    if scoring is not None and scoring.name not in names:
        names.insert(0, scoring.name)
    if not names:
        raise EngineError(
            "the stream has no export node marked as the scoring branch (\"scoring\": true) "
            "and the job names no export"
        )
    branches = [Branch(ctx, n) for n in dict.fromkeys(names)]
    counts = [b.source.count() for b in branches]
    ctx.rows_total = None if None in counts else sum(c for c in counts if c is not None)
    ctx.report(0)
    for branch in branches:
        _export(ctx, branch)


def _export(ctx: Any, branch: Any) -> None:
    """Writes one export branch: into its job table, else a CSV file in out_dir."""
    from pmdesk.engine.db import TableName, TableWriter

    node = branch.terminal
    setting = ctx.export_for(node.name)
    if setting is None:
        path = ctx.out_path(f"{node.table or node.name}.csv")
        first = True
        with path.open("w", encoding="utf-8", newline="") as fh:
            for chunk in branch.chunks(count_progress=True):
                chunk.to_csv(fh, index=False, header=first)
                first = False
        ctx.files.append(path)
        return
    conn = ctx.dbs.connection(setting.odbc.dbRef)
    table = TableName.parse(setting.odbc.table)
    key = (id(conn), str(table).lower())
    source = branch.source
    if (source.ref is not None and source.table is not None
            and ctx.dbs.connection(source.ref) is conn
            and str(source.table).lower() == str(table).lower()):
        raise EngineError(
            f"export {node.name!r} would write into {str(table)!r}, the table its own branch "
            f"reads (source node {source.node.name!r}); choose another table"
        )
    mode = setting.odbc.insertMode
    if key in ctx.written:  # a later run of the same job (script loop) adds to it
        mode = InsertMode.APPEND
    writer = TableWriter(conn, table, mode, node.name)
    writer.prepare(branch.preview())
    for chunk in branch.chunks(count_progress=True):
        writer.write(chunk)
    ctx.written.add(key)


# ---------------------------------------------------------------- scripts


def _run_stream(ctx: Any, stream_path: Path) -> None:
    from pmdesk.streams import openformat as of

    stream = ctx.stream
    if stream.script is None:
        steps: list[Any] = [of.RunStep(run=n.name) for n in stream.nodes_of("build")]
        steps += [of.RunStep(run=n.name) for n in stream.nodes
                  if n.type in ("export", "table", "analysis", "evaluation")]
    else:
        steps = stream.script
    if not steps:
        raise EngineError("the stream has nothing to run: no script and no terminal nodes")
    _steps(ctx, steps)
    if ctx.stream_changed:
        _save_trained(ctx, stream_path)


def _steps(ctx: Any, steps: list[Any]) -> None:
    from pmdesk.engine.pipeline import Branch
    from pmdesk.streams import openformat as of

    for step in steps:
        if isinstance(step, of.SleepStep):
            time.sleep(min(step.sleep, of.MAX_SLEEP_SECONDS))
        elif isinstance(step, of.SetStep):
            for name, value in step.set.items():
                ctx.params[name] = _coerce(ctx, name, value)
        elif isinstance(step, of.LoopStep):
            for value in step.loop.values:
                ctx.params[step.loop.param] = _coerce(ctx, step.loop.param, value)
                _steps(ctx, step.loop.steps)
        elif isinstance(step, of.RunStep):
            node = ctx.stream.node(step.run)
            if node.type == "build":
                _train(ctx, node.name)
            elif node.type == "export":
                _export(ctx, Branch(ctx, node.name))
            else:
                fmt = ctx.definition.setting.reportFormat or ReportFormat.HTML
                _evaluate(ctx, fmt, only=[node.name])


def _coerce(ctx: Any, name: str, value: Any) -> Any:
    param = ctx.stream.parameter(name)
    if param is None:
        raise EngineError(f"script sets unknown stream parameter {name!r}")
    try:
        return param.coerce(value)
    except ValueError as exc:
        raise EngineError(f"script: {exc}") from None
