"""PMML's built-in functions (Apply), over whole columns.

Booleans are float arrays (1.0 true, 0.0 false, NaN missing) so they combine with numbers
the way PMML's type coercion does; text is an object array. The caller handles missing
inputs (a missing argument makes the result missing except for the functions that inspect
missing values themselves).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np
import pandas as pd
from scipy import special

from .errors import ModelError
from .values import missing_mask

Column = np.ndarray


def _num(values: Column) -> Column:
    if values.dtype != object:
        return values.astype(np.float64, copy=False)
    out = np.full(values.shape, np.nan)
    present = ~missing_mask(values)
    try:
        out[present] = values[present].astype(np.float64)
    except ValueError:
        raise ModelError("a PMML Apply function needs numbers but was given text") from None
    return out


def _text(values: Column) -> Column:
    if values.dtype == object:
        return values
    from .expressions import as_text

    return as_text(values)


def _bool(values: Column) -> Column:
    if values.dtype == object:
        low = pd.Series(values, dtype=object).str.lower()
        out = np.where(low == "true", 1.0, np.where(low == "false", 0.0, np.nan))
        return np.asarray(out, dtype=np.float64)
    return values.astype(np.float64, copy=False)


def _comparable(a: Column, b: Column) -> tuple[Column, Column]:
    if a.dtype == object or b.dtype == object:
        if a.dtype != object and b.dtype == object:
            try:
                return a, _num(b)
            except ModelError:
                return _text(a), b
        if b.dtype != object and a.dtype == object:
            try:
                return _num(a), b
            except ModelError:
                return a, _text(b)
        return a, b
    return a, b


def _flag(result: Column, *inputs: Column) -> Column:
    out = np.asarray(result, dtype=np.float64)
    for values in inputs:
        out[missing_mask(values)] = np.nan
    return out


def _compare(op: Callable[[Column, Column], Column]) -> Callable[[list[Column], int], Column]:
    def run(args: list[Column], n: int) -> Column:
        a, b = _comparable(args[0], args[1])
        with np.errstate(invalid="ignore"):
            if a.dtype == object or b.dtype == object:
                result = np.array([bool(op(x, y)) if x is not None and y is not None else False
                                   for x, y in zip(a, b, strict=True)], dtype=np.float64)
            else:
                result = np.asarray(op(a, b), dtype=np.float64)
        return _flag(result, a, b)

    return run


def _unary(fn: Callable[[Column], Column]) -> Callable[[list[Column], int], Column]:
    def run(args: list[Column], n: int) -> Column:
        with np.errstate(all="ignore"):
            return np.asarray(fn(_num(args[0])), dtype=np.float64)

    return run


def _binary(fn: Callable[[Column, Column], Column]) -> Callable[[list[Column], int], Column]:
    def run(args: list[Column], n: int) -> Column:
        with np.errstate(all="ignore"):
            return np.asarray(fn(_num(args[0]), _num(args[1])), dtype=np.float64)

    return run


def _reduce(fn: Callable[..., Column]) -> Callable[[list[Column], int], Column]:
    def run(args: list[Column], n: int) -> Column:
        stack = np.vstack([_num(a) for a in args])
        with np.errstate(all="ignore"):
            return np.asarray(fn(stack, axis=0), dtype=np.float64)

    return run


def _round(x: Column) -> Column:
    return np.floor(x + 0.5)  # PMML rounds halves up, numpy to even


def _divide(a: Column, b: Column) -> Column:
    out = a / b
    return np.where(np.isinf(out) & (b == 0), np.nan, out)


def _and(args: list[Column], n: int) -> Column:
    flags = np.vstack([_bool(a) for a in args])
    false = (flags == 0).any(axis=0)
    unknown = np.isnan(flags).any(axis=0)
    return np.where(false, 0.0, np.where(unknown, np.nan, 1.0))


def _or(args: list[Column], n: int) -> Column:
    flags = np.vstack([_bool(a) for a in args])
    true = (flags == 1).any(axis=0)
    unknown = np.isnan(flags).any(axis=0)
    return np.where(true, 1.0, np.where(unknown, np.nan, 0.0))


def _if(args: list[Column], n: int) -> Column:
    cond = _bool(args[0])
    then = args[1]
    other = args[2] if len(args) > 2 else np.full(n, np.nan)
    if then.dtype == object or other.dtype == object:
        then, other = _text(then), _text(other)
        out = np.full(n, None, dtype=object)
    else:
        out = np.full(n, np.nan)
    out[cond == 1] = then[cond == 1]
    out[cond == 0] = other[cond == 0]
    return out


def _member(args: list[Column], n: int, negate: bool) -> Column:
    values = args[0]
    if values.dtype == object:
        choices = {str(v) for a in args[1:] for v in _text(a)[:1]}
        hit = pd.Series(values, dtype=object).isin(choices).to_numpy()
    else:
        choices_num = [float(_num(a)[0]) for a in args[1:]] if n else []
        hit = np.isin(values, choices_num)
    return _flag(np.where(hit != negate, 1.0, 0.0), values)


def _strings(fn: Callable[[str], str]) -> Callable[[list[Column], int], Column]:
    def run(args: list[Column], n: int) -> Column:
        return np.array([None if v is None else fn(str(v)) for v in _text(args[0])],
                        dtype=object)

    return run


def _substring(args: list[Column], n: int) -> Column:
    start, length = _num(args[1]), _num(args[2])
    out = np.full(n, None, dtype=object)
    for i, v in enumerate(_text(args[0])):
        if v is not None and start[i] == start[i] and length[i] == length[i]:
            s = int(start[i]) - 1
            out[i] = str(v)[max(s, 0):max(s, 0) + int(length[i])]
    return out


def _concat(args: list[Column], n: int) -> Column:
    texts = [_text(a) for a in args]
    rows = zip(*texts, strict=True)
    return np.array(["".join("" if v is None else str(v) for v in row) for row in rows],
                    dtype=object) if texts else np.full(n, "", dtype=object)


def _matches(args: list[Column], n: int) -> Column:
    texts, patterns = _text(args[0]), _text(args[1])
    cache: dict[str, re.Pattern[str]] = {}
    out = np.full(n, np.nan)
    for i, (v, p) in enumerate(zip(texts, patterns, strict=True)):
        if v is not None and p is not None:
            rx = cache.setdefault(str(p), re.compile(str(p)))
            out[i] = 1.0 if rx.search(str(v)) else 0.0
    return out


def _replace(args: list[Column], n: int) -> Column:
    texts, patterns, repl = _text(args[0]), _text(args[1]), _text(args[2])
    out = np.full(n, None, dtype=object)
    for i, (v, p, r) in enumerate(zip(texts, patterns, repl, strict=True)):
        if v is not None and p is not None and r is not None:
            out[i] = re.sub(str(p), re.sub(r"\$(\d)", r"\\\1", str(r)), str(v))
    return out


def _format_number(args: list[Column], n: int) -> Column:
    values, patterns = _num(args[0]), _text(args[1])
    out = np.full(n, None, dtype=object)
    for i, (v, p) in enumerate(zip(values, patterns, strict=True)):
        if v == v and p is not None:
            try:
                out[i] = str(p) % v
            except (TypeError, ValueError):
                raise ModelError(f"formatNumber pattern {p!r} is not a printf format") from None
    return out


def _threshold(args: list[Column], n: int) -> Column:
    a, b = _num(args[0]), _num(args[1])
    with np.errstate(invalid="ignore"):
        return _flag(np.where(a > b, 1.0, 0.0), a, b)


def _not(args: list[Column], n: int) -> Column:
    flags = _bool(args[0])
    return np.where(np.isnan(flags), np.nan, 1.0 - flags)


def _coalesce(args: list[Column], n: int) -> Column:
    out = args[0].copy()
    for more in args[1:]:
        gap = missing_mask(out)
        if not gap.any():
            break
        if out.dtype != object and more.dtype == object:
            out = _text(out)
        out[gap] = (_text(more) if out.dtype == object else _num(more))[gap]
    return out


def _std_normal_pdf(x: Column) -> Column:
    return np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)


_FIXED: dict[str, tuple[Callable[[list[Column], int], Column], int]] = {
    "+": (_binary(np.add), 2), "-": (_binary(np.subtract), 2),
    "*": (_binary(np.multiply), 2), "/": (_binary(_divide), 2),
    "pow": (_binary(np.power), 2), "modulo": (_binary(lambda a, b: a - b * np.floor(a / b)), 2),
    "threshold": (_threshold, 2),
    "log10": (_unary(np.log10), 1), "ln": (_unary(np.log), 1), "sqrt": (_unary(np.sqrt), 1),
    "abs": (_unary(np.abs), 1), "exp": (_unary(np.exp), 1), "floor": (_unary(np.floor), 1),
    "ceil": (_unary(np.ceil), 1), "round": (_unary(_round), 1),
    "expm1": (_unary(np.expm1), 1), "ln1p": (_unary(np.log1p), 1),
    "log1p": (_unary(np.log1p), 1), "rint": (_unary(np.rint), 1),
    "sin": (_unary(np.sin), 1), "cos": (_unary(np.cos), 1), "tan": (_unary(np.tan), 1),
    "asin": (_unary(np.arcsin), 1), "acos": (_unary(np.arccos), 1),
    "atan": (_unary(np.arctan), 1), "sinh": (_unary(np.sinh), 1),
    "cosh": (_unary(np.cosh), 1), "tanh": (_unary(np.tanh), 1),
    "atan2": (_binary(np.arctan2), 2), "hypot": (_binary(np.hypot), 2),
    "stdNormalCDF": (_unary(special.ndtr), 1), "stdNormalIDF": (_unary(special.ndtri), 1),
    "stdNormalPDF": (_unary(_std_normal_pdf), 1), "erf": (_unary(special.erf), 1),
    "normalCDF": (lambda a, n: np.asarray(special.ndtr((_num(a[0]) - _num(a[1])) / _num(a[2]))),
                  3),
    "normalPDF": (lambda a, n: _std_normal_pdf((_num(a[0]) - _num(a[1])) / _num(a[2]))
                  / _num(a[2]), 3),
    "isMissing": (lambda a, n: missing_mask(a[0]).astype(np.float64), 1),
    "isNotMissing": (lambda a, n: (~missing_mask(a[0])).astype(np.float64), 1),
    "isValid": (lambda a, n: (~missing_mask(a[0])).astype(np.float64), 1),
    "isNotValid": (lambda a, n: missing_mask(a[0]).astype(np.float64), 1),
    "equal": (_compare(lambda x, y: x == y), 2),
    "notEqual": (_compare(lambda x, y: x != y), 2),
    "lessThan": (_compare(lambda x, y: x < y), 2),
    "lessOrEqual": (_compare(lambda x, y: x <= y), 2),
    "greaterThan": (_compare(lambda x, y: x > y), 2),
    "greaterOrEqual": (_compare(lambda x, y: x >= y), 2),
    "not": (_not, 1),
    "uppercase": (_strings(str.upper), 1), "lowercase": (_strings(str.lower), 1),
    "trimBlanks": (_strings(str.strip), 1),
    "stringLength": (lambda a, n: np.array([np.nan if v is None else len(str(v))
                                            for v in _text(a[0])], dtype=np.float64), 1),
    "substring": (_substring, 3), "matches": (_matches, 2), "replace": (_replace, 3),
    "formatNumber": (_format_number, 2),
}
_VARIADIC: dict[str, Callable[[list[Column], int], Column]] = {
    "min": _reduce(np.min), "max": _reduce(np.max), "sum": _reduce(np.sum),
    "avg": _reduce(np.mean), "median": _reduce(np.median), "product": _reduce(np.prod),
    "and": _and, "or": _or, "concat": _concat, "coalesce": _coalesce,
    "isIn": lambda a, n: _member(a, n, False), "isNotIn": lambda a, n: _member(a, n, True),
}


def is_builtin(name: str, arity: int) -> bool:
    if name in _FIXED:
        return _FIXED[name][1] == arity
    if name == "if":
        return arity in (2, 3)
    if name in ("isIn", "isNotIn"):
        return arity >= 2
    return name in _VARIADIC and arity >= 1


def apply_builtin(name: str, args: list[Column], n: int) -> Column:
    if name == "if":
        return _if(args, n)
    if name in _FIXED:
        return _FIXED[name][0](args, n)
    return _VARIADIC[name](args, n)


BUILTINS = sorted([*_FIXED, *_VARIADIC, "if"])
