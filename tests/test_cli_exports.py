"""main.py's exports end to end, at tiny sizes: --screenshot's overlays, --movie, --handout, --export-model.

Each prints ``wrote PATH``; an unsupported extension or an export option without its export exits 2 before
anything is created; a failed export exits 1 with one line and leaves no file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from helpers_output import listing, main_run, no_render  # noqa: F401 - a fixture, used by name

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """``python main.py ARGS`` in a fresh process (off screen: EGL when there is no display)."""
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=env)


def test_screenshot_with_overlays_and_transparency(tmp_path):
    out = tmp_path / "brain.png"
    proc = run_cli("--screenshot", str(out), "--size", "320x200", "--transparent", "--labels", "--legend",
                   "--caption", "Ketamine <b>acts</b>", "--inset", "--region", "hippocampus")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"wrote {out}"
    with Image.open(out) as img:
        assert img.size == (320, 200) and img.mode == "RGBA"
        alpha = np.asarray(img)[..., 3]
    assert alpha.min() == 0 and alpha.max() == 255   # a see-through background, an opaque brain
    assert listing(tmp_path) == ["brain.png"]


def test_screenshot_labels_change_the_picture(tmp_path):
    plain, labelled = tmp_path / "plain.png", tmp_path / "labels.png"
    assert run_cli("--screenshot", str(plain), "--size", "320x200").returncode == 0
    assert run_cli("--screenshot", str(labelled), "--size", "320x200", "--labels").returncode == 0
    a, b = (np.asarray(Image.open(p).convert("RGB")).astype(int) for p in (plain, labelled))
    assert a.shape == b.shape and (np.abs(a - b).max(axis=-1) > 60).sum() > 100


def test_export_model(tmp_path):
    out = tmp_path / "brain.glb"
    proc = run_cli("--export-model", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"wrote {out}"
    assert out.read_bytes()[:4] == b"glTF"


@pytest.mark.parametrize("ext, frames", [(".gif", 4), (".mp4", 3)])
def test_movie_has_the_frames_asked_for(tmp_path, ext, frames):
    pytest.importorskip("viewer.exports.movie_export")
    out = tmp_path / f"turn{ext}"
    proc = run_cli("--movie", str(out), "--frames", str(frames), "--fps", "8", "--size", "64x48", "--axis", "y")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"wrote {out} ({frames} frames)"
    if ext == ".gif":
        with Image.open(out) as img:
            assert img.n_frames == frames
    else:
        import imageio_ffmpeg

        assert imageio_ffmpeg.count_frames_and_secs(str(out))[0] == frames
    assert listing(tmp_path) == [out.name]


def test_handout(tmp_path):
    pytest.importorskip("viewer.exports.handout")
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "handout.pdf"
    proc = run_cli("--handout", str(out), "--paper", "letter", "--level", "advanced")
    assert proc.returncode == 0, proc.stderr
    pages = len(pypdf.PdfReader(out).pages)
    assert proc.stdout.strip() == f"wrote {out} ({pages} pages)"
    assert listing(tmp_path) == ["handout.pdf"]


# usage errors: exit 2, nothing created, nothing loaded ------------------------------------------------
@pytest.mark.parametrize("args, words", [
    (["--movie", "{d}/m.avi"], "--movie writes .mp4 or .gif"),
    (["--movie", "{d}/m"], "--movie writes"),
    (["--handout", "{d}/h.docx"], "--handout writes .pdf"),
    (["--export-model", "{d}/b.gltf"], "--export-model writes .glb"),
    (["--transparent"], "--transparent needs --screenshot"),
    (["--legend"], "--legend needs --screenshot"),
    (["--caption", "x"], "--caption needs --screenshot"),
    (["--inset", "--movie", "{d}/m.gif"], "--inset needs --screenshot"),
    (["--labels"], "--labels needs --screenshot or --movie"),
    (["--frames", "3"], "--frames needs --movie"),
    (["--fps", "3", "--screenshot", "{d}/a.png"], "--fps needs --movie"),
    (["--tour"], "--tour needs --movie"),
    (["--axis", "x"], "--axis needs --movie"),
    (["--paper", "letter"], "--paper needs --handout"),
    (["--level", "advanced", "--movie", "{d}/m.gif"], "--level needs --handout"),
    (["--movie", "{d}/m.gif", "--frames", "0"], "between 1 and"),
    (["--movie", "{d}/m.gif", "--fps", "61"], "between 1 and 60"),
    (["--movie", "{d}/m.gif", "--tour", "--frames", "3"], "--tour sets"),
    (["--movie", "{d}/m.gif", "--handout", "{d}/h.pdf"], "one export at a time"),
    (["--screenshot", "{d}/a.png", "--export-model", "{d}/b.glb"], "one export at a time"),
    (["--quiz", "--export-model", "{d}/b.glb"], "--quiz opens the window"),
])
def test_usage_errors_exit_2_and_create_nothing(args, words, tmp_path, capsys):
    with pytest.raises(SystemExit) as ended:
        main_run(*(a.format(d=tmp_path) for a in args))
    assert ended.value.code == 2
    assert words in capsys.readouterr().err
    assert listing(tmp_path) == []


@pytest.mark.usefixtures("no_render")
def test_a_transparent_jpeg_exits_2_before_rendering(tmp_path, capsys):
    assert main_run("--screenshot", str(tmp_path / "a.jpg"), "--transparent", "--size", "64x48") == 2
    assert "transparen" in capsys.readouterr().err
    assert listing(tmp_path) == []


# failures: exit 1, one line, no file ----------------------------------------------------------------------
@pytest.mark.parametrize("flag, name", [("--export-model", "b.glb"), ("--screenshot", "a.png"),
                                        ("--handout", "h.pdf"), ("--movie", "m.gif")])
@pytest.mark.usefixtures("no_render")
def test_an_unwritable_target_exits_1_with_one_line_and_no_file(flag, name, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a folder")
    extra = ["--labels"] if flag == "--screenshot" else []
    assert main_run(flag, str(blocker / name), *extra) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and str(blocker) in err[0]
    assert listing(tmp_path) == ["file"]


def test_an_export_on_a_full_disk_exits_1_and_leaves_nothing(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "tiny"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)]).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        proc = run_cli("--export-model", str(mount / "brain.glb"))   # about 2.6 MB
        assert proc.returncode == 1
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and "space" in lines[0].lower()
        assert "wrote" not in proc.stdout and listing(mount) == []
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_tour_movie_has_the_count_that_follows_from_the_tour(tmp_path):
    movie_export = pytest.importorskip("viewer.exports.movie_export")
    out = tmp_path / "tour.gif"
    proc = run_cli("--movie", str(out), "--tour", "--fps", "2", "--size", "64x48")
    assert proc.returncode == 0, proc.stderr
    with Image.open(out) as img:
        frames = img.n_frames
    assert proc.stdout.strip() == f"wrote {out} ({frames} frames)"
    from viewer.scene.export_spec import SceneSnapshot

    tour = movie_export.find_tour(SceneSnapshot())
    expected = movie_export.frame_count(movie_export.MovieOptions(size=(64, 48), fps=2, tour=True), tour)
    assert frames == expected


def test_a_spanish_model_names_its_parts_in_spanish(tmp_path):
    pygltflib = pytest.importorskip("pygltflib")
    out = tmp_path / "cerebro.glb"
    proc = run_cli("--export-model", str(out), "--lang", "es")
    assert proc.returncode == 0, proc.stderr
    names = {node.name for node in pygltflib.GLTF2().load_binary(str(out)).nodes if node.name}
    assert any("Hipocampo" in name for name in names), names
    assert not any("(left)" in name or "(right)" in name or name.startswith("Cortex") for name in names), names
