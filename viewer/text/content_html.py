"""Teaching content as a small, safe HTML subset for a ``QTextBrowser``.

Pure Python (no Qt): tested without a display; sizes and colours come from
:mod:`viewer.text.html_style`. Content may come from a lecturer's folder, so it is
untrusted: every text is HTML-escaped first and only Markdown emphasis
(``**bold**`` and ``*italic*``) is turned back into tags. The output uses only
tags of Qt's rich-text subset (``h1``-``h3``, ``p``, ``b``, ``i``,
``ol``/``ul``/``li``, ``a``, ``span``, ``table``) with inline styles; it never
contains images, scripts or remote resources. The only links it makes are
``#ref-<id>`` (the reference list), ``region:<id>``, ``step:<id>`` and
``term:<id>`` (internal; glossary terms by :mod:`viewer.text.glossary_links`)
and ``https://doi.org/...`` (DOIs).

UI strings (headings, labels) go through a ``tr`` callable so the Qt panel can
translate them (in the :data:`TR_CONTEXT` context, where they are marked for
``lupdate``); it defaults to the identity.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from atlases.sources.definitions import REGION_IDS
from atlases.teaching.content import (
    DEFAULT_READING_LEVEL,
    EVIDENCE,
    SECTIONS,
    Content,
    RegionContent,
    doi_url,
)
from atlases.translation_marks import QT_TRANSLATE_NOOP
from viewer.scene.themes import Theme
from viewer.text.glossary_links import link_terms
from viewer.text.html_style import HtmlStyle, html_style

Tr = Callable[[str], str]

#: The translation context of the page's own words: the Qt panel's ``tr`` translates in it.
TR_CONTEXT = "ContentHtml"
_REFERENCES = QT_TRANSLATE_NOOP("ContentHtml", "References")
_EVIDENCE = QT_TRANSLATE_NOOP("ContentHtml", "Evidence:")
_IN_THIS_ATLAS = QT_TRANSLATE_NOOP("ContentHtml", "In this atlas:")
_CURRENT_STEP = QT_TRANSLATE_NOOP("ContentHtml", "Current step")
_EVIDENCE_FROM = QT_TRANSLATE_NOOP("ContentHtml", "Evidence from:")
_EXPLORE = QT_TRANSLATE_NOOP("ContentHtml", "Explore the brain")
_THE_REGIONS = QT_TRANSLATE_NOOP("ContentHtml", "The regions")
_WELCOME_TIPS = (
    QT_TRANSLATE_NOOP("ContentHtml", "Click a region in the 3D view or pick it from the list to read what it does "
                      "and what ketamine does there."),
    QT_TRANSLATE_NOOP("ContentHtml", "Drag to rotate the brain, scroll to zoom, and use the view buttons for "
                      "standard views."),
    QT_TRANSLATE_NOOP("ContentHtml", "The Mechanism tab walks through ketamine's effects step by step."),
)

# An emphasis span stops at the next marker (bold cannot hold "**", italic cannot hold "*"): with
# ".+?" every unclosed marker scanned to the end of the text, quadratic (23 s for one 1 MB region page).
_BOLD = re.compile(r"\*\*(?=\S)((?:(?!\*\*).)+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])")


def _identity(text: str) -> str:
    return text


# ------------------------------------------------------------ text helpers
def rich_text(text: str) -> str:
    """Escape ``text`` and convert only Markdown ``**bold**`` and ``*italic*``.

    Parameters
    ----------
    text : str
        Untrusted content text.

    Returns
    -------
    str
        HTML whose only tags are ``<b>`` and ``<i>``.
    """
    escaped = html.escape(text.strip(), quote=True)
    return _ITALIC.sub(r"<i>\1</i>", _BOLD.sub(r"<b>\1</b>", escaped))


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def safe_link(url: str) -> str | None:
    """Return ``url`` when it may be opened externally, else None.

    Parameters
    ----------
    url : str
        A link target.

    Returns
    -------
    str or None
        The URL for ``http``/``https`` links with a host, a
        ``https://doi.org/...`` URL for ``doi:10....`` links, and None for
        anything else (``javascript:``, ``file:``, ``data:``, relative paths,
        text with spaces or control characters...).
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    if url.lower().startswith("doi:"):
        return doi_url(url[4:])
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.hostname:
        return url
    return None


