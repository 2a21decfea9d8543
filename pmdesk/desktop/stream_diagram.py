"""A drawn stream diagram and a node list, from a `StreamInfo`.

The Streams panel embeds these so an analyst recognises the stream as Modeler's canvas shows
it (positions come from the file) and sees which nodes are sources, terminals and the scoring
branch before writing a job definition against it.
"""

from __future__ import annotations

import math
from collections import deque
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QShortcut,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from pmdesk.streams.info import NodeKind, StreamInfo, StreamNode

NODE_SIZE = 44.0
LAYOUT_DX = 150.0
LAYOUT_DY = 110.0
SCORING_COLOR = QColor("#e07b00")

KIND_TEXT: dict[NodeKind, str] = {
    NodeKind.SOURCE: "Source",
    NodeKind.PROCESS: "Process",
    NodeKind.MODEL_BUILDER: "Model builder",
    NodeKind.MODEL_NUGGET: "Model nugget",
    NodeKind.TERMINAL: "Output or export",
    NodeKind.DOCUMENT_BUILDER: "Document builder",
    NodeKind.UNKNOWN: "Unknown",
}

KIND_COLOR: dict[NodeKind, str] = {
    NodeKind.SOURCE: "#4f8fd6",
    NodeKind.PROCESS: "#8a6fc1",
    NodeKind.MODEL_BUILDER: "#3aa66b",
    NodeKind.MODEL_NUGGET: "#d4aa1f",
    NodeKind.TERMINAL: "#cf5b4f",
    NodeKind.DOCUMENT_BUILDER: "#d07fb0",
    NodeKind.UNKNOWN: "#9a9a9a",
}

# Item data roles on the node items, so tests and embedders can find nodes.
NODE_ID_ROLE = 0
NODE_KIND_ROLE = 1
SCORING_ROLE = 2


def kind_text(kind: NodeKind) -> str:
    return KIND_TEXT.get(kind, kind.value)


def node_rows(info: StreamInfo | None) -> list[tuple[str, str, str, str]]:
    """(label, kind, class, id) per node, for a node list or a QTableWidget."""
    if info is None:
        return []
    return [(n.label, kind_text(n.kind), n.cls, n.id) for n in info.nodes]


def _shape(kind: NodeKind, size: float) -> QPainterPath:
    """Modeler-like shapes: round sources, hexagonal process nodes, pentagonal builders,
    diamond nuggets, square terminals and folded-page document builders."""
    r = size / 2
    path = QPainterPath()
    if kind is NodeKind.SOURCE:
        path.addEllipse(QPointF(0, 0), r, r)
        return path

    def polygon(n: int, start: float) -> QPolygonF:
        return QPolygonF([
            QPointF(r * math.cos(start + 2 * math.pi * i / n),
                    r * math.sin(start + 2 * math.pi * i / n))
            for i in range(n)
        ])

    if kind is NodeKind.PROCESS:
        path.addPolygon(polygon(6, 0.0))
    elif kind is NodeKind.MODEL_BUILDER:
        path.addPolygon(polygon(5, -math.pi / 2))
    elif kind is NodeKind.MODEL_NUGGET:
        path.addPolygon(polygon(4, -math.pi / 2))
    elif kind is NodeKind.DOCUMENT_BUILDER:
        fold = r / 2
        path.addPolygon(QPolygonF([
            QPointF(-r, -r), QPointF(r - fold, -r), QPointF(r, -r + fold),
            QPointF(r, r), QPointF(-r, r),
        ]))
    else:
        path.addRoundedRect(-r, -r, size, size, 6, 6)
    path.closeSubpath()
    return path


def layout_positions(info: StreamInfo) -> dict[str, tuple[float, float]]:
    """Node positions: the file's where given; otherwise columns by graph depth.

    Nodes without a position are laid out left to right by their longest distance from a
    node without inputs, below any positioned nodes, so a partly positioned stream stays
    readable. Cycles (possible in damaged files) cannot loop: each node is settled once.
    """
    positions: dict[str, tuple[float, float]] = {
        n.id: (n.x, n.y) for n in info.nodes if n.x is not None and n.y is not None
    }
    missing = [n.id for n in info.nodes if n.id not in positions]
    if not missing:
        return spread_overlaps(positions, [n.id for n in info.nodes])
    ids = {n.id for n in info.nodes}
    incoming: dict[str, int] = {i: 0 for i in ids}
    outgoing: dict[str, list[str]] = {i: [] for i in ids}
    for a, b in info.links:
        if a in ids and b in ids and a != b:
            outgoing[a].append(b)
            incoming[b] += 1
    depth: dict[str, int] = {}
    order = [n.id for n in info.nodes]
    remaining = dict(incoming)
    queue = deque(i for i in order if incoming[i] == 0)
    for i in queue:
        depth[i] = 0
    while len(depth) < len(order):
        while queue:
            current = queue.popleft()
            for nxt in outgoing[current]:
                if nxt in depth and remaining[nxt] <= 0:
                    continue  # settled already (a link closing a cycle)
                depth[nxt] = max(depth.get(nxt, 0), depth[current] + 1)
                remaining[nxt] -= 1
                if remaining[nxt] == 0:
                    queue.append(nxt)
        # Nodes left are on a cycle: break it at the first one already reached, in file order.
        stuck = next((i for i in order if remaining[i] > 0 and i in depth), None)
        stuck = stuck or next((i for i in order if i not in depth), None)
        if stuck is None:
            break
        depth.setdefault(stuck, 0)
        remaining[stuck] = 0
        queue.append(stuck)
    top = max((y for _, y in positions.values()), default=-LAYOUT_DY) + LAYOUT_DY
    rows: dict[int, int] = {}
    for node_id in missing:
        d = depth[node_id]
        row = rows.get(d, 0)
        rows[d] = row + 1
        positions[node_id] = (60.0 + d * LAYOUT_DX, top + row * LAYOUT_DY)
    return spread_overlaps(positions, order)


