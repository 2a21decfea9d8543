"""Repeatable per-row random numbers for the Partition and Balance nodes.

Modeler's own random generator is not public, so PMDesk cannot assign the rows Modeler
assigns. What it can promise is that the same input gives the same rows on every run and
for every chunk size: each row's number depends only on a seed and a key (the row's
position in the job's input, or the value of a unique field), never on what was drawn
before. The number is splitmix64 (Steele, Lea and Flood, 2014) taken as a counter-based
generator: the key-th output of the splitmix64 sequence started at the mixed seed,
vectorised with numpy.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

GAMMA = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_MASK = (1 << 64) - 1


def splitmix64(x: np.ndarray[Any, Any]) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """splitmix64's finaliser on each element (uint64, wrapping arithmetic)."""
    z = np.asarray(x, dtype=np.uint64).copy()
    with np.errstate(over="ignore"):
        z ^= z >> np.uint64(30)
        z *= _M1
        z ^= z >> np.uint64(27)
        z *= _M2
        z ^= z >> np.uint64(31)
    return z


def uniforms(seed: int, keys: np.ndarray[Any, Any]) -> np.ndarray[Any, np.dtype[np.float64]]:
    """One number in [0, 1) per key: the key-th draw of splitmix64 seeded with `seed`."""
    base = splitmix64(np.array([seed & _MASK], dtype=np.uint64))[0]
    k = np.asarray(keys, dtype=np.uint64)
    with np.errstate(over="ignore"):
        state = base + (k + np.uint64(1)) * GAMMA
    return (splitmix64(state) >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))


def positions(start: int, count: int) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """The keys of `count` rows from ordinal position `start` (0-based) on."""
    return np.arange(start, start + count, dtype=np.uint64)


def field_keys(column: pd.Series) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """A stable key per value: the same value gives the same key whatever its row, chunk or
    storage (5, 5.0 and "5" are one value; every null is one value too)."""
    if pd.api.types.is_integer_dtype(column.dtype) or pd.api.types.is_bool_dtype(column.dtype):
        text = column.astype(str)
    else:
        text = column.map(_text)
    hashed = pd.util.hash_pandas_object(text.astype(object), index=False)
    return hashed.to_numpy(dtype=np.uint64)


def _text(value: Any) -> str | None:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (float, np.floating)):
        if value != value:
            return None
        if float(value).is_integer():
            return str(int(value))
    return str(value)
