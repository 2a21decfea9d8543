"""Profile passwords through a real Secret Service (gnome-keyring in dbus-run-session).

Run locally:
  HOME=$(mktemp -d) dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock \
    --components=secrets >/dev/null; .venv/bin/pytest tests/desktop/test_profiles_keyring.py'
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import keyring
import pytest
from helpers.editor import (  # noqa: F401  (fixtures)
    STREAM,
    editor_ctx,
    fill_batch_score,
    isolated_fixture,
    real_secret_service,
    samples_fixture,
    upload_stream,
    wait_finished,
    wait_for_workers,
)
from PySide6.QtWidgets import QLineEdit

from pmdesk.api.models import MASK, JobState
from pmdesk.desktop.editor.job_editor import JobEditor
from pmdesk.desktop.editor.profiles import DbProfile, profile_store
from pmdesk.desktop.editor.profiles_dialog import ProfilesDialog
from pmdesk.desktop.secrets import SERVICE

pytestmark = [pytest.mark.keyring, pytest.mark.gui]


@pytest.fixture(autouse=True)
def _secret_service() -> None:
    if not real_secret_service():
        pytest.skip("no Secret Service keyring backend here (run inside dbus-run-session "
                    "with gnome-keyring, as .ci/test does)")


def test_profile_password_round_trip_through_the_keyring(qtbot: Any, isolated: Path) -> None:
    ctx = editor_ctx(isolated)
    assert ctx.secrets.available
    dialog = ProfilesDialog(ctx)
    qtbot.addWidget(dialog, before_close_func=lambda w: setattr(w, "_dirty", False))
    dialog.show()
    assert dialog.findChild(object, "noKeyringNotice") is None
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "Keyring DB")
    dialog.type_combo.setCurrentText("PostgreSQL")
    qtbot.keyClicks(dialog.host_edit, "db.example")
    qtbot.keyClicks(dialog.db_edit, "dw")
    qtbot.keyClicks(dialog.password_edit, "kr-secret-1")
    dialog.save_button.click()
    try:
        assert keyring.get_password(SERVICE, "db:Keyring DB") == "kr-secret-1"
        assert dialog.password_edit.text() == ""
        assert "saved" in dialog.password_edit.placeholderText()
        for edit in dialog.findChildren(QLineEdit):
            assert "kr-secret-1" not in edit.text()
        assert "kr-secret-1" not in (isolated / "settings.ini").read_text(encoding="utf-8")

        # A new session (fresh store, fresh SecretStore) reads it back from the keyring.
        again = profile_store(editor_ctx(isolated))
        assert again.password("Keyring DB") == "kr-secret-1"

        # Rename moves the secret to the new name.
        dialog.name_edit.clear()
        qtbot.keyClicks(dialog.name_edit, "Renamed DB")
        dialog.save_button.click()
        assert keyring.get_password(SERVICE, "db:Renamed DB") == "kr-secret-1"
        assert keyring.get_password(SERVICE, "db:Keyring DB") is None

        # "Save password" off: out of the keyring, still known for this session.
        dialog.save_password_check.setChecked(False)
        dialog.save_button.click()
        assert keyring.get_password(SERVICE, "db:Renamed DB") is None
        assert dialog.store.password("Renamed DB") == "kr-secret-1"
        dialog.save_password_check.setChecked(True)
        qtbot.keyClicks(dialog.password_edit, "kr-secret-2")
        dialog.save_button.click()
        assert keyring.get_password(SERVICE, "db:Renamed DB") == "kr-secret-2"

        dialog.delete_current()
        assert keyring.get_password(SERVICE, "db:Renamed DB") is None
    finally:
        for name in ("Keyring DB", "Renamed DB"):
            ctx.secrets.delete("db", name)


def test_submit_injects_the_keyring_password(qtbot: Any, isolated: Path, live_server: Any,
                                             samples: Path) -> None:
    upload_stream(live_server, STREAM, (samples / STREAM).read_bytes())
    ctx = editor_ctx(isolated, live_server)
    with live_server.client() as client:
        ctx.set_streams(client.list_files())
    store = profile_store(ctx)
    store.save(DbProfile(name="Drug samples", type="SQLite", db=str(samples / "samples.db")))
    pg_url = os.environ.get("PMDESK_TEST_PG_URL")
    if pg_url:
        from sqlalchemy.engine import make_url

        u = make_url(pg_url)
        warehouse = DbProfile(name="Warehouse", type="PostgreSQL", host=u.host or "",
                              port=u.port, db=u.database or "", username=u.username or "")
        password = u.password or "unused"
    else:
        warehouse = DbProfile(name="Warehouse", type="PostgreSQL", host="127.0.0.1", port=1,
                              db="dw", username="analyst")
        password = "kr-submit-secret"
    assert store.save(warehouse, password=password)  # True: it went to the keyring
    editor = JobEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    try:
        fill_batch_score(qtbot, editor, "with-keyring")
        row = editor.form.add_database()
        editor.form.db_model.set_value(row, "profile", "Warehouse")
        assert editor.problems == {}
        shown = json.loads(editor.form.json_tab.text.toPlainText())
        assert [db.get("password") for db in shown["dbDefinitions"].values()] == [None, MASK]
        with qtbot.waitSignal(editor.submitted, timeout=30_000):
            editor.form.submit_button.click()
        assert editor.active_dialog is None  # nothing was asked: the keyring had it
        with live_server.client() as client:
            stored = client.get_job("with-keyring")
        ref = next(r for r, db in stored.dbDefinitions.items() if db.type == "PostgreSQL")
        assert stored.dbDefinitions[ref].password == MASK  # the server holds a password
        status = wait_finished(qtbot, live_server, "with-keyring")
        assert "password" not in (status.message or "").lower()
        assert status.jobStatus is JobState.SUCCESS, status.message
    finally:
        wait_for_workers()
        ctx.secrets.delete("db", "Warehouse")
