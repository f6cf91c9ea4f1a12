"""Guided tours: a lecture as data (``assets/tours/*.toml``).

A tour file looks like::

    id = "ketamine"
    title = "How ketamine acts on the brain"
    description = "..."

    [[steps]]
    title = "Hippocampus: BDNF and memory"
    caption = "..."                      # at most MAX_CAPTION characters
    regions = ["hippocampus"]            # [] = the whole brain
    view = "lateral"                     # a named view ...
    # camera = {position = [x, y, z], focal_point = [x, y, z], view_up = [x, y, z]}   # ... or a pose
    cortex_opacity = 0.15                # 0..1
    cutaway = true
    mechanism_step = "bdnf_trkb"         # optional: a step id of the content's mechanism
    refs = ["autry2011"]                 # at least one reference id of the content
    notes = "..."                        # optional: speaker notes (caveats, numbers), at most MAX_NOTES characters

A caption is what the audience reads, so it stays short; the caveats a
lecturer should say aloud go in ``notes``, which the window's side panel
shows while the tour runs (plain text with the captions' ``**bold**`` and
``*italic*`` rule). Everything is checked against a :class:`~atlases.teaching.content.Content` on load.
The first problem raises :class:`~atlases.errors.ContentError` naming the
file, the step (number and title) and the field. Plain Python: the valid view
names are passed in, so this module never imports the viewer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from atlases.errors import ContentError
from atlases.files.toml_reader import Fields, read_toml
from atlases.teaching.content import Content

#: Longest caption (characters): about three lines on a projector.
MAX_CAPTION = 300
#: Longest speaker notes of a step (characters): a few paragraphs for the lecturer.
MAX_NOTES = 2000
#: Longest step title (characters).
MAX_STEP_TITLE = 80
#: The tour the lecture mode starts when none was chosen.
DEFAULT_TOUR = "ketamine"

#: Camera coordinates (MNI mm) beyond this are refused. The brain's centre is
#: near the origin and the named views put the camera 300-500 mm from it.
MAX_CAMERA_MM = 2000.0
#: Closest camera to its focal point (mm).
MIN_CAMERA_DISTANCE_MM = 1.0
#: Shortest up vector (it only gives a direction; shorter ones lose precision).
MIN_UP_LENGTH = 1e-3
#: Smallest sine of the angle between the up vector and the viewing direction (about 0.6 degrees).
MIN_UP_SINE = 0.01
#: Most steps in one tour (a lecture has a dozen or two).
MAX_STEPS = 200

_TOP_KEYS = {"id", "title", "description", "steps"}
_STEP_KEYS = {"title", "caption", "regions", "view", "camera", "cortex_opacity", "cutaway", "mechanism_step",
              "refs", "notes"}
_CAMERA_KEYS = ("position", "focal_point", "view_up")


@dataclass(frozen=True)
class CameraSpec:
    """An explicit camera pose (MNI millimetres)."""

    position: tuple[float, float, float]
    focal_point: tuple[float, float, float]
    view_up: tuple[float, float, float]


@dataclass(frozen=True)
class TourStep:
    """One step of a tour: what the scene shows and what the caption says.

    Exactly one of ``view`` and ``camera`` is set. ``notes`` are the
    speaker notes ("" when the step has none).
    """

    title: str
    caption: str
    regions: tuple[str, ...]
    view: str | None
    camera: CameraSpec | None
    cortex_opacity: float
    cutaway: bool
    mechanism_step: str | None
    refs: tuple[str, ...]
    notes: str = ""

    @property
    def focus_region(self) -> str | None:
        """The region to select (the first listed), or None for the whole brain."""
        return self.regions[0] if self.regions else None


@dataclass(frozen=True)
class Tour:
    """A validated tour."""

    id: str
    title: str
    description: str
    steps: tuple[TourStep, ...]
    source: Path

    def __len__(self) -> int:
        return len(self.steps)


def load_tour(path: str | Path, content: Content, valid_views: Iterable[str]) -> Tour:
    """Read and validate one tour file.

    Parameters
    ----------
    path : str or Path
        The TOML file.
    content : Content
        Region, mechanism-step and reference ids are checked against it.
    valid_views : iterable of str
        The named views a step may use (``viewer.scene.camera_views.VIEWS``).

    Returns
    -------
    Tour

    Raises
    ------
    ContentError
        Naming the file, the step (number and title) and the field.
    """
    path = Path(path)
    views = sorted(valid_views)
    f = Fields(read_toml(path), path)
    f.unknown_keys(_TOP_KEYS)
    tour_id = f.str("id", max_len=64)
    title = f.str("title", max_len=200)
    description = f.str("description", max_len=2000)
    step_tables = f.tables("steps", max_items=MAX_STEPS)
    steps = []
    for i, s in enumerate(step_tables):
        try:
            steps.append(_load_step(s, content, views))
        except ContentError as exc:
            raise ContentError(f"{step_label(s.data, i, len(step_tables))}: {exc.message}", exc.path,
                               exc.field) from None
    return Tour(tour_id, title, description, tuple(steps), path)


def step_label(data, index: int, total: int) -> str:
    """``'step 3 of 9 ("Title")'``, used in error messages."""
    title = data.get("title") if isinstance(data, dict) else None
    named = f' ("{title.strip()[:MAX_STEP_TITLE]}")' if isinstance(title, str) and title.strip() else ""
    return f"step {index + 1} of {total}{named}"


def _load_step(s: Fields, content: Content, views: list[str]) -> TourStep:
    s.unknown_keys(_STEP_KEYS)
    title = s.str("title", max_len=MAX_STEP_TITLE)
    caption = s.str("caption", max_len=MAX_CAPTION)
    regions = s.choice_list("regions", sorted(content.regions), "region", allow_empty=True)
    if len(set(regions)) != len(regions):
        raise s.error("regions", "a region is listed twice")
    has_view, has_camera = "view" in s.data, "camera" in s.data
    if has_view == has_camera:
        raise s.error("view", "give either 'view' (a named view) or 'camera' (a pose), not "
                      + ("both" if has_view else "neither"))
    view = camera = None
    if has_view:
        view = s.choice("view", views, "view")
    else:
        camera = _load_camera(s.table("camera"))
    mechanism_step = s.choice("mechanism_step", [m.id for m in content.mechanism.steps], "mechanism step",
                              required=False)
    refs = s.choice_list("refs", content.references, "reference",
                         hint="define it in the content's references.toml")
    return TourStep(title=title, caption=caption, regions=tuple(regions), view=view, camera=camera,
                    cortex_opacity=s.number("cortex_opacity", lo=0.0, hi=1.0), cutaway=s.bool("cutaway"),
                    mechanism_step=mechanism_step, refs=tuple(refs),
                    notes=s.str("notes", default="", required=False, max_len=MAX_NOTES).strip())


def _load_camera(c: Fields) -> CameraSpec:
    c.unknown_keys(_CAMERA_KEYS)
    vectors: dict[str, tuple[float, float, float]] = {}
    for key in _CAMERA_KEYS:
        value = c.data.get(key)
        if key not in c.data:
            raise c.error(key, "required field is missing")
        if (not isinstance(value, list) or len(value) != 3
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
            raise c.error(key, "expected a list of three numbers [x, y, z] (mm)")
        if not all(math.isfinite(v) and abs(v) <= MAX_CAMERA_MM for v in value):
            raise c.error(key, f"each coordinate must be between -{MAX_CAMERA_MM} and {MAX_CAMERA_MM} mm "
                               f"(the brain is about 200 mm across), got {_vector_text(value)}")
        x, y, z = (float(v) for v in value)
        vectors[key] = (x, y, z)
    direction = [p - f for p, f in zip(vectors["position"], vectors["focal_point"], strict=True)]
    distance = math.hypot(*direction)
    if distance < MIN_CAMERA_DISTANCE_MM:
        raise c.error("position", f"the camera must be at least {MIN_CAMERA_DISTANCE_MM} mm from the focal point, "
                                  f"got {distance:.3g} mm")
    up = vectors["view_up"]
    up_length = math.hypot(*up)
    if up_length < MIN_UP_LENGTH:
        raise c.error("view_up", f"the up vector must not be zero (its length must be at least {MIN_UP_LENGTH})")
    # sine of the angle between the up vector and the viewing direction (both scaled to length 1)
    d, u = [v / distance for v in direction], [v / up_length for v in up]
    sine = math.hypot(d[1] * u[2] - d[2] * u[1], d[2] * u[0] - d[0] * u[2], d[0] * u[1] - d[1] * u[0])
    if sine < MIN_UP_SINE:
        raise c.error("view_up", "the up vector must not point along the viewing direction")
    return CameraSpec(**vectors)


def _vector_text(value) -> str:
    return "[" + ", ".join(f"{v:.6g}" for v in value) + "]"


def load_tours(paths: Iterable[str | Path], content: Content, valid_views: Iterable[str]) -> dict[str, Tour]:
    """Load several tour files, by id.

    Raises
    ------
    ContentError
        For the first invalid file, or two files with the same tour id.
    """
    views = list(valid_views)
    tours: dict[str, Tour] = {}
    for path in paths:
        tour = load_tour(path, content, views)
        if tour.id in tours:
            raise ContentError(f"duplicate tour id {tour.id!r} (also in {tours[tour.id].source.name})", path, "id")
        tours[tour.id] = tour
    return tours


def builtin_tours(content: Content, valid_views: Iterable[str], language: str = "en") -> dict[str, Tour]:
    """Load every built-in tour in ``language`` (``assets/tours`` in English), by id (see :func:`load_tours`)."""
    from atlases.resources import language_asset_dir

    return load_tours(sorted(language_asset_dir("tours", language).glob("*.toml")), content, valid_views)
