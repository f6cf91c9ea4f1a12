"""Region labels in the 3D view: a name box with a leader line to the region.

:class:`RegionLabels` (VTK only, no Qt) draws, for each visible region, a
dot on the region's visible surface, a leader line and a framed name box in
the region's colour, as 2D overlays (always readable, never hidden by the
cortex). The boxes sit beside the brain on the side of their region and are
re-placed before every render (a few projections, well under a millisecond),
so they follow the camera while it orbits. The anchor points themselves are
found by picking (:meth:`BrainScene.visible_point`), which costs a few
milliseconds, so they are only recomputed when the camera has come to rest or
what is shown changes.

No Qt here: :class:`viewer.window.region_labels_sync.RegionLabelsSync` binds the labels to the
app state and the brain view.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.scene.camera_views import display_scale, project_points
from viewer.scene.label_placement import Placement, place_labels
from viewer.scene.themes import Theme, hex_to_rgb, is_dark, mix
from viewer.scene.vtk_text import set_vtk_text

#: A label's anchor has this much (pixels) of its region visible all around it.
ANCHOR_PATCH_PX = 6
#: A box is at most this share of the view's width: wider names are drawn smaller, then shortened.
MAX_BOX_SHARE = 0.42
#: The smallest label text a narrow view makes: this share of the size asked for, and this many display px.
MIN_FONT_SHARE, MIN_FONT_PX = 0.75, 11


@dataclass(frozen=True)
class LabelStyle:
    """Sizes (display pixels) and colours of the labels."""

    font_px: int
    text: str
    fill: str
    ring: str

    @property
    def pad(self) -> float:
        return 0.45 * self.font_px

    @property
    def line_width(self) -> float:
        return max(2.0, self.font_px / 9)

    @property
    def dot_radius(self) -> float:
        return max(4.0, self.font_px / 4)

    @classmethod
    def for_theme(cls, theme: Theme, font_px: int) -> LabelStyle:
        return cls(font_px=font_px, text=theme.text, fill=mix(theme.background, theme.text, 0.06), ring=theme.text)


def _poly_actor(layer: int):
    """An empty 2D polydata actor (points in display pixels)."""
    from vtkmodules.vtkCommonCore import vtkPoints
    from vtkmodules.vtkCommonDataModel import vtkPolyData
    from vtkmodules.vtkRenderingCore import vtkActor2D, vtkPolyDataMapper2D

    poly = vtkPolyData()
    poly.SetPoints(vtkPoints())
    mapper = vtkPolyDataMapper2D()
    mapper.SetInputData(poly)
    actor = vtkActor2D()
    actor.SetMapper(mapper)
    actor.SetLayerNumber(layer)
    actor.PickableOff()
    return actor, poly


def _set_shape(poly, points, kind: str) -> None:
    """Make ``poly`` one ``"polygon"``, closed ``"loop"`` or open ``"line"`` through ``points`` (N x 2)."""
    from vtkmodules.util.numpy_support import numpy_to_vtk
    from vtkmodules.vtkCommonDataModel import vtkCellArray

    pts = np.zeros((len(points), 3))
    pts[:, :2] = points
    poly.GetPoints().SetData(numpy_to_vtk(pts, deep=True))
    ids = list(range(len(points))) + ([0] if kind == "loop" else [])
    cells = vtkCellArray()
    cells.InsertNextCell(len(ids), ids)
    if kind == "polygon":
        poly.SetPolys(cells)
    else:
        poly.SetLines(cells)
    poly.Modified()


def _circle(center, radius: float, n: int = 20) -> np.ndarray:
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    return np.column_stack([center[0] + radius * np.cos(t), center[1] + radius * np.sin(t)])


class _Callout:
    """The actors of one label: box fill, box frame, leader line, anchor dot, dot ring, text."""

    def __init__(self, renderer, text: str, color: str):
        from vtkmodules.vtkRenderingCore import vtkTextActor

        self.name = text
        self.shown_name = text
        self.color = color
        self.parts = {}
        for layer, name in enumerate(("leader", "fill", "frame", "ring", "dot")):
            self.parts[name] = _poly_actor(layer)
            renderer.AddViewProp(self.parts[name][0])
        self.text = vtkTextActor()
        set_vtk_text(self.text, text)   # a pack's region name: never MathText
        self.text.SetLayerNumber(5)
        self.text.PickableOff()
        renderer.AddViewProp(self.text)
        self.size = (0.0, 0.0)

    def actors(self):
        return [a for a, _ in self.parts.values()] + [self.text]

    def style(self, style: LabelStyle, renderer, emphasised: bool = False) -> None:
        """Size and colour the label; the emphasised region's box is filled with its colour."""
        fill, text = style.fill, style.text
        if emphasised:
            fill = self.color
            text = "#FFFFFF" if is_dark(fill) else "#000000"
        prop = self.text.GetTextProperty()
        # VTK scales text by the render window's DPI (pyvistaqt sets 72 x the device pixel ratio): the
        # size is in display pixels, so it is given in points at that DPI (not twice the size on HiDPI)
        prop.SetFontSize(max(1, round(style.font_px / display_scale(renderer.GetRenderWindow()))))
        prop.SetBold(True)
        prop.SetColor(hex_to_rgb(text))
        prop.SetJustificationToCentered()
        prop.SetVerticalJustificationToCentered()
        self.size = self.measure(renderer, style)
        colors = {"fill": fill, "frame": self.color, "leader": self.color, "ring": style.ring,
                  "dot": self.color}
        for name, (actor, _) in self.parts.items():
            p = actor.GetProperty()
            p.SetColor(hex_to_rgb(colors[name]))
            p.SetOpacity(0.88 if name == "fill" and not emphasised else 1.0)
            p.SetLineWidth(style.line_width * (1.3 if name == "frame" else 1.0))

    def measure(self, renderer, style: LabelStyle) -> tuple[float, float]:
        """The box's size (display px) for the name shown now, at the text size set."""
        bbox = [0.0] * 4
        self.text.GetBoundingBox(renderer, bbox)
        return bbox[1] - bbox[0] + 2 * style.pad, max(bbox[3] - bbox[2], style.font_px) + 1.3 * style.pad

    def show_name(self, name: str) -> None:
        if name != self.shown_name:
            self.shown_name = name
            set_vtk_text(self.text, name)

    def shorten_to(self, renderer, style: LabelStyle, max_width: float) -> None:
        """Show the name, or its longest beginning + "…" whose box is at most ``max_width`` wide."""
        self.show_name(self.name)
        self.size = self.measure(renderer, style)
        if self.size[0] <= max_width:
            return
        lo, hi = 0, len(self.name) - 1   # the longest prefix that fits (at least "…")
        while lo < hi:
            mid = (lo + hi + 1) // 2
            self.show_name(self.name[:mid].rstrip() + "…")
            if self.measure(renderer, style)[0] <= max_width:
                lo = mid
            else:
                hi = mid - 1
        self.show_name(self.name[:lo].rstrip() + "…")
        self.size = self.measure(renderer, style)

    def place(self, placement: Placement, style: LabelStyle) -> None:
        box, anchor = placement.box, placement.anchor
        corners = np.array([[box.left, box.bottom], [box.right, box.bottom], [box.right, box.top],
                            [box.left, box.top]])
        _set_shape(self.parts["fill"][1], corners, "polygon")
        _set_shape(self.parts["frame"][1], corners, "loop")
        _set_shape(self.parts["leader"][1], np.array([anchor, placement.edge]), "line")
        _set_shape(self.parts["ring"][1], _circle(anchor, style.dot_radius + style.line_width), "polygon")
        _set_shape(self.parts["dot"][1], _circle(anchor, style.dot_radius), "polygon")
        self.text.SetDisplayPosition(int(round(box.cx)), int(round(box.cy)))

    def set_visible(self, on: bool) -> None:
        for actor in self.actors():
            actor.SetVisibility(on)


