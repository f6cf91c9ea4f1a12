"""Content packs in the window: open, name shown, back to built-in, recent list, live reload and its banner.

The pack's core (merging, zips) is tested in tests/atlases/teaching/test_content_pack.py.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from argparse import Namespace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from atlases.resources import asset_dir
from atlases.teaching.example_pack import write_example_pack
from viewer.window.pack_commands import MAX_RECENT, RECENT_KEY, read_recent

pytestmark = pytest.mark.gui

BASE_TITLE = "Brain Region Explorer"
#: How long a test waits for an edit to be on screen. The issue asks for "within a second" (a
#: 300 ms debounce plus the reload: about 0.7 s measured here); a loaded CI machine may take longer,
#: and no unit test holds a timing threshold.
RELOAD_MS = 10_000


@pytest.fixture
def pack_window(qtbot, tmp_path):
    """Factory: a shown window built with ``--content`` ``content`` (None: the built-in content)."""
    from viewer.app import create_window

    windows = []

    def factory(content=None):
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = create_window(Namespace(atlas_dir=None, atlas=None, theme=None, content=content), settings=settings)
        windows.append(window)
        window.resize(1280, 800)
        with qtbot.waitSignal(window.brain_view.sceneReady, timeout=60_000):
            window.show()
        qtbot.waitExposed(window)
        return window

    yield factory
    for window in windows:
        window.close()
        window.deleteLater()


def example(tmp_path, name="example") -> Path:
    return write_example_pack(tmp_path / name)[0].parent


def rename_region(folder: Path, new_name: str, old_name: str = "Hippocampus") -> Path:
    """Save the pack's hippocampus file with another name, as an editor would (write, then rename over it)."""
    path = folder / "regions" / "hippocampus.toml"
    text = path.read_text("utf-8")
    current = next(line for line in text.splitlines() if line.startswith("name = "))
    replaced = text.replace(current, f'name = "{new_name}"', 1)
    temp = path.with_name(".hippocampus.toml.swp")
    temp.write_text(replaced, "utf-8")
    os.replace(temp, path)   # the rename drops the old file's watch
    return path


def test_a_pack_opens_with_its_name_and_the_built_in_content_comes_back(pack_window, tmp_path):
    window = pack_window()
    packs = window.packs
    assert window.windowTitle() == BASE_TITLE and packs.label.text() == "Built-in content"
    folder = example(tmp_path)
    rename_region(folder, "Hippocampus & <b>memory</b>")
    window.state.select_region("hippocampus")
    assert packs.open_pack(folder)
    assert "Example pack: the hippocampus (Your name)" in window.windowTitle()
    assert packs.label.text() == "Pack: Example pack: the hippocampus (Your name)"
    # the selection stays; every part that holds the content has the pack's
    assert window.state.selected_region == "hippocampus"
    assert window.panel.current_title() == "Hippocampus & <b>memory</b>"
    assert window.region_list.item_for("hippocampus").text() == "Hippocampus & <b>memory</b>"
    assert window.labels.names["hippocampus"] == window.brain_view.region_names["hippocampus"] \
        == "Hippocampus & <b>memory</b>"
    assert window.content.glossary.term("temporal_lobe") is not None
    assert "temporal_lobe" in window.panel.glossary_page.visible_terms()
    assert "hippocampus_tour" in window.tours.folder_tours and "ketamine" in window.tours.builtin
    assert window.quiz.problem == "" and "hippocampus_quiz" in window.quiz._quizzes()[0]
    assert packs.watcher.paths and not packs.banner.isVisible()

    packs.use_builtin()
    assert window.windowTitle() == BASE_TITLE and packs.label.text() == "Built-in content"
    assert window.panel.current_title() == "Hippocampus"
    assert window.content.glossary.term("temporal_lobe") is None
    assert window.tours.folder_tours == {} and not packs.watcher.paths


def test_a_broken_pack_is_not_opened_and_the_banner_says_why(pack_window, tmp_path):
    window = pack_window()
    folder = example(tmp_path)
    (folder / "pack.toml").write_text('name = "<i>Mine</i>"\nlanguage = "klingon"\n', "utf-8")
    assert not window.packs.open_pack(folder)
    banner = window.packs.banner
    assert banner.isVisible()
    assert "pack.toml [language]" in banner.text() and "klingon" in banner.text()
    assert banner.message.textFormat().name == "PlainText"
    assert window.windowTitle() == BASE_TITLE and window.panel.current_title() == ""
    banner.dismiss_button.click()
    assert not banner.isVisible()


def test_an_edit_reloads_within_a_second_and_a_broken_one_keeps_the_last_good_version(pack_window, qtbot,
                                                                                         tmp_path):
    folder = example(tmp_path)
    window = pack_window(str(folder))
    assert "Example pack" in window.windowTitle()
    window.state.select_region("hippocampus")
    panel, banner = window.panel, window.packs.banner

    path = rename_region(folder, "Hippocampus, edited")
    qtbot.waitUntil(lambda: panel.current_title() == "Hippocampus, edited", timeout=RELOAD_MS)
    assert window.region_list.item_for("hippocampus").text() == "Hippocampus, edited"

    path.write_text(path.read_text("utf-8").replace('evidence = "animal"', 'evidence = "rumour"'), "utf-8")
    qtbot.waitUntil(banner.isVisible, timeout=RELOAD_MS)
    assert "hippocampus.toml [ketamine[0].evidence]" in banner.text() and "'rumour'" in banner.text()
    assert panel.current_title() == "Hippocampus, edited"   # the last good version stays on screen

    rename_region(folder, "Hippocampus, fixed", "Hippocampus, edited")   # still broken: the banner stays
    qtbot.wait(1500)
    assert banner.isVisible() and panel.current_title() == "Hippocampus, edited"
    path.write_text(path.read_text("utf-8").replace('evidence = "rumour"', 'evidence = "animal"'), "utf-8")
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=RELOAD_MS)
    assert panel.current_title() == "Hippocampus, fixed"

    window.close()
    watcher = window.packs.watcher
    assert not watcher.timer.isActive() and not watcher.watcher.files() and not watcher.watcher.directories()