MIN_DX = NODE_SIZE + 60.0  # room for a label beside
MIN_DY = NODE_SIZE + 30.0  # room for the label below


def spread_overlaps(positions: dict[str, tuple[float, float]], order: list[str]
                    ) -> dict[str, tuple[float, float]]:
    """Nodes (with their labels) that would cover each other, as Modeler files often
    place several output nodes at one spot, move down one by one, in file order, until
    free; nodes already apart keep the file's positions exactly."""
    placed: list[tuple[float, float]] = []
    out: dict[str, tuple[float, float]] = {}
    for node_id in order:
        if node_id not in positions:
            continue
        x, y = positions[node_id]
        for _ in range(10_000):
            if not any(abs(x - px) < MIN_DX and abs(y - py) < MIN_DY for px, py in placed):
                break
            y += MIN_DY
        out[node_id] = (x, y)
        placed.append((x, y))
    return out


def scoring_branch(info: StreamInfo) -> set[str]:
    """The scoring terminal and every node upstream of it: the branch a BATCH_SCORE runs."""
    if info.scoring_terminal is None:
        return set()
    upstream: dict[str, list[str]] = {}
    for a, b in info.links:
        upstream.setdefault(b, []).append(a)
    branch = {info.scoring_terminal}
    todo = [info.scoring_terminal]
    while todo:
        for a in upstream.get(todo.pop(), []):
            if a not in branch:
                branch.add(a)
                todo.append(a)
    return branch


class _NodeItem(QGraphicsPathItem):
    def __init__(self, node: StreamNode, scoring: bool) -> None:
        super().__init__(_shape(node.kind, NODE_SIZE))
        self.node = node
        color = QColor(KIND_COLOR.get(node.kind, "#9a9a9a"))
        self.setBrush(QBrush(color.lighter(135)))
        pen = QPen(SCORING_COLOR if scoring else color.darker(140), 4.0 if scoring else 1.5)
        self.setPen(pen)
        self.setData(NODE_ID_ROLE, node.id)
        self.setData(NODE_KIND_ROLE, node.kind.value)
        self.setData(SCORING_ROLE, scoring)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setZValue(2)
        tip = f"{node.label}\n{kind_text(node.kind)}\n{node.cls}\nid {node.id}"
        if scoring:
            tip += "\nScoring branch terminal"
        self.setToolTip(tip)
        label = QGraphicsSimpleTextItem(node.label, self)
        font = QFont(label.font())
        font.setBold(scoring)
        label.setFont(font)
        # The same size on screen at every zoom: readable when a big stream is fitted.
        label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        rect = label.boundingRect()
        label.setPos(0, NODE_SIZE / 2 + 4)
        label.setTransform(QTransform.fromTranslate(-rect.width() / 2, 0))
        self.label = label


def _arrow(start: QPointF, end: QPointF) -> QPainterPath | None:
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = math.hypot(dx, dy)
    r = NODE_SIZE / 2 + 3
    if length <= 2 * r:
        return None
    ux, uy = dx / length, dy / length
    a = QPointF(start.x() + ux * r, start.y() + uy * r)
    b = QPointF(end.x() - ux * r, end.y() - uy * r)
    path = QPainterPath(a)
    path.lineTo(b)
    head = 10.0
    left = QPointF(b.x() - ux * head - uy * head / 2, b.y() - uy * head + ux * head / 2)
    right = QPointF(b.x() - ux * head + uy * head / 2, b.y() - uy * head - ux * head / 2)
    path.moveTo(b)
    path.lineTo(left)
    path.lineTo(right)
    path.lineTo(b)
    return path


