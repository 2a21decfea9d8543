"""The Table cell of inputs and exports offers the tables of the row's database.

Analysts otherwise type table names from memory and learn of a typo only when the job
fails. Listing connects to the database, and a profile's password comes from the keyring
(which may wait on an unlock), so both happen in a Task, never on the GUI thread. The last
list of each connection is shown at once while a fresh one is fetched (a job may have
created a table since).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox
from shiboken6 import isValid

from pmdesk.api.models import DbDefinition
from pmdesk.desktop.editor.definition import fingerprint
from pmdesk.desktop.editor.profiles import SECRET_KIND, DbProfileStore
from pmdesk.desktop.editor.table_check import table_names
from pmdesk.desktop.workers import Task, TaskRunner


class TableChoices(QObject):
    listed = Signal(str, list)  # connection key, table names (after each listing)
    failed = Signal(str, str)  # connection key, what went wrong (shown on the combo)

    def __init__(self, profiles: DbProfileStore, runner: TaskRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.profiles = profiles
        self.runner = runner
        self.known: dict[str, list[str]] = {}  # connection key -> its last listed tables
        self._waiting: dict[str, list[QComboBox]] = {}  # key -> open combos to fill

    def offer(self, combo: QComboBox, profile_name: str | None,
              definition: DbDefinition | None = None) -> None:
        """Fills `combo` with the tables of the profile (or of a definition that is not a
        profile, e.g. an imported job's); unknown connections are left alone."""
        if profile_name:
            profile = self.profiles.get(profile_name)
            if profile is None:
                return
            definition = profile.to_definition()
            key = f"profile:{profile_name}:{fingerprint(definition)}"
        elif definition is not None:
            definition = definition.model_copy(update={"password": None})
            key = f"definition:{fingerprint(definition)}"
        else:
            return
        if key in self.known:
            _fill(combo, self.known[key])
        waiting = self._waiting.setdefault(key, [])
        waiting.append(combo)
        if len(waiting) > 1:
            return  # a listing of this connection is already running
        line = combo.lineEdit()
        if line is not None and not self.known.get(key):
            line.setPlaceholderText(self.tr("listing the tables..."))
        secrets = self.profiles.secrets
        needs_password = bool(profile_name) and definition.type != "SQLite"
        target = definition

        def work(_task: Task) -> list[str]:
            password = secrets.get(SECRET_KIND, profile_name) \
                if needs_password and profile_name else None
            return table_names(target.model_copy(update={"password": password}))

        self.runner.start(work, on_success=lambda names: self._listed(key, names),
                          on_error=lambda exc: self._failed(key, exc),
                          on_cancel=lambda: self._waiting.pop(key, None), name="list tables")

    def _listed(self, key: str, names: list[str]) -> None:
        self.known[key] = names
        for combo in self._waiting.pop(key, []):
            _fill(combo, names)
            if isValid(combo):
                line = combo.lineEdit()
                if line is not None:
                    line.setPlaceholderText(
                        "" if names else self.tr("no tables yet: type a name"))
        self.listed.emit(key, names)

    def _failed(self, key: str, exc: BaseException) -> None:
        lines = str(exc).strip().splitlines()
        words = self.tr("The tables could not be listed from here: {0}").format(
            lines[0][:300] if lines else type(exc).__name__)
        for combo in self._waiting.pop(key, []):
            if isValid(combo):
                combo.setToolTip(words)
                line = combo.lineEdit()
                if line is not None:
                    line.setPlaceholderText(self.tr("type the table's name"))
        self.failed.emit(key, words)


def _fill(combo: QComboBox, names: list[str]) -> None:
    """Adds the names the combo lacks, keeping what the user typed."""
    if not isValid(combo):
        return  # the cell's editor closed before the list came
    text = combo.currentText()
    present = {combo.itemText(i) for i in range(combo.count())}
    combo.addItems([n for n in names if n not in present])
    combo.setEditText(text)
