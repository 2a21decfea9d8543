"""The JSON tab: exactly the body Submit sends, with every password shown as a mask."""

from __future__ import annotations

import json

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.api.models import JobDefinition


class JsonTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.note = QLabel(self.tr(
            "This is the job definition Submit sends. Passwords, shown as ********, are read "
            "from the keyring (or asked for) only at the moment of sending."))
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName(self.tr("Job definition JSON"))
        layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.copy_button = QPushButton(self.tr("&Copy JSON"))
        self.copy_button.setAccessibleName(self.tr("Copy JSON"))
        self.copy_button.clicked.connect(self._copy)
        row.addWidget(self.copy_button)
        layout.addLayout(row)

    def show_definition(self, masked: JobDefinition | None, problem: str | None = None) -> None:
        """masked must already be masked: this widget never sees a real password."""
        if masked is None:
            self.text.setPlainText(problem or "")
            self.copy_button.setEnabled(False)
            return
        self.text.setPlainText(json.dumps(masked.to_wire(), indent=2, ensure_ascii=False))
        self.copy_button.setEnabled(True)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
