"""Measures time to a shown main window inside the started process.

`python -m benchmarks.startup_child T0 app [ARGS...]` runs the desktop app exactly as the
`pmdesk` command does (pmdesk.cli.main), with one hook: when the app enters its event loop,
a zero timer checks for a visible QMainWindow; once one is shown and the loop has turned
(its show and expose events handled), it prints the seconds since T0 (the parent's
time.time() just before spawning, so interpreter start and imports count) and quits.
`... T0 bare` does the same for an empty QMainWindow: the baseline.
"""

from __future__ import annotations

import sys
import time


def _install_hook(t0: float) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    original = QApplication.exec

    def check() -> None:
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMainWindow) and w.isVisible()]
        if shown:
            print(f"shown {time.time() - t0:.4f}", flush=True)
            QTimer.singleShot(0, QApplication.closeAllWindows)
            QTimer.singleShot(50, QApplication.quit)
        else:
            QTimer.singleShot(5, check)

    def exec_with_probe(*args: object) -> int:
        QTimer.singleShot(0, check)
        return original()

    QApplication.exec = exec_with_probe  # type: ignore[method-assign]
    QApplication.exec_ = exec_with_probe  # type: ignore[method-assign]


def main() -> int:
    t0 = float(sys.argv[1])
    what = sys.argv[2]
    if what == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        _install_hook(t0)
        app = QApplication([])
        window = QMainWindow()
        window.resize(1200, 800)
        window.show()
        return int(app.exec())
    _install_hook(t0)
    from pmdesk.cli import main as pmdesk_main

    return pmdesk_main(sys.argv[3:])


if __name__ == "__main__":
    sys.exit(main())
