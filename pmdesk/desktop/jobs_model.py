"""The Jobs table: a model keyed by job id, updated in place so thousands of rows stay smooth."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from pmdesk.api.models import JobState, JobSummary
from pmdesk.desktop.i18n import _t
from pmdesk.desktop.icons import state_color, state_icon
from pmdesk.desktop.util import local_time, localize_timestamps

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3
COLUMNS = ("id", "action", "stream", "status", "submitted", "started", "finished", "duration",
           "progress", "runs_on", "message")


def column_titles() -> list[str]:
    return [_t("Job"), _t("Action"), _t("Stream"), _t("Status"), _t("Submitted"),
            _t("Started"), _t("Finished"), _t("Duration"), _t("Progress"), _t("Runs on"),
            _t("Message")]


def runs_on(job: JobSummary) -> str:
    """Where the job runs ("local", a cluster worker): the optional `runsOn` of the status,
    sent by services with an executor seam; empty when the service does not say."""
    value = getattr(job.status, "runsOn", None) if job.status else None
    if value is None or value == "":
        return ""
    if isinstance(value, dict):  # tolerate {"executor": ..., "worker": ...}
        parts = [str(v) for v in value.values() if v not in (None, "")]
        return " · ".join(parts)
    if str(value).lower() == "local":
        return _t("This service")
    return str(value)


def first_line(text: str | None) -> str:
    """A one-line cell: the first line of a (possibly multi-line) server message."""
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def state_text(state: JobState) -> str:
    return {
        JobState.PENDING: _t("Pending"),
        JobState.RUNNING: _t("Running"),
        JobState.CANCELING: _t("Canceling"),
        JobState.CANCELED: _t("Canceled"),
        JobState.FAILED: _t("Failed"),
        JobState.SUCCESS: _t("Success"),
    }[state]


def _local(ts: datetime | None) -> str:
    """Time only for today (narrow columns), the date too for older jobs; local time in
    the locale's format."""
    if ts is None:
        return ""
    local = ts.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local_time(local, date=False)
    return local_time(local, seconds=False)


def duration_seconds(job: JobSummary, now: datetime | None = None) -> float | None:
    status = job.status
    if status is None or status.started is None:
        return None
    end = status.finished or (now if now is not None else None)
    if end is None:
        if status.jobStatus.finished:
            return None
        end = datetime.now(status.started.tzinfo)
    return max(0.0, (end - status.started).total_seconds())


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = round(seconds)
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def progress_fraction(job: JobSummary) -> float | None:
    """A bar only while the job runs: a finished job shows its row count in one unit."""
    st = job.status
    if st is None or st.progress is None or not st.progress.rowsTotal:
        return None
    if st.jobStatus.finished:
        return None
    return min(1.0, st.progress.rowsDone / st.progress.rowsTotal)


def progress_text(job: JobSummary) -> str:
    st = job.status
    if st is None or st.progress is None:
        return ""
    p = st.progress
    if st.jobStatus.finished:
        return _t("{done} rows").format(done=f"{p.rowsDone:,}")
    if p.rowsTotal:
        return _t("{done} of {total} rows ({percent}%)").format(
            done=f"{p.rowsDone:,}", total=f"{p.rowsTotal:,}",
            percent=int(100 * p.rowsDone / p.rowsTotal))
    return _t("{done} rows").format(done=f"{p.rowsDone:,}")


def st_time(job: JobSummary, col: str) -> str:
    ts = getattr(job.status, col) if job.status else None
    return local_time(ts) if ts else ""


class JobsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.jobs: list[JobSummary] = []
        self._row: dict[str, int] = {}

    # ---- Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.jobs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return column_titles()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        job = self.jobs[index.row()]
        col = COLUMNS[index.column()]
        state = job.status.jobStatus if job.status else None
        if role == STATE_ROLE:
            return state
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(job, col, state)
        if role == SORT_ROLE:
            return self._sort_key(job, col, state)
        if (col == "message" and state == JobState.FAILED
                and role == Qt.ItemDataRole.DecorationRole):
            return state_icon(state)
        if col == "status" and state is not None:
            if role == Qt.ItemDataRole.DecorationRole:
                return state_icon(state)
            if role == Qt.ItemDataRole.ForegroundRole:
                return state_color(state)
        if role == PROGRESS_ROLE:
            return progress_fraction(job)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == "progress":
                return progress_text(job) or None
            if col == "runs_on":
                return runs_on(job) or None
            if col in ("submitted", "started", "finished") and st_time(job, col):
                return st_time(job, col)
            if job.status and job.status.message:
                return localize_timestamps(job.status.message)
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{column_titles()[index.column()]}: {self._display(job, col, state)}"
        return None

    def _display(self, job: JobSummary, col: str, state: JobState | None) -> str:
        st = job.status
        if col == "id":
            return job.id or ""
        if col == "action":
            return job.action.value
        if col == "stream":
            return job.model.id
        if col == "status":
            return state_text(state) if state is not None else _t("Unknown")
        if col in ("submitted", "started", "finished"):
            return _local(getattr(st, col) if st else None)
        if col == "duration":
            return format_duration(duration_seconds(job))
        if col == "progress":
            return progress_text(job)
        if col == "runs_on":
            return runs_on(job)
        if col == "message":
            return localize_timestamps(first_line(st.message if st else None))
        return ""

    def _sort_key(self, job: JobSummary, col: str, state: JobState | None) -> Any:
        st = job.status
        if col in ("submitted", "started", "finished"):
            ts = getattr(st, col) if st else None
            return ts.timestamp() if ts else 0.0
        if col == "duration":
            return duration_seconds(job) or 0.0
        if col == "progress":
            return progress_fraction(job) or 0.0
        if col == "status":
            return list(JobState).index(state) if state is not None else -1
        return self._display(job, col, state).lower()

    # ---- updates from the poller (GUI thread)
    def set_jobs(self, jobs: list[JobSummary]) -> list[tuple[JobSummary, JobState | None]]:
        """Merges a fresh list; returns (job, previous state) for jobs whose state changed."""
        changes: list[tuple[JobSummary, JobState | None]] = []
        fresh = {j.id or "": j for j in jobs}
        gone = [i for i, j in enumerate(self.jobs) if (j.id or "") not in fresh]
        for gone_row in reversed(gone):
            self.beginRemoveRows(QModelIndex(), gone_row, gone_row)
            del self.jobs[gone_row]
            self.endRemoveRows()
        self._row = {j.id or "": i for i, j in enumerate(self.jobs)}
        new = [j for k, j in fresh.items() if k not in self._row]
        for key, job in fresh.items():
            row = self._row.get(key)
            if row is None:
                continue
            old = self.jobs[row]
            if old is not job and old != job:  # the poller re-sends unchanged jobs as is
                old_state = old.status.jobStatus if old.status else None
                new_state = job.status.jobStatus if job.status else None
                if old_state != new_state:
                    changes.append((job, old_state))
                self.jobs[row] = job
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        if new:
            first = len(self.jobs)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self.jobs.extend(new)
            self.endInsertRows()
            changes.extend((j, None) for j in new)
        self._row = {j.id or "": i for i, j in enumerate(self.jobs)}
        return changes

    def update_status(self, job_id: str, job: JobSummary) -> None:
        self.set_jobs([job if (j.id == job_id) else j for j in self.jobs])

    def job(self, row: int) -> JobSummary:
        return self.jobs[row]

    def row_of(self, job_id: str) -> int | None:
        return self._row.get(job_id)

    def tick(self) -> None:
        """Running jobs' duration grows: repaint that column only."""
        col = COLUMNS.index("duration")
        for row, job in enumerate(self.jobs):
            if job.status and job.status.jobStatus == JobState.RUNNING:
                idx = self.index(row, col)
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DisplayRole])


class JobsFilter(QSortFilterProxyModel):
    """Status filter (None = all) plus a case-insensitive text search over every column."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.states: set[JobState] | None = None
        self.text = ""
        self.action: str | None = None
        self.stream: str | None = None
        self.since: datetime | None = None  # submitted at or after
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_states(self, states: set[JobState] | None) -> None:
        self.beginFilterChange()
        self.states = states
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.text = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_action(self, action: str | None) -> None:
        self.beginFilterChange()
        self.action = action or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_stream(self, stream: str | None) -> None:
        self.beginFilterChange()
        self.stream = stream or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_since(self, since: datetime | None) -> None:
        self.beginFilterChange()
        self.since = since
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, JobsModel)
        job = model.job(source_row)
        if self.action is not None and job.action.value != self.action:
            return False
        if self.stream is not None and job.model.id != self.stream:
            return False
        if self.since is not None:
            submitted = job.status.submitted if job.status else None
            if submitted is None or submitted.astimezone() < self.since:
                return False
        if self.states is not None:
            state = job.status.jobStatus if job.status else None
            if state not in self.states:
                return False
        if self.text:
            hay = " ".join(str(model.data(model.index(source_row, c)) or "")
                           for c in range(len(COLUMNS))).lower()
            if job.status and job.status.message:
                hay += " " + job.status.message.lower()
            return self.text in hay
        return True
