#!/usr/bin/env python3
"""Render the app icon's PNGs from its hand-written SVG.

usage: python scripts/render-icons.py [--check]

Writes ``assets/icons/hicolor/<size>x<size>/brain-region-explorer.png`` for
every size in :data:`SIZES`, each drawn straight from the vector (no
down-scaling of a big bitmap), with Qt's SVG renderer. ``--check`` writes
nothing and exits 1 when a PNG is missing or differs from a fresh render.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "assets" / "icons"
SVG = ICONS / "brain-region-explorer.svg"
#: The sizes desktops ask for (freedesktop hicolor theme folders).
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int, icons: Path = ICONS) -> Path:
    """Where the PNG of one size lives (the hicolor theme's layout)."""
    return icons / "hicolor" / f"{size}x{size}" / "brain-region-explorer.png"


def render(size: int, svg: Path | None = None):
    """Render the SVG (by default :data:`SVG`) into a transparent ``size`` x ``size`` QImage."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a painter on an image needs no display
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    QGuiApplication.instance() or QGuiApplication([])
    svg = SVG if svg is None else svg
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG for Qt")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the PNGs are up to date")
    args = parser.parse_args(argv)
    from PySide6.QtGui import QImage

    stale = []
    for size in SIZES:
        image, path = render(size), png_path(size)
        if args.check:
            if not path.is_file() or QImage(str(path)).convertToFormat(image.format()) != image:
                stale.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        print(path.relative_to(ROOT))
    for path in stale:
        print(f"out of date: {path.relative_to(ROOT)} (run scripts/render-icons.py)", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
