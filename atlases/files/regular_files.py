"""Reading files that may come from a stranger: regular files only, never more than a limit.

A content pack (or an atlas folder) may hold a named pipe, a device or a
socket under a name a loader expects. Opening a named pipe blocks until a
writer appears (for ever), and a device such as ``/dev/zero`` reads for ever.
So a loader looks at what a path is before it opens it, opens it without
blocking, checks the open handle again (the name may have been swapped in
between), and reads at most one byte more than its limit (a file may grow
after it was measured).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from atlases.errors import ContentError

#: What a path is, for messages ("... is a named pipe, not a regular file").
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))

#: Open without blocking (a named pipe swapped in after the check) and without
#: taking a terminal as the controlling one; binary on Windows.
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def kind_of(mode: int) -> str:
    """``"a regular file"``, ``"a folder"``, ``"a named pipe"``, ``"a device"``, ``"a socket"``..."""
    if stat.S_ISREG(mode):
        return "a regular file"
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def os_error_reason(exc: OSError) -> str:
    """A short reason for an ``OSError`` from ``stat`` or ``open``, for a message."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop"
    if exc.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    return exc.strerror or type(exc).__name__


def check_regular(path: str | Path, error: type[Exception] = ContentError, what: str = "file") -> os.stat_result:
    """Stat ``path`` (following links) and refuse anything but a regular file.

    Parameters
    ----------
    path : str or Path
    error : exception class
        Raised with ``(message, path)``; :class:`~atlases.errors.ContentError` by default.
    what : str
        How to call the file in messages.

    Returns
    -------
    os.stat_result

    Raises
    ------
    error
        ``"<what> not found"``, ``"cannot read <what> (<reason>)"`` or
        ``"<what> is a named pipe (or a folder, a device...), not a regular file"``.
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise error(f"{what} not found", path) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        reason = os_error_reason(exc) if isinstance(exc, OSError) else "invalid name"
        raise error(f"cannot read {what} ({reason})", path) from None
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{what} is {kind_of(info.st_mode)}, not a regular file", path)
    return info


def read_regular(path: str | Path, limit: int, error: type[Exception] = ContentError,
                 what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, checked before and after opening.

    Parameters
    ----------
    path : str or Path
    limit : int
        Largest accepted size in bytes.
    error : exception class
        Raised with ``(message, path)``.
    what : str
        How to call the file in messages.

    Returns
    -------
    bytes

    Raises
    ------
    error
        If ``path`` is missing, unreadable, not a regular file (a named pipe,
        a device, a folder...), or larger than ``limit`` (when measured, or
        while it is read).
    """
    path = Path(path)
    size = check_regular(path, error, what).st_size
    if size > limit:
        raise error(f"{what} is too large ({size} bytes; the limit is {limit})", path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise error(f"cannot read {what} ({os_error_reason(exc)})", path) from None
    try:
        if not stat.S_ISREG(mode := os.fstat(fd).st_mode):  # swapped after the check
            raise error(f"{what} is {kind_of(mode)}, not a regular file", path)
        chunks, remaining = [], limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as exc:
        raise error(f"cannot read {what} ({os_error_reason(exc)})", path) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise error(f"{what} is too large (it grew past the limit of {limit} bytes while being read)", path)
    return data
