"""Documents of table, analysis and evaluation nodes, in every reportFormat.

A node's figures are computed once into a Report (titled tables plus an optional chart);
writers turn a Report into HTML, JPG, PNG, RTF, SAV, TAB or XML. Charts are drawn with
matplotlib's Agg backend from the real data.
"""

from __future__ import annotations

import base64
import html
import io
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pmdesk.api.models import ReportFormat
from pmdesk.engine.errors import EngineError
from pmdesk.engine.pipeline import Branch, Context, PredictionFields

TABLE_FORMATS = (ReportFormat.HTML, ReportFormat.RTF, ReportFormat.SAV,
                 ReportFormat.TAB, ReportFormat.XML)
IMAGE_FORMATS = (ReportFormat.PNG, ReportFormat.JPG)
EXTENSIONS = {
    ReportFormat.HTML: "html", ReportFormat.JPG: "jpg", ReportFormat.PNG: "png",
    ReportFormat.RTF: "rtf", ReportFormat.SAV: "sav", ReportFormat.TAB: "tab",
    ReportFormat.XML: "xml",
}


@dataclass
class Report:
    node: str
    title: str
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    draw: Callable[[Any], None] | None = None  # draws onto a matplotlib Figure


def formats_of(node_type: str) -> tuple[ReportFormat, ...]:
    """What each document builder can produce (tables cannot be images)."""
    if node_type == "table":
        return TABLE_FORMATS
    return (*TABLE_FORMATS, *IMAGE_FORMATS)


# ---------------------------------------------------------------- computing


FrameCache = dict[str, tuple[pd.DataFrame, list[PredictionFields]]]


def build_report(ctx: Context, node_name: str, cache: FrameCache | None = None) -> Report:
    """`cache` shares the data of one upstream node between the documents it feeds (an
    analysis and a gains chart under the same nugget read the table once)."""
    node = ctx.stream.node(node_name)
    branch = Branch(ctx, node_name)
    if node.type == "table":
        parts: list[pd.DataFrame] = []
        kept = 0
        for chunk in branch.chunks():
            parts.append(chunk.head(node.rows - kept))
            kept += len(parts[-1])
            if kept >= node.rows:
                break
        frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
        return Report(node.name, f"Table: {node.name}", [("Rows", frame)],
                      notes=[f"first {len(frame)} rows"])
    key = ctx.stream.upstream(node_name) or node_name
    if cache is not None and key in cache:
        frame, branch.predictions = cache[key]
    else:
        frame = branch.frame()
        if cache is not None:
            cache[key] = (frame, branch.predictions)
    if node.type == "analysis":
        return _analysis(node, branch, frame)
    if node.type == "evaluation":
        return _evaluation(node, branch, frame)
    raise EngineError(f"node {node_name!r} ({node.type}) does not produce documents")


def _target_predictions(node: Any, branch: Branch, frame: pd.DataFrame) -> list[PredictionFields]:
    preds = [p for p in branch.predictions if p.target]
    if node.target:
        preds = [p for p in preds if p.target == node.target]
    if not preds:
        detail = f" predicting {node.target!r}" if node.target else ""
        raise EngineError(
            f"{node.type} node {node.name!r} needs a model nugget with a target{detail} "
            "upstream of it"
        )
    missing = [p.target for p in preds if p.target not in frame.columns]
    if missing:
        raise EngineError(
            f"{node.type} node {node.name!r}: the data has no target field {missing[0]!r}"
        )
    return preds


def _is_continuous(series: pd.Series) -> bool:
    return series.dtype.kind in "iuf" and series.nunique() > 10


