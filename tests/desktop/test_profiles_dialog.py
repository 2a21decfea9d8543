"""The connection profiles manager: fields, SQLite specifics, passwords, test connection."""

from __future__ import annotations

import importlib.util
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from helpers.editor import editor_ctx, isolated_fixture, no_keyring_fixture, wait_for_workers  # noqa: F401
from PySide6.QtWidgets import QLineEdit, QMessageBox

from pmdesk.desktop.editor.profiles import SETTINGS_KEY, DbProfile, profile_store
from pmdesk.desktop.editor.profiles_dialog import ProfilesDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot: Any, isolated: Path, no_keyring: None) -> ProfilesDialog:
    widget = ProfilesDialog(editor_ctx(isolated))
    # A test that ends mid-edit must not leave the "discard changes?" question open.
    qtbot.addWidget(widget, before_close_func=lambda w: setattr(w, "_dirty", False))
    widget.show()
    yield widget
    wait_for_workers()


def fill(qtbot: Any, edit: QLineEdit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def test_new_profile_through_the_form(qtbot: Any, dialog: ProfilesDialog,
                                      isolated: Path) -> None:
    assert dialog.store.profiles() == []
    assert dialog.findChild(object, "noKeyringNotice") is not None
    fill(qtbot, dialog.name_edit, "Warehouse")
    dialog.type_combo.setCurrentText("PostgreSQL")
    assert dialog.problem_label.text() == "Give the database name."
    fill(qtbot, dialog.db_edit, "dw")
    assert "host" in dialog.problem_label.text()
    assert not dialog.save_button.isEnabled()
    fill(qtbot, dialog.host_edit, "db.example")
    dialog.port_spin.setValue(5433)
    fill(qtbot, dialog.user_edit, "analyst")
    fill(qtbot, dialog.options_edit, "sslmode=require")
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    fill(qtbot, dialog.password_edit, "pw-123")
    assert dialog.problem_label.text() == ""
    dialog.save_button.click()
    assert dialog.store.get("Warehouse") == DbProfile(
        name="Warehouse", type="PostgreSQL", host="db.example", port=5433, db="dw",
        username="analyst", options="sslmode=require", save_password=True)
    assert dialog.password_edit.text() == ""  # never shown back
    assert dialog.store.password("Warehouse") == "pw-123"  # memory only: no keyring here
    assert "kept only until PMDesk closes" in dialog.test_label.text()
    settings_text = (isolated / "settings.ini").read_text(encoding="utf-8")
    assert "pw-123" not in settings_text
    assert "Warehouse" in str(dialog.store.settings.value(SETTINGS_KEY))

    # A second profile cannot take the same name.
    dialog.new_button.click()
    fill(qtbot, dialog.name_edit, "Warehouse")
    assert "already called Warehouse" in dialog.problem_label.text()
    # Closing with edits that cannot be saved asks first (without blocking the window).
    dialog.reject()
    assert dialog.isVisible() and dialog.question is not None
    assert "already called Warehouse" in dialog.question.text()
    dialog.question.button(QMessageBox.StandardButton.Discard).click()
    assert not dialog.isVisible()
    assert dialog.store.names() == ["Warehouse"]


def test_valid_edits_are_saved_when_switching(qtbot: Any, dialog: ProfilesDialog) -> None:
    dialog.store.save(DbProfile(name="A", type="MySQL", host="h", db="a"))
    dialog.store.save(DbProfile(name="B", type="MySQL", host="h", db="b"))
    dialog.select("A")
    fill(qtbot, dialog.db_edit, "a2")
    dialog.select("B")
    assert dialog.name_edit.text() == "B"
    assert dialog.store.get("A").db == "a2"  # type: ignore[union-attr]


def test_sqlite_uses_a_file_and_no_host(qtbot: Any, dialog: ProfilesDialog,
                                        isolated: Path) -> None:
    dialog.type_combo.setCurrentText("SQLite")
    assert not dialog.host_edit.isEnabled() and not dialog.port_spin.isEnabled()
    assert not dialog.password_edit.isEnabled()
    assert dialog.browse_button.isVisibleTo(dialog)
    assert "file" in dialog.db_label.text()
    assert dialog.problem_label.text() == "Give the path of the SQLite database file."
    dialog.type_combo.setCurrentText("Oracle")
    assert dialog.host_edit.isEnabled() and not dialog.browse_button.isVisibleTo(dialog)


def test_rename_moves_the_password_and_delete_forgets_it(
        qtbot: Any, dialog: ProfilesDialog) -> None:
    store = dialog.store
    store.save(DbProfile(name="Old", type="MySQL", host="h", db="d"), password="pw")
    dialog.select("Old")
    assert dialog.name_edit.text() == "Old"
    fill(qtbot, dialog.name_edit, "New")
    dialog.save_button.click()
    assert store.names() == ["New"]
    assert store.password("New") == "pw" and store.password("Old") is None
    dialog.delete_current()
    assert store.names() == [] and store.password("New") is None


def test_test_connection_on_a_real_sqlite_file(qtbot: Any, dialog: ProfilesDialog,
                                               isolated: Path) -> None:
    path = isolated / "real.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table t (x)")
    conn.close()
    fill(qtbot, dialog.name_edit, "Local")
    dialog.type_combo.setCurrentText("SQLite")
    fill(qtbot, dialog.db_edit, str(path))
    assert dialog.test_button.isEnabled()
    dialog.test_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert dialog.test_label.text().startswith("Connected to SQLite")

    missing = isolated / "missing.db"
    fill(qtbot, dialog.db_edit, str(missing))
    dialog.test_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert "does not exist" in dialog.test_label.text()
    assert not missing.exists()  # testing never creates a database


