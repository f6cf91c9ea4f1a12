"""Glossary links in the panel's HTML: the first use of each term becomes a ``term:<id>`` link.

Pure Python (no Qt). The input is HTML made by :mod:`viewer.text.content_html`
(content text already escaped); only its text between tags is changed. A form
is linked where it stands as whole words (ignoring case), the longest form at
a place first, at most once per term per page, and never inside a tag, an
existing link (citations, region and step links) or a heading.
"""

from __future__ import annotations

import html
import re

from atlases.teaching.glossary import MAX_FORM_WORDS, Glossary, form_key

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W_]+")
_OPEN = re.compile(r"<\s*(a|h[1-6])\b", re.IGNORECASE)
_CLOSE = re.compile(r"<\s*/\s*(a|h[1-6])\b", re.IGNORECASE)
#: Characters that glue a word to the one before it: a hyphenated word, or an entity (``&amp;``, ``&#x27;``).
_GLUE = "-&#;"


def _words(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text)]


def _link_text(text: str, index: dict[str, str], firsts: set[str], seen: set[str], color: str) -> str:
    spans = _words(text)
    out, last, i = [], 0, 0
    while i < len(spans):
        start = spans[i][0]
        if (start and (text[start - 1] in _GLUE or text[start - 1].isalnum())
                or text[start:spans[i][1]].casefold() not in firsts):   # no form starts with this word
            i += 1
            continue
        for k in range(min(MAX_FORM_WORDS, len(spans) - i), 0, -1):
            end = spans[i + k - 1][1]
            if end < len(text) and (text[end] == "-" or text[end].isalnum()):
                continue
            # words of a form are joined by one space or one hyphen (checked by the key lookup below)
            term_id = index.get(form_key(text[start:end]))
            if term_id is None:
                continue
            if term_id not in seen:
                seen.add(term_id)
                out.append(text[last:start])
                out.append(f'<a href="term:{html.escape(term_id, quote=True)}" style="color:{color};'
                           f' text-decoration:underline;">{text[start:end]}</a>')
                last = end
            i += k - 1   # never link a shorter form inside a longer one already seen
            break
        i += 1
    out.append(text[last:])
    return "".join(out)


def link_terms(markup: str, glossary: Glossary, color: str, seen: set[str] | None = None) -> str:
    """Link the first use of each glossary term in ``markup``.

    Parameters
    ----------
    markup : str
        HTML from :mod:`viewer.text.content_html` (a paragraph or a page body).
    glossary : Glossary
        The terms and their forms.
    color : str
        The links' colour (a CSS colour of the theme).
    seen : set of str, optional
        Term ids already linked on this page; updated. Pass the same set to
        link a page paragraph by paragraph.

    Returns
    -------
    str
        ``markup`` with ``<a href="term:<id>">`` around the first use of each
        term outside tags, links and headings.
    """
    index = glossary.form_index()
    if not index:
        return markup
    seen = set() if seen is None else seen
    firsts = {match.group().casefold() for key in index if (match := _WORD.match(key))}
    out, depth, last = [], 0, 0
    for tag in _TAG.finditer(markup):
        text = markup[last:tag.start()]
        out.append(text if depth else _link_text(text, index, firsts, seen, color))
        token = tag.group()
        if _OPEN.match(token) and not token.rstrip().endswith("/>"):
            depth += 1
        elif _CLOSE.match(token):
            depth = max(0, depth - 1)
        out.append(token)
        last = tag.end()
    tail = markup[last:]
    out.append(tail if depth else _link_text(tail, index, firsts, seen, color))
    return "".join(out)
