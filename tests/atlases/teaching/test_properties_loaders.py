"""More property tests: every loader either loads or raises ExplorerError.

tests/test_properties.py (another file) throws mutated, random and byte-level
documents at the definition, theme and content loaders; its generators and
TOML writer are reused here, not copied. This file adds what it does not
cover:

* odd Unicode (BOM, NUL, bidi overrides, line separators, non-characters,
  combining marks, astral characters) and huge strings in otherwise valid
  files, for every loader;
* a lecturer's folder gaining an *extra* file: a new region file and a tour
  in ``tours/`` (the loaders list these with a pattern);
* tours (:func:`atlases.teaching.tours.load_tour`);
* label arrays (:func:`atlases.sources.label_volume.check_label_array`) of random
  shapes, data types, values, label tables and affines; a volume that loads
  must hold exactly the input values (no silent int32 wrap-around).
"""

from __future__ import annotations

import copy
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlases.errors import AtlasError, ContentError, ExplorerError
from atlases.resources import asset_dir
from atlases.sources.definitions import load_definition
from atlases.sources.label_volume import LabelVolume, check_label_array
from atlases.teaching.content import load_content
from atlases.teaching.content_folder import load_folder_tours
from atlases.teaching.tours import load_tour
from tests.helpers_toml import dump_toml
from tests.test_properties import DEFINITION_TEXT, SETTINGS, THEME_TEXT, VALUES, documents, draw_place, never_crashes
from viewer.scene.camera_views import VIEWS
from viewer.scene.themes import load_theme

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FEW = settings(SETTINGS, max_examples=60)

# ---------------------------------------------------------------- odd text
ODD_CHARS = ["\ufeff", "\u202e", "\u202d", "\x00", "\u2028", "\u2029", "\uffff", "\ufffe", "e\u0301", "\U0001F600",
             "\u200b", "\U0010FFFF", "\x7f", "\r", "\t", "\\", '"', "'''", '"""', "#", "[", "{", "</b>", "**",
             "<script>", "javascript:"]
ODD_TEXT = st.lists(st.sampled_from(ODD_CHARS) | st.text(max_size=5), min_size=1, max_size=8).map("".join)
HUGE_TEXT = st.builds(lambda piece, n: piece * n, st.sampled_from(["x", "é", "\U0001F600", "ab "]),
                      st.integers(1_000, 60_000))
ODD_VALUES = ODD_TEXT | HUGE_TEXT | VALUES


@st.composite
def oddified(draw, base: dict):
    """``base`` with 1-3 values or keys replaced by odd/huge text or a wrongly typed value."""
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        place = draw_place(draw, doc)
        if place is None:
            break
        parent, last = place
        if isinstance(parent, dict) and draw(st.booleans()):   # rename the key
            parent[draw(ODD_TEXT)] = parent.pop(last)
        else:
            parent[last] = draw(ODD_VALUES)
    return doc


def odd_files(base_text: str):
    """Whole files: oddified documents, or the valid text with odd bytes around it."""
    base = tomllib.loads(base_text)
    raw = base_text.encode("utf-8")
    return st.one_of(
        oddified(base).map(lambda d: dump_toml(d).encode("utf-8", "surrogatepass")),
        st.just(b"\xef\xbb\xbf" + raw),                                        # UTF-8 BOM: must load
        st.sampled_from([b"\x00", b"\xff\xfe", b"\r", b"\x1a", b"\xc3"]).map(lambda b: raw + b),
        st.just(raw.replace(b"\n", b"\r\n")),                                  # Windows line ends: must load
        st.just(raw.replace(b"\n", b"\r")),                                    # old Mac line ends
        ODD_TEXT.map(lambda t: f'{t} = "{t}"\n'.encode("utf-8", "surrogatepass")),
    )


TOUR_TEXT = (asset_dir("tours") / "ketamine.toml").read_text(encoding="utf-8")


def test_valid_files_with_a_bom_or_crlf_still_load(tmp_path):
    path = tmp_path / "light.toml"
    for data in (b"\xef\xbb\xbf" + THEME_TEXT.encode(), THEME_TEXT.replace("\n", "\r\n").encode()):
        path.write_bytes(data)
        assert load_theme(path).id == "light"


def test_definitions_with_odd_text_never_crash(tmp_path):
    never_crashes(load_definition, tmp_path / "desikan_killiany.toml", odd_files(DEFINITION_TEXT), FEW)


def test_themes_with_odd_text_never_crash(tmp_path):
    never_crashes(load_theme, tmp_path / "light.toml", odd_files(THEME_TEXT), FEW)


# ---------------------------------------------------------------- a lecturer's folder gains a file
@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture
def folder(tmp_path):
    dest = tmp_path / "content"
    shutil.copytree(asset_dir("content"), dest)
    return dest


REGION_TEXT = (asset_dir("content") / "regions" / "hippocampus.toml").read_text(encoding="utf-8")


def test_an_extra_region_file_never_crashes(folder):
    path = folder / "regions" / "hippocampus_copy.toml"   # id must match the name: mutations keep it sometimes
    base = tomllib.loads(REGION_TEXT)
    base["id"] = "hippocampus_copy"
    text = dump_toml(base)
    never_crashes(lambda p: load_content(folder), path, documents(text) | odd_files(text), FEW)


