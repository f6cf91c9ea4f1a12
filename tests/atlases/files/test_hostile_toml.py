"""TOML whose parse cost grows faster than its size is refused before the parser runs.

The shapes (measured with ``tomllib``, see atlases/files/toml_limits.py): a
dotted key of many parts (``a.b.c... = 1``: 40 KB took 6 s and 1.5 GB), a
long table header followed by keys (90 KB took 19 s), long headers and
dotted keys inside inline tables. Each is generated here at many sizes and
spellings (bare, quoted, spaced, in headers, arrays of tables, inline tables
and arrays of them) and must be refused with a ContentError naming the file,
without ``tomllib.loads`` being called. No timing is asserted: the test
checks that the parser is never reached. Shapes within the limits, and all
shipped data files, still parse. Whole numbers outside 64 bits (which TOML
forbids and ``tomllib`` accepts) are refused after parsing.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from atlases.errors import ContentError
from atlases.files import toml_reader
from atlases.files.toml_limits import MAX_KEY_PARTS, MAX_NESTING, nesting_depth, skeleton, structure_problem
from atlases.files.toml_reader import MAX_DATA_FILE_BYTES, read_toml
from atlases.resources import asset_dir
from tests.helpers_toml import dump_toml
from tests.test_properties import RANDOM_DOCS, SETTINGS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[3]

PART = st.sampled_from(["a", "b1", "key_x", "k-y", "0", '"q"', "'lit'", '"a.b"', '"[x]"', '"#"', "_"])
DOT = st.sampled_from([".", " . ", "\t.", ". "])


@st.composite
def dotted(draw, parts: int) -> str:
    """A dotted key of ``parts`` parts, mixing bare, quoted and spaced spellings."""
    if draw(st.booleans()):   # the plain shape, cheap to build at any length
        return ".".join([draw(PART)] * parts)
    pieces = [draw(PART)]
    for _ in range(parts - 1):
        pieces += [draw(DOT), draw(PART)]
    return "".join(pieces)


SHAPES = {
    "key": lambda k: f"{k} = 1\n",
    "header": lambda k: f"[{k}]\nx = 1\n",
    "array of tables": lambda k: f"[[{k}]]\n" * 3,
    "header then keys": lambda k: f"[{k}]\n" + "".join(f"k{i} = {i}\n" for i in range(200)),
    "inline table": lambda k: f"x = {{{k} = 1}}\n",
    "array of inline tables": lambda k: "x = [" + ", ".join([f"{{{k} = 1}}"] * 5) + "]\n",
    "after valid lines": lambda k: 'title = "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r"\n[t]\ny = 2\n' + f"{k} = 1\n",
    "indented in a table": lambda k: f"[t]\n  {k} = true\n",
}

#: Part counts over the limit: just over it, and up to the sizes that took seconds to minutes.
TOO_MANY = st.integers(MAX_KEY_PARTS + 1, MAX_KEY_PARTS + 40) | st.sampled_from([100, 1000, 5000, 20_000])


@pytest.fixture
def no_parser(monkeypatch):
    def parser_reached(text, *args, **kwargs):
        raise AssertionError("the parser ran on a file the structure check should have refused")

    monkeypatch.setattr(toml_reader.tomllib, "loads", parser_reached)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_long_keys_are_refused_before_parsing(tmp_path, no_parser, shape):
    path = tmp_path / "shape.toml"

    @settings(SETTINGS, max_examples=25)
    @given(st.data())
    def check(data):
        text = SHAPES[shape](data.draw(dotted(data.draw(TOO_MANY))))
        assume(len(text.encode("utf-8")) <= MAX_DATA_FILE_BYTES)   # (larger ones are refused for their size)
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ContentError) as info:
            read_toml(path)
        message = str(info.value)
        assert "shape.toml" in message and "dotted parts" in message and f"limit is {MAX_KEY_PARTS}" in message

    check()


@pytest.mark.parametrize("shape", list(SHAPES))
def test_keys_within_the_limit_still_parse(tmp_path, shape):
    path = tmp_path / "shape.toml"

    @settings(SETTINGS, max_examples=25)
    @given(st.integers(1, MAX_KEY_PARTS), st.sampled_from(["a", "b", "c_d", "e-f"]))
    def check(parts, name):
        # distinct parts, so every key is new (valid TOML)
        key = ".".join(f"{name}{i}" for i in range(parts))
        path.write_text(SHAPES[shape](key), encoding="utf-8")
        assert isinstance(read_toml(path), dict)

    check()


def test_the_worst_shape_of_the_issue_at_40_kb_never_reaches_the_parser(tmp_path, no_parser):
    for text in (".".join(["a"] * 20_000) + " = 1\n",                                   # 6 s, 1.5 GB before
                 "[" + ".".join(["a"] * 11_000) + "]\n" + "".join(f"k{i}=1\n" for i in range(3000))):  # 5 s
        path = tmp_path / "slow.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ContentError, match="dotted parts"):
            read_toml(path)


@pytest.mark.parametrize("text, line", [
    ("a = 1\n" + ".".join("x" * 40) + " = 2\n", 2),
    ('t = """\nmany\nlines\n"""\n[' + ".".join("y" * 30) + "]\n", 5),
    ("# comment\n\n\n" + "'q'." * 20 + "z = 1\n", 4),
])
def test_the_refusal_names_the_line(tmp_path, text, line):
    path = tmp_path / "lines.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=f"line {line}: "):
        read_toml(path)


# ---------------------------------------------------------------- no false alarms
#: Dots, brackets and quotes inside strings and comments are not structure.
NOT_STRUCTURE = [
    'text = "' + ".".join(["a"] * 500) + '"\n',
    "text = '" + ".".join(["a"] * 500) + "'\n",
    'text = """\n' + ".".join(["a"] * 500) + '\n"""\n',
    "text = '''\n" + ".".join(["a"] * 500) + "\n'''\n",
    'text = """a \\\n  ' + "[" * 100 + '\\"""\n"""\n',          # escaped line end and quotes
    "# " + ".".join(["a"] * 500) + " [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n",
    '"' + ".".join(["k"] * 500) + '" = 1\n',                        # one quoted part with dots in it
    "x = [" + ", ".join(["1.5"] * 500) + "]\n",                     # many floats on one line
    "d = 1979-05-27T07:32:00.999999-07:00\nt = 07:32:00.5\n",
    'x = "a#b" # "c" \'d\n',
    "x = \"\\\"\" # quote in a string, then a comment\n",
    'e = "..."\nf = "...."\n',
]


