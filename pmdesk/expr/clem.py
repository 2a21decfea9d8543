"""CLEM, SPSS Modeler's expression language, as Select, Derive and Filler nodes hold it.

Parsed by hand into a small tree (never `eval`) and evaluated vectorised over a pandas
chunk. Modeler's quoting: 'single quotes' name a field, "double quotes" are text; bare
names are fields too. An unknown function is refused when the expression is parsed, so a
stream using one is refused at submit, naming it.

Grammar (lowest precedence first)::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := concat (("=" | "==" | "/=" | "/==" | "<" | "<=" | ">" | ">=") concat
                       | "matches" concat)?
    concat  := sum ("><" sum)*
    sum     := product (("+" | "-") product)*
    product := power (("*" | "/" | "mod" | "div" | "rem") power)*
    power   := unary ("**" unary)?
    unary   := "-" unary | atom
    atom    := NUMBER | "text" | 'Field' | NAME | $P-param | '$P-param' | @FUNC[(args)]
             | NAME "(" [expr ("," expr)*] ")" | "(" expr ")"
             | "if" expr "then" expr ("elseif" expr "then" expr)* "else" expr "endif"
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pmdesk.expr.syntax import (
    Binary,
    Call,
    ExpressionError,
    Field,
    If,
    Literal,
    Node,
    Param,
    Parser,
    Unary,
    references,
    unquote,
)

__all__ = ["Blanks", "ExpressionError", "Node", "evaluate", "parse", "references",
           "wildcard"]

COMPARISONS = {"=": "==", "==": "==", "/=": "!=", "/==": "!=", "<": "<", "<=": "<=",
               ">": ">", ">=": ">="}
KEYWORDS = {"and", "or", "not", "if", "then", "elseif", "else", "endif", "matches",
            "mod", "div", "rem"}

# name -> (min args, max args); evaluated in _call
FUNCTIONS: dict[str, tuple[int, int]] = {
    "abs": (1, 1), "sqrt": (1, 1), "log": (1, 1), "log10": (1, 1), "exp": (1, 1),
    "round": (1, 1), "intof": (1, 1), "fracof": (1, 1), "sign": (1, 1),
    "min": (2, 2), "max": (2, 2), "pi": (0, 0),
    "lowertoupper": (1, 1), "uppertolower": (1, 1), "length": (1, 1), "trim": (1, 1),
    "trimstart": (1, 1), "trimend": (1, 1), "substring": (3, 3), "startstring": (2, 2),
    "endstring": (2, 2), "hasstartstring": (2, 2), "hasendstring": (2, 2),
    "hassubstring": (2, 2), "isendstring": (2, 2), "isstartstring": (2, 2),
    "replace": (3, 3), "issubstring": (2, 2),
    "to_integer": (1, 1), "to_real": (1, 1), "to_number": (1, 1), "to_string": (1, 1),
    "is_integer": (1, 1), "is_real": (1, 1), "is_number": (1, 1), "is_string": (1, 1),
    "@null": (1, 1), "@blank": (1, 1), "undef": (0, 0), "@field": (0, 0),
    "@today": (0, 0),
}


_TOKEN = re.compile(
    r"""\s*(?:
      (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
    | (?P<string>"(?:[^"\\]|\\.)*")
    | (?P<field>'(?:[^'\\]|\\.)*')
    | (?P<param>\$P-[A-Za-z_][\w.]*)
    | (?P<name>@?[A-Za-z_][\w]*)
    | (?P<op>/==|==|/=|<=|>=|><|\*\*|[=<>+\-*/(),])
    )""",
    re.VERBOSE,
)


class _Parser(Parser):
    def __init__(self, text: str) -> None:
        super().__init__(text, _TOKEN)

    def compare(self) -> Node:
        node = self.concat()
        op = self.is_op(*COMPARISONS)
        if op:
            self.i += 1
            node = Binary(COMPARISONS[op], node, self.concat())
        elif self.is_word("matches"):
            self.i += 1
            node = Binary("matches", node, self.concat())
        return node

    def concat(self) -> Node:
        node = self.sum_()
        while self.is_op("><"):
            self.i += 1
            node = Binary("><", node, self.sum_())
        return node

    def product(self) -> Node:
        node = self.power()
        while True:
            op = self.is_op("*", "/") or self.is_word("mod", "div", "rem")
            if not op:
                return node
            self.i += 1
            node = Binary(op, node, self.power())

    def power(self) -> Node:
        node = self.unary()
        if self.is_op("**"):
            self.i += 1
            node = Binary("**", node, self.unary())
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
            return Literal(unquote(text))
        if kind == "field":
            self.i += 1
            name = unquote(text)
            return Param(name[3:]) if name.startswith("$P-") else Field(name)
        if kind == "param":
            self.i += 1
            return Param(text[3:])
        if kind == "name":
            word = text.lower()
            if word == "if":
                return self.if_()
            if word in ("true", "false"):
                self.i += 1
                return Literal(word == "true")
            if word in KEYWORDS:
                raise self.error("expected a value")
            self.i += 1
            if self.is_op("(") or word.startswith("@") or word in ("undef", "pi"):
                return self.call(text)
            return Field(text)
        if self.is_op("("):
            return self.group()
        raise self.error("expected a value")

    def if_(self) -> Node:
        self.expect_word("if")
        branches = []
        cond = self.or_()
        self.expect_word("then")
        branches.append((cond, self.or_()))
        while self.is_word("elseif"):
            self.i += 1
            cond = self.or_()
            self.expect_word("then")
            branches.append((cond, self.or_()))
        self.expect_word("else")
        otherwise = self.or_()
        self.expect_word("endif")
        return If(tuple(branches), otherwise)

    def call(self, name: str) -> Node:
        function = name.lower()
        if function not in FUNCTIONS:
            raise ExpressionError(
                f"unknown CLEM function {name!r}: PMDesk does not support it (supported: "
                f"{', '.join(sorted(FUNCTIONS))})"
            )
        args = self.arguments() if self.is_op("(") else []
        low, high = FUNCTIONS[function]
        if not low <= len(args) <= high:
            raise ExpressionError(f"{name}() takes {low} argument(s), got {len(args)}")
        if function == "@blank" and not (
                isinstance(args[0], Field) or
                (isinstance(args[0], Call) and args[0].function == "@field")):
            raise ExpressionError("@BLANK needs a field name, as in @BLANK('Age') or "
                                  "@BLANK(@FIELD)")
        return Call(function, tuple(args))


def parse(text: str) -> Node:
    """The tree of a CLEM expression; ExpressionError naming the position or function."""
    return _Parser(text).parse()


def wildcard(pattern: str) -> re.Pattern[str]:
    """CLEM `matches`: `*` any text, `?` one character, `\\` escapes; the whole value."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        out.append(".*" if c == "*" else "." if c == "?" else re.escape(c))
        i += 1
    return re.compile("".join(out), re.DOTALL)


