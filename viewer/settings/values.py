"""Settings that persist between runs (QSettings), and the one reader per kind of value.

The settings file is the user's, but it can be damaged, edited by hand or
written by another version of the app: every value read from it goes
through a reader here, which checks its kind and range and gives the
default when the value is unusable. Opening the file (and setting a
damaged one aside) is :mod:`viewer.settings.settings_file`.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from viewer.settings.settings_file import open_settings, user_settings_path

_TRUE, _FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


def default_settings() -> QSettings:
    """The per-user settings store (INI format, so it is readable and portable).

    A damaged file is set aside first (see :func:`viewer.settings.settings_file.open_settings`).
    """
    return open_settings(user_settings_path())


def read_float(settings: QSettings, key: str, default: float, lo: float, hi: float) -> float:
    """A float setting, clamped to ``[lo, hi]``.

    A value that is not a number, or is NaN or infinite, gives the default
    (``min``/``max`` would let NaN through, and an infinity is no one's choice).
    """
    value: Any = settings.value(key, default)  # whatever the file holds
    if isinstance(value, bool):  # a yes/no is not a size or an opacity
        return default
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return default
    if not math.isfinite(number):
        return default
    return min(max(number, lo), hi)


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
    if not isinstance(value, str):
        return default
    text = value.strip().lower()
    return True if text in _TRUE else False if text in _FALSE else default


def read_bytes(settings: QSettings, key: str, max_bytes: int) -> QByteArray | None:
    """A binary setting (``@ByteArray(...)``, e.g. a window geometry) of 1 to ``max_bytes`` bytes, else None.

    Text, numbers, lists and other kinds give None: Qt's ``restoreGeometry``
    and ``restoreState`` raise TypeError on anything but bytes. Whether the
    bytes make sense is for their reader to decide.
    """
    value = settings.value(key)
    if isinstance(value, (bytes, bytearray)):
        value = QByteArray(bytes(value))
    if not isinstance(value, QByteArray) or value.isEmpty() or value.size() > max_bytes:
        return None
    return value
