"""Missing values, unseen categories and the shape of the PMML document itself."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pytest
from pmml_drug_data import FRESH, TRAIN, fitted_on_train

from pmdesk.engine.pmml import load_model
from pmdesk.engine.pmml.train import fit_model

CONFIGS = [("tree", "Drug"), ("logistic", "Drug"), ("neural", "Drug"), ("linear", "K"),
           ("tree", "K"), ("kmeans", None)]


def _with_gaps(frame: pd.DataFrame) -> pd.DataFrame:
    gaps = frame.copy()
    gaps["Na"] = gaps["Na"].astype(float)
    gaps.loc[gaps.index[::3], "Na"] = np.nan
    gaps["Age"] = gaps["Age"].astype("float64")
    gaps.loc[gaps.index[1::4], "Age"] = np.nan
    gaps["BP"] = gaps["BP"].astype(object)
    gaps.loc[gaps.index[::5], "BP"] = None
    gaps.loc[gaps.index[2::7], "Sex"] = np.nan
    return gaps


def _sklearn_first_output(algorithm: str, target: str | None, frame: pd.DataFrame) -> list:
    fitted = fitted_on_train(algorithm, target)
    predicted = fitted.estimator.predict(fitted.design(frame))  # type: ignore[attr-defined]
    if algorithm == "kmeans":
        return [f"cluster-{i + 1}" for i in predicted]
    return list(predicted)


def _check_against_sklearn(algorithm: str, target: str | None, frame: pd.DataFrame) -> None:
    model = load_model(fitted_on_train(algorithm, target).pmml)
    scored = model.score(frame).iloc[:, 0]
    expected = _sklearn_first_output(algorithm, target, frame)
    if scored.dtype == np.float64:
        np.testing.assert_allclose(scored.to_numpy(), np.asarray(expected), atol=1e-12)
    else:
        assert list(scored) == expected


@pytest.mark.parametrize(("algorithm", "target"), CONFIGS)
def test_missing_values(algorithm: str, target: str | None) -> None:
    """Trees route missing values the way scikit-learn learned; others impute mean/mode."""
    gaps = _with_gaps(FRESH)
    scored = load_model(fitted_on_train(algorithm, target).pmml).score(gaps)
    assert scored.iloc[:, 0].notna().all()
    _check_against_sklearn(algorithm, target, gaps)


def test_missing_replacements_are_in_the_mining_schema() -> None:
    text = fitted_on_train("logistic", "Drug").pmml
    root = ET.fromstring(text)
    ns = {"p": "http://www.dmg.org/PMML-4_4"}
    fields = {f.get("name"): f for f in root.iterfind(".//p:MiningField", ns)}
    assert float(fields["Na"].get("missingValueReplacement", "")) == pytest.approx(
        TRAIN["Na"].mean(), rel=1e-12)
    assert fields["BP"].get("missingValueReplacement") == TRAIN["BP"].mode().min()
    assert fields["Drug"].get("usageType") == "target"
    tree = ET.fromstring(fitted_on_train("tree", "Drug").pmml)
    model = tree.find("p:TreeModel", ns)
    assert model is not None and model.get("missingValueStrategy") == "defaultChild"


@pytest.mark.parametrize(("algorithm", "target"), CONFIGS)
def test_unseen_categories_never_crash(algorithm: str, target: str | None) -> None:
    """An unseen category matches no known category, as an all-zero one-hot row does."""
    odd = FRESH.copy()
    odd.loc[odd.index[::2], "BP"] = "VERY HIGH"
    odd.loc[odd.index[1::3], "Sex"] = "X"
    scored = load_model(fitted_on_train(algorithm, target).pmml).score(odd)
    assert scored.iloc[:, 0].notna().all()
    _check_against_sklearn(algorithm, target, odd)


def test_unseen_category_as_missing_when_pmml_says_so() -> None:
    text = re.sub(r'(<MiningField name="BP" [^>]*invalidValueTreatment=")asIs"', r'\1asMissing"',
                  fitted_on_train("logistic", "Drug").pmml)
    assert 'invalidValueTreatment="asMissing"' in text
    model = load_model(text)
    odd = FRESH.assign(BP="VERY HIGH")
    mode = TRAIN["BP"].mode().min()
    pd.testing.assert_frame_equal(model.score(odd), model.score(FRESH.assign(BP=mode)))
    assert not model.score(odd).equals(model.score(FRESH.assign(BP="HIGH" if mode != "HIGH"
                                                                 else "LOW")))


def test_categories_in_other_column_types() -> None:
    """Categorical columns may arrive as pandas categories or nullable strings."""
    model = load_model(fitted_on_train("tree", "Drug").pmml)
    as_category = FRESH.astype({"BP": "category", "Sex": "category"})
    as_string = FRESH.astype({"BP": "string", "Cholesterol": "string"})
    expected = model.score(FRESH)
    pd.testing.assert_frame_equal(model.score(as_category), expected)
    pd.testing.assert_frame_equal(model.score(as_string), expected)


@pytest.mark.parametrize(("algorithm", "target"), CONFIGS)
def test_document_is_pmml_4_4(algorithm: str, target: str | None) -> None:
    text = fitted_on_train(algorithm, target).pmml
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text)
    assert root.tag == "{http://www.dmg.org/PMML-4_4}PMML"
    assert root.get("version") == "4.4"
    ns = {"p": "http://www.dmg.org/PMML-4_4"}
    fields = {f.get("name"): f for f in root.iterfind("p:DataDictionary/p:DataField", ns)}
    assert fields["Na"].get("optype") == "continuous"
    assert fields["BP"].get("optype") == "categorical"
    assert [v.get("value") for v in fields["BP"].iterfind("p:Value", ns)] == [
        "HIGH", "LOW", "NORMAL"]
    assert root.find("p:Header", ns) is not None
    tags = {"tree": "TreeModel", "logistic": "RegressionModel", "linear": "RegressionModel",
            "neural": "NeuralNetwork", "kmeans": "ClusteringModel"}
    model = root.find(f"p:{tags[algorithm]}", ns)
    assert model is not None
    children = [c.tag.split("}")[1] for c in model]
    assert children[:2] == ["MiningSchema", "Output"]
    if algorithm in ("logistic", "neural", "kmeans"):
        assert text.count("<NormContinuous") >= 2  # standardised Age, Na, K


def test_kmeans_categorical_and_scaling_in_pmml() -> None:
    text = fitted_on_train("kmeans", None).pmml
    assert '<DerivedField name="BP=HIGH" optype="continuous" dataType="double">' in text
    assert "<squaredEuclidean />" in text
    assert '<ClusteringField field="z(Na)" compareFunction="absDiff" />' in text


def test_ordinal_target_and_default_params() -> None:
    levels = ["low", "mid", "high"]
    frame = TRAIN.assign(Risk=pd.Categorical(
        np.array(levels)[(TRAIN["Na"] / TRAIN["K"] > 15).astype(int) + (TRAIN["BP"] == "HIGH")],
        categories=levels, ordered=True)).drop(columns="Drug")
    fitted = fit_model("tree", frame, ["Na", "K", "BP"], "Risk", {"max_depth": None})
    assert '<DataField name="Risk" optype="ordinal" dataType="string">' in fitted.pmml
    text = fitted.pmml
    assert text.index('<Value value="low"') < text.index('<Value value="mid"') < text.index(
        '<Value value="high"')
    scored = load_model(text).score(frame)
    expected = fitted.estimator.predict(fitted.design(frame))  # type: ignore[attr-defined]
    assert list(scored["$R-Risk"]) == list(expected)


def test_values_declared_missing_in_the_dictionary() -> None:
    """DataDictionary Value property="missing" markers (e.g. -1, "?") count as missing."""
    text = fitted_on_train("logistic", "Drug").pmml
    text = text.replace('<DataField name="Na" optype="continuous" dataType="double" />',
                        '<DataField name="Na" optype="continuous" dataType="double">'
                        '<Value value="-1" property="missing" /></DataField>')
    text = text.replace('<Value value="HIGH" />\n      <Value value="LOW" />',
                        '<Value value="HIGH" />\n      <Value value="?" property="missing" />'
                        '<Value value="LOW" />', 1)
    model = load_model(text)
    marked = FRESH.assign(Na=-1.0, BP="?")
    blank = FRESH.assign(Na=np.nan, BP=None)
    pd.testing.assert_frame_equal(model.score(marked), model.score(blank))
