"""The mechanism diagram beside the 3D brain in lecture mode.

While lecture mode is on and the tour's step names a mechanism step
(:attr:`atlases.teaching.tours.TourStep.mechanism_step`, which the tour
controller sets as the state's mechanism step), the diagram of that step
takes the right part of the stage; on other steps and outside lecture mode it
is hidden and the brain has the whole width. How wide: :func:`inset_share`.

Showing or hiding it resizes the 3D view. Each resize would repaint the
OpenGL view (0.2 s a frame in software at 1920x1080), so the change waits
until the tour step has set everything (its camera too), then the view is
hidden while the layout changes and shown again once, as lecture mode does
(:meth:`viewer.lecture.lecture_mode.LectureMode._one_repaint`): the inset
coming or going costs no frame of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QHBoxLayout, QVBoxLayout, QWidget

from atlases.teaching.content import Content
from atlases.teaching.mechanism_diagram import MechanismDiagram
from viewer.diagram.diagram_style import INSET_SHARE, MAX_INSET_SHARE, inset_share  # noqa: F401 - moved there
from viewer.diagram.diagram_widget import MIN_HEIGHT, MIN_WIDTH, MechanismDiagramView
from viewer.window.app_state import AppState


class MechanismInset(QWidget):
    """The lecture's diagram inset; shows and hides itself as the state says.

    Parameters
    ----------
    state : AppState
    content : Content
        For the step titles (the accessible name).
    diagram : MechanismDiagram
    plotter : QWidget
        The 3D view's widget, kept from repainting while the inset comes or goes.
    reduce_motion : callable, optional
        Returns True when the diagram must change without animation.
    parent : QWidget, optional
    """

    def __init__(self, state: AppState, content: Content, diagram: MechanismDiagram, plotter: QWidget,
                 reduce_motion: Callable[[], bool] | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("mechanismInset")
        self._state, self._plotter = state, plotter
        titles = {step.id: step.title for step in content.mechanism.steps}
        self.view = MechanismDiagramView(state, diagram, titles, reduce_motion=reduce_motion,
                                         interactive=False, parent=self)
        self.view.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)   # not the text size's: it must never push the stage
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.setVisible(False)
        self._pending = False
        self._canvas_width = diagram.canvas[0]
        self._row: QHBoxLayout | None = None
        self._steps, self._diagram_missing = content.mechanism.steps, False   # see set_content
        self._reduce_motion = reduce_motion
        for signal in (state.lectureModeChanged, state.tourStepChanged, state.mechanismStepChanged):
            signal.connect(self._follow_state)

    def set_content(self, content: Content, diagram: MechanismDiagram | None) -> None:
        """Draw another content's diagram (a content pack's); None: the inset stays hidden."""
        self._diagram_missing = diagram is None
        if diagram is not None and (diagram != self.view.diagram or content.mechanism.steps != self._steps):
            titles = {step.id: step.title for step in content.mechanism.steps}
            old, self.view = self.view, MechanismDiagramView(self._state, diagram, titles,
                                                             reduce_motion=self._reduce_motion,
                                                             interactive=False, parent=self)
            self.view.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
            self.layout().replaceWidget(old, self.view)
            old.animation.stop()
            old.deleteLater()
            self._canvas_width = diagram.canvas[0]
        self._steps = content.mechanism.steps
        self._follow_state()

    def wanted(self) -> bool:
        """True when the inset should show: lecture mode, a tour running, a step with a diagram step."""
        state = self._state
        return (bool(state.lecture_mode) and state.tour_step >= 0 and state.mechanism_step is not None
                and not self._diagram_missing)

    def _follow_state(self, *_args) -> None:
        if self._plotter.isHidden():   # inside someone's single repaint (entering or leaving lecture mode)
            self._apply()
        elif not self._pending:   # after the rest of the change: a tour step sets its camera last
            self._pending = True
            QTimer.singleShot(0, self, self._apply)

    def _apply(self) -> None:
        self._pending = False
        wanted = self.wanted()
        if wanted != self.isHidden():
            return
        plotter = self._plotter
        # hidden: someone else's single repaint is under way; closed (the window is going): a show
        # would draw into the released render window
        if plotter.isHidden() or getattr(plotter, "_closed", False):
            self.setVisible(wanted)
            return
        plotter.hide()
        try:
            self.setVisible(wanted)
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)   # the view's final size, now
        finally:
            plotter.show()


    def share(self) -> float:
        """The part of the stage's width the inset takes now (:func:`inset_share` for this screen)."""
        stage = self.parentWidget()
        screen = self.screen()
        if stage is None or screen is None:
            return INSET_SHARE
        return inset_share(stage.width(), screen.geometry().height(), self._canvas_width)

    def place_in(self, row: QHBoxLayout) -> None:
        """Sit on the right of ``row`` (whose first item is the 3D view) and keep its width share current."""
        self._row = row
        row.addWidget(self, 0)
        self._update_stretch()
        self.parentWidget().installEventFilter(self)

    def _update_stretch(self) -> None:
        row = self._row
        if row is None:
            return
        share = round(self.share() * 100)
        if row.stretch(1) != share:   # a change relays out the stage only when the share moves
            row.setStretch(0, 100 - share)
            row.setStretch(1, share)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self._update_stretch()   # before the layout reacts to this resize
        return False


def stage_column(brain: QWidget, inset: MechanismInset | None, band: QWidget) -> QWidget:
    """The stage: the 3D view with the inset (if any) on its right, the tour's caption band under both.

    The inset takes :meth:`MechanismInset.share` of the width when it shows.
    """
    stage = QWidget()
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(0)
    row.addWidget(brain, 100)
    if inset is not None:
        inset.setParent(stage)
        inset.place_in(row)
    column = QVBoxLayout(stage)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addLayout(row, 1)
    column.addWidget(band)
    return stage
