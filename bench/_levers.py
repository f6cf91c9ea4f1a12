"""Rendering levers: frame time of the live window with one change at a time (``--levers``).

Each lever is paired with the shipped settings in alternating blocks, so a busy
machine slows both alike. Used by ``bench/_probe_start.py``.
"""

from __future__ import annotations

from _window_tools import orbit, set_view_size


def decimated_cortex(scene, target_fraction: float):
    """Lever: swap the cortex meshes for quadric-clustered copies; returns an undo function."""
    import numpy as np
    import pyvista as pv
    from vtkmodules.vtkFiltersCore import vtkQuadricClustering

    old = {}
    for hemi, actor in scene._cortex.items():
        mapper = actor.GetMapper()
        mesh = pv.wrap(mapper.GetInput())
        old[hemi] = mesh
        bin_size = float(np.sqrt(1.0 / target_fraction)) * 1.0
        bounds = np.array(mesh.bounds).reshape(3, 2)
        # fsaverage5 edge length is ~3.5 mm: pick bins so that about target_fraction of the triangles remain
        div = np.maximum(np.ceil((bounds[:, 1] - bounds[:, 0]) / (3.2 * bin_size)), 2).astype(int)
        qc = vtkQuadricClustering()
        qc.SetInputData(mesh)
        qc.SetNumberOfDivisions(*div.tolist())
        qc.AutoAdjustNumberOfDivisionsOff()
        qc.Update()
        small = pv.wrap(qc.GetOutput()).clean().compute_normals(cell_normals=False, split_vertices=False)
        mapper.SetInputData(small)

    def undo():
        for hemi, actor in scene._cortex.items():
            actor.GetMapper().SetInputData(old[hemi])

    return undo


def run_levers(app, window, cfg: dict) -> dict:
    """Frame time of the real window's scene with one change at a time (3D view 1280x800).

    Each lever is measured *paired* with the shipped settings, in alternating
    blocks (shipped, lever, shipped, lever...; 3 timed frames per block after
    2 untimed ones), so that a busy machine slows both alike; the camera keeps
    turning 10 degrees a frame. The ratio lever / shipped is the number to read.
    Throw-away changes to the live scene, each undone afterwards.
    """
    view = window.brain_view
    p = view.plotter
    ren, rw = p.renderer, p.render_window
    scene = view.scene
    set_view_size(app, window, view, 1280, 800)
    view.reset_view()
    app.processEvents()
    rounds = max(2, cfg.get("lever_steps", 36) // 6)
    cortex = list(scene._cortex.values())

    def set_fxaa(on):
        ren.SetUseFXAA(on)

    def cortex_opacity(x):
        for a in cortex:
            a.GetProperty().SetOpacity(x)

    def cortex_visible(on):
        for a in cortex:
            a.SetVisibility(on)

    size = {}

    def half_on():
        size["wh"] = rw.GetSize()
        rw.SetSize(size["wh"][0] // 2, size["wh"][1] // 2)

    def half_off():
        rw.SetSize(*size["wh"])

    def peel(on):
        ren.SetUseDepthPeeling(on)
        ren.SetMaximumNumberOfPeels(4)
        ren.SetOcclusionRatio(0.0)

    dec = {}

    def all_actors(on):
        for a in dec.setdefault("actors", [a for a in ren.GetActors() if a.GetVisibility()]):
            a.SetVisibility(on)

    def seq(*fns):
        return lambda: [f() for f in fns]

    def full_mappers(on):
        for key, actor in scene._regions.items():
            actor.SetMapper(scene._mappers[key][0 if on else 1])

    def cull(on):
        for actor in scene._regions.values():
            actor.GetProperty().SetBackfaceCulling(on)

    shipped_lights = list(ren.GetLights())

    def light_kit(on):
        p.remove_all_lights()
        if on:
            p.enable_lightkit()
        else:
            for light in shipped_lights:
                p.add_light(light)

    levers = [
        ("FXAA off", lambda: set_fxaa(False), lambda: set_fxaa(True)),
        ("order-independent translucency (OIT) on, VTK's default (the app turns it off)",
         lambda: ren.SetUseOIT(True), lambda: ren.SetUseOIT(False)),
        ("cortex opaque", lambda: cortex_opacity(1.0), lambda: cortex_opacity(scene.state.cortex_opacity)),
        ("cortex hidden", lambda: cortex_visible(False), lambda: cortex_visible(True)),
        ("cortex decimated to ~1/4 of its triangles", lambda: dec.__setitem__("undo", decimated_cortex(scene, 0.25)),
         lambda: dec.pop("undo")()),
        ("depth peeling on (4 peels)", lambda: peel(True), lambda: peel(False)),
        ("motion frame: what the app draws while moving (no FXAA, no cortex, coarse regions)",
         view.begin_motion, view.end_motion),
        ("motion frame with the full-detail regions", seq(view.begin_motion, lambda: full_mappers(True)),
         seq(lambda: full_mappers(False), view.end_motion)),
        ("motion frame with the regions' back faces drawn (no culling)", seq(view.begin_motion, lambda: cull(False)),
         seq(lambda: cull(True), view.end_motion)),
        ("pyvista's five-light kit instead of the app's one headlight", lambda: light_kit(True),
         lambda: light_kit(False)),
        ("motion frame with pyvista's light kit", seq(view.begin_motion, lambda: light_kit(True)),
         seq(lambda: light_kit(False), view.end_motion)),
        ("FXAA off + half resolution", seq(lambda: set_fxaa(False), half_on), seq(half_off, lambda: set_fxaa(True))),
        ("empty scene (fixed cost: clear, FXAA, blit, window composition)", lambda: all_actors(False),
         lambda: all_actors(True)),
    ]
    out = {}
    for name, apply, undo in levers:
        base, lever, rpf_b, rpf_l = [], [], [], []
        for _ in range(rounds):
            r = orbit(app, p, 3, step_deg=10.0, interaction=False)
            base += r["frame"]
            rpf_b.append(r["renders_per_frame"])
            apply()
            try:
                r = orbit(app, p, 3, step_deg=10.0, interaction=False)
            finally:
                undo()
            lever += r["frame"]
            rpf_l.append(r["renders_per_frame"])
        out[name] = {"shipped": {"frame": base, "render": [0.0], "renders_per_frame": sum(rpf_b) / len(rpf_b)},
                     "lever": {"frame": lever, "render": [0.0], "renders_per_frame": sum(rpf_l) / len(rpf_l)}}
    return out