def test_a_zip_pack_is_watched_as_one_file(pack_window, qtbot, tmp_path):
    folder = example(tmp_path)

    def make_zip(path):
        temp = path.with_suffix(".tmp")
        with zipfile.ZipFile(temp, "w") as archive:
            for file in sorted(folder.rglob("*.toml")):
                archive.write(file, file.relative_to(folder).as_posix())
        os.replace(temp, path)   # as a zip tool saves: a new file renamed over the old one
        return path

    path = make_zip(tmp_path / "week3.zip")
    window = pack_window(str(path))
    assert window.packs.pack.info.source == path and window.packs.watcher.paths[0] == path
    window.state.select_region("hippocampus")
    rename_region(folder, "Zipped hippocampus")
    make_zip(path)
    qtbot.waitUntil(lambda: window.panel.current_title() == "Zipped hippocampus", timeout=RELOAD_MS)
    make_zip(path)   # unchanged content: a new file again, and it is still watched
    rename_region(folder, "Zipped again", "Zipped hippocampus")
    make_zip(path)
    qtbot.waitUntil(lambda: window.panel.current_title() == "Zipped again", timeout=RELOAD_MS)


def test_the_tour_goes_on_at_its_step_when_the_pack_changes_and_ends_when_its_tour_is_gone(pack_window, tmp_path):
    window = pack_window()
    controller = window.tour_controller
    controller.start(window.tours.builtin["ketamine"])
    controller.go_to(2)
    assert controller.index == 2
    camera = window.brain_view.plotter.camera_position
    assert window.packs.open_pack(example(tmp_path))   # its content keeps the built-in tour
    assert controller.running and controller.index == 2 and controller.tour.id == "ketamine"
    assert window.caption_band.isVisible()
    assert window.brain_view.plotter.camera_position == camera   # the 3D view is not touched

    other = tmp_path / "other"
    shutil.copytree(example(tmp_path, "second"), other)
    (other / "mechanism.toml").write_text(
        'title = "Mine"\nintro = "Short."\n\n[[steps]]\nid = "only_step"\ntitle = "One step"\ntext = "It happens."\n'
        'evidence = "animal"\nrefs = ["li2010"]\nregions = ["prefrontal_cortex"]\n', "utf-8")
    for name in ("tours/hippocampus.toml", "quizzes/hippocampus.toml"):   # they cite the built-in steps
        (other / name).unlink()
    assert window.packs.open_pack(other)
    assert not controller.running and "ketamine" not in window.tours.builtin
    assert [s.id for s in window.content.mechanism.steps] == ["only_step"]
    assert window.panel.step_bar.step_text().endswith("One step")
    assert window.quiz.problem.startswith("The built-in quizzes are left out")


def test_the_recent_packs_list(pack_window, tmp_path):
    window = pack_window()
    packs = window.packs
    first, second = example(tmp_path, "first"), example(tmp_path, "second & <b>co</b>")
    (second / "pack.toml").write_text('name = "Mine [*] & <b>x</b>"\n', "utf-8")
    assert packs.open_pack(first) and packs.open_pack(second)
    assert read_recent(window.settings) == [str(second), str(first)]
    assert window.windowHandle().title() == f"Mine [*] & <b>x</b> \u2014 {BASE_TITLE}"   # as written
    assert packs.label.text() == "Pack: Mine [*] & <b>x</b>" and packs.label.textFormat().name == "PlainText"
    shutil.rmtree(first)
    packs.recent_menu.aboutToShow.emit()
    actions = {a.data(): a for a in packs.recent_menu.actions() if a.data()}
    assert actions[str(second)].isEnabled() and "&& <b>co</b>" in actions[str(second)].text()
    assert not actions[str(first)].isEnabled() and "(not found)" in actions[str(first)].text()
    actions[str(second)].trigger()
    assert packs.pack.info.source == second


def test_recent_packs_read_from_damaged_settings_are_bounded(tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue(RECENT_KEY, [f"/p/{i}" for i in range(MAX_RECENT + 5)] + ["/p/1", 3, "", "x\0y"])
    assert read_recent(settings) == [f"/p/{i}" for i in range(MAX_RECENT)]
    settings.setValue(RECENT_KEY, "/only/one")
    assert read_recent(settings) == ["/only/one"]
    settings.setValue(RECENT_KEY, 42)
    assert read_recent(settings) == []


def test_a_pack_that_fails_at_start_is_watched_and_opens_once_fixed(pack_window, qtbot, tmp_path):
    folder = example(tmp_path)
    region = folder / "regions" / "hippocampus.toml"
    good = region.read_text("utf-8")
    region.write_text(good.replace('evidence = "animal"', 'evidence = "rumour"'), "utf-8")
    window = pack_window(str(folder))
    assert window.content.folder == asset_dir("content")
    assert window.packs.banner.isVisible() and "rumour" in window.packs.banner.text()
    region.write_text(good, "utf-8")
    qtbot.waitUntil(lambda: window.packs.pack.info.source == folder, timeout=RELOAD_MS)
    assert not window.packs.banner.isVisible() and "Example pack" in window.windowTitle()
