"""The app state for the widgets: a thin Qt adapter over the display model.

The state itself and its rules are :class:`viewer.model.display_model.DisplayModel`
(plain Python, shared with the ``--screenshot`` path). :class:`AppState` owns
one, re-emits its changes as Qt signals for the widgets, and forwards the
widgets' changes to it. Widgets and the 3D scene read from it and react to
its signals; they never talk to each other. A change to a value equal to the
current one emits nothing, so a widget that writes back what it just received
cannot start a loop.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from atlases.sources.registry import DEFAULT_ATLAS
from viewer.model.display_model import DisplayModel
from viewer.scene.camera_views import get_view
from viewer.scene.themes import DEFAULT_THEME

#: Model field -> the Qt signal that re-emits its new value (hidden_regions has its own, per region).
_FORWARDED = {
    "selected_region": "selectedRegionChanged",
    "hovered_region": "hoveredRegionChanged",
    "atlas": "atlasChanged",
    "theme": "themeChanged",
    "cortex_opacity": "cortexOpacityChanged",
    "hemispheres": "hemispheresChanged",
    "cutaway": "cutawayChanged",
    "ui_scale": "uiScaleChanged",
    "mechanism_step": "mechanismStepChanged",
    "mechanism_rival": "mechanismRivalChanged",
    "tour_step": "tourStepChanged",
    "labels_visible": "labelsVisibleChanged",
    "lecture_mode": "lectureModeChanged",
    "reading_level": "readingLevelChanged",
}


class AppState(QObject):
    """Qt signals and setters over a :class:`DisplayModel` (read its values here or on ``model``).

    Parameters
    ----------
    atlas, theme : str
        The first atlas and theme.
    model : DisplayModel, optional
        The model to adapt; a new one by default.
    """

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
    mechanismRivalChanged = Signal(bool)     # the diagram shows the rival model (where it has one)
    tourStepChanged = Signal(int)            # -1 when no tour is running
    labelsVisibleChanged = Signal(bool)      # region labels in the 3D scene
    lectureModeChanged = Signal(bool)        # projector-ready presentation on/off
    readingLevelChanged = Signal(str)        # "intro" or "advanced" (the panel's texts)

    def __init__(self, atlas: str = DEFAULT_ATLAS, theme: str = DEFAULT_THEME, parent=None,
                 model: DisplayModel | None = None):
        super().__init__(parent)
        self.model = model if model is not None else DisplayModel(atlas=atlas, theme=theme)
        events = self.model.events
        for name, signal in _FORWARDED.items():
            getattr(events, name).connect(self._forwarder(signal), max_args=1)
        events.hidden_regions.connect(self._forward_visibility)
        self.model.view_requested.connect(self._forwarder("viewRequested"), max_args=1)

    def _forwarder(self, signal_name: str):
        signal = getattr(self, signal_name)
        return lambda value: signal.emit(value)

    def _forward_visibility(self, hidden: frozenset, old: frozenset) -> None:
        for region_id in sorted(hidden ^ old):
            self.regionVisibilityChanged.emit(region_id, region_id not in hidden)

    # read access ----------------------------------------------------------
    selected_region = property(lambda self: self.model.selected_region)
    hovered_region = property(lambda self: self.model.hovered_region)
    atlas = property(lambda self: self.model.atlas)
    #: The atlas whose scene is on screen (None before the first one is).
    loaded_atlas = property(lambda self: self.model.loaded_atlas)
    theme = property(lambda self: self.model.theme)
    cortex_opacity = property(lambda self: self.model.cortex_opacity)
    hidden_regions = property(lambda self: self.model.hidden_regions)
    hemispheres = property(lambda self: self.model.hemispheres)
    cutaway = property(lambda self: self.model.cutaway)
    ui_scale = property(lambda self: self.model.ui_scale)
    mechanism_step = property(lambda self: self.model.mechanism_step)
    mechanism_rival = property(lambda self: self.model.mechanism_rival)
    tour_step = property(lambda self: self.model.tour_step)
    labels_visible = property(lambda self: self.model.labels_visible)
    lecture_mode = property(lambda self: self.model.lecture_mode)
    reading_level = property(lambda self: self.model.reading_level)

    def is_region_visible(self, region_id: str) -> bool:
        return self.model.is_region_visible(region_id)

    # changes (the rules are the model's) ------------------------------------
    def select_region(self, region_id: str | None) -> None:
        self.model.select_region(region_id)

    def clear_selection(self) -> None:
        self.model.select_region(None)

    def hover_region(self, region_id: str | None) -> None:
        self.model.hovered_region = region_id

    def set_atlas(self, atlas_id: str) -> None:
        self.model.atlas = atlas_id

    def set_loaded_atlas(self, atlas_id: str | None) -> None:
        self.model.loaded_atlas = atlas_id

    def set_theme(self, theme_id: str) -> None:
        self.model.theme = theme_id

    def set_cortex_opacity(self, opacity: float) -> None:
        self.model.set_cortex_opacity(opacity)

    def set_region_visible(self, region_id: str, visible: bool) -> None:
        self.model.set_region_visible(region_id, visible)

    def set_hemispheres(self, hemispheres) -> None:
        self.model.set_hemispheres(hemispheres)

    def set_cutaway(self, on: bool) -> None:
        self.model.set_cutaway(on)

    def request_view(self, view_name: str) -> None:
        """Show the hemispheres a named view needs and move the 3D view there (always emitted)."""
        self.model.show_view(get_view(view_name))

    def set_ui_scale(self, scale: float) -> None:
        self.model.set_ui_scale(scale)

    def set_mechanism_step(self, step_id: str | None) -> None:
        self.model.mechanism_step = step_id

    def set_mechanism_rival(self, on: bool) -> None:
        self.model.mechanism_rival = bool(on)

    def set_tour_step(self, index: int) -> None:
        self.model.tour_step = int(index)

    def set_labels_visible(self, on: bool) -> None:
        self.model.labels_visible = bool(on)

    def set_lecture_mode(self, on: bool) -> None:
        self.model.lecture_mode = bool(on)

    def set_reading_level(self, level: str) -> None:
        """Show the panel's texts at ``level`` ("intro" or "advanced"; anything else changes nothing)."""
        self.model.set_reading_level(level)
