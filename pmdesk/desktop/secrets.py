"""Access keys and database passwords: the OS keyring, or this session's memory only.

Names are stable across versions (service "PMDesk", user "<kind>:<name>") so an upgrade
never loses a stored secret. Where no keyring backend exists, secrets live in memory for
the session and are never written anywhere; the app tells the user once.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors
from keyring.backends import fail

SERVICE = "PMDesk"
log = logging.getLogger(__name__)


def _account(kind: str, name: str) -> str:
    return f"{kind}:{name}"


class SecretStore:
    """kind is "server" (access keys) or "db" (connection profile passwords)."""

    def __init__(self) -> None:
        self._memory: dict[str, str] = {}
        backend = keyring.get_keyring()
        self._available = not isinstance(backend, fail.Keyring) and "plaintext" not in type(
            backend
        ).__name__.lower()
        self.backend_name = type(backend).__name__

    @property
    def available(self) -> bool:
        """False when secrets can only be kept in memory for this session."""
        return self._available

    def get(self, kind: str, name: str) -> str | None:
        account = _account(kind, name)
        if account in self._memory:
            return self._memory[account]
        if not self._available:
            return None
        try:
            return keyring.get_password(SERVICE, account)
        except keyring.errors.KeyringError as exc:
            log.warning("keyring read failed for %s: %s", account, type(exc).__name__)
            return None

    def set(self, kind: str, name: str, secret: str, *, remember: bool = True) -> bool:
        """Stores the secret; returns True when it went to the OS keyring."""
        account = _account(kind, name)
        if remember and self._available:
            try:
                keyring.set_password(SERVICE, account, secret)
                self._memory.pop(account, None)
                return True
            except keyring.errors.KeyringError as exc:
                log.warning("keyring write failed for %s: %s", account, type(exc).__name__)
        self._memory[account] = secret
        return False

    def delete(self, kind: str, name: str) -> None:
        account = _account(kind, name)
        self._memory.pop(account, None)
        if self._available:
            try:
                keyring.delete_password(SERVICE, account)
            except keyring.errors.PasswordDeleteError:
                pass
            except keyring.errors.KeyringError as exc:
                log.warning("keyring delete failed for %s: %s", account, type(exc).__name__)

    def rename(self, kind: str, old: str, new: str) -> None:
        secret = self.get(kind, old)
        if secret is not None:
            self.set(kind, new, secret)
            self.delete(kind, old)
