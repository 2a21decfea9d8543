"""The Streams panel: the server's stream files, drag-and-drop upload, download, delete, details."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.api.ids import id_problem
from pmdesk.api.models import Action, FileInfo, JobState
from pmdesk.desktop import dialogs
from pmdesk.desktop.context import AppContext
from pmdesk.desktop.i18n import _t
from pmdesk.desktop.icons import icon
from pmdesk.desktop.stream_details import StreamDescriber
from pmdesk.desktop.stream_diagram import StreamDiagram
from pmdesk.desktop.util import (
    closing_client,
    draw_note,
    human_size,
    local_time,
    progress_words,
    show_error,
    show_info,
)
from pmdesk.desktop.workers import Task, TaskRunner, describe_error
from pmdesk.streams.info import StreamInfo

log = logging.getLogger(__name__)


class StreamsList(QTreeWidget):
    """The list of streams; accepts files dropped from the file manager on its viewport."""

    filesDropped = Signal(list)  # list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setAlternatingRowColors(True)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_text = ""
        self._drag_over = False

    @staticmethod
    def _local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._local_files(event):
            self._drag_over = True
            self.viewport().update()
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: Any) -> None:
        self._drag_over = False
        self.viewport().update()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self._drag_over = False
        self.viewport().update()
        files = [p for p in self._local_files(event) if p.is_file()]
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.filesDropped.emit(files)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if (self.topLevelItemCount() == 0 and self.empty_text) or self._drag_over:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            rect = self.viewport().rect().adjusted(16, 16, -16, -16)
            text = _t("Drop to upload") if self._drag_over else self.empty_text
            draw_note(painter, rect, text)
            painter.end()


class UploadDialog(QDialog):
    """Confirms the file id of each file to upload; ids are validated as they are typed."""

    def __init__(self, files: list[Path], existing: list[str], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("Upload streams"))
        self.files = files
        self.existing = set(existing)
        layout = QVBoxLayout(self)
        intro = QLabel(_t("Each stream is stored on the server under a file id, which job "
                          "definitions use to refer to it. You can change the id."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>" + _t("File") + "</b>"), 0, 0)
        grid.addWidget(QLabel("<b>" + _t("File id") + "</b>"), 0, 1)
        self.edits: list[QLineEdit] = []
        self.notes: list[QLabel] = []
        for i, path in enumerate(files):
            name = QLabel(path.name)
            name.setToolTip(str(path))
            edit = QLineEdit(path.name)
            edit.setAccessibleName(_t("File id for {name}").format(name=path.name))
            edit.setMinimumWidth(260)
            note = QLabel()
            note.setWordWrap(True)
            edit.textChanged.connect(self._validate)
            grid.addWidget(name, 1 + 2 * i, 0)
            grid.addWidget(edit, 1 + 2 * i, 1)
            grid.addWidget(note, 2 + 2 * i, 1)
            self.edits.append(edit)
            self.notes.append(note)
        layout.addLayout(grid)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_t("Upload"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._validate()

    def _validate(self) -> None:
        ok = True
        seen: set[str] = set()
        for edit, note in zip(self.edits, self.notes, strict=True):
            value = edit.text()
            problem = id_problem(value, "file id")
            if problem is None and value in seen:
                problem = _t("the same id is used twice")
            seen.add(value)
            if problem:
                ok = False
                note.setText(_t("Not a valid id: {problem}").format(problem=problem))
                note.setStyleSheet("color: #c62828;")
            elif value in self.existing:
                note.setText(_t("A stream with this id exists and will be replaced."))
                note.setStyleSheet("color: #b36b00;")
            else:
                note.setText("")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def choices(self) -> list[tuple[Path, str]]:
        return [(p, e.text()) for p, e in zip(self.files, self.edits, strict=True)]


class TransferRow(QFrame):
    """One upload or download: what, how far, and a Cancel button."""

    def __init__(self, text: str, task: Task, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task = task
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.label = QLabel(text)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(True)
        self.bar.setAccessibleName(text)
        self.cancel_button = QToolButton()
        self.cancel_button.setIcon(icon("fa5s.times"))
        self.cancel_button.setToolTip(_t("Cancel"))
        self.cancel_button.setAccessibleName(_t("Cancel"))
        self.cancel_button.clicked.connect(task.cancel)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        task.progress.connect(self.on_progress)

    def on_progress(self, done: object, total: object) -> None:
        if isinstance(done, int) and isinstance(total, int) and total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * done / total))
        self.bar.setFormat(progress_words(done, total))


class StreamsPanel(QWidget):
    uploaded = Signal(str)  # file id, after a successful upload
    newJobRequested = Signal(str)  # file id

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.transfers: list[TransferRow] = []
        self.upload_dialog: UploadDialog | None = None
        self._refreshing: Task | None = None
        self.describer = StreamDescriber(ctx, runner, self)  # the app's one stream cache
        self.describer.described.connect(self._described)
        self.describer.failed.connect(self._describe_failed)
        self.last_error = ""
        self._filled_once = False
        # set by the window: ids of unfinished jobs that use a stream (for the delete warning)
        self.jobs_using: Callable[[str], list[str]] | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.upload_button = self._button("fa5s.upload", _t("Upload…"),
                                          _t("Upload stream files to the server (Ctrl+U)"))
        self.download_button = self._button("fa5s.download", "",
                                            _t("Save the selected stream to a file"))
        self.delete_button = self._button("fa5s.trash-alt", "",
                                          _t("Delete the selected streams from the server"))
        self.new_job_button = self._button("fa5s.play", _t("New job"),
                                           _t("Define a job that runs the selected stream"))
        self.refresh_button = self._button("fa5s.sync-alt", "", _t("Reload the list (F5)"))
        self.versions_button = self._button("fa5s.history", "",
                                            _t("Earlier versions of the selected stream "
                                               "(download, restore)"))
        for b in (self.upload_button, self.download_button, self.versions_button,
                  self.delete_button, self.new_job_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)

        self.list = StreamsList()
        self.list.setAccessibleName(_t("Streams on the server"))
        self.list.setHeaderLabels([_t("Stream"), _t("Size"), _t("Uploaded")])
        self.list.empty_text = _t("No streams yet: drop a Modeler stream here")
        self.list.filesDropped.connect(self.ask_upload)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.itemDoubleClicked.connect(lambda *_: self._emit_new_job())
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        delete_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete_key.activated.connect(self.delete_selected)

        self.transfer_box = QVBoxLayout()
        self.transfer_box.setContentsMargins(0, 0, 0, 0)
        transfers = QWidget()
        transfers.setLayout(self.transfer_box)

        self.details = QTabWidget()
        self.details.setAccessibleName(_t("Stream details"))
        self.details_note = QLabel(_t("Select a stream to see its nodes."))
        self.details_note.setWordWrap(True)
        self.details_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nodes = QTreeWidget()
        self.nodes.setHeaderLabels([_t("Node"), _t("Kind")])
        self.nodes.setRootIsDecorated(False)
        self.nodes.setAccessibleName(_t("Nodes of the stream"))
        self.diagram: Any = None
        self._shown: tuple[str, object] | None = None  # (id, cached copy) on display
        self.diagram_box: QWidget | None = None
        self.details.addTab(self.details_note, _t("Diagram"))
        self.details.addTab(self.nodes, _t("Nodes"))

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.list, 1)
        top_layout.addWidget(transfers)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)

        self.upload_button.clicked.connect(self.choose_files)
        self.download_button.clicked.connect(self.download_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.new_job_button.clicked.connect(self._emit_new_job)
        self.refresh_button.clicked.connect(self.refresh)
        self.versions_button.clicked.connect(self.show_versions)
        self.versions_dialog: Any = None
        ctx.serverChanged.connect(self._server_changed)
        self._server_changed()

    def _button(self, glyph: str, text: str, tip: str) -> QToolButton:
        b = QToolButton()
        b.setIcon(icon(glyph))
        b.setIconSize(QSize(16, 16))
        if text:
            b.setText(text)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        b.setToolTip(tip)
        b.setAccessibleName(text.rstrip("…") or tip)
        return b

    # ---- listing
    def _server_changed(self) -> None:
        self.describer.forget()
        self._filled_once = False
        self.list.clear()
        self._set_details(None, _t("Select a stream to see its nodes."))
        has = self.ctx.has_server
        for b in (self.upload_button, self.refresh_button):
            b.setEnabled(has)
        self.list.empty_text = (_t("No streams yet: drop a Modeler stream here") if has
                                else _t("Waiting for the server…"))
        self._selection_changed()
        if has:
            self.refresh()

    def refresh(self) -> None:
        if not self.ctx.has_server:
            return
        if self._refreshing is not None:
            self._refreshing.cancel()
        client = self.ctx.client(timeout=15.0, retries=1)
        server = self.ctx.server_url

        def work(task: Task) -> list[FileInfo]:
            with closing_client(client):
                return list(client.list_files())

        def done(files: object) -> None:
            if server != self.ctx.server_url:
                return
            assert isinstance(files, list)
            self.last_error = ""
            self.ctx.set_streams(files)
            self._fill(files)

        def error(exc: BaseException) -> None:
            message = describe_error(exc)
            self.last_error = message
            self.list.empty_text = _t("Could not list the streams: {message}").format(
                message=message)
            self.list.viewport().update()
            self.ctx.statusMessage.emit(_t("Could not list the streams"))  # details: in the list

        self._refreshing = self.runner.start(work, on_success=done, on_error=error,
                                             name="list streams")
        self._refreshing.finished.connect(self._refresh_finished)

    def _refresh_finished(self) -> None:
        if self._refreshing is not None and self._refreshing.done:
            self._refreshing = None

    def _fill(self, files: list[FileInfo]) -> None:
        selected = set(self.selected_ids())
        self.list.setSortingEnabled(False)
        self.list.clear()
        for f in files:
            item = QTreeWidgetItem([f.id, human_size(f.size), _when(f.uploaded)])
            item.setIcon(0, icon("fa5s.project-diagram", "#1f5ea8"))
            item.setData(0, Qt.ItemDataRole.UserRole, f.id)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, f.id)
            self.list.addTopLevelItem(item)
            if f.id in selected:
                item.setSelected(True)
        self.list.setSortingEnabled(True)
        if not self._filled_once and not selected and self.list.topLevelItemCount():
            first = self.list.topLevelItem(0)
            if first is not None:
                first.setSelected(True)  # a newcomer sees a stream's nodes and "New job" at once
        self._filled_once = True
        self.list.empty_text = _t("No streams yet: drop a Modeler stream here")
        self.list.viewport().update()

    def stream_ids_listed(self) -> list[str]:
        items = (self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount()))
        return [str(item.data(0, Qt.ItemDataRole.UserRole)) for item in items if item]

    def selected_ids(self) -> list[str]:
        return [str(i.data(0, Qt.ItemDataRole.UserRole)) for i in self.list.selectedItems()]

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        self.download_button.setEnabled(len(ids) == 1)
        self.versions_button.setEnabled(len(ids) == 1)
        self.delete_button.setEnabled(bool(ids))
        self.new_job_button.setEnabled(len(ids) == 1)
        if len(ids) == 1:
            QTimer.singleShot(0, self, lambda: self._show_details(ids[0]))

    def job_finished(self, job: Any) -> None:
        """An AUTO_REFRESH that succeeded replaced its stream on the server: show the new
        one (list, size, time, nodes) without waiting for a Refresh."""
        state = job.status.jobStatus if job.status else None
        if job.action == Action.AUTO_REFRESH and state == JobState.SUCCESS:
            self.refresh()  # the describer's cache is keyed by size and time: no stale copy

    def show_versions(self) -> Any:
        ids = self.selected_ids()
        if len(ids) != 1 or not self.ctx.has_server:
            return None
        from pmdesk.desktop.versions_dialog import VersionsDialog

        dialog = VersionsDialog(self.ctx, self.runner, ids[0], restored=self.refresh,
                                parent=self)
        self.versions_dialog = dialog
        dialog.destroyed.connect(lambda *_: setattr(self, "versions_dialog", None))
        dialog.show()
        return dialog

    def _context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is not None and not item.isSelected():
            self.list.clearSelection()
            item.setSelected(True)
        self.context_menu().popup(self.list.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        """The stream actions of the tool bar, on the stream under the mouse."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for button, text in ((self.new_job_button, _t("New job")),
                             (self.download_button, _t("Download…")),
                             (self.versions_button, _t("Versions…")),
                             (self.delete_button, _t("Delete")),
                             (self.upload_button, _t("Upload…")),
                             (self.refresh_button, _t("Refresh"))):
            act = menu.addAction(button.icon(), text)
            act.setEnabled(button.isEnabled())
            act.triggered.connect(button.click)
        self.last_menu = menu
        return menu

    def _emit_new_job(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.newJobRequested.emit(ids[0])

    # ---- upload
    def choose_files(self) -> None:
        start = self.ctx.samples_dir if self.ctx.samples_dir and self.ctx.samples_dir.is_dir() \
            else ""
        names, _filter = QFileDialog.getOpenFileNames(
            self, _t("Upload streams"), str(start),
            _t("Modeler streams (*.str *.pmstream);;All files (*)"))
        if names:
            self.ask_upload([Path(n) for n in names])

    def ask_upload(self, files: list[Path]) -> None:
        if not self.ctx.has_server:
            show_info(self, _t("Upload streams"),
                                    _t("No server is connected yet; try again in a moment."))
            return
        dialog = UploadDialog(files, self.stream_ids_listed(), self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.upload_dialog = dialog
        dialog.accepted.connect(lambda: self._upload_chosen(dialog.choices()))
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: UploadDialog) -> None:
        if self.upload_dialog is dialog:
            self.upload_dialog = None
        dialog.deleteLater()

    def _upload_chosen(self, choices: list[tuple[Path, str]]) -> None:
        existing = set(self.stream_ids_listed())
        replacing = [fid for _p, fid in choices if fid in existing]
        def start(chosen: list[tuple[Path, str]]) -> None:
            for path, file_id in chosen:
                self.upload(path, file_id)

        if not replacing:
            start(choices)
            return
        dialogs.ask(
            self, _t("Replace streams?"),
            _t("These streams already exist on the server and will be replaced:\n{ids}\n\n"
               "Jobs that use them will run the new version. Replace them?")
            .format(ids="\n".join(replacing)),
            on_yes=lambda: start(choices),
            on_no=lambda: start([(p, f) for p, f in choices if f not in existing]))

    def upload(self, path: Path, file_id: str) -> Task:
        client = self.ctx.client()

        def work(task: Task) -> str:
            with closing_client(client):
                client.upload_file(file_id, path, progress=task.report, cancel=task.cancel_event)
            return file_id

        task = self.runner.start(work, name=f"upload {file_id}")
        row = self._add_transfer(_t("Uploading {name}").format(name=file_id), task)

        def done(_result: object) -> None:
            self.ctx.statusMessage.emit(_t("Uploaded {name}").format(name=file_id))
            self.uploaded.emit(file_id)
            self.refresh()

        def error(exc: BaseException) -> None:
            message = describe_error(exc)
            show_error(self, _t("Upload failed"),
                                _t("Could not upload {name}: {message}").format(
                                    name=file_id, message=message))

        def cancelled() -> None:
            self.ctx.statusMessage.emit(_t("Upload of {name} cancelled").format(name=file_id))
            self.refresh()

        task.succeeded.connect(done)
        task.failed.connect(error)
        task.cancelled.connect(cancelled)
        task.finished.connect(lambda: self._remove_transfer(row))
        return task

    def _add_transfer(self, text: str, task: Task) -> TransferRow:
        row = TransferRow(text, task)
        self.transfer_box.addWidget(row)
        self.transfers.append(row)
        return row

    def _remove_transfer(self, row: TransferRow) -> None:
        if row in self.transfers:
            self.transfers.remove(row)
        self.transfer_box.removeWidget(row)
        row.deleteLater()

    # ---- download and delete
    def download_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        file_id = ids[0]
        name, _f = QFileDialog.getSaveFileName(self, _t("Save stream as"), file_id)
        if name:
            self.download(file_id, Path(name))

    def download(self, file_id: str, dest: Path) -> Task:
        client = self.ctx.client()

        def work(task: Task) -> Path:
            with closing_client(client):
                client.download_file(file_id, dest, progress=task.report,
                                     cancel=task.cancel_event)
            return dest

        task = self.runner.start(work, name=f"download {file_id}")
        row = self._add_transfer(_t("Downloading {name}").format(name=file_id), task)
        task.succeeded.connect(lambda _r: self.ctx.statusMessage.emit(
            _t("Saved {name} to {path}").format(name=file_id, path=dest)))
        task.failed.connect(lambda m: show_error(
            self, _t("Download failed"),
            _t("Could not download {name}: {message}").format(name=file_id,
                                                             message=describe_error(m))))
        task.finished.connect(lambda: self._remove_transfer(row))
        return task

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        text = _t("Delete these streams from the server?\n{ids}\n\n"
                  "Pending jobs that use them will fail.").format(ids="\n".join(ids))
        affected = [j for sid in ids for j in (self.jobs_using(sid) if self.jobs_using else [])]
        if affected:
            text += "\n\n" + _t("Jobs waiting or running on them now: {jobs}").format(
                jobs=", ".join(affected))
        dialogs.ask(self, _t("Delete streams?"), text, warning=True,
                    on_yes=lambda: self._delete(ids))

    def _delete(self, ids: list[str]) -> None:
        client = self.ctx.client()

        def work(task: Task) -> list[str]:
            failures = []
            with closing_client(client):
                for fid in ids:
                    try:
                        client.delete_file(fid)
                    except Exception as exc:  # report each stream, keep deleting the others
                        failures.append(f"{fid}: {describe_error(exc)}")
            return failures

        def done(failures: object) -> None:
            assert isinstance(failures, list)
            if failures:
                show_error(self, _t("Delete failed"),
                                    _t("Some streams could not be deleted:\n{list}").format(
                                        list="\n".join(failures)))
            else:
                self.ctx.statusMessage.emit(_t("Deleted {count} stream(s)").format(
                    count=len(ids)))
            self.refresh()

        self.runner.start(work, on_success=done, on_error=lambda m: show_error(
            self, _t("Delete failed"), m), name="delete streams")

    # ---- details
    def _set_details(self, info: Any, note: str = "") -> None:
        if info is None:
            self._shown = None
        self.nodes.clear()
        if self.diagram is not None:
            self.diagram.set_stream(info)
        if info is None:
            self.details_note.setText(note)
            if self.diagram is not None:
                self.details.removeTab(0)
                self.details.insertTab(0, self.details_note, _t("Diagram"))
                if self.diagram_box is not None:
                    self.diagram_box.deleteLater()
                self.diagram = self.diagram_box = None
            return
        for node in info.nodes:
            item = QTreeWidgetItem([node.label, _kind_text(str(node.kind))])
            if node.id == info.scoring_terminal:
                item.setText(1, item.text(1) + " · " + _t("scoring branch"))
            self.nodes.addTopLevelItem(item)
        self.nodes.resizeColumnToContents(0)
        if self.diagram is None:
            self.diagram = StreamDiagram()
            self.diagram.setAccessibleName(_t("Stream diagram"))
            self.diagram_box = self._diagram_box(self.diagram)
            self.details.removeTab(0)
            self.details.insertTab(0, self.diagram_box, _t("Diagram"))
            self.details.setCurrentIndex(0)
        self.diagram.set_stream(info)

    def _diagram_box(self, diagram: Any) -> QWidget:
        """The diagram under a small tool bar: zoom in, zoom out, fit (also Ctrl +, Ctrl -,
        Ctrl 0 and Ctrl+wheel on the diagram)."""
        box = QWidget()
        bar = QToolBar(_t("Diagram"))
        bar.setIconSize(QSize(14, 14))
        self.zoom_in_action = bar.addAction(icon("fa5s.search-plus"), _t("Zoom in"),
                                            diagram.zoom_in)
        self.zoom_out_action = bar.addAction(icon("fa5s.search-minus"), _t("Zoom out"),
                                             diagram.zoom_out)
        self.fit_action = bar.addAction(icon("fa5s.expand"), _t("Fit to view"), diagram.fit)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(diagram, 1)
        return box

    def _show_details(self, file_id: str) -> None:
        if self.selected_ids() != [file_id] or not self.ctx.has_server:
            return
        if self.diagram is not None and self._shown == (file_id,
                                                         self.describer.path_for(file_id)):
            return  # the same version is on display: keep its diagram, zoom and scroll
        self._set_details(None, _t("Reading {name}…").format(name=file_id))
        self.describer.start(file_id)

    def _described(self, file_id: str, info: StreamInfo, path: object) -> None:
        if self.selected_ids() == [file_id]:
            self._set_details(info)
            self._shown = (file_id, path)

    def _describe_failed(self, file_id: str, exc: BaseException) -> None:
        if self.selected_ids() == [file_id]:
            self._set_details(None, _t("Cannot read this stream: {message}").format(
                message=describe_error(exc)))


def _when(ts: datetime | None) -> str:
    return local_time(ts, seconds=False) if ts else ""


def _kind_text(kind: str) -> str:
    return {
        "source": _t("Source"),
        "process": _t("Process"),
        "model_builder": _t("Model builder"),
        "model_nugget": _t("Model nugget"),
        "terminal": _t("Output / export"),
        "document_builder": _t("Graph / report"),
    }.get(kind, _t("Other"))
