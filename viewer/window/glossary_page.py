"""The Glossary tab: a searchable list of the terms, with the chosen term's definition and sources.

Content goes to Qt as plain text only: list items, a plain label and a
read-only plain-text box.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget

from atlases.teaching.glossary import Glossary, GlossaryTerm
from viewer.text.plain_text import plain_label


def term_matches(term: GlossaryTerm, query: str) -> bool:
    """True when ``query`` (ignoring case and surrounding spaces) is in the term, a form or the definition."""
    query = " ".join(query.split()).casefold()
    return not query or any(query in text.casefold() for text in (term.term, term.definition, *term.forms))


def term_details(term: GlossaryTerm, content) -> str:
    """The definition, then each cited reference in full (with its DOI), as plain text."""
    lines = [term.definition]
    refs = [content.references[r] for r in term.refs if r in content.references]
    if refs:
        lines.append("")
        for ref in refs:
            lines.append(f"\u2022 {ref.full()}{f' doi:{ref.doi}' if ref.doi else ''}")
    return "\n".join(lines)


class GlossaryPage(QWidget):
    """Search box, term list and the selected term's definition.

    Parameters
    ----------
    glossary : Glossary
    content : Content
        Gives the references.
    parent : QWidget, optional
    """

    def __init__(self, glossary: Glossary, content, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("glossaryPage")
        self._glossary, self._content = glossary, content
        self.search = QLineEdit(self)
        self.search.setObjectName("glossarySearch")
        self.search.setAccessibleName(self.tr("Search the glossary"))
        self.search.setPlaceholderText(self.tr("Search the glossary"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("glossaryList")
        self.list.setAccessibleName(self.tr("Glossary terms"))
        self._fill_list()
        self.title = plain_label("", self)
        self.title.setObjectName("glossaryTerm")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("glossaryDefinition")
        self.details.setAccessibleName(self.tr("Definition"))
        self.details.setReadOnly(True)
        self.empty = plain_label(self.tr("No term matches."), self)
        self.empty.setVisible(False)
        layout = QVBoxLayout(self)
        for widget, stretch in ((self.search, 0), (self.list, 3), (self.empty, 0), (self.title, 0),
                                (self.details, 2)):
            layout.addWidget(widget, stretch)
        self.search.textChanged.connect(self.filter)
        self.list.currentItemChanged.connect(self._show_current)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _fill_list(self) -> None:
        for term in sorted(self._glossary.terms, key=lambda t: t.term.casefold()):
            item = QListWidgetItem(term.term)
            item.setData(Qt.ItemDataRole.UserRole, term.id)
            self.list.addItem(item)

    def set_glossary(self, glossary: Glossary, content) -> None:
        """List another content's terms (a content pack), keeping the search and the chosen term when it exists."""
        current = self.list.currentItem()
        chosen = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self._glossary, self._content = glossary, content
        with QSignalBlocker(self.list):
            self.list.clear()
            self._fill_list()
        self.filter(self.search.text())
        if chosen is not None and glossary.term(chosen) is not None:
            self.show_term(chosen)
        self._show_current(self.list.currentItem())

    def visible_terms(self) -> list[str]:
        """Ids of the terms the list shows now, in order."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if not self.list.item(i).isHidden()]

    def filter(self, query: str) -> None:
        """Show only the terms matching ``query`` and select the first of them."""
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            term = self._glossary.term(item.data(Qt.ItemDataRole.UserRole))
            shown = term is not None and term_matches(term, query)
            item.setHidden(not shown)
            if shown and first is None:
                first = item
        self.empty.setVisible(first is None)
        current = self.list.currentItem()
        if first is None:
            self.list.setCurrentItem(None)
            self._show_current(None)
        elif current is None or current.isHidden():
            self.list.setCurrentItem(first)

    def show_term(self, term_id: str) -> None:
        """Select ``term_id`` (clearing a search that hides it)."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == term_id:
                if item.isHidden():
                    self.search.clear()
                self.list.setCurrentItem(item)
                return

    def _show_current(self, item, _previous=None) -> None:
        term = self._glossary.term(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        self.title.setText(term.term if term else "")
        self.details.setPlainText(term_details(term, self._content) if term else "")