@dataclass(frozen=True)
class Blanks:
    """A field's blanks (user-missing values) as a Type node or a source's Types tab
    declares them. Modeler treats nothing as blank unless declared, not even `$null$`, so
    `@BLANK` and Filler's Blank mode select exactly these, and a nugget sees them missing."""

    values: tuple[Any, ...] = ()
    lower: float | None = None
    upper: float | None = None
    null: bool = False
    whitespace: bool = False

    def mask(self, s: Any) -> Any:
        """True where a value of Series `s` is blank."""
        import pandas as pd

        hit = pd.Series(False, index=s.index)
        if self.null:
            hit |= s.isna()
        if self.whitespace and not pd.api.types.is_numeric_dtype(s):
            hit |= s.map(lambda v: isinstance(v, str) and v.strip() == "").astype(bool)
        if self.values:
            numbers = {n for n in map(_number, self.values) if n is not None}
            texts = {v if isinstance(v, str) else f"{v:g}" for v in self.values}
            if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
                hit |= s.isin(numbers)
            else:
                hit |= s.map(lambda v: v in texts if isinstance(v, str) else
                             isinstance(v, int | float) and v == v and float(v) in numbers
                             ).astype(bool)
        if self.lower is not None and self.upper is not None:
            number = pd.to_numeric(s, errors="coerce") if not \
                pd.api.types.is_numeric_dtype(s) else s
            hit |= ((number >= self.lower) & (number <= self.upper)).fillna(False).astype(bool)
        return hit


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def evaluate(node: Node, frame: Any, params: dict[str, Any] | None = None,
             current: str | None = None,
             blanks: Mapping[str, Blanks] | None = None) -> Any:
    """The value of `node` for every row of `frame`: a Series, or a scalar when constant.

    `current` is the field `@FIELD` stands for (Filler nodes); `blanks` the declared blanks
    in effect where the expression runs (`@BLANK` reads them). Nulls propagate through
    arithmetic and compare false, as in Modeler.
    """
    import numpy as np
    import pandas as pd

    params = params or {}
    declared = blanks or {}
    index = frame.index

    def series(v: Any) -> pd.Series:
        if isinstance(v, pd.Series):
            return v
        return pd.Series([v] * len(index), index=index, dtype=object if v is None else None)

    def as_bool(v: Any) -> pd.Series:
        s = series(v)
        if s.dtype == bool:
            return s
        return s.map(lambda x: bool(x) if x is not None and x == x else False).astype(bool)

    def ev(n: Node) -> Any:
        if isinstance(n, Literal):
            return n.value
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
                return ~as_bool(value)
            return None if value is None else -value
        if isinstance(n, If):
            result = series(ev(n.otherwise)).astype(object)
            decided = pd.Series(False, index=index)
            for cond, value in n.branches:
                hit = as_bool(ev(cond)) & ~decided
                if hit.any():
                    result = result.mask(hit, series(ev(value)).astype(object))
                decided |= hit
            return _settle(result)
        if isinstance(n, Binary):
            return binary(n)
        if isinstance(n, Call):
            if n.function == "@blank":
                return blank(n.args[0])
            return _call(n.function, [ev(a) for a in n.args], frame, current, series)
        raise ExpressionError(f"cannot evaluate {n!r}")  # pragma: no cover

    def blank(arg: Node) -> Any:
        """`@BLANK(FIELD)`: the field's declared blanks; a field declaring none has none."""
        if isinstance(arg, Field):
            name = arg.name
        elif isinstance(arg, Call) and arg.function == "@field":
            if current is None:
                raise ExpressionError("@FIELD is only meaningful in a Filler node")
            name = current
        else:
            raise ExpressionError("@BLANK needs a field name, as in @BLANK('Age')")
        values = ev(arg)
        rule = declared.get(name)
        return rule.mask(series(values)) if rule else pd.Series(False, index=index)

    def binary(n: Binary) -> Any:
        left, right = ev(n.left), ev(n.right)
        if n.op in ("and", "or"):
            a, b = as_bool(left), as_bool(right)
            return (a & b) if n.op == "and" else (a | b)
        if n.op == "matches":
            if not isinstance(right, str):
                raise ExpressionError("matches needs a text pattern in double quotes")
            rx = wildcard(right)
            s = series(left)
            return s.map(lambda x: isinstance(x, str) and rx.fullmatch(x) is not None
                         ).astype(bool)
        if n.op == "><":
            return series(left).astype("string") + series(right).astype("string")
        if left is None or right is None:
            if n.op in ("==", "!="):
                other = right if left is None else left
                nulls = series(other).isna()
                return nulls if n.op == "==" else ~nulls
            return pd.Series(np.nan, index=index)
        try:
            result = _binary(n.op, left, right)
        except TypeError:
            raise ExpressionError(
                f"cannot apply {n.op!r} to {_kind(left)} and {_kind(right)}"
            ) from None
        if n.op in ("==", "!=", "<", "<=", ">", ">=") and isinstance(result, pd.Series):
            known = series(left).notna() & series(right).notna()  # null compares false
            result = result.astype(bool) & known
        return result

    return ev(node)


