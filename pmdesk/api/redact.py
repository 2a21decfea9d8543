"""The one rule for keeping secrets out of text: logs, error messages, job messages.

Access keys ride in query strings (`?accesskey=...`) and passwords can surface in driver
errors, so text that may be shown or written passes through `redact` first. One mask for
everything: the same one the API puts in place of a stored password.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pmdesk.api.models import MASK

_KEY_IN_QUERY = re.compile(r"(accesskey=)[^&\s\"'>]*", re.IGNORECASE)


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """`text` with every `accesskey=` value and every given secret replaced by the mask."""
    text = _KEY_IN_QUERY.sub(lambda m: m.group(1) + MASK, text)
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text
