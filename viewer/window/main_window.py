"""The main window: 3D brain, region list, display controls, side panel, menus."""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from atlases.sources.definitions import REGION_IDS
from atlases.sources.registry import atlas_ids, atlas_status, get_definition
from atlases.teaching.content import Content
from viewer import APP_NAME
from viewer.diagram.diagram_widget import load_diagram_or_none
from viewer.lecture.caption_band import CaptionBand
from viewer.lecture.tour_commands import TourCommands
from viewer.runtime.startup_gc import resume_collection
from viewer.scene.camera_views import VIEWS
from viewer.scene.themes import get_theme, themes
from viewer.text.plain_text import literal
from viewer.widgets.qt_theme import apply_theme
from viewer.window.app_state import AppState
from viewer.window.atlas_loading import AtlasLoading
from viewer.window.atlas_worker import download_task
from viewer.window.brain_view import BrainView
from viewer.window.display_controls import DisplayControls
from viewer.window.mechanism_inset import MechanismInset, stage_column
from viewer.window.region_labels_sync import RegionLabelsSync
from viewer.window.region_list import RegionList
from viewer.window.region_panel import RegionPanel
from viewer.window.side_splitter import SideSplitter, scrolling_panel
from viewer.window.speaker_notes import SpeakerNotes
from viewer.window.view_toolbar import SHORT_LABELS, ViewToolbar
from viewer.window.window_settings import restore_window_settings, save_window_settings

log = logging.getLogger(__name__)

UI_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
#: The paused garbage collector resumes this long after the first scene is set (its frame is drawn by then)...
GC_AFTER_SCENE_MS = 500
#: ... or after this long in any case.
GC_AT_THE_LATEST_MS = 30_000


