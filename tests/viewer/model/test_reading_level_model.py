"""The reading level in the display model: one of the two levels, a change emits once."""

from __future__ import annotations

import pytest

from viewer.model.display_model import DisplayModel


def test_the_model_starts_at_the_advanced_level():
    assert DisplayModel(theme="light").reading_level == "advanced"


def test_set_reading_level_emits_new_and_old_once():
    model = DisplayModel(theme="light")
    seen = []
    model.events.reading_level.connect(lambda new, old: seen.append((new, old)))
    model.set_reading_level("intro")
    model.set_reading_level("intro")
    model.set_reading_level("advanced")
    assert seen == [("intro", "advanced"), ("advanced", "intro")]


@pytest.mark.parametrize("bad", ["beginner", "", "Intro", None, 1, ["intro"]])
def test_an_unknown_level_changes_nothing(bad):
    model = DisplayModel(theme="light")
    model.set_reading_level("intro")
    model.set_reading_level(bad)
    assert model.reading_level == "intro"
