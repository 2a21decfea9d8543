"""Checks a job definition against what its stream contains, before anything runs.

This is what turns "the run failed after ten minutes: node not found" into a message at
submit time that names the node and lists the right ones.
"""

from __future__ import annotations

from pmdesk.api.models import Action, JobDefinition
from pmdesk.streams.info import NodeKind, StreamInfo


def _names(names: list[str]) -> str:
    unique = sorted(dict.fromkeys(names))
    return ", ".join(unique) if unique else "(none)"


def _plural(kind: str, names: list[str]) -> str:
    return f"its {kind} nodes are: {_names(names)}" if names else f"it has no {kind} nodes"


def check_definition(info: StreamInfo, definition: JobDefinition) -> list[str]:
    """Person-readable problems; parameter overrides the stream lacks are warnings."""
    problems: list[str] = []
    sources = info.source_names
    terminals = info.terminal_names
    all_labels = {n.label for n in info.nodes}
    for i, inp in enumerate(definition.setting.inputs):
        if inp.node not in sources:
            hint = " (it is a node, but not a source)" if inp.node in all_labels else ""
            problems.append(
                f"setting.inputs[{i}]: stream {info.name!r} has no source node {inp.node!r}"
                f"{hint}; {_plural('source', sources)}"
            )
    for i, exp in enumerate(definition.setting.exports):
        if exp.node not in terminals:
            hint = " (it is a node, but not a terminal)" if exp.node in all_labels else ""
            problems.append(
                f"setting.exports[{i}]: stream {info.name!r} has no export terminal node "
                f"{exp.node!r}{hint}; {_plural('terminal', terminals)}"
            )
    if definition.action is Action.BATCH_SCORE:
        if info.scoring_terminal is None:
            problems.append(
                f"BATCH_SCORE needs a scoring branch, but stream {info.name!r} marks none "
                "(set a scoring branch in Modeler, or choose another action)"
            )
    if definition.action in (Action.TRAINING, Action.AUTO_REFRESH) and not info.nodes_of(
        NodeKind.MODEL_BUILDER
    ) and info.model_build_node is None and info.nodes:
        problems.append(
            f"{definition.action.value} builds a model, but stream {info.name!r} has no "
            "model builder node"
        )
    known = {p.name for p in info.parameters}
    for i, override in enumerate(definition.setting.parameterOverride):
        if override.name not in known:
            problems.append(
                f"warning: setting.parameterOverride[{i}]: stream {info.name!r} has no "
                f"parameter {override.name!r}; its parameters are: {_names(sorted(known))}"
            )
    return problems
