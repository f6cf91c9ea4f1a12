"""Hostile mechanism-diagram files: each problem is one ContentError naming the file and the field.

The scene (assets/diagrams/ketamine_circuit.toml) and the labels
(mechanism_diagram.toml of a content folder; a lecturer may bring their own)
are untrusted: bad ids, unknown elements, numbers out of range or not finite,
points off the canvas, too many elements or points, an element in two states,
an active element without a claim, unknown species.
"""

from __future__ import annotations

import sys

import pytest

from atlases.errors import ContentError
from atlases.resources import asset_path
from atlases.teaching.content import load_content
from atlases.teaching.mechanism_diagram_files import MAX_ELEMENTS, MAX_POINTS, build_diagram
from tests.helpers_toml import dump_toml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@pytest.fixture(scope="module")
def content():
    return load_content()


def _load(path):
    with open(path, "rb") as fh:
        return tomllib.load(fh)


@pytest.fixture
def scene():
    return _load(asset_path("diagrams", "ketamine_circuit.toml"))


@pytest.fixture
def words():
    return _load(asset_path("content", "mechanism_diagram.toml"))


def _element(scene, element_id):
    return next(e for e in scene["elements"] if e["id"] == element_id)


def _step(scene, step_id):
    return next(s for s in scene["steps"] if s["id"] == step_id)


