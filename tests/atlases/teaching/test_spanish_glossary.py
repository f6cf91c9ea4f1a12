"""The Spanish glossary fits the Spanish texts: every term is linked, every form is a word the texts use.

The English glossary's tests (``test_glossary.py``, ``viewer/text/test_glossary_links.py``)
check the English content; these check the built-in Spanish content the same way, and
that a Spanish panel page links the terms its English counterpart links.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from atlases.teaching.content import READING_LEVELS, load_content
from atlases.teaching.glossary import MAX_DEFINITION_CHARS, Glossary, GlossaryTerm
from viewer.scene.themes import get_theme
from viewer.text.content_html import mechanism_html, region_html
from viewer.text.glossary_links import link_terms

TERM_LINK = re.compile(r'<a href="term:(\w+)"[^>]*>([^<]*)</a>')
#: A definition that reports a finding ("En ratas...", "Un estudio...") cites it.
FINDING = re.compile(r"\b(en (ratas|ratones|personas|voluntarios|animales)|estudio|estudios)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def english():
    return load_content(language="en")


@pytest.fixture(scope="module")
def spanish():
    return load_content(language="es")


def _pages(content, level: str) -> dict[str, str]:
    """The panel pages (each region, the mechanism) at one reading level, with their glossary links."""
    theme = get_theme("dark")
    pages = {r.id: region_html(r, content, None, theme, level=level) for r in content.regions.values()}
    pages["mechanism"] = mechanism_html(content, theme, level=level)
    return pages


def _linked(page: str) -> list[str]:
    return [term_id for term_id, _text in TERM_LINK.findall(page)]


def test_the_spanish_glossary_has_the_english_terms_references_and_short_definitions(english, spanish):
    assert [t.id for t in spanish.glossary.terms] == [t.id for t in english.glossary.terms]
    for en, es in zip(english.glossary.terms, spanish.glossary.terms, strict=True):
        assert es.refs == en.refs, es.id
        assert es.definition != en.definition, f"{es.id}: definition not translated"
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", es.definition) if s]
        assert 1 <= len(sentences) <= 2, es.id
        assert len(es.definition) <= MAX_DEFINITION_CHARS
        if FINDING.search(es.definition):
            assert es.refs, f"{es.id}: reports a finding without a reference"


def test_every_spanish_term_is_linked_and_every_link_has_a_definition(spanish):
    defined = {t.id for t in spanish.glossary.terms}
    linked = set()
    for page in _pages(spanish, "advanced").values():
        ids = _linked(page)
        assert len(ids) == len(set(ids)), "a term is linked twice on one page"
        linked.update(ids)
    assert linked <= defined
    assert defined - linked == set(), "Spanish glossary terms no panel text uses"


def test_every_spanish_form_is_a_word_the_spanish_panels_use(spanish):
    unlinked = dataclasses.replace(spanish, glossary=Glossary())   # no term link hides a form
    pages = [page for level in READING_LEVELS for page in _pages(unlinked, level).values()]
    unused = []
    for term in spanish.glossary.terms:
        for form in term.forms:
            alone = Glossary((GlossaryTerm(term.id, term.term, (form,), term.definition),))
            if not any(_linked(link_terms(page, alone, "#fff")) for page in pages):
                unused.append(f"{term.id}: {form!r}")
    assert unused == [], "forms no Spanish panel text contains"


@pytest.mark.parametrize("level", READING_LEVELS)
def test_a_spanish_page_links_the_terms_its_english_page_links(english, spanish, level):
    en_pages, es_pages = _pages(english, level), _pages(spanish, level)
    assert set(en_pages) == set(es_pages)
    missing = {name: sorted(set(_linked(page)) - set(_linked(es_pages[name])))
               for name, page in en_pages.items()}
    assert {name: ids for name, ids in missing.items() if ids} == {}
