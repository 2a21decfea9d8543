"""Every string of the editor has a zh-TW translation, and the compiled catalogue is used."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from helpers.editor import editor_ctx, isolated_fixture, no_keyring_fixture  # noqa: F401
from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]
EDITOR = ROOT / "pmdesk" / "desktop" / "editor"
TS_FILE = ROOT / "resources" / "translations" / "editor_zh_TW.ts"
# Module-level `_tr` helpers and the context each one translates in.
MODULE_CONTEXTS = {"profiles.py": "DbProfileStore", "connection_test.py": "ConnectionTest",
                   "templates.py": "TemplateStore"}


def source_strings() -> dict[tuple[str, str], str]:
    """(context, source text) -> where, for every self.tr / _tr literal of the editor."""
    found: dict[tuple[str, str], str] = {}
    for path in sorted(EDITOR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))

        def visit(node: ast.AST, cls: str | None, path: Path = path) -> None:
            for child in ast.iter_child_nodes(node):
                inner = child.name if isinstance(child, ast.ClassDef) else cls
                if isinstance(child, ast.Call):
                    fn = child.func
                    context = None
                    if (isinstance(fn, ast.Attribute) and fn.attr == "tr"
                            and isinstance(fn.value, ast.Name) and fn.value.id == "self"):
                        context = cls
                    elif isinstance(fn, ast.Name) and fn.id == "_tr":
                        context = MODULE_CONTEXTS.get(path.name)
                    if context:
                        arg = child.args[0] if child.args else None
                        assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), (
                            f"{path.name}:{child.lineno}: tr() needs a literal string")
                        found.setdefault((context, arg.value), f"{path.name}:{child.lineno}")
                visit(child, inner)

        visit(tree, None)
    return found


def ts_messages() -> dict[tuple[str, str], str]:
    root = ET.parse(TS_FILE).getroot()
    out = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            out[(name, message.findtext("source") or "")] = translation.text or ""
    return out


def test_every_editor_string_has_a_translation() -> None:
    strings = source_strings()
    assert len(strings) > 200
    messages = ts_messages()
    missing = [f"{where}: {text!r}" for (ctx, text), where in strings.items()
               if not messages.get((ctx, text))]
    assert not missing, "untranslated (add them to editor_zh_TW.ts):\n" + "\n".join(missing)
    for (_, text), translation in messages.items():
        for n in range(5):  # placeholders survive translation
            assert (f"{{{n}}}" in text) == (f"{{{n}}}" in translation), (text, translation)


def test_the_editor_speaks_traditional_chinese(qtbot: Any, isolated: Path,
                                               no_keyring: None, tmp_path: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    qm = tmp_path / "editor_zh_TW.qm"
    subprocess.run([lrelease, str(TS_FILE), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    try:
        from pmdesk.desktop.editor.job_editor import JobEditor
        from pmdesk.desktop.editor.profiles_dialog import ProfilesDialog

        editor = JobEditor(editor_ctx(isolated))
        qtbot.addWidget(editor)
        assert editor.form.submit_button.text() == "提交(&S)"
        assert "串流" in editor.form.summary_label.text()
        dialog = ProfilesDialog(editor.ctx)
        qtbot.addWidget(dialog)
        assert dialog.test_button.text().startswith("測試連線")
    finally:
        app.removeTranslator(translator)
