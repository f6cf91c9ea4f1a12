"""The Harvard-Oxford atlas (FSL), read through nilearn.

Under the FSL licence (non-commercial use), so not bundled: each user
downloads it once (:func:`download_harvard_oxford`) or uses a copy already on
the computer, in a nilearn data directory ``D`` laid out like FSL's::

    D/fsl/data/atlases/HarvardOxford-Cortical.xml   (-Subcortical.xml)
    D/fsl/data/atlases/HarvardOxford/HarvardOxford-<name>.nii.gz

Searched in order: the explicit ``data_dir`` (``--atlas-dir``),
``NILEARN_SHARED_DATA`` (e.g. a classroom's read-only copy), ``NILEARN_DATA``,
``~/nilearn_data``; the first folder holding all four files wins. nilearn's
fetcher is only called, with that folder as ``data_dir``, once the files are
known to exist there, so it reads them and never downloads.

The cortical and subcortical max-probability images are merged: cortical
labels keep their values (1-48); subcortical structures other than cerebral
cortex, white matter and lateral ventricles get their value plus
:data:`SUBCORTICAL_OFFSET` and win over any cortical label in their voxels
(the subcortical atlas is the one drawn for them; the thresholded cortical
labels next to them, e.g. parahippocampal gyrus, spill into them).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import numpy as np

from atlases.errors import AtlasError
from atlases.label_volume import LabelVolume, short_reason, check_label_array
from atlases.staged_install import install_tree, make_dirs, remove_dirs

ATLAS_SUBDIR = Path("fsl", "data", "atlases")
DEFAULT_CORTICAL = "cort-maxprob-thr25-1mm"
DEFAULT_SUBCORTICAL = "sub-maxprob-thr25-1mm"
#: Added to subcortical label values so they never collide with cortical ones.
SUBCORTICAL_OFFSET = 100
#: Subcortical labels (after "Left"/"Right") left out of the merged volume.
EXCLUDED_SUBCORTICAL = ("Cerebral White Matter", "Cerebral Cortex", "Lateral Ventricle")
DOWNLOAD_HINT = "python main.py --download-harvard-oxford [--atlas-dir DIR]"
#: Seconds a download may take in all (nilearn itself gives up on a stalled connection).
DOWNLOAD_TIMEOUT = 900.0
STAGING_PREFIX = ".brain-explorer-download-"
#: Exit code of the download child for "could not reach the server".
NETWORK_EXIT = 3
#: Exit codes of the download child for "the server failed" (HTTP error,
#: stalled or broken transfer) and "the disk is full".
SERVER_EXIT, DISK_FULL_EXIT = 5, 6

_NAME_PATTERNS = {"cortical": re.compile(r"^cortl?-maxprob-thr(0|25|50)-[12]mm$"),
                  "subcortical": re.compile(r"^sub-maxprob-thr(0|25|50)-[12]mm$")}


class DownloadCancelled(AtlasError):
    """The user cancelled the download; nothing was written."""


def image_path(data_dir: Path, name: str) -> Path:
    """Where nilearn looks for the image of atlas ``name`` in ``data_dir``."""
    return Path(data_dir) / ATLAS_SUBDIR / "HarvardOxford" / f"HarvardOxford-{name}.nii.gz"


def label_file_path(data_dir: Path, name: str) -> Path:
    """Where nilearn looks for the label XML of atlas ``name`` in ``data_dir``."""
    kind = {"sub": "Subcortical", "cortl": "Cortical-Lateralized"}.get(name.split("-")[0], "Cortical")
    return Path(data_dir) / ATLAS_SUBDIR / f"HarvardOxford-{kind}.xml"


def _env_dirs(variable: str) -> list[Path]:
    value = os.environ.get(variable, "")
    return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]


def search_dirs(data_dir: str | Path | None = None) -> list[Path]:
    """Folders searched for the atlas, in order, without repeats (``data_dir`` first)."""
    dirs = [Path(data_dir).expanduser()] if data_dir is not None else []
    dirs += _env_dirs("NILEARN_SHARED_DATA") + _env_dirs("NILEARN_DATA")
    dirs.append(Path("~/nilearn_data").expanduser())
    return [Path(d) for d in dict.fromkeys(os.path.abspath(d) for d in dirs)]


@dataclass
class HarvardOxfordSource:
    """Harvard-Oxford cortical + subcortical atlas, merged into one volume."""

    #: Part of the mesh-cache key: bump when the merge rules change.
    version = "merge-v1"
    cortical: str = DEFAULT_CORTICAL
    subcortical: str = DEFAULT_SUBCORTICAL
    data_dir: Path | None = None

    def expected_files(self, folder: Path) -> list[Path]:
        """The four files in ``folder``: cortical image, subcortical image, their XMLs."""
        return [image_path(folder, self.cortical), image_path(folder, self.subcortical),
                label_file_path(folder, self.cortical), label_file_path(folder, self.subcortical)]

    def locate(self) -> Path:
        """Return the first searched folder that holds all four files.

        Raises
        ------
        AtlasError
            Naming the missing file if a folder holds only some of them, or
            listing the folders searched if none holds any.
        """
        folders = search_dirs(self.data_dir)
        partial = None
        for folder in folders:
            present = [os.path.isfile(p) for p in self.expected_files(folder)]  # never raises
            if all(present):
                return folder
            if any(present) and partial is None:
                partial = self.expected_files(folder)[present.index(False)]
        if partial is not None:
            what = "label file" if partial.suffix == ".xml" else "image"
            raise AtlasError(f"Harvard-Oxford atlas {what} is missing (other atlas files are there, so the copy "
                             f"is incomplete); download it again with: {DOWNLOAD_HINT}", partial)
        raise AtlasError(
            f"Harvard-Oxford atlas not found: looked for {image_path(Path(), self.cortical)} and its "
            f"companions in {', '.join(map(str, folders))}. It is not bundled (FSL licence, non-commercial "
            f"use); download it once with: {DOWNLOAD_HINT}")

    def files(self) -> list[Path]:
        """The four atlas files (cheap: only checks that they exist)."""
        return self.expected_files(self.locate())

    def load(self) -> LabelVolume:
        """Read both atlases through nilearn and merge them into one volume."""
        folder = self.locate()
        cortical = _fetch(folder, self.cortical, "Harvard-Oxford cortical image")
        subcortical = _fetch(folder, self.subcortical, "Harvard-Oxford subcortical image")
        data, labels = merge_volumes(cortical, subcortical)
        return check_label_array(data, cortical.affine, labels, cortical.source, "merged Harvard-Oxford atlas")


def make_source(definition, data_dir: Path | None = None) -> HarvardOxfordSource:
    """Factory used by :mod:`atlases.registry`.

    The atlas names come from the definition's ``[options]`` table
    (``cortical``, ``subcortical``), e.g. ``"cort-maxprob-thr25-1mm"``.
    """
    options = dict(getattr(definition, "options", None) or {})
    names = {"cortical": options.get("cortical", DEFAULT_CORTICAL),
             "subcortical": options.get("subcortical", DEFAULT_SUBCORTICAL)}
    for key, name in names.items():
        if not isinstance(name, str) or not _NAME_PATTERNS[key].match(name):
            raise AtlasError(f"option {key!r} must be a nilearn Harvard-Oxford max-probability atlas name "
                             f"matching {_NAME_PATTERNS[key].pattern}, got {name!r}",
                             getattr(definition, "path", None))
    return HarvardOxfordSource(names["cortical"], names["subcortical"], data_dir)


# -- reading -----------------------------------------------------------------

def check_label_file(path: Path) -> None:
    """Check an FSL atlas XML as nilearn will read it, raising AtlasError naming it.

    nilearn parses the XML after loading the image, so checking it first lets
    any later failure of the fetcher be blamed on the image.
    """
    try:
        labels = ElementTree.parse(path).findall(".//label")
    except ElementTree.ParseError as exc:
        raise AtlasError(f"label file is not valid XML ({exc})", path) from None
    except OSError as exc:
        raise AtlasError(f"label file is unreadable ({exc.strerror or exc})", path) from None
    if not labels:
        raise AtlasError("label file has no <label> entries", path)
    try:
        indices = sorted(int(label.get("index")) for label in labels)
    except (TypeError, ValueError):
        raise AtlasError("label file has a <label> without an integer 'index'", path) from None
    if indices != list(range(len(labels))):
        raise AtlasError("label file's indices must run 0, 1, 2, ... with no gap or repeat", path)
    if any(not (label.text or "").strip() for label in labels):
        raise AtlasError("label file has a <label> without a name", path)


def _fetch(folder: Path, name: str, what: str) -> LabelVolume:
    """Load one atlas through nilearn's fetcher from files known to exist."""
    image = image_path(folder, name)
    if os.pathsep in str(folder):  # nilearn would split it into several folders and download
        raise AtlasError(f"nilearn cannot use a folder whose path contains {os.pathsep!r}", folder)
    check_label_file(label_file_path(folder, name))
    from nilearn.datasets import fetch_atlas_harvard_oxford  # lazy: heavy import

    try:
        with warnings.catch_warnings():  # labels absent from the image are fine
            warnings.filterwarnings("ignore", message=r"(?s).*missing from the atlas image", category=UserWarning)
            atlas = fetch_atlas_harvard_oxford(name, data_dir=str(folder), verbose=0)
        data = np.asanyarray(atlas.maps.dataobj)
        affine = np.asarray(atlas.maps.affine, dtype=float)
    except (EOFError, OSError) as exc:
        raise AtlasError(f"{what} is truncated or unreadable ({short_reason(exc)})", image) from None
    except Exception as exc:  # nibabel/nilearn raise many types for a bad file
        raise AtlasError(f"{what} could not be read by nilearn ({short_reason(exc)})", image) from None
    labels = {value: label for value, label in enumerate(atlas.labels) if value != 0}
    return check_label_array(data, affine, labels, image, what)


