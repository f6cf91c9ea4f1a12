"""Reading TOML data files with errors that name the file and the field.

Content, region definitions, themes and tours are all TOML. This module reads
them with a size limit and offers small typed accessors (``require_str`` and
friends) so every loader reports problems the same way.
"""

from __future__ import annotations

import builtins
import math
import re
import sys
from pathlib import Path
from typing import Any, Literal, overload

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

from atlases.errors import ContentError
from atlases.files.regular_files import read_regular
from atlases.files.toml_limits import out_of_range_integer, structure_problem

#: Larger files are refused: no real content file comes near this.
MAX_DATA_FILE_BYTES = 1_000_000
#: An id: lower-case letters, digits and _, starting with a letter, at most 64 characters.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}\Z")
#: Longer lists (and arrays of tables) are refused: real files hold at most a few dozen entries.
MAX_ITEMS = 1000


def read_toml(path: str | Path) -> dict[str, Any]:
    """Read one TOML file.

    Only a regular file is opened (never a named pipe or a device), at most
    :data:`MAX_DATA_FILE_BYTES` are read, and the structure is checked
    before parsing (:func:`atlases.files.toml_limits.structure_problem`), so no
    file can make the parser take more than about a second.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    dict

    Raises
    ------
    ContentError
        If the file is missing, not a regular file, too large, not UTF-8,
        not valid TOML, shaped beyond the parser's limits, or holds a whole
        number outside 64 bits.
    """
    path = Path(path)
    data = read_regular(path, MAX_DATA_FILE_BYTES)
    try:
        text = data.decode("utf-8-sig")  # Windows editors may start UTF-8 with a BOM
    except UnicodeDecodeError as exc:
        raise ContentError(f"file is not UTF-8 text (byte {exc.start})", path) from None
    problem = structure_problem(text)
    if problem:
        raise ContentError(problem, path)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"not valid TOML: {exc}", path) from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits (Python's conversion limit)
        raise ContentError(f"not valid TOML: {str(exc).split(';')[0]}", path) from None
    except RecursionError:  # a backstop: structure_problem should have caught it
        raise ContentError("arrays or inline tables are nested too deeply", path) from None
    where = out_of_range_integer(document)
    if where is not None:
        raise ContentError("whole number outside the 64-bit range TOML allows", path, where or None)
    return document


class Fields:
    """Typed access to one table of a data file, naming file and field on error.

    The accessors are named after the type they return (``str``, ``int``,
    ``bool``...), so annotations inside the class spell the types
    ``builtins.str`` and so on. A field that is not ``required`` may be
    missing, and then gives ``default`` (None unless given): the overloads
    say so to the type checker.

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

    @overload
    def str(self, key: builtins.str, default: builtins.str | None = None, required: Literal[True] = True,
            max_len: builtins.int = 20_000) -> builtins.str: ...
    @overload
    def str(self, key: builtins.str, default: builtins.str, required: builtins.bool = True,
            max_len: builtins.int = 20_000) -> builtins.str: ...
    @overload
    def str(self, key: builtins.str, default: None = None, required: builtins.bool = True,
            max_len: builtins.int = 20_000) -> builtins.str | None: ...

    def str(self, key: builtins.str, default: builtins.str | None = None, required: builtins.bool = True,
            max_len: builtins.int = 20_000) -> builtins.str | None:
        """Return a non-empty string field."""
        value = self._get(key, str, "text", default, required)
        if value is None:
            return value
        if required and not value.strip():
            raise self.error(key, "must not be empty")
        if len(value) > max_len:
            raise self.error(key, f"is too long ({len(value)} characters; the limit is {max_len})")
        return value

    def id(self, key: builtins.str = "id") -> builtins.str:
        """Return a string field that is a valid id (:data:`ID_PATTERN`)."""
        value = self.str(key)
        if not ID_PATTERN.match(value):
            raise self.error(key, f"{value!r} is not a valid id (lower-case letters, digits and _, "
                                  "starting with a letter)")
        return value

    @overload
    def choice(self, key: builtins.str, valid, what: builtins.str,
               required: Literal[True] = True) -> builtins.str: ...
    @overload
    def choice(self, key: builtins.str, valid, what: builtins.str,
               required: builtins.bool = True) -> builtins.str | None: ...

    def choice(self, key: builtins.str, valid, what: builtins.str,
               required: builtins.bool = True) -> builtins.str | None:
        """Return a string field that must be one of ``valid`` (``what`` names it in the message)."""
        value = self.str(key, required=required)
        if value is not None and value not in valid:
            raise self.error(key, f"unknown {what} {value!r}; valid: {', '.join(valid)}")
        return value

    @overload
    def choice_list(self, key: builtins.str, valid, what: builtins.str, hint: builtins.str = "",
                    default: list | None = None, required: Literal[True] = True, allow_empty: builtins.bool = False,
                    max_items: builtins.int = MAX_ITEMS) -> list[builtins.str]: ...
    @overload
    def choice_list(self, key: builtins.str, valid, what: builtins.str, hint: builtins.str = "", *,
                    default: list, required: builtins.bool = True, allow_empty: builtins.bool = False,
                    max_items: builtins.int = MAX_ITEMS) -> list[builtins.str]: ...
    @overload
    def choice_list(self, key: builtins.str, valid, what: builtins.str, hint: builtins.str = "",
                    default: None = None, required: builtins.bool = True, allow_empty: builtins.bool = False,
                    max_items: builtins.int = MAX_ITEMS) -> list[builtins.str] | None: ...

    def choice_list(self, key: builtins.str, valid, what: builtins.str, hint: builtins.str = "",
                    default: list | None = None, required: builtins.bool = True, allow_empty: builtins.bool = False,
                    max_items: builtins.int = MAX_ITEMS) -> list[builtins.str] | None:
        """Return a list of strings that must each be one of ``valid``; the message names the item.

        ``hint`` replaces the list of valid values in the message; the other
        arguments are those of :meth:`str_list`.
        """
        values = self.str_list(key, default, required, allow_empty, max_items)
        for i, value in enumerate(values or ()):
            if value not in valid:
                raise ContentError(f"unknown {what} {value!r}; {hint or 'valid: ' + ', '.join(valid)}",
                                   self.path, f"{self.where(key)}[{i}]")
        return values

    @overload
    def int(self, key: builtins.str, default: builtins.int | None = None,
            required: Literal[True] = True) -> builtins.int: ...
    @overload
    def int(self, key: builtins.str, default: builtins.int | None = None,
            required: builtins.bool = True) -> builtins.int | None: ...

    def int(self, key: builtins.str, default: builtins.int | None = None,
            required: builtins.bool = True) -> builtins.int | None:
        """Return an integer field."""
        return self._get(key, int, "a whole number", default, required)

    @overload
    def number(self, key: builtins.str, default: float | None = None, required: Literal[True] = True,
               lo: float | None = None, hi: float | None = None) -> float: ...
    @overload
    def number(self, key: builtins.str, default: float | None = None, required: builtins.bool = True,
               lo: float | None = None, hi: float | None = None) -> float | None: ...

    def number(self, key: builtins.str, default: float | None = None, required: builtins.bool = True,
               lo: float | None = None, hi: float | None = None) -> float | None:
        """Return a number field, optionally range-checked."""
        value = self._get(key, (int, float), "a number", default, required)
        if value is None:
            return value
        try:
            number = float(value)
        except OverflowError:  # a whole number beyond the float range
            raise self.error(key, "is far too large") from None
        if not math.isfinite(number):
            raise self.error(key, f"must be a finite number, got {value}")
        if (lo is not None and number < lo) or (hi is not None and number > hi):
            raise self.error(key, f"must be between {lo} and {hi}, got {value:.6g}")
        return number

    @overload
    def bool(self, key: builtins.str, default: builtins.bool | None = None,
             required: Literal[True] = True) -> builtins.bool: ...
    @overload
    def bool(self, key: builtins.str, default: builtins.bool | None = None,
             required: builtins.bool = True) -> builtins.bool | None: ...

    def bool(self, key: builtins.str, default: builtins.bool | None = None,
             required: builtins.bool = True) -> builtins.bool | None:
        """Return a true/false field."""
        return self._get(key, bool, "true or false", default, required)

    @overload
    def str_list(self, key: builtins.str, default: list | None = None, required: Literal[True] = True,
                 allow_empty: builtins.bool = False, max_items: builtins.int = MAX_ITEMS) -> list[builtins.str]: ...
    @overload
    def str_list(self, key: builtins.str, default: list, required: builtins.bool = True,
                 allow_empty: builtins.bool = False, max_items: builtins.int = MAX_ITEMS) -> list[builtins.str]: ...
    @overload
    def str_list(self, key: builtins.str, default: None = None, required: builtins.bool = True,
                 allow_empty: builtins.bool = False,
                 max_items: builtins.int = MAX_ITEMS) -> list[builtins.str] | None: ...

    def str_list(self, key: builtins.str, default: list | None = None, required: builtins.bool = True,
                 allow_empty: builtins.bool = False, max_items: builtins.int = MAX_ITEMS) -> list[builtins.str] | None:
        """Return a list of non-empty strings (at most ``max_items``)."""
        value = self._get(key, list, "a list", default, required)
        if value is None:
            return value
        if not value and not allow_empty and required:
            raise self.error(key, "must not be empty")
        self._check_count(key, value, max_items)
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise ContentError(f"expected non-empty text, got {_type_name(item)}",
                                   self.path, f"{self.where(key)}[{i}]")
        return list(value)

    @overload
    def table(self, key: builtins.str, required: Literal[True] = True) -> Fields: ...
    @overload
    def table(self, key: builtins.str, required: builtins.bool = True) -> Fields | None: ...

    def table(self, key: builtins.str, required: builtins.bool = True) -> Fields | None:
        """Return a sub-table as :class:`Fields`."""
        value = self._get(key, dict, "a table", None, required)
        if value is None:
            return None
        return Fields(value, self.path, self.where(key))

    def tables(self, key: builtins.str, required: builtins.bool = True, allow_empty: builtins.bool = False,
               max_items: builtins.int = MAX_ITEMS) -> list[Fields]:
        """Return an array of tables (at most ``max_items``) as a list of :class:`Fields`."""
        value = self._get(key, list, "a list of tables", [], required)
        if not value and required and not allow_empty:
            raise self.error(key, "must not be empty")
        self._check_count(key, value, max_items)
        return [Fields(item, self.path, f"{self.where(key)}[{i}]") for i, item in enumerate(value)]

    def _check_count(self, key: builtins.str, items, max_items: builtins.int) -> None:
        if len(items) > max_items:
            raise self.error(key, f"has {len(items)} entries; the limit is {max_items}")

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
