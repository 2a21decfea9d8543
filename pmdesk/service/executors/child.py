"""`python -m pmdesk.service.executors.child`: one job in a process of its own on a cluster
worker (a Dask worker may be a daemon process, which multiprocessing may not fork from).

Reads a pickled WorkerTask on stdin; writes length-prefixed pickled messages (the worker's
messages: progress, then the outcome) to what was stdout; everything the engine prints goes
to stderr instead. Exits when its parent (the Dask worker) goes away.

Both sides unpickle with `loads`, which builds plain values (tuples, dicts, strings,
bytes, numbers) and WorkerTask only: a message can name no other class or function, so
even a corrupted pipe cannot make either process run code.
"""

from __future__ import annotations

import io
import os
import pickle
import signal
import struct
import sys
import threading
from typing import Any, BinaryIO

from pmdesk.service.worker import WorkerTask, run_one

HEADER = struct.Struct("!I")
ALLOWED = {("pmdesk.service.worker", "WorkerTask"): WorkerTask}


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in ALLOWED:
            return ALLOWED[(module, name)]
        raise pickle.UnpicklingError(f"a job message may not hold {module}.{name}")


def loads(data: bytes) -> Any:
    """pickle.loads limited to plain values and WorkerTask (see the module's docstring)."""
    return _PlainUnpickler(io.BytesIO(data)).load()


class PipeSender:
    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self._lock = threading.Lock()

    def send(self, obj: Any) -> None:
        data = pickle.dumps(obj)
        with self._lock:
            self._out.write(HEADER.pack(len(data)) + data)
            self._out.flush()


def read_message(stream: BinaryIO) -> Any:
    """The next message, or EOFError when the child closed its end."""
    head = stream.read(HEADER.size)
    if len(head) < HEADER.size:
        raise EOFError
    size = HEADER.unpack(head)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return loads(data)


def _die_with_parent(parent: int) -> None:
    """The kernel kills this process when its parent dies (Linux); elsewhere, and as a
    second line, a thread watches for being re-parented."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it died before the line above
        os._exit(3)

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(3)
            threading.Event().wait(0.5)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main() -> int:
    # the parent's pid as the parent saw it: one that died while this process started
    # must not be mistaken for init (then getppid() would already say 1)
    expected = int(sys.argv[1]) if len(sys.argv) > 1 else os.getppid()
    _die_with_parent(expected)
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # prints of the engine or a library never corrupt the message pipe
    task = loads(sys.stdin.buffer.read())
    if not isinstance(task, WorkerTask):
        return 2
    sender = PipeSender(out)
    sender.send(run_one(sender, task))
    out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
