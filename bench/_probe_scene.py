"""Scene probe, run as a subprocess by ``bench/run_benchmarks.py``.

Modes
-----
naive
    The scene a first script would build: every region meshed at full 1 mm
    resolution with marching cubes (``ImageData.contour``, no smoothing, no
    reduction), the cortex as the MNI152 brain-mask isosurface at full
    resolution, translucent, in a plain pyvistaqt ``QtInteractor`` with
    ``add_mesh`` defaults (pyvista's theme: 8x MSAA, no depth peeling).
scale
    The app's scene settings on bigger scenes: the three regions meshed with
    larger triangle budgets, and all 83 Desikan-Killiany labels.

Both orbit the camera like the window probe and write one JSON object to ``--out``.
"""

from __future__ import annotations

import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import _probe_start as probe  # pads refcounts, see there
from _window_tools import FrameClock, finish_frame, orbit, scene_stats, wait_until


def make_host(app, width: int, height: int, **interactor_kwargs):
    """A QMainWindow whose central widget is a QtInteractor of width x height."""
    from PySide6.QtWidgets import QMainWindow
    from pyvistaqt import QtInteractor

    win = QMainWindow()
    plotter = QtInteractor(win, **interactor_kwargs)
    win.setCentralWidget(plotter)
    win.resize(width, height)
    win.show()
    wait_until(app, lambda: plotter.isVisible() and plotter.width() > 0, 10)
    return win, plotter


def resize_view(app, win, plotter, width: int, height: int) -> list[int]:
    for _ in range(4):
        dw, dh = width - plotter.width(), height - plotter.height()
        if dw == 0 and dh == 0:
            break
        win.resize(win.width() + dw, win.height() + dh)
        wait_until(app, lambda: (plotter.width(), plotter.height()) == (width, height), 0.5)
    return list(plotter.render_window.GetSize())


def grid_from(mask, affine):
    """A pyvista ImageData of a boolean volume placed with a diagonal affine."""
    import numpy as np
    import pyvista as pv

    spacing = np.abs(np.diag(affine)[:3])
    origin = affine[:3, 3].copy()
    data = mask.astype(np.uint8)
    for axis in range(3):  # flip axes with negative voxel steps so spacing is positive
        if affine[axis, axis] < 0:
            data = np.flip(data, axis=axis)
            origin[axis] = origin[axis] + affine[axis, axis] * (data.shape[axis] - 1)
    grid = pv.ImageData(dimensions=data.shape, spacing=tuple(spacing), origin=tuple(origin))
    grid.point_data["mask"] = data.ravel(order="F")
    return grid


# --------------------------------------------------------------------------- naive
def run_naive(out: str, cfg: dict) -> None:
    import numpy as np
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    t0 = time.perf_counter()
    from atlases.meshes.cortex_surface import load_mni_brain_mask
    from atlases.sources.registry import get_definition, make_source

    definition = get_definition("desikan_killiany")
    volume = make_source("desikan_killiany").load()
    t_read = time.perf_counter()
    meshes = {}
    for region_id in definition.regions:
        ids = definition.label_ids(volume, region_id)
        mask = np.isin(volume.data, ids)
        meshes[region_id] = grid_from(mask, volume.affine).contour([0.5], scalars="mask", progress_bar=False)
    brain = load_mni_brain_mask()
    bmask = np.asarray(brain.get_fdata()) > 0.5
    cortex = grid_from(bmask, brain.affine).contour([0.5], scalars="mask", progress_bar=False)
    t_mesh = time.perf_counter()

    w, h = cfg["sizes"][0]
    win, plotter = make_host(app, w, h)  # QtInteractor defaults (auto_update=5 fps timer too)
    colors = {"prefrontal_cortex": "orange", "hippocampus": "green", "posteromedial_cortex": "magenta"}
    for region_id, mesh in meshes.items():
        plotter.add_mesh(mesh, color=colors.get(region_id, "red"))
    plotter.add_mesh(cortex, color="lightgrey", opacity=0.3)
    plotter.view_yz()  # look from the side, like the app's lateral view
    plotter.reset_camera()
    t_scene = time.perf_counter()
    result = {"mode": "naive", "read_s": t_read - t0, "mesh_s": t_mesh - t_read, "scene_s": t_scene - t_mesh,
              "triangles": ({k: int(m.n_cells) for k, m in meshes.items()}
                            | {"cortex (brain mask)": int(cortex.n_cells)}),
              "orbits": {}}
    # keep pyvistaqt's 5 fps auto-update timer from rendering in between our frames
    plotter.render_timer.stop()
    for w, h in cfg["sizes"]:
        size = resize_view(app, win, plotter, w, h)
        plotter.reset_camera()
        result["orbits"][f"{w}x{h}"] = {"size": size, "frames": orbit(app, plotter, cfg["steps"]),
                                         "scene": scene_stats(plotter)}
    result["mem"] = probe.peak_rss_mb()
    probe.write(result, out)
    os._exit(0)


