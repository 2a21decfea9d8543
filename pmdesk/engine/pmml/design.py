"""Encoding of input fields into the numeric matrix scikit-learn fits.

Each column is a Feature that the writer can state in PMML (a raw field, a NormContinuous
standardisation or a NormDiscrete indicator), which is what lets the PMML alone reproduce
the fitted model's inputs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .fields import FieldInfo
from .transform import norm_continuous, norm_discrete, standard_points
from .values import category_strings, numeric_values


@dataclass(frozen=True)
class Feature:
    """One design-matrix column: ``raw`` value, ``norm`` (standardised) or ``onehot``."""

    field: str
    kind: str
    category: str | None = None
    orig: tuple[float, float] = (0.0, 1.0)
    norm: tuple[float, float] = (0.0, 1.0)

    @property
    def name(self) -> str:
        """Derived-field name used in LocalTransformations."""
        if self.kind == "onehot":
            return f"{self.field}={self.category}"
        if self.kind == "norm":
            return f"z({self.field})"
        return self.field


def plan_features(infos: list[FieldInfo], standardise: bool, drop_first: bool) -> list[Feature]:
    features: list[Feature] = []
    for info in infos:
        if info.continuous:
            if standardise:
                orig, norm = standard_points(info.mean, info.std)
                features.append(Feature(info.name, "norm", orig=orig, norm=norm))
            else:
                features.append(Feature(info.name, "raw"))
        else:
            categories = info.values[1:] if drop_first else info.values
            features.extend(Feature(info.name, "onehot", category=c) for c in categories)
    return features


def field_arrays(
    frame: pd.DataFrame, infos: list[FieldInfo], impute: bool
) -> dict[str, np.ndarray]:
    """Numbers or category strings per field, missing ones replaced when impute is set."""
    arrays: dict[str, np.ndarray] = {}
    for info in infos:
        if info.continuous:
            values = numeric_values(frame[info.name])
            if impute:
                values = np.where(np.isnan(values), float(info.replacement or "nan"), values)
        else:
            values = category_strings(frame[info.name])
            if impute:
                values[pd.isna(values)] = info.replacement
        arrays[info.name] = values
    return arrays


def design_matrix(
    frame: pd.DataFrame, infos: list[FieldInfo], features: list[Feature], impute: bool
) -> np.ndarray:
    arrays = field_arrays(frame, infos, impute)
    columns = []
    for feature in features:
        values = arrays[feature.field]
        if feature.kind == "onehot":
            columns.append(norm_discrete(values, feature.category))
        elif feature.kind == "norm":
            columns.append(norm_continuous(values, feature.orig, feature.norm))
        else:
            columns.append(values.astype(np.float64))
    if not columns:
        return np.empty((len(frame), 0))
    return np.column_stack(columns)
