"""A job's results: the zip's documents shown inside the app (HTML, PNG, JPG, TAB), others
handed to the system's viewer."""

from __future__ import annotations

import csv
import shutil
import zipfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pmdesk.desktop.i18n import _t
from pmdesk.desktop.icons import icon
from pmdesk.desktop.util import human_size, show_error, show_info
from pmdesk.desktop.workers import Task, TaskRunner, describe_error

MAX_TABLE_ROWS = 5000
INSIDE = {".html", ".htm", ".png", ".jpg", ".jpeg", ".tab", ".txt", ".csv"}


def safe_extract(zip_path: Path, dest: Path) -> list[Path]:
    """Extracts every member that stays inside `dest` (no zip-slip); returns the files."""
    out: list[Path] = []
    root = dest.resolve()
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            target = (dest / info.filename).resolve()
            if not target.is_relative_to(root):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst)
            out.append(target)
    return out


def load_preview(path: Path) -> tuple[str, Any]:
    """Reads a document for display (runs on a worker): (kind, payload)."""
    ext = path.suffix.lower()
    if ext in (".png", ".jpg", ".jpeg"):
        image = QImage(str(path))
        if image.isNull():
            raise ValueError(_t("{name} is not a readable image").format(name=path.name))
        return "image", image
    if ext in (".html", ".htm"):
        return "html", path.read_text(encoding="utf-8", errors="replace")
    if ext in (".tab", ".txt", ".csv"):
        delimiter = "," if ext == ".csv" else "\t"
        rows: list[list[str]] = []
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            for i, row in enumerate(csv.reader(fh, delimiter=delimiter)):
                if i > MAX_TABLE_ROWS:
                    break
                rows.append(row)
        return "table", rows
    return "other", None


class ResultsDialog(QDialog):
    def __init__(self, job_id: str, zip_path: Path, files: list[Path], folder: Path,
                 runner: TaskRunner, parent: QWidget | None = None,
                 written: list[str] | None = None) -> None:
        """written: what the job wrote to database tables (a BATCH_SCORE's real result),
        one line per table; shown instead of "no files"."""
        super().__init__(parent)
        self.setWindowTitle(_t("Results of {job}").format(job=job_id))
        self.resize(900, 600)
        self.zip_path, self.folder, self.runner = zip_path, folder, runner
        self.job_id = job_id
        self.files = files
        self._task: Task | None = None

        self.list = QListWidget()
        self.list.setAccessibleName(_t("Result files"))
        for f in files:
            item = QListWidgetItem(str(f.relative_to(folder)))
            item.setData(Qt.ItemDataRole.UserRole, str(f))
            item.setToolTip(human_size(f.stat().st_size))
            self.list.addItem(item)
        self.stack = QStackedWidget()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName(_t("Document"))
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setAccessibleName(_t("Image"))
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        self.table = QTableView()
        self.table.setAccessibleName(_t("Table"))
        self.table_model = QStandardItemModel(self)
        self.table.setModel(self.table_model)
        for w in (self.note, self.browser, scroll, self.table):
            self.stack.addWidget(w)
        self.image_scroll = scroll

        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 3)
        split.setSizes([220, 680])
        self.open_button = QPushButton(icon("fa5s.external-link-alt"), _t("Open with system"))
        self.save_button = QPushButton(icon("fa5s.file-archive"), _t("Save zip…"))
        self.folder_button = QPushButton(icon("fa5s.folder-open"), _t("Open folder"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_t("Close"))
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for b in (self.open_button, self.save_button, self.folder_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        self.open_button.clicked.connect(self.open_current)
        self.save_button.clicked.connect(self.save_zip)
        self.folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
        self.list.currentItemChanged.connect(lambda *_: self.show_current())
        self.written = written or []
        if files:
            first = next((i for i, f in enumerate(files) if f.suffix.lower() in INSIDE), 0)
            self.list.setCurrentRow(first)
        elif self.written:
            self._note(_t("The job wrote its results to the database:") + "\n\n"
                       + "\n".join(self.written))
        else:
            self._note(_t("The job produced no files."))
        has_files = bool(files)
        self.open_button.setEnabled(has_files)
        self.save_button.setEnabled(has_files and zip_path.is_file())
        self.folder_button.setEnabled(has_files)
        self.list.setVisible(has_files)

    def current_path(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _note(self, text: str) -> None:
        self.note.setText(text)
        self.stack.setCurrentWidget(self.note)

    def show_current(self) -> None:
        path = self.current_path()
        if path is None:
            return
        if path.suffix.lower() not in INSIDE:
            self._note(_t("{name} cannot be shown here: use “Open with system”.")
                       .format(name=path.name))
            return
        if self._task is not None:
            self._task.cancel()
        self._note(_t("Loading {name}…").format(name=path.name))
        self._task = self.runner.start(lambda t: load_preview(path),
                                       on_success=lambda r: self._show(path, r),
                                       on_error=lambda e: self._note(describe_error(e)),
                                       name="preview")

    def _show(self, path: Path, result: object) -> None:
        if path != self.current_path():
            return
        assert isinstance(result, tuple)
        kind, payload = result
        if kind == "image":
            self.image.setPixmap(QPixmap.fromImage(payload))
            self.stack.setCurrentWidget(self.image_scroll)
        elif kind == "html":
            self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path)))
            self.browser.setHtml(payload)
            self.stack.setCurrentWidget(self.browser)
        elif kind == "table":
            self.table_model.clear()
            rows: list[list[str]] = payload
            if rows:
                self.table_model.setHorizontalHeaderLabels(rows[0])
                for r in rows[1:MAX_TABLE_ROWS + 1]:
                    self.table_model.appendRow([QStandardItem(c) for c in r])
            self.table.resizeColumnsToContents()
            self.stack.setCurrentWidget(self.table)

    def open_current(self) -> None:
        path = self.current_path()
        if path is not None and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            show_info(self, _t("Open with system"),
                                    _t("No program is set up to open {name}.")
                                    .format(name=path.name))

    def save_zip(self) -> None:
        name, _f = QFileDialog.getSaveFileName(self, _t("Save results as"),
                                               f"{self.job_id}-results.zip",
                                               _t("Zip archives (*.zip)"))
        if not name:
            return
        dest = Path(name)
        self.runner.start(lambda t: shutil.copyfile(self.zip_path, dest),
                          on_error=lambda m: show_error(self, _t("Save failed"), m),
                          name="save zip")