def merge_volumes(cortical: LabelVolume, subcortical: LabelVolume) -> tuple[np.ndarray, dict[int, str]]:
    """Merge the kept subcortical structures (offset by :data:`SUBCORTICAL_OFFSET`) into the cortex.

    Returns
    -------
    data : ndarray of int32
    labels : dict of int to str
    """
    same_grid = (cortical.data.shape == subcortical.data.shape
                 and np.allclose(cortical.affine, subcortical.affine, atol=1e-3))
    if not same_grid:
        raise AtlasError(f"subcortical image does not line up with the cortical image ({cortical.source.name}): "
                         f"shapes {subcortical.data.shape} and {cortical.data.shape}, voxel sizes "
                         f"{subcortical.voxel_size.round(2).tolist()} and {cortical.voxel_size.round(2).tolist()} mm",
                         subcortical.source)
    if max(cortical.labels) >= SUBCORTICAL_OFFSET:
        raise AtlasError(f"cortical label table has values of {SUBCORTICAL_OFFSET} or more", cortical.source)
    keep = {v: n for v, n in subcortical.labels.items() if not n.endswith(EXCLUDED_SUBCORTICAL)}
    data = cortical.data.copy()
    inside = np.isin(subcortical.data, list(keep))
    data[inside] = subcortical.data[inside] + SUBCORTICAL_OFFSET
    labels = dict(cortical.labels)
    labels.update({v + SUBCORTICAL_OFFSET: n for v, n in keep.items()})
    return data, labels


