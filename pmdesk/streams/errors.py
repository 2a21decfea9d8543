"""The one error every broken stream file ends in."""

from __future__ import annotations


class StreamReadError(Exception):
    """A stream file cannot be read; the message says what is wrong, for a person."""
