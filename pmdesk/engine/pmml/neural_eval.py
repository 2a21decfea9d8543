"""NeuralNetwork scoring: one matrix product per layer over the whole chunk."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # types only
from collections.abc import Callable

import numpy as np

from .errors import ModelError
from .expressions import Env, Expression, Functions, only_expression
from .parse import number, required
from .prediction import Prediction, class_order, from_probabilities
from .transform import norm_continuous

_ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "identity": lambda z: z,
    "logistic": lambda z: 1.0 / (1.0 + np.exp(-z)),
    "tanh": np.tanh,
    "rectifier": lambda z: np.maximum(z, 0.0),
    "exponential": np.exp,
    "reciprocal": lambda z: 1.0 / z,
    "square": np.square,
    "Gauss": lambda z: np.exp(-(z * z)),
    "sine": np.sin,
    "cosine": np.cos,
    "Elliott": lambda z: z / (1.0 + np.abs(z)),
    "arctan": lambda z: 2.0 * np.arctan(z) / np.pi,
}


class _Layer:
    """One NeuralLayer; its weights are kept per source layer that feeds it."""

    def __init__(self, element: ET.Element, positions: dict[str, tuple[int, int]],
                 activation: str, threshold: float, normalization: str) -> None:
        self.activation = element.get("activationFunction", activation)
        self.threshold = number(element, "threshold", threshold)
        self.normalization = element.get("normalizationMethod", normalization)
        if self.activation != "threshold" and self.activation not in _ACTIVATIONS:
            raise ModelError(f"NeuralNetwork activationFunction {self.activation!r} is not "
                             "supported")
        if self.normalization not in ("none", "softmax", "simplemax"):
            raise ModelError(f"NeuralLayer normalizationMethod {self.normalization!r} is not "
                             "supported")
        neurons = element.findall("Neuron")
        self.ids = [required(n, "id") for n in neurons]
        self.bias = np.array([number(n, "bias", 0.0) for n in neurons])
        self.weights: dict[int, np.ndarray] = {}
        sizes = {layer: 1 + max(i for lay, i in positions.values() if lay == layer)
                 for layer, _ in positions.values()}
        for j, neuron in enumerate(neurons):
            for con in neuron.findall("Con"):
                source = required(con, "from")
                if source not in positions:
                    raise ModelError(f"neuron {self.ids[j]!r} connects from unknown {source!r}")
                layer, index = positions[source]
                if layer not in self.weights:
                    self.weights[layer] = np.zeros((sizes[layer], len(neurons)))
                self.weights[layer][index, j] += number(con, "weight")

    def forward(self, layers: list[np.ndarray]) -> np.ndarray:
        z = np.broadcast_to(self.bias, (layers[0].shape[0], self.bias.size)).copy()
        for source, weights in self.weights.items():
            z += layers[source] @ weights
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            if self.activation == "threshold":
                out = (z > self.threshold).astype(np.float64)
            else:
                out = _ACTIVATIONS[self.activation](z)
            if self.normalization == "softmax":
                shifted = np.exp(out - out.max(axis=1, keepdims=True))
                out = shifted / shifted.sum(axis=1, keepdims=True)
            elif self.normalization == "simplemax":
                out = out / out.sum(axis=1, keepdims=True)
        return np.asarray(out)


class NeuralEvaluator:
    def __init__(self, model: ET.Element, classification: bool, target: str | None,
                 declared: tuple[str, ...], derived: dict[str, ET.Element] | None = None,
                 functions: Functions | None = None) -> None:
        self.classification = classification
        self.derived = derived or {}
        block = model.find("NeuralInputs")
        if block is None:
            raise ModelError("the NeuralNetwork has no NeuralInputs")
        inputs = block.findall("NeuralInput")
        self.inputs: list[Expression] = [only_expression(i, functions) for i in inputs]
        positions = {required(i, "id"): (0, k) for k, i in enumerate(inputs)}
        activation = required(model, "activationFunction")
        threshold = number(model, "threshold", 0.0)
        normalization = model.get("normalizationMethod", "none")
        self.layers: list[_Layer] = []
        for element in model.findall("NeuralLayer"):
            layer = _Layer(element, positions, activation, threshold, normalization)
            self.layers.append(layer)
            for k, neuron_id in enumerate(layer.ids):
                positions[neuron_id] = (len(self.layers), k)
        if not self.layers:
            raise ModelError("the NeuralNetwork has no NeuralLayer")
        self.positions = positions
        self._outputs(model, target, declared)

    def _outputs(self, model: ET.Element, target: str | None, declared: tuple[str, ...]) -> None:
        block = model.find("NeuralOutputs")
        if block is None:
            raise ModelError("the NeuralNetwork has no NeuralOutputs")
        self.output_neurons: list[tuple[int, int]] = []
        labels: list[str] = []
        self.inverse: tuple[list[float], list[float]] | None = None
        for element in block.findall("NeuralOutput"):
            neuron = required(element, "outputNeuron")
            if neuron not in self.positions:
                raise ModelError(f"NeuralOutput names unknown neuron {neuron!r}")
            self.output_neurons.append(self.positions[neuron])
            derived = element.find("DerivedField")
            expression = None if derived is None else next(
                (c for c in derived if c.tag != "Extension"), None)
            if expression is None:
                raise ModelError("NeuralOutput lacks its DerivedField expression")
            expression = self._resolve(expression)
            if self.classification:
                if expression.tag != "NormDiscrete":
                    raise ModelError("a classification NeuralOutput must use NormDiscrete")
                labels.append(required(expression, "value"))
            elif expression.tag == "NormContinuous":
                points = expression.findall("LinearNorm")
                self.inverse = ([number(p, "norm") for p in points],
                                [number(p, "orig") for p in points])
            elif expression.tag != "FieldRef":
                raise ModelError(f"regression NeuralOutput with <{expression.tag}> is not "
                                 "supported")
        if not self.output_neurons:
            raise ModelError("the NeuralNetwork has no NeuralOutput")
        if self.classification:
            self.classes = class_order(declared, labels)
            self.order = [labels.index(c) for c in self.classes]

    def _resolve(self, expression: ET.Element) -> ET.Element:
        """Follows FieldRefs into the TransformationDictionary (SPSS points each output at a
        dictionary field holding the NormDiscrete of the target) without computing them."""
        seen: set[str] = set()
        while expression.tag == "FieldRef" and expression.get("field") in self.derived:
            name = str(expression.get("field"))
            if name in seen:
                raise ModelError(f"derived field {name!r} is defined in terms of itself")
            seen.add(name)
            inner = next((c for c in self.derived[name] if c.tag not in ("Extension", "Value")),
                         None)
            if inner is None:
                raise ModelError(f"DerivedField {name!r} holds no expression")
            expression = inner
        return expression

    def predict(self, env: Env) -> Prediction:
        columns = [np.asarray(expr(env), dtype=np.float64) for expr in self.inputs]
        layers = [np.column_stack(columns) if columns else np.zeros((env.n, 0))]
        for layer in self.layers:
            layers.append(layer.forward(layers))
        out = np.column_stack([layers[lay][:, k] for lay, k in self.output_neurons])
        if self.classification:
            return from_probabilities(out[:, self.order], self.classes)
        result = out[:, 0]
        if self.inverse is not None:
            result = norm_continuous(result, *self.inverse)
        return Prediction(value=result)
