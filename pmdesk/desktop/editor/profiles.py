"""Database connection profiles: the non-secret fields in QSettings, passwords in the keyring.

A profile is what an analyst picks instead of typing host, port and credentials into every
job. Passwords are stored only through SecretStore (kind "db", name = profile name), so
they reach the OS keyring or, without one, this session's memory, never a settings file.
"""

from __future__ import annotations

import json
import weakref
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

from pmdesk.api.models import DB_TYPES, DbDefinition
from pmdesk.desktop.context import AppContext
from pmdesk.desktop.i18n import _t
from pmdesk.desktop.secrets import SecretStore

SETTINGS_KEY = "editor/dbProfiles"
SECRET_KIND = "db"  # noqa: S105  (the SecretStore kind, not a secret)
# Types whose connections carry no password (a file path); everything else may need one.
PASSWORDLESS_TYPES = frozenset({"SQLite"})


@dataclass
class DbProfile:
    name: str
    type: str = "SQLite"
    host: str = ""
    port: int | None = None
    db: str = ""
    username: str = ""
    options: str = ""
    save_password: bool = True
    extra: dict[str, Any] = field(default_factory=dict)  # unknown keys from a newer version

    @property
    def needs_password(self) -> bool:
        return self.type not in PASSWORDLESS_TYPES

    def to_definition(self, password: str | None = None) -> DbDefinition:
        """The wire form; the password only when the caller is about to send it."""
        uses_host = self.type not in PASSWORDLESS_TYPES
        return DbDefinition(
            type=self.type,
            host=(self.host.strip() or None) if uses_host else None,
            port=self.port if uses_host else None,
            db=self.db.strip() or None,
            username=self.username.strip() or None,
            password=password or None,
            options=self.options.strip() or None,
        )

    def matches(self, definition: DbDefinition) -> bool:
        """Same connection fields (type/host/port/db/username/options); passwords ignored."""
        mine = self.to_definition()
        return all(
            _norm(getattr(mine, key)) == _norm(getattr(definition, key))
            for key in ("type", "host", "port", "db", "username", "options")
        )

    @classmethod
    def from_definition(cls, name: str, definition: DbDefinition) -> DbProfile:
        return cls(
            name=name, type=definition.type, host=definition.host or "",
            port=definition.port, db=definition.db or "",
            username=definition.username or "", options=definition.options or "",
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        extra = data.pop("extra")
        return {**extra, **data}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DbProfile:
        known = {f.name for f in fields(cls)} - {"extra"}
        kwargs = {k: v for k, v in data.items() if k in known}
        profile = cls(**kwargs)
        profile.extra = {k: v for k, v in data.items() if k not in known}
        return profile

    def summary(self) -> str:
        """One line that tells two profiles apart in a list (never the password)."""
        if self.type in PASSWORDLESS_TYPES:
            return f"{self.type} {self.db}"
        where = self.host + (f":{self.port}" if self.port else "")
        user = f"{self.username}@" if self.username else ""
        return f"{self.type} {user}{where}/{self.db}"



def _norm(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value.lower() if value else None
    return value


def profile_problem(profile: DbProfile, others: list[str]) -> str | None:
    """Why this profile cannot be saved, in words, or None."""
    name = profile.name
    if not name.strip():
        return _t("Give the profile a name.")
    if name != name.strip():
        return _t("The name may not start or end with a space.")
    if name in others:
        return _t("Another profile is already called {0}.").format(name)
    if profile.type not in DB_TYPES:
        return _t("Choose a database type.")
    if not profile.db.strip():
        if profile.type in PASSWORDLESS_TYPES:
            return _t("Give the path of the SQLite database file.")
        return _t("Give the database name.")
    if profile.type not in PASSWORDLESS_TYPES and not profile.host.strip():
        return _t("Give the host name of the database server.")
    return None


class DbProfileStore(QObject):
    """All profiles of this user; one instance per AppContext (see `profile_store`)."""

    changed = Signal()
    renamed = Signal(str, str)  # old name, new name

    def __init__(self, settings: QSettings, secrets: SecretStore,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.secrets = secrets
        self.told_no_keyring = False  # the "no keyring" notice is shown once per session

    def profiles(self) -> list[DbProfile]:
        raw = self.settings.value(SETTINGS_KEY, "")
        if not raw:
            return []
        try:
            data = json.loads(str(raw))
        except ValueError:
            return []
        out = []
        for item in data if isinstance(data, list) else []:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                try:
                    out.append(DbProfile.from_json(item))
                except TypeError:
                    continue
        return out

    def names(self) -> list[str]:
        return [p.name for p in self.profiles()]

    def get(self, name: str) -> DbProfile | None:
        return next((p for p in self.profiles() if p.name == name), None)

    def find_matching(self, definition: DbDefinition) -> DbProfile | None:
        return next((p for p in self.profiles() if p.matches(definition)), None)

    def _write(self, profiles: list[DbProfile]) -> None:
        self.settings.setValue(SETTINGS_KEY, json.dumps([p.to_json() for p in profiles],
                                                        ensure_ascii=False))
        self.settings.sync()

    def save(self, profile: DbProfile, *, old_name: str | None = None,
             password: str | None = None) -> bool:
        """Adds or replaces a profile. password=None keeps the stored one, "" forgets it.

        Returns True when a given password went to the OS keyring (False: session memory).
        """
        profiles = self.profiles()
        key = old_name if old_name is not None else profile.name
        index = next((i for i, p in enumerate(profiles) if p.name == key), None)
        if index is None:
            profiles.append(profile)
        else:
            profiles[index] = profile
        self._write(profiles)
        stored = False
        if old_name is not None and old_name != profile.name:
            self.secrets.rename(SECRET_KIND, old_name, profile.name)
        if password == "" or not profile.needs_password:
            self.secrets.delete(SECRET_KIND, profile.name)
        elif password is not None:
            if profile.save_password:
                stored = self.secrets.set(SECRET_KIND, profile.name, password)
            else:
                self.secrets.delete(SECRET_KIND, profile.name)
                self.secrets.set(SECRET_KIND, profile.name, password, remember=False)
        elif not profile.save_password:
            # "Save password" was switched off: keep it for this session, not on disk.
            existing = self.secrets.get(SECRET_KIND, profile.name)
            self.secrets.delete(SECRET_KIND, profile.name)
            if existing is not None:
                self.secrets.set(SECRET_KIND, profile.name, existing, remember=False)
        if old_name is not None and old_name != profile.name:
            self.renamed.emit(old_name, profile.name)
        self.changed.emit()
        return stored

    def delete(self, name: str) -> None:
        self._write([p for p in self.profiles() if p.name != name])
        self.secrets.delete(SECRET_KIND, name)
        self.changed.emit()

    def password(self, name: str) -> str | None:
        return self.secrets.get(SECRET_KIND, name)

    def remember_for_session(self, name: str, password: str) -> None:
        self.secrets.set(SECRET_KIND, name, password, remember=False)

    def unique_name(self, base: str) -> str:
        taken = set(self.names())
        if base not in taken:
            return base
        n = 2
        while f"{base} ({n})" in taken:
            n += 1
        return f"{base} ({n})"


_stores: weakref.WeakKeyDictionary[QObject, DbProfileStore] = weakref.WeakKeyDictionary()


def profile_store(ctx: AppContext) -> DbProfileStore:
    """The one store of this AppContext, so the dialog's edits reach every open editor."""
    store = _stores.get(ctx)
    if store is None:
        store = DbProfileStore(ctx.settings, ctx.secrets, ctx)
        _stores[ctx] = store
    return store
