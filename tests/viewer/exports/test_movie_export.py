"""export_movie: real off-screen renders of turns and of the built-in tour, written as MP4 and GIF.

Sizes and frame rates are tiny (every frame renders with SSAA on a software renderer).
"""

from __future__ import annotations

import imageio_ffmpeg
import numpy as np
import pytest
from PIL import Image

from viewer.exports.movie_export import ExportCancelled, MovieOptions, export_movie, find_tour, frame_count
from viewer.scene.export_spec import SceneSnapshot
from viewer.scene.image_output import BLANK_TOLERANCE, OutputError, UnsupportedFormatError
from viewer.scene.movie_output import MovieOptionError
from viewer.scene.movie_timeline import DEFAULT_TURN_S, tour_frame_count

from helpers_output import listing

SNAPSHOT = SceneSnapshot()


@pytest.fixture(scope="module")
def model():
    from atlases.meshes.brain_model import load_brain_model

    return load_brain_model(SNAPSHOT.atlas)


@pytest.fixture(scope="module")
def tour():
    return find_tour(SNAPSHOT)


def _decoded(path) -> list[np.ndarray]:
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    width, height = meta["size"]
    frames = [np.frombuffer(raw, np.uint8).reshape(height, width, 3) for raw in reader]
    reader.close()
    return frames


def _edge_is_background(image: np.ndarray) -> bool:
    """No drawn pixel on the image's border: each border row is one colour, each border column the background."""
    a = image.astype(int)
    rows = all((np.abs(a[r] - a[r, 0]) <= BLANK_TOLERANCE).all() for r in (0, -1))
    columns = all((np.abs(a[:, c] - a[:, 0 if c == 0 else -1]) <= BLANK_TOLERANCE).all() and
                  (np.abs(a[:, c] - a[:, c - 1 if c else 1]) <= BLANK_TOLERANCE).all() for c in (0, -1))
    return rows and columns


def test_a_turn_movie_has_the_frames_asked_reports_progress_and_the_brain_turns(tmp_path, model):
    done = []
    out = tmp_path / "turn.mp4"
    path, count = export_movie(SNAPSHOT, out, MovieOptions(size=(96, 72), fps=6, frames=8), model=model,
                               progress=lambda d, t: done.append((d, t)))
    assert (path, count) == (out, 8)
    assert done == [(k, 8) for k in range(1, 9)]
    frames = _decoded(out)
    assert len(frames) == 8 == imageio_ffmpeg.count_frames_and_secs(str(out))[0]
    # a lateral view and the view from behind (a quarter turn later) differ; the turn comes back round
    assert np.abs(frames[0].astype(int) - frames[2].astype(int)).mean() > 5
    assert np.abs(frames[0].astype(int) - frames[4].astype(int)).mean() > 5
    assert listing(tmp_path) == ["turn.mp4"]


def test_a_turns_default_length_is_twelve_seconds():
    assert frame_count(MovieOptions(fps=24)) == 24 * DEFAULT_TURN_S == 288
    assert frame_count(MovieOptions(fps=24, frames=5)) == 5


@pytest.mark.parametrize("axis", ["z", "y", "x"])
def test_a_turn_from_a_named_view_keeps_the_brain_in_the_image_all_the_way_round(tmp_path, model, axis):
    shown = []

    def compose(renderer, frame):
        shown.append(renderer.render((96, 54)))
        return shown[-1]
    export_movie(SNAPSHOT, tmp_path / "turn.gif", MovieOptions(size=(96, 54), fps=8, frames=8, axis=axis),
                 model=model, compose=compose)
    assert len(shown) == 8
    assert all(_edge_is_background(image) for image in shown)
    assert all(np.abs(image.astype(int) - image[:, :1].astype(int)).max() > 40 for image in shown)  # not blank


def test_the_tour_movie_of_the_built_in_tour_has_the_predicted_count_and_each_steps_state(tmp_path, model, tour):
    seen = []

    def compose(renderer, frame):
        seen.append((frame.step, frame.caption.title, renderer.snapshot.selected_region,
                     renderer.snapshot.cortex_opacity, renderer.snapshot.hemispheres))
        image = renderer.render((64, 48)).copy()
        image[:6, :6] = (255, 0, 0) if frame.step % 2 else (0, 0, 255)   # the hook's pixels reach the file
        return image
    out = tmp_path / "tour.gif"
    path, count = export_movie(SNAPSHOT, out, MovieOptions(size=(64, 48), fps=1, tour=True), model=model,
                               tour=tour, compose=compose)
    expected = tour_frame_count(tour, 1)
    assert count == expected == len(seen) > 2 * len(tour)
    with Image.open(path) as gif:
        assert gif.n_frames == expected
        gif.seek(expected - 1)
        last = np.asarray(gif.convert("RGB"))
    marker = (255, 0, 0) if (len(tour) - 1) % 2 else (0, 0, 255)
    assert np.abs(last[2, 2].astype(int) - marker).max() <= 8
    by_step = {s: (title, region, opacity, hemispheres) for s, title, region, opacity, hemispheres in seen}
    assert sorted(by_step) == list(range(len(tour)))
    for index, step in enumerate(tour.steps):
        title, region, opacity, _ = by_step[index]
        assert (title, region, opacity) == (step.title, step.focus_region, step.cortex_opacity)


