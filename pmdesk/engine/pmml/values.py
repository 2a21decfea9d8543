"""Turning pandas columns into the two value kinds PMML knows: numbers and category strings.

Training and scoring both use these functions, so a category seen while fitting is spelt
exactly the same way when the PMML is scored later (``1`` not ``1.0``, ``true`` not ``True``).
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd


def pmml_number(value: float) -> str:
    """Shortest text that reads back as exactly the same float."""
    number = float(value)
    if number.is_integer() and abs(number) < 2**53:
        return str(int(number))
    return repr(number)


def category_text(value: object) -> str | None:
    """PMML spelling of one categorical value; None for missing."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number):
            return None
        return pmml_number(number)
    return str(value)


def category_strings(series: pd.Series) -> np.ndarray:
    """Object array of category strings, None where the value is missing."""
    return category_strings_masked(series)[0]


def category_strings_masked(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """category_strings plus its missing-value mask (computing that again is not cheap)."""
    missing = series.isna().to_numpy()
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        series = series.astype(object)
        dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        flags = series.to_numpy(dtype=bool, na_value=False)
        out = np.where(flags, "true", "false").astype(object)
    elif pd.api.types.is_integer_dtype(dtype):
        ints = series.to_numpy(dtype=np.float64, na_value=0.0).astype(np.int64)
        out = ints.astype(str).astype(object)
    elif pd.api.types.is_float_dtype(dtype):
        out = float_texts(series.to_numpy(dtype=np.float64, na_value=np.nan))
    else:
        out = series.to_numpy(dtype=object).copy()
        if pd.api.types.infer_dtype(out, skipna=True) not in ("string", "empty"):
            out = np.array([category_text(v) for v in out], dtype=object)
    out[missing] = None
    return out, missing


def float_texts(floats: np.ndarray) -> np.ndarray:
    """pmml_number of every value (None for NaN), vectorised for the whole numbers."""
    out = np.full(floats.shape, None, dtype=object)
    present = ~np.isnan(floats)
    values = floats[present]
    whole = np.isfinite(values) & (values == np.floor(values)) & (np.abs(values) < 2**53)
    texts = np.empty(values.shape, dtype=object)
    texts[whole] = values[whole].astype(np.int64).astype(str)
    texts[~whole] = [pmml_number(v) for v in values[~whole].tolist()]
    out[present] = texts
    return out


def numeric_values(series: pd.Series) -> np.ndarray:
    """Float array with NaN for missing; text that is not a number also becomes NaN."""
    if pd.api.types.is_bool_dtype(series.dtype):
        return series.astype("float64").to_numpy(dtype=np.float64, na_value=np.nan)
    if pd.api.types.is_numeric_dtype(series.dtype):
        return series.to_numpy(dtype=np.float64, na_value=np.nan)
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)


def missing_mask(values: np.ndarray) -> np.ndarray:
    """True where a float or object array holds a missing value."""
    if values.dtype == object:
        return np.asarray(pd.isna(values), dtype=bool)
    return np.isnan(values)