def _analysis(node: Any, branch: Branch, frame: pd.DataFrame) -> Report:
    report = Report(node.name, f"Analysis: {node.name}")
    matrices: list[tuple[str, pd.DataFrame]] = []
    scatter: list[tuple[str, pd.Series, pd.Series]] = []
    for p in _target_predictions(node, branch, frame):
        assert p.target is not None
        actual, predicted = frame[p.target], frame[p.prediction]
        label = f"{p.nugget} ({p.prediction})"
        if _is_continuous(actual) and predicted.dtype.kind in "iuf":
            err = predicted.astype(float) - actual.astype(float)
            corr = actual.astype(float).corr(predicted.astype(float))
            report.tables.append((f"Regression errors of {label}", pd.DataFrame({
                "Measure": ["Records", "Mean error", "Mean absolute error",
                            "Root mean squared error", "Maximum absolute error",
                            "Linear correlation"],
                "Value": [float(len(err)), float(err.mean()), float(err.abs().mean()),
                          float(math.sqrt((err ** 2).mean())) if len(err) else float("nan"),
                          float(err.abs().max()), float(corr)],
            })))
            scatter.append((label, actual.astype(float), predicted.astype(float)))
            continue
        a, b = actual.astype(str), predicted.astype(str)
        correct = int((a == b).sum())
        total = len(a)
        report.tables.append((f"Accuracy of {label}", pd.DataFrame({
            "Measure": ["Records", "Correct", "Wrong", "Accuracy %"],
            "Value": [float(total), float(correct), float(total - correct),
                      round(100.0 * correct / total, 4) if total else float("nan")],
        })))
        cats = sorted(set(a) | set(b))
        matrix = pd.crosstab(a, b).reindex(index=cats, columns=cats, fill_value=0)
        matrix.index.name = None
        matrix = matrix.reset_index().rename(columns={"index": f"{p.target} \\ predicted"})
        matrix.columns = [str(c) for c in matrix.columns]
        report.tables.append((f"Confusion matrix of {label}", matrix))
        matrices.append((label, matrix))

    def draw(fig: Any) -> None:
        items = len(matrices) + len(scatter)
        for i, (label, matrix) in enumerate(matrices, 1):
            ax = fig.add_subplot(1, items, i)
            values = matrix.iloc[:, 1:].to_numpy(dtype=float)
            ax.imshow(values, cmap="Blues")
            ticks = list(matrix.columns[1:])
            ax.set_xticks(range(len(ticks)), ticks, rotation=45, ha="right")
            ax.set_yticks(range(len(ticks)), ticks)
            dark = values.max() / 2 if values.size else 0
            for (r, c), v in np.ndenumerate(values):
                ax.text(c, r, f"{int(v)}", ha="center", va="center", fontsize=8,
                        color="white" if v > dark else "black")
            ax.set_xlabel("predicted")
            ax.set_ylabel("actual")
            ax.set_title(f"Confusion matrix\n{label}", fontsize=9)
        for j, (label, actual, predicted) in enumerate(scatter, len(matrices) + 1):
            ax = fig.add_subplot(1, items, j)
            sample = min(len(actual), 5000)
            ax.scatter(actual.iloc[:sample], predicted.iloc[:sample], s=4, alpha=0.5)
            ax.set_xlabel("actual")
            ax.set_ylabel("predicted")
            ax.set_title(f"Predicted vs actual\n{label}", fontsize=9)

    report.draw = draw
    return report


def gains_table(actual: pd.Series, score: pd.Series, hit: str, bins: int) -> pd.DataFrame:
    """Cumulative gains and lift by quantile of the score (best-scored records first)."""
    order = np.argsort(-score.to_numpy(dtype=float), kind="stable")
    hits = (actual.astype(str).to_numpy() == hit)[order]
    n = len(hits)
    total_hits = int(hits.sum())
    rows = []
    for b in range(1, bins + 1):
        upto = math.ceil(n * b / bins)
        start = math.ceil(n * (b - 1) / bins)
        cum_hits = int(hits[:upto].sum())
        bin_hits = int(hits[start:upto].sum())
        rate = total_hits / n if n else 0.0
        rows.append({
            "Percentile": round(100.0 * b / bins, 2),
            "Records": upto,
            "Hits": bin_hits,
            "Cumulative hits": cum_hits,
            "Gain %": round(100.0 * cum_hits / total_hits, 4) if total_hits else 0.0,
            "Response %": round(100.0 * bin_hits / (upto - start), 4) if upto > start else 0.0,
            "Lift": round((cum_hits / upto) / rate, 4) if upto and rate else 0.0,
        })
    return pd.DataFrame(rows)


