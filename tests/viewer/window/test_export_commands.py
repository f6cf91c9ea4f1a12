"""File ▸ Export image…, Copy image, Export movie…, Export handout…, Export 3D model… in the window.

Images, movies and handouts render in a child process: the window keeps its size and keeps running
(timers tick) while the child works; Cancel leaves no file; a failure is a plain-text warning naming the path.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtTest import QTest

from helpers_output import listing

pytestmark = pytest.mark.gui

CHILD_TIMEOUT_MS = 300_000


class Boxes:
    """Records the message boxes the window would show (instead of blocking on them)."""

    def __init__(self, monkeypatch):
        from PySide6.QtWidgets import QMessageBox

        self.shown = []
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self.shown.append(box) or 0)


def wait_done(qtbot, process) -> tuple[int, str]:
    result = []
    process.done.connect(lambda code, message: result.append((code, message)))
    qtbot.waitUntil(lambda: bool(result), timeout=CHILD_TIMEOUT_MS)
    return result[0]


def test_the_file_menu_has_the_exports_and_their_keys(make_window):
    window = make_window()
    exports = window.exports
    texts = [a.text() for a in window.file_menu.actions()]
    for action in (exports.image_action, exports.copy_action, exports.movie_action, exports.handout_action,
                   exports.model_action):
        assert action.text() in texts
    assert texts.index(exports.image_action.text()) < texts.index(window.export_action.text())
    assert exports.image_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert exports.copy_action.shortcut() == QKeySequence("Ctrl+Shift+C")
    keys = [k.toString() for a in window.actions() for k in a.shortcuts()]
    assert sorted(set(keys)) == sorted(keys), "a key is taken twice"
    accelerators = [t.split("&")[1][0].lower() for t in texts if "&" in t]
    assert sorted(set(accelerators)) == sorted(accelerators), f"File menu accelerators repeat: {texts}"


def test_ctrl_shift_c_puts_the_view_on_the_clipboard(make_window, qtbot):
    window = make_window(size=(900, 600))
    QGuiApplication.clipboard().clear()
    QTest.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not QGuiApplication.clipboard().image().isNull(), timeout=10_000)
    image = QGuiApplication.clipboard().image()
    height, width = window.brain_view.snapshot().shape[:2]
    assert (image.width(), image.height()) == (width, height)
    assert "clipboard" in window.statusBar().currentMessage()


def test_the_image_dialog_offers_the_presets_and_remembers_bounded_choices(tmp_path, qtbot):
    from viewer.window.export_dialog import ImageExportDialog

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = ImageExportDialog(settings, caption="Hippocampus")
    qtbot.addWidget(dialog)
    sizes = [dialog.sizes.combo.itemData(i) for i in range(dialog.sizes.combo.count())]
    assert sizes == [(1920, 1080), (3840, 2160), (3508, 2480), (2480, 3508), None]
    for index, size in enumerate(sizes[:-1]):
        dialog.sizes.combo.setCurrentIndex(index)
        assert dialog.job_options()["size"] == size and not dialog.sizes.width.isEnabled()
    dialog.sizes.combo.setCurrentIndex(len(sizes) - 1)   # Custom
    assert dialog.sizes.width.isEnabled()
    dialog.sizes.width.setValue(640)
    dialog.sizes.height.setValue(99_999)   # bounded by the spin box
    assert dialog.job_options()["size"] == (640, 8192)
    assert dialog.caption.text() == "Hippocampus"
    dialog.transparent.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "slide.jpg"))
    assert not dialog.transparent.isEnabled() and dialog.job_options()["transparent"] is False
    dialog.path_edit.setText(str(tmp_path / "slide.png"))
    assert dialog.job_options()["transparent"] is True
    dialog.remember()
    again = ImageExportDialog(settings)
    qtbot.addWidget(again)
    assert again.job_options()["size"] == (640, 8192) and again.transparent.isChecked()
    assert Path(again.path()).parent == tmp_path
    # a damaged settings file: numbers clamped, junk ignored
    for key, value in (("width", "1e12"), ("height", "nan"), ("transparent", "maybe"), ("folder", "\x00" * 5)):
        settings.setValue(f"export/image/{key}", value)
    damaged = ImageExportDialog(settings)
    qtbot.addWidget(damaged)
    assert damaged.job_options()["size"] == (8192, 1080)
    assert Path(damaged.path()).parent == Path.home()


def test_an_image_export_runs_in_a_child_and_the_window_keeps_going(make_window, qtbot, tmp_path):
    window = make_window(size=(900, 600))
    window_size, render_size = window.size(), tuple(window.brain_view.plotter.window_size)
    ticks = []
    timer = QTimer()
    timer.setInterval(20)
    process = None
    timer.timeout.connect(lambda: ticks.append(process is not None and process.running()))
    timer.start()
    out = tmp_path / "slide.png"
    process = window.exports.export_image(str(out), {"size": (640, 400), "labels": True})
    assert process is not None and process.running() and not out.exists()
    code, message = wait_done(qtbot, process)
    timer.stop()
    assert code == 0, message
    assert any(ticks), "no timer tick while the child rendered: the window was blocked"
    with Image.open(out) as img:
        assert img.size == (640, 400)
    assert window.size() == window_size and tuple(window.brain_view.plotter.window_size) == render_size
    assert str(out) in window.statusBar().currentMessage()
    assert listing(tmp_path) == ["settings.ini", "slide.png"] or listing(tmp_path) == ["slide.png"]


def test_a_cancelled_gif_leaves_no_file_and_no_temporary(make_window, qtbot, tmp_path):
    pytest.importorskip("viewer.exports.movie_export")
    window = make_window()
    folder = tmp_path / "movies"
    folder.mkdir()
    out = folder / "turn.gif"
    process = window.exports.export_movie(str(out), {"size": (64, 48), "fps": 10, "frames": 2000})
    progressed = []
    process.progressed.connect(lambda done, total: progressed.append(done))
    qtbot.waitUntil(lambda: bool(progressed) or not process.running(), timeout=CHILD_TIMEOUT_MS)
    assert progressed, "the child ended before its first frame"
    job_folder = Path(process._folder)
    from PySide6.QtWidgets import QPushButton

    cancel = process.dialog.findChild(QPushButton)   # the progress dialog's Cancel button
    cancel.click()
    code, _ = wait_done(qtbot, process)
    assert code == 130
    assert listing(folder) == [] and not job_folder.exists()
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.exports.movie_action.isEnabled()


@pytest.mark.parametrize("kind", ["image", "model"])
def test_a_read_only_folder_is_a_plain_warning_naming_the_path(kind, make_window, qtbot, read_only_folder,
                                                               monkeypatch):
    window = make_window()
    boxes = Boxes(monkeypatch)
    out = read_only_folder / ("<b>slide</b>.png" if kind == "image" else "<b>brain</b>.glb")
    if kind == "image":
        process = window.exports.export_image(str(out), {"size": (64, 48)})
        if process is not None:   # refused in the child
            code, _ = wait_done(qtbot, process)
            assert code == 1
    else:
        assert window.exports.export_model(str(out)) is None
    assert len(boxes.shown) == 1
    box = boxes.shown[0]
    assert box.textFormat() == Qt.TextFormat.PlainText and str(out) in box.text()
    assert listing(read_only_folder) == []


def test_the_3d_model_is_written_from_the_loaded_meshes(make_window, tmp_path):
    window = make_window()
    out = tmp_path / "brain.glb"
    assert window.exports.export_model(str(out)) == out
    assert out.read_bytes()[:4] == b"glTF"
    assert str(out) in window.statusBar().currentMessage()


def test_the_snapshot_is_what_the_window_shows(make_window):
    window = make_window()
    window.state.select_region("hippocampus")
    window.state.set_labels_visible(True)
    snapshot = window.exports.snapshot()
    assert snapshot.selected_region == "hippocampus" and snapshot.labels
    assert snapshot.atlas == window.state.model.loaded_atlas
    assert snapshot.camera is not None
    position = np.array(window.brain_view.plotter.camera_position[0])
    assert np.allclose(snapshot.camera.position, position)
    assert window.exports.default_caption() == window.content.region("hippocampus").name


def test_a_child_that_cannot_start_is_a_warning_and_the_exports_stay_usable(make_window, qtbot, tmp_path,
                                                                            monkeypatch):
    from viewer.window import export_process

    window = make_window()
    boxes = Boxes(monkeypatch)
    monkeypatch.setattr(export_process, "child_command", lambda job: [str(tmp_path / "no-such-program")])
    out = tmp_path / "slide.png"
    process = window.exports.export_image(str(out), {"size": (64, 48)})
    qtbot.waitUntil(lambda: bool(boxes.shown), timeout=30_000)
    assert str(out) in boxes.shown[0].text() and "could not start" in boxes.shown[0].text()
    assert not process.running() and window.exports.running is None
    assert window.exports.image_action.isEnabled() and not out.exists()


def test_a_handout_through_the_child_names_its_steps_in_the_windows_language(make_window, qtbot, tmp_path):
    window = make_window()
    out = tmp_path / "handout.pdf"
    process = window.exports.export_handout(str(out), {"paper": "letter", "level": "advanced"})
    labels = []
    process.progressed.connect(lambda done, total: labels.append(process.dialog.labelText()))
    code, message = wait_done(qtbot, process)
    assert code == 0, message
    assert out.read_bytes()[:5] == b"%PDF-" and message == f"{out} ({message.split('(')[-1]}"
    assert "Rendering the regions" in labels   # the child's step, shown (translated when the window is not English)


@pytest.mark.parametrize("size, preset", [((1920, 1080), 0), ((3840, 2160), 1), ((1234, 567), None)])
def test_the_image_dialog_opens_on_the_remembered_preset(qapp, tmp_path, size, preset):
    from PySide6.QtCore import QSettings

    from viewer.window.export_dialog import ImageExportDialog

    dialog = ImageExportDialog(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    try:
        dialog.sizes.set_size(size)
        combo = dialog.sizes.combo
        expected = combo.count() - 1 if preset is None else preset   # Custom is the last entry
        assert combo.currentIndex() == expected
        assert dialog.sizes.width.isEnabled() is (preset is None)
    finally:
        dialog.deleteLater()


def test_a_relative_name_is_written_in_the_windows_folder_not_the_childs(make_window, qtbot, tmp_path,
                                                                          monkeypatch):
    window = make_window()
    folder = tmp_path / "slides"
    folder.mkdir()
    monkeypatch.chdir(folder)   # the folder the app was started from; the child runs elsewhere
    process = window.exports.export_image("relative.png", {"size": (64, 48)})
    code, message = wait_done(qtbot, process)
    assert code == 0, message
    assert listing(folder) == ["relative.png"]
