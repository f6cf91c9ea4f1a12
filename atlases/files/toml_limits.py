"""A structural check of TOML text before it is parsed, and of the values after.

The TOML parser (``tomllib``, pure Python) costs time and memory that grow
faster than the file for a few shapes, all of them long dotted keys:

* one key of ``n`` parts (``a.b.c... = 1``): ``tomllib`` keeps every prefix
  of the key (``n**2 / 2`` references) and walks each one, so 40 KB take
  6 s and 1.5 GB, and every doubling costs 5-6 times more;
* a table header of ``n`` parts followed by keys (``[a.b.c...]``, then
  ``k1 = 1`` ...): every key walks the whole header (20 s at 90 KB);
* long headers and long dotted keys inside inline tables (quadratic).

Every other shape tried (many keys, tables, arrays of tables, inline
arrays of tables, shared prefixes, long strings, escapes) parses in time
linear in its size. :func:`structure_problem` therefore refuses, before the
parser runs, keys and headers of more than :data:`MAX_KEY_PARTS` parts and
arrays or inline tables nested deeper than :data:`MAX_NESTING` (the parser
recurses once per level). Real files use two parts and nest two levels deep.

After parsing, :func:`out_of_range_integer` finds whole numbers outside the
64-bit range that TOML allows (``tomllib`` accepts 4000-digit integers,
which overflow ``float()`` later).
"""

from __future__ import annotations

import re
from typing import Any

#: Deeper nesting of arrays and inline tables is refused before parsing
#: (the parser recurses once per level; real files nest two or three deep).
MAX_NESTING = 32
#: A dotted key or table header of more parts is refused before parsing (real files use two;
#: at this limit the worst 1 MB file parses in under a second).
MAX_KEY_PARTS = 16
#: TOML integers are 64-bit signed.
INT64 = (-2**63, 2**63 - 1)

#: Where a string or a comment may start.
_OPENER = re.compile(r"[\"'#]")
#: From an opener to the end of its string or comment. Each always matches and ends at the closing
#: quote, or at the line end (single-line strings, comments) or the end of the text when unclosed:
#: the scan never comes back, so it is linear in the text (a pattern that can fail after scanning
#: to the end, tried again at every later quote, is quadratic on a line of escaped quotes).
_TO_END = (
    ('"""', re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*(?:"""|\\?\Z)')),
    ("'''", re.compile(r"'''(?:[^']|'(?!''))*(?:'''|\Z)")),
    ('"', re.compile(r'"(?:[^"\\\n]|\\[^\n])*(?:"|\\?(?=\n)|\\?\Z)')),
    ("'", re.compile(r"'[^'\n]*(?:'|(?=\n)|\Z)")),
    ("#", re.compile(r"#[^\n]*")),
)
_BARE = r"[A-Za-z0-9_-]+"
#: A run of more than MAX_KEY_PARTS bare parts joined by dots (strings are already one bare part).
_LONG_KEY = re.compile(rf"(?<![A-Za-z0-9_.-]){_BARE}(?:[ \t]*\.[ \t]*{_BARE}){{{MAX_KEY_PARTS},}}")
_BRACKETS = re.compile(r"[\[\]{}]")


def skeleton(text: str) -> str:
    """``text`` with every string replaced by ``_`` (a one-part key) and every comment removed.

    What is left has no quotes, so brackets and dots in it are TOML syntax;
    line breaks are kept, so line numbers still hold. Approximate on invalid
    TOML, which the parser rejects anyway. Linear in the length of ``text``.
    """
    parts, pos = [], 0
    while (opener := _OPENER.search(text, pos)) is not None:
        start = opener.start()
        parts.append(text[pos:start])
        for prefix, to_end in _TO_END:
            if text.startswith(prefix, start):
                match = to_end.match(text, start)
                assert match is not None  # each pattern always matches (see _TO_END)
                end = match.end()
                break
        if prefix != "#":
            parts.append("\n" * text.count("\n", start, end) + "_")
        else:
            parts.append("")
        pos = max(end, start + 1)
    parts.append(text[pos:])
    return "".join(parts)


def nesting_depth(text: str) -> int:
    """Deepest nesting of ``[`` and ``{`` in TOML text, ignoring strings and comments."""
    return _depth(skeleton(text))


def _depth(bare: str) -> int:
    depth = deepest = 0
    for token in _BRACKETS.finditer(bare):
        if token.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(depth - 1, 0)
    return deepest


def structure_problem(text: str) -> str | None:
    """Why ``text`` must not be given to the parser, or None.

    Parameters
    ----------
    text : str
        The whole TOML file.

    Returns
    -------
    str or None
        What is wrong (with the line number), or None when the file's
        structure is within the limits.
    """
    bare = skeleton(text)
    long_key = _LONG_KEY.search(bare)
    if long_key:
        line = bare.count("\n", 0, long_key.start()) + 1
        return (f"line {line}: a key or table name has {long_key.group().count('.') + 1} dotted parts; "
                f"the limit is {MAX_KEY_PARTS}")
    depth = _depth(bare)
    if depth > MAX_NESTING:
        return f"arrays or inline tables are nested {depth} levels deep; the limit is {MAX_NESTING}"
    return None


def out_of_range_integer(data: Any) -> str | None:
    """The dotted location of the first whole number outside 64 bits in a parsed document, or None."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{where}.{k}" if where else str(k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", v) for i, v in enumerate(value))
        elif isinstance(value, int) and not isinstance(value, bool) and not INT64[0] <= value <= INT64[1]:
            return where
    return None
