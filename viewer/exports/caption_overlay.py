"""The caption band of an exported image: a title and a text, sized by the lecture band's rule."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from viewer.exports.overlay_text import elided, pixel_font, plain_line, plain_paragraph
from viewer.lecture.band_fit import LECTURE_MAX_SHARE, BandFit, BandSizes, break_long_words, fit_band
from viewer.scene.themes import Theme, mix

#: Longest title and caption drawn (characters); longer ones are cut before they are measured.
MAX_TITLE_CHARS, MAX_CAPTION_CHARS = 300, 3000


def fit_caption(rect: QRectF, title: str, text: str, image_height: float) -> tuple[BandFit, str]:
    """The sizes (and, as a last resort, the shortened text) at which a caption fills ``rect``.

    The lecture band's rule (:func:`~viewer.lecture.band_fit.fit_band`): text of
    the lecture size on a screen ``image_height`` pixels high (the image's
    shorter side: a portrait page's text follows its width), smaller down to
    the legibility floor, then shortened at a word boundary.

    Returns
    -------
    (BandFit, str)
        The fit, and the title as drawn (one line).
    """
    title = plain_line(title, MAX_TITLE_CHARS)
    text = plain_paragraph(text, MAX_CAPTION_CHARS)
    available = max(rect.height(), 1.0) / LECTURE_MAX_SHARE   # so that the band's share is the whole rect
    scale = max(image_height, 1.0) / available

    def measure(sizes: BandSizes, caption: str, _refs: str) -> float:
        inner = rect.width() - 2 * sizes.pad
        if inner <= 0:
            return math.inf
        title_h = QFontMetricsF(pixel_font(sizes.title, bold=True)).height() if title else 0.0
        metrics = QFontMetricsF(pixel_font(sizes.caption))
        body = _breakable(caption, metrics, inner)
        body_h = metrics.boundingRect(QRectF(0, 0, inner, 1e7), int(Qt.TextFlag.TextWordWrap), body).height() \
            if caption else 0.0
        return 1.6 * sizes.pad + title_h + (0.45 * sizes.pad if title and caption else 0.0) + body_h

    return fit_band(available, scale, True, measure, text), title


def _breakable(text: str, metrics: QFontMetricsF, width: float) -> str:
    return "\n".join(break_long_words(line, lambda piece: metrics.horizontalAdvance(piece) <= width)
                     for line in text.split("\n"))


def paint_caption(painter: QPainter, rect: QRectF, title: str, text: str, theme: Theme) -> BandFit:
    """Paint a caption band: the title in bold on one line, the text wrapped below it.

    Parameters
    ----------
    painter : QPainter
    rect : QRectF
        The band (see :func:`export_layout`).
    title, text : str
        Untrusted plain text; the text is shortened with "…" only when even
        the smallest legible size cannot hold it.
    theme : Theme

    Returns
    -------
    BandFit
        The sizes and the text drawn.
    """
    device = painter.device()
    fit, title = fit_caption(rect, title, text, min(device.width(), device.height()))
    sizes = fit.sizes
    background = theme.background   # the lecture band's
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setClipRect(rect)
    painter.fillRect(rect, QColor(background))
    painter.fillRect(QRectF(rect.left(), rect.top(), rect.width(), max(1, sizes.pad // 8)),
                     QColor(mix(background, theme.text, 0.25)))
    inner = QRectF(rect.left() + sizes.pad, rect.top() + 0.8 * sizes.pad, rect.width() - 2 * sizes.pad,
                   rect.height() - 1.6 * sizes.pad)
    painter.setPen(QColor(theme.text))
    y = inner.top()
    if title:
        font = pixel_font(sizes.title, bold=True)
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        painter.drawText(QRectF(inner.left(), y, inner.width(), metrics.height()),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine),
                         elided(metrics, title, inner.width()))
        y += metrics.height() + 0.45 * sizes.pad
    if fit.caption:
        font = pixel_font(sizes.caption)
        painter.setFont(font)
        body = _breakable(fit.caption, QFontMetricsF(font), inner.width())
        painter.drawText(QRectF(inner.left(), y, inner.width(), max(0.0, inner.bottom() - y)),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextDontClip), body)
    painter.restore()
    return fit
