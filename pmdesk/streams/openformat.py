"""PMDesk's open stream format (`.pmstream`): a zip with a readable `stream.json`, the
trained nuggets as `models/<node>.pmml` and optional embedded data as `data/<node>.csv`.

The format is documented in docs/stream-format.md. This module is the schema, loading
(with every problem named), saving and the StreamInfo description the desktop shows. It
must stay importable without Qt, numpy or pandas.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pmdesk import expr
from pmdesk.streams.errors import StreamReadError
from pmdesk.streams.info import (
    NodeKind,
    StreamInfo,
    StreamNode,
    StreamParameter,
    StreamScript,
)

FORMAT: Final = "pmdesk-stream"
VERSION: Final = 1
SUFFIX = ".pmstream"
STREAM_MEMBER = "stream.json"
MAX_JSON_BYTES = 16 * 1024 * 1024
MAX_SLEEP_SECONDS = 600.0
ALGORITHMS = ("tree", "logistic", "linear", "neural", "kmeans")
PARAMETER_TYPES = ("string", "integer", "real", "boolean", "date")


class StreamFormatError(StreamReadError, ValueError):
    """The file is not a valid open-format stream; the message says what is wrong."""


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# ---------------------------------------------------------------- parameters


def coerce_parameter(name: str, type_: str, value: Any) -> Any:
    """`value` as the parameter's type, or ValueError("parameter 'x' expects ...")."""

    def fail(expected: str) -> ValueError:
        return ValueError(f"parameter {name!r} expects {expected}, got {value!r}")

    if type_ == "string":
        if isinstance(value, str):
            return value
        if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
            raise fail("a string")
        return str(value)
    if type_ == "integer":
        if isinstance(value, bool):
            raise fail("an integer")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            return int(value)
        raise fail("an integer")
    if type_ == "real":
        if isinstance(value, bool):
            raise fail("a real number")
        if isinstance(value, (int, float)):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                raise fail("a real number") from None
        raise fail("a real number")
    if type_ == "boolean":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0"):
            return value.strip().lower() in ("true", "1")
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        raise fail("a boolean (true or false)")
    if type_ == "date":
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass
        raise fail("a date (YYYY-MM-DD)")
    raise ValueError(f"parameter {name!r} has unknown type {type_!r}")


class Parameter(_Spec):
    name: str = Field(min_length=1)
    type: Literal["string", "integer", "real", "boolean", "date"] = "string"
    default: Any = None
    label: str | None = None

    def coerce(self, value: Any) -> Any:
        return coerce_parameter(self.name, self.type, value)


class ParamRef(_Spec):
    """A hyperparameter whose value is a stream parameter: {"param": "depth"}."""

    param: str


# ---------------------------------------------------------------- nodes


class _Node(_Spec):
    name: str = Field(min_length=1, max_length=200)
    x: float | None = None
    y: float | None = None
    comment: str | None = None

    @field_validator("name")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        if any(c in value for c in "/\\\0") or value != value.strip():
            raise ValueError("a node name may not contain / or \\ or surrounding spaces")
        return value


class SourceNode(_Node):
    type: Literal["source"]
    table: str | None = None  # read from the job's only database when no input names the node
    data: str | None = None  # embedded CSV member, by default data/<name>.csv when present


class FieldType(_Spec):
    role: Literal["input", "target", "none"] | None = None
    measurement: Literal["continuous", "nominal", "flag", "ordinal"] | None = None


class TypeNode(_Node):
    type: Literal["type"]
    fields: dict[str, FieldType] = Field(default_factory=dict)
    defaultRole: Literal["input", "none"] = "input"


class FilterNode(_Node):
    type: Literal["filter"]
    drop: list[str] = Field(default_factory=list)
    keep: list[str] | None = None
    rename: dict[str, str] = Field(default_factory=dict)


class SelectNode(_Node):
    type: Literal["select"]
    condition: str
    mode: Literal["include", "discard"] = "include"


class DeriveNode(_Node):
    type: Literal["derive"]
    field: str = Field(min_length=1)
    expression: str


