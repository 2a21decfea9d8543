"""7. PMML as SPSS Modeler writes it: scoring rows/s of the real sample nuggets against the
open-format path for the same kind of model, in the same run.

Subject: the PMML nugget read from IBM's sample stream (`Drug1n.str` neural net with its
TransformationDictionary; `german_credit_risk_tutorial.str` GeneralRegressionModel).
Baseline: the model PMDesk's open format stores for the same data (PMDesk's own writer:
an MLP with as many hidden neurons, a logistic RegressionModel), scored by the same
evaluator. Both score the sample data resampled to N rows, in chunks of 100,000 rows as a
job does, alternately; the time is scoring only (loading and training excluded).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from benchmarks.common import REPO, Context, Figure, NotAvailable, Target, require_attr

TITLE = "PMML: Modeler nuggets (neural net, logistic) against the open-format model, rows/s"

FIXTURES = REPO.parent / "shared" / "fixtures"
CHUNK = 100_000


def _nugget(stream: str) -> str:
    read_str = require_attr("pmdesk.streams.modeler.reader", "read_str", "the .str reader")
    path = FIXTURES / "modeler-streams" / stream
    if not path.exists():
        raise NotAvailable(f"{path} is absent (the shared fixtures are not here)")
    pmml = read_str(path).pmml
    if len(pmml) != 1:
        raise NotAvailable(f"{stream}: the reader finds {len(pmml)} PMML nuggets, not 1")
    return str(next(iter(pmml.values())))


def _data(name: str, sep: str, rows: int) -> Any:
    import pandas as pd

    path = FIXTURES / "modeler-data" / name
    if not path.exists():
        raise NotAvailable(f"{path} is absent (the shared fixtures are not here)")
    frame = pd.read_csv(path, sep=sep, encoding="utf-8-sig")
    return frame.sample(n=rows, replace=True, random_state=1).reset_index(drop=True)


def _scorer(model: Any, frame: Any) -> Callable[[], float]:
    def run() -> float:
        started = time.perf_counter()
        for start in range(0, len(frame), CHUNK):
            model.score(frame.iloc[start:start + CHUNK])
        return len(frame) / (time.perf_counter() - started)

    return run


def _pair(ctx: Context, name: str, subject: Any, baseline: Any, frame: Any,
          baseline_name: str) -> None:
    from benchmarks.common import interleaved

    repeats = max(ctx.mode.engine_repeats, 2) if ctx.mode.name != "smoke" else 1
    ours, base = interleaved(repeats, _scorer(subject, frame), _scorer(baseline, frame))
    ctx.add(Figure(name, "rows/s", ours, baseline_name, base, Target("ratio", ">=", 0.9),
                   note=f"{len(frame):,} rows, chunks of {CHUNK:,}"))


def run(ctx: Context) -> None:
    load_model = require_attr("pmdesk.engine.pmml", "load_model", "the PMML evaluator")
    train_model = require_attr("pmdesk.engine.pmml.train", "train_model", "PMML training")
    rows = ctx.mode.engine_rows[0]

    drug = _data("drug_train_data.csv", ";", rows)
    nugget = load_model(_nugget("Drug1n.str"))
    inputs = ["AGE", "SEX", "BP", "CHOLESTEROL", "NA", "K"]
    hidden = 7  # the nugget's hidden layer
    own = load_model(train_model("neural", drug.iloc[:200], inputs, "DRUG",
                                 {"hidden_layers": [hidden], "max_iter": 200}))
    _pair(ctx, "Modeler neural net (Drug1n.str)", nugget, own, drug[inputs],
          "open-format MLP, same inputs")

    credit = _data("credit_risk_training.csv", ",", rows)
    nugget = load_model(_nugget("german_credit_risk_tutorial.str"))
    inputs = nugget.input_fields
    own = load_model(train_model("logistic", credit.iloc[:5000], inputs, "Risk",
                                 {"max_iter": 200}))
    _pair(ctx, "Modeler logistic GRM (german credit)", nugget, own, credit[inputs],
          "open-format logistic")