def _evaluation(node: Any, branch: Branch, frame: pd.DataFrame) -> Report:
    report = Report(node.name, f"Evaluation ({node.chart}): {node.name}")
    curves: list[tuple[str, pd.DataFrame]] = []
    for p in _target_predictions(node, branch, frame):
        assert p.target is not None
        actual = frame[p.target].astype(str)
        if _is_continuous(frame[p.target]):
            raise EngineError(
                f"evaluation node {node.name!r}: gains and lift need a categorical target; "
                f"{p.target!r} is continuous"
            )
        hit = node.hit
        if hit is None:
            counts = actual.value_counts()
            hit = str(counts.sort_index().idxmin()) if len(counts) else ""
        predicted = frame[p.prediction].astype(str)
        if p.confidence and p.confidence in frame.columns:
            conf = frame[p.confidence].astype(float).fillna(0.0)
            score = conf.where(predicted == hit, -conf)
        else:
            score = (predicted == hit).astype(float)
        table = gains_table(actual, score, hit, node.bins)
        label = f"{p.nugget} (hit: {p.target} = {hit})"
        report.tables.append((f"{node.chart.capitalize()} of {label}", table))
        curves.append((label, table))

    def draw(fig: Any) -> None:
        ax = fig.add_subplot(1, 1, 1)
        for label, table in curves:
            x = [0.0, *table["Percentile"].tolist()]
            if node.chart == "gains":
                ax.plot(x, [0.0, *table["Gain %"].tolist()], marker="o", label=label)
            else:
                ax.plot(x[1:], table["Lift"].tolist(), marker="o", label=label)
        if node.chart == "gains":
            ax.plot([0, 100], [0, 100], linestyle="--", color="grey", label="baseline")
            ax.set_ylabel("% gain (cumulative hits)")
        else:
            ax.axhline(1.0, linestyle="--", color="grey", label="baseline")
            ax.set_ylabel("lift (cumulative)")
        ax.set_xlabel("percentile of records, best scores first")
        ax.set_title(report.title)
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)

    report.draw = draw
    return report


# ---------------------------------------------------------------- writing


