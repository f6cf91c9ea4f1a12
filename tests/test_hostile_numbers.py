"""Absurd but finite numbers are refused; every document the loaders accept renders.

* Class 7: every numeric field is bounded to its physical range at load: tour
  cameras within :data:`~atlases.teaching.tours.MAX_CAMERA_MM` of the origin (MNI mm),
  at least a millimetre from their focal point, with an up vector that is
  not (nearly) zero or along the view; opacities and theme numbers in their
  ranges; whole numbers beyond 64 bits (which overflowed ``float()``) are
  refused. Values at the edge of the accepted range give a finite VTK camera
  and a finite flight (no NaN).
* Class 6: property tests build documents the loaders accept (the shipped
  content and tour with their texts, author lists, citations and cameras
  replaced by generated ones) and render every one through every renderer
  (the three HTML pages, reference short and full forms, the caption band's
  pieces, the camera maths); nothing may raise.
"""

from __future__ import annotations

import copy
import math
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlases.errors import ContentError
from atlases.resources import asset_dir, asset_path
from atlases.sources.definitions import REGION_IDS, load_definitions
from atlases.teaching.content import load_content
from atlases.teaching.tours import MAX_CAMERA_MM, load_tour, step_label
from tests.atlases.teaching.test_properties_loaders import ODD_TEXT
from tests.helpers_toml import dump_toml
from tests.test_properties import SETTINGS
from viewer.scene.camera_views import VIEWS, CameraPose, camera_pose, ease_in_out, get_view, interpolate_pose
from viewer.scene.themes import load_theme, themes
from viewer.text.content_html import mechanism_html, region_html, rich_text, welcome_html

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TOUR = tomllib.loads((asset_dir("tours") / "ketamine.toml").read_text(encoding="utf-8"))
GOOD_CAMERA = {"position": [0, 0, 400], "focal_point": [0, 0, 0], "view_up": [0, 1, 0]}


@pytest.fixture(scope="module")
def content():
    return load_content()


def _tour_with(tmp_path: Path, camera=None, **step_fields) -> Path:
    data = copy.deepcopy(TOUR)
    step = data["steps"][0]
    if camera is not None:
        step.pop("view")
        step["camera"] = {**GOOD_CAMERA, **camera}
    step.update(step_fields)
    path = tmp_path / "absurd.toml"
    path.write_text(dump_toml(data), encoding="utf-8")
    return path


# ---------------------------------------------------------------- class 7: refused at load
BIG, HUGE_INT = 1e308, 2**63 - 1
CAMERA_CASES = {
    "position 1e308": ({"position": [BIG, 0, 0]}, "position", "between"),
    "position -1e308": ({"position": [0, -BIG, 0]}, "position", "between"),
    "focal point just outside": ({"focal_point": [0, 0, MAX_CAMERA_MM + 1]}, "focal_point", "between"),
    "largest 64-bit int": ({"position": [HUGE_INT, 0, 0]}, "position", "between"),
    "smallest 64-bit int": ({"focal_point": [0, -2**63, 0]}, "focal_point", "between"),
    "int beyond 64 bits": ({"position": [2**64, 0, 0]}, "position[0]", "64-bit"),
    "400-digit int": ({"view_up": [0, 10**400, 0]}, "view_up[1]", "64-bit"),
    "up 1e308": ({"view_up": [BIG, 0, 0]}, "view_up", "between"),
    "zero up": ({"view_up": [0, 0, 0]}, "view_up", "must not be zero"),
    "denormal up": ({"view_up": [5e-324, 0, 0]}, "view_up", "must not be zero"),
    "tiny up": ({"view_up": [1e-300, 1e-300, 1e-300]}, "view_up", "must not be zero"),
    "up almost along the view": ({"view_up": [1e-6, 0, 1]}, "view_up", "viewing direction"),
    "camera on the focal point": ({"position": [0, 0, 1e-308]}, "position", "at least"),
    "camera a nanometre away": ({"position": [1e-6, 0, 0]}, "position", "at least"),
    "nan": ({"position": [math.nan, 0, 0]}, "position", "between"),
    "infinity": ({"focal_point": [0, math.inf, 0]}, "focal_point", "between"),
}