class RegionLabels:
    """Callout labels for regions on one VTK renderer (no Qt).

    Parameters
    ----------
    renderer : vtkRenderer
        The renderer the labels are drawn on (as 2D overlays).
    """

    def __init__(self, renderer):
        self.renderer = renderer
        self._callouts: dict[str, _Callout] = {}
        self._anchors: dict[str, np.ndarray] = {}
        self._frame = np.zeros((0, 3))
        self._theme: Theme | None = None
        self._font_px = 0
        self._style: LabelStyle | None = None   # as drawn: the text may be smaller in a narrow view
        self._fitted_width = None   # the view width the names were sized for
        self._emphasised: str | None = None
        self._visible = False
        self._placements: dict[str, Placement] = {}
        self._tag = renderer.AddObserver("StartEvent", lambda *_: self._layout())

    # configuration ----------------------------------------------------------
    def set_regions(self, names: dict[str, str], theme: Theme, font_px: int) -> None:
        """Create (or restyle) one label per region, in the theme's colours, with text of ``font_px`` at most."""
        for region_id, name in names.items():
            if region_id not in self._callouts:
                self._callouts[region_id] = _Callout(self.renderer, name, theme.regions[region_id])
        self._theme, self._font_px = theme, font_px
        for region_id, callout in self._callouts.items():
            callout.color = theme.regions[region_id]
        self._fit_to_view()
        self._apply_visibility()

    def set_emphasis(self, region_id: str | None) -> None:
        """Fill the label of ``region_id`` (the selected region) with its colour."""
        self._emphasised = region_id
        self._restyle()

    def _restyle(self) -> None:
        if self._style is not None:
            for region_id, callout in self._callouts.items():
                callout.style(self._style, self.renderer, emphasised=region_id == self._emphasised)

    def _fit_to_view(self) -> None:
        """Size the labels for the view's width: a box wider than its share is drawn smaller, then shortened."""
        if self._theme is None:
            return
        width = self.renderer.GetSize()[0]
        self._fitted_width = width
        style = LabelStyle.for_theme(self._theme, self._font_px)
        for callout in self._callouts.values():
            callout.show_name(callout.name)
        self._style = style
        self._restyle()
        if width <= 0 or not self._callouts:
            return
        max_width = MAX_BOX_SHARE * width
        widest = max(c.size[0] for c in self._callouts.values())
        if widest > max_width:
            # smaller, but not much: a name still too wide is shortened rather than made illegible
            font = max(MIN_FONT_PX, round(MIN_FONT_SHARE * style.font_px), int(style.font_px * max_width / widest))
            if font < style.font_px:
                self._style = LabelStyle.for_theme(self._theme, font)
                self._restyle()
            for callout in self._callouts.values():
                callout.shorten_to(self.renderer, self._style, max_width)

    def set_anchors(self, anchors: dict, frame_points) -> None:
        """Where each label points (mm; regions missing get no label) and what the boxes keep clear of.

        Parameters
        ----------
        anchors : dict of str to array-like (3,)
        frame_points : array-like, shape (N, 3)
            Points of the brain (e.g. a sample of its surface): the boxes go
            beside their projection, each on the side nearer to its anchor.
        """
        self._anchors = {r: np.asarray(p, dtype=float) for r, p in anchors.items() if p is not None}
        self._frame = np.asarray(frame_points, dtype=float).reshape(-1, 3)
        self._apply_visibility()

    def set_visible(self, on: bool) -> None:
        self._visible = bool(on)
        self._apply_visibility()

    @property
    def shown(self) -> list[str]:
        """Ids of the regions whose label is drawn."""
        return [r for r, c in self._callouts.items() if c.text.GetVisibility()]

    @property
    def font_px(self) -> int:
        """The labels' text size as drawn (display px; smaller than asked for in a narrow view)."""
        return self._style.font_px if self._style is not None else 0

    def placements(self) -> dict[str, Placement]:
        """Where the drawn labels went at the last render (display px, origin bottom-left)."""
        return {r: p for r, p in self._placements.items() if self._callouts[r].text.GetVisibility()}

    def shown_name(self, region_id: str) -> str:
        """The name on a region's label (shortened with "…" when the view is too narrow for it)."""
        return self._callouts[region_id].shown_name

    def close(self) -> None:
        """Remove the labels from the renderer."""
        self.renderer.RemoveObserver(self._tag)
        for callout in self._callouts.values():
            for actor in callout.actors():
                self.renderer.RemoveViewProp(actor)
        self._callouts.clear()

    # layout -----------------------------------------------------------------
    def _wanted(self) -> list[str]:
        if not self._visible or self._style is None:
            return []
        return [r for r in self._callouts if r in self._anchors]

    def _apply_visibility(self) -> None:
        wanted = set(self._wanted())
        for region_id, callout in self._callouts.items():
            callout.set_visible(region_id in wanted)

    def _layout(self) -> None:
        """Place every shown box beside the brain, level with its anchor, inside the view."""
        wanted = self._wanted()
        if not wanted:
            self._placements = {}
            return
        width, height = self.renderer.GetSize()
        if width != self._fitted_width:
            self._fit_to_view()
        style = self._style
        assert style is not None  # there is nothing to place without one (_wanted)
        anchors = dict(zip(wanted, project_points(self.renderer, [self._anchors[r] for r in wanted]), strict=True))
        brain = None
        if len(self._frame):
            frame = project_points(self.renderer, self._frame)
            brain = (float(frame[:, 0].min()), float(frame[:, 0].max()))
        self._placements = place_labels(anchors, {r: self._callouts[r].size for r in wanted}, (width, height),
                                        brain, style.font_px)
        for r in wanted:   # a label whose anchor left the view (the camera moved) waits for its new anchor
            callout = self._callouts[r]
            callout.set_visible(r in self._placements)
            if r in self._placements:
                callout.place(self._placements[r], style)


def region_anchors(scene) -> dict[str, np.ndarray]:
    """A point on the visible surface of every region that can be seen now (mm).

    Uses :meth:`BrainScene.visible_point` (a display position whose pick hits
    the region, with a patch of the region around it, so a region seen only
    through a sliver gets no label) and the picked surface point under it.
    """
    anchors = {}
    for region_id in scene.region_ids:
        xy = scene.visible_point(region_id, max_tries=80, patch=ANCHOR_PATCH_PX)
        if xy is not None:
            point = scene.surface_point(*xy)
            anchors[region_id] = point if point is not None else scene.region_center(region_id)
    return anchors


def brain_frame(scene, n: int = 3000) -> np.ndarray:
    """About ``n`` vertices of the visible cortex (mm): what the label boxes keep clear of."""
    pts = np.concatenate([scene.model.cortex[h].points for h in scene.state.hemispheres])
    return pts[:: max(1, len(pts) // n)].astype(float)
