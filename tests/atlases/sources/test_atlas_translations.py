"""The atlas notes in Spanish: translation overlays over the English atlas definitions."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from atlases.errors import ContentError, UnknownNameError
from atlases.resources import LANGUAGES, OVERLAY_KINDS, list_assets, overlay_asset_dir
from atlases.sources.atlas_translations import MAX_NOTE_CHARS, load_overlay, region_note, translated_definition
from atlases.sources.definitions import REGION_IDS, load_definition
from atlases.sources.registry import get_definition

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from helpers_toml import dump_toml

ENGLISH = {p.stem: p for p in list_assets("atlases")}
OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]


def _words(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- the shipped overlays
def test_english_has_no_overlay_and_other_kinds_are_refused():
    assert overlay_asset_dir("atlases", "en") is None
    assert OVERLAY_KINDS == ("atlases",)
    with pytest.raises(UnknownNameError):
        overlay_asset_dir("content", "es")
    with pytest.raises(UnknownNameError):
        overlay_asset_dir("atlases", "fr")


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_english_atlas_file_has_an_overlay_and_no_more(language):
    folder = overlay_asset_dir("atlases", language)
    assert folder is not None
    assert {p.stem for p in folder.glob("*.toml")} == set(ENGLISH)
    assert [p for p in folder.iterdir() if p.suffix != ".toml"] == []


@pytest.mark.parametrize("atlas_id", sorted(ENGLISH))
def test_the_spanish_overlay_has_the_same_regions_and_only_human_text(atlas_id):
    english = tomllib.loads(ENGLISH[atlas_id].read_text(encoding="utf-8"))
    path = overlay_asset_dir("atlases", "es") / f"{atlas_id}.toml"
    spanish = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(spanish) == {"description", "regions"}   # labels, licence, citation: from the English file
    assert set(spanish["regions"]) == set(english["regions"]) == set(REGION_IDS)
    for region in spanish["regions"].values():
        assert set(region) == {"definition"}


@pytest.mark.parametrize("atlas_id", sorted(ENGLISH))
def test_loading_in_spanish_gives_the_spanish_text_and_keeps_the_data(atlas_id):
    english = get_definition(atlas_id)
    spanish = translated_definition(english, "es")
    assert translated_definition(english, "en") is english
    # the data is the English file's
    for name in ("id", "name", "source", "licence", "citation", "options", "path"):
        assert getattr(spanish, name) == getattr(english, name), name
    assert tuple(spanish.regions) == REGION_IDS
    assert spanish.description.strip() and _words(spanish.description) != _words(english.description)
    for region_id in REGION_IDS:
        es, en = spanish.region(region_id), english.region(region_id)
        assert es.labels == en.labels and es.region_id == region_id
        assert _words(es.definition) != _words(en.definition), f"{region_id} is not translated"
        assert len(es.definition) > 0.7 * len(en.definition), f"{region_id}: the Spanish is much shorter"
        assert region_note(atlas_id, region_id, "es") == es.definition
        assert region_note(atlas_id, region_id, "en") == en.definition
    # Spanish, and the anatomy in Spanish words
    text = " ".join(spanish.region(r).definition for r in REGION_IDS)
    assert "corteza" in text and "cingulado" in text
    running_text = f" {_words(re.sub(r'«[^»]*»', '', text))} "   # without the atlas's own label names
    for english_word in (" cortex ", " the ", " and ", " gyrus ", " of "):
        assert english_word not in running_text, english_word


def test_the_spanish_notes_use_the_spanish_anatomical_names():
    assert "precúneo" in region_note("desikan_killiany", "posteromedial_cortex", "es")
    assert "istmo del cingulado" in region_note("desikan_killiany", "posteromedial_cortex", "es")
    assert "frontal superior" in region_note("desikan_killiany", "prefrontal_cortex", "es")
    assert "hipocampo" in region_note("harvard_oxford", "hippocampus", "es")


def test_region_note_fails_loudly_on_unknown_names():
    with pytest.raises(UnknownNameError):
        region_note("aal", "hippocampus", "es")
    with pytest.raises(UnknownNameError):
        region_note("desikan_killiany", "amygdala", "es")
    with pytest.raises(UnknownNameError):
        region_note("desikan_killiany", "hippocampus", "fr")


# ---------------------------------------------------------------- malformed overlays
@pytest.fixture
def base():
    return load_definition(ENGLISH["desikan_killiany"])


def _valid() -> dict:
    return {"description": "Una descripción.",
            "regions": {r: {"definition": f"Definición de {r}."} for r in REGION_IDS}}


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "desikan_killiany.toml"
    text = dump_toml({k: v for k, v in data.items() if k != "regions"})
    for region_id, region in data.get("regions", {}).items():
        text += f"\n[regions.{region_id}]\n" + dump_toml(region)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_overlay_replaces_only_the_text(tmp_path, base):
    loaded = load_overlay(_write(tmp_path, _valid()), base)
    assert loaded.description == "Una descripción."
    assert loaded.region("hippocampus").definition == "Definición de hippocampus."
    assert loaded.region("hippocampus").labels == base.region("hippocampus").labels
    assert loaded.licence == base.licence


def _without(data: dict, region_id: str) -> dict:
    del data["regions"][region_id]
    return data


def _with(data: dict, where: str, key: str, value) -> dict:
    (data if where == "" else data["regions"][where])[key] = value
    return data


def _with_region(data: dict, region_id: str, region: dict) -> dict:
    data["regions"][region_id] = region
    return data


@pytest.mark.parametrize("edit, field, phrase", [
    (lambda d: _with(d, "", "labels", ["x"]), "labels", "unknown field"),
    (lambda d: _with(d, "", "licence", "otra"), "licence", "unknown field"),
    (lambda d: _with(d, "hippocampus", "labels", ["hipocampo"]), "regions.hippocampus.labels", "unknown field"),
    (lambda d: _with(d, "hippocampus", "definition", " "), "regions.hippocampus.definition", "must not be empty"),
    (lambda d: _with(d, "hippocampus", "definition", "x" * (MAX_NOTE_CHARS + 1)),
     "regions.hippocampus.definition", "too long"),
    (lambda d: _with(d, "", "description", "x" * (MAX_NOTE_CHARS + 1)), "description", "too long"),
    (lambda d: _with(d, "hippocampus", "definition", 3), "regions.hippocampus.definition", "expected text"),
    (lambda d: {k: v for k, v in d.items() if k != "description"}, "description", "missing"),
    (lambda d: _without(d, "posteromedial_cortex"), "regions.posteromedial_cortex", "missing"),
    (lambda d: _with_region(d, "amygdala", {"definition": "Amígdala."}), "regions.amygdala", "unknown region"),
])
def test_a_bad_overlay_names_the_file_and_the_field(tmp_path, base, edit, field, phrase):
    path = _write(tmp_path, edit(_valid()))
    with pytest.raises(ContentError) as info:
        load_overlay(path, base)
    assert info.value.path == path
    assert info.value.field == field
    assert phrase in info.value.message


def test_a_region_that_is_not_a_table_is_refused(tmp_path, base):
    path = tmp_path / "desikan_killiany.toml"
    path.write_text('description = "Una."\n[regions]\nhippocampus = "texto"\n'
                    'prefrontal_cortex = {definition = "Una."}\nposteromedial_cortex = {definition = "Una."}\n',
                    encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_overlay(path, base)
    assert info.value.field == "regions.hippocampus" and "table" in info.value.message


def test_a_missing_overlay_is_a_content_error_naming_the_file(monkeypatch, tmp_path, base):
    import atlases.resources as resources

    monkeypatch.setattr(resources, "overlay_asset_dir", lambda kind, language: tmp_path)
    with pytest.raises(ContentError) as info:
        translated_definition(base, "es")
    assert info.value.path == tmp_path / "desikan_killiany.toml"
    assert "Español" in info.value.message