class StreamDiagram(QGraphicsView):
    """Draws a StreamInfo as Modeler lays it out; `nodeSelected(id)` on selection."""

    nodeSelected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAccessibleName(self.tr("Stream diagram"))
        self.info: StreamInfo | None = None
        self.node_items: dict[str, _NodeItem] = {}
        self.link_items: list[QGraphicsPathItem] = []
        self._scene.selectionChanged.connect(self._selection_changed)
        self.user_zoomed = False
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, self.zoom_in),
                           (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
                           (QKeySequence("Ctrl+0"), self.fit)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.set_stream(None)

    def set_stream(self, info: StreamInfo | None) -> None:
        self._scene.clear()
        self.node_items = {}
        self.link_items = []
        self.info = info
        if info is None or not info.nodes:
            text = self.tr("No stream selected") if info is None else self.tr("Empty stream")
            self._scene.addSimpleText(text)
            self.setAccessibleDescription(text)
            return
        positions = layout_positions(info)
        for node in info.nodes:
            item = _NodeItem(node, node.id == info.scoring_terminal)
            x, y = positions[node.id]
            item.setPos(x, y)
            self._scene.addItem(item)
            self.node_items[node.id] = item
        pen = QPen(QColor("#555555"), 1.5)
        scoring_pen = QPen(SCORING_COLOR, 2.0)
        branch = scoring_branch(info)
        for a, b in info.links:
            if a not in self.node_items or b not in self.node_items:
                continue
            path = _arrow(self.node_items[a].pos(), self.node_items[b].pos())
            if path is None:
                continue
            link = self._scene.addPath(
                path, scoring_pen if b in branch and a in branch else pen,
                QBrush(SCORING_COLOR if b in branch and a in branch else pen.color()),
            )
            link.setZValue(1)
            link.setData(NODE_ID_ROLE, f"{a}->{b}")
            self.link_items.append(link)
        self.setAccessibleDescription(self.describe())
        self.fit()

    def describe(self) -> str:
        """What a screen reader announces for the diagram."""
        info = self.info
        if info is None:
            return self.tr("No stream selected")
        labels = {n.id: n.label for n in info.nodes}
        text = self.tr("{name}: {nodes} nodes, {links} links").format(
            name=info.name, nodes=len(info.nodes), links=len(info.links))
        if info.scoring_terminal in labels:
            text += self.tr("; the scoring branch ends at {label}").format(
                label=labels[info.scoring_terminal])
        return text

    MIN_FIT_SCALE = 0.45  # below this nodes are specks: scroll instead
    MIN_SCALE, MAX_SCALE = 0.1, 4.0

    def fit(self) -> None:
        """The whole stream in view, but never so small that nodes become specks nor a tiny
        stream blown up; a zoom the user chose stays until Fit."""
        self.user_zoomed = False
        rect = self._scene.itemsBoundingRect().adjusted(-30, -30, 30, 30)
        self._scene.setSceneRect(rect)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        scale = self.transform().m11()
        if scale > 1.5 or scale < self.MIN_FIT_SCALE:
            self.resetTransform()
            target = 1.5 if scale > 1.5 else self.MIN_FIT_SCALE
            self.scale(target, target)
            self.centerOn(rect.center())

    @property
    def zoom(self) -> float:
        return float(self.transform().m11())

    def zoom_by(self, factor: float) -> None:
        target = min(self.MAX_SCALE, max(self.MIN_SCALE, self.zoom * factor))
        if target != self.zoom:
            self.scale(target / self.zoom, target / self.zoom)
            self.user_zoomed = True

    def zoom_in(self) -> None:
        self.zoom_by(1.25)

    def zoom_out(self) -> None:
        self.zoom_by(1 / 1.25)

    def select_node(self, node_id: str) -> None:
        self._scene.clearSelection()
        item = self.node_items.get(node_id)
        if item is not None:
            item.setSelected(True)
            self.centerOn(item)

    def _selection_changed(self) -> None:
        try:
            selected = self._scene.selectedItems()
        except RuntimeError:  # the scene is being torn down
            return
        for item in selected:
            node_id = item.data(NODE_ID_ROLE)
            if isinstance(item, _NodeItem) and isinstance(node_id, str):
                self.nodeSelected.emit(node_id)
                return

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.info is not None and self.node_items and not self.user_zoomed:
            self.fit()


class NodeListModel(QAbstractTableModel):
    """The stream's nodes with their kinds, for a QTableView next to the diagram."""

    HEADERS = ("Label", "Kind", "Class", "Id")

    def __init__(self, info: StreamInfo | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._info: StreamInfo | None = None
        self._rows: list[tuple[str, str, str, str]] = []
        self.set_stream(info)

    def set_stream(self, info: StreamInfo | None) -> None:
        self.beginResetModel()
        self._info = info
        self._rows = node_rows(info)
        self.endResetModel()

    def node_id(self, row: int) -> str | None:
        return self._rows[row][3] if 0 <= row < len(self._rows) else None

    def row_of(self, node_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r[3] == node_id), -1)

    def rowCount(
        self, parent: QModelIndex | QPersistentModelIndex | None = None
    ) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(
        self, parent: QModelIndex | QPersistentModelIndex | None = None
    ) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.HEADERS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row[0]} ({row[1]})\n{row[2]}"
        if role == Qt.ItemDataRole.FontRole and self._info is not None and (
            row[3] == self._info.scoring_terminal
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 1 and self._info:
            node = self._info.node(row[3])
            return QColor(KIND_COLOR[node.kind]) if node is not None else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None
