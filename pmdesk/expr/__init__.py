"""The small expression language of open-format select and derive nodes, parsed by hand.

A leaf package: the stream formats (to validate) and the engine (to evaluate) both import
it, and it imports neither. CLEM, Modeler's own language, lives in `pmdesk.expr.clem`.

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
from dataclasses import dataclass
from typing import Any

FUNCTIONS: dict[str, int] = {
    "abs": 1, "round": 1, "sqrt": 1, "log": 1, "exp": 1,
    "lower": 1, "upper": 1, "length": 1, "is_null": 1,
}
COMPARISONS = ("==", "!=", "<>", "<=", ">=", "=", "<", ">")
KEYWORDS = {"and", "or", "not", "true", "false", "null"}


class ExpressionError(ValueError):
    """A problem in an expression, phrased for the person who wrote it."""


@dataclass(frozen=True)
class Literal:
    value: Any


@dataclass(frozen=True)
class SingleQuoted:
    """'text': a string, unless the data has a field of that name (then refused)."""

    text: str


@dataclass(frozen=True)
class Field:
    name: str


@dataclass(frozen=True)
class Param:
    name: str


@dataclass(frozen=True)
class Unary:
    op: str  # "-" or "not"
    operand: Node


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    function: str
    args: tuple[Node, ...]


Node = Literal | SingleQuoted | Field | Param | Unary | Binary | Call

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


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None or match.lastgroup is None:
            start = len(text) - len(text[pos:].lstrip())
            raise ExpressionError(f"unexpected character {text[start]!r} at position {start + 1}")
        tokens.append((match.lastgroup, match.group(match.lastgroup), match.start(match.lastgroup)))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def is_word(self, word: str) -> bool:
        tok = self.peek()
        return tok is not None and tok[0] == "name" and tok[1].lower() == word

    def is_op(self, *ops: str) -> str | None:
        tok = self.peek()
        if tok is not None and tok[0] == "op" and tok[1] in ops:
            return tok[1]
        return None

    def expect_op(self, op: str) -> None:
        if not self.is_op(op):
            raise self.error(f"expected {op!r}")
        self.i += 1

    def error(self, what: str) -> ExpressionError:
        tok = self.peek()
        if tok is None:
            return ExpressionError(f"{what} at the end of the expression")
        return ExpressionError(f"{what} at position {tok[2] + 1} (found {tok[1]!r})")

    def parse(self) -> Node:
        if not self.tokens:
            raise ExpressionError("the expression is empty")
        node = self.or_()
        if self.peek() is not None:
            raise self.error("unexpected text")
        return node

    def or_(self) -> Node:
        node = self.and_()
        while self.is_word("or"):
            self.i += 1
            node = Binary("or", node, self.and_())
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.is_word("and"):
            self.i += 1
            node = Binary("and", node, self.not_())
        return node

    def not_(self) -> Node:
        if self.is_word("not"):
            self.i += 1
            return Unary("not", self.not_())
        return self.compare()

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

    def sum_(self) -> Node:
        node = self.product()
        while op := self.is_op("+", "-"):
            self.i += 1
            node = Binary(op, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while op := self.is_op("*", "/", "%"):
            self.i += 1
            node = Binary(op, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.is_op("-"):
            self.i += 1
            return Unary("-", self.unary())
        return self.atom()

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
            value = re.sub(r"\\(.)", r"\1", text[1:-1])
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
            self.i += 1
            node = self.or_()
            self.expect_op(")")
            return node
        raise self.error("expected a value")

    def call(self, name: str) -> Node:
        function = name.lower()
        if function not in FUNCTIONS:
            raise self.error(
                f"unknown function {name!r} (known: {', '.join(sorted(FUNCTIONS))})"
            )
        self.expect_op("(")
        args: list[Node] = []
        if not self.is_op(")"):
            args.append(self.or_())
            while self.is_op(","):
                self.i += 1
                args.append(self.or_())
        self.expect_op(")")
        if len(args) != FUNCTIONS[function]:
            raise ExpressionError(
                f"{function}() takes {FUNCTIONS[function]} argument(s), got {len(args)}"
            )
        return Call(function, tuple(args))


def parse(text: str) -> Node:
    """The expression tree of `text`; ExpressionError naming the position otherwise."""
    return _Parser(text).parse()


def references(node: Node) -> tuple[set[str], set[str]]:
    """(field names, parameter names) the expression uses."""
    fields: set[str] = set()
    params: set[str] = set()

    def walk(n: Node) -> None:
        if isinstance(n, Field):
            fields.add(n.name)
        elif isinstance(n, Param):
            params.add(n.name)
        elif isinstance(n, Unary):
            walk(n.operand)
        elif isinstance(n, Binary):
            walk(n.left)
            walk(n.right)
        elif isinstance(n, Call):
            for a in n.args:
                walk(a)

    walk(node)
    return fields, params


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
