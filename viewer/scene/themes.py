"""Colour themes, read from ``assets/themes/*.toml``.

Pure Python (no Qt, no VTK): colours as hex strings and small helpers to mix
them, tested without a display.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from atlases.errors import UnknownNameError
from atlases.files.toml_reader import Fields, read_toml
from atlases.sources.definitions import REGION_IDS
from atlases.translation_marks import QT_TRANSLATE_NOOP
from viewer.scene.contrast import contrast_ratio as contrast_ratio  # re-exported; the formula lives there

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}\Z")
DEFAULT_THEME = "light"


@dataclass(frozen=True)
class Theme:
    """Colours of the scene and the panel."""

    id: str
    name: str
    background: str
    background_top: str
    text: str
    cortex: str
    cortex_opacity: float
    dimmed_mix: float
    outline: str
    outline_width: float
    regions: dict[str, str]

    def dimmed(self, region_id: str) -> str:
        """A region's colour moved toward the cortex colour (not emphasised)."""
        return mix(self.regions[region_id], self.cortex, self.dimmed_mix)


def hex_to_rgb(color: str) -> tuple[float, float, float]:
    """``"#RRGGBB"`` to floats in 0..1."""
    r, g, b = (int(color[i:i + 2], 16) / 255.0 for i in (1, 3, 5))
    return r, g, b


def rgb_to_hex(rgb) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in rgb)


def mix(a: str, b: str, t: float) -> str:
    """Linear mix of two hex colours: ``t=0`` gives ``a``, ``t=1`` gives ``b``."""
    ra, rb = hex_to_rgb(a), hex_to_rgb(b)
    return rgb_to_hex([x + (y - x) * t for x, y in zip(ra, rb, strict=True)])


def muted(text: str, background: str) -> str:
    """The colour of secondary text (abbreviations, references): text 30 % of the way to the background."""
    return mix(text, background, 0.3)


def is_dark(color: str) -> bool:
    """True when white text reads better on ``color`` than black text."""
    return contrast_ratio(color, "#FFFFFF") > contrast_ratio(color, "#000000")


def load_theme(path: str | Path) -> Theme:
    """Read and validate one theme file."""
    path = Path(path)
    f = Fields(read_toml(path), path)
    colors = ("background", "background_top", "text", "cortex", "outline")
    f.unknown_keys({"id", "name", *colors, "cortex_opacity", "dimmed_mix", "outline_width", "regions"})
    values = {}
    for key in colors:
        values[key] = f.str(key)
        if not _HEX.match(values[key]):
            raise f.error(key, f"{values[key]!r} is not a colour like #RRGGBB")
    regions_f = f.table("regions")
    regions_f.unknown_keys(REGION_IDS)
    regions = {}
    for r in REGION_IDS:
        regions[r] = regions_f.str(r)
        if not _HEX.match(regions[r]):
            raise regions_f.error(r, f"{regions[r]!r} is not a colour like #RRGGBB")
    return Theme(id=f.str("id"), name=f.str("name"), cortex_opacity=f.number("cortex_opacity", lo=0, hi=1),
                 dimmed_mix=f.number("dimmed_mix", lo=0, hi=1),
                 outline_width=f.number("outline_width", lo=0, hi=20), regions=regions, **values)


#: The built-in themes' names (``name`` in assets/themes/*.toml), marked for lupdate: the window
#: shows a theme's name translated in the "Themes" context (a test checks every theme is here).
THEME_NAMES = (
    QT_TRANSLATE_NOOP("Themes", "Light"),
    QT_TRANSLATE_NOOP("Themes", "Dark"),
    QT_TRANSLATE_NOOP("Themes", "Projector (high contrast)"),
)


@cache
def themes() -> dict[str, Theme]:
    """All built-in themes by id."""
    from atlases.resources import list_assets

    return {t.id: t for t in map(load_theme, list_assets("themes"))}


def get_theme(theme_id: str) -> Theme:
    """Return one built-in theme, failing loudly on an unknown id."""
    all_themes = themes()
    if theme_id not in all_themes:
        raise UnknownNameError("theme", theme_id, all_themes)
    return all_themes[theme_id]
