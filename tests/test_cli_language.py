"""``main.py --lang``: the headless commands use the built-in content in that language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from atlases.resources import language_asset_dir
from atlases.sources.definitions import REGION_IDS
from atlases.teaching.content import load_content

ROOT = Path(__file__).resolve().parents[1]


def _list(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args, "--list"], cwd=ROOT, env=os.environ.copy(),
                          capture_output=True, text=True, timeout=180)


def _region_lines(stdout: str) -> dict[str, str]:
    """Region id -> the name printed after it, from --list's "Regions:" block."""
    lines = stdout.splitlines()
    start = lines.index("Regions:") + 1
    out = {}
    for line in lines[start:]:
        if not line.startswith("  "):
            break
        region_id, name = line.strip().split(maxsplit=1)
        out[region_id] = name
    return out


def test_lang_es_list_prints_the_regions_spanish_names():
    proc = _list("--lang", "es")
    assert proc.returncode == 0, proc.stderr
    spanish = load_content(language="es")
    english = load_content(language="en")
    printed = _region_lines(proc.stdout)
    assert printed == {r: spanish.region(r).name for r in REGION_IDS}
    assert all(printed[r] != english.region(r).name for r in REGION_IDS)   # really the other language
    assert "Corteza prefrontal" in printed.values()


def test_list_without_lang_prints_the_english_names():
    proc = _list()
    assert proc.returncode == 0, proc.stderr
    english = load_content(language="en")
    assert _region_lines(proc.stdout) == {r: english.region(r).name for r in REGION_IDS}


def test_an_unknown_language_is_a_usage_error():
    proc = _list("--lang", "xx")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "es" in proc.stderr


@pytest.mark.parametrize("language", ["es", "en"])
def test_mechanism_diagram_labels_come_from_the_languages_content(monkeypatch, tmp_path, language):
    import main
    from viewer.diagram import diagram_export

    used = []
    monkeypatch.setattr(diagram_export, "export_diagram",
                        lambda step, path, **kw: used.append(kw["content"]) or Path(path))
    out = tmp_path / "d.png"
    assert main.run(["--lang", language, "--mechanism-diagram", "nmda_block", str(out)]) == main.EXIT_OK
    assert used[0].folder.resolve() == language_asset_dir("content", language).resolve()


def test_a_lecturers_folder_keeps_its_own_texts_whatever_the_lang(monkeypatch, tmp_path):
    import shutil

    import main
    from viewer.diagram import diagram_export

    folder = tmp_path / "pack"
    shutil.copytree(language_asset_dir("content", "en"), folder)
    used = []
    monkeypatch.setattr(diagram_export, "export_diagram",
                        lambda step, path, **kw: used.append(kw["content"]) or Path(path))
    assert main.run(["--lang", "es", "--content", str(folder), "--mechanism-diagram", "nmda_block",
                     str(tmp_path / "d.png")]) == main.EXIT_OK
    assert used[0].folder.resolve() == folder.resolve()
