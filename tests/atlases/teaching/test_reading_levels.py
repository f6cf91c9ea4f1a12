"""Two reading levels: every shipped text has an intro level, and the intro level keeps the evidence honest.

The intro texts (secondary school) are optional in a lecturer's folder: without
them the advanced text is shown; with them they are bounded like the others.
"""

from __future__ import annotations

import re
import shutil
import sys

import pytest

from atlases.errors import ContentError
from atlases.resources import asset_dir
from atlases.teaching.content import (
    DEFAULT_READING_LEVEL,
    MAX_INTRO_CHARS,
    READING_LEVELS,
    SECTIONS,
    load_content,
)
from tests.helpers_toml import dump_toml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Words that say a claim is not settled; an intro text of an unsettled claim needs one.
_HEDGES = ("hypothes", "not known", "unknown", "debate", "disput", "not yet", "open", "not shown", "correlation")


@pytest.fixture(scope="module")
def shipped():
    return load_content()


def _all_texts(content):
    """(where, advanced text, intro text, evidence) of every region summary, paragraph, step and the overview."""
    for region in content.regions.values():
        yield f"{region.id}: summary", region.summary, region.summary_intro, None
        for key in SECTIONS:
            for i, p in enumerate(region.sections[key]):
                yield f"{region.id}: {key}[{i}]", p.text, p.intro, p.evidence
    mech = content.mechanism
    yield "mechanism: intro", mech.intro, mech.overview_intro, None
    for step in mech.steps:
        yield f"mechanism: {step.id}", step.text, step.intro, step.evidence


def test_levels_are_intro_and_advanced_and_advanced_is_the_default():
    assert READING_LEVELS == ("intro", "advanced")
    assert DEFAULT_READING_LEVEL == "advanced"


def test_every_shipped_text_has_both_levels(shipped):
    texts = list(_all_texts(shipped))
    assert len(texts) == 3 + 34 + 1 + 7   # summaries, region paragraphs, the mechanism's intro, steps
    for where, advanced, intro, _ in texts:
        assert advanced.strip(), where
        assert intro.strip(), f"{where} has no intro-level text"
        assert intro != advanced, f"{where}: the intro text is the advanced one"


def test_intro_texts_are_shorter_with_shorter_sentences(shipped):
    def words_per_sentence(text):
        return len(text.split()) / max(len(re.findall(r"[.!?:](?:\s|$)", text)), 1)

    for where, _advanced, intro, _ in _all_texts(shipped):
        assert len(intro) <= MAX_INTRO_CHARS, where
        assert words_per_sentence(intro) <= 25, f"{where}: intro sentences of {words_per_sentence(intro):.0f} words"
    total_intro = sum(len(t[2].split()) for t in _all_texts(shipped))
    total_advanced = sum(len(t[1].split()) for t in _all_texts(shipped))
    assert total_intro < total_advanced


def test_the_intro_level_keeps_hypotheses_hypotheses(shipped):
    checked = 0
    for where, advanced, intro, evidence in _all_texts(shipped):
        if re.search(r"hypothes", advanced, re.IGNORECASE):
            assert re.search(r"hypothes", intro, re.IGNORECASE), f"{where}: the intro text drops 'hypothesis'"
            checked += 1
        if re.search(r"disputed", advanced, re.IGNORECASE):
            assert re.search(r"disputed", intro, re.IGNORECASE), f"{where}: the intro text drops 'disputed'"
        if evidence in ("hypothesis", "disputed"):
            assert any(h in intro.lower() for h in _HEDGES), f"{where}: a {evidence} stated as fact"
    assert checked >= 4   # disinhibition, the glutamate surge, and two PFC paragraphs


def test_disinhibition_is_a_leading_hypothesis_at_both_levels(shipped):
    step = shipped.mechanism.step("disinhibition")
    assert step.evidence == "hypothesis"
    for level in READING_LEVELS:
        assert "Leading hypothesis" in step.text_at(level)
        assert "Competing model" in step.text_at(level)


def test_species_and_the_small_human_studies_stay_named_at_the_intro_level(shipped):
    pfc = shipped.region("prefrontal_cortex")
    intros = [p.intro for p in pfc.sections["ketamine"]]
    assert intros[0].startswith("In rats") and "one small study" in intros[0]
    assert "21 participants" in intros[1]
    surge = shipped.mechanism.step("glutamate_surge").intro
    assert "In rats" in surge and "one small study (21 people)" in surge
    hippocampus = shipped.region("hippocampus").sections["ketamine"]
    assert hippocampus[0].intro.startswith("In mice") and hippocampus[1].intro.startswith("In rats")
    pmc = shipped.region("posteromedial_cortex")
    assert "**not** yet been recorded in people given ketamine" in pmc.sections["ketamine"][1].intro


def test_text_at_picks_the_level(shipped):
    para = shipped.region("hippocampus").sections["location"][0]
    assert para.text_at("intro") == para.intro
    assert para.text_at("advanced") == para.text
    region = shipped.region("hippocampus")
    assert region.summary_at("intro") == region.summary_intro
    assert region.summary_at("advanced") == region.summary
    mech = shipped.mechanism
    assert mech.intro_at("intro") == mech.overview_intro and mech.intro_at("advanced") == mech.intro


# ---------------------------------------------------------------- a lecturer's folder
@pytest.fixture
def folder(tmp_path):
    dest = tmp_path / "content"
    shutil.copytree(asset_dir("content"), dest)
    return dest


def _edit(path, change):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dump_toml(data), encoding="utf-8")


def _drop_intros(data):
    data.pop("summary_intro", None)
    data.pop("overview_intro", None)
    for value in data.values():
        if isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    item.pop("intro", None)


def test_a_folder_without_intro_texts_loads_and_shows_the_advanced_text(folder):
    for path in [*sorted((folder / "regions").glob("*.toml")), folder / "mechanism.toml"]:
        _edit(path, _drop_intros)
    content = load_content(folder)
    for where, _advanced, intro, _ in _all_texts(content):
        assert intro == "", where
    region = content.region("hippocampus")
    assert region.summary_at("intro") == region.summary
    assert region.sections["ketamine"][0].text_at("intro") == region.sections["ketamine"][0].text
    assert content.mechanism.intro_at("intro") == content.mechanism.intro
    step = content.mechanism.steps[0]
    assert step.text_at("intro") == step.text


@pytest.mark.parametrize(("file", "change", "field"), [
    ("regions/hippocampus.toml", lambda d: d["ketamine"][0].update(intro="x" * (MAX_INTRO_CHARS + 1)), "intro"),
    ("regions/hippocampus.toml", lambda d: d["ketamine"][0].update(intro=42), "intro"),
    ("regions/hippocampus.toml", lambda d: d.update(summary_intro="x" * 1001), "summary_intro"),
    ("mechanism.toml", lambda d: d["steps"][1].update(intro=["a"]), "intro"),
    ("mechanism.toml", lambda d: d.update(overview_intro="x" * (MAX_INTRO_CHARS + 1)), "overview_intro"),
    ("mechanism.toml", lambda d: d["steps"][1].update(intro_text="typo"), "intro_text"),
])
def test_a_bad_intro_text_names_the_file_and_the_field(folder, file, change, field):
    _edit(folder / file, change)
    with pytest.raises(ContentError) as err:
        load_content(folder)
    message = str(err.value)
    assert file.split("/")[-1] in message and field in message
