"""Wire types of the /pm/v1 batch job API (see docs/api.md).

Every model keeps fields it does not know (`extra="allow"`), so a definition fetched from a
newer or foreign server survives a round trip through PMDesk unchanged. Enumerations are
read leniently (any case, British spellings) and always written in the contract's spelling.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pmdesk.api.ids import id_problem

MASK = "********"


class Action(StrEnum):
    TRAINING = "TRAINING"
    EVALUATION = "EVALUATION"
    AUTO_REFRESH = "AUTO_REFRESH"
    BATCH_SCORE = "BATCH_SCORE"
    RUN_STREAM = "RUN_STREAM"


class InsertMode(StrEnum):
    APPEND = "Append"
    CREATE = "Create"
    DROP = "Drop"
    REFRESH = "Refresh"


class ReportFormat(StrEnum):
    HTML = "HTML"
    JPG = "JPG"
    PNG = "PNG"
    RTF = "RTF"
    SAV = "SAV"
    TAB = "TAB"
    XML = "XML"


class JobState(StrEnum):
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    CANCELING = "CANCELING"
    CANCELED = "CANCELED"
    FAILED = "FAILED"
    SUCCESS = "SUCCESS"

    @classmethod
    def parse(cls, value: str) -> JobState:
        """Reads any case and the British CANCELLING/CANCELLED that other servers send."""
        key = value.strip().upper().replace("CANCELL", "CANCEL")
        if key == "SUCCEEDED":
            key = "SUCCESS"
        try:
            return cls(key)
        except ValueError:
            raise ValueError(
                f"unknown job status {value!r}; expected one of {', '.join(s.value for s in cls)}"
            ) from None

    @property
    def finished(self) -> bool:
        return self in (JobState.CANCELED, JobState.FAILED, JobState.SUCCESS)


# The two sets of states, named once (they answer different questions):
# not finished yet, as the user sees it (the Active filter, what Cancel applies to) ...
UNFINISHED_STATES = frozenset({JobState.PENDING, JobState.RUNNING, JobState.CANCELING})
# ... and held by a worker right now (such a job cannot be replaced or deleted).
WORKER_STATES = frozenset({JobState.RUNNING, JobState.CANCELING})


DB_TYPES: tuple[str, ...] = (
    "ApacheHive", "DashDB", "DB2", "Greenplum", "Impala", "Informix", "MySQL", "Oracle",
    "PostgreSQL", "ProgressOpenEdge", "Salesforce", "SQLServer", "Sybase", "SybaseIQ",
    "Teradata", "SQLite",
)


def _lenient_enum(enum: type[StrEnum], value: Any) -> Any:
    if isinstance(value, str):
        for member in enum:
            if member.value.lower() == value.strip().lower():
                return member
    return value


class Wire(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True, validate_assignment=True)

    def to_wire(self) -> dict[str, Any]:
        """The JSON object to send: contract names, no unset optional fields."""
        return self.model_dump(mode="json", exclude_none=True, by_alias=True)


class ModelRef(Wire):
    id: str
    name: str | None = None


class DbDefinition(Wire):
    type: str
    host: str | None = None
    port: int | None = None
    db: str | None = None
    username: str | None = None
    password: str | None = Field(default=None, repr=False)
    options: str | None = None

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        for known in DB_TYPES:
            if known.lower() == value.strip().lower():
                return known
        raise ValueError(f"unknown database type {value!r}; allowed: {', '.join(DB_TYPES)}")


class Odbc(Wire):
    dbRef: str
    table: str


class ExportOdbc(Odbc):
    insertMode: InsertMode

    @field_validator("insertMode", mode="before")
    @classmethod
    def _mode(cls, value: Any) -> Any:
        return _lenient_enum(InsertMode, value)


class InputSetting(Wire):
    odbc: Odbc
    node: str
    attributes: list[Any] = Field(default_factory=list)


class ExportSetting(Wire):
    odbc: ExportOdbc
    node: str
    attributes: list[Any] = Field(default_factory=list)


class ParameterOverride(Wire):
    name: str
    value: Any = None


class Setting(Wire):
    inputs: list[InputSetting] = Field(default_factory=list)
    exports: list[ExportSetting] = Field(default_factory=list)
    parameterOverride: list[ParameterOverride] = Field(default_factory=list)
    reportFormat: ReportFormat | None = None

    @field_validator("reportFormat", mode="before")
    @classmethod
    def _format(cls, value: Any) -> Any:
        return _lenient_enum(ReportFormat, value)


class JobDefinition(Wire):
    action: Action
    model: ModelRef
    dbDefinitions: dict[str, DbDefinition] = Field(default_factory=dict)
    setting: Setting = Field(default_factory=Setting)

    @field_validator("action", mode="before")
    @classmethod
    def _action(cls, value: Any) -> Any:
        return _lenient_enum(Action, value)

    @model_validator(mode="before")
    @classmethod
    def _report_format_at_top(cls, data: Any) -> Any:
        """The original is loose about where reportFormat sits: read it at top level too."""
        if isinstance(data, dict) and "reportFormat" in data:
            data = dict(data)
            top = data.pop("reportFormat")
            setting = dict(data.get("setting") or {})
            setting.setdefault("reportFormat", top)
            data["setting"] = setting
        return data

    @classmethod
    def parse(cls, data: Any) -> JobDefinition:
        """Like model_validate, but the error is one readable message naming each bad field."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise DefinitionError(describe_validation_error(exc)) from None

    def problems(self) -> list[Problem]:
        """What keeps this definition from running, checked without the stream or a server.

        Each problem is data (path, code, args) so the app can put it beside its field and
        word it in the user's language; `str(problem)` is the English "path: message".
        """
        found: list[Problem] = []
        if problem := id_problem(self.model.id, "model id"):
            found.append(Problem("model.id", "model.id", problem))
        s = self.setting
        if self.action is Action.BATCH_SCORE:
            if not s.inputs:
                found.append(Problem("setting.inputs", "inputs.none",
                                     "BATCH_SCORE needs at least one input"))
            if not s.exports:
                found.append(Problem("setting.exports", "exports.none",
                                     "BATCH_SCORE needs at least one export"))
        if self.action is Action.EVALUATION and s.reportFormat is None:
            found.append(Problem("setting.reportFormat", "report.none",
                                 "EVALUATION needs a report format"))
        placed: list[tuple[str, Sequence[InputSetting | ExportSetting]]] = [
            ("inputs", s.inputs), ("exports", s.exports)]
        for kind, items in placed:
            for i, item in enumerate(items):
                where = f"setting.{kind}[{i}]"
                args = {"kind": kind, "n": i + 1}
                if not item.node.strip():
                    found.append(Problem(f"{where}.node", "node.missing",
                                         "give the name of a node in the stream", args))
                if not item.odbc.table.strip():
                    found.append(Problem(f"{where}.odbc.table", "table.missing",
                                         "give a table name", args))
                if item.odbc.dbRef not in self.dbDefinitions:
                    known = ", ".join(self.dbDefinitions)
                    found.append(Problem(
                        f"{where}.odbc.dbRef",
                        "dbref.missing" if not item.odbc.dbRef else "dbref.unknown",
                        f"no database definition named {item.odbc.dbRef!r} "
                        f"(defined: {known or 'none defined'})",
                        {**args, "ref": item.odbc.dbRef, "known": known}))
        names = [p.name for p in s.parameterOverride]
        for name in sorted({n for n in names if names.count(n) > 1}):
            found.append(Problem("setting.parameterOverride", "parameter.twice",
                                 f"parameter {name!r} is given twice", {"name": name}))
        return found

    def masked(self) -> JobDefinition:
        """A copy safe to show or log: every password replaced by a mask."""
        copy = self.model_copy(deep=True)
        for db in copy.dbDefinitions.values():
            if db.password:
                db.password = MASK
        return copy

    def without_passwords(self) -> JobDefinition:
        """A copy safe to export to a file: passwords removed entirely."""
        copy = self.model_copy(deep=True)
        for db in copy.dbDefinitions.values():
            db.password = None
        return copy


