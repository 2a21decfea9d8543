"""Editable tables of the job editor: databases, inputs, exports, parameter overrides.

Rows are plain dicts of text so a half-filled row (no table yet) can sit in the form while
validation names what is missing. Each row also keeps the fields PMDesk does not edit
(e.g. non-empty `attributes` of a definition from another tool) so they survive a resubmit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from pmdesk.desktop.editor.definition import Row

Index = QModelIndex | QPersistentModelIndex


@dataclass
class Column:
    key: str
    header: str  # already translated
    choices: Callable[[], list[str]] | None = None  # offered in a combo box
    free_text: bool = True  # False: only the choices
    tip: str = ""
    # Fills the open editor later (e.g. a database's tables, listed in a Task): gets the
    # row and the editable combo; the column is then always edited in a combo.
    fill: Callable[[int, QComboBox], None] | None = None


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: list[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list[Row] = []
        # Optional display override, e.g. a database row whose connection is not a profile.
        self.display_hook: Callable[[Row, str], str | None] | None = None

    # ---- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header
            if role == Qt.ItemDataRole.ToolTipRole and column.tip:
                return column.tip
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = self.columns[index.column()].key
        value = row.values.get(key, "")
        if role == Qt.ItemDataRole.DisplayRole:
            if self.display_hook is not None:
                shown = self.display_hook(row, key)
                if shown is not None:
                    return shown
            return value
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.columns[index.column()].header}: {value}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        key = self.columns[index.column()].key
        text = "" if value is None else str(value)
        row = self.rows[index.row()]
        if row.values.get(key, "") == text:
            return True
        row.values[key] = text
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole,
                                             Qt.ItemDataRole.EditRole])
        return True

    # ---- helpers for the editor and tests ------------------------------------------------

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def append(self, values: dict[str, str] | None = None) -> int:
        position = len(self.rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self.rows.append(Row({c.key: "" for c in self.columns} | dict(values or {})))
        self.endInsertRows()
        return position

    def remove(self, position: int) -> None:
        if 0 <= position < len(self.rows):
            self.beginRemoveRows(QModelIndex(), position, position)
            del self.rows[position]
            self.endRemoveRows()

    def set_value(self, position: int, key: str, value: str) -> bool:
        column = next(i for i, c in enumerate(self.columns) if c.key == key)
        return self.setData(self.index(position, column), value)

    def value(self, position: int, key: str) -> str:
        return self.rows[position].values.get(key, "")

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def refresh_display(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, len(self.columns) - 1))


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor offering the column's choices (stream nodes, dbRefs, modes)."""

    def __init__(self, model: RowsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        column = self.model.columns[index.column()]
        if column.choices is None and column.fill is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setEditable(column.free_text or column.fill is not None)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(column.choices() if column.choices is not None else [])
        combo.setAccessibleName(column.header)
        if column.fill is not None:
            column.fill(index.row(), combo)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            value = str(index.data(Qt.ItemDataRole.EditRole) or "")
            position = editor.findText(value)
            if position >= 0:
                editor.setCurrentIndex(position)
            elif editor.isEditable():
                editor.setEditText(value)
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
