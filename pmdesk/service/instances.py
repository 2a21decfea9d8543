"""One access key = one instance: its own folder and jobs, named by a hash of the key.

The key itself never reaches the disk; the folder name is a salted hash so two data dirs
with the same key do not even share names.

A *named* instance (PMDESK_INSTANCE_KEYS=name=key) is named by a hash of its name instead,
so its key may change on every start: the desktop app starts its embedded service with a
fresh random key each session and therefore never has to store one anywhere.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path

SALT_FILE = "instance.salt"


def _salt(data_dir: Path) -> bytes:
    path = data_dir / SALT_FILE
    try:
        return path.read_bytes()
    except FileNotFoundError:
        salt = os.urandom(16)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(salt)
        return salt


@dataclass(frozen=True)
class Instance:
    ns: str  # hash of the key: the folder name and the jobs table's namespace column
    root: Path

    @property
    def files_dir(self) -> Path:
        return self.root / "files"

    @property
    def versions_dir(self) -> Path:
        return self.root / "versions"

    @property
    def runs_dir(self) -> Path:
        return self.root / "runs"

    def __repr__(self) -> str:
        return f"Instance({self.ns[:8]}...)"


class Instances:
    def __init__(self, data_dir: Path, keys: tuple[str, ...],
                 named: tuple[tuple[str, str], ...] = ()) -> None:
        self._salt = _salt(data_dir)
        self._by_digest: dict[str, Instance] = {}  # digest of the key -> its instance
        pairs = [(self._digest(key), key) for key in keys]
        pairs += [(self._digest(f"instance-name:{name}"), key) for name, key in named]
        for ns, key in pairs:
            inst = Instance(ns, data_dir / "instances" / ns)
            for d in (inst.files_dir, inst.versions_dir, inst.runs_dir):
                d.mkdir(parents=True, exist_ok=True)
            self._by_digest[self._digest(key)] = inst

    def _digest(self, key: str) -> str:
        return hmac.new(self._salt, key.encode(), hashlib.sha256).hexdigest()[:32]

    def lookup(self, key: str | None) -> Instance | None:
        if not key:
            return None
        return self._by_digest.get(self._digest(key))

    def all(self) -> list[Instance]:
        return list({inst.ns: inst for inst in self._by_digest.values()}.values())
