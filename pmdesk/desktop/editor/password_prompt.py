"""Asking for database passwords at submit time, when none is stored for a connection.

Used when no keyring backend exists, when a profile's "save password" is off, and for
connections imported without a profile. What the user types is kept in memory only.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class PasswordPrompt(QDialog):
    """entries: (key, label) per connection; `passwords()` maps key -> what was typed."""

    def __init__(self, entries: list[tuple[str, str]], notice: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Database passwords"))
        self.setAccessibleName(self.tr("Database passwords"))
        layout = QVBoxLayout(self)
        if notice:
            note = QLabel(notice)
            note.setWordWrap(True)
            note.setObjectName("noKeyringNotice")
            note.setAccessibleName(self.tr("Keyring notice"))
            layout.addWidget(note)
        intro = QLabel(self.tr(
            "The job needs these passwords to reach its databases. They are sent with this "
            "job only and kept in memory until PMDesk closes. Leave a field empty if that "
            "database needs no password."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for key, label in entries:
            edit = QLineEdit()
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(self.tr("Password for {0}").format(label))
            edit.setObjectName(f"password:{key}")
            form.addRow(label, edit)
            self.edits[key] = edit
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Submit"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        if self.edits:
            next(iter(self.edits.values())).setFocus()

    def passwords(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.edits.items()}

    def clear(self) -> None:
        """Forget what was typed once it has been handed over."""
        for edit in self.edits.values():
            edit.clear()
