"""Issue 14 item 12: the stream diagram has zoom, fit, labels readable at any zoom and no
nodes on top of each other. The panel walk runs against a real `pmdesk serve`."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pmdesk.streams.info import NodeKind, StreamInfo, StreamNode

pytestmark = pytest.mark.gui


def label_height_on_screen(view: Any, node_id: str) -> float:
    label = view.node_items[node_id].label
    transform = label.deviceTransform(view.viewportTransform())
    return float(transform.mapRect(label.boundingRect()).height())


def test_diagram_in_the_panel_zooms_fits_and_labels_stay_readable(
        qtbot: Any, window_on: Any, live_server: Any, tmp_path: Path) -> None:
    from pmdesk.engine.samples import write_samples

    write_samples(tmp_path / "s")
    client = live_server.client()
    client.upload_file("drug.pmstream", tmp_path / "s" / "drug.pmstream")
    client.close()
    window = window_on(live_server)
    panel = window.streams
    qtbot.waitUntil(lambda: "drug.pmstream" in panel.stream_ids_listed(), timeout=30_000)
    panel.list.clearSelection()
    panel.list.findItems("drug.pmstream", Qt.MatchFlag.MatchExactly)[0].setSelected(True)
    qtbot.waitUntil(lambda: panel.diagram is not None and bool(panel.diagram.node_items),
                    timeout=30_000)
    view = panel.diagram
    any_node = next(iter(view.node_items))
    font_px = view.fontMetrics().height()
    fitted = view.zoom
    panel.zoom_out_action.trigger()
    panel.zoom_out_action.trigger()
    assert view.zoom < fitted and view.user_zoomed
    # labels keep their size on screen whatever the zoom
    assert label_height_on_screen(view, any_node) >= font_px * 0.8
    panel.zoom_in_action.trigger()
    panel.zoom_in_action.trigger()
    panel.zoom_in_action.trigger()
    assert view.zoom > fitted
    assert label_height_on_screen(view, any_node) >= font_px * 0.8
    view.resize(view.width() - 10, view.height())  # a chosen zoom survives a resize
    qtbot.wait(50)
    assert view.zoom > fitted
    panel.fit_action.trigger()
    assert abs(view.zoom - fitted) < 1e-6 and not view.user_zoomed


def test_outputs_at_one_spot_are_spread_and_big_streams_stay_legible(qtbot: Any) -> None:
    """As Modeler files do: three output nodes saved at the same position."""
    from pmdesk.desktop.stream_diagram import MIN_DX, MIN_DY, StreamDiagram

    def node(nid: str, kind: NodeKind, x: float, y: float) -> StreamNode:
        return StreamNode(id=nid, label=f"Output {nid}", cls="x", kind=kind, x=x, y=y)

    nodes = [node("src", NodeKind.SOURCE, 0, 100), node("t", NodeKind.PROCESS, 200, 100)]
    nodes += [node(f"o{i}", NodeKind.TERMINAL, 400, 100) for i in range(3)]
    nodes += [node(f"far{i}", NodeKind.PROCESS, 5000 + 300 * i, 3000) for i in range(3)]
    info = StreamInfo(name="s", format="pmdesk", nodes=nodes,
                      links=[("src", "t")] + [("t", f"o{i}") for i in range(3)])
    view = StreamDiagram()
    qtbot.addWidget(view)
    view.resize(500, 350)
    view.show()
    view.set_stream(info)
    points = {k: (v.pos().x(), v.pos().y()) for k, v in view.node_items.items()}
    for (a, pa), (b, pb) in combinations(points.items(), 2):
        assert abs(pa[0] - pb[0]) >= MIN_DX or abs(pa[1] - pb[1]) >= MIN_DY, (a, b)
    assert points["src"] == (0, 100) and points["t"] == (200, 100)  # apart: untouched
    assert len(view.link_items) == 4  # every output still has its arrow
    # a stream much larger than the view is not shrunk to specks: scroll instead
    assert view.zoom >= view.MIN_FIT_SCALE - 1e-9
    assert label_height_on_screen(view, "o0") >= view.fontMetrics().height() * 0.8
    view.close()
