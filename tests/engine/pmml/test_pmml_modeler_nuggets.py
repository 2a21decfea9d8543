"""The PMML nuggets of IBM's public SPSS Modeler sample streams, read from the `.str` files
with pmdesk's own reader, scored on the data they were built on: against the labels and
against the reference evaluator (pypmml) on every row."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from oracle import assert_same, reference

from pmdesk.engine.pmml import load_model, load_transformations

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "fixtures"
STREAMS = SHARED / "modeler-streams"
DATA = SHARED / "modeler-data"


def _needs(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path.name} is not here (../shared/fixtures is absent)")
    return path


def nugget(stream: str) -> str:
    from pmdesk.streams.modeler.reader import read_str

    info = read_str(_needs(STREAMS / stream))
    assert len(info.pmml) == 1, f"{stream}: expected one PMML nugget, got {len(info.pmml)}"
    return next(iter(info.pmml.values()))


def adp_transformations(stream: str) -> str:
    """The Auto Data Prep node's `analysisPmml` property (a whole PMML document)."""
    from pmdesk.streams.modeler import reader

    with reader._open_archive(_needs(STREAMS / stream)) as archive:
        root = reader._stream_xml(archive)
    for element in root.iter():
        if "AutoDataPrepNode" in (element.get("class") or ""):
            text = element.get("analysisPmml")
            if text is None:
                inner = next((e for e in element.iter()
                              if reader._local(e.tag) == "analysisPmml"), None)
                text = None if inner is None else inner.text
            assert text, "the Auto Data Prep node holds no analysisPmml"
            return text
    raise AssertionError(f"{stream} has no Auto Data Prep node")


def test_drug_neural_net_labels_every_row_like_the_reference() -> None:
    text = nugget("Drug1n.str")
    data = pd.read_csv(_needs(DATA / "drug_train_data.csv"), sep=";")
    model = load_model(text)
    assert model.input_fields == ["AGE", "BP", "CHOLESTEROL", "K", "NA", "SEX"]
    scored = model.score(data.drop(columns=["DRUG"]))  # the target is absent when scoring
    assert list(scored.columns) == ["$N-DRUG", "$NC-DRUG"]
    assert (scored["$N-DRUG"] == data["DRUG"]).all()
    theirs = reference(text).predict(data.drop(columns=["DRUG"]))
    assert_same(scored, theirs, {"$N-DRUG": "predicted_DRUG", "$NC-DRUG": "probability"})


def test_credit_logistic_regression_like_the_reference() -> None:
    text = nugget("german_credit_risk_tutorial.str")
    data = pd.read_csv(_needs(DATA / "credit_risk_training.csv"), encoding="utf-8-sig")
    model = load_model(text)
    scored = model.score(data)
    assert list(scored.columns) == ["$L-Risk", "$LP-Risk"]
    assert (scored["$L-Risk"] == data["Risk"]).mean() == pytest.approx(0.7972, abs=1e-4)
    plain = load_model(text, names="plain").score(data)
    theirs = reference(text).predict(data)
    assert_same(scored, theirs, {"$L-Risk": "predicted_Risk", "$LP-Risk": "probability"})
    assert_same(plain, theirs)


def test_auto_data_prep_then_svm_with_modelers_sign() -> None:
    text = nugget("customer-satisfaction-prediction.str")
    data = pd.read_csv(_needs(DATA / "telco_churn.csv"))
    prepared = load_transformations(adp_transformations(
        "customer-satisfaction-prediction.str")).apply(data)
    assert not prepared["TotalCharges_transformed"].isna().any()  # 11 blanks filled by ADP
    model = load_model(text)
    scored = model.score(prepared)
    assert list(scored.columns) == ["$S-Churn", "$SP-Churn"]
    accuracy = (scored["$S-Churn"] == data["Churn"]).mean()
    assert accuracy >= 0.84
    assert accuracy == pytest.approx(0.8498, abs=1e-4)
    # $SP is the Platt probability of the predicted label (SPSS's extension): it agrees
    # with the sign except within -B/A of zero
    assert ((scored["$SP-Churn"] > 0) & (scored["$SP-Churn"] < 1)).all()
    assert (scored["$SP-Churn"] >= 0.5).mean() > 0.99


@pytest.mark.slow
def test_svm_is_the_reference_with_the_other_sign() -> None:
    """pypmml reads the decision value with PMML's sign: exactly the other label on every
    row (about a minute: the reference scores 7,043 rows against 2,484 vectors)."""
    text = nugget("customer-satisfaction-prediction.str")
    data = pd.read_csv(_needs(DATA / "telco_churn.csv"))
    prepared = load_transformations(adp_transformations(
        "customer-satisfaction-prediction.str")).apply(data)
    scored = load_model(text).score(prepared)
    theirs = reference(text).predict(prepared)
    assert (theirs["predicted_Churn"].to_numpy() != scored["$S-Churn"].to_numpy()).all()


def test_adp_feeds_every_svm_input() -> None:
    text = adp_transformations("customer-satisfaction-prediction.str")
    data = pd.read_csv(_needs(DATA / "telco_churn.csv"))
    transformations = load_transformations(text)
    ours = transformations.apply(data)[transformations.output_fields]
    model = load_model(nugget("customer-satisfaction-prediction.str"))
    # everything the SVM reads is one of these derived fields
    assert set(model.input_fields) <= set(transformations.output_fields)
    for name in model.input_fields:
        assert ours[name].notna().all(), name
    # z-score of tenure with ADP's own mean and sd; categories recoded by MapValues
    expected = (data["tenure"] - 32.3711486582424) * (1 / 24.5594810230944)
    np.testing.assert_allclose(ours["tenure_transformed"], expected, atol=1e-12)
    assert set(ours["gender_transformed"].astype(str)) == {"0", "1"}


def test_plain_xml_behind_a_length_is_a_nugget() -> None:
    """How Modeler 18 stored the SVM nugget of customer-satisfaction-prediction.str."""
    from pmdesk.streams.modeler import scf

    document = b'<?xml version="1.0"?>\r\n\r\n<PMML version="4.2"><Header/></PMML>'
    member = len(document).to_bytes(4, "big") + document
    assert scf.pmml_of(member) == document.decode()
    assert scf.pmml_of(document) == document.decode()  # and without the length
    wrong = (len(document) + 1).to_bytes(4, "big") + document
    assert scf.pmml_of(wrong) is None  # a length that does not add up is not this wrapping
