"""Region summaries carry their citations (issue 13, item 6): on the region page and on the welcome page."""

from __future__ import annotations

import dataclasses
import re

import pytest

from atlases.sources.definitions import REGION_IDS
from atlases.teaching.content import load_content
from viewer.scene.themes import get_theme
from viewer.text.content_html import region_html, welcome_html


@pytest.fixture(scope="module")
def content():
    return load_content()


def _summary_part(page: str) -> str:
    """The page from the title to the first section heading: the summary paragraph."""
    return page[page.index("</h1>"):page.index("<h2")]


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_region_page_cites_the_summary(content, region_id):
    region = content.region(region_id)
    page = region_html(region, content, None, get_theme("light"))
    summary = _summary_part(page)
    for ref_id in region.summary_refs:
        assert f'href="#ref-{ref_id}"' in summary
        assert f'<a name="ref-{ref_id}"></a>' in page   # listed under References
    anchors = re.findall(r'<a name="ref-([a-z0-9_]+)"></a>', page)
    assert anchors[:len(region.summary_refs)] == list(region.summary_refs)   # numbered first: cited first


def test_a_summary_without_refs_shows_no_citation(content):
    region = dataclasses.replace(content.region("hippocampus"), summary_refs=())
    assert "#ref-" not in _summary_part(region_html(region, content, None, get_theme("light")))


def test_welcome_page_names_each_summarys_sources_without_links(content):
    page = welcome_html(content, get_theme("dark"))
    for region_id in REGION_IDS:
        region = content.region(region_id)
        start = page.index(f'href="region:{region_id}"')
        item = page[start:page.index("</li>", start)]
        shorts = "; ".join(content.reference(r).short() for r in region.summary_refs)
        assert shorts and f"({shorts})" in item.replace("&amp;", "&")
        assert "#ref-" not in item
