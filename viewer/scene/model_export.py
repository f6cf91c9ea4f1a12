"""Write the brain model as a glTF 2.0 binary file (``.glb``) for 3D tools, slides and web viewers.

Qt-free. The file holds the cortex (left and right) and each region (left and right) as named meshes
with positions, normals and ``uint32`` indices, written with pygltflib (imported only here, on the
export path). Coordinates are converted from MNI millimetres (x right, y anterior, z superior) to
glTF's convention (metres, +Y up, the model's front facing +Z): ``(x, y, z) -> (-x, z, y) / 1000``, a
proper rotation (determinant +1), so triangle winding and normals stay outward. It is baked into the
vertices, so a reader that ignores node transforms still sees the brain upright.

Colours: glTF's ``baseColorFactor`` is linear, the theme's colours are sRGB; they are converted with
the sRGB transfer function. The cortex is translucent (``alphaMode`` BLEND, the snapshot's cortex
opacity, as the window shows it); the regions are opaque.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from atlases.files.output_files import write_whole
from atlases.sources.definitions import REGION_IDS
from atlases.translation_marks import QT_TRANSLATE_NOOP
from viewer.scene.export_spec import SceneSnapshot
from viewer.scene.image_output import OutputError, check_named_output
from viewer.scene.themes import get_theme, hex_to_rgb

#: The translation context of the words this module puts in the file (node names).
TR_CONTEXT = "ModelExport"
HEMISPHERE_WORDS = {"left": QT_TRANSLATE_NOOP("ModelExport", "left"),
                    "right": QT_TRANSLATE_NOOP("ModelExport", "right")}
_CORTEX = QT_TRANSLATE_NOOP("ModelExport", "Cortex")
_BRAIN = QT_TRANSLATE_NOOP("ModelExport", "Brain")
#: MNI mm (x right, y anterior, z superior) to glTF metres (+Y up, +Z the face's front; facing the model,
#: +X is on the viewer's right, the subject's left). Rows: glTF x = -MNI x, glTF y = MNI z, glTF z = MNI y.
MNI_TO_GLTF = np.array([[-1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]]) * 0.001
#: The hemispheres in the order the file lists them.
HEMISPHERES = ("left", "right")

Translate = Callable[[str, str], str]


def _no_translation(context: str, text: str) -> str:
    return text


def srgb_to_linear(value: float) -> float:
    """One sRGB channel (0..1) to linear light (the sRGB EOTF)."""
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def linear_to_srgb(value: float) -> float:
    """One linear channel (0..1) back to sRGB (the inverse of :func:`srgb_to_linear`)."""
    return value * 12.92 if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055


def linear_color(hex_color: str, alpha: float = 1.0) -> list[float]:
    """``"#RRGGBB"`` as a glTF ``baseColorFactor``: linear RGB and ``alpha``."""
    return [srgb_to_linear(c) for c in hex_to_rgb(hex_color)] + [float(alpha)]


def check_model_path(path: str | os.PathLike) -> Path:
    """Check, before any work, that a ``.glb`` can be written at ``path``; return the absolute path.

    Raises
    ------
    UnsupportedFormatError
        No name, or another extension than ``.glb`` (nothing is appended).
    OutputError
        A folder, device or pipe in the way, or a folder that cannot be written.
    """
    return check_named_output(path, "the 3D model", ".glb",
                              "cannot write a 3D model there: the name must end with .glb (glTF 2.0 binary)")


def vertex_normals(points: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Unit vertex normals: the area-weighted sum of the faces' normals (faces counter-clockwise from outside)."""
    tri = points[faces].astype(np.float64)
    face_normals = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])   # length = 2 x area
    normals = np.zeros((len(points), 3))
    for corner in range(3):
        np.add.at(normals, faces[:, corner], face_normals)
    length = np.linalg.norm(normals, axis=1, keepdims=True)
    normals = np.divide(normals, length, out=np.zeros_like(normals), where=length > 0)
    normals[length[:, 0] == 0] = (0.0, 1.0, 0.0)   # an unused or degenerate vertex still gets a unit normal
    return normals


