"""The presenter view: the lecturer's own window while the projector shows lecture mode.

It shows, for the running tour:

* the current step: its number, title, caption and **speaker notes**, large;
* the next step's title and caption ("End of the tour" on the last step);
* the list of steps (a click, or Up/Down and Enter, jumps to a step);
* an elapsed-time clock (:mod:`viewer.presenter.presenter_clock`) that starts with the tour;
* a small live copy of the 3D view (:mod:`viewer.presenter.view_mirror`: the main
  view's frames read back a few times a second, no second OpenGL render);
* the clicker keys, which work here as in the main window
  (:mod:`viewer.presenter.presenter_keys`), with Back and Next buttons, and
  what the projector shows (lecture mode, a black or white screen).

Every text of a tour is untrusted: titles and the step list are plain text,
the caption and the notes are escaped (:func:`viewer.text.content_html.rich_text`,
only ``**bold**`` and ``*italic*`` become markup). The window is a separate
top-level window; :meth:`PresenterView.shut` stops its clock, its mirror and
its key filter for good (the main window closes).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from atlases.teaching.tours import Tour
from viewer.presenter.presenter_clock import ElapsedClock
from viewer.presenter.presenter_keys import ClickerKeys
from viewer.presenter.view_mirror import ViewMirror
from viewer.text.content_html import rich_text
from viewer.text.plain_text import plain_label
from viewer.widgets.qt_theme import font_px

#: Text sizes relative to the app's text size.
SIZES = {"title": 1.8, "caption": 1.55, "notes": 1.35, "next": 1.1, "clock": 2.2}
#: The live view's share of the window's width.
MIRROR_SHARE = 0.36


def _rich_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.RichText)   # only escaped text (rich_text) is ever set
    label.setWordWrap(True)
    label.setMinimumWidth(1)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def _set_rich(label: QLabel, text: str) -> None:
    label.setAccessibleDescription(text)   # the plain text, for screen readers and tests
    label.setText(rich_text(text).replace("\n", "<br/>") if text else "")


class PresenterView(QWidget):
    """The presenter window.

    Parameters
    ----------
    state : AppState
        Followed: ``tourStepChanged``, ``lectureModeChanged``, ``uiScaleChanged``.
    controller : TourController
        The running tour (``tour``, ``tourChanged``); the step list and the
        buttons call ``go_to``, ``next`` and ``previous``.
    lecture : LectureMode
        Whether the projector is blanked (``blanked``, its ``stage``'s page changes).
    brain_view : BrainView
        The main 3D view: its ``plotter`` is mirrored, its ``motionChanged`` slows the copies.
    key_target : QWidget
        The main window: the clicker keys are sent there.
    """

    #: The user closed the window (the window itself only hides: its owner decides).
    closeRequested = Signal()

    def __init__(self, state, controller, lecture, brain_view, key_target, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenterView")
        self.setWindowTitle(self.tr("Presenter view"))
        self.state = state
        self.controller = controller
        self.lecture = lecture
        self.tour: Tour | None = controller.tour
        self._shut = False

        self.indicator = plain_label(parent=self)
        self.indicator.setObjectName("presenterIndicator")
        self.title = plain_label(parent=self)
        self.title.setObjectName("presenterTitle")
        self.title.setWordWrap(True)
        self.clock = ElapsedClock(self)
        self.caption = _rich_label("presenterCaption")
        notes_heading = QLabel(self.tr("Speaker notes"), self)
        notes_heading.setObjectName("presenterHeading")
        self.notes = _rich_label("presenterNotes")
        self.notes.setAccessibleName(self.tr("Speaker notes"))
        notes_box = QWidget()
        notes_column = QVBoxLayout(notes_box)
        notes_column.setContentsMargins(0, 0, 0, 0)
        notes_column.addWidget(self.caption)
        notes_column.addWidget(notes_heading)
        notes_column.addWidget(self.notes, 1)
        self.notes_heading = notes_heading
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(notes_box)

        self.mirror_label = QLabel(self)
        self.mirror_label.setObjectName("presenterMirror")
        self.mirror_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.mirror_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.mirror_label.setMinimumSize(160, 100)
        self.mirror_label.setAccessibleName(self.tr("Live view of the 3D brain"))
        self.mirror = ViewMirror(brain_view.plotter, parent=self)
        self.mirror.frameReady.connect(self._show_frame)
        self.mirror.set_moving(brain_view.is_moving())
        self._motion = brain_view.motionChanged

        next_heading = QLabel(self.tr("Next"), self)
        next_heading.setObjectName("presenterHeading")
        self.next_title = plain_label(parent=self)
        self.next_title.setObjectName("presenterNextTitle")
        self.next_title.setWordWrap(True)
        self.next_caption = _rich_label("presenterNextCaption")
        self.steps = QListWidget(self)
        self.steps.setObjectName("presenterSteps")
        self.steps.setAccessibleName(self.tr("Tour steps"))
        self.steps.setToolTip(self.tr("Click a step, or choose one with the arrow keys and Enter, to go there"))
        self.steps.itemClicked.connect(lambda item: self._jump(self.steps.row(item)))
        self.steps.itemActivated.connect(lambda item: self._jump(self.steps.row(item)))

        self.back_button = QPushButton(self.tr("Back"), self)
        self.back_button.clicked.connect(controller.previous)
        self.next_button = QPushButton(self.tr("Next"), self)
        self.next_button.clicked.connect(controller.next)
        self.keys = plain_label(self.tr("PageDown, → or Space: next step   PageUp or ←: back   "
                                        "B: black screen   W: white screen   Esc: leave lecture mode"), self)
        self.keys.setObjectName("presenterKeys")
        self.keys.setWordWrap(True)
        self.status = plain_label(parent=self)
        self.status.setObjectName("presenterStatus")

        self._layout(scroll, next_heading)
        self.clicker = ClickerKeys(self, key_target, self._keys_active, forwarded=self._show_status, parent=self)
        controller.tourChanged.connect(self.set_tour)
        state.tourStepChanged.connect(self._show_step)
        state.lectureModeChanged.connect(self._show_status)
        state.uiScaleChanged.connect(self._restyle)
        lecture.stage.currentChanged.connect(self._show_status)
        self._motion.connect(self.mirror.set_moving)
        self._restyle()
        self.set_tour(controller.tour, restart_clock=False)   # the owner starts the clock at the tour's age

    def _layout(self, scroll: QScrollArea, next_heading: QLabel) -> None:
        header = QHBoxLayout()
        header.setSpacing(24)
        header.addWidget(self.indicator)
        header.addWidget(self.title, 1)
        header.addWidget(self.clock)
        right = QVBoxLayout()
        right.addWidget(self.mirror_label, 3)
        right.addWidget(next_heading)
        right.addWidget(self.next_title)
        right.addWidget(self.next_caption)
        right.addWidget(self.steps, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.keys, 1)
        grid = QGridLayout(self)
        grid.addLayout(header, 0, 0, 1, 2)
        grid.addWidget(scroll, 1, 0)
        grid.addLayout(right, 1, 1)
        grid.addLayout(buttons, 2, 0, 1, 2)
        grid.addWidget(self.status, 3, 0, 1, 2)
        grid.setColumnStretch(0, round(100 * (1 - MIRROR_SHARE)))
        grid.setColumnStretch(1, round(100 * MIRROR_SHARE))

    # the tour -----------------------------------------------------------------
    def set_tour(self, tour: Tour | None, restart_clock: bool = True) -> None:
        """Follow ``tour`` (None: no tour runs); a new tour restarts the clock."""
        self.tour = tour
        self.steps.blockSignals(True)
        self.steps.clear()
        if tour is not None:
            self.steps.addItems([f"{n}. {step.title}" for n, step in enumerate(tour.steps, start=1)])
        self.steps.blockSignals(False)
        if tour is not None and restart_clock:
            self.clock.restart()
        elif tour is None:
            self.clock.pause()
        self._show_step(self.state.tour_step)

    def _jump(self, row: int) -> None:
        if self.tour is not None and 0 <= row < len(self.tour):
            self.controller.go_to(row)

    def _show_step(self, index: int) -> None:
        tour = self.tour
        step = tour.steps[index] if tour is not None and 0 <= index < len(tour) else None
        if tour is None or step is None:
            self.indicator.setText("")
            self.title.setText(tour.title if tour is not None else self.tr("No tour is running"))
            _set_rich(self.caption, "" if tour is not None else self.tr(
                "Start a tour (View ▸ Start tour, or F5 for lecture mode): its steps, captions and "
                "speaker notes show here."))
            _set_rich(self.notes, "")
        else:
            self.indicator.setText(self.tr("Step %1 / %2").replace("%1", str(index + 1)).replace("%2", str(len(tour))))
            self.title.setText(step.title)
            _set_rich(self.caption, step.caption)
            _set_rich(self.notes, step.notes or self.tr("(No notes for this step.)"))
        self.notes_heading.setVisible(step is not None)
        following = tour.steps[index + 1] if tour is not None and step is not None and index + 1 < len(tour) else None
        if following is not None:
            self.next_title.setText(following.title)
            _set_rich(self.next_caption, following.caption)
        else:
            self.next_title.setText(self.tr("End of the tour") if step is not None else "")
            _set_rich(self.next_caption, "")
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(index if step is not None else -1)
        self.steps.blockSignals(False)
        self.back_button.setEnabled(step is not None and index > 0)
        self.next_button.setEnabled(following is not None)
        self._show_status()

    def _show_status(self, *_args) -> None:
        blanked = self.lecture.blanked if self.lecture.active else None
        if blanked == "black":
            text = self.tr("The projector shows a black screen (B or the next key brings the brain back).")
        elif blanked == "white":
            text = self.tr("The projector shows a white screen (W or the next key brings the brain back).")
        elif self.lecture.active:
            text = self.tr("Lecture mode is on the projector.")
        elif self.tour is not None:
            text = self.tr("The tour runs in the main window.")
        else:
            text = ""
        self.status.setText(text)

    def _keys_active(self) -> bool:
        return self.controller.running or self.lecture.active

    # texts for tests and screen readers ------------------------------------------
    def caption_text(self) -> str:
        return self.caption.accessibleDescription()

    def notes_text(self) -> str:
        return self.notes.accessibleDescription()

    def next_text(self) -> str:
        return self.next_title.text()

    # the live view ------------------------------------------------------------------
    def _show_frame(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.mirror_label.setPixmap(pixmap)

    def _mirror_size(self) -> QSize:
        ratio = self.devicePixelRatioF()
        size = self.mirror_label.size()
        return QSize(round(size.width() * ratio), round(size.height() * ratio))

    # style ----------------------------------------------------------------------------
    def _restyle(self, *_args) -> None:
        base = font_px(self.state.ui_scale)
        px = {key: round(base * factor) for key, factor in SIZES.items()}
        self.setStyleSheet(
            f"#presenterTitle, #presenterIndicator {{ font-size: {px['title']}px; font-weight: bold; }}"
            f"#presenterCaption {{ font-size: {px['caption']}px; }}"
            f"#presenterNotes {{ font-size: {px['notes']}px; }}"
            f"#presenterNextTitle {{ font-size: {px['next']}px; font-weight: bold; }}"
            f"#presenterNextCaption {{ font-size: {px['next']}px; }}"
            f"#presenterHeading {{ font-weight: bold; }}"
            f"#presenterClock {{ font-size: {px['clock']}px; font-weight: bold; }}"
            f"#presenterKeys, #presenterStatus {{ font-size: {base}px; }}")

    # window events ------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._shut:
            self.mirror.set_target_size(self._mirror_size())
            self.mirror.start()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.mirror.stop()
        super().hideEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.mirror.set_target_size(self._mirror_size())

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._shut:
            super().closeEvent(event)
            return
        event.ignore()   # the owner hides it (and remembers that the lecturer turned it off)
        self.closeRequested.emit()

    def shut(self) -> None:
        """Stop the clock, the live view and the key filter, and close for good."""
        self._shut = True
        self.mirror.stop()
        self.clock.stop_timers()
        self.clicker.close()
        for signal, slot in ((self.controller.tourChanged, self.set_tour),
                             (self.state.tourStepChanged, self._show_step),
                             (self.state.lectureModeChanged, self._show_status),
                             (self.state.uiScaleChanged, self._restyle),
                             (self.lecture.stage.currentChanged, self._show_status),
                             (self._motion, self.mirror.set_moving)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self.close()
