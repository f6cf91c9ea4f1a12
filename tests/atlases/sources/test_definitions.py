"""Atlas definition files (assets/atlases/*.toml) and their labels."""

from __future__ import annotations

import dataclasses
import shutil
import sys
from pathlib import Path

import pytest

from atlases.errors import AtlasError, ContentError, UnknownNameError
from atlases.resources import asset_path, list_assets
from atlases.sources.definitions import REGION_IDS, AtlasDefinition, load_definition, load_definitions
from atlases.sources.registry import DEFAULT_ATLAS, SOURCE_MODULES, atlas_ids, definitions, get_definition, make_source

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

BUILTIN = [p.stem for p in list_assets("atlases")]


# ---------------------------------------------------------------- built-in definitions
@pytest.mark.parametrize("atlas_id", BUILTIN)
def test_every_builtin_definition_loads(atlas_id):
    d = load_definition(asset_path("atlases", f"{atlas_id}.toml"))
    assert d.id == atlas_id
    assert tuple(d.regions) == REGION_IDS
    assert d.source in SOURCE_MODULES
    for region_id in REGION_IDS:
        r = d.region(region_id)
        assert r.region_id == region_id
        assert r.labels and len(set(r.labels)) == len(r.labels)
        assert len(r.definition.strip()) > 40, "the anatomical definition must be written out"
    assert d.name and d.licence.strip() and d.citation.strip() and d.description.strip()


def test_registry_lists_every_definition_default_first():
    ids = atlas_ids()
    assert ids[0] == DEFAULT_ATLAS
    assert sorted(ids) == sorted(BUILTIN)
    assert set(definitions()) == set(load_definitions())
    with pytest.raises(UnknownNameError) as info:
        get_definition("aal")
    assert DEFAULT_ATLAS in str(info.value)


def test_unknown_region_of_a_definition_lists_the_regions():
    with pytest.raises(UnknownNameError) as info:
        get_definition(DEFAULT_ATLAS).region("amygdala")
    for r in REGION_IDS:
        assert r in str(info.value)


@pytest.fixture(scope="module")
def default_volume():
    return make_source(DEFAULT_ATLAS).load()


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_every_label_of_the_default_atlas_exists(default_volume, region_id):
    d = get_definition(DEFAULT_ATLAS)
    table_names = set(default_volume.labels.values())
    for name in d.region(region_id).labels:
        assert name in table_names, f"{region_id}: label {name!r} is not in the atlas's label table"
    ids = d.label_ids(default_volume, region_id)
    # Desikan-Killiany has one value per label name per hemisphere
    assert len(ids) == 2 * len(d.region(region_id).labels)
    assert ids == sorted(set(ids))
    present = set(map(int, (default_volume.data[default_volume.data > 0]).ravel()[::50]))
    assert set(ids) & present, "the region's labels do not occur in the image"


def test_default_regions_do_not_share_labels(default_volume):
    d = get_definition(DEFAULT_ATLAS)
    seen: dict[int, str] = {}
    for r in REGION_IDS:
        for i in d.label_ids(default_volume, r):
            assert i not in seen, f"label {i} is in both {seen[i]} and {r}"
            seen[i] = r


def test_a_definition_naming_a_missing_label_raises_atlas_error(default_volume):
    d = get_definition(DEFAULT_ATLAS)
    region = d.region("hippocampus")
    broken = dataclasses.replace(d, regions={**d.regions, "hippocampus": dataclasses.replace(
        region, labels=(*region.labels, "hipocampus_typo"))})
    with pytest.raises(AtlasError) as info:
        broken.label_ids(default_volume, "hippocampus")
    msg = str(info.value)
    assert "'hipocampus_typo'" in msg
    assert "hippocampus" in msg and DEFAULT_ATLAS in msg
    assert default_volume.source.name in msg
    # label names are case-sensitive
    broken = dataclasses.replace(d, regions={**d.regions, "hippocampus": dataclasses.replace(
        region, labels=("Hippocampus",))})
    with pytest.raises(AtlasError, match="'Hippocampus'"):
        broken.label_ids(default_volume, "hippocampus")


# ---------------------------------------------------------------- malformed files
def _tiny_toml(data: dict) -> str:
    """Write a dict of tables / strings / lists as TOML (enough for definition files)."""
    lines, tables = [], []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    out = "\n".join(lines) + "\n"
    for key, value in tables:
        out += "\n" + _tables(key, value)
    return out


def _tables(prefix: str, table: dict) -> str:
    scalars = {k: v for k, v in table.items() if not isinstance(v, dict)}
    out = f"[{prefix}]\n" + "".join(f"{_key(k)} = {_value(v)}\n" for k, v in scalars.items())
    for k, v in table.items():
        if isinstance(v, dict):
            out += "\n" + _tables(f"{prefix}.{_key(k)}", v)
    return out


def _key(key: str) -> str:
    return _value(str(key))


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04X}" for c in v) + '"'
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(type(v))


@pytest.fixture
def valid():
    """The default atlas definition as a dict, to break one thing at a time."""
    return tomllib.loads(asset_path("atlases", f"{DEFAULT_ATLAS}.toml").read_text(encoding="utf-8"))


