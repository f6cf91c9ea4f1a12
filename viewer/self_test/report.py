"""The self-test's report: where it may be written, how, and what it holds besides the checks."""

from __future__ import annotations

import json
import os
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from atlases.errors import ExplorerError
from atlases.files.output_files import check_output_file, write_whole

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

    The rules of every file the app writes where it is asked
    (:func:`atlases.files.output_files.check_output_file`, as for the screenshot).

    Raises
    ------
    ReportPathError
    """
    if not os.fspath(path).strip():
        raise ReportPathError("no report file name given")
    return check_output_file(path, "the report", ReportPathError)


def write_report(data: dict, target: Path) -> None:
    """Write ``data`` as JSON to ``target`` whole or not at all (a temporary file renamed over it)."""
    text = json.dumps(data, indent=2) + "\n"   # an unencodable value fails here, before any file exists
    write_whole(target, lambda fh: fh.write(text.encode("utf-8")), "the report", ReportPathError)


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
