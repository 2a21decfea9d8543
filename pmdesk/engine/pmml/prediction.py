"""What a model evaluator hands to the Output step."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Prediction:
    """Per-row results of one chunk; the Output element picks fields from these."""

    value: np.ndarray
    classes: list[str] | None = None
    probabilities: np.ndarray | None = None
    entity_id: np.ndarray | None = None
    entity_name: np.ndarray | None = None
    affinity: np.ndarray | None = None
    confidences: np.ndarray | None = None  # per class, where a model tells them apart
    reasons: np.ndarray | None = None  # scorecards: reason codes by rank (rows x codes)


def from_probabilities(probabilities: np.ndarray, classes: list[str]) -> Prediction:
    """Most probable class per row (first listed wins a tie); None where undefined."""
    undefined = np.isnan(probabilities).any(axis=1)
    safe = np.where(np.isnan(probabilities), -np.inf, probabilities)
    labels = np.array(classes, dtype=object)
    value = labels[np.argmax(safe, axis=1)] if len(classes) else np.full(len(safe), None)
    value[undefined] = None
    return Prediction(value=value, classes=classes, probabilities=probabilities)


def class_order(declared: tuple[str, ...], found: list[str]) -> list[str]:
    """Classes in DataDictionary order, then any the model names that it does not list."""
    order = [c for c in declared if c in found]
    return order + [c for c in found if c not in order]
