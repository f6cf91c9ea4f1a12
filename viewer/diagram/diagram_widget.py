"""The mechanism diagram as a widget: follows the app state's mechanism step, animated.

:class:`MechanismDiagramView` draws the current step's frame of a
:class:`~atlases.teaching.mechanism_diagram.MechanismDiagram` with
:func:`~viewer.diagram.diagram_painter.paint_diagram`, letterboxed to the
canvas's aspect. A new step (or the rival model switched on or off) is
reached over :data:`DURATION_MS` (frames in between from
:func:`~atlases.teaching.mechanism_diagram.interpolate_frames`, eased in and
out), or at once with *reduce motion* on or while the widget is hidden.

The state is the window's :class:`~viewer.window.app_state.AppState`, used
through its signals and setters only (this layer sits below the window):
``mechanismStepChanged``, ``mechanismRivalChanged``, ``themeChanged``,
``uiScaleChanged``, ``mechanism_step``, ``mechanism_rival``, ``theme``,
``ui_scale`` and ``set_mechanism_step``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QEasingCurve, QRectF, QSize, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from atlases.errors import ContentError
from atlases.teaching.content import Content
from atlases.teaching.mechanism_diagram import (
    DiagramFrame,
    MechanismDiagram,
    interpolate_frames,
    load_mechanism_diagram,
)
from viewer.diagram.diagram_painter import diagram_label_px, paint_diagram
from viewer.scene.themes import get_theme

log = logging.getLogger(__name__)

#: How long a change of step takes to appear (ms).
DURATION_MS = 500
#: Keys that step back and forward through the mechanism.
PREVIOUS_KEYS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_Up})
NEXT_KEYS = frozenset({Qt.Key.Key_Right, Qt.Key.Key_Down})
#: Smallest size the diagram is drawn at (at UI scale 1).
MIN_WIDTH, MIN_HEIGHT = 200, 125


def load_diagram_or_none(content: Content) -> MechanismDiagram | None:
    """The content's mechanism diagram, or None (logged) when it cannot be loaded: the app runs without it."""
    try:
        diagram = load_mechanism_diagram(content)
    except ContentError as exc:
        log.warning("No mechanism diagram: %s", exc)
        return None
    if not diagram.step_ids:   # a lecturer's mechanism whose step ids the diagram does not draw
        log.warning("No mechanism diagram: none of the content's mechanism steps has a drawing")
        return None
    return diagram


def step_mechanism(state, step_ids: Sequence[str], delta: int) -> None:
    """Select the step ``delta`` places from the current one (clamped; from none, the first is current)."""
    if not step_ids:
        return
    current = state.mechanism_step
    index = step_ids.index(current) if current in step_ids else 0
    if current not in step_ids and delta < 0:
        delta = 0   # nothing selected (the first step shows): "back" selects the first
    state.set_mechanism_step(step_ids[min(max(index + delta, 0), len(step_ids) - 1)])


def step_for_key(key) -> int:
    """-1, +1, or 0 when ``key`` does not step."""
    return -1 if key in PREVIOUS_KEYS else 1 if key in NEXT_KEYS else 0


