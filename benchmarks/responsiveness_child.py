"""The GUI-thread probe: the app's Jobs and Streams panels in a shown window, offscreen.

`python -m benchmarks.responsiveness_child URL KEY STREAM_FILE WINDOW_S WINDOWS WARMUP_S DATA_DIR`
A 5 ms precise QTimer on the GUI thread records when it fires; a gap much longer than 5 ms
is a time the window could not paint or react. Three phases, each WINDOWS windows long,
one JSON line per window {"phase", "max_ms", "p99_ms", "ticks"}:
  idle    - the window shown, no server yet (nothing polls, nothing uploads)
  jobs    - connected: the Jobs panel polls the service (N jobs, M active) every second
  progress - the same while one RUNNING job reports progress every second (written into the
            service's jobs database by a thread here, as its worker pool would)
  upload  - the Streams panel uploads STREAM_FILE (once per window, to its end), still polling
"""

from __future__ import annotations

import itertools
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.common import percentile


def report_progress(data_dir: Path, key: str, stop: threading.Event) -> None:
    from benchmarks.seed import jobs_db

    db, ns = jobs_db(data_dir, key)
    try:
        job = next(r for r in db.list(ns) if r.state == "RUNNING")
        done = 0
        while not stop.wait(1.0):
            done += 10_000
            db.set_progress(ns, job.id, job.run_id or "", done, 10_000_000)
    finally:
        db.close()


def main(url: str, key: str, stream: str, window: float, windows: int, warmup: float,
         data_dir: str) -> None:
    from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter

    from pmdesk.desktop.context import AppContext
    from pmdesk.desktop.jobs_panel import JobsPanel
    from pmdesk.desktop.secrets import SecretStore
    from pmdesk.desktop.streams_panel import StreamsPanel
    from pmdesk.desktop.workers import TaskRunner

    app = QApplication([])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    settings.setValue("jobs/poll_seconds", 1.0)
    ctx = AppContext(settings, SecretStore())
    runner = TaskRunner()
    window_ = QMainWindow()
    split = QSplitter(Qt.Orientation.Vertical)
    jobs_panel = JobsPanel(ctx, runner)
    streams_panel = StreamsPanel(ctx, runner)
    split.addWidget(streams_panel)
    split.addWidget(jobs_panel)
    window_.setCentralWidget(split)
    window_.resize(1280, 860)
    window_.show()

    ticks: list[float] = []
    probe = QTimer()
    probe.setTimerType(Qt.TimerType.PreciseTimer)
    probe.setInterval(5)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def spin(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    def measure(phase: str, until: object = None) -> None:
        ticks.clear()
        probe.start()
        if until is None:
            spin(window)
        else:
            loop = QEventLoop()
            until.finished.connect(loop.quit)  # type: ignore[attr-defined]
            QTimer.singleShot(600_000, loop.quit)
            loop.exec()
        probe.stop()
        gaps = [1000 * (b - a) for a, b in itertools.pairwise(ticks)]
        print(json.dumps({"phase": phase, "max_ms": max(gaps, default=float("nan")),
                          "p99_ms": percentile(gaps, 99), "ticks": len(ticks),
                          "jobs": jobs_panel.model.rowCount()}), flush=True)

    spin(warmup)
    for _ in range(windows):
        measure("idle")
    ctx.set_server("bench", url, lambda: key)
    spin(warmup)  # the first full list (all jobs) arrives and fills the table
    for _ in range(windows):
        measure("jobs")
    stop = threading.Event()
    progress = threading.Thread(target=report_progress, args=(Path(data_dir), key, stop))
    progress.start()
    spin(1.5)
    for _ in range(windows):
        measure("progress")
    stop.set()
    progress.join()
    spin(1.5)
    for i in range(windows):
        task = streams_panel.upload(Path(stream), f"bench-upload-{i}.pmstream")
        outcome: list[str] = []
        task.failed.connect(outcome.append)
        measure("upload", task)
        if outcome:
            print(json.dumps({"phase": "upload-failed", "message": outcome[0]}), flush=True)
    ctx.set_server("", None, None)
    jobs_panel.stop_polling()
    runner.shutdown()
    window_.close()
    app.processEvents()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5]),
         float(sys.argv[6]), sys.argv[7])
