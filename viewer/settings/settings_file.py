"""Opening the settings file: a damaged one is set aside with a warning, never fatal.

Qt reads a settings file in full when the ``QSettings`` is made: a named
pipe there blocks the app forever, a device or a huge file fills the
memory, and a file Qt cannot parse would be overwritten on the next save.
So the path is checked before Qt opens it, Qt's verdict is checked after,
and a file that fails either check is renamed to
``<name>.damaged-<date>-<time>`` beside it (kept for the curious, out of
the app's way); the app then starts with default settings.

The file may be opened, and set aside, before the window exists (the first
atlas build reads the saved atlas); :func:`take_set_aside` lets the window
tell the user later.
"""

from __future__ import annotations

import datetime
import logging
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings

from atlases.files.regular_files import kind_of
from viewer import APP_NAME, ORGANIZATION

log = logging.getLogger(__name__)

#: A settings file larger than this is not one the app wrote (it writes about 1 KB).
MAX_SETTINGS_BYTES = 1 << 20
#: At most this many set-aside copies with the same time stamp get a number.
_MAX_COPIES = 100


@dataclass(frozen=True)
class SetAside:
    """A settings file that could not be used.

    Attributes
    ----------
    path : str
        The settings file.
    reason : str
        What is wrong with it.
    moved_to : str or None
        Where it was moved; None when it could not be moved (see ``error``).
    error : str
        Why it could not be moved ("" when it was).
    """

    path: str
    reason: str
    moved_to: str | None
    error: str = ""

    def message(self) -> str:
        """One line in English for stderr and the log."""
        head = f"settings file {self.path} {self.reason}"
        if self.moved_to is not None:
            return f"{head}; it was renamed to {self.moved_to} and the app starts with default settings"
        return f"{head}; it could not be renamed ({self.error}): delete it; the app starts with default settings"


_SET_ASIDE: dict[str, SetAside] = {}


def user_settings_path() -> Path:
    """The per-user INI file, where Qt keeps it on this platform (found without reading it).

    Qt's own rule (``XDG_CONFIG_HOME`` on Linux, ``%APPDATA%`` on Windows...)
    is asked for a file nobody writes, and the app's name is put in its place:
    ``QSettings(IniFormat, UserScope, ORGANIZATION, APP_NAME)`` would read the
    file (and the organisation-wide one) as it is made.
    """
    probe = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      f"{ORGANIZATION}.path-probe", "path-probe")
    return Path(probe.fileName()).parent.parent / ORGANIZATION / f"{APP_NAME}.ini"


def open_settings(path) -> QSettings:
    """The INI settings at ``path``; a damaged file there is set aside first.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    QSettings
        Over ``path`` (empty when the file was set aside), or over a file in a
        temporary folder when a damaged file could not be moved out of the way.
    """
    path = Path(path)
    reason = _unreadable_reason(path)
    if reason is not None:
        record = _set_aside(path, reason)
        if record.moved_to is None:  # Qt must not read it (it may block) nor replace it: use a scratch file
            scratch = Path(tempfile.mkdtemp(prefix="brain-explorer-settings-")) / path.name
            _SET_ASIDE[_key(scratch)] = record
            return QSettings(str(scratch), QSettings.Format.IniFormat)
    return usable_settings(QSettings(str(path), QSettings.Format.IniFormat))


def usable_settings(settings: QSettings) -> QSettings:
    """``settings``, or, when Qt could not read its file, a fresh one over the same path (the file set aside).

    Qt reports a file it cannot parse (binary data, a broken section header,
    another encoding) as ``FormatError``, and one it cannot read as
    ``AccessError``; values of the wrong kind inside a readable file are left
    to the readers of :mod:`viewer.settings.values`.
    """
    settings.allKeys()  # Qt parses a file's sections only when a key is first asked for
    status = settings.status()
    if status == QSettings.Status.NoError or settings.format() != QSettings.Format.IniFormat:
        return settings
    path = Path(settings.fileName())
    if not os.path.lexists(path):
        return settings
    reason = ("cannot be parsed (it is damaged, or not an INI file)"
              if status == QSettings.Status.FormatError else "cannot be read")
    if _set_aside(path, reason).moved_to is None:
        return settings  # still readable in part: the readers check every value
    return QSettings(str(path), QSettings.Format.IniFormat)


def take_set_aside(settings: QSettings) -> SetAside | None:
    """The record of the damaged file that ``settings`` replaces, once (None if there is none)."""
    return _SET_ASIDE.pop(_key(settings.fileName()), None)


def warning_text(record: SetAside | None) -> str:
    """The user's (translated, plain-text) warning about ``record``; "" for None."""
    if record is None:
        return ""

    if record.moved_to:
        where = QCoreApplication.translate("Settings", "It was renamed to:\n%1").replace("%1", record.moved_to)
    else:
        where = QCoreApplication.translate("Settings", "It could not be renamed (%1): please delete it.").replace(
            "%1", record.error)
    return (QCoreApplication.translate("Settings",
                                       "The settings file\n%1\n%2.\n\n%3\n\nThe app starts with default settings.")
            .replace("%1", record.path).replace("%2", record.reason).replace("%3", where))


def _key(path) -> str:
    return os.path.normpath(os.path.abspath(path))


def _unreadable_reason(path: Path) -> str | None:
    """Why Qt must not read ``path`` (None when it may, or when there is no file)."""
    if not os.path.lexists(path):
        return None
    try:
        info = os.stat(path)  # follows a symbolic link: a link to a regular file is fine
    except OSError as exc:  # a symlink loop, a dangling link, a folder we may not enter
        return f"cannot be opened ({exc.strerror or exc})"
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(info.st_mode):
        return f"is {kind_of(info.st_mode)}, not a regular file"
    if info.st_size > MAX_SETTINGS_BYTES:
        return f"is {info.st_size:,} bytes long (a settings file is a few kilobytes)"
    if not os.access(path, os.R_OK):
        return "cannot be read (permission denied)"
    return None


def _set_aside(path: Path, reason: str) -> SetAside:
    """Rename ``path`` to ``<name>.damaged-<stamp>`` beside it, warn, and remember it for the window."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    moved_to, error = None, ""
    for n in range(_MAX_COPIES):
        target = path.with_name(f"{path.name}.damaged-{stamp}" + (f"-{n}" if n else ""))
        if os.path.lexists(target):
            continue
        try:
            os.rename(path, target)
            moved_to = str(target)
        except OSError as exc:
            error = exc.strerror or str(exc)
        break
    else:
        error = "too many damaged copies beside it"
    record = SetAside(str(path), reason, moved_to, error)
    _SET_ASIDE[_key(path)] = record
    log.warning("%s", record.message())
    return record
