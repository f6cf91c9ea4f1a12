"""The glTF 2.0 binary export: read back with pygltflib, checked against the model, the content and the theme."""

from __future__ import annotations

import errno
import os
import struct
import subprocess

import numpy as np
import pygltflib
import pytest

from atlases.meshes.brain_model import load_brain_model
from atlases.sources.definitions import REGION_IDS
from atlases.teaching.content import load_content
from viewer.scene.export_spec import SceneSnapshot
from viewer.scene.image_output import OutputError, UnsupportedFormatError
from viewer.scene.model_export import MNI_TO_GLTF, export_model, linear_to_srgb, srgb_to_linear
from viewer.scene.themes import get_theme, hex_to_rgb

SNAPSHOT = SceneSnapshot(atlas="desikan_killiany", theme="dark", cortex_opacity=0.35)


@pytest.fixture(scope="module")
def model():
    return load_brain_model("desikan_killiany")


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture(scope="module")
def glb(tmp_path_factory, model, content):
    path = export_model(SNAPSHOT, tmp_path_factory.mktemp("glb") / "brain.glb", content=content, model=model)
    return path, pygltflib.GLTF2().load_binary(str(path))


def _array(gltf, accessor_index: int) -> np.ndarray:
    accessor = gltf.accessors[accessor_index]
    view = gltf.bufferViews[accessor.bufferView]
    dtype = {pygltflib.FLOAT: np.float32, pygltflib.UNSIGNED_INT: np.uint32}[accessor.componentType]
    width = {"VEC3": 3, "SCALAR": 1}[accessor.type]
    blob = gltf.binary_blob()
    start = view.byteOffset + (accessor.byteOffset or 0)
    return np.frombuffer(blob, dtype=dtype, count=accessor.count * width, offset=start).reshape(accessor.count, -1)


def _mesh_nodes(gltf):
    return {(n.extras["region"], n.extras["hemisphere"]): n for n in gltf.nodes if n.mesh is not None}


def test_header_is_gltf_2_binary(glb):
    path, _ = glb
    data = path.read_bytes()
    magic, version, length = struct.unpack("<4sII", data[:12])
    assert magic == b"glTF" and version == 2 and length == len(data)


def test_one_named_mesh_per_region_and_hemisphere_plus_the_cortex(glb, model, content):
    _, gltf = glb
    assert len(gltf.meshes) == 2 * len(model.regions) + 2 == 8
    names = {m.name for m in gltf.meshes}
    for rid in REGION_IDS:
        assert {f"{content.regions[rid].name} (left)", f"{content.regions[rid].name} (right)"} <= names
    assert {"Cortex (left)", "Cortex (right)"} <= names
    nodes = _mesh_nodes(gltf)
    assert set(nodes) == {(r, h) for r in (*REGION_IDS, "cortex") for h in ("left", "right")}
    for node in nodes.values():   # every mesh node is reachable from the scene's root
        assert any(gltf.nodes.index(node) in parent.children for parent in gltf.nodes)
    assert len(gltf.scenes[gltf.scene].nodes) == 1


def test_colours_are_the_theme_in_linear_light(glb):
    _, gltf = glb
    theme = get_theme(SNAPSHOT.theme)
    by_region = {key[0]: gltf.materials[gltf.meshes[n.mesh].primitives[0].material]
                 for key, n in _mesh_nodes(gltf).items()}
    for rid in REGION_IDS:
        material = by_region[rid]
        rgba = material.pbrMetallicRoughness.baseColorFactor
        assert [linear_to_srgb(c) for c in rgba[:3]] == pytest.approx(hex_to_rgb(theme.regions[rid]), abs=1e-3)
        assert rgba[3] == 1.0 and material.alphaMode == pygltflib.OPAQUE
        assert rgba[:3] != pytest.approx(hex_to_rgb(theme.regions[rid]), abs=1e-2)   # really converted
    cortex = by_region["cortex"]
    rgba = cortex.pbrMetallicRoughness.baseColorFactor
    assert [linear_to_srgb(c) for c in rgba[:3]] == pytest.approx(hex_to_rgb(theme.cortex), abs=1e-3)
    assert cortex.alphaMode == pygltflib.BLEND and rgba[3] == pytest.approx(SNAPSHOT.cortex_opacity)


def test_srgb_round_trip():
    for value in np.linspace(0, 1, 101):
        assert linear_to_srgb(srgb_to_linear(value)) == pytest.approx(value, abs=1e-9)
    assert srgb_to_linear(0.5) == pytest.approx(0.214, abs=1e-3)


def test_geometry_matches_the_model(glb, model):
    _, gltf = glb
    for (region, hemi), node in _mesh_nodes(gltf).items():
        mesh = (model.cortex if region == "cortex" else model.regions[region])[hemi]
        primitive = gltf.meshes[node.mesh].primitives[0]
        positions = _array(gltf, primitive.attributes.POSITION)
        normals = _array(gltf, primitive.attributes.NORMAL)
        indices = _array(gltf, primitive.indices).reshape(-1, 3)
        assert len(positions) == len(mesh.points) and len(normals) == len(mesh.points)
        assert gltf.accessors[primitive.indices].componentType == pygltflib.UNSIGNED_INT
        assert np.array_equal(indices, mesh.faces)
        assert np.allclose(positions, mesh.points @ MNI_TO_GLTF.T, atol=1e-6)
        assert np.allclose(np.linalg.norm(normals, axis=1), 1.0, atol=1e-4)
        accessor = gltf.accessors[primitive.attributes.POSITION]
        assert accessor.min == pytest.approx(positions.min(axis=0).tolist())
        assert accessor.max == pytest.approx(positions.max(axis=0).tolist())


