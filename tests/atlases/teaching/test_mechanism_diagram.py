"""The mechanism diagram's model: every step's state, the computed changes, the rival variant, the claims.

The built-in scene (assets/diagrams/ketamine_circuit.toml) and labels
(assets/content/mechanism_diagram.toml) are read with the built-in content;
the states are checked against what the issue specifies (in step 2 the
interneuron is quiet and the pyramidal cell active; in step 1 ketamine plugs
the NMDA channels...). Hostile scene and label files: test_mechanism_diagram_files.py.
"""

from __future__ import annotations

import re
import shutil

import pytest

from atlases.errors import UnknownNameError
from atlases.resources import asset_dir
from atlases.teaching.content import load_content
from atlases.teaching.mechanism_diagram import (
    LEADING,
    RIVAL,
    ElementLook,
    interpolate_frames,
    is_change,
    load_mechanism_diagram,
)

STEPS = ("nmda_block", "disinhibition", "glutamate_surge", "ampa_activation", "bdnf_trkb", "mtorc1",
         "synaptogenesis")
# the species of the studies each step cites: ampa_activation includes the rat null result for HNK
# (Shirayama & Hashimoto 2018), synaptogenesis the human SV2A PET study (Holmes et al. 2022)
SPECIES = {
    "nmda_block": ("rat",), "disinhibition": ("rat", "mouse"), "glutamate_surge": ("rat", "human"),
    "ampa_activation": ("mouse", "rat"), "bdnf_trkb": ("mouse", "rat"), "mtorc1": ("rat", "mouse", "human"),
    "synaptogenesis": ("rat", "mouse", "human"),
}


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture(scope="module")
def diagram(content):
    return load_mechanism_diagram(content)


def state(look: ElementLook) -> str:
    if look.visible == 0:
        return "hidden"
    if look.blocked == 1:
        return "blocked"
    if look.active == 1:
        return "active"
    return "dim" if look.dimmed == 1 else "normal"


def test_every_mechanism_step_has_a_frame(diagram, content):
    assert diagram.step_ids == tuple(s.id for s in content.mechanism.steps) == STEPS
    for step_id in STEPS:
        frame = diagram.frame(step_id)
        assert frame.step_id == step_id and frame.variant == LEADING
        assert set(frame.looks) == {e.id for e in diagram.elements}
        assert frame.change_label.strip()
        assert any(state(look) in ("active", "blocked") for look in frame.looks.values()), step_id


def test_step_1_ketamine_plugs_the_nmda_receptors_of_both_cells(diagram):
    looks = diagram.frame("nmda_block").looks
    assert state(looks["ketamine"]) == "active"
    assert state(looks["nmda_interneuron"]) == state(looks["nmda_pyramidal"]) == "blocked"
    assert set(diagram.element("ketamine").geometry["targets"]) == {"nmda_interneuron", "nmda_pyramidal"}
    assert state(looks["interneuron"]) == state(looks["pyramidal"]) == "normal"
    assert state(looks["ampa"]) != "blocked"   # ketamine does not block AMPA receptors


def test_step_2_the_interneuron_is_dimmed_and_the_pyramidal_cell_active(diagram):
    looks = diagram.frame("disinhibition").looks
    assert state(looks["interneuron"]) == "dim"
    assert state(looks["gaba_release"]) == "dim"
    assert state(looks["pyramidal"]) == "active"


def test_the_later_steps_show_what_their_texts_say(diagram):
    def looks(step):
        return {k: state(v) for k, v in diagram.frame(step).looks.items()}

    assert looks("glutamate_surge")["glutamate_release"] == "active"
    assert looks("ampa_activation")["ampa"] == "active"
    assert looks("bdnf_trkb")["bdnf"] == looks("bdnf_trkb")["trkb"] == "active"
    assert looks("mtorc1")["mtorc1"] == "active"
    assert looks("synaptogenesis")["new_spines"] == "active"
    for step in STEPS[:-1]:
        assert looks(step)["new_spines"] == "hidden", step
    assert looks("synaptogenesis")["ketamine"] == "hidden"   # a day later, ketamine is gone


def test_what_changed_is_computed_from_the_previous_step(diagram):
    def emphasised(step, rival=False):
        return {k for k, v in diagram.frame(step, rival).looks.items() if v.emphasis == 1}

    assert emphasised("nmda_block") == {"ketamine", "nmda_interneuron", "nmda_pyramidal"}
    assert {"interneuron", "pyramidal"} <= emphasised("disinhibition")
    assert "ketamine" not in emphasised("disinhibition")    # unchanged since step 1
    assert "glutamate_release" in emphasised("glutamate_surge")
    assert emphasised("synaptogenesis") == {"new_spines"}
    for step in STEPS:
        previous = STEPS[STEPS.index(step) - 1] if step != STEPS[0] else None
        for element_id, look in diagram.frame(step).looks.items():
            before = diagram.states(previous).states[element_id] if previous else "normal"
            after = diagram.states(step).states[element_id]
            assert (look.emphasis == 1) == is_change(before, after), (step, element_id)


