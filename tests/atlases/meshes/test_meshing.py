"""Region and cortex meshes: size, coordinates, anatomy and orientation.

The default atlas is meshed once per session (conftest points the mesh cache
at a per-session temporary folder); synthetic masks test ``mesh_mask`` alone.
"""

from __future__ import annotations

import numpy as np
import pytest

from atlases.meshes.brain_model import load_brain_model
from atlases.meshes.cortex_surface import load_mni_brain_mask
from atlases.meshes.mesh_jobs import mesh_regions
from atlases.meshes.meshing import HEMISPHERES, MeshParams, TriMesh, hemisphere_masks, mesh_mask
from atlases.sources.definitions import REGION_IDS
from atlases.sources.label_volume import MNI_BRAIN_BOX, LabelVolume


@pytest.fixture(scope="module")
def model():
    return load_brain_model("desikan_killiany")


@pytest.fixture(scope="module")
def brain_mask():
    img = load_mni_brain_mask()
    return np.asarray(img.dataobj) > 0, np.asarray(img.affine, dtype=float)


def signed_volume(mesh: TriMesh) -> float:
    """Enclosed volume by the divergence theorem; positive when faces wind outward."""
    tri = mesh.points[mesh.faces].astype(float)
    return float(np.einsum("ij,ij->i", tri[:, 0], np.cross(tri[:, 1], tri[:, 2])).sum() / 6.0)


def edge_use_counts(mesh: TriMesh) -> np.ndarray:
    f = mesh.faces
    edges = np.sort(np.concatenate([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]]), axis=1)
    return np.unique(edges, axis=0, return_counts=True)[1]


def _region_meshes(model):
    return [(r, h, model.regions[r][h]) for r in REGION_IDS for h in HEMISPHERES]


# ---------------------------------------------------------------- the default atlas
def test_every_region_has_both_hemispheres_within_the_triangle_budget(model):
    budget = MeshParams().max_triangles
    assert list(model.regions) == list(REGION_IDS)
    for region_id, hemis in model.regions.items():
        assert set(hemis) == set(HEMISPHERES), region_id
        for hemi, mesh in hemis.items():
            assert 500 < mesh.n_triangles <= budget * 1.2, (region_id, hemi, mesh.n_triangles)
            assert mesh.points.dtype == np.float32 and mesh.points.shape[1] == 3
            assert mesh.faces.dtype == np.int32 and mesh.faces.shape[1] == 3
            assert mesh.faces.min() >= 0 and mesh.faces.max() < len(mesh.points)
            assert np.isfinite(mesh.points).all()


def test_region_meshes_are_closed_and_face_outward(model):
    for region_id, hemi, mesh in _region_meshes(model):
        assert signed_volume(mesh) > 500.0, (region_id, hemi)  # mm^3; also catches inward winding
        counts = edge_use_counts(mesh)
        # closed: no hole to see the background through (the scene culls back faces)
        assert (counts == 1).sum() == 0, (region_id, hemi)
        # where voxels touch only along an edge, four triangles share it (about 1 %)
        assert (counts == 2).mean() > 0.97, (region_id, hemi)


def test_open_seams_of_raw_surface_nets_are_closed():
    # two voxels that touch only along an edge: surface nets give each side its own
    # vertex there, and smoothing opens a hole between them
    mask = np.zeros((8, 8, 8), dtype=bool)
    mask[2:4, 2:4, 2:5] = True
    mask[4:6, 4:6, 2:5] = True
    mesh = mesh_mask(mask, np.eye(4))
    assert (edge_use_counts(mesh) == 1).sum() == 0
    assert signed_volume(mesh) > 0


def test_motion_level_is_coarser_and_keeps_the_shape(model):
    budget = MeshParams().motion_triangles
    assert set(model.motion_regions) == set(model.regions)
    for region_id, hemi, mesh in _region_meshes(model):
        coarse = model.motion_regions[region_id][hemi]
        assert 0.5 * budget < coarse.n_triangles <= budget, (region_id, hemi)
        assert (edge_use_counts(coarse) == 1).sum() == 0, (region_id, hemi)
        assert signed_volume(coarse) == pytest.approx(signed_volume(mesh), rel=0.05), (region_id, hemi)
        np.testing.assert_allclose(coarse.centroid(), mesh.centroid(), atol=1.0)


def test_mesh_points_are_in_mni_millimetres(model):
    lo, hi = MNI_BRAIN_BOX
    for region_id, hemi, mesh in _region_meshes(model):
        assert (mesh.points >= lo).all() and (mesh.points <= hi).all(), (region_id, hemi)
        extent = mesh.points.max(axis=0) - mesh.points.min(axis=0)
        # a region spans centimetres, not voxels-as-units nor metres
        assert (extent > 10).all() and (extent < 150).all(), (region_id, hemi, extent)


