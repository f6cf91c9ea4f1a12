"""The presenter view in the window: View ▸ Presenter, the screens, and the presenter window's life.

:class:`PresenterCommands` adds *View ▸ Presenter* with

* **Presenter view** (checkable): the lecturer's switch, remembered. Before it
  was ever used it is on with two screens and off with one
  (:func:`viewer.presenter.screen_plan.presenter_wanted`);
* **Projector screen ▸** one item per screen: where lecture mode goes
  (remembered by the screen's name);
* **Swap screens**: the projector and the presenter view change places.

The presenter window (:class:`~viewer.presenter.presenter_view.PresenterView`,
made the first time it is needed) shows while the switch is on and a tour
runs or lecture mode is on. Entering lecture mode puts the main window full
screen on the projector screen and the presenter view on the other
(:func:`viewer.presenter.screen_plan.plan_screens`); a tour in the normal window
keeps the presenter view off the main window's screen where there is another
(:func:`viewer.presenter.screen_plan.place_beside`). When a screen is plugged in
or pulled out (``QGuiApplication.screenAdded`` / ``screenRemoved``) the plan is
made again at once, and once more when Qt has settled, so both windows are
always on a screen that exists. Closing the main window closes the presenter
view and stops its timers.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer
from PySide6.QtGui import QActionGroup, QGuiApplication

from viewer.presenter.screen_plan import ScreenInfo, clean_name, place_beside, plan_screens, swapped_projector
from viewer.presenter.screens import keep_on_screens, put_on_screen, rect_tuple, screen_infos, window_screen
from viewer.settings.values import read_bool

#: Settings key of the presenter-view switch (absent until the lecturer uses it).
PRESENTER_KEY = "presenter_view"
#: Settings key of the projector screen's name.
PROJECTOR_KEY = "projector_screen"
#: The second look at the screens after a change (ms): Qt has moved its windows by then.
SETTLE_MS = 300


class PresenterCommands(QObject):
    """The presenter view's commands and screens for a main window.

    Parameters
    ----------
    window : MainWindow
        Needs ``settings``, ``state``, ``tours`` (its ``controller`` and
        ``lecture``), ``brain_view``, ``view_menu`` and ``add_action``.
    """

    def __init__(self, window, parent=None):
        super().__init__(parent if parent is not None else window)
        self.window = window
        self.settings = window.settings
        self.controller = window.tours.controller
        self.lecture = window.tours.lecture
        self.view = None   # the PresenterView, made when first shown
        # the switch as saved: None when never used (or unreadable), so the number of screens decides
        on, off = read_bool(self.settings, PRESENTER_KEY, True), read_bool(self.settings, PRESENTER_KEY, False)
        self.choice: bool | None = on if on == off else None
        self.projector_name = clean_name(self.settings.value(PROJECTOR_KEY, ""))
        self._closed = False
        self._leaving = None   # a screen being removed (still listed by Qt while it goes)
        self._menu_screens: list[ScreenInfo] = []
        self._placed: tuple[str, bool] | None = None   # the presenter's screen and maximised state, last placed
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.apply)
        app = QGuiApplication.instance()
        app.screenAdded.connect(self._screen_added)
        app.screenRemoved.connect(self._screen_removed)
        self._tour_age = QElapsedTimer()   # since the running tour started: the clock of a view made later
        window.state.lectureModeChanged.connect(self.apply)
        self.controller.tourChanged.connect(self._tour_changed)
        window.installEventFilter(self)
        self._add_menu(window)
        self.apply()

    # menu ---------------------------------------------------------------------
    def _add_menu(self, window) -> None:
        self.menu = window.view_menu.addMenu(self.tr("&Presenter"))
        self.presenter_action = window.add_action(
            self.tr("&Presenter view"), self.set_presenter_on, checkable=True,
            tip=self.tr("The current step, speaker notes, next step and a clock in a window of their own "
                        "(on the other screen in lecture mode)"))
        self.menu.addAction(self.presenter_action)
        self.projector_menu = self.menu.addMenu(self.tr("Projector &screen"))
        self.projector_menu.setToolTip(self.tr("The screen that shows lecture mode"))
        self._projector_group = QActionGroup(self)
        self.projector_actions: dict[str, object] = {}
        self.swap_action = window.add_action(self.tr("S&wap screens"), self.swap,
                                             tip=self.tr("Show lecture mode on the presenter view's screen, and "
                                                         "the presenter view on the projector's"))
        self.menu.addAction(self.swap_action)

    def _sync_menu(self, screens: list[ScreenInfo], projector: int, presenter_on: bool) -> None:
        self.presenter_action.blockSignals(True)
        self.presenter_action.setChecked(presenter_on)
        self.presenter_action.blockSignals(False)
        self.swap_action.setEnabled(len(screens) > 1)
        if screens != self._menu_screens:
            self._menu_screens = list(screens)
            for act in self.projector_menu.actions():
                self._projector_group.removeAction(act)
            self.projector_menu.clear()   # deletes the menu's own actions
            self.projector_actions = {}
            for screen in screens:
                text = self.tr("%1 (%2 × %3)").replace("%1", screen.name.replace("&", "&&")).replace(
                    "%2", str(screen.geometry[2])).replace("%3", str(screen.geometry[3]))
                act = self.projector_menu.addAction(text)
                act.setCheckable(True)
                act.triggered.connect(lambda _=False, name=screen.name: self.choose_projector(name))
                self._projector_group.addAction(act)
                self.projector_actions[screen.name] = act
        for i, screen in enumerate(screens):
            act = self.projector_actions.get(screen.name)
            if act is not None:
                act.setChecked(i == projector)

    # commands -------------------------------------------------------------------
    def set_presenter_on(self, on: bool) -> None:
        """The lecturer's switch (remembered)."""
        self.choice = bool(on)
        self.settings.setValue(PRESENTER_KEY, self.choice)
        self.apply()

    def choose_projector(self, name: str) -> None:
        """Show lecture mode on the screen called ``name`` (remembered)."""
        self.projector_name = clean_name(name)
        self.settings.setValue(PROJECTOR_KEY, self.projector_name)
        self.apply()

    def swap(self) -> None:
        """The projector and the presenter view change screens."""
        name = swapped_projector(screen_infos(self._leaving), self.projector_name)
        if name:
            self.choose_projector(name)

    # the plan -----------------------------------------------------------------------
    def plan(self):
        """The :class:`~viewer.presenter.screen_plan.ScreenPlan` for the screens there are now (None: no screen)."""
        screens = screen_infos(self._leaving)
        return (plan_screens(screens, self.projector_name, self.choice), screens) if screens else (None, screens)

    def apply(self, *_args) -> None:
        """Put the main window and the presenter view where the plan says, show or hide the presenter view."""
        if self._closed:
            return
        plan, screens = self.plan()
        if plan is None:
            return
        self._sync_menu(screens, plan.projector, plan.presenter_on)
        if self.lecture.active and (plan.two_screens or window_screen(self.window, screens) is None):
            self._put_main(screens, plan.projector)   # (on one screen lecture mode fills the window's screen itself)
        elif self.window.isVisible():   # (before it is shown, the window's own placement puts it on a screen)
            keep_on_screens(self.window, screens)
        if plan.presenter_on and (self.lecture.active or self.controller.running):
            if self.lecture.active:
                index, rect, maximised = plan.presenter, plan.presenter_rect, plan.presenter_maximised
            else:   # a tour in the normal window: the presenter view must not cover it
                index, rect, maximised = place_beside(screens, window_screen(self.window, screens))
            view = self._ensure_view()
            # placed again when the plan changed, or the window left its screen; else the lecturer's
            # own moves and sizes stay
            placement = (screens[index].name, maximised)
            if not view.isVisible() or placement != self._placed or window_screen(view, screens) != index:
                put_on_screen(view, screens[index], rect, maximised)
                self._placed = placement
            view.show()
        elif self.view is not None:
            self.view.hide()

    def _put_main(self, screens: list[ScreenInfo], projector: int) -> None:
        """The main window full screen on the projector screen (lecture mode)."""
        w = self.window
        target = screens[projector]
        if window_screen(w, screens) != projector or rect_tuple(w.geometry()) != target.geometry:
            put_on_screen(w, target, target.geometry, whole_screen=True)
        self.lecture.fill_screen()

    def _tour_changed(self, tour) -> None:
        if tour is not None:
            self._tour_age.start()
        else:
            self._tour_age.invalidate()
        self.apply()

    def _ensure_view(self):
        if self.view is None:
            from viewer.presenter.presenter_view import PresenterView

            self.view = PresenterView(self.window.state, self.controller, self.lecture, self.window.brain_view,
                                      self.window)
            self.view.closeRequested.connect(lambda: self.set_presenter_on(False))
            if self.controller.running and self._tour_age.isValid():   # made after the tour started
                self.view.clock.restart(self._tour_age.elapsed())
        return self.view

    # screens come and go ------------------------------------------------------------
    def _screen_added(self, _screen) -> None:
        self._leaving = None
        self.apply()
        self._settle.start()

    def _screen_removed(self, screen) -> None:
        self._leaving = screen
        self.apply()
        self._leaving = None   # Qt no longer lists it once this signal has been handled
        self._settle.start()

    # lifetime -------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.close()
        return False

    def close(self) -> None:
        """Close the presenter view for good and stop following the screens (the main window closes)."""
        if self._closed:
            return
        self._closed = True
        self._settle.stop()
        app = QGuiApplication.instance()
        if app is not None:
            for signal, slot in ((app.screenAdded, self._screen_added), (app.screenRemoved, self._screen_removed)):
                try:
                    signal.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass
        self.window.removeEventFilter(self)
        if self.view is not None:
            self.view.shut()
            self.view.deleteLater()
            self.view = None
