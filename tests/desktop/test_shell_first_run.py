"""Issue 14 item 13 (outside the editor): on first run the app makes a "Samples" database
connection for the local service's sample database; once deleted it stays deleted. The
real embedded `pmdesk serve` writes the samples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.gui


def test_samples_connection_is_made_once(qtbot: Any, make_ctx: Any, tmp_path: Path) -> None:
    from pmdesk.desktop.editor.profiles import profile_store
    from pmdesk.desktop.main_window import MainWindow

    ctx = make_ctx()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.connection_state == "ok", timeout=90_000)
    store = profile_store(ctx)
    qtbot.waitUntil(lambda: store.get("Samples") is not None, timeout=10_000)
    profile = store.get("Samples")
    assert profile is not None and profile.type == "SQLite"
    database = Path(profile.db)
    assert database == tmp_path / "local-data" / "samples" / "samples.db"
    assert database.is_file()
    assert not profile.needs_password

    # the user removes it: the next start does not bring it back
    store.delete("Samples")
    assert window.make_samples_profile() is None
    window.close()
    ctx2 = make_ctx()  # same settings file: the next start
    again = MainWindow(ctx2)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.connection_state == "ok", timeout=90_000)
    assert profile_store(ctx2).get("Samples") is None
    again.close()
