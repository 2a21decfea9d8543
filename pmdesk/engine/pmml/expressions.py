"""Vectorised evaluation of the PMML expressions we write (and a few close neighbours).

Expressions are compiled once, when the model is loaded, into functions over an Env: one
array per field, float64 with NaN for continuous values, object (str or None) for categories.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET  # types only
from collections.abc import Callable

import numpy as np

from .errors import ModelError
from .parse import number, required, unsupported
from .transform import norm_continuous, norm_discrete
from .values import missing_mask


class Env:
    """Field values of one chunk being scored."""

    def __init__(self, n: int, columns: dict[str, np.ndarray] | None = None) -> None:
        self.n = n
        self.columns = dict(columns or {})
        self.masks: dict[str, np.ndarray] = {}

    def mask(self, name: str, user: str) -> np.ndarray:
        """Missing-value mask of a field, computed once per chunk."""
        if name not in self.masks:
            self.masks[name] = missing_mask(self.get(name, user))
        return self.masks[name]

    def get(self, name: str, user: str) -> np.ndarray:
        try:
            return self.columns[name]
        except KeyError:
            raise ModelError(f"field {name!r} used by {user} is not defined in the PMML") from None

    def numeric(self, name: str, user: str) -> np.ndarray:
        values = self.get(name, user)
        if values.dtype != object:
            return values
        out = np.full(values.shape, np.nan)
        present = ~missing_mask(values)
        try:
            out[present] = values[present].astype(np.float64)
        except ValueError:
            raise ModelError(f"{user} needs numbers but field {name!r} holds text") from None
        return out


Expression = Callable[[Env], np.ndarray]

_UNARY: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sqrt": np.sqrt, "exp": np.exp, "ln": np.log, "log10": np.log10, "abs": np.abs,
    "floor": np.floor, "ceil": np.ceil, "round": np.round,
}
_BINARY: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "pow": np.power,
}


def _map_missing(element: ET.Element, values: np.ndarray) -> np.ndarray:
    replacement = element.get("mapMissingTo")
    if replacement is None:
        return values
    mask = missing_mask(values)
    if not mask.any():
        return values
    values = values.copy()
    values[mask] = replacement if values.dtype == object else float(replacement)
    return values


def compile_expression(element: ET.Element) -> Expression:
    tag = element.tag
    if tag == "FieldRef":
        field = required(element, "field")
        return lambda env: _map_missing(element, env.get(field, "FieldRef"))
    if tag == "Constant":
        text = (element.text or "").strip()
        if element.get("dataType", "double") in ("string", "boolean"):
            return lambda env: np.full(env.n, text, dtype=object)
        value = float(text)
        return lambda env: np.full(env.n, value)
    if tag == "NormContinuous":
        field = required(element, "field")
        points = element.findall("LinearNorm")
        if not points:
            raise ModelError("PMML NormContinuous without LinearNorm points")
        orig = [number(p, "orig") for p in points]
        norm = [number(p, "norm") for p in points]
        if any(b <= a for a, b in itertools.pairwise(orig)):
            raise ModelError(f"NormContinuous for {field!r} has LinearNorm orig values not rising")
        outliers = element.get("outliers", "asIs")
        replacement = element.get("mapMissingTo")

        def continuous(env: Env) -> np.ndarray:
            x = env.numeric(field, "NormContinuous")
            out = norm_continuous(x, orig, norm, outliers)
            if replacement is not None:  # missing inputs only, not asMissingValues outliers
                out[np.isnan(x)] = float(replacement)
            return out

        return continuous
    if tag == "NormDiscrete":
        field = required(element, "field")
        category = required(element, "value")

        def discrete(env: Env) -> np.ndarray:
            values = env.get(field, "NormDiscrete")
            mask = env.mask(field, "NormDiscrete")
            if values.dtype != object:
                return _map_missing(element, norm_discrete(values, float(category), mask))
            return _map_missing(element, norm_discrete(values, category, mask))

        return discrete
    if tag == "Apply":
        return _compile_apply(element)
    raise unsupported(element, "a transformation")


def _compile_apply(element: ET.Element) -> Expression:
    function = required(element, "function")
    args = [compile_expression(child) for child in element if child.tag != "Extension"]
    if function in _UNARY and len(args) == 1:
        unary, arg = _UNARY[function], args[0]
        return lambda env: unary(_as_float(arg(env)))
    if function in _BINARY and len(args) == 2:
        binary, left, right = _BINARY[function], args[0], args[1]
        return lambda env: binary(_as_float(left(env)), _as_float(right(env)))
    if function in ("min", "max", "sum", "avg") and args:
        reduce = {"min": np.min, "max": np.max, "sum": np.sum, "avg": np.mean}[function]
        return lambda env: np.asarray(
            reduce(np.vstack([_as_float(a(env)) for a in args]), axis=0))  # type: ignore[operator]
    raise ModelError(f"PMML Apply function {function!r} with {len(args)} argument(s) "
                     "is not supported by this evaluator")


def _as_float(values: np.ndarray) -> np.ndarray:
    if values.dtype == object:
        raise ModelError("a PMML Apply function needs numbers but was given text")
    return values


def compile_derived_fields(block: ET.Element | None) -> list[tuple[str, Expression]]:
    """(name, expression) of each DerivedField in a (Local)Transformation block."""
    if block is None:
        return []
    compiled = []
    for element in block:
        if element.tag == "Extension":
            continue
        if element.tag != "DerivedField":
            raise unsupported(element, block.tag)
        children = [c for c in element if c.tag not in ("Extension", "Value")]
        if len(children) != 1:
            raise ModelError(f"DerivedField {element.get('name')!r} must hold one expression")
        compiled.append((required(element, "name"), compile_expression(children[0])))
    return compiled


def only_expression(element: ET.Element) -> Expression:
    """Expression inside a DerivedField (as used by NeuralInput / NeuralOutput)."""
    derived = element.find("DerivedField")
    if derived is None:
        raise ModelError(f"PMML <{element.tag}> lacks its DerivedField")
    children = [c for c in derived if c.tag not in ("Extension", "Value")]
    if len(children) != 1:
        raise ModelError(f"the DerivedField of <{element.tag}> must hold one expression")
    return compile_expression(children[0])
