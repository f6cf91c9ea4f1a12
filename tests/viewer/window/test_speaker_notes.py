"""The speaker-notes box: the current tour step's notes, only while a tour runs, always as escaped text."""

from __future__ import annotations

import dataclasses

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from atlases.teaching.content import load_content
from atlases.teaching.tours import builtin_tours
from viewer.scene.camera_views import VIEWS
from viewer.window.app_state import AppState
from viewer.window.speaker_notes import SpeakerNotes

pytestmark = pytest.mark.gui

HOSTILE = '<img src="file:///etc/passwd"> <a href="file:///x">link</a> & <b>not bold</b>'


class FakeController(QObject):
    """What the box needs of a TourController: the running tour and its change signal."""

    tourChanged = Signal(object)

    def __init__(self):
        super().__init__()
        self.tour = None


@pytest.fixture(scope="module")
def tour():
    return builtin_tours(load_content(), VIEWS)["ketamine"]


@pytest.fixture
def box(qtbot):
    state, controller = AppState(), FakeController()
    column = QWidget()   # the side column: shown, the box shows or hides itself inside it
    qtbot.addWidget(column)
    widget = SpeakerNotes(state, controller)
    layout = QVBoxLayout(column)
    layout.addWidget(widget)
    column.resize(400, 300)
    column.show()
    yield widget, state, controller
    del layout, column


def _run(state, controller, tour, index: int) -> None:
    controller.tour = tour
    controller.tourChanged.emit(tour)
    state.set_tour_step(index)


def _shown(label) -> str:
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText()


def test_hidden_without_a_tour(box):
    widget, _state, _controller = box
    assert widget.isHidden() and widget.notes_text() == ""


def test_shows_the_current_steps_notes_and_hides_when_the_tour_stops(box, tour):
    widget, state, controller = box
    _run(state, controller, tour, 0)
    assert not widget.isHidden()
    assert widget.notes_text() == tour.steps[0].notes
    assert "two small" in _shown(widget.notes).lower()
    state.set_tour_step(5)
    assert widget.notes_text() == tour.steps[5].notes
    state.set_tour_step(-1)   # the controller's stop: the step goes first, then the tour
    controller.tour = None
    controller.tourChanged.emit(None)
    assert widget.isHidden() and widget.notes_text() == ""


def test_a_step_without_notes_hides_the_box(box, tour):
    widget, state, controller = box
    bare = dataclasses.replace(tour, steps=(dataclasses.replace(tour.steps[0], notes=""), *tour.steps[1:]))
    _run(state, controller, bare, 1)
    assert not widget.isHidden()
    state.set_tour_step(0)
    assert widget.isHidden()


def test_hostile_notes_show_as_text(box, tour):
    widget, state, controller = box
    step = dataclasses.replace(tour.steps[0], notes=HOSTILE + " and **this** is bold")
    _run(state, controller, dataclasses.replace(tour, steps=(step,)), 0)
    label = widget.notes
    assert label.textFormat() == Qt.TextFormat.RichText
    assert "<img" not in label.text() and "<a " not in label.text()
    assert _shown(label) == HOSTILE + " and this is bold"   # every character shown, no tag obeyed
    assert "<b>this</b>" in label.text()   # only the content rule's emphasis becomes markup


def test_the_window_shows_notes_in_its_side_column_during_a_tour(make_window, qtbot):
    window = make_window()
    (box,) = window.findChildren(SpeakerNotes)
    assert window.side.isAncestorOf(box)
    assert not box.isVisible()
    window.tours.start_tour()
    tour = window.tour_controller.tour
    qtbot.waitUntil(box.isVisible, timeout=3000)
    assert box.notes_text() == tour.steps[0].notes
    window.tour_controller.go_to(3)
    assert box.notes_text() == tour.steps[3].notes
    QTest.keyClick(window, Qt.Key.Key_F5)   # lecture mode: the side column, and the notes with it, are hidden
    qtbot.waitUntil(lambda: window.lecture.active, timeout=3000)
    assert not box.isVisible()
    QTest.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.lecture.active, timeout=3000)
    window.tour_controller.stop()
    assert box.isHidden()
