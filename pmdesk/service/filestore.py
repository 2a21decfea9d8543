"""Stream files of an instance on disk, replaced only by atomic renames.

Every write goes to a temporary file in the same folder and is moved into place with
os.replace, so a reader (a download, a job copying its stream) sees either the old or the
new file, never half of one, and a broken upload leaves the stored copy as it was.
Earlier versions are kept when a job (AUTO_REFRESH) or a restore replaces a file.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pmdesk.service.instances import Instance

MAX_VERSIONS = 20
TEMP_PREFIX = ".upload-"  # ids may not start with a dot, so temp names never clash


def utc_iso(ts: float | datetime) -> str:
    when = datetime.fromtimestamp(ts, UTC) if isinstance(ts, int | float) else ts
    return when.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class StoredFile:
    id: str
    size: int
    uploaded: str

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "size": self.size, "uploaded": self.uploaded}


class FileStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()

    # ---- reading -------------------------------------------------------------------------

    @staticmethod
    def path(inst: Instance, file_id: str) -> Path:
        return inst.files_dir / file_id

    def list_files(self, inst: Instance) -> list[StoredFile]:
        found = []
        with os.scandir(inst.files_dir) as entries:
            for entry in entries:
                if entry.name.startswith(".") or not entry.is_file():
                    continue
                st = entry.stat()
                found.append(StoredFile(entry.name, st.st_size, utc_iso(st.st_mtime)))
        return sorted(found, key=lambda f: f.id)

    def exists(self, inst: Instance, file_id: str) -> bool:
        return self.path(inst, file_id).is_file()

    # ---- writing -------------------------------------------------------------------------

    @staticmethod
    def temp_file(inst: Instance) -> tuple[int, Path]:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=inst.files_dir)
        return fd, Path(name)

    def commit(self, inst: Instance, temp: Path, file_id: str) -> None:
        """Moves a finished temp file into place (the caller has fsync'ed it)."""
        with self._lock:
            os.replace(temp, self.path(inst, file_id))

    def delete(self, inst: Instance, file_id: str) -> bool:
        with self._lock:
            try:
                self.path(inst, file_id).unlink()
            except FileNotFoundError:
                return False
            shutil.rmtree(inst.versions_dir / file_id, ignore_errors=True)
            return True

    def replace_keeping_version(self, inst: Instance, file_id: str, source: Path,
                                reason: str, *, only_if_exists: bool = False) -> bool:
        """Puts a copy of `source` in place; the current copy becomes a version first."""
        fd, temp = self.temp_file(inst)
        try:
            with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                shutil.copyfileobj(src, out, 1024 * 1024)
                out.flush()
                os.fsync(out.fileno())
            with self._lock:
                target = self.path(inst, file_id)
                if target.exists():
                    self._keep_version(inst, file_id, target, reason)
                elif only_if_exists:
                    return False
                os.replace(temp, target)
                return True
        finally:
            temp.unlink(missing_ok=True)

    # ---- versions ------------------------------------------------------------------------

    def _keep_version(self, inst: Instance, file_id: str, current: Path, reason: str) -> None:
        folder = inst.versions_dir / file_id
        folder.mkdir(parents=True, exist_ok=True)
        now = datetime.now(UTC)
        version = now.strftime("%Y%m%dT%H%M%S%fZ")
        while (folder / version).exists():
            now = now.replace(microsecond=(now.microsecond + 1) % 1_000_000)
            version = now.strftime("%Y%m%dT%H%M%S%fZ")
        try:
            os.link(current, folder / version)  # the current inode is about to be replaced
        except OSError:
            shutil.copyfile(current, folder / version)
        meta = {"version": version, "size": current.stat().st_size,
                "replaced": utc_iso(now), "reason": reason}
        (folder / f"{version}.json").write_text(json.dumps(meta))
        for old in self._version_names(folder)[:-MAX_VERSIONS]:
            (folder / old).unlink(missing_ok=True)
            (folder / f"{old}.json").unlink(missing_ok=True)

    @staticmethod
    def _version_names(folder: Path) -> list[str]:
        if not folder.is_dir():
            return []
        return sorted(p.stem for p in folder.glob("*.json"))

    def versions(self, inst: Instance, file_id: str) -> list[dict[str, object]]:
        folder = inst.versions_dir / file_id
        found = []
        for name in reversed(self._version_names(folder)):
            try:
                found.append(json.loads((folder / f"{name}.json").read_text()))
            except (OSError, ValueError):
                continue
        return found

    def version_path(self, inst: Instance, file_id: str, version: str) -> Path | None:
        if version not in self._version_names(inst.versions_dir / file_id):
            return None
        path = inst.versions_dir / file_id / version
        return path if path.is_file() else None

    def restore(self, inst: Instance, file_id: str, version: str) -> bool:
        source = self.version_path(inst, file_id, version)
        if source is None:
            return False
        self.replace_keeping_version(inst, file_id, source,
                                     f"replaced by restoring version {version}")
        return True
