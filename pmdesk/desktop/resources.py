"""Where the shipped resources (icons, translations) are, in a source tree or a frozen build."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """PMDESK_RESOURCES, else the PyInstaller bundle's copy, else the source tree's."""
    env = os.environ.get("PMDESK_RESOURCES")
    if env:
        return Path(env)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / "resources").is_dir():
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