@pytest.mark.parametrize("text", NOT_STRUCTURE)
def test_strings_and_comments_are_not_taken_for_keys(tmp_path, text):
    assert structure_problem(text) is None, text
    path = tmp_path / "fine.toml"
    path.write_text(text, encoding="utf-8")
    assert read_toml(path) == tomllib.loads(text)


def test_generated_documents_pass_the_structure_check():
    @SETTINGS
    @given(RANDOM_DOCS)
    def check(doc):
        text = dump_toml(doc)
        assert structure_problem(text) is None, text

    check()


_CHAIN = re.compile(r"(?<![\w.-])[\w-]+(?:[ \t]*\.[ \t]*[\w-]+)*")


def test_every_shipped_data_file_is_far_within_the_limits():
    files = sorted(asset_dir("content").rglob("*.toml")) + sorted((ROOT / "assets").glob("*/*.toml"))
    assert len(files) >= 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        parts = max((chain.group().count(".") + 1 for chain in _CHAIN.finditer(skeleton(text))), default=1)
        assert parts <= MAX_KEY_PARTS // 4, (path, parts)      # real files use two or three
        assert nesting_depth(text) <= MAX_NESTING // 4, path
        assert structure_problem(text) is None, path
        read_toml(path)


# ---------------------------------------------------------------- whole numbers TOML forbids
@pytest.mark.parametrize("text, field", [
    ("a = 9223372036854775808\n", "a"),
    ("a = -9223372036854775809\n", "a"),
    ("a = 0x1" + "0" * 16 + "\n", "a"),
    ("a = 0o" + "7" * 30 + "\n", "a"),
    ("a = 0b1" + "0" * 64 + "\n", "a"),
    ("a = [1, {b = 1" + "0" * 400 + "}]\n", "a[1].b"),
    ("[t]\nx.y = 1_000_000_000_000_000_000_000\n", "t.x.y"),
])
def test_whole_numbers_beyond_64_bits_are_refused(tmp_path, text, field):
    path = tmp_path / "ints.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        read_toml(path)
    assert "ints.toml" in str(info.value) and "64-bit" in str(info.value) and info.value.field == field


