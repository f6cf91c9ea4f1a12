"""Label volume to smooth region meshes in MNI millimetres.

Each region is meshed once per hemisphere (split at x = 0 mm) with VTK's
surface nets on a cropped binary mask (its seams closed, so the surface has
no holes), mapped to world coordinates through
the NIfTI affine, then reduced to a triangle budget by quadric-error
decimation (``fast_simplification``, pyvista's C++ port of Garland-Heckbert
simplification). Measured on the prefrontal cortex of one hemisphere (172k
triangles from surface nets to 12k): 0.17 s and 31-64 non-manifold edges,
against 0.43-0.48 s and about 75 for VTK's quadric clustering + quadric
decimation, and 728 edges with visible holes for clustering alone.

Every region also gets a coarse *motion* level (:attr:`MeshParams.motion_triangles`)
that the window draws instead while the camera moves on software OpenGL,
where each triangle costs CPU time (see ``viewer/window/brain_view.py``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)

#: Hemisphere keys, in display order.
HEMISPHERES = ("left", "right")


@dataclass(frozen=True)
class MeshParams:
    """Meshing parameters; they are part of the mesh-cache key."""

    #: Triangle budget for one region in one hemisphere.
    max_triangles: int = 12_000
    #: Triangle budget of the coarse level drawn while the camera moves.
    motion_triangles: int = 4_000
    #: Constrained smoothing iterations of the surface-nets filter.
    smoothing_iterations: int = 16

    def key(self) -> str:
        return f"tri{self.max_triangles}-motion{self.motion_triangles}-sm{self.smoothing_iterations}-closed-fqs"


#: The parameters the app meshes with (the window's child builds use only these).
DEFAULT_PARAMS = MeshParams()


@dataclass(frozen=True)
class TriMesh:
    """A triangle mesh as plain arrays (what the cache stores).

    Attributes
    ----------
    points : ndarray of float32, shape (N, 3)
        Vertex positions in MNI mm.
    faces : ndarray of int32, shape (M, 3)
        Vertex indices of each triangle, counter-clockwise seen from outside.
    """

    points: np.ndarray
    faces: np.ndarray

    @property
    def n_triangles(self) -> int:
        return int(self.faces.shape[0])

    def centroid(self) -> np.ndarray:
        """Area-weighted centroid of the surface (mm)."""
        tri = self.points[self.faces].astype(float)
        area = 0.5 * np.linalg.norm(np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]), axis=1)
        centres = tri.mean(axis=1)
        return (centres * area[:, None]).sum(axis=0) / area.sum()

    def to_pyvista(self):
        """Return a :class:`pyvista.PolyData` with point normals."""
        import pyvista as pv

        cells = np.empty((self.faces.shape[0], 4), dtype=np.int64)
        cells[:, 0] = 3
        cells[:, 1:] = self.faces
        mesh = pv.PolyData(self.points.astype(np.float32), cells.ravel())
        return mesh.compute_normals(cell_normals=False, split_vertices=False, auto_orient_normals=False,
                                    consistent_normals=False)


def hemisphere_masks(volume, label_ids, left: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Boolean masks of a region in each hemisphere.

    Parameters
    ----------
    volume : LabelVolume
    label_ids : sequence of int
    left : ndarray of bool, optional
        ``volume.world_x() < 0``, if already at hand.

    Returns
    -------
    dict
        ``{"left": mask, "right": mask}``; left is MNI x < 0.
    """
    region = np.isin(volume.data, np.asarray(label_ids, dtype=volume.data.dtype))
    left = volume.world_x() < 0 if left is None else left
    return {"left": region & left, "right": region & ~left}


def mesh_mask(mask: np.ndarray, affine: np.ndarray, params: MeshParams = DEFAULT_PARAMS) -> TriMesh | None:
    """Mesh one binary mask into a smooth closed surface in world coordinates.

    Parameters
    ----------
    mask : ndarray of bool, shape (X, Y, Z)
    affine : ndarray, shape (4, 4)
        Voxel index to world (mm).
    params : MeshParams

    Returns
    -------
    TriMesh or None
        None when the mask is empty.
    """
    cropped = crop_mask(mask)
    return None if cropped is None else mesh_crop(*cropped, affine, params)


