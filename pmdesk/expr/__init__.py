"""The small expression language of open-format select and derive nodes, parsed by hand.

A leaf package: the stream formats (to validate) and the engine (to evaluate) both import
it, and it imports neither. CLEM, Modeler's own language, lives in `pmdesk.expr.clem`; the tree,
tokenizer and parser skeleton the two share are in `pmdesk.expr.syntax`.

Streams come from anyone holding an access key, so conditions are never handed to `eval`:
this module tokenizes and parses them into a tiny tree and evaluates that tree over a
pandas DataFrame chunk (vectorised). Parsing needs no pandas, so the desktop can validate
expressions without loading it.

Grammar (lowest precedence first)::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("=" | "==" | "!=" | "<>" | "<" | "<=" | ">" | ">=") sum)?
    sum     := product (("+" | "-") product)*
    product := unary (("*" | "/" | "%") unary)*
    unary   := "-" unary | atom
    atom    := NUMBER | STRING | "true" | "false" | "null" | FIELD | PARAM
             | NAME "(" [expr ("," expr)*] ")" | "(" expr ")"

FIELD is a bare name (`Age`) or a back-quoted one (`` `Na to K` ``); STRING is in single
or double quotes; PARAM is `$P-name` or `@name`. A single-quoted text that is the name of
a field of the data is refused as ambiguous (in CLEM it would be the field): it is never
silently read as a string.
"""

from __future__ import annotations

import math
import re
from typing import Any

from pmdesk.expr.syntax import (
    Binary,
    Call,
    ExpressionError,
    Field,
    Literal,
    Node,
    Param,
    Parser,
    SingleQuoted,
    Unary,
    references,
    unquote,
)

FUNCTIONS: dict[str, int] = {
    "abs": 1, "round": 1, "sqrt": 1, "log": 1, "exp": 1,
    "lower": 1, "upper": 1, "length": 1, "is_null": 1,
}
COMPARISONS = ("==", "!=", "<>", "<=", ">=", "=", "<", ">")
KEYWORDS = {"and", "or", "not", "true", "false", "null"}

