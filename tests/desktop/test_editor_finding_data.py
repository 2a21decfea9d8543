"""Finding data (issue 14, item 13): Browse... opens an existing SQLite file from the profile's
folder, and the Table cell offers the tables of the row's connection."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from helpers.editor import (  # noqa: F401  (fixtures)
    editor_ctx,
    isolated_fixture,
    no_keyring_fixture,
    real_secret_service,
    wait_for_workers,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QComboBox, QFileDialog, QTableView

from pmdesk.desktop.editor.job_editor import JobEditor
from pmdesk.desktop.editor.profiles import DbProfile, profile_store
from pmdesk.desktop.editor.profiles_dialog import ProfilesDialog

pytestmark = pytest.mark.gui


def two_table_db(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE orders (id INTEGER, amount REAL)")
        con.execute("CREATE TABLE CUSTOMERS (id INTEGER, name TEXT)")
    con.close()
    return path


def open_cell_combo(view: QTableView, row: int, column: int) -> QComboBox:
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    combos = [w for w in view.viewport().findChildren(QComboBox) if w.isVisible()]
    assert combos, "the cell opened no combo box"
    return combos[-1]


def close_cell(view: QTableView, combo: QComboBox) -> None:
    view.commitData(combo)
    view.closeEditor(combo, QAbstractItemDelegate.EndEditHint.NoHint)


def test_browse_opens_an_existing_file_from_the_profiles_folder(
        qtbot: Any, isolated: Path, no_keyring: None) -> None:
    db = two_table_db(isolated / "data" / "shop.db")
    other = two_table_db(isolated / "data" / "other.db")
    ctx = editor_ctx(isolated)
    profile_store(ctx).save(DbProfile(name="Shop", type="SQLite", db=str(db)))
    dialog = ProfilesDialog(ctx)
    qtbot.addWidget(dialog, before_close_func=lambda w: setattr(w, "_dirty", False))
    dialog.show()
    dialog.select("Shop")
    assert dialog.db_edit.text() == str(db)
    assert dialog.browse_button.isVisible()

    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    box = dialog.file_dialog
    assert isinstance(box, QFileDialog) and box.isVisible()
    assert box.isModal()  # window-modal through open(): no nested event loop
    assert box.acceptMode() is QFileDialog.AcceptMode.AcceptOpen
    assert box.fileMode() is QFileDialog.FileMode.ExistingFile
    assert Path(box.directory().absolutePath()) == db.parent
    box.selectFile(str(other))
    box.accept()
    assert dialog.db_edit.text() == str(other)
    assert dialog.save_button.isEnabled()  # an edit like typing it


def test_browse_of_a_profile_without_a_file_starts_at_home(
        qtbot: Any, isolated: Path, no_keyring: None) -> None:
    ctx = editor_ctx(isolated)
    dialog = ProfilesDialog(ctx)
    qtbot.addWidget(dialog, before_close_func=lambda w: setattr(w, "_dirty", False))
    dialog.show()
    dialog.type_combo.setCurrentText("SQLite")
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    box = dialog.file_dialog
    assert box is not None and box.isVisible()
    assert Path(box.directory().absolutePath()) == Path.home()
    box.reject()
    assert dialog.db_edit.text() == ""


def test_table_cell_offers_the_tables_of_the_rows_connection(
        qtbot: Any, isolated: Path, no_keyring: None) -> None:
    db = two_table_db(isolated / "data" / "shop.db")
    ctx = editor_ctx(isolated)
    profile_store(ctx).save(DbProfile(name="Shop", type="SQLite", db=str(db)))
    editor = JobEditor(ctx)
    qtbot.addWidget(editor)
    editor.resize(900, 1000)
    editor.show()
    form = editor.form
    qtbot.mouseClick(form.add_db_button, Qt.MouseButton.LeftButton)
    assert form.db_model.value(0, "profile") == "Shop"
    qtbot.mouseClick(form.add_input_button, Qt.MouseButton.LeftButton)
    assert form.inputs_model.value(0, "dbRef") == "db1"

    table = form.inputs_model.column_of("table")
    with qtbot.waitSignal(form.table_choices.listed, timeout=30_000):
        combo = open_cell_combo(form.inputs_view, 0, table)
        assert combo.isEditable()  # a table the job creates can still be typed
    assert [combo.itemText(i) for i in range(combo.count())] == ["CUSTOMERS", "orders"]
    assert combo.currentText() == ""  # the list did not pick a table for the user
    combo.setCurrentIndex(combo.findText("orders"))
    close_cell(form.inputs_view, combo)
    assert form.inputs_model.value(0, "table") == "orders"

    # An export on the same connection: the last list is there at once, then refreshed
    # (a table made since, e.g. by a job, appears).
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE scores (id INTEGER)")
    con.close()
    qtbot.mouseClick(form.add_export_button, Qt.MouseButton.LeftButton)
    table = form.exports_model.column_of("table")
    with qtbot.waitSignal(form.table_choices.listed, timeout=30_000):
        combo = open_cell_combo(form.exports_view, 0, table)
        assert [combo.itemText(i) for i in range(combo.count())] == ["CUSTOMERS", "orders"]
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "CUSTOMERS", "orders", "scores"]
    line = combo.lineEdit()
    assert line is not None
    line.setText("NEW_SCORES")  # a table the job will create
    close_cell(form.exports_view, combo)
    assert form.exports_model.value(0, "table") == "NEW_SCORES"
    wait_for_workers()


def test_table_cell_of_an_unreachable_database_says_why_and_still_takes_a_name(
        qtbot: Any, isolated: Path, no_keyring: None) -> None:
    ctx = editor_ctx(isolated)
    broken = isolated / "notes.db"
    broken.write_text("these are notes, not a database\n" * 100)  # SQLite refuses it
    profile_store(ctx).save(DbProfile(name="Broken", type="SQLite", db=str(broken)))
    editor = JobEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    form = editor.form
    form.add_database()
    form.add_input()
    with qtbot.waitSignal(form.table_choices.failed, timeout=30_000) as failed:
        combo = open_cell_combo(form.inputs_view, 0, form.inputs_model.column_of("table"))
    assert "could not be listed" in failed.args[1]
    assert "could not be listed" in combo.toolTip()
    assert combo.count() == 0
    line = combo.lineEdit()
    assert line is not None
    line.setText("T1")
    close_cell(form.inputs_view, combo)
    assert form.inputs_model.value(0, "table") == "T1"
    wait_for_workers()


@pytest.mark.postgres
@pytest.mark.keyring
def test_table_cell_lists_postgres_tables_with_the_keyring_password(
        qtbot: Any, isolated: Path) -> None:
    pg_url = os.environ.get("PMDESK_TEST_PG_URL")
    if not pg_url:
        pytest.skip("PMDESK_TEST_PG_URL is not set")
    if not real_secret_service():
        pytest.skip("no Secret Service keyring backend here")
    import sqlalchemy as sa

    url = sa.engine.make_url(pg_url)
    engine = sa.create_engine(url)
    with engine.begin() as con:
        con.execute(sa.text("CREATE TABLE IF NOT EXISTS finding_a (id int)"))
        con.execute(sa.text("CREATE TABLE IF NOT EXISTS finding_b (id int)"))
    ctx = editor_ctx(isolated)
    store = profile_store(ctx)
    assert store.save(DbProfile(name="Warehouse", type="PostgreSQL", host=url.host or "",
                                port=url.port, db=url.database or "",
                                username=url.username or ""),
                      password=url.password or "")
    editor = JobEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    try:
        form = editor.form
        form.add_database()
        form.add_input()
        with qtbot.waitSignal(form.table_choices.listed, timeout=30_000):
            combo = open_cell_combo(form.inputs_view, 0, form.inputs_model.column_of("table"))
        offered = [combo.itemText(i) for i in range(combo.count())]
        assert {"finding_a", "finding_b"} <= set(offered)
        close_cell(form.inputs_view, combo)
    finally:
        wait_for_workers()
        ctx.secrets.delete("db", "Warehouse")
        with engine.begin() as con:
            con.execute(sa.text("DROP TABLE IF EXISTS finding_a, finding_b"))
        engine.dispose()