def test_tours_never_crash(tmp_path, content):
    never_crashes(lambda p: load_tour(p, content, VIEWS), tmp_path / "ketamine.toml",
                  documents(TOUR_TEXT) | odd_files(TOUR_TEXT), settings(SETTINGS, max_examples=120))


def test_a_tour_in_a_lecturer_folder_never_crashes(folder, content):
    (folder / "tours").mkdir()
    never_crashes(lambda p: load_folder_tours(folder, content, VIEWS), folder / "tours" / "mine.toml",
                  documents(TOUR_TEXT) | odd_files(TOUR_TEXT), FEW)


# ---------------------------------------------------------------- label arrays
MNI_4MM = np.array([[4.0, 0, 0, -90], [0, 4.0, 0, -126], [0, 0, 4.0, -72], [0, 0, 0, 1]])
DTYPES = [np.bool_, np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32, np.int64, np.uint64,
          np.float16, np.float32, np.float64, np.complex64, "U3", object, "datetime64[s]"]
SHAPES = st.sampled_from([(45, 54, 45), (45, 54, 45, 1), (45, 54, 45, 2), (45, 54), (1, 54, 45), (0, 54, 45),
                          (3, 3, 3), ()]) | st.lists(st.integers(0, 7), max_size=5).map(tuple)
SPECIAL = [0, 1, 2, 3, -1, 255, 2**31 - 1, 2**31, 2**32 + 1, -2**31 - 1, 2**63 - 1, 0.5, 1e20, float("nan"),
           float("inf"), -float("inf"), True]


@st.composite
def label_arrays(draw):
    shape = draw(SHAPES)
    dtype = np.dtype(draw(st.sampled_from(DTYPES)))
    if dtype.kind == "U":
        data = np.full(shape, "1", dtype=dtype)
    elif dtype.kind == "O":
        data = np.full(shape, draw(st.sampled_from([None, 1, "1"])), dtype=object)
    else:
        data = np.zeros(shape, dtype=dtype)
    if data.size and dtype.kind in "biufc":
        flat = data.reshape(-1)
        for _ in range(draw(st.integers(0, 4))):
            index = draw(st.integers(0, flat.size - 1))
            value = draw(st.sampled_from(SPECIAL))
            try:
                with np.errstate(all="ignore"):
                    flat[index] = np.asarray(value).astype(dtype)
            except (OverflowError, ValueError, TypeError):
                pass
        if draw(st.booleans()) and data.ndim >= 3:   # a plausible labelled block
            data[tuple(slice(s // 4, s // 2) for s in data.shape[:3])] = draw(st.sampled_from([1, 2, 3]))
    return data


AFFINES = st.one_of(
    st.just(MNI_4MM),
    st.builds(lambda d: MNI_4MM + d, st.sampled_from([np.eye(4) * 0, np.diag([6.0, 0, 0, 0]),
                                                      np.full((4, 4), np.nan), np.diag([-4.0, -4, -4, 0])])),
    st.lists(st.floats(allow_nan=True, allow_infinity=True, width=64), min_size=16, max_size=16)
    .map(lambda v: np.array(v).reshape(4, 4)),
    st.sampled_from([np.eye(3), np.zeros((4, 5)), None, "affine", [[1, 2], [3]], np.eye(4)]),
)
TABLES = st.dictionaries(st.integers(-2**40, 2**40) | st.sampled_from([1, 2, 3]), st.text(max_size=10), max_size=5)


def test_check_label_array_only_raises_atlas_error():
    @settings(SETTINGS, max_examples=300)
    @given(label_arrays(), AFFINES, TABLES)
    def check(data, affine, labels):
        try:
            volume = check_label_array(data, affine, labels, Path("random.nii.gz"))
        except AtlasError as exc:
            assert "random.nii.gz" in str(exc) and "\n" not in str(exc), str(exc)
            return
        assert isinstance(volume, LabelVolume) and volume.data.dtype == np.int32 and volume.data.ndim == 3
        original = np.asarray(data).reshape(volume.data.shape)
        assert np.array_equal(volume.data.astype(np.float64), original.astype(np.float64)), "values changed"

    check()


def test_the_label_generator_reaches_a_valid_volume():
    """Guard against vacuous fuzzing: some generated arrays really load."""
    loaded = []

    @settings(SETTINGS, max_examples=200)
    @given(label_arrays(), st.just(MNI_4MM), st.just({1: "a", 2: "b", 3: "c"}))
    def check(data, affine, labels):
        try:
            loaded.append(check_label_array(data, affine, labels, Path("random.nii.gz")))
        except ExplorerError:
            pass

    check()
    assert len(loaded) >= 5, len(loaded)


def test_odd_error_is_still_a_content_error(tmp_path):
    """A file of lone surrogate escapes is invalid TOML, reported as such."""
    path = tmp_path / "light.toml"
    path.write_text('id = "\\uD800"\n', encoding="utf-8")
    with pytest.raises(ContentError, match="not valid TOML"):
        load_theme(path)
