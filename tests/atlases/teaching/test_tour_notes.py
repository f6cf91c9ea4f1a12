"""Speaker notes of tour steps (issue 13): the loader's rule, and the shipped tour's short captions and notes."""

from __future__ import annotations

import copy
import re

import pytest

from atlases.errors import ContentError
from atlases.teaching.content import load_content
from atlases.teaching.tours import MAX_CAPTION, MAX_NOTES, builtin_tours, load_tour
from viewer.scene.camera_views import VIEWS

from helpers_toml import dump_toml

#: Item 15: a caption the back of a hall can read at a glance.
MAX_CAPTION_WORDS = 20


GOOD = {
    "id": "mini",
    "title": "A small tour",
    "description": "Three steps.",
    "steps": [
        {"title": "Overview", "caption": "The whole brain.", "regions": [], "view": "lateral",
         "cortex_opacity": 0.6, "cutaway": False, "refs": ["domino2010"]},
        {"title": "The hippocampus", "caption": "Deep in the temporal lobe.", "regions": ["hippocampus"],
         "view": "lateral", "cortex_opacity": 0.15, "cutaway": True, "refs": ["autry2011"]},
        {"title": "The PFC", "caption": "At the front.", "regions": ["prefrontal_cortex"], "view": "anterior",
         "cortex_opacity": 0.3, "cutaway": False, "refs": ["li2010"]},
    ],
}


def write_tour(path, data: dict):
    path.write_text(dump_toml(data), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture(scope="module")
def tour(content):
    return builtin_tours(content, VIEWS)["ketamine"]


def _step(tour, title_start: str):
    (step,) = [s for s in tour.steps if s.title.startswith(title_start)]
    return step


# ------------------------------------------------------------------ the loader
def test_notes_are_optional_and_kept(tmp_path, content):
    data = copy.deepcopy(GOOD)
    data["steps"][1]["notes"] = "  Say that this is **mice**.\nSecond line.  "
    tour = load_tour(write_tour(tmp_path / "t.toml", data), content, VIEWS)
    assert tour.steps[0].notes == ""
    assert tour.steps[1].notes == "Say that this is **mice**.\nSecond line."


def test_empty_notes_mean_none(tmp_path, content):
    data = copy.deepcopy(GOOD)
    data["steps"][0]["notes"] = ""
    assert load_tour(write_tour(tmp_path / "t.toml", data), content, VIEWS).steps[0].notes == ""


@pytest.mark.parametrize(("value", "message"), [
    ("x" * (MAX_NOTES + 1), "too long"),
    (12, "text"),
    (["a"], "text"),
])
def test_bad_notes_name_the_step_and_field(tmp_path, content, value, message):
    data = copy.deepcopy(GOOD)
    data["steps"][2]["notes"] = value
    with pytest.raises(ContentError) as info:
        load_tour(write_tour(tmp_path / "t.toml", data), content, VIEWS)
    assert "step 3 of 3" in str(info.value) and "notes" in str(info.value) and message in str(info.value)


def test_a_lecturers_long_caption_still_loads(tmp_path, content):
    """The 20-word rule is for the shipped tour; the loader's bound stays MAX_CAPTION characters."""
    data = copy.deepcopy(GOOD)
    data["steps"][0]["caption"] = " ".join(["word"] * 50)[:MAX_CAPTION]
    assert len(load_tour(write_tour(tmp_path / "t.toml", data), content, VIEWS).steps[0].caption.split()) > 20


# ------------------------------------------------------------- the shipped tour
def test_every_shipped_caption_has_at_most_20_words(tour):
    long = {s.title: len(s.caption.split()) for s in tour.steps if len(s.caption.split()) > MAX_CAPTION_WORDS}
    assert not long, f"captions over {MAX_CAPTION_WORDS} words: {long}"


def test_every_shipped_step_has_speaker_notes(tour):
    """Each step of the shipped tour has caveats to say aloud (the trials' size, the species, the open points)."""
    assert all(s.notes for s in tour.steps), [s.title for s in tour.steps if not s.notes]


def test_first_step_two_small_trials(tour):
    """Item 10."""
    first = tour.steps[0]
    assert "placebo-controlled trials, one infusion" not in first.caption
    assert "two small" in first.caption
    assert "two small" in first.notes.lower()
    assert re.search(r"7 patients", first.notes) and re.search(r"18 patients", first.notes)
    assert "third" in first.notes and "35%" in first.notes
    assert "unblind" in first.notes
    assert {"berman2000", "zarate2006"} <= set(first.refs)


def test_hippocampus_step_volunteers_not_imaged(tour):
    """Item 11."""
    step = _step(tour, "Hippocampus")
    assert "In people, one dose impairs" not in step.caption
    assert "healthy volunteers" in step.caption
    assert "volunteers" in step.notes and "low-dose" in step.notes
    assert "did not image the hippocampus" in step.notes
    assert "malhotra1996" in step.refs


def test_steps_4_5_show_both_regions_and_say_where(tour):
    """Item 13: both regions highlighted, and where each finding was shown."""
    step = _step(tour, "Steps 4–5")
    assert set(step.regions) == {"prefrontal_cortex", "hippocampus"}
    assert step.cutaway and step.cortex_opacity <= 0.2   # the hippocampus is deep: visible only so
    assert "hippocampal" in step.caption and "mice" in step.caption
    assert "hippocampus" in step.notes and "Maeng" in step.notes and "Autry" in step.notes


def test_posteromedial_step_rests_on_one_mouse_study(tour):
    step = _step(tour, "Posteromedial")
    assert "one mouse study" in step.notes
    assert "single epilepsy patient" in step.notes


def test_safety_step_should_be_supervised(tour):
    """Item 2 (tour part): 'should be', and the label's facts in the notes."""
    step = _step(tour, "Safety")
    assert "always" not in (step.caption + step.notes).lower()
    assert "should be supervised" in step.caption
    for fact in ("Spravato", "off-label", "at least 2 hours", "Schedule III", "dependence"):
        assert fact in step.notes, fact
    assert "spravato_label" in step.refs


def test_open_questions_mention_the_human_rapamycin_result(tour):
    """Item 3 (tour part)."""
    step = _step(tour, "Open questions")
    assert "rapamycin" in step.notes and "prolonged" in step.notes
    assert {"abdallah2020", "holmes2022", "shirayama2018"} <= set(step.refs)
