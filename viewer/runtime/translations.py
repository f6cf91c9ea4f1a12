"""The interface's language: Qt translators for the app's own words and for Qt's.

English is the source language: it needs no translator. For any other shipped
language two translators are installed on the application:

* ours, ``assets/i18n/brain_explorer_<lang>.qm`` (compiled from the ``.ts`` file
  by ``scripts/update_translations.sh``), found through :mod:`atlases.resources`;
* Qt's own ``qtbase_<lang>.qm``, which translates the standard dialog buttons
  (OK, Cancel, Yes...) and Qt's own dialogs (the file dialog).

Install them right after the QApplication exists and before any widget is
built: a widget takes its text when it is created.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QTranslator

from atlases.errors import UnknownNameError
from atlases.resources import DEFAULT_LANGUAGE, LANGUAGES, asset_path

log = logging.getLogger(__name__)

#: The base name of the app's translation files: ``brain_explorer_<lang>.ts`` / ``.qm``.
CATALOG = "brain_explorer"
#: Qt's catalogue for the widgets and standard dialogs the app uses.
QT_CATALOG = "qtbase"


def app_translation_file(language: str) -> Path:
    """The compiled translation of the interface into ``language`` (``assets/i18n/...qm``).

    Parameters
    ----------
    language : str
        One of :data:`atlases.resources.LANGUAGES` other than English.

    Returns
    -------
    Path

    Raises
    ------
    UnknownNameError
        For a language the app does not ship, or a missing ``.qm`` file.
    """
    if language not in LANGUAGES:
        raise UnknownNameError("language", language, LANGUAGES)
    return asset_path("i18n", f"{CATALOG}_{language}.qm")


def qt_translation_dirs() -> list[Path]:
    """Where Qt's own ``.qm`` files may be: Qt's translations folder, then PySide6's (a bundle's copy)."""
    import PySide6

    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
            Path(PySide6.__file__).resolve().parent / "Qt" / "translations"]
    return [folder for n, folder in enumerate(dirs) if folder not in dirs[:n]]


def install_translators(app, language: str) -> list[QTranslator]:
    """Translate the interface into ``language``: install our translator and Qt's on ``app``.

    Parameters
    ----------
    app : QCoreApplication
    language : str
        One of :data:`atlases.resources.LANGUAGES`; English installs nothing.

    Returns
    -------
    list of QTranslator
        Those installed (children of ``app``); :func:`remove_translators` takes them off again.
        A missing or unreadable file is logged and skipped: the interface then stays in English.
    """
    if language == DEFAULT_LANGUAGE:
        return []
    installed = []
    try:
        ours = app_translation_file(language)
    except UnknownNameError as exc:
        log.warning("no interface translation: %s", exc)
    else:
        translator = QTranslator(app)
        if translator.load(str(ours)) and app.installTranslator(translator):
            installed.append(translator)
        else:
            log.warning("interface translation not loaded: %s", ours)
    qt_translator = QTranslator(app)
    for folder in qt_translation_dirs():
        if qt_translator.load(f"{QT_CATALOG}_{language}", str(folder)):
            if app.installTranslator(qt_translator):
                installed.append(qt_translator)
            break
    else:
        log.warning("Qt's own %s translation (%s_%s.qm) not found", language, QT_CATALOG, language)
    return installed


def remove_translators(app, translators) -> None:
    """Take translators from :func:`install_translators` off ``app`` again."""
    for translator in translators:
        app.removeTranslator(translator)
