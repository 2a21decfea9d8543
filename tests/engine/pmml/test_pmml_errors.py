"""Every way training or loading can go wrong ends in a ModelError a person can act on."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pmml_drug_data import INPUTS, TRAIN, fitted_on_train

from pmdesk.engine.pmml import ModelError, ScoringModel, load_model, train_model


@pytest.mark.parametrize(
    ("algorithm", "params", "fragment"),
    [
        ("tree", {"max_depth": 0}, "'max_depth' must be a whole number >= 1"),
        ("tree", {"max_depth": "deep"}, "'max_depth'"),
        ("tree", {"min_samples_leaf": 1.5}, "'min_samples_leaf'"),
        ("tree", {"criterion": "squared_error"}, "gini, entropy, log_loss"),
        ("tree", {"criterion": "best"}, "'criterion'"),
        ("tree", {"depth": 3}, "unknown parameter 'depth' for tree; allowed: max_depth"),
        ("logistic", {"C": 0}, "'C' must be a number > 0"),
        ("logistic", {"C": "strong"}, "'C'"),
        ("logistic", {"max_iter": True}, "'max_iter'"),
        ("neural", {"hidden_layers": "10,-5"}, "'hidden_layers'"),
        ("neural", {"hidden_layers": []}, "'hidden_layers'"),
        ("neural", {"alpha": -0.1}, "'alpha' must be a number >= 0"),
        ("neural", {"activation": "softplus"}, "relu, tanh, logistic, identity"),
        ("kmeans", {"k": 0}, "'k' must be a whole number >= 1"),
        ("kmeans", {"k": 3, "n_clusters": 4}, "given twice"),
        ("kmeans", {"bogus": 1}, "allowed: k, max_iter, n_init, n_clusters"),
        ("linear", {"fit_intercept": "maybe"}, "'fit_intercept' must be true or false"),
    ],
)
def test_bad_hyperparameters(algorithm: str, params: dict[str, object], fragment: str) -> None:
    target = {"linear": "K", "kmeans": None}.get(algorithm, "Drug")
    inputs = [n for n in INPUTS if n != target]
    with pytest.raises(ModelError) as info:
        train_model(algorithm, TRAIN, inputs, target, params)
    assert fragment in str(info.value)


def test_regression_tree_rejects_classification_criterion() -> None:
    with pytest.raises(ModelError, match="squared_error, friedman_mse"):
        train_model("tree", TRAIN, ["Age", "Na"], "K", {"criterion": "gini"})


@pytest.mark.parametrize(
    ("algorithm", "inputs", "target", "fragment"),
    [
        ("forest", INPUTS, "Drug", "unknown algorithm 'forest'; allowed: tree, logistic"),
        ("tree", [], "Drug", "at least one input"),
        ("tree", INPUTS, None, "tree needs a target field"),
        ("tree", INPUTS, "Missing", "not in the data: Missing"),
        ("tree", [*INPUTS, "Nope"], "Drug", "not in the data: Nope"),
        ("tree", [*INPUTS, "Drug"], "Drug", "both an input and the target"),
        ("kmeans", INPUTS, "Drug", "takes no target"),
        ("logistic", ["Age", "Na"], "K", "logistic regression needs a categorical target"),
        ("linear", INPUTS, "Drug", "linear regression needs a continuous"),
    ],
)
def test_bad_field_choices(algorithm: str, inputs: list[str], target: str | None,
                           fragment: str) -> None:
    with pytest.raises(ModelError) as info:
        train_model(algorithm, TRAIN, inputs, target)
    assert fragment in str(info.value)


def test_no_rows_to_train_on() -> None:
    with pytest.raises(ModelError, match="no rows"):
        train_model("tree", TRAIN.iloc[:0], INPUTS, "Drug")
    without_target = TRAIN.assign(Drug=None)
    with pytest.raises(ModelError, match="no rows"):
        train_model("tree", without_target, INPUTS, "Drug")


def test_too_many_clusters_and_single_class() -> None:
    with pytest.raises(ModelError, match="only 3 rows"):
        train_model("kmeans", TRAIN.head(3), INPUTS, None, {"k": 5})
    one_class = TRAIN.assign(Drug="drugY")
    with pytest.raises(ModelError, match="only one value"):
        train_model("logistic", one_class, INPUTS, "Drug")


def test_text_in_continuous_field() -> None:
    frame = TRAIN.assign(Na=TRAIN["Na"].astype(object))
    frame.loc[3, "Na"] = "lots"
    with pytest.raises(ModelError, match="'Na' is continuous but holds 'lots'"):
        train_model("tree", frame, INPUTS, "Drug", measurement={"Na": "continuous"})
    with pytest.raises(ModelError, match="measurement 'interval'"):
        train_model("tree", TRAIN, INPUTS, "Drug", measurement={"Na": "interval"})


GOOD = fitted_on_train("tree", "Drug").pmml


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (GOOD[: len(GOOD) // 2], "not well-formed XML"),
        ("", "empty"),
        ("<html><body/></html>", "not PMML"),
        ("not xml at all", "not well-formed XML"),
        (GOOD.replace("<TreeModel", "<ForestModel").replace("</TreeModel>", "</ForestModel>"),
         "<ForestModel> is not supported"),
        ('<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4"><DataDictionary/>'
         '<NearestNeighborModel functionName="regression"/></PMML>',
         "<NearestNeighborModel> is not supported"),
        ('<PMML version="4.4"><DataDictionary/></PMML>', "no model element"),
        (GOOD.replace('operator="lessOrEqual"', 'operator="roughly"', 1), "'roughly'"),
        (GOOD.replace("<True />", "<Surprise />"), "<Surprise> in a tree Node is not supported"),
        (GOOD.replace("<MiningSchema>", "<MiningSchemaX>").replace(
            "</MiningSchema>", "</MiningSchemaX>"), "no MiningSchema"),
    ],
    ids=["truncated", "empty", "html", "text", "unknown-model", "nearest-neighbour", "no-model",
         "bad-operator", "bad-predicate", "no-schema"],
)
def test_malformed_pmml(text: str, fragment: str) -> None:
    with pytest.raises(ModelError) as info:
        load_model(text)
    assert fragment in str(info.value)


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<PMML version="4.4"><Header description="&lol9;"/></PMML>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE PMML [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<PMML version="4.4"><Header description="&secret;"/></PMML>
"""