def crop_mask(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The mask's bounding box with a margin, as uint8, and its first voxel index (None if empty)."""
    # the box from the three axis projections: cheaper than listing every voxel's index
    spans = [np.flatnonzero(mask.any(axis=tuple(a for a in range(3) if a != axis))) for axis in range(3)]
    if any(span.size == 0 for span in spans):
        return None
    lo = np.maximum([span[0] - 2 for span in spans], 0)
    hi = np.minimum([span[-1] + 3 for span in spans], mask.shape)
    crop = np.zeros(tuple(hi - lo + 2), dtype=np.uint8)  # one voxel of padding on every side
    crop[1:-1, 1:-1, 1:-1] = mask[lo[0]:hi[0], lo[1]:hi[1], lo[2]:hi[2]]
    return crop, lo


def mesh_crop(crop: np.ndarray, lo: np.ndarray, affine: np.ndarray, params: MeshParams = DEFAULT_PARAMS) -> TriMesh:
    """Mesh a cropped mask from :func:`crop_mask` (see :func:`mesh_mask`)."""
    import pyvista as pv

    grid = pv.ImageData(dimensions=crop.shape, spacing=(1.0, 1.0, 1.0), origin=tuple(np.asarray(lo) - 1.0))
    grid.point_data["labels"] = crop.ravel(order="F")
    points, faces = _closed_surface_nets(grid, params.smoothing_iterations)
    mesh = decimate(TriMesh(points.astype(np.float32), faces), params.max_triangles)
    world = mesh.points.astype(float) @ affine[:3, :3].T + affine[:3, 3]
    faces = mesh.faces
    if np.linalg.det(affine[:3, :3]) < 0:  # a mirroring affine flips triangle winding
        faces = faces[:, ::-1].copy()
    return TriMesh(world.astype(np.float32), np.ascontiguousarray(faces))


def _closed_surface_nets(grid, smoothing_iterations: int) -> tuple[np.ndarray, np.ndarray]:
    """Smoothed surface nets of a binary grid, with the seams closed.

    Where two voxels of the mask touch only along an edge, surface nets give
    each side its own vertex at the same place; the smoothing then pulls the
    two apart and leaves a small hole (up to about a hundred boundary edges
    per region). Behind a hole one sees the background once back faces are
    culled. Both passes of the filter create the same points in the same
    order (the constrained smoothing moves each by at most sqrt(3) voxels),
    so the points that coincide before smoothing are merged after it. If the
    two passes ever disagree, the seams stay open and a warning says so.
    """
    def nets(smoothing: bool):
        surf = grid.contour_labels(boundary_style="external", smoothing=smoothing,
                                   smoothing_iterations=max(smoothing_iterations, 1),
                                   output_mesh_type="triangles", progress_bar=False)
        return np.asarray(surf.points, dtype=float), np.asarray(surf.faces).reshape(-1, 4)[:, 1:]

    smooth_points, faces = nets(smoothing_iterations > 0)
    raw_points, _ = nets(False) if smoothing_iterations > 0 else (smooth_points, faces)
    if raw_points.shape != smooth_points.shape or np.abs(raw_points - smooth_points).max() > 2.0:
        log.warning("surface nets gave different points with and without smoothing; seams left open")
        return smooth_points, faces.astype(np.int32)
    # unsmoothed points sit on a half-voxel grid: exact integer keys, and a 1D unique is fast
    cells = np.rint(2.0 * (raw_points - raw_points.min(axis=0))).astype(np.int64)
    dims = cells.max(axis=0) + 1
    _, inverse = np.unique((cells[:, 0] * dims[1] + cells[:, 1]) * dims[2] + cells[:, 2], return_inverse=True)
    inverse = inverse.ravel()
    counts = np.bincount(inverse)
    merged = np.stack([np.bincount(inverse, weights=smooth_points[:, i]) for i in range(3)], axis=1)
    return merged / counts[:, None], inverse[faces].astype(np.int32)


def decimate(mesh: TriMesh, max_triangles: int) -> TriMesh:
    """Reduce a mesh to at most about ``max_triangles`` triangles (quadric error metric).

    Parameters
    ----------
    mesh : TriMesh
    max_triangles : int

    Returns
    -------
    TriMesh
        ``mesh`` itself when it is within the budget already.
    """
    if mesh.n_triangles <= max_triangles:
        return mesh
    import fast_simplification

    points, faces = fast_simplification.simplify(np.ascontiguousarray(mesh.points, dtype=np.float32),
                                                 np.ascontiguousarray(mesh.faces, dtype=np.int32),
                                                 target_count=int(max_triangles))
    return TriMesh(np.asarray(points, dtype=np.float32), np.asarray(faces, dtype=np.int32))

