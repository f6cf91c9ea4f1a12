"""Property tests: no data file, however malformed, crashes a loader.

Generated definition, theme and content files (random TOML documents, valid
files with one value mutated, and random bytes) must either load or raise an
:class:`~atlases.errors.ExplorerError` (in practice ContentError) - never a
KeyError, TypeError, RecursionError or anything else a lecturer would see as
a traceback.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlases.errors import ContentError, ExplorerError
from atlases.resources import asset_dir, asset_path
from atlases.sources.definitions import load_definition
from atlases.teaching.content import load_content
from viewer.scene.themes import load_theme

from helpers_toml import dump_toml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


# ---------------------------------------------------------------- strategies
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
NAMES = st.sampled_from(["id", "name", "labels", "regions", "hippocampus", "prefrontal_cortex", "text", "refs",
                         "evidence", "steps", "references", "doi", "year", "cortex_opacity", "background",
                         "location", "definition", "source", "title"]) | TEXT
SCALARS = (st.none() | st.booleans() | st.integers(-2**70, 2**70)
           | st.floats(allow_nan=True, allow_infinity=True) | TEXT
           | st.sampled_from(["", "   ", "#E69F00", "hippocampus", "established", "li2010", "10.1000/x"]))


def _toml(values):
    # TOML has no null: drop Nones from lists and dicts
    return st.recursive(
        values.filter(lambda v: v is not None),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(NAMES, children, max_size=4),
        max_leaves=12,
    )


VALUES = _toml(SCALARS)
RANDOM_DOCS = st.dictionaries(NAMES, VALUES, max_size=6)


def _paths(obj, prefix=()):
    """Every (path, value) inside a parsed document."""
    yield prefix, obj
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, prefix + (i,))


def draw_place(draw, doc):
    """A random ``(container, key)`` inside a parsed document, or None if it is empty."""
    paths = [p for p, _ in _paths(doc) if p]
    if not paths:
        return None
    path = draw(st.sampled_from(paths))
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    return parent, path[-1]


@st.composite
def mutated(draw, base: dict):
    """``base`` with a few values replaced, deleted or added."""
    import copy

    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        place = draw_place(draw, doc)
        if place is None:
            break
        parent, last = place
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[last] = draw(VALUES)
        elif action == "delete":
            del parent[last]
        elif isinstance(parent, dict):
            parent[draw(NAMES)] = draw(VALUES)
        else:
            parent.append(draw(VALUES))
    return doc


#: Deeply nested arrays / inline tables: a few kB, far below the size limit.
NESTED = st.builds(lambda n, table: (("a = " + "{b = " * n + "1" + "}" * n) if table
                                     else ("a = " + "[" * n + "]" * n)).encode() + b"\n",
                   st.integers(1, 4000), st.booleans())


def documents(base_text: str):
    """File contents: mutated valid files, random TOML documents, random text and random bytes."""
    base = tomllib.loads(base_text)
    as_text = (mutated(base) | RANDOM_DOCS).map(dump_toml)
    return st.one_of(
        as_text.map(lambda t: t.encode("utf-8")),
        as_text.map(lambda t: t.encode("utf-8")),   # weight the structured cases
        st.binary(max_size=300),
        TEXT.map(lambda t: t.encode("utf-8")),
        st.just(base_text.encode("utf-8")).map(lambda b: b[: len(b) // 2]),  # cut off mid-file
        NESTED,
    )


def _check(load, path: Path, data: bytes):
    path.write_bytes(data)
    try:
        load(path)
    except ExplorerError as exc:
        assert isinstance(exc, ContentError), type(exc)
        message = str(exc)
        assert path.name in message, message
    # anything else propagates and fails the test


def never_crashes(load, path: Path, files, conf=SETTINGS) -> None:
    """Write each generated file to ``path`` and ``load(path)``: it loads, or names the file in a ContentError."""
    @conf
    @given(files)
    def check(data):
        _check(load, path, data)

    check()


def test_writer_round_trips_generated_documents():
    @SETTINGS
    @given(RANDOM_DOCS)
    def check(doc):
        parsed = tomllib.loads(dump_toml(doc))
        assert dump_toml(parsed) == dump_toml(doc)  # (nan != nan, so compare the text)

    check()


# ---------------------------------------------------------------- the loaders
DEFINITION_TEXT = asset_path("atlases", "desikan_killiany.toml").read_text(encoding="utf-8")
THEME_TEXT = asset_path("themes", "light.toml").read_text(encoding="utf-8")


def test_load_definition_never_crashes(tmp_path):
    # the right name, so id checks pass for mutated files
    never_crashes(load_definition, tmp_path / "desikan_killiany.toml", documents(DEFINITION_TEXT))


def test_load_theme_never_crashes(tmp_path):
    never_crashes(load_theme, tmp_path / "light.toml", documents(THEME_TEXT))


CONTENT_FILES = ["references.toml", "mechanism.toml", "safety.toml", "regions/hippocampus.toml"]


@pytest.mark.parametrize("file", CONTENT_FILES)
def test_load_content_never_crashes(tmp_path, file):
    folder = tmp_path / "content"
    shutil.copytree(asset_dir("content"), folder)
    path = folder / file
    original = path.read_bytes()
    max_examples = 150 // len(CONTENT_FILES) + 10

    @settings(SETTINGS, max_examples=max_examples)
    @given(documents(original.decode("utf-8")))
    def check(data):
        try:
            _check(lambda p: load_content(folder), path, data)
        finally:
            path.write_bytes(original)

    check()
    load_content(folder)  # restored


def test_properties_really_reach_the_validators(tmp_path):
    """Guard against vacuous fuzzing: mutated files produce field-level errors, not only syntax errors."""
    path = tmp_path / "desikan_killiany.toml"
    fields = set()

    @settings(SETTINGS, max_examples=60)
    @given(mutated(tomllib.loads(DEFINITION_TEXT)))
    def check(doc):
        path.write_text(dump_toml(doc), encoding="utf-8")
        try:
            load_definition(path)
        except ContentError as exc:
            if exc.field:
                fields.add(exc.field.split(".")[0].split("[")[0])

    check()
    assert {"regions"} <= fields and len(fields) >= 3, fields
