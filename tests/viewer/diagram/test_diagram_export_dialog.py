"""The window's File ▸ Export mechanism diagram…: the dialog's path is written, or the warning says why not.

The save dialog and the warning box are replaced by stand-ins (no modal
window in a test); the export itself is the CLI's (diagram_export.export_diagram).
"""

from __future__ import annotations

import pytest
from PIL import Image

from atlases.teaching.content import load_content

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog_returns(monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked = {}

    def answer(path):
        def fake(parent, caption, name, filters):
            asked.update(caption=caption, name=name, filters=filters)
            return path, filters
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
        return asked
    return answer


def test_the_current_step_is_saved_where_the_dialog_says(qapp, tmp_path, dialog_returns):
    from viewer.diagram.diagram_export import export_diagram_dialog

    out = tmp_path / "diagram.png"
    asked = dialog_returns(str(out))
    written = export_diagram_dialog(None, load_content(), "bdnf_trkb", "dark")
    assert written == out.resolve()
    assert asked["name"] == "mechanism-bdnf_trkb.png" and "*.png" in asked["filters"]
    with Image.open(out) as image:
        assert image.size == (1600, 1000)


def test_without_a_current_step_the_first_is_saved(qapp, tmp_path, dialog_returns):
    from viewer.diagram.diagram_export import export_diagram_dialog

    asked = dialog_returns(str(tmp_path / "first.png"))
    assert export_diagram_dialog(None, load_content(), None, "light") is not None
    assert asked["name"] == "mechanism-nmda_block.png"


def test_cancel_writes_nothing(qapp, tmp_path, dialog_returns):
    from viewer.diagram.diagram_export import export_diagram_dialog

    dialog_returns("")
    assert export_diagram_dialog(None, load_content(), "mtorc1", "light") is None
    assert list(tmp_path.iterdir()) == []


def test_a_failure_is_a_plain_text_warning(qapp, tmp_path, dialog_returns, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from viewer.diagram.diagram_export import export_diagram_dialog

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.textFormat())) or 0)
    dialog_returns(str(tmp_path / "diagram.gif"))
    assert export_diagram_dialog(None, load_content(), "mtorc1", "light") is None
    assert len(shown) == 1 and ".gif" in shown[0][0] and shown[0][1] == Qt.TextFormat.PlainText
    assert list(tmp_path.iterdir()) == []
