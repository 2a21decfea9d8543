"""Both pollers of the polling benchmark, side by side, each behind its own counting proxy.

`python -m benchmarks.polling_child URL KEY INTERVAL_MS WARMUP_S WINDOW_S WINDOWS` runs the
app's Poller (pmdesk.desktop.poller, with PMClient, in a Qt event loop as in the app) and,
at the same time in a thread, the minimum poller: one conditional GET /pm/v1/jobs per
interval with If-None-Match. After the warm-up (first full answers), counts are taken per
window; one JSON line per window: {"app": {...}, "minimum": {...}}.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from urllib.parse import urlsplit

import httpx

from benchmarks.proxy import CountingProxy, Counts


def minimum_poller(url: str, key: str, interval: float, stop: threading.Event) -> None:
    etag: str | None = None
    with httpx.Client(base_url=url, timeout=30) as client:
        while not stop.is_set():
            t0 = time.monotonic()
            headers = {"If-None-Match": etag} if etag else {}
            r = client.get("/pm/v1/jobs", params={"accesskey": key}, headers=headers)
            if r.status_code == 200:
                etag = r.headers.get("etag")
            stop.wait(max(0.0, interval - (time.monotonic() - t0)))


def as_dict(c: Counts) -> dict[str, object]:
    return {"requests": c.requests, "bytes": c.total_bytes, "received": c.received_bytes,
            "statuses": c.statuses}


def main(url: str, key: str, interval_ms: int, warmup: float, window: float,
         windows: int) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from pmdesk.api.client import PMClient
    from pmdesk.desktop.poller import Poller

    port = urlsplit(url).port or 80
    app_proxy = CountingProxy(port).start()
    min_proxy = CountingProxy(port).start()
    app = QCoreApplication([])
    received = [0]
    poller = Poller(lambda: PMClient(app_proxy.url, key), interval_ms)
    poller.jobs.connect(lambda jobs: received.__setitem__(0, len(jobs)))
    failures: list[str] = []
    poller.failed.connect(lambda message, _delay: failures.append(message))
    stop = threading.Event()
    thread = threading.Thread(target=minimum_poller,
                              args=(min_proxy.url, key, interval_ms / 1000, stop))

    def spin(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    poller.start()
    thread.start()
    try:
        spin(warmup)
        app_proxy.reset()
        min_proxy.reset()
        for _ in range(windows):
            spin(window)
            print(json.dumps({"seconds": window, "app": as_dict(app_proxy.reset()),
                              "minimum": as_dict(min_proxy.reset()),
                              "jobs_seen": received[0], "failures": failures[-3:]}),
                  flush=True)
    finally:
        stop.set()
        poller.stop()
        thread.join(30)
        app_proxy.stop()
        min_proxy.stop()
        del app


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]),
         int(sys.argv[6]))