# --------------------------------------------------------------------------- scale
def run_scale(out: str, cfg: dict) -> None:
    import numpy as np
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from atlases.meshes.brain_model import BrainModel, load_brain_model
    from atlases.meshes.meshing import MeshParams, hemisphere_masks, mesh_mask
    from atlases.sources.registry import get_definition, make_source
    from viewer.scene.brain_scene import BrainScene
    from viewer.scene.themes import get_theme

    theme = get_theme("light")
    base = load_brain_model("desikan_killiany")  # warm cache: the cortex and the default regions
    definition = get_definition("desikan_killiany")
    volume = make_source("desikan_killiany").load()
    w, h = cfg.get("size", [1280, 800])
    win, plotter = make_host(app, w, h, auto_update=False)
    plotter.enable_anti_aliasing("fxaa")  # as BrainView does
    size = resize_view(app, win, plotter, w, h)
    result = {"mode": "scale", "size": size, "scenes": {}}

    def measure(name, build, n_mesh_s):
        plotter.clear_actors()
        t0 = time.perf_counter()
        build()
        plotter.view_yz()
        plotter.reset_camera()
        clock = FrameClock(plotter)
        n = clock.swaps
        plotter.render()
        clock.wait_swap(n)
        finish_frame(plotter.render_window)
        t_first = time.perf_counter() - t0
        clock.close()
        stats = scene_stats(plotter)
        result["scenes"][name] = {"mesh_s": n_mesh_s, "build_and_first_frame_s": t_first,
                                  "frames": orbit(app, plotter, cfg["steps"]), "scene": stats}

    # 1. the three regions with larger triangle budgets, shown by the app's BrainScene
    for budget in cfg.get("budgets", [12_000, 25_000, 50_000, 100_000, 0]):
        t0 = time.perf_counter()
        if budget == 12_000:
            regions = base.regions
        else:
            params = MeshParams(max_triangles=budget or 10 ** 9)
            regions = {}
            for region_id in definition.regions:
                ids = definition.label_ids(volume, region_id)
                regions[region_id] = {}
                for hemi, mask in hemisphere_masks(volume, ids).items():
                    mesh = mesh_mask(mask, volume.affine, params)
                    if mesh is not None:
                        regions[region_id][hemi] = mesh
        mesh_s = time.perf_counter() - t0
        model = BrainModel(base.atlas, regions, base.cortex, False)
        name = f"3 regions, {budget // 1000}k triangles/region/hemisphere" if budget else \
            "3 regions, full resolution (surface nets, no reduction)"
        measure(name, lambda m=model: BrainScene(plotter, m, theme), mesh_s)

    # 2. all 83 labels of the atlas, each meshed with the default MeshParams
    if cfg.get("all_labels", True):
        t0 = time.perf_counter()
        label_meshes = []
        for label in sorted(k for k in volume.labels if k != 0):
            mask = volume.data == label
            mesh = mesh_mask(mask, volume.affine, MeshParams())
            if mesh is not None:
                label_meshes.append((label, mesh))
        mesh_s = time.perf_counter() - t0
        palette = list(theme.regions.values())

        def build_all():
            from viewer.scene.themes import hex_to_rgb

            for mesh in base.cortex.values():  # as BrainScene._build
                actor = plotter.add_mesh(mesh.to_pyvista(), color=theme.cortex, opacity=theme.cortex_opacity,
                                         smooth_shading=True, specular=0.1, pickable=False, render=False,
                                         reset_camera=False)
                actor.GetProperty().SetBackfaceCulling(True)
            rng = np.random.default_rng(0)
            for label, mesh in label_meshes:
                color = palette[label % len(palette)] if rng.random() < 0.5 else \
                    tuple(float(c) for c in rng.uniform(0.2, 0.9, 3))
                plotter.add_mesh(mesh.to_pyvista(), color=color if isinstance(color, str) else color,
                                 smooth_shading=True, specular=0.25, specular_power=20, ambient=0.15,
                                 pickable=True, render=False, reset_camera=False)
            plotter.set_background(theme.background, top=theme.background_top)
            _ = hex_to_rgb

        measure(f"all {len(label_meshes)} Desikan-Killiany labels, 12k budget", build_all, mesh_s)
    result["mem"] = probe.peak_rss_mb()
    probe.write(result, out)
    os._exit(0)


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=("naive", "scale"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--config", required=True)
    args = ap.parse_args()
    with open(args.config) as fh:
        cfg = json.load(fh)
    {"naive": run_naive, "scale": run_scale}[args.mode](args.out, cfg)


if __name__ == "__main__":
    main()
