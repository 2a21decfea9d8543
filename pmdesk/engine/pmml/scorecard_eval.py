"""Scorecard scoring: per Characteristic, the first Attribute whose predicate is TRUE gives
its partial score; the score is initialScore plus their sum. Reason codes rank the
characteristics by how far each partial score lies below (pointsBelow) or above
(pointsAbove) its baseline, summed per reason code; codes with no positive sum give none
(a rank beyond them is missing).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # types only
from collections.abc import Callable

import numpy as np

from .errors import ModelError
from .expressions import Env, Expression, Functions, compile_expression
from .parse import number
from .prediction import Prediction
from .tree_eval import _compile_complex

_PREDICATES = ("True", "False", "SimplePredicate", "CompoundPredicate", "SimpleSetPredicate")
Tri = Callable[[Env], np.ndarray]


class ScorecardEvaluator:
    def __init__(self, model: ET.Element, functions: Functions) -> None:
        self.classification = False
        self.initial = number(model, "initialScore", 0.0)
        self.use_reasons = model.get("useReasonCodes", "true") == "true"
        self.algorithm = model.get("reasonCodeAlgorithm", "pointsBelow")
        if self.algorithm not in ("pointsBelow", "pointsAbove"):
            raise ModelError(f"Scorecard reasonCodeAlgorithm {self.algorithm!r} is unknown")
        default_baseline = model.get("baselineScore")
        block = model.find("Characteristics")
        if block is None or not block.findall("Characteristic"):
            raise ModelError("the Scorecard has no Characteristics")
        self.characteristics: list[tuple[list[tuple[Tri, float | Expression, str | None]],
                                         float, str | None]] = []
        self.codes: list[str] = []
        for characteristic in block.findall("Characteristic"):
            baseline_text = characteristic.get("baselineScore", default_baseline)
            if self.use_reasons and baseline_text is None:
                raise ModelError("a Scorecard with reason codes needs a baselineScore")
            try:
                baseline = float(baseline_text) if baseline_text is not None else 0.0
            except ValueError:
                raise ModelError(f"Scorecard baselineScore {baseline_text!r} is not a "
                                 "number") from None
            attributes = []
            for attribute in characteristic.findall("Attribute"):
                predicate = next((c for c in attribute if c.tag in _PREDICATES), None)
                if predicate is None:
                    raise ModelError("a Scorecard Attribute has no predicate")
                complex_score = attribute.find("ComplexPartialScore")
                score: float | Expression
                if complex_score is not None:
                    inner = next((c for c in complex_score if c.tag != "Extension"), None)
                    if inner is None:
                        raise ModelError("a ComplexPartialScore holds no expression")
                    score = compile_expression(inner, functions)
                else:
                    score = number(attribute, "partialScore")
                code = attribute.get("reasonCode", characteristic.get("reasonCode"))
                if self.use_reasons and code is None:
                    raise ModelError("a Scorecard Attribute has no reasonCode (nor its "
                                     "Characteristic)")
                if code is not None and code not in self.codes:
                    self.codes.append(code)
                attributes.append((_compile_complex(predicate), score, code))
            if not attributes:
                raise ModelError(f"Characteristic {characteristic.get('name', '?')!r} has no "
                                 "Attribute")
            self.characteristics.append((attributes, baseline, characteristic.get("name")))

    def predict(self, env: Env) -> Prediction:
        n = env.n
        total = np.full(n, self.initial)
        undefined = np.zeros(n, dtype=bool)
        points = np.zeros((n, len(self.codes)))
        for attributes, baseline, _ in self.characteristics:
            open_ = np.ones(n, dtype=bool)
            partial = np.full(n, np.nan)
            code_index = np.full(n, -1)
            for predicate, score, code in attributes:
                hit = open_ & (np.asarray(predicate(env)) == 1)
                if not hit.any():
                    continue
                value = score(env) if callable(score) else np.full(n, score)
                partial[hit] = np.asarray(value, dtype=np.float64)[hit]
                if code is not None:
                    code_index[hit] = self.codes.index(code)
                open_ &= ~hit
            undefined |= open_ | np.isnan(partial)
            total += np.nan_to_num(partial)
            if self.use_reasons:
                diff = baseline - partial if self.algorithm == "pointsBelow" \
                    else partial - baseline
                rows = np.nonzero(code_index >= 0)[0]
                np.add.at(points, (rows, code_index[rows]), np.nan_to_num(diff[rows]))
        total[undefined] = np.nan
        reasons = None
        if self.use_reasons and self.codes:
            order = np.argsort(-points, axis=1, kind="stable")
            reasons = np.array(self.codes, dtype=object)[order]
            ranked = np.take_along_axis(points, order, axis=1)
            reasons[ranked <= 0] = None  # only characteristics that cost points give reasons
            reasons[undefined] = None
        return Prediction(value=total, reasons=reasons)
