"""Every supported model type and transformation, scored against the reference evaluator
(pypmml) on every row; and the missing/invalid-value rules PMML itself defines."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from oracle import assert_same, reference
from pmml_docs import (
    ALL,
    MINING_FIRST,
    SCORECARD,
    SCORECARD_ABOVE,
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


@pytest.mark.parametrize("name", sorted(ALL))
def test_no_rows_and_one_row(name: str) -> None:
    model = load_model(ALL[name])
    empty = model.score(frame(rows=10, missing=False).iloc[:0])
    assert list(empty.columns) == model.output_fields and empty.empty
    one = frame(rows=10, missing=False).iloc[[4]]
    scored = model.score(one)
    assert list(scored.index) == [4] and list(scored.columns) == model.output_fields


@pytest.mark.parametrize("name", sorted(ALL))
def test_broken_attributes_raise_model_error_only(name: str) -> None:
    """Each attribute dropped, made text or made negative: the document scores or is refused
    with a ModelError (a message for a person), never another exception."""
    text = ALL[name]
    data = frame(rows=20)
    for match in re.finditer(r'\s([\w-]+)="([^"]*)"', text):
        for broken in (text[:match.start()] + text[match.end():],
                       text[:match.start(2)] + "abc" + text[match.end(2):],
                       text[:match.start(2)] + "-1" + text[match.end(2):]):
            try:
                load_model(broken).score(data)
            except ModelError:
                pass


@pytest.mark.parametrize("text", [SCORECARD, SCORECARD_ABOVE], ids=["below", "above"])
def test_scorecard_matches_the_reference(text: str) -> None:
    """Scores equal on every row, reason codes equal wherever a rank has one. Ranks beyond
    the codes that cost points are missing here; pypmml repeats its last code there."""
    data = frame(missing=False)
    ours = load_model(text).score(data)
    theirs = reference(text).predict(data)
    assert_same(ours[["score", "reason1"]], theirs)
    for rank in ("reason2", "reason3"):
        given = ours[rank].notna()
        assert (ours[rank][given] == theirs[rank][given]).all()
        previous = theirs["reason" + str(int(rank[-1]) - 1)]
        assert ((theirs[rank] == previous) | theirs[rank].isna())[~given].all()
    assert given.any() and (~given).any()


def test_scorecard_reason_codes_by_hand() -> None:
    # x1 0.2 -> 9 (RC1: 8 - 9 = -1); c b -> 1 (RC2: 4 - 1 = 3); x2 0.6 -> 1.8 (RC4: 3.2)
    data = pd.DataFrame({"x1": [0.2, np.nan], "x2": [0.6, -1.0], "c": ["b", "c"]})
    scored = load_model(SCORECARD).score(data)
    assert scored["score"].tolist() == pytest.approx([10 + 9 + 1 + 1.8, 10 + 2 + 6 + 0])
    assert scored[["reason1", "reason2", "reason3"]].iloc[0].tolist() == ["RC4", "RC2", None]
    # row 1: RC1 8 - 2 = 6; RC3 (4 - 6) + (5 - 0) = 3
    assert scored[["reason1", "reason2", "reason3"]].iloc[1].tolist() == ["RC1", "RC3", None]


def test_number_categories_spelt_otherwise_are_the_listed_ones() -> None:
    """A CSV of an integer category column with blanks holds 1.0, 2.0: still category 1."""
    text = ALL["grm-multinomial"].replace(
        '<DataField name="c" optype="categorical" dataType="string">\n <Value value="a"/>'
        '<Value value="b"/><Value value="c"/>',
        '<DataField name="c" optype="categorical" dataType="integer">\n <Value value="1"/>'
        '<Value value="2"/><Value value="3"/>').replace(
        'value="a" predictorName="c"', 'value="1" predictorName="c"').replace(
        'value="b" predictorName="c"', 'value="2" predictorName="c"')
    assert 'dataType="integer">' in text
    spelt = pd.DataFrame({"x1": [0.3] * 4, "x2": [0.1] * 4, "c": ["1", "2.0", "02", "7"]})
    listed = spelt.assign(c=["1", "2", "2", "7"])
    model = load_model(text)
    ours, expected = model.score(spelt), model.score(listed)
    assert_same(ours, expected)
    assert pd.isna(ours["pred"].iloc[3])  # 7 is not listed: returnInvalid
