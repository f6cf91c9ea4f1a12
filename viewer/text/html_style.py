"""Font sizes and readable colours for the side panel's HTML, per theme.

Pure Python (no Qt). Every text colour the HTML uses is computed here and is
at least :data:`MIN_CONTRAST` (WCAG AA) against the background it is drawn on,
and at least 7:1 (AAA) in the projector theme
(:func:`viewer.scene.contrast.min_text_contrast`).
"""

from __future__ import annotations

from dataclasses import dataclass

from viewer.scene.contrast import MIN_TEXT_CONTRAST, min_text_contrast
from viewer.scene.themes import Theme, contrast_ratio, is_dark, mix, muted

#: Body text size in px at UI scale 1.0.
BASE_FONT_PX = 15

#: Minimum WCAG contrast of any coloured text against its background.
MIN_CONTRAST = MIN_TEXT_CONTRAST

#: Hue per evidence strength on light and on dark backgrounds; :func:`html_style`
#: makes each readable on its own tinted badge background.
EVIDENCE_HUES = {
    "established": ("#2E7D32", "#7BD88F"),
    "human": ("#1565C0", "#8AB4F8"),
    "animal": ("#7B1FA2", "#D7A6F0"),
    "case": ("#8D6E00", "#F2CC60"),
    "hypothesis": ("#B35C00", "#FFB26B"),
    "disputed": ("#C62828", "#FF8A80"),
    "modelling": ("#546E7A", "#B0BEC5"),
}

_LINK_ON_LIGHT = "#0B5CAD"
_LINK_ON_DARK = "#7CC4FF"
_WARNING_HUE = "#E69F00"
#: The quiz's "Right!" and "Not right" words (each also has its symbol, ✓ or ✗): on light, on dark backgrounds.
_RIGHT_HUES = ("#2E7D32", "#7BD88F")
_WRONG_HUES = ("#C62828", "#FF8A80")


def readable(color: str, background: str, min_ratio: float = MIN_CONTRAST) -> str:
    """Move ``color`` toward black or white until it is readable on ``background``.

    Parameters
    ----------
    color, background : str
        ``"#RRGGBB"`` colours.
    min_ratio : float
        The WCAG contrast ratio to reach.

    Returns
    -------
    str
        ``color`` itself when it already contrasts enough, otherwise the
        closest mix toward white (dark background) or black (light one).
    """
    target = "#FFFFFF" if is_dark(background) else "#000000"
    for step in range(21):
        candidate = mix(color, target, step / 20)
        if contrast_ratio(candidate, background) >= min_ratio:
            return candidate
    return target


@dataclass(frozen=True)
class HtmlStyle:
    """Sizes (px) and colours of the HTML for one theme and UI scale."""

    base_px: int
    h1_px: int
    h2_px: int
    small_px: int
    background: str
    text: str
    muted: str
    link: str
    highlight: str
    warning_bg: str
    evidence: dict[str, tuple[str, str]]
    regions: dict[str, str]
    right: str = "#2E7D32"
    wrong: str = "#C62828"


def base_font_px(scale: float = 1.0) -> int:
    """Text size of the HTML pages in pixels at a UI scale (1.0 = 100 %)."""
    return round(BASE_FONT_PX * scale)


def html_style(theme: Theme, scale: float = 1.0) -> HtmlStyle:
    """Compute the sizes and readable colours for ``theme`` at ``scale``.

    Parameters
    ----------
    theme : Theme
        The colour theme; links, badges and tints follow its background's
        luminance (dark blue links on light backgrounds, light blue on dark).
    scale : float
        UI scale; the base font is ``round(BASE_FONT_PX * scale)`` px.

    Returns
    -------
    HtmlStyle
        Every text colour is at least :func:`~viewer.scene.contrast.min_text_contrast`
        against the theme background and against the highlight and warning tints drawn on it.
    """
    bg = theme.background
    dark = is_dark(bg)
    base = base_font_px(scale)
    accent = _LINK_ON_DARK if dark else _LINK_ON_LIGHT
    tint = 0.78 if dark else 0.86
    highlight, warning_bg = mix(accent, bg, tint), mix(_WARNING_HUE, bg, tint)

    target = min_text_contrast(theme.id)

    def on_all(color: str, *backgrounds: str) -> str:
        for background in (bg, highlight, warning_bg, *backgrounds):
            color = readable(color, background, target)
        return color

    evidence = {}
    for key, hues in EVIDENCE_HUES.items():
        badge_bg = mix(hues[dark], bg, tint)
        evidence[key] = (on_all(hues[dark], badge_bg), badge_bg)
    return HtmlStyle(
        base_px=base, h1_px=round(base * 1.6), h2_px=round(base * 1.2), small_px=round(base * 0.87),
        background=bg, text=on_all(theme.text), muted=on_all(muted(theme.text, bg)), link=on_all(accent),
        highlight=highlight, warning_bg=warning_bg, evidence=evidence,
        regions={k: on_all(v) for k, v in theme.regions.items()},
        right=on_all(_RIGHT_HUES[dark]), wrong=on_all(_WRONG_HUES[dark]),
    )
