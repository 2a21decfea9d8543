"""The one dialog idiom of the app: questions and notices that never block.

Every question opens with `QDialog.open()` (window-modal, no nested event loop), so
background results keep arriving while it is shown, and the answer comes back through a
callback. Tests find what is open with `open_dialog(parent)` and press its buttons, the
same way for the editor's questions and the panels' messages.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


def _prepare(box: QDialog, title: str) -> None:
    box.setAccessibleName(title)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


def ask(parent: QWidget | None, title: str, text: str, on_yes: Callable[[], object],
        on_no: Callable[[], object] | None = None, yes_text: str | None = None,
        yes: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes,
        no: QMessageBox.StandardButton = QMessageBox.StandardButton.No,
        warning: bool = False) -> QMessageBox:
    """A Yes/No question (No is the default); exactly one of the callbacks runs.
    `warning` shows the warning icon, for questions whose Yes destroys something."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question
    box = QMessageBox(icon, title, text, yes | no, parent)
    _prepare(box, title)
    if yes_text:
        box.button(yes).setText(yes_text)
    box.setDefaultButton(no)

    def done(_: int) -> None:
        if box.standardButton(box.clickedButton()) == yes:
            on_yes()
        elif on_no is not None:
            on_no()

    box.finished.connect(done)
    box.open()
    return box


def tell(parent: QWidget | None, title: str, text: str, *, warning: bool = False,
         error: bool = False) -> QMessageBox:
    """A notice with an OK button (an error icon for a failure, a warning icon for a
    problem the user can fix)."""
    icon = (QMessageBox.Icon.Critical if error else
            QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information)
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    _prepare(box, title)
    box.open()
    return box


def show(dialog: QDialog) -> QDialog:
    """Opens any dialog of ours the same way (deleted when closed)."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def open_dialog(parent: QWidget) -> QDialog | None:
    """The dialog now open over `parent` (the newest when several are), for code and tests."""
    shown = [d for d in parent.findChildren(QDialog) if d.isVisible()]
    return shown[-1] if shown else None