def _settle(s: Any) -> Any:
    """An object Series from if/then/else as numbers when every value is a number."""
    import pandas as pd

    converted = pd.to_numeric(s, errors="coerce")
    if converted.notna().sum() == s.notna().sum():
        return converted
    return s


def _kind(value: Any) -> str:
    dtype = getattr(value, "dtype", None)
    if dtype is not None:
        text = str(dtype)
        return "text" if text == "object" or text.startswith(("str", "string")) else text
    return type(value).__name__


def _binary(op: str, a: Any, b: Any) -> Any:
    import numpy as np

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
    if op == "**":
        return a ** b
    if op == "div":
        return np.floor_divide(a, b)
    if op == "mod":
        return np.mod(a, b)
    if op == "rem":
        return np.fmod(a, b)
    raise ExpressionError(f"unknown operator {op!r}")  # pragma: no cover


def _call(function: str, args: list[Any], frame: Any, current: str | None,
          series: Callable[[Any], Any]) -> Any:
    import numpy as np
    import pandas as pd

    if function == "@field":
        if current is None:
            raise ExpressionError("@FIELD is only meaningful in a Filler node")
        return frame[current]
    if function == "undef":
        return None
    if function == "pi":
        return math.pi
    if function == "@today":
        return pd.Timestamp.today().normalize().strftime("%Y-%m-%d")
    a = [series(x) for x in args]
    s = a[0] if a else None

    def text(x: Any) -> Any:
        return x.astype("string")

    def num(x: Any) -> Any:
        return pd.to_numeric(x, errors="coerce")

    if function == "@null":
        assert s is not None
        return s.isna()
    assert s is not None
    if function in ("abs", "sqrt", "log", "log10", "exp", "sign"):
        return getattr(np, function)(num(s))
    if function == "round":
        return np.floor(num(s) + 0.5)
    if function == "intof":
        return np.trunc(num(s))
    if function == "fracof":
        v = num(s)
        return v - np.trunc(v)
    if function in ("min", "max"):
        both = pd.concat([a[0], a[1]], axis=1)
        return both.min(axis=1) if function == "min" else both.max(axis=1)
    if function == "lowertoupper":
        return text(s).str.upper()
    if function == "uppertolower":
        return text(s).str.lower()
    if function == "length":
        return text(s).str.len()
    if function == "trim":
        return text(s).str.strip()
    if function == "trimstart":
        return text(s).str.lstrip()
    if function == "trimend":
        return text(s).str.rstrip()
    if function == "substring":  # substring(N, LEN, STRING), 1-based
        start, length, value = num(a[0]).astype("Int64"), num(a[1]).astype("Int64"), text(a[2])
        return pd.Series([
            None if v is pd.NA or st is pd.NA or ln is pd.NA
            else v[int(st) - 1:int(st) - 1 + int(ln)]
            for st, ln, v in zip(start, length, value, strict=True)], index=s.index, dtype="string")
    if function == "startstring":  # startstring(LEN, STRING)
        return pd.Series([None if v is pd.NA or n is pd.NA else v[:int(n)]
                          for n, v in zip(num(a[0]).astype("Int64"), text(a[1]), strict=True)],
                         index=s.index, dtype="string")
    if function == "endstring":
        return pd.Series([None if v is pd.NA or n is pd.NA else (v[-int(n):] if int(n) else "")
                          for n, v in zip(num(a[0]).astype("Int64"), text(a[1]), strict=True)],
                         index=s.index, dtype="string")
    if function in ("hasstartstring", "isstartstring"):  # (STRING, SUBSTRING)
        return text(a[0]).str.startswith(text(a[1]).iloc[0] if len(a[1]) else "").fillna(False)
    if function in ("hasendstring", "isendstring"):
        return text(a[0]).str.endswith(text(a[1]).iloc[0] if len(a[1]) else "").fillna(False)
    if function in ("hassubstring", "issubstring"):  # (STRING, SUBSTRING)
        return pd.Series([v is not pd.NA and w is not pd.NA and w in v
                          for v, w in zip(text(a[0]), text(a[1]), strict=True)], index=s.index)
    if function == "replace":  # replace(SUBSTRING, NEWSUBSTRING, STRING)
        return pd.Series([None if v is pd.NA else v.replace(str(old), str(new))
                          for old, new, v in zip(text(a[0]), text(a[1]), text(a[2]), strict=True)],
                         index=s.index, dtype="string")
    if function == "to_integer":
        return np.trunc(num(s)).astype("Int64")
    if function in ("to_real", "to_number"):
        return num(s).astype(float)
    if function == "to_string":
        return s.map(lambda x: None if x is None or x != x else
                     (str(int(x)) if isinstance(x, float) and x.is_integer() else str(x)))
    if function in ("is_integer", "is_real", "is_number", "is_string"):
        kinds = {"is_integer": (int, np.integer), "is_real": (float, np.floating),
                 "is_number": (int, float, np.number), "is_string": (str,)}[function]
        return s.map(lambda x: isinstance(x, kinds) and not isinstance(x, bool)).astype(bool)
    raise ExpressionError(f"unknown CLEM function {function!r}")  # pragma: no cover
