"""Vectorised evaluation of PMML expressions and transformation dictionaries.

Expressions are compiled once, when the model is loaded, into functions over an Env: one
array per field, float64 with NaN for numbers, object (str or None) for categories.
Derived fields are *lazy*: an Env computes one only when something reads it. SPSS Modeler's
networks keep dictionary fields that read the target (``NormDiscrete`` of DRUG), which is
absent when scoring: computing every field eagerly would fail for no reason.
"""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET  # types only
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import ModelError
from .parse import number, required, unsupported
from .transform import norm_continuous, norm_discrete
from .values import float_texts, missing_mask, pmml_number

_NUMERIC_TYPES = ("double", "float", "integer", "real")


class Env:
    """Field values of one chunk being scored; derived fields computed on first use."""

    def __init__(self, n: int, columns: dict[str, np.ndarray] | None = None,
                 parent: Env | None = None) -> None:
        self.n = n
        self.columns = dict(columns or {})
        self.masks: dict[str, np.ndarray] = {}
        self.lazy: dict[str, Expression] = {}
        self.parent = parent
        self._busy: set[str] = set()
        self.invalid = np.zeros(n, dtype=bool)  # rows with an invalid input (returnInvalid)

    def mask(self, name: str, user: str) -> np.ndarray:
        """Missing-value mask of a field, computed once per chunk."""
        if name not in self.masks:
            self.masks[name] = missing_mask(self.get(name, user))
        return self.masks[name]

    def has(self, name: str) -> bool:
        return (name in self.columns or name in self.lazy
                or (self.parent is not None and self.parent.has(name)))

    def get(self, name: str, user: str) -> np.ndarray:
        found = self.columns.get(name)
        if found is not None:
            return found
        expression = self.lazy.get(name)
        if expression is not None:
            if name in self._busy:
                raise ModelError(f"derived field {name!r} is defined in terms of itself")
            self._busy.add(name)
            try:
                value = expression(self)
            finally:
                self._busy.discard(name)
            self.columns[name] = value
            return value
        if self.parent is not None:
            return self.parent.get(name, user)
        raise ModelError(f"field {name!r} used by {user} is not in the data or the PMML")

    def numeric(self, name: str, user: str) -> np.ndarray:
        return as_numbers(self.get(name, user), f"{user} (field {name!r})")


Expression = Callable[[Env], np.ndarray]


def as_numbers(values: np.ndarray, user: str) -> np.ndarray:
    """Float view of a column; text that is not a number is an error, missing stays NaN."""
    if values.dtype != object:
        return values.astype(np.float64, copy=False)
    out = np.full(values.shape, np.nan)
    present = ~missing_mask(values)
    try:
        out[present] = values[present].astype(np.float64)
    except ValueError:
        raise ModelError(f"{user} needs numbers but was given text") from None
    return out


def as_text(values: np.ndarray) -> np.ndarray:
    """Object array of PMML spellings (``1`` not ``1.0``), None where missing."""
    if values.dtype == object:
        return values
    return float_texts(values.astype(np.float64, copy=False))


def cast(values: np.ndarray, data_type: str | None, name: str) -> np.ndarray:
    """Values as the DerivedField's dataType says: numbers float, text object."""
    if data_type in _NUMERIC_TYPES:
        if values.dtype == object:
            present = ~missing_mask(values)
            out = np.full(values.shape, np.nan)
            try:
                out[present] = values[present].astype(np.float64)
            except ValueError:
                return values  # categories spelt as text in a numeric field: keep them
            return out
        return values.astype(np.float64, copy=False)
    if data_type == "string":
        return as_text(values)
    return values


@dataclass(frozen=True)
class DefinedFunction:
    name: str
    parameters: tuple[str, ...]
    body: Expression
    data_type: str | None


Functions = dict[str, DefinedFunction]


def _with_missing(element: ET.Element, out: np.ndarray, inputs_missing: np.ndarray
                  ) -> np.ndarray:
    """mapMissingTo where an input was missing, defaultValue where the result alone is."""
    replacement = element.get("mapMissingTo")
    default = element.get("defaultValue")
    if replacement is None and default is None:
        return out
    result_missing = missing_mask(out)
    if replacement is not None and inputs_missing.any():
        out = _put(out, inputs_missing, replacement)
    if default is not None:
        todo = result_missing & ~inputs_missing
        if todo.any():
            out = _put(out, todo, default)
    return out


def _put(values: np.ndarray, where: np.ndarray, text: str) -> np.ndarray:
    out = values.copy()
    if out.dtype == object:
        out[where] = text
        return out
    try:
        out[where] = float(text)
    except ValueError:
        out = as_text(out)
        out[where] = text
    return out


