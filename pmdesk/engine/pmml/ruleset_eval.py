"""RuleSetModel scoring: every rule's predicate over the whole chunk, then the document's
RuleSelectionMethod (firstHit, weightedSum, weightedMax) per row.

Compound rules are flattened into their simple rules, each ANDed with its enclosing
predicates; predicates on missing values are UNKNOWN and a rule fires only when TRUE.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # types only
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .errors import ModelError
from .expressions import Env
from .parse import number, required
from .prediction import Prediction, class_order
from .tree_eval import _compile_complex

_PREDICATES = ("True", "False", "SimplePredicate", "CompoundPredicate", "SimpleSetPredicate")
_CRITERIA = ("firstHit", "weightedSum", "weightedMax")
Tri = Callable[[Env], np.ndarray]


@dataclass(frozen=True)
class _Rule:
    predicates: tuple[Tri, ...]
    score: str
    rule_id: str
    confidence: float
    weight: float
    distribution: dict[str, float]


class RuleSetEvaluator:
    def __init__(self, model: ET.Element, classification: bool, declared: tuple[str, ...]
                 ) -> None:
        if not classification:
            raise ModelError("RuleSetModel is a classification model; functionName "
                             "'regression' is not supported")
        self.classification = True
        ruleset = model.find("RuleSet")
        if ruleset is None:
            raise ModelError("the RuleSetModel has no RuleSet")
        methods = ruleset.findall("RuleSelectionMethod")
        if not methods:
            raise ModelError("the RuleSet has no RuleSelectionMethod")
        self.criterion = required(methods[0], "criterion")
        if self.criterion not in _CRITERIA:
            raise ModelError(f"RuleSelectionMethod criterion {self.criterion!r} is not "
                             f"supported; supported: {', '.join(_CRITERIA)}")
        self.default_score = ruleset.get("defaultScore")
        self.default_confidence = number(ruleset, "defaultConfidence", 0.0)
        self.rules: list[_Rule] = []
        self._flatten(ruleset, ())
        found: list[str] = []
        for rule in self.rules:
            for label in [rule.score, *rule.distribution]:
                if label not in found:
                    found.append(label)
        if self.default_score is not None and self.default_score not in found:
            found.append(self.default_score)
        self.classes = class_order(declared, found)

    def _flatten(self, parent: ET.Element, predicates: tuple[Tri, ...]) -> None:
        for element in parent:
            if element.tag not in ("SimpleRule", "CompoundRule"):
                continue
            predicate = next((c for c in element if c.tag in _PREDICATES), None)
            if predicate is None:
                raise ModelError(f"rule {element.get('id', '?')!r} has no predicate")
            chain = (*predicates, _compile_complex(predicate))
            if element.tag == "CompoundRule":
                self._flatten(element, chain)
                continue
            distribution: dict[str, float] = {}
            dists = element.findall("ScoreDistribution")
            counts = np.array([number(d, "recordCount", 0.0) for d in dists])
            for d, count in zip(dists, counts, strict=True):
                given = d.get("probability")
                distribution[required(d, "value")] = float(given) if given is not None else (
                    count / counts.sum() if counts.sum() > 0 else 0.0)
            self.rules.append(_Rule(chain, required(element, "score"),
                                    element.get("id", str(len(self.rules) + 1)),
                                    number(element, "confidence", 1.0),
                                    number(element, "weight", 1.0), distribution))

    def predict(self, env: Env) -> Prediction:
        n, k = env.n, len(self.classes)
        fires = np.zeros((n, len(self.rules)), dtype=bool)
        for j, rule in enumerate(self.rules):
            hit = np.ones(n, dtype=bool)
            for predicate in rule.predicates:
                hit &= np.asarray(predicate(env)) == 1
            fires[:, j] = hit
        labels = np.full(n, self.default_score, dtype=object)
        confidence = np.full(n, self.default_confidence if self.default_score else np.nan)
        probs = np.zeros((n, k))
        rule_ids = np.full(n, None, dtype=object)
        if self.default_score is not None:
            probs[:, self.classes.index(self.default_score)] = self.default_confidence
        any_fired = fires.any(axis=1)
        if self.criterion == "firstHit" or self.criterion == "weightedMax":
            if self.criterion == "firstHit":
                chosen = np.argmax(fires, axis=1)
            else:
                weights = np.array([r.weight for r in self.rules])
                chosen = np.argmax(np.where(fires, weights, -np.inf), axis=1)
            for j, rule in enumerate(self.rules):
                rows = any_fired & (chosen == j)
                if not rows.any():
                    continue
                labels[rows] = rule.score
                confidence[rows] = rule.confidence
                rule_ids[rows] = rule.rule_id
                row = np.zeros(k)
                if rule.distribution:
                    for label, share in rule.distribution.items():
                        row[self.classes.index(label)] = share
                else:
                    row[self.classes.index(rule.score)] = rule.confidence
                probs[rows] = row
        else:
            totals = np.zeros((n, k))
            for j, rule in enumerate(self.rules):
                totals[:, self.classes.index(rule.score)] += np.where(fires[:, j], rule.weight,
                                                                      0.0)
            count = fires.sum(axis=1)
            best = np.argmax(totals, axis=1)
            labels[any_fired] = np.array(self.classes, dtype=object)[best[any_fired]]
            with np.errstate(invalid="ignore", divide="ignore"):
                shares = totals / count[:, None]
            confidence[any_fired] = shares[any_fired, best[any_fired]]
            probs[any_fired] = shares[any_fired]
        if self.default_score is None:
            probs[~any_fired] = np.nan
        conf = np.full((n, k), np.nan)
        index = np.array([self.classes.index(v) if v is not None else -1 for v in labels],
                         dtype=np.int64)
        known = index >= 0
        conf[np.nonzero(known)[0], index[known]] = confidence[known]
        return Prediction(value=labels, classes=self.classes, probabilities=probs,
                          confidences=conf, entity_id=rule_ids)