def test_left_meshes_are_left_and_right_meshes_right(model):
    for region_id, hemi, mesh in _region_meshes(model):
        x = mesh.centroid()[0]
        assert (x < 0) if hemi == "left" else (x > 0), (region_id, hemi, x)
        # the hemisphere split is at x = 0: almost no vertex crosses it
        xs = mesh.points[:, 0]
        crossing = (xs > 2.0).mean() if hemi == "left" else (xs < -2.0).mean()
        assert crossing < 0.01, (region_id, hemi)


def _inside_mask(point, mask, affine, tolerance_mm=3.0) -> bool:
    """Whether the mask is set within ``tolerance_mm`` of ``point`` (mm)."""
    inv = np.linalg.inv(affine)
    voxel = inv[:3, :3] @ point + inv[:3, 3]
    vox_mm = np.sqrt((affine[:3, :3] ** 2).sum(axis=0))
    radius = np.ceil(tolerance_mm / vox_mm).astype(int)
    centre = np.round(voxel).astype(int)
    lo = np.maximum(centre - radius, 0)
    hi = np.minimum(centre + radius + 1, mask.shape)
    if (hi <= lo).any():
        return False
    return bool(mask[lo[0]:hi[0], lo[1]:hi[1], lo[2]:hi[2]].any())


def test_mask_lookup_helper_is_not_vacuous(brain_mask):
    mask, affine = brain_mask
    assert _inside_mask(np.array([0.0, -20.0, 20.0]), mask, affine)      # deep white matter
    assert not _inside_mask(np.array([0.0, 0.0, 120.0]), mask, affine)   # above the head
    assert not _inside_mask(np.array([90.0, 0.0, 0.0]), mask, affine)    # beside the head


def test_region_centroids_are_inside_the_mni_brain_mask(model, brain_mask):
    mask, affine = brain_mask
    for region_id, hemi, mesh in _region_meshes(model):
        c = mesh.centroid()
        assert _inside_mask(c, mask, affine), f"{region_id}.{hemi} centroid {c} is outside the brain"


@pytest.mark.parametrize("hemi", HEMISPHERES)
def test_hippocampus_position(model, hemi):
    x, y, z = model.regions["hippocampus"][hemi].centroid()
    assert 20 <= abs(x) <= 35 and -40 <= y <= -10 and -25 <= z <= 0, (x, y, z)


@pytest.mark.parametrize("hemi", HEMISPHERES)
def test_prefrontal_cortex_is_anterior(model, hemi):
    x, y, z = model.regions["prefrontal_cortex"][hemi].centroid()
    assert y > 15, (x, y, z)
    hippo_y = model.regions["hippocampus"][hemi].centroid()[1]
    assert y > hippo_y + 30


@pytest.mark.parametrize("hemi", HEMISPHERES)
def test_posteromedial_cortex_is_posterior_and_medial(model, hemi):
    x, y, z = model.regions["posteromedial_cortex"][hemi].centroid()
    assert abs(x) < 15 and y < -35, (x, y, z)
    assert z > 0, "the precuneus/posterior cingulate lie above the hippocampus"


def test_hemispheres_are_roughly_mirror_images(model):
    for region_id in REGION_IDS:
        left, right = model.regions[region_id]["left"], model.regions[region_id]["right"]
        cl, cr = left.centroid(), right.centroid()
        assert abs(cl[0] + cr[0]) < 5 and abs(cl[1] - cr[1]) < 5 and abs(cl[2] - cr[2]) < 5, region_id
        vl, vr = signed_volume(left), signed_volume(right)
        assert 0.7 < vl / vr < 1.4, region_id


def test_cortex_meshes(model):
    assert set(model.cortex) == set(HEMISPHERES)
    for hemi, mesh in model.cortex.items():
        assert mesh.n_triangles == 20480
        assert len(mesh.points) == 10242
        assert mesh.faces.max() < len(mesh.points)
        x = mesh.centroid()[0]
        assert (x < 0) if hemi == "left" else (x > 0), (hemi, x)
        assert signed_volume(mesh) > 0, f"{hemi} cortex faces wind inward"
    # the regions sit inside the cortex's bounding box
    pts = np.concatenate([m.points for m in model.cortex.values()])
    lo, hi = pts.min(axis=0) - 5, pts.max(axis=0) + 5
    for region_id, hemi, mesh in _region_meshes(model):
        assert (mesh.points >= lo).all() and (mesh.points <= hi).all(), (region_id, hemi)


