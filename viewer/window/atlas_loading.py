"""Loading an atlas into the window, and falling back when a load fails.

:class:`AtlasLoading` starts the background load of the atlas the state asks
for (:func:`viewer.window.atlas_worker.load_model_task`), shows its progress,
puts the finished model on screen and records it as the state's
``loaded_atlas``. When a load fails, the atlas on screen stays: the state goes
back to it without a reload (the fallback rule is
:func:`viewer.model.display_rules.fallback_atlas`), and the dialog names the
atlas shown. The panel gets the atlas's notes in the window's language
(:func:`atlases.sources.atlas_translations.translated_definition`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from atlases.errors import ExplorerError
from atlases.resources import DEFAULT_LANGUAGE
from atlases.sources.atlas_translations import translated_definition
from atlases.sources.registry import DEFAULT_ATLAS, get_definition
from viewer.model.display_rules import fallback_atlas
from viewer.runtime.startup_gc import resume_collection
from viewer.text.plain_text import literal
from viewer.window.atlas_worker import load_model_task

log = logging.getLogger(__name__)


class AtlasLoading(QObject):
    """The atlas loads of a main window.

    Parameters
    ----------
    window : MainWindow
        Needs ``state``, ``brain_view``, ``panel``, ``progress``, ``data_dir``
        and ``atlas_actions`` attributes and its status bar.
    """

    def __init__(self, window, parent=None):
        super().__init__(parent if parent is not None else window)
        self.window = window
        self.state = window.state
        #: The running load (a BackgroundTask), or None.
        self.task = None
        self.state.atlasChanged.connect(self._atlas_asked)

    def load(self, atlas_id: str) -> None:
        """Build (or read from cache) the meshes of an atlas in a worker thread."""
        w = self.window
        self._drop_task()
        w.progress.setValue(0)
        w.progress.show()
        w.statusBar().showMessage(self.tr("Loading %s…") % get_definition(atlas_id).name)
        task = load_model_task(atlas_id, w.data_dir, parent=w)
        task.progress.connect(lambda msg, f: (w.progress.setValue(round(f * 100)), w.statusBar().showMessage(msg)))
        task.finished.connect(self._loaded)
        task.failed.connect(lambda msg, a=atlas_id: self.show_failure(a, msg))
        self.task = task
        task.start()

    def _drop_task(self) -> None:
        """A running load that was superseded ends unheard."""
        if self.task is not None and self.task.is_running():
            self.task.progress.disconnect()
            self.task.finished.disconnect()
            self.task.failed.disconnect()
        self.task = None

    def _atlas_asked(self, atlas_id: str) -> None:
        """The state asks for an atlas: load it, unless it is the one on screen (then only drop other loads)."""
        if atlas_id != self.state.loaded_atlas or self.window.brain_view.scene is None:
            self.load(atlas_id)
            return
        self._drop_task()
        self.window.progress.hide()
        self.window.statusBar().clearMessage()
        self._check_menu(atlas_id)

    def _loaded(self, model) -> None:
        w = self.window
        self.task = None
        w.progress.hide()
        keep = self.state.loaded_atlas is not None
        self.state.set_loaded_atlas(model.atlas.id)
        w.brain_view.set_model(model, keep_camera=keep)
        w.panel.set_atlas_definition(self._in_window_language(model.atlas))
        w.statusBar().showMessage(self.tr("%s: %d triangles") % (model.atlas.name, model.n_triangles), 5000)
        self._check_menu(model.atlas.id)

    def _in_window_language(self, definition):
        """The atlas's notes in the window's language; in English (and a warning in the log) if that fails."""
        try:
            return translated_definition(definition, getattr(self.window, "language", DEFAULT_LANGUAGE))
        except ExplorerError as exc:   # a broken translation must not keep the atlas off the screen
            log.warning("the atlas notes are shown in English: %s", exc)
            return definition

    def show_failure(self, atlas_id: str, message: str) -> None:
        """Say why ``atlas_id`` could not be loaded and which atlas is shown; fall back without a reload."""
        w = self.window
        self.task = None
        resume_collection()
        w.progress.hide()
        w.statusBar().clearMessage()
        fallback = fallback_atlas(atlas_id, self.state.loaded_atlas, DEFAULT_ATLAS)
        if fallback is None:
            shown = self.tr("No atlas is shown.")
        elif fallback == DEFAULT_ATLAS and self.state.loaded_atlas is None:
            shown = self.tr("Showing the default atlas, %s, instead.") % get_definition(fallback).name
        else:
            shown = self.tr("Showing %s instead.") % get_definition(fallback).name
        QMessageBox.warning(w, self.tr("Atlas not available"), literal(
            self.tr("The atlas could not be loaded:\n\n%s\n\n%s") % (message, shown)))
        if fallback is not None:
            # the atlas on screen: the state only goes back to it (see _atlas_asked); before any, a load
            self.state.set_atlas(fallback)
            self._check_menu(self.state.loaded_atlas or fallback)

    def _check_menu(self, atlas_id: str) -> None:
        for other, act in self.window.atlas_actions.items():
            act.setChecked(other == atlas_id)
