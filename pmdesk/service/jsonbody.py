"""Reading a JSON request body with an error that says what is wrong and where.

The original API document's own examples are not valid JSON (curly quotes, `;` for `:`,
trailing commas, a missing comma), so people copy those mistakes: name them plainly.
"""

from __future__ import annotations

import json
from typing import Any

CURLY = "“”„‟″‘’‚‛"


MAX_DEPTH = 64  # a job definition nests 4 deep; thousands of levels overflow later code
MAX_NUMBER_CHARS = 100  # longer numbers mean nothing here and int() refuses > 4,300 digits


class BodyError(ValueError):
    pass


def _number(kind: type[int] | type[float]) -> Any:
    def parse(text: str) -> int | float:
        if len(text) > MAX_NUMBER_CHARS:
            raise BodyError(f"the request body holds a number of {len(text)} characters; "
                            f"numbers may have at most {MAX_NUMBER_CHARS}")
        return kind(text)

    return parse


def _constant(name: str) -> Any:
    raise BodyError(f"the request body holds {name}, which is not a JSON value")


def _surrogate_problem(text: str) -> str | None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (f"the request body holds a lone surrogate \\u{ord(text[exc.start]):04x} "
                f"(in {text[:40].encode('utf-8', 'backslashreplace').decode()!r}), which is "
                "not a character; send valid Unicode")
    return None


def check_tree(data: Any) -> None:
    """Refuses nesting deeper than MAX_DEPTH and lone surrogates in any key or string:
    both would otherwise pass here and fail later, after the job was stored."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            problem = _surrogate_problem(value)
            if problem:
                raise BodyError(problem)
        elif isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise BodyError(f"the request body nests deeper than {MAX_DEPTH} levels")
            if isinstance(value, dict):
                stack.extend((k, depth) for k in value)
                stack.extend((v, depth + 1) for v in value.values())
            else:
                stack.extend((v, depth + 1) for v in value)


def _hints(text: str, exc: json.JSONDecodeError) -> list[str]:
    pos = exc.pos
    here = text[pos:pos + 1]
    before = text[:pos].rstrip()
    prev = before[-1:] if before else ""
    near = text[max(0, pos - 40):pos + 2]
    hints: list[str] = []
    curly = "".join(c for c in CURLY if c in text)
    if curly and any(c in near for c in CURLY):
        hints.append(f"it contains a curly quote ({curly}); JSON needs straight double "
                     'quotes (")')
    if here == ";" or ('";' in near or "”;" in near):
        hints.append("';' stands where ':' belongs between a name and its value")
    if not here:
        hints.append("the document ends too early (a closing '}' or ']' is missing?)")
    elif exc.msg.startswith("Expecting property name") and prev == ",":
        hints.append(f"there is a trailing comma before '{here}'")
    elif exc.msg == "Expecting value" and prev == "," and here in "]}":
        hints.append(f"there is a trailing comma before '{here}'")
    elif exc.msg == "Expecting ',' delimiter" and not hints:
        hints.append("a comma is missing between two entries")
    elif exc.msg.startswith("Expecting property name") and here == "'":
        hints.append("names and strings need double quotes (\"), not single quotes (')")
    if curly and not hints:
        hints.append(f"it contains a curly quote ({curly}); JSON needs straight double "
                     'quotes (")')
    return hints


def parse_json_body(raw: bytes) -> Any:
    if not raw.strip():
        raise BodyError("the request body is empty; send the job definition as JSON")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BodyError(f"the request body is not UTF-8 (byte {exc.start}); "
                        "send JSON in UTF-8") from None
    try:
        data = json.loads(text, parse_int=_number(int), parse_float=_number(float),
                          parse_constant=_constant)
    except RecursionError:
        raise BodyError(f"the request body nests deeper than {MAX_DEPTH} levels") from None
    except json.JSONDecodeError as exc:
        hints = _hints(text, exc)
        message = (f"the request body is not valid JSON at line {exc.lineno}, column "
                   f"{exc.colno} ({exc.msg.removesuffix(' at')})")
        if hints:
            message += ": " + "; ".join(hints)
        raise BodyError(message) from None
    check_tree(data)
    return data
