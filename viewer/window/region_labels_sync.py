"""Keeps the region labels of the 3D view in step with the app state.

:class:`RegionLabelsSync` shows or hides the labels (View ▸ Region labels, key L),
re-anchors them when the hemispheres or the visible regions change and when
the camera comes to rest, fills the selected region's label, and sizes the
text from the UI scale (in lecture mode, larger and following the screen's
height, like the caption band). Repaints go through
``BrainView.request_render()``, so they merge with any other pending repaint.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QTimer

from viewer.lecture.band_fit import REFERENCE_HEIGHT as BAND_REFERENCE_HEIGHT
from viewer.scene.region_labels import RegionLabels, brain_frame, region_anchors
from viewer.scene.themes import get_theme

#: Label text size in pixels at 100 % UI scale, in the window and in lecture mode (on a 1080 px tall screen).
LABEL_PX = 17
LECTURE_LABEL_PX = 28
#: Smallest lecture label text (px at 100 %), on a small screen.
MIN_LECTURE_LABEL_PX = 14
#: Wait this long (ms) after the camera last moved before re-anchoring.
SETTLE_MS = 250


class RegionLabelsSync(QObject):
    """Keeps the region labels of a :class:`~viewer.window.brain_view.BrainView` in step with the app state.

    Parameters
    ----------
    state : AppState
    brain_view : BrainView
    names : dict of str to str
        Region id to the name shown on its label.
    """

    def __init__(self, state, brain_view, names: dict[str, str], parent=None):
        super().__init__(parent)
        self.state = state
        self.brain_view = brain_view
        self.names = dict(names)
        self.labels: RegionLabels | None = None
        self._pose = None
        self._camera_tag = None
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.refresh)
        self._settle_timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle_timer.timeout.connect(self._settled)
        state.labelsVisibleChanged.connect(self._toggled)
        state.hemispheresChanged.connect(self._refresh_soon)
        state.regionVisibilityChanged.connect(self._refresh_soon)
        state.selectedRegionChanged.connect(self._emphasise)
        state.themeChanged.connect(self._restyle)
        state.uiScaleChanged.connect(self._restyle)
        state.lectureModeChanged.connect(self._restyle)
        brain_view.sceneReady.connect(self._on_scene)
        brain_view.motionChanged.connect(self._on_motion)

    def font_px(self) -> int:
        """Label text size (device pixels) asked for at the current UI scale, mode and screen.

        The labels draw it smaller in a view too narrow for their names
        (:attr:`RegionLabels.font_px`).
        """
        plotter = self.brain_view.plotter
        base = LABEL_PX
        if self.state.lecture_mode:
            screen = plotter.screen()
            height = screen.geometry().height() if screen is not None else BAND_REFERENCE_HEIGHT
            base = max(MIN_LECTURE_LABEL_PX, LECTURE_LABEL_PX * height / BAND_REFERENCE_HEIGHT)
        return round(base * self.state.ui_scale * plotter.devicePixelRatioF())

    def label_boxes(self) -> list[dict]:
        """The drawn labels in the 3D view's widget coordinates (logical px, origin top-left).

        One dict per label: ``region``, ``box`` (left, top, width, height),
        ``anchor`` and ``edge`` (the leader line's ends, x and y) and ``name``
        (as drawn). For tests and for checking that every label is on screen.
        """
        if self.labels is None:
            return []
        plotter = self.brain_view.plotter
        ratio = plotter.devicePixelRatioF()
        height = self.brain_view.plotter.renderer.GetSize()[1]

        def point(x, y):
            return x / ratio, (height - y) / ratio

        boxes = []
        for region_id, p in self.labels.placements().items():
            left, top = point(p.box.left, p.box.top)
            boxes.append({"region": region_id, "box": (left, top, p.box.w / ratio, p.box.h / ratio),
                          "anchor": point(*p.anchor), "edge": point(*p.edge),
                          "name": self.labels.shown_name(region_id)})
        return boxes

    def refresh(self) -> None:
        """Re-anchor the labels for what the scene shows now, and render."""
        scene = self.brain_view.scene
        if self.labels is None or scene is None:
            return
        on = self.state.labels_visible
        if on and self.brain_view.is_moving():  # anchors are picked on the still frame (_on_motion)
            return
        if on:
            self.labels.set_anchors(region_anchors(scene), brain_frame(scene))
            self._pose = self._camera_pose()
        self.labels.set_visible(on)
        self.brain_view.request_render()   # a repaint, merged with any other pending one

    def _toggled(self, on: bool) -> None:
        if on:
            self._refresh_soon()
        elif self.labels is not None:   # hiding needs no anchors: at once
            self.labels.set_visible(False)
            self.brain_view.request_render()   # a repaint, merged with any other pending one

    def _on_motion(self, moving: bool) -> None:
        # the anchors are chosen for a still camera: re-anchor for the still frame
        if not moving and self.labels is not None and self.state.labels_visible:
            self.refresh()

    def set_names(self, names: dict[str, str]) -> None:
        """Label the regions with other names (a content pack's)."""
        self.names = dict(names)
        self._restyle()
        if self.labels is not None and self.state.labels_visible:
            self.brain_view.request_render()

    def _refresh_soon(self, *_args) -> None:
        self._refresh_timer.start()

    def _on_scene(self) -> None:
        plotter = self.brain_view.plotter
        if self.labels is None:
            self.labels = RegionLabels(plotter.renderer)
            camera = plotter.renderer.GetActiveCamera()
            self._camera_tag = camera.AddObserver("ModifiedEvent", lambda *_: self._camera_moved())
        self.labels.set_regions(self.names, self._theme(), self.font_px())
        self.labels.set_emphasis(self.state.selected_region)
        self._refresh_soon()

    def _emphasise(self, region_id) -> None:
        if self.labels is not None:
            self.labels.set_emphasis(region_id)
            if self.state.labels_visible:
                self.brain_view.request_render()

    def _theme(self):
        return get_theme(self.state.theme)

    def _restyle(self, *_args) -> None:
        if self.labels is not None:
            self.labels.set_regions(self.names, self._theme(), self.font_px())
            if self.state.labels_visible:
                self._refresh_soon()

    def _camera_pose(self):
        """What decides which points are visible: direction, up and angle (zooming changes nothing)."""
        camera = self.brain_view.plotter.renderer.GetActiveCamera()
        direction = np.subtract(camera.GetPosition(), camera.GetFocalPoint())
        return tuple(np.round(np.concatenate([direction / np.linalg.norm(direction), camera.GetViewUp(),
                                              camera.GetFocalPoint(), [camera.GetViewAngle()]]), 4))

    def _camera_moved(self) -> None:
        if self.state.labels_visible:
            self._settle_timer.start()

    def _settled(self) -> None:
        if self.brain_view.is_moving():  # a slow drag: the end of the motion re-anchors
            return
        if self.state.labels_visible and self._camera_pose() != self._pose:
            self.refresh()

    def close(self) -> None:
        """Stop watching the camera and remove the labels (call before the plotter closes)."""
        self._settle_timer.stop()
        self._refresh_timer.stop()
        if self.labels is not None:
            self.brain_view.plotter.renderer.GetActiveCamera().RemoveObserver(self._camera_tag)
            self.labels.close()
            self.labels = None
