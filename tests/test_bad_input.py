"""Bad input gives one clear message: one stderr line and a non-zero exit, or one dialog.

Already covered elsewhere and not repeated here: bad NIfTI files through
``load_label_image`` (test_label_volume), broken Harvard-Oxford files through
the source in-process (test_harvard_oxford), malformed content, definition
and theme files in-process (test_content, test_definitions,
test_views_themes, test_datafiles).

Added here:

* every kind of broken atlas file through the real command line
  (``main.py --screenshot ... --atlas harvard_oxford --atlas-dir DIR``), the
  processes run concurrently to keep the suite fast;
* broken Harvard-Oxford variants not covered in-process (empty files, float
  and huge labels, wrong affines, all-zero images, XML without labels...);
* broken lecturer content folders and tours through ``main.py --content DIR``;
* definition files: oversized, duplicate keys, deep nesting;
* in the window: a broken atlas gives a dialog naming the file and the
  default atlas is shown after it; a broken content folder gives a warning and
  the built-in content.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from argparse import Namespace
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nibabel as nib
import numpy as np
import pytest

from atlases.errors import AtlasError, ContentError
from atlases.files.toml_reader import MAX_DATA_FILE_BYTES
from atlases.meshes.brain_model import load_brain_model
from atlases.meshes.mesh_cache import MeshCache
from atlases.resources import asset_dir, asset_path
from atlases.sources.definitions import load_definition
from tests.helpers_atlas_files import cortical_array, mni_affine, write_harvard_oxford_layout, write_nifti
from tests.helpers_network import jail_env
from tests.helpers_toml import dump_toml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
SHAPE = (40, 48, 40)
AFFINE = mni_affine(SHAPE)


# ---------------------------------------------------------------- ways to break atlas files
def _image(path: Path, data, affine=AFFINE) -> None:
    data = np.asarray(data)
    img = nib.Nifti1Image(data, affine, dtype=data.dtype)
    img.to_filename(str(path))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _shifted(path: Path) -> None:
    affine = AFFINE.copy()
    affine[0, 3] += 1000.0
    _image(path, cortical_array(SHAPE, AFFINE), affine)


#: name -> (file attribute of HarvardOxfordFiles, how to break it, phrase in the message)
ATLAS_CASES = {
    "image missing": ("cortical_image", Path.unlink, "image is missing"),
    "image empty": ("cortical_image", lambda p: p.write_bytes(b""), "is empty"),
    "image truncated gzip": ("subcortical_image", _truncate, "is a truncated gzip file"),
    "image not NIfTI": ("cortical_image", lambda p: p.write_bytes(gzip.compress(b"id,label\n1,x\n" * 50)),
                        "not a readable NIfTI image"),
    "image 4D": ("cortical_image", lambda p: _image(p, np.stack([cortical_array(SHAPE, AFFINE)] * 3, -1)), "4D"),
    "image float probabilities": ("cortical_image",
                                  lambda p: _image(p, cortical_array(SHAPE, AFFINE).astype(np.float32) * 0.37),
                                  "non-integer values"),
    "image not MNI affine": ("cortical_image", _shifted, "not in MNI space"),
    "image without labels": ("cortical_image", lambda p: _image(p, np.zeros(SHAPE, np.uint8)), "holds no labels"),
    "label XML malformed": ("cortical_xml", lambda p: p.write_text("<atlas><data><label index='0'>Frontal"),
                            "not valid XML"),
    "label XML missing": ("subcortical_xml", Path.unlink, "label file is missing"),
}

#: Variants checked in-process only (the CLI path is the same code).
MORE_ATLAS_CASES = {
    "label XML empty": ("cortical_xml", lambda p: p.write_bytes(b""), "not valid XML"),
    "label XML without labels": ("cortical_xml", lambda p: p.write_text("<atlas><data/></atlas>"),
                                 "no <label> entries"),
    "label XML label without name": ("cortical_xml",
                                     lambda p: p.write_text('<atlas><data><label index="0"> </label></data></atlas>'),
                                     "without a name"),
    "label XML binary junk": ("subcortical_xml", lambda p: p.write_bytes(bytes(range(256))), "not valid XML"),
    "image plain text": ("cortical_image", lambda p: p.write_text("hello"), "not a gzip file"),
    "image NaN": ("cortical_image", lambda p: _image(p, np.where(cortical_array(SHAPE, AFFINE) > 0, np.nan, 0)
                                                     .astype(np.float32)), "non-integer values"),
    "image labels beyond int32": ("cortical_image",
                                  lambda p: _image(p, cortical_array(SHAPE, AFFINE).astype(np.int64) * 2**33),
                                  "32-bit integer"),
    "image 10 mm voxels": ("cortical_image",
                           lambda p: _image(p, cortical_array(SHAPE, AFFINE), np.diag([-10.0, 10, 10, 1])),
                           "voxel sizes"),
    "image labels not in table": ("cortical_image",
                                  lambda p: _image(p, (cortical_array(SHAPE, AFFINE).astype(np.int16) + 60)
                                                   * (cortical_array(SHAPE, AFFINE) > 0)),
                                  "none of the label table's values"),
    "image 2D": ("cortical_image", lambda p: write_nifti(p, cortical_array(SHAPE, AFFINE)[:, :, 20], AFFINE),
                 "must be a 3D label volume"),
}


def broken_layout(folder: Path, case: tuple) -> Path:
    """A generated Harvard-Oxford data folder with one file broken; returns the broken file."""
    attribute, corrupt, _ = case
    files = write_harvard_oxford_layout(folder)
    path = getattr(files, attribute)
    corrupt(path)
    return path


def _one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got:\n{proc.stderr}"
    assert lines[0].startswith("error: "), lines[0]
    return lines[0]


def _run_all(commands: dict[str, list[str]], env) -> dict[str, subprocess.CompletedProcess]:
    def run(command):
        return subprocess.run([sys.executable, str(ROOT / "main.py"), *command], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=180)

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(commands, pool.map(run, commands.values()), strict=True))


# ---------------------------------------------------------------- atlas files through the CLI
@pytest.fixture(scope="module")
def atlas_cli(tmp_path_factory):
    """Run ``main.py --screenshot`` on every broken atlas at once; {case: (broken file, result, out png)}."""
    base = tmp_path_factory.mktemp("broken-atlases")
    commands, broken = {}, {}
    for n, (name, case) in enumerate(ATLAS_CASES.items()):
        broken[name] = broken_layout(base / f"case{n}", case)
        out = base / f"case{n}.png"
        commands[name] = ["--screenshot", str(out), "--size", "64x64", "--atlas", "harvard_oxford",
                          "--atlas-dir", str(base / f"case{n}")]
    # the children must never download (only 127.0.0.1 traffic, and none is expected)
    results = _run_all(commands, jail_env(base / "jail", "dns-fail"))
    return {name: (broken[name], results[name], Path(commands[name][1])) for name in ATLAS_CASES}


@pytest.mark.parametrize("case", list(ATLAS_CASES))
def test_broken_atlas_file_cli_one_line(atlas_cli, case):
    path, proc, out = atlas_cli[case]
    line = _one_line_error(proc)
    assert path.name in line, line
    assert ATLAS_CASES[case][2] in line, line
    assert not out.exists()


def test_missing_atlas_folder_cli_one_line(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--screenshot", str(tmp_path / "x.png"),
                           "--atlas", "harvard_oxford", "--atlas-dir", str(tmp_path / "nowhere")], cwd=ROOT,
                          env=jail_env(tmp_path / "jail", "dns-fail"), capture_output=True, text=True, timeout=120)
    line = _one_line_error(proc)
    assert str(tmp_path / "nowhere") in line and "--download-harvard-oxford" in line


@pytest.mark.filterwarnings("ignore::UserWarning")   # nilearn's own notes about the broken image
@pytest.mark.parametrize("case", list(MORE_ATLAS_CASES))
def test_more_broken_atlas_files_name_the_file(tmp_path, case):
    path = broken_layout(tmp_path / "atlas", MORE_ATLAS_CASES[case])
    with pytest.raises(AtlasError) as info:
        load_brain_model("harvard_oxford", tmp_path / "atlas", cache=MeshCache(tmp_path / "cache"))
    message = str(info.value)
    assert path.name in message and MORE_ATLAS_CASES[case][2] in message, message
    assert "\n" not in message


# ---------------------------------------------------------------- lecturer content folders and tours
def _edit(path: Path, change) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dump_toml(data), encoding="utf-8")


def _outside_copy(folder: Path, name: str) -> Path:
    """A valid file outside the content folder (what a symlink could point at)."""
    outside = folder.parent / "outside"
    outside.mkdir(exist_ok=True)
    target = outside / Path(name).name
    shutil.copy(folder / name, target)
    return target


def _link(folder: Path, name: str) -> None:
    target = _outside_copy(folder, name)
    (folder / name).unlink()
    (folder / name).symlink_to(target)


def _link_dir(folder: Path, name: str) -> None:
    outside = folder.parent / f"outside-{name}"
    shutil.move(folder / name, outside)
    (folder / name).symlink_to(outside, target_is_directory=True)


def _tour(folder: Path, change=None, name: str = "mine.toml") -> None:
    (folder / "tours").mkdir(exist_ok=True)
    path = folder / "tours" / name
    shutil.copy(asset_path("tours", "ketamine.toml"), path)
    if change is not None:
        _edit(path, change)


def _first_step(change):
    return lambda d: change(d["steps"][0])


#: name -> (how to break a copy of the built-in content, file named in the message, phrase)
CONTENT_CASES = {
    "syntax": (lambda f: (f / "mechanism.toml").write_text('title = "unterminated\n'), "mechanism.toml",
               "not valid TOML"),
    "missing field": (lambda f: _edit(f / "regions" / "hippocampus.toml", lambda d: d.pop("name")),
                      "hippocampus.toml", "required field is missing"),
    "wrong type": (lambda f: _edit(f / "references.toml",
                                   lambda d: next(iter(d["references"].values())).update(year="2010")),
                   "references.toml", "expected a whole number"),
    "unknown region": (lambda f: _edit(f / "mechanism.toml", lambda d: d["steps"][0].update(regions=["amygdala"])),
                       "mechanism.toml", "unknown region 'amygdala'"),
    "duplicate ids": (lambda f: _edit(f / "mechanism.toml", lambda d: d["steps"].append(dict(d["steps"][0]))),
                      "mechanism.toml", "duplicate step id"),
    "oversized": (lambda f: (f / "safety.toml").write_bytes((f / "safety.toml").read_bytes()
                                                             + b"#" * MAX_DATA_FILE_BYTES),
                  "safety.toml", "too large"),
    # (a region file that is missing is no error since content packs: the built-in text fills the gap)
    "region file is a folder": (lambda f: (f / "regions" / "posteromedial_cortex.toml").unlink()
                                or (f / "regions" / "posteromedial_cortex.toml").mkdir(),
                                "posteromedial_cortex.toml", "not a regular file"),
    "region file links outside": (lambda f: _link(f, "regions/hippocampus.toml"), "hippocampus.toml",
                                  "outside the folder"),
    "regions folder links outside": (lambda f: _link_dir(f, "regions"), "regions", "outside the folder"),
    "references link outside": (lambda f: _link(f, "references.toml"), "references.toml", "outside the folder"),
    "folder missing": (lambda f: shutil.rmtree(f), "content", "content folder not found"),
    "tour syntax": (lambda f: _tour(f) or (f / "tours" / "mine.toml").write_text("[[steps]\n"), "mine.toml",
                    "not valid TOML"),
    "tour missing field": (lambda f: _tour(f, _first_step(lambda s: s.pop("caption"))), "mine.toml",
                           "required field is missing"),
    "tour wrong type": (lambda f: _tour(f, _first_step(lambda s: s.update(cortex_opacity="high"))), "mine.toml",
                        "expected a number"),
    "tour unknown region": (lambda f: _tour(f, _first_step(lambda s: s.update(regions=["amygdala"]))), "mine.toml",
                            "unknown region 'amygdala'"),
    "tour unknown view": (lambda f: _tour(f, _first_step(lambda s: s.update(view="oblique"))), "mine.toml",
                          "unknown view 'oblique'"),
    "tour duplicate ids": (lambda f: (_tour(f), _tour(f, name="again.toml")), "mine.toml", "duplicate tour id"),
    "tour oversized": (lambda f: _tour(f) or (f / "tours" / "mine.toml").write_bytes(b" " * 1_100_000),
                       "mine.toml", "too large"),
    "tour links outside": (lambda f: (_tour(f), _link(f, "tours/mine.toml")), "mine.toml", "outside the folder"),
}


def broken_content(folder: Path, case: str) -> Path:
    shutil.copytree(asset_dir("content"), folder)
    CONTENT_CASES[case][0](folder)
    return folder


@pytest.fixture(scope="module")
def content_cli(tmp_path_factory):
    base = tmp_path_factory.mktemp("broken-content")
    commands = {}
    for n, case in enumerate(CONTENT_CASES):
        folder = broken_content(base / f"case{n}" / "content", case)
        commands[case] = ["--content", str(folder), "--list"]
    return _run_all(commands, os.environ.copy())


@pytest.mark.parametrize("case", list(CONTENT_CASES))
def test_broken_content_folder_cli_one_line(content_cli, case):
    line = _one_line_error(content_cli[case])
    _, file_name, phrase = CONTENT_CASES[case]
    assert file_name in line and phrase in line, line


def test_valid_lecturer_folder_with_a_tour_is_accepted(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(asset_dir("content"), folder)
    _tour(folder)
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--content", str(folder), "--list"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr


# ---------------------------------------------------------------- definition files (in-process)
DEFINITION_TEXT = asset_path("atlases", "desikan_killiany.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("text, phrase", [
    (DEFINITION_TEXT + "#" * MAX_DATA_FILE_BYTES, "too large"),
    ('id = "desikan_killiany"\n' + DEFINITION_TEXT, "not valid TOML"),             # duplicate key
    (DEFINITION_TEXT + "\n[regions.hippocampus]\nlabels = []\n", "not valid TOML"),  # duplicate table
    ("x = " + "{a = " * 200 + "1" + "}" * 200 + "\n", "nested 200 levels deep"),
    (DEFINITION_TEXT.replace('id = "desikan_killiany"', 'id = "desikan_killiany\\n"'), "not a valid id"),
], ids=["oversized", "duplicate-key", "duplicate-table", "deep-nesting", "id-with-newline"])
def test_bad_definition_file_names_the_file(tmp_path, text, phrase):
    path = tmp_path / "desikan_killiany.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_definition(path)
    assert path.name in str(info.value) and phrase in str(info.value), str(info.value)


# ---------------------------------------------------------------- in the window
@pytest.mark.gui
@pytest.mark.parametrize("case", ["image truncated gzip", "label XML malformed"])
def test_broken_atlas_in_the_window_shows_a_dialog_then_the_default_atlas(make_window, monkeypatch, tmp_path,
                                                                          case):
    from viewer.window import main_window

    path = broken_layout(tmp_path / "atlas", ATLAS_CASES[case])
    dialogs = []
    monkeypatch.setattr(main_window.QMessageBox, "warning",
                        lambda parent, title, text, *a, **k: dialogs.append((title, text)))
    window = make_window(atlas_dir=tmp_path / "atlas", atlas="harvard_oxford")  # waits for the scene
    assert len(dialogs) == 1, dialogs
    title, text = dialogs[0]
    assert path.name in text and ATLAS_CASES[case][2] in text, text
    assert "default atlas" in text and "Traceback" not in text
    assert window.state.atlas == "desikan_killiany"
    assert window.brain_view.scene.model.atlas.id == "desikan_killiany"


@pytest.mark.gui
def test_broken_content_folder_in_the_app_warns_and_uses_the_builtin_content(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QApplication, QMessageBox

    from viewer import app as app_mod
    from viewer.window.main_window import MainWindow

    folder = broken_content(tmp_path / "content", "missing field")
    warnings = []
    monkeypatch.setenv("BRAIN_EXPLORER_GL_PROBE", "0")  # the graphics check has its own tests
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: warnings.append((title, text)))
    monkeypatch.setattr(QApplication, "exec", lambda self=None: 0)
    args = Namespace(content=str(folder), atlas=None, theme=None, atlas_dir=None, software_gl=False)
    assert app_mod.run_app(args) == 0
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    try:
        assert len(windows) == 1
        assert windows[0].content.folder == asset_dir("content")
        assert len(warnings) == 1 and "hippocampus.toml" in warnings[0][1], warnings
        assert "built-in content" in warnings[0][1]
    finally:
        for window in windows:
            qtbot.waitUntil(lambda w=window: w.brain_view.scene is not None, timeout=60_000)
            window.close()
            window.deleteLater()


def test_load_content_or_builtin(tmp_path):
    from viewer.app import load_content_or_builtin

    good = tmp_path / "good"
    shutil.copytree(asset_dir("content"), good)
    content, problem = load_content_or_builtin(good)
    assert problem is None and content.folder == good
    content, problem = load_content_or_builtin(broken_content(tmp_path / "bad", "region file links outside"))
    assert isinstance(problem, ContentError) and "hippocampus.toml" in str(problem)
    assert content.folder == asset_dir("content")
