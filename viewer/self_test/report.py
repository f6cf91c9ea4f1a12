"""The self-test's report: where it may be written, how, and what it holds besides the checks."""

from __future__ import annotations

import json
import os
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from atlases.errors import ExplorerError

#: Library versions in the report (distribution name, module that has ``__version__``).
LIBRARIES = (("PySide6", "PySide6"), ("vtk", None), ("pyvista", "pyvista"), ("pyvistaqt", "pyvistaqt"),
             ("nilearn", "nilearn"), ("nibabel", "nibabel"), ("numpy", "numpy"))


class ReportPathError(ExplorerError):
    """The report cannot be written where asked."""


@dataclass
class Check:
    """One step's result, as it appears in the report."""

    name: str
    ok: bool
    seconds: float
    detail: str


def check_report_path(path: str | os.PathLike) -> Path:
    """Check, before the window opens, that the report can be written at ``path``; return it absolute.

    The rules of the screenshot path: no folder, device, named pipe or socket
    in the way, a folder on the way that is a folder, and one that can be
    written (a missing one is created when the report is written).

    Raises
    ------
    ReportPathError
    """
    from atlases.files.regular_files import kind_of

    text = os.fspath(path)
    if not text.strip():
        raise ReportPathError("no report file name given")
    if "\0" in text:
        raise ReportPathError("cannot write the report: the file name contains a NUL character",
                              text.replace("\0", "?"))
    if text.endswith(("/", os.sep)):
        raise ReportPathError("cannot write the report: the name ends with a slash, so it names a folder", text)
    target = Path(os.path.realpath(text) if os.path.islink(text) else os.path.abspath(text))
    try:
        mode = os.stat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    except OSError as exc:
        raise ReportPathError(f"cannot write the report ({exc.strerror or exc})", target) from None
    if mode is not None and not (os.path.isfile(target)):
        raise ReportPathError(f"cannot write the report: it is {kind_of(mode)}, not a regular file", target)
    folder = target.parent
    while not folder.exists():
        if folder.is_symlink():
            raise ReportPathError("cannot write the report: the folder is a broken link", folder)
        folder = folder.parent
    if not folder.is_dir():
        raise ReportPathError("cannot write the report below it: it is a file, not a folder", folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ReportPathError("cannot write the report: the folder cannot be written", folder)
    return target


def write_report(data: dict, target: Path) -> None:
    """Write ``data`` as JSON to ``target`` whole or not at all (a temporary file renamed over it)."""
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:64]}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def library_versions() -> dict[str, str | None]:
    """Python, Qt and the main libraries' versions (None where unknown, e.g. no metadata in a bundle)."""
    from importlib import metadata

    versions: dict[str, str | None] = {"python": platform.python_version()}
    for dist, module in LIBRARIES:
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = getattr(sys.modules.get(module or ""), "__version__", None)
    try:
        from PySide6.QtCore import qVersion
        from vtkmodules.vtkCommonCore import vtkVersion

        versions["qt"], versions["vtk"] = qVersion(), versions["vtk"] or vtkVersion.GetVTKVersion()
    except ImportError:
        pass
    return versions
