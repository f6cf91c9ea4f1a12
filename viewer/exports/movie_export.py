"""Export a movie: a 360° turn of the scene, or a guided tour with its flights and captions.

One :class:`~viewer.scene.offscreen_render.OffscreenRenderer` renders every frame of the timeline
(:mod:`viewer.scene.movie_timeline`) and a :class:`~viewer.scene.movie_output.MovieWriter` encodes
them. Everything is checked before the atlas is loaded (the path, the format, the size, the frame
rate and the frame count). A cancel or an error leaves no file (an existing one stays as it was).

Overlays (region labels, a tour's captions) are painted on the rendered pixels by a ``compose``
hook: by default :func:`overlay_compose`, the image export's painter, when the options ask for them;
otherwise a frame is the bare render.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from atlases.errors import ExplorerError, UnknownNameError
from atlases.teaching.tours import DEFAULT_TOUR, Tour
from viewer.scene.camera_views import CameraPose
from viewer.scene.export_spec import SceneSnapshot
from viewer.scene.movie_output import MovieOptionError, MovieWriter, check_movie
from viewer.scene.movie_timeline import (
    AXES,
    DEFAULT_AXIS,
    DEFAULT_TURN_S,
    Caption,
    MovieFrame,
    brain_centre,
    fit_turn,
    tour_frame_count,
    tour_frames,
    turn_frames,
)
from viewer.scene.tour_poses import step_pose

#: A turn's named view fills this much of the image at its widest angle (as a screenshot's view).
TURN_FILL = 1.0 / 1.06
#: Every ``POINT_STRIDE``-th cortex point is kept in frame during a turn.
POINT_STRIDE = 4

#: ``compose(renderer, frame) -> (h, w, 3) uint8``: a frame's pixels, overlays included.
Compose = Callable[..., np.ndarray]


class ExportCancelled(ExplorerError):
    """The user cancelled the export; no file was written."""


@dataclass(frozen=True)
class MovieOptions:
    """What a movie is made of.

    Attributes
    ----------
    size : (int, int)
        Width and height in pixels (even for MP4; at most 1280 a side for GIF).
    fps : int
        Frames per second.
    frames : int or None
        A turn's frame count; None: ``fps`` x :data:`~viewer.scene.movie_timeline.DEFAULT_TURN_S`.
        A tour's count follows from the tour and ``fps`` (:func:`frame_count`).
    axis : str
        A turn's axis: ``"z"`` (vertical), ``"y"`` or ``"x"``.
    tour : bool
        The guided tour instead of a turn.
    labels, captions : bool
        Draw region labels and (for a tour) the captions; for the ``compose`` hook.
    """

    size: tuple[int, int] = (1920, 1080)
    fps: int = 24
    frames: int | None = None
    axis: str = DEFAULT_AXIS
    tour: bool = False
    labels: bool = False
    captions: bool = True

    def with_changes(self, **changes) -> MovieOptions:
        """A copy with some fields changed."""
        return replace(self, **changes)


def frame_count(options: MovieOptions, tour: Tour | None = None) -> int:
    """The exact number of frames the movie will have (the command line prints it).

    Parameters
    ----------
    options : MovieOptions
    tour : Tour, optional
        Needed when ``options.tour``.
    """
    if options.tour:
        if tour is None:
            raise ValueError("a tour movie's frame count needs the tour")
        return tour_frame_count(tour, options.fps)
    return options.frames if options.frames is not None else options.fps * DEFAULT_TURN_S


def overlay_compose(options: MovieOptions, content) -> Compose:
    """A ``compose`` hook painting the overlays ``options`` ask for with the image export's painter.

    Region labels when ``options.labels``; a tour frame's caption (its step's title and text, drawn
    as plain text) when ``options.captions``. The frame's camera was framed for the whole image: it
    is widened to the brain's part of it (``view_aspect``), as an exported image of the window's view.

    Parameters
    ----------
    options : MovieOptions
    content : Content
        Region names for the labels.
    """
    from viewer.exports.image_export import ImageOptions, compose, without_emphasis

    aspect = options.size[0] / options.size[1]
    captions: dict[Caption, str] = {}

    def draw(renderer, frame: MovieFrame) -> np.ndarray:
        caption = None
        if options.captions and frame.caption is not None:
            if frame.caption not in captions:
                captions[frame.caption] = f"{without_emphasis(frame.caption.title)}\n" \
                                          f"{without_emphasis(frame.caption.text)}"
            caption = captions[frame.caption]
        image = ImageOptions(size=options.size, labels=options.labels, caption=caption, view_aspect=aspect)
        return compose(renderer, image, content)
    return draw


def find_tour(snapshot: SceneSnapshot, tour_id: str | None = None, pack=None) -> Tour:
    """A tour of the content the snapshot shows (its pack or the built-in content, in its language).

    Parameters
    ----------
    snapshot : SceneSnapshot
    tour_id : str, optional
        Default: :data:`~atlases.teaching.tours.DEFAULT_TOUR`.
    pack : ContentPack, optional
        The content already loaded (the window's); loaded from the snapshot otherwise.

    Raises
    ------
    UnknownNameError
        No tour of that id (the message lists the tours there are).
    ContentError
        The pack cannot be loaded.
    """
    if pack is None:
        pack = snapshot.load_pack()
    tours = pack.all_tours()
    name = tour_id or DEFAULT_TOUR
    if name not in tours:
        raise UnknownNameError("tour", name, tours)
    return tours[name]


def export_movie(snapshot: SceneSnapshot, path: str | os.PathLike, options: MovieOptions, content=None,
                 tour: Tour | None = None, model=None, progress: Callable[[int, int], object] | None = None,
                 cancelled: Callable[[], bool] | None = None, compose: Compose | None = None) -> tuple[Path, int]:
    """Render and write a movie of ``snapshot``.

    Parameters
    ----------
    snapshot : SceneSnapshot
        The scene; a turn starts from its camera (or from its named view, framed so that the brain
        stays in the image all the way round), a tour sets each step's state and camera.
    path : str or path-like
        ``.mp4`` or ``.gif``.
    options : MovieOptions
    content : ContentPack, optional
        Where the tour is found when ``tour`` is not given, and the labels' names (loaded from the
        snapshot when needed: :meth:`SceneSnapshot.load_pack`).
    tour : Tour, optional
        The tour of a tour movie; default: :func:`find_tour`.
    model : BrainModel, optional
        The meshes (loaded from the snapshot's atlas otherwise).
    progress : callable, optional
        ``progress(done, total)`` after each frame.
    cancelled : callable, optional
        Asked before each frame; True stops the export.
    compose : callable, optional
        ``compose(renderer, frame)`` gives a frame's pixels; default: :func:`overlay_compose` when
        ``options`` ask for labels or a tour's captions, else the bare render.

    Returns
    -------
    (Path, int)
        The absolute path written and its number of frames.

    Raises
    ------
    UnsupportedFormatError
        An unsupported extension, or (:class:`~viewer.scene.movie_output.MovieOptionError`) a size,
        frame rate, frame count or axis the movie cannot have: before anything is loaded.
    ExportCancelled
        ``cancelled()`` said so; no file was written, an existing one is unchanged.
    OutputError
        The file cannot be written (a bad path, a full disk); no partial file is left.
    """
    if options.axis not in AXES:
        raise MovieOptionError(f"a turn goes about one of the axes {', '.join(AXES)}, not {options.axis!r}")
    check_movie(path, options.size, options.fps, 1)   # the path, format, size and rate, before the tour loads
    overlays = compose is None and (options.labels or (options.tour and options.captions))
    if content is None and ((options.tour and tour is None) or overlays):
        content = snapshot.load_pack()
    if options.tour and tour is None:
        tour = find_tour(snapshot, pack=content)
    total = frame_count(options, tour)
    target, _kind, size = check_movie(path, options.size, options.fps, total)
    snapshot = snapshot.with_changes(labels=options.labels)

    from viewer.scene.offscreen_render import OffscreenRenderer

    with OffscreenRenderer(snapshot, model) as renderer:
        renderer.plotter.renderer.GetActiveCamera().SetViewAngle(snapshot.view_angle)
        frames = _timeline(renderer, snapshot, options, tour, size, total)
        for region in {f.state.selected_region for f in frames if f.state is not None} - {None}:
            renderer.model.atlas.region(region)   # a tour's region this atlas lacks fails before any file
        if compose is None:
            compose = overlay_compose(options, content.content) if overlays else (lambda r, f: r.render(size))
        draw = compose
        with MovieWriter(target, size, options.fps, total) as writer:
            for frame in frames:
                if cancelled is not None and cancelled():
                    raise ExportCancelled("the movie export was cancelled; no file was written", target)
                renderer.show(snapshot.with_changes(**frame.snapshot_changes()))
                writer.add(draw(renderer, frame))
                if progress is not None:
                    progress(frame.index + 1, total)
            written = writer.finish()
    return written, total


def _timeline(renderer, snapshot: SceneSnapshot, options: MovieOptions, tour: Tour | None,
              size: tuple[int, int], total: int) -> list[MovieFrame]:
    """The frames of the movie, each with its camera (and a tour step's state and caption)."""
    aspect = size[0] / size[1]
    if options.tour:
        assert tour is not None
        frames = tour_frames(tour, options.fps, lambda step: step_pose(step, renderer.scene.camera_for_view, aspect))
    else:
        points = _shown_points(renderer.model, snapshot)
        centre = brain_centre(_shown_points(renderer.model, snapshot, regions=False))   # a named view's focus
        start: CameraPose = renderer.camera_for(size)
        if snapshot.camera is None:   # a named view: framed for the whole turn
            start = fit_turn(start, options.axis, centre, points[::POINT_STRIDE], snapshot.view_angle, aspect,
                             TURN_FILL)
        frames = turn_frames(total, options.axis, start, centre)
    if len(frames) != total:   # the timeline and the count are one rule; a mismatch is a bug
        raise AssertionError(f"the timeline has {len(frames)} frames, not {total}")
    return frames


def _shown_points(model, snapshot: SceneSnapshot, regions: bool = True) -> np.ndarray:
    """The cortex (and region) points of the hemispheres the snapshot shows (both when it shows none).

    The regions count for the framing: an atlas region can reach a little beyond the cortex's surface.
    """
    hemispheres = [h for h in snapshot.hemispheres if h in model.cortex] or list(model.cortex)
    meshes = [model.cortex[h] for h in hemispheres]
    if regions:
        meshes += [sides[h] for name, sides in model.regions.items() if name not in snapshot.hidden_regions
                   for h in hemispheres if h in sides]
    return np.concatenate([np.asarray(mesh.points) for mesh in meshes])
