"""The side panel: what the selected region does, and the ketamine mechanism.

Two tabs of read-only rich text rendered by :mod:`viewer.text.content_html`;
the Mechanism tab has the mechanism diagram and a step bar above its text
(:mod:`viewer.diagram.mechanism_page`). The panel only talks to
:class:`~viewer.window.app_state.AppState`: it re-renders when the
selection, mechanism step, reading level (:mod:`viewer.window.reading_level_switch`,
above the tabs), theme or UI scale change, and clicking an internal
link (``region:<id>``, ``step:<id>``) calls the state's setters; a glossary
term (``term:<id>``) shows its definition (:mod:`viewer.window.glossary_popup`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSizeF, QUrl
from PySide6.QtGui import QDesktopServices, QPyTextObject, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTabWidget, QTextBrowser, QVBoxLayout, QWidget

from atlases.sources.definitions import AtlasDefinition
from atlases.teaching.content import Content
from atlases.teaching.mechanism_diagram import MechanismDiagram
from viewer.diagram.diagram_widget import MechanismDiagramView
from viewer.diagram.mechanism_page import MechanismPage
from viewer.diagram.step_bar import MechanismStepBar
from viewer.scene.themes import get_theme
from viewer.text.content_html import mechanism_html, region_html, safe_link, welcome_html
from viewer.text.html_style import base_font_px
from viewer.window.app_state import AppState
from viewer.window.glossary_page import GlossaryPage
from viewer.window.glossary_popup import TermPopup, attach_term_popup
from viewer.window.reading_level_switch import ReadingLevelSwitch

#: Translation context for the strings inside the rendered HTML.
HTML_CONTEXT = "ContentHtml"   # where viewer/text/content_html.py marks them (TR_CONTEXT)


class _NoResourceDocument(QTextDocument):
    """A text document that loads nothing named in its HTML.

    ``QTextDocument.loadResource`` itself reads local files and ``data:``
    URLs when the widget's loader returns nothing, so refusing in the widget
    alone is not enough.
    """

    def loadResource(self, resource_type, name):  # noqa: N802 - Qt override
        return None


class _NoImage(QPyTextObject):
    """Draws images as nothing: Qt's own image handler would read local files."""

    def intrinsicSize(self, doc, pos, fmt):  # noqa: N802 - Qt override
        return QSizeF(0, 0)

    def drawObject(self, painter, rect, doc, pos, fmt):  # noqa: N802 - Qt override
        pass


