"""Reading a JSON request body with an error that says what is wrong and where.

The original API document's own examples are not valid JSON (curly quotes, `;` for `:`,
trailing commas, a missing comma), so people copy those mistakes: name them plainly.
"""

from __future__ import annotations

import json
from typing import Any

CURLY = "“”„‟″‘’‚‛"


class BodyError(ValueError):
    pass


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
        return json.loads(text)
    except json.JSONDecodeError as exc:
        hints = _hints(text, exc)
        message = (f"the request body is not valid JSON at line {exc.lineno}, column "
                   f"{exc.colno} ({exc.msg.removesuffix(' at')})")
        if hints:
            message += ": " + "; ".join(hints)
        raise BodyError(message) from None
