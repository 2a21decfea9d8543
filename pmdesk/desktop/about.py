"""The About box: version, where data lives, how the key is kept."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QMessageBox, QWidget

from pmdesk import __version__
from pmdesk.desktop.i18n import _t
from pmdesk.desktop.icons import app_icon


def about_text(data_dir: str, keyring: str) -> str:
    return (
        f"<h3>PMDesk {__version__}</h3>"
        + "<p>" + _t("Run SPSS Modeler batch jobs (training, evaluation, batch scoring, "
                     "auto-refresh, scripted runs) on a local or remote service.") + "</p>"
        + "<p>" + _t("Local service data: {path}").format(path=data_dir) + "<br>"
        + _t("Secrets: {where}").format(where=keyring) + "<br>"
        + f"Python {platform.python_version()} · PySide6 {pyside_version}</p>"
        + "<p>" + _t("Licensed under the Apache License 2.0.") + "</p>"
    )


def show_about(parent: QWidget, data_dir: str, keyring: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(_t("About PMDesk"))
    box.setIconPixmap(app_icon().pixmap(64, 64))
    box.setText(about_text(data_dir, keyring))
    box.open()
    return box
