"""Small, anatomically plausible stand-ins for downloaded atlas files.

:func:`write_harvard_oxford_layout` writes what nilearn's
``fetch_atlas_harvard_oxford`` reads from a data directory ``D``::

    D/fsl/data/atlases/HarvardOxford-Cortical.xml
    D/fsl/data/atlases/HarvardOxford-Subcortical.xml
    D/fsl/data/atlases/HarvardOxford/HarvardOxford-<name>.nii.gz

The label tables are the real FSL ones (same indices, same spelling, including
FSL's typos "Ventrical" and "Operculum" and the trailing space in "Left
Cerebral Cortex ", which nilearn corrects or strips). The images are 4 mm label
volumes stored like FSL's (x axis flipped, so nilearn's ``reorder_img`` has
work to do) with ellipsoid "structures" at plausible MNI positions. Image
value = XML index + 1, as in the real atlas.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import nibabel as nib
import numpy as np

ATLAS_SUBDIR = Path("fsl", "data", "atlases")

#: FSL's HarvardOxford-Cortical.xml, in index order (index 0 = image value 1).
CORTICAL_LABELS = (
    "Frontal Pole", "Insular Cortex", "Superior Frontal Gyrus", "Middle Frontal Gyrus",
    "Inferior Frontal Gyrus, pars triangularis", "Inferior Frontal Gyrus, pars opercularis",
    "Precentral Gyrus", "Temporal Pole", "Superior Temporal Gyrus, anterior division",
    "Superior Temporal Gyrus, posterior division", "Middle Temporal Gyrus, anterior division",
    "Middle Temporal Gyrus, posterior division", "Middle Temporal Gyrus, temporooccipital part",
    "Inferior Temporal Gyrus, anterior division", "Inferior Temporal Gyrus, posterior division",
    "Inferior Temporal Gyrus, temporooccipital part", "Postcentral Gyrus", "Superior Parietal Lobule",
    "Supramarginal Gyrus, anterior division", "Supramarginal Gyrus, posterior division", "Angular Gyrus",
    "Lateral Occipital Cortex, superior division", "Lateral Occipital Cortex, inferior division",
    "Intracalcarine Cortex", "Frontal Medial Cortex",
    "Juxtapositional Lobule Cortex (formerly Supplementary Motor Cortex)", "Subcallosal Cortex",
    "Paracingulate Gyrus", "Cingulate Gyrus, anterior division", "Cingulate Gyrus, posterior division",
    "Precuneous Cortex", "Cuneal Cortex", "Frontal Orbital Cortex", "Parahippocampal Gyrus, anterior division",
    "Parahippocampal Gyrus, posterior division", "Lingual Gyrus", "Temporal Fusiform Cortex, anterior division",
    "Temporal Fusiform Cortex, posterior division", "Temporal Occipital Fusiform Cortex",
    "Occipital Fusiform Gyrus", "Frontal Operculum Cortex", "Central Opercular Cortex",
    "Parietal Operculum Cortex", "Planum Polare", "Heschl's Gyrus (includes H1 and H2)", "Planum Temporale",
    "Supracalcarine Cortex", "Occipital Pole",
)

#: FSL's HarvardOxford-Subcortical.xml, in index order, typos included.
SUBCORTICAL_LABELS = (
    "Left Cerebral White Matter", "Left Cerebral Cortex ", "Left Lateral Ventrical", "Left Thalamus",
    "Left Caudate", "Left Putamen", "Left Pallidum", "Brain-Stem", "Left Hippocampus", "Left Amygdala",
    "Left Accumbens", "Right Cerebral White Matter", "Right Cerebral Cortex ", "Right Lateral Ventricle",
    "Right Thalamus", "Right Caudate", "Right Putamen", "Right Pallidum", "Right Hippocampus",
    "Right Amygdala", "Right Accumbens",
)

#: Cortical blobs: label name -> (centre in the right hemisphere, radii), mm.
#: Each is painted in both hemispheres (the cortical atlas is bilateral).
CORTICAL_BLOBS = {
    "Frontal Pole": ((25, 60, 5), (12, 8, 14)),
    "Superior Frontal Gyrus": ((16, 25, 52), (8, 20, 10)),
    "Middle Frontal Gyrus": ((38, 25, 40), (8, 18, 10)),
    "Inferior Frontal Gyrus, pars triangularis": ((50, 30, 8), (6, 8, 8)),
    "Inferior Frontal Gyrus, pars opercularis": ((52, 14, 16), (6, 7, 8)),
    "Frontal Medial Cortex": ((6, 45, -16), (5, 12, 8)),
    "Frontal Orbital Cortex": ((30, 28, -16), (12, 10, 6)),
    "Juxtapositional Lobule Cortex (formerly Supplementary Motor Cortex)": ((6, -5, 60), (6, 10, 8)),
    "Precentral Gyrus": ((38, -15, 50), (8, 6, 15)),
    "Cingulate Gyrus, anterior division": ((5, 20, 28), (5, 14, 6)),
    "Cingulate Gyrus, posterior division": ((5, -40, 32), (5, 12, 6)),
    "Precuneous Cortex": ((8, -60, 40), (6, 10, 10)),
    # overlaps the hippocampus a little, as the thresholded real maps do
    "Parahippocampal Gyrus, anterior division": ((24, -20, -20), (6, 12, 6)),
    "Occipital Pole": ((15, -94, 5), (10, 6, 10)),
}

#: Brain outline (centre, radii) for the cerebral cortex/white-matter labels.
BRAIN = ((0, -18, 15), (68, 86, 62))

#: Subcortical blobs: name without side -> (right-hemisphere centre, radii).
SUBCORTICAL_BLOBS = {
    "Lateral Ventricle": ((15, -10, 18), (5, 16, 8)),
    "Thalamus": ((11, -18, 7), (6, 9, 6)),
    "Caudate": ((13, 12, 10), (5, 8, 8)),
    "Putamen": ((25, 2, 0), (5, 12, 8)),
    "Pallidum": ((19, -3, -1), (5, 5, 5)),
    "Hippocampus": ((28, -25, -12), (6, 14, 6)),
    "Amygdala": ((23, -5, -18), (5, 5, 5)),
    "Accumbens": ((9, 11, -7), (5, 5, 5)),
}
BRAIN_STEM = ((0, -28, -35), (8, 10, 18))


@dataclass(frozen=True)
class HarvardOxfordFiles:
    """Paths written by :func:`write_harvard_oxford_layout`."""

    data_dir: Path
    cortical_image: Path
    subcortical_image: Path
    cortical_xml: Path
    subcortical_xml: Path

    def all(self) -> list[Path]:
        return [self.cortical_image, self.subcortical_image, self.cortical_xml, self.subcortical_xml]


def mni_affine(shape, voxel_size: float = 4.0) -> np.ndarray:
    """FSL-style (x-flipped) affine whose grid is centred on the MNI brain."""
    centre = np.array([0.0, -18.0, 15.0])
    half = voxel_size * (np.asarray(shape[:3], dtype=float) - 1) / 2
    affine = np.diag([-voxel_size, voxel_size, voxel_size, 1.0])
    affine[:3, 3] = np.round(centre + half * np.array([1, -1, -1]))
    return affine


def world_grid(shape, affine) -> np.ndarray:
    """MNI coordinates of every voxel centre, shape (X, Y, Z, 3)."""
    ijk = np.stack(np.indices(shape[:3]), axis=-1).astype(float)
    return ijk @ affine[:3, :3].T + affine[:3, 3]


def ellipsoid(world: np.ndarray, centre, radii) -> np.ndarray:
    """Boolean mask of the voxels inside an axis-aligned ellipsoid."""
    return (((world - np.asarray(centre, float)) / np.asarray(radii, float)) ** 2).sum(axis=-1) <= 1.0


def subcortical_value(name: str) -> int:
    """Image value of a subcortical label, given as nilearn spells it."""
    fixed = [n.strip().replace("Ventrical", "Ventricle") for n in SUBCORTICAL_LABELS]
    return fixed.index(name) + 1


def _mirrored(centre):
    x, y, z = centre
    return ((-x, y, z), (x, y, z))  # left (negative x) first


def cortical_array(shape, affine) -> np.ndarray:
    """Cortical label volume (values as ``HarvardOxford-cort-maxprob-*``)."""
    world = world_grid(shape, affine)
    data = np.zeros(shape[:3], dtype=np.uint8)
    for name, (centre, radii) in CORTICAL_BLOBS.items():
        for c in _mirrored(centre):
            data[ellipsoid(world, c, radii)] = CORTICAL_LABELS.index(name) + 1
    return data


def subcortical_array(shape, affine) -> np.ndarray:
    """Subcortical label volume (values as ``HarvardOxford-sub-maxprob-*``)."""
    world = world_grid(shape, affine)
    data = np.zeros(shape[:3], dtype=np.uint8)
    left = world[..., 0] < 0
    brain = ellipsoid(world, *BRAIN)
    inner = ellipsoid(world, BRAIN[0], np.asarray(BRAIN[1]) - 8)
    for side, mask in (("Left", left), ("Right", ~left)):
        data[brain & ~inner & mask] = subcortical_value(f"{side} Cerebral Cortex")
        data[inner & mask] = subcortical_value(f"{side} Cerebral White Matter")
    for name, (centre, radii) in SUBCORTICAL_BLOBS.items():
        for side, c in zip(("Left", "Right"), _mirrored(centre), strict=True):
            data[ellipsoid(world, c, radii)] = subcortical_value(f"{side} {name}")
    data[ellipsoid(world, *BRAIN_STEM)] = subcortical_value("Brain-Stem")
    return data


def write_nifti(path: Path, data: np.ndarray, affine: np.ndarray) -> Path:
    """Write a label image as gzipped NIfTI (parents created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    img = nib.Nifti1Image(np.asarray(data), affine)
    img.header.set_xyzt_units("mm")
    img.to_filename(str(path))
    return path


def label_xml(title: str, names, centres=None) -> str:
    """An FSL atlas XML file with one ``<label>`` per name.

    ``centres`` (index -> MNI mm) fill the x/y/z attributes, which FSL gives in
    2 mm voxel coordinates; nilearn ignores them.
    """
    centres = centres or {}
    lines = ['<?xml version="1.0" encoding="ISO-8859-1"?>', '<atlas version="1.0">', "  <header>",
             f"    <name>{escape(title)}</name>", "    <type>Probabilistic</type>", "  </header>", "  <data>"]
    for index, name in enumerate(names):
        x, y, z = centres.get(index, (0, -18, 15))
        vx, vy, vz = round((90 - x) / 2), round((y + 126) / 2), round((z + 72) / 2)
        lines.append(f'    <label index="{index}" x="{vx}" y="{vy}" z="{vz}">{escape(name)}</label>')
    lines += ["  </data>", "</atlas>", ""]
    return "\n".join(lines)


def _cortical_centres():
    return {CORTICAL_LABELS.index(n): _mirrored(c)[0] for n, (c, _) in CORTICAL_BLOBS.items()}


def _subcortical_centres():
    return {subcortical_value(f"{side} {name}") - 1: c
            for name, (centre, _) in SUBCORTICAL_BLOBS.items()
            for side, c in zip(("Left", "Right"), _mirrored(centre), strict=True)}


def write_harvard_oxford_layout(data_dir, shape=(40, 48, 40), *, cortical: str = "cort-maxprob-thr25-1mm",
                                subcortical: str = "sub-maxprob-thr25-1mm",
                                voxel_size: float = 4.0) -> HarvardOxfordFiles:
    """Write a small Harvard-Oxford atlas in nilearn's data-directory layout.

    Parameters
    ----------
    data_dir : str or Path
        The nilearn data directory (``fsl/`` is created inside it).
    shape : tuple of int
        Grid size; with the default 4 mm voxels it spans the MNI brain.
    cortical, subcortical : str
        nilearn atlas names; they set the image file names.
    voxel_size : float
        Voxel edge in mm.

    Returns
    -------
    HarvardOxfordFiles
    """
    data_dir = Path(data_dir)
    atlases = data_dir / ATLAS_SUBDIR
    affine = mni_affine(shape, voxel_size)
    files = HarvardOxfordFiles(
        data_dir=data_dir,
        cortical_image=atlases / "HarvardOxford" / f"HarvardOxford-{cortical}.nii.gz",
        subcortical_image=atlases / "HarvardOxford" / f"HarvardOxford-{subcortical}.nii.gz",
        cortical_xml=atlases / "HarvardOxford-Cortical.xml",
        subcortical_xml=atlases / "HarvardOxford-Subcortical.xml",
    )
    write_nifti(files.cortical_image, cortical_array(shape, affine), affine)
    write_nifti(files.subcortical_image, subcortical_array(shape, affine), affine)
    files.cortical_xml.write_text(label_xml("Harvard-Oxford Cortical Structural Atlas", CORTICAL_LABELS,
                                            _cortical_centres()), encoding="iso-8859-1")
    files.subcortical_xml.write_text(label_xml("Harvard-Oxford Subcortical Structural Atlas", SUBCORTICAL_LABELS,
                                               _subcortical_centres()), encoding="iso-8859-1")
    return files


def tree_snapshot(root) -> dict[str, tuple[int, int]]:
    """Every path under ``root`` with (size, mtime_ns), for "nothing changed" checks."""
    root = Path(root)
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): (p.stat().st_size if p.is_file() else -1, p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*"))}
