"""What training learns about each field: measurement, PMML types, categories, fill value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import ModelError
from .values import category_strings, numeric_values, pmml_number

MEASUREMENTS = ("continuous", "nominal", "ordinal", "flag")
# Modeler's older names for the same measurements
_ALIASES = {"range": "continuous", "set": "nominal", "ordered set": "ordinal",
            "ordered_set": "ordinal", "categorical": "nominal"}


@dataclass(frozen=True)
class FieldInfo:
    """One DataDictionary field plus the value that replaces a missing one when scoring."""

    name: str
    measurement: str
    data_type: str
    values: tuple[str, ...] = ()
    mean: float = 0.0
    std: float = 1.0
    mode: str | None = None

    @property
    def continuous(self) -> bool:
        return self.measurement == "continuous"

    @property
    def optype(self) -> str:
        if self.continuous:
            return "continuous"
        return "ordinal" if self.measurement == "ordinal" else "categorical"

    @property
    def replacement(self) -> str | None:
        """Mean (continuous) or mode (categorical) as written to missingValueReplacement."""
        return pmml_number(self.mean) if self.continuous else self.mode


def default_measurement(series: pd.Series) -> str:
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return "ordinal" if dtype.ordered else "nominal"
    if pd.api.types.is_bool_dtype(dtype):
        return "nominal"
    if pd.api.types.is_numeric_dtype(dtype):
        return "continuous"
    if pd.api.types.is_datetime64_any_dtype(dtype) or pd.api.types.is_timedelta64_dtype(dtype):
        raise ModelError(
            f"field {series.name!r} holds dates or times, which models cannot use directly; "
            "derive a number from it first"
        )
    return "nominal"


def _categorical_type(series: pd.Series) -> str:
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        dtype = dtype.categories.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "integer"
    if pd.api.types.is_float_dtype(dtype):
        return "double"
    return "string"


def describe_field(series: pd.Series, measurement: str | None) -> FieldInfo:
    """Learns types and statistics of one training column; rejects unusable columns."""
    name = str(series.name)
    kind = measurement.strip().lower() if measurement else default_measurement(series)
    kind = _ALIASES.get(kind, kind)
    if kind not in MEASUREMENTS:
        raise ModelError(
            f"measurement {kind!r} for field {name!r} is not one of {', '.join(MEASUREMENTS)}"
        )
    if kind == "continuous":
        numbers = numeric_values(series)
        bad = np.isnan(numbers) & ~series.isna().to_numpy()
        if bad.any():
            example = series[bad].iloc[0]
            raise ModelError(
                f"field {name!r} is continuous but holds {example!r}, which is not a number; "
                "set its measurement to nominal or clean the data"
            )
        present = numbers[~np.isnan(numbers)]
        if present.size == 0:
            raise ModelError(f"field {name!r} has no values in the training data")
        return FieldInfo(name, kind, "double", mean=float(present.mean()), std=float(present.std()))
    texts = category_strings(series)
    present_texts = texts[~pd.isna(texts)]
    if present_texts.size == 0:
        raise ModelError(f"field {name!r} has no values in the training data")
    counts = pd.Series(present_texts).value_counts()
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype) and dtype.ordered:
        order = [str(v) for v in category_strings(pd.Series(dtype.categories))]
        values = tuple(v for v in order if v in counts.index)
    else:
        values = tuple(sorted(counts.index))
    top = counts.max()
    mode = min(v for v in counts.index if counts[v] == top)
    return FieldInfo(name, kind, _categorical_type(series), values=values, mode=str(mode))


def describe_fields(
    frame: pd.DataFrame, names: list[str], measurement: Mapping[str, str] | None
) -> list[FieldInfo]:
    chosen = dict(measurement or {})
    return [describe_field(frame[name], chosen.get(name)) for name in names]
