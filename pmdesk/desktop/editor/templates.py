"""Named job definition templates (in QSettings, never with passwords) and the samples.

Analysts run the same kind of job again and again with a different table or parameter;
a template saves retyping the rest. The local service's sample job definitions are offered
the same way so a first job needs no typing at all.
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path

from PySide6.QtCore import QSettings

from pmdesk.api.lenient_json import parse_lenient
from pmdesk.api.models import DefinitionError, JobDefinition
from pmdesk.desktop.i18n import _t

SETTINGS_KEY = "editor/templates"
log = logging.getLogger(__name__)



class TemplateStore:
    """Read from the settings once; every change writes through (menus fill from memory)."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        self._cache: dict[str, dict[str, object]] | None = None

    def _read(self) -> dict[str, dict[str, object]]:
        if self._cache is None:
            self._cache = self._load()
        return dict(self._cache)

    def _load(self) -> dict[str, dict[str, object]]:
        raw = self.settings.value(SETTINGS_KEY, "")
        try:
            data = json.loads(str(raw)) if raw else {}
        except ValueError:
            log.warning("the saved job templates are not readable; ignoring them")
            return {}
        return {k: v for k, v in data.items() if isinstance(v, dict)} if isinstance(
            data, dict) else {}

    def _write(self, data: dict[str, dict[str, object]]) -> None:
        self._cache = dict(data)
        self.settings.setValue(SETTINGS_KEY, json.dumps(data, ensure_ascii=False))
        self.settings.sync()

    def names(self) -> list[str]:
        return sorted(self._read(), key=str.casefold)

    def get(self, name: str) -> JobDefinition | None:
        data = self._read().get(name)
        if data is None:
            return None
        try:
            return JobDefinition.parse(data)
        except DefinitionError:
            return None

    def save(self, name: str, definition: JobDefinition) -> None:
        data = self._read()
        data[name] = definition.without_passwords().to_wire()
        self._write(data)

    def delete(self, name: str) -> None:
        data = self._read()
        if data.pop(name, None) is not None:
            self._write(data)


def sample_templates(samples_dir: Path | None) -> list[tuple[str, JobDefinition]]:
    """("Sample: BATCH_SCORE", definition) for each sample job JSON the folder holds.

    Read once per folder (the local service writes its samples before it starts); copies
    are handed out so a caller cannot change the cached ones."""
    if samples_dir is None:
        return []
    out = []
    for action, stem, definition in _read_samples(samples_dir):
        if stem:
            label = _t("Sample: {0} ({1})").format(action, stem)
        else:
            label = _t("Sample: {0}").format(action)
        out.append((label, definition.model_copy(deep=True)))
    return out


@functools.lru_cache(maxsize=8)
def _read_samples(samples_dir: Path) -> tuple[tuple[str, str, JobDefinition], ...]:
    """(action, file stem when two samples share the action else "", definition)."""
    if not samples_dir.is_dir():
        return ()
    found: list[tuple[str, JobDefinition, str]] = []
    paths = sorted({*samples_dir.glob("*.json"), *samples_dir.glob("*/*.json")})
    for path in paths:
        try:
            if path.stat().st_size > 1_000_000:
                continue
            value, _ = parse_lenient(path.read_text(encoding="utf-8"))
            definition = JobDefinition.parse(value)
        except (OSError, UnicodeDecodeError, ValueError):
            continue  # stream.json and other files that are not job definitions
        found.append((definition.action.value, definition.without_passwords(), path.stem))
    actions = [a for a, _, _ in found]
    return tuple((action, stem if actions.count(action) > 1 else "", definition)
                 for action, definition, stem in found)
