"""The EVALUATION reports of a Modeler branch's Analysis and Matrix nodes, counted chunk by
chunk so that memory grows with the number of categories, not of records (execute.py
feeds them the branch's rows)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pmdesk.engine.errors import EngineError
from pmdesk.streams.modeler.plan import Step

NULL_LABEL = "$null$"  # how Modeler shows a null value in its output tables


def _labels(column: pd.Series) -> pd.Series:
    """Values as the text a report shows (5.0 as "5"), nulls as Modeler's $null$."""
    return column.map(lambda v: NULL_LABEL if v is None or v != v else
                      (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)))


class AnalysisTally:
    """Modeler's Analysis node, counted chunk by chunk: per nugget, the records whose
    prediction equals the target (overall, and per partition value when the node separates
    by partition and the data holds the partition field) and, with `coincidence`, the
    counts of each (actual, predicted) pair. Memory grows with the number of categories."""

    def __init__(self, terminal: Step, models: list[Any]) -> None:
        self.terminal = terminal
        self.nuggets: list[tuple[str, str]] = []  # (predicted field, target field)
        for model in models:
            target = model.target
            predicted = next((f for f in model.output_fields if str(f).startswith("$")
                              and str(f).endswith(f"-{target}")), None)
            if target and predicted is not None:
                self.nuggets.append((str(predicted), str(target)))
        partition = terminal.props.get("partition") if terminal.props.get(
            "by_partition", True) else None
        self.partition: dict[str, Any] | None = partition
        self.coincidence = bool(terminal.props.get("coincidence"))
        self.pairs: list[tuple[str, str]] | None = None  # the nuggets the data can check
        self.split = False  # whether the data holds the partition field
        self.rows = 0
        self.parts: dict[str, int] = {}  # partition value -> records
        self.correct: dict[tuple[str, str | None], int] = {}  # (predicted, part) -> hits
        self.matrices: dict[tuple[str, str | None], pd.Series] = {}

    def add(self, chunk: pd.DataFrame) -> None:
        if self.pairs is None:
            columns = set(map(str, chunk.columns))
            self.pairs = [(p, t) for p, t in self.nuggets if p in columns and t in columns]
            if not self.pairs:
                raise EngineError(f"analysis node {self.terminal.label!r} needs a model "
                                  "nugget upstream and its target field in the data")
            self.split = self.partition is not None and self.partition["field"] in columns
        self.rows += len(chunk)
        part = _labels(chunk[self.partition["field"]]) if self.split and self.partition \
            else None
        if part is not None:
            for value, n in part.value_counts(sort=False).items():
                self.parts[str(value)] = self.parts.get(str(value), 0) + int(n)
        for predicted, target in self.pairs:
            hit = chunk[predicted].astype(str) == chunk[target].astype(str)
            self._count(predicted, None, int(hit.sum()))
            if part is not None:
                for value, n in hit.groupby(part, sort=False).sum().items():
                    self._count(predicted, str(value), int(n))
            if self.coincidence:
                pairs = pd.DataFrame({"actual": _labels(chunk[target]),
                                      "predicted": _labels(chunk[predicted])})
                self._pairs(predicted, None, pairs.value_counts(sort=False))
                if part is not None:
                    by_part = pairs.assign(part=part).value_counts(sort=False)
                    for value in by_part.index.get_level_values("part").unique():
                        self._pairs(predicted, str(value), by_part.xs(value, level="part"))

    def _count(self, predicted: str, part: str | None, hits: int) -> None:
        self.correct[predicted, part] = self.correct.get((predicted, part), 0) + hits

    def _pairs(self, predicted: str, part: str | None, counts: pd.Series) -> None:
        before = self.matrices.get((predicted, part))
        self.matrices[predicted, part] = counts if before is None else before.add(
            counts, fill_value=0)

    def _order(self) -> list[str]:
        """Partition values in the order the stream gives them (a Partition node's, else
        its training value first), then any others the data holds, sorted."""
        declared = [v for v in (self.partition or {}).get("values") or [] if v in self.parts]
        rest = sorted(v for v in self.parts if v not in declared and v != NULL_LABEL)
        return [*declared, *rest]

    def tables(self) -> list[tuple[str, pd.DataFrame]]:
        tables: list[tuple[str, pd.DataFrame]] = []
        parts = self._order() if self.split else []
        field_ = self.partition["field"] if self.partition else ""
        for predicted, target in self.pairs or []:
            name = f"Comparing {predicted} with {target}"
            for part in [None, *parts]:
                n = self.rows if part is None else self.parts[part]
                where = "" if part is None else f" ('{field_}' = {part})"
                tables.append((name + where, _correct_wrong(self.correct.get(
                    (predicted, part), 0), n)))
            if self.coincidence:
                for part in [None, *parts]:
                    where = "" if part is None else f" ('{field_}' = {part})"
                    tables.append((f"Coincidence matrix for {predicted} (rows show "
                                   f"actuals){where}", _coincidence(
                                       self.matrices.get((predicted, part)), target)))
        return tables


def _correct_wrong(hits: int, n: int) -> pd.DataFrame:
    return pd.DataFrame({
        "": ["Correct", "Wrong", "Total"],
        "count": [hits, n - hits, n],
        "percent": [100 * hits / n if n else 0.0, 100 * (n - hits) / n if n else 0.0, 100.0],
    })


def _coincidence(counts: pd.Series | None, target: str) -> pd.DataFrame:
    """Actual values down, predicted values across, as Modeler's coincidence matrix."""
    if counts is None or counts.empty:
        return pd.DataFrame({target: pd.Series([], dtype=object)})
    table = counts.unstack("predicted", fill_value=0).astype("int64")
    table = table.sort_index().sort_index(axis=1)
    table.index.name = target
    table.columns.name = None
    return table.reset_index()


class MatrixTally:
    """Modeler's Matrix node (counts of each row and column value), added chunk by chunk
    into the same table pandas' crosstab gives on all the rows at once."""

    def __init__(self, terminal: Step) -> None:
        self.terminal = terminal
        self.row, self.column = terminal.props.get("row"), terminal.props.get("column")
        self.counts: pd.Series | None = None

    def add(self, chunk: pd.DataFrame) -> None:
        row, column = self.row, self.column
        if not row or not column or row not in chunk.columns or column not in chunk.columns:
            raise EngineError(f"matrix node {self.terminal.label!r} needs its row and column "
                              f"fields in the data (row {row!r}, column {column!r})")
        counts = chunk.groupby([chunk[row], chunk[column]]).size()
        self.counts = counts if self.counts is None else self.counts.add(counts, fill_value=0)

    def tables(self) -> list[tuple[str, pd.DataFrame]]:
        row, column = str(self.row), str(self.column)
        if self.counts is None or self.counts.empty:
            return [("Matrix", pd.DataFrame({row: pd.Series([], dtype=object)}))]
        table = self.counts.unstack(-1, fill_value=0).astype("int64")
        table = table.sort_index().sort_index(axis=1)
        table.index.name, table.columns.name = row, column
        return [("Matrix", table.reset_index())]