def test_a_tour_movie_without_a_tour_given_shows_the_default_tour(tmp_path, model, tour, monkeypatch):
    import viewer.exports.movie_export as movie_export

    monkeypatch.setattr(movie_export, "MovieWriter", _Refuse)   # stops after the count: no rendering needed
    with pytest.raises(_Stop) as info:
        export_movie(SNAPSHOT, tmp_path / "tour.mp4", MovieOptions(size=(64, 48), fps=2, tour=True), model=model)
    assert info.value.args[0] == tour_frame_count(tour, 2)


class _Stop(Exception):
    pass


class _Refuse:
    def __init__(self, path, size, fps, frames):
        raise _Stop(frames)


@pytest.mark.parametrize("existing", [False, True])
def test_a_cancel_after_some_frames_leaves_no_file_and_no_temporary(tmp_path, model, existing):
    out = tmp_path / "turn.mp4"
    if existing:
        out.write_bytes(b"the old movie")
    done = []
    with pytest.raises(ExportCancelled):
        export_movie(SNAPSHOT, out, MovieOptions(size=(64, 48), fps=4, frames=12), model=model,
                     progress=lambda d, t: done.append(d), cancelled=lambda: len(done) >= 3)
    assert done == [1, 2, 3]
    assert listing(tmp_path) == (["turn.mp4"] if existing else [])
    if existing:
        assert out.read_bytes() == b"the old movie"


@pytest.fixture
def nothing_loaded(monkeypatch):
    """Fail the test if an atlas, a content pack or a renderer is loaded."""
    import viewer.exports.movie_export as movie_export
    import viewer.scene.offscreen_render as offscreen_render

    def boom(*a, **k):
        raise AssertionError("loaded or rendered before the movie was checked")
    monkeypatch.setattr(offscreen_render, "OffscreenRenderer", boom)
    monkeypatch.setattr(movie_export, "find_tour", boom)


@pytest.mark.parametrize(("name", "options", "error"), [
    ("turn.avi", MovieOptions(size=(64, 48)), UnsupportedFormatError),
    ("turn", MovieOptions(size=(64, 48), tour=True), UnsupportedFormatError),
    ("turn.mp4", MovieOptions(size=(65, 48)), MovieOptionError),
    ("turn.mp4", MovieOptions(size=(64, 48), tour=True, fps=0), MovieOptionError),
    ("turn.gif", MovieOptions(size=(64, 48), fps=24, frames=0), MovieOptionError),
    ("turn.mp4", MovieOptions(size=(64, 48), axis="w"), MovieOptionError),
])
def test_a_movie_that_cannot_be_written_is_refused_before_anything_loads(tmp_path, nothing_loaded, name, options,
                                                                        error):
    with pytest.raises(error):
        export_movie(SNAPSHOT, tmp_path / name, options)
    assert listing(tmp_path) == []


def test_a_bad_folder_is_refused_before_anything_loads(tmp_path, nothing_loaded):
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(OutputError, match="not a folder"):
        export_movie(SNAPSHOT, tmp_path / "file" / "turn.gif", MovieOptions(size=(64, 48), tour=True))


def test_find_tour_names_the_tours_there_are_for_an_unknown_id(tour):
    from atlases.errors import UnknownNameError

    assert find_tour(SNAPSHOT, tour.id) == tour
    with pytest.raises(UnknownNameError, match=tour.id):
        find_tour(SNAPSHOT, "no_such_tour")


def test_a_tour_region_the_atlas_lacks_fails_before_any_file(tmp_path, model, tour, monkeypatch):
    import dataclasses

    import viewer.exports.movie_export as movie_export
    from atlases.errors import UnknownNameError

    monkeypatch.setattr(movie_export, "MovieWriter", _Refuse)   # the writer is never started

    steps = (tour.steps[0], dataclasses.replace(tour.steps[1], regions=("no_such_region",)))
    odd = dataclasses.replace(tour, steps=steps)
    with pytest.raises(UnknownNameError, match="no_such_region"):
        export_movie(SNAPSHOT, tmp_path / "tour.gif", MovieOptions(size=(64, 48), fps=1, tour=True), model=model,
                     tour=odd)
    assert listing(tmp_path) == []


@pytest.mark.gui   # the painter needs the Qt application the other GUI tests share (not an offscreen one of its own)
def test_a_tour_movies_hold_frames_show_their_steps_caption(qapp, tmp_path, model, tour):
    """The default hook paints the caption band (the image export's painter); without captions there is none."""
    import dataclasses

    short = dataclasses.replace(tour, steps=tour.steps[:2])
    counts = [tour_frame_count(dataclasses.replace(tour, steps=tour.steps[:1]), 1), tour_frame_count(short, 1)]
    size = (160, 120)
    movies = {}
    for captions in (True, False):
        out = tmp_path / f"tour-{captions}.mp4"
        export_movie(SNAPSHOT, out, MovieOptions(size=size, fps=1, tour=True, captions=captions), model=model,
                     tour=short)
        movies[captions] = _decoded(out)
    assert len(movies[True]) == len(movies[False]) == counts[1]
    band = slice(size[1] * 3 // 4, size[1])   # the caption band is at the bottom
    first_hold, second_hold = counts[0] - 1, counts[1] - 1

    def changed(a, b):
        return (np.abs(a[band].astype(int) - b[band].astype(int)).max(axis=2) > 60).mean()
    assert changed(movies[True][first_hold], movies[False][first_hold]) > 0.05
    assert changed(movies[True][second_hold], movies[False][second_hold]) > 0.05
    # each step's own caption: the band differs between the two steps' hold frames
    assert changed(movies[True][first_hold], movies[True][second_hold]) > 0.01
