"""Preferences: poll interval, language, notifications."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pmdesk.desktop.i18n import _t


def poll_seconds(settings: QSettings) -> float:
    try:
        return max(0.5, float(settings.value("jobs/poll_seconds", 2.0)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 2.0


def notifications_on(settings: QSettings) -> bool:
    return str(settings.value("jobs/notify", "true")).lower() in ("true", "1")


class SettingsDialog(QDialog):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(_t("Settings"))
        self.interval = QDoubleSpinBox()
        self.interval.setRange(0.5, 300)
        self.interval.setDecimals(1)
        self.interval.setSuffix(" s")
        self.interval.setValue(poll_seconds(settings))
        self.interval.setAccessibleName(_t("Job status refresh interval in seconds"))
        self.language = QComboBox()
        self.language.setAccessibleName(_t("Language"))
        self.language.addItem(_t("System default"), "")
        self.language.addItem("English", "en")
        self.language.addItem("繁體中文", "zh_TW")
        current = str(settings.value("ui/language", "") or "")
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.notify = QCheckBox(_t("Notify me when a job ends"))
        self.notify.setChecked(notifications_on(settings))
        self.restart_note = QLabel(_t("A new language takes effect when PMDesk restarts."))
        self.restart_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_t("Refresh job status every"), self.interval)
        form.addRow(_t("Language"), self.language)
        form.addRow("", self.notify)
        form.addRow("", self.restart_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_t("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        self.settings.setValue("jobs/poll_seconds", self.interval.value())
        self.settings.setValue("ui/language", self.language.currentData())
        self.settings.setValue("jobs/notify", self.notify.isChecked())
        self.settings.sync()
        self.accept()
