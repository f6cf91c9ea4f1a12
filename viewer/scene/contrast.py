"""WCAG 2.x relative luminance and contrast ratio, and the app's contrast targets.

Pure Python (no Qt, no VTK), so the theme files can be checked without a
display. The formulas are those of WCAG 2.x ("relative luminance" and
"contrast ratio" in its glossary): sRGB channels are linearised, weighted
0.2126 R + 0.7152 G + 0.0722 B, and the ratio of the lighter to the darker
luminance, each plus 0.05, is the contrast (1 to 21).
"""

from __future__ import annotations

#: Normal text in every theme (WCAG 2.x AA).
MIN_TEXT_CONTRAST = 4.5
#: Text in the projector theme (WCAG 2.x AAA): a washed-out projector loses much of it.
PROJECTOR_TEXT_CONTRAST = 7.0
#: Themes held to the stricter target.
HIGH_CONTRAST_THEMES = frozenset({"projector"})


def _channels(color: str) -> tuple[float, float, float]:
    if len(color) != 7 or color[0] != "#":
        raise ValueError(f"{color!r} is not a colour like #RRGGBB")
    r, g, b = (int(color[i:i + 2], 16) / 255.0 for i in (1, 3, 5))
    return r, g, b


def relative_luminance(color: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour.

    Parameters
    ----------
    color : str
        ``"#RRGGBB"``.

    Returns
    -------
    float
        0 for black to 1 for white.
    """
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in _channels(color)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio between two colours, in either order (1 to 21).

    Parameters
    ----------
    a, b : str
        ``"#RRGGBB"`` colours.

    Returns
    -------
    float
    """
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def min_text_contrast(theme_id: str) -> float:
    """The contrast every text of a theme must reach against its background.

    Parameters
    ----------
    theme_id : str

    Returns
    -------
    float
        :data:`PROJECTOR_TEXT_CONTRAST` for the projector theme, else :data:`MIN_TEXT_CONTRAST`.
    """
    return PROJECTOR_TEXT_CONTRAST if theme_id in HIGH_CONTRAST_THEMES else MIN_TEXT_CONTRAST