class BuildNode(_Node):
    type: Literal["build"]
    algorithm: Literal["tree", "logistic", "linear", "neural", "kmeans"]
    target: str | None = None
    inputs: list[str] | None = None
    params: dict[str, ParamRef | Any] = Field(default_factory=dict)
    nugget: str | list[str] | None = None  # the nugget node(s) this builder refreshes

    @property
    def nuggets(self) -> list[str]:
        if self.nugget is None:
            return []
        return [self.nugget] if isinstance(self.nugget, str) else list(self.nugget)

    @field_validator("params", mode="before")
    @classmethod
    def _refs(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: ParamRef(**v) if isinstance(v, dict) and set(v) == {"param"} else v
                for k, v in value.items()
            }
        return value


class NuggetNode(_Node):
    type: Literal["nugget"]
    model: str | None = None  # member name, default models/<name>.pmml
    algorithm: str | None = None  # informative, filled in by training

    @property
    def member(self) -> str:
        return self.model or f"models/{self.name}.pmml"


class ExportNode(_Node):
    type: Literal["export"]
    table: str | None = None  # default table / file name
    scoring: bool = False


class TableNode(_Node):
    type: Literal["table"]
    rows: int = Field(default=1000, ge=1, le=1_000_000)


class AnalysisNode(_Node):
    type: Literal["analysis"]
    target: str | None = None


class EvaluationNode(_Node):
    type: Literal["evaluation"]
    chart: Literal["gains", "lift"] = "gains"
    target: str | None = None
    hit: str | None = None  # the target category counted as a hit; default: the rarest
    bins: int = Field(default=10, ge=2, le=100)


AnyNode = Annotated[
    SourceNode | TypeNode | FilterNode | SelectNode | DeriveNode | BuildNode | NuggetNode
    | ExportNode | TableNode | AnalysisNode | EvaluationNode,
    Field(discriminator="type"),
]

NODE_KINDS: dict[str, NodeKind] = {
    "source": NodeKind.SOURCE,
    "type": NodeKind.PROCESS,
    "filter": NodeKind.PROCESS,
    "select": NodeKind.PROCESS,
    "derive": NodeKind.PROCESS,
    "build": NodeKind.MODEL_BUILDER,
    "nugget": NodeKind.MODEL_NUGGET,
    "export": NodeKind.TERMINAL,
    "table": NodeKind.DOCUMENT_BUILDER,
    "analysis": NodeKind.DOCUMENT_BUILDER,
    "evaluation": NodeKind.DOCUMENT_BUILDER,
}
TERMINAL_TYPES = ("build", "export", "table", "analysis", "evaluation")


# ---------------------------------------------------------------- script


class RunStep(_Spec):
    run: str


class SetStep(_Spec):
    set: dict[str, Any]


class Loop(_Spec):
    param: str
    values: list[Any]
    steps: list[Step]


class LoopStep(_Spec):
    loop: Loop


class SleepStep(_Spec):
    sleep: float = Field(ge=0, le=MAX_SLEEP_SECONDS)


Step = RunStep | SetStep | LoopStep | SleepStep
Loop.model_rebuild()


