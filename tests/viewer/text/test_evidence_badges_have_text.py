"""Colour is never the only cue: every evidence badge in the panel says its evidence level in words."""

from __future__ import annotations

import re

import pytest

from atlases.teaching.content import EVIDENCE, load_content
from viewer.scene.themes import themes
from viewer.text.content_html import mechanism_html, region_html
from viewer.text.html_style import html_style

_SPAN = re.compile(r'<span style="([^"]*)">(.*?)</span>', re.S)


def _badges(html: str, style) -> list[tuple[str, str]]:
    """(background, text) of every span painted in an evidence badge's background."""
    backgrounds = {bg for _ink, bg in style.evidence.values()}
    found = []
    for css, text in _SPAN.findall(html):
        match = re.search(r"background-color:\s*(#[0-9A-Fa-f]{6})", css)
        if match and match.group(1) in backgrounds:
            found.append((match.group(1), re.sub(r"<[^>]+>|&nbsp;", " ", text).strip()))
    return found


@pytest.mark.parametrize("theme_id", ["light", "dark", "projector"])
def test_every_badge_names_its_evidence_level(theme_id):
    content, theme = load_content(), themes()[theme_id]
    style = html_style(theme)
    bg_level = {bg: level for level, (_ink, bg) in style.evidence.items()}
    pages = [region_html(region, content, None, theme) for region in content.regions.values()]
    pages += [mechanism_html(content, theme, current_step=step.id) for step in content.mechanism.steps]
    badges = [badge for page in pages for badge in _badges(page, style)]
    assert len(badges) >= 10   # the built-in content has evidence on every claim
    for background, text in badges:
        level = bg_level[background]
        assert text == f"Evidence: {EVIDENCE[level]}", (background, text)


def test_badge_backgrounds_differ_by_level_but_words_carry_the_meaning():
    style = html_style(themes()["light"])
    words = {EVIDENCE[level] for level in style.evidence}
    assert len(words) == len(style.evidence)   # one distinct word per level, whatever the colours
