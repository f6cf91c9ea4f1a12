"""The 3D view for keyboard and screen-reader users.

:class:`BrainViewAccess` makes the 3D brain a control like the others:

* it takes the keyboard focus with Tab (not with a click: a mouse user never
  sees its focus frame) and shows it with the style sheet's focus outline
  (:func:`viewer.widgets.qt_theme.control_style_sheet`) in a margin around the view;
* with the focus, **]** and **[** select the next and the previous visible
  region (the window's keys 1-8, Home/R, L, PageDown... work as everywhere);
* its accessible name says what it is, and its accessible description says
  the selected region and the current tour step. When either changes, the
  new description is announced: a ``DescriptionChanged`` event and, where Qt
  has them (6.8 and later), an announcement event, through :func:`send`.

The texts are plain (a screen reader reads them, no widget renders them).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QWidget

from viewer.widgets.qt_theme import focus_px

#: Keys that step through the regions while the 3D view has the focus: (key, step).
REGION_KEYS = {Qt.Key.Key_BracketRight: 1, Qt.Key.Key_BracketLeft: -1}


def send(event) -> None:
    """Hand one accessibility event to Qt (tests replace this to see what is sent)."""
    QAccessible.updateAccessibility(event)


def _announcement(widget, text: str):
    """An announcement event for ``text``, or None in a Qt without them (before 6.8)."""
    try:
        from PySide6.QtGui import QAccessibleAnnouncementEvent
    except ImportError:   # pragma: no cover - older Qt
        return None
    return QAccessibleAnnouncementEvent(widget, text)


def next_region(order, current: str | None, step: int, visible=lambda _r: True) -> str | None:
    """The region ``step`` places after ``current`` in ``order``, skipping hidden ones (wraps around).

    Parameters
    ----------
    order : sequence of str
        Region ids in the region list's order.
    current : str or None
        The selected region; None starts before the first (or after the last) one.
    step : int
        +1 (next) or -1 (previous).
    visible : callable
        ``visible(region_id)``: only these can be selected.

    Returns
    -------
    str or None
        None when no region is visible.
    """
    order = list(order)
    if not order:
        return None
    start = order.index(current) if current in order else (-1 if step > 0 else len(order))
    for n in range(1, len(order) + 1):
        candidate = order[(start + step * n) % len(order)]
        if visible(candidate):
            return candidate
    return None


def tab_chain(window) -> list:
    """The main controls in the order Tab visits them: left to right, top to bottom.

    The 3D view; the region list; the display controls; the reading level
    (which stands above the panel's tabs); the panel's tabs, then the current
    page's contents (for the mechanism: the diagram, the step bar, the text),
    the glossary's and the quiz's controls when they show. Widget creation
    gives that order except for the reading level, which :func:`order_tab_chain`
    moves; hidden controls are skipped by Tab.
    """
    panel, controls, bar = window.panel, window.display_controls, window.panel.step_bar
    return [w for w in (window.brain_view, window.region_list, controls.opacity, controls.left, controls.right,
                        controls.cutaway, *panel.level_switch.buttons.values(), panel.tabs.tabBar(),
                        panel.region_browser, panel.diagram, bar.back_button, bar.next_button, bar.rival_box,
                        panel.mechanism_browser) if w is not None]


def order_tab_chain(window) -> None:
    """Put the reading-level buttons after the display controls, before the panel's tabs."""
    previous = window.display_controls.cutaway
    for button in window.panel.level_switch.buttons.values():
        QWidget.setTabOrder(previous, button)
        previous = button


class BrainViewAccess(QObject):
    """Focus, keys, accessible name and announced description of the window's 3D view; the Tab order.

    Parameters
    ----------
    window : MainWindow
        Its ``brain_view``, ``state``, ``content`` and ``tour_controller`` are used.
    """

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.view = view = window.brain_view
        self.state = state = window.state
        self._order = list(view.region_names)
        view.setObjectName("brainView")
        view.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        view.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)   # draws the style sheet's focus frame
        view.setAccessibleName(self.tr("3D brain view"))
        view.installEventFilter(self)
        self._fit_frame()
        order_tab_chain(window)
        state.selectedRegionChanged.connect(self.update_description)
        state.tourStepChanged.connect(self.update_description)
        state.regionVisibilityChanged.connect(self.update_description)
        state.uiScaleChanged.connect(self._fit_frame)
        self.update_description(announce=False)

    def situation(self) -> str:
        """What the 3D view shows now, in words: the selected region and the tour step."""
        region = self.state.selected_region
        if region is None:
            parts = [self.tr("No region selected.")]
        else:
            name = self.view.region_names.get(region, region)
            parts = [self.tr("Selected region: %1.").replace("%1", name)]
            if not self.state.is_region_visible(region):
                parts.append(self.tr("It is hidden."))
        controller = getattr(self.window, "tour_controller", None)
        step = controller.step if controller is not None else None
        if step is not None and self.state.tour_step >= 0:
            parts.append(self.tr("Tour step %1 of %2: %3.").replace("%1", str(self.state.tour_step + 1))
                         .replace("%2", str(len(controller.tour))).replace("%3", step.title))
        return " ".join(parts)

    def description(self) -> str:
        """The view's accessible description: :meth:`situation` and the keys that work on it."""
        return self.situation() + " " + self.tr(
            "Keys: ] and [ select the next or previous region, 1 to 8 show the views, "
            "Home resets the view, L shows the region labels.")

    def update_description(self, *_args, announce: bool = True) -> None:
        """Set the view's description; when it changed, announce the new situation to screen readers."""
        text = self.description()
        if text == self.view.accessibleDescription():
            return
        self.view.setAccessibleDescription(text)
        if announce:
            send(QAccessibleEvent(self.view, QAccessible.Event.DescriptionChanged))
            announcement = _announcement(self.view, self.situation())
            if announcement is not None:
                send(announcement)

    def _fit_frame(self, *_args) -> None:
        margin = focus_px(self.state.ui_scale)
        self.view.layout().setContentsMargins(margin, margin, margin, margin)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            step = REGION_KEYS.get(event.key())
            if step is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                region = next_region(self._order, self.state.selected_region, step, self.state.is_region_visible)
                if region is not None:
                    self.state.select_region(region)
                return True
        return False

    def close(self) -> None:
        """Stop watching the view (call when the window closes)."""
        self.view.removeEventFilter(self)
