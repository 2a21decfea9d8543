"""Job definitions in and out of the editor: import (repairing near-JSON), export, templates.

Passwords never leave through here: exports and templates are written without them, and
passwords in an imported file go to the keyring only if the user creates profiles.
"""

from __future__ import annotations

import json
import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog

from pmdesk.api.lenient_json import LenientJSONError, parse_lenient
from pmdesk.api.models import DbDefinition, DefinitionError, JobDefinition
from pmdesk.desktop import dialogs
from pmdesk.desktop.editor.profiles import DbProfile
from pmdesk.desktop.editor.templates import TemplateStore, sample_templates

if TYPE_CHECKING:
    from pmdesk.desktop.editor.job_editor import JobEditor

MAX_IMPORT_BYTES = 10_000_000


class DefinitionTransfer(QObject):
    """The editor's Import, Export and Templates buttons."""

    def __init__(self, editor: JobEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.form = editor.form
        self.profiles = editor.profiles
        self.templates = TemplateStore(editor.ctx.settings)
        self.import_repairs: list[str] = []
        self.form.import_button.clicked.connect(self.choose_import)
        self.form.export_button.clicked.connect(self.choose_export)
        self.form.templates_menu.aboutToShow.connect(self.fill_templates_menu)

    # ---- import --------------------------------------------------------------------------

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.editor, self.tr("Import job definition"), "",
            self.tr("Job definitions (*.json *.txt);;All files (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        try:
            raw = path.read_bytes()
            if len(raw) > MAX_IMPORT_BYTES:
                raise ValueError(self.tr("the file is larger than 10 MB"))
            text = raw.decode("utf-8-sig")
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            if isinstance(exc, UnicodeDecodeError):
                detail = self.tr("it is not UTF-8 text")
            dialogs.tell(self.editor, self.tr("Import"), self.tr("Cannot read {0}: {1}").format(
                path.name, detail), warning=True)
            return False
        return self.import_text(text, path.name)

    def import_text(self, text: str, source: str = "") -> bool:
        """Reads a definition typed, pasted or from a file; repairs are listed for the user."""
        try:
            value, repairs = parse_lenient(text)
            definition = JobDefinition.parse(value)
        except LenientJSONError as exc:
            dialogs.tell(self.editor, self.tr("Import"), self.tr(
                "{0} is not a job definition PMDesk can read: line {1}, column {2}: {3}"
            ).format(source or self.tr("The text"), exc.line, exc.column, exc.reason),
                warning=True)
            return False
        except DefinitionError as exc:
            dialogs.tell(self.editor, self.tr("Import"), self.tr(
                "{0} is JSON but not a valid job definition: {1}").format(
                source or self.tr("The text"), str(exc)), warning=True)
            return False
        unknown: list[tuple[str, DbDefinition]] = [
            (ref, db) for ref, db in definition.dbDefinitions.items()
            if self.profiles.find_matching(db) is None]
        self.editor.load_definition(definition)
        lines = [self.tr("Imported {0}.").format(source) if source else self.tr("Imported.")]
        if repairs:
            lines.append(self.tr("The file was not valid JSON; PMDesk repaired it:"))
            lines += [f"• {self.repair_text(r)}" for r in repairs]
        linked = [ref for ref in definition.dbDefinitions if ref not in dict(unknown)]
        if linked:
            lines.append(self.tr("Databases linked to your connection profiles: {0}.").format(
                ", ".join(linked)))
        if any(db.password for db in definition.dbDefinitions.values()):
            lines.append(self.tr("Passwords in the file are not kept in the form."))
        self.form.import_report.setText("\n".join(lines))
        self.form.import_report.setVisible(True)
        self.import_repairs = repairs
        if unknown:
            self._offer_profiles(unknown)
        return True

    def _offer_profiles(self, unknown: list[tuple[str, DbDefinition]]) -> None:
        listing = "\n".join(
            f"• {ref}: {DbProfile.from_definition('', db).summary()}" for ref, db in unknown)
        if self.profiles.secrets.available:
            text = self.tr(
                "These databases match none of your connection profiles:\n{0}\n\nCreate "
                "a profile for each (passwords in the file go to the system keyring)?")
        else:
            text = self.tr(
                "These databases match none of your connection profiles:\n{0}\n\nCreate "
                "a profile for each (passwords in the file are kept in memory until "
                "PMDesk closes: there is no system keyring)?")
        dialogs.ask(self.editor, self.tr("New database connections"), text.format(listing),
                    on_yes=lambda: self.create_profiles(unknown),
                    yes_text=self.tr("Create profiles"))

    def repair_text(self, repair: str) -> str:
        """parse_lenient's repair notes (Qt-free English) in the interface language."""
        m = re.fullmatch(r"line (\d+): (.*)", repair)
        if not m:
            return repair
        line, what = m.group(1), m.group(2)
        if what == "inserted a missing comma":
            return self.tr("line {0}: inserted a missing comma").format(line)
        if what == "removed trailing comma":
            return self.tr("line {0}: removed trailing comma").format(line)
        if what == "replaced curly quotes with straight quotes":
            return self.tr("line {0}: replaced curly quotes with straight quotes").format(line)
        if what == "replaced single quotes with double quotes":
            return self.tr("line {0}: replaced single quotes with double quotes").format(line)
        if sep := re.fullmatch(r"'(.)' after a key replaced by ':'", what):
            return self.tr("line {0}: '{1}' after a key replaced by ':'").format(
                line, sep.group(1))
        if sep := re.fullmatch(r"'(.)' between items replaced by ','", what):
            return self.tr("line {0}: '{1}' between items replaced by ','").format(
                line, sep.group(1))
        return repair

    def create_profiles(self, unknown: list[tuple[str, DbDefinition]]) -> None:
        """Profiles for imported connections, linked into the form's databases table."""
        model = self.form.db_model
        for ref, db in unknown:
            profile = DbProfile.from_definition(self.profiles.unique_name(ref), db)
            self.profiles.save(profile, password=db.password or None)
            for i, row in enumerate(model.rows):
                if row.values.get("dbRef") == ref and not row.values.get("profile"):
                    row.extra.pop("definition", None)
                    model.set_value(i, "profile", profile.name)
        self.editor.revalidate()

    # ---- export --------------------------------------------------------------------------

    def choose_export(self) -> None:
        stem = self.form.job_id_edit.text() or "job"
        path, _ = QFileDialog.getSaveFileName(
            self.editor, self.tr("Export job definition"), f"{stem}.json",
            self.tr("Job definitions (*.json)"))
        if path:
            self.export_file(Path(path))

    def export_file(self, path: Path) -> bool:
        """Writes the definition as valid JSON, with no password in it."""
        definition = self.editor.current_definition
        if definition is None:
            return False
        text = json.dumps(definition.without_passwords().to_wire(), indent=2,
                          ensure_ascii=False)
        try:
            path.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            dialogs.tell(self.editor, self.tr("Export"), self.tr("Cannot write {0}: {1}").format(
                path, exc.strerror or exc), warning=True)
            return False
        self.form.show_result(self.tr("Exported to {0} (without passwords).").format(path))
        return True

    # ---- templates -----------------------------------------------------------------------

    def samples(self) -> list[tuple[str, JobDefinition]]:
        return sample_templates(self.editor.ctx.samples_dir)

    def fill_templates_menu(self) -> None:
        menu = self.form.templates_menu
        menu.clear()
        names = self.templates.names()
        for name in names:
            menu.addAction(name, partial(self.apply_template, name))
        samples = self.samples()
        if samples:
            if names:
                menu.addSeparator()
            for label, definition in samples:
                menu.addAction(label, partial(self.editor.load_definition, definition))
        if names or samples:
            menu.addSeparator()
        save = menu.addAction(self.tr("Save as template..."), self.choose_template_name)
        save.setEnabled(self.editor.current_definition is not None)
        if names:
            delete = menu.addMenu(self.tr("Delete template"))
            for name in names:
                delete.addAction(name, partial(self.templates.delete, name))

    def template_choices(self) -> list[str]:
        """Everything the Templates menu offers to load (saved first, then samples)."""
        return self.templates.names() + [label for label, _ in self.samples()]

    def apply_template(self, name: str) -> bool:
        definition = self.templates.get(name)
        if definition is None:
            definition = next((d for label, d in self.samples() if label == name), None)
        if definition is None:
            return False
        self.editor.load_definition(definition)
        return True

    def choose_template_name(self) -> None:
        dialog = QInputDialog(self.editor)
        dialog.setWindowTitle(self.tr("Save as template"))
        dialog.setLabelText(self.tr("Template name:"))
        dialog.textValueSelected.connect(
            lambda name: self.save_template(name.strip()) if name.strip() else None)
        dialogs.show(dialog)

    def save_template(self, name: str) -> bool:
        if self.editor.current_definition is None:
            return False
        self.templates.save(name, self.editor.current_definition)
        return True