class OpenStream(_Spec):
    format: Literal["pmdesk-stream"] = FORMAT
    version: Literal[1] = VERSION
    name: str = "stream"
    description: str | None = None
    parameters: list[Parameter] = Field(default_factory=list)
    nodes: list[AnyNode] = Field(default_factory=list)
    links: list[tuple[str, str]] = Field(default_factory=list)
    script: list[Step] | None = None
    # Zip payloads, not part of stream.json: nugget name -> PMML, source name -> CSV text.
    models: dict[str, str] = Field(default_factory=dict, exclude=True)
    data: dict[str, str] = Field(default_factory=dict, exclude=True)

    # -- navigation
    def node(self, name: str) -> Any:
        return next((n for n in self.nodes if n.name == name), None)

    def nodes_of(self, *types: str) -> list[Any]:
        return [n for n in self.nodes if n.type in types]

    def upstream(self, name: str) -> str | None:
        return next((a for a, b in self.links if b == name), None)

    def downstream(self, name: str) -> list[str]:
        return [b for a, b in self.links if a == name]

    def chain(self, name: str) -> list[Any]:
        """The nodes from the source to `name` inclusive, in data-flow order."""
        out = [self.node(name)]
        current = self.upstream(name)
        while current is not None:
            out.append(self.node(current))
            current = self.upstream(current)
        return out[::-1]

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)

    @property
    def scoring_export(self) -> ExportNode | None:
        return next((n for n in self.nodes_of("export") if n.scoring), None)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True, by_alias=True)

    # -- whole-stream checks the schema alone cannot make
    def problems(self) -> list[str]:
        found: list[str] = []
        names = [n.name for n in self.nodes]
        seen: set[str] = set()
        for n in names:
            if n in seen:
                found.append(f"two nodes are named {n!r}; node names must be unique")
            seen.add(n)
        params = {p.name: p for p in self.parameters}
        if len(params) != len(self.parameters):
            found.append("two stream parameters have the same name")
        for p in self.parameters:
            if p.default is not None:
                try:
                    p.coerce(p.default)
                except ValueError as exc:
                    found.append(f"default of {exc}")
        incoming: dict[str, int] = {}
        for a, b in self.links:
            for end in (a, b):
                if end not in seen:
                    found.append(f"link {a!r} -> {b!r} names an unknown node {end!r}")
            incoming[b] = incoming.get(b, 0) + 1
            na, nb = self.node(a), self.node(b)
            if na is not None and na.type in TERMINAL_TYPES:
                found.append(f"link {a!r} -> {b!r}: a {na.type} node ends its branch")
            if nb is not None and nb.type == "source":
                found.append(f"link {a!r} -> {b!r}: a source node takes no input")
        for name, count in incoming.items():
            if count > 1:
                found.append(f"node {name!r} has {count} incoming links; it may have one")
        if not found:  # unconnected nodes are allowed: running one fails, naming it
            for node in self.nodes:
                visited: set[str] = set()
                current: str | None = node.name
                while current is not None:
                    if current in visited:
                        found.append(f"the links form a cycle through {node.name!r}")
                        break
                    visited.add(current)
                    current = self.upstream(current)
                if found:
                    break
        scoring = [n.name for n in self.nodes_of("export") if n.scoring]
        if len(scoring) > 1:
            found.append(f"only one export may be the scoring branch; these are: {scoring}")
        for node in self.nodes:
            where = f"{node.type} node {node.name!r}"
            texts: list[str] = []
            if isinstance(node, SelectNode):
                texts = [node.condition]
            elif isinstance(node, DeriveNode):
                texts = [node.expression]
            for text in texts:
                try:
                    _, used = expr.references(expr.parse(text))
                except expr.ExpressionError as exc:
                    found.append(f"{where}: {exc}")
                    continue
                for unknown in sorted(used - set(params)):
                    found.append(f"{where} uses unknown stream parameter {unknown!r}")
            if isinstance(node, BuildNode):
                for key, value in node.params.items():
                    if isinstance(value, ParamRef) and value.param not in params:
                        found.append(
                            f"{where}: {key} refers to unknown stream parameter {value.param!r}"
                        )
                for nugget in node.nuggets:
                    target = self.node(nugget)
                    if target is None or target.type != "nugget":
                        found.append(f"{where} refreshes {nugget!r}, which is not a nugget")
        if self.script is not None:
            self._check_steps(self.script, params, found)
        return found

    def _check_steps(
        self, steps: list[Any], params: dict[str, Parameter], found: list[str]
    ) -> None:
        for step in steps:
            if isinstance(step, RunStep):
                node = self.node(step.run)
                if node is None:
                    found.append(f"script runs unknown node {step.run!r}")
                elif node.type not in TERMINAL_TYPES:
                    found.append(
                        f"script runs {step.run!r}, a {node.type} node; "
                        f"only {', '.join(TERMINAL_TYPES)} nodes can run"
                    )
            elif isinstance(step, SetStep):
                for name, value in step.set.items():
                    self._check_value(name, value, params, found)
            elif isinstance(step, LoopStep):
                for value in step.loop.values:
                    self._check_value(step.loop.param, value, params, found)
                self._check_steps(step.loop.steps, params, found)

    @staticmethod
    def _check_value(
        name: str, value: Any, params: dict[str, Parameter], found: list[str]
    ) -> None:
        if name not in params:
            found.append(f"script sets unknown stream parameter {name!r}")
            return
        try:
            params[name].coerce(value)
        except ValueError as exc:
            found.append(f"script: {exc}")


# ---------------------------------------------------------------- load / save


def _validation_message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:8]:
        loc = ".".join(str(p) for p in err["loc"]) or "stream"
        parts.append(f"{loc}: {err['msg']}")
    more = len(exc.errors()) - 8
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def parse_stream(data: dict[str, Any]) -> OpenStream:
    """Validates a stream.json object (without payloads); StreamFormatError otherwise."""
    try:
        stream = OpenStream.model_validate(data)
    except ValidationError as exc:
        raise StreamFormatError(f"stream.json is not valid: {_validation_message(exc)}") from None
    if problems := stream.problems():
        raise StreamFormatError("stream.json is not valid: " + "; ".join(problems))
    return stream


