"""The installer check: build the .deb, install it, run the installed pmdesk, remove it.

Runs packaging/check-deb.sh, which needs root on Debian (it calls dpkg -i / dpkg -r), so it
skips elsewhere. It takes minutes: PyInstaller freezes the whole app.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "packaging" / "check-deb.sh"


def _why_not_here() -> str | None:
    if not Path("/etc/debian_version").is_file():
        return "not a Debian machine"
    if shutil.which("dpkg") is None or shutil.which("dpkg-deb") is None:
        return "dpkg / dpkg-deb not available"
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root (the check installs the .deb with dpkg -i)"
    if not (ROOT / ".venv" / "bin" / "pyinstaller").exists():
        return ".venv has no pyinstaller (run bash .ci/setup)"
    return None


@pytest.mark.slow
@pytest.mark.packaging
@pytest.mark.timeout(1200)
@pytest.mark.skipif(_why_not_here() is not None, reason=str(_why_not_here()))
def test_deb_installs_and_installed_pmdesk_works() -> None:
    env = {**os.environ, "PMDESK_SKIP_SETUP": "1"}  # this test already runs in the venv
    for var in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(var, None)
    proc = subprocess.run(["bash", str(CHECK)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=1100)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"check-deb.sh exited {proc.returncode}:\n{output[-6000:]}"
    assert "check-deb: PASSED" in proc.stdout, output[-6000:]
    print(output[-1500:])  # sizes and timings, shown with pytest -s / -rP
