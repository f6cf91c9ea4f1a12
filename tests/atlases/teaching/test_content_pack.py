"""Content packs: pack.toml, the merging rules with the built-in content, zips, the example pack.

A pack ships only what it changes: its region texts, mechanism and safety
note replace the built-in ones, its references and glossary terms are added
(same id replaces), its tours and quizzes are added (same id replaces), and
built-in tours that no longer fit are left out with a note. The zip's own
rules are in tests/atlases/files/test_zip_pack.py.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from atlases.errors import ContentError
from atlases.resources import asset_dir
from atlases.teaching import content_pack
from atlases.teaching.content_pack import load_builtin_pack, load_pack, read_pack_info
from atlases.teaching.example_pack import FILES, write_example_pack
from viewer.scene.camera_views import VIEWS

ROOT = Path(__file__).resolve().parents[3]
HIPPOCAMPUS = asset_dir("content") / "regions" / "hippocampus.toml"


def region_named(name: str, refs: str = '"desikan2006"') -> str:
    """The built-in hippocampus text, renamed and citing ``refs`` in its first paragraph."""
    text = HIPPOCAMPUS.read_text("utf-8").replace('name = "Hippocampus"', f'name = "{name}"')
    return text.replace('refs = ["desikan2006"]', f"refs = [{refs}]", 1)


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return folder


def pack(tmp_path, files: dict[str, str], name="pack"):
    return load_pack(write(tmp_path / name, files), "en", VIEWS)


# -- pack.toml ---------------------------------------------------------------------------------------------

def test_pack_toml_names_the_pack(tmp_path):
    loaded = pack(tmp_path, {"pack.toml": 'name = "Week 3"\nauthor = "Dr Ada"\ndescription = "Memory."\n'})
    info = loaded.info
    assert (info.name, info.author, info.description, info.language) == ("Week 3", "Dr Ada", "Memory.", None)
    assert info.source == tmp_path / "pack" and not info.builtin


def test_a_pack_without_pack_toml_is_named_after_its_folder(tmp_path):
    assert pack(tmp_path, {}, name="my-lecture").info.name == "my-lecture"


@pytest.mark.parametrize("text, field, words", [
    ('name = "A"\ncolour = "red"\n', "colour", "unknown"),
    ('author = "Me"\n', "name", "required"),
    ('name = "   "\n', "name", "empty"),
    ('name = "' + "x" * 101 + '"\n', "name", "100"),
    ('name = "Two\\nlines"\n', "name", "one line"),
    ('name = "A"\nauthor = "Tab\\there"\n', "author", "one line"),
    ('name = "A"\ndescription = "' + "x" * 1001 + '"\n', "description", "1000"),
    ('name = "A"\nlanguage = "fr"\n', "language", "unknown language"),
    ('name = 3\n', "name", "expected text"),
])
def test_a_bad_pack_toml_names_the_file_and_the_field(tmp_path, text, field, words):
    folder = write(tmp_path / "pack", {"pack.toml": text})
    with pytest.raises(ContentError) as info:
        read_pack_info(folder)
    assert info.value.path.name == "pack.toml" and info.value.field == field, info.value
    assert words in str(info.value)


# -- merging -----------------------------------------------------------------------------------------------

def test_an_empty_pack_is_the_builtin_content(tmp_path):
    loaded = pack(tmp_path, {})
    builtin = load_builtin_pack("en", VIEWS)
    assert loaded.content.regions.keys() == builtin.content.regions.keys()
    for region_id, region in builtin.content.regions.items():
        assert loaded.content.regions[region_id].summary == region.summary
    assert loaded.content.mechanism == builtin.content.mechanism
    assert loaded.content.glossary == builtin.content.glossary
    assert list(loaded.builtin_tours) == list(builtin.builtin_tours) == ["ketamine"]
    assert list(loaded.quizzes) == list(builtin.quizzes) == ["ketamine"]
    assert loaded.tours == {} and loaded.notes == ()


def test_a_region_file_replaces_only_that_region(tmp_path):
    loaded = pack(tmp_path, {"regions/hippocampus.toml": region_named("My hippocampus")})
    assert loaded.content.region("hippocampus").name == "My hippocampus"
    assert loaded.content.region("prefrontal_cortex").name == "Prefrontal cortex"
    assert loaded.content.region("hippocampus").source == (tmp_path / "pack" / "regions" / "hippocampus.toml")


def test_the_packs_references_are_added_and_replace_the_same_id(tmp_path):
    references = ('[references.mine2024]\nauthors = "Lecturer A"\nyear = 2024\ntitle = "My notes"\n'
                  'journal = "Course notes"\n\n'
                  '[references.desikan2006]\nauthors = "Desikan RS"\nyear = 2006\ntitle = "Replaced"\n'
                  'journal = "NeuroImage"\n')
    loaded = pack(tmp_path, {"references.toml": references,
                             "regions/hippocampus.toml": region_named("Hippocampus", '"mine2024"')})
    refs = loaded.content.references
    assert refs["mine2024"].title == "My notes"
    assert refs["desikan2006"].title == "Replaced"
    assert "autry2011" in refs   # the built-in ones stay
    assert loaded.content.region("hippocampus").sections["location"][0].refs == ("mine2024",)


def test_a_region_citing_an_unknown_reference_names_the_file_and_field(tmp_path):
    with pytest.raises(ContentError) as info:
        pack(tmp_path, {"regions/hippocampus.toml": region_named("Hippocampus", '"nobody2099"')})
    assert info.value.path.name == "hippocampus.toml" and info.value.field == "location[0].refs[0]"


def test_glossary_terms_are_added_and_the_same_id_replaces(tmp_path):
    builtin = load_builtin_pack("en", VIEWS).content.glossary
    glossary = ('[[terms]]\nid = "bdnf"\nterm = "BDNF (mine)"\nforms = ["BDNF"]\ndefinition = "A growth signal."\n'
                '\n[[terms]]\nid = "temporal_lobe"\nterm = "temporal lobe"\nforms = ["temporal lobe"]\n'
                'definition = "A lobe."\n'
                '\n[[terms]]\nid = "nmda"\nterm = "NMDA"\nforms = ["NMDA receptor"]\ndefinition = "Mine."\n')
    merged = pack(tmp_path, {"glossary.toml": glossary}).content.glossary
    ids = [t.id for t in merged.terms]
    assert merged.term("bdnf").term == "BDNF (mine)"
    kept = [t.id for t in builtin.terms if t.id != "nmda_receptor"]
    assert ids.index("bdnf") == kept.index("bdnf")   # replaced in its place
    assert merged.term("temporal_lobe") is not None and ids[-2:] == ["temporal_lobe", "nmda"]
    # the built-in term that shares a word with the pack's is left out: the pack defines that word
    assert merged.term("nmda_receptor") is None
    assert merged.form_index()["nmda receptor"] == "nmda"
    assert len(merged.terms) == len(builtin.terms) + 1


def test_a_new_mechanism_leaves_out_the_builtin_tour_that_no_longer_fits(tmp_path):
    mechanism = ('title = "Mine"\nintro = "Short."\n\n[[steps]]\nid = "only_step"\ntitle = "One step"\n'
                 'text = "It happens."\nevidence = "animal"\nrefs = ["li2010"]\nregions = ["prefrontal_cortex"]\n')
    loaded = pack(tmp_path, {"mechanism.toml": mechanism})
    assert [s.id for s in loaded.content.mechanism.steps] == ["only_step"]
    assert loaded.builtin_tours == {} and "ketamine" not in loaded.quizzes
    assert any("tours are left out" in note for note in loaded.notes)
    assert any("quizzes are left out" in note for note in loaded.notes)


def test_a_pack_tour_replaces_the_builtin_tour_of_the_same_id(tmp_path):
    tour = (asset_dir("tours") / "ketamine.toml").read_text("utf-8").replace(
        'title = "How ketamine acts on the brain"', 'title = "My version"', 1)
    loaded = pack(tmp_path, {"tours/ketamine.toml": tour})
    assert loaded.tours["ketamine"].title == "My version" and "ketamine" not in loaded.builtin_tours
    assert loaded.all_tours()["ketamine"].title == "My version"


def test_a_broken_tour_or_quiz_of_the_pack_is_an_error(tmp_path):
    with pytest.raises(ContentError) as info:
        pack(tmp_path, {"tours/mine.toml": 'id = "mine"\ntitle = "T"\ndescription = "D"\n'})
    assert info.value.path.name == "mine.toml" and info.value.field == "steps"
    with pytest.raises(ContentError) as info:
        pack(tmp_path, {"quizzes/mine.toml": 'id = "mine"\ntitle = "Q"\n[[questions]]\nkind = "guess"\n'},
             name="other")
    assert info.value.path.name == "mine.toml"


def test_the_packs_language_chooses_the_builtin_content_that_fills_its_gaps(tmp_path, monkeypatch):
    asked = []

    def fake_dir(kind, language="en"):   # the Spanish content may not be installed: record the language asked
        asked.append(language)
        return asset_dir(kind)

    monkeypatch.setattr(content_pack, "language_asset_dir", fake_dir)
    assert pack(tmp_path, {"pack.toml": 'name = "Clase"\nlanguage = "es"\n'}).language == "es"
    assert asked == ["es"]
    assert pack(tmp_path, {"pack.toml": 'name = "Class"\n'}, name="p2").language == "en"


def test_a_missing_pack_is_an_error(tmp_path):
    with pytest.raises(ContentError, match="not found"):
        load_pack(tmp_path / "nowhere", "en", VIEWS)
    with pytest.raises(ContentError, match="not found"):
        load_pack(tmp_path / "nowhere.zip", "en", VIEWS)


def test_the_watch_list_holds_the_packs_files_and_folders(tmp_path):
    loaded = pack(tmp_path, {"pack.toml": 'name = "W"\n', "regions/hippocampus.toml": region_named("H")})
    folder = tmp_path / "pack"
    assert set(loaded.watch) == {folder, folder / "pack.toml", folder / "regions",
                                 folder / "regions" / "hippocampus.toml"}


# -- zips ------------------------------------------------------------------------------------------------

def zip_folder(folder: Path, path: Path, inside: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, inside + file.relative_to(folder).as_posix())
    return path


@pytest.mark.parametrize("inside", ["", "mypack/"])
def test_a_zip_pack_loads_like_its_folder(tmp_path, inside):
    folder = write_example_pack(tmp_path / "example")[0].parent
    path = zip_folder(folder, tmp_path / "example.zip", inside)
    loaded = load_pack(path, "en", VIEWS)
    assert loaded.info.name == "Example pack: the hippocampus" and loaded.info.source == path
    assert list(loaded.tours) == ["hippocampus_tour"] and "hippocampus_quiz" in loaded.quizzes
    assert loaded.watch == (path,)
    unpacked = loaded.content.folder
    assert unpacked.is_dir() and not unpacked.is_relative_to(tmp_path)
    del loaded
    gc.collect()
    assert not unpacked.exists(), "the private copy outlived the pack"


def test_a_problem_inside_a_zip_names_the_member_in_the_zip(tmp_path, monkeypatch):
    folder = write(tmp_path / "pack", {"regions/hippocampus.toml": region_named("H", '"nobody2099"')})
    path = zip_folder(folder, tmp_path / "pack.zip")
    private = tmp_path / "temp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))   # where the private copy is made
    with pytest.raises(ContentError) as info:
        load_pack(path, "en", VIEWS)
    assert info.value.path == path / "regions" / "hippocampus.toml", info.value
    assert info.value.field == "location[0].refs[0]"
    assert str(private) not in str(info.value)
    assert not any(private.iterdir()), "the private copy of a refused zip was left behind"


def test_a_zip_without_pack_toml_is_named_after_the_zip(tmp_path):
    folder = write(tmp_path / "pack", {"regions/hippocampus.toml": region_named("H")})
    assert load_pack(zip_folder(folder, tmp_path / "week-4.zip"), "en", VIEWS).info.name == "week-4"


# -- the example pack --------------------------------------------------------------------------------------

def test_the_example_pack_loads_cleanly(tmp_path):
    written = write_example_pack(tmp_path / "example")
    assert sorted(p.relative_to(tmp_path / "example").as_posix() for p in written) == sorted(FILES)
    loaded = load_pack(tmp_path / "example", "en", VIEWS)
    assert loaded.notes == ()
    assert len(loaded.tours["hippocampus_tour"]) == 2
    assert len(loaded.quizzes["hippocampus_quiz"]) == 3
    assert {"temporal_lobe", "hm_patient"} <= {t.id for t in loaded.content.glossary.terms}
    assert all(text.lstrip().startswith("#") for text in FILES.values()), "every file starts with a comment"


def test_new_pack_writes_the_example_and_refuses_a_folder_in_use(tmp_path):
    target = tmp_path / "new"

    def new_pack(*extra):
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "--new-pack", str(target), *extra],
                              capture_output=True, text=True, timeout=120)

    first = new_pack()
    assert first.returncode == 0, first.stderr
    assert (target / "pack.toml").read_text("utf-8") == FILES["pack.toml"]
    (target / "regions" / "hippocampus.toml").write_text("# mine\n", "utf-8")
    again = new_pack()
    assert again.returncode == 2 and "not empty" in again.stderr
    assert (target / "regions" / "hippocampus.toml").read_text("utf-8") == "# mine\n"   # nothing overwritten
    shutil.rmtree(target)
    target.write_text("a file")
    assert new_pack().returncode == 2


@pytest.mark.skipif(os.name == "nt", reason="creating symbolic links needs privileges on Windows")
@pytest.mark.parametrize("name", ["pack.toml", "regions/hippocampus.toml", "glossary.toml", "tours/mine.toml"])
def test_a_link_out_of_a_folder_pack_is_refused(tmp_path, name):
    outside = tmp_path / "secret.toml"
    outside.write_text('name = "secret"\n', "utf-8")
    folder = write(tmp_path / "pack", {})
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).symlink_to(outside)
    with pytest.raises(ContentError, match="outside the folder") as info:
        load_pack(folder, "en", VIEWS)
    assert info.value.path.name == Path(name).name
