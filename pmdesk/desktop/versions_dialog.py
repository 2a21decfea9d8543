"""The earlier versions of a stream the service keeps (AUTO_REFRESH and restores replace
the file; GET /pm/v1/file/{id}/versions, a PMDesk addition): list, download, restore."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.api.models import FileVersion
from pmdesk.desktop.context import AppContext
from pmdesk.desktop.i18n import _t
from pmdesk.desktop.icons import icon
from pmdesk.desktop.util import closing_client, human_size, local_time, show_error
from pmdesk.desktop.workers import Task, TaskRunner, describe_error

NO_VERSIONS = object()  # the server lacks the call


class VersionsDialog(QDialog):
    def __init__(self, ctx: AppContext, runner: TaskRunner, file_id: str,
                 restored: Callable[[], object] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.file_id = ctx, runner, file_id
        self.restored = restored
        self.versions: list[FileVersion] = []
        self.task: Task | None = None
        self.setWindowTitle(_t("Versions of {name}").format(name=file_id))
        self.resize(560, 320)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName(_t("Earlier versions"))
        self.tree.setHeaderLabels([_t("Version"), _t("Replaced"), _t("Size"), _t("Why")])
        self.note = QLabel(_t("Loading…"))
        self.note.setWordWrap(True)
        self.download_button = QPushButton(icon("fa5s.download"), _t("Download…"))
        self.restore_button = QPushButton(icon("fa5s.undo"), _t("Restore"))
        self.restore_button.setToolTip(_t("Make this version the current stream again (the "
                                          "current one is kept as a version)"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_t("Close"))
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.download_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.note)
        layout.addLayout(row)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.download_button.clicked.connect(self.choose_download)
        self.restore_button.clicked.connect(self.ask_restore)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._update_buttons()
        self.load()

    def selected(self) -> FileVersion | None:
        items = self.tree.selectedItems()
        return self.versions[self.tree.indexOfTopLevelItem(items[0])] if items else None

    def _update_buttons(self) -> None:
        busy = self.task is not None and not self.task.done
        chosen = self.selected() is not None
        self.download_button.setEnabled(chosen and not busy)
        self.restore_button.setEnabled(chosen and not busy)

    def _start(self, work: Callable[[Task], object], done: Callable[[object], object],
               name: str) -> Task:
        def failed(exc: BaseException) -> None:
            self.note.setText(describe_error(exc))
            self._update_buttons()

        self.task = self.runner.start(work, on_success=done, on_error=failed, name=name)
        self.task.finished.connect(self._update_buttons)
        self._update_buttons()
        return self.task

    def load(self) -> Task:
        client = self.ctx.client(timeout=15.0, retries=1)
        file_id = self.file_id

        def work(task: Task) -> object:
            from pmdesk.api.errors import NotFoundError

            with closing_client(client):
                try:
                    return client.file_versions(file_id)
                except NotFoundError as exc:
                    if "not a call" in str(exc):
                        return NO_VERSIONS
                    raise

        def done(result: object) -> None:
            self.tree.clear()
            if result is NO_VERSIONS:
                self.versions = []
                self.note.setText(_t("This server keeps no earlier versions of streams."))
                return
            assert isinstance(result, list)
            self.versions = result
            for v in result:
                item = QTreeWidgetItem([v.version, local_time(v.replaced) if v.replaced
                                        else "", human_size(v.size), v.reason or ""])
                self.tree.addTopLevelItem(item)
            for col in range(3):
                self.tree.resizeColumnToContents(col)
            self.note.setText(_t("{count} earlier version(s) kept.").format(count=len(result))
                              if result else
                              _t("No earlier versions: the stream has not been replaced."))

        return self._start(work, done, "list versions")

    def choose_download(self) -> None:
        version = self.selected()
        if version is None:
            return
        stem = Path(self.file_id)
        name, _f = QFileDialog.getSaveFileName(
            self, _t("Save version as"), f"{stem.stem}-{version.version}{stem.suffix}")
        if name:
            self.download(version, Path(name))

    def download(self, version: FileVersion, dest: Path) -> Task:
        client = self.ctx.client()
        file_id = self.file_id

        def work(task: Task) -> Path:
            with closing_client(client):
                client.download_file_version(file_id, version.version, dest,
                                             progress=task.report, cancel=task.cancel_event)
            return dest

        def done(_r: object) -> None:
            self.note.setText(_t("Saved version {version} to {path}").format(
                version=version.version, path=dest))

        return self._start(work, done, "download version")

    def ask_restore(self) -> None:
        version = self.selected()
        if version is None:
            return
        answer = QMessageBox.question(
            self, _t("Restore this version?"),
            _t("Make version {version} the current {name}? Jobs that start from now on run "
               "it; the current stream is kept as a version.").format(
                   version=version.version, name=self.file_id),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(version)

    def restore(self, version: FileVersion) -> Task:
        client = self.ctx.client()
        file_id = self.file_id

        def work(task: Task) -> None:
            with closing_client(client):
                client.restore_file_version(file_id, version.version)

        def done(_r: object) -> None:
            self.ctx.statusMessage.emit(_t("Restored version {version} of {name}").format(
                version=version.version, name=file_id))
            if self.restored is not None:
                self.restored()
            self.load()

        task = self._start(work, done, "restore version")
        task.failed.connect(lambda m: show_error(self, _t("Restore failed"), m))
        return task
