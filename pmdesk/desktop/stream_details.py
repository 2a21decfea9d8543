"""Describing a stream on the server: download once, read it, keep what was read.

The one stream cache of the app: a copy on disk per (server, id, size, upload time), so
reopening the editor does not download again, and the StreamInfo in memory for as long as
that copy is current. Work runs as a Task; answers come back as signals on the GUI thread.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

import platformdirs
from PySide6.QtCore import QObject, Signal

from pmdesk.api.client import PMClient
from pmdesk.api.models import FileInfo
from pmdesk.desktop.context import AppContext
from pmdesk.desktop.util import closing_client
from pmdesk.desktop.workers import TaskRunner
from pmdesk.streams.describe import describe
from pmdesk.streams.info import StreamInfo


def stream_cache_dir() -> Path:
    """Where described streams are kept.

    PMDESK_CACHE_DIR wins; a PMDESK_CONFIG_DIR (portable or test set-ups) keeps the cache
    beside the settings; otherwise the user's cache folder.
    """
    if env := os.environ.get("PMDESK_CACHE_DIR"):
        return Path(env) / "streams"
    if env := os.environ.get("PMDESK_CONFIG_DIR"):
        return Path(env) / "cache" / "streams"
    return Path(platformdirs.user_cache_dir("PMDesk", appauthor=False)) / "streams"


def cache_path(server_url: str | None, file_id: str, info: FileInfo | None) -> Path:
    """The cached copy of this version of the stream (its size and time are in the key)."""
    size, uploaded = (info.size, info.uploaded) if info is not None else (None, None)
    stamp = f"{file_id}|{size}|{uploaded}"
    server = hashlib.sha256(str(server_url).encode()).hexdigest()[:16]
    key = hashlib.sha256(stamp.encode()).hexdigest()[:16]
    return stream_cache_dir() / server / key / file_id


def fetch_and_describe(client: Callable[[], PMClient], file_id: str, dest: Path, fresh: bool,
                       cancel: threading.Event) -> StreamInfo:
    """Runs in a Task: the stream's StreamInfo, downloading it unless a copy is cached."""
    if fresh or not dest.is_file():
        dest.parent.mkdir(parents=True, exist_ok=True)
        part = dest.with_name(dest.name + ".part")
        with closing_client(client()) as c:
            c.download_file(file_id, part, cancel=cancel)
        part.replace(dest)
    return describe(dest)


_memory: dict[Path, StreamInfo] = {}  # cache path -> what was read from it (GUI thread)


class StreamDescriber(QObject):
    """Describes the stream with a given id on the context's current server."""

    described = Signal(str, object, object)  # file id, StreamInfo, cached path
    failed = Signal(str, object)  # file id, the exception

    def __init__(self, ctx: AppContext, runner: TaskRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.running: str | None = None

    def path_for(self, file_id: str) -> Path:
        info = next((s for s in self.ctx.streams if s.id == file_id), None)
        return cache_path(self.ctx.server_url, file_id, info)

    def start(self, file_id: str) -> None:
        """Answers at once from memory; else reads (and if needed downloads) in a Task."""
        dest = self.path_for(file_id)
        if dest in _memory and dest.is_file():
            self.described.emit(file_id, _memory[dest], dest)
            return
        if self.running == file_id:
            return
        info = next((s for s in self.ctx.streams if s.id == file_id), None)
        # Without a size or time from the server a cached copy may be stale: fetch again.
        fresh = info is None or (info.size is None and info.uploaded is None)
        self.running = file_id
        client = self.ctx.client

        def done(result: object) -> None:
            assert isinstance(result, StreamInfo)
            _memory[dest] = result
            self._ended(file_id)
            self.described.emit(file_id, result, dest)

        def error(exc: BaseException) -> None:
            self._ended(file_id)
            self.failed.emit(file_id, exc)

        task = self.runner.start(
            lambda t: fetch_and_describe(client, file_id, dest, fresh, t.cancel_event),
            on_success=done, on_error=error, name=f"describe {file_id}")
        task.cancelled.connect(lambda: self._ended(file_id))

    def _ended(self, file_id: str) -> None:
        if self.running == file_id:
            self.running = None

    def forget(self) -> None:
        """Another server: an answer still coming is for the old one."""
        self.running = None

