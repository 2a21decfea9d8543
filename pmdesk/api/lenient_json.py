"""JSON that people typed or copied from a document, repaired where the intent is clear.

The original API document's examples are not valid JSON (curly quotes, `;` for `:`,
trailing commas, a missing comma), and analysts paste from it. Strict JSON goes through
`json.loads` untouched; anything else goes through a small repairing parser that lists
every repair in words, so the user can check what was changed. When the intent is not
clear the parser stops with the line and column, never guesses.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["LenientJSONError", "parse_lenient", "parse_repairing"]

# Straight, curly, low-9, reversed, double-prime and full-width (Chinese IME) double quotes.
_DOUBLE_QUOTES = frozenset('"“”„‟″＂')
_SINGLE_QUOTES = frozenset("'‘’‚‛")
_QUOTES = _DOUBLE_QUOTES | _SINGLE_QUOTES
_STRAIGHT = frozenset("\"'")
# After a closing quote one of these follows; a curly quote followed by anything else is
# part of the text ("a “quoted” word"), not the end of the string.
_AFTER_STRING = frozenset(":;：,，}]\n\r")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}
_WHITESPACE = " \t\r\n\ufeff\u00a0\u3000"


class LenientJSONError(ValueError):
    """Text that is not JSON even after the safe repairs; names the line and column."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"line {line}, column {column}: {message}")
        self.line = line
        self.column = column
        self.reason = message


def parse_lenient(text: str) -> tuple[object, list[str]]:
    """The parsed value and the repairs made (empty for strict JSON).

    Raises LenientJSONError (a ValueError) with the line and column when the text cannot
    be repaired safely.
    """
    try:
        return json.loads(text), []
    except (json.JSONDecodeError, RecursionError):
        pass
    return parse_repairing(text)


def parse_repairing(text: str) -> tuple[object, list[str]]:
    """Always the repairing parser (parse_lenient's slow path), also for strict JSON."""
    return _Parser(text).parse()


