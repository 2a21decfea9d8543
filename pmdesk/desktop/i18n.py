"""English and Traditional Chinese through Qt's translation system, one mechanism for all.

Strings of QObject classes use `self.tr("...")` (context: the class name); strings outside a
class use `_t("...")`, which `pyside6-lupdate -tr-function-alias tr+=_t` extracts like `tr`
into the empty context. `resources/translations/update_ts.py` runs lupdate over the whole
desktop package into one catalogue per language (pmdesk_<lang>.ts) and compiles it; a test
checks that every string has a zh-TW translation. The language follows the system locale
unless the settings say otherwise.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from pmdesk.desktop.resources import resources_dir

log = logging.getLogger(__name__)
CONTEXT = ""  # where lupdate puts `_t` strings (an alias of tr outside any class)
_installed: list[QTranslator] = []


def _t(text: str) -> str:
    """The translation of `text` in the current language (the source text is English)."""
    return QCoreApplication.translate(CONTEXT, text)


def translations_dir() -> Path:
    return resources_dir() / "translations"


def chosen_language(settings: QSettings) -> str:
    """"en", "zh_TW", ...: the setting, else the system locale."""
    value = str(settings.value("ui/language", "") or "")
    if value:
        return value
    name = QLocale.system().name()  # e.g. zh_TW, zh_Hant_TW, en_US
    if name.startswith("zh") and ("TW" in name or "Hant" in name or "HK" in name):
        return "zh_TW"
    return name.split("_")[0] or "en"


def install_translators(language: str) -> bool:
    """Loads PMDesk's and Qt's own catalogues for `language`; True when PMDesk's loaded."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_translators needs a QApplication")
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language in ("", "en", "C"):
        return False
    loaded_ours = False
    folder = translations_dir()
    for qm in sorted(folder.glob(f"pmdesk_{language}.qm")):
        translator = QTranslator()
        if translator.load(str(qm)):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded_ours = True
        else:
            log.warning("could not load translation %s", qm)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator()
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    return loaded_ours
