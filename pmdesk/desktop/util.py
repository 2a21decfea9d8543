"""Small helpers shared by the panels."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from pmdesk.api.client import PMClient
from pmdesk.desktop import dialogs
from pmdesk.desktop.i18n import _t
from pmdesk.desktop.workers import describe_error


@contextmanager
def closing_client(client: PMClient) -> Iterator[PMClient]:
    """The one way a background task uses a client: its connections close when it ends."""
    try:
        yield client
    finally:
        client.close()


def human_size(n: int | float | None) -> str:
    if n is None:
        return ""
    value = float(n)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TB"


def progress_words(done: object, total: object) -> str:
    if isinstance(done, int | float) and isinstance(total, int | float) and total:
        return _t("{done} of {total}").format(done=human_size(done), total=human_size(total))
    if isinstance(done, int | float):
        return human_size(done)
    return ""


def show_error(parent: Any, title: str, text: str | BaseException) -> Any:
    """A warning that does not block (no nested event loop): background results keep coming.
    An exception from a Task is put into words here, at the edge."""
    words = describe_error(text) if isinstance(text, BaseException) else text
    return dialogs.tell(parent, title, words, warning=True)


def show_info(parent: Any, title: str, text: str) -> Any:
    return dialogs.tell(parent, title, text)


def show_failure(parent: Any, title: str, text: str) -> Any:
    """A failed job or operation: the error icon, not the warning one."""
    return dialogs.tell(parent, title, text, error=True)


def local_time(ts: datetime, *, date: bool = True, seconds: bool = True) -> str:
    """A moment in the user's time zone and the format of the UI language's locale (what
    the user reads elsewhere on the desktop), not ISO 8601 in UTC."""
    from PySide6.QtCore import QDateTime, QLocale

    if ts.tzinfo is None:  # the service sends UTC; a naive value is taken as UTC too
        from datetime import UTC

        ts = ts.replace(tzinfo=UTC)
    qdt = QDateTime.fromMSecsSinceEpoch(int(ts.timestamp() * 1000)).toLocalTime()
    locale = QLocale()
    time_format = locale.timeFormat(QLocale.FormatType.ShortFormat)
    if seconds and "s" not in time_format:
        time_format = time_format.replace("mm", "mm:ss", 1)
    if not date:
        return locale.toString(qdt.time(), time_format)
    return (locale.toString(qdt.date(), QLocale.FormatType.ShortFormat) + " "
            + locale.toString(qdt.time(), time_format))


_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                  r"(?:Z|[+-]\d{2}:?\d{2})?")


def localize_timestamps(text: str) -> str:
    """Server messages carry ISO 8601 UTC timestamps; show them as local times."""

    def repl(match: re.Match[str]) -> str:
        raw = match.group(0).replace(" ", "T", 1).replace("Z", "+00:00")
        try:
            return local_time(datetime.fromisoformat(raw))
        except ValueError:
            return match.group(0)

    return _ISO.sub(repl, text)


def draw_note(painter: Any, rect: Any, text: str) -> None:
    """A centred note in an empty view, wrapped at words and, for a long URL or path with
    no space, anywhere: never cut off in the middle of a line."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QTextOption

    option = QTextOption(Qt.AlignmentFlag.AlignCenter)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    painter.drawText(QRectF(rect), text, option)
