"""Content to HTML: escaping, emphasis, citations, links, colours (no display needed)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from atlases.teaching.content import EVIDENCE, SECTIONS
from viewer.scene.themes import contrast_ratio, get_theme, themes
from viewer.text.content_html import mechanism_html, region_html, rich_text, safe_link, welcome_html
from viewer.text.html_style import MIN_CONTRAST, html_style, readable

from helpers_content import builtin_content, sample_content

THEME_IDS = sorted(themes())
_BUILTIN = builtin_content()


@pytest.fixture(params=["sample", "builtin"])
def content(request):
    if request.param == "sample":
        return sample_content()
    if _BUILTIN is None:
        pytest.skip("built-in content is not complete yet")
    return _BUILTIN


@pytest.fixture
def sample():
    return sample_content()


def _all_pages(content, theme_id="light", scale=1.0):
    theme = get_theme(theme_id)
    pages = [region_html(r, content, "Defined <b>here</b>", theme, scale) for r in content.regions.values()]
    pages.append(mechanism_html(content, theme, scale, content.mechanism.steps[0].id))
    pages.append(welcome_html(content, theme, scale))
    return pages


def _tags(page: str) -> set[str]:
    return {t.lower() for t in re.findall(r"<\s*/?\s*([a-zA-Z0-9]+)", page)}


def _hrefs(page: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', page)


# ----------------------------------------------------------------- escaping
def test_hostile_markup_is_escaped(sample):
    page = region_html(sample.regions["hippocampus"], sample, "<script>x()</script>", get_theme("light"))
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=http://x&gt;" in page
    assert "javascript:" not in re.sub(r"&lt;a href=&quot;javascript:", "", page)
    assert "Mallory &lt;b&gt;X&lt;/b&gt;" in page


@pytest.mark.parametrize("theme_id", THEME_IDS)
def test_only_the_safe_tag_subset_is_produced(content, theme_id):
    allowed = {"html", "body", "h1", "h2", "h3", "p", "b", "i", "ul", "ol", "li", "a", "span", "br",
               "table", "tr", "td"}
    for page in _all_pages(content, theme_id):
        assert _tags(page) <= allowed
        for href in _hrefs(page):
            assert (href.startswith(("#ref-", "region:", "step:")) or safe_link(href) == href
                    or re.fullmatch(r"term:[a-z][a-z0-9_]{0,63}", href)), href


def test_no_remote_resources(content):
    for page in _all_pages(content):
        assert "src=" not in page.replace("src=http://x", "")
        assert "url(" not in page and "@import" not in page


@pytest.mark.parametrize("text, expected", [
    ("a **bold** word", "a <b>bold</b> word"),
    ("an *italic* word", "an <i>italic</i> word"),
    ("**In depression:** *d* = 0.1", "<b>In depression:</b> <i>d</i> = 0.1"),
    ("2 * 3 * 4", "2 * 3 * 4"),
    ("<b>raw</b> & **ok**", "&lt;b&gt;raw&lt;/b&gt; &amp; <b>ok</b>"),
    ("**<i>x</i>**", "<b>&lt;i&gt;x&lt;/i&gt;</b>"),
])
def test_rich_text_escapes_then_converts_emphasis(text, expected):
    assert rich_text(text) == expected


def test_emphasis_in_content_is_converted(sample):
    page = region_html(sample.regions["hippocampus"], sample, None, get_theme("light"))
    assert "lies <b>here</b>." in page and "does <i>many</i> things" in page


# --------------------------------------------------------------- citations
def test_every_paragraph_cites_its_refs_as_links(content):
    theme = get_theme("light")
    for region in content.regions.values():
        page = region_html(region, content, None, theme)
        for paras in region.sections.values():
            for para in paras:
                for ref_id in para.refs:
                    assert f'href="#ref-{ref_id}"' in page
                    assert f'<a name="ref-{ref_id}"></a>' in page
        for ref_id in region.references() + list(content.safety.refs):
            ref = content.reference(ref_id)
            if ref.doi:
                assert f'href="{safe_link("doi:" + ref.doi)}"' in page


def test_references_are_numbered_once_in_first_cited_order(sample):
    page = region_html(sample.regions["hippocampus"], sample, None, get_theme("light"))
    anchors = re.findall(r'<a name="ref-([a-z0-9_]+)"></a>', page)
    expected = list(dict.fromkeys(sample.regions["hippocampus"].references() + list(sample.safety.refs)))
    assert anchors == expected
    assert "<ol" in page and "References" in page
    assert 'href="https://doi.org/10.1126/science.1190287"' in page
    assert 'href="https://doi.org/10.1000/%3Cx%3E"' in page   # hostile DOI is URL-quoted


def test_region_page_structure(sample):
    region = sample.regions["prefrontal_cortex"]
    page = region_html(region, sample, "Frontal <lobe> labels", get_theme("light"))
    positions = [page.index(heading) for heading in SECTIONS.values()]
    assert positions == sorted(positions)
    assert page.index("Prefrontal cortex") < page.index("(PFC)") < positions[0]
    assert positions[0] < page.index("In this atlas:") < positions[1]
    assert "Frontal &lt;lobe&gt; labels" in page
    assert positions[-1] < page.index(sample.safety.title) < page.index("References")
    for key in ("established", "human", "animal", "hypothesis"):
        assert f"Evidence: {EVIDENCE[key]}" in page


def test_no_definition_no_atlas_line(sample):
    page = region_html(sample.regions["hippocampus"], sample, None, get_theme("light"))
    assert "In this atlas" not in page


def test_ui_strings_are_translated(sample):
    tr = {"References": "Literatur", "In this atlas:": "In diesem Atlas:", "Evidence:": "Evidenz:",
          "Where it is": "Wo sie liegt", "animal studies": "Tierstudien"}.get
    page = region_html(sample.regions["hippocampus"], sample, "def", get_theme("light"),
                       tr=lambda s: tr(s) or s)
    for word in ("Literatur", "In diesem Atlas:", "Evidenz: Tierstudien", "Wo sie liegt"):
        assert word in page


# --------------------------------------------------------------- mechanism
def test_mechanism_steps_in_order_with_current_highlighted(sample):
    style = html_style(get_theme("light"))
    page = mechanism_html(sample, get_theme("light"), 1.0, "bdnf")
    positions = [page.index(f'name="step-{s.id}"') for s in sample.mechanism.steps]
    assert positions == sorted(positions)
    assert page.count(f'bgcolor="{style.highlight}"') == 1 and "Current step" in page
    assert page.index(f'bgcolor="{style.highlight}"') > positions[0]
    assert 'href="region:prefrontal_cortex"' in page and 'href="region:hippocampus"' in page
    assert 'href="step:synapses"' in page and 'href="#ref-autry2011"' in page
    assert "Current step" not in mechanism_html(sample, get_theme("light"), 1.0, None)


def test_welcome_lists_regions_as_links_in_their_colours(content):
    for theme_id in THEME_IDS:
        style = html_style(get_theme(theme_id))
        page = welcome_html(content, get_theme(theme_id))
        for rid in content.regions:
            assert re.search(rf'href="region:{rid}" style="color:{style.regions[rid]};', page)
        assert "Click a region" in page and "scroll to zoom" in page


# ------------------------------------------------------------- safe links
@pytest.mark.parametrize("url, expected", [
    ("https://doi.org/10.1/x", "https://doi.org/10.1/x"),
    ("http://example.org/a?b=c#d", "http://example.org/a?b=c#d"),
    ("HTTPS://Example.org", "HTTPS://Example.org"),
    ("  https://example.org  ", "https://example.org"),
    ("doi:10.1038/nature10130", "https://doi.org/10.1038/nature10130"),
    ("DOI:10.1016/S0006-3223(99)00230-9", "https://doi.org/10.1016/S0006-3223(99)00230-9"),
    ("doi:not-a-doi", None),
    ("javascript:alert(1)", None),
    ("JavaScript:alert(1)", None),
    ("file:///etc/passwd", None),
    ("data:text/html,<script>", None),
    ("ftp://example.org", None),
    ("region:hippocampus", None),
    ("#ref-li2010", None),
    ("relative/path.html", None),
    ("//example.org/x", None),
    ("https://", None),
    ("https://exa mple.org", None),
    ("https://example.org/\nx", None),
    ("", None),
    (None, None),
])
def test_safe_link(url, expected):
    assert safe_link(url) == expected


# ----------------------------------------------------------------- colours
@pytest.mark.parametrize("theme_id", THEME_IDS)
def test_text_colours_contrast_on_every_theme(theme_id):
    theme = get_theme(theme_id)
    s = html_style(theme)
    backgrounds = (theme.background, s.highlight, s.warning_bg)
    colours = [s.link, s.text, s.muted, *s.regions.values(), *(fg for fg, _ in s.evidence.values())]
    for colour in colours:
        for bg in backgrounds:
            assert contrast_ratio(colour, bg) >= MIN_CONTRAST, (colour, bg)
    for fg, badge_bg in s.evidence.values():
        assert contrast_ratio(fg, badge_bg) >= MIN_CONTRAST
    assert contrast_ratio(s.background, s.link) >= MIN_CONTRAST   # current step number
    assert f"color:{s.link}" in region_html(sample_content().regions["hippocampus"], sample_content(), None,
                                            theme)


def test_link_colour_follows_background_luminance():
    assert contrast_ratio(html_style(get_theme("light")).link, "#000000") < 10
    assert contrast_ratio(html_style(get_theme("projector")).link, "#000000") > 10


@pytest.mark.parametrize("colour, bg", [("#E69F00", "#FFFFFF"), ("#000080", "#000000"), ("#777777", "#777777")])
def test_readable_reaches_the_ratio(colour, bg):
    assert contrast_ratio(readable(colour, bg), bg) >= MIN_CONTRAST


def test_font_sizes_follow_scale(sample):
    assert html_style(get_theme("light"), 1.0).base_px == 15
    big = html_style(get_theme("light"), 1.75)
    assert big.base_px == round(15 * 1.75) and big.h1_px > big.h2_px > big.base_px > big.small_px
    assert f"font-size:{big.base_px}px" in welcome_html(sample, get_theme("light"), 1.75)


def test_module_imports_no_qt():
    code = ("import sys, viewer.text.content_html, viewer.text.html_style; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyvistaqt')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[3],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
