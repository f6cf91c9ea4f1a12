"""The display model's rules, as pure functions.

Each rule is written once here and used by the window and by the
``--screenshot`` path alike (through :class:`~viewer.model.display_model.DisplayModel`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from atlases.meshes.meshing import HEMISPHERES

#: Selecting this region cuts the cortex away, unless the user chose the cutaway themselves:
#: it lies deep in the medial temporal lobe and cannot be seen from the surface.
CUTAWAY_REGION = "hippocampus"
#: The smallest and largest UI scale (text size).
MIN_UI_SCALE, MAX_UI_SCALE = 1.0, 3.0


class NamedView(Protocol):
    """What the rules need of a named view (:class:`viewer.scene.camera_views.ViewPreset`)."""

    @property
    def name(self) -> str: ...

    @property
    def hemispheres(self) -> tuple[str, ...]: ...


def view_hemispheres(view: NamedView | None) -> frozenset[str]:
    """The hemispheres a named view shows; both without a view.

    A medial view shows one hemisphere: the other one stands in front of it.

    Parameters
    ----------
    view : NamedView or None

    Returns
    -------
    frozenset of str
    """
    if view is None:
        return frozenset(HEMISPHERES)
    return chosen_hemispheres(view.hemispheres, frozenset(HEMISPHERES))


def chosen_hemispheres(requested: Iterable[str], current: frozenset[str]) -> frozenset[str]:
    """The hemispheres to show when ``requested`` are asked for: at least one always stays.

    Parameters
    ----------
    requested : iterable of str
        Names among ``"left"`` and ``"right"``; other names are ignored.
    current : frozenset of str
        What is shown now; kept when ``requested`` names no hemisphere.

    Returns
    -------
    frozenset of str
    """
    chosen = frozenset(requested) & frozenset(HEMISPHERES)
    return chosen or current


def cutaway_for(region_id: str | None, choice: bool | None) -> bool:
    """Whether the cortex is cut away: the user's choice, else only while the hippocampus is selected.

    The same rule for ``main.py --screenshot --region hippocampus`` (where
    ``--cutaway``/``--no-cutaway`` is the choice) and for a selection in the
    window (where ticking or unticking the cutaway box is the choice).

    Parameters
    ----------
    region_id : str or None
        The selected (emphasised) region.
    choice : bool or None
        The user's explicit choice; None when they made none.

    Returns
    -------
    bool
    """
    return region_id == CUTAWAY_REGION if choice is None else bool(choice)


def clamp_opacity(opacity: float) -> float:
    """A cortex opacity within 0..1, rounded to 3 decimals (so equal slider values compare equal)."""
    return round(min(max(float(opacity), 0.0), 1.0), 3)


def clamp_ui_scale(scale: float) -> float:
    """A UI scale within :data:`MIN_UI_SCALE`..:data:`MAX_UI_SCALE`, rounded to 2 decimals."""
    return round(min(max(float(scale), MIN_UI_SCALE), MAX_UI_SCALE), 2)


def region_visibility(hidden: frozenset[str], region_id: str, visible: bool) -> frozenset[str]:
    """The hidden regions after showing (``visible``) or hiding ``region_id``."""
    return hidden - {region_id} if visible else hidden | {region_id}


def fallback_atlas(failed: str, loaded: str | None, default: str) -> str | None:
    """The atlas to show after ``failed`` could not be loaded, or None when there is none to show.

    The atlas on screen stays (no reload); before any atlas is on screen, the
    default one is loaded, unless the default is the one that failed.

    Parameters
    ----------
    failed : str
        The atlas whose load failed.
    loaded : str or None
        The atlas whose scene is on screen.
    default : str
        The app's default atlas.

    Returns
    -------
    str or None
    """
    if loaded is not None:
        return loaded
    return default if failed != default else None
