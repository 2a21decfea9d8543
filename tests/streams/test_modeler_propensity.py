"""Raw propensity scores of Modeler nuggets with a flag target (`$SRP-Churn`), added only
where the nugget's settings ask for one and its model offers it; adjusted propensities are
refused at submit. Checked on IBM's `customer-satisfaction-prediction.str` (its SVM nugget
asks for `$SRP-Churn`, which the stream's Filter renames "Probability of Churn") through a
real `pmdesk serve` on SQLite, against Modeler's documented definition: the confidence when
the prediction is the true value, 1 - confidence when it is not."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from helpers.fibuild import encode
from helpers.modeler import put, run_to_success
from helpers.partition_streams import job, stream_root
from helpers.server import LiveServer
from helpers.streams import FIXTURES, write_str

DATA = FIXTURES.parent / "modeler-data"
CHURN = FIXTURES / "customer-satisfaction-prediction.str"

pytestmark = pytest.mark.skipif(
    not CHURN.is_file() or not (DATA / "telco_churn.csv").is_file(),
    reason=f"the public churn stream and data are not in {FIXTURES.parent} (no ../shared)")


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def churn_copy(path: Path, *changes: str) -> Path:
    """IBM's stream, its XML changed and saved as plain XML (as older Modeler versions
    save): "keep confidence" keeps `$SP-Churn` through the Filter; "adjusted" and "all
    probabilities" turn on those settings of the SVM nugget."""
    from pmdesk.streams.modeler.reader import _open_archive, _stream_xml

    with _open_archive(CHURN) as archive:
        root = _stream_xml(archive)
    with zipfile.ZipFile(CHURN) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    xml_name = next(n for n in members if n.lower().endswith(".xml")
                    and not n.lower().startswith(("data/", "meta-inf/")) and "/" not in n)
    for row in root.iter():
        name = next((c for c in row if local(c.tag) == "name"), None)
        if "keep confidence" in changes and local(row.tag) == "row" and name is not None \
                and name.text == "$SP-Churn":
            next(c for c in row if local(c.tag) == "drop").text = "false"
        if local(row.tag) == "node" and row.get("id") == "3":
            props = next(c for c in row if local(c.tag) == "properties")
            for change, setting in (("adjusted", "_adjusted_propensity"),
                                    ("all probabilities", "_all_probabilities")):
                if change in changes:
                    next(c for c in props if local(c.tag) == setting).text = "true"
    members[xml_name] = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def churn_job(stream_name: str, db: Path, out: str) -> dict[str, Any]:
    body = job(stream_name, db, "telco", {"Output data": out})
    body["setting"]["inputs"][0]["node"] = "Input data"
    return body


def test_the_svm_nugget_adds_its_raw_propensity(server: LiveServer, tmp_path: Path) -> None:
    put(server, CHURN)
    kept = churn_copy(tmp_path / "churn-keep.str", "keep confidence", "all probabilities")
    put(server, kept)
    db = tmp_path / "telco.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    data = pd.read_csv(DATA / "telco_churn.csv", encoding="utf-8-sig")
    data.to_sql("telco", engine, index=False)
    run_to_success(server, "churn", churn_job(CHURN.name, db, "scored"), timeout=180)
    run_to_success(server, "churn-keep", churn_job(kept.name, db, "scored_keep"),
                   timeout=180)
    with engine.connect() as conn:
        scored = pd.read_sql_table("scored", conn)
        keep = pd.read_sql_table("scored_keep", conn)
    engine.dispose()
    assert len(scored) == len(data)
    # the stream's own Filter renames $SRP-Churn; with it, the output is what IBM meant
    assert {"Predicted Churn", "Probability of Churn"} <= set(scored.columns)
    assert "$SP-Churn" not in scored.columns and "$SRP-Churn" not in scored.columns
    assert "$SP-Yes" not in scored.columns  # all probabilities: off in IBM's stream
    propensity = keep["Probability of Churn"].to_numpy(dtype=float)
    confidence = keep["$SP-Churn"].to_numpy(dtype=float)
    # Modeler's definition: confidence if the prediction is the true value, else 1 - it
    want = np.where(keep["Predicted Churn"] == "Yes", confidence, 1 - confidence)
    np.testing.assert_allclose(propensity, want, atol=1e-9)
    # "append all probabilities": one field per value, as the nugget's outputs name them
    np.testing.assert_allclose(keep["$SP-Yes"].to_numpy(dtype=float), propensity, atol=1e-9)
    np.testing.assert_allclose(keep["$SP-No"].to_numpy(dtype=float), 1 - propensity,
                               atol=1e-9)
    assert 0 < (keep["Predicted Churn"] == "No").sum() < len(keep)  # both kinds checked
    np.testing.assert_allclose(scored["Probability of Churn"].to_numpy(dtype=float),
                               propensity, atol=1e-12)
    # a propensity that ranks: churners score higher on average
    churned = data["Churn"].to_numpy() == "Yes"
    assert propensity[churned].mean() > propensity[~churned].mean() + 0.2


