"""NeuralNetwork from MLPClassifier / MLPRegressor.

Inputs are NeuralInput derived fields (NormContinuous standardisation, NormDiscrete
indicators). A multi-class output layer is ``identity`` + ``softmax``; a binary one is the
single ``logistic`` neuron scikit-learn uses followed by an identity layer giving
(1 - p, p). A regression output neuron is mapped back to the target's scale with
NormContinuous, because the target was standardised for fitting.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # builds only

import numpy as np

from .design import Feature
from .document import feature_expression, linear_norm, sub
from .fields import FieldInfo
from .values import pmml_number

ACTIVATIONS = {"relu": "rectifier", "tanh": "tanh", "logistic": "logistic", "identity": "identity"}


def _layer(model: ET.Element, weights: np.ndarray, biases: np.ndarray, sources: list[str],
           index: int, activation: str | None = None, normalization: str | None = None
           ) -> list[str]:
    layer = sub(model, "NeuralLayer", numberOfNeurons=str(weights.shape[1]),
                activationFunction=activation, normalizationMethod=normalization)
    ids = []
    for j in range(weights.shape[1]):
        neuron_id = f"{index}/{j}"
        ids.append(neuron_id)
        neuron = sub(layer, "Neuron", id=neuron_id, bias=pmml_number(biases[j]))
        for source, weight in zip(sources, weights[:, j], strict=True):
            sub(neuron, "Con", **{"from": source, "weight": pmml_number(weight)})
    return ids


def neural_body(model: ET.Element, estimator: object, features: list[Feature],
                target: FieldInfo, classes: list[str] | None,
                target_points: tuple[tuple[float, float], tuple[float, float]] | None) -> None:
    inputs = sub(model, "NeuralInputs", numberOfInputs=str(len(features)))
    sources = []
    for i, feature in enumerate(features):
        neural_input = sub(inputs, "NeuralInput", id=f"0/{i}")
        derived = sub(neural_input, "DerivedField", optype="continuous", dataType="double")
        feature_expression(derived, feature)
        sources.append(f"0/{i}")
    coefs = estimator.coefs_  # type: ignore[attr-defined]
    intercepts = estimator.intercepts_  # type: ignore[attr-defined]
    last = len(coefs) - 1
    for index, (weights, biases) in enumerate(zip(coefs, intercepts, strict=True)):
        if index < last:
            sources = _layer(model, weights, biases, sources, index + 1)
        elif classes is None:
            sources = _layer(model, weights, biases, sources, index + 1, "identity")
        elif len(classes) == 2:
            sources = _layer(model, weights, biases, sources, index + 1, "logistic")
            flip = np.array([[-1.0, 1.0]])
            sources = _layer(model, flip, np.array([1.0, 0.0]), sources, index + 2, "identity")
        else:
            sources = _layer(model, weights, biases, sources, index + 1, "identity", "softmax")
    outputs = sub(model, "NeuralOutputs", numberOfOutputs=str(len(sources)))
    for j, source in enumerate(sources):
        neural_output = sub(outputs, "NeuralOutput", outputNeuron=source)
        if classes is None:
            derived = sub(neural_output, "DerivedField", optype="continuous", dataType="double")
            norm = sub(derived, "NormContinuous", field=target.name)
            assert target_points is not None
            linear_norm(norm, *target_points)
        else:
            derived = sub(neural_output, "DerivedField", optype="categorical",
                          dataType=target.data_type)
            sub(derived, "NormDiscrete", field=target.name, value=classes[j])