@pytest.mark.parametrize("case", list(CAMERA_CASES))
def test_absurd_tour_cameras_are_refused(tmp_path, content, case):
    camera, field, words = CAMERA_CASES[case]
    path = _tour_with(tmp_path, camera)
    with pytest.raises(ContentError) as info:
        load_tour(path, content, VIEWS)
    message = str(info.value)
    assert "absurd.toml" in message and words in message and field in (info.value.field or ""), message


@pytest.mark.parametrize("value, words", [(BIG, "between"), (-1e-308, "between"), (HUGE_INT, "between"),
                                          (10**400, "64-bit"), (-2**63, "between")])
def test_absurd_tour_opacities_are_refused(tmp_path, content, value, words):
    with pytest.raises(ContentError, match=words):
        load_tour(_tour_with(tmp_path, cortex_opacity=value), content, VIEWS)


THEME_TEXT = asset_path("themes", "light.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("key, value, words", [
    ("cortex_opacity", 10**400, "64-bit"), ("cortex_opacity", BIG, "between"), ("outline_width", BIG, "between"),
    ("outline_width", -1e-308, "between"), ("dimmed_mix", HUGE_INT, "between"), ("dimmed_mix", 2**70, "64-bit"),
])
def test_absurd_theme_numbers_are_refused(tmp_path, key, value, words):
    data = tomllib.loads(THEME_TEXT)
    data[key] = value
    path = tmp_path / "light.toml"
    path.write_text(dump_toml(data), encoding="utf-8")
    with pytest.raises(ContentError, match=words) as info:
        load_theme(path)
    assert "light.toml" in str(info.value)


@pytest.mark.parametrize("year, words", [(str(HUGE_INT), "implausible year"), ("1" + "0" * 400, "64-bit"),
                                         ("1" * 5000, "not valid TOML"), ("0x" + "f" * 400, "64-bit")])
def test_absurd_years_are_refused(tmp_path, year, words):
    folder = tmp_path / "pack"
    shutil.copytree(asset_dir("content"), folder)
    path = folder / "references.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data["references"]["li2010"]["year"] = 1234567   # replaced by the spelling under test
    path.write_text(dump_toml(data).replace("1234567", year), encoding="utf-8")
    with pytest.raises(ContentError, match=words):
        load_content(folder)


# ---------------------------------------------------------------- class 7: what is accepted is finite in VTK
def _brain_points() -> np.ndarray:
    """A brain-sized ellipsoid (MNI mm) standing in for the cortex."""
    u, v = np.meshgrid(np.linspace(0, np.pi, 12), np.linspace(0, 2 * np.pi, 24))
    return np.column_stack([70 * np.sin(u).ravel() * np.cos(v).ravel(), -18 + 100 * np.sin(u).ravel()
                            * np.sin(v).ravel(), 18 + 65 * np.cos(u).ravel()])


BRAIN = _brain_points()


def _vtk_camera_is_finite(pose: CameraPose) -> None:
    import vtk

    renderer = vtk.vtkRenderer()
    source = vtk.vtkSphereSource()
    source.SetRadius(90)
    mapper = vtk.vtkPolyDataMapper()
    mapper.SetInputConnection(source.GetOutputPort())
    actor = vtk.vtkActor()
    actor.SetMapper(mapper)
    renderer.AddActor(actor)
    camera = renderer.GetActiveCamera()
    position, focal, up = pose.as_pyvista()      # as viewer.scene.brain_scene.set_camera hands it to pyvista
    camera.SetPosition(position)
    camera.SetFocalPoint(focal)
    camera.SetViewUp(up)
    renderer.ResetCameraClippingRange()
    near, far = camera.GetClippingRange()
    assert math.isfinite(near) and math.isfinite(far) and 0 < near < far, (near, far)
    for matrix in (camera.GetViewTransformMatrix(), camera.GetCompositeProjectionTransformMatrix(1.6, -1, 1)):
        assert all(math.isfinite(matrix.GetElement(i, j)) for i in range(4) for j in range(4))


def _flight_is_finite(target: CameraPose) -> None:
    for name in ("lateral", "superior", "inferior", "anterior"):
        start = camera_pose(get_view(name), BRAIN, 30.0, 1.6)
        for t in np.linspace(0.0, 1.0, 7):
            for a, b in ((start, target), (target, start)):
                pose = interpolate_pose(a, b, ease_in_out(t))
                assert all(np.isfinite(v).all() for v in (pose.position, pose.focal_point, pose.view_up)), (a, b, t)
    _vtk_camera_is_finite(target)