def test_is_change_points_at_what_starts_or_appears():
    assert is_change("normal", "active") and is_change("normal", "blocked") and is_change("normal", "dim")
    assert is_change("hidden", "normal") and is_change("dim", "active")
    assert not is_change("active", "active") and not is_change("active", "hidden")
    assert not is_change("active", "normal") and not is_change("blocked", "dim")


def test_step_2_has_the_rival_model_and_no_other_step_does(diagram):
    assert [s for s in STEPS if diagram.has_rival(s)] == ["disinhibition"]
    rival = diagram.frame("disinhibition", rival=True)
    assert rival.variant == RIVAL and rival.hypothesis
    assert state(rival.looks["nmda_pyramidal"]) == "blocked"
    assert state(rival.looks["interneuron"]) == "normal"      # not dimmed as the cause
    assert state(rival.looks["gaba_release"]) != "dim"
    assert "GluN2B" in rival.change_label and rival.change_label != diagram.frame("disinhibition").change_label
    assert rival.species == ("mouse",)
    # asking for the rival of a step without one gives the leading model
    assert diagram.frame("nmda_block", rival=True) == diagram.frame("nmda_block")


def test_hypothesis_steps_follow_the_evidence_of_the_text(diagram, content):
    for step in content.mechanism.steps:
        assert diagram.frame(step.id).hypothesis == (step.evidence == "hypothesis"), step.id
    assert diagram.frame("disinhibition").hypothesis


def test_species_badges(diagram):
    for step_id, species in SPECIES.items():
        frame = diagram.frame(step_id)
        assert frame.species == species
        for s in species:
            assert diagram.labels[f"species.{s}"].strip()


def test_every_element_drawn_active_or_blocked_is_a_claim_of_the_step_text(diagram, content):
    for step in content.mechanism.steps:
        for rival in (False, True):
            if rival and not diagram.has_rival(step.id):
                continue
            written = diagram.states(step.id, rival)
            for element_id, element_state in written.states.items():
                if element_state in ("active", "blocked"):
                    assert element_id in written.claims, (step.id, element_id)
            for element_id, claim in written.claims.items():
                assert re.search(re.escape(claim), step.text, re.IGNORECASE), \
                    f"{step.id}: the diagram shows {element_id!r} but the text never says {claim!r}"


def test_every_labelled_element_and_marker_has_its_words(diagram):
    for element in diagram.elements:
        if element.label_box is not None:
            assert diagram.labels.get(element.id, "").strip(), element.id
    for marker in ("hypothesis", "rival", "leading"):
        assert diagram.labels[f"marker.{marker}"].strip()


def test_an_unknown_step_is_refused_with_the_valid_ones(diagram):
    with pytest.raises(UnknownNameError) as err:
        diagram.frame("no_such_step")
    assert "nmda_block" in str(err.value) and "synaptogenesis" in str(err.value)
    with pytest.raises(UnknownNameError):
        diagram.has_rival("no_such_step")


def test_interpolation_blends_the_looks_and_switches_the_words_half_way(diagram):
    a, b = diagram.frame("nmda_block"), diagram.frame("disinhibition")
    assert interpolate_frames(a, b, 0.0).looks == a.looks
    assert interpolate_frames(a, b, 1.0).looks == b.looks
    middle = interpolate_frames(a, b, 0.5)
    assert middle.looks["interneuron"].dimmed == pytest.approx(0.5)
    assert middle.looks["pyramidal"].active == pytest.approx(0.5)
    assert interpolate_frames(a, b, 0.49).change_label == a.change_label
    assert middle.change_label == b.change_label and middle.hypothesis == b.hypothesis
    assert interpolate_frames(a, b, 7.0).looks == b.looks        # t is clamped
    assert interpolate_frames(a, b, -1.0).looks == a.looks


def test_a_lecturers_folder_without_labels_uses_the_built_in_ones(tmp_path, diagram):
    folder = tmp_path / "pack"
    shutil.copytree(asset_dir("content"), folder)
    (folder / "mechanism_diagram.toml").unlink()
    assert load_mechanism_diagram(load_content(folder)).labels == diagram.labels


def test_a_lecturers_own_labels_are_used(tmp_path):
    folder = tmp_path / "pack"
    shutil.copytree(asset_dir("content"), folder)
    path = folder / "mechanism_diagram.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"Pyramidal neuron"', '"Pyramidenzelle"'),
                    encoding="utf-8")
    assert load_mechanism_diagram(load_content(folder)).labels["pyramidal"] == "Pyramidenzelle"