def _load(tmp_path: Path, data: dict, name: str = DEFAULT_ATLAS):
    path = tmp_path / f"{name}.toml"
    path.write_text(_tiny_toml(data), encoding="utf-8")
    return path, load_definition(path)


def test_round_trip_of_the_valid_definition(tmp_path, valid):
    path, d = _load(tmp_path, valid)
    assert d == dataclasses.replace(get_definition(DEFAULT_ATLAS), path=path)


def _expect(tmp_path, data, field, phrase, name=DEFAULT_ATLAS):
    with pytest.raises(ContentError) as info:
        _load(tmp_path, data, name)
    err = info.value
    msg = str(err)
    assert f"{name}.toml" in msg, msg
    assert err.field == field, msg
    assert f"[{field}]" in msg
    assert phrase in msg, msg
    return msg


def test_missing_region(tmp_path, valid):
    del valid["regions"]["hippocampus"]
    _expect(tmp_path, valid, "regions.hippocampus", "required region is missing")


def test_unknown_region(tmp_path, valid):
    valid["regions"]["amygdala"] = {"definition": "x" * 50, "labels": ["amygdala"]}
    msg = _expect(tmp_path, valid, "regions.amygdala", "unknown region")
    for r in REGION_IDS:
        assert r in msg


def test_duplicate_label(tmp_path, valid):
    valid["regions"]["posteromedial_cortex"]["labels"].append("precuneus")
    _expect(tmp_path, valid, "regions.posteromedial_cortex.labels", "lists a label twice")


def test_id_must_match_file_name(tmp_path, valid):
    msg = _expect(tmp_path, valid, "id", "must match the file name", name="copy_of_dk")
    assert "'desikan_killiany'" in msg and "'copy_of_dk'" in msg


def test_invalid_id(tmp_path, valid):
    valid["id"] = "Desikan-Killiany"
    _expect(tmp_path, valid, "id", "not a valid id", name="Desikan-Killiany")


@pytest.mark.parametrize("edit, field, phrase", [
    (lambda d: d.update(name=3), "name", "expected text, got a whole number"),
    (lambda d: d.update(regions=["hippocampus"]), "regions", "expected a table, got a list"),
    (lambda d: d.update(options="fast"), "options", "expected a table, got text"),
    (lambda d: d["regions"].update(hippocampus="hippocampus"), "regions.hippocampus",
     "expected a table, got text"),
    (lambda d: d["regions"]["hippocampus"].update(labels="hippocampus"), "regions.hippocampus.labels",
     "expected a list, got text"),
    (lambda d: d["regions"]["hippocampus"].update(labels=["hippocampus", 17]), "regions.hippocampus.labels[1]",
     "expected non-empty text"),
    (lambda d: d["regions"]["hippocampus"].update(labels=[]), "regions.hippocampus.labels", "must not be empty"),
    (lambda d: d["regions"]["hippocampus"].update(definition=True), "regions.hippocampus.definition",
     "expected text, got true/false"),
    (lambda d: d["regions"]["hippocampus"].update(definition="  "), "regions.hippocampus.definition",
     "must not be empty"),
    (lambda d: d["regions"]["hippocampus"].update(colour="#00FF00"), "regions.hippocampus.colour",
     "unknown field"),
    (lambda d: d["regions"]["hippocampus"].pop("labels"), "regions.hippocampus.labels",
     "required field is missing"),
    (lambda d: d.pop("licence"), "licence", "required field is missing"),
    (lambda d: d.pop("source"), "source", "required field is missing"),
    (lambda d: d.update(licence=["BSD"]), "licence", "expected text, got a list"),
    (lambda d: d.update(licenSe="BSD"), "licenSe", "unknown field"),
    (lambda d: d.update(name="x" * 201), "name", "too long"),
], ids=["name-int", "regions-list", "options-str", "region-str", "labels-str", "label-int", "labels-empty",
        "definition-bool", "definition-blank", "region-extra-key", "labels-missing", "licence-missing",
        "source-missing", "licence-list", "top-level-typo", "name-too-long"])
def test_wrong_types_and_fields(tmp_path, valid, edit, field, phrase):
    edit(valid)
    _expect(tmp_path, valid, field, phrase)


def test_invalid_toml_names_the_file(tmp_path):
    path = tmp_path / "broken_atlas.toml"
    path.write_text('id = "broken_atlas"\n[regions\n', encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_definition(path)
    assert "broken_atlas.toml" in str(info.value) and "not valid TOML" in str(info.value)


def test_load_definitions_from_a_folder(tmp_path):
    with pytest.raises(ContentError, match="no atlas definition files"):
        load_definitions(tmp_path)
    shutil.copy(asset_path("atlases", f"{DEFAULT_ATLAS}.toml"), tmp_path)
    defs = load_definitions(tmp_path)
    assert list(defs) == [DEFAULT_ATLAS]
    assert isinstance(defs[DEFAULT_ATLAS], AtlasDefinition)
