"""Numeric kernels shared by training and scoring (NormContinuous, NormDiscrete).

Training builds its design matrix with these same functions from the same float constants
the PMML stores (written with ``repr``, which reads back exactly), so scoring from the PMML
reproduces the fitted model's inputs bit for bit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .values import missing_mask


def norm_continuous(
    x: np.ndarray,
    orig: Sequence[float],
    norm: Sequence[float],
    outliers: str = "asIs",
) -> np.ndarray:
    """Piecewise-linear map through the (orig, norm) points of PMML LinearNorm elements."""
    o = np.asarray(orig, dtype=np.float64)
    n = np.asarray(norm, dtype=np.float64)
    if o.size == 1:
        return np.where(np.isnan(x), np.nan, n[0])
    if o.size == 2:  # one segment (standardisation): same formula, no per-row lookup
        out = n[0] + (x - o[0]) / (o[1] - o[0]) * (n[1] - n[0])
    else:
        seg = np.clip(np.searchsorted(o, x, side="right") - 1, 0, o.size - 2)
        o1, o2, n1, n2 = o[seg], o[seg + 1], n[seg], n[seg + 1]
        out = n1 + (x - o1) / (o2 - o1) * (n2 - n1)
    if outliers == "asMissingValues":
        out = np.where((x < o[0]) | (x > o[-1]), np.nan, out)
    elif outliers == "asExtremeValues":
        out = np.where(x < o[0], n[0], np.where(x > o[-1], n[-1], out))
    return out


def norm_discrete(values: np.ndarray, category: object, mask: np.ndarray | None = None
                  ) -> np.ndarray:
    """1.0 where values equal category, 0.0 elsewhere, NaN where missing (mask if known)."""
    hit = np.asarray(values == category, dtype=np.float64)
    hit[missing_mask(values) if mask is None else mask] = np.nan
    return hit


def standard_points(mean: float, std: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """LinearNorm points that standardise: mean -> 0, mean + std -> 1."""
    spread = std if std > 0 and np.isfinite(std) else 1.0
    top = mean + spread
    if top == mean:  # spread vanished next to a huge mean
        top = np.nextafter(mean, np.inf)
    return (float(mean), float(top)), (0.0, 1.0)