def _target(step) -> CameraPose:
    c = step.camera     # as viewer.lecture.tour_controller.TourController.target_pose builds it
    return CameraPose(np.array(c.position), np.array(c.focal_point), np.array(c.view_up))


M = MAX_CAMERA_MM
EDGE_CAMERAS = [
    {"position": [M, -M, M], "focal_point": [-M, M, -M], "view_up": [0, 0, 1]},
    {"position": [M, M, M], "focal_point": [M - 1, M, M], "view_up": [0, 0, 1e-3]},
    {"position": [0, 0, 1], "focal_point": [0, 0, 0], "view_up": [0.0101, 0, 1]},
    {"position": [-M, -M, -M], "focal_point": [0, 0, 0], "view_up": [M, -M, 0]},
    {"position": [0.5, 0, 0], "focal_point": [-0.5, 0, 0], "view_up": [1e-3, 1e-3, 0]},
]


@pytest.mark.parametrize("camera", EDGE_CAMERAS)
def test_cameras_at_the_edge_of_the_range_load_and_stay_finite(tmp_path, content, camera):
    tour = load_tour(_tour_with(tmp_path, camera), content, VIEWS)
    _flight_is_finite(_target(tour.steps[0]))


SANE = st.floats(-M, M) | st.integers(-3, 3) | st.sampled_from([M, -M, 1e-3, -1e-3, 0.0101, 0.5, -0.0])
HOSTILE = (st.floats(allow_nan=True, allow_infinity=True) | st.floats(-3 * M, 3 * M)
           | st.sampled_from([1e308, -1e308, 1e-308, 5e-324, M + 1e-9, -M - 1e-9]) | st.integers(-2**64, 2**64))


@st.composite
def cameras(draw) -> dict:
    """A camera pose of in-range coordinates, with none to three of them replaced by hostile values."""
    values = draw(st.lists(SANE, min_size=9, max_size=9))
    for index in draw(st.lists(st.integers(0, 8), max_size=3)):
        values[index] = draw(HOSTILE)
    return {"position": values[0:3], "focal_point": values[3:6], "view_up": values[6:9]}


def test_every_accepted_camera_flies_and_renders_finitely(tmp_path, content):
    accepted = []

    @settings(SETTINGS, max_examples=200)
    @given(cameras())
    def check(camera):
        path = _tour_with(tmp_path, camera)
        try:
            tour = load_tour(path, content, VIEWS)
        except ContentError as exc:
            assert "absurd.toml" in str(exc)
            return
        accepted.append(1)
        _flight_is_finite(_target(tour.steps[0]))

    check()
    assert len(accepted) >= 20, len(accepted)   # not vacuous


# ---------------------------------------------------------------- class 6: every valid document renders
AUTHORISH = st.lists(st.sampled_from([",", "&", " ", "-", ".", "\u200b", "Li", "N", "et al.", "\t", "山田", "*", "\n",
                                      "O'Brien", "<b>"]), min_size=1, max_size=10).map("".join)
MARKUP = st.lists(st.sampled_from(["**", "*", "<b>", "</i>", "&amp;", "<img src=x>", "[x](file:///etc/passwd)", "\\",
                                   "a", " ", "_", "`", "\u202e", "%s", "{0}"]), min_size=1, max_size=14).map("".join)
ANY_TEXT = AUTHORISH | MARKUP | ODD_TEXT | st.text(max_size=40)
TEXT_FIELDS = {"name", "abbreviation", "summary", "text", "title", "intro", "authors", "journal", "citation",
               "caption", "description"}
CONTENT_FILES = ["references.toml", "mechanism.toml", "safety.toml"] + [f"regions/{r}.toml" for r in REGION_IDS]
PARSED = {f: tomllib.loads((asset_dir("content") / f).read_text(encoding="utf-8")) for f in CONTENT_FILES}
DEFINITION_TEXTS = [None] + [d.region(r).definition for d in load_definitions().values() for r in REGION_IDS]


def _text_places(doc, out=None):
    """Every (container, key) holding a free-text field, anywhere in a parsed document."""
    out = [] if out is None else out
    items = doc.items() if isinstance(doc, dict) else enumerate(doc) if isinstance(doc, list) else ()
    for key, value in items:
        if isinstance(value, str) and key in TEXT_FIELDS:
            out.append((doc, key))
        else:
            _text_places(value, out)
    return out


