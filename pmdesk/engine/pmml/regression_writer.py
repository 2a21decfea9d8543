"""RegressionModel tables from LogisticRegression / LinearRegression.

Continuous inputs enter as NumericPredictor (on the standardised derived field when the
model was fitted on standardised values); each indicator column is a CategoricalPredictor,
so an unseen category adds nothing, as an all-zero indicator row does in scikit-learn.
Binary logistic models use ``logit`` with the positive class first and an all-zero table
for the other class; multinomial ones use ``softmax``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # builds only

import numpy as np

from .design import Feature
from .document import sub
from .values import pmml_number


def _table(model: ET.Element, intercept: float, coefs: np.ndarray, features: list[Feature],
           category: str | None) -> None:
    table = sub(model, "RegressionTable", intercept=pmml_number(intercept),
                targetCategory=category)
    for feature, coef in zip(features, coefs, strict=True):
        if feature.kind == "onehot":
            sub(table, "CategoricalPredictor", name=feature.field, value=feature.category,
                coefficient=pmml_number(coef))
        else:
            sub(table, "NumericPredictor", name=feature.name, exponent="1",
                coefficient=pmml_number(coef))


def regression_tables(model: ET.Element, estimator: object, features: list[Feature],
                      classes: list[str] | None) -> None:
    coef = np.atleast_2d(np.asarray(estimator.coef_, dtype=np.float64))  # type: ignore[attr-defined]
    intercept = np.atleast_1d(np.asarray(estimator.intercept_, dtype=np.float64))  # type: ignore[attr-defined]
    if classes is None:
        _table(model, float(intercept[0]), coef[0], features, None)
    elif len(classes) == 2:
        _table(model, float(intercept[0]), coef[0], features, classes[1])
        sub(model, "RegressionTable", intercept="0", targetCategory=classes[0])
    else:
        for row, label in enumerate(classes):
            _table(model, float(intercept[row]), coef[row], features, label)
