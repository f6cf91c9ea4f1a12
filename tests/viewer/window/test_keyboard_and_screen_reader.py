"""Accessibility in the real window (Xvfb): visible focus, Tab order, menus by Alt, names, the 3D view's voice.

Each test opens the window once and checks one requirement in every state it
applies to (themes, panel tabs, the quiz, a running tour).
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from viewer.scene.themes import get_theme, hex_to_rgb
from viewer.widgets.qt_theme import focus_color, focus_px
from viewer.window import accessibility

pytestmark = pytest.mark.gui


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    data = np.frombuffer(image.constBits(), np.uint8, stride * height).reshape(height, stride)
    return data[:, :width * 3].reshape(height, width, 3)


def _count(image: QImage, color: str) -> int:
    rgb = np.array([round(c * 255) for c in hex_to_rgb(color)])
    return int(np.all(np.abs(_pixels(image).astype(int) - rgb) <= 2, axis=2).sum())


def _focus_elsewhere(window) -> None:
    window.region_list.setFocus(Qt.FocusReason.TabFocusReason)
    if window.region_list.hasFocus():
        window.display_controls.opacity.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()


# -- visible focus ------------------------------------------------------------------------------

def test_focused_controls_show_an_outline_in_the_themes_colour_in_every_theme(make_window, qtbot):
    window = make_window()
    window.panel.tabs.setCurrentWidget(window.panel.mechanism_page)
    window.state.set_mechanism_step(window.content.mechanism.steps[1].id)   # Back and Next both enabled
    panel, controls = window.panel, window.display_controls
    for theme_id in ("light", "dark", "projector"):
        window.state.set_theme(theme_id)
        ring = focus_color(get_theme(theme_id))
        width = focus_px(window.state.ui_scale)
        for widget in (panel.step_bar.next_button, panel.level_switch.buttons["intro"], controls.cutaway,
                       controls.opacity, window.region_list, panel.tabs.tabBar()):
            window.brain_view.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(lambda w=widget: not w.hasFocus(), timeout=2000)
            before = widget.grab().toImage()
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(widget.hasFocus, timeout=2000)
            after = widget.grab().toImage()
            name = f"{type(widget).__name__} in the {theme_id} theme"
            assert after != before, f"{name}: focus changes nothing"
            # the outline: at least the widget's perimeter, once, in the focus colour and width
            gained = _count(after, ring) - _count(before, ring)
            assert gained >= width * (widget.width() + widget.height()), f"{name}: only {gained} px of outline"


def test_the_3d_view_takes_the_focus_by_tab_and_shows_a_frame(make_window, qtbot):
    window = make_window()
    view = window.brain_view
    assert view.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert not view.focusPolicy() & Qt.FocusPolicy.ClickFocus   # a mouse user never sees the frame
    margin = focus_px(window.state.ui_scale)
    assert view.plotter.geometry().topLeft().x() == margin   # the room of the frame, around the picture
    for theme_id in ("light", "dark", "projector"):
        window.state.set_theme(theme_id)
        _focus_elsewhere(window)
        QApplication.processEvents()
        ring = focus_color(get_theme(theme_id))
        strip = lambda: view.grab().toImage().copy(0, 0, view.width(), margin)   # noqa: E731
        assert _count(strip(), ring) < view.width() // 2
        view.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(view.hasFocus, timeout=2000)
        assert _count(strip(), ring) >= view.width() * margin * 0.9, theme_id


# -- keyboard --------------------------------------------------------------------------------------

def _tab_walk(qtbot, window, start: QWidget, limit: int = 400) -> list[QWidget]:
    """Focus ``start``, then press Tab until the focus comes back to it; the widgets in the order reached."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus, timeout=2000)
    order = [start]
    for _ in range(limit):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is start:
            return order
        if widget is not order[-1]:   # a text view's links are stops inside it
            order.append(widget)
    pytest.fail(f"Tab never came back to {start!r}: stuck at {QApplication.focusWidget()!r}")


def _in_order(order: list[QWidget], expected: list[QWidget]) -> None:
    missing = [w for w in expected if w not in order]
    assert not missing, f"never reached by Tab: {[type(w).__name__ + ' ' + w.objectName() for w in missing]}"
    positions = [order.index(w) for w in expected]
    assert positions == sorted(positions), [type(order[p]).__name__ for p in positions]


def test_tab_walks_the_window_in_a_sensible_order(make_window, qtbot):
    window = make_window()
    panel, controls, bar = window.panel, window.display_controls, window.panel.step_bar
    window.state.select_region("hippocampus")
    order = _tab_walk(qtbot, window, window.brain_view)
    # the reading level is an exclusive pair: Tab stops at one of them, the arrow keys move between them
    levels = [w for w in order if w in panel.level_switch.buttons.values()]
    assert len(levels) == 1
    main = [window.brain_view, window.region_list, controls.opacity, controls.left, controls.right, controls.cutaway,
            levels[0], panel.tabs.tabBar()]
    _in_order(order, main + [panel.region_browser])

    panel.tabs.setCurrentWidget(panel.mechanism_page)
    window.state.set_mechanism_step(window.content.mechanism.steps[1].id)
    _in_order(_tab_walk(qtbot, window, window.brain_view),
              main + [panel.diagram, bar.back_button, bar.next_button, panel.mechanism_browser])

    panel.tabs.setCurrentWidget(panel.glossary_page)
    glossary = panel.glossary_page
    _in_order(_tab_walk(qtbot, window, window.brain_view), main + [glossary.search, glossary.list, glossary.details])

    window.quiz.open()
    quiz = window.quiz.panel
    qtbot.waitUntil(quiz.isVisible, timeout=2000)
    _in_order(_tab_walk(qtbot, window, window.brain_view),
              [window.brain_view, window.region_list, controls.cutaway, quiz.quiz_combo, quiz.practice,
               quiz.start_button, quiz.close_button])
    quiz.start_button.click()
    # a choice question's buttons, or an order question's list and button (a region question is answered
    # in the region list or the 3D view)
    shown = [w for w in (quiz.choices.buttons + [quiz.order_list, quiz.check_button]) if w.isVisible()]
    _in_order(_tab_walk(qtbot, window, window.brain_view), [window.region_list, *shown, quiz.close_button])


