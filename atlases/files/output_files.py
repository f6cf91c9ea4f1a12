"""Files the app writes where the user asked (an exported image, a self-test report).

One rule for both:

* The path is checked before any work (:func:`check_output_file`): no
  folder, device, named pipe or socket in the way, a folder on the way that
  is a folder, and one that can be written (a missing one is created later).
* The file appears whole or not at all (:func:`write_whole`): it is written
  into a temporary file in the same folder, flushed and synced, then renamed
  over the target, which keeps its permissions. An error while writing leaves
  the old file, if any, untouched and no temporary file behind.

Messages name what is written ("cannot write the image: ..."), and each
caller raises its own :class:`~atlases.errors.ExplorerError` subclass.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from atlases.errors import ExplorerError
from atlases.files.regular_files import kind_of

#: A caller's error class: built from a message and the path it is about.
ErrorType = Callable[..., ExplorerError]


def refuse_non_regular(target: Path, noun: str, error: ErrorType) -> None:
    """Raise ``error`` when something other than a regular file (or nothing) is at ``target``."""
    try:
        mode = os.stat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):  # nothing there (a file on the way is reported later)
        return
    except OSError as exc:
        raise error(f"cannot write {noun} ({exc.strerror or exc})", target) from None
    if stat.S_ISDIR(mode):
        raise error(f"cannot write {noun}: it is a folder", target)
    if not stat.S_ISREG(mode):
        raise error(f"cannot write {noun}: it is {kind_of(mode)}, not a regular file", target)


def check_output_file(path: str | os.PathLike, noun: str, error: ErrorType,
                      check_name: Callable[[str], object] | None = None) -> Path:
    """Check, before any work, that a file can be written at ``path``; return the path that will be written.

    Parameters
    ----------
    path : str or path-like
        The file the user named (not empty: the caller says what is missing).
    noun : str
        What is written, for the messages ("the image").
    error : callable
        The caller's error class, called with a message and a path.
    check_name : callable, optional
        Called with the name after the file-kind check (e.g. the image
        format's extension); it raises the caller's error.

    Returns
    -------
    Path
        The absolute path (a symbolic link is followed to its target, which
        is replaced; the link stays).
    """
    text = os.fspath(path)
    if "\0" in text:
        raise error(f"cannot write {noun}: the file name contains a NUL character", text.replace("\0", "?"))
    if text.endswith(("/", os.sep)):
        raise error(f"cannot write {noun}: the name ends with a slash, so it names a folder", text)
    try:
        target = Path(os.path.realpath(text) if os.path.islink(text) else os.path.abspath(text))
        refuse_non_regular(target, noun, error)  # first: "/dev/full is a device" says more than a bad name
        if check_name is not None:
            check_name(text)
        _check_folder(target, noun, error)
    except ExplorerError:
        raise
    except OSError as exc:  # e.g. a folder on the way that cannot be searched
        raise error(f"cannot write {noun} ({exc.strerror or exc})", text) from None
    return target


def _check_folder(target: Path, noun: str, error: ErrorType) -> None:
    """The nearest existing folder above ``target`` is a folder that can be written."""
    folder = target.parent
    while not folder.exists():
        if folder.is_symlink():  # a dangling link, or a loop, in the way
            raise error(f"cannot write {noun}: the folder is a broken link", folder)
        folder = folder.parent
    if not folder.is_dir():
        raise error(f"cannot write {noun} below it: it is a file, not a folder", folder)
    if folder == target.parent:
        _probe_writable(folder, target, noun, error)
    elif not os.access(folder, os.W_OK | os.X_OK):
        raise error(f"cannot write {noun}: the folder cannot be written", folder)


def _probe_writable(folder: Path, target: Path, noun: str, error: ErrorType) -> None:
    """Create and drop a temporary file in ``folder`` (catches read-only disks, which ``os.access`` misses)."""
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise error(f"cannot write {noun} ({exc.strerror or exc})", target) from None


def write_whole(target: Path, write: Callable[[BinaryIO], object], noun: str, error: ErrorType) -> None:
    """Write ``target`` whole or not at all: ``write`` fills a temporary file that is renamed over it.

    Parameters
    ----------
    target : Path
        An absolute path checked with :func:`check_output_file`; missing
        folders are created.
    write : callable
        Writes the content to the binary file it is given. What it raises
        reaches the caller, after the temporary file is removed.
    noun, error
        As for :func:`check_output_file`; file-system errors are raised as ``error``.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise error(f"cannot create the folder ({exc.strerror or exc})", target.parent) from None
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)  # a replaced file keeps its permissions
    except OSError:
        mode = None
    tmp = None
    try:
        fd, tmp = _open_temporary(target.parent, target.name)
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), mode)
        refuse_non_regular(target, noun, error)  # a pipe or device put there while we worked
        os.replace(tmp, target)
        tmp = None
        _sync_folder(target.parent)
    except ExplorerError:
        raise
    except OSError as exc:
        raise error(f"cannot write {noun} ({exc.strerror or exc})", target) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _open_temporary(folder: Path, name: str) -> tuple[int, Path]:
    """A new hidden file beside the target, created with the umask's permissions (unlike mkstemp's 0600)."""
    import secrets

    for _ in range(100):
        tmp = folder / f".{name[:64]}.{secrets.token_hex(4)}.part"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every platform can sync a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class PendingFile:
    """A temporary file beside ``target`` that becomes ``target`` on :meth:`commit`, for writers that need a path.

    An external program (an encoder run as a child process) writes the file by its name, so
    :func:`write_whole`'s open file cannot be handed to it. The temporary name is hidden
    (``.NAME.XXXXXXXX.part``), created empty beside the target (so the rename cannot cross file
    systems) with the umask's permissions; :meth:`commit` syncs it, gives it the replaced file's
    permissions, and renames it over the target; :meth:`discard` removes it. Discard only once the
    writer has stopped: a program still writing could otherwise re-create the file.

    Parameters
    ----------
    target : Path
        An absolute path checked with :func:`check_output_file`; missing folders are created.
    noun, error
        As for :func:`check_output_file`; file-system errors are raised as ``error``.
    """

    def __init__(self, target: Path, noun: str, error: ErrorType):
        self.target, self.noun, self.error = target, noun, error
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise error(f"cannot create the folder ({exc.strerror or exc})", target.parent) from None
        try:
            self._mode: int | None = stat.S_IMODE(os.stat(target).st_mode)  # a replaced file keeps its permissions
        except OSError:
            self._mode = None
        try:
            fd, tmp = _open_temporary(target.parent, target.name)
        except OSError as exc:
            raise error(f"cannot write {noun} ({exc.strerror or exc})", target) from None
        os.close(fd)
        #: The temporary file to write (None once committed or discarded).
        self.path: Path | None = tmp

    def commit(self) -> Path:
        """Sync the temporary file and rename it over the target; return the target.

        On an error the temporary file is removed and ``error`` is raised; the old target is kept.
        """
        if self.path is None:
            raise ValueError("the file was already committed or discarded")
        try:
            fd = os.open(self.path, os.O_RDWR | getattr(os, "O_BINARY", 0))
            try:
                os.fsync(fd)
                if self._mode is not None and hasattr(os, "fchmod"):
                    os.fchmod(fd, self._mode)
            finally:
                os.close(fd)
            refuse_non_regular(self.target, self.noun, self.error)  # a pipe or device put there while we worked
            os.replace(self.path, self.target)
            self.path = None
            _sync_folder(self.target.parent)
        except ExplorerError:
            self.discard()
            raise
        except OSError as exc:
            self.discard()
            raise self.error(f"cannot write {self.noun} ({exc.strerror or exc})", self.target) from None
        return self.target

    def discard(self) -> None:
        """Remove the temporary file (nothing happens when it is already gone)."""
        if self.path is not None:
            try:
                os.unlink(self.path)
            except OSError:
                pass
            self.path = None


def write_whole_path(target: Path, produce: Callable[[Path], object], noun: str, error: ErrorType) -> Path:
    """Write ``target`` whole or not at all through a writer that takes a file *path*.

    Parameters
    ----------
    target : Path
        An absolute path checked with :func:`check_output_file`; missing folders are created.
    produce : callable
        Called with the path of an empty temporary file beside the target, which it fills (an
        encoder, a PDF writer) and has finished with when it returns. What it raises reaches the
        caller, after the temporary file is removed (an ``OSError`` as ``error``).
    noun, error
        As for :func:`check_output_file`.

    Returns
    -------
    Path
        ``target``, now holding what ``produce`` wrote.
    """
    pending = PendingFile(target, noun, error)
    try:
        assert pending.path is not None
        produce(pending.path)
    except ExplorerError:
        pending.discard()
        raise
    except OSError as exc:
        pending.discard()
        raise error(f"cannot write {noun} ({exc.strerror or exc})", target) from None
    except BaseException:
        pending.discard()
        raise
    return pending.commit()
