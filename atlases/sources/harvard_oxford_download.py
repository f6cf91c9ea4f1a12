"""Downloading the Harvard-Oxford atlas through nilearn, all or nothing.

nilearn's fetcher runs in a child process (so a cancel can stop it at any
point) that writes into a staging folder inside the target data directory;
only a complete download is moved into place (:mod:`atlases.files.staged_install`).
Every failure is one :class:`~atlases.errors.AtlasError` that says what went
wrong and leaves the folder as it was.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from atlases.child_process_flags import DOWNLOAD_FLAG
from atlases.errors import AtlasError
from atlases.files.staged_install import install_tree, make_dirs, remove_dirs
from atlases.sources.harvard_oxford import DEFAULT_CORTICAL, DEFAULT_SUBCORTICAL, env_dirs, image_path, label_file_path

#: Seconds a download may take in all (nilearn itself gives up on a stalled connection).
DOWNLOAD_TIMEOUT = 900.0
STAGING_PREFIX = ".brain-explorer-download-"
#: Exit codes of the download child: the server could not be reached, another
#: failure, the server failed (HTTP error, stalled or broken transfer), the disk is full.
NETWORK_EXIT, OTHER_EXIT, SERVER_EXIT, DISK_FULL_EXIT = 3, 4, 5, 6


class DownloadCancelled(AtlasError):
    """The user cancelled the download; nothing was written."""


#: Run by the download child (killable, so cancellable). argv: data dir, atlas
#: names. Exits with one of the codes above and prints the reason.
_CHILD_CODE = (f"NETWORK_EXIT, OTHER_EXIT, SERVER_EXIT, DISK_FULL_EXIT = "
               f"{NETWORK_EXIT}, {OTHER_EXIT}, {SERVER_EXIT}, {DISK_FULL_EXIT}\n") + r'''
import errno, re, sys
import requests
from nilearn.datasets import fetch_atlas_harvard_oxford

def innermost(exc):
    while True:
        inner = getattr(exc, "reason", None)
        inner = inner if isinstance(inner, BaseException) else next(
            (a for a in exc.args if isinstance(a, BaseException)), None)
        if inner is None or inner is exc:
            return re.sub(r"^(?:<[^>]*>|\w+\([^)]*\)): ", "", str(exc))
        exc = inner

code, reason = 0, ""
try:
    for name in sys.argv[2:]:
        fetch_atlas_harvard_oxford(name, data_dir=sys.argv[1], verbose=0)
except requests.exceptions.SSLError as exc:
    code, reason = OTHER_EXIT, "secure connection failed: " + innermost(exc)
except requests.ConnectionError as exc:
    code, reason = NETWORK_EXIT, innermost(exc)
except requests.HTTPError as exc:
    response = exc.response
    status = f"HTTP {response.status_code} {response.reason}" if response is not None else innermost(exc)
    code, reason = SERVER_EXIT, f"the server answered {status}"
except requests.Timeout as exc:
    code, reason = SERVER_EXIT, "the server stopped answering (" + innermost(exc) + ")"
except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as exc:
    code, reason = SERVER_EXIT, "the connection broke off during the transfer (" + innermost(exc) + ")"
except OSError as exc:
    code = DISK_FULL_EXIT if exc.errno == errno.ENOSPC else OTHER_EXIT
    reason = f"{exc.strerror or exc}" if exc.errno == errno.ENOSPC else f"{type(exc).__name__}: {exc}"
except Exception as exc:
    code, reason = OTHER_EXIT, f"{type(exc).__name__}: {exc}"
print((reason.strip().splitlines() or [""])[0][:300])
sys.exit(code)
'''


def _child_command(staging: Path, names) -> list[str]:
    if getattr(sys, "frozen", False):  # a packaged app has no "-c": it runs itself (child_main)
        return [sys.executable, DOWNLOAD_FLAG, str(staging), *names]
    return [sys.executable, "-c", _CHILD_CODE, str(staging), *names]


def child_main(argv: list[str]) -> None:
    """Run the download child's code in this process (a packaged app's ``--download-child``).

    ``argv``: the data folder, then the atlas names. Ends the process with
    the child's exit code.
    """
    sys.argv = [DOWNLOAD_FLAG, *argv]
    exec(compile(_CHILD_CODE, "<download child>", "exec"), {"__name__": "__main__"})


def default_download_dir() -> Path:
    """First usable of ``NILEARN_DATA`` (each entry) and ``~/nilearn_data``.

    Usable: a writable folder, or a missing one whose nearest existing parent
    is writable. ``NILEARN_SHARED_DATA`` is never a download target.
    """
    candidates = env_dirs("NILEARN_DATA") + [Path("~/nilearn_data").expanduser()]
    for folder in candidates:
        probe = folder
        while not probe.exists() and probe.parent != probe:
            probe = probe.parent
        if probe.is_dir() and os.access(probe, os.W_OK | os.X_OK):
            return folder
    raise AtlasError("no writable folder to download the Harvard-Oxford atlas into; tried "
                     f"{', '.join(map(str, candidates))}; choose one with --atlas-dir DIR")


def _make_dirs(folder: Path) -> list[Path]:
    """Create ``folder`` and missing parents; return the ones created, outermost first."""
    try:
        return make_dirs(folder)
    except OSError as exc:
        raise AtlasError(f"cannot create the atlas folder ({exc.strerror or exc})", folder) from None


def _make_staging(target: Path) -> Path:
    try:
        return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target))
    except OSError as exc:
        why = "the folder is read-only" if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) else "cannot write"
        raise AtlasError(f"cannot download the Harvard-Oxford atlas here: {why} ({exc.strerror or exc}); "
                         "choose another folder with --atlas-dir DIR", target) from None


def _wait(proc: subprocess.Popen, cancel, timeout: float, target: Path) -> tuple[str, str]:
    """Wait for the child, polling ``cancel`` and the clock; kill it on either."""
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                return proc.communicate(timeout=0.1)
            except subprocess.TimeoutExpired:
                if cancel is not None and cancel():
                    raise DownloadCancelled("download of the Harvard-Oxford atlas was cancelled; nothing was "
                                            "written", target) from None
                if time.monotonic() > deadline:
                    raise AtlasError(f"could not download the Harvard-Oxford atlas: no result within "
                                     f"{timeout:g} s; nothing was written", target) from None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def _child_error(returncode: int, out: str, err: str, target: Path) -> AtlasError:
    """The error to report for a failed download child."""
    if out.strip():
        reason = out.strip().splitlines()[0]
    else:  # crashed before reporting, e.g. nilearn missing: last line of the traceback
        reason = (err.strip() or f"exit code {returncode}").splitlines()[-1]
    if returncode == NETWORK_EXIT:
        return AtlasError(f"could not download the Harvard-Oxford atlas: no network connection ({reason}). "
                          "Connect to the internet and try again, or copy a nilearn data folder that holds "
                          "the atlas and pass it with --atlas-dir", target)
    if returncode == SERVER_EXIT:
        return AtlasError(f"could not download the Harvard-Oxford atlas: {reason}; nothing was written. "
                          "The download server may be busy: try again later", target)
    if returncode == DISK_FULL_EXIT:
        return _disk_full(target)
    return AtlasError(f"could not download the Harvard-Oxford atlas ({reason})", target)


def _disk_full(target: Path) -> AtlasError:
    return AtlasError("could not download the Harvard-Oxford atlas: the disk is full; nothing was written. "
                      "Free some space (the atlas needs about 50 MB) or choose another folder with --atlas-dir",
                      target)


def _install(staged_fsl: Path, target: Path) -> None:
    """Move every downloaded file into ``target/fsl``, all or nothing (see :mod:`atlases.files.staged_install`)."""
    if not staged_fsl.is_dir():
        raise AtlasError("the download finished but produced no atlas files", target)
    try:
        install_tree(staged_fsl, target / "fsl", aside=staged_fsl.parent / "replaced")
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise _disk_full(target) from None
        raise AtlasError(f"could not move the downloaded atlas into place ({exc.strerror or exc}); nothing was "
                         "changed", target) from None


def download_harvard_oxford(data_dir: str | Path | None = None, *, cancel=None, timeout: float = DOWNLOAD_TIMEOUT,
                            names=(DEFAULT_CORTICAL, DEFAULT_SUBCORTICAL)) -> Path:
    """Download the Harvard-Oxford atlas through nilearn into a data directory.

    nilearn's fetcher runs in a child process writing into a fresh staging
    folder inside the target (``D/.brain-explorer-download-XXXX``). Only
    after it succeeds are the files moved into ``D/fsl``; on any failure or
    cancel the staging folder (and any folder this call created) is removed,
    so ``D`` never holds half-written files.

    Parameters
    ----------
    data_dir : str or Path, optional
        Target nilearn data directory; default :func:`default_download_dir`.
    cancel : callable, optional
        Polled about ten times a second; returning True stops the download.
    timeout : float
        Seconds the whole download may take.
    names : sequence of str
        nilearn atlas names to fetch (one archive holds them all).

    Returns
    -------
    Path
        The data directory now holding the atlas (pass it as ``data_dir``).

    Raises
    ------
    DownloadCancelled
        If ``cancel`` returned True.
    AtlasError
        If offline, timed out, the folder is read-only, or files are missing.
    """
    target = Path(data_dir).expanduser() if data_dir is not None else default_download_dir()
    created = _make_dirs(target)
    try:
        staging = _make_staging(target)
        try:
            proc = subprocess.Popen(_child_command(staging, list(names)), cwd=staging, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")
            out, err = _wait(proc, cancel, timeout, target)
            if proc.returncode != 0:
                raise _child_error(proc.returncode, out, err, target)
            _install(staging / "fsl", target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except BaseException:
        remove_dirs(created)
        raise
    for path in (p for name in names for p in (image_path(target, name), label_file_path(target, name))):
        if not path.is_file():
            raise AtlasError("the download finished but this atlas file is missing", path)
    return target