def _a(href: str, label: str, color: str, underline: bool = False) -> str:
    deco = "underline" if underline else "none"
    return f'<a href="{_esc(href)}" style="color:{color}; text-decoration:{deco};">{label}</a>'


def span_html(text: str, color: str, px: int | None = None, extra: str = "") -> str:
    """``text`` (HTML already escaped) in a ``<span>`` of ``color``, ``px`` pixels high, plus ``extra`` CSS."""
    size = f" font-size:{px}px;" if px else ""
    return f'<span style="color:{color};{size}{extra}">{text}</span>'


def heading_html(level: int, text: str, s: HtmlStyle, color: str | None = None, top: float = 1.2) -> str:
    """A heading (``h1``-``h3``) of escaped ``text``, sized by ``s``; ``top`` is the space above in font heights."""
    px = {1: s.h1_px, 2: s.h2_px, 3: s.base_px}[level]
    return (f'<h{level} style="font-size:{px}px; color:{color or s.text}; margin-top:{round(top * px)}px;'
            f' margin-bottom:{round(px * 0.4)}px;">{text}</h{level}>')


def paragraph_html(body: str, s: HtmlStyle, extra: str = "", bottom: float = 0.75) -> str:
    """A paragraph of HTML ``body``; ``bottom`` is the space below in base font heights, ``extra`` more CSS."""
    return (f'<p style="margin-top:0px; margin-bottom:{round(s.base_px * bottom)}px; line-height:118%;{extra}">'
            f'{body}</p>')


def _document(body: str, s: HtmlStyle) -> str:
    return (f'<html><body bgcolor="{s.background}" style="color:{s.text}; font-size:{s.base_px}px;">'
            f'{body}</body></html>')


class _Citations:
    """Numbers references in first-cited order and renders in-text citations."""

    def __init__(self, content: Content, style: HtmlStyle):
        self.content, self.style = content, style
        self.order: dict[str, int] = {}  # reference id -> its number

    def cite(self, refs) -> str:
        links = []
        for ref_id in refs:
            self.order.setdefault(ref_id, len(self.order) + 1)
            ref = self.content.reference(ref_id)
            links.append(_a(f"#ref-{ref_id}", _esc(ref.short()), self.style.link))
        return f" ({'; '.join(links)})" if links else ""

    def reference_list(self, tr: Tr) -> str:
        if not self.order:
            return ""
        s, items = self.style, []
        for ref_id in self.order:
            ref = self.content.reference(ref_id)
            tail = ""
            if ref.doi and (doi := safe_link(f"doi:{ref.doi}")):
                tail = f" {_a(doi, _esc('doi:' + ref.doi), s.link, underline=True)}"
            items.append(f'<li style="margin-bottom:{round(s.small_px * 0.5)}px; line-height:118%;">'
                         f'<a name="ref-{_esc(ref_id)}"></a>{_esc(ref.full())}{tail}</li>')
        return (heading_html(2, _esc(tr(_REFERENCES)), s, top=1.7)
                + f'<ol style="font-size:{s.small_px}px; color:{s.muted};">{"".join(items)}</ol>')


def badge_html(evidence: str, s: HtmlStyle, tr: Tr) -> str:
    """The evidence badge ("Evidence: animal studies") in the evidence's colours; ``tr`` translates its words."""
    label = _esc(f"{tr(_EVIDENCE)} {tr(EVIDENCE.get(evidence, evidence))}")
    color, background = s.evidence.get(evidence, (s.muted, s.highlight))
    return span_html(f"&nbsp;{label}&nbsp;", color, s.small_px,
                 f" background-color:{background}; font-weight:600; white-space:nowrap;")


def _claim(text: str, evidence: str, refs, cites: _Citations, tr: Tr) -> str:
    """A paragraph of content: text, citations, evidence badge."""
    s = cites.style
    return paragraph_html(f"{rich_text(text)}{cites.cite(refs)} {badge_html(evidence, s, tr)}", s)


