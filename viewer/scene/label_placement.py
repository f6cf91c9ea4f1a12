"""Where the region labels' boxes go in the 3D view: pure maths over projected points.

No Qt and no VTK: :func:`place_labels` takes the anchors' display positions,
the boxes' sizes, the view's size and the brain's horizontal extent (all in
display pixels, origin bottom-left as VTK has it) and returns, for each
label, its box and its leader line. The rules:

* a box goes beside the brain, level with its anchor, on the side nearer to
  its anchor if there is room for it there, else on the other side if there
  is room there, else on the side with more room (over the brain's edge);
* the boxes of one side are stacked without overlapping while they fit in
  the view's height, and are spread evenly over it when they do not;
* every box lies inside the view (a margin from its edges when there is
  room), so every leader line, from the anchor to the nearest point of the
  box's edge, does too. A label whose anchor is outside the view (the camera
  moved since it was anchored) or whose box is larger than the view is not
  placed: the caller hides it (and shortens names so that boxes fit).
* a box pushed over the brain (a narrow view) never hides its own anchor:
  it moves just above or below the anchor where that keeps it in the view
  and clear of the other boxes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle (display px): centre and size."""

    cx: float
    cy: float
    w: float
    h: float

    @property
    def left(self) -> float:
        return self.cx - self.w / 2

    @property
    def right(self) -> float:
        return self.cx + self.w / 2

    @property
    def bottom(self) -> float:
        return self.cy - self.h / 2

    @property
    def top(self) -> float:
        return self.cy + self.h / 2

    def inside(self, width: float, height: float, tol: float = 1e-6) -> bool:
        """True when the box lies within ``[0, width] x [0, height]``."""
        return (self.left >= -tol and self.bottom >= -tol and self.right <= width + tol
                and self.top <= height + tol)

    def overlaps(self, other: Box, tol: float = 1e-6) -> bool:
        return (self.left < other.right - tol and other.left < self.right - tol
                and self.bottom < other.top - tol and other.bottom < self.top - tol)


@dataclass(frozen=True)
class Placement:
    """A label's box, the side of the brain it is on (-1 left, 1 right) and its leader line."""

    box: Box
    side: int
    anchor: tuple[float, float]
    edge: tuple[float, float]   # where the leader line meets the box


def _finite(*values) -> bool:
    return all(math.isfinite(v) for v in values)


def _clamp(value: float, lo: float, hi: float) -> float:
    """``value`` within ``[lo, hi]`` (the middle of the range when it is empty)."""
    if lo > hi:
        return (lo + hi) / 2
    return min(max(value, lo), hi)


def leader_end(anchor, box: Box) -> tuple[float, float]:
    """Where the leader line from ``anchor`` meets ``box``: the middle of the facing side, or the nearest edge."""
    ax, ay = anchor
    if ax < box.left:
        return box.left, box.cy
    if ax > box.right:
        return box.right, box.cy
    return ax, (box.bottom if ay < box.cy else box.top)


def _stack(column: list, height: float, margin: float, spacing: float) -> dict:
    """Vertical centres for one side's boxes ``[(id, anchor_y, h), ...]`` (sorted top first)."""
    total = sum(h for _, _, h in column) + spacing * (len(column) - 1)
    if total > height - 2 * margin:   # they do not fit apart: spread them over the height
        margin = min(margin, max(0.0, (height - max(h for _, _, h in column)) / 2))
        if len(column) == 1:
            return {column[0][0]: height / 2}
        first, last = column[0][2], column[-1][2]
        top, bottom = height - margin - first / 2, margin + last / 2
        step = (top - bottom) / (len(column) - 1)
        return {rid: top - i * step for i, (rid, _, _) in enumerate(column)}
    ys, previous = {}, None
    for rid, anchor_y, h in column:   # level with the anchor, below the box above
        y = _clamp(anchor_y, margin + h / 2, height - margin - h / 2)
        if previous is not None:
            y = min(y, previous[0] - (previous[1] + h) / 2 - spacing)
        ys[rid] = y
        previous = (y, h)
    below = None
    for rid, _, h in reversed(column):   # then from the bottom up: boxes pushed off the bottom come back
        floor = margin + h / 2 if below is None else below[0] + (below[1] + h) / 2 + spacing
        ys[rid] = max(ys[rid], floor)
        below = (ys[rid], h)
    return ys