class MechanismDiagramView(QWidget):
    """The diagram of the state's mechanism step.

    Parameters
    ----------
    state : AppState
        The app state (see the module's docstring for what is used).
    diagram : MechanismDiagram
    step_titles : mapping of str to str, optional
        Step id -> title, for the accessible name.
    reduce_motion : callable, optional
        Returns True when changes must appear at once (the lecture layer's
        preference, passed in: this layer cannot import it).
    interactive : bool
        Take the keyboard focus and step with the arrow keys (the Mechanism
        tab); False for a view that only shows (the lecture inset).
    parent : QWidget, optional
    """

    def __init__(self, state, diagram: MechanismDiagram, step_titles: Mapping[str, str] | None = None,
                 reduce_motion: Callable[[], bool] | None = None, interactive: bool = True, parent=None):
        super().__init__(parent)
        self.setObjectName("mechanismDiagram")
        self._state, self.diagram = state, diagram
        self._titles = dict(step_titles or {})
        self._reduce_motion = reduce_motion or (lambda: False)
        self._target = self._frame = self.target_frame()
        self._from = self._frame
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if interactive else Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

        self.animation = QVariantAnimation(self)
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(1.0)
        self.animation.setDuration(DURATION_MS)
        self.animation.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self.animation.valueChanged.connect(self._on_progress)

        state.mechanismStepChanged.connect(self._follow_state)
        state.mechanismRivalChanged.connect(self._follow_state)
        state.themeChanged.connect(self.update)
        state.uiScaleChanged.connect(self._on_scale)
        self._update_accessible_text()

    # what is shown -------------------------------------------------------------
    @property
    def step_id(self) -> str:
        """The step the diagram shows (or is moving to): the state's, or the first when none is selected."""
        step = self._state.mechanism_step
        return step if step in self.diagram.step_ids else self.diagram.step_ids[0]

    @property
    def rival_shown(self) -> bool:
        """True when the rival model is shown (asked for, and the step has one)."""
        return bool(self._state.mechanism_rival) and self.diagram.has_rival(self.step_id)

    def target_frame(self) -> DiagramFrame:
        """The frame the view shows once any animation has ended."""
        return self.diagram.frame(self.step_id, rival=self.rival_shown)

    def current_frame(self) -> DiagramFrame:
        """The frame drawn now (between two steps while animating)."""
        return self._frame

    @property
    def animating(self) -> bool:
        return self.animation.state() == QVariantAnimation.State.Running

    def diagram_rect(self) -> QRectF:
        """Where the canvas is drawn: as large as fits, centred, at the canvas's aspect (letterboxed)."""
        width, height = self.diagram.canvas
        scale = min(self.width() / width, self.height() / height)
        w, h = width * scale, height * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def label_px(self) -> float:
        """The label size the diagram is drawn with at the widget's current size."""
        rect = self.diagram_rect()
        return diagram_label_px(rect.height(), rect.width(), self.diagram.canvas)

    # following the state ---------------------------------------------------------
    def _follow_state(self, *_args) -> None:
        target = self.target_frame()
        if target == self._target:
            return
        self._target = target
        self._update_accessible_text()
        if self._reduce_motion() or not self.isVisible():
            self.animation.stop()
            self._frame = self._from = target
            self.update()
            return
        self._from = self._frame   # from what is on screen now, also in the middle of a change
        self.animation.stop()
        self.animation.start()

    def _on_progress(self, t) -> None:
        t = float(t)
        self._frame = self._target if t >= 1.0 else interpolate_frames(self._from, self._target, t)
        self.update()

    def finish_animation(self) -> None:
        """Jump to the end of a running change."""
        if self.animating:
            self.animation.setCurrentTime(self.animation.duration())

    def _on_scale(self, *_args) -> None:
        self.updateGeometry()
        self.update()

    def _update_accessible_text(self) -> None:
        frame, step = self._target, self.step_id
        index = self.diagram.step_ids.index(step) + 1
        title = self._titles.get(step, step)
        self.setAccessibleName(self.tr("Mechanism diagram, step %d of %d: %s")
                               % (index, len(self.diagram.step_ids), title))
        parts = [frame.change_label]
        if frame.hypothesis:
            parts.append(self.tr("A hypothesis."))
        if frame.variant == "rival":
            parts.append(self.tr("The rival model."))
        self.setAccessibleDescription(" ".join(p for p in parts if p))

    # drawing ---------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        theme = get_theme(self._state.theme)
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.fillRect(self.rect(), QColor(theme.background))
            rect = self.diagram_rect()
            paint_diagram(painter, rect, self.diagram, self._frame, theme, label_px=self.label_px())
            if self.hasFocus():   # keyboard users see where the arrows go
                pen = QPen(QColor(theme.text), max(2.0, 2 * self._state.ui_scale), Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                inset = pen.widthF() / 2
                painter.drawRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset))
        finally:
            painter.end()

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        delta = step_for_key(event.key())
        if delta and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            step_mechanism(self._state, self.diagram.step_ids, delta)
            event.accept()
            return
        super().keyPressEvent(event)

    # size ------------------------------------------------------------------------
    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        canvas_w, canvas_h = self.diagram.canvas
        return round(width * canvas_h / canvas_w)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        scale = self._state.ui_scale
        return QSize(round(MIN_WIDTH * scale), round(MIN_HEIGHT * scale))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = round(2 * MIN_WIDTH * self._state.ui_scale)
        return QSize(width, self.heightForWidth(width))
