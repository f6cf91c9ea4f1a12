"""Tours and lecture mode in the window: the parts, their menu commands and errors.

:class:`TourCommands` owns the :class:`~viewer.lecture.tour_controller.TourController`
and the :class:`~viewer.lecture.lecture_mode.LectureMode` of a main window, loads the
built-in tours, and adds the commands to the window's menus:

* File ▸ Open tour… (a lecturer's own tour file)
* View ▸ Start tour / Next step / Previous step / End tour
* View ▸ Lecture mode (F5), Full screen (F11), Region labels (L), Reduce motion

An invalid tour file never stops the app: the problem (file, step, field) is
shown in a dialog and everything else keeps working.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from atlases.errors import ContentError
from atlases.teaching.tours import DEFAULT_TOUR, Tour, builtin_tours, load_tour
from viewer.lecture.lecture_mode import LectureMode
from viewer.lecture.tour_controller import TourController
from viewer.scene.camera_views import VIEWS
from viewer.settings.values import read_bool
from viewer.text.plain_text import literal

log = logging.getLogger(__name__)

#: Settings key of the region-labels switch.
LABELS_KEY = "labels"


class TourCommands(QObject):
    """The tour and lecture-mode commands of a main window.

    Parameters
    ----------
    window : MainWindow
        Needs ``state``, ``content``, ``settings``, ``brain_view``,
        ``caption_band``, ``stage`` and ``side`` attributes.
    """

    def __init__(self, window, parent=None):
        super().__init__(parent if parent is not None else window)
        self.window = window
        self.state = window.state
        self.content = window.content
        self.controller = TourController(window.state, window.brain_view, window.settings, parent=self)
        self.lecture = LectureMode(window, window.state, self.controller, window.stage, window.side,
                                   self.default_tour, parent=self)
        self.builtin: dict[str, Tour] = {}
        self.folder_tours: dict[str, Tour] = {}   # tours of a lecturer's content folder
        self.current: Tour | None = None   # the tour last opened
        self._load_tours()

        band = window.caption_band
        self.controller.tourChanged.connect(band.set_tour)
        band.nextRequested.connect(self.controller.next)
        band.previousRequested.connect(self.controller.previous)
        band.stopRequested.connect(self.controller.stop)

    def _load_tours(self) -> None:
        """Built-in tours, and the tours of a lecturer's content folder; problems go to a dialog later."""
        from atlases.resources import DEFAULT_LANGUAGE, builtin_language
        from atlases.teaching.content_folder import load_folder_tours

        language = builtin_language(self.content.folder)   # the built-in tours follow the built-in content
        custom = language is None
        problems = []
        if custom:
            try:
                self.folder_tours = load_folder_tours(self.content.folder, self.content, VIEWS)
            except ContentError as exc:
                problems.append(exc)
        try:
            self.builtin = builtin_tours(self.content, VIEWS, language or DEFAULT_LANGUAGE)
        except ContentError as exc:
            log.warning("built-in tour not loaded: %s", exc)
            if not custom:   # a lecturer's own texts need not have the built-in tour's references
                problems.append(exc)
        for exc in problems:   # after the window is shown: the app opens anyway
            QTimer.singleShot(0, lambda e=exc: self._show_error(self.tr("Tour not available"), e))

    def set_tours(self, content, builtin: dict[str, Tour], pack_tours: dict[str, Tour]) -> None:
        """Offer another content's tours (a content pack's); a running tour goes on in its new version when its
        id still exists (at the same step), else it ends."""
        self.content, self.builtin, self.folder_tours = content, dict(builtin), dict(pack_tours)
        if self.current is not None:   # a tour file opened by hand: checked again against the new content
            try:
                self.current = load_tour(self.current.source, content, VIEWS)
            except ContentError:
                self.current = None
        running = self.controller.tour
        if running is not None:
            tours = {**self.builtin, **self.folder_tours}
            if self.current is not None:
                tours[self.current.id] = self.current
            if running.id in tours:
                self.controller.revise(tours[running.id])
            else:
                self.controller.stop()
        if hasattr(self, "start_action"):
            self._sync_actions()

    # menus ------------------------------------------------------------------
    def add_actions(self, file_menu, view_menu, make_action) -> None:
        """Add the commands to the window's menus.

        Parameters
        ----------
        file_menu, view_menu : QMenu
        make_action : callable
            ``make_action(text, slot, shortcut=None, checkable=False, tip="")``,
            the window's action factory.
        """
        self.open_action = make_action(self.tr("Open &tour…"), lambda: self.open_tour(), "Ctrl+O",
                                       tip=self.tr("Load a tour file (TOML) and start it"))
        file_menu.insertAction(file_menu.actions()[0] if file_menu.actions() else None, self.open_action)

        view_menu.addSeparator()
        self.start_action = make_action(self.tr("Start &tour"), self.start_tour,
                                        tip=self.tr("Step through the tour in this window"))
        # the text after a tab is shown as the key: the keys are handled by LectureMode's filter
        self.next_action = make_action(self.tr("Next step\tPageDown"), self.controller.next)
        self.previous_action = make_action(self.tr("Previous step\tPageUp"), self.controller.previous)
        self.stop_action = make_action(self.tr("End tour\tEsc"), self.controller.stop)
        for act in (self.start_action, self.next_action, self.previous_action, self.stop_action):
            view_menu.addAction(act)
        view_menu.addSeparator()
        self.lecture_action = make_action(self.tr("&Lecture mode"), self.lecture.toggle, "F5", checkable=True,
                                          tip=self.tr("Full screen with large captions for a projector (F5 or "
                                                      "Esc leaves)"))
        self.full_screen_action = make_action(self.tr("&Full screen"), self.lecture.toggle_full_screen, "F11")
        self.labels_action = make_action(self.tr("Region &labels"), self.state.set_labels_visible, "L",
                                         checkable=True, tip=self.tr("Name the regions in the 3D view (L)"))
        self.motion_action = make_action(self.tr("Reduce &motion"), self.controller.set_reduce_motion,
                                         checkable=True,
                                         tip=self.tr("Jump between tour steps instead of moving the camera"))
        self.motion_action.setChecked(self.controller.reduce_motion)
        for act in (self.lecture_action, self.full_screen_action, self.labels_action, self.motion_action):
            view_menu.addAction(act)
        self.state.labelsVisibleChanged.connect(self.labels_action.setChecked)
        self.state.lectureModeChanged.connect(self.lecture_action.setChecked)
        self.controller.tourChanged.connect(self._sync_actions)
        self._sync_actions()

    def _sync_actions(self, *_args) -> None:
        running = self.controller.running
        for act in (self.next_action, self.previous_action, self.stop_action):
            act.setEnabled(running)
        self.start_action.setEnabled(self.default_tour() is not None)

    # commands ---------------------------------------------------------------
    def default_tour(self) -> Tour | None:
        """The tour last opened, else the content folder's first, else the built-in default (or None)."""
        return (self.current or next(iter(self.folder_tours.values()), None) or self.builtin.get(DEFAULT_TOUR)
                or next(iter(self.builtin.values()), None))

    def start_tour(self) -> None:
        """Start (or restart) the default tour in the current mode."""
        tour = self.default_tour()
        if tour is None:
            QMessageBox.information(self.window, self.tr("No tour"),
                                    self.tr("No tour is available. Use File ▸ Open tour… to load one."))
            return
        self.controller.start(tour)
        if not self.lecture.active:
            self.window.statusBar().showMessage(
                self.tr("Tour: PageDown, → or Space for the next step, PageUp or ← to go back, Esc to end"), 10_000)

    def open_tour(self, path: str | Path | None = None) -> Tour | None:
        """Load a tour file (asking for one when ``path`` is None) and start it.

        Returns
        -------
        Tour or None
            None when the dialog was cancelled or the file is invalid (the
            problem is shown in a dialog).
        """
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open tour"), "",
                                                  self.tr("Tours (*.toml);;All files (*)"))
            if not path:
                return None
        try:
            tour = load_tour(path, self.content, VIEWS)
        except ContentError as exc:
            self._show_error(self.tr("Invalid tour"), exc)
            return None
        self.current = tour
        self.controller.start(tour)
        self._sync_actions()
        return tour

    def _show_error(self, title: str, exc: Exception) -> None:
        QMessageBox.warning(self.window, title, literal(
            self.tr("The tour could not be opened:\n\n%s\n\nEverything else keeps working.") % exc))

    # settings ---------------------------------------------------------------
    def restore_settings(self, settings) -> None:
        self.state.set_labels_visible(read_bool(settings, LABELS_KEY, False))

    def save_settings(self, settings) -> None:
        settings.setValue(LABELS_KEY, self.state.labels_visible)  # saved after lecture mode was left

    def close(self) -> None:
        """Leave lecture mode and stop the tour (before the window saves its settings and closes)."""
        self.lecture.leave()
        self.controller.stop()
        self.lecture.close()