def _safety(content: Content, cites: _Citations, tr: Tr) -> str:
    s, note = cites.style, content.safety
    title = span_html(f"<b>{rich_text(note.title)}</b>", s.text, s.base_px)
    body = f"{rich_text(note.text)}{cites.cite(note.refs)}"
    pad = round(s.base_px * 0.8)
    return (f'<table width="100%" cellspacing="0" cellpadding="{pad}" style="margin-top:{pad * 2}px;'
            f' background-color:{s.warning_bg}; border:none;"><tr><td style="color:{s.text};">'
            f'{paragraph_html(f"&#9888;&nbsp;{title}", s, bottom=0.4)}{paragraph_html(body, s, bottom=0)}'
            '</td></tr></table>')


# ------------------------------------------------------------------ pages
def region_html(region: RegionContent, content: Content, definition_text: str | None, theme: Theme,
                scale: float = 1.0, tr: Tr = _identity, level: str = DEFAULT_READING_LEVEL) -> str:
    """The side-panel page for one region.

    Parameters
    ----------
    region : RegionContent
        The region to show.
    content : Content
        The content it comes from (references, safety note).
    definition_text : str or None
        The current atlas's anatomical definition, shown under "Where it is"
        as "In this atlas: ...".
    theme : Theme
        Colours.
    scale : float
        UI scale; the base font is ``round(BASE_FONT_PX * scale)`` px.
    tr : callable
        Translates UI strings.
    level : str
        The reading level (:data:`~atlases.teaching.content.READING_LEVELS`) of the summary and paragraphs.

    Returns
    -------
    str
        HTML in Qt's rich-text subset.
    """
    s = html_style(theme, scale)
    cites = _Citations(content, s)
    swatch = span_html("&#9632;", s.regions.get(region.id, s.link), s.h1_px)
    parts = [
        f'<h1 style="font-size:{s.h1_px}px; margin-top:0px; margin-bottom:{round(s.base_px * 0.6)}px;">'
        f'{swatch}&nbsp;{_esc(region.name)} {span_html(f"({_esc(region.abbreviation)})", s.muted, s.h2_px)}</h1>',
        paragraph_html(f'<span style="font-size:{round(s.base_px * 1.07)}px;">{rich_text(region.summary_at(level))}'
           f'{cites.cite(region.summary_refs)}</span>', s, f" color:{s.text};"),
    ]
    for key, heading in SECTIONS.items():
        paras = region.sections.get(key, ())
        extra = ""
        if key == "location" and definition_text and definition_text.strip():
            extra = paragraph_html(f"<b>{_esc(tr(_IN_THIS_ATLAS))}</b> {rich_text(' '.join(definition_text.split()))}",
                       s, f" color:{s.muted}; font-size:{s.small_px}px;")
        if not paras and not extra:
            continue
        parts.append(heading_html(2, _esc(tr(heading)), s, s.regions.get(region.id)))
        parts.extend(_claim(p.text_at(level), p.evidence, p.refs, cites, tr) for p in paras)
        parts.append(extra)
    parts.append(_safety(content, cites, tr))
    parts = [link_terms("".join(parts), content.glossary, s.text)]
    parts.append(cites.reference_list(tr))
    return _document("".join(parts), s)


def _region_links(region_ids, content: Content, s: HtmlStyle) -> str:
    return ", ".join(_a(f"region:{r}", _esc(content.regions[r].name), s.regions.get(r, s.link))
                     for r in region_ids if r in content.regions)


