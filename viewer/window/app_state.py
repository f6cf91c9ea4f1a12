"""The app state: one small object that emits a signal when something changes.

Widgets and the 3D scene read from it and react to its signals; they never
talk to each other. Every setter ignores a value equal to the current one, so
a widget that writes back what it just received cannot start a loop.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from atlases.meshes.meshing import HEMISPHERES
from atlases.sources.registry import DEFAULT_ATLAS
from viewer.scene.themes import DEFAULT_THEME


class AppState(QObject):
    """Selected/hovered region, atlas, theme, display options and tour step."""

    selectedRegionChanged = Signal(object)   # str or None
    hoveredRegionChanged = Signal(object)    # str or None
    atlasChanged = Signal(str)
    themeChanged = Signal(str)
    cortexOpacityChanged = Signal(float)
    regionVisibilityChanged = Signal(str, bool)
    hemispheresChanged = Signal(object)      # frozenset of "left"/"right"
    cutawayChanged = Signal(bool)
    viewRequested = Signal(str)              # a named view to move the camera to
    uiScaleChanged = Signal(float)
    mechanismStepChanged = Signal(object)    # str or None
    tourStepChanged = Signal(int)            # -1 when no tour is running
    labelsVisibleChanged = Signal(bool)      # region labels in the 3D scene
    lectureModeChanged = Signal(bool)        # projector-ready presentation on/off

    def __init__(self, atlas: str = DEFAULT_ATLAS, theme: str = DEFAULT_THEME, parent=None):
        super().__init__(parent)
        self._selected: str | None = None
        self._hovered: str | None = None
        self._atlas = atlas
        self._theme = theme
        self._cortex_opacity = 0.2
        self._hidden: frozenset[str] = frozenset()
        self._hemispheres: frozenset[str] = frozenset(HEMISPHERES)
        self._cutaway = False
        self._ui_scale = 1.0
        self._mechanism_step: str | None = None
        self._tour_step = -1
        self._labels_visible = False
        self._lecture_mode = False

    # read access ----------------------------------------------------------
    selected_region = property(lambda self: self._selected)
    hovered_region = property(lambda self: self._hovered)
    atlas = property(lambda self: self._atlas)
    theme = property(lambda self: self._theme)
    cortex_opacity = property(lambda self: self._cortex_opacity)
    hidden_regions = property(lambda self: self._hidden)
    hemispheres = property(lambda self: self._hemispheres)
    cutaway = property(lambda self: self._cutaway)
    ui_scale = property(lambda self: self._ui_scale)
    mechanism_step = property(lambda self: self._mechanism_step)
    tour_step = property(lambda self: self._tour_step)
    labels_visible = property(lambda self: self._labels_visible)
    lecture_mode = property(lambda self: self._lecture_mode)

    def is_region_visible(self, region_id: str) -> bool:
        return region_id not in self._hidden

    # changes --------------------------------------------------------------
    def select_region(self, region_id: str | None) -> None:
        if region_id != self._selected:
            self._selected = region_id
            self.selectedRegionChanged.emit(region_id)

    def clear_selection(self) -> None:
        self.select_region(None)

    def hover_region(self, region_id: str | None) -> None:
        if region_id != self._hovered:
            self._hovered = region_id
            self.hoveredRegionChanged.emit(region_id)

    def set_atlas(self, atlas_id: str) -> None:
        if atlas_id != self._atlas:
            self._atlas = atlas_id
            self.atlasChanged.emit(atlas_id)

    def set_theme(self, theme_id: str) -> None:
        if theme_id != self._theme:
            self._theme = theme_id
            self.themeChanged.emit(theme_id)

    def set_cortex_opacity(self, opacity: float) -> None:
        opacity = round(min(max(float(opacity), 0.0), 1.0), 3)
        if opacity != self._cortex_opacity:
            self._cortex_opacity = opacity
            self.cortexOpacityChanged.emit(opacity)

    def set_region_visible(self, region_id: str, visible: bool) -> None:
        if visible == self.is_region_visible(region_id):
            return
        self._hidden = self._hidden - {region_id} if visible else self._hidden | {region_id}
        self.regionVisibilityChanged.emit(region_id, visible)

    def set_hemispheres(self, hemispheres) -> None:
        hemispheres = frozenset(hemispheres) & frozenset(HEMISPHERES)
        if hemispheres and hemispheres != self._hemispheres:
            self._hemispheres = hemispheres
            self.hemispheresChanged.emit(hemispheres)

    def set_cutaway(self, on: bool) -> None:
        if bool(on) != self._cutaway:
            self._cutaway = bool(on)
            self.cutawayChanged.emit(self._cutaway)

    def request_view(self, view_name: str) -> None:
        """Ask the 3D view to move to a named view (always emitted)."""
        self.viewRequested.emit(view_name)

    def set_ui_scale(self, scale: float) -> None:
        scale = round(min(max(float(scale), 1.0), 3.0), 2)
        if scale != self._ui_scale:
            self._ui_scale = scale
            self.uiScaleChanged.emit(scale)

    def set_mechanism_step(self, step_id: str | None) -> None:
        if step_id != self._mechanism_step:
            self._mechanism_step = step_id
            self.mechanismStepChanged.emit(step_id)

    def set_tour_step(self, index: int) -> None:
        if index != self._tour_step:
            self._tour_step = index
            self.tourStepChanged.emit(index)

    def set_labels_visible(self, on: bool) -> None:
        if bool(on) != self._labels_visible:
            self._labels_visible = bool(on)
            self.labelsVisibleChanged.emit(self._labels_visible)

    def set_lecture_mode(self, on: bool) -> None:
        if bool(on) != self._lecture_mode:
            self._lecture_mode = bool(on)
            self.lectureModeChanged.emit(self._lecture_mode)
