"""How large the caption band's text is: the sizing rule, without Qt.

In lecture mode the text follows the height of the screen (the band's
parent) and the UI scale: :data:`LECTURE_CAPTION_PX` at a 1080 px tall screen
and 100 %, proportionally smaller on a 768 px projector. The band may take at
most :data:`LECTURE_MAX_SHARE` of the height (the rest is the brain). When
the step's text needs more, the sizes shrink step by step, down to the
legibility floor (:data:`LEGIBLE_CAPTION_PX` at 1080 px, proportionally less
on smaller screens, never under :data:`MIN_CAPTION_PX`); only a text too long
even then is shortened at a word boundary, with an ellipsis (the full text
stays in the band's tooltip and accessible description).

In the window the band is compact (:data:`CAPTION_PX` times the UI scale) and
may shrink back to the 100 % size.

The caller measures: :func:`fit_band` takes a ``measure(sizes, caption,
refs)`` callable that returns the height the band needs for those sizes and
texts at its current width (``math.inf`` when something does not fit across),
so this module stays free of Qt and is tested without a display.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

#: Caption text size (px at 100 % UI scale) in the window.
CAPTION_PX = 17
#: Caption text size (px at 100 % UI scale) in lecture mode on a screen :data:`REFERENCE_HEIGHT` tall.
LECTURE_CAPTION_PX = 32
#: The lecture legibility rule: at least this size (px) on a 1080 px tall screen...
LEGIBLE_CAPTION_PX = 28
#: ... the same share of a smaller screen's height, but never less than this (px).
MIN_CAPTION_PX = 14
REFERENCE_HEIGHT = 1080
#: Title, indicator and citation sizes relative to the caption.
TITLE_RATIO, SMALL_RATIO = 1.3, 0.875
#: Largest share of the available height the band takes, in lecture mode and in the window.
LECTURE_MAX_SHARE, WINDOW_MAX_SHARE = 0.38, 0.5
#: What a shortened text ends with.
ELLIPSIS = "…"


@dataclass(frozen=True)
class BandSizes:
    """Pixel sizes of the band's text and spacing."""

    caption: int
    title: int
    small: int
    pad: int

    def as_dict(self) -> dict[str, int]:
        return {"caption": self.caption, "title": self.title, "small": self.small, "pad": self.pad}


@dataclass(frozen=True)
class BandFit:
    """What :func:`fit_band` chose: the sizes and the texts to show (shortened only as a last resort)."""

    sizes: BandSizes
    caption: str
    refs: str
    height: float
    shortened: bool = False


def sizes_for_caption(caption_px: float, lecture: bool) -> BandSizes:
    """All sizes of the band for a caption size (px)."""
    c = max(1, round(caption_px))
    return BandSizes(caption=c, title=round(c * TITLE_RATIO), small=max(1, round(c * SMALL_RATIO)),
                     pad=max(2, round(c * (0.7 if lecture else 0.55))))


def _height(available_height) -> float:
    h = float(available_height) if available_height is not None else float(REFERENCE_HEIGHT)
    return h if math.isfinite(h) and h > 0 else float(REFERENCE_HEIGHT)


def caption_range(available_height, scale: float, lecture: bool) -> tuple[int, int]:
    """The preferred and the smallest caption size (px) for a height, a UI scale and a mode.

    Parameters
    ----------
    available_height : float or None
        Height (px) of what the band shares with the 3D view: the screen in
        lecture mode. None (not laid out yet) counts as 1080 px.
    scale : float
        UI scale (1.0 = 100 %).
    lecture : bool

    Returns
    -------
    preferred, floor : int
        ``floor <= preferred``; both at least 1.
    """
    scale = float(scale) if math.isfinite(scale) and scale > 0 else 1.0
    h = _height(available_height)
    if lecture:
        preferred = LECTURE_CAPTION_PX * scale * h / REFERENCE_HEIGHT
        floor = max(MIN_CAPTION_PX, LEGIBLE_CAPTION_PX * h / REFERENCE_HEIGHT)
    else:
        preferred = CAPTION_PX * scale
        floor = CAPTION_PX
    preferred = max(1, round(preferred))
    return preferred, max(1, min(preferred, round(floor)))


