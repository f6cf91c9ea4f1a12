"""Teaching content as print HTML for the PDF handout, one block per section.

Pure Python (no Qt). Like :mod:`viewer.text.content_html`, whose helpers it uses, every content text is
untrusted and HTML-escaped (only Markdown ``**bold**``/``*italic*`` come back as tags). Unlike the side
panel, the handout has no links at all: a ``region:``/``step:``/``term:`` link is dead on paper, and a
DOI is printed as ``https://doi.org/...`` text (which PDF readers usually make clickable themselves).

Citations are numbered across the whole handout in first-cited order (:class:`HandoutCitations`), shown
as "(Li et al. 2010 [3])", and the last section lists them all with their DOIs.

Sizes: the style's pixel sizes are device pixels of the paint device the Qt layer lays the HTML out on
(:func:`print_style` scales them for a resolution and a base size in points).
"""

from __future__ import annotations

import html
from dataclasses import replace

from atlases.teaching.content import (
    SECTIONS,
    Content,
    MechanismStep,
    RegionContent,
)
from atlases.translation_marks import QT_TRANSLATE_NOOP
from viewer.scene.themes import Theme, get_theme
from viewer.text.content_html import (
    TR_CONTEXT as CONTENT_CONTEXT,
)
from viewer.text.content_html import (
    Tr,
    badge_html,
    heading_html,
    paragraph_html,
    rich_text,
    safe_link,
    span_html,
)
from viewer.text.html_style import BASE_FONT_PX, HtmlStyle, html_style

#: The translation context of the handout's own headings.
TR_CONTEXT = "HandoutHtml"
_HANDOUT = QT_TRANSLATE_NOOP("HandoutHtml", "Handout")
_ATLAS = QT_TRANSLATE_NOOP("HandoutHtml", "Atlas:")
_LEVEL = QT_TRANSLATE_NOOP("HandoutHtml", "Reading level:")
_LEVELS = {"intro": QT_TRANSLATE_NOOP("HandoutHtml", "introductory"),
           "advanced": QT_TRANSLATE_NOOP("HandoutHtml", "advanced")}
_DATE = QT_TRANSLATE_NOOP("HandoutHtml", "Date:")
_THE_REGIONS = QT_TRANSLATE_NOOP("HandoutHtml", "The three regions")
_THE_MECHANISM = QT_TRANSLATE_NOOP("HandoutHtml", "The mechanism, step by step")
_STEP = QT_TRANSLATE_NOOP("HandoutHtml", "Step")
_SAFETY = QT_TRANSLATE_NOOP("HandoutHtml", "Safety note")
# Words the side panel has too: the same context, so they share its translation.
_EVIDENCE_FROM = QT_TRANSLATE_NOOP("ContentHtml", "Evidence from:")
_IN_THIS_ATLAS = QT_TRANSLATE_NOOP("ContentHtml", "In this atlas:")
_REFERENCES = QT_TRANSLATE_NOOP("ContentHtml", "References")
_NO_REFERENCES = QT_TRANSLATE_NOOP("HandoutHtml", "No references are cited.")
#: The paper's colours: black text on white, whatever the window's theme.
PAPER_THEME = "light"
#: The base text size of the handout, points.
BASE_PT = 10.0


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def print_style(dpi: float, theme: Theme | None = None, base_pt: float = BASE_PT) -> HtmlStyle:
    """Sizes in device pixels of a ``dpi`` device, colours for white paper.

    Parameters
    ----------
    dpi : float
        The resolution of the device the HTML is laid out on (a PDF writer's, e.g. 300).
    theme : Theme, optional
        Gives the region colours (those of the 3D views), made readable on paper.
    base_pt : float
        The body text size in points.
    """
    paper = get_theme(PAPER_THEME)
    if theme is not None:
        paper = replace(paper, regions={**paper.regions, **theme.regions})
    return html_style(paper, scale=base_pt * dpi / 72.0 / BASE_FONT_PX)


def _document(body: str, s: HtmlStyle) -> str:
    return f'<html><body style="color:{s.text}; font-size:{s.base_px}px;">{body}</body></html>'


