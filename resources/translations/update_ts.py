"""Refreshes pmdesk_<lang>.ts from the desktop's sources with pyside6-lupdate, then compiles
the .qm files with pyside6-lrelease: one catalogue per language for the whole app.

lupdate finds `self.tr(...)` (context: the class), `QCoreApplication.translate(ctx, ...)`
and `_t(...)` (an alias of tr; the empty context, see pmdesk/desktop/i18n.py). Existing
translations are kept, new strings are marked unfinished, vanished ones are dropped.
usage: python resources/translations/update_ts.py [--check]
(--check changes nothing and exits 1 when a string has no translation).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCES = ROOT / "pmdesk" / "desktop"
LANGUAGES = ("zh_TW",)
ALIAS = "tr+=_t"


def _tool(name: str) -> str:
    return shutil.which(name) or str(Path(sys.executable).parent / name)


def lupdate(ts: Path) -> None:
    """Brings `ts` up to date with the sources (creates it when missing)."""
    files = [str(p) for p in sorted(SOURCES.rglob("*.py"))]
    subprocess.run([_tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations",
                    "relative", "-tr-function-alias", ALIAS, *files, "-ts", str(ts)],
                   check=True)


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation, None when unfinished."""
    if not ts.exists():
        return {}
    out: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314 (our own file)
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            done = tr is not None and tr.text and tr.get("type") not in (
                "unfinished", "obsolete", "vanished")
            out[(name, message.findtext("source") or "")] = tr.text if done and tr is not None \
                else None
    return out


def source_strings() -> dict[str, str]:
    """Every source text lupdate finds today -> its context."""
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / "all.ts"
        lupdate(ts)
        return {src: ctx for (ctx, src) in messages(ts)}


def read_ts(path: Path) -> dict[str, str]:
    """Source text -> translation, for the translated messages of a catalogue."""
    return {src: tr for (_ctx, src), tr in messages(path).items() if tr}


def lrelease(ts: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm",
                    str(ts.with_suffix(".qm"))], check=True)


def main(argv: list[str]) -> int:
    status = 0
    for lang in LANGUAGES:
        ts = HERE / f"pmdesk_{lang}.ts"
        if "--check" in argv:
            with tempfile.TemporaryDirectory() as tmp:
                copy = Path(tmp) / ts.name
                shutil.copyfile(ts, copy)
                lupdate(copy)
                found = messages(copy)
        else:
            lupdate(ts)
            lrelease(ts)
            found = messages(ts)
        for (ctx, src), tr in found.items():
            if tr is None:
                print(f"{lang}: no translation for {ctx}/{src!r}")
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
