"""ScoringModel: loads PMML once, then scores DataFrame chunks without running any code.

Input handling, in order: each active MiningField is read from the frame (numbers for
continuous fields, category strings otherwise; text in a continuous field counts as
missing); ``invalidValueTreatment="asMissing"`` turns categories the DataDictionary does not
list into missing values, any other treatment keeps them (an unseen category then matches
no category: no indicator, no CategoricalPredictor, the ``notEqual`` branch of a tree);
``missingValueReplacement`` fills what is missing. Whatever is still missing follows the
model's own rules (tree strategies) or yields a missing prediction.

Derived fields (TransformationDictionary, LocalTransformations) are computed lazily, only
when the model reads them. MiningModel segments are ModelUnits of their own, scored on
the rows their predicate selects.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # types only
from dataclasses import dataclass, field
from typing import Literal, Protocol

import numpy as np
import pandas as pd

from . import naming
from .errors import ModelError
from .expressions import (
    Env,
    Expression,
    Functions,
    as_text,
    compile_derived_fields,
    compile_expression,
    compile_functions,
)
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
from .values import category_strings_masked, numeric_values

_FEATURES = ("predictedValue", "predictedDisplayValue", "probability", "confidence",
             "entityId", "clusterId", "entityAffinity", "clusterAffinity", "affinity",
             "transformedValue", "decision", "reasonCode")
Naming = Literal["modeler", "plain"]


class Evaluator(Protocol):
    def predict(self, env: Env) -> Prediction: ...


@dataclass
class Context:
    """What every model element of one document shares."""

    dictionary: dict[str, DataField]
    functions: Functions
    derived: dict[str, ET.Element]
    spss: bool
    naming: Naming = "modeler"
    transformations: list[tuple[str, Expression]] = field(default_factory=list)


@dataclass(frozen=True)
class _OutputField:
    name: str
    feature: str
    value: str | None
    final: bool
    expression: Expression | None
    rank: int = 1


def _algorithm(model: ET.Element) -> tuple[str, bool]:
    function = model.get("functionName", "")
    if model.tag == "ClusteringModel":
        return "kmeans", False
    if function not in ("classification", "regression"):
        raise ModelError(f"{model.tag} functionName {function!r} is not supported")
    classification = function == "classification"
    algorithm = {"TreeModel": "tree", "NeuralNetwork": "neural",
                 "SupportVectorMachineModel": "svm", "RuleSetModel": "ruleset",
                 "NaiveBayesModel": "bayes", "MiningModel": "ensemble",
                 "Scorecard": "scorecard"}.get(model.tag)
    if algorithm is None:
        algorithm = "logistic" if classification else "linear"
    return algorithm, classification


def _is_spss(root: ET.Element) -> bool:
    application = root.find("Header/Application")
    name = "" if application is None else application.get("name", "")
    return "SPSS" in name.upper()


def _evaluator(model: ET.Element, ctx: Context, classification: bool, target: str | None,
               declared: tuple[str, ...]) -> Evaluator:
    tag = model.tag
    if tag == "TreeModel":
        from .tree_eval import TreeEvaluator

        return TreeEvaluator(model, classification, declared)
    if tag == "RegressionModel":
        from .regression_eval import RegressionEvaluator

        return RegressionEvaluator(model, classification, declared)
    if tag == "NeuralNetwork":
        from .neural_eval import NeuralEvaluator

        return NeuralEvaluator(model, classification, target, declared, ctx.derived,
                               ctx.functions)
    if tag == "ClusteringModel":
        from .cluster_eval import ClusterEvaluator

        return ClusterEvaluator(model)
    if tag == "GeneralRegressionModel":
        from .general_eval import GeneralRegressionEvaluator

        return GeneralRegressionEvaluator(model, classification, target, declared)
    if tag == "SupportVectorMachineModel":
        from .svm_eval import SvmEvaluator

        return SvmEvaluator(model, classification, declared, ctx.spss)
    if tag == "RuleSetModel":
        from .ruleset_eval import RuleSetEvaluator

        return RuleSetEvaluator(model, classification, declared)
    if tag == "NaiveBayesModel":
        from .bayes_eval import NaiveBayesEvaluator

        return NaiveBayesEvaluator(model, target, declared, ctx.dictionary)
    if tag == "Scorecard":
        if classification:
            raise ModelError("a Scorecard is a regression (functionName 'regression')")
        from .scorecard_eval import ScorecardEvaluator

        return ScorecardEvaluator(model, ctx.functions)
    if tag == "MiningModel":
        from .mining_eval import MiningEvaluator

        return MiningEvaluator(model, ctx, classification, target, declared)
    raise ModelError(f"PMML model element <{tag}> is not supported")


class ModelUnit:
    """One model element (the document's, or a segment's): schema, transformations,
    evaluator and outputs."""

    def __init__(self, model: ET.Element, ctx: Context, top: bool,
                 parent_target: str | None = None) -> None:
        if model.get("isScorable", "true") == "false":
            raise ModelError(f"the {model.tag} is marked as not scorable (isScorable=false)")
        self.tag = model.tag
        self.ctx = ctx
        self.algorithm, self.classification = _algorithm(model)
        self.algorithm_name = model.get("algorithmName", "")
        self.model_name = model.get("modelName")
        dictionary = ctx.dictionary
        schema = mining_schema(model)
        for listed in schema:
            if listed.name not in dictionary and listed.name not in ctx.derived and top:
                raise ModelError(f"MiningField {listed.name!r} is not in the DataDictionary")
        self.schema = schema
        self.active = [f for f in schema if f.usage == "active"]
        targets = [f.name for f in schema if f.usage in ("target", "predicted")]
        target = targets[0] if targets else model.get("targetFieldName") or parent_target
        if model.tag == "GeneralRegressionModel" and target is None:
            target = model.get("targetVariableName")
        self.target = target if self.algorithm != "kmeans" else None
        if self.algorithm != "kmeans" and self.target is None:
            raise ModelError(f"the {model.tag} MiningSchema names no target field")
        self.inputs = [f.name for f in self.active]
        self._fill: dict[str, float] = {}
        for mining in self.active:
            data = dictionary.get(mining.name)
            if mining.replacement is not None and data is not None and not data.categorical:
                try:
                    self._fill[mining.name] = float(mining.replacement)
                except ValueError:
                    raise ModelError(
                        f"MiningField {mining.name!r} missingValueReplacement "
                        f"{mining.replacement!r} is not a number") from None
        target_field = dictionary.get(self.target) if self.target else None
        declared = target_field.values if target_field is not None else ()
        self.local = compile_derived_fields(model.find("LocalTransformations"), ctx.functions)
        self.evaluator = _evaluator(model, ctx, self.classification, self.target, declared)
        self._rescale = self._targets(model)
        self._target_type = target_field.data_type if target_field is not None else "string"
        self.outputs = self._output_fields(model)
        self.output_fields = [o.name for o in self.outputs if o.final]

    def _targets(self, model: ET.Element) -> tuple[float, float]:
        block = model.find("Targets")
        target = None if block is None else block.find("Target")
        if target is None or self.classification:
            return 1.0, 0.0
        return number(target, "rescaleFactor", 1.0), number(target, "rescaleConstant", 0.0)

    @property
    def classes(self) -> list[str]:
        return list(getattr(self.evaluator, "classes", []) or [])

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
                expression = compile_expression(inner, self.ctx.functions)
            elif feature == "decision":
                raise ModelError("OutputField feature 'decision' is not supported")
            rank = 1
            if feature == "reasonCode" and self.tag != "Scorecard":
                raise ModelError(f"OutputField {element.get('name')!r}: feature 'reasonCode' "
                                 f"needs a Scorecard, this is a {self.tag}")
            if feature == "reasonCode":
                try:
                    rank = int(element.get("rank", "1"))
                except ValueError:
                    rank = 0
                if rank < 1:
                    raise ModelError(f"OutputField {element.get('name')!r}: rank "
                                     f"{element.get('rank')!r} is not a whole number >= 1")
            fields.append(_OutputField(required(element, "name"), feature, element.get("value"),
                                       element.get("isFinalResult", "true") != "false",
                                       expression, rank))
        if not fields:
            return self._default_outputs()
        return fields

    def _default_outputs(self) -> list[_OutputField]:
        """Names for PMML that declares no Output: Modeler's ($N-DRUG, $NC-DRUG) or plain
        (predicted_DRUG, probability_drugA, ...)."""
        if self.ctx.naming == "plain":
            if self.algorithm == "kmeans":
                return [_OutputField("cluster", "predictedDisplayValue", None, True, None),
                        _OutputField("cluster_affinity", "entityAffinity", None, True, None)]
            assert self.target is not None
            fields = [_OutputField(f"predicted_{self.target}", "predictedValue", None, True,
                                   None)]
            if self.classification:
                fields += [_OutputField(f"probability_{c}", "probability", c, True, None)
                           for c in self.classes]
            return fields
        if self.algorithm == "kmeans":
            return [_OutputField(naming.KMEANS_LABEL, "predictedDisplayValue", None, True, None),
                    _OutputField(naming.KMEANS_DISTANCE, "entityAffinity", None, True, None)]
        assert self.target is not None
        prediction, confidence = naming.modeler_names(self.tag, self.algorithm_name,
                                                      self.target, self.classification)
        fields = [_OutputField(prediction, "predictedValue", None, True, None)]
        if confidence is not None:
            fields.append(_OutputField(confidence, "probability", None, True, None))
        return fields

    def read_inputs(self, frame: pd.DataFrame, env: Env) -> None:
        """Active MiningFields from the frame, with the document's missing/invalid rules."""
        derived_names = set(self.ctx.derived)
        absent = [f.name for f in self.active
                  if f.name not in frame.columns and f.name not in derived_names]
        if absent:
            raise ModelError(f"the data lacks model input field(s): {', '.join(absent)}")
        for mining in self.active:
            if mining.name not in frame.columns:
                continue  # a TransformationDictionary field, computed when read
            column = frame[mining.name]
            if isinstance(column, pd.DataFrame):
                raise ModelError(f"the data has more than one column named {mining.name!r}")
            data = self.ctx.dictionary.get(mining.name)
            self._set(env, mining, data, column)

    def _set(self, env: Env, mining: MiningField, data: DataField | None,
             column: pd.Series) -> None:
        if data is not None and data.categorical:
            values, missing = category_strings_masked(column)
            if data.missing_values:
                marked = pd.Series(values, dtype=object).isin(data.missing_values).to_numpy()
                values[marked] = None
                missing = missing | marked
            if data.values and data.data_type in ("integer", "double", "float", "real"):
                values = _declared_spelling(values, missing, data.values)
            if mining.invalid != "asIs" and data.values:
                listed = pd.Series(values, dtype=object).isin(data.values).to_numpy()
                invalid = ~missing & ~listed
                if invalid.any():
                    if mining.invalid == "asMissing":
                        values[invalid] = None
                        missing = missing | invalid
                    elif mining.invalid == "asValue" and mining.invalid_replacement is not None:
                        values[invalid] = mining.invalid_replacement
                    else:  # returnInvalid, PMML's default: no prediction for the row
                        env.invalid |= invalid
            if mining.replacement is not None and missing.any():
                values[missing] = mining.replacement
                missing = np.zeros(env.n, dtype=bool)
        else:
            values = numeric_values(column)
            if data is not None and data.missing_values:
                markers = pd.to_numeric(pd.Series(data.missing_values), errors="coerce")
                values = np.where(np.isin(values, markers), np.nan, values)
            if mining.replacement is not None:
                values = np.where(np.isnan(values), self._fill[mining.name], values)
            missing = np.isnan(values)
        env.columns[mining.name] = values
        env.masks[mining.name] = missing

    def apply_segment_schema(self, env: Env) -> None:
        """A segment's own missingValueReplacement over fields its parent already holds."""
        for mining in self.active:
            if mining.replacement is None or not env.has(mining.name):
                continue
            values = env.get(mining.name, "MiningField")
            missing = env.mask(mining.name, "MiningField")
            if not missing.any():
                continue
            values = values.copy()
            if values.dtype == object:
                values[missing] = mining.replacement
            else:
                values[missing] = float(mining.replacement)
            env.columns[mining.name] = values
            env.masks[mining.name] = np.zeros(env.n, dtype=bool)

    def run(self, env: Env, outputs: bool = True) -> tuple[Prediction, dict[str, np.ndarray]]:
        """Scores an Env; returns the prediction and every output field (final or not),
        or no output field when the caller only combines predictions (ensembles)."""
        for name, expression in self.local:
            env.lazy[name] = expression
        result = self.evaluator.predict(env)
        values: dict[str, np.ndarray] = {}
        if not outputs:
            return result, values
        for spec in self.outputs:
            column = self._feature(spec, result, env)
            env.columns[spec.name] = column
            env.masks.pop(spec.name, None)
            values[spec.name] = column
        return result, values

    def _cast(self, value: np.ndarray) -> np.ndarray:
        if not self.classification or self._target_type == "string":
            return value
        if self._target_type in ("integer", "double", "float", "boolean"):
            labels: dict[str, object] = {}
            try:
                for label in self.classes:
                    if self._target_type == "boolean":
                        labels[label] = label == "true"
                    elif self._target_type == "integer":
                        labels[label] = int(float(label))
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
                raise ModelError(f"OutputField {spec.name!r}: {feature} needs a clustering "
                                 "or rule model")
            return result.entity_id
        if feature in ("entityAffinity", "clusterAffinity", "affinity"):
            if result.affinity is None:
                raise ModelError(f"OutputField {spec.name!r}: {feature} needs a clustering model")
            return result.affinity
        if feature in ("probability", "confidence"):
            if result.probabilities is None or result.classes is None:
                raise ModelError(f"OutputField {spec.name!r}: {feature} needs a classification")
            probs = result.confidences if (feature == "confidence" and
                                           result.confidences is not None) \
                else result.probabilities
            if spec.value is not None:
                classes = result.classes
                if spec.value not in classes:
                    try:  # numeric labels spelt differently ("1.0" for "1")
                        wanted = float(spec.value)
                        match = [c for c in classes if _same_number(c, wanted)]
                    except ValueError:
                        match = []
                    if not match:
                        raise ModelError(f"OutputField {spec.name!r} asks for the probability "
                                         f"of {spec.value!r}, which the model does not predict")
                    return probs[:, classes.index(match[0])]
                return probs[:, classes.index(spec.value)]
            index = pd.Index(result.classes, dtype=object).get_indexer(as_text(result.value))
            out = np.full(env.n, np.nan)
            known = index >= 0
            out[known] = probs[np.nonzero(known)[0], index[known]]
            return out
        if feature == "reasonCode":
            if result.reasons is None:
                raise ModelError(f"OutputField {spec.name!r}: reasonCode needs a Scorecard "
                                 "with reason codes")
            if spec.rank > result.reasons.shape[1]:
                return np.full(env.n, None, dtype=object)
            return result.reasons[:, spec.rank - 1]
        assert spec.expression is not None
        return spec.expression(env)


