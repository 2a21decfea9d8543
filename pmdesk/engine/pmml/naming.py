"""SPSS Modeler's names for the fields a model appends, kept in one place.

The writer puts these names into the PMML Output element and the evaluator falls back to
them for PMML that has no Output element, so both sides always agree.
"""

from __future__ import annotations

KMEANS_LABEL = "$KM-K-Means"
KMEANS_DISTANCE = "$KMD-K-Means"

# algorithm -> (prediction prefix, confidence prefix or None)
_PREFIXES: dict[str, tuple[str, str | None]] = {
    "tree": ("$R-", "$RC-"),
    "logistic": ("$L-", "$LP-"),
    "linear": ("$E-", None),
    "neural": ("$N-", "$NC-"),
}


def prediction_name(algorithm: str, target: str) -> str:
    """Field holding the predicted value, e.g. ``$R-Drug`` for a tree."""
    return _PREFIXES[algorithm][0] + target


def confidence_name(algorithm: str, target: str, classification: bool) -> str | None:
    """Field holding the confidence of a classification; regressions have none."""
    prefix = _PREFIXES[algorithm][1]
    if prefix is None or not classification:
        return None
    return prefix + target


# Modeler's prefixes per PMML model element, for nuggets whose PMML has no Output element
_MODELER: dict[str, tuple[str, str]] = {
    "TreeModel": ("$R-", "$RC-"),
    "RegressionModel": ("$L-", "$LP-"),
    "GeneralRegressionModel": ("$L-", "$LP-"),
    "NeuralNetwork": ("$N-", "$NC-"),
    "SupportVectorMachineModel": ("$S-", "$SP-"),
    "RuleSetModel": ("$R-", "$RC-"),
    "NaiveBayesModel": ("$B-", "$BP-"),
    "MiningModel": ("$M-", "$MC-"),
    "Scorecard": ("$E-", "$EC-"),
}


def modeler_names(tag: str, algorithm_name: str, target: str, classification: bool
                  ) -> tuple[str, str | None]:
    """(prediction, confidence) field names Modeler gives a nugget of this PMML element:
    ``$N-DRUG``/``$NC-DRUG``, ``$L-Risk``/``$LP-Risk``, ``$S-Churn``/``$SP-Churn``, ...
    C5.0 trees and rule sets take ``$C-``; regressions ``$E-`` and no confidence."""
    prediction, confidence = _MODELER.get(tag, ("$M-", "$MC-"))
    if tag in ("TreeModel", "RuleSetModel") and "C5" in algorithm_name.upper():
        prediction, confidence = "$C-", "$CC-"
    if not classification:
        if tag in ("RegressionModel", "GeneralRegressionModel", "Scorecard"):
            prediction = "$E-"
        return prediction + target, None
    return prediction + target, confidence + target


def cluster_label(index: int) -> str:
    """Label of the 0-based cluster ``index`` as Modeler shows it: ``cluster-1``, ..."""
    return f"cluster-{index + 1}"
