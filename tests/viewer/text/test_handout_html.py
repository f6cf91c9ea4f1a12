"""The handout's print HTML: escaped content, no links, numbered citations with DOI URLs (no display needed)."""

from __future__ import annotations

import re

import pytest

from atlases.sources.definitions import REGION_IDS
from viewer.scene.themes import get_theme
from viewer.text import handout_html as hh

from helpers_content import HOSTILE, builtin_content, sample_content

_BUILTIN = builtin_content()


def _identity(context: str, text: str) -> str:
    return text


def _every_block(content, level="advanced", trc=_identity):
    """All the handout's HTML blocks in the order the PDF has them, and the citations they made."""
    s = hh.print_style(300)
    cites = hh.HandoutCitations(content)
    regions = [r for r in REGION_IDS if r in content.regions]
    blocks = [hh.title_html(s, trc, level, "Brain Region Explorer", "Atlas <b>X</b>", "2026-01-01"),
              hh.regions_overview_html(content, regions, s, trc, cites, level)]
    for rid in regions:
        blocks.append(hh.region_heading_html(content.regions[rid], s))
        blocks.append(hh.region_text_html(content.regions[rid], content, s, trc, cites, level, "Defined <i>here</i>"))
    blocks.append(hh.mechanism_intro_html(content, s, trc, cites, level))
    blocks += [hh.step_html(step, n, content, s, trc, cites, level)
               for n, step in enumerate(content.mechanism.steps, 1)]
    blocks.append(hh.safety_html(content, s, trc, cites))
    blocks.append(hh.references_html(content, s, trc, cites))
    return blocks, cites


def _cited(content) -> set[str]:
    refs = {r for region in content.regions.values() for r in region.references()}
    refs |= {r for step in content.mechanism.steps for r in step.refs}
    return refs | set(content.mechanism.intro_refs) | set(content.safety.refs)


def test_hostile_text_is_escaped_everywhere():
    blocks, _ = _every_block(sample_content())
    page = "".join(blocks)
    assert HOSTILE in sample_content().regions["hippocampus"].sections["ketamine"][0].text
    for bad in ("<script", "<img", '="javascript:', "<a ", 'href="'):
        assert bad not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Atlas &lt;b&gt;X&lt;/b&gt;" in page and "Defined &lt;i&gt;here&lt;/i&gt;" in page


@pytest.mark.parametrize("which", ["sample", "builtin"])
def test_no_links_at_all(which):
    content = sample_content() if which == "sample" else _BUILTIN
    if content is None:
        pytest.skip("no built-in content")
    page = "".join(_every_block(content)[0])
    assert 'href="' not in page and "<a " not in page
    assert "region:" not in page and "step:" not in page and "term:" not in page


@pytest.mark.parametrize("which", ["sample", "builtin"])
def test_every_cited_reference_is_listed_once_with_its_doi_url(which):
    content = sample_content() if which == "sample" else _BUILTIN
    if content is None:
        pytest.skip("no built-in content")
    blocks, cites = _every_block(content)
    references = blocks[-1]
    assert set(cites.order) == _cited(content)
    assert sorted(cites.order.values()) == list(range(1, len(cites.order) + 1))
    for ref_id, number in cites.order.items():
        ref = content.reference(ref_id)
        assert references.count(f">[{number}]<") == 1
        if ref.doi and re.fullmatch(r"10\.\d{4,9}/[^\s<>\"&]+", ref.doi):
            assert references.count(f"https://doi.org/{ref.doi}") == 1, ref_id
    # The text cites by those numbers.
    text = "".join(blocks[:-1])
    for number in cites.order.values():
        assert f"[{number}]" in text


def test_citation_numbers_follow_the_first_citation():
    content = sample_content()
    cites = hh.HandoutCitations(content)
    assert cites.cite(("li2010", "autry2011")) == " (Li et al. 2010 [1]; Autry et al. 2011 [2])"
    assert cites.cite(("autry2011",)) == " (Autry et al. 2011 [2])"
    assert cites.cite(()) == ""


def test_reading_levels_give_different_texts():
    if _BUILTIN is None:
        pytest.skip("no built-in content")
    region = _BUILTIN.regions["hippocampus"]
    s = hh.print_style(300)
    intro = hh.region_text_html(region, _BUILTIN, s, _identity, hh.HandoutCitations(_BUILTIN), "intro")
    advanced = hh.region_text_html(region, _BUILTIN, s, _identity, hh.HandoutCitations(_BUILTIN), "advanced")
    assert intro != advanced
    assert hh.rich_text(region.summary_at("intro")) in intro
    assert hh.rich_text(region.summary_at("advanced")) in advanced


def test_headings_go_through_the_translator_and_content_does_not():
    content = sample_content()
    calls = []

    def shout(context, text):
        calls.append(context)
        return text.upper()

    page = "".join(_every_block(content, trc=shout)[0])
    assert "REFERENCES" in page and "WHERE IT IS" in page and "SAFETY NOTE" in page and "STEP 1" in page
    assert "The Hippocampus summary." in page            # content untouched
    assert set(calls) == {hh.TR_CONTEXT, "ContentHtml"}


def test_print_sizes_are_points_at_the_device_resolution():
    assert hh.print_style(300).base_px == round(hh.BASE_PT * 300 / 72)
    assert hh.print_style(72).base_px == round(hh.BASE_PT)
    # Paper colours whatever the theme; the region colours are the theme's (made readable on white).
    s = hh.print_style(300, get_theme("dark"))
    assert s.background == get_theme("light").background
    assert set(s.regions) >= set(REGION_IDS)