@st.composite
def edited(draw, base: dict, edits: int = 4) -> dict:
    doc = copy.deepcopy(base)
    places = _text_places(doc)
    for _ in range(draw(st.integers(1, edits))):
        parent, key = draw(st.sampled_from(places))
        parent[key] = draw(ANY_TEXT)
    return doc


def render_everything(content, tours=(), theme_id: str = "light") -> None:
    """Every renderer of validated documents, on everything in them."""
    theme = themes()[theme_id]
    for i, region in enumerate(content.regions.values()):
        region_html(region, content, DEFINITION_TEXTS[i % len(DEFINITION_TEXTS)], theme)
    mechanism_html(content, theme)
    for step in content.mechanism.steps:
        mechanism_html(content, theme, current_step=step.id)
    welcome_html(content, theme)
    for reference in content.references.values():
        assert reference.short().strip() and reference.full().strip()
        _ = reference.doi_url
    for tour in tours:      # the caption band's pieces (viewer/lecture/caption_band.py)
        for i, step in enumerate(tour.steps):
            rich_text(step.caption)
            step_label({"title": step.title}, i, len(tour.steps))
            " · ".join(content.references[r].short() for r in step.refs if r in content.references)
            if step.camera is not None:
                _flight_is_finite(_target(step))


@pytest.fixture
def pack(tmp_path):
    folder = tmp_path / "pack"
    shutil.copytree(asset_dir("content"), folder)
    return folder


def test_every_content_the_loader_accepts_renders(pack):
    loaded = []

    @settings(SETTINGS, max_examples=120)
    @given(st.lists(st.sampled_from(CONTENT_FILES), min_size=1, max_size=3, unique=True), st.data(),
           st.sampled_from(sorted(themes())))
    def check(files, data, theme_id):
        for file in files:
            (pack / file).write_text(dump_toml(data.draw(edited(PARSED[file]))), encoding="utf-8")
        try:
            content = load_content(pack)
        except ContentError:
            return
        finally:
            for file in files:
                shutil.copy(asset_dir("content") / file, pack / file)
        loaded.append(1)
        render_everything(content, theme_id=theme_id)

    check()
    assert len(loaded) >= 30, len(loaded)   # not vacuous: most edits keep the content valid


def test_every_author_list_the_loader_accepts_formats(pack):
    loaded = []

    @settings(SETTINGS, max_examples=150)
    @given(AUTHORISH | st.text(max_size=20))
    def check(authors):
        doc = copy.deepcopy(PARSED["references.toml"])
        doc["references"]["li2010"]["authors"] = authors
        (pack / "references.toml").write_text(dump_toml(doc), encoding="utf-8")
        try:
            content = load_content(pack)
        except ContentError as exc:
            assert "references.toml" in str(exc)
            return
        loaded.append(1)
        render_everything(content)

    check()
    assert len(loaded) >= 20, len(loaded)


def test_every_tour_the_loader_accepts_renders(tmp_path, content):
    loaded = []

    @settings(SETTINGS, max_examples=80)
    @given(edited(TOUR, edits=6), st.none() | cameras())
    def check(doc, camera):
        if camera is not None:
            doc["steps"][-1].pop("view", None)
            doc["steps"][-1]["camera"] = camera
        path = tmp_path / "tour.toml"
        path.write_text(dump_toml(doc), encoding="utf-8")
        try:
            tour = load_tour(path, content, VIEWS)
        except ContentError as exc:
            assert "tour.toml" in str(exc)
            return
        loaded.append(1)
        render_everything(content, [tour])

    check()
    assert len(loaded) >= 10, len(loaded)


# ---------------------------------------------------------------- class 6: rendering cost stays linear
#: Emphasis markers that never close: each used to make the emphasis pattern scan to the end of the text.
UNCLOSED = ["*a ", "**a ", "**a *", "*a**", "*<b>a "]


@pytest.mark.parametrize("piece", UNCLOSED)
def test_unclosed_emphasis_renders_without_a_quadratic_scan(piece):
    from tests.atlases.teaching.test_hostile_content import returns

    # 200,000 characters: about 5 minutes with the quadratic patterns, milliseconds now; the child
    # is killed (and the test fails) if it has not returned within the hang guard's minute
    text = piece * (200_000 // len(piece))
    assert returns(lambda: len(rich_text(text))) > len(text) // 2