def band_sizes(scale: float, lecture: bool, available_height=None) -> dict[str, int]:
    """Preferred pixel sizes of the band's text for a UI scale, a mode and a height (see :func:`caption_range`)."""
    return sizes_for_caption(caption_range(available_height, scale, lecture)[0], lecture).as_dict()


def max_band_height(available_height, lecture: bool) -> float:
    """The most height (px) the band may take."""
    return (LECTURE_MAX_SHARE if lecture else WINDOW_MAX_SHARE) * _height(available_height)


def shorten(text: str, words: int) -> str:
    """The first ``words`` words of ``text`` followed by an ellipsis (``text`` itself if it has no more)."""
    parts = text.split()
    if words >= len(parts):
        return text
    return " ".join(parts[:max(0, words)]) + ELLIPSIS if words > 0 else ELLIPSIS


def _longest_prefix(text: str, fits: Callable[[str], bool]) -> str:
    """The longest :func:`shorten` of ``text`` that ``fits`` (binary search; ``fits`` is monotonic)."""
    lo, hi = 0, len(text.split())   # shorten(text, lo) is tried last if nothing longer fits
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(shorten(text, mid)):
            lo = mid
        else:
            hi = mid - 1
    return shorten(text, lo)


Measure = Callable[[BandSizes, str, str], float]


def fit_band(available_height, scale: float, lecture: bool, measure: Measure, caption: str,
             refs: str = "") -> BandFit:
    """The largest sizes (down to the floor) at which the step's text fits the band's share of the height.

    Parameters
    ----------
    available_height : float or None
        See :func:`caption_range`.
    scale : float
        UI scale.
    lecture : bool
    measure : callable
        ``measure(sizes, caption, refs)``: the height (px) the band needs for
        those sizes and texts at its width, ``math.inf`` if they do not fit
        across. Must not grow when the sizes or the texts get smaller.
    caption, refs : str
        The step's caption and its citation line.

    Returns
    -------
    BandFit
        The preferred sizes if the text fits there; else the largest smaller
        caption size that fits; else the floor, with the citations and then
        the caption shortened at a word boundary until they fit (a text that
        cannot fit even as a bare ellipsis is returned as that ellipsis).
    """
    limit = max_band_height(available_height, lecture)
    original = (caption, refs)
    measured: dict = {}

    def once(sizes, caption_, refs_):   # each candidate is measured once
        key = (sizes, caption_, refs_)
        if key not in measured:
            measured[key] = measure(sizes, caption_, refs_)
        return measured[key]

    preferred, floor = caption_range(available_height, scale, lecture)
    # sizes from large to small: the first that fits wins (binary search; measure is monotonic)
    lo, hi = floor, preferred
    if once(sizes_for_caption(preferred, lecture), caption, refs) <= limit:
        lo = preferred
    elif once(sizes_for_caption(floor, lecture), caption, refs) <= limit:
        while lo < hi - 1:   # lo fits, hi does not
            mid = (lo + hi) // 2
            if once(sizes_for_caption(mid, lecture), caption, refs) <= limit:
                lo = mid
            else:
                hi = mid
    else:
        sizes = sizes_for_caption(floor, lecture)
        refs = _longest_prefix(refs, lambda r: once(sizes, caption, r) <= limit) if refs else refs
        caption = _longest_prefix(caption, lambda c: once(sizes, c, refs) <= limit)
    sizes = sizes_for_caption(lo, lecture)
    return BandFit(sizes=sizes, caption=caption, refs=refs, height=once(sizes, caption, refs),
                   shortened=(caption, refs) != original)


#: Where a word too long for a whole line may be broken (zero-width space).
BREAK = "\u200b"


def break_long_words(text: str, fits) -> str:
    """``text`` with a break opportunity (:data:`BREAK`) inside every word too wide for a whole line.

    Parameters
    ----------
    text : str
    fits : callable
        ``fits(piece)``: whether a piece of a word fits on one line. A word
        that fits is left alone (it moves to the next line whole); one that
        does not is cut into the longest pieces that fit (a single character
        at least).

    Returns
    -------
    str
        ``text`` again once every :data:`BREAK` is removed.
    """
    words = []
    for word in text.split(" "):
        if not word or fits(word):
            words.append(word)
            continue
        pieces, piece = [], ""
        for ch in word:
            if piece and not fits(piece + ch):
                pieces.append(piece)
                piece = ""
            piece += ch
        words.append(BREAK.join(pieces + [piece]))
    return " ".join(words)