def _shown(ch: str) -> str:
    if ch == "":
        return "the end of the text"
    if ch in "\r\n":
        return "the end of the line"
    return repr(ch) if ch.isprintable() else f"U+{ord(ch):04X}"


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.repairs: list[tuple[int, int, str]] = []  # (line, order, message)
        self._curly_lines: set[int] = set()
        self._single_lines: set[int] = set()
        self._depth = 0

    # ---- positions and messages ---------------------------------------------------------

    def line_col(self, pos: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, pos) + 1
        column = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        return line, column

    def line(self, pos: int) -> int:
        return self.line_col(pos)[0]

    def repair(self, pos: int, message: str) -> None:
        line = self.line(pos)
        self.repairs.append((line, len(self.repairs), f"line {line}: {message}"))

    def fail(self, message: str, pos: int | None = None) -> LenientJSONError:
        line, column = self.line_col(self.pos if pos is None else pos)
        return LenientJSONError(message, line, column)

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def skip_ws(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in _WHITESPACE:
            self.pos += 1

    # ---- grammar ------------------------------------------------------------------------

    def parse(self) -> tuple[object, list[str]]:
        if self.text.startswith("\ufeff"):
            self.pos = 1
        self.skip_ws()
        if not self.peek():
            raise self.fail("the text is empty; expected a JSON value such as {...}")
        value = self.value()
        self.skip_ws()
        if self.pos < len(self.text):
            raise self.fail(
                f"unexpected {_shown(self.peek())} after the end of the JSON value "
                "(is there a second object, or a stray character?)"
            )
        for line in self._curly_lines:
            self.repairs.append(
                (line, -2, f"line {line}: replaced curly quotes with straight quotes"))
        for line in self._single_lines:
            self.repairs.append(
                (line, -1, f"line {line}: replaced single quotes with double quotes"))
        ordered = sorted(self.repairs)
        seen: set[str] = set()
        messages = []
        for _, _, message in ordered:
            if message not in seen:
                seen.add(message)
                messages.append(message)
        return value, messages

    def value(self) -> Any:
        self.skip_ws()
        ch = self.peek()
        if ch == "{":
            return self.container(self.obj)
        if ch == "[":
            return self.container(self.array)
        if ch in _QUOTES:
            return self.string()
        if ch == "-" or ch.isdigit():
            return self.number()
        for word, literal in _LITERALS.items():
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return literal
        if ch == "":
            raise self.fail("the text ends where a value was expected (is something cut off?)")
        raise self.fail(f"expected a value (text in quotes, a number, true, false, null, "
                        f"{{...}} or [...]) but found {_shown(ch)}")

    def container(self, parse: Any) -> Any:
        self._depth += 1
        if self._depth > 500:
            raise self.fail("the JSON is nested more than 500 levels deep")
        try:
            return parse()
        finally:
            self._depth -= 1

    def starts_value(self, ch: str) -> bool:
        return (ch in "{[-" or ch.isdigit() or ch in _QUOTES
                or any(self.text.startswith(w, self.pos) for w in _LITERALS))

    def obj(self) -> dict[str, Any]:
        start = self.pos
        self.pos += 1  # {
        result: dict[str, Any] = {}
        self.skip_ws()
        if self.peek() == "}":
            self.pos += 1
            return result
        while True:
            self.skip_ws()
            ch = self.peek()
            if ch not in _QUOTES:
                if ch == "":
                    raise self.fail("the text ends inside an object: a '}' is missing",
                                    start)
                raise self.fail(f"expected a key in quotes but found {_shown(ch)}")
            key = self.string()
            self.skip_ws()
            sep = self.peek()
            if sep == ":":
                self.pos += 1
            elif sep in ";：=":
                self.repair(self.pos, f"{sep!r} after a key replaced by ':'")
                self.pos += 1
            else:
                raise self.fail(f"expected ':' after the key {key!r} but found {_shown(sep)}")
            result[key] = self.value()
            value_end = self.pos
            self.skip_ws()
            ch = self.peek()
            if ch == "}":
                self.pos += 1
                return result
            if ch in ",，;":
                comma = self.pos
                if ch != ",":
                    self.repair(comma, f"{ch!r} between items replaced by ','")
                self.pos += 1
                self.skip_ws()
                if self.peek() == "}":
                    self.repair(comma, "removed trailing comma")
                    self.pos += 1
                    return result
                continue
            if ch in _QUOTES:
                self.repair(value_end, "inserted a missing comma")
                continue
            if ch == "":
                raise self.fail("the text ends inside an object: a '}' is missing", start)
            raise self.fail(f"expected ',' or '}}' after the value of {key!r} "
                            f"but found {_shown(ch)}")

    def array(self) -> list[Any]:
        start = self.pos
        self.pos += 1  # [
        result: list[Any] = []
        self.skip_ws()
        if self.peek() == "]":
            self.pos += 1
            return result
        while True:
            result.append(self.value())
            value_end = self.pos
            self.skip_ws()
            ch = self.peek()
            if ch == "]":
                self.pos += 1
                return result
            if ch in ",，":
                comma = self.pos
                if ch != ",":
                    self.repair(comma, f"{ch!r} between items replaced by ','")
                self.pos += 1
                self.skip_ws()
                if self.peek() == "]":
                    self.repair(comma, "removed trailing comma")
                    self.pos += 1
                    return result
                continue
            if ch and self.starts_value(ch):
                self.repair(value_end, "inserted a missing comma")
                continue
            if ch == "":
                raise self.fail("the text ends inside a list: a ']' is missing", start)
            raise self.fail(f"expected ',' or ']' in a list but found {_shown(ch)}")

    def number(self) -> int | float:
        match = _NUMBER.match(self.text, self.pos)
        if not match:
            raise self.fail(f"{_shown(self.peek())} does not start a valid number")
        token = match.group()
        self.pos = match.end()
        if any(c in token for c in ".eE"):
            return float(token)
        return int(token)

    def string(self) -> str:
        start = self.pos
        opening = self.text[start]
        single = opening in _SINGLE_QUOTES
        closers = _SINGLE_QUOTES if single else _DOUBLE_QUOTES
        if opening not in _STRAIGHT:
            self._note_quote(start, single)
        i = start + 1
        raw: list[str] = []
        text = self.text
        while True:
            if i >= len(text) or text[i] in "\r\n":
                raise self.fail("text in quotes is not closed on its line (a quote is missing)",
                                start)
            ch = text[i]
            if ch == "\\":
                if i + 1 >= len(text):
                    raise self.fail("text in quotes is not closed (a quote is missing)", start)
                raw.append(text[i:i + 2])
                i += 2
                continue
            if ch in closers:
                straight = ch in _STRAIGHT
                if straight and ch == ('"' if not single else "'"):
                    break
                if not straight:
                    j = i + 1
                    while j < len(text) and text[j] in " \t":
                        j += 1
                    if j >= len(text) or text[j] in _AFTER_STRING:
                        self._note_quote(i, single)
                        break
            if single and ch == '"':
                raw.append('\\"')
                i += 1
                continue
            raw.append(ch)
            i += 1
        self.pos = i + 1
        if single:
            self._single_lines.add(self.line(start))
        body = "".join(raw)
        try:
            decoded: str = json.loads(f'"{body}"', strict=False)
        except json.JSONDecodeError as exc:
            raise self.fail(f"a backslash escape in this text is not valid JSON ({exc.msg})",
                            start) from None
        return decoded

    def _note_quote(self, pos: int, single: bool) -> None:
        if single:
            self._single_lines.add(self.line(pos))
        else:
            self._curly_lines.add(self.line(pos))
