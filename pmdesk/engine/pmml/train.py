"""Fitting scikit-learn estimators and writing them out as PMML 4.4."""

from __future__ import annotations

import warnings
import xml.etree.ElementTree as ET  # builds only
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
from threadpoolctl import threadpool_limits

from . import document as doc
from . import naming
from .cluster_writer import cluster_body
from .design import Feature, design_matrix, plan_features
from .errors import ModelError
from .fields import FieldInfo, describe_field, describe_fields
from .neural_writer import ACTIVATIONS, neural_body
from .params import check_algorithm, validate_params
from .regression_writer import regression_tables
from .transform import norm_continuous
from .tree_writer import tree_nodes
from .values import category_strings, numeric_values

RANDOM_STATE = 0

# algorithm -> (standardise continuous inputs, drop first category, impute missing values)
_ENCODING = {
    "tree": (False, False, False),
    "logistic": (True, False, True),
    "linear": (False, True, True),
    "neural": (True, False, True),
    "kmeans": (True, False, True),
}


@dataclass
class FittedModel:
    """A fitted estimator with everything needed to rebuild its inputs and its PMML."""

    algorithm: str
    estimator: object
    inputs: list[FieldInfo]
    target: FieldInfo | None
    features: list[Feature]
    classes: list[str] | None
    target_points: tuple[tuple[float, float], tuple[float, float]] | None
    pmml: str

    def design(self, frame: pd.DataFrame) -> np.ndarray:
        """The matrix the estimator sees for frame (for comparisons and tests)."""
        impute = _ENCODING[self.algorithm][2]
        return design_matrix(frame, self.inputs, self.features, impute=impute)


def _check_columns(algorithm: str, frame: object, inputs: object, target: object,
                   measurement: Mapping[str, str] | None) -> tuple[list[str], str | None]:
    if not isinstance(frame, pd.DataFrame):
        raise ModelError("training data must be a table (pandas DataFrame)")
    if not isinstance(inputs, list | tuple) or not inputs:
        raise ModelError("choose at least one input field")
    names = [str(n) for n in inputs]
    if len(set(names)) != len(names):
        raise ModelError("an input field is listed twice")
    absent = [n for n in names if n not in frame.columns]
    if algorithm == "kmeans":
        if target is not None:
            raise ModelError("k-means finds clusters and takes no target field; remove it")
    else:
        if target is None or target == "":
            raise ModelError(f"{algorithm} needs a target field")
        if str(target) in names:
            raise ModelError(f"field {target!r} cannot be both an input and the target")
        if str(target) not in frame.columns:
            absent.append(str(target))
    if absent:
        raise ModelError(f"field(s) not in the data: {', '.join(absent)}")
    return names, None if target is None else str(target)


def _estimator(algorithm: str, p: dict[str, object], classification: bool) -> object:
    if algorithm == "tree":
        tree_args = dict(max_depth=p["max_depth"], min_samples_leaf=p["min_samples_leaf"],
                         min_samples_split=p["min_samples_split"],
                         max_leaf_nodes=p["max_leaf_nodes"], criterion=p["criterion"],
                         random_state=RANDOM_STATE)
        if classification:
            return DecisionTreeClassifier(**tree_args)
        return DecisionTreeRegressor(**tree_args)
    if algorithm == "logistic":
        return LogisticRegression(C=p["C"], max_iter=p["max_iter"], tol=p["tol"],
                                  random_state=RANDOM_STATE)
    if algorithm == "linear":
        return LinearRegression(fit_intercept=bool(p["fit_intercept"]))
    if algorithm == "neural":
        mlp_args = dict(hidden_layer_sizes=p["hidden_layers"], max_iter=p["max_iter"],
                        alpha=p["alpha"], activation=p["activation"], solver=p["solver"],
                        learning_rate_init=p["learning_rate_init"], random_state=RANDOM_STATE)
        if classification:
            return MLPClassifier(**mlp_args)
        return MLPRegressor(**mlp_args)
    return KMeans(n_clusters=p["k"], max_iter=p["max_iter"], n_init=p["n_init"],
                  random_state=RANDOM_STATE)


