"""Runs a Python script INSIDE a frozen pmdesk (bundle or installed), for checks and debugging.

The frozen executable has no Python prompt, but it is a multiprocessing spawn target:
`pmdesk --multiprocessing-fork ...` (what the service's job workers are) unpickles a
process object from a pipe and runs it. This starts the frozen executable exactly that way
with `runpy.run_path(SCRIPT)` as the target and none of this interpreter's sys.path, so the
script sees only what the bundle contains. Exit status and output are the script's.

usage: python packaging/frozen_probe.py FROZEN_PMDESK SCRIPT.py
e.g.   python packaging/frozen_probe.py /opt/pmdesk/pmdesk packaging/probes/keyring_probe.py
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.spawn as spawn
import runpy
import sys
from multiprocessing import resource_tracker
from pathlib import Path
from typing import Any


def run_in_frozen(executable: str, script: str) -> int:
    def frozen_command_line(**kwds: Any) -> list[str]:
        # what a frozen parent would run (multiprocessing.spawn.get_command_line)
        return [executable, "--multiprocessing-fork", *(f"{k}={v!r}" for k, v in kwds.items())]

    def bare_preparation_data(name: str) -> dict[str, Any]:
        # no sys.path, cwd or __main__ of this interpreter: only the bundle's modules
        return {"log_to_stderr": False, "authkey": bytes(multiprocessing.current_process().authkey)}

    # the resource tracker must stay this interpreter's: a frozen one would be started with
    # this interpreter's flags, which the frozen app's multiprocessing hook does not accept
    resource_tracker.ensure_running()
    spawn.get_command_line = frozen_command_line
    spawn.get_preparation_data = bare_preparation_data
    spawn.set_executable(executable)
    ctx = multiprocessing.get_context("spawn")
    proc = ctx.Process(target=runpy.run_path, args=(str(Path(script).resolve()),),
                       kwargs={"run_name": "__main__"})
    proc.start()
    proc.join(timeout=120)
    if proc.exitcode is None:
        proc.kill()
        print("frozen_probe: the script did not finish within 120 s", file=sys.stderr)
        return 1
    return proc.exitcode


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(run_in_frozen(sys.argv[1], sys.argv[2]))
