"""What an export shows: a plain, checked snapshot of the window's scene.

An export renders later, off screen, often in another process (:mod:`viewer.exports`), so it cannot
read the live window. :class:`SceneSnapshot` holds what it needs: the atlas, the theme, the display
options, the camera and the content's language and reading level. It goes to the export child as
JSON; :meth:`SceneSnapshot.from_dict` checks every field as untrusted input and bounds every number.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np

from atlases.errors import ExplorerError
from atlases.meshes.meshing import HEMISPHERES
from atlases.sources.registry import DEFAULT_ATLAS
from atlases.teaching.content import DEFAULT_READING_LEVEL, READING_LEVELS
from viewer.model.display_model import DEFAULT_CORTEX_OPACITY, DisplayModel
from viewer.scene.camera_views import DEFAULT_VIEW, CameraPose
from viewer.scene.themes import DEFAULT_THEME

#: A camera coordinate further than this from the origin (mm) is refused (the brain spans ~200 mm).
MAX_CAMERA_MM = 2000.0
#: The vertical view angle of an export's camera, degrees.
VIEW_ANGLE_RANGE = (1.0, 120.0)
#: Longest id, name or path string a snapshot takes.
MAX_TEXT = 4096
#: Most regions a snapshot can list as hidden.
MAX_REGIONS = 500


class SnapshotError(ExplorerError):
    """A snapshot (or its JSON) that cannot be used, naming the field."""


@dataclass(frozen=True)
class SceneSnapshot:
    """The scene an export shows, as it was when the export was asked for.

    Attributes
    ----------
    atlas : str
        Atlas id; ``data_dir`` is where downloadable atlases are (None: the default folder).
    theme : str
    selected_region : str or None
    hidden_regions, hemispheres : tuple of str
    cutaway : bool
    cortex_opacity : float
    camera : CameraPose or None
        The window's camera; None shows the named ``view`` fitted to the image's aspect.
    view : str
        A named view (:data:`viewer.scene.camera_views.VIEWS`).
    view_angle : float
        Vertical view angle in degrees of ``camera``.
    labels : bool
        The window shows region labels.
    mechanism_step : str or None
    mechanism_rival : bool
    reading_level, language : str
    content_dir : str or None
        The content pack shown (a folder or a .zip); None for the built-in content.
    """

    atlas: str = DEFAULT_ATLAS
    data_dir: str | None = None
    theme: str = DEFAULT_THEME
    selected_region: str | None = None
    hidden_regions: tuple[str, ...] = ()
    hemispheres: tuple[str, ...] = tuple(HEMISPHERES)
    cutaway: bool = False
    cortex_opacity: float = DEFAULT_CORTEX_OPACITY
    camera: CameraPose | None = field(default=None, compare=False)
    view: str = DEFAULT_VIEW
    view_angle: float = 30.0
    labels: bool = False
    mechanism_step: str | None = None
    mechanism_rival: bool = False
    reading_level: str = DEFAULT_READING_LEVEL
    language: str = "en"
    content_dir: str | None = None

    @classmethod
    def from_display(cls, display: DisplayModel, camera: CameraPose | None = None, view_angle: float = 30.0,
                     **more) -> SceneSnapshot:
        """The snapshot of a display model (the window's state) and a camera; ``more`` sets other fields."""
        return cls(atlas=display.loaded_atlas or display.atlas, theme=display.theme,
                   selected_region=display.selected_region, hidden_regions=tuple(sorted(display.hidden_regions)),
                   hemispheres=tuple(h for h in HEMISPHERES if h in display.hemispheres), cutaway=display.cutaway,
                   cortex_opacity=display.cortex_opacity, camera=camera, view_angle=view_angle,
                   labels=display.labels_visible, mechanism_step=display.mechanism_step,
                   mechanism_rival=display.mechanism_rival, reading_level=display.reading_level, **more)

    def display_model(self) -> DisplayModel:
        """A display model showing this snapshot (for a :class:`~viewer.scene.scene_controller.SceneController`)."""
        display = DisplayModel(theme=self.theme, atlas=self.atlas, loaded_atlas=self.atlas,
                               cortex_opacity=self.cortex_opacity, cutaway_choice=self.cutaway)
        display.select_region(self.selected_region)
        display.hidden_regions = frozenset(self.hidden_regions)
        display.hemispheres = frozenset(self.hemispheres)
        display.labels_visible = self.labels
        display.mechanism_step = self.mechanism_step
        display.mechanism_rival = self.mechanism_rival
        display.set_reading_level(self.reading_level)
        return display

    def load_pack(self):
        """The content pack this snapshot shows (``content_dir``, else the built-in content), in its language.

        Raises :class:`~atlases.errors.ContentError` for a pack that cannot be used.
        """
        from atlases.teaching.content_pack import load_builtin_pack, load_pack
        from viewer.scene.camera_views import VIEWS

        if self.content_dir is not None:
            return load_pack(self.content_dir, self.language, VIEWS)
        return load_builtin_pack(self.language, VIEWS)

    def with_changes(self, **changes) -> SceneSnapshot:
        """A copy with some fields changed (a movie frame's camera, a handout page's region)."""
        return replace(self, **changes)

    # JSON -----------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able values (the camera as three lists of three floats)."""
        out = asdict(self)
        out["camera"] = None if self.camera is None else {
            "position": [float(v) for v in self.camera.position],
            "focal_point": [float(v) for v in self.camera.focal_point],
            "view_up": [float(v) for v in self.camera.view_up]}
        out["hidden_regions"], out["hemispheres"] = list(self.hidden_regions), list(self.hemispheres)
        return out

    @classmethod
    def from_dict(cls, data: Any) -> SceneSnapshot:
        """Check and read what :meth:`to_dict` wrote; anything else raises :class:`SnapshotError`.

        Names are checked for type and length only: the atlas, theme and regions are checked where
        they are used (an unknown one raises :class:`~atlases.errors.UnknownNameError` there).
        """
        if not isinstance(data, dict):
            raise SnapshotError("the scene snapshot must be a table")
        unknown = sorted(set(data) - set(cls.__dataclass_fields__))
        if unknown:
            raise SnapshotError(f"the scene snapshot has unknown fields: {', '.join(map(str, unknown[:5]))}")
        values: dict[str, Any] = {}
        for name in ("atlas", "theme", "view", "reading_level", "language"):
            if name in data:
                values[name] = _text(data[name], name)
        for name in ("data_dir", "selected_region", "mechanism_step", "content_dir"):
            if name in data:
                values[name] = None if data[name] is None else _text(data[name], name)
        for name in ("cutaway", "labels", "mechanism_rival"):
            if name in data:
                if not isinstance(data[name], bool):
                    raise SnapshotError(f"{name} must be true or false")
                values[name] = data[name]
        if "hidden_regions" in data:
            values["hidden_regions"] = _names(data["hidden_regions"], "hidden_regions")
        if "hemispheres" in data:
            hemispheres = _names(data["hemispheres"], "hemispheres")
            if not hemispheres or not set(hemispheres) <= set(HEMISPHERES):
                raise SnapshotError(f"hemispheres must be some of {', '.join(HEMISPHERES)}")
            values["hemispheres"] = hemispheres
        if "cortex_opacity" in data:
            values["cortex_opacity"] = _number(data["cortex_opacity"], "cortex_opacity", 0.0, 1.0)
        if "view_angle" in data:
            values["view_angle"] = _number(data["view_angle"], "view_angle", *VIEW_ANGLE_RANGE)
        if data.get("camera") is not None:
            values["camera"] = _camera(data["camera"])
        if values.get("reading_level", DEFAULT_READING_LEVEL) not in READING_LEVELS:
            raise SnapshotError(f"reading_level must be one of {', '.join(READING_LEVELS)}")
        return cls(**values)


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value or len(value) > MAX_TEXT or "\x00" in value:
        raise SnapshotError(f"{name} must be a non-empty string of at most {MAX_TEXT} characters")
    return value


def _names(value: Any, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > MAX_REGIONS:
        raise SnapshotError(f"{name} must be a list of at most {MAX_REGIONS} names")
    return tuple(_text(v, name) for v in value)


def _number(value: Any, name: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not low <= value <= high:
        raise SnapshotError(f"{name} must be a number from {low:g} to {high:g}")
    return float(value)


def _camera(value: Any) -> CameraPose:
    if not isinstance(value, dict) or set(value) != {"position", "focal_point", "view_up"}:
        raise SnapshotError("camera must have position, focal_point and view_up")
    vectors = {}
    for key, vector in value.items():
        if not isinstance(vector, list) or len(vector) != 3:
            raise SnapshotError(f"camera.{key} must be three numbers")
        vectors[key] = np.array([_number(v, f"camera.{key}", -MAX_CAMERA_MM, MAX_CAMERA_MM) for v in vector])
    if np.linalg.norm(vectors["view_up"]) < 1e-6 or np.linalg.norm(vectors["position"] - vectors["focal_point"]) < 1e-3:
        raise SnapshotError("camera must look somewhere: a view-up vector and a position apart from the focal point")
    return CameraPose(vectors["position"], vectors["focal_point"], vectors["view_up"])
