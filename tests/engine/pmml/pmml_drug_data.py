"""A synthetic DRUG data set (as in Modeler's drug demo) with a learnable rule."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from pmdesk.engine.pmml.train import FittedModel, fit_model


def drug_frame(rows: int = 400, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    age = rng.integers(15, 75, rows)
    sex = rng.choice(["M", "F"], rows)
    bp = rng.choice(["HIGH", "NORMAL", "LOW"], rows)
    chol = rng.choice(["HIGH", "NORMAL"], rows)
    na = rng.uniform(0.5, 0.9, rows)
    k = rng.uniform(0.02, 0.08, rows)
    ratio = na / k
    drug = np.where(
        ratio > 15,
        "drugY",
        np.where(
            bp == "HIGH",
            np.where(age < 50, "drugA", "drugB"),
            np.where(bp == "LOW", np.where(chol == "HIGH", "drugC", "drugX"), "drugX"),
        ),
    )
    return pd.DataFrame(
        {"Age": age, "Sex": sex, "BP": bp, "Cholesterol": chol, "Na": na, "K": k, "Drug": drug}
    )


INPUTS = ["Age", "Sex", "BP", "Cholesterol", "Na", "K"]


TRAIN = drug_frame(400, seed=7)
FRESH = drug_frame(300, seed=99)  # rows the models never saw


@functools.cache
def fitted_on_train(algorithm: str, target: str | None, params: tuple[tuple[str, object], ...] = ()
                    ) -> FittedModel:
    """One fit per configuration for the whole test run (training dominates test time)."""
    inputs = [name for name in INPUTS if name != target]
    return fit_model(algorithm, TRAIN, inputs, target, dict(params))
