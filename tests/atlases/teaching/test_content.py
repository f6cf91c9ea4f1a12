"""Teaching content: the built-in folder, and malformed copies of it.

Malformed folders are the built-in folder copied to ``tmp_path`` with one
thing broken. Files are broken by parsing them, changing the parsed data and
writing it back with a tiny TOML writer, so the tests do not depend on how the
content files happen to be formatted.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from atlases.errors import ContentError, UnknownNameError
from atlases.files.toml_reader import MAX_DATA_FILE_BYTES
from atlases.resources import asset_dir
from atlases.sources.definitions import REGION_IDS
from atlases.teaching.content import EVIDENCE, SECTIONS, Content, Reference, load_content

from helpers_toml import dump_toml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DOI = re.compile(r"10\.\d{4,9}/\S+")


def test_toml_writer_round_trips():
    data = {"a": 'quote " back \\ slash\nnew\tline', "n": -3, "f": 0.25, "b": False, "é key": [1, "x", [True]],
            "t": {"u": {"v": []}}, "rows": [{"text": "x", "refs": ["a"]}, {"text": "y", "refs": []}]}
    assert tomllib.loads(dump_toml(data)) == data


# ---------------------------------------------------------------- the built-in content
@pytest.fixture(scope="module")
def builtin() -> Content:
    return load_content()


def test_builtin_content_loads(builtin):
    assert builtin.folder == asset_dir("content")
    assert builtin.references and builtin.mechanism.steps
    assert builtin.safety.title.strip() and builtin.safety.text.strip()


def test_every_region_has_content(builtin):
    assert set(builtin.regions) == set(REGION_IDS)
    for region_id in REGION_IDS:
        region = builtin.region(region_id)
        assert region.id == region_id
        assert region.source.name == f"{region_id}.toml"
        assert region.name.strip() and region.abbreviation.strip() and region.summary.strip()
        assert list(region.sections) == list(SECTIONS)
        for section, paras in region.sections.items():
            assert paras, f"{region_id}: section {section!r} is empty"


def test_every_paragraph_cites_references_that_resolve(builtin):
    cited = []
    for region in builtin.regions.values():
        for section, paras in region.sections.items():
            for p in paras:
                assert p.refs, (region.id, section)
                assert p.evidence in EVIDENCE
                assert p.text.strip()
                cited.extend(p.refs)
        assert region.references() == list(dict.fromkeys(
            [*region.summary_refs, *(r for paras in region.sections.values() for p in paras for r in p.refs)]))
        cited.extend(region.summary_refs)
    for step in builtin.mechanism.steps:
        assert step.refs and step.evidence in EVIDENCE
        assert set(step.regions) <= set(REGION_IDS)
        cited.extend(step.refs)
    cited.extend(builtin.safety.refs)
    for ref_id in cited:
        ref = builtin.reference(ref_id)
        assert ref.id == ref_id


def test_mechanism_step_ids_are_unique_and_findable(builtin):
    ids = [s.id for s in builtin.mechanism.steps]
    assert len(ids) == len(set(ids))
    for step_id in ids:
        assert builtin.mechanism.step(step_id).id == step_id
    with pytest.raises(UnknownNameError) as info:
        builtin.mechanism.step("no_such_step")
    assert ids[0] in str(info.value)


def test_references_are_well_formed(builtin):
    for ref in builtin.references.values():
        assert 1900 <= ref.year <= 2100, ref.id
        assert ref.authors.strip() and ref.title.strip() and ref.journal.strip()
        if ref.doi is not None:
            assert DOI.fullmatch(ref.doi), f"{ref.id}: {ref.doi!r}"
            assert ref.doi_url == f"https://doi.org/{ref.doi}"
        else:
            assert ref.doi_url is None
        short = ref.short()
        assert short.endswith(str(ref.year)) and "," not in short, (ref.id, short)
        assert ref.full().startswith(ref.authors) and ref.title in ref.full()


def test_unknown_names_list_the_valid_ones(builtin):
    with pytest.raises(UnknownNameError) as info:
        builtin.region("amygdala")
    for r in REGION_IDS:
        assert r in str(info.value)
    with pytest.raises(UnknownNameError):
        builtin.reference("nobody1999")


@pytest.mark.parametrize("authors, expected", [
    ("Domino EF", "Domino 2010"),
    ("Morgan CJA, Curran HV", "Morgan & Curran 2010"),
    ("Morgan CJA & Curran HV", "Morgan & Curran 2010"),
    ("Li N, Lee B, Liu RJ", "Li et al. 2010"),
    ("Zarate CA Jr, Singh JB, Carlson PJ", "Zarate et al. 2010"),
    ("Parvizi J, Braga RM, Kucyi A, et al.", "Parvizi et al. 2010"),
    ("Olney JW, Labruyere J & Price MT", "Olney et al. 2010"),
], ids=["one", "two-comma", "two-ampersand", "three", "junior", "et-al", "three-ampersand"])
def test_reference_short_form(authors, expected):
    assert Reference("r", authors, 2010, "T", "J").short() == expected


def test_reference_full_form():
    ref = Reference("li2010", "Li N, Lee B", 2010, "A title", "Science", "329:959-964", "10.1126/science.1190287")
    assert ref.full() == "Li N, Lee B (2010). A title. Science 329:959-964."
    assert Reference("x", "Li N", 2010, "T", "J").full() == "Li N (2010). T. J."
    assert ref.doi_url == "https://doi.org/10.1126/science.1190287"


# ---------------------------------------------------------------- malformed copies
@pytest.fixture
def folder(tmp_path) -> Path:
    dest = tmp_path / "content"
    shutil.copytree(asset_dir("content"), dest)
    return dest


def _read(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, data: dict) -> None:
    path.write_text(dump_toml(data), encoding="utf-8")


def _edit(path: Path, change) -> None:
    data = _read(path)
    change(data)
    _write(path, data)


def _expect(folder: Path, file_name: str, field: str | None, phrase: str) -> ContentError:
    with pytest.raises(ContentError) as info:
        load_content(folder)
    err = info.value
    msg = str(err)
    assert file_name in msg, msg
    if field is not None:
        assert err.field == field, msg
        assert f"[{field}]" in msg, msg
    assert phrase in msg, msg
    assert "\n" not in msg
    return err


def _first_section_with_paragraphs(data: dict) -> str:
    return next(s for s in SECTIONS if data.get(s))


def test_rewritten_copy_still_loads(folder, builtin):
    """The writer used to break files does not itself change the content."""
    for path in folder.rglob("*.toml"):
        _write(path, _read(path))
    copy = load_content(folder)
    assert copy.references == builtin.references
    assert copy.mechanism == builtin.mechanism and copy.safety == builtin.safety
    for rid in REGION_IDS:
        assert copy.region(rid).sections == builtin.region(rid).sections


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_missing_required_field(folder, region_id):
    _edit(folder / "regions" / f"{region_id}.toml", lambda d: d.pop("summary"))
    _expect(folder, f"{region_id}.toml", "summary", "required field is missing")


def test_missing_paragraph_text(folder):
    path = folder / "regions" / "hippocampus.toml"
    section = _first_section_with_paragraphs(_read(path))
    _edit(path, lambda d: d[section][0].pop("text"))
    _expect(folder, "hippocampus.toml", f"{section}[0].text", "required field is missing")


def test_missing_section(folder):
    _edit(folder / "regions" / "prefrontal_cortex.toml", lambda d: d.pop("uncertain"))
    _expect(folder, "prefrontal_cortex.toml", "uncertain", "required field is missing")


@pytest.mark.parametrize("file, change, field, phrase", [
    ("regions/hippocampus.toml", lambda d: d.update(name=42), "name", "expected text, got a whole number"),
    ("regions/hippocampus.toml", lambda d: d.update(location="The temporal lobe"), "location",
     "expected a list of tables, got text"),
    ("regions/hippocampus.toml", lambda d: d.update(location=["The temporal lobe"]), "location[0]",
     "expected a table, got text"),
    ("regions/hippocampus.toml", lambda d: d["location"][0].update(refs="desikan2006"), "location[0].refs",
     "expected a list, got text"),
    ("regions/hippocampus.toml", lambda d: d["location"][0].update(refs=[]), "location[0].refs",
     "must not be empty"),
    ("regions/hippocampus.toml", lambda d: d["location"][0].update(text=True), "location[0].text",
     "expected text, got true/false"),
    ("regions/hippocampus.toml", lambda d: d["location"][0].update(txet="typo"), "location[0].txet",
     "unknown field"),
    ("regions/hippocampus.toml", lambda d: d.update(abbreviation="X" * 21), "abbreviation", "too long"),
    ("mechanism.toml", lambda d: d.update(steps={"id": "x"}), "steps", "expected a list of tables, got a table"),
    ("mechanism.toml", lambda d: d.update(steps=[]), "steps", "must not be empty"),
    ("mechanism.toml", lambda d: d["steps"][0].update(regions="hippocampus"), "steps[0].regions",
     "expected a list, got text"),
    ("mechanism.toml", lambda d: d["steps"][0].update(regions=["amygdala"]), "steps[0].regions[0]",
     "unknown region 'amygdala'"),
    ("mechanism.toml", lambda d: d["steps"][0].update(id="Step-1"), "steps[0].id", "not a valid id"),
    ("safety.toml", lambda d: d.update(refs=["nobody1999"]), "refs[0]", "unknown reference 'nobody1999'"),
    ("safety.toml", lambda d: d.pop("text"), "text", "required field is missing"),
], ids=["name-int", "section-str", "paragraph-str", "refs-str", "refs-empty", "text-bool", "paragraph-typo",
        "abbreviation-long", "steps-table", "steps-empty", "step-regions-str", "step-unknown-region",
        "step-bad-id", "safety-unknown-ref", "safety-missing-text"])
def test_wrong_type_or_value(folder, file, change, field, phrase):
    _edit(folder / file, change)
    _expect(folder, Path(file).name, field, phrase)


def test_unknown_ref_id(folder):
    path = folder / "regions" / "posteromedial_cortex.toml"
    section = _first_section_with_paragraphs(_read(path))
    _edit(path, lambda d: d[section][0].update(refs=[*d[section][0]["refs"], "nobody1999"]))
    err = _expect(folder, "posteromedial_cortex.toml", None, "unknown reference 'nobody1999'")
    assert re.fullmatch(rf"{section}\[0\]\.refs\[\d+\]", err.field), err.field


def test_unknown_ref_id_in_a_mechanism_step(folder):
    _edit(folder / "mechanism.toml", lambda d: d["steps"][-1].update(refs=["nobody1999"]))
    n = len(_read(folder / "mechanism.toml")["steps"])
    _expect(folder, "mechanism.toml", f"steps[{n - 1}].refs[0]", "unknown reference")


@pytest.mark.parametrize("value", ["maybe", "Established", "", "animal studies"])
def test_unknown_evidence_value(folder, value):
    path = folder / "regions" / "hippocampus.toml"
    section = _first_section_with_paragraphs(_read(path))
    _edit(path, lambda d: d[section][0].update(evidence=value))
    err = _expect(folder, "hippocampus.toml", f"{section}[0].evidence", "")
    if value:
        assert "unknown evidence strength" in str(err)
        for valid in EVIDENCE:
            assert valid in str(err)


def test_unknown_evidence_in_a_step(folder):
    _edit(folder / "mechanism.toml", lambda d: d["steps"][0].update(evidence="proven"))
    _expect(folder, "mechanism.toml", "steps[0].evidence", "unknown evidence strength 'proven'")


@pytest.mark.parametrize("doi", [
    "doi:10.1016/j.neuroimage.2006.01.021",
    "https://doi.org/10.1016/j.neuroimage.2006.01.021",
    "10.101/abc",                        # registrant code too short
    "10.1016/with space",
    "10.1016",
    "10.1016/x\n",                       # "$" would accept a trailing newline
], ids=["prefix", "url", "short-registrant", "space", "no-suffix", "trailing-newline"])
def test_bad_doi(folder, doi):
    path = folder / "references.toml"
    ref_id = next(iter(_read(path)["references"]))
    _edit(path, lambda d: d["references"][ref_id].update(doi=doi))
    _expect(folder, "references.toml", f"references.{ref_id}.doi", "is not a DOI")


@pytest.mark.parametrize("change, field_tail, phrase", [
    (lambda r: r.update(year=1492), "year", "implausible year"),
    (lambda r: r.update(year="2010"), "year", "expected a whole number, got text"),
    (lambda r: r.update(year=2010.0), "year", "expected a whole number, got a number"),
    (lambda r: r.pop("title"), "title", "required field is missing"),
    (lambda r: r.update(url="https://example.org"), "url", "unknown field"),
], ids=["year-range", "year-str", "year-float", "no-title", "extra-key"])
def test_bad_reference_fields(folder, change, field_tail, phrase):
    path = folder / "references.toml"
    ref_id = next(iter(_read(path)["references"]))
    _edit(path, lambda d: change(d["references"][ref_id]))
    _expect(folder, "references.toml", f"references.{ref_id}.{field_tail}", phrase)


def test_bad_reference_id(folder):
    def change(d):
        first = next(iter(d["references"]))
        d["references"]["Li-2010"] = d["references"][first]
    _edit(folder / "references.toml", change)
    _expect(folder, "references.toml", "references.Li-2010", "not a valid reference id")


def test_no_references(folder):
    _write(folder / "references.toml", {"references": {}})
    _expect(folder, "references.toml", None, "no references defined")


def test_duplicate_step_id(folder):
    def change(d):
        d["steps"][1]["id"] = d["steps"][0]["id"]
    _edit(folder / "mechanism.toml", change)
    first = _read(folder / "mechanism.toml")["steps"][0]["id"]
    _expect(folder, "mechanism.toml", "steps[1].id", f"duplicate step id {first!r}")


def test_region_id_must_match_file_name(folder):
    _edit(folder / "regions" / "hippocampus.toml", lambda d: d.update(id="prefrontal_cortex"))
    err = _expect(folder, "hippocampus.toml", "id", "must match the file name")
    assert "'prefrontal_cortex'" in str(err) and "'hippocampus'" in str(err)


def test_renamed_region_file(folder):
    regions = folder / "regions"
    (regions / "hippocampus.toml").rename(regions / "hippocampus_old.toml")
    _expect(folder, "hippocampus_old.toml", "id", "must match the file name")


@pytest.mark.parametrize("file", ["references.toml", "mechanism.toml", "safety.toml", "regions/hippocampus.toml"])
def test_invalid_toml(folder, file):
    path = folder / file
    path.write_text(path.read_text(encoding="utf-8") + "\n[[broken\n", encoding="utf-8")
    _expect(folder, path.name, None, "not valid TOML")


@pytest.mark.parametrize("file", ["references.toml", "regions/posteromedial_cortex.toml"])
def test_oversized_file(folder, file):
    path = folder / file
    padding = "# " + "x" * 200 + "\n"
    path.write_text(path.read_text(encoding="utf-8") + padding * (MAX_DATA_FILE_BYTES // len(padding) + 1),
                    encoding="utf-8")
    _expect(folder, path.name, None, "too large")


def test_not_utf8(folder):
    path = folder / "safety.toml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-8") + "# café\n".encode("latin-1"))
    _expect(folder, "safety.toml", None, "not UTF-8")


@pytest.mark.parametrize("file", ["references.toml", "mechanism.toml", "safety.toml"])
def test_missing_file(folder, file):
    (folder / file).unlink()
    _expect(folder, file, None, "not found")


def test_no_region_files(folder):
    shutil.rmtree(folder / "regions")
    _expect(folder, "content", None, "no region files")


def test_missing_folder(tmp_path):
    with pytest.raises(ContentError, match="content folder not found"):
        load_content(tmp_path / "nowhere")
