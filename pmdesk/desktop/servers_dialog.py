"""The server profiles manager: add, edit and remove remote servers (keys go to the keyring)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.desktop.i18n import _t
from pmdesk.desktop.icons import icon
from pmdesk.desktop.secrets import SecretStore
from pmdesk.desktop.servers import LOCAL, ProfileStore, ServerProfile
from pmdesk.desktop.util import closing_client
from pmdesk.desktop.workers import Task, TaskRunner, describe_error


def url_problem(url: str) -> str | None:
    parts = urlparse(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return _t("Give the server's address, like https://server.example.com:8443")
    return None


class ServersDialog(QDialog):
    def __init__(self, store: ProfileStore, secrets: SecretStore,
                 parent: QWidget | None = None, *, current: str | None = None,
                 local: tuple[str, Callable[[], str]] | None = None) -> None:
        """current: the profile to open on (the server in use); local: the running local
        service's URL and key source, so it can be tested too."""
        super().__init__(parent)
        self.runner = TaskRunner(self, max_threads=1)
        self.local_target = local
        self.test_task: Task | None = None
        self.setWindowTitle(_t("Servers"))
        self.resize(620, 340)
        self.store, self.secrets = store, secrets
        self.profiles = store.profiles()
        self.keys: dict[str, str] = {}
        self.removed: list[str] = []
        self.renamed: dict[str, str] = {}

        self.list = QListWidget()
        self.list.setAccessibleName(_t("Server profiles"))
        self.add_button = QPushButton(icon("fa5s.plus"), _t("Add"))
        self.remove_button = QPushButton(icon("fa5s.minus"), _t("Remove"))
        self.name = QLineEdit()
        self.name.setAccessibleName(_t("Profile name"))
        self.url = QLineEdit()
        self.url.setAccessibleName(_t("Server address"))
        self.url.setPlaceholderText("https://server.example.com:8443")
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setAccessibleName(_t("Access key"))
        self.key.setPlaceholderText(_t("unchanged"))
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.setWordWrap(True)
        note = (_t("Access keys are stored in the system keyring.") if secrets.available else
                _t("No system keyring is available: access keys are kept only until PMDesk "
                   "closes."))
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.test_button = QPushButton(icon("fa5s.plug"), _t("Test connection"))
        self.test_button.setToolTip(_t("Ask the server with this address and key whether "
                                       "it answers"))
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setAccessibleName(_t("Connection test result"))
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(_t("Name"), self.name)
        form.addRow(_t("Address"), self.url)
        form.addRow(_t("Access key"), self.key)
        form.addRow(self.problem)
        form.addRow(self.test_button)
        form.addRow(self.test_result)
        form.addRow(self.note)
        self.form_box = QWidget()
        self.form_box.setLayout(form)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        left.addLayout(row)
        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addWidget(self.form_box, 2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_t("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.buttons)

        for p in self.profiles:
            self._add_item(p)
        self.list.currentRowChanged.connect(self._load)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.name.textEdited.connect(self._store_form)
        self.url.textEdited.connect(self._store_form)
        self.key.textEdited.connect(self._store_form)
        self.test_button.clicked.connect(self.test_connection)
        self.finished.connect(lambda _r: self.runner.shutdown(5000))
        names = [p.name for p in self.profiles]
        self.list.setCurrentRow(names.index(current) if current in names else 0)

    def _add_item(self, p: ServerProfile) -> None:
        text = _t("Local (this computer)") if p.is_local else p.name
        item = QListWidgetItem(icon("fa5s.desktop" if p.is_local else "fa5s.server"), text)
        self.list.addItem(item)

    def _current(self) -> ServerProfile | None:
        row = self.list.currentRow()
        return self.profiles[row] if 0 <= row < len(self.profiles) else None

    def _load(self, row: int) -> None:
        p = self._current()
        local = p is None or p.is_local
        for w in (self.name, self.url, self.key):
            w.setEnabled(not local)
        self.remove_button.setEnabled(not local)
        self.name.setText(p.name if p else "")
        self.url.setText(_t("started by PMDesk on this computer") if local else p.url
                         if p else "")
        self.key.setText(self.keys.get(p.name, "") if p else "")
        stored = p is not None and not local and self._has_stored_key(p.name)
        self.key.setPlaceholderText(_t("unchanged") if stored else "")
        self.test_result.setText("")
        self.test_button.setEnabled(not local or self.local_target is not None)
        self._validate()

    def _store_form(self) -> None:
        p = self._current()
        if p is None or p.is_local:
            return
        old = p.name
        p.name, p.url = self.name.text().strip(), self.url.text().strip()
        if self.key.text():
            self.keys[p.name] = self.key.text()
        if old != p.name:
            self.keys.pop(old, None) if not self.key.text() else None
            self.renamed[p.name] = self.renamed.pop(old, old)
        item = self.list.currentItem()
        if item is not None:
            item.setText(p.name or _t("(unnamed)"))
        self._validate()

    def _has_stored_key(self, name: str) -> bool:
        return bool(self.secrets.get("server", self.renamed.get(name, name)))

    def _validate(self) -> bool:
        problem = None
        names = [p.name for p in self.profiles]
        for p in self.profiles:
            if p.is_local:
                continue
            if not p.name:
                problem = _t("Every server needs a name.")
            elif names.count(p.name) > 1 or p.name == LOCAL:
                problem = _t("The name “{name}” is used twice.").format(name=p.name)
            elif (u := url_problem(p.url)) is not None:
                problem = f"{p.name}: {u}"
            elif p.name not in self.keys and not self._has_stored_key(p.name):
                problem = _t("{name}: enter the access key.").format(name=p.name)
            if problem:
                break
        self.problem.setText(problem or "")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(problem is None)
        return problem is None

    def test_connection(self) -> Task | None:
        """One request with what the form holds now (unsaved edits included), plus the
        service's cluster state when it reports one (GET /pm/v1/cluster, an addition)."""
        p = self._current()
        if p is None:
            return None
        if p.is_local:
            if self.local_target is None:
                return None
            url, key_source = self.local_target
            key = key_source()
        else:
            url = p.url.strip()
            key = self.keys.get(p.name) or self.secrets.get(
                "server", self.renamed.get(p.name, p.name)) or ""
            problem = url_problem(url)
            if problem or not key:
                self.test_result.setText(problem or _t("Enter the access key first."))
                return None
        self.test_button.setEnabled(False)
        self.test_result.setText(_t("Testing…"))

        def work(task: Task) -> object:
            from pmdesk.api.client import PMClient
            from pmdesk.api.errors import NotFoundError

            client = PMClient(url.rstrip("/"), key, timeout=10.0, retries=0)
            with closing_client(client):
                client.ping()
                try:
                    return client._get_json("/pm/v1/cluster")
                except NotFoundError:
                    return None  # the service does not say: nothing to show

        def done(cluster: object) -> None:
            self.test_button.setEnabled(True)
            text = _t("The server answered and accepted the key.")
            if isinstance(cluster, dict):
                text += "\n" + cluster_words(cluster)
            self.test_result.setText(text)

        def failed(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            self.test_result.setText(describe_error(exc))

        self.test_task = self.runner.start(work, on_success=done, on_error=failed,
                                           name="test connection")
        return self.test_task

    def add(self) -> None:
        n = 1
        while f"Server {n}" in [p.name for p in self.profiles]:
            n += 1
        p = ServerProfile(f"Server {n}", "https://")
        self.profiles.append(p)
        self._add_item(p)
        self.list.setCurrentRow(len(self.profiles) - 1)
        self.url.setFocus()
        self.url.deselect()
        self.url.end(False)

    def remove(self) -> None:
        row = self.list.currentRow()
        p = self._current()
        if p is None or p.is_local:
            return
        self.removed.append(self.renamed.pop(p.name, p.name))
        del self.profiles[row]
        self.list.takeItem(row)
        self._validate()

    def save(self) -> None:
        if not self._validate():
            return
        for old in self.removed:
            self.secrets.delete("server", old)
        for new, old in self.renamed.items():
            if old != new and new not in self.keys:
                self.secrets.rename("server", old, new)
        for name, key in self.keys.items():
            self.secrets.set("server", name, key)
        self.store.save(self.profiles)
        self.accept()

    def keyPressEvent(self, event: object) -> None:  # Enter in a field must not close
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return,
                                                            Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]


def cluster_words(state: dict[str, Any]) -> str:
    """GET /pm/v1/cluster in a sentence or two: where jobs run and in what state."""
    executor = str(state.get("executor") or "")
    workers = state.get("workers")
    lines = []
    if executor in ("dask", "cluster") or state.get("scheduler"):
        where = str(state.get("scheduler") or state.get("address") or "")
        lines.append(_t("Jobs run on a Dask cluster {where}").format(where=where).strip())
    elif executor:
        lines.append(_t("Jobs run in worker processes of the service ({executor})").format(
            executor=executor))
    if isinstance(workers, list):
        states: dict[str, int] = {}
        for w in workers:
            key = str(w.get("state", "?")) if isinstance(w, dict) else "?"
            states[key] = states.get(key, 0) + 1
        detail = ", ".join(f"{n} {k}" for k, n in sorted(states.items()))
        lines.append(_t("{count} worker(s)").format(count=len(workers))
                     + (f" ({detail})" if detail else ""))
    elif isinstance(workers, int):
        lines.append(_t("{count} worker(s)").format(count=workers))
    if state.get("runningJobs") is not None:
        lines.append(_t("{count} job(s) running").format(count=state["runningJobs"]))
    if state.get("message"):
        lines.append(str(state["message"]))
    return "\n".join(lines)