def test_test_connection_names_the_missing_driver(qtbot: Any, dialog: ProfilesDialog) -> None:
    if importlib.util.find_spec("pymysql") is not None:
        pytest.skip("PyMySQL is installed here, so the MySQL test button is enabled")
    fill(qtbot, dialog.name_edit, "Shop")
    dialog.type_combo.setCurrentText("MySQL")
    assert not dialog.test_button.isEnabled()
    assert "PyMySQL" in dialog.test_button.text()
    dialog.type_combo.setCurrentText("Salesforce")
    assert not dialog.test_button.isEnabled()
    assert "not available for Salesforce" in dialog.test_button.text()


def test_test_connection_reports_a_refused_postgresql(qtbot: Any,
                                                      dialog: ProfilesDialog) -> None:
    fill(qtbot, dialog.name_edit, "Nowhere")
    dialog.type_combo.setCurrentText("PostgreSQL")
    fill(qtbot, dialog.host_edit, "127.0.0.1")
    dialog.port_spin.setValue(1)  # nothing listens on port 1
    fill(qtbot, dialog.db_edit, "none")
    fill(qtbot, dialog.password_edit, "secret-typed")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)
    assert dialog.test_label.text().startswith("Could not connect:")
    assert "secret-typed" not in dialog.test_label.text()


@pytest.mark.postgres
def test_test_connection_on_real_postgresql(qtbot: Any, dialog: ProfilesDialog) -> None:
    url = os.environ.get("PMDESK_TEST_PG_URL")
    if not url:
        pytest.skip("PMDESK_TEST_PG_URL is not set")
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    fill(qtbot, dialog.name_edit, "PG")
    dialog.type_combo.setCurrentText("PostgreSQL")
    fill(qtbot, dialog.host_edit, parsed.host or "127.0.0.1")
    dialog.port_spin.setValue(parsed.port or 5432)
    fill(qtbot, dialog.db_edit, parsed.database or "")
    fill(qtbot, dialog.user_edit, parsed.username or "")
    fill(qtbot, dialog.password_edit, parsed.password or "")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)
    assert dialog.test_label.text().startswith("Connected to PostgreSQL")


def test_profile_store_survives_a_restart(isolated: Path, qapp: Any,
                                          no_keyring: None) -> None:
    ctx = editor_ctx(isolated)
    profile_store(ctx).save(DbProfile(name="Kept", type="DB2", host="h", port=50000, db="d",
                                      username="u", extra={"futureField": 1}))
    again = profile_store(editor_ctx(isolated))  # a new process reads the same settings
    kept = again.get("Kept")
    assert kept is not None and kept.port == 50000 and kept.extra == {"futureField": 1}
