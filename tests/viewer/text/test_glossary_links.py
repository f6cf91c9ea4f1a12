"""Glossary links: the first use of each term on a page links to ``term:<id>``, never inside a tag or a link."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from atlases.teaching.content import load_content
from atlases.teaching.glossary import Glossary, GlossaryTerm
from viewer.scene.themes import get_theme, themes
from viewer.text.content_html import mechanism_html, region_html, rich_text
from viewer.text.glossary_links import link_terms

GLOSSARY = Glossary((
    GlossaryTerm("nmda_receptor", "NMDA receptor", ("NMDA receptor", "NMDA receptors"), "A receptor."),
    GlossaryTerm("receptor", "receptor", ("receptor",), "A protein."),
    GlossaryTerm("sub_anesthetic", "sub-anesthetic", ("sub-anesthetic",), "Low."),
    GlossaryTerm("amp", "amp", ("amp", "x27", "s"), "Entity parts."),
))
THEME_IDS = sorted(themes())
TERM_LINK = re.compile(r'<a href="term:(\w+)"[^>]*>([^<]*)</a>')


def _links(markup):
    return TERM_LINK.findall(markup)


@pytest.fixture(scope="module")
def content():
    return load_content()


def _pages(content, theme_id="dark"):
    theme = get_theme(theme_id)
    pages = [region_html(r, content, "Atlas NMDA receptor text", theme) for r in content.regions.values()]
    pages.append(mechanism_html(content, theme))
    return pages


# ------------------------------------------------------------------ unit
def test_the_first_use_is_linked_longest_form_first_whole_words_ignoring_case():
    out = link_terms("<p>Two nmda Receptors and one NMDA receptor; the receptor again.</p>", GLOSSARY, "#fff")
    assert _links(out) == [("nmda_receptor", "nmda Receptors"), ("receptor", "receptor")]
    assert out.startswith('<p>Two <a href="term:nmda_receptor" style="color:#fff; text-decoration:underline;">')


def test_a_shorter_form_inside_a_longer_one_already_linked_is_not_linked():
    out = link_terms("<p>NMDA receptor. NMDA receptors.</p>", GLOSSARY, "#fff")
    assert _links(out) == [("nmda_receptor", "NMDA receptor")]


def test_only_whole_words_and_never_parts_of_entities_or_hyphenated_words():
    text = rich_text("Receptors, co-receptor, receptorial, 'amp' & it's not-sub-anesthetic")
    assert _links(link_terms(f"<p>{text}</p>", GLOSSARY, "#fff")) == []
    assert _links(link_terms("<p>a sub-anesthetic dose</p>", GLOSSARY, "#fff")) == [
        ("sub_anesthetic", "sub-anesthetic")]


def test_never_inside_a_tag_a_link_or_a_heading():
    markup = ('<h2 title="receptor">NMDA receptor</h2><p><a href="#ref-x">receptor</a>'
              '<span style="receptor">x</span> <b>NMDA receptor</b> receptor</p>')
    out = link_terms(markup, GLOSSARY, "#fff")
    assert _links(out) == [("nmda_receptor", "NMDA receptor"), ("receptor", "receptor")]
    assert out.startswith('<h2 title="receptor">NMDA receptor</h2><p><a href="#ref-x">receptor</a>'
                          '<span style="receptor">x</span> <b><a href="term:nmda_receptor"')


def test_a_shared_seen_set_links_each_term_once_per_page():
    seen: set[str] = set()
    first = link_terms("<p>receptor</p>", GLOSSARY, "#fff", seen)
    second = link_terms("<p>receptor</p>", GLOSSARY, "#fff", seen)
    assert _links(first) and not _links(second)


def test_an_empty_glossary_changes_nothing():
    markup = "<p>NMDA receptor</p>"
    assert link_terms(markup, Glossary(), "#fff") == markup


def test_a_long_page_links_in_linear_time():
    text = "<p>" + "word receptor-ish " * 50_000 + "NMDA receptor</p>"
    assert _links(link_terms(text, GLOSSARY, "#fff")) == [("nmda_receptor", "NMDA receptor")]


# ------------------------------------------------------------------ shipped content
def test_every_linked_term_has_a_definition_and_every_definition_is_used(content):
    glossary = content.glossary
    defined = {t.id for t in glossary.terms}
    linked = set()
    for page in _pages(content):
        ids = [term_id for term_id, _text in _links(page)]
        assert len(ids) == len(set(ids)), "a term is linked twice on one page"
        linked.update(ids)
    assert linked <= defined
    assert defined - linked == set(), "glossary terms no panel text uses"


class _LinkNesting(HTMLParser):
    """Records a term link inside another link or a heading, and links in the reference list."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith("term:") and any(t in ("a", "h1", "h2", "h3", "ol") for t in self.stack):
            self.problems.append(f"{href} inside {self.stack}")
        if tag in ("a", "h1", "h2", "h3", "ol", "li", "p", "b", "i", "span", "td", "tr", "table"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass


@pytest.mark.parametrize("theme_id", THEME_IDS)
def test_no_term_link_inside_another_link_a_heading_or_the_references(content, theme_id):
    for page in _pages(content, theme_id):
        parser = _LinkNesting()
        parser.feed(page)
        assert parser.problems == []
        assert _links(page)
        for _term_id, text in _links(page):
            assert "<" not in text and ">" not in text
