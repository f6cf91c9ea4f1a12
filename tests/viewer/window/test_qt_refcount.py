"""Guard against a PySide6 bug that aborts the app after long use.

PySide6 6.12.0 drops a reference to ``None`` on each call of a void Qt
method; on CPython < 3.12 (where None is not immortal) the interpreter then
aborts with "none_dealloc" after about 10,000 rendered frames. pyproject.toml
excludes that release; this test fails if an installed Qt binding has the bug.
"""

from __future__ import annotations

import sys

import pytest


@pytest.mark.gui
def test_qt_calls_do_not_drop_references_to_none(qtbot):
    from PySide6.QtWidgets import QApplication, QWidget

    widget = QWidget()
    qtbot.addWidget(widget)

    before = sys.getrefcount(None)
    for _ in range(500):
        QApplication.processEvents()
        widget.update()
    lost = before - sys.getrefcount(None)
    assert lost < 50, f"Qt calls dropped {lost} references to None in 500 iterations (PySide6 bug)"
