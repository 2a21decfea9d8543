"""Entry script PyInstaller freezes: the same `pmdesk` command pip installs.

It lives outside the package so the bundle's `__main__` is not `pmdesk.__main__`, and it
calls nothing before `pmdesk.cli.main`, which runs `multiprocessing.freeze_support()` first
so spawned worker processes of the frozen executable become workers, not a second app.
"""

import sys

from pmdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