def test_axes_anterior_is_plus_z_superior_is_plus_y_a_proper_rotation(glb, model):
    _, gltf = glb
    assert np.linalg.det(MNI_TO_GLTF / 0.001) == pytest.approx(1.0)
    nodes = _mesh_nodes(gltf)
    pfc = model.regions["prefrontal_cortex"]["left"].points
    pfc_gltf = _array(gltf, gltf.meshes[nodes[("prefrontal_cortex", "left")].mesh].primitives[0].attributes.POSITION)
    assert np.argmax(pfc_gltf[:, 2]) == np.argmax(pfc[:, 1])          # the most anterior point: largest z
    cortex = model.cortex["left"].points
    cortex_gltf = _array(gltf, gltf.meshes[nodes[("cortex", "left")].mesh].primitives[0].attributes.POSITION)
    assert np.argmax(cortex_gltf[:, 1]) == np.argmax(cortex[:, 2])    # the most superior point: largest y
    assert np.ptp(cortex_gltf, axis=0).max() < 0.2                    # metres: a brain is < 20 cm
    # The normals agree with the triangles' winding (a reflection would turn one against the other).
    primitive = gltf.meshes[nodes[("cortex", "left")].mesh].primitives[0]
    normals = _array(gltf, primitive.attributes.NORMAL)
    tri = cortex_gltf[_array(gltf, primitive.indices).reshape(-1, 3)].astype(float)
    winding = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    vertex_normals = normals[_array(gltf, primitive.indices).reshape(-1, 3)].sum(axis=1)
    assert (np.einsum("ij,ij->i", winding, vertex_normals) > 0).mean() > 0.95
    # ... and point outward: the lateral surface's normals point to the left of the subject (glTF +x).
    lateral = cortex[:, 0] < np.percentile(cortex[:, 0], 5)
    assert normals[lateral, 0].mean() > 0.5


def test_names_in_the_content_language_and_translated_words(tmp_path, model):
    content = load_content(language="es")
    words = {"left": "izquierdo", "right": "derecho", "Cortex": "Corteza cerebral"}
    path = export_model(SNAPSHOT.with_changes(language="es"), tmp_path / "cerebro.glb", content=content,
                        model=model, tr=lambda context, text: words.get(text, text))
    names = {m.name for m in pygltflib.GLTF2().load_binary(str(path)).meshes}
    assert f"{content.regions['hippocampus'].name} (izquierdo)" in names
    assert "Corteza cerebral (derecho)" in names
    assert content.regions["hippocampus"].name != load_content().regions["hippocampus"].name


@pytest.mark.parametrize("name", ["brain.gltf", "brain.obj", "brain", "brain.glb.txt", ""])
def test_only_glb_is_accepted(tmp_path, model, content, name):
    with pytest.raises(UnsupportedFormatError):
        export_model(SNAPSHOT, tmp_path / name if name else "", content=content, model=model)
    assert os.listdir(tmp_path) == []


def test_upper_case_extension_is_fine(tmp_path, model, content):
    assert export_model(SNAPSHOT, tmp_path / "BRAIN.GLB", content=content, model=model).read_bytes()[:4] == b"glTF"


def test_read_only_folder_is_an_error_and_leaves_nothing(read_only_folder, model, content):
    with pytest.raises(OutputError, match="brain.glb|ro"):
        export_model(SNAPSHOT, read_only_folder / "brain.glb", content=content, model=model)
    assert os.listdir(read_only_folder) == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, model, content, monkeypatch):
    target = tmp_path / "brain.glb"
    target.write_bytes(b"old")

    def full_disk(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match="No space"):
        export_model(SNAPSHOT, target, content=content, model=model)
    monkeypatch.undo()
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["brain.glb"]


def test_a_real_full_disk_leaves_nothing(tmp_path, model, content):
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)]).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        with pytest.raises(OutputError, match="No space left"):   # the model is ~2.6 MB
            export_model(SNAPSHOT, mount / "brain.glb", content=content, model=model)
        assert os.listdir(mount) == []
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_names_come_from_the_snapshots_content_pack(tmp_path, model):
    from atlases.teaching.example_pack import write_example_pack

    pack = tmp_path / "pack"
    write_example_pack(pack)
    region = pack / "regions" / "hippocampus.toml"
    region.write_text(region.read_text(encoding="utf-8").replace('name = "Hippocampus"', 'name = "Seahorse <b>"'),
                      encoding="utf-8")
    path = export_model(SNAPSHOT.with_changes(content_dir=str(pack)), tmp_path / "pack.glb", model=model)
    names = {m.name for m in pygltflib.GLTF2().load_binary(str(path)).meshes}
    assert {"Seahorse <b> (left)", "Seahorse <b> (right)"} <= names
