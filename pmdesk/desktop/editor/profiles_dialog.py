"""The manager of database connection profiles (Tools > Database connections...).

Analysts set a connection up once here and then pick it by name in the job editor. The
password field never shows clear text and never comes back from the keyring into the
form: it is only written (or left as it is).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pmdesk.api.drivers import DRIVERS
from pmdesk.api.models import DB_TYPES
from pmdesk.desktop import dialogs
from pmdesk.desktop.context import AppContext
from pmdesk.desktop.editor.connection_test import (
    ConnectionTestError,
    default_port,
    missing_driver,
    test_connection,
)
from pmdesk.desktop.editor.profiles import (
    SECRET_KIND,
    DbProfile,
    profile_problem,
    profile_store,
)
from pmdesk.desktop.workers import Task, TaskRunner


class ProfilesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.store = profile_store(ctx)
        self._current: str | None = None  # name of the profile in the form (None: new)
        self._dirty = False
        self._loading = False
        self.runner = TaskRunner(self, max_threads=1)
        self._worker: Task | None = None
        self.question: QMessageBox | None = None  # the open "discard changes?" question
        self.file_dialog: QFileDialog | None = None  # the open Browse... dialog
        self.setWindowTitle(self.tr("Database connections"))
        self.setAccessibleName(self.tr("Database connections"))
        self.resize(760, 480)

        outer = QVBoxLayout(self)
        if not self.store.secrets.available:
            note = QLabel(self.tr(
                "No system keyring was found: passwords you enter are kept in memory only "
                "until PMDesk closes. After that, PMDesk asks for them when you submit a job."))
            note.setWordWrap(True)
            note.setObjectName("noKeyringNotice")
            note.setAccessibleName(self.tr("Keyring notice"))
            outer.addWidget(note)
        row = QHBoxLayout()
        outer.addLayout(row, 1)

        left = QVBoxLayout()
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Connection profiles"))
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New"))
        self.new_button.setAccessibleName(self.tr("New profile"))
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.delete_button.setAccessibleName(self.tr("Delete profile"))
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        left.addLayout(buttons)
        row.addLayout(left, 1)

        form_box = QVBoxLayout()
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Profile name"))
        form.addRow(self.tr("&Name:"), self.name_edit)
        self.type_combo = QComboBox()
        self.type_combo.addItems(list(DB_TYPES))
        self.type_combo.setAccessibleName(self.tr("Database type"))
        form.addRow(self.tr("&Type:"), self.type_combo)
        self.host_edit = QLineEdit()
        self.host_edit.setAccessibleName(self.tr("Host"))
        form.addRow(self.tr("&Host:"), self.host_edit)
        self.port_spin = QSpinBox()
        self.port_spin.setRange(0, 65535)
        self.port_spin.setSpecialValueText(self.tr("default"))
        self.port_spin.setAccessibleName(self.tr("Port"))
        form.addRow(self.tr("&Port:"), self.port_spin)
        db_row = QHBoxLayout()
        self.db_edit = QLineEdit()
        self.db_edit.setAccessibleName(self.tr("Database"))
        self.browse_button = QPushButton(self.tr("&Browse..."))
        self.browse_button.setAccessibleName(self.tr("Browse for the SQLite file"))
        db_row.addWidget(self.db_edit, 1)
        db_row.addWidget(self.browse_button)
        self.db_label = QLabel(self.tr("&Database:"))
        self.db_label.setBuddy(self.db_edit)
        form.addRow(self.db_label, db_row)
        self.user_edit = QLineEdit()
        self.user_edit.setAccessibleName(self.tr("User name"))
        form.addRow(self.tr("&User name:"), self.user_edit)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Password"))
        form.addRow(self.tr("Pass&word:"), self.password_edit)
        self.save_password_check = QCheckBox(self.tr("&Save password in the system keyring"))
        self.save_password_check.setAccessibleName(self.tr("Save password"))
        form.addRow("", self.save_password_check)
        self.options_edit = QLineEdit()
        self.options_edit.setPlaceholderText(self.tr("e.g. Security=SSL"))
        self.options_edit.setAccessibleName(self.tr("Driver options"))
        form.addRow(self.tr("&Options:"), self.options_edit)
        form_box.addLayout(form)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        form_box.addWidget(self.hint_label)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setObjectName("problemLabel")
        self.problem_label.setStyleSheet("color: #b00020;")
        self.problem_label.setAccessibleName(self.tr("Profile problem"))
        form_box.addWidget(self.problem_label)
        actions = QHBoxLayout()
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setAccessibleName(self.tr("Test connection"))
        self.save_button = QPushButton(self.tr("Sa&ve profile"))
        self.save_button.setAccessibleName(self.tr("Save profile"))
        actions.addWidget(self.test_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        form_box.addLayout(actions)
        self.test_label = QLabel()
        self.test_label.setWordWrap(True)
        self.test_label.setAccessibleName(self.tr("Connection test result"))
        self.test_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form_box.addWidget(self.test_label)
        form_box.addStretch(1)
        self.form_widget = QWidget()
        self.form_widget.setLayout(form_box)
        row.addWidget(self.form_widget, 2)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        outer.addWidget(close)

        self.list.currentItemChanged.connect(self._on_select)
        self.new_button.clicked.connect(self.new_profile)
        self.delete_button.clicked.connect(self.delete_profile)
        self.save_button.clicked.connect(self.save_profile)
        self.test_button.clicked.connect(self.test_profile)
        self.browse_button.clicked.connect(self._browse)
        self.type_combo.currentTextChanged.connect(self._on_type)
        for edit in (self.name_edit, self.host_edit, self.db_edit, self.user_edit,
                     self.options_edit, self.password_edit):
            edit.textChanged.connect(self._on_edit)
        self.port_spin.valueChanged.connect(self._on_edit)
        self.save_password_check.toggled.connect(self._on_edit)
        self.store.changed.connect(self._refresh_list)

        self._refresh_list()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_profile()

    # ---- list ----------------------------------------------------------------------------

    def _refresh_list(self) -> None:
        keep = self._current
        self.list.blockSignals(True)
        self.list.clear()
        for profile in self.store.profiles():
            item = QListWidgetItem(profile.name)
            item.setToolTip(profile.summary())
            item.setData(Qt.ItemDataRole.UserRole, profile.name)
            self.list.addItem(item)
            if profile.name == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.delete_button.setEnabled(self._current is not None)

    def _on_select(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if self._dirty:
            self._show_in_list(self._current)  # stay here until the edits are settled
            self._leave(lambda: self._open(name))
            return
        self._open(name)

    def _open(self, name: str | None) -> None:
        if name is None:
            return
        self._show_in_list(name)
        profile = self.store.get(name)
        if profile is not None:
            self._load(profile)

    def _show_in_list(self, name: str | None) -> None:
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentRow(i)
        self.list.blockSignals(False)

    def select(self, name: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentRow(i)
                return

    # ---- form ----------------------------------------------------------------------------

    def _load(self, profile: DbProfile | None) -> None:
        self._loading = True
        try:
            self._current = profile.name if profile else None
            p = profile or DbProfile(name="", type="PostgreSQL")
            self.name_edit.setText(p.name)
            self.type_combo.setCurrentText(p.type)
            self.host_edit.setText(p.host)
            self.port_spin.setValue(p.port or 0)
            self.db_edit.setText(p.db)
            self.user_edit.setText(p.username)
            self.options_edit.setText(p.options)
            self.save_password_check.setChecked(p.save_password)
            self.password_edit.clear()
            self.test_label.clear()
            self._extra = dict(p.extra)
            self._on_type(self.type_combo.currentText())
        finally:
            self._loading = False
        self._dirty = False
        self._update_state()

    def form_profile(self) -> DbProfile:
        port = self.port_spin.value()
        return DbProfile(
            name=self.name_edit.text(), type=self.type_combo.currentText(),
            host=self.host_edit.text().strip(), port=port or None,
            db=self.db_edit.text().strip(), username=self.user_edit.text().strip(),
            options=self.options_edit.text().strip(),
            save_password=self.save_password_check.isChecked(),
            extra=dict(getattr(self, "_extra", {})),
        )

    def _on_type(self, db_type: str) -> None:
        sqlite = db_type == "SQLite"
        for widget in (self.host_edit, self.port_spin, self.password_edit,
                       self.save_password_check, self.user_edit):
            widget.setEnabled(not sqlite)
        self.browse_button.setVisible(sqlite)
        self.db_label.setText(self.tr("&Database file:") if sqlite else self.tr("&Database:"))
        self.db_edit.setPlaceholderText(
            self.tr("path of the .db file on the server") if sqlite else "")
        if sqlite:
            self.hint_label.setText(self.tr(
                "The job's server opens this file: give a path that exists on that machine."))
        else:
            port = default_port(db_type)
            self.hint_label.setText(
                self.tr("Leave the port at \"default\" to use {0}.").format(port) if port
                else "")
        self._on_edit()

    def _on_edit(self, *_: object) -> None:
        if self._loading:
            return
        self._dirty = True
        self._update_state()

    def _update_state(self) -> None:
        profile = self.form_profile()
        others = [n for n in self.store.names() if n != self._current]
        problem = profile_problem(profile, others)
        self.problem_label.setText(problem or "")
        self.save_button.setEnabled(problem is None and (self._dirty or self._current is None))
        self.delete_button.setEnabled(self._current is not None)
        missing = missing_driver(profile.type)
        busy = self._worker is not None
        if missing:
            self.test_button.setText(self._test_button_text(profile.type))
            self.test_button.setToolTip(missing)
            self.test_button.setEnabled(False)
        else:
            self.test_button.setText(self.tr("&Test connection"))
            self.test_button.setToolTip("")
            self.test_button.setEnabled(problem is None and not busy)
        stored = self._current is not None and self.store.password(self._current) is not None
        if profile.needs_password:
            self.password_edit.setPlaceholderText(
                self.tr("saved; type to replace") if stored
                else self.tr("not saved; asked for when a job is submitted"))
        else:
            self.password_edit.setPlaceholderText(self.tr("not used for SQLite"))

    def _test_button_text(self, db_type: str) -> str:
        driver = DRIVERS.get(db_type)
        if driver is None:
            return self.tr("Test connection: not available for {0}").format(db_type)
        return self.tr("Test connection: needs {0}").format(driver.package)

    def _browse(self) -> None:
        """An Open dialog (window-modal, no nested event loop) in the folder of the file the
        profile names now, else the home folder; the chosen file goes into the form."""
        current = Path(self.db_edit.text().strip()).expanduser() \
            if self.db_edit.text().strip() else None
        folder = next((p for p in (current, current.parent if current else None)
                       if p is not None and p.is_dir()), Path.home())
        box = QFileDialog(self, self.tr("SQLite database file"), str(folder),
                          self.tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"))
        box.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        box.setFileMode(QFileDialog.FileMode.ExistingFile)
        box.setAccessibleName(self.tr("SQLite database file"))
        if current is not None and current.is_file():
            box.selectFile(str(current))
        box.fileSelected.connect(self.db_edit.setText)
        self.file_dialog = box
        dialogs.show(box)

    # ---- actions -------------------------------------------------------------------------

    def new_profile(self) -> None:
        self._leave(self._start_new)

    def _start_new(self) -> None:
        self._show_in_list(None)
        self._load(None)
        self._loading = True  # an untouched new profile is not an unsaved edit
        self.name_edit.setText(self.store.unique_name(self.tr("New connection")))
        self._loading = False
        self._update_state()
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def save_profile(self) -> bool:
        profile = self.form_profile()
        others = [n for n in self.store.names() if n != self._current]
        problem = profile_problem(profile, others)
        if problem:
            self.problem_label.setText(problem)
            return False
        typed = self.password_edit.text()
        stored = self.store.save(profile, old_name=self._current, password=typed or None)
        self.password_edit.clear()
        if typed and profile.needs_password and profile.save_password and not stored:
            self.test_label.setText(self.tr(
                "Saved. No system keyring is available, so the password is kept only until "
                "PMDesk closes."))
        else:
            self.test_label.setText(self.tr("Saved."))
        self._current = profile.name
        self._dirty = False
        self._refresh_list()
        self.select(profile.name)
        self._update_state()
        return True

    def delete_profile(self) -> None:
        if self._current is None:
            return
        self.question = dialogs.ask(
            self, self.tr("Delete profile"),
            self.tr("Delete the connection profile {0} and its saved password? Jobs already "
                    "submitted are not affected.").format(self._current),
            on_yes=self.delete_current)

    def delete_current(self) -> None:
        """Deletes without asking (the confirmation is delete_profile's)."""
        if self._current is None:
            return
        name, self._current, self._dirty = self._current, None, False
        self.store.delete(name)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_profile()

    def _leave(self, then: Callable[[], None]) -> None:
        """Settles unsaved edits before `then`: valid ones are saved, invalid ones may be
        discarded after a (non-blocking) question."""
        if not self._dirty:
            then()
            return
        others = [n for n in self.store.names() if n != self._current]
        problem = profile_problem(self.form_profile(), others)
        if problem is None:
            self.save_profile()
            then()
            return
        def discard() -> None:
            self._dirty = False
            then()

        self.question = dialogs.ask(
            self, self.tr("Unsaved profile"), self.tr(
                "This connection profile cannot be saved: {0}\n\nDiscard your changes?"
            ).format(problem), on_yes=discard, yes=QMessageBox.StandardButton.Discard,
            no=QMessageBox.StandardButton.Cancel)

    def test_profile(self) -> None:
        """Connects in a Task; the keyring is read there too (it may wait on an unlock)."""
        if self._worker is not None:
            return
        profile = self.form_profile()
        typed = self.password_edit.text() or None
        current, secrets = self._current, self.store.secrets

        def work(_task: Task) -> str:
            password = typed or (secrets.get(SECRET_KIND, current) if current else None)
            return test_connection(profile, password)

        self.test_label.setText(self.tr("Connecting..."))
        self._worker = self.runner.start(work, on_success=self._test_done,
                                         on_error=self._test_failed, name="test connection")
        self._worker.finished.connect(self._test_finished)
        self._update_state()

    def _test_done(self, message: str) -> None:
        self.test_label.setText(message)

    def _test_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ConnectionTestError):
            self.test_label.setText(str(exc))
        else:
            self.test_label.setText(
                self.tr("The connection test failed: {0}").format(type(exc).__name__))

    def _test_finished(self, *_: object) -> None:
        self._worker = None
        self._update_state()

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def reject(self) -> None:
        self._leave(lambda: QDialog.reject(self))
