"""File ▸ Export image…, Copy image, Export movie…, Export handout… and Export 3D model….

Images, movies and handouts render in a child process
(:mod:`viewer.window.export_process`): the window stays responsive and its
size never changes. Copy image (what the view shows, at its size) and the 3D
model (a fraction of a second, from the meshes already loaded) run here. The
export modules and their libraries are imported only when an export starts,
never at start-up.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from atlases.sources.definitions import REGION_IDS


class ExportCommands(QObject):
    """The export menu entries of a main window, and the export running now (at most one).

    Parameters
    ----------
    window : MainWindow
        Its ``file_menu``, ``add_action``, ``export_action`` (the entries go above it), ``state``,
        ``brain_view``, ``settings``, ``content``, ``language``, ``packs`` and ``tour_controller``.
    """

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.running = None   # an ExportProcess
        add = window.add_action
        self.image_action = add(self.tr("Export &image…"), lambda: self.export_image(), QKeySequence.StandardKey.Save,
                                tip=self.tr("Save the view as an image at any size, for slides and handouts"))
        self.copy_action = add(self.tr("&Copy image"), lambda: self.copy_image(), "Ctrl+Shift+C",
                               tip=self.tr("Put what the view shows on the clipboard, to paste into slides"))
        self.movie_action = add(self.tr("Export m&ovie…"), lambda: self.export_movie(),
                                tip=self.tr("A turn of the brain or the guided tour, as MP4 or GIF"))
        self.handout_action = add(self.tr("Export &handout…"), lambda: self.export_handout(),
                                  tip=self.tr("A PDF with the regions, the mechanism and the references"))
        self.model_action = add(self.tr("Export 3D mo&del…"), lambda: self.export_model(),
                                tip=self.tr("The cortex and the three regions as a glTF file (.glb) for 3D tools"))
        anchor = getattr(window, "export_action", None)
        menu = window.file_menu
        for action in (self.image_action, self.copy_action, self.movie_action, self.handout_action,
                       self.model_action):
            menu.insertAction(anchor, action)
        window.installEventFilter(self)   # its close ends a running export

    # the scene ----------------------------------------------------------------
    def snapshot(self):
        """What the window shows now, as an export's :class:`~viewer.scene.export_spec.SceneSnapshot`."""
        from viewer.lecture.tour_controller import current_pose
        from viewer.scene.export_spec import SceneSnapshot

        w = self.window
        plotter = w.brain_view.plotter
        camera = current_pose(plotter) if w.brain_view.scene is not None else None
        angle = float(plotter.renderer.GetActiveCamera().GetViewAngle())
        pack = getattr(getattr(w, "packs", None), "pack", None)
        # absolute: the export child runs in another working folder
        source = None if pack is None or pack.info.source is None else os.path.abspath(pack.info.source)
        return SceneSnapshot.from_display(
            w.state.model, camera, angle, language=getattr(w, "language", "en"), content_dir=source,
            data_dir=None if w.data_dir is None else os.path.abspath(w.data_dir))

    def default_caption(self) -> str:
        """The running tour step's title, else the selected region's name, else nothing."""
        step = self.window.tour_controller.step
        if step is not None:
            return step.title
        region = self.window.state.model.selected_region
        return self.window.content.region(region).name if region in REGION_IDS else ""

    def movie_tour(self):
        """The tour a movie can show: the running one if the content has it (the child finds tours by id), else
        the content's default tour, else None."""
        from atlases.teaching.tours import DEFAULT_TOUR

        pack = getattr(getattr(self.window, "packs", None), "pack", None)
        tours = pack.all_tours() if pack is not None else {}
        running = self.window.tour_controller.tour
        if running is not None and running.id in tours:
            return running
        return tours.get(DEFAULT_TOUR)

    # commands -------------------------------------------------------------------
    def export_image(self, path: str | None = None, options: dict | None = None):
        """Ask for the file and options (or take them) and export in a child; returns the running export."""
        if path is None:
            from viewer.window.export_dialog import ImageExportDialog

            dialog = ImageExportDialog(self.window.settings, self.default_caption(),
                                       inset_available=self.window.diagram is not None, parent=self.window)
            if dialog.exec() != ImageExportDialog.DialogCode.Accepted:
                return None
            dialog.remember()
            path, options = dialog.path(), dialog.job_options()
        return self._start("image", path, options or {}, self.tr("Rendering the image…"))

    def export_movie(self, path: str | None = None, options: dict | None = None):
        """Ask for the file and options (or take them) and write the movie in a child."""
        if path is None:
            from viewer.window.export_dialog import MovieExportDialog

            tour = self.movie_tour()
            dialog = MovieExportDialog(self.window.settings, None if tour is None else tour.title,
                                       parent=self.window)
            if dialog.exec() != MovieExportDialog.DialogCode.Accepted:
                return None
            dialog.remember()
            path, options = dialog.path(), dialog.job_options()
            if options.get("tour") and tour is not None:
                options["tour_id"] = tour.id
        return self._start("movie", path, options or {}, self.tr("Rendering the movie…"))

    def export_handout(self, path: str | None = None, options: dict | None = None):
        """Ask for the file, paper and level (or take them) and write the handout in a child."""
        if path is None:
            from viewer.window.export_dialog import HandoutExportDialog

            dialog = HandoutExportDialog(self.window.settings, self.window.state.model.reading_level,
                                         parent=self.window)
            if dialog.exec() != HandoutExportDialog.DialogCode.Accepted:
                return None
            dialog.remember()
            path, options = dialog.path(), dialog.job_options()
        return self._start("handout", path, options or {}, self.tr("Writing the handout…"))

    def export_model(self, path: str | None = None) -> Path | None:
        """Write the loaded meshes as glTF binary (here: a fraction of a second); returns the path written."""
        scene = self.window.brain_view.scene
        if scene is None:
            self._warn(self.tr("Nothing to export yet: the atlas is still loading."))
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export 3D model"), "brain.glb",
                                                  self.tr("glTF binary (*.glb)"))
            if not path:
                return None
        from atlases.errors import ExplorerError
        from viewer.scene.model_export import export_model

        try:
            # the words the model adds ("Cortex", "left") in the window's language, like the regions' names
            written = export_model(self.snapshot(), path, model=scene.model, tr=QCoreApplication.translate)
        except (ExplorerError, OSError) as exc:
            self._not_written(path, _one_line(exc))
            return None
        self.window.statusBar().showMessage(self.tr("Saved %s") % written, 5000)
        return Path(written)

    def copy_image(self) -> QImage | None:
        """Put what the 3D view shows (at its size, labels included) on the clipboard; returns the image."""
        if self.window.brain_view.scene is None:
            return None
        pixels = self.window.brain_view.snapshot()
        height, width = pixels.shape[:2]
        image = QImage(pixels.tobytes(), width, height, 3 * width, QImage.Format.Format_RGB888).copy()
        QGuiApplication.clipboard().setImage(image)
        self.window.statusBar().showMessage(self.tr("Copied the view (%d × %d) to the clipboard") % (width, height),
                                            5000)
        return image

    # running -----------------------------------------------------------------------
    def _start(self, kind: str, path: str, options: dict, label: str):
        from atlases.errors import ExplorerError
        from viewer.exports.jobs import ExportJob
        from viewer.window.export_process import ExportProcess

        if self.running is not None and self.running.running():
            self._warn(self.tr("An export is running: wait for it, or cancel it, first."))
            return None
        if kind == "image" and options.get("view_aspect") is None:   # the export frames what the view frames
            view = self.window.brain_view
            options = {**options, "view_aspect": max(view.width(), 1) / max(view.height(), 1)}
        try:
            # absolute (the child runs in another working folder); the checked path is where the file goes
            target = os.path.abspath(Path(path).expanduser())
            written = _check_target(kind, target, bool(options.get("transparent")))   # now, not in the child
            snapshot = self.snapshot()
            if kind == "image" and options.get("inset") and snapshot.mechanism_step is None:
                steps = self.window.content.mechanism.steps   # the inset shows the step the Mechanism tab opens on
                snapshot = snapshot.with_changes(mechanism_step=steps[0].id if steps else None)
            job = ExportJob(kind, snapshot, target, options)
            process = ExportProcess(job, label, self.window, written=written)
        except (ExplorerError, OSError) as exc:
            self._not_written(path, _one_line(exc))
            return None
        self.running = process
        process.done.connect(self._done)
        self._sync_actions()
        process.start()
        return process

    def _done(self, code: int, message: str) -> None:
        process, self.running = self.running, None
        self._sync_actions()
        if process is None:
            return
        if code == 0:
            self.window.statusBar().showMessage(self.tr("Saved %s") % (message or process.job.output), 5000)
        elif code == 130:
            self.window.statusBar().showMessage(self.tr("Export cancelled: no file was written"), 5000)
        else:
            self._not_written(process.job.output, message)
        process.deleteLater()

    def _sync_actions(self) -> None:
        busy = self.running is not None
        for action in (self.image_action, self.movie_action, self.handout_action):
            action.setEnabled(not busy)

    def _not_written(self, path, reason: str) -> None:
        self._warn(self.tr("%s was not written:\n\n%s") % (path, reason or self.tr("the export failed")))

    def _warn(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Export"), text, parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)   # paths and messages are not markup
        box.exec()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.Close and self.running is not None:
            self.running.stop_now()
        return False


def _check_target(kind: str, path: str, transparent: bool) -> Path:
    """Refuse a file that cannot be written (a read-only folder, a wrong extension) before anything runs.

    Returns the absolute path the file will be written at (a symbolic link followed): the exporter's own check.
    """
    if kind == "image":
        from viewer.scene.image_output import check_output_path

        return check_output_path(path, transparent=transparent)
    if kind == "movie":
        from viewer.scene.movie_output import check_movie_path

        return check_movie_path(path)
    from viewer.exports.handout import check_handout_path

    return check_handout_path(path)


def _one_line(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror}"
    return " ".join(str(exc).split())