class HandoutCitations:
    """Numbers the references of a whole handout in first-cited order."""

    def __init__(self, content: Content):
        self.content = content
        self.order: dict[str, int] = {}   # reference id -> its number

    def number(self, ref_id: str) -> int:
        """The number of a reference (given on its first citation)."""
        self.content.reference(ref_id)   # an unknown id fails loudly here
        return self.order.setdefault(ref_id, len(self.order) + 1)

    def cite(self, refs) -> str:
        """The escaped in-text citation of ``refs``: " (Li et al. 2010 [1]; ...)", or "" for none."""
        parts = [f"{_esc(self.content.reference(r).short())} [{self.number(r)}]" for r in refs]
        return f" ({'; '.join(parts)})" if parts else ""


def _claim(text: str, evidence: str, refs, cites: HandoutCitations, s: HtmlStyle, tr: Tr,
           bottom: float = 0.75) -> str:
    return paragraph_html(f"{rich_text(text)}{cites.cite(refs)} {badge_html(evidence, s, tr)}", s, bottom=bottom)


def title_html(s: HtmlStyle, trc, level: str, title: str, atlas_name: str, date_text: str) -> str:
    """The title block of the first page: title, atlas, reading level and date.

    ``trc(context, text)`` translates the headings (``QCoreApplication.translate``); ``title`` is plain
    text (escaped here).
    """
    muted = f" color:{s.muted};"
    lines = [f"<b>{_esc(trc(TR_CONTEXT, _ATLAS))}</b> {_esc(atlas_name)}",
             f"<b>{_esc(trc(TR_CONTEXT, _LEVEL))}</b> {_esc(trc(TR_CONTEXT, _LEVELS.get(level, level)))}",
             f"<b>{_esc(trc(TR_CONTEXT, _DATE))}</b> {_esc(date_text)}"]
    body = (f'<h1 style="font-size:{round(s.h1_px * 1.35)}px; margin-top:0px; margin-bottom:{s.small_px}px;">'
            f'{_esc(title)}</h1>'
            + paragraph_html(span_html(_esc(trc(TR_CONTEXT, _HANDOUT)), s.link, s.h2_px, " font-weight:600;"), s,
                             bottom=0.4)
            + paragraph_html(" &nbsp;·&nbsp; ".join(lines), s, muted + f" font-size:{s.small_px}px;"))
    return _document(body, s)


def regions_overview_html(content: Content, region_ids, s: HtmlStyle, trc, cites: HandoutCitations,
                          level: str) -> str:
    """The first page's list of the regions: colour swatch, name, abbreviation and summary."""
    items = []
    for rid in region_ids:
        region = content.regions[rid]
        colour = s.regions.get(rid, s.link)
        items.append(
            f'<p style="margin-top:0px; margin-bottom:{round(s.base_px * 0.7)}px; line-height:118%;">'
            f'{span_html("&#9632;", colour, s.h2_px)}&nbsp;<b>{span_html(_esc(region.name), colour)}</b> '
            f'{span_html("(" + _esc(region.abbreviation) + ")", s.muted)}<br/>'
            f'{rich_text(region.summary_at(level))}{cites.cite(region.summary_refs)}</p>')
    return _document(heading_html(2, _esc(trc(TR_CONTEXT, _THE_REGIONS)), s, top=0.6) + "".join(items), s)


def region_heading_html(region: RegionContent, s: HtmlStyle) -> str:
    """A region page's heading: swatch, name, abbreviation."""
    swatch = span_html("&#9632;", s.regions.get(region.id, s.link), s.h1_px)
    return _document(
        f'<h1 style="font-size:{s.h1_px}px; margin-top:0px; margin-bottom:0px;">{swatch}&nbsp;{_esc(region.name)} '
        f'{span_html("(" + _esc(region.abbreviation) + ")", s.muted, s.h2_px)}</h1>', s)


def region_text_html(region: RegionContent, content: Content, s: HtmlStyle, trc, cites: HandoutCitations,
                     level: str, definition_text: str | None = None) -> str:
    """A region's summary and sections at ``level``, each paragraph with its citations and evidence badge."""
    tr = _tr_in(trc, CONTENT_CONTEXT)
    parts = [paragraph_html(f'<span style="font-size:{round(s.base_px * 1.07)}px;">'
                            f'{rich_text(region.summary_at(level))}{cites.cite(region.summary_refs)}</span>', s)]
    for key, heading in SECTIONS.items():
        paras = region.sections.get(key, ())
        extra = ""
        if key == "location" and definition_text and definition_text.strip():
            extra = paragraph_html(f"<b>{_esc(trc(CONTENT_CONTEXT, _IN_THIS_ATLAS))}</b> "
                                   f"{rich_text(' '.join(definition_text.split()))}",
                                   s, f" color:{s.muted}; font-size:{s.small_px}px;")
        if not paras and not extra:
            continue
        parts.append(heading_html(2, _esc(tr(heading)), s, s.regions.get(region.id), top=0.9))
        parts.extend(_claim(p.text_at(level), p.evidence, p.refs, cites, s, tr) for p in paras)
        parts.append(extra)
    return _document("".join(parts), s)


