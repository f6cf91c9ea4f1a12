"""Settings that persist between runs (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from viewer import APP_NAME, ORGANIZATION



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
