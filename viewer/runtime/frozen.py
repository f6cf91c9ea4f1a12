"""Set-up that only a packaged (PyInstaller) app needs; nothing happens when run from source.

matplotlib (imported by pyvista's colour tables) keeps its font cache in
``MPLCONFIGDIR``. PyInstaller's matplotlib run-time hook would point that at a
new temporary folder at every start, so the font cache was rebuilt each time
(frozen warm start 4.8 s instead of 3.4 s) and the folder leaked whenever a
child process ended with ``os._exit``. The spec leaves that hook out, and
:func:`prepare_frozen_environment` points ``MPLCONFIGDIR`` to a folder in the
app's per-user cache instead (the folder of :mod:`atlases.files.app_folders`).
Standard library only: it runs first in ``main.py``.

A new account's first start would still spend 0.4-0.7 s building matplotlib's
font list (it scans the system's fonts). The build script ships the list it
made in the bundle (``_internal/matplotlib-cache/fontlist-*.json``) and
:func:`seed_font_cache` copies it into an empty ``MPLCONFIGDIR``. The app never
draws text with matplotlib (VTK and Qt draw it), and matplotlib rebuilds the
list by itself if it ever needs a font file that this computer lacks.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from atlases.files.app_folders import user_cache_root


def is_frozen() -> bool:
    """True in a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def prepare_frozen_environment(environ=None, frozen: bool | None = None) -> Path | None:
    """In a bundle, point ``MPLCONFIGDIR`` to ``<user cache>/matplotlib`` unless it is set already.

    Parameters
    ----------
    environ : mapping, optional
        The environment to change (``os.environ`` by default).
    frozen : bool, optional
        Whether this is a bundle (by default: :func:`is_frozen`).

    Returns
    -------
    Path or None
        The folder set, or None when nothing was changed (not frozen, already set,
        or the folder cannot be made: matplotlib then picks its own).
    """
    environ = os.environ if environ is None else environ
    if not (is_frozen() if frozen is None else frozen) or environ.get("MPLCONFIGDIR"):
        return None
    folder = user_cache_root(environ) / "matplotlib"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    environ["MPLCONFIGDIR"] = str(folder)
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        seed_font_cache(Path(meipass) / BUNDLED_FONT_CACHE, folder)
    return folder


#: Inside the bundle: matplotlib's font list, made when the bundle was built.
BUNDLED_FONT_CACHE = "matplotlib-cache"


def seed_font_cache(bundled: Path, folder: Path) -> list[Path]:
    """Copy the bundle's ``fontlist-*.json`` into ``folder`` where it has none of that name.

    Parameters
    ----------
    bundled : Path
        The bundle's folder of font lists (missing: nothing is copied).
    folder : Path
        The user's ``MPLCONFIGDIR``.

    Returns
    -------
    list of Path
        The files copied. A file that cannot be copied is skipped: matplotlib
        then builds its list as it would have.
    """
    copied: list[Path] = []
    try:
        sources = sorted(bundled.glob("fontlist-*.json"))
    except OSError:
        return copied
    for source in sources:
        target = folder / source.name
        if target.exists():
            continue
        part = folder / (source.name + ".part")
        try:
            part.write_bytes(source.read_bytes())
            os.replace(part, target)
        except OSError:
            part.unlink(missing_ok=True)
            continue
        copied.append(target)
    return copied