def place_labels(anchors: dict, sizes: dict, view: tuple[float, float], brain: tuple[float, float] | None,
                 font_px: float) -> dict[str, Placement]:
    """Boxes and leader lines for labels (display px, origin bottom-left).

    Parameters
    ----------
    anchors : dict of str to (x, y)
        Where each label points.
    sizes : dict of str to (w, h)
        Each box's size; labels without a size are not placed.
    view : (width, height)
        The view's size.
    brain : (left, right) or None
        The horizontal extent of the brain on screen, which the boxes keep
        clear of when there is room; None puts the boxes beside the middle.
    font_px : float
        The labels' text size: margins and gaps follow it.

    Returns
    -------
    dict of str to Placement
        Only labels whose anchor lies in the view and whose box fits the view.
    """
    width, height = (float(v) for v in view)
    if not _finite(width, height) or width <= 0 or height <= 0:
        return {}
    font_px = float(font_px) if _finite(float(font_px)) and font_px > 0 else 12.0
    margin = min(0.6 * font_px, width / 20, height / 20)
    gap, spacing = 1.4 * font_px, 0.4 * font_px
    if brain is not None and _finite(*brain):
        left, right = sorted(_clamp(float(b), 0.0, width) for b in brain)
    else:
        left = right = width / 2
    middle = (left + right) / 2
    room = {-1: left - gap - margin, 1: width - margin - right - gap}

    labels = {}
    for rid, anchor in anchors.items():
        if rid not in sizes:
            continue
        ax, ay = (float(v) for v in anchor)
        w, h = (float(v) for v in sizes[rid])
        if not _finite(ax, ay, w, h) or w < 0 or h < 0 or w > width or h > height:
            continue
        if not (0 <= ax <= width and 0 <= ay <= height):
            continue
        near = -1 if ax < middle else 1
        side = near if w <= room[near] else -near if w <= room[-near] else (near if room[near] >= room[-near]
                                                                           else -near)
        labels[rid] = (ax, ay, w, h, side)

    placements: dict[str, Placement] = {}
    for side in (-1, 1):
        column = sorted(((rid, ay, h) for rid, (_, ay, _, h, s) in labels.items() if s == side),
                        key=lambda c: (-c[1], c[0]))
        if not column:
            continue
        ys = _stack(column, height, margin, spacing)
        for rid, _, h in column:
            ax, ay, w, _, _ = labels[rid]
            pad = min(margin, (width - w) / 2)   # a box wider than the view minus its margins hugs the edges
            x = left - gap - w / 2 if side < 0 else right + gap + w / 2
            x = _clamp(x, pad + w / 2, width - pad - w / 2)
            y = _clamp(ys[rid], h / 2, height - h / 2)
            box = Box(x, y, w, h)
            placements[rid] = Placement(box, side, (ax, ay), leader_end((ax, ay), box))
    for rid, placement in list(placements.items()):   # once all boxes are placed: off their own anchors
        others = [p.box for other, p in placements.items() if other != rid]
        box = _clear_of_anchor(placement.box, placement.anchor, others, height, spacing)
        if box is not placement.box:
            placements[rid] = Placement(box, placement.side, placement.anchor, leader_end(placement.anchor, box))
    return placements


def _clear_of_anchor(box: Box, anchor: tuple[float, float], others: list[Box], height: float, gap: float) -> Box:
    """``box``, or ``box`` moved above or below ``anchor`` when it covers it (only to a free place in the view)."""
    ax, ay = anchor
    if not (box.left - gap <= ax <= box.right + gap and box.bottom - gap <= ay <= box.top + gap):
        return box
    for cy in sorted((ay + gap + box.h / 2, ay - gap - box.h / 2), key=lambda c: abs(c - box.cy)):
        moved = Box(box.cx, cy, box.w, box.h)
        if moved.inside(float("inf"), height) and not any(moved.overlaps(other) for other in others):
            return moved
    return box
