"""Untrusted text for the export overlays: one bounded line, pixel-sized fonts, elision.

A region name or a caption may come from a stranger's content pack: it is cut
to a bounded length before it is measured, its control and format characters
(line breaks, bidirectional overrides) become spaces, and it is drawn with
``QPainter.drawText``, which never reads markup.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF


def plain_line(text: str, limit: int) -> str:
    """``text`` on one line: at most ``limit`` characters, control and format characters as spaces.

    Format characters (bidirectional overrides and isolates among them) would
    reorder what follows them; line breaks and tabs would break the box.
    """
    text = str(text)[:limit]
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text)
    return " ".join(cleaned.split())


def plain_paragraph(text: str, limit: int) -> str:
    """Like :func:`plain_line`, but the line breaks stay (as single newlines)."""
    lines = str(text)[:limit].splitlines()
    return "\n".join(filter(None, (plain_line(line, limit) for line in lines)))


def pixel_font(px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(px)))
    font.setBold(bold)
    return font


def elided(metrics: QFontMetricsF, text: str, width: float) -> str:
    if metrics.horizontalAdvance(text) <= width:
        return text
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, width))
