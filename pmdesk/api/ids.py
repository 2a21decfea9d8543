"""Rules for file and job ids, shared by the client, the service and the editor.

Ids become file names on the service and appear in URLs, so they must be safe on every
platform; job ids may not hold commas because DELETE takes a comma-separated list.
Non-ASCII letters are allowed: analysts name streams in Traditional Chinese.
"""

from __future__ import annotations

import re

MAX_ID_LENGTH = 128
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                     *(f"LPT{i}" for i in range(10))}


class InvalidIdError(ValueError):
    """An id that the service would refuse; the message names the rule broken."""


def id_problem(value: str, kind: str = "file id") -> str | None:
    """Why `value` is not a valid id, or None when it is."""
    if not value:
        return f"the {kind} is empty"
    if len(value) > MAX_ID_LENGTH:
        return f"the {kind} is longer than {MAX_ID_LENGTH} characters"
    bad = _FORBIDDEN.search(value)
    if bad:
        ch = bad.group()
        shown = repr(ch) if ch.isprintable() else f"control character U+{ord(ch):04X}"
        return f"the {kind} may not contain {shown}"
    if kind == "job id" and "," in value:
        return "the job id may not contain ',' (DELETE separates ids with commas)"
    if value.startswith((".", " ")) or value.endswith((".", " ")):
        return f"the {kind} may not start or end with a dot or a space"
    if value.split(".")[0].upper() in _WINDOWS_RESERVED:
        return f"the {kind} {value!r} is a reserved device name on Windows"
    return None


def check_id(value: str, kind: str = "file id") -> str:
    problem = id_problem(value, kind)
    if problem:
        raise InvalidIdError(problem)
    return value
