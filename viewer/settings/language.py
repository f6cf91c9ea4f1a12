"""Which language the app speaks: the command line's, else the saved choice, else the system's.

The interface (Qt ``.qm`` translations) and the built-in content are chosen
together, once, when the app starts; a change in the settings applies at the
next start.
"""

from __future__ import annotations

from atlases.resources import DEFAULT_LANGUAGE, LANGUAGES

#: The settings key of the saved choice ("" or missing: follow the system).
SETTINGS_KEY = "language"


def system_language(locale_name: str | None = None) -> str:
    """The shipped language closest to the system's locale, else English.

    Parameters
    ----------
    locale_name : str, optional
        A locale name such as ``"es_MX"``; the system's (``QLocale.system()``) when omitted.
    """
    if locale_name is None:
        from PySide6.QtCore import QLocale

        locale_name = QLocale.system().name()
    code = str(locale_name).split("_")[0].split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def resolve_language(cli_value: str | None, settings=None) -> str:
    """The language to start in.

    Parameters
    ----------
    cli_value : str or None
        ``--lang`` (already checked by the command line parser), or None.
    settings : QSettings, optional
        A saved choice there is used when it names a shipped language.

    Returns
    -------
    str
        One of :data:`atlases.resources.LANGUAGES`.
    """
    if cli_value:
        return cli_value
    if settings is not None:
        from viewer.settings.values import read_str

        saved = read_str(settings, SETTINGS_KEY, "", LANGUAGES)
        if saved:
            return saved
    return system_language()