def compile_expression(element: ET.Element, functions: Functions | None = None) -> Expression:
    """One PMML EXPRESSION element as a function of the Env."""
    fns = functions if functions is not None else {}
    tag = element.tag
    if tag == "FieldRef":
        field = required(element, "field")

        def ref(env: Env) -> np.ndarray:
            values = env.get(field, "FieldRef")
            if element.get("mapMissingTo") is None:
                return values
            return _with_missing(element, values, env.mask(field, "FieldRef"))

        return ref
    if tag == "Constant":
        return _constant(element)
    if tag == "NormContinuous":
        return _norm_continuous(element)
    if tag == "NormDiscrete":
        field = required(element, "field")
        category = required(element, "value")

        def discrete(env: Env) -> np.ndarray:
            values = env.get(field, "NormDiscrete")
            mask = env.mask(field, "NormDiscrete")
            if values.dtype != object:
                out = norm_discrete(values, float(category), mask)
            else:
                out = norm_discrete(values, category, mask)
            return _with_missing(element, out, mask)

        return discrete
    if tag == "Discretize":
        return _discretize(element)
    if tag == "MapValues":
        return _map_values(element)
    if tag == "Apply":
        return _compile_apply(element, fns)
    raise unsupported(element, "a transformation")


def _constant(element: ET.Element) -> Expression:
    text = (element.text or "").strip()
    if element.get("missing") == "true":
        return lambda env: np.full(env.n, np.nan)
    data_type = element.get("dataType")
    if data_type is None:
        try:
            value = float(text)
        except ValueError:
            return lambda env: np.full(env.n, text, dtype=object)
        return lambda env: np.full(env.n, value)
    if data_type in _NUMERIC_TYPES:
        try:
            number_ = float(text)
        except ValueError:
            raise ModelError(f"PMML Constant {text!r} is not a {data_type}") from None
        return lambda env: np.full(env.n, number_)
    if data_type == "boolean":
        flag = 1.0 if text.lower() in ("true", "1") else 0.0
        return lambda env: np.full(env.n, flag)
    return lambda env: np.full(env.n, text, dtype=object)


def _norm_continuous(element: ET.Element) -> Expression:
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


def _discretize(element: ET.Element) -> Expression:
    field = required(element, "field")
    bins: list[tuple[str, float, float, bool, bool]] = []
    for item in element.findall("DiscretizeBin"):
        interval = item.find("Interval")
        if interval is None:
            raise ModelError("a DiscretizeBin lacks its Interval")
        closure = required(interval, "closure")
        left = number(interval, "leftMargin", -math.inf)
        right = number(interval, "rightMargin", math.inf)
        bins.append((required(item, "binValue"), left, right, closure.startswith("closed"),
                     closure.endswith("Closed")))

    def discretize(env: Env) -> np.ndarray:
        x = env.numeric(field, "Discretize")
        out = np.full(env.n, None, dtype=object)
        open_ = ~np.isnan(x)
        for value, left, right, left_closed, right_closed in bins:
            with np.errstate(invalid="ignore"):
                inside = (x >= left if left_closed else x > left) & (
                    x <= right if right_closed else x < right)
            hit = open_ & inside
            out[hit] = value
            open_ &= ~hit
        return _with_missing(element, out, np.isnan(x))

    return discretize


def _map_values(element: ET.Element) -> Expression:
    output = required(element, "outputColumn")
    pairs = [(required(p, "field"), required(p, "column"))
             for p in element.findall("FieldColumnPair")]
    if not pairs:
        raise ModelError("MapValues needs at least one FieldColumnPair")
    table = element.find("InlineTable")
    if table is None:
        raise ModelError("MapValues without an InlineTable (TableLocator is not supported)")
    rows: list[tuple[list[str], str | None]] = []
    for row in table.findall("row"):
        cells = {c.tag.split(":")[-1]: (c.text or "").strip() for c in row}
        if any(col not in cells for _, col in pairs):
            continue
        rows.append(([cells[col] for _, col in pairs], cells.get(output)))
    results = np.array([r for _, r in rows] + [None], dtype=object)

    def normalise(key: str, numeric: bool) -> str:
        if not numeric:
            return key
        try:
            return pmml_number(float(key))
        except ValueError:
            return key

    def mapped(env: Env) -> np.ndarray:
        columns = [env.get(f, "MapValues") for f, _ in pairs]
        numeric = [c.dtype != object for c in columns]
        missing = np.zeros(env.n, dtype=bool)
        for f, _ in pairs:
            missing |= env.mask(f, "MapValues")
        texts = [as_text(c) for c in columns]
        keys = ["\x1f".join(normalise(k, numeric[i]) for i, k in enumerate(ks))
                for ks, _ in rows]
        joined = zip(*texts, strict=True)
        probe = texts[0] if len(texts) == 1 else np.array(
            ["\x1f".join("" if v is None else str(v) for v in vs) for vs in joined],
            dtype=object)
        first: dict[str, int] = {}
        for position, key in enumerate(keys):
            first.setdefault(key, position)
        codes = pd.Index(list(first), dtype=object).get_indexer(probe)
        codes = np.where(codes >= 0, np.array([*first.values(), len(rows)])[codes], len(rows))
        out = results[codes]
        out[missing] = None
        return _with_missing(element, out, missing)

    return mapped


