"""The layer rules, checked by import-linter with the contracts in ``pyproject.toml``.

The check runs ``lint-imports`` in a fresh interpreter with the checked tree as
its working directory (import-linter puts that directory first on
``sys.path``), so the modules this pytest process already imported play no
part. The tests below it copy the code packages to a temporary folder, add one
forbidden import and show that the same check then fails: a contract that
cannot fail would protect nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

CORE_NO_QT = "The core (atlases) never imports Qt, pyvistaqt or the viewer"
SCENE_NO_QT = "The Qt-free scene layer and the start-path runtime never import Qt or pyvistaqt"
CORE_LAYERS = "The core's layers only import downward"
VIEWER_LAYERS = "The viewer's layers only import downward"
CONTRACTS = (CORE_NO_QT, SCENE_NO_QT, CORE_LAYERS, VIEWER_LAYERS)


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the tree at ``cwd`` (its ``pyproject.toml``), without a cache."""
    code = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run([sys.executable, "-c", code, "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def _copy_code(dest: Path) -> Path:
    """Copy the code packages and the contracts to ``dest``; returns ``dest``."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("atlases", "viewer"):
        shutil.copytree(ROOT / package, dest / package, ignore=ignore)
    shutil.copy2(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def _add_import(tree: Path, module_file: str, statement: str) -> None:
    path = tree / module_file
    assert path.is_file(), f"{module_file} is gone: point this test at a module of the same layer"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{statement}  # added by tests/test_architecture.py\n",
                    encoding="utf-8")


def test_the_import_contracts_are_kept():
    proc = _lint_imports(ROOT)
    report = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"an import contract is broken (see pyproject.toml, README 'Architecture'):\n{report}"
    for name in CONTRACTS:
        assert f"{name} KEPT" in report, f"contract {name!r} was not checked:\n{report}"


def test_an_unchanged_copy_of_the_code_keeps_the_contracts(tmp_path):
    """The copy the tests below break is a faithful one: untouched, it passes."""
    proc = _lint_imports(_copy_code(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(
    ("module_file", "statement", "broken", "import_line"),
    [
        ("atlases/teaching/content.py", "import PySide6", CORE_NO_QT, "atlases.teaching.content -> PySide6"),
        ("atlases/sources/registry.py", "import pyvistaqt", CORE_NO_QT, "atlases.sources.registry -> pyvistaqt"),
        ("atlases/files/toml_reader.py", "import viewer.scene.themes", CORE_NO_QT,
         "atlases.files.toml_reader -> viewer.scene.themes"),
        ("viewer/scene/themes.py", "from PySide6 import QtGui", SCENE_NO_QT, "viewer.scene.themes -> PySide6"),
        ("viewer/runtime/gl_probe.py", "import pyvistaqt", SCENE_NO_QT, "viewer.runtime.gl_probe -> pyvistaqt"),
        ("viewer/scene/camera_views.py", "import viewer.window.brain_view", VIEWER_LAYERS,
         "viewer.scene.camera_views -> viewer.window.brain_view"),
        ("viewer/text/__init__.py", "import viewer.lecture", VIEWER_LAYERS, "viewer.text -> viewer.lecture"),
        ("atlases/files/toml_reader.py", "import atlases.sources.registry", CORE_LAYERS,
         "atlases.files.toml_reader -> atlases.sources.registry"),
    ],
    ids=["qt-in-core", "pyvistaqt-in-core", "viewer-in-core", "qt-in-scene", "pyvistaqt-in-gl-probe",
         "scene-imports-window", "text-imports-lecture", "files-imports-sources"],
)
def test_a_forbidden_import_breaks_its_contract(tmp_path, module_file, statement, broken, import_line):
    tree = _copy_code(tmp_path)
    _add_import(tree, module_file, statement)
    proc = _lint_imports(tree)
    report = proc.stdout + proc.stderr
    assert proc.returncode != 0, f"lint-imports missed `{statement}` in {module_file}:\n{report}"
    assert f"{broken} BROKEN" in report, report
    # the report names the import that was added (so the copy, not the checkout, was checked)
    assert import_line in report, report
