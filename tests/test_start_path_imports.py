"""The core modules on the warm start path import nilearn and scipy lazily (and no Qt).

nilearn and scipy take seconds to import; the window must not wait for them
before it shows. (That ``atlases`` never imports Qt at all is an import
contract: tests/test_architecture.py.)

Each check runs in a fresh interpreter (``sys.executable -c``) so modules that
other tests already imported into the pytest process cannot hide or fake an
import.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

QT_MODULES = ("PySide6", "pyvistaqt", "qtpy", "shiboken6")
HEAVY_MODULES = ("nilearn", "scipy")


def _run(code: str) -> dict:
    """Run ``code`` in a fresh interpreter from the repo root; it prints one JSON object."""
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, f"subprocess failed:\n{proc.stderr}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_core_modules_import_nilearn_and_scipy_lazily():
    result = _run(f"""
        import json, sys
        import atlases.meshes.brain_model, atlases.sources.registry, atlases.teaching.content
        roots = {{m.split(".")[0] for m in sys.modules}}
        print(json.dumps({{"heavy": sorted(roots & set({list(HEAVY_MODULES + QT_MODULES)!r}))}}))
    """)
    assert result["heavy"] == [], f"imported at module level: {result['heavy']}"


def test_the_subprocess_check_can_see_a_heavy_import():
    """Guard against a vacuous check: importing nilearn for real is detected."""
    result = _run("""
        import json, sys
        import nilearn.image
        print(json.dumps({"heavy": sorted({m.split(".")[0] for m in sys.modules} & {"nilearn", "scipy"})}))
    """)
    assert "nilearn" in result["heavy"]