def refused(tmp_path, content, scene=None, words=None) -> ContentError:
    """Build the diagram from ``scene`` and/or ``words`` written to files; return the error it raised."""
    scene_file = words_file = None
    if scene is not None:
        scene_file = tmp_path / "scene.toml"
        scene_file.write_text(dump_toml(scene), encoding="utf-8")
    if words is not None:
        words_file = tmp_path / "words.toml"
        words_file.write_text(dump_toml(words), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        build_diagram(content, scene_file, words_file)
    assert err.value.path is not None and err.value.path.name in ("scene.toml", "words.toml")
    return err.value


def test_the_written_copies_load(tmp_path, content, scene, words):
    """The helpers' round trip is faithful: what the hostile tests change is all that is wrong."""
    (tmp_path / "s.toml").write_text(dump_toml(scene), encoding="utf-8")
    (tmp_path / "w.toml").write_text(dump_toml(words), encoding="utf-8")
    diagram = build_diagram(content, tmp_path / "s.toml", tmp_path / "w.toml")
    assert diagram.frame("disinhibition").looks == build_diagram(content).frame("disinhibition").looks


@pytest.mark.parametrize(("change", "field", "words_in_message"), [
    (lambda s: _element(s, "spine").update(id="Bad Id"), "elements[", "not a valid id"),
    (lambda s: _element(s, "mtorc1").update(id="spine"), "elements[", "duplicate element"),
    (lambda s: _element(s, "spine").update(kind="blob"), "kind", "unknown element kind"),
    (lambda s: _element(s, "spine").update(colour="#FF0000"), "colour", "unknown field"),
    (lambda s: _element(s, "spine").update(role="fancy"), "role", "unknown colour role"),
    (lambda s: _element(s, "spine").pop("head_radius"), "head_radius", "missing"),
    (lambda s: _element(s, "spine").update(head_radius=-5), "head_radius", "between"),
    (lambda s: _element(s, "spine").update(head_radius=1e300), "head_radius", "between"),
    (lambda s: _element(s, "spine").update(head_radius=float("nan")), "head_radius", "finite"),
    (lambda s: _element(s, "spine").update(head=[5000, 330]), "head", "between"),
    (lambda s: _element(s, "spine").update(head=[10, 20, 30]), "head", "[x, y]"),
    (lambda s: _element(s, "spine").update(head="here"), "head", "expected a list"),
    (lambda s: _element(s, "ampa").update(angle=720), "angle", "between"),
    (lambda s: _element(s, "gaba_release").update(count=10_000), "count", "between"),
    (lambda s: _element(s, "gaba_release").update(count=2.5), "count", "whole number"),
    (lambda s: _element(s, "arrow_ampa_mtor").update(head="star"), "head", "unknown arrow head"),
    (lambda s: _element(s, "arrow_ampa_mtor").update(path=[[1, 1]] * (MAX_POINTS + 1)), "path", "2 to"),
    (lambda s: _element(s, "arrow_ampa_mtor").update(path=[[1, 1]]), "path", "2 to"),
    (lambda s: _element(s, "interneuron").update(dendrites=[[[1, 1], [2, 2]]] * 40), "dendrites", "paths"),
    (lambda s: _element(s, "ketamine").update(targets=["spine"]), "targets", "not a channel"),
    (lambda s: _element(s, "ketamine").update(targets=["nowhere"]), "targets", "not a channel"),
    (lambda s: _element(s, "pyramidal").update(label=[10, 10]), "label", "[x, y, width]"),
    (lambda s: _element(s, "pyramidal").update(leader=[-4, 10]), "leader", "between"),
    (lambda s: s.update(canvas=[1600]), "canvas", "[width, height]"),
    (lambda s: s.update(canvas=[1600, 1e9]), "canvas", "between"),
    (lambda s: s.update(elements=s["elements"] * 5), "elements", "limit"),
    (lambda s: s.update(surprise=1), "surprise", "unknown field"),
    (lambda s: _step(s, "mtorc1").update(id="nmda_block"), "id", "duplicate step"),
    (lambda s: _step(s, "mtorc1").update(active=["no_such_element"]), "active[0]", "unknown element"),
    (lambda s: _step(s, "mtorc1").update(dim=["mtorc1"]), "active", "already"),
    (lambda s: _step(s, "mtorc1").update(state="on"), "state", "unknown field"),
    (lambda s: _step(s, "mtorc1")["claims"].pop("mtorc1"), "claims", "no claim"),
    (lambda s: _step(s, "mtorc1")["claims"].update(nothing="x"), "nothing", "unknown field"),
    (lambda s: _step(s, "mtorc1")["claims"].update(mtorc1=""), "mtorc1", "empty"),
    (lambda s: _step(s, "disinhibition")["rival"].update(blocked=["ketamine", "ketamine"]), "blocked", "already"),
])
def test_a_hostile_scene_is_refused_naming_the_field(tmp_path, content, scene, change, field, words_in_message):
    assert len(scene["elements"]) * 5 > MAX_ELEMENTS
    change(scene)
    error = refused(tmp_path, content, scene=scene)
    assert field in (error.field or ""), error
    assert words_in_message in error.message, error


@pytest.mark.parametrize(("change", "field", "words_in_message"), [
    (lambda w: w["elements"].update(nothing="Nothing"), "nothing", "unknown field"),
    (lambda w: w["elements"].update(pyramidal="P" * 500), "pyramidal", "too long"),
    (lambda w: w["elements"].update(pyramidal=""), "pyramidal", "empty"),
    (lambda w: w["elements"].update(pyramidal=7), "pyramidal", "expected text"),
    (lambda w: w["markers"].pop("hypothesis"), "hypothesis", "missing"),
    (lambda w: w["species"].update({"Bad Id": "x"}), "Bad Id", "not a valid species id"),
    (lambda w: w["species"].update({f"s{i}": "x" for i in range(30)}), "species", "1 to 20"),
    (lambda w: w["steps"]["nmda_block"].update(species=["dog"]), "species[0]", "unknown species"),
    (lambda w: w["steps"]["nmda_block"].update(change="x" * 500), "change", "too long"),
    (lambda w: w["steps"]["nmda_block"].update(rival_change="Other"), "rival_change", "no rival variant"),
    (lambda w: w["steps"].pop("mtorc1"), "steps.mtorc1", "missing"),
    (lambda w: w["steps"].update(no_step={"change": "x", "species": ["rat"]}), "no_step", "unknown field"),
])
def test_hostile_labels_are_refused_naming_the_field(tmp_path, content, words, change, field, words_in_message):
    change(words)
    error = refused(tmp_path, content, words=words)
    assert field in (error.field or ""), error
    assert words_in_message in error.message, error


def test_a_lecturers_labels_file_that_is_not_toml_is_refused(tmp_path):
    import shutil

    from atlases.resources import asset_dir
    from atlases.teaching.mechanism_diagram import load_mechanism_diagram

    folder = tmp_path / "pack"
    shutil.copytree(asset_dir("content"), folder)
    (folder / "mechanism_diagram.toml").write_text("[elements\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_mechanism_diagram(load_content(folder))
    assert err.value.path is not None and err.value.path.name == "mechanism_diagram.toml"

