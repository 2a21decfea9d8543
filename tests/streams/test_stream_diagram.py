"""The diagram widget and node list, driven offscreen with pytest-qt."""

from __future__ import annotations

import pytest
from helpers.streams import fixture_path
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from pmdesk.desktop.stream_diagram import (
    SCORING_ROLE,
    NodeListModel,
    StreamDiagram,
    layout_positions,
    node_rows,
    scoring_branch,
)
from pmdesk.streams.info import NodeKind, StreamInfo, StreamNode
from pmdesk.streams.modeler.reader import read_str

pytestmark = pytest.mark.gui


def info_without_positions() -> StreamInfo:
    def node(nid: str, kind: NodeKind) -> StreamNode:
        return StreamNode(id=nid, label=f"n{nid}", cls=f"x.{kind.value}", kind=kind)

    return StreamInfo(
        name="auto", format="pmdesk",
        nodes=[node("a", NodeKind.SOURCE), node("b", NodeKind.PROCESS),
               node("c", NodeKind.MODEL_NUGGET), node("d", NodeKind.TERMINAL),
               node("e", NodeKind.DOCUMENT_BUILDER)],
        links=[("a", "b"), ("b", "c"), ("c", "d"), ("b", "e"), ("d", "b")],  # d->b: a cycle
        scoring_terminal="d",
    )


@pytest.mark.fixtures
def test_real_stream_drawn_at_file_positions(qtbot) -> None:  # type: ignore[no-untyped-def]
    info = read_str(fixture_path("Drug1n.str"))
    view = StreamDiagram()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.set_stream(info)
    assert set(view.node_items) == {"0", "1", "2", "3", "4"}
    for node in info.nodes:
        pos = view.node_items[node.id].pos()
        assert (pos.x(), pos.y()) == (node.x, node.y)
    assert len(view.link_items) == 3
    assert view.node_items["4"].data(SCORING_ROLE) is True
    assert view.node_items["0"].data(SCORING_ROLE) is False
    assert scoring_branch(info) == {"2", "3", "4"}
    colors = {item.data(0): item.pen().color().name() for item in view.link_items}
    assert colors["3->4"] == colors["2->3"] != colors["0->1"]
    assert view.accessibleName() == "Stream diagram"
    assert "5 nodes, 3 links" in view.accessibleDescription()
    assert "scoring branch ends at Table" in view.accessibleDescription()


def test_auto_layout_by_depth_when_positions_are_missing(qtbot) -> None:  # type: ignore[no-untyped-def]
    info = info_without_positions()
    positions = layout_positions(info)
    assert positions["a"][0] < positions["b"][0]
    assert positions["b"][0] < positions["c"][0] <= positions["d"][0]
    assert len(set(positions.values())) == 5  # nobody on top of anybody
    view = StreamDiagram()
    qtbot.addWidget(view)
    view.set_stream(info)
    assert {k: (p.pos().x(), p.pos().y()) for k, p in view.node_items.items()} == positions
    assert len(view.link_items) == 5
    assert view.node_items["d"].data(SCORING_ROLE) is True


def test_selection_signal_and_clearing(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = StreamDiagram()
    qtbot.addWidget(view)
    view.set_stream(info_without_positions())
    with qtbot.waitSignal(view.nodeSelected, timeout=2000) as blocker:
        view.select_node("c")
    assert blocker.args == ["c"]
    view.set_stream(None)
    assert view.node_items == {} and view.link_items == []
    assert view.accessibleDescription() == "No stream selected"


def test_node_list_model(qtbot) -> None:  # type: ignore[no-untyped-def]
    info = info_without_positions()
    model = NodeListModel(info)
    assert model.rowCount() == 5 and model.columnCount() == 4
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Kind"
    assert model.data(model.index(2, 1)) == "Model nugget"
    assert model.data(model.index(3, 0), Qt.ItemDataRole.FontRole).bold()  # scoring terminal
    assert model.node_id(4) == "e" and model.row_of("e") == 4
    assert node_rows(info)[0] == ("na", "Source", "x.source", "a")
    model.set_stream(None)
    assert model.rowCount() == 0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=20))
def test_layout_places_every_node_once_whatever_the_links(links: list[tuple[int, int]]) -> None:
    info = StreamInfo(
        name="g", format="pmdesk",
        nodes=[StreamNode(id=str(i), label=str(i), cls="x", kind=NodeKind.PROCESS)
               for i in range(8)],
        links=[(str(a), str(b)) for a, b in links],
    )
    positions = layout_positions(info)
    assert set(positions) == {str(i) for i in range(8)}
    assert len(set(positions.values())) == 8