class Problem(str):
    """One reason a definition cannot run: where (`path`), what (`code` + `args`), and
    the English `message`. It is also the string "path: message", so code that only
    joins problems into a sentence (the service's 400 answer) needs nothing else."""

    path: str
    code: str
    message: str
    args: dict[str, Any]

    def __new__(cls, path: str, code: str, message: str,
                args: dict[str, Any] | None = None) -> Problem:
        self = super().__new__(cls, f"{path}: {message}")
        self.path, self.code, self.message = path, code, message
        self.args = dict(args or {})
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Problem, (self.path, self.code, self.message, self.args))


class DefinitionError(ValueError):
    """A job definition that does not follow the contract; the message names the fields."""


def describe_validation_error(exc: ValidationError | Sequence[Mapping[str, Any]], *,
                              root: str = "definition", skip: tuple[str, ...] = (),
                              limit: int | None = None) -> str:
    """Pydantic's errors in PMDesk's one wording: "where: what" joined by "; ".

    `exc` may be a ValidationError or its `.errors()` (FastAPI's RequestValidationError);
    `skip` drops location parts such as FastAPI's "body"/"query"; `limit` caps the list.
    """
    errors = list(exc.errors() if isinstance(exc, ValidationError) else exc)
    parts = []
    for err in errors[:limit]:
        loc = ""
        for item in err.get("loc", ()):
            if item in skip:
                continue
            loc += f"[{item}]" if isinstance(item, int) else (f".{item}" if loc else str(item))
        msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        if err.get("type") == "missing":
            msg = "is required"
        elif err.get("type") == "enum":
            expected = (err.get("ctx") or {}).get("expected", "")
            msg = f"{err.get('input')!r} is not allowed; allowed: {expected}"
        parts.append(f"{loc or root}: {msg}")
    if limit is not None and len(errors) > limit:
        parts.append(f"and {len(errors) - limit} more")
    return "; ".join(parts)


