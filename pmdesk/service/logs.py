"""Logging for the service with secrets removed before any line is written.

uvicorn's access log prints the request line with its query string, and the access key
rides in the query string (`?accesskey=...`), so every record passes through a filter
that masks the `accesskey` value wherever a URL (or query string) carries one. Only that
value: replacing each key's text anywhere mangled the log and revealed short keys (key
`ka` turned `site-packages` into `site-pac***ges`, issue 11 item 8).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from pmdesk.api.models import MASK
from pmdesk.api.redact import redact as redact_text

# The one rule (pmdesk.api.redact) masks `accesskey=VALUE`. A URL carried inside another
# URL's query holds the parameter percent-encoded (`accesskey%3DVALUE`), which a request
# log line can contain and that rule does not see: masked here too, with the same mask.
_ENCODED_KEY = re.compile(r"(accesskey%3D)[^&\s\"'#<>;]*", re.IGNORECASE)


def redact(text: str) -> str:
    return _ENCODED_KEY.sub(lambda m: m.group(1) + MASK, redact_text(text))


class RedactingFilter(logging.Filter):
    """Rewrites each record's final text; installed on handlers so it sees every logger."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: keep it as it is rather than lose it
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
            record.exc_info = None
        # uvicorn's access formatter rebuilds the line from these, so mask them as well
        for attr in ("request_line", "full_path"):
            value = getattr(record, attr, None)
            if isinstance(value, str):
                setattr(record, attr, redact(value))
        return True


def log_config() -> dict[str, Any]:
    """A uvicorn log_config: plain lines on stderr, every handler behind the filter."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": RedactingFilter}},
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        },
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "plain",
                       "filters": ["redact"], "stream": "ext://sys.stderr"},
        },
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "pmdesk": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        },
        "root": {"handlers": ["stderr"], "level": "WARNING"},
    }
