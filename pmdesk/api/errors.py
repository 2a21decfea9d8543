"""The client's exceptions: one small hierarchy carrying a message a person understands.

`message` is the server's own `message` when it sent one. No exception ever holds the
access key: the client removes it before raising.
"""

from __future__ import annotations


class PMError(Exception):
    """Base of every error of the batch job client."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, status={self.status!r})"


class NotFoundError(PMError):
    """404: no such file, job, result or version."""


class ConflictError(PMError):
    """409: the job exists already (POST) or is running (PUT)."""


class UnauthorizedError(PMError):
    """401/403: no access key or one the server does not know."""


class InvalidRequestError(PMError):
    """400/413/422, or a literal server's 200 with "flag": false: the server refused."""


class ServerError(PMError):
    """5xx, or an answer that is not what the contract says (not JSON, wrong shape)."""


class NetworkError(PMError):
    """The server could not be reached or did not answer in time."""


class CancelledError(PMError):
    """The caller cancelled a transfer (its threading.Event was set)."""


def error_for_status(status: int, message: str) -> PMError:
    if status == 404:
        return NotFoundError(message, status)
    if status == 409:
        return ConflictError(message, status)
    if status in (401, 403):
        return UnauthorizedError(message, status)
    if 400 <= status < 500:
        return InvalidRequestError(message, status)
    return ServerError(message, status)
