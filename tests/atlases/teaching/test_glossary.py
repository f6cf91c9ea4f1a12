"""The glossary file: the shipped terms, and a lecturer's (hostile) glossary refused with a clear error."""

from __future__ import annotations

import re
import shutil

import pytest

from atlases.errors import ContentError
from atlases.resources import asset_dir
from atlases.teaching.content import load_content
from atlases.teaching.content_folder import load_lecture_folder
from atlases.teaching.glossary import (
    MAX_DEFINITION_CHARS,
    MAX_TERMS,
    Glossary,
    load_folder_glossary,
    load_glossary,
)

REFS = {"li2010", "autry2011"}


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture(scope="module")
def glossary(content):
    return content.glossary


def _write(tmp_path, text, name="glossary.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _term(id_="nmda_receptor", term="NMDA receptor", forms='["NMDA receptor"]', definition="A receptor.",
          refs='["li2010"]'):
    return f'[[terms]]\nid = "{id_}"\nterm = "{term}"\nforms = {forms}\ndefinition = "{definition}"\nrefs = {refs}\n'


# ------------------------------------------------------------------ shipped
def test_the_shipped_glossary_has_about_thirty_terms_named_in_the_issue(glossary):
    assert len(glossary.terms) >= 30
    forms = {f.casefold() for t in glossary.terms for f in t.forms}
    for word in ("NMDA receptor", "AMPA receptor", "GluN2B", "glutamate", "GABA interneuron",
                 "pyramidal neuron", "disinhibition", "BDNF", "TrkB", "mTORC1", "eEF2 kinase", "synaptogenesis",
                 "dendritic spine", "microdialysis", "carbon-13 spectroscopy", "default mode network",
                 "functional connectivity", "alpha power", "dissociation", "sub-anaesthetic",
                 "open-channel blocker", "HNK", "antidepressant-like"):
        assert word.casefold() in forms, word


def test_shipped_definitions_are_short_and_cite_existing_references(glossary, content):
    for term in glossary.terms:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", term.definition) if s]
        assert 1 <= len(sentences) <= 2, term.id
        assert len(term.definition) <= MAX_DEFINITION_CHARS
        assert set(term.refs) <= set(content.references), term.id
    # a definition that reports a finding ("In rats...", "In mice...") cites it
    for term in glossary.terms:
        if re.search(r"\b(in (rats|mice|people|volunteers|animals)|study|studies)\b", term.definition, re.I):
            assert term.refs, term.id


def test_a_content_folder_without_a_glossary_has_an_empty_one(tmp_path, content):
    assert load_folder_glossary(tmp_path, content.references) == Glossary()


def test_a_lecturer_folder_with_a_bad_glossary_is_refused_on_load(tmp_path):
    folder = tmp_path / "pack"
    shutil.copytree(asset_dir("content"), folder)
    (folder / "glossary.toml").write_text(_term(refs='["nosuchpaper"]'), encoding="utf-8")
    with pytest.raises(ContentError, match="nosuchpaper") as err:
        load_lecture_folder(folder, ["lateral"])
    assert "glossary.toml" in str(err.value) and "terms[0].refs" in str(err.value)


# ------------------------------------------------------------------ hostile
@pytest.mark.parametrize("text, field", [
    (_term(id_="Bad Id"), "terms[0].id"),
    (_term(id_="a") + _term(id_="a", forms='["other"]'), "terms[1].id"),
    (_term(forms='["<b>x</b>"]'), "terms[0].forms[0]"),
    (_term(forms='["a&amp;b"]'), "terms[0].forms[0]"),
    (_term(forms='["x_y"]'), "terms[0].forms[0]"),
    (_term(forms='["two  spaces"]'), "terms[0].forms[0]"),
    (_term(forms='[""]'), "terms[0].forms[0]"),
    (_term(forms='[]'), "terms[0].forms"),
    (_term(forms='["' + "w" * 61 + '"]'), "terms[0].forms[0]"),
    (_term(forms='["a b c d e f g"]'), "terms[0].forms[0]"),
    (_term(forms='[' + ", ".join(f'"f{i}"' for i in range(13)) + ']'), "terms[0].forms"),
    (_term(id_="a") + _term(id_="b", forms='["nmda RECEPTOR"]'), "terms[1].forms[0]"),
    (_term(definition="x" * (MAX_DEFINITION_CHARS + 1)), "terms[0].definition"),
    (_term(definition=""), "terms[0].definition"),
    (_term(term="t" * 81), "terms[0].term"),
    (_term(refs='["nosuchpaper"]'), "terms[0].refs[0]"),
    (_term(refs='"li2010"'), "terms[0].refs"),
    (_term() + 'colour = "red"\n', "terms[0].colour"),
    ("[terms]\nid = 'x'\n", "terms"),
    ("".join(_term(id_=f"t{i}", forms=f'["f{i}"]') for i in range(MAX_TERMS + 1)), "terms"),
])
def test_a_bad_glossary_names_the_file_and_the_field(tmp_path, text, field):
    path = _write(tmp_path, text)
    with pytest.raises(ContentError) as err:
        load_glossary(path, REFS)
    assert "glossary.toml" in str(err.value) and field in str(err.value), str(err.value)


def test_a_huge_or_binary_glossary_is_refused(tmp_path):
    with pytest.raises(ContentError, match="glossary.toml"):
        load_glossary(_write(tmp_path, "# " + "x" * 1_100_000), REFS)
    (tmp_path / "glossary.toml").write_bytes(b"\xff\xfe\x00[[terms]]")
    with pytest.raises(ContentError, match="UTF-8"):
        load_glossary(tmp_path / "glossary.toml", REFS)


def test_markup_in_a_definition_is_kept_as_text_for_the_widgets_to_show_plainly(tmp_path):
    path = _write(tmp_path, _term(definition="<script>alert(1)</script> <b>bold</b>"))
    term = load_glossary(path, REFS).terms[0]
    assert term.definition == "<script>alert(1)</script> <b>bold</b>"   # the popup shows it as plain text


def test_a_glossary_link_outside_the_folder_is_refused(tmp_path, content):
    outside = _write(tmp_path, _term(), "elsewhere.toml")
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "glossary.toml").symlink_to(outside)
    with pytest.raises(ContentError, match="outside"):
        load_folder_glossary(folder, REFS)


def test_the_window_falls_back_to_the_built_in_content_when_a_folder_glossary_is_bad(tmp_path):
    from viewer.app import load_content_or_builtin

    folder = tmp_path / "pack"
    shutil.copytree(asset_dir("content"), folder)
    (folder / "glossary.toml").write_text(_term(id_="Bad Id"), encoding="utf-8")
    content, problem = load_content_or_builtin(folder)
    assert isinstance(problem, ContentError) and "terms[0].id" in str(problem)
    assert content.folder == load_content().folder