# -- downloading -------------------------------------------------------------

#: Run by the download child (killable, so cancellable). argv: data dir, atlas
#: names. Exit 3 = server unreachable, 4 = other failure, 5 = server failed,
#: 6 = disk full; prints the reason.
_CHILD_CODE = r'''
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
    code, reason = 4, "secure connection failed: " + innermost(exc)
except requests.ConnectionError as exc:
    code, reason = 3, innermost(exc)
except requests.HTTPError as exc:
    response = exc.response
    status = f"HTTP {response.status_code} {response.reason}" if response is not None else innermost(exc)
    code, reason = 5, f"the server answered {status}"
except requests.Timeout as exc:
    code, reason = 5, "the server stopped answering (" + innermost(exc) + ")"
except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as exc:
    code, reason = 5, "the connection broke off during the transfer (" + innermost(exc) + ")"
except OSError as exc:
    code = 6 if exc.errno == errno.ENOSPC else 4
    reason = f"{exc.strerror or exc}" if exc.errno == errno.ENOSPC else f"{type(exc).__name__}: {exc}"
except Exception as exc:
    code, reason = 4, f"{type(exc).__name__}: {exc}"
print((reason.strip().splitlines() or [""])[0][:300])
sys.exit(code)
'''


def _child_command(staging: Path, names) -> list[str]:
    return [sys.executable, "-c", _CHILD_CODE, str(staging), *names]


def default_download_dir() -> Path:
    """First usable of ``NILEARN_DATA`` (each entry) and ``~/nilearn_data``.

    Usable: a writable folder, or a missing one whose nearest existing parent
    is writable. ``NILEARN_SHARED_DATA`` is never a download target.
    """
    candidates = _env_dirs("NILEARN_DATA") + [Path("~/nilearn_data").expanduser()]
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
    """Move every downloaded file into ``target/fsl``, all or nothing (see :mod:`atlases.staged_install`)."""
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
