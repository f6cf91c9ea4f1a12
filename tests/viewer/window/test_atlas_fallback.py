"""A failed atlas load: the atlas on screen stays without a reload, and the dialog names it."""

from __future__ import annotations

import pytest

from atlases.errors import AtlasError
from atlases.sources.registry import get_definition

pytestmark = pytest.mark.gui


@pytest.fixture
def failing_loads(monkeypatch):
    """Loads of the atlases in ``failing`` fail; every load started is counted; warnings are collected."""
    from viewer.window import atlas_loading
    from viewer.window.atlas_worker import BackgroundTask

    real = atlas_loading.load_model_task
    record = {"failing": set(), "started": [], "warnings": []}

    def load_model_task(atlas_id, data_dir, parent=None):
        record["started"].append(atlas_id)
        if atlas_id not in record["failing"]:
            return real(atlas_id, data_dir, parent=parent)

        def fail():
            raise AtlasError(f"{atlas_id} is broken")

        return BackgroundTask(fail, parent=parent)

    monkeypatch.setattr(atlas_loading, "load_model_task", load_model_task)
    monkeypatch.setattr(atlas_loading.QMessageBox, "warning",
                        lambda parent, title, text: record["warnings"].append(text))
    return record


def test_a_failed_switch_keeps_the_atlas_on_screen_without_a_reload(make_window, qtbot, tmp_path, failing_loads):
    from helpers_atlas_files import write_harvard_oxford_layout

    data_dir = tmp_path / "nilearn"
    write_harvard_oxford_layout(data_dir)
    window = make_window(atlas_dir=data_dir)
    with qtbot.waitSignal(window.brain_view.sceneReady, timeout=60_000):
        window.atlas_actions["harvard_oxford"].trigger()   # not the default atlas on screen
    scene = window.brain_view.scene
    builds = []
    window.brain_view.sceneReady.connect(lambda: builds.append(window.brain_view.scene))
    failing_loads["failing"].add("desikan_killiany")
    failing_loads["started"].clear()

    window.atlas_actions["desikan_killiany"].trigger()
    qtbot.waitUntil(lambda: len(failing_loads["warnings"]) == 1, timeout=30_000)
    qtbot.wait(200)   # a reload, if one started, would have begun by now

    assert failing_loads["started"] == ["desikan_killiany"]   # no second load of Harvard-Oxford
    assert builds == [] and window.brain_view.scene is scene   # the scene on screen was not rebuilt
    assert window.atlas_loading.task is None and not window.progress.isVisible()
    assert window.state.atlas == window.state.loaded_atlas == "harvard_oxford"
    assert window.atlas_actions["harvard_oxford"].isChecked()
    assert not window.atlas_actions["desikan_killiany"].isChecked()
    (text,) = failing_loads["warnings"]
    assert "desikan_killiany is broken" in text
    assert f"Showing {get_definition('harvard_oxford').name} instead." in text
    assert "default" not in text


def test_a_failed_first_load_shows_the_default_atlas_and_says_so(make_window, tmp_path, failing_loads):
    from helpers_atlas_files import write_harvard_oxford_layout

    data_dir = tmp_path / "nilearn"
    write_harvard_oxford_layout(data_dir)
    failing_loads["failing"].add("harvard_oxford")
    window = make_window(atlas_dir=data_dir, atlas="harvard_oxford")   # waits for the default's scene
    assert failing_loads["started"] == ["harvard_oxford", "desikan_killiany"]
    assert window.state.atlas == window.state.loaded_atlas == "desikan_killiany"
    assert window.brain_view.scene.model.atlas.id == "desikan_killiany"
    (text,) = failing_loads["warnings"]
    assert f"Showing the default atlas, {get_definition('desikan_killiany').name}, instead." in text


def test_asking_again_for_the_atlas_on_screen_drops_a_running_load(make_window, qtbot, tmp_path, failing_loads):
    from helpers_atlas_files import write_harvard_oxford_layout

    data_dir = tmp_path / "nilearn"
    write_harvard_oxford_layout(data_dir)
    window = make_window(atlas_dir=data_dir)
    scene = window.brain_view.scene
    window.atlas_actions["harvard_oxford"].trigger()
    window.atlas_actions["desikan_killiany"].trigger()   # before Harvard-Oxford arrives
    assert window.atlas_loading.task is None and not window.progress.isVisible()
    qtbot.wait(3000)   # the dropped load ends unheard
    assert window.brain_view.scene is scene and window.state.loaded_atlas == "desikan_killiany"
    assert window.atlas_actions["desikan_killiany"].isChecked()