def test_adjusted_propensities_are_refused_at_submit(server: LiveServer,
                                                     tmp_path: Path) -> None:
    """Nothing is read: the input table does not even exist."""
    path = churn_copy(tmp_path / "churn-adjusted.str", "adjusted")
    put(server, path)
    r = server.request("POST", "/pm/v1/jobs/churn-adjusted",
                       json=churn_job(path.name, tmp_path / "absent.db", "x"))
    assert r.status_code == 400, r.text
    message = r.json()["message"]
    assert "node 'RBF kernel' (ExtensionApplyModelNode, id 3) cannot run" in message
    assert "adjusted propensity scores ($SAP-Churn)" in message, message
    assert not (tmp_path / "absent.db").exists()


def test_propensity_settings_are_read_where_modeler_saves_them(tmp_path: Path) -> None:
    """The SVM (an extension nugget) asks by its own `_raw_propensity` (and
    `_all_probabilities`); the logistic nugget
    of german_credit_risk asks by `calculateRawPropensities` but its model offers no
    propensity (a multinomial procedure), so none is added, as in Modeler; a nugget that
    asks without listing its model's outputs is refused rather than guessed."""
    from pmdesk.streams.modeler.plan import read_plan

    churn = read_plan(CHURN)
    assert churn.steps["3"].props["raw_propensity"] == {"name": "$SRP-Churn",
                                                        "true_value": "Yes"}
    assert churn.steps["3"].props["probabilities"] == []
    every = read_plan(churn_copy(tmp_path / "every.str", "all probabilities"))
    assert every.steps["3"].props["probabilities"] == [
        {"name": "$SP-No", "value": "No"}, {"name": "$SP-Yes", "value": "Yes"}]
    credit_path = FIXTURES / "german_credit_risk_tutorial.str"
    if credit_path.is_file():
        credit = read_plan(credit_path)
        (nugget,) = [s for s in credit.steps.values() if s.kind == "nugget"]
        assert nugget.props["raw_propensity"] is None
    root = stream_root([("0", "DatabaseImportNode", "rows", {}),
                        ("1", "ApplyLogisticNode", "bare", {
                            "calculateRawPropensities": "true"}),
                        ("2", "DatabaseExportNode", "out", {})], [("0", "1"), ("1", "2")])
    nugget_elem = next(n for n in root.iter("node") if n.get("id") == "1")
    container = ET.SubElement(ET.SubElement(nugget_elem, "containers"), "container",
                              {"name": "PMML"})
    ET.SubElement(container, "content", {"content": "data/0001.dat"})
    from pmdesk.streams.modeler.reader import read_str

    pmml = read_str(CHURN).pmml["3"]
    bare = read_plan(write_str(tmp_path / "bare.str", encode(root),
                               extra={"data/0001.dat": pmml.encode("utf-8")}))
    assert "does not list the outputs its model offers" in bare.refused["1"].reason
