"""Train with scikit-learn, score from the PMML text alone, compare with the estimator."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pmml_drug_data import FRESH, INPUTS, TRAIN, drug_frame, fitted_on_train

from pmdesk.engine.pmml import ALGORITHMS, ScoringModel, load_model, train_model
from pmdesk.engine.pmml.train import FittedModel, fit_model
from pmdesk.engine.pmml.transform import norm_continuous


def _expected_values(fitted: FittedModel, frame: pd.DataFrame) -> np.ndarray:
    predicted = fitted.estimator.predict(fitted.design(frame))  # type: ignore[attr-defined]
    if fitted.algorithm == "neural" and fitted.classes is None:
        assert fitted.target_points is not None
        orig, norm = fitted.target_points
        predicted = norm_continuous(predicted, norm, orig)
    return np.asarray(predicted)


def _max_probability(fitted: FittedModel, frame: pd.DataFrame) -> np.ndarray:
    probs = fitted.estimator.predict_proba(fitted.design(frame))  # type: ignore[attr-defined]
    return np.asarray(probs).max(axis=1)


CLASSIFIERS = [("tree", "$R-Drug", "$RC-Drug"), ("logistic", "$L-Drug", "$LP-Drug"),
               ("neural", "$N-Drug", "$NC-Drug")]


@pytest.mark.parametrize(("algorithm", "prediction", "confidence"), CLASSIFIERS)
@pytest.mark.parametrize("frame", [TRAIN, FRESH], ids=["train", "fresh"])
def test_classifier_matches_sklearn(algorithm: str, prediction: str, confidence: str,
                                    frame: pd.DataFrame) -> None:
    fitted = fitted_on_train(algorithm, "Drug")
    model = ScoringModel.from_pmml(fitted.pmml)
    assert model.algorithm == algorithm
    assert model.target == "Drug"
    assert model.inputs == INPUTS
    assert model.output_fields == [prediction, confidence]
    scored = model.score(frame)
    assert list(scored.columns) == [prediction, confidence]
    assert scored.index.equals(frame.index)
    expected = _expected_values(fitted, frame)
    assert (scored[prediction].to_numpy() == expected).all()
    np.testing.assert_allclose(scored[confidence].to_numpy(dtype=float),
                               _max_probability(fitted, frame), rtol=0, atol=1e-9)


def test_classifiers_learn_the_rule() -> None:
    """The comparison above is meaningful only if the models really predict something."""
    for algorithm in ("tree", "logistic", "neural"):
        scored = load_model(fitted_on_train(algorithm, "Drug").pmml).score(FRESH)
        accuracy = (scored.iloc[:, 0] == FRESH["Drug"]).mean()
        assert accuracy > 0.7, (algorithm, accuracy)


@pytest.mark.parametrize("algorithm", ["tree", "logistic", "neural"])
def test_binary_target_matches_sklearn(algorithm: str) -> None:
    frame = TRAIN.assign(Y=np.where(TRAIN["Drug"] == "drugY", "yes", "no")).drop(columns="Drug")
    fitted = fit_model(algorithm, frame, INPUTS, "Y")
    scored = load_model(fitted.pmml).score(frame)
    assert (scored.iloc[:, 0].to_numpy() == _expected_values(fitted, frame)).all()
    np.testing.assert_allclose(scored.iloc[:, 1].to_numpy(dtype=float),
                               _max_probability(fitted, frame), atol=1e-9)
    assert set(scored.iloc[:, 0]) == {"yes", "no"}


@pytest.mark.parametrize(("algorithm", "target", "column"),
                         [("linear", "K", "$E-K"), ("linear", "Na", "$E-Na"),
                          ("tree", "K", "$R-K"), ("neural", "Na", "$N-Na")])
def test_regression_matches_sklearn(algorithm: str, target: str, column: str) -> None:
    fitted = fitted_on_train(algorithm, target)
    model = load_model(fitted.pmml)
    assert model.output_fields == [column]
    for frame in (TRAIN, FRESH):
        scored = model.score(frame)
        assert scored[column].dtype == np.float64
        np.testing.assert_allclose(scored[column].to_numpy(), _expected_values(fitted, frame),
                                   rtol=1e-12, atol=1e-12)


def test_kmeans_matches_sklearn() -> None:
    fitted = fitted_on_train("kmeans", None, (("k", 4),))
    model = load_model(fitted.pmml)
    assert (model.algorithm, model.target) == ("kmeans", None)
    assert model.output_fields == ["$KM-K-Means", "$KMD-K-Means"]
    for frame in (TRAIN, FRESH):
        scored = model.score(frame)
        x = fitted.design(frame)
        labels = fitted.estimator.predict(x)  # type: ignore[attr-defined]
        assert list(scored["$KM-K-Means"]) == [f"cluster-{i + 1}" for i in labels]
        centers = fitted.estimator.cluster_centers_  # type: ignore[attr-defined]
        distance = np.sqrt(((x - centers[labels]) ** 2).sum(axis=1))
        np.testing.assert_allclose(scored["$KMD-K-Means"].to_numpy(), distance, atol=1e-9)
    assert set(model.score(TRAIN)["$KM-K-Means"]) == {f"cluster-{i}" for i in range(1, 5)}


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_training_is_deterministic(algorithm: str) -> None:
    target = {"linear": "K", "kmeans": None}.get(algorithm, "Drug")
    inputs = [n for n in INPUTS if n != target]
    again = train_model(algorithm, TRAIN.copy(), inputs, target)
    assert again == fitted_on_train(algorithm, target).pmml


def test_numeric_flag_target_keeps_its_type() -> None:
    frame = TRAIN.assign(Resp=(TRAIN["Drug"] == "drugY").astype(int)).drop(columns="Drug")
    fitted = fit_model("logistic", frame, INPUTS, "Resp", measurement={"Resp": "flag"})
    assert 'dataType="integer"' in fitted.pmml
    scored = load_model(fitted.pmml).score(frame)
    expected = _expected_values(fitted, frame).astype(int)
    assert list(scored["$L-Resp"]) == list(expected)
    assert {type(v) for v in scored["$L-Resp"]} == {int}


def test_measurement_override_makes_number_nominal() -> None:
    frame = TRAIN.assign(Grade=TRAIN["Age"] // 20)
    fitted = fit_model("tree", frame, ["Grade", "Na", "K"], "Drug",
                       measurement={"Grade": "Set", "Na": "range", "Sex": "typeless"})
    assert '<DataField name="Grade" optype="categorical" dataType="integer">' in fitted.pmml
    scored = load_model(fitted.pmml).score(frame)
    assert (scored["$R-Drug"].to_numpy() == _expected_values(fitted, frame)).all()


def test_hyperparameters_reach_the_model() -> None:
    shallow = fit_model("tree", TRAIN, INPUTS, "Drug", {"max_depth": "2"})
    assert shallow.estimator.get_depth() == 2  # type: ignore[attr-defined]
    deep = fit_model("neural", TRAIN, INPUTS, "Drug", {"hidden_layers": "6,4", "max_iter": 20})
    assert deep.pmml.count("<NeuralLayer ") == 3
    assert deep.estimator.hidden_layer_sizes == (6, 4)  # type: ignore[attr-defined]
    defaults = train_model("logistic", TRAIN, INPUTS, "Drug", {"C": None, "max_iter": "1000"})
    assert defaults == fitted_on_train("logistic", "Drug").pmml
    clusters = fit_model("kmeans", TRAIN, INPUTS, None, {"n_clusters": 3})
    assert 'numberOfClusters="3"' in clusters.pmml
    assert clusters.pmml.count("<Cluster ") == 3


def test_large_chunk_scores_like_sklearn() -> None:
    """A 50k-row chunk goes through the vectorised path in one call."""
    big = drug_frame(50_000, seed=5)
    for algorithm in ("tree", "logistic"):
        fitted = fitted_on_train(algorithm, "Drug")
        scored = load_model(fitted.pmml).score(big)
        assert len(scored) == 50_000
        assert (scored.iloc[:, 0].to_numpy() == _expected_values(fitted, big)).all()


def test_empty_frame_and_custom_index() -> None:
    model = load_model(fitted_on_train("logistic", "Drug").pmml)
    empty = model.score(TRAIN.iloc[:0])
    assert list(empty.columns) == model.output_fields and len(empty) == 0
    order = FRESH.sample(frac=1.0, random_state=1).index
    shuffled = FRESH.loc[order].set_index(pd.RangeIndex(1000, 1300))
    scored = model.score(shuffled)
    assert scored.index.equals(shuffled.index)
    assert list(scored["$L-Drug"]) == list(model.score(FRESH).loc[order, "$L-Drug"])


@pytest.mark.parametrize(
    ("algorithm", "target", "params"),
    [
        ("neural", "Drug", {"activation": "tanh", "solver": "lbfgs", "max_iter": 60}),
        ("neural", "K", {"activation": "logistic", "hidden_layers": [4, 3], "max_iter": 60}),
        ("tree", "Drug", {"criterion": "entropy", "min_samples_leaf": 5}),
        ("tree", "K", {"criterion": "absolute_error", "max_leaf_nodes": 10}),
        ("linear", "K", {"fit_intercept": "false"}),
        ("kmeans", None, {"k": 1}),
    ],
)
def test_parameter_variants_match_sklearn(algorithm: str, target: str | None,
                                          params: dict[str, object]) -> None:
    inputs = [n for n in INPUTS if n != target]
    fitted = fit_model(algorithm, TRAIN, inputs, target, params)
    scored = load_model(fitted.pmml).score(FRESH).iloc[:, 0].to_numpy()
    expected = _expected_values(fitted, FRESH)
    if algorithm == "kmeans":
        assert set(scored) == {"cluster-1"}
    elif fitted.classes is not None:
        assert (scored == expected).all()
    else:
        np.testing.assert_allclose(scored.astype(float), expected, rtol=1e-12, atol=1e-12)
