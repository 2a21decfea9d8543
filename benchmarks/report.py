"""The results table of benchmarks/README.md, written by `--markdown FILE`."""

from __future__ import annotations

import datetime as dt

from benchmarks.common import Figure, describe, fmt


def markdown_table(results: list[tuple[str, str, list[Figure], str]], mode: str,
                   started: dt.datetime, machine: str) -> str:
    lines = [
        f"Mode `{mode}`, {started:%Y-%m-%d %H:%M} UTC, {machine}.",
        "",
        "| benchmark | figure | value | baseline | ratio | target |",
        "|---|---|---|---|---|---|",
    ]
    for name, _title, figures, remark in results:
        for fig in figures:
            target = f"{fig.target} **{fig.verdict}**" if fig.target else ""
            lines.append(
                f"| {name} | {fig.name} | {describe(fig.values, fig.unit)} | "
                f"{fig.baseline_name}: {describe(fig.baseline, fig.unit)} | "
                f"{fmt(fig.ratio)} | {target} |")
        if remark:
            lines.append(f"| {name} | *{remark}* | | | | |")
    return "\n".join(lines) + "\n"
