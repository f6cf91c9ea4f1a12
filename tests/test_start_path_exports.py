"""Exports add nothing to start-up: the window's modules load no export module and no export library.

The export modules (:mod:`viewer.exports`), the encoder (imageio-ffmpeg), the glTF writer (pygltflib) and the
PDF reader used by tests (pypdf) are imported only when an export starts. Each check runs in a fresh
interpreter, as in tests/test_start_path_imports.py, so modules other tests imported cannot hide an import.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

EXPORT_LIBRARIES = ("imageio_ffmpeg", "imageio", "pygltflib", "trimesh", "pypdf")


def _loaded(imports: str) -> list[str]:
    """The export modules and libraries loaded by ``imports`` in a fresh interpreter."""
    code = textwrap.dedent(f"""
        import json, sys
        {imports}
        names = [m for m in sys.modules if m.split(".")[0] in {EXPORT_LIBRARIES!r}
                 or m.startswith("viewer.exports.") or m in ("viewer.scene.model_export",
                 "viewer.scene.movie_output", "viewer.window.export_dialog", "viewer.window.export_process")]
        print(json.dumps(sorted(names)))
    """)
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", ["viewer.app", "viewer.window.main_window", "viewer.window.export_commands",
                                    "main"])
def test_the_start_path_loads_no_export_module(module):
    assert _loaded(f"import {module}") == []


def test_building_the_parser_loads_no_export_module():
    assert _loaded("import main; main.build_parser().parse_args(['--movie', 'a.gif', '--frames', '3'])") == []


def test_the_check_sees_an_export_module():
    """Guard against a vacuous check: importing an export module for real is seen."""
    assert "viewer.exports.jobs" in _loaded("import viewer.exports.jobs")
    assert "pygltflib" in _loaded("import pygltflib")