def test_a_whole_number_of_thousands_of_digits_is_a_content_error(tmp_path):
    path = tmp_path / "digits.toml"
    path.write_text("a = 1" + "0" * 5000 + "\n", encoding="utf-8")   # ValueError from int() before
    with pytest.raises(ContentError, match="not valid TOML") as info:
        read_toml(path)
    assert "digits.toml" in str(info.value)


@pytest.mark.parametrize("value", [2**63 - 1, -2**63, 0, 0x7FFFFFFFFFFFFFFF])
def test_whole_numbers_within_64_bits_load(tmp_path, value):
    path = tmp_path / "ok.toml"
    path.write_text(f"a = {value}\n", encoding="utf-8")
    assert read_toml(path) == {"a": value}


def test_integer_property_only_content_errors(tmp_path):
    path = tmp_path / "n.toml"

    @SETTINGS
    @given(st.integers(-2**200, 2**200) | st.sampled_from([2**63, -2**63 - 1, 2**63 - 1, -2**63]),
           st.sampled_from(["{}", "0x{:x}", "0o{:o}", "0b{:b}"]))
    def check(value, spelling):
        if value < 0 and spelling != "{}":
            return   # TOML has no negative hex/octal/binary
        path.write_text("a = " + spelling.format(value) + "\n", encoding="utf-8")
        try:
            assert read_toml(path) == {"a": value} and -2**63 <= value < 2**63
        except ContentError as exc:
            assert not -2**63 <= value < 2**63 and "n.toml" in str(exc)

    check()


#: Lines the structure check itself must get through in one pass: unclosed strings and runs of
#: escaped quotes. A scan that can fail at the end of a 1 MB line and is retried at every later
#: quote is quadratic on them (its first version took minutes on the escaped-quote lines).
SCAN_SHAPES = {
    "escaped quotes in a multi-line string": '"""' + '\\"' * 450_000,
    "escaped quotes in a string": 'x = "' + '\\"' * 450_000,
    "an unclosed multi-line string": 'x = """' + "y" * 900_000,
    "an unclosed literal string": "x = '''" + "y" * 900_000,
    "quotes only": '"' * 900_000,
    "apostrophes on lines": "'\n" * 450_000,
    "unclosed strings on lines": '"abc\n' * 180_000,
}


@pytest.mark.parametrize("shape", list(SCAN_SHAPES))
def test_the_structure_check_reads_hostile_strings_in_one_pass(shape):
    """A hang guard, not a timing threshold: each 1 MB shape takes well under a second here."""
    import subprocess

    code = ("import sys; sys.path.insert(0, sys.argv[1]); from atlases.files.toml_limits import skeleton; "
            "text = sys.stdin.read(); print(len(skeleton(text)))")
    try:
        proc = subprocess.run([sys.executable, "-c", code, str(ROOT)], input=SCAN_SHAPES[shape], text=True,
                              capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the structure check did not get through {shape!r} (1 MB) in 60 s")
    assert proc.returncode == 0, proc.stderr