def _declared_spelling(values: np.ndarray, missing: np.ndarray, declared: tuple[str, ...]
                       ) -> np.ndarray:
    """A number-typed category spelt otherwise than the DataDictionary lists it (``1.0``,
    ``01`` for ``1``, as a CSV of a column with blanks has it) takes the listed spelling."""
    unlisted = ~missing & ~pd.Series(values, dtype=object).isin(declared).to_numpy()
    if not unlisted.any():
        return values
    listed = pd.to_numeric(pd.Series(declared, dtype=object), errors="coerce")
    by_number = {float(n): text for n, text in zip(listed, declared, strict=True) if n == n}
    if not by_number:
        return values
    numbers = pd.to_numeric(pd.Series(values[unlisted], dtype=object), errors="coerce")
    respelt = numbers.map(by_number).to_numpy(dtype=object)
    found = pd.notna(respelt)
    if not found.any():
        return values
    values = values.copy()
    rows = np.nonzero(unlisted)[0][found]
    values[rows] = respelt[found]
    return values


def _same_number(label: str, wanted: float) -> bool:
    try:
        return float(label) == wanted
    except ValueError:
        return False


def _context(root: ET.Element, names: Naming) -> Context:
    dictionary = data_dictionary(root)
    block = root.find("TransformationDictionary")
    functions = compile_functions(block)
    derived = {} if block is None else {required(e, "name"): e
                                        for e in block.findall("DerivedField")}
    ctx = Context(dictionary, functions, derived, _is_spss(root), names)
    ctx.transformations = compile_derived_fields(block, functions)
    return ctx


