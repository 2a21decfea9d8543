"""The parts every PMML document we write shares: header, dictionary, schema, outputs."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # builds and serialises only, never parses
from dataclasses import dataclass

from .design import Feature
from .fields import FieldInfo
from .transform import standard_points
from .values import pmml_number

PMML_NAMESPACE = "http://www.dmg.org/PMML-4_4"
PMML_VERSION = "4.4"


@dataclass(frozen=True)
class OutputSpec:
    name: str
    feature: str
    optype: str
    data_type: str
    value: str | None = None
    final: bool = True


def sub(parent: ET.Element, tag: str, **attrs: str | None) -> ET.Element:
    """Child element with the given attributes, skipping those that are None."""
    return ET.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})


def new_document(fields: list[FieldInfo], description: str) -> ET.Element:
    root = ET.Element("PMML", {"xmlns": PMML_NAMESPACE, "version": PMML_VERSION})
    header = sub(root, "Header", description=description)
    sub(header, "Application", name="PMDesk", version="0.1")
    dictionary = sub(root, "DataDictionary", numberOfFields=str(len(fields)))
    for info in fields:
        field = sub(dictionary, "DataField", name=info.name, optype=info.optype,
                    dataType=info.data_type)
        for value in info.values:
            sub(field, "Value", value=value)
    return root


def mining_schema(model: ET.Element, inputs: list[FieldInfo], target: FieldInfo | None) -> None:
    schema = sub(model, "MiningSchema")
    for info in inputs:
        treatment = "asMean" if info.continuous else "asMode"
        sub(schema, "MiningField", name=info.name, usageType="active",
            missingValueReplacement=info.replacement, missingValueTreatment=treatment,
            invalidValueTreatment="asIs")
    if target is not None:
        sub(schema, "MiningField", name=target.name, usageType="target")


def mining_schema_without_replacement(model: ET.Element, inputs: list[FieldInfo],
                                      target: FieldInfo | None) -> None:
    """Schema for trees, which route missing values themselves (defaultChild)."""
    schema = sub(model, "MiningSchema")
    for info in inputs:
        sub(schema, "MiningField", name=info.name, usageType="active",
            invalidValueTreatment="asIs")
    if target is not None:
        sub(schema, "MiningField", name=target.name, usageType="target")


def output(model: ET.Element, specs: list[OutputSpec]) -> ET.Element:
    out = sub(model, "Output")
    for spec in specs:
        sub(out, "OutputField", name=spec.name, optype=spec.optype, dataType=spec.data_type,
            feature=spec.feature, value=spec.value,
            isFinalResult=None if spec.final else "false")
    return out


def prediction_outputs(target: FieldInfo, prediction: str, confidence: str | None
                       ) -> list[OutputSpec]:
    specs = [OutputSpec(prediction, "predictedValue", target.optype, target.data_type)]
    if confidence is not None:
        specs.append(OutputSpec(confidence, "probability", "continuous", "double"))
    return specs


def linear_norm(parent: ET.Element, orig: tuple[float, ...], norm: tuple[float, ...]) -> None:
    for o, n in zip(orig, norm, strict=True):
        sub(parent, "LinearNorm", orig=pmml_number(o), norm=pmml_number(n))


def feature_expression(parent: ET.Element, feature: Feature) -> None:
    """The PMML expression that computes one design-matrix column."""
    if feature.kind == "onehot":
        sub(parent, "NormDiscrete", field=feature.field, value=feature.category)
    elif feature.kind == "norm":
        norm = sub(parent, "NormContinuous", field=feature.field)
        linear_norm(norm, feature.orig, feature.norm)
    else:
        sub(parent, "FieldRef", field=feature.field)


def local_transformations(model: ET.Element, features: list[Feature], kinds: tuple[str, ...]
                          ) -> None:
    """Derived fields for the features of the given kinds (norm, onehot) a model refers to."""
    derived = [f for f in features if f.kind in kinds]
    if not derived:
        return
    block = sub(model, "LocalTransformations")
    for feature in derived:
        field = sub(block, "DerivedField", name=feature.name, optype="continuous",
                    dataType="double")
        feature_expression(field, feature)


def target_norm_points(target: FieldInfo) -> tuple[tuple[float, float], tuple[float, float]]:
    return standard_points(target.mean, target.std)


def serialise(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