__all__ = ["ExpressionError", "Node", "evaluate", "parse", "references"]

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
    | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
    | (?P<quoted>`[^`]+`)
    | (?P<param>\$P-[A-Za-z_][A-Za-z0-9_.]*|@[A-Za-z_][A-Za-z0-9_.]*)
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<op>==|!=|<>|<=|>=|[=<>+\-*/%(),])
    )""",
    re.VERBOSE,
)


class _Parser(Parser):
    def __init__(self, text: str) -> None:
        super().__init__(text, _TOKEN)

    def compare(self) -> Node:
        node = self.sum_()
        op = self.is_op(*COMPARISONS)
        if op:
            self.i += 1
            op = {"=": "==", "<>": "!="}.get(op, op)
            node = Binary(op, node, self.sum_())
            if self.is_op(*COMPARISONS):
                raise self.error("chained comparison; combine them with 'and'")
        return node

    def product(self) -> Node:
        node = self.unary()
        while op := self.is_op("*", "/", "%"):
            self.i += 1
            node = Binary(op, node, self.unary())
        return node

    def atom(self) -> Node:
        tok = self.peek()
        if tok is None:
            raise self.error("expected a value")
        kind, text, _ = tok
        if kind == "number":
            self.i += 1
            return Literal(float(text) if any(c in text for c in ".eE") else int(text))
        if kind == "string":
            self.i += 1
            value = unquote(text)
            return SingleQuoted(value) if text.startswith("'") else Literal(value)
        if kind == "quoted":
            self.i += 1
            return Field(text[1:-1])
        if kind == "param":
            self.i += 1
            return Param(text[3:] if text.startswith("$P-") else text[1:])
        if kind == "name":
            word = text.lower()
            if word in ("true", "false"):
                self.i += 1
                return Literal(word == "true")
            if word == "null":
                self.i += 1
                return Literal(None)
            if word in ("and", "or", "not"):
                raise self.error("expected a value")
            self.i += 1
            if self.is_op("("):
                return self.call(text)
            return Field(text)
        if self.is_op("("):
            return self.group()
        raise self.error("expected a value")

    def call(self, name: str) -> Node:
        function = name.lower()
        if function not in FUNCTIONS:
            raise self.error(
                f"unknown function {name!r} (known: {', '.join(sorted(FUNCTIONS))})"
            )
        args = self.arguments()
        if len(args) != FUNCTIONS[function]:
            raise ExpressionError(
                f"{function}() takes {FUNCTIONS[function]} argument(s), got {len(args)}"
            )
        return Call(function, tuple(args))


def parse(text: str) -> Node:
    """The expression tree of `text`; ExpressionError naming the position otherwise."""
    return _Parser(text).parse()


def evaluate(node: Node, frame: Any, params: dict[str, Any]) -> Any:
    """The value of `node` for every row of `frame` (a Series) or a scalar.

    Missing values compare false and propagate through arithmetic, as in SQL.
    """
    import numpy as np
    import pandas as pd

    def is_series(v: Any) -> bool:
        return isinstance(v, pd.Series)

    def as_bool(v: Any) -> Any:
        if is_series(v):
            return v.fillna(False).astype(bool)
        return bool(v) if v is not None else False

    def ev(n: Node) -> Any:
        if isinstance(n, Literal):
            return n.value
        if isinstance(n, SingleQuoted):
            if n.text in frame.columns:
                raise ExpressionError(
                    f"'{n.text}' is in single quotes and is also a field name: write "
                    f"`{n.text}` for the field or \"{n.text}\" for the text"
                )
            return n.text
        if isinstance(n, Field):
            if n.name not in frame.columns:
                raise ExpressionError(
                    f"unknown field {n.name!r}; fields are: {', '.join(map(str, frame.columns))}"
                )
            return frame[n.name]
        if isinstance(n, Param):
            if n.name not in params:
                raise ExpressionError(f"unknown stream parameter {n.name!r}")
            return params[n.name]
        if isinstance(n, Unary):
            value = ev(n.operand)
            if n.op == "not":
                return ~as_bool(value) if is_series(value) else not as_bool(value)
            return None if value is None else -value
        if isinstance(n, Binary):
            left, right = ev(n.left), ev(n.right)
            if n.op in ("and", "or"):
                a, b = as_bool(left), as_bool(right)
                if is_series(a) or is_series(b):
                    return (a & b) if n.op == "and" else (a | b)
                return (a and b) if n.op == "and" else (a or b)
            if left is None or right is None:
                if n.op in ("==", "!="):
                    other = right if left is None else left
                    if is_series(other):
                        nulls = other.isna()
                        return nulls if n.op == "==" else ~nulls
                    return (other is None) == (n.op == "==")
                return pd.Series(np.nan, index=frame.index) if n.op in "+-*/%" else False
            try:
                return _binary(n.op, left, right)
            except TypeError:
                raise ExpressionError(
                    f"cannot apply {n.op!r} to {_kind(left)} and {_kind(right)}"
                ) from None
        if isinstance(n, Call):
            value = ev(n.args[0])
            return _call(n.function, value)
        raise ExpressionError(f"cannot evaluate {n!r}")  # pragma: no cover

    return ev(node)


def _kind(value: Any) -> str:
    dtype = getattr(value, "dtype", None)
    if dtype is not None:
        text = str(dtype)
        return "text" if text == "object" or text.startswith(("str", "string")) else text
    return type(value).__name__


def _binary(op: str, a: Any, b: Any) -> Any:
    if op == "==":
        return a == b
    if op == "!=":
        return a != b
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    if op == ">=":
        return a >= b
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return a / b
    if op == "%":
        return a % b
    raise ExpressionError(f"unknown operator {op!r}")  # pragma: no cover


def _call(function: str, value: Any) -> Any:
    import numpy as np
    import pandas as pd

    if isinstance(value, pd.Series):
        if function == "lower":
            return value.astype("string").str.lower()
        if function == "upper":
            return value.astype("string").str.upper()
        if function == "length":
            return value.astype("string").str.len()
        if function == "is_null":
            return value.isna()
        if function == "round":
            return value.round()
        if function == "abs":
            return value.abs()
        return getattr(np, function)(value)
    if value is None:
        return function == "is_null" or None
    if function == "is_null":
        return False
    if function in ("lower", "upper"):
        return getattr(str(value), function)()
    if function == "length":
        return len(str(value))
    if function == "round":
        return round(value)
    if function == "abs":
        return abs(value)
    return getattr(math, function)(value)
