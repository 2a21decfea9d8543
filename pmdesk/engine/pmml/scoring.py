"""ScoringModel: loads PMML once, then scores DataFrame chunks without running any code.

Input handling, in order: each active MiningField is read from the frame (numbers for
continuous fields, category strings otherwise; text in a continuous field counts as
missing); ``invalidValueTreatment="asMissing"`` turns categories the DataDictionary does not
list into missing values, any other treatment keeps them (an unseen category then matches
no category: no indicator, no CategoricalPredictor, the ``notEqual`` branch of a tree);
``missingValueReplacement`` fills what is missing. Whatever is still missing follows the
model's own rules (tree strategies) or yields a missing prediction.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # types only
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import naming
from .cluster_eval import ClusterEvaluator
from .errors import ModelError
from .expressions import Env, Expression, compile_derived_fields, compile_expression
from .neural_eval import NeuralEvaluator
from .parse import (
    DataField,
    MiningField,
    data_dictionary,
    mining_schema,
    model_element,
    number,
    parse_xml,
    required,
)
from .prediction import Prediction
from .regression_eval import RegressionEvaluator
from .tree_eval import TreeEvaluator
from .values import category_strings_masked, numeric_values

_FEATURES = ("predictedValue", "predictedDisplayValue", "probability", "confidence",
             "entityId", "clusterId", "entityAffinity", "clusterAffinity", "affinity",
             "transformedValue")


@dataclass(frozen=True)
class _OutputField:
    name: str
    feature: str
    value: str | None
    final: bool
    expression: Expression | None


def _algorithm(model: ET.Element) -> tuple[str, bool]:
    function = model.get("functionName", "")
    if model.tag == "ClusteringModel":
        return "kmeans", False
    if function not in ("classification", "regression"):
        raise ModelError(f"{model.tag} functionName {function!r} is not supported")
    classification = function == "classification"
    if model.tag == "TreeModel":
        return "tree", classification
    if model.tag == "NeuralNetwork":
        return "neural", classification
    return ("logistic" if classification else "linear"), classification


class ScoringModel:
    """A PMML model ready to score; safe to share between threads (no state per call)."""

    algorithm: str
    target: str | None
    inputs: list[str]
    output_fields: list[str]

    def __init__(self, root: ET.Element) -> None:
        model = model_element(root)
        self.algorithm, self.classification = _algorithm(model)
        self.model_name = model.get("modelName")
        dictionary = data_dictionary(root)
        schema = mining_schema(model)
        for listed in schema:
            if listed.name not in dictionary:
                raise ModelError(f"MiningField {listed.name!r} is not in the DataDictionary")
        self._active: list[tuple[MiningField, DataField]] = [
            (f, dictionary[f.name]) for f in schema if f.usage == "active"]
        targets = [f.name for f in schema if f.usage in ("target", "predicted")]
        self.target = targets[0] if targets and self.algorithm != "kmeans" else None
        if self.algorithm != "kmeans" and self.target is None:
            raise ModelError(f"the {model.tag} MiningSchema names no target field")
        self.inputs = [f.name for f, _ in self._active]
        self._fill: dict[str, float] = {}
        for mining, field in self._active:
            if mining.replacement is not None and not field.categorical:
                try:
                    self._fill[mining.name] = float(mining.replacement)
                except ValueError:
                    raise ModelError(
                        f"MiningField {mining.name!r} missingValueReplacement "
                        f"{mining.replacement!r} is not a number") from None
        declared = dictionary[self.target].values if self.target else ()
        self._derived = compile_derived_fields(root.find("TransformationDictionary"))
        self._derived += compile_derived_fields(model.find("LocalTransformations"))
        self._evaluator: TreeEvaluator | RegressionEvaluator | NeuralEvaluator | ClusterEvaluator
        if model.tag == "TreeModel":
            self._evaluator = TreeEvaluator(model, self.classification, declared)
        elif model.tag == "RegressionModel":
            self._evaluator = RegressionEvaluator(model, self.classification, declared)
        elif model.tag == "NeuralNetwork":
            self._evaluator = NeuralEvaluator(model, self.classification, self.target, declared)
        else:
            self._evaluator = ClusterEvaluator(model)
        self._rescale = self._targets(model)
        self._target_type = dictionary[self.target].data_type if self.target else "string"
        self._outputs = self._output_fields(model)
        self.output_fields = [o.name for o in self._outputs if o.final]

    @classmethod
    def from_pmml(cls, text: str | bytes) -> ScoringModel:
        return cls(parse_xml(text))

    def _targets(self, model: ET.Element) -> tuple[float, float]:
        block = model.find("Targets")
        target = None if block is None else block.find("Target")
        if target is None or self.classification:
            return 1.0, 0.0
        return number(target, "rescaleFactor", 1.0), number(target, "rescaleConstant", 0.0)

    def _output_fields(self, model: ET.Element) -> list[_OutputField]:
        block = model.find("Output")
        if block is None:
            return self._default_outputs()
        fields = []
        for element in block.findall("OutputField"):
            feature = element.get("feature", "predictedValue")
            if feature not in _FEATURES:
                raise ModelError(f"OutputField feature {feature!r} is not supported")
            expression = None
            if feature == "transformedValue":
                inner = next((c for c in element if c.tag not in ("Extension", "Decisions")),
                             None)
                if inner is None:
                    raise ModelError("a transformedValue OutputField holds no expression")
                expression = compile_expression(inner)
            fields.append(_OutputField(required(element, "name"), feature, element.get("value"),
                                       element.get("isFinalResult", "true") != "false",
                                       expression))
        if not fields:
            return self._default_outputs()
        return fields

    def _default_outputs(self) -> list[_OutputField]:
        """Modeler-style names for PMML from other tools that declares no Output."""
        if self.algorithm == "kmeans":
            return [_OutputField(naming.KMEANS_LABEL, "predictedDisplayValue", None, True, None),
                    _OutputField(naming.KMEANS_DISTANCE, "entityAffinity", None, True, None)]
        assert self.target is not None
        fields = [_OutputField(naming.prediction_name(self.algorithm, self.target),
                               "predictedValue", None, True, None)]
        confidence = naming.confidence_name(self.algorithm, self.target, self.classification)
        if confidence is not None:
            fields.append(_OutputField(confidence, "probability", None, True, None))
        return fields

    def _prepare(self, frame: pd.DataFrame) -> Env:
        absent = [name for name in self.inputs if name not in frame.columns]
        if absent:
            raise ModelError(f"the data lacks model input field(s): {', '.join(absent)}")
        env = Env(len(frame))
        for mining, field in self._active:
            column = frame[mining.name]
            if isinstance(column, pd.DataFrame):
                raise ModelError(f"the data has more than one column named {mining.name!r}")
            if field.categorical:
                values, missing = category_strings_masked(column)
                if field.missing_values:
                    marked = pd.Series(values, dtype=object).isin(field.missing_values).to_numpy()
                    values[marked] = None
                    missing = missing | marked
                if mining.invalid == "asMissing" and field.values:
                    listed = pd.Series(values, dtype=object).isin(field.values).to_numpy()
                    invalid = ~missing & ~listed
                    values[invalid] = None
                    missing = missing | invalid
                if mining.replacement is not None and missing.any():
                    values[missing] = mining.replacement
                    missing = np.zeros(env.n, dtype=bool)
            else:
                values = numeric_values(column)
                if field.missing_values:
                    markers = pd.to_numeric(pd.Series(field.missing_values), errors="coerce")
                    values = np.where(np.isin(values, markers), np.nan, values)
                if mining.replacement is not None:
                    values = np.where(np.isnan(values), self._fill[mining.name], values)
                missing = np.isnan(values)
            env.columns[mining.name] = values
            env.masks[mining.name] = missing
        for name, expression in self._derived:
            env.columns[name] = expression(env)
        return env

    def _cast(self, value: np.ndarray) -> np.ndarray | pd.Series:
        if not self.classification or self._target_type == "string":
            return value
        if self._target_type in ("integer", "double", "float", "boolean"):
            labels: dict[str, object] = {}
            try:
                for label in getattr(self._evaluator, "classes", []):
                    if self._target_type == "boolean":
                        labels[label] = label == "true"
                    elif self._target_type == "integer":
                        labels[label] = int(label)
                    else:
                        labels[label] = float(label)
            except ValueError:  # a label that does not fit its declared type: keep the text
                return value
            return pd.Series(value, dtype=object).map(labels).to_numpy(dtype=object)
        return value

    def _feature(self, spec: _OutputField, result: Prediction, env: Env) -> np.ndarray:
        feature = spec.feature
        if feature == "predictedValue":
            if self.algorithm == "kmeans":
                return result.value
            if self.classification:
                return np.asarray(self._cast(result.value))
            return result.value * self._rescale[0] + self._rescale[1]
        if feature == "predictedDisplayValue":
            return result.entity_name if result.entity_name is not None else result.value
        if feature in ("entityId", "clusterId"):
            if result.entity_id is None:
                raise ModelError(f"OutputField {spec.name!r}: {feature} needs a clustering model")
            return result.entity_id
        if feature in ("entityAffinity", "clusterAffinity", "affinity"):
            if result.affinity is None:
                raise ModelError(f"OutputField {spec.name!r}: {feature} needs a clustering model")
            return result.affinity
        if feature in ("probability", "confidence"):
            if result.probabilities is None or result.classes is None:
                raise ModelError(f"OutputField {spec.name!r}: {feature} needs a classification")
            probs = result.probabilities
            if spec.value is not None:
                if spec.value not in result.classes:
                    raise ModelError(f"OutputField {spec.name!r} asks for the probability of "
                                     f"{spec.value!r}, which the model does not predict")
                return probs[:, result.classes.index(spec.value)]
            index = pd.Index(result.classes, dtype=object).get_indexer(result.value)
            out = np.full(env.n, np.nan)
            known = index >= 0
            out[known] = probs[np.nonzero(known)[0], index[known]]
            return out
        assert spec.expression is not None
        return spec.expression(env)

    def score(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Only the new output columns, same index and length as frame."""
        if not isinstance(frame, pd.DataFrame):
            raise ModelError("scoring needs a table (pandas DataFrame)")
        env = self._prepare(frame)
        result = self._evaluator.predict(env)
        columns: dict[str, np.ndarray] = {}
        for spec in self._outputs:
            values = self._feature(spec, result, env)
            env.columns[spec.name] = values
            if spec.final:
                columns[spec.name] = values
        return pd.DataFrame(columns, index=frame.index, columns=self.output_fields)


def load_model(text: str | bytes) -> ScoringModel:
    """Parses PMML text into a ScoringModel (same as ScoringModel.from_pmml)."""
    return ScoringModel.from_pmml(text)