def _target_info(algorithm: str, frame: pd.DataFrame, target: str,
                 measurement: Mapping[str, str] | None) -> FieldInfo:
    info = describe_field(frame[target], (measurement or {}).get(target))
    if algorithm == "logistic" and info.continuous:
        raise ModelError(
            f"logistic regression needs a categorical target, but {target!r} is continuous; "
            "set its measurement to flag or nominal, or use linear regression"
        )
    if algorithm == "linear" and not info.continuous:
        raise ModelError(
            f"linear regression needs a continuous (numeric) target, but {target!r} is "
            f"{info.measurement}; use logistic regression or a tree"
        )
    if algorithm in ("logistic", "neural") and not info.continuous and len(info.values) < 2:
        raise ModelError(
            f"target {target!r} has only one value ({info.values[0]!r}) in the training data; "
            "a classifier needs at least two"
        )
    return info


def _model_element(algorithm: str, classification: bool, name: str) -> ET.Element:
    function = "classification" if classification else "regression"
    tags = {"tree": "TreeModel", "logistic": "RegressionModel", "linear": "RegressionModel",
            "neural": "NeuralNetwork", "kmeans": "ClusteringModel"}
    model = ET.Element(tags[algorithm], {"modelName": name})
    if algorithm == "kmeans":
        model.set("functionName", "clustering")
        model.set("algorithmName", "KMeans")
    else:
        model.set("functionName", function)
    return model


def _write(fitted: FittedModel, params: dict[str, object], name: str) -> str:
    algorithm, target, classes = fitted.algorithm, fitted.target, fitted.classes
    classification = classes is not None
    fields = fitted.inputs + ([target] if target is not None else [])
    root = doc.new_document(fields, f"{algorithm} model {name} trained by PMDesk")
    model = _model_element(algorithm, classification, name)
    root.append(model)
    if algorithm == "tree":
        doc.mining_schema_without_replacement(model, fitted.inputs, target)
    else:
        doc.mining_schema(model, fitted.inputs, target)
    if target is None:
        doc.output(model, [
            doc.OutputSpec(naming.KMEANS_LABEL, "predictedValue", "categorical", "string"),
            doc.OutputSpec("squared distance", "entityAffinity", "continuous", "double",
                           final=False),
            doc.OutputSpec(naming.KMEANS_DISTANCE, "transformedValue", "continuous", "double"),
        ])
        distance = model.find("Output/OutputField[last()]")
        assert distance is not None
        apply = doc.sub(distance, "Apply", function="sqrt")
        doc.sub(apply, "FieldRef", field="squared distance")
    else:
        doc.output(model, doc.prediction_outputs(
            target, naming.prediction_name(algorithm, target.name),
            naming.confidence_name(algorithm, target.name, classification)))
    estimator = fitted.estimator
    if algorithm == "tree":
        model.set("missingValueStrategy", "defaultChild")
        model.set("noTrueChildStrategy", "returnLastPrediction")
        model.set("splitCharacteristic", "binarySplit")
        tree_nodes(model, estimator, fitted.features, classes)
    elif algorithm in ("logistic", "linear"):
        model.set("algorithmName", "LogisticRegression" if classification else "LinearRegression")
        if classes is not None:
            model.set("normalizationMethod", "logit" if len(classes) == 2 else "softmax")
        doc.local_transformations(model, fitted.features, ("norm",))
        regression_tables(model, estimator, fitted.features, classes)
    elif algorithm == "neural":
        model.set("activationFunction", ACTIVATIONS[str(params["activation"])])
        model.set("algorithmName", "MLPClassifier" if classification else "MLPRegressor")
        assert target is not None
        neural_body(model, estimator, fitted.features, target, classes, fitted.target_points)
    else:
        model.set("numberOfClusters", str(params["k"]))
        model.set("modelClass", "centerBased")
        doc.local_transformations(model, fitted.features, ("norm", "onehot"))
        cluster_body(model, estimator, fitted.features)
    return doc.serialise(root)


