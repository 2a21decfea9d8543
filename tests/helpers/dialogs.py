"""Answering the app's questions the way a user does, for every window the same way.

Questions open without a nested event loop (pmdesk.desktop.dialogs), so a test finds the
one open over a widget and presses a button; nothing is patched.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from pmdesk.desktop.dialogs import open_dialog


def answer(parent: QWidget, button: QMessageBox.StandardButton) -> str:
    """Presses `button` on the question open over `parent`; returns the question's text."""
    box = open_dialog(parent)
    assert isinstance(box, QMessageBox), f"expected a question over {parent!r}, got {box!r}"
    text = box.text()
    box.button(button).click()
    return text
