"""`pmdesk stream-info FILE [--json]`: what a stream contains, for people and for scripts."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pmdesk.streams.describe import describe
from pmdesk.streams.errors import StreamReadError
from pmdesk.streams.info import NodeKind, StreamInfo

PROG = "pmdesk stream-info"


def summary(info: StreamInfo) -> str:
    """A readable summary: header, parameters, nodes by kind with links, script."""
    labels = {n.id: n.label for n in info.nodes}
    lines = [
        f"Stream: {info.name}",
        f"Format: {'SPSS Modeler' if info.format == 'modeler' else info.format}"
        + (f" {info.modeler_version}" if info.modeler_version else ""),
    ]
    if info.parameters:
        lines.append("Parameters:")
        for p in info.parameters:
            typ = f" ({p.type})" if p.type else ""
            lines.append(f"  {p.name} = {p.default!r}{typ}")
    else:
        lines.append("Parameters: none")
    lines.append(f"Nodes ({len(info.nodes)}):")
    width = max((len(n.label) for n in info.nodes), default=0)
    for n in info.nodes:
        marks = []
        if n.id == info.scoring_terminal:
            marks.append("scoring terminal")
        if n.id == info.model_build_node:
            marks.append("model build node")
        if n.id in info.pmml:
            marks.append("PMML")
        pos = f" at ({n.x:g}, {n.y:g})" if n.x is not None and n.y is not None else ""
        extra = f"  [{', '.join(marks)}]" if marks else ""
        lines.append(
            f"  {n.id:>4}  {n.label:<{width}}  {n.kind.value:<16} {n.cls}{pos}{extra}"
        )
    if info.links:
        lines.append("Links:")
        for a, b in info.links:
            lines.append(f"  {labels.get(a, a)} ({a}) -> {labels.get(b, b)} ({b})")
    for title, kinds in (
        ("Source nodes", (NodeKind.SOURCE,)),
        ("Terminal nodes", (NodeKind.TERMINAL, NodeKind.DOCUMENT_BUILDER)),
    ):
        names = [n.label for n in info.nodes_of(*kinds)]
        lines.append(f"{title}: {', '.join(names) if names else 'none'}")
    lines.append(
        "Scoring branch: "
        + (f"ends at {labels[info.scoring_terminal]} ({info.scoring_terminal})"
           if info.scoring_terminal in labels else "none marked")
    )
    for r in info.refused:
        lines.append(f"Refused: {r['label']} ({r['type']}, id {r['id']}): {r['reason']}")
    if info.script is None:
        lines.append("Script: none")
    else:
        count = len(info.script.text.splitlines())
        lines.append(f"Script: {info.script.language}, {count} line{'s' * (count != 1)}")
    return "\n".join(lines)


def stream_info_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Show what a stream file (.str or PMDesk format) contains."
    )
    parser.add_argument("file", type=Path, help="the stream file")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    args = parser.parse_args(argv)
    try:
        info = describe(args.file)
    except StreamReadError as exc:
        print(f"{PROG}: {args.file}: {exc}", file=sys.stderr)
        return 2
    except (RecursionError, MemoryError) as exc:  # a last line of defence, never a traceback
        print(f"{PROG}: {args.file}: cannot read this file ({type(exc).__name__})",
              file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(info.to_json(), indent=2, ensure_ascii=False))
    else:
        print(summary(info))
    return 0
