"""Count pixels of a colour in a rendered image, robust to shading and ghosting."""

from __future__ import annotations

import colorsys

import numpy as np


def hue_of(hex_or_rgb) -> float:
    """Hue (degrees) of ``"#RRGGBB"`` or an (r, g, b) tuple in 0..255."""
    if isinstance(hex_or_rgb, str):
        hex_or_rgb = tuple(int(hex_or_rgb[i:i + 2], 16) for i in (1, 3, 5))
    r, g, b = (c / 255.0 for c in hex_or_rgb)
    return colorsys.rgb_to_hsv(r, g, b)[0] * 360.0


def count_hue_pixels(image: np.ndarray, color, tolerance: float = 14.0, min_saturation: float = 0.2) -> int:
    """Pixels whose hue is within ``tolerance`` degrees of ``color``'s and that are saturated.

    Lighting changes brightness and a translucent grey cortex lowers
    saturation, but both keep the hue; grey background and cortex pixels have
    low saturation and are never counted.
    """
    rgb = image[..., :3].reshape(-1, 3).astype(float) / 255.0
    mx, mn = rgb.max(axis=1), rgb.min(axis=1)
    sat = np.where(mx > 0, (mx - mn) / np.maximum(mx, 1e-9), 0.0)
    delta = np.maximum(mx - mn, 1e-9)
    r, g, b = rgb.T
    hue = np.where(mx == r, ((g - b) / delta) % 6, np.where(mx == g, (b - r) / delta + 2, (r - g) / delta + 4)) * 60
    diff = np.abs((hue - hue_of(color) + 180) % 360 - 180)
    return int(((diff <= tolerance) & (sat >= min_saturation) & (mx > 0.15)).sum())