# ---- status and list answers -------------------------------------------------------------


class Progress(Wire):
    """PMDesk addition: how far a BATCH_SCORE has got."""

    rowsDone: int = 0
    rowsTotal: int | None = None


class JobStatus(Wire):
    jobStatus: JobState
    submitted: datetime | None = None
    started: datetime | None = None
    finished: datetime | None = None
    message: str | None = None
    dataUrl: str | None = None
    progress: Progress | None = None
    runsOn: str | None = None  # PMDesk addition: "local" or the cluster worker's address

    @model_validator(mode="before")
    @classmethod
    def _lenient(cls, data: Any) -> Any:
        """The original prose says `jobstatus`; other servers may say `status`."""
        if isinstance(data, dict) and "jobStatus" not in data:
            for key in ("jobstatus", "JobStatus", "status", "state"):
                if key in data:
                    data = {**data, "jobStatus": data[key]}
                    break
        return data

    @field_validator("jobStatus", mode="before")
    @classmethod
    def _state(cls, value: Any) -> Any:
        return JobState.parse(value) if isinstance(value, str) else value


class JobSummary(JobDefinition):
    """An entry of GET /pm/v1/jobs. `id` and `status` are PMDesk additions."""

    id: str | None = None
    status: JobStatus | None = None


class FileInfo(Wire):
    """An entry of GET /pm/v1/file?details=true (PMDesk addition); other servers give ids only."""

    id: str
    size: int | None = None
    uploaded: datetime | None = None


class FileVersion(Wire):
    """A kept earlier version of a stream file (PMDesk addition; see AUTO_REFRESH)."""

    version: str
    size: int | None = None
    replaced: datetime | None = None
    reason: str | None = None


class FlagAnswer(Wire):
    """The original's answer shape for uploads (and, on some servers, failures)."""

    flag: bool | None = None
    message: str | None = None