class SafeTextBrowser(QTextBrowser):
    """A read-only text browser that never follows links or loads resources.

    Links only emit ``anchorClicked``; images, style sheets and files named
    in the document are never loaded (``loadResource`` of the browser and of
    its document return None, and images are drawn by a handler that draws
    nothing). The panel's HTML never contains images anyway; this is a
    second line of defence.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDocument(_NoResourceDocument(self))
        self._no_image = _NoImage(self)
        self.document().documentLayout().registerHandler(QTextFormat.ObjectTypes.ImageObject, self._no_image)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)

    def loadResource(self, resource_type, name):  # noqa: N802 - Qt override
        """Refuse every resource (images, style sheets, files)."""
        return None


class RegionPanel(QWidget):
    """Tabbed side panel showing the selected region and the mechanism.

    Parameters
    ----------
    state : AppState
        The shared app state; the only way the panel talks to other widgets.
    content : Content
        The teaching content to show.
    diagram : MechanismDiagram, optional
        The mechanism diagram shown above the mechanism's text (none without it).
    reduce_motion : callable, optional
        Returns True when the diagram must change without animation.
    parent : QWidget, optional
    """

    def __init__(self, state: AppState, content: Content, diagram: MechanismDiagram | None = None,
                 reduce_motion=None, parent=None):
        super().__init__(parent)
        self.setObjectName("regionPanel")
        self._state, self._content = state, content
        self._definition: AtlasDefinition | None = None
        self._html: dict[QTextBrowser, str] = {}
        self._title = ""
        self._reduce_motion = reduce_motion   # for the diagram of another content (set_content)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Panel pages"))
        self.region_browser = SafeTextBrowser(self.tabs)
        self.region_browser.setObjectName("regionBrowser")
        self.region_browser.setAccessibleName(self.tr("About the region"))
        self.mechanism_browser = SafeTextBrowser(self.tabs)
        self.mechanism_browser.setObjectName("mechanismBrowser")
        self.mechanism_browser.setAccessibleName(self.tr("The mechanism step explained"))
        steps = [(step.id, step.title) for step in content.mechanism.steps]
        self.diagram = None if diagram is None else MechanismDiagramView(
            state, diagram, dict(steps), reduce_motion=reduce_motion)
        self.step_bar = MechanismStepBar(state, steps, diagram.has_rival if diagram is not None else None)
        self.mechanism_page = MechanismPage(self.step_bar, self.mechanism_browser, self.diagram)
        self.tabs.addTab(self.region_browser, self.tr("Region"))
        self.tabs.addTab(self.mechanism_page, self.tr("Mechanism"))
        self.glossary_page = GlossaryPage(content.glossary, content, self.tabs)
        self.tabs.addTab(self.glossary_page, self.tr("Glossary"))
        self.term_popup = TermPopup(content.glossary, content, self)
        attach_term_popup((self.region_browser, self.mechanism_browser), self.term_popup)
        for browser in (self.region_browser, self.mechanism_browser):
            browser.anchorClicked.connect(lambda url, b=browser: self._on_anchor(b, url))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.level_switch = ReadingLevelSwitch(state, self)
        layout.addWidget(self.level_switch)
        layout.addWidget(self.tabs)

        state.selectedRegionChanged.connect(self._on_region_changed)
        state.mechanismStepChanged.connect(self._on_step_changed)
        state.themeChanged.connect(self._render_all)
        state.uiScaleChanged.connect(self._render_all)
        state.readingLevelChanged.connect(self._render_all)
        self._render_all()

    # public ----------------------------------------------------------------
    def set_atlas_definition(self, definition: AtlasDefinition | None) -> None:
        """Use ``definition`` for the "In this atlas" text (call on atlas change)."""
        self._definition = definition
        self._render_region()

    def set_content(self, content: Content, diagram: MechanismDiagram | None = None) -> None:
        """Show another content (a content pack): the texts, the glossary and, when they changed, the mechanism's
        steps and diagram; the selection, the tab and the reading position stay."""
        old, self._content = self._content, content
        if content.mechanism != old.mechanism or diagram != (self.diagram.diagram if self.diagram else None):
            self._new_mechanism_page(content, diagram)
        self.glossary_page.set_glossary(content.glossary, content)
        self.term_popup.set_content(content.glossary, content)
        self._render_all()

    def _new_mechanism_page(self, content: Content, diagram: MechanismDiagram | None) -> None:
        steps = [(step.id, step.title) for step in content.mechanism.steps]
        old_page, index, current = self.mechanism_page, self.tabs.indexOf(self.mechanism_page), self.tabs.currentIndex()
        if self.diagram is not None:
            self.diagram.animation.stop()
        self.diagram = None if diagram is None else MechanismDiagramView(
            self._state, diagram, dict(steps), reduce_motion=self._reduce_motion)
        self.step_bar = MechanismStepBar(self._state, steps, diagram.has_rival if diagram is not None else None)
        self.mechanism_page = MechanismPage(self.step_bar, self.mechanism_browser, self.diagram)   # takes the text
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, self.mechanism_page, self.tr("Mechanism"))
        self.tabs.setCurrentIndex(current)
        old_page.deleteLater()   # with the old diagram and step bar

    def current_html(self) -> str:
        """The HTML rendered into the visible tab (as generated, before Qt rewrites it)."""
        page = self.tabs.currentWidget()
        return self._html.get(self.mechanism_browser if page is self.mechanism_page else page, "")

    def current_title(self) -> str:
        """Name of the region shown in the Region tab, or "" on the welcome page."""
        return self._title

    # rendering -------------------------------------------------------------
    def _tr_html(self, text: str) -> str:
        return QCoreApplication.translate(HTML_CONTEXT, text)

    def _style_args(self):
        return get_theme(self._state.theme), self._state.ui_scale

    def _set_html(self, browser: QTextBrowser, html: str, anchor: str | None = None) -> None:
        theme, scale = self._style_args()
        # the HTML paints its own theme background (body bgcolor): an app style
        # sheet re-polishes scroll-area viewports, so a palette set here would not stick
        font = browser.font()
        font.setPixelSize(base_font_px(scale))
        browser.setFont(font)
        browser.document().setDocumentMargin(round(14 * scale))
        bar = browser.verticalScrollBar()
        # keep the reading position (as a fraction: a new scale changes the length)
        position = bar.value() / bar.maximum() if bar.maximum() and self._html.get(browser) else 0.0
        self._html[browser] = html
        browser.setHtml(html)
        if anchor:
            browser.scrollToAnchor(anchor)
            bar.setValue(bar.value() - round(10 * scale))   # a little air above the anchor
        else:
            bar.setValue(round(position * bar.maximum()))

    def _render_region(self, keep_scroll: bool = True) -> None:
        theme, scale = self._style_args()
        region = self._content.regions.get(self._state.selected_region or "")
        if region is None:
            self._title = ""
            html = welcome_html(self._content, theme, scale, tr=self._tr_html, level=self._state.reading_level)
        else:
            self._title = region.name
            defn = self._definition.regions.get(region.id) if self._definition else None
            html = region_html(region, self._content, defn.definition if defn else None, theme, scale,
                               tr=self._tr_html, level=self._state.reading_level)
        if not keep_scroll:
            self._html.pop(self.region_browser, None)
        self._set_html(self.region_browser, html)

    def _render_mechanism(self, scroll_to_step: bool = False) -> None:
        theme, scale = self._style_args()
        step = self._state.mechanism_step
        html = mechanism_html(self._content, theme, scale, step, tr=self._tr_html, level=self._state.reading_level)
        self._set_html(self.mechanism_browser, html, f"step-{step}" if step and scroll_to_step else None)

    def _render_all(self, *_args) -> None:
        self._render_region()
        self._render_mechanism()

    # state changes -----------------------------------------------------------
    def _on_region_changed(self, region_id) -> None:
        self._render_region(keep_scroll=False)
        if region_id is not None:
            self.tabs.setCurrentWidget(self.region_browser)

    def _on_step_changed(self, step_id) -> None:
        if step_id is not None:   # show the tab first: scrolling needs its real size
            self.tabs.setCurrentWidget(self.mechanism_page)
        self._render_mechanism(scroll_to_step=True)

    def _on_anchor(self, browser: QTextBrowser, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme == "region":
            if url.path() in self._content.regions:
                self._state.select_region(url.path())
        elif scheme == "step":
            if url.path() in {s.id for s in self._content.mechanism.steps}:
                self._state.set_mechanism_step(url.path())
        elif scheme == "term":
            self.term_popup.show_term(url.path(), pinned=True)
        elif not scheme and not url.path() and url.fragment().startswith("ref-"):
            browser.scrollToAnchor(url.fragment())
        elif scheme in ("http", "https", "doi"):
            target = safe_link(url.toString())
            if target:
                QDesktopServices.openUrl(QUrl(target))
