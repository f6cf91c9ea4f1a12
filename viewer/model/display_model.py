"""The display model: one plain, evented record of what the app shows.

:class:`DisplayModel` is a dataclass made evented by psygnal's
``SignalGroupDescriptor`` (as pyapp-kit/ndv and napari do): every field has a
signal in ``model.events`` that emits
``(new, old)`` when the field changes, and assigning a value equal to the
current one emits nothing, so a listener that writes back what it just
received cannot start a loop. Fields that a rule ties to others change
through the methods below (the rules are :mod:`viewer.model.display_rules`);
the others can be assigned.

There is no Qt here: the window reaches the model through the Qt adapter
:class:`viewer.window.app_state.AppState`, and only from the GUI thread
(psygnal calls the listeners in the thread that changes the model).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from psygnal import Signal, SignalGroupDescriptor

from atlases.meshes.meshing import HEMISPHERES
from atlases.sources.registry import DEFAULT_ATLAS
from atlases.teaching.content import DEFAULT_READING_LEVEL, READING_LEVELS
from viewer.model.display_rules import (
    NamedView,
    chosen_hemispheres,
    clamp_opacity,
    clamp_ui_scale,
    cutaway_for,
    region_visibility,
    view_hemispheres,
)

#: Cortex opacity before the settings or a theme say otherwise.
DEFAULT_CORTEX_OPACITY = 0.2


@dataclass
class DisplayModel:
    """Selection, atlas, theme, display options, tour step and modes of the app.

    Attributes
    ----------
    theme : str
        A theme id (:data:`viewer.scene.themes.DEFAULT_THEME` in the app); the only field without a default,
        since the theme names belong to the scene layer.
    selected_region, hovered_region : str or None
    atlas : str
        The atlas asked for (its load may still be running or have failed).
    loaded_atlas : str or None
        The atlas whose scene is on screen (None before the first one is).
    cortex_opacity : float
        0..1 (see :meth:`set_cortex_opacity`).
    hidden_regions : frozenset of str
    hemispheres : frozenset of str
        Never empty (see :meth:`set_hemispheres`).
    cutaway : bool
        The cortex is cut away below the hippocampus's top.
    cutaway_choice : bool or None
        What the user chose for the cutaway; None until they choose (see :meth:`select_region`).
    ui_scale : float
    mechanism_step : str or None
    mechanism_rival : bool
        Show the rival model of the mechanism step, where the diagram has one.
    tour_step : int
        -1 when no tour runs.
    labels_visible, lecture_mode : bool
    reading_level : str
        One of :data:`~atlases.teaching.content.READING_LEVELS` (see :meth:`set_reading_level`).
    """

    theme: str
    selected_region: str | None = None
    hovered_region: str | None = None
    atlas: str = DEFAULT_ATLAS
    loaded_atlas: str | None = None
    cortex_opacity: float = DEFAULT_CORTEX_OPACITY
    hidden_regions: frozenset[str] = frozenset()
    hemispheres: frozenset[str] = field(default_factory=lambda: frozenset(HEMISPHERES))
    cutaway: bool = False
    cutaway_choice: bool | None = None
    ui_scale: float = 1.0
    mechanism_step: str | None = None
    mechanism_rival: bool = False
    tour_step: int = -1
    labels_visible: bool = False
    lecture_mode: bool = False
    reading_level: str = DEFAULT_READING_LEVEL

    #: One signal per field, emitting ``(new, old)`` on a change (psygnal; what ``@evented`` adds, spelled
    #: out so type checkers see it).
    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()
    #: A named view was asked for (its name): the camera moves there. Always emitted; not a field.
    view_requested = Signal(str)

    def is_region_visible(self, region_id: str) -> bool:
        return region_id not in self.hidden_regions

    def select_region(self, region_id: str | None) -> None:
        """Select a region (None clears the selection).

        Until the user chooses the cutaway, it follows the selection
        (:func:`~viewer.model.display_rules.cutaway_for`): on while the
        hippocampus is selected, off again when another region or none is.
        """
        self.selected_region = region_id
        self.cutaway = cutaway_for(region_id, self.cutaway_choice)

    def set_cutaway(self, on: bool) -> None:
        """Cut the cortex away or not, as the user's (or a tour step's) choice: selections no longer change it."""
        self.cutaway_choice = bool(on)
        self.cutaway = bool(on)

    def set_reading_level(self, level: str) -> None:
        """Show the texts at ``level``; a level that is not one of ``READING_LEVELS`` changes nothing."""
        if level in READING_LEVELS:
            self.reading_level = level

    def set_cortex_opacity(self, opacity: float) -> None:
        self.cortex_opacity = clamp_opacity(opacity)

    def set_ui_scale(self, scale: float) -> None:
        self.ui_scale = clamp_ui_scale(scale)

    def set_region_visible(self, region_id: str, visible: bool) -> None:
        self.hidden_regions = region_visibility(self.hidden_regions, region_id, bool(visible))

    def set_hemispheres(self, hemispheres: Iterable[str]) -> None:
        """Show these hemispheres; a request for none of them changes nothing."""
        self.hemispheres = chosen_hemispheres(hemispheres, self.hemispheres)

    def show_view(self, view: NamedView) -> None:
        """Show the hemispheres a named view needs, then ask for its camera (``view_requested``)."""
        self.hemispheres = view_hemispheres(view)
        self.view_requested.emit(view.name)
