"""The project's own error types.

Every problem with a file the app reads (an atlas image, a label table, a
content or definition file, a tour) is raised as one of these, with the file
and the problem named, so the CLI can print one line and the GUI can show one
dialog instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path


class ExplorerError(Exception):
    """Base class for errors the app reports to the user.

    Parameters
    ----------
    message : str
        What is wrong, in one sentence a lecturer can act on.
    path : str or Path, optional
        The file (or folder) the problem is in.
    field : str, optional
        The field inside that file, e.g. ``"sections.ketamine[2].refs"``.
    """

    def __init__(self, message: str, path: str | Path | None = None, field: str | None = None):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.field = field
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}"
            if self.field:
                where += f" [{self.field}]"
            where += ": "
        elif self.field:
            where = f"[{self.field}]: "
        return f"{where}{self.message}"


class AtlasError(ExplorerError):
    """An atlas could not be found, read or used."""


class ContentError(ExplorerError):
    """A content, definition, theme or tour file is malformed."""


class UnknownNameError(ExplorerError, KeyError):
    """A name (atlas, region, view, theme, asset) that does not exist.

    The message lists the valid names.
    """

    def __init__(self, kind: str, name: str, valid):
        valid = sorted(valid)
        super().__init__(f"unknown {kind} {name!r}; valid names: {', '.join(valid)}")
        self.kind = kind
        self.name = name
        self.valid = valid

    def __str__(self) -> str:  # KeyError would add quotes around the message
        return self.message
