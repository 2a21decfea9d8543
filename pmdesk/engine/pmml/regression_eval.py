"""RegressionModel scoring as one matrix product over the chunk."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET  # types only

import numpy as np
import pandas as pd

from .errors import ModelError
from .expressions import Env
from .parse import number, required, unsupported
from .prediction import Prediction, class_order, from_probabilities

_LINKS = ("logit", "probit", "cloglog", "loglog", "cauchit", "none")


def _link(method: str, y: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        if method == "logit":
            return 1.0 / (1.0 + np.exp(-y))
        if method == "probit":
            from scipy.special import ndtr

            return np.asarray(ndtr(y))
        if method == "cloglog":
            return 1.0 - np.exp(-np.exp(y))
        if method == "loglog":
            return np.exp(-np.exp(-y))
        if method == "cauchit":
            return 0.5 + np.arctan(y) / math.pi
        if method == "exp":
            return np.exp(y)
    return y


class RegressionEvaluator:
    def __init__(self, model: ET.Element, classification: bool, declared: tuple[str, ...]) -> None:
        self.classification = classification
        self.method = model.get("normalizationMethod", "none")
        tables = model.findall("RegressionTable")
        if not tables:
            raise ModelError("the RegressionModel has no RegressionTable")
        allowed = ("softmax", "simplemax", *_LINKS) if classification else ("exp", "softmax",
                                                                            *_LINKS)
        if self.method not in allowed:
            raise ModelError(f"RegressionModel normalizationMethod {self.method!r} is not "
                             "supported for this function")
        self.numeric: list[tuple[str, float]] = []
        self.categorical: dict[str, list[str]] = {}
        terms: list[list[tuple[tuple[str, object], float]]] = []
        self.intercepts = np.array([number(t, "intercept", 0.0) for t in tables])
        for table in tables:
            row: list[tuple[tuple[str, object], float]] = []
            for term in table:
                if term.tag == "NumericPredictor":
                    power = (required(term, "name"), number(term, "exponent", 1.0))
                    if power not in self.numeric:
                        self.numeric.append(power)
                    row.append((("n", power), number(term, "coefficient")))
                elif term.tag == "CategoricalPredictor":
                    name, value = required(term, "name"), required(term, "value")
                    listed = self.categorical.setdefault(name, [])
                    if value not in listed:
                        listed.append(value)
                    row.append((("c", (name, value)), number(term, "coefficient")))
                elif term.tag != "Extension":
                    raise unsupported(term, "RegressionTable")
            terms.append(row)
        index: dict[tuple[str, object], int] = {}
        for power in self.numeric:
            index[("n", power)] = len(index)
        for name, values in self.categorical.items():
            for value in values:
                index[("c", (name, value))] = len(index)
        self.coefficients = np.zeros((len(index), len(tables)))
        for column, row in enumerate(terms):
            for term_key, coefficient in row:
                self.coefficients[index[term_key], column] += coefficient
        self.categories = [t.get("targetCategory") for t in tables]
        if classification:
            if any(c is None for c in self.categories):
                raise ModelError("a classification RegressionTable lacks its targetCategory")
            found = [str(c) for c in self.categories]
            self.classes = class_order(declared, found)
            self.order = [found.index(c) for c in self.classes]

    def _design(self, env: Env) -> np.ndarray:
        blocks = []
        for name, exponent in self.numeric:
            values = env.numeric(name, "NumericPredictor")
            blocks.append((values if exponent == 1.0 else values**exponent)[:, None])
        for name, listed in self.categorical.items():
            data = env.get(name, "CategoricalPredictor")
            if data.dtype != object:
                keys: list[object] = [float(v) for v in listed]
                codes = pd.Index(keys).get_indexer(data)
                missing = np.isnan(data)
            else:
                codes = pd.Index(listed, dtype=object).get_indexer(data)
                missing = env.mask(name, "CategoricalPredictor")
            block = np.zeros((env.n, len(listed)))
            hit = codes >= 0
            block[np.nonzero(hit)[0], codes[hit]] = 1.0
            block[missing] = np.nan
            blocks.append(block)
        if not blocks:
            return np.zeros((env.n, 0))
        return np.hstack(blocks)

    def predict(self, env: Env) -> Prediction:
        y = self._design(env) @ self.coefficients + self.intercepts
        if not self.classification:
            value = y[:, 0]
            return Prediction(value=value if self.method == "none" else _link(self.method, value))
        if self.method == "softmax":
            shifted = np.exp(y - y.max(axis=1, keepdims=True))
            probs = shifted / shifted.sum(axis=1, keepdims=True)
        elif self.method == "simplemax":
            probs = y / y.sum(axis=1, keepdims=True)
        else:
            probs = np.empty_like(y)
            probs[:, :-1] = _link(self.method, y[:, :-1])
            probs[:, -1] = 1.0 - probs[:, :-1].sum(axis=1)
        return from_probabilities(probs[:, self.order], self.classes)
