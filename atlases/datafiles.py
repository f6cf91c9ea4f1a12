"""Reading TOML data files with errors that name the file and the field.

Content, region definitions, themes and tours are all TOML. This module reads
them with a size limit and offers small typed accessors (``require_str`` and
friends) so every loader reports problems the same way.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

from atlases.errors import ContentError

#: Larger files are refused: no real content file comes near this.
MAX_DATA_FILE_BYTES = 1_000_000
#: Deeper nesting of arrays and inline tables is refused before parsing
#: (the parser recurses once per level; real files nest two or three deep).
MAX_NESTING = 32
#: An id: lower-case letters, digits and _, starting with a letter, at most 64 characters.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}\Z")


def read_toml(path: str | Path) -> dict[str, Any]:
    """Read one TOML file.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    dict

    Raises
    ------
    ContentError
        If the file is missing, too large, not UTF-8 or not valid TOML.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ContentError("file not found", path) from None
    except OSError as exc:
        raise ContentError(f"cannot read file ({exc.strerror})", path) from None
    if size > MAX_DATA_FILE_BYTES:
        raise ContentError(
            f"file is too large ({size} bytes; the limit is {MAX_DATA_FILE_BYTES})", path
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")  # Windows editors may start UTF-8 with a BOM
    except UnicodeDecodeError as exc:
        raise ContentError(f"file is not UTF-8 text (byte {exc.start})", path) from None
    except OSError as exc:
        raise ContentError(f"cannot read file ({exc.strerror})", path) from None
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        raise ContentError(f"arrays or inline tables are nested {depth} levels deep; the limit is {MAX_NESTING}",
                           path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"not valid TOML: {exc}", path) from None
    except RecursionError:  # a backstop: nesting_depth should have caught it
        raise ContentError("arrays or inline tables are nested too deeply", path) from None


def nesting_depth(text: str) -> int:
    """Deepest nesting of ``[`` and ``{`` in TOML text, ignoring strings and comments.

    Approximate on invalid TOML (which the parser then rejects), but enough
    to refuse files that would make the recursive parser overflow.
    """
    depth = deepest = 0
    for token in _TOKENS.finditer(text):
        c = token.group()
        if c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth = max(depth - 1, 0)
    return deepest


#: Strings and comments (skipped whole) or one bracket.
_TOKENS = re.compile(r'"""(?:\\.|[^\\])*?"""' "|" r"'''[\s\S]*?'''" "|" r'"(?:\\.|[^"\\\n])*"' "|" r"'[^'\n]*'"
                     "|" r"#[^\n]*" "|" r"[\[\]{}]")


class Fields:
    """Typed access to one table of a data file, naming file and field on error.

    Parameters
    ----------
    data : dict
        The table.
    path : Path
        The file it came from.
    prefix : str
        Dotted location of the table inside the file ("" for the top level).
    """

    def __init__(self, data: Any, path: Path, prefix: str = ""):
        if not isinstance(data, dict):
            raise ContentError(f"expected a table, got {_type_name(data)}", path, prefix or None)
        self.data = data
        self.path = path
        self.prefix = prefix

    def where(self, key: str) -> str:
        """Return the dotted name of ``key`` inside the file."""
        return f"{self.prefix}.{key}" if self.prefix else key

    def error(self, key: str, message: str) -> ContentError:
        """Build a :class:`ContentError` for ``key``."""
        return ContentError(message, self.path, self.where(key))

    def _get(self, key: str, kind, kind_name: str, default: Any, required: bool):
        if key not in self.data:
            if required:
                raise self.error(key, "required field is missing")
            return default
        value = self.data[key]
        # bool is an int subclass; never accept it where a number is expected
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise self.error(key, f"expected {kind_name}, got {_type_name(value)}")
        return value

    def str(self, key: str, default: str | None = None, required: bool = True, max_len: int = 20_000) -> str:
        """Return a non-empty string field."""
        value = self._get(key, str, "text", default, required)
        if value is None:
            return value
        if required and not value.strip():
            raise self.error(key, "must not be empty")
        if len(value) > max_len:
            raise self.error(key, f"is too long ({len(value)} characters; the limit is {max_len})")
        return value

    def id(self, key: str = "id") -> str:
        """Return a string field that is a valid id (:data:`ID_PATTERN`)."""
        value = self.str(key)
        if not ID_PATTERN.match(value):
            raise self.error(key, f"{value!r} is not a valid id (lower-case letters, digits and _, "
                                  "starting with a letter)")
        return value

    def choice(self, key: str, valid, what: str, required: bool = True) -> str | None:
        """Return a string field that must be one of ``valid`` (``what`` names it in the message)."""
        value = self.str(key, required=required)
        if value is not None and value not in valid:
            raise self.error(key, f"unknown {what} {value!r}; valid: {', '.join(valid)}")
        return value

    def choice_list(self, key: str, valid, what: str, hint: str = "", **kwargs) -> list[str]:
        """Return a list of strings that must each be one of ``valid``; the message names the item.

        ``hint`` replaces the list of valid values in the message; other
        arguments are those of :meth:`str_list`.
        """
        values = self.str_list(key, **kwargs)
        for i, value in enumerate(values or ()):
            if value not in valid:
                raise ContentError(f"unknown {what} {value!r}; {hint or 'valid: ' + ', '.join(valid)}",
                                   self.path, f"{self.where(key)}[{i}]")
        return values

    def int(self, key: str, default: int | None = None, required: bool = True) -> int:
        """Return an integer field."""
        return self._get(key, int, "a whole number", default, required)

    def number(self, key: str, default: float | None = None, required: bool = True,
               lo: float | None = None, hi: float | None = None) -> float:
        """Return a number field, optionally range-checked."""
        value = self._get(key, (int, float), "a number", default, required)
        if value is None:
            return value
        if not math.isfinite(value):
            raise self.error(key, f"must be a finite number, got {value}")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise self.error(key, f"must be between {lo} and {hi}, got {value}")
        return float(value)

    def bool(self, key: str, default: bool | None = None, required: bool = True) -> bool:
        """Return a true/false field."""
        return self._get(key, bool, "true or false", default, required)

    def str_list(self, key: str, default: list | None = None, required: bool = True,
                 allow_empty: bool = False) -> list[str]:
        """Return a list of non-empty strings."""
        value = self._get(key, list, "a list", default, required)
        if value is None:
            return value
        if not value and not allow_empty and required:
            raise self.error(key, "must not be empty")
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise ContentError(f"expected non-empty text, got {_type_name(item)}",
                                   self.path, f"{self.where(key)}[{i}]")
        return list(value)

    def table(self, key: str, required: bool = True) -> "Fields | None":
        """Return a sub-table as :class:`Fields`."""
        value = self._get(key, dict, "a table", None, required)
        if value is None:
            return None
        return Fields(value, self.path, self.where(key))

    def tables(self, key: str, required: bool = True, allow_empty: bool = False) -> list["Fields"]:
        """Return an array of tables as a list of :class:`Fields`."""
        value = self._get(key, list, "a list of tables", [], required)
        if not value and required and not allow_empty:
            raise self.error(key, "must not be empty")
        return [Fields(item, self.path, f"{self.where(key)}[{i}]") for i, item in enumerate(value)]

    def unknown_keys(self, allowed) -> None:
        """Raise if the table has keys outside ``allowed`` (catches typos)."""
        extra = sorted(set(self.data) - set(allowed))
        if extra:
            raise self.error(extra[0], f"unknown field; allowed fields: {', '.join(sorted(allowed))}")


def _type_name(value: Any) -> str:
    return {
        str: "text", int: "a whole number", float: "a number", bool: "true/false",
        list: "a list", dict: "a table",
    }.get(type(value), type(value).__name__)
