"""`pmdesk score MODEL.pmml --input IN.csv --output OUT.csv` through the real entry point."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from oracle import assert_same, reference
from pmml_docs import SKLEARN_FOREST, SKLEARN_LOGISTIC, frame

from pmdesk.cli import main

DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "fixtures" / "modeler-data"


@pytest.mark.parametrize("text", [SKLEARN_LOGISTIC, SKLEARN_FOREST], ids=["logistic", "forest"])
def test_scores_another_producers_pmml_like_the_reference(tmp_path: Path, text: str) -> None:
    model = tmp_path / "model.pmml"
    model.write_text(text, encoding="utf-8")
    data = frame(rows=2500, missing=False)[["x1", "x2"]]
    data.to_csv(tmp_path / "in.csv", index=False)
    out = tmp_path / "out.csv"
    rc = main(["score", str(model), "--input", str(tmp_path / "in.csv"), "--output", str(out),
               "--chunk-rows", "1000"])
    assert rc == 0
    scored = pd.read_csv(out)
    assert list(scored.columns) == ["probability(0)", "probability(1)"]
    assert_same(scored, reference(text).predict(data))


def test_plain_names_and_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = SKLEARN_FOREST.replace(SKLEARN_FOREST[SKLEARN_FOREST.index("<Output>"):
                                                 SKLEARN_FOREST.index("</Output>") + 9], "")
    (tmp_path / "m.pmml").write_text(text, encoding="utf-8")
    (tmp_path / "in.csv").write_text("x1;x2;id\n0.1;0.2;007\n;1;008\n", encoding="utf-8")
    rc = main(["score", str(tmp_path / "m.pmml"), "-i", str(tmp_path / "in.csv"), "-o", "-",
               "--sep", ";", "--with-inputs"])
    assert rc == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "x1;x2;id;predicted_y;probability_0;probability_1"
    assert lines[1].startswith("0.1;0.2;007;")  # text stays text: 007 is not 7
    assert lines[2].startswith(";1;008;;")  # nullPrediction trees: no prediction


def test_modeler_nugget_with_modeler_names(tmp_path: Path) -> None:
    if not (DATA / "drug_train_data.csv").exists():
        pytest.skip("../shared/fixtures is absent")
    from test_pmml_modeler_nuggets import nugget

    (tmp_path / "drug.pmml").write_text(nugget("Drug1n.str"), encoding="utf-8")
    out = tmp_path / "out.csv"
    rc = main(["score", str(tmp_path / "drug.pmml"), "-i", str(DATA / "drug_train_data.csv"),
               "-o", str(out), "--sep", ";", "--names", "modeler"])
    assert rc == 0
    scored = pd.read_csv(out, sep=";")
    truth = pd.read_csv(DATA / "drug_train_data.csv", sep=";")
    assert (scored["$N-DRUG"] == truth["DRUG"]).all()


def test_errors_name_the_problem_and_keep_old_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "m.pmml").write_text(SKLEARN_LOGISTIC, encoding="utf-8")
    (tmp_path / "in.csv").write_text("x1,other\n1,2\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    out.write_text("previous results\n", encoding="utf-8")
    rc = main(["score", str(tmp_path / "m.pmml"), "-i", str(tmp_path / "in.csv"), "-o",
               str(out)])
    assert rc == 2
    assert "lacks model input field(s): x2" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "previous results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "m.pmml", "out.csv"]

    (tmp_path / "bad.pmml").write_text("<html/>", encoding="utf-8")
    assert main(["score", str(tmp_path / "bad.pmml"), "-i", str(tmp_path / "in.csv"), "-o",
                 str(out)]) == 2
    assert "not PMML" in capsys.readouterr().err
    assert main(["score", str(tmp_path / "missing.pmml"), "-i", "x.csv", "-o", "y.csv"]) == 2
    assert "cannot read the model" in capsys.readouterr().err
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    assert main(["score", str(tmp_path / "m.pmml"), "-i", str(tmp_path / "empty.csv"), "-o",
                 str(out)]) == 2
    assert "not a readable CSV" in capsys.readouterr().err


def test_stdin_to_stdout_in_a_real_process(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "m.pmml").write_text(SKLEARN_LOGISTIC, encoding="utf-8")
    data = "\ufeffx1,x2\n0.5,0.1\n-1,2\n"  # with a byte order mark, as Excel writes
    proc = subprocess.run([sys.executable, "-m", "pmdesk", "score", str(tmp_path / "m.pmml"),
                           "-i", "-", "-o", "-"], input=data.encode("utf-8"),
                          capture_output=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode().splitlines()
    assert lines[0] == "probability(0),probability(1)" and len(lines) == 3
    assert "2 row(s) scored" in proc.stderr.decode()
