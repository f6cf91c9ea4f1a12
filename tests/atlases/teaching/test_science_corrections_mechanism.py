"""Pins the issue-13 science corrections of the mechanism steps and the safety note.

Each test names the correction it holds in place (numbers from issue 13), so that
a later edit of the shipped texts cannot quietly bring an error back.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from atlases.errors import ContentError
from atlases.resources import asset_dir
from atlases.teaching.content import DOI_PATTERN, load_content

#: The references added for issue 13 (task13-refs.md; mcewen2007 replaces the unconfirmable
#: mcewen1999, lodge2015 backs the open-channel sentence).
NEW_REFERENCES = ("defelipe1992", "anis1983", "lodge2015", "abdallah2020", "shirayama2018", "spravato_label",
                  "porsolt1977", "steru1985", "commons2017", "holmes2022", "scoville1957", "squire1992",
                  "mcewen2007")


@pytest.fixture(scope="module")
def content():
    return load_content()


def _step(content, step_id):
    return content.mechanism.step(step_id)


def _words(text: str) -> str:
    """Lower case, markup and line breaks flattened, so phrases match across emphasis."""
    return " ".join(text.replace("*", "").lower().split())


# ---------------------------------------------------------------- 2: safety
def _shipped_texts():
    """Every shipped content and tour file, as (path, text)."""
    for folder in (asset_dir("content"), asset_dir("tours")):
        for path in sorted(Path(folder).rglob("*.toml")):
            yield path, path.read_text(encoding="utf-8")


def test_no_shipped_text_says_medical_use_is_always_supervised():
    claims = re.compile(r"always\s+(?:under\s+(?:medical\s+)?)?supervis|supervised\s+always", re.IGNORECASE)
    found = [(path.name, m.group(0)) for path, text in _shipped_texts() for m in claims.finditer(_words(text))]
    assert not found, f"'always supervised' is not true everywhere: say 'should be' ({found})"


def test_safety_note_says_should_be_supervised(content):
    assert "should be under medical supervision" in _words(content.safety.text)


def test_safety_note_names_esketamine_its_indications_and_off_label_ketamine(content):
    text = _words(content.safety.text)
    assert "esketamine (spravato)" in text
    assert "treatment-resistant depression" in text
    assert "suicidal thoughts" in text
    assert "off-label" in text and "racemic" in text


def test_safety_note_gives_the_rems_observation_and_the_abuse_liability(content):
    text = _words(content.safety.text)
    assert "(a rems)" in text
    assert "at least 2 hours" in text
    for risk in ("sedation", "dissociation", "blood pressure"):
        assert risk in text, risk
    assert "misused" in text and "dependence" in text
    assert "schedule iii" in text


def test_safety_note_keeps_the_bladder_and_memory_warning_and_no_dosing_advice(content):
    text = _words(content.safety.text)
    assert "bladder" in text and "memory" in text
    assert "no advice on doses" in text
    assert not re.search(r"\b\d+(?:\.\d+)?\s*(?:mg|milligram|ml)\b", text), "no doses in the safety note"


def test_safety_note_cites_the_label(content):
    assert "spravato_label" in content.safety.refs
    label = content.reference("spravato_label")
    assert label.short() == "Janssen 2025"
    assert label.doi is None  # a label has no DOI: none is invented


# ---------------------------------------------------------------- 1: nmda_block
def test_nmda_block_cites_the_synapse_counts_and_the_pharmacology(content):
    step = _step(content, "nmda_block")
    assert "defelipe1992" in step.refs and "anis1983" in step.refs
    assert "attwell2001" not in step.refs, "an energy budget is not the source of the synapse counts"


def test_nmda_block_says_the_figures_are_counts_not_modelling(content):
    text = _words(_step(content, "nmda_block").text)
    assert "modeling" not in text and "modelling" not in text, "the 80-90% figures are counts, not modelling"
    assert "electron-microscope counts" in text
    assert "80–90%" in text and "cortex" in text
    assert "phencyclidine" in text


# ---------------------------------------------------------------- 3: mtorc1
def test_mtorc1_cites_and_states_the_human_rapamycin_test(content):
    step = _step(content, "mtorc1")
    assert "abdallah2020" in step.refs
    text = _words(step.text)
    assert "rapamycin" in text and "not block" in text and "24 hours" in text
    assert "last longer" in text


# ---------------------------------------------------------------- 8: disinhibition, glutamate_surge
def test_glutamate_surge_is_not_labelled_human_evidence(content):
    step = _step(content, "glutamate_surge")
    assert step.evidence == "animal"
    assert "one small study" in _words(step.text)


def test_the_glutamate_release_is_stated_as_a_hypothesis(content):
    surge = _words(_step(content, "glutamate_surge").text)
    assert "with the brakes off, pyramidal neurons release more glutamate" not in surge
    assert surge.startswith("hypothesis:")
    assert _step(content, "disinhibition").evidence == "hypothesis"
    assert "hypothesis" in _words(_step(content, "disinhibition").text)


# ---------------------------------------------------------------- 9: ampa_activation
def test_ampa_activation_cites_a_null_result_for_hnk(content):
    step = _step(content, "ampa_activation")
    assert "zanos2016" in step.refs and "shirayama2018" in step.refs
    assert "disputed" in _words(step.text)


# ---------------------------------------------------------------- 14: antidepressant-like
def test_antidepressant_like_is_explained_in_the_intro_with_its_limits(content):
    mech = content.mechanism
    intro = _words(mech.intro)
    assert "antidepressant-like" in intro
    assert "forced-swim" in intro and "tail-suspension" in intro
    assert "not the same as relief from depression" in intro
    assert mech.intro_refs == ("porsolt1977", "steru1985", "commons2017")


# ---------------------------------------------------------------- references
@pytest.mark.parametrize("ref_id", NEW_REFERENCES)
def test_new_reference_is_defined_with_a_well_formed_doi(content, ref_id):
    ref = content.reference(ref_id)
    assert ref.doi is None or DOI_PATTERN.match(ref.doi), ref.doi
    assert ref.doi is not None or ref_id in ("spravato_label",), f"{ref_id}: DOI expected (checked)"


# ---------------------------------------------------------------- intro_refs validation
@pytest.fixture
def folder(tmp_path) -> Path:
    dest = tmp_path / "content"
    shutil.copytree(asset_dir("content"), dest)
    return dest


def _set_intro_refs(folder: Path, value: str) -> None:
    path = folder / "mechanism.toml"
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(r"^intro_refs = .*$", f"intro_refs = {value}", text, count=1, flags=re.MULTILINE)
    assert count == 1
    path.write_text(text, encoding="utf-8")


def test_unknown_intro_ref_is_a_content_error(folder):
    _set_intro_refs(folder, '["porsolt1977", "nobody1999"]')
    with pytest.raises(ContentError, match="nobody1999") as err:
        load_content(folder)
    assert "mechanism.toml" in str(err.value) and "intro_refs" in str(err.value)


def test_intro_refs_must_be_a_list_of_strings(folder):
    _set_intro_refs(folder, '"porsolt1977"')
    with pytest.raises(ContentError, match="intro_refs"):
        load_content(folder)


def test_intro_refs_is_optional_for_a_lecturer_folder(folder):
    path = folder / "mechanism.toml"
    path.write_text(re.sub(r"^intro_refs = .*\n", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE),
                    encoding="utf-8")
    assert load_content(folder).mechanism.intro_refs == ()