class MainWindow(QMainWindow):
    """The explorer window.

    Parameters
    ----------
    state : AppState
    content : Content
    settings : QSettings
        Where preferences are read from and saved to.
    data_dir : str or Path, optional
        Folder with downloaded atlases (``--atlas-dir``).
    """

    def __init__(self, state: AppState, content: Content, settings: QSettings, data_dir=None, parent=None):
        super().__init__(parent)
        self.state = state
        self.content = content
        self.settings = settings
        self.data_dir = data_dir
        self._download = None
        self.settings_warning = ""  # set by restore_settings
        self.setWindowTitle(APP_NAME)
        self.setObjectName("MainWindow")

        names = {r: content.region(r).name for r in REGION_IDS}
        self.brain_view = BrainView(state, names)
        self.region_list = RegionList(state, names)
        self.display_controls = DisplayControls(state)
        self.diagram = load_diagram_or_none(content)
        reduce_motion = lambda: self.tour_controller.reduce_motion   # noqa: E731 - the controller comes later
        self.panel = RegionPanel(state, content, self.diagram, reduce_motion)
        self.caption_band = CaptionBand(state, content)
        self.labels = RegionLabelsSync(state, self.brain_view, names, parent=self)

        self.inset = None if self.diagram is None else MechanismInset(state, content, self.diagram,
                                                                      self.brain_view.plotter, reduce_motion)
        stage_left = stage_column(self.brain_view, self.inset, self.caption_band)

        side_content = QWidget()
        column = QVBoxLayout(side_content)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(QLabel(self.tr("<b>Regions</b>")))
        column.addWidget(self.region_list)
        column.addWidget(self.display_controls)
        column.addWidget(self.panel, 1)
        self.side = scrolling_panel(side_content)   # scrolls rather than grow the window past a small screen

        self.splitter = SideSplitter(stage_left, self.side)
        self.stage = QStackedWidget()   # page 0: the explorer; lecture mode adds its blank screen
        self.stage.addWidget(self.splitter)
        holder = QWidget()   # the stage, and room above it for a banner (viewer/window/pack_banner.py)
        holder.setObjectName("centralHolder")
        self.central_column = QVBoxLayout(holder)
        self.central_column.setContentsMargins(0, 0, 0, 0)
        self.central_column.setSpacing(0)
        self.central_column.addWidget(self.stage, 1)
        self.setCentralWidget(holder)
        self.tours = TourCommands(self)
        self.lecture = self.tours.lecture
        self.tour_controller = self.tours.controller
        column.insertWidget(column.indexOf(self.panel), SpeakerNotes(state, self.tour_controller))   # tour notes

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)

        self._build_actions()
        self.atlas_loading = AtlasLoading(self)
        # main.py pauses the garbage collector for the start-up (viewer/runtime/startup_gc.py): on
        # again just after the first scene is drawn, after an atlas failure, or after 30 s
        self.brain_view.sceneReady.connect(lambda: QTimer.singleShot(GC_AFTER_SCENE_MS, resume_collection))
        QTimer.singleShot(GC_AT_THE_LATEST_MS, resume_collection)
        state.themeChanged.connect(self._apply_theme)
        state.uiScaleChanged.connect(self._apply_theme)
        state.selectedRegionChanged.connect(self._show_selection_status)
        self._apply_theme()

    # actions and menus ------------------------------------------------------
    def add_action(self, text: str, slot, shortcut=None, checkable: bool = False, tip: str = "") -> QAction:
        """A window action (its shortcut works even with the menu bar hidden); menus add it where it belongs."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(checkable)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        menu = self.menuBar()
        self.file_menu = file_menu = menu.addMenu(self.tr("&File"))
        self.view_menu = view_menu = menu.addMenu(self.tr("&View"))
        # what the view shows at its size; File ▸ Export image… and the other exports (Ctrl+S) come above it
        # from viewer/window/export_commands.py (attached by viewer/app.py)
        self.export_action = self.add_action(self.tr("Save &view as image…"), self.export_image)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.add_action(self.tr("Export &mechanism diagram…"), self.export_mechanism_diagram))
        file_menu.addSeparator()
        file_menu.addAction(self.add_action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit))

        self.view_toolbar = toolbar = ViewToolbar(self.tr("Views"), self)
        self.addToolBar(toolbar)
        self.view_actions = {}
        for n, (name, preset) in enumerate(VIEWS.items(), start=1):
            label = QCoreApplication.translate("CameraViews", preset.label)
            act = self.add_action(label, lambda _=False, v=name: self.state.request_view(v),
                               str(n), tip=self.tr("Show the %s view (key %d)") % (label, n))
            view_menu.addAction(act)
            toolbar.add_labelled_action(act, QCoreApplication.translate("ViewToolbar", SHORT_LABELS[name]))
            self.view_actions[name] = act
        self.reset_action = self.add_action(self.tr("&Reset view"), self.brain_view.reset_view,
                                         [QKeySequence("Home"), QKeySequence("R")],
                                         tip=self.tr("Back to the starting view (Home)"))
        view_menu.addAction(self.reset_action)
        toolbar.addSeparator()
        toolbar.add_labelled_action(self.reset_action, QCoreApplication.translate("ViewToolbar", SHORT_LABELS["reset"]))
        self.clear_action = self.add_action(self.tr("Clear selection"), self.state.clear_selection, "Esc")
        view_menu.addAction(self.clear_action)
        self.side_action = self.add_action(self.tr("Side &panel"), self.splitter.set_side_open, checkable=True,
                                        tip=self.tr("Show or collapse the panel beside the brain"))
        self.side_action.setChecked(True)
        self.splitter.splitterMoved.connect(lambda *_: self.side_action.setChecked(not self.splitter.side_collapsed()))
        view_menu.addAction(self.side_action)
        view_menu.addSeparator()

        theme_menu = view_menu.addMenu(self.tr("&Theme"))
        group = QActionGroup(self)
        self.theme_actions = {}
        for theme in themes().values():
            act = self.add_action(QCoreApplication.translate("Themes", theme.name),
                                  lambda _=False, t=theme.id: self.state.set_theme(t), checkable=True)
            group.addAction(act)
            theme_menu.addAction(act)
            self.theme_actions[theme.id] = act
        scale_menu = view_menu.addMenu(self.tr("Text &size"))
        group = QActionGroup(self)
        self.scale_actions = {}
        for scale in UI_SCALES:
            act = self.add_action(f"{round(scale * 100)} %", lambda _=False, s=scale: self.state.set_ui_scale(s),
                               checkable=True)
            group.addAction(act)
            scale_menu.addAction(act)
            self.scale_actions[scale] = act
        self.tours.add_actions(file_menu, view_menu, self.add_action)

        self.atlas_menu = menu.addMenu(self.tr("&Atlas"))
        self._atlas_group = QActionGroup(self)
        self.atlas_actions: dict[str, QAction] = {}
        self._rebuild_atlas_menu()

        self.help_menu = help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.add_action(self.tr("&About"), self.show_about))

    def _rebuild_atlas_menu(self) -> None:
        # the old actions belong to the window (see _action), not to the menu: drop them there too
        old = [act for act in self.atlas_menu.actions() if not act.isSeparator()]
        self.atlas_menu.clear()
        for act in old:
            self._atlas_group.removeAction(act)
            self.removeAction(act)
            act.deleteLater()
        self.atlas_actions = {}
        for atlas_id in atlas_ids():
            status = atlas_status(atlas_id, self.data_dir)
            act = self.add_action(status.definition.name,
                               lambda _=False, a=atlas_id: self.state.set_atlas(a), checkable=True)
            act.setEnabled(status.available)
            if not status.available:
                act.setToolTip(self.tr("Not downloaded yet: use Atlas ▸ Download Harvard-Oxford"))
            act.setChecked(atlas_id == self.state.atlas)
            self._atlas_group.addAction(act)
            self.atlas_menu.addAction(act)
            self.atlas_actions[atlas_id] = act
        self.atlas_menu.setToolTipsVisible(True)
        self.atlas_menu.addSeparator()
        self.download_action = self.add_action(self.tr("&Download Harvard-Oxford…"), self.download_harvard_oxford,
                                            tip=self.tr("Fetch the Harvard-Oxford atlas through nilearn "
                                                        "(needs a network connection)"))
        self.atlas_menu.addAction(self.download_action)
        self.atlas_menu.addAction(self.add_action(self.tr("Use atlas &folder…"), self.choose_atlas_folder))

    # atlases ------------------------------------------------------------------
    def load_atlas(self, atlas_id: str) -> None:
        """Build (or read from cache) the meshes of an atlas in a worker thread (:mod:`viewer.window.atlas_loading`)."""
        self.atlas_loading.load(atlas_id)

    def download_harvard_oxford(self) -> None:
        """Download Harvard-Oxford with a progress dialog that can cancel."""
        dialog = QProgressDialog(self.tr("Downloading the Harvard-Oxford atlas through nilearn…"),
                                 self.tr("Cancel"), 0, 0, self)
        dialog.setWindowTitle(self.tr("Download atlas"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        task = download_task(self.data_dir, parent=self)
        dialog.canceled.connect(task.cancel)
        task.finished.connect(lambda path: self._download_done(dialog, path))
        # a cancel also ends in ``failed``: that is no failure to report
        task.failed.connect(lambda msg: self._download_done(dialog, None, "" if task.cancel_event.is_set() else msg))
        self._download = task
        dialog.show()
        task.start()

    def _download_done(self, dialog, path, message: str = "") -> None:
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()
        self._download = None
        if path is None:
            if message:
                QMessageBox.warning(self, self.tr("Download failed"), literal(message))
            return
        self._rebuild_atlas_menu()
        QMessageBox.information(self, self.tr("Atlas downloaded"),
                                literal(self.tr("The Harvard-Oxford atlas is saved in %s.") % path))

    def choose_atlas_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder with downloaded atlases"))
        if folder:
            self.data_dir = Path(folder)
            self._rebuild_atlas_menu()

    # other commands ---------------------------------------------------------
    def export_image(self) -> None:
        from viewer.scene.image_output import FORMATS

        patterns = " ".join(f"*{ext}" for ext in FORMATS)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export image"), "brain.png",
                                              self.tr("Images (%s)") % patterns)
        if path:
            self.save_image(path)

    def export_mechanism_diagram(self) -> None:
        """Save the current mechanism step's diagram (the first step's when none) as shown: theme, rival model."""
        from viewer.diagram.diagram_export import export_diagram_dialog

        export_diagram_dialog(self, self.content, self.state.mechanism_step, self.state.theme,
                              rival=self.state.mechanism_rival)

    def save_image(self, path: str | Path) -> Path | None:
        """Save what the 3D view shows to ``path`` (its extension picks the format).

        The file is written atomically and never when the view came out
        blank; the status bar names the file written, a plain-text warning
        says why not. Returns the path written, or None. At the view's own
        size: VTK's tiled (scaled) screenshots drop the 2D region labels.
        """
        from atlases.errors import ExplorerError
        from viewer.scene.image_output import check_output_path, write_image

        try:
            check_output_path(path)  # before the render
            written = write_image(self.brain_view.snapshot(), path)
        except ExplorerError as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Image not saved"),
                              self.tr("The image was not saved:\n\n%s") % exc, parent=self)
            box.setTextFormat(Qt.TextFormat.PlainText)  # the path and message are not markup
            box.exec()
            return None
        self.statusBar().showMessage(self.tr("Saved %s") % written, 5000)
        return written

    def show_about(self) -> None:
        definition = get_definition(self.state.atlas)
        QMessageBox.about(self, self.tr("About %s") % APP_NAME, self.tr(
            "<h3>%s</h3><p>An open-source app for teaching how ketamine acts on the "
            "prefrontal cortex, the hippocampus and the posteromedial cortex.</p>"
            "<p><b>Atlas:</b> %s</p><p>%s</p><p>%s</p>") % tuple(
                html.escape(text) for text in (APP_NAME, definition.name, definition.licence,
                                               definition.citation)))

    def _show_selection_status(self, region_id) -> None:
        if region_id:
            self.statusBar().showMessage(self.content.region(region_id).name, 3000)

    def _apply_theme(self, *args) -> None:
        from PySide6.QtWidgets import QApplication

        apply_theme(QApplication.instance(), get_theme(self.state.theme), self.state.ui_scale)
        for theme_id, act in self.theme_actions.items():
            act.setChecked(theme_id == self.state.theme)
        for scale, act in self.scale_actions.items():
            act.setChecked(abs(scale - self.state.ui_scale) < 1e-6)
        self.region_list.fit_height()

    # settings -----------------------------------------------------------------
    def restore_settings(self, theme: str | None = None) -> None:
        """Apply saved preferences (:func:`viewer.window.window_settings.restore_window_settings`)."""
        restore_window_settings(self, theme)

    def save_settings(self) -> None:
        """Save preferences and geometry (:func:`viewer.window.window_settings.save_window_settings`)."""
        save_window_settings(self)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.tours.close()   # first: lecture mode's theme and window state must not be saved
        self.save_settings()
        for task in (self.atlas_loading.task, self._download):
            if task is not None and task.is_running():
                task.cancel()
                task.wait(10_000)
        self.labels.close()
        self.brain_view.close_plotter()
        super().closeEvent(event)
