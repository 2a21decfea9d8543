"""MiningModel segmentations: ensembles (votes, averages, sums, medians), selectFirst and
model chains.

Every segment is a ModelUnit of its own, scored on the whole chunk (vectorised) and then
masked to the rows its predicate selects; a model chain writes each segment's Output fields
into the chunk so the next segments can read them.
"""

from __future__ import annotations

import warnings
import xml.etree.ElementTree as ET  # types only
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .errors import ModelError
from .expressions import Env, as_text
from .parse import MODEL_ELEMENTS, number
from .prediction import Prediction, class_order, from_probabilities
from .tree_eval import _compile_complex

if TYPE_CHECKING:
    from .scoring import Context, ModelUnit

_CLASSIFY = ("majorityVote", "weightedMajorityVote", "average", "weightedAverage",
             "selectFirst", "modelChain", "max")
_REGRESS = ("average", "weightedAverage", "median", "sum", "weightedSum", "max",
            "selectFirst", "modelChain")
_PREDICATES = ("True", "False", "SimplePredicate", "CompoundPredicate", "SimpleSetPredicate")


class MiningEvaluator:
    def __init__(self, model: ET.Element, ctx: Context, classification: bool,
                 target: str | None, declared: tuple[str, ...]) -> None:
        from .scoring import ModelUnit

        self.classification = classification
        segmentation = model.find("Segmentation")
        if segmentation is None:
            raise ModelError("the MiningModel has no Segmentation")
        self.method = segmentation.get("multipleModelMethod", "")
        allowed: tuple[str, ...] = _CLASSIFY if classification else _REGRESS
        if self.method not in allowed:
            raise ModelError(f"MiningModel multipleModelMethod {self.method!r} is not supported "
                             f"for {model.get('functionName')}; supported: {', '.join(allowed)}")
        self.segments: list[tuple[object, float, ModelUnit]] = []
        for segment in segmentation.findall("Segment"):
            predicate = next((c for c in segment if c.tag in _PREDICATES), None)
            if predicate is None:
                raise ModelError(f"Segment {segment.get('id', '?')!r} has no predicate")
            element = next((c for c in segment if c.tag in MODEL_ELEMENTS), None)
            if element is None:
                other = next((c for c in segment
                              if c.tag not in (*_PREDICATES, "Extension")), None)
                name = "nothing" if other is None else f"<{other.tag}>"
                raise ModelError(f"Segment {segment.get('id', '?')!r} holds {name}, not a "
                                 "supported model")
            unit = ModelUnit(element, ctx, top=False, parent_target=target)
            self.segments.append((_compile_complex(predicate), number(segment, "weight", 1.0),
                                  unit))
        if not self.segments:
            raise ModelError("the MiningModel's Segmentation has no Segment")
        if classification:
            found: list[str] = []
            for _, _, unit in self.segments:
                if unit.target == target or self.method != "modelChain":
                    for c in unit.classes:
                        if c not in found:
                            found.append(c)
            self.classes = class_order(declared, found)

    def predict(self, env: Env) -> Prediction:
        results: list[tuple[np.ndarray, float, Prediction, ModelUnit]] = []
        taken = np.zeros(env.n, dtype=bool)
        for predicate, weight, unit in self.segments:
            chosen = np.asarray(predicate(env)) == 1  # type: ignore[operator]
            if self.method == "selectFirst":
                chosen &= ~taken
                taken |= chosen
            if not chosen.any() and self.method != "modelChain":
                continue
            child = Env(env.n, parent=env)
            unit.apply_segment_schema(child)
            prediction, outputs = unit.run(child, outputs=self.method == "modelChain")
            if self.method == "modelChain":
                for name, values in outputs.items():
                    values = values.copy()
                    values[~chosen] = None if values.dtype == object else np.nan
                    env.columns[name] = values
                    env.masks.pop(name, None)
            results.append((chosen, weight, prediction, unit))
        if self.method in ("selectFirst", "modelChain"):
            return self._select(results, env.n)
        if self.classification:
            return self._vote(results, env.n)
        return self._combine(results, env.n)

    def _probabilities(self, prediction: Prediction, n: int) -> np.ndarray:
        """A segment's probabilities over the ensemble's classes; where a segment gives a
        label without probabilities (a tree node without ScoreDistribution), 1 for it."""
        out = np.zeros((n, len(self.classes)))
        unknown = np.ones(n, dtype=bool)
        if prediction.probabilities is not None and prediction.classes is not None:
            for j, label in enumerate(prediction.classes):
                if label in self.classes:
                    out[:, self.classes.index(label)] = prediction.probabilities[:, j]
            unknown = np.isnan(prediction.probabilities).all(axis=1)
            if not unknown.any():
                return out
        codes = pd.Index(self.classes, dtype=object).get_indexer(as_text(prediction.value))
        hit = (codes >= 0) & unknown
        out[unknown] = 0.0
        out[np.nonzero(hit)[0], codes[hit]] = 1.0
        out[unknown & (codes < 0)] = np.nan
        return out

    @staticmethod
    def _value(prediction: Prediction, unit: ModelUnit) -> np.ndarray:
        factor, constant = unit._rescale
        return np.asarray(prediction.value, dtype=np.float64) * factor + constant

    def _select(self, results: list[tuple[np.ndarray, float, Prediction, ModelUnit]],
                n: int) -> Prediction:
        if self.classification:
            labels = np.full(n, None, dtype=object)
            probs = np.full((n, len(self.classes)), np.nan)
            for chosen, _, prediction, _ in results:
                labels[chosen] = as_text(prediction.value)[chosen]
                probs[chosen] = self._probabilities(prediction, n)[chosen]
            return Prediction(value=labels, classes=self.classes, probabilities=probs)
        if not results:
            return Prediction(value=np.full(n, np.nan))
        first = results[-1][2]
        if first.entity_id is not None:  # clustering chain / selection
            out = Prediction(value=np.full(n, None, dtype=object),
                             entity_id=np.full(n, None, dtype=object),
                             entity_name=np.full(n, None, dtype=object),
                             affinity=np.full(n, np.nan))
            for chosen, _, prediction, _ in results:
                assert out.entity_id is not None and out.entity_name is not None
                assert out.affinity is not None
                out.value[chosen] = prediction.value[chosen]
                if prediction.entity_id is not None:
                    out.entity_id[chosen] = prediction.entity_id[chosen]
                if prediction.entity_name is not None:
                    out.entity_name[chosen] = prediction.entity_name[chosen]
                if prediction.affinity is not None:
                    out.affinity[chosen] = prediction.affinity[chosen]
            return out
        value = np.full(n, np.nan)
        for chosen, _, prediction, unit in results:
            value[chosen] = self._value(prediction, unit)[chosen]
        return Prediction(value=value)

    def _vote(self, results: list[tuple[np.ndarray, float, Prediction, ModelUnit]],
              n: int) -> Prediction:
        total = np.zeros((n, len(self.classes)))
        weights = np.zeros(n)
        for chosen, weight, prediction, _ in results:
            w = weight if self.method.startswith("weighted") else 1.0
            if self.method in ("majorityVote", "weightedMajorityVote"):
                part = np.zeros((n, len(self.classes)))
                codes = pd.Index(self.classes, dtype=object).get_indexer(
                    as_text(prediction.value))
                hit = (codes >= 0) & chosen
                part[np.nonzero(hit)[0], codes[hit]] = 1.0
                total += w * part
                weights += np.where(hit, w, 0.0)
            elif self.method == "max":  # the first segment most sure of its own answer
                probs = np.nan_to_num(self._probabilities(prediction, n))
                better = chosen & (probs.max(axis=1) > weights)
                total[better] = probs[better]
                weights[better] = probs[better].max(axis=1)
            else:
                probs = self._probabilities(prediction, n)
                valid = chosen & ~np.isnan(probs).any(axis=1)
                total += np.where(valid[:, None], w * np.nan_to_num(probs), 0.0)
                weights += np.where(valid, w, 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            if self.method == "max":
                probs = np.where(weights[:, None] > 0, total, np.nan)
            else:
                probs = np.where(weights[:, None] > 0, total / weights[:, None], np.nan)
        return from_probabilities(probs, self.classes)

    def _combine(self, results: list[tuple[np.ndarray, float, Prediction, ModelUnit]],
                 n: int) -> Prediction:
        if not results:
            return Prediction(value=np.full(n, np.nan))
        values = np.column_stack([np.where(chosen, self._value(p, unit), np.nan)
                                  for chosen, _, p, unit in results])
        weights = np.array([w for _, w, _, _ in results])
        present = ~np.isnan(values)
        with np.errstate(invalid="ignore", divide="ignore"):
            if self.method == "average":
                out = np.nansum(values, axis=1) / present.sum(axis=1)
            elif self.method == "weightedAverage":
                out = np.nansum(values * weights, axis=1) / (present * weights).sum(axis=1)
            elif self.method == "median":
                with warnings.catch_warnings():  # rows no segment selected: NaN, said below
                    warnings.simplefilter("ignore", RuntimeWarning)
                    out = np.nanmedian(values, axis=1)
            elif self.method == "sum":
                out = np.nansum(values, axis=1)
            elif self.method == "weightedSum":
                out = np.nansum(values * weights, axis=1)
            else:
                out = np.nanmax(values, axis=1)
        out = np.where(present.any(axis=1), out, np.nan)
        return Prediction(value=out)
