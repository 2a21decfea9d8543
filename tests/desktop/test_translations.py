"""One translation mechanism: every string lupdate finds has a zh-TW translation, and under
zh-TW no visible text of the window, the editor or its dialogs is left in English."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers.editor import editor_ctx, isolated_fixture, no_keyring_fixture  # noqa: F401
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QLineEdit, QTabWidget, QWidget

ROOT = Path(__file__).resolve().parents[2]
UPDATE_TS = ROOT / "resources" / "translations" / "update_ts.py"
TS_FILE = ROOT / "resources" / "translations" / "pmdesk_zh_TW.ts"
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
# Words that stay as they are in every language: names, contract values, formats.
KEEP = re.compile(r"PMDesk|BATCH_SCORE|TRAINING|EVALUATION|AUTO_REFRESH|RUN_STREAM|SQLite|"
                  r"JSON|HTML|PDF|CSV|ZIP|URL|ID|dbRef|Ctrl\+\w+|\.str|\.json|\.zip|https?://")


def load_update_ts() -> Any:
    sys.path.insert(0, str(UPDATE_TS.parent))
    try:
        import update_ts
    finally:
        sys.path.pop(0)
    return update_ts


def test_every_string_has_a_translation_with_its_placeholders() -> None:
    answer = subprocess.run([sys.executable, str(UPDATE_TS), "--check"],
                            capture_output=True, text=True)
    assert answer.returncode == 0, "run resources/translations/update_ts.py:\n" + answer.stdout
    messages = load_update_ts().messages(TS_FILE)
    assert len(messages) > 400
    for (_ctx, text), translation in messages.items():
        assert translation
        for name in re.findall(r"\{\w*\}", text):  # placeholders survive translation
            assert name in translation, (text, translation)


def english_left(root: QWidget) -> list[str]:
    """Visible texts under `root` that hold English words and no Chinese."""
    texts: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        texts += [a.text() for a in w.actions()]
    left = []
    for text in texts:
        rest = KEEP.sub("", text.replace("&", ""))
        if re.search(r"[A-Za-z]{3,}", rest) and not CJK.search(text):
            left.append(text)
    return sorted(set(left))


@pytest.fixture
def zh_tw(qapp: Any) -> Any:
    from pmdesk.desktop.i18n import install_translators

    assert install_translators("zh_TW")
    yield
    install_translators("en")


def test_no_visible_string_stays_english(qtbot: Any, make_ctx: Any, isolated: Path,
                                         no_keyring: None, zh_tw: None) -> None:
    from pmdesk.desktop.editor.password_prompt import PasswordPrompt
    from pmdesk.desktop.editor.profiles_dialog import ProfilesDialog
    from pmdesk.desktop.main_window import MainWindow

    window = MainWindow(make_ctx(), start_server=False)
    qtbot.addWidget(window)
    assert window.editor.form.submit_button.text() == "提交(&S)"
    assert "串流" in window.editor.form.summary_label.text()
    dialog = ProfilesDialog(window.ctx)
    qtbot.addWidget(dialog)
    assert dialog.test_button.text().startswith("測試連線")
    prompt = PasswordPrompt([("db1", "db1")], None)
    qtbot.addWidget(prompt)
    left = [t for w in (window, dialog, prompt) for t in english_left(w)]
    assert not left, f"English left under zh-TW: {left}"
