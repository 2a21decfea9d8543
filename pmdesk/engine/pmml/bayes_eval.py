"""NaiveBayesModel scoring: one log-likelihood matrix (rows x classes) summed over inputs.

Categorical inputs read their PairCounts (a missing value, or one the counts do not list,
leaves that input out, as PMML says); zero probabilities become the model's ``threshold``.
Continuous inputs use TargetValueStats (Gaussian or Poisson), or a DerivedField inside the
BayesInput that discretises them first.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET  # types only

import numpy as np
import pandas as pd

from .errors import ModelError
from .expressions import Env, Expression, as_text, derived_expression
from .parse import DataField, number, required
from .prediction import Prediction, class_order, from_probabilities


class NaiveBayesEvaluator:
    def __init__(self, model: ET.Element, target: str | None, declared: tuple[str, ...],
                 dictionary: dict[str, DataField]) -> None:
        self.classification = True
        if model.get("functionName", "classification") != "classification":
            raise ModelError("NaiveBayesModel must be a classification")
        self.threshold = number(model, "threshold", 0.0)
        if self.threshold < 0:
            raise ModelError("NaiveBayesModel threshold must not be negative")
        output = model.find("BayesOutput")
        if output is None:
            raise ModelError("the NaiveBayesModel has no BayesOutput")
        prior = output.find("TargetValueCounts")
        if prior is None:
            raise ModelError("the BayesOutput has no TargetValueCounts")
        counts = {required(c, "value"): number(c, "count")
                  for c in prior.findall("TargetValueCount")}
        self.classes = class_order(declared, list(counts))
        self.prior = np.array([counts.get(c, 0.0) for c in self.classes])
        if (self.prior < 0).any():
            raise ModelError("a BayesOutput TargetValueCount is negative")
        inputs = model.find("BayesInputs")
        self.stats: list[tuple[str, str, np.ndarray]] = []
        self.counts: list[tuple[list[str], np.ndarray, Expression]] = []
        for element in [] if inputs is None else inputs.findall("BayesInput"):
            self._input(element)

    def _input(self, element: ET.Element) -> None:
        field = required(element, "fieldName")
        stats = element.find("TargetValueStats")
        if stats is not None:
            params = np.full((len(self.classes), 2), np.nan)
            kinds: list[str] = []
            for stat in stats.findall("TargetValueStat"):
                label = required(stat, "value")
                if label not in self.classes:
                    continue
                gauss, poisson = stat.find("GaussianDistribution"), stat.find(
                    "PoissonDistribution")
                if gauss is not None:
                    params[self.classes.index(label)] = (number(gauss, "mean"),
                                                         number(gauss, "variance"))
                    if params[self.classes.index(label), 1] <= 0:
                        raise ModelError(f"BayesInput {field!r}: a Gaussian variance must be "
                                         "positive")
                    kinds.append("gauss")
                elif poisson is not None:
                    params[self.classes.index(label)] = (number(poisson, "mean"), 0.0)
                    kinds.append("poisson")
                else:
                    raise ModelError(f"BayesInput {field!r}: only Gaussian and Poisson "
                                     "TargetValueStats are supported")
            if len(set(kinds)) > 1:
                raise ModelError(f"BayesInput {field!r} mixes distributions")
            self.stats.append((field, kinds[0] if kinds else "gauss", params))
            return
        derived = element.find("DerivedField")
        expression: Expression = derived_expression(derived) if derived is not None else (
            lambda env: env.get(field, "BayesInput"))
        values: list[str] = []
        rows: list[np.ndarray] = []
        for pair in element.findall("PairCounts"):
            values.append(required(pair, "value"))
            row = np.zeros(len(self.classes))
            block = pair.find("TargetValueCounts")
            for count in [] if block is None else block.findall("TargetValueCount"):
                label = required(count, "value")
                if label in self.classes:
                    row[self.classes.index(label)] = number(count, "count")
            if (row < 0).any():
                raise ModelError(f"BayesInput {field!r}: a TargetValueCount is negative")
            rows.append(row)
        table = np.array(rows) if rows else np.zeros((0, len(self.classes)))
        self.counts.append((values, table, expression))

    def predict(self, env: Env) -> Prediction:
        k = len(self.classes)
        with np.errstate(divide="ignore", invalid="ignore"):
            log = np.broadcast_to(np.log(self.prior), (env.n, k)).copy()
        total = self.prior.sum()
        for values, table, expression in self.counts:
            codes = pd.Index(values, dtype=object).get_indexer(as_text(expression(env)))
            known = codes >= 0
            if not known.any():
                continue
            with np.errstate(divide="ignore", invalid="ignore"):
                denominators = table.sum(axis=0) if total == 0 else self.prior
                probs = table / np.where(denominators > 0, denominators, np.nan)
            probs = np.where((probs > 0) & ~np.isnan(probs), probs, self.threshold)
            part = np.zeros((env.n, k))
            with np.errstate(divide="ignore"):
                part[known] = np.log(probs[codes[known]])
            log += part
        for field, kind, params in self.stats:
            x = env.numeric(field, "BayesInput")
            present = ~np.isnan(x)
            mean, variance = params[:, 0], params[:, 1]
            with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
                if kind == "gauss":
                    density = np.exp(-((x[:, None] - mean) ** 2) / (2 * variance)) / np.sqrt(
                        2 * math.pi * variance)
                else:
                    from scipy.special import gammaln

                    density = np.exp(x[:, None] * np.log(mean) - mean - gammaln(x[:, None] + 1))
            density = np.where(density > 0, density, self.threshold)
            with np.errstate(divide="ignore"):
                log[present] += np.log(density[present])
        shifted = np.exp(log - np.max(np.where(np.isfinite(log), log, -np.inf), axis=1,
                                      keepdims=True))
        shifted = np.nan_to_num(shifted)
        sums = shifted.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore"):
            probs = np.where(sums > 0, shifted / sums, np.nan)
        return from_probabilities(probs, self.classes)
