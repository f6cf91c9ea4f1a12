"""Settings that persist between runs (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from viewer import APP_NAME, ORGANIZATION

_TRUE, _FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


def default_settings() -> QSettings:
    """The per-user settings store (INI format, so it is readable and portable)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APP_NAME)


def read_float(settings: QSettings, key: str, default: float, lo: float, hi: float) -> float:
    """A float setting, clamped; a corrupt value gives the default."""
    try:
        value = float(settings.value(key, default))
    except (TypeError, ValueError):
        return default
    return min(max(value, lo), hi)


def read_str(settings: QSettings, key: str, default: str, valid) -> str:
    """A string setting that must be one of ``valid``; otherwise the default."""
    value = settings.value(key, default)
    return value if isinstance(value, str) and value in valid else default


def read_bool(settings: QSettings, key: str, default: bool) -> bool:
    """A yes/no setting; a value that is neither gives the default.

    ``QSettings.value(key, type=bool)`` reads any unknown text as true.
    """
    value = settings.value(key, default)
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    return True if text in _TRUE else False if text in _FALSE else default
