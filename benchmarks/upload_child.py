"""The client side of the upload benchmark, alone in its process so its peak RSS is its own.

`python -m benchmarks.upload_child URL KEY FILE_ID PATH` uploads through PMClient.upload_file
and prints one JSON line {"seconds": the upload call only, "calls": progress callbacks}.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path


def main(url: str, key: str, file_id: str, path: str) -> None:
    from pmdesk.api.client import PMClient

    calls = [0]

    def progress(*_args: object) -> None:
        calls[0] += 1

    client = PMClient(url, key)
    t0 = time.perf_counter()
    client.upload_file(file_id, Path(path), progress, threading.Event())
    seconds = time.perf_counter() - t0
    close = getattr(client, "close", None)
    if callable(close):
        close()
    print(json.dumps({"seconds": seconds, "calls": calls[0]}))


if __name__ == "__main__":
    main(*sys.argv[1:5])