def test_to_pyvista_keeps_geometry(model):
    mesh = model.regions["hippocampus"]["left"]
    poly = mesh.to_pyvista()
    assert poly.n_points == len(mesh.points) and poly.n_cells == mesh.n_triangles
    np.testing.assert_allclose(poly.points, mesh.points)
    assert "Normals" in poly.point_data
    normals = np.asarray(poly.point_data["Normals"])
    # outward normals point away from the centroid on average
    outward = np.einsum("ij,ij->i", normals, poly.points - mesh.centroid())
    assert (outward > 0).mean() > 0.8


# ---------------------------------------------------------------- synthetic masks
def _sphere(shape, centre, radius):
    ijk = np.indices(shape).transpose(1, 2, 3, 0)
    return ((ijk - np.asarray(centre)) ** 2).sum(axis=-1) <= radius ** 2


AFFINES = {
    "identity": np.eye(4),
    "flipped-x": np.array([[-2.0, 0, 0, 50], [0, 2, 0, -30], [0, 0, 2, 10], [0, 0, 0, 1]]),
    "swapped-axes": np.array([[0, 1.5, 0, -20], [1.5, 0, 0, 5], [0, 0, 1.5, 0], [0, 0, 0, 1]]),
}


@pytest.mark.parametrize("params", [MeshParams(), MeshParams(max_triangles=800)], ids=["full", "clustered"])
@pytest.mark.parametrize("affine_name", list(AFFINES))
def test_sphere_mask_gives_outward_surface_at_the_right_place(affine_name, params):
    affine = AFFINES[affine_name]
    centre, radius = np.array([20, 18, 22]), 12
    mesh = mesh_mask(_sphere((40, 40, 40), centre, radius), affine, params)
    assert mesh is not None
    scale = abs(np.linalg.det(affine[:3, :3])) ** (1 / 3)
    world_centre = affine[:3, :3] @ centre + affine[:3, 3]
    world_radius = radius * scale
    assert mesh.n_triangles <= params.max_triangles * 1.2
    np.testing.assert_allclose(mesh.centroid(), world_centre, atol=0.5 * scale)
    dist = np.linalg.norm(mesh.points - world_centre, axis=1)
    assert abs(dist.mean() - world_radius) < 1.0 * scale
    assert dist.max() - dist.min() < 1.5 * scale
    volume = signed_volume(mesh)
    assert volume > 0, f"faces wind inward for the {affine_name} affine"
    assert volume == pytest.approx(4 / 3 * np.pi * world_radius ** 3, rel=0.15)
    assert (edge_use_counts(mesh) == 2).all(), "the surface is not closed"


def test_mask_touching_the_volume_edge_is_still_closed():
    half = _sphere((30, 30, 30), (15, 15, 0), 10)  # cut by the k = 0 face
    mesh = mesh_mask(half, np.eye(4))
    assert (edge_use_counts(mesh) == 2).all()
    assert signed_volume(mesh) == pytest.approx(2 / 3 * np.pi * 10 ** 3, rel=0.15)
    assert mesh.points[:, 2].min() == pytest.approx(-0.5, abs=0.6)


def test_single_voxel_mask():
    mask = np.zeros((5, 5, 5), bool)
    mask[2, 3, 1] = True
    mesh = mesh_mask(mask, np.eye(4))
    assert mesh is not None and signed_volume(mesh) > 0
    np.testing.assert_allclose(mesh.centroid(), [2, 3, 1], atol=0.3)


def test_empty_mask_gives_none():
    assert mesh_mask(np.zeros((10, 10, 10), bool), np.eye(4)) is None


def test_hemisphere_masks_and_mesh_regions_split_at_x_zero():
    affine = np.array([[2.0, 0, 0, -21], [0, 2, 0, -20], [0, 0, 2, -20], [0, 0, 0, 1]])  # x = -21..19
    data = np.zeros((21, 21, 21), np.int32)
    data[3:8, 8:13, 8:13] = 5      # left only (x = -15..-7)
    data[8:14, 2:6, 2:6] = 7       # straddles x = 0
    vol = LabelVolume(data, affine, {5: "a", 7: "b"}, source=None)
    masks = hemisphere_masks(vol, [5, 7])
    x = vol.world_x()
    assert (x[masks["left"]] < 0).all() and (x[masks["right"]] >= 0).all()
    assert masks["left"].sum() + masks["right"].sum() == (data > 0).sum()
    meshes = mesh_regions(vol, {"only_left": [5], "both": [7], "absent": [9]})
    assert set(meshes["only_left"]) == {"left"}
    assert set(meshes["both"]) == {"left", "right"}
    assert meshes["absent"] == {}