def fit_model(algorithm: str, frame: pd.DataFrame, inputs: list[str], target: str | None,
              params: Mapping[str, object] | None = None, *, model_name: str | None = None,
              measurement: Mapping[str, str] | None = None) -> FittedModel:
    """Like train_model but also returns the estimator and its design (for comparisons)."""
    algorithm = check_algorithm(algorithm)
    names, target_name = _check_columns(algorithm, frame, inputs, target, measurement)
    if target_name is not None:
        frame = frame[frame[target_name].notna()]
    if len(frame) == 0:
        raise ModelError("there are no rows to train on" + (
            f" (no row has a value for target {target_name!r})" if target_name else ""))
    target_info = None
    if target_name is not None:
        target_info = _target_info(algorithm, frame, target_name, measurement)
    classification = target_info is not None and not target_info.continuous
    clean = validate_params(algorithm, params, classification)
    infos = describe_fields(frame, names, measurement)
    standardise, drop_first, impute = _ENCODING[algorithm]
    features = plan_features(infos, standardise, drop_first)
    if not features:
        raise ModelError("the inputs give the model nothing to use (one category each?)")
    x = design_matrix(frame, infos, features, impute)
    classes: list[str] | None = None
    target_points = None
    y: np.ndarray | None = None
    if target_info is not None and target_name is not None:
        if classification:
            y = category_strings(frame[target_name]).astype(str)
            classes = list(target_info.values)
        else:
            y = numeric_values(frame[target_name])
            if algorithm == "neural":
                target_points = doc.target_norm_points(target_info)
                y = norm_continuous(y, *target_points)
    if algorithm == "kmeans" and int(clean["k"]) > len(frame):  # type: ignore[call-overload]
        raise ModelError(f"k is {clean['k']} but there are only {len(frame)} rows to cluster")
    estimator = _estimator(algorithm, clean, classification)
    try:
        # One thread: the same numbers on every machine (parallel reductions sum in a
        # core-count-dependent order), and no OpenMP spin-waiting on a busy machine.
        with warnings.catch_warnings(), threadpool_limits(limits=1):
            warnings.simplefilter("ignore", ConvergenceWarning)
            if y is None:
                estimator.fit(x)  # type: ignore[attr-defined]
            else:
                estimator.fit(x, y)  # type: ignore[attr-defined]
    except (ValueError, ArithmeticError) as exc:
        raise ModelError(f"{algorithm} training failed: {exc}") from None
    if classes is not None:  # scikit-learn's order; an ordinal target lists its own order
        classes = [str(c) for c in estimator.classes_]  # type: ignore[attr-defined]
    fitted = FittedModel(algorithm, estimator, infos, target_info, features, classes,
                         target_points, "")
    name = model_name or (f"{target_name} {algorithm}" if target_name else algorithm)
    fitted.pmml = _write(fitted, clean, name)
    return fitted


def train_model(algorithm: str, frame: pd.DataFrame, inputs: list[str], target: str | None,
                params: dict[str, object] | None = None, *, model_name: str | None = None,
                measurement: dict[str, str] | None = None) -> str:
    """Fits and returns the PMML 4.4 document text.

    measurement maps field -> continuous | nominal | ordinal | flag (default: text, bool and
    category columns nominal, numbers continuous). target is None only for kmeans.
    Hyperparameters (unknown or bad values raise ModelError naming what is allowed):
    tree: max_depth, min_samples_leaf, min_samples_split, max_leaf_nodes, criterion;
    logistic: C, max_iter, tol; linear: fit_intercept; neural: hidden_layers (list or
    "10,5"), max_iter, alpha, activation, solver, learning_rate_init; kmeans: k (alias
    n_clusters), max_iter, n_init. Deterministic: every random_state is fixed.
    """
    return fit_model(algorithm, frame, inputs, target, params, model_name=model_name,
                     measurement=measurement).pmml
