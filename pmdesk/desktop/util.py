"""Small helpers shared by the panels."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pmdesk.desktop import dialogs
from pmdesk.desktop.i18n import _t
from pmdesk.desktop.workers import describe_error


@contextmanager
def closing_client(client: Any) -> Iterator[Any]:
    """Closes the client's connections after a background task, whatever the client offers."""
    try:
        yield client
    finally:
        close = getattr(client, "close", None)
        if callable(close):
            close()


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
