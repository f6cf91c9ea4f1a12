"""The glossary popup: a term's definition shown in place, next to the link under the mouse.

Hovering a ``term:<id>`` link in a panel browser shows the popup like a
tooltip (it goes away when the mouse leaves the link); clicking the link shows
it pinned, until Esc or a click elsewhere. Everything from the content goes to
Qt as plain text (:mod:`viewer.text.plain_text`).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QCursor, QFont, QGuiApplication
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from atlases.teaching.glossary import Glossary, GlossaryTerm
from viewer.text.plain_text import plain_label


def term_sources(term: GlossaryTerm, content) -> str:
    """The term's references in short form (``"Li et al. 2010; ..."``), or "" when it cites none."""
    return "; ".join(content.reference(r).short() for r in term.refs if r in content.references)


class TermPopup(QFrame):
    """A small frame with a term in bold, its definition and its sources.

    Parameters
    ----------
    glossary : Glossary
    content : Content
        Gives the references' short names.
    parent : QWidget, optional
    """

    def __init__(self, glossary: Glossary, content, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("glossaryPopup")
        self._glossary, self._content = glossary, content
        self.term_id: str | None = None
        self.pinned = False
        self.font_source: QWidget | None = None   # the popup uses this widget's font (the panel text's size)
        self.setFrameShape(QFrame.Shape.Box)
        self.setAutoFillBackground(True)
        self.title = plain_label("", self)
        self.title.setObjectName("glossaryPopupTerm")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.definition = plain_label("", self)
        self.definition.setObjectName("glossaryPopupDefinition")
        self.sources = plain_label("", self)
        self.sources.setObjectName("glossaryPopupSources")
        for label in (self.definition, self.sources):
            label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        for label in (self.title, self.definition, self.sources):
            layout.addWidget(label)

    def set_content(self, glossary: Glossary, content) -> None:
        """Define the terms of another content (a content pack); an open popup closes."""
        self.hide()
        self._glossary, self._content = glossary, content

    def show_term(self, term_id: str, at: QPoint | None = None, pinned: bool = False) -> bool:
        """Show ``term_id``'s definition near ``at`` (the cursor when None); False for an unknown id."""
        term = self._glossary.term(term_id)
        if term is None:
            return False
        self.term_id, self.pinned = term_id, pinned
        if self.font_source is not None:
            self._set_fonts(self.font_source.font())
        self.title.setText(term.term)
        self.definition.setText(term.definition)
        sources = term_sources(term, self._content)
        self.sources.setText(self.tr("Sources: %1").replace("%1", sources) if sources else "")
        self.sources.setVisible(bool(sources))
        flags = Qt.WindowType.Popup if pinned else Qt.WindowType.ToolTip
        self.hide()
        self.setWindowFlags(flags | Qt.WindowType.FramelessWindowHint)
        self.setFixedWidth(self._width())
        self.adjustSize()
        self.move(self._place(at if at is not None else QCursor.pos()))
        self.show()
        return True

    def hide_hover(self) -> None:
        """Hide the popup unless a click pinned it."""
        if not self.pinned:
            self.hide()

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def hideEvent(self, event):  # noqa: N802 - Qt override
        self.pinned = False
        super().hideEvent(event)

    def _set_fonts(self, font: QFont) -> None:
        for label in (self.definition, self.sources):
            label.setFont(font)
        bold = QFont(font)
        bold.setBold(True)
        self.title.setFont(bold)

    def _width(self) -> int:
        return max(260, min(560, self.definition.fontMetrics().averageCharWidth() * 46))

    def _place(self, cursor: QPoint) -> QPoint:
        """Below and right of the cursor, kept on the screen."""
        screen = QGuiApplication.screenAt(cursor) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        x = min(cursor.x() + 12, area.right() - self.width())
        y = cursor.y() + 18
        if y + self.height() > area.bottom():
            y = cursor.y() - 12 - self.height()
        return QPoint(max(area.left(), x), max(area.top(), y))


def attach_term_popup(browsers, popup: TermPopup) -> None:
    """Show ``popup`` while the mouse is over a ``term:`` link of any of ``browsers``."""
    browsers = list(browsers)
    popup.font_source = browsers[0] if browsers else None
    for browser in browsers:
        browser.highlighted.connect(lambda url: _on_hover(popup, url))


def _on_hover(popup: TermPopup, url: QUrl) -> None:
    if url.scheme().lower() == "term" and not popup.pinned:
        popup.show_term(url.path())
    elif not url.toString():
        popup.hide_hover()

