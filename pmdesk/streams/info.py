"""What a stream file says about itself, whatever its format (real Modeler `.str` or
PMDesk's open format).

The desktop uses this to offer node names and to draw the diagram; the service uses it to
check a job definition before running it. Nothing here executes anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class NodeKind(StrEnum):
    SOURCE = "source"
    PROCESS = "process"
    MODEL_BUILDER = "model_builder"
    MODEL_NUGGET = "model_nugget"
    TERMINAL = "terminal"  # output or export terminal (table, export, ...)
    DOCUMENT_BUILDER = "document_builder"  # graphs, analysis, evaluation: EVALUATION runs these
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class StreamParameter:
    name: str
    default: Any = None
    type: str | None = None  # "string", "integer", "real", "boolean", ... when known
    label: str | None = None


@dataclass(frozen=True)
class StreamNode:
    id: str
    label: str
    cls: str  # the full Java class name for .str; the node type for the open format
    kind: NodeKind
    x: float | None = None
    y: float | None = None


@dataclass(frozen=True)
class StreamScript:
    language: str
    text: str


@dataclass
class StreamInfo:
    name: str
    format: str  # "modeler" (a real .str) or "pmdesk" (the open format)
    modeler_version: str | None = None
    parameters: list[StreamParameter] = field(default_factory=list)
    nodes: list[StreamNode] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (from node id, to node id)
    scoring_terminal: str | None = None  # node id
    model_build_node: str | None = None  # node id
    script: StreamScript | None = None
    pmml: dict[str, str] = field(default_factory=dict)  # nugget node id -> PMML text
    # nugget node id -> the scoring settings it keeps in a Parameters member (CF nuggets)
    settings: dict[str, dict[str, str]] = field(default_factory=dict)
    # nodes PMDesk will not run: {"id", "label", "type", "reason"} (Modeler streams)
    refused: list[dict[str, str]] = field(default_factory=list)

    def node(self, node_id: str) -> StreamNode | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    def nodes_of(self, *kinds: NodeKind) -> list[StreamNode]:
        return [n for n in self.nodes if n.kind in kinds]

    @property
    def source_names(self) -> list[str]:
        return [n.label for n in self.nodes_of(NodeKind.SOURCE)]

    @property
    def terminal_names(self) -> list[str]:
        return [n.label for n in self.nodes_of(NodeKind.TERMINAL, NodeKind.DOCUMENT_BUILDER)]

    def to_json(self) -> dict[str, Any]:
        """The documented `pmdesk stream-info --json` shape (docs/stream-info.md)."""
        return {
            "name": self.name,
            "format": self.format,
            "modelerVersion": self.modeler_version,
            "parameters": [
                {"name": p.name, "default": p.default, "type": p.type, "label": p.label}
                for p in self.parameters
            ],
            "nodes": [
                {"id": n.id, "label": n.label, "class": n.cls, "kind": n.kind.value,
                 "x": n.x, "y": n.y}
                for n in self.nodes
            ],
            "links": [{"from": a, "to": b} for a, b in self.links],
            "scoringTerminalNode": self.scoring_terminal,
            "modelBuildNode": self.model_build_node,
            "script": (
                None if self.script is None
                else {"language": self.script.language, "text": self.script.text}
            ),
            "pmml": sorted(self.pmml),
            "refused": list(self.refused),
        }
