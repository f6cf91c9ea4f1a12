"""TOML reading and typed field access: every error names the file (and field)."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlases.errors import ContentError, ExplorerError
from atlases.files.toml_reader import MAX_DATA_FILE_BYTES, Fields, read_toml


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    p.write_bytes(data)
    return p


# ---------------------------------------------------------------- read_toml
def test_reads_valid_toml(tmp_path):
    p = _write(tmp_path, "ok.toml", 'title = "Hippocampus – Ammon’s horn"\nn = 3\n[t]\nx = [1, 2]\n')
    assert read_toml(p) == {"title": "Hippocampus – Ammon’s horn", "n": 3, "t": {"x": [1, 2]}}
    assert read_toml(str(p))["n"] == 3  # str paths work too


def test_missing_file_is_named(tmp_path):
    p = tmp_path / "nowhere" / "missing_file.toml"
    with pytest.raises(ContentError) as info:
        read_toml(p)
    assert "missing_file.toml" in str(info.value)
    assert "not found" in str(info.value)
    assert info.value.path == p


def test_too_large_file_is_refused_without_parsing(tmp_path):
    # valid TOML, only too big: the size check must come first
    p = _write(tmp_path, "huge_file.toml", "# " + "x" * MAX_DATA_FILE_BYTES + "\n")
    with pytest.raises(ContentError) as info:
        read_toml(p)
    msg = str(info.value)
    assert "huge_file.toml" in msg and "too large" in msg
    assert str(MAX_DATA_FILE_BYTES) in msg


def test_file_at_the_size_limit_is_read(tmp_path):
    body = 'a = 1\n# '
    p = _write(tmp_path, "limit.toml", body + "x" * (MAX_DATA_FILE_BYTES - len(body)))
    assert p.stat().st_size == MAX_DATA_FILE_BYTES
    assert read_toml(p) == {"a": 1}


@pytest.mark.parametrize("data", [
    b'title = "caf\xe9"\n',                      # Latin-1, as saved by an old editor
    b"\xff\xfet\x00i\x00t\x00l\x00e\x00",         # UTF-16 with BOM
    b"a = 1\n\x80\x81\x82",
], ids=["latin1", "utf16", "stray-bytes"])
def test_non_utf8_file_is_named(tmp_path, data):
    p = _write(tmp_path, "latin_file.toml", data)
    with pytest.raises(ContentError) as info:
        read_toml(p)
    msg = str(info.value)
    assert "latin_file.toml" in msg and "not UTF-8" in msg


@pytest.mark.parametrize("text", [
    'title = "unterminated\n',
    "title = \n",
    "[regions\nx = 1\n",
    "a = 1\na = 2\n",                      # duplicate key
    "x = [1, 2\n",
    "just some prose, not toml\n",
    "a = 1\x00\n",                          # control character
], ids=["unterminated", "no-value", "bad-header", "duplicate-key", "open-array", "prose", "nul"])
def test_bad_syntax_is_named(tmp_path, text):
    p = _write(tmp_path, "broken_file.toml", text)
    with pytest.raises(ContentError) as info:
        read_toml(p)
    msg = str(info.value)
    assert "broken_file.toml" in msg and "not valid TOML" in msg
    assert "\n" not in msg.strip()


def test_deeply_nested_toml_is_a_content_error_not_a_crash(tmp_path):
    # 3 kB of brackets: well under the size limit, but tomllib recurses once per level
    p = _write(tmp_path, "nested_file.toml", "a = " + "[" * 3000 + "]" * 3000 + "\n")
    with pytest.raises(ContentError) as info:
        read_toml(p)
    assert "nested_file.toml" in str(info.value)


def test_a_folder_is_not_a_data_file(tmp_path):
    folder = tmp_path / "a_folder.toml"
    folder.mkdir()
    with pytest.raises(ContentError) as info:
        read_toml(folder)
    assert "a_folder.toml" in str(info.value)


# ---------------------------------------------------------------- Fields
@pytest.fixture
def fields(tmp_path):
    data = {"name": "PFC", "blank": "   ", "n": 3, "flag": True, "ratio": 0.5, "items": ["a", "b"],
            "bad_items": ["a", 2], "empty_items": [], "sub": {"x": 1}, "rows": [{"a": 1}, {"a": 2}],
            "bad_rows": [{"a": 1}, "nope"]}
    return Fields(data, tmp_path / "regions" / "prefrontal_cortex.toml", "regions.prefrontal_cortex")


def _raises(call, field: str, phrase: str):
    with pytest.raises(ContentError) as info:
        call()
    err = info.value
    msg = str(err)
    assert "prefrontal_cortex.toml" in msg, msg
    assert f"[{field}]" in msg, msg
    assert phrase in msg, msg
    assert err.field == field
    return err


def test_fields_return_typed_values(fields):
    assert fields.str("name") == "PFC"
    assert fields.int("n") == 3
    assert fields.bool("flag") is True
    assert fields.number("ratio", lo=0, hi=1) == 0.5
    assert fields.number("n") == 3.0 and isinstance(fields.number("n"), float)
    assert fields.str_list("items") == ["a", "b"]
    assert fields.table("sub").data == {"x": 1}
    assert [r.data["a"] for r in fields.tables("rows")] == [1, 2]
    assert fields.str("absent", default="d", required=False) == "d"
    assert fields.table("absent", required=False) is None
    assert fields.where("n") == "regions.prefrontal_cortex.n"


@pytest.mark.parametrize("call, field, phrase", [
    (lambda f: f.str("n"), "n", "expected text, got a whole number"),
    (lambda f: f.str("items"), "items", "expected text, got a list"),
    (lambda f: f.str("missing"), "missing", "required field is missing"),
    (lambda f: f.str("blank"), "blank", "must not be empty"),
    (lambda f: f.str("name", max_len=2), "name", "too long"),
    (lambda f: f.int("name"), "name", "expected a whole number, got text"),
    (lambda f: f.int("ratio"), "ratio", "expected a whole number, got a number"),
    (lambda f: f.int("flag"), "flag", "expected a whole number, got true/false"),
    (lambda f: f.number("flag"), "flag", "expected a number, got true/false"),
    (lambda f: f.number("n", lo=0, hi=1), "n", "must be between 0 and 1"),
    (lambda f: f.bool("n"), "n", "expected true or false"),
    (lambda f: f.str_list("name"), "name", "expected a list, got text"),
    (lambda f: f.str_list("empty_items"), "empty_items", "must not be empty"),
    (lambda f: f.table("items"), "items", "expected a table, got a list"),
    (lambda f: f.tables("sub"), "sub", "expected a list of tables, got a table"),
    (lambda f: f.tables("empty_items"), "empty_items", "must not be empty"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_field_type_errors_name_file_and_field(fields, call, field, phrase):
    _raises(lambda: call(fields), f"regions.prefrontal_cortex.{field}", phrase)


def test_list_item_errors_name_the_index(fields):
    _raises(lambda: fields.str_list("bad_items"), "regions.prefrontal_cortex.bad_items[1]",
            "expected non-empty text, got a whole number")
    _raises(lambda: fields.tables("bad_rows"), "regions.prefrontal_cortex.bad_rows[1]",
            "expected a table, got text")


def test_unknown_keys_name_the_typo(fields):
    err = _raises(lambda: fields.unknown_keys({"name", "n"}), "regions.prefrontal_cortex.bad_items",
                  "unknown field; allowed fields: n, name")
    assert err.field.endswith("bad_items")  # the alphabetically first extra key
    fields.unknown_keys(set(fields.data))  # all known: no error


def test_top_level_fields_have_no_prefix(tmp_path):
    f = Fields({"x": "y"}, tmp_path / "top.toml")
    with pytest.raises(ContentError) as info:
        f.int("x")
    assert str(info.value).startswith(str(tmp_path / "top.toml") + " [x]: ")


def test_a_non_table_top_level_is_refused(tmp_path):
    with pytest.raises(ContentError) as info:
        Fields(["not", "a", "table"], tmp_path / "top.toml")
    assert "top.toml" in str(info.value) and "expected a table, got a list" in str(info.value)


def test_error_formatting():
    assert str(ContentError("broken", "a/b.toml", "x.y")) == f"{Path('a/b.toml')} [x.y]: broken"
    assert str(ContentError("broken", "a/b.toml")) == f"{Path('a/b.toml')}: broken"
    assert str(ContentError("broken", field="x")) == "[x]: broken"
    assert str(ContentError("broken")) == "broken"
    assert issubclass(ContentError, ExplorerError)