def mechanism_html(content: Content, theme: Theme, scale: float = 1.0, current_step: str | None = None,
                   tr: Tr = _identity, level: str = DEFAULT_READING_LEVEL) -> str:
    """The ketamine cascade as a numbered sequence.

    Parameters
    ----------
    content : Content
        Provides the mechanism, its references and the region names.
    theme : Theme
        Colours.
    scale : float
        UI scale.
    current_step : str or None
        Id of the step to highlight (anchor ``step-<id>``); None for none.
    tr : callable
        Translates UI strings.
    level : str
        The reading level of the introduction and the steps.

    Returns
    -------
    str
        HTML in Qt's rich-text subset. Each step title links to
        ``step:<id>`` and each region with evidence to ``region:<id>``.
    """
    s = html_style(theme, scale)
    cites = _Citations(content, s)
    mech = content.mechanism
    pad = round(s.base_px * 0.7)
    rows = []
    for i, step in enumerate(mech.steps, 1):
        current = step.id == current_step
        bg, num_bg = (f' bgcolor="{s.highlight}"', f' bgcolor="{s.link}"') if current else ("", "")
        number = span_html(f"<b>{i}</b>", s.background if current else s.link, s.h1_px)
        lines = [paragraph_html(span_html(f"&#9654; {_esc(tr(_CURRENT_STEP))}", s.link, s.small_px,
                                          " font-weight:600;"), s, bottom=0.2)] if current else []
        lines.append(paragraph_html(f"<b>{_a(f'step:{step.id}', rich_text(step.title), s.text)}</b>", s, bottom=0.25))
        lines.append(paragraph_html(f"{rich_text(step.text_at(level))}{cites.cite(step.refs)} "
                                    f"{badge_html(step.evidence, s, tr)}", s, bottom=0.25))
        where = _region_links(step.regions, content, s)
        if where:
            lines.append(paragraph_html(f"{_esc(tr(_EVIDENCE_FROM))} {where}", s,
                            f" color:{s.muted}; font-size:{s.small_px}px;", bottom=0))
        rows.append(
            f'<tr><td{num_bg} width="{round(s.h1_px * 1.6)}"'
            f' align="center" valign="top" style="padding:{pad}px;"><a name="step-{_esc(step.id)}"></a>'
            f'{number}</td><td{bg} valign="top" style="padding:{pad}px;">{"".join(lines)}</td></tr>'
            f'<tr><td colspan="2" style="padding:{round(pad / 2)}px;"></td></tr>')
    body = (f'<h1 style="font-size:{s.h1_px}px; margin-top:0px;">{rich_text(mech.title)}</h1>'
            + paragraph_html(f"{rich_text(mech.intro_at(level))}{cites.cite(mech.intro_refs)}", s)
            + f'<table width="100%" cellspacing="0" cellpadding="0" style="border-collapse:collapse;">'
              f'{"".join(rows)}</table>'
            + _safety(content, cites, tr))
    body = link_terms(body, content.glossary, s.text) + cites.reference_list(tr)
    return _document(body, s)


def _summary_sources(region: RegionContent, content: Content, s: HtmlStyle) -> str:
    """The summary's short citations as muted text (the welcome page has no reference list to link to)."""
    names = [content.reference(r).short() for r in region.summary_refs]
    return span_html(_esc(f" ({'; '.join(names)})"), s.muted) if names else ""


def welcome_html(content: Content, theme: Theme, scale: float = 1.0, tr: Tr = _identity,
                 level: str = DEFAULT_READING_LEVEL) -> str:
    """The page shown when no region is selected: a short how-to.

    Parameters
    ----------
    content : Content
        Provides the regions to list (as ``region:<id>`` links, in
        :data:`~atlases.sources.definitions.REGION_IDS` order).
    theme : Theme
        Colours; each region is shown in its theme colour.
    scale : float
        UI scale.
    tr : callable
        Translates UI strings.
    level : str
        The reading level of the summaries.

    Returns
    -------
    str
        HTML in Qt's rich-text subset. Each region's summary is followed by
        its short citations (plain text; the region's page lists them in full).
    """
    s = html_style(theme, scale)
    items = []
    order = [r for r in REGION_IDS if r in content.regions] + sorted(set(content.regions) - set(REGION_IDS))
    for rid in order:
        region = content.regions[rid]
        colour = s.regions.get(rid, s.link)
        items.append(
            f'<li style="margin-bottom:{round(s.base_px * 0.6)}px; line-height:118%;">'
            f'{span_html("&#9632;", theme.regions.get(rid, colour), s.h2_px)}&nbsp;'
            f'<b>{_a(f"region:{rid}", _esc(region.name), colour)}</b> '
            f'{span_html(f"({_esc(region.abbreviation)})", s.muted)}<br/>{rich_text(region.summary_at(level))}'
            f'{_summary_sources(region, content, s)}</li>')
    tips = [tr(tip) for tip in _WELCOME_TIPS]
    body = (f'<h1 style="font-size:{s.h1_px}px; margin-top:0px;">{_esc(tr(_EXPLORE))}</h1>'
            + "".join(paragraph_html(_esc(t), s) for t in tips)
            + heading_html(2, _esc(tr(_THE_REGIONS)), s)
            + f'<ul style="list-style-type:none; margin-left:0px; -qt-list-indent:0;">{"".join(items)}</ul>')
    return _document(body, s)
