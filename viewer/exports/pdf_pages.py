"""Lay out a PDF page by page with ``QPdfWriter``: flowing HTML, pictures and vector drawings.

:class:`PdfPages` writes into memory (a ``QBuffer``), so the caller can write the finished bytes
atomically (:func:`atlases.files.output_files.write_whole`). It keeps a cursor (the next free height on
the page, in device pixels at :data:`DPI`):

* :meth:`PdfPages.html` flows a ``QTextDocument`` from the cursor over as many pages as it needs; the
  document is laid out on the writer (``documentLayout().setPaintDevice``), so its pixel sizes are the
  writer's device pixels and its text is real, selectable text; Qt's pagination keeps lines whole.
* :meth:`PdfPages.image` places a picture (a numpy RGB array) scaled to a box, aspect kept.
* :meth:`PdfPages.drawing` gives a box to a callable that paints vectors there (a mechanism diagram).
* :meth:`PdfPages.need` starts a new page when less than a height is left (to keep a block together).

Each page gets a footer (a line of plain text) and its number.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from viewer.text.handout_html import BASE_PT

#: The writer's resolution: the unit of every length here.
DPI = 300

#: Page margins, millimetres (left, top, right, bottom); the footer sits in the bottom margin.
MARGINS_MM = (18.0, 16.0, 18.0, 18.0)
#: Paper names (as the CLI spells them) to Qt's page sizes.
PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
#: The most pages a handout may have (a hostile pack's giant texts must not fill the disk).
MAX_PAGES = 400


_EDGE = 0.5


class PageLimitError(ValueError):
    """The document would need more than :data:`MAX_PAGES` pages."""


def mm(value: float) -> float:
    """Millimetres in device pixels."""
    return value / 25.4 * DPI


def print_font(pt: float) -> QFont:
    """The system's general font family at ``pt`` points of the PDF (not the app's font, which a window sets)."""
    font = QFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family())
    font.setPixelSize(max(1, round(pt * DPI / 72)))
    return font


def _line_blocks(doc: QTextDocument) -> list[tuple[float, float]]:
    """Where ``doc`` may not be cut: its laid-out lines (table cells included) as (top, bottom) in document
    pixels, overlapping ones merged (the lines of a table row's cells), sorted."""
    layout = doc.documentLayout()
    spans = []
    block = doc.begin()
    while block.isValid():
        text_layout = block.layout()
        top = layout.blockBoundingRect(block).top()
        for index in range(text_layout.lineCount()):
            line = text_layout.lineAt(index)
            spans.append((top + line.y(), top + line.y() + line.height()))
        block = block.next()
    merged: list[list[float]] = []
    for top, bottom in sorted(spans):
        if merged and top < merged[-1][1] - 0.5:
            merged[-1][1] = max(merged[-1][1], bottom)
        else:
            merged.append([top, bottom])
    return [(top, bottom) for top, bottom in merged]


def _cut(blocks: list[tuple[float, float]], start: float, limit: float) -> tuple[float, float]:
    """Where to cut a document shown from ``start`` on a page ``limit - start`` high.

    Returns ``(end, resume)``: the page shows up to ``end``, the bottom of the last whole line above
    ``limit``; the next page resumes at ``resume``, the next line's top (the space between is dropped).
    ``(start, start)`` when no line ends in (start, limit].
    """
    ends = [bottom for _, bottom in blocks]
    index = bisect.bisect_right(ends, limit) - 1
    if index >= 0 and ends[index] > start:
        resume = blocks[index + 1][0] if index + 1 < len(blocks) else ends[index]
        return ends[index], max(ends[index], resume)
    return start, start


class PdfPages:
    """A PDF being written page by page into memory.

    Parameters
    ----------
    paper : str
        A key of :data:`PAPERS`.
    title, creator : str
        The document's metadata.
    footer : str
        Plain text at the bottom left of every page (the page number is at the right).
    """

    def __init__(self, paper: str, title: str, creator: str, footer: str = ""):
        if paper not in PAPERS:
            raise ValueError(f"unknown paper {paper!r}; use one of {', '.join(PAPERS)}")
        self._buffer = QBuffer()
        self._buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.writer = QPdfWriter(self._buffer)
        self.writer.setResolution(DPI)
        self.writer.setTitle(title)
        self.writer.setCreator(creator)
        self.writer.setPageSize(QPageSize(PAPERS[paper]))
        self.writer.setPageMargins(QMarginsF(*MARGINS_MM), QPageLayout.Unit.Millimeter)
        area = self.writer.pageLayout().paintRectPixels(DPI)
        self.width, self.height = float(area.width()), float(area.height())
        self.footer = footer
        self.painter = QPainter()
        if not self.painter.begin(self.writer):
            raise OSError("cannot start the PDF writer")
        self.pages = 1
        self.y = 0.0

    # the cursor ---------------------------------------------------------------------------
    @property
    def left(self) -> float:
        """The height still free on this page."""
        return self.height - self.y

    def new_page(self) -> None:
        """Finish this page (its footer) and start the next, cursor at the top."""
        if self.pages >= MAX_PAGES:
            raise PageLimitError(f"the handout would be longer than {MAX_PAGES} pages")
        self._footer()
        self.writer.newPage()
        self.pages += 1
        self.y = 0.0

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` is free (or the page is still empty)."""
        if self.y > 0 and self.left < height:
            self.new_page()

    def skip(self, height: float) -> None:
        """Leave ``height`` empty (not past the page's end)."""
        self.y = min(self.height, self.y + height)

    # content ------------------------------------------------------------------------------
    def document(self, html: str, width: float | None = None) -> QTextDocument:
        """``html`` laid out on the writer at ``width`` (the page's by default)."""
        doc = QTextDocument()
        # the same page whatever font the app has set (a window's text size would otherwise shrink
        # or grow the handout made in its process): the system's family, at the body size
        doc.setDefaultFont(print_font(BASE_PT))
        doc.documentLayout().setPaintDevice(self.writer)
        doc.setDocumentMargin(0)
        doc.setHtml(html)
        doc.setTextWidth(width or self.width)
        return doc

    def html(self, html: str) -> None:
        """Flow ``html`` from the cursor, over new pages as needed; the cursor ends below it.

        The document is laid out once, unpaginated, and cut between lines: a cut never crosses a line
        of any block (a table row's cells are cut together).
        """
        doc = self.document(html)
        total = doc.size().height()
        blocks = _line_blocks(doc)
        start = 0.0
        while total - start > self.left:
            end, resume = _cut(blocks, start, start + self.left)
            if end <= start and self.y > 0:   # nothing fits below the cursor: start on a fresh page
                self.new_page()
                continue
            if end <= start:                  # a line taller than a page: cut through it
                end = resume = start + self.left
            self._draw(doc, start, self.y, end - start)
            start = resume
            self.new_page()
        self._draw(doc, start, self.y, total - start)
        self.y += total - start

    def _draw(self, doc: QTextDocument, source_top: float, target_top: float, height: float) -> None:
        """Draw the document's band from ``source_top``, ``height`` high, at ``target_top`` on the page."""
        p = self.painter
        p.save()
        p.translate(0, target_top - source_top)
        # Half a device pixel in from each edge: Qt draws every line the clip touches (into the PDF's
        # text too, clipped or not), so a line that only touches the band must stay out of it.
        doc.drawContents(p, QRectF(0, source_top + _EDGE, self.width, max(0.0, height - 2 * _EDGE)))
        p.restore()

    def image(self, rgb: np.ndarray, box_height: float, box_width: float | None = None, x: float = 0.0,
              advance: bool = True) -> QRectF:
        """Place an RGB picture, scaled into a box at the cursor, aspect kept, centred across the box.

        Returns the rectangle it was drawn in; the cursor moves below the box unless ``advance`` is False.
        """
        box_width = box_width or self.width
        h, w = rgb.shape[:2]
        scale = min(box_width / w, box_height / h)
        rect = QRectF(x + (box_width - w * scale) / 2, self.y, w * scale, h * scale)
        data = np.ascontiguousarray(rgb[:, :, :3], dtype=np.uint8)
        image = QImage(data.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()   # owns its pixels
        self.painter.save()
        self.painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self.painter.drawImage(rect, image)
        self.painter.restore()
        if advance:
            self.y += rect.height()
        return rect

    def caption(self, text: str, width: float, x: float = 0.0, pt: float = 8.5, color: str = "#555555") -> None:
        """One line of plain text, centred under a picture ``width`` wide at ``x``; the cursor moves below it."""
        p = self.painter
        p.save()
        font = print_font(pt)
        p.setFont(font)
        p.setPen(QColor(color))
        height = pt * DPI / 72 * 1.8
        p.drawText(QRectF(x, self.y, width, height), int(Qt.AlignmentFlag.AlignCenter), text)
        p.restore()
        self.y += height

    def drawing(self, paint: Callable[[QPainter, QRectF], None], height: float) -> QRectF:
        """Give ``paint(painter, rect)`` a box of ``height`` at the cursor, the page's width; move below it."""
        rect = QRectF(0, self.y, self.width, height)
        self.painter.save()
        paint(self.painter, rect)
        self.painter.restore()
        self.y += height
        return rect

    def rule(self, color: str = "#C8C8C8", width_mm: float = 0.3) -> None:
        """A thin horizontal line at the cursor."""
        self.painter.save()
        pen = self.painter.pen()
        pen.setColor(QColor(color))
        pen.setWidthF(mm(width_mm))
        self.painter.setPen(pen)
        self.painter.drawLine(0, round(self.y), round(self.width), round(self.y))
        self.painter.restore()

    # the end ------------------------------------------------------------------------------
    def _footer(self) -> None:
        p = self.painter
        p.save()
        font = print_font(8)
        p.setFont(font)
        p.setPen(QColor("#6B6B6B"))
        box = QRectF(0, self.height + mm(6), self.width, mm(8))
        p.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self.footer)
        p.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(self.pages))
        p.restore()

    def finish(self) -> bytes:
        """End the last page and the document; the PDF's bytes."""
        self._footer()
        self.painter.end()
        self._buffer.close()
        return bytes(self._buffer.data().data())

    def abandon(self) -> None:
        """Stop without a document (after an error)."""
        if self.painter.isActive():
            self.painter.end()
        self._buffer.close()
