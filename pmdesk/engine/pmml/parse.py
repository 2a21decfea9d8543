"""Safe XML parsing and the model-independent parts of a PMML document.

defusedxml refuses DTDs, entity declarations and external references, which rules out
entity-expansion bombs and file/network access from a model someone sent us.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # types and ParseError only
from dataclasses import dataclass

import defusedxml
import defusedxml.ElementTree as SafeET

from .errors import ModelError

MODEL_ELEMENTS = ("TreeModel", "RegressionModel", "NeuralNetwork", "ClusteringModel",
                  "GeneralRegressionModel", "SupportVectorMachineModel", "RuleSetModel",
                  "NaiveBayesModel", "MiningModel", "Scorecard")
KNOWN_UNSUPPORTED = (
    "NearestNeighborModel", "AssociationModel", "SequenceModel",
    "TextModel", "TimeSeriesModel", "BaselineModel", "BayesianNetworkModel",
    "GaussianProcessModel", "AnomalyDetectionModel",
)


def parse_xml(text: str | bytes) -> ET.Element:
    """Parses untrusted PMML text and strips namespaces from every tag."""
    if not isinstance(text, str | bytes) or not text.strip():
        raise ModelError("the model is empty: no PMML text was given")
    try:
        root = SafeET.fromstring(text, forbid_dtd=True)
    except defusedxml.DefusedXmlException as exc:
        raise ModelError(
            f"the PMML was refused because it declares a DTD or entities ({type(exc).__name__}); "
            "PMML never needs them"
        ) from None
    except ET.ParseError as exc:
        raise ModelError(f"the PMML is not well-formed XML ({exc})") from None
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.split("}", 1)[1]
    if root.tag != "PMML":
        raise ModelError(f"this is not PMML: the document element is <{root.tag}>, not <PMML>")
    return root


def model_element(root: ET.Element) -> ET.Element:
    for child in root:
        if child.tag in MODEL_ELEMENTS:
            if child.get("isScorable", "true") == "false":
                raise ModelError(f"the {child.tag} is marked as not scorable (isScorable=false)")
            return child
        if child.tag in KNOWN_UNSUPPORTED or child.tag.endswith("Model"):
            raise ModelError(
                f"PMML model element <{child.tag}> is not supported; supported: "
                + ", ".join(MODEL_ELEMENTS)
            )
    raise ModelError("the PMML contains no model element (" + ", ".join(MODEL_ELEMENTS) + ")")


@dataclass(frozen=True)
class DataField:
    name: str
    optype: str
    data_type: str
    values: tuple[str, ...]
    missing_values: tuple[str, ...] = ()

    @property
    def categorical(self) -> bool:
        if self.optype in ("categorical", "ordinal"):
            return True
        if self.optype == "continuous":
            return False
        return self.data_type in ("string", "boolean")


@dataclass(frozen=True)
class MiningField:
    name: str
    usage: str
    replacement: str | None
    invalid: str
    invalid_replacement: str | None = None


def data_dictionary(root: ET.Element) -> dict[str, DataField]:
    block = root.find("DataDictionary")
    if block is None:
        raise ModelError("the PMML has no DataDictionary")
    fields = {}
    for element in block.findall("DataField"):
        name = required(element, "name")
        values = tuple(
            required(v, "value") for v in element.findall("Value")
            if v.get("property", "valid") == "valid"
        )
        missing = tuple(
            required(v, "value") for v in element.findall("Value")
            if v.get("property") == "missing"
        )
        fields[name] = DataField(name, element.get("optype", ""),
                                 element.get("dataType", "string"), values, missing)
    return fields


def mining_schema(model: ET.Element) -> list[MiningField]:
    block = model.find("MiningSchema")
    if block is None:
        raise ModelError(f"the {model.tag} has no MiningSchema")
    return [
        MiningField(required(e, "name"), e.get("usageType", "active"),
                    e.get("missingValueReplacement"),
                    e.get("invalidValueTreatment", "returnInvalid"),
                    e.get("invalidValueReplacement"))
        for e in block.findall("MiningField")
    ]


def required(element: ET.Element, attribute: str) -> str:
    value = element.get(attribute)
    if value is None:
        raise ModelError(f"PMML element <{element.tag}> lacks its '{attribute}' attribute")
    return value


def number(element: ET.Element, attribute: str, default: float | None = None) -> float:
    text = element.get(attribute)
    if text is None:
        if default is None:
            raise ModelError(f"PMML element <{element.tag}> lacks its '{attribute}' attribute")
        return default
    try:
        return float(text)
    except ValueError:
        raise ModelError(
            f"PMML element <{element.tag}> has {attribute}={text!r}, which is not a number"
        ) from None


def unsupported(element: ET.Element, where: str) -> ModelError:
    return ModelError(f"PMML element <{element.tag}> in {where} is not supported by this evaluator")
