"""Camera maths (viewer.scene.camera_views) and colour themes (viewer.scene.themes): pure Python, no renderer."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from atlases.errors import ContentError, UnknownNameError
from atlases.resources import asset_path, list_assets
from atlases.sources.definitions import REGION_IDS
from viewer.scene.camera_views import (
    DEFAULT_VIEW,
    VIEWS,
    CameraPose,
    camera_pose,
    ease_in_out,
    get_view,
    interpolate_pose,
)
from viewer.scene.themes import (
    DEFAULT_THEME,
    contrast_ratio,
    get_theme,
    hex_to_rgb,
    load_theme,
    mix,
    rgb_to_hex,
    themes,
)

ASPECTS = {"16:9": 16 / 9, "4:3": 4 / 3, "portrait": 9 / 16}


def _clouds():
    rng = np.random.default_rng(7)
    brain = rng.normal(size=(3000, 3))
    brain = brain / np.linalg.norm(brain, axis=1, keepdims=True) * [70, 85, 60] + [0, -18, 10]
    return {
        "brain-ellipsoid": brain,
        "flat-slab": rng.uniform([-80, -110, -2], [80, 80, 2], size=(500, 3)),
        "off-centre-box": rng.uniform([100, 200, -300], [130, 260, -200], size=(500, 3)),
        "two-points": np.array([[-60.0, -100, -40], [60, 70, 80]]),
    }


CLOUDS = _clouds()


def project(pose: CameraPose, points: np.ndarray, view_angle: float, aspect: float):
    """Normalised screen coordinates (-1..1 is inside the viewport) and depth of points."""
    forward = pose.focal_point - pose.position
    forward = forward / np.linalg.norm(forward)
    up = pose.view_up / np.linalg.norm(pose.view_up)
    right = np.cross(forward, up)
    rel = points - pose.position
    depth = rel @ forward
    tan_v = np.tan(np.radians(view_angle) / 2)
    return (rel @ right) / depth / (tan_v * aspect), (rel @ up) / depth / tan_v, depth


# ---------------------------------------------------------------- camera_pose
@pytest.mark.parametrize("aspect_name", list(ASPECTS))
@pytest.mark.parametrize("view_name", list(VIEWS))
def test_camera_pose_frames_all_points(view_name, aspect_name):
    aspect = ASPECTS[aspect_name]
    for cloud_name, pts in CLOUDS.items():
        for view_angle in (30.0, 15.0):
            pose = camera_pose(get_view(view_name), pts, view_angle, aspect)
            sx, sy, depth = project(pose, pts, view_angle, aspect)
            assert (depth > 0).all(), f"{cloud_name}: points behind the camera"
            assert np.abs(sx).max() <= 1.0 + 1e-9, (cloud_name, np.abs(sx).max())
            assert np.abs(sy).max() <= 1.0 + 1e-9, (cloud_name, np.abs(sy).max())
            # ... and fills it: the widest extent uses a good part of the frame
            assert max(np.abs(sx).max(), np.abs(sy).max()) > 0.5, cloud_name


@pytest.mark.parametrize("view_name", list(VIEWS))
def test_camera_looks_from_the_view_direction_at_the_centre(view_name):
    view = get_view(view_name)
    pts = CLOUDS["brain-ellipsoid"]
    pose = camera_pose(view, pts, 30.0, 16 / 9)
    np.testing.assert_allclose(pose.focal_point, (pts.min(axis=0) + pts.max(axis=0)) / 2)
    to_camera = pose.position - pose.focal_point
    d = np.asarray(view.direction) / np.linalg.norm(view.direction)
    np.testing.assert_allclose(to_camera / np.linalg.norm(to_camera), d, atol=1e-12)
    # view up: unit, orthogonal to the view direction, and on the preset's side
    assert np.linalg.norm(pose.view_up) == pytest.approx(1.0)
    assert abs(np.dot(pose.view_up, to_camera)) < 1e-9 * np.linalg.norm(to_camera)
    assert np.dot(pose.view_up, view.up) > 0
    pv_pose = pose.as_pyvista()
    assert len(pv_pose) == 3 and all(len(v) == 3 and all(isinstance(c, float) for c in v) for v in pv_pose)


def test_wider_margin_moves_the_camera_back_and_aspect_matters():
    pts = CLOUDS["brain-ellipsoid"]
    view = get_view("lateral")

    def dist(pose):
        return np.linalg.norm(pose.position - pose.focal_point)

    assert dist(camera_pose(view, pts, margin=1.3)) > dist(camera_pose(view, pts, margin=1.0))
    # lateral view of a brain is wider than tall: a narrow window needs more distance
    assert dist(camera_pose(view, pts, aspect=0.5)) > dist(camera_pose(view, pts, aspect=2.0))


def test_lateral_views_face_the_right_hemisphere():
    assert get_view("lateral").direction[0] < 0 and get_view("lateral_right").direction[0] > 0
    assert get_view("medial").hemispheres == ("left",) and get_view("medial").direction[0] > 0
    assert get_view("medial_right").hemispheres == ("right",)
    assert get_view("anterior").direction[1] > 0 and get_view("superior").direction[2] > 0
    assert DEFAULT_VIEW in VIEWS


def test_unknown_view_lists_the_names():
    with pytest.raises(UnknownNameError) as info:
        get_view("oblique")
    msg = str(info.value)
    assert "'oblique'" in msg
    for name in VIEWS:
        assert name in msg
    assert isinstance(info.value, KeyError)


# ---------------------------------------------------------------- interpolate_pose
def _poses():
    pts = CLOUDS["brain-ellipsoid"]
    return {name: camera_pose(v, pts, 30.0, 16 / 9) for name, v in VIEWS.items()}


POSES = _poses()
PAIRS = list(itertools.permutations(VIEWS, 2))


@pytest.mark.parametrize("a, b", PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_interpolate_pose_endpoints_and_path(a, b):
    pa, pb = POSES[a], POSES[b]
    for t, expected in ((0.0, pa), (1.0, pb)):
        got = interpolate_pose(pa, pb, t)
        np.testing.assert_allclose(got.position, expected.position, atol=1e-6)
        np.testing.assert_allclose(got.focal_point, expected.focal_point, atol=1e-9)
        np.testing.assert_allclose(got.view_up, expected.view_up, atol=1e-6)
    da = np.linalg.norm(pa.position - pa.focal_point)
    db = np.linalg.norm(pb.position - pb.focal_point)
    for t in np.linspace(0, 1, 21):
        p = interpolate_pose(pa, pb, t)
        d = np.linalg.norm(p.position - p.focal_point)
        assert min(da, db) - 1e-6 <= d <= max(da, db) + 1e-6
        view_dir = (p.focal_point - p.position) / d
        assert np.linalg.norm(p.view_up) == pytest.approx(1.0), (t, p.view_up)
        assert abs(np.dot(p.view_up, view_dir)) < 1e-6, f"t={t:.2f}: view up {p.view_up} not orthogonal " \
                                                        f"to view direction {view_dir}"


def test_interpolate_pose_clamps_t():
    pa, pb = POSES["lateral"], POSES["superior"]
    np.testing.assert_allclose(interpolate_pose(pa, pb, -3).position, pa.position, atol=1e-6)
    np.testing.assert_allclose(interpolate_pose(pa, pb, 7).position, pb.position, atol=1e-6)


def test_interpolate_pose_orbits_instead_of_passing_through_the_brain():
    pa, pb = POSES["lateral"], POSES["lateral_right"]
    radius = min(np.linalg.norm(p.position - p.focal_point) for p in (pa, pb))
    for t in np.linspace(0, 1, 11):
        p = interpolate_pose(pa, pb, t)
        assert np.linalg.norm(p.position - p.focal_point) >= radius - 1e-6


# ---------------------------------------------------------------- ease_in_out
def test_ease_in_out():
    assert ease_in_out(0.0) == 0.0 and ease_in_out(1.0) == 1.0
    assert ease_in_out(0.5) == pytest.approx(0.5)
    ts = np.linspace(0, 1, 1001)
    values = np.array([ease_in_out(t) for t in ts])
    assert (np.diff(values) >= 0).all()
    assert values[1] < ts[1] and values[-2] > ts[-2]  # slow start and end
    assert ease_in_out(-1) == 0.0 and ease_in_out(2) == 1.0
    np.testing.assert_allclose(values + values[::-1], 1.0, atol=1e-12)  # symmetric


# ---------------------------------------------------------------- themes
THEME_FILES = list_assets("themes")


@pytest.mark.parametrize("path", THEME_FILES, ids=[p.stem for p in THEME_FILES])
def test_every_theme_loads(path):
    theme = load_theme(path)
    assert theme.id == path.stem
    assert set(theme.regions) == set(REGION_IDS)
    assert 0 < theme.cortex_opacity < 1 and 0 <= theme.dimmed_mix <= 1
    # the three region colours are distinguishable from each other and from the background
    colours = list(theme.regions.values())
    assert len(set(colours)) == 3
    for c in colours:
        assert contrast_ratio(c, theme.background) > 1.5, (theme.id, c)
    assert contrast_ratio(theme.text, theme.background) >= 4.5, theme.id
    for r in REGION_IDS:
        assert theme.dimmed(r) != theme.regions[r]


def test_themes_registry():
    all_themes = themes()
    assert {"light", "dark", "projector"} <= set(all_themes)
    assert get_theme(DEFAULT_THEME) is all_themes[DEFAULT_THEME]
    with pytest.raises(UnknownNameError) as info:
        get_theme("neon")
    for name in ("light", "dark", "projector"):
        assert name in str(info.value)


def test_light_theme_uses_okabe_ito_region_colours():
    assert get_theme("light").regions == {
        "prefrontal_cortex": "#E69F00", "hippocampus": "#009E73", "posteromedial_cortex": "#CC79A7"}


def test_projector_theme_has_high_text_contrast():
    t = get_theme("projector")
    assert contrast_ratio(t.text, t.background) >= 7
    assert contrast_ratio(t.text, t.background_top) >= 7


def test_colour_helpers():
    assert hex_to_rgb("#FF8000") == pytest.approx((1.0, 128 / 255, 0.0))
    assert rgb_to_hex((1.0, 128 / 255, 0.0)) == "#FF8000"
    assert rgb_to_hex((2.0, -1.0, 0.5)) == "#FF0080"
    assert mix("#000000", "#FFFFFF", 0) == "#000000" and mix("#000000", "#FFFFFF", 1) == "#FFFFFF"
    assert mix("#000000", "#FFFFFF", 0.5) == "#808080"
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # WCAG reference pair
    t = get_theme("light")
    assert t.dimmed("hippocampus") == mix(t.regions["hippocampus"], t.cortex, t.dimmed_mix)


# ---------------------------------------------------------------- malformed theme files
def _light_text() -> str:
    return asset_path("themes", "light.toml").read_text(encoding="utf-8")


def _replace_line(text: str, key: str, new: str | None) -> str:
    lines = text.splitlines()
    hits = [i for i, line in enumerate(lines) if line.split("=")[0].strip() == key]
    assert len(hits) == 1, key
    if new is None:
        del lines[hits[0]]
    else:
        lines[hits[0]] = new
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("key, new, field, phrase", [
    ("background", 'background = "white"', "background", "is not a colour like #RRGGBB"),
    ("text", 'text = "#12345"', "text", "is not a colour"),
    ("text", "text = 0x1A1A1A", "text", "expected text, got a whole number"),
    ("cortex_opacity", "cortex_opacity = 1.5", "cortex_opacity", "must be between 0 and 1"),
    ("cortex_opacity", 'cortex_opacity = "0.2"', "cortex_opacity", "expected a number, got text"),
    ("cortex_opacity", "cortex_opacity = nan", "cortex_opacity", ""),  # nan compares False to any bound
    ("dimmed_mix", "dimmed_mix = -0.1", "dimmed_mix", "must be between 0 and 1"),
    ("outline_width", "outline_width = true", "outline_width", "expected a number, got true/false"),
    ("outline_width", "outline_width = inf", "outline_width", ""),
    ("hippocampus", 'hippocampus = "green"', "regions.hippocampus", "is not a colour"),
    ("hippocampus", None, "regions.hippocampus", "required field is missing"),
    ("cortex", None, "cortex", "required field is missing"),
    ("name", "name = []", "name", "expected text, got a list"),
    ("name", 'nmae = "Light"', "nmae", "unknown field"),
], ids=["named-colour", "short-hex", "int-colour", "opacity-range", "opacity-str", "opacity-nan", "mix-negative",
        "width-bool", "width-inf", "region-named-colour", "region-missing", "cortex-missing", "name-list",
        "typo"])
def test_malformed_theme_names_file_and_field(tmp_path, key, new, field, phrase):
    path = tmp_path / "broken_theme.toml"
    path.write_text(_replace_line(_light_text(), key, new), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_theme(path)
    msg = str(info.value)
    assert "broken_theme.toml" in msg and f"[{field}]" in msg and phrase in msg, msg


def test_unknown_region_colour_in_theme(tmp_path):
    path = tmp_path / "extra.toml"
    path.write_text(_light_text() + 'amygdala = "#FF0000"\n', encoding="utf-8")
    with pytest.raises(ContentError, match=r"\[regions\.amygdala\]"):
        load_theme(path)


def test_colour_with_trailing_newline_is_rejected(tmp_path):
    # "$" in the colour pattern also matches before a final newline
    path = tmp_path / "newline.toml"
    path.write_text(_replace_line(_light_text(), "background", 'background = "#F7F7F5\\n"'), encoding="utf-8")
    with pytest.raises(ContentError, match=r"\[background\]"):
        load_theme(path)


def test_theme_file_that_is_not_toml(tmp_path):
    path = tmp_path / "garbage.toml"
    path.write_bytes(b"\x00\x01 not a theme")
    with pytest.raises(ContentError, match="garbage.toml"):
        load_theme(path)
    with pytest.raises(ContentError, match="not found"):
        load_theme(Path(tmp_path / "absent.toml"))
