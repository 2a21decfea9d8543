"""`pmdesk serve --desktop-session FILE`: the embedded service of a desktop app outlives the
app only as long as it has work.

The desktop writes its own process id into FILE. While that process lives, the service runs
as usual. Once it is gone (the user quit and chose to let running jobs finish, or the app
crashed) the service stops itself as soon as no job is pending, running or canceling, so
nothing is left running for nothing, and jobs are never killed by a quit. A desktop that
starts again writes its pid into FILE and so takes the running service over.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)
UNFINISHED = ("PENDING", "RUNNING", "CANCELING")


def pid_alive(pid: int) -> bool:
    """True while a process with this id exists (zombies count as ended)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, another user's
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc: os.kill said it exists
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def owner_pid(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def unfinished_jobs(db_path: Path) -> int:
    """Jobs of any instance not finished yet, read on a separate read-only connection."""
    if not db_path.exists():
        return 0
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        marks = ",".join("?" * len(UNFINISHED))
        row = conn.execute(f"SELECT COUNT(*) FROM jobs WHERE state IN ({marks})",  # noqa: S608
                           UNFINISHED).fetchone()
        return int(row[0])
    finally:
        conn.close()


class IdleStopper(threading.Thread):
    """Checks every `interval` seconds; calls `stop` once the owner is gone and no job is
    left. Two idle checks in a row are needed, so a job submitted at the last moment runs."""

    def __init__(self, owner_file: Path, db_path: Path, stop: Callable[[], None],
                 interval: float = 1.0) -> None:
        super().__init__(name="desktop-session", daemon=True)
        self.owner_file = owner_file
        self.db_path = db_path
        self.stop = stop
        self.interval = interval
        self.halted = threading.Event()
        self._announced = False

    def halt(self) -> None:
        self.halted.set()

    def idle_now(self) -> bool:
        pid = owner_pid(self.owner_file)
        if pid is not None and pid_alive(pid):
            self._announced = False
            return False
        try:
            left = unfinished_jobs(self.db_path)
        except sqlite3.Error as exc:  # busy or being created: ask again next time
            log.debug("desktop session: cannot count jobs: %s", exc)
            return False
        if left and not self._announced:
            log.info("the desktop app has quit; stopping once %d job(s) have finished", left)
            self._announced = True
        return left == 0

    def run(self) -> None:
        idle_checks = 0
        while not self.halted.wait(self.interval):
            idle_checks = idle_checks + 1 if self.idle_now() else 0
            if idle_checks >= 2:
                log.info("the desktop app has quit and no job is left: stopping")
                self.stop()
                return
