"""What the two expression languages share: the tree, the tokenizer and the parser's
skeleton (or / and / not / sum / unary, calls' arguments, errors with positions).

The open format (`pmdesk.expr`) and CLEM (`pmdesk.expr.clem`) differ in their tokens,
comparisons, products and atoms: each subclasses `Parser` with those. Every node type is
in one `Node` union; a language's evaluator refuses a node it never produces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


class ExpressionError(ValueError):
    """A problem in an expression, phrased for the person who wrote it."""


@dataclass(frozen=True)
class Literal:
    value: Any


@dataclass(frozen=True)
class SingleQuoted:
    """Open format 'text': a string, unless the data has a field of that name (refused)."""

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


@dataclass(frozen=True)
class If:
    """CLEM `if c1 then v1 elseif c2 then v2 else v3 endif`."""

    branches: tuple[tuple[Node, Node], ...]
    otherwise: Node


Node = Literal | SingleQuoted | Field | Param | Unary | Binary | Call | If

Token = tuple[str, str, int]  # (kind: the pattern's group name, text, position)


def tokenize(pattern: re.Pattern[str], text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = pattern.match(text, pos)
        if match is None or match.lastgroup is None:
            start = len(text) - len(text[pos:].lstrip())
            raise ExpressionError(f"unexpected character {text[start]!r} at position {start + 1}")
        tokens.append((match.lastgroup, match.group(match.lastgroup), match.start(match.lastgroup)))
        pos = match.end()
    return tokens


def unquote(text: str) -> str:
    """A quoted token's text without its quotes and backslash escapes."""
    return re.sub(r"\\(.)", r"\1", text[1:-1])


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
        elif isinstance(n, If):
            for c, v in n.branches:
                walk(c)
                walk(v)
            walk(n.otherwise)

    walk(node)
    return fields, params


class Parser:
    """Recursive descent, lowest precedence first; subclasses give `compare`, `product`
    and `atom`."""

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self.tokens = tokenize(pattern, text)
        self.i = 0

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def is_word(self, *words: str) -> str | None:
        """The (lower-case) word at the cursor when it is one of `words`."""
        tok = self.peek()
        if tok is not None and tok[0] == "name" and tok[1].lower() in words:
            return tok[1].lower()
        return None

    def is_op(self, *ops: str) -> str | None:
        tok = self.peek()
        return tok[1] if tok is not None and tok[0] == "op" and tok[1] in ops else None

    def expect_op(self, op: str) -> None:
        if not self.is_op(op):
            raise self.error(f"expected {op!r}")
        self.i += 1

    def expect_word(self, word: str) -> None:
        if not self.is_word(word):
            raise self.error(f"expected {word!r}")
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
        raise NotImplementedError

    def sum_(self) -> Node:
        node = self.product()
        while op := self.is_op("+", "-"):
            self.i += 1
            node = Binary(op, node, self.product())
        return node

    def product(self) -> Node:
        raise NotImplementedError

    def unary(self) -> Node:
        if self.is_op("-"):
            self.i += 1
            return Unary("-", self.unary())
        return self.atom()

    def atom(self) -> Node:
        raise NotImplementedError

    def group(self) -> Node:
        """`( expr )`, the cursor on the "("."""
        self.expect_op("(")
        node = self.or_()
        self.expect_op(")")
        return node

    def arguments(self) -> list[Node]:
        """A call's `( [expr ("," expr)*] )`, the cursor on the "("."""
        self.expect_op("(")
        args: list[Node] = []
        if not self.is_op(")"):
            args.append(self.or_())
            while self.is_op(","):
                self.i += 1
                args.append(self.or_())
        self.expect_op(")")
        return args
