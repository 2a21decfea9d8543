"""Icons: Font Awesome glyphs through qtawesome (sharp at every DPI) and the app icon."""

from __future__ import annotations

from functools import cache

import qtawesome as qta
from PySide6.QtGui import QColor, QIcon

from pmdesk.api.models import JobState
from pmdesk.desktop.resources import resources_dir

STATE_COLORS: dict[JobState, str] = {
    JobState.PENDING: "#7a7a7a",
    JobState.RUNNING: "#1f6fd1",
    JobState.CANCELING: "#b36b00",
    JobState.CANCELED: "#8a6d3b",
    JobState.FAILED: "#c62828",
    JobState.SUCCESS: "#2e7d32",
}
_STATE_GLYPHS: dict[JobState, str] = {
    JobState.PENDING: "fa5s.hourglass-half",
    JobState.RUNNING: "fa5s.play-circle",
    JobState.CANCELING: "fa5s.stop-circle",
    JobState.CANCELED: "fa5s.ban",
    JobState.FAILED: "fa5s.times-circle",
    JobState.SUCCESS: "fa5s.check-circle",
}


def icon(name: str, color: str = "#37474f") -> QIcon:
    return _icon(name, color)


@cache
def _icon(name: str, color: str) -> QIcon:
    return qta.icon(name, color=color)


def state_icon(state: JobState) -> QIcon:
    return icon(_STATE_GLYPHS[state], STATE_COLORS[state])


def state_color(state: JobState) -> QColor:
    return QColor(STATE_COLORS[state])


def app_icon() -> QIcon:
    """The SVG plus pre-rendered PNGs, so every size Qt asks for is crisp."""
    folder = resources_dir() / "icons"
    result = QIcon()
    svg = folder / "pmdesk.svg"
    if svg.is_file():
        result.addFile(str(svg))
    for png in sorted(folder.glob("pmdesk-*.png")):
        result.addFile(str(png))
    if result.isNull():
        return icon("fa5s.project-diagram", "#1f5ea8")
    return result