def _png(report: Report, fmt: str = "png") -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    assert report.draw is not None
    fig = Figure(figsize=(8, 5.5), dpi=100)
    report.draw(fig)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt)
    return buf.getvalue()


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def _html(report: Report) -> str:
    parts = [
        "<!DOCTYPE html>", "<html><head><meta charset='utf-8'>",
        f"<title>{html.escape(report.title)}</title>",
        "<style>body{font-family:sans-serif} table{border-collapse:collapse;margin:1em 0}"
        " td,th{border:1px solid #bbb;padding:2px 8px;text-align:right}</style>",
        "</head><body>", f"<h1>{html.escape(report.title)}</h1>",
    ]
    parts += [f"<p>{html.escape(n)}</p>" for n in report.notes]
    for title, table in report.tables:
        parts.append(f"<h2>{html.escape(title)}</h2><table><tr>")
        parts += [f"<th>{html.escape(str(c))}</th>" for c in table.columns]
        parts.append("</tr>")
        for row in table.itertuples(index=False, name=None):
            parts.append("<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row)
                         + "</tr>")
        parts.append("</table>")
    if report.draw is not None:
        data = base64.b64encode(_png(report)).decode("ascii")
        parts.append(f"<img alt='{html.escape(report.title)}' src='data:image/png;base64,{data}'>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _rtf_text(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) > 127:
            code = ord(ch)
            out.append(f"\\u{code if code < 32768 else code - 65536}?")
        else:
            out.append(ch)
    return "".join(out)


def _rtf(report: Report) -> str:
    parts = [r"{\rtf1\ansi\deff0{\fonttbl{\f0 Helvetica;}}\fs20",
             rf"{{\b\fs28 {_rtf_text(report.title)}\par}}"]
    parts += [rf"{_rtf_text(n)}\par" for n in report.notes]
    for title, table in report.tables:
        parts.append(rf"\par{{\b {_rtf_text(title)}\par}}")
        width = 1800
        border = r"\clbrdrt\brdrs\clbrdrl\brdrs\clbrdrb\brdrs\clbrdrr\brdrs"
        cells = "".join(rf"{border}\cellx{width * (i + 1)}" for i in range(len(table.columns)))
        rows = [list(map(str, table.columns))]
        rows += [[_cell(v) for v in r] for r in table.itertuples(index=False, name=None)]
        for i, row in enumerate(rows):
            bold = "{\\b " if i == 0 else "{"
            text = "".join(rf"\intbl {bold}{_rtf_text(v)}}}\cell " for v in row)
            parts.append(rf"\trowd\trgaph60{cells} {text}\row")
        parts.append(r"\pard\par")
    parts.append("}")
    return "\n".join(parts)


def _xml(report: Report) -> bytes:
    root = ET.Element("report", node=report.node, title=report.title)
    for n in report.notes:
        ET.SubElement(root, "note").text = n
    for title, table in report.tables:
        t = ET.SubElement(root, "table", title=title)
        cols = ET.SubElement(t, "columns")
        for c in table.columns:
            ET.SubElement(cols, "column", name=str(c), type=str(table[c].dtype))
        for row in table.itertuples(index=False, name=None):
            r = ET.SubElement(t, "row")
            for c, v in zip(table.columns, row, strict=True):
                ET.SubElement(r, "cell", column=str(c)).text = _cell(v)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _spss_names(columns: list[str]) -> list[str]:
    """Valid, unique SPSS variable names (letters first, no $ or spaces, 64 bytes)."""
    out: list[str] = []
    for c in columns:
        name = re.sub(r"[^A-Za-z0-9_]", "_", c).strip("_") or "V"
        if not name[0].isalpha():
            name = "V" + name
        name = name[:60]
        base, n = name, 2
        while name.lower() in (o.lower() for o in out):
            name = f"{base}_{n}"
            n += 1
        out.append(name)
    return out


def _sav_frame(table: pd.DataFrame) -> pd.DataFrame:
    frame = table.copy()
    for c in frame.columns:
        if frame[c].dtype.kind not in "iufbM":
            frame[c] = frame[c].map(_cell).astype(object)
        elif frame[c].dtype.kind == "b":
            frame[c] = frame[c].astype(int)
    frame.columns = _spss_names([str(c) for c in frame.columns])
    return frame


def write_report(ctx: Context, report: Report, fmt: ReportFormat) -> list[Path]:
    ext = EXTENSIONS[fmt]
    if fmt in IMAGE_FORMATS:
        if report.draw is None:
            raise EngineError(f"node {report.node!r} has no chart to write as {fmt.value}")
        path = ctx.out_path(f"{report.node}.{ext}")
        path.write_bytes(_png(report, "jpg" if fmt is ReportFormat.JPG else "png"))
        return [path]
    if fmt is ReportFormat.HTML:
        path = ctx.out_path(f"{report.node}.{ext}")
        path.write_text(_html(report), encoding="utf-8")
        return [path]
    if fmt is ReportFormat.RTF:
        path = ctx.out_path(f"{report.node}.{ext}")
        path.write_text(_rtf(report), encoding="ascii")
        return [path]
    if fmt is ReportFormat.XML:
        path = ctx.out_path(f"{report.node}.{ext}")
        path.write_bytes(_xml(report))
        return [path]
    paths = []
    for i, (title, table) in enumerate(report.tables):
        name = report.node if len(report.tables) == 1 else f"{report.node}-{i + 1}"
        path = ctx.out_path(f"{name}.{ext}")
        if fmt is ReportFormat.TAB:
            path.write_text(f"# {title}\n" + table.to_csv(sep="\t", index=False), encoding="utf-8")
        else:
            import pyreadstat

            frame = _sav_frame(table)
            pyreadstat.write_sav(
                frame, str(path), file_label=title[:64],
                column_labels=[str(c) for c in table.columns],
            )
        paths.append(path)
    return paths
