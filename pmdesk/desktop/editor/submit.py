"""One press of Submit: the questions it may ask, the passwords it needs, the POST or PUT.

Nothing here blocks the window: the keyring is read in a Task (the Secret Service may wait
on an unlock prompt), questions open without a nested event loop, and the request runs
in a Task. Passwords exist only in this flow's memory and the request body, and are
forgotten when the flow ends, however it ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from pmdesk.api.errors import ConflictError
from pmdesk.api.models import MASK, JobDefinition
from pmdesk.desktop import dialogs
from pmdesk.desktop.context import AppContext
from pmdesk.desktop.editor.definition import Row, fingerprint
from pmdesk.desktop.editor.password_prompt import PasswordPrompt
from pmdesk.desktop.editor.profiles import (
    PASSWORDLESS_TYPES,
    SECRET_KIND,
    DbProfile,
    DbProfileStore,
)
from pmdesk.desktop.editor.table_check import TableFit, check_exports
from pmdesk.desktop.util import closing_client
from pmdesk.desktop.workers import TaskRunner, describe_error


@dataclass
class Flow:
    """One press of Submit, across the questions it may ask."""

    job_id: str
    definition: JobDefinition  # without passwords
    put: bool
    rows: dict[str, Row]  # dbRef -> the form's database row
    resubmit: bool  # the job id is the one loaded for resubmitting
    warnings: list[str]
    passwords: dict[str, str] = field(default_factory=dict)  # dbRef -> password


@dataclass
class _Need:
    ref: str
    label: str
    source: str  # "profile:<name>" or "session:<fingerprint>"


class SubmitFlow(QObject):
    """Runs flows one at a time; `busy` while one is open."""

    status = Signal(str)  # "Submitting x..." while it runs
    modesChanged = Signal(object)  # {export index: insert mode} the user accepted
    sent = Signal(str, str)  # job id, what to tell the user
    failed = Signal(str)  # what to tell the user
    ended = Signal()  # after any ending, including a cancelled question

    def __init__(self, ctx: AppContext, profiles: DbProfileStore, runner: TaskRunner,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profiles = profiles
        self.runner = runner
        self.window = parent  # questions open over it
        self.flow: Flow | None = None
        self.sending = False
        self._session_passwords: dict[str, str] = {}  # connections that are not profiles

    @property
    def busy(self) -> bool:
        return self.flow is not None

    def start(self, flow: Flow) -> None:
        if self.flow is not None:
            return
        self.flow = flow
        if flow.warnings:
            dialogs.ask(self.window, self.tr("Check the stream"), self.tr(
                "The job does not match its stream:\n\n{0}\n\nSubmit it anyway?").format(
                "\n".join(flow.warnings)),
                on_yes=self._read_keyring, on_no=self.end,
                yes_text=self.tr("Submit anyway"))
        else:
            self._read_keyring()

    def end(self) -> None:
        if self.flow is not None:
            self.flow.passwords.clear()
        self.flow = None
        self.sending = False
        self.ended.emit()

    # ---- passwords -----------------------------------------------------------------------

    def _read_keyring(self) -> None:
        """The profiles' stored passwords, read in a Task (the keyring may wait)."""
        flow = self.flow
        if flow is None:
            return
        names = sorted({r.values.get("profile", "") for r in flow.rows.values()} - {""})
        secrets = self.profiles.secrets

        def read(_task: object) -> dict[str, str | None]:
            return {name: secrets.get(SECRET_KIND, name) for name in names}

        self.runner.start(read, on_success=self._with_stored, on_error=self._failed,
                          name="read passwords")

    def _with_stored(self, stored: object) -> None:
        assert isinstance(stored, dict)
        if self.flow is None:
            return
        needs = self._needs(self.flow, stored)
        stored.clear()
        if needs:
            self._ask_passwords(needs)
        else:
            self._check_tables()

    def _needs(self, flow: Flow, stored: dict[str, str | None]) -> list[_Need]:
        """Fills flow.passwords from what is at hand; returns what must be asked for."""
        needs = []
        for ref, db in flow.definition.dbDefinitions.items():
            if db.type in PASSWORDLESS_TYPES:
                continue
            row = flow.rows.get(ref)
            name = row.values.get("profile", "") if row else ""
            keeps = bool(flow.put and row is not None and row.extra.get("server_password")
                         and flow.resubmit)
            secret = stored.get(name) if name else None
            if name and secret is None and keeps:
                flow.passwords[ref] = MASK  # the server keeps the one it has
            elif name and secret is not None:
                flow.passwords[ref] = secret
            elif name:
                needs.append(_Need(ref, self.tr("{0} (profile {1})").format(ref, name),
                                   "profile:" + name))
            else:
                key = fingerprint(db)
                if keeps:
                    flow.passwords[ref] = MASK
                elif key in self._session_passwords:
                    flow.passwords[ref] = self._session_passwords[key]
                else:
                    summary = DbProfile.from_definition("", db).summary()
                    needs.append(_Need(ref, self.tr("{0} ({1})").format(ref, summary),
                                       "session:" + key))
        return needs

    def _ask_passwords(self, needs: list[_Need]) -> None:
        notice = None
        if not self.profiles.secrets.available and not self.profiles.told_no_keyring:
            notice = self.tr(
                "No system keyring is available on this computer, so PMDesk cannot save "
                "database passwords. What you type here is kept in memory until PMDesk "
                "closes.")
            self.profiles.told_no_keyring = True
        prompt = PasswordPrompt([(n.ref, n.label) for n in needs], notice, self.window)
        sources = {n.ref: n.source for n in needs}

        def finished(result: int) -> None:
            if result != int(PasswordPrompt.DialogCode.Accepted) or self.flow is None:
                prompt.clear()
                self.end()
                return
            for ref, secret in prompt.passwords().items():
                source = sources[ref]
                if source.startswith("profile:"):
                    self.profiles.remember_for_session(source.removeprefix("profile:"), secret)
                else:
                    self._session_passwords[source.removeprefix("session:")] = secret
                self.flow.passwords[ref] = secret
            prompt.clear()
            self._check_tables()

        prompt.finished.connect(finished)
        dialogs.show(prompt)

    # ---- the target tables ---------------------------------------------------------------

    def _check_tables(self) -> None:
        """Looks at each export's table (in a Task) before anything is sent."""
        flow = self.flow
        if flow is None:
            return
        if not flow.definition.setting.exports:
            self._confirm()
            return
        definition, passwords = flow.definition, dict(flow.passwords)
        self.status.emit(self.tr("Checking the export tables..."))

        def look(_task: object) -> list[TableFit]:
            return check_exports(definition, passwords)

        self.runner.start(look, on_success=self._tables_checked, on_error=self._failed,
                          name="check export tables")

    def _tables_checked(self, fits: object) -> None:
        assert isinstance(fits, list)
        flow = self.flow
        if flow is None:
            return
        self.status.emit("")
        wrong = [f for f in fits if not f.fits]
        if not wrong:
            self._confirm()
            return
        lines = [self._fit_text(f) for f in wrong]

        def use_suggested() -> None:
            if self.flow is None:
                return
            modes = {f.index: f.suggested for f in wrong}
            for i, mode in modes.items():
                self.flow.definition.setting.exports[i].odbc.insertMode = mode
            self.modesChanged.emit({i: m.value for i, m in modes.items()})
            self._confirm()

        dialogs.ask(self.window, self.tr("Check the export tables"), self.tr(
            "The insert mode does not fit the table:\n\n{0}\n\nUse the suggested insert "
            "modes and submit?").format("\n\n".join(lines)),
            on_yes=use_suggested, on_no=self.end, yes_text=self.tr("Use suggested modes"))

    def _fit_text(self, fit: TableFit) -> str:
        if fit.exists:
            return self.tr(
                "• {0} in {1} exists (columns: {2}), so {3} would fail. Append adds the rows "
                "to it, Refresh replaces its rows, Drop replaces the table. Suggested: {4}."
            ).format(fit.table, fit.ref, ", ".join(fit.columns) or "-", fit.mode.value,
                     fit.suggested.value)
        return self.tr(
            "• {0} does not exist in {1}, so {2} would fail: Append and Refresh need the "
            "table. Create or Drop make it. Suggested: {3}."
        ).format(fit.table, fit.ref, fit.mode.value, fit.suggested.value)

    # ---- sending -------------------------------------------------------------------------

    def _confirm(self) -> None:
        flow = self.flow
        if flow is None:
            return
        if flow.put:
            dialogs.ask(self.window, self.tr("Resubmit job"), self.tr(
                "Resubmit the job {0}? Its definition is replaced by this one and it runs "
                "again; results of its earlier run are discarded.").format(flow.job_id),
                on_yes=self._send, on_no=self.end, yes_text=self.tr("Resubmit"))
        else:
            self._send()

    def _send(self) -> None:
        flow = self.flow
        if flow is None:
            return
        body = flow.definition.model_copy(deep=True)
        for ref, db in body.dbDefinitions.items():
            db.password = flow.passwords.get(ref) or None
        self.sending = True
        self.status.emit(self.tr("Resubmitting {0}...").format(flow.job_id) if flow.put
                         else self.tr("Submitting {0}...").format(flow.job_id))
        client, job_id, put = self.ctx.client, flow.job_id, flow.put

        def send(_task: object) -> bool:
            with closing_client(client()) as c:
                if put:
                    return bool(c.put_job(job_id, body))
                c.submit_job(job_id, body)
                return True

        self.runner.start(send, on_success=self._sent, on_error=self._failed,
                          name=f"submit {job_id}")

    def _sent(self, created: object) -> None:
        flow = self.flow
        if flow is None:
            return
        if flow.put and not created:
            text = self.tr("Job {0} was resubmitted and is queued to run again.").format(
                flow.job_id)
        else:
            text = self.tr("Job {0} was submitted and is queued to run.").format(flow.job_id)
        job_id = flow.job_id
        self.end()
        self.sent.emit(job_id, text)

    def _failed(self, exc: BaseException) -> None:
        flow = self.flow
        if flow is None:
            return
        if isinstance(exc, ConflictError) and not flow.put:
            self.sending = False
            self.status.emit("")
            flow.put = True
            dialogs.ask(self.window, self.tr("Job id in use"), self.tr(
                "A job called {0} already exists on the server. Resubmit it with this "
                "definition? It is replaced and runs again; results of its earlier run are "
                "discarded.").format(flow.job_id),
                on_yes=self._send, on_no=self.end, yes_text=self.tr("Resubmit"))
            return
        self.end()
        self.failed.emit(self.tr("The job was not submitted: {0}").format(describe_error(exc)))
