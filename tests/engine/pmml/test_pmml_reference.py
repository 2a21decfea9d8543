"""Every supported model type and transformation, scored against the reference evaluator
(pypmml) on every row; and the missing/invalid-value rules PMML itself defines."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from oracle import assert_same, reference
from pmml_docs import (
    ALL,
    MINING_FIRST,
    SKLEARN_FOREST,
    SKLEARN_LOGISTIC,
    SVM_LINEAR_BINARY,
    TRANSFORMATIONS,
    TREE_AGGREGATE,
    TREE_LAST,
    TREE_WEIGHTED,
    doc,
    frame,
)

from pmdesk.engine.pmml import ModelError, load_model, load_transformations


@pytest.mark.parametrize("name", sorted(ALL))
def test_hand_written_documents_match_the_reference(name: str) -> None:
    text = ALL[name]
    data = frame(missing=False)
    ours = load_model(text).score(data)
    theirs = reference(text).predict(data)
    # pypmml ignores the Output element of a selectFirst MiningModel
    names = {"pred": "predicted_t"} if text is MINING_FIRST else None
    assert_same(ours, theirs, names)


@pytest.mark.parametrize("text", [SKLEARN_LOGISTIC, SKLEARN_FOREST], ids=["logistic", "forest"])
def test_another_producers_pmml_matches_the_reference(text: str) -> None:
    data = frame(rows=1000, missing=False)
    assert_same(load_model(text).score(data), reference(text).predict(data))


def test_plain_names_without_output() -> None:
    text = SKLEARN_FOREST.replace(SKLEARN_FOREST[SKLEARN_FOREST.index("<Output>"):
                                                 SKLEARN_FOREST.index("</Output>") + 9], "")
    model = load_model(text, names="plain")
    assert model.output_fields == ["predicted_y", "probability_0", "probability_1"]
    data = frame(rows=50, missing=False)
    scored = model.score(data)
    assert_same(scored, reference(text).predict(data))
    assert load_model(text).output_fields == ["$M-y", "$MC-y"]


def test_unknown_value_stops_a_last_prediction_tree() -> None:
    """PMML: an UNKNOWN predicate under lastPrediction returns the current node's score
    (here node 1: B with 25 of 40), it does not try the next sibling."""
    data = pd.DataFrame({"x1": [-0.7], "x2": [1.6], "c": [None]})
    scored = load_model(TREE_LAST).score(data)
    assert scored["pred"].tolist() == ["B"]
    assert scored["p_B"].tolist() == [pytest.approx(25 / 40)]


def test_invalid_category_returns_invalid_by_default() -> None:
    data = pd.DataFrame({"x1": [0.3, 0.3], "x2": [0.1, 0.1], "c": ["a", "z"]})
    scored = load_model(ALL["grm-multinomial"]).score(data)
    assert scored["pred"].iloc[0] is not None and pd.isna(scored["pred"].iloc[1])
    assert np.isnan(scored["p_A"].iloc[1])


def test_svm_reads_pmml_sign_unless_spss_wrote_it() -> None:
    data = frame(rows=200, missing=False)
    plain = load_model(SVM_LINEAR_BINARY).score(data)
    spss = load_model(SVM_LINEAR_BINARY.replace(
        "<Header/>", '<Header><Application name="IBM SPSS Modeler" version="18"/></Header>'))
    flipped = spss.score(data)
    assert (plain["pred"] != flipped["pred"]).all()


def test_transformations_are_lazy_and_standalone() -> None:
    text = doc("", TRANSFORMATIONS)
    transformations = load_transformations(text)
    assert transformations.output_fields == ["c_code", "x1_bin", "x2_safe", "unused_target"]
    data = pd.DataFrame({"x1": [-1.0, 0.0, 1.0, np.nan], "x2": [2.0, np.nan, 1.0, 3.0],
                         "c": ["a", "b", "zz", None]})
    with pytest.raises(ModelError, match="'y'"):
        transformations.apply(data)  # unused_target reads the absent target, only when asked
    some = transformations.apply(data, fields=["x2_safe"])
    assert list(some.columns) == ["x1", "x2", "c", "x2_safe"]
    with pytest.raises(ModelError, match="no field"):
        transformations.apply(data, fields=["nope"])
    model = load_model(ALL["transformations"])
    assert model.input_fields == ["x1", "x2", "c"]
    scored = model.score(data.assign(c=["a", "b", "c", None]))
    assert len(scored) == 4  # the NormDiscrete of the absent target is never computed


def test_transformation_values() -> None:
    text = doc("", TRANSFORMATIONS.replace(
        TRANSFORMATIONS[TRANSFORMATIONS.index('<DerivedField name="unused_target"'):
                        TRANSFORMATIONS.index("</TransformationDictionary>")], ""))
    data = pd.DataFrame({"x1": [-1.0, 0.0, 1.0, np.nan, 7.0], "x2": [2.0, np.nan, 1.0, 3.0, 1.0],
                         "c": ["a", "b", "zz", None, "b"]})
    out = load_transformations(text).apply(data)
    assert out["c_code"].tolist() == [1.0, 2.0, 9.0, -1.0, 2.0]
    assert out["x1_bin"].tolist() == ["low", "mid", "high", "none", "other"]
    np.testing.assert_allclose(out["x2_safe"].to_numpy(), [0.0, 0.0, 2.0, np.nan, 8.0])
    assert list(out.columns[:3]) == ["x1", "x2", "c"]


@pytest.mark.parametrize("text", [TREE_WEIGHTED, TREE_AGGREGATE], ids=["weighted", "aggregate"])
def test_spreading_tree_strategies_follow_pmml(text: str) -> None:
    """pypmml skips UNKNOWN children instead, so these are checked against PMML's rules.

    Row 0: x1 missing sends the row down both root children (records 40 and 60), reaching
    leaves 4 (8/22/0 of 30) and 6 (37/3/5 of 45). Row 1: c missing under x1 < 0 makes leaf 3
    (2/3/5 of 10) UNKNOWN beside the TRUE leaf 4. Row 2: complete, a single leaf (6)."""
    data = pd.DataFrame({"x1": [np.nan, -0.7, 0.5], "x2": [0.61, 1.6, 0.2],
                         "c": ["b", None, "a"]})
    scored = load_model(text).score(data)
    weighted = text is TREE_WEIGHTED
    row0 = (np.array([40 * 8 / 30 + 60 * 37 / 45, 40 * 22 / 30 + 60 * 3 / 45, 60 * 5 / 45]) / 100
            if weighted else np.array([45, 25, 5]) / 75)
    row1 = np.array([2 + 8, 3 + 22, 5]) / 40
    expected = np.vstack([row0, row1, np.array([37, 3, 5]) / 45])
    np.testing.assert_allclose(scored[["p_A", "p_B", "p_C"]].to_numpy(), expected, atol=1e-12)
    assert scored["pred"].tolist() == ["A", "B", "A"]


def test_max_ensemble_takes_the_surest_segment() -> None:
    """PMML's max: the segment with the highest probability for its own answer; the first
    one on a tie (pypmml answers the first class here, which no segment predicts)."""
    text = ALL["mining-majorityVote"].replace("majorityVote", "max")
    data = pd.DataFrame({"x1": [0.2, -0.5], "x2": [0.6, 0.1], "c": ["b", "a"]})
    # row 0: segments say B, C, C (all sure): the first, B; row 1: A, B, C: A
    assert load_model(text).score(data)["pred"].tolist() == ["B", "A"]
