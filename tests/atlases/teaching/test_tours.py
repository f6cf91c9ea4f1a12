"""Guided tours: the built-in tour is valid, and every malformed tour names file, step and field."""

from __future__ import annotations

import copy
import json

import pytest

from atlases.errors import ContentError
from atlases.teaching.content import load_content
from atlases.teaching.tours import MAX_CAPTION, CameraSpec, builtin_tours, load_tour, load_tours
from viewer.scene.camera_views import VIEWS


@pytest.fixture(scope="module")
def content():
    return load_content()


def toml(value) -> str:
    """A TOML value (strings, numbers, booleans, lists, inline tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def write_tour(path, data: dict):
    lines = [f"{k} = {toml(v)}" for k, v in data.items() if k != "steps"]
    for step in data.get("steps", []):
        lines += ["", "[[steps]]"] + [f"{k} = {toml(v)}" for k, v in step.items()]
    if "steps" in data and not data["steps"]:
        lines.append("steps = []")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = {
    "id": "mini",
    "title": "A small tour",
    "description": "Three steps.",
    "steps": [
        {"title": "Overview", "caption": "The whole brain.", "regions": [], "view": "lateral",
         "cortex_opacity": 0.6, "cutaway": False, "refs": ["domino2010"]},
        {"title": "The hippocampus", "caption": "Deep in the temporal lobe.", "regions": ["hippocampus"],
         "view": "lateral", "cortex_opacity": 0.15, "cutaway": True, "mechanism_step": "bdnf_trkb",
         "refs": ["autry2011"]},
        {"title": "From above", "caption": "A free camera.", "regions": ["prefrontal_cortex"],
         "camera": {"position": [0, 0, 400], "focal_point": [0, 0, 0], "view_up": [0, 1, 0]},
         "cortex_opacity": 0.3, "cutaway": False, "refs": ["li2010"]},
    ],
}


def test_builtin_tour_is_valid(content):
    tours = builtin_tours(content, VIEWS)
    tour = tours["ketamine"]
    assert tour.title and tour.description and len(tour) >= 5
    mechanism = {s.id for s in content.mechanism.steps}
    for step in tour.steps:
        assert len(step.caption) <= MAX_CAPTION
        assert (step.view is None) != (step.camera is None)
        assert step.view is None or step.view in VIEWS
        assert all(r in content.regions for r in step.regions)
        assert step.mechanism_step is None or step.mechanism_step in mechanism
        assert step.refs and all(r in content.references for r in step.refs)
        assert 0.0 <= step.cortex_opacity <= 1.0
    # the lecture walks through all three regions, with the hippocampus uncovered
    focus = {s.focus_region: s for s in tour.steps if s.focus_region}
    assert set(focus) == set(content.regions)
    assert focus["hippocampus"].cutaway


def test_good_tour_loads(tmp_path, content):
    tour = load_tour(write_tour(tmp_path / "mini.toml", GOOD), content, VIEWS)
    assert tour.id == "mini" and len(tour) == 3
    assert tour.steps[0].focus_region is None and tour.steps[1].focus_region == "hippocampus"
    assert tour.steps[2].camera == CameraSpec((0.0, 0.0, 400.0), (0.0, 0.0, 0.0), (0.0, 1.0, 0.0))
    assert tour.steps[2].view is None and tour.steps[1].mechanism_step == "bdnf_trkb"


def _broken(change):
    data = copy.deepcopy(GOOD)
    change(data)
    return data


def _set(step: int, key: str, value):
    return lambda d: d["steps"][step].__setitem__(key, value)


def _delete(step: int, key: str):
    return lambda d: d["steps"][step].pop(key)


# (change, field named in the error, step named in the error, words of the message)
CASES = {
    "missing field": (_delete(1, "caption"), "steps[1].caption", "step 2 of 3", "missing"),
    "wrong type": (_set(1, "cutaway", "yes"), "steps[1].cutaway", "step 2 of 3", "true or false"),
    "wrong list type": (_set(0, "regions", "hippocampus"), "steps[0].regions", "step 1 of 3", "list"),
    "unknown region": (_set(1, "regions", ["amygdala"]), "steps[1].regions[0]", "step 2 of 3", "amygdala"),
    "unknown view": (_set(0, "view", "sideways"), "steps[0].view", "step 1 of 3", "sideways"),
    "unknown mechanism step": (_set(1, "mechanism_step", "magic"), "steps[1].mechanism_step", "step 2 of 3",
                               "magic"),
    "unknown reference": (_set(1, "refs", ["autry2011", "nobody1999"]), "steps[1].refs[1]", "step 2 of 3",
                          "nobody1999"),
    "no reference": (_set(1, "refs", []), "steps[1].refs", "step 2 of 3", "empty"),
    "view and camera": (_set(1, "camera", GOOD["steps"][2]["camera"]), "steps[1].view", "step 2 of 3", "both"),
    "neither view nor camera": (_delete(0, "view"), "steps[0].view", "step 1 of 3", "neither"),
    "opacity out of range": (_set(1, "cortex_opacity", 1.5), "steps[1].cortex_opacity", "step 2 of 3", "between"),
    "caption too long": (_set(1, "caption", "x" * (MAX_CAPTION + 1)), "steps[1].caption", "step 2 of 3",
                         "too long"),
    "unknown step field": (_set(2, "zoom", 2), "steps[2].zoom", "step 3 of 3", "unknown field"),
    "camera vector": (_set(2, "camera", {"position": [0, 0], "focal_point": [0, 0, 0], "view_up": [0, 1, 0]}),
                      "steps[2].camera.position", "step 3 of 3", "three numbers"),
    "camera up along the view": (_set(2, "camera", {"position": [0, 0, 400], "focal_point": [0, 0, 0],
                                                    "view_up": [0, 0, 1]}),
                                 "steps[2].camera.view_up", "step 3 of 3", "viewing direction"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_malformed_step_names_file_step_and_field(tmp_path, content, case):
    change, field, step, words = CASES[case]
    path = write_tour(tmp_path / "broken.toml", _broken(change))
    with pytest.raises(ContentError) as info:
        load_tour(path, content, VIEWS)
    message = str(info.value)
    assert "broken.toml" in message and f"[{field}]" in message and step in message, message
    assert words in message, message
    titles = [s["title"] for s in GOOD["steps"]]
    number = int(step.split()[1])
    assert f'("{titles[number - 1]}")' in message, message


@pytest.mark.parametrize("case, change, field, words", [
    ("zero steps", lambda d: d.__setitem__("steps", []), "steps", "empty"),
    ("no steps at all", lambda d: d.pop("steps"), "steps", "missing"),
    ("missing title", lambda d: d.pop("title"), "title", "missing"),
    ("unknown top-level key", lambda d: d.__setitem__("author", "me"), "author", "unknown field"),
])
def test_malformed_tour_names_file_and_field(tmp_path, content, case, change, field, words):
    path = write_tour(tmp_path / "broken.toml", _broken(change))
    with pytest.raises(ContentError) as info:
        load_tour(path, content, VIEWS)
    message = str(info.value)
    assert "broken.toml" in message and f"[{field}]" in message and words in message, message


def test_step_without_title_is_named_by_number(tmp_path, content):
    path = write_tour(tmp_path / "broken.toml", _broken(_delete(1, "title")))
    with pytest.raises(ContentError) as info:
        load_tour(path, content, VIEWS)
    assert "step 2 of 3" in str(info.value) and "[steps[1].title]" in str(info.value)


def test_bad_toml_names_the_file(tmp_path, content):
    path = tmp_path / "broken.toml"
    path.write_text('id = "x"\ntitle = \n', encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_tour(path, content, VIEWS)
    assert "broken.toml" in str(info.value) and "TOML" in str(info.value)


def test_missing_file_names_the_file(tmp_path, content):
    with pytest.raises(ContentError, match="nothere.toml"):
        load_tour(tmp_path / "nothere.toml", content, VIEWS)


def test_duplicate_tour_ids_are_refused(tmp_path, content):
    a = write_tour(tmp_path / "a.toml", GOOD)
    b = write_tour(tmp_path / "b.toml", GOOD)
    with pytest.raises(ContentError, match="duplicate tour id 'mini'") as info:
        load_tours([a, b], content, VIEWS)
    assert "b.toml" in str(info.value)


def test_views_are_checked_against_the_names_given(tmp_path, content):
    path = write_tour(tmp_path / "mini.toml", GOOD)
    with pytest.raises(ContentError, match="unknown view 'lateral'"):
        load_tour(path, content, ["medial"])
