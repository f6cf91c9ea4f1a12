"""The app's child processes: main.py dispatches each hidden flag, and keeps the child modules off its start path.

The flags live in :mod:`atlases.child_process_flags`; the modules that do
the child work (the GL probe, the atlas download, the mesh builder) must be
imported only when their flag is given.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from atlases import child_process_flags
from atlases.child_process_flags import BUILD_MESHES_FLAG, DOWNLOAD_FLAG, EXPORT_FLAG, GL_PROBE_FLAG

ROOT = Path(__file__).resolve().parents[1]

#: Each flag, the module that does its child's work, and that module's entry point.
CHILDREN = {
    GL_PROBE_FLAG: ("viewer.runtime.gl_probe", "child_main"),
    DOWNLOAD_FLAG: ("atlases.sources.harvard_oxford_download", "child_main"),
    BUILD_MESHES_FLAG: ("atlases.meshes.mesh_builder", "run_and_exit"),
    EXPORT_FLAG: ("viewer.exports.jobs", "child_main"),
}


def test_every_flag_has_a_child():
    flags = {value for name, value in vars(child_process_flags).items() if name.endswith("_FLAG")}
    assert flags == set(CHILDREN)


@pytest.mark.parametrize("flag", list(CHILDREN))
def test_main_hands_each_flag_to_its_child(flag, monkeypatch):
    import importlib

    import main

    module_name, entry = CHILDREN[flag]
    calls = []

    def child(*args):
        calls.append(args)
        raise SystemExit(7)  # the real entry points end the process (or main returns their code)

    monkeypatch.setattr(importlib.import_module(module_name), entry, child)
    with pytest.raises(SystemExit) as ended:
        main.run([flag, "ATLAS", "--cache-dir", "somewhere"])
    assert ended.value.code == 7
    # the GL probe child takes no arguments; the others get the rest of the command line
    assert calls == [()] if flag == GL_PROBE_FLAG else calls == [(["ATLAS", "--cache-dir", "somewhere"],)]


def test_main_returns_the_gl_probe_childs_exit_code(monkeypatch):
    import main
    from viewer.runtime import gl_probe

    monkeypatch.setattr(gl_probe, "child_main", lambda: 3)
    assert main.run([GL_PROBE_FLAG]) == 3


def _modules_after(code: str) -> list[str]:
    """Run ``code`` in a fresh interpreter from the repo root; the app's modules it imported."""
    script = textwrap.dedent(code) + textwrap.dedent("""
        import json, sys
        print(json.dumps(sorted(m for m in sys.modules if m.startswith(("atlases", "viewer")))))
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("argv", [[], ["--list"]], ids=["import", "--list"])
def test_mains_start_path_does_not_import_the_child_modules(argv):
    modules = _modules_after(f"import main\n{'main.run(' + repr(argv) + ')' if argv else ''}")
    assert "atlases.child_process_flags" in modules  # the flags themselves are on the path
    assert [m for m, _ in CHILDREN.values() if m in modules] == []


def test_the_start_path_check_sees_a_child_module():
    """Guard against a vacuous check: a child module imported on the way is seen."""
    modules = _modules_after("import main, atlases.meshes.mesh_builder")
    assert "atlases.meshes.mesh_builder" in modules


def test_the_children_run_this_trees_code():
    """A child is started with ``python -m`` or ``-c`` from a folder where this tree's packages are found."""
    from atlases.meshes import mesh_build_process
    from viewer.runtime import gl_probe

    assert (mesh_build_process._CODE_ROOT / "atlases" / "__init__.py").is_file()
    assert (gl_probe._ROOT / "viewer" / "__init__.py").is_file()
