"""Where the scripting CLI finds its server and access key.

A key is never taken as an argument: the process list would show it to every user of
the machine. It comes from a named environment variable (`--key-env VAR`), from
PMDESK_ACCESS_KEY, or from the keyring entry of a server profile the app saved
(`--profile NAME`). The URL comes from `--url`, the profile, or PMDESK_URL.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

URL_ENV = "PMDESK_URL"
KEY_ENV = "PMDESK_ACCESS_KEY"


class SetupError(Exception):
    """The command cannot know where or how to connect; the message says what to give."""


@dataclass(frozen=True)
class Target:
    url: str
    key: str
    source: str  # where the key came from, for messages (never the key itself)

    def __repr__(self) -> str:
        return f"Target({self.url!r}, key from {self.source})"


def _profile(name: str) -> tuple[str, str]:
    """(url, key) of a profile saved by the desktop app; the key from the keyring."""
    from pmdesk.desktop.app import make_settings
    from pmdesk.desktop.secrets import SecretStore
    from pmdesk.desktop.servers import LOCAL, ProfileStore

    store = ProfileStore(make_settings(), SecretStore())  # type: ignore[arg-type]
    names = [p.name for p in store.profiles()]
    found = next((p for p in store.profiles() if p.name == name), None)
    if found is None:
        raise SetupError(f"no server profile {name!r}; the app has: {', '.join(names)}")
    if found.name == LOCAL or not found.url:
        raise SetupError(f"the profile {name!r} is the app's embedded service, which has no "
                         "fixed address or key; give --url and --key-env instead")
    key = store.secrets.get("server", found.name)
    if not key:
        raise SetupError(f"the keyring holds no access key for the profile {name!r}; save "
                         "it in the app (Server > Servers...) or use --key-env VAR")
    return found.url, key


def resolve(url: str | None, key_env: str | None, profile: str | None) -> Target:
    profile_url = profile_key = None
    if profile:
        profile_url, profile_key = _profile(profile)
    if key_env:
        key = os.environ.get(key_env, "")
        if not key:
            raise SetupError(f"--key-env {key_env}: the environment variable {key_env} is "
                             "not set or empty")
        source = f"${key_env}"
    elif profile_key:
        key, source = profile_key, f"the keyring (profile {profile})"
    elif os.environ.get(KEY_ENV):
        key, source = os.environ[KEY_ENV], f"${KEY_ENV}"
    else:
        raise SetupError(f"no access key: set {KEY_ENV}, or give --key-env VAR (the name of "
                         "a variable holding it) or --profile NAME (a server saved in the "
                         "app); a key is never accepted as an argument")
    address = url or profile_url or os.environ.get(URL_ENV, "")
    if not address:
        raise SetupError(f"no server: give --url URL, set {URL_ENV}, or use --profile NAME")
    return Target(address, key, source)