def test_menus_open_with_alt_and_their_letter(make_window, qtbot):
    window = make_window()
    window.region_list.setFocus()
    for letter, menu in ((Qt.Key.Key_F, window.file_menu), (Qt.Key.Key_V, window.view_menu),
                         (Qt.Key.Key_H, window.help_menu)):
        QTest.keyClick(window, letter, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(menu.isVisible, timeout=2000)
        QTest.keyClick(menu, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda m=menu: not m.isVisible(), timeout=2000)
        QTest.keyClick(window.menuBar(), Qt.Key.Key_Escape)   # the menu bar keeps the focus after a menu closes


def test_brackets_on_the_focused_3d_view_step_through_the_visible_regions(make_window, qtbot):
    window = make_window()
    view, state = window.brain_view, window.state
    order = list(view.region_names)
    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    QTest.keyClick(view, Qt.Key.Key_BracketRight)
    assert state.selected_region == order[0]
    QTest.keyClick(view, Qt.Key.Key_BracketRight)
    assert state.selected_region == order[1]
    QTest.keyClick(view, Qt.Key.Key_BracketLeft)
    assert state.selected_region == order[0]
    QTest.keyClick(view, Qt.Key.Key_BracketLeft)   # wraps around
    assert state.selected_region == order[-1]
    state.set_region_visible(order[0], False)
    QTest.keyClick(view, Qt.Key.Key_BracketRight)   # the hidden region is skipped
    assert state.selected_region == order[1]
    QTest.keyClick(view, Qt.Key.Key_3)   # the window's view keys still work with the focus on the view
    assert view.hasFocus()


# -- names -------------------------------------------------------------------------------------

def _unnamed(window) -> list[str]:
    """Visible, enabled controls that take the focus and have no accessible name (Qt's, as a screen reader gets it)."""
    bad = []
    for widget in window.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            bad.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return bad


def test_every_focusable_control_has_an_accessible_name(make_window, qtbot):
    window = make_window()
    window.state.select_region("hippocampus")
    checked = 0
    for page in (window.panel.region_browser, window.panel.mechanism_page, window.panel.glossary_page):
        window.panel.tabs.setCurrentWidget(page)
        QApplication.processEvents()
        assert not _unnamed(window), f"no accessible name ({type(page).__name__}): {_unnamed(window)}"
        checked += 1
    window.tours.start_tour()
    qtbot.waitUntil(window.caption_band.isVisible, timeout=3000)
    assert not _unnamed(window), f"no accessible name (tour): {_unnamed(window)}"
    window.tour_controller.stop()
    window.quiz.open()
    qtbot.waitUntil(window.quiz.panel.isVisible, timeout=2000)
    assert not _unnamed(window), f"no accessible name (quiz): {_unnamed(window)}"
    window.quiz.panel.start_button.click()
    QApplication.processEvents()
    assert not _unnamed(window), f"no accessible name (quiz question): {_unnamed(window)}"
    # the names say what a control is, not only its label's word
    assert window.display_controls.left.accessibleName() == "Left hemisphere"
    assert window.brain_view.accessibleName() == "3D brain view"
    assert checked == 3


def test_the_3d_views_description_follows_the_selection_and_the_tour_and_is_announced(make_window, qtbot,
                                                                                        monkeypatch):
    window = make_window()
    view, state = window.brain_view, window.state
    sent = []
    monkeypatch.setattr(accessibility, "send", sent.append)
    assert "No region selected." in view.accessibleDescription()

    state.select_region("hippocampus")
    name = window.content.region("hippocampus").name
    assert view.accessibleDescription().startswith(f"Selected region: {name}.")
    kinds = [(e.type(), e.object()) for e in sent]
    assert (QAccessible.Event.DescriptionChanged, view) in kinds
    announced = [e.message() for e in sent if hasattr(e, "message")]
    assert announced and name in announced[-1] and "Keys" not in announced[-1]

    sent.clear()
    window.tours.start_tour()
    tour = window.tour_controller.tour
    first = f"Tour step 1 of {len(tour)}: {tour.steps[0].title}."
    assert first in view.accessibleDescription()
    assert any(e.type() == QAccessible.Event.DescriptionChanged for e in sent)
    sent.clear()
    window.tour_controller.next()
    assert f"Tour step 2 of {len(tour)}: {tour.steps[1].title}." in view.accessibleDescription()
    assert sent, "the new step was not announced"
    window.tour_controller.stop()
    assert "Tour step" not in view.accessibleDescription()

    sent.clear()
    state.select_region(state.selected_region)   # nothing changed: nothing is announced
    assert not sent