@pytest.mark.parametrize("text", [BOMB, EXTERNAL, BOMB.encode()], ids=["bomb", "xxe", "bytes"])
def test_entities_and_dtds_are_refused(text: str | bytes) -> None:
    with pytest.raises(ModelError, match="DTD or entities"):
        ScoringModel.from_pmml(text)


def test_scoring_without_an_input_column() -> None:
    model = load_model(GOOD)
    with pytest.raises(ModelError, match=r"lacks model input field.*Na"):
        model.score(TRAIN.drop(columns=["Na"]))
    with pytest.raises(ModelError, match="needs a table"):
        model.score(np.zeros((3, 3)))


def test_text_in_a_continuous_input_scores_as_missing() -> None:
    model = load_model(fitted_on_train("logistic", "Drug").pmml)
    frame = TRAIN.head(5).assign(Na=["0.7", "n/a", None, 0.6, "0.8"])
    scored = model.score(frame)
    assert scored["$L-Drug"].notna().all()
    replaced = frame.assign(Na=pd.to_numeric(frame["Na"], errors="coerce"))
    pd.testing.assert_frame_equal(scored, model.score(replaced))


def test_duplicate_columns_and_bad_replacement() -> None:
    model = load_model(fitted_on_train("logistic", "Drug").pmml)
    doubled = pd.concat([TRAIN.head(3), TRAIN.head(3)[["Na"]]], axis=1)
    with pytest.raises(ModelError, match="more than one column named 'Na'"):
        model.score(doubled)
    broken = fitted_on_train("logistic", "Drug").pmml.replace(
        'name="Age" usageType="active" missingValueReplacement="',
        'name="Age" usageType="active" missingValueReplacement="old', 1)
    with pytest.raises(ModelError, match="'Age' missingValueReplacement 'old"):
        load_model(broken)