def mechanism_intro_html(content: Content, s: HtmlStyle, trc, cites: HandoutCitations, level: str) -> str:
    """The mechanism's title and introduction."""
    mech = content.mechanism
    return _document(
        f'<h1 style="font-size:{s.h1_px}px; margin-top:0px;">{rich_text(mech.title)}</h1>'
        + paragraph_html(f"{rich_text(mech.intro_at(level))}{cites.cite(mech.intro_refs)}", s)
        + heading_html(2, _esc(trc(TR_CONTEXT, _THE_MECHANISM)), s, top=0.5), s)


def step_html(step: MechanismStep, number: int, content: Content, s: HtmlStyle, trc, cites: HandoutCitations,
              level: str) -> str:
    """One mechanism step: number and title, text with citations and badge, the regions with evidence."""
    tr = _tr_in(trc, CONTENT_CONTEXT)
    title = f"{_esc(trc(TR_CONTEXT, _STEP))} {number}: {rich_text(step.title)}"
    parts = [paragraph_html(span_html(f"<b>{title}</b>", s.text, s.h2_px), s, bottom=0.3),
             _claim(step.text_at(level), step.evidence, step.refs, cites, s, tr, bottom=0.3)]
    where = ", ".join(span_html(_esc(content.regions[r].name), s.regions.get(r, s.text))
                      for r in step.regions if r in content.regions)
    if where:
        parts.append(paragraph_html(f"{_esc(trc(CONTENT_CONTEXT, _EVIDENCE_FROM))} {where}", s,
                                    f" color:{s.muted}; font-size:{s.small_px}px;", bottom=0))
    return _document("".join(parts), s)


def safety_html(content: Content, s: HtmlStyle, trc, cites: HandoutCitations) -> str:
    """The safety note, on its warning tint."""
    note = content.safety
    pad = round(s.base_px * 0.8)
    body = (heading_html(1, _esc(trc(TR_CONTEXT, _SAFETY)), s, top=0)
            + f'<table width="100%" cellspacing="0" cellpadding="{pad}" style="background-color:{s.warning_bg};'
              f' border:none;"><tr><td style="color:{s.text};">'
            + paragraph_html(f"&#9888;&nbsp;<b>{rich_text(note.title)}</b>", s, bottom=0.4)
            + paragraph_html(f"{rich_text(note.text)}{cites.cite(note.refs)}", s, bottom=0)
            + "</td></tr></table>")
    return _document(body, s)


def references_html(content: Content, s: HtmlStyle, trc, cites: HandoutCitations) -> str:
    """Every reference cited so far, numbered, with its DOI as an ``https://doi.org/...`` URL (text, no link)."""
    items = []
    for ref_id, number in sorted(cites.order.items(), key=lambda item: item[1]):
        ref = content.reference(ref_id)
        doi = safe_link(f"doi:{ref.doi}") if ref.doi else None
        tail = f"<br/>{span_html(_esc(doi), s.link)}" if doi else ""
        items.append(f'<tr><td valign="top" style="padding-right:{s.small_px}px; color:{s.muted};">[{number}]</td>'
                     f'<td valign="top" style="padding-bottom:{round(s.small_px * 0.6)}px;">'
                     f'{_esc(ref.full())}{tail}</td></tr>')
    listing = (f'<table cellspacing="0" cellpadding="0" style="font-size:{s.small_px}px;">{"".join(items)}</table>'
               if items else paragraph_html(_esc(trc(TR_CONTEXT, _NO_REFERENCES)), s))
    return _document(heading_html(1, _esc(trc(CONTENT_CONTEXT, _REFERENCES)), s, top=0) + listing, s)


def _tr_in(trc, context: str) -> Tr:
    return lambda text: trc(context, text)
