"""The one exception the engine lets out."""

from __future__ import annotations


class EngineError(Exception):
    """A failure whose str is the person-readable FAILED message of the job."""
