"""Where the main window goes on the screens there are: rectangle maths, without Qt.

Rectangles are ``(x, y, width, height)`` tuples in Qt's device-independent
pixels; frame margins are ``(left, top, right, bottom)``: what the window
manager adds around the window (title bar, borders). A *client* rectangle is
the window without its frame (``QWidget.geometry``); the window *fits* an
area when its client rectangle grown by the frame lies inside the area.

The rules (issue 17, "fit every screen"):

* a new window gets its preferred size, centred on the screen it opens on,
  when that fits with its frame; otherwise it is maximised;
* a saved window keeps its size on the screen it overlaps most, moved
  inside that screen's available area; a window that lies on no screen (the
  screen is gone) goes to the primary one; a saved size that no longer fits
  is maximised, and a saved size nobody could use (smaller than the minimum)
  is replaced by the preferred one.

:mod:`viewer.window.window_placement` applies the answer to a Qt window.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

Rect = tuple[int, int, int, int]
Margins = tuple[int, int, int, int]
Size = tuple[int, int]


class Placement(NamedTuple):
    """Where the window goes.

    ``rect`` is the client rectangle of the normal (not maximised) window;
    when ``maximise`` is true the window is maximised, and ``rect`` is what it
    comes back to when the user un-maximises it (the whole area, less the frame).
    """

    rect: Rect
    maximise: bool


def _margins(frame: Margins) -> Margins:
    """Frame margins below zero count as zero (a frame never makes a window smaller)."""
    return tuple(max(0, int(m)) for m in frame)


def usable_areas(areas: Sequence[Rect]) -> list[Rect]:
    """The areas that have room in them (a width and a height of at least one pixel)."""
    return [tuple(int(v) for v in a) for a in areas if a[2] > 0 and a[3] > 0]


def with_frame(client: Rect, frame: Margins) -> Rect:
    """The rectangle ``client`` takes on the screen together with its ``frame``."""
    left, top, right, bottom = _margins(frame)
    x, y, w, h = client
    return x - left, y - top, w + left + right, h + top + bottom


def contains(outer: Rect, inner: Rect) -> bool:
    """True when ``inner`` lies entirely inside ``outer``."""
    ox, oy, ow, oh = outer
    ix, iy, iw, ih = inner
    return ox <= ix and oy <= iy and ix + iw <= ox + ow and iy + ih <= oy + oh


def overlap(a: Rect, b: Rect) -> int:
    """The area (pixels) that ``a`` and ``b`` share."""
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0


def fits(size: Size, frame: Margins, area: Rect) -> bool:
    """True when a window of client ``size`` fits in ``area`` with its ``frame``."""
    left, top, right, bottom = _margins(frame)
    return size[0] + left + right <= area[2] and size[1] + top + bottom <= area[3]


def fill_area(frame: Margins, area: Rect) -> Rect:
    """The largest client rectangle whose frame fills ``area`` (at least 1 x 1)."""
    left, top, right, bottom = _margins(frame)
    x, y, w, h = area
    return x + left, y + top, max(1, w - left - right), max(1, h - top - bottom)


def centred(size: Size, frame: Margins, area: Rect) -> Rect:
    """The client rectangle of ``size`` whose frame is centred in ``area``."""
    left, top, right, bottom = _margins(frame)
    outer_w, outer_h = size[0] + left + right, size[1] + top + bottom
    return area[0] + (area[2] - outer_w) // 2 + left, area[1] + (area[3] - outer_h) // 2 + top, size[0], size[1]


def moved_inside(client: Rect, frame: Margins, area: Rect) -> Rect:
    """``client`` moved (not resized) the least distance that puts it and its frame inside ``area``.

    The window must fit (:func:`fits`); the top-left corner wins otherwise.
    """
    left, top, right, bottom = _margins(frame)
    x, y, w, h = client
    outer_x = min(max(x - left, area[0]), area[0] + area[2] - (w + left + right))
    outer_y = min(max(y - top, area[1]), area[1] + area[3] - (h + top + bottom))
    return max(outer_x, area[0]) + left, max(outer_y, area[1]) + top, w, h


def area_for(client: Rect, frame: Margins, areas: Sequence[Rect], primary: int = 0) -> Rect | None:
    """The area the window (with its frame) overlaps most; the primary one when it overlaps none.

    None when there is no usable area at all.
    """
    usable = usable_areas(areas)
    if not usable:
        return None
    outer = with_frame(client, frame)
    best = max(usable, key=lambda a: overlap(a, outer))
    if overlap(best, outer) > 0:
        return best
    return _home(areas, primary)


def _home(areas: Sequence[Rect], primary: int) -> Rect:
    """The primary area if it is usable, else the first usable one (there must be one)."""
    usable = usable_areas(areas)
    if 0 <= primary < len(areas) and tuple(areas[primary]) in usable:
        return tuple(areas[primary])
    return usable[0]


def place_new(preferred: Size, frame: Margins, area: Rect) -> Placement:
    """A window that has no saved place: ``preferred`` size centred in ``area`` if it fits, else maximised."""
    if area[2] <= 0 or area[3] <= 0:
        return Placement((area[0], area[1], max(1, preferred[0]), max(1, preferred[1])), True)
    if fits(preferred, frame, area):
        return Placement(centred(preferred, frame, area), False)
    return Placement(fill_area(frame, area), True)


def place_saved(saved: Rect | None, frame: Margins, areas: Sequence[Rect], preferred: Size,
                minimum: Size, primary: int = 0) -> Placement:
    """Where a window goes whose saved client rectangle is ``saved`` (None: nothing usable was saved).

    Parameters
    ----------
    saved : tuple of int, or None
        The saved normal geometry ``(x, y, width, height)``.
    frame : tuple of int
        The frame margins (an allowance when the window manager has not framed the window yet).
    areas : sequence of tuple of int
        Every screen's available area (without panels and docks).
    preferred : tuple of int
        The window's size when nothing usable was saved.
    minimum : tuple of int
        A saved size smaller than this is not used (a window nobody could find).
    primary : int
        Index of the primary screen in ``areas``: new windows and windows on a gone screen go there.

    Returns
    -------
    Placement
        Always inside one of ``areas`` (with the frame), or maximised; the
        preferred size when there is no usable area.
    """
    usable = usable_areas(areas)
    if not usable:
        return Placement((0, 0, max(1, preferred[0]), max(1, preferred[1])), False)
    home = _home(areas, primary)
    if saved is None or saved[2] < minimum[0] or saved[3] < minimum[1]:
        return place_new(preferred, frame, home)
    area = area_for(saved, frame, areas, primary)
    if not fits((saved[2], saved[3]), frame, area):
        return Placement(fill_area(frame, area), True)
    return Placement(moved_inside(saved, frame, area), False)
