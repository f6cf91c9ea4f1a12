"""Issue 13's science corrections in the region texts: each correction is pinned to its wording and citation."""

from __future__ import annotations

import re

import pytest

from atlases.sources.definitions import REGION_IDS
from atlases.teaching.content import load_content


@pytest.fixture(scope="module")
def content():
    return load_content()


def _paragraphs(region, section: str):
    return region.sections[section]


def _with(region, section: str, pattern: str):
    """The paragraphs of ``section`` whose text matches ``pattern`` (case-insensitive)."""
    return [p for p in _paragraphs(region, section) if re.search(pattern, p.text, re.IGNORECASE)]


def _all_text(region) -> str:
    return " ".join([region.summary, *(p.text for paras in region.sections.values() for p in paras)])


def test_every_shipped_summary_is_cited(content):
    """Item 6: the first paragraph of each region carries references, and they resolve."""
    for region_id in REGION_IDS:
        region = content.region(region_id)
        assert region.summary_refs, f"{region_id}: the summary cites nothing"
        for ref_id in region.summary_refs:
            content.reference(ref_id)


def test_prefrontal_cortex_states_the_sv2a_pet_finding(content):
    """Item 4: synaptic density can be indexed in living people; Holmes 2022 found no change at 24 h."""
    pfc = content.region("prefrontal_cortex")
    assert "cannot count synapses" not in _all_text(pfc)
    (para,) = _with(pfc, "uncertain", r"SV2A")
    assert "holmes2022" in para.refs
    assert re.search(r"did not measurably change", para.text)
    assert "24 hours" in para.text
    assert re.search(r"exploratory", para.text, re.IGNORECASE)


def test_prefrontal_glutamate_surge_is_marked_as_hypothesis(content):
    """Item 8: where the extra glutamate comes from is the leading hypothesis; the human evidence is one small study."""
    pfc = content.region("prefrontal_cortex")
    (rat,) = _with(pfc, "ketamine", r"glutamate surge")
    assert "leading hypothesis" in rat.text
    assert re.search(r"human evidence is one small study", rat.text)


def test_hippocampus_summary_says_what_autry_showed(content):
    """Item 5: no priority claim; the summary cites Autry 2011 for what it showed."""
    hpc = content.region("hippocampus")
    assert "first described" not in hpc.summary
    assert "autry2011" in hpc.summary_refs
    assert "BDNF" in hpc.summary and "mice" in hpc.summary


def test_hippocampus_normal_role_cites_a_memory_classic_and_stress(content):
    """Item 7: forming new episodic memories cites Scoville & Milner or Squire; stress sensitivity is there, cited."""
    hpc = content.region("hippocampus")
    (memory,) = _with(hpc, "normal_role", r"episodic")
    assert {"scoville1957", "squire1992"} <= set(memory.refs)
    (stress,) = _with(hpc, "normal_role", r"stress-sensitive")
    assert "mcewen2007" in stress.refs
    assert "mcewen2007" in hpc.summary_refs and "stress" in hpc.summary


def test_hippocampus_hnk_dispute_cites_a_null_result(content):
    """Item 9: the 'disputed' HNK paragraph cites Shirayama & Hashimoto 2018 beside its proponents."""
    hpc = content.region("hippocampus")
    (hnk,) = _with(hpc, "uncertain", r"hydroxynorketamine")
    assert hnk.evidence == "disputed"
    assert {"zanos2016", "shirayama2018"} <= set(hnk.refs)
    assert re.search(r"no antidepressant-like effect", hnk.text)


def test_hippocampus_memory_study_was_in_volunteers_without_imaging(content):
    hpc = content.region("hippocampus")
    (study,) = _with(hpc, "ketamine", r"healthy volunteers")
    assert "malhotra1996" in study.refs
    assert "did not image the hippocampus" in study.text


def test_posteromedial_cortex_wording(content):
    """Item 12: one mouse study; alpha power 'coincided with'; resting-state functional connectivity."""
    pmc = content.region("posteromedial_cortex")
    text = _all_text(pmc)
    assert "well shown in mice" not in text
    (rhythm,) = _with(pmc, "uncertain", r"1–3 Hz")
    assert "one mouse study" in rhythm.text
    (eeg,) = _with(pmc, "ketamine", r"alpha")
    assert re.search(r"coincided with a fall in alpha power", eeg.text)
    assert "resting-state functional connectivity" in eeg.text
    assert "less strongly connected" not in eeg.text
    assert {"vlisides2018", "scheidegger2012"} <= set(eeg.refs)