class _Builder:
    """Collects meshes into one binary buffer with their accessors, views, materials and nodes."""

    def __init__(self):
        import pygltflib as g

        self.g = g
        self.blob = bytearray()
        self.gltf = g.GLTF2(asset=g.Asset(version="2.0", generator="Brain Region Explorer"), scene=0)

    def _view(self, data: bytes, target: int) -> int:
        while len(self.blob) % 4:
            self.blob.append(0)
        self.gltf.bufferViews.append(self.g.BufferView(buffer=0, byteOffset=len(self.blob),
                                                       byteLength=len(data), target=target))
        self.blob.extend(data)
        return len(self.gltf.bufferViews) - 1

    def _accessor(self, array: np.ndarray, component: int, kind: str, target: int, bounds: bool = False) -> int:
        view = self._view(array.tobytes(), target)
        accessor = self.g.Accessor(bufferView=view, componentType=component, count=len(array), type=kind)
        if bounds:
            accessor.min = [float(v) for v in array.min(axis=0)]
            accessor.max = [float(v) for v in array.max(axis=0)]
        self.gltf.accessors.append(accessor)
        return len(self.gltf.accessors) - 1

    def material(self, name: str, color: list[float], blend: bool) -> int:
        g = self.g
        pbr = g.PbrMetallicRoughness(baseColorFactor=color, metallicFactor=0.0, roughnessFactor=0.65)
        self.gltf.materials.append(g.Material(name=name, pbrMetallicRoughness=pbr, doubleSided=blend,
                                              alphaMode=g.BLEND if blend else g.OPAQUE))
        return len(self.gltf.materials) - 1

    def mesh_node(self, name: str, points: np.ndarray, faces: np.ndarray, material: int, extras: dict) -> int:
        g = self.g
        positions = (np.asarray(points, dtype=np.float64) @ MNI_TO_GLTF.T).astype(np.float32)
        normals = (vertex_normals(np.asarray(points, dtype=np.float64), faces) @ (MNI_TO_GLTF.T * 1000.0))
        indices = np.ascontiguousarray(faces, dtype=np.uint32).reshape(-1)
        attributes = g.Attributes(
            POSITION=self._accessor(positions, g.FLOAT, g.VEC3, g.ARRAY_BUFFER, bounds=True),
            NORMAL=self._accessor(normals.astype(np.float32), g.FLOAT, g.VEC3, g.ARRAY_BUFFER))
        primitive = g.Primitive(attributes=attributes, material=material, mode=g.TRIANGLES,
                                indices=self._accessor(indices, g.UNSIGNED_INT, g.SCALAR, g.ELEMENT_ARRAY_BUFFER))
        self.gltf.meshes.append(g.Mesh(name=name, primitives=[primitive]))
        return self.node(name, mesh=len(self.gltf.meshes) - 1, extras=extras)

    def node(self, name: str, children: list[int] | None = None, mesh: int | None = None,
             extras: dict | None = None) -> int:
        self.gltf.nodes.append(self.g.Node(name=name, mesh=mesh, children=children or [], extras=extras or {}))
        return len(self.gltf.nodes) - 1

    def glb(self, root: int) -> bytes:
        self.gltf.scenes.append(self.g.Scene(name=self.gltf.nodes[root].name, nodes=[root]))
        self.gltf.buffers.append(self.g.Buffer(byteLength=len(self.blob)))
        self.gltf.set_binary_blob(bytes(self.blob))
        return bytes(b"".join(self.gltf.save_to_bytes()))


def model_glb(snapshot: SceneSnapshot, content, model, tr: Translate = _no_translation) -> bytes:
    """The glTF 2.0 binary of ``model`` with ``content``'s region names and the snapshot's theme.

    Parameters
    ----------
    snapshot : SceneSnapshot
        Gives the theme and the cortex opacity.
    content : Content
        Gives the region names (in its language).
    model : BrainModel
        The meshes (MNI mm).
    tr : callable, optional
        ``tr(context, text)`` translates the words this module adds ("left", "Cortex"), e.g.
        ``QCoreApplication.translate``; identity by default.

    Returns
    -------
    bytes
    """
    theme = get_theme(snapshot.theme)
    b = _Builder()
    cortex_material = b.material("cortex", linear_color(theme.cortex, snapshot.cortex_opacity), blend=True)
    groups = []

    def hemispheres(meshes: dict, name: str, material: int, region: str) -> int:
        children = [b.mesh_node(f"{name} ({tr(TR_CONTEXT, HEMISPHERE_WORDS[hemi])})", meshes[hemi].points,
                                meshes[hemi].faces, material, {"region": region, "hemisphere": hemi})
                    for hemi in HEMISPHERES if hemi in meshes]
        return b.node(name, children=children, extras={"region": region})

    order = [r for r in REGION_IDS if r in model.regions] + sorted(set(model.regions) - set(REGION_IDS))
    for region_id in order:
        name = content.regions[region_id].name if region_id in content.regions else region_id
        colour = theme.regions.get(region_id, theme.cortex)
        groups.append(hemispheres(model.regions[region_id], name,
                                  b.material(region_id, linear_color(colour), blend=False), region_id))
    # The translucent cortex last: viewers that draw in node order then blend it over the regions.
    groups.append(hemispheres(model.cortex, tr(TR_CONTEXT, _CORTEX), cortex_material, "cortex"))
    root = b.node(tr(TR_CONTEXT, _BRAIN), children=groups,
                  extras={"atlas": snapshot.atlas, "theme": theme.id, "units": "metres",
                          "source_space": "MNI152 mm, converted to glTF (x=-x, y=z, z=y)/1000"})
    return b.glb(root)


def export_model(snapshot: SceneSnapshot, path: str | os.PathLike, content=None, model=None,
                 tr: Translate = _no_translation) -> Path:
    """Write the cortex and the regions as a glTF 2.0 binary file.

    Parameters
    ----------
    snapshot : SceneSnapshot
        The atlas, theme, cortex opacity, language and content pack to use.
    path : str or path-like
        The ``.glb`` file; checked before anything is loaded, written whole or not at all.
    content : Content, optional
        The region names; when None, the pack at ``snapshot.content_dir`` or the built-in content, in
        ``snapshot.language``.
    model : BrainModel, optional
        The meshes; loaded for ``snapshot.atlas`` when None.
    tr : callable, optional
        ``tr(context, text)`` for the words this module adds (see :func:`model_glb`).

    Returns
    -------
    Path
        The absolute path written.

    Raises
    ------
    UnsupportedFormatError
        The name does not end with ``.glb``.
    OutputError
        The file cannot be written (nothing is left behind).
    """
    target = check_model_path(path)
    if content is None:
        content = snapshot.load_pack().content
    if model is None:
        from atlases.meshes.brain_model import load_brain_model

        model = load_brain_model(snapshot.atlas, data_dir=snapshot.data_dir)
    data = model_glb(snapshot, content, model, tr)
    write_whole(target, lambda fh: fh.write(data), "the 3D model", OutputError)
    return target