class ScoringModel:
    """A PMML model ready to score; safe to share between threads (no state per call)."""

    algorithm: str
    target: str | None
    inputs: list[str]
    output_fields: list[str]

    def __init__(self, root: ET.Element, names: Naming = "modeler") -> None:
        model = model_element(root)
        self._ctx = _context(root, names)
        self._unit = ModelUnit(model, self._ctx, top=True)
        self.algorithm = self._unit.algorithm
        self.classification = self._unit.classification
        self.model_name = self._unit.model_name
        self.target = self._unit.target
        self.inputs = self._unit.inputs
        self.output_fields = self._unit.output_fields
        self.classes = self._unit.classes

    @property
    def input_fields(self) -> list[str]:
        """Names of the active MiningFields (what the data must provide)."""
        return [n for n in self.inputs if n not in self._ctx.derived]

    def add_probability(self, name: str, value: str) -> None:
        """Appends a field holding the probability of one target value: what a Modeler
        nugget's settings add beyond its PMML (`$SRP-Churn`, `$SP-Yes`)."""
        if not self.classification:
            raise ModelError(f"the probability field {name} needs a classification model")
        classes = self._unit.classes
        try:  # a numeric value ("1") may be spelt "1.0" by the model
            known = any(_same_number(c, float(value)) for c in classes)
        except ValueError:
            known = False
        if classes and value not in classes and not known:
            raise ModelError(f"the field {name} is the probability of {value!r}, which the "
                             f"model does not predict ({', '.join(classes)})")
        self._unit.outputs = [*self._unit.outputs,
                              _OutputField(name, "probability", value, True, None)]
        self._unit.output_fields = [*self._unit.output_fields, name]
        self.output_fields = self._unit.output_fields

    def add_raw_propensity(self, name: str, true_value: str) -> None:
        """Appends Modeler's raw propensity (`$SRP-Churn`): the probability of the flag
        target's true value, which is the confidence when the prediction is true and
        1 - confidence when not."""
        self.add_probability(name, true_value)

    @classmethod
    def from_pmml(cls, text: str | bytes, names: Naming = "modeler") -> ScoringModel:
        return cls(parse_xml(text), names)

    def _prepare(self, frame: pd.DataFrame) -> Env:
        env = Env(len(frame))
        self._unit.read_inputs(frame, env)
        for name, expression in self._ctx.transformations:
            env.lazy[name] = expression
        return env

    def score(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Only the new output columns, same index and length as frame."""
        if not isinstance(frame, pd.DataFrame):
            raise ModelError("scoring needs a table (pandas DataFrame)")
        env = self._prepare(frame)
        _, values = self._unit.run(env)
        columns = {name: values[name] for name in self.output_fields}
        if env.invalid.any():  # a category the dictionary does not list (returnInvalid)
            for name, column in columns.items():
                column = column.copy() if column.dtype == object else column.astype(np.float64)
                column[env.invalid] = None if column.dtype == object else np.nan
                columns[name] = column
        return pd.DataFrame(columns, index=frame.index, columns=self.output_fields)


class Transformations:
    """The derived fields of a transformation-only PMML document (Auto Data Prep's
    ``analysisPmml``), applied to a frame."""

    def __init__(self, root: ET.Element) -> None:
        self._ctx = _context(root, "modeler")
        self.output_fields = [name for name, _ in self._ctx.transformations]

    def apply(self, frame: pd.DataFrame, fields: list[str] | None = None) -> pd.DataFrame:
        """The frame plus every derived field, or only ``fields`` (and what they read),
        replacing a column of the same name."""
        wanted = self.output_fields if fields is None else list(fields)
        unknown = [f for f in wanted if f not in self.output_fields]
        if unknown:
            raise ModelError(f"the transformations define no field(s) {', '.join(unknown)}")
        if not isinstance(frame, pd.DataFrame):
            raise ModelError("transformations need a table (pandas DataFrame)")
        env = Env(len(frame))
        for name in frame.columns:
            column = frame[name]
            if isinstance(column, pd.DataFrame):
                continue
            data = self._ctx.dictionary.get(str(name))
            if data is not None and data.categorical:
                values, missing = category_strings_masked(column)
            elif data is not None or pd.api.types.is_numeric_dtype(column.dtype) \
                    or pd.api.types.is_bool_dtype(column.dtype):
                values = numeric_values(column)
                missing = np.isnan(values)
            else:
                values, missing = category_strings_masked(column)
            env.columns[str(name)] = values
            env.masks[str(name)] = missing
        for name, expression in self._ctx.transformations:
            env.lazy[name] = expression
        out = frame.copy()
        for name in wanted:
            out[name] = env.get(name, "the transformations")
        return out


def load_model(text: str | bytes, names: Naming = "modeler") -> ScoringModel:
    """Parses PMML text into a ScoringModel (same as ScoringModel.from_pmml).

    ``names`` picks the output names of a document without an Output element: "modeler"
    (``$N-DRUG``, ``$NC-DRUG``) or "plain" (``predicted_DRUG``, ``probability_drugA``, ...).
    """
    return ScoringModel.from_pmml(text, names)


def load_transformations(text: str | bytes) -> Transformations:
    """Parses a PMML document whose TransformationDictionary is to be applied to data."""
    return Transformations(parse_xml(text))


__all__ = ["ModelUnit", "ScoringModel", "Transformations", "load_model",
           "load_transformations"]
