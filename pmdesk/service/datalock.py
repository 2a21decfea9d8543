"""One service per data dir: a second one would fail the first one's running jobs."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

LOCK_FILE = "service.lock"


class DataDirBusyError(RuntimeError):
    pass


def lock_data_dir(data_dir: Path) -> IO[str]:
    """Holds an exclusive lock on the data dir while the returned file stays open.

    The operating system drops the lock when the process dies, even by kill -9.
    """
    f = (data_dir / LOCK_FILE).open("a+")
    try:
        if sys.platform == "win32":
            import msvcrt

            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        f.close()
        raise DataDirBusyError(f"another pmdesk serve is using the data dir {data_dir}; "
                               "stop it first or choose another --data-dir") from None
    f.seek(0)
    f.truncate()
    f.write(f"{os.getpid()}\n")
    f.flush()
    return f
