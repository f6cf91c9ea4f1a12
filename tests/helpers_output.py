"""Shared by the hostile-output tests (classes 8 and 9): test images, a patched CLI, folder listings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def main_run(*args: str) -> int:
    import main

    return main.run(list(args))


def picture(width=64, height=48, seed=0) -> np.ndarray:
    """A non-blank test image: a vertical gradient with a coloured block."""
    img = np.zeros((height, width, 3), np.uint8)
    img[...] = np.linspace(30, 200, height, dtype=np.uint8)[:, None, None]
    img[height // 4:height // 2, width // 4:width // 2] = (230, 159, 0)
    if seed:
        img ^= np.random.default_rng(seed).integers(0, 8, img.shape, dtype=np.uint8)
    return img


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def fake_render(monkeypatch):
    """``main.py --screenshot`` without OpenGL or an atlas: ``make(size)`` gives the 'rendered' pixels."""
    from types import SimpleNamespace

    import viewer.scene.headless

    def install(make):
        monkeypatch.setattr(viewer.scene.headless, "load_brain_model",
                            lambda *a, **k: SimpleNamespace(atlas=SimpleNamespace(region=lambda r: None)))
        monkeypatch.setattr(viewer.scene.headless, "_render", lambda model, size, *a: make(size))
    return install


@pytest.fixture
def no_render(monkeypatch):
    """Fail the test if anything is loaded or rendered."""
    def boom(*a, **k):
        raise AssertionError("loaded or rendered before the output path was checked")

    import pyvista

    import atlases.meshes.brain_model
    import atlases.teaching.content_folder
    import viewer.scene.headless

    monkeypatch.setattr(atlases.meshes.brain_model, "load_brain_model", boom)
    monkeypatch.setattr(viewer.scene.headless, "load_brain_model", boom)
    monkeypatch.setattr(atlases.teaching.content_folder, "load_lecture_folder", boom)
    monkeypatch.setattr(pyvista, "Plotter", boom)


def read_image(path: Path) -> np.ndarray:
    """An image file's pixels as (height, width, 3) uint8."""
    from PIL import Image

    with Image.open(path) as img:
        return np.asarray(img.convert("RGB"))


def run_patched(patch: str, *args: str, egl: bool = False, timeout: float = 300) -> subprocess.CompletedProcess:
    """``main.run(args)`` in a child process after running ``patch`` (Python source)."""
    code = f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n{patch}\nimport main\nsys.exit(main.run({list(args)!r}))\n"
    env = os.environ.copy()
    if egl:
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nothing can be written into: a read-only tmpfs as root (who ignores modes), else mode 555."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)], capture_output=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a read-only tmpfs here: {proc.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


@pytest.fixture
def small_tmpfs(tmp_path):
    """A real 64 KB file system (root only; skipped elsewhere): a full disk."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)
