"""``main.py --mechanism-diagram STEP_ID OUT.png``: the file written, its size and theme, and the exit codes.

Run as a user runs it (a subprocess from the repository root). The export
needs no X display and no VTK: Qt draws on its offscreen platform.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from viewer.scene.themes import get_theme, hex_to_rgb

ROOT = Path(__file__).resolve().parents[3]
STEPS = ("nmda_block", "disinhibition", "glutamate_surge", "ampa_activation", "bdnf_trkb", "mtorc1",
         "synaptogenesis")


def run_main(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}   # no display needed
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_a_step_is_written_at_the_canvas_aspect_by_default(tmp_path):
    out = tmp_path / "step.png"
    proc = run_main("--mechanism-diagram", "disinhibition", str(out))
    assert proc.returncode == 0, proc.stderr
    assert str(out) in proc.stdout
    with Image.open(out) as image:
        assert image.size == (1600, 1000)


def test_size_and_theme_are_used(tmp_path):
    out = tmp_path / "step.png"
    proc = run_main("--mechanism-diagram", "mtorc1", str(out), "--size", "800x600", "--theme", "projector")
    assert proc.returncode == 0, proc.stderr
    with Image.open(out) as image:
        assert image.size == (800, 600)
        corner = np.asarray(image.convert("RGB"))[2, 400]  # the top margin: the theme's background
    expected = [round(c * 255) for c in hex_to_rgb(get_theme("projector").background)]
    assert np.abs(corner.astype(int) - expected).max() <= 2


def test_the_rival_variant_differs_from_the_leading_model(tmp_path):
    leading, rival = tmp_path / "leading.png", tmp_path / "rival.png"
    assert run_main("--mechanism-diagram", "disinhibition", str(leading), "--size", "400x250").returncode == 0
    assert run_main("--mechanism-diagram", "disinhibition", str(rival), "--size", "400x250",
                    "--rival").returncode == 0
    with Image.open(leading) as a, Image.open(rival) as b:
        assert np.abs(np.asarray(a, dtype=int) - np.asarray(b, dtype=int)).max() > 50


def test_an_unknown_step_exits_2_listing_the_valid_ones(tmp_path):
    out = tmp_path / "step.png"
    proc = run_main("--mechanism-diagram", "no_such_step", str(out))
    assert proc.returncode == 2
    assert "no_such_step" in proc.stderr
    for step in STEPS:
        assert step in proc.stderr
    assert not out.exists()


@pytest.mark.parametrize("args", [
    ("--mechanism-diagram", "nmda_block", "{out}.txt"),                       # an extension no writer has
    ("--mechanism-diagram", "nmda_block", "{out}.png", "--theme", "neon"),    # an unknown theme
    ("--mechanism-diagram", "nmda_block", "{out}.png", "--size", "9x9"),      # a size out of range
    ("--mechanism-diagram", "nmda_block"),                                    # no file
    ("--rival",),                                                             # --rival alone
    ("--mechanism-diagram", "nmda_block", "{out}.png", "--screenshot", "{out}2.png"),
])
def test_usage_errors_exit_2_and_write_nothing(tmp_path, args):
    out = tmp_path / "step"
    proc = run_main(*(a.format(out=out) for a in args))
    assert proc.returncode == 2, proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_place_exits_1_and_keeps_the_old_file(tmp_path):
    below_a_file = tmp_path / "file.png"
    below_a_file.write_bytes(b"old")
    proc = run_main("--mechanism-diagram", "nmda_block", str(below_a_file / "step.png"))
    assert proc.returncode == 1
    assert "error:" in proc.stderr and "Traceback" not in proc.stderr
    assert below_a_file.read_bytes() == b"old"


def test_a_lecturers_labels_are_drawn(tmp_path):
    import shutil

    from atlases.resources import asset_dir

    pack = tmp_path / "pack"
    shutil.copytree(asset_dir("content"), pack)
    labels = pack / "mechanism_diagram.toml"
    labels.write_text(labels.read_text(encoding="utf-8").replace('"Pyramidal neuron"', '"X"'), encoding="utf-8")
    own, built_in = tmp_path / "own.png", tmp_path / "built_in.png"
    assert run_main("--mechanism-diagram", "nmda_block", str(own), "--content", str(pack)).returncode == 0
    assert run_main("--mechanism-diagram", "nmda_block", str(built_in)).returncode == 0
    with Image.open(own) as a, Image.open(built_in) as b:
        assert np.abs(np.asarray(a, dtype=int) - np.asarray(b, dtype=int)).max() > 50
