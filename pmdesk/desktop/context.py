"""What every panel of the window shares: the current server, secrets, settings, streams.

Panels never hold a client across a server switch: they ask `client()` for a fresh one for
each background task, so a switch can never send one server's key to another.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from pmdesk.api.client import PMClient
from pmdesk.api.models import FileInfo
from pmdesk.desktop.secrets import SecretStore


class NoServerError(RuntimeError):
    """No server is selected yet (the local one is still starting, or none is configured)."""


class AppContext(QObject):
    serverChanged = Signal()  # a different server (or none) is now current
    streamsChanged = Signal()  # the Streams panel refreshed `streams`
    jobSubmitted = Signal(str)  # job id, after a successful POST/PUT
    statusMessage = Signal(str)  # a short line for the status bar

    def __init__(self, settings: QSettings, secrets: SecretStore,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.secrets = secrets
        self.server_name: str = ""
        self.server_url: str | None = None
        self._key_source: Callable[[], str] | None = None
        self.streams: list[FileInfo] = []
        self.samples_dir: Path | None = None  # sample job definitions of the local service

    def set_server(self, name: str, url: str | None, key_source: Callable[[], str] | None,
                   samples_dir: Path | None = None) -> None:
        """key_source is called at send time so the key is never copied around."""
        self.server_name, self.server_url, self._key_source = name, url, key_source
        self.samples_dir = samples_dir
        self.streams = []
        self.serverChanged.emit()
        self.streamsChanged.emit()

    @property
    def has_server(self) -> bool:
        return self.server_url is not None and self._key_source is not None

    def client(self, **kwargs: object) -> PMClient:
        if self.server_url is None or self._key_source is None:
            raise NoServerError("no server is connected yet")
        return PMClient(self.server_url, self._key_source, **kwargs)  # type: ignore[arg-type]

    def set_streams(self, streams: list[FileInfo]) -> None:
        self.streams = list(streams)
        self.streamsChanged.emit()

    @property
    def stream_ids(self) -> list[str]:
        return [s.id for s in self.streams]
