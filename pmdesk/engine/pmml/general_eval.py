"""GeneralRegressionModel scoring: the PPMatrix becomes one design matrix per chunk.

Each Parameter's column is the product of its PPCells (a factor cell is 1 where the field
equals the cell's category, a covariate cell is the field to the cell's power; no cell is
the intercept), and the ParamMatrix's betas give one linear predictor per target category.
Modeler's logistic regression nuggets are multinomialLogistic; ordinal and generalized
linear models (with their link functions, offsets and trials) follow PMML 4.4.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET  # types only

import numpy as np
import pandas as pd

from .errors import ModelError
from .expressions import Env
from .parse import number, required
from .prediction import Prediction, class_order, from_probabilities

_TYPES = ("regression", "generalLinear", "multinomialLogistic", "ordinalMultinomial",
          "generalizedLinear")
_LINKS = ("identity", "log", "logit", "probit", "cloglog", "loglog", "cauchit", "power",
          "oddspower", "negbin", "logc")


def _inverse_link(link: str, eta: np.ndarray, parameter: float, distribution: str | None
                  ) -> np.ndarray:
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        if link == "identity":
            return eta
        if link == "log":
            return np.exp(eta)
        if link == "logc":
            return 1.0 - np.exp(eta)
        if link == "logit":
            return 1.0 / (1.0 + np.exp(-eta))
        if link == "probit":
            from scipy.special import ndtr

            return np.asarray(ndtr(eta))
        if link == "cloglog":
            return 1.0 - np.exp(-np.exp(eta))
        if link == "loglog":
            return np.exp(-np.exp(-eta))
        if link == "cauchit":
            return 0.5 + np.arctan(eta) / math.pi
        if link == "power":
            return np.exp(eta) if parameter == 0 else np.power(eta, 1.0 / parameter)
        if link == "oddspower":
            if parameter == 0:
                return 1.0 / (1.0 + np.exp(-eta))
            return 1.0 / (1.0 + np.power(1.0 + parameter * eta, -1.0 / parameter))
        # negbin: eta = log(mu / (mu + 1/k))
        k = parameter
        return 1.0 / (k * (np.exp(-eta) - 1.0))


class GeneralRegressionEvaluator:
    def __init__(self, model: ET.Element, classification: bool, target: str | None,
                 declared: tuple[str, ...]) -> None:
        self.classification = classification
        self.model_type = required(model, "modelType")
        if self.model_type not in _TYPES:
            raise ModelError(f"GeneralRegressionModel modelType {self.model_type!r} is not "
                             f"supported; supported: {', '.join(_TYPES)}")
        self.link = model.get("linkFunction", "identity")
        if self.model_type == "generalizedLinear" and self.link not in _LINKS:
            raise ModelError(f"GeneralRegressionModel linkFunction {self.link!r} is not "
                             "supported")
        self.link_parameter = number(model, "linkParameter", 1.0)
        self.distribution = model.get("distribution")
        self.cumulative = model.get("cumulativeLink", "logit")
        self.offset_field = model.get("offsetVariable")
        self.offset_value = number(model, "offsetValue", 0.0)
        self.trials_field = model.get("trialsVariable")
        self.trials_value = number(model, "trialsValue", 1.0)
        plist = model.find("ParameterList")
        if plist is None:
            raise ModelError("the GeneralRegressionModel has no ParameterList")
        self.parameters = [required(p, "name") for p in plist.findall("Parameter")]
        position = {name: i for i, name in enumerate(self.parameters)}
        self.factors = self._predictors(model, "FactorList")
        self.covariates = self._predictors(model, "CovariateList")
        # per parameter: list of (field, kind, value) cells
        self.cells: list[list[tuple[str, str, str]]] = [[] for _ in self.parameters]
        matrix = model.find("PPMatrix")
        for cell in [] if matrix is None else matrix.findall("PPCell"):
            parameter = required(cell, "parameterName")
            if parameter not in position:
                raise ModelError(f"PPCell names unknown parameter {parameter!r}")
            field = required(cell, "predictorName")
            kind = "factor" if field in self.factors else "covariate"
            if kind == "covariate" and field not in self.covariates:
                raise ModelError(f"PPCell predictor {field!r} is in neither FactorList nor "
                                 "CovariateList")
            value = required(cell, "value")
            if kind == "covariate":
                try:
                    float(value)
                except ValueError:
                    raise ModelError(f"PPCell of covariate {field!r} has value {value!r}, "
                                     "which is not a number (the power)") from None
            self.cells[position[parameter]].append((field, kind, value))
        self.levels: dict[str, list[str]] = {}
        for cells in self.cells:
            for field, kind, value in cells:
                if kind == "factor" and value not in self.levels.setdefault(field, []):
                    self.levels[field].append(value)
        pmatrix = model.find("ParamMatrix")
        if pmatrix is None:
            raise ModelError("the GeneralRegressionModel has no ParamMatrix")
        betas: dict[str | None, dict[int, float]] = {}
        for cell in pmatrix.findall("PCell"):
            parameter = required(cell, "parameterName")
            if parameter not in position:
                raise ModelError(f"PCell names unknown parameter {parameter!r}")
            betas.setdefault(cell.get("targetCategory"), {})[position[parameter]] = \
                number(cell, "beta")
        self._coefficients(model, betas, declared)

    @staticmethod
    def _predictors(model: ET.Element, tag: str) -> list[str]:
        block = model.find(tag)
        return [] if block is None else [required(p, "name") for p in block.findall("Predictor")]

    def _coefficients(self, model: ET.Element, betas: dict[str | None, dict[int, float]],
                      declared: tuple[str, ...]) -> None:
        def column(entries: dict[int, float]) -> np.ndarray:
            out = np.zeros(len(self.parameters))
            for index, beta in entries.items():
                out[index] = beta
            return out

        reference = model.get("targetReferenceCategory")
        if self.model_type == "multinomialLogistic":
            found = [c for c in betas if c is not None]
            if not found:
                raise ModelError("a multinomialLogistic model needs PCells with targetCategory")
            order = class_order(declared, found + ([reference] if reference else []))
            others = [c for c in declared if c not in order]
            if reference is None and len(others) == 1:
                order = class_order(declared, [*found, others[0]])
            self.classes = order
            self.beta = np.column_stack([column(betas.get(c, {})) for c in order])
            return
        if self.model_type == "ordinalMultinomial":
            shared = column(betas.get(None, {}))
            found = [c for c in betas if c is not None]
            self.classes = list(declared) if declared else found
            self.thresholds = [column(betas[c]) + shared if c in betas else None
                               for c in self.classes[:-1]] + [None]
            self.beta = np.column_stack([t if t is not None else shared
                                         for t in self.thresholds])
            return
        merged: dict[int, float] = {}
        for entries in betas.values():
            merged.update(entries)
        self.beta = column(merged)[:, None]
        if self.classification:
            found = [c for c in betas if c is not None]
            self.classes = list(declared) if declared else found
            if len(self.classes) != 2:
                raise ModelError("a generalized linear classification needs two categories")
            self.first_is_event = reference is not None and reference != self.classes[0]
            if reference is None and found:
                self.first_is_event = found[0] == self.classes[0]
            elif reference is None:
                self.first_is_event = False

    def _design(self, env: Env) -> np.ndarray:
        x = np.ones((env.n, len(self.parameters)))
        codes: dict[str, np.ndarray] = {}  # per factor: index of its value among the levels
        for p, cells in enumerate(self.cells):
            for field, kind, value in cells:
                if kind == "factor":
                    levels = self.levels[field]
                    if field not in codes:
                        codes[field] = self._codes(env, field, levels)
                    code = codes[field]
                    hit = (code == levels.index(value)).astype(np.float64)
                    hit[code == -2] = np.nan
                    x[:, p] *= hit
                else:
                    numbers = env.numeric(field, "PPCell")
                    power = float(value)
                    x[:, p] *= numbers if power == 1.0 else numbers**power
        return x

    @staticmethod
    def _codes(env: Env, field: str, levels: list[str]) -> np.ndarray:
        """Level index per row, -1 for another value, -2 where missing."""
        data = env.get(field, "PPCell")
        if data.dtype == object:
            code = pd.Index(levels, dtype=object).get_indexer(data)
            code[env.mask(field, "PPCell")] = -2
            return code
        keys = []
        for level in levels:
            try:
                keys.append(float(level))
            except ValueError:
                keys.append(math.nan)
        code = pd.Index(keys, dtype=np.float64).get_indexer(data)
        code[np.isnan(data)] = -2
        return code

    def predict(self, env: Env) -> Prediction:
        eta = self._design(env) @ self.beta
        if self.model_type == "multinomialLogistic":
            with np.errstate(over="ignore", invalid="ignore"):
                shifted = np.exp(eta - eta.max(axis=1, keepdims=True))
                probs = shifted / shifted.sum(axis=1, keepdims=True)
            return from_probabilities(probs, self.classes)
        if self.model_type == "ordinalMultinomial":
            cumulative = np.empty_like(eta)
            for j, threshold in enumerate(self.thresholds):
                cumulative[:, j] = (1.0 if threshold is None else
                                    _inverse_link(self.cumulative, eta[:, j], 1.0, None))
            probs = np.diff(np.column_stack([np.zeros(env.n), cumulative]), axis=1)
            return from_probabilities(probs, self.classes)
        value = eta[:, 0]
        if self.offset_field is not None:
            value = value + env.numeric(self.offset_field, "offsetVariable")
        else:
            value = value + self.offset_value
        if self.model_type == "generalizedLinear":
            value = _inverse_link(self.link, value, self.link_parameter, self.distribution)
            if self.trials_field is not None:
                value = value * env.numeric(self.trials_field, "trialsVariable")
            elif self.trials_value != 1.0:
                value = value * self.trials_value
        if self.classification:
            probs = np.column_stack([value, 1.0 - value]) if self.first_is_event \
                else np.column_stack([1.0 - value, value])
            return from_probabilities(probs, self.classes)
        return Prediction(value=value)

