"""The mechanism page cites the intro's references (issue 13: "antidepressant-like" explained)."""

from __future__ import annotations

import dataclasses

from viewer.scene.themes import get_theme
from viewer.text.content_html import mechanism_html

from helpers_content import builtin_content, sample_content


def _intro_paragraph(page: str, intro_start: str) -> str:
    start = page.index(intro_start)
    return page[start:page.index("</p>", start)]


def test_intro_citations_link_to_the_reference_list():
    sample = sample_content()
    content = dataclasses.replace(
        sample, mechanism=dataclasses.replace(sample.mechanism, intro_refs=("duman2012", "evil")))
    page = mechanism_html(content, get_theme("light"))
    intro = _intro_paragraph(page, "A <i>cascade</i> of steps.")
    assert '<a href="#ref-duman2012"' in intro and "Duman &amp; Aghajanian 2012" in intro
    assert '<a href="#ref-evil"' in intro and "<b>X</b>" not in intro  # escaped like every citation
    assert '<a name="ref-duman2012">' in page and '<a name="ref-evil">' in page


def test_no_intro_refs_no_citation():
    page = mechanism_html(sample_content(), get_theme("light"))
    assert "(<a" not in _intro_paragraph(page, "A <i>cascade</i> of steps.")


def test_builtin_intro_cites_the_rodent_tests_and_their_limits():
    content = builtin_content()
    assert content is not None
    page = mechanism_html(content, get_theme("dark"))
    intro = _intro_paragraph(page, "This is the leading model")
    for short in ("Porsolt et al. 1977", "Steru et al. 1985", "Commons et al. 2017"):
        assert short in intro, short
