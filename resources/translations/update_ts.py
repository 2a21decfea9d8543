"""Refreshes pmdesk_<lang>.ts from the shell's sources and compiles the .qm files.

Finds every `_t("...")` literal in pmdesk/desktop (context "pmdesk"), keeps existing
translations, marks new strings unfinished, drops obsolete ones, then runs
pyside6-lrelease. usage: python resources/translations/update_ts.py [--check]
(--check exits 1 when a string has no translation).
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCES = ROOT / "pmdesk" / "desktop"
SKIP_DIRS = {"editor"}
LANGUAGES = ("zh_TW",)
CONTEXT = "pmdesk"


def source_strings() -> dict[str, str]:
    """Source text -> first location (relative path:line)."""
    found: dict[str, str] = {}
    for path in sorted(SOURCES.rglob("*.py")):
        if SKIP_DIRS & set(path.relative_to(SOURCES).parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "_t" and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value,
                                 f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def read_ts(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    tree = ET.parse(path)  # noqa: S314
    out: dict[str, str] = {}
    for message in tree.getroot().iter("message"):
        src = message.findtext("source") or ""
        tr = message.find("translation")
        if tr is not None and tr.text and tr.get("type") not in ("unfinished", "obsolete",
                                                                  "vanished"):
            out[src] = tr.text
    return out


def write_ts(path: Path, language: str, strings: dict[str, str],
             translations: dict[str, str]) -> list[str]:
    ts = ET.Element("TS", version="2.1", language=language)
    ctx = ET.SubElement(ts, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    missing = []
    for src, where in strings.items():
        msg = ET.SubElement(ctx, "message")
        file, _, line = where.rpartition(":")
        ET.SubElement(msg, "location", filename="../../" + file, line=line)
        ET.SubElement(msg, "source").text = src
        tr = ET.SubElement(msg, "translation")
        if src in translations:
            tr.text = translations[src]
        else:
            tr.set("type", "unfinished")
            missing.append(src)
    ET.indent(ts)
    body = ET.tostring(ts, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                    encoding="utf-8")
    return missing


def lrelease(ts: Path) -> None:
    tool = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent /
                                                   "pyside6-lrelease")
    subprocess.run([tool, "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


def main(argv: list[str]) -> int:
    strings = source_strings()
    status = 0
    for lang in LANGUAGES:
        ts = HERE / f"pmdesk_{lang}.ts"
        translations = read_ts(ts)
        if "--check" in argv:
            missing = [s for s in strings if s not in translations]
        else:
            missing = write_ts(ts, lang, strings, translations)
            lrelease(ts)
        for s in missing:
            print(f"{lang}: no translation for {s!r}")
        status |= bool(missing)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
