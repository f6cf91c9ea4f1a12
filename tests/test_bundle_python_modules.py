"""The bundle keeps only the modules of the large libraries that the app loads.

packaging/python-modules.txt lists the modules of scipy, sklearn, pandas,
matplotlib, numpy and PIL that traced runs load (scripts/trace_vtk_modules.py);
the spec leaves out every other module of these packages, every test suite, and
Pillow's AVIF/WebP/Tk codecs. A module the app loads but the list lacks would be
an ImportError in the packaged app, so the slow test traces again and compares.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import trace_vtk_modules as tracer  # noqa: E402 - scripts/ is not a package


def test_the_list_names_only_importable_modules_of_the_trimmed_packages():
    listed = tracer.read_list(tracer.PYTHON_LIST_FILE)
    assert {"numpy", "scipy.ndimage", "PIL.PngImagePlugin", "PIL.TiffImagePlugin"} <= set(listed)
    assert all(tracer.is_trimmed(name) for name in listed)
    assert not any(tracer.is_test_suite(name) or name in tracer.LEFT_OUT for name in listed)
    for name in listed:
        try:
            assert importlib.util.find_spec(name) is not None, name
        except ValueError:  # made by an extension module when imported (no __spec__): it exists
            assert name in sys.modules, name


def test_which_modules_the_bundle_keeps():
    listed = {"scipy", "scipy.ndimage", "PIL", "PIL._imaging"}
    assert tracer.keep_module("scipy.ndimage", listed)
    assert not tracer.keep_module("scipy.optimize", listed)   # a trimmed package, not loaded
    assert tracer.keep_module("nilearn.image", listed)        # not a trimmed package: kept whole
    assert not tracer.keep_module("nilearn.image.tests.test_image", listed)
    assert not tracer.keep_module("scipy.ndimage.tests", listed | {"scipy.ndimage.tests"})
    assert not tracer.keep_module("PIL._avif", listed | {"PIL._avif"})


def test_a_bundled_file_belongs_to_its_module_or_deepest_known_package():
    known = {"scipy", "scipy.optimize", "scipy.optimize._x", "sklearn", "sklearn.datasets"}
    assert tracer.module_of("scipy/optimize/_x.cpython-311-x86_64-linux-gnu.so", known) == "scipy.optimize._x"
    assert tracer.module_of("sklearn/datasets/data/iris.csv", known) == "sklearn.datasets"
    assert tracer.module_of("scipy/optimize/_y.so", known) == "scipy.optimize"
    assert tracer.module_of("scipy.libs/libscipy_openblas.so", known) is None
    assert tracer.module_of("numpy-2.4.6.dist-info/METADATA", known) is None


def test_every_export_format_writes_without_the_left_out_codecs(tmp_path):
    # in a fresh interpreter, as in the bundle: Pillow's AVIF/WebP/Tk modules cannot be imported
    code = ("import sys; sys.path[:0] = [sys.argv[1], sys.argv[1] + '/scripts']\n"
            "import trace_vtk_modules as t; sys.meta_path.insert(0, t._Blocker())\n"
            "from pathlib import Path; t._write_every_format(Path(sys.argv[2]))\n"
            "assert not any(name in sys.modules for name in t.LEFT_OUT)\n"
            "import PIL.Image; PIL.Image.init(); print(sorted(set(PIL.Image.SAVE)))\n")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT), str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "AVIF" not in out.stdout and "WEBP" not in out.stdout
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["export.bmp", "export.jpeg", "export.jpg", "export.png", "export.tif", "export.tiff"]


@pytest.mark.gui
@pytest.mark.slow
def test_every_module_a_traced_run_loads_is_listed():
    traced = tracer.trace(verbose=False)
    assert {"screenshot", "window", "build-meshes", "download", "image-formats"} <= set(traced)
    _, loaded = tracer.split_traced(set().union(*traced.values()))
    assert "scipy.ndimage" in loaded and "PIL.TiffImagePlugin" in loaded
    assert tracer.missing_from_list(loaded, tracer.read_list(tracer.PYTHON_LIST_FILE)) == []