def _compile_apply(element: ET.Element, functions: Functions) -> Expression:
    from .functions import apply_builtin, is_builtin

    function = required(element, "function")
    args = [compile_expression(child, functions) for child in element
            if child.tag != "Extension"]
    if function in functions:
        defined = functions[function]
        if len(args) != len(defined.parameters):
            raise ModelError(f"function {function!r} takes {len(defined.parameters)} "
                             f"argument(s), the Apply gives {len(args)}")

        def call(env: Env) -> np.ndarray:
            values = [a(env) for a in args]
            inner = Env(env.n, dict(zip(defined.parameters, values, strict=True)))
            missing = np.zeros(env.n, dtype=bool)
            for v in values:
                missing |= missing_mask(v)
            out = cast(defined.body(inner), defined.data_type, function)
            return _with_missing(element, out, missing)

        return call
    if not is_builtin(function, len(args)):
        raise ModelError(f"PMML Apply function {function!r} with {len(args)} argument(s) "
                         "is not supported by this evaluator")

    def builtin(env: Env) -> np.ndarray:
        values = [a(env) for a in args]
        missing = np.zeros(env.n, dtype=bool)
        if function not in ("isMissing", "isNotMissing", "if", "and", "or", "isValid",
                            "isNotValid", "coalesce"):
            for v in values:
                missing |= missing_mask(v)
        out = apply_builtin(function, values, env.n)
        if missing.any():
            out = out.copy()
            out[missing] = None if out.dtype == object else np.nan
        return _with_missing(element, out, missing)

    return builtin


def compile_functions(root: ET.Element | None) -> Functions:
    """DefineFunction elements of a TransformationDictionary, in document order."""
    functions: Functions = {}
    if root is None:
        return functions
    for element in root.findall("DefineFunction"):
        name = required(element, "name")
        parameters = tuple(required(p, "name") for p in element.findall("ParameterField"))
        body = [c for c in element if c.tag not in ("Extension", "ParameterField")]
        if len(body) != 1:
            raise ModelError(f"DefineFunction {name!r} must hold one expression")
        functions[name] = DefinedFunction(name, parameters,
                                          compile_expression(body[0], functions),
                                          element.get("dataType"))
    return functions


def compile_derived_fields(block: ET.Element | None, functions: Functions | None = None
                           ) -> list[tuple[str, Expression]]:
    """(name, expression cast to its dataType) of each DerivedField of a block."""
    if block is None:
        return []
    compiled = []
    for element in block:
        if element.tag in ("Extension", "DefineFunction"):
            continue
        if element.tag != "DerivedField":
            raise unsupported(element, block.tag)
        compiled.append((required(element, "name"), derived_expression(element, functions)))
    return compiled


def derived_expression(element: ET.Element, functions: Functions | None = None) -> Expression:
    children = [c for c in element if c.tag not in ("Extension", "Value")]
    if len(children) != 1:
        raise ModelError(f"DerivedField {element.get('name')!r} must hold one expression")
    inner = compile_expression(children[0], functions)
    data_type = element.get("dataType")
    name = element.get("name", "")
    return lambda env: cast(inner(env), data_type, name)


def only_expression(element: ET.Element, functions: Functions | None = None) -> Expression:
    """Expression inside a DerivedField (as used by NeuralInput / NeuralOutput)."""
    derived = element.find("DerivedField")
    if derived is None:
        raise ModelError(f"PMML <{element.tag}> lacks its DerivedField")
    children = [c for c in derived if c.tag not in ("Extension", "Value")]
    if len(children) != 1:
        raise ModelError(f"the DerivedField of <{element.tag}> must hold one expression")
    return compile_expression(children[0], functions)

