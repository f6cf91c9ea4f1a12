"""The Harvard-Oxford atlas (FSL), read through nilearn.

Under the FSL licence (non-commercial use), so not bundled: each user
downloads it once
(:func:`atlases.sources.harvard_oxford_download.download_harvard_oxford`) or uses a copy already on
the computer, in a nilearn data directory ``D`` laid out like FSL's::

    D/fsl/data/atlases/HarvardOxford-Cortical.xml   (-Subcortical.xml)
    D/fsl/data/atlases/HarvardOxford/HarvardOxford-<name>.nii.gz

Searched in order: the explicit ``data_dir`` (``--atlas-dir``),
``NILEARN_SHARED_DATA`` (e.g. a classroom's read-only copy), the
``nilearn_data`` folder of the IT's shared data folder
(:func:`atlases.files.shared_data.shared_nilearn_dirs`, read-only),
``NILEARN_DATA``, ``~/nilearn_data``; the first folder holding all four files wins. nilearn's
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

import glob
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers.expat import ExpatError, ParserCreate

import numpy as np

from atlases.errors import AtlasError
from atlases.files.shared_data import shared_nilearn_dirs
from atlases.sources.label_limits import MAX_LABELS, check_label_table, read_label_file
from atlases.sources.label_volume import LabelVolume, check_image_file, check_label_array, out_of_memory_named, reading

ATLAS_SUBDIR = Path("fsl", "data", "atlases")
DEFAULT_CORTICAL = "cort-maxprob-thr25-1mm"
DEFAULT_SUBCORTICAL = "sub-maxprob-thr25-1mm"
#: Added to subcortical label values so they never collide with cortical ones.
SUBCORTICAL_OFFSET = 100
#: Subcortical labels (after "Left"/"Right") left out of the merged volume.
EXCLUDED_SUBCORTICAL = ("Cerebral White Matter", "Cerebral Cortex", "Lateral Ventricle")
DOWNLOAD_HINT = "python main.py --download-harvard-oxford [--atlas-dir DIR]"
#: Element nesting in a label XML (FSL's is <atlas><data><label>: 3).
MAX_XML_DEPTH = 32

_NAME_PATTERNS = {"cortical": re.compile(r"^cortl?-maxprob-thr(0|25|50)-[12]mm$"),
                  "subcortical": re.compile(r"^sub-maxprob-thr(0|25|50)-[12]mm$")}


def image_path(data_dir: Path, name: str) -> Path:
    """Where nilearn looks for the image of atlas ``name`` in ``data_dir``."""
    return Path(data_dir) / ATLAS_SUBDIR / "HarvardOxford" / f"HarvardOxford-{name}.nii.gz"


def label_file_path(data_dir: Path, name: str) -> Path:
    """Where nilearn looks for the label XML of atlas ``name`` in ``data_dir``."""
    kind = {"sub": "Subcortical", "cortl": "Cortical-Lateralized"}.get(name.split("-")[0], "Cortical")
    return Path(data_dir) / ATLAS_SUBDIR / f"HarvardOxford-{kind}.xml"


def env_dirs(variable: str) -> list[Path]:
    value = os.environ.get(variable, "")
    return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]


def search_dirs(data_dir: str | Path | None = None) -> list[Path]:
    """Folders searched for the atlas, in order, without repeats (``data_dir`` first)."""
    dirs = [Path(data_dir).expanduser()] if data_dir is not None else []
    dirs += env_dirs("NILEARN_SHARED_DATA") + shared_nilearn_dirs() + env_dirs("NILEARN_DATA")
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
        with out_of_memory_named(cortical.source, "Harvard-Oxford cortical image"):
            data, labels = merge_volumes(cortical, subcortical)  # both parts were checked: so is the merge
        return LabelVolume(data, cortical.affine, labels, cortical.source)


def make_source(definition, data_dir: Path | None = None) -> HarvardOxfordSource:
    """Factory used by :mod:`atlases.sources.registry`.

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
    any later failure of the fetcher be blamed on the image. The file must be
    small (:data:`~atlases.sources.label_limits.MAX_LABEL_FILE_BYTES`), shallow, and
    without a DTD (so no entity can expand), and its labels are bounded like
    any label table.
    """
    data = read_label_file(path)
    try:
        _check_xml_shape(data)
        labels = ElementTree.fromstring(data).findall(".//label")
    except (ElementTree.ParseError, ExpatError) as exc:
        raise AtlasError(f"label file is not valid XML ({exc})", path) from None
    except ValueError as exc:
        raise AtlasError(f"label file {exc}", path) from None
    if not labels:
        raise AtlasError("label file has no <label> entries", path)
    if len(labels) > MAX_LABELS:
        raise AtlasError(f"label file has {len(labels):,} labels; an atlas has at most {MAX_LABELS:,}", path)
    try:
        indices = sorted(int(label.get("index", "")) for label in labels)
    except (TypeError, ValueError):
        raise AtlasError("label file has a <label> without an integer 'index'", path) from None
    if indices != list(range(len(labels))):
        raise AtlasError("label file's indices must run 0, 1, 2, ... with no gap or repeat", path)
    if any(not (label.text or "").strip() for label in labels):
        raise AtlasError("label file has a <label> without a name", path)
    check_label_table({int(label.get("index", "")) + 1: (label.text or "").strip() for label in labels}, path,
                      "label file")


def _check_xml_shape(data: bytes) -> None:
    """Refuse a DTD (entity declarations can expand a small file a billion times) and deep nesting."""
    parser = ParserCreate()
    depth = 0

    def refuse_dtd(*_):
        raise ValueError("has a DTD (<!DOCTYPE ...>); an FSL atlas file has none")

    def start(*_):
        nonlocal depth
        depth += 1
        if depth > MAX_XML_DEPTH:
            raise ValueError(f"nests elements more than {MAX_XML_DEPTH} deep")

    def end(*_):
        nonlocal depth
        depth -= 1

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.Parse(data, True)


def _fetch(folder: Path, name: str, what: str) -> LabelVolume:
    """Load one atlas through nilearn's fetcher from files known to exist."""
    image = image_path(folder, name)
    if os.pathsep in str(folder):  # nilearn would split it into several folders and download
        raise AtlasError(f"nilearn cannot use a folder whose path contains {os.pathsep!r}", folder)
    if glob.has_magic(str(folder)):  # nilearn would read other files than those checked here
        raise AtlasError("nilearn cannot use a folder whose path contains '*', '?' or '[' (it takes them for "
                         "wildcards)", folder)
    check_label_file(label_file_path(folder, name))
    header = check_image_file(image, what)  # before nilearn allocates anything
    from nilearn.datasets import fetch_atlas_harvard_oxford  # lazy: heavy import

    with reading(image, what, header, "could not be read by nilearn"):
        with warnings.catch_warnings():  # labels absent from the image are fine
            warnings.filterwarnings("ignore", message=r"(?s).*missing from the atlas image", category=UserWarning)
            atlas = fetch_atlas_harvard_oxford(name, data_dir=str(folder), verbose=0)
        data = np.asanyarray(atlas.maps.dataobj)
        affine = np.asarray(atlas.maps.affine, dtype=float)
    labels = {value: label for value, label in enumerate(atlas.labels) if value != 0}
    with out_of_memory_named(image, what, header):
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