def load_stream(path: Path | str) -> OpenStream:
    """The stream in `path` with its nuggets and data; StreamFormatError naming the problem."""
    path = Path(path)
    label = path.name
    if not zipfile.is_zipfile(path):
        raise StreamFormatError(f"{label} is not a PMDesk stream: it is not a zip file")
    try:
        with zipfile.ZipFile(path) as zf:
            members = {i.filename: i for i in zf.infolist()}
            info = members.get(STREAM_MEMBER)
            if info is None:
                raise StreamFormatError(
                    f"{label} is not a PMDesk stream: the zip has no {STREAM_MEMBER}"
                )
            if info.file_size > MAX_JSON_BYTES:
                raise StreamFormatError(f"{label}: {STREAM_MEMBER} is larger than 16 MB")
            try:
                data = json.loads(zf.read(info).decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise StreamFormatError(
                    f"{label}: {STREAM_MEMBER} is not valid JSON: {exc}"
                ) from None
            if not isinstance(data, dict):
                raise StreamFormatError(f"{label}: {STREAM_MEMBER} must hold a JSON object")
            try:
                stream = parse_stream(data)
            except StreamFormatError as exc:
                raise StreamFormatError(f"{label}: {exc}") from None
            for nugget in stream.nodes_of("nugget"):
                if nugget.member in members:
                    stream.models[nugget.name] = zf.read(nugget.member).decode("utf-8")
                elif nugget.model is not None:
                    raise StreamFormatError(
                        f"{label}: nugget {nugget.name!r} names {nugget.model!r}, "
                        "which the zip does not hold"
                    )
            for source in stream.nodes_of("source"):
                member = source.data or f"data/{source.name}.csv"
                if member in members:
                    stream.data[source.name] = zf.read(member).decode("utf-8")
                elif source.data is not None:
                    raise StreamFormatError(
                        f"{label}: source {source.name!r} names {source.data!r}, "
                        "which the zip does not hold"
                    )
    except zipfile.BadZipFile as exc:
        raise StreamFormatError(f"{label} is not a PMDesk stream: broken zip ({exc})") from None
    return stream


def save_stream(stream: OpenStream, path: Path | str) -> Path:
    """Writes the stream atomically (temporary file, then rename); never an invalid one."""
    if problems := stream.problems():
        raise StreamFormatError("cannot save an invalid stream: " + "; ".join(problems))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps(stream.to_json(), indent=2, ensure_ascii=False)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=SUFFIX, dir=path.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(STREAM_MEMBER, body)
            for nugget in stream.nodes_of("nugget"):
                if nugget.name in stream.models:
                    zf.writestr(nugget.member, stream.models[nugget.name])
            for source in stream.nodes_of("source"):
                if source.name in stream.data:
                    zf.writestr(source.data or f"data/{source.name}.csv", stream.data[source.name])
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def describe_stream(stream: OpenStream, name: str) -> StreamInfo:
    nodes = [
        StreamNode(id=n.name, label=n.name, cls=n.type, kind=NODE_KINDS[n.type], x=n.x, y=n.y)
        for n in stream.nodes
    ]
    scoring = stream.scoring_export
    builder = next(iter(stream.nodes_of("build")), None)
    script = None
    if stream.script is not None:
        text = json.dumps(
            [s.model_dump(mode="json") for s in stream.script], indent=2, ensure_ascii=False
        )
        script = StreamScript(language="pmdesk-steps", text=text)
    return StreamInfo(
        name=name,
        format="pmdesk",
        parameters=[
            StreamParameter(name=p.name, default=p.default, type=p.type, label=p.label)
            for p in stream.parameters
        ],
        nodes=nodes,
        links=[(a, b) for a, b in stream.links],
        scoring_terminal=scoring.name if scoring else None,
        model_build_node=builder.name if builder else None,
        script=script,
        pmml=dict(stream.models),
    )


def describe_open(path: Path | str) -> StreamInfo:
    """What the desktop shows for an open-format stream (StreamFormatError if invalid)."""
    path = Path(path)
    return describe_stream(load_stream(path), path.name)
