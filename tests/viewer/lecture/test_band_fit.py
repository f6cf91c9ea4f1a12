"""The caption band's sizing rule (viewer/lecture/band_fit.py), without a display.

Lecture-mode text follows the screen's height and the UI scale, keeps the
legibility floor (28 px at 1080 px, proportionally less on a smaller screen),
and fits the band's share of the height: a long caption wraps (the measure
below wraps like a label), then shrinks, and is shortened at a word boundary
only when it cannot fit even at the floor.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.lecture.band_fit import (
    BREAK,
    ELLIPSIS,
    LECTURE_MAX_SHARE,
    BandSizes,
    band_sizes,
    break_long_words,
    caption_range,
    fit_band,
    max_band_height,
    shorten,
    sizes_for_caption,
)

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None)

LONG = ("In mice, ketamine drives a 1–3 Hz rhythm here that is linked to dissociation. In humans a similar "
        "rhythm was seen in one epilepsy patient, not yet in anyone given ketamine.")


def wrapping_measure(width: float, calls: list | None = None):
    """A label-like measure: words wrap at ``width``; a word wider than a line does not fit."""

    def lines(text: str, px: int) -> int:
        if not text:
            return 0
        n, used = 1, 0.0
        for word in text.split():
            w = 0.6 * px * len(word)
            if w > width:
                return -1
            if used and used + 0.3 * px + w > width:
                n, used = n + 1, w
            else:
                used += (0.3 * px if used else 0) + w
        return n

    def measure(sizes: BandSizes, caption: str, refs: str) -> float:
        if calls is not None:
            calls.append((sizes, caption, refs))
        parts = [(1, sizes.title), (lines(caption, sizes.caption), sizes.caption), (lines(refs, sizes.small),
                                                                                     sizes.small)]
        if any(n < 0 for n, _ in parts):
            return math.inf
        return 1.6 * sizes.pad + sum(1.25 * px * n for n, px in parts) + 2 * 0.45 * sizes.pad

    return measure


def test_lecture_sizes_follow_the_screen_height():
    assert caption_range(1080, 1.0, True) == (32, 28)
    assert caption_range(768, 1.0, True) == (23, 20)     # the 1080 p sizes, scaled to a 768 px projector
    assert caption_range(2160, 1.0, True) == (64, 56)
    assert caption_range(400, 1.0, True) == (12, 12)     # a tiny view: the preferred size is the floor
    assert caption_range(600, 1.0, True)[1] >= 14
    assert band_sizes(1.0, True, 1080)["caption"] == 32 and band_sizes(2.0, True, 1080)["caption"] == 64


def test_window_sizes_follow_the_ui_scale_only():
    assert caption_range(500, 1.0, False) == caption_range(2000, 1.0, False) == (17, 17)
    assert caption_range(800, 2.0, False) == (34, 17)


@pytest.mark.parametrize("height", [None, 0, -5, math.nan, math.inf])
def test_an_unknown_height_counts_as_1080(height):
    assert caption_range(height, 1.0, True) == (32, 28) and max_band_height(height, True) == 0.38 * 1080


@pytest.mark.parametrize("scale", [0, -1, math.nan, math.inf])
def test_a_broken_ui_scale_counts_as_100_percent(scale):
    assert caption_range(1080, scale, True) == (32, 28)


def test_a_caption_that_fits_keeps_the_preferred_size():
    fit = fit_band(1080, 1.0, True, wrapping_measure(1800), LONG, "Sources: Vesuna et al. 2020")
    assert fit.sizes.caption == 32 and fit.caption == LONG and not fit.shortened


def test_at_1024x768_the_long_caption_fits_its_share_without_shrinking_below_the_floor():
    fit = fit_band(768, 1.0, True, wrapping_measure(960), LONG, "Sources: Vesuna et al. 2020 · Parvizi et al. 2021")
    assert 20 <= fit.sizes.caption <= 23 and fit.height <= LECTURE_MAX_SHARE * 768 and not fit.shortened


def test_a_large_ui_scale_shrinks_back_to_what_fits():
    measure = wrapping_measure(960)
    fit = fit_band(768, 3.0, True, measure, LONG, "Sources: x")
    assert caption_range(768, 3.0, True)[0] == 68 and 20 <= fit.sizes.caption < 68
    assert fit.height <= LECTURE_MAX_SHARE * 768
    # the chosen size is the largest that fits
    assert measure(sizes_for_caption(fit.sizes.caption + 1, True), LONG, "Sources: x") > LECTURE_MAX_SHARE * 768


def test_a_word_wider_than_the_line_makes_the_text_shrink():
    word = "x" * 55   # 0.6 * 23 px * 55 = 759 px: wider than a 700 px line at 23 px, narrower at 21 px
    fit = fit_band(768, 1.0, True, wrapping_measure(700), f"a {word} b", "")
    assert fit.sizes.caption == 21 and fit.caption == f"a {word} b" and fit.height <= LECTURE_MAX_SHARE * 768


def test_a_caption_that_ends_with_an_ellipsis_is_not_taken_for_a_shortened_one():
    fit = fit_band(1080, 1.0, True, wrapping_measure(1800), "To be continued…", "")
    assert fit.caption == "To be continued…" and not fit.shortened


def test_only_a_caption_too_long_for_the_floor_is_shortened_at_a_word_boundary():
    caption = " ".join(["word"] * 300)
    fit = fit_band(768, 1.0, True, wrapping_measure(600), caption, "Sources: " + " · ".join(["Someone 2020"] * 40))
    assert fit.sizes.caption == caption_range(768, 1.0, True)[1]   # at the floor
    assert fit.caption.endswith(ELLIPSIS) and caption.startswith(fit.caption[:-1].rstrip())
    assert fit.caption[:-1].split() == caption.split()[:len(fit.caption[:-1].split())]   # whole words
    assert fit.height <= LECTURE_MAX_SHARE * 768 and fit.shortened


def test_the_citations_give_way_before_the_caption():
    refs = "Sources: " + " · ".join(f"Author{i} 2020" for i in range(200))
    fit = fit_band(768, 1.0, True, wrapping_measure(960), LONG, refs)
    assert fit.caption == LONG and fit.refs.endswith(ELLIPSIS) and fit.height <= LECTURE_MAX_SHARE * 768


def test_nothing_fits_a_band_of_no_height():
    fit = fit_band(1, 1.0, True, wrapping_measure(960), LONG, "Sources: x")
    assert fit.caption == ELLIPSIS and fit.refs == ELLIPSIS


def test_the_measure_is_called_a_bounded_number_of_times():
    calls = []
    fit_band(2160, 3.0, True, wrapping_measure(3000, calls), LONG, "Sources: x")   # 192 px down to 56 px
    assert len(calls) <= 12


def test_shorten():
    assert shorten("a b c", 2) == "a b" + ELLIPSIS
    assert shorten("a b c", 3) == shorten("a b c", 9) == "a b c"
    assert shorten("a b c", 0) == ELLIPSIS


def test_only_words_wider_than_a_line_get_break_opportunities():
    def fits(piece):
        return len(piece) <= 5

    assert break_long_words("a short text", fits) == "a short text"
    assert break_long_words("abcdefghijkl and", fits) == f"abcde{BREAK}fghij{BREAK}kl and"
    assert break_long_words("", fits) == "" and break_long_words("  ", fits) == "  "
    assert break_long_words("xyz", lambda piece: False) == BREAK.join("xyz")   # one character a line at least


@SETTINGS
@given(text=st.text(max_size=200), width=st.integers(min_value=0, max_value=20))
def test_break_opportunities_keep_the_text_and_fit_the_line(text, width):
    broken = break_long_words(text, lambda piece: len(piece) <= width)
    assert broken.replace(BREAK, "") == text.replace(BREAK, "")
    for word in broken.split(" "):
        if word not in text.split(" "):
            assert all(1 <= len(piece) <= max(width, 1) for piece in word.split(BREAK))


# ------------------------------------------------------------------- property
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzMW–.…*", min_size=1, max_size=40)


@SETTINGS
@given(height=st.integers(min_value=240, max_value=4320), scale=st.floats(min_value=1.0, max_value=3.0),
       width=st.integers(min_value=320, max_value=3840), lecture=st.booleans(),
       caption=st.lists(WORD, max_size=60).map(" ".join), refs=st.lists(WORD, max_size=30).map(" ".join))
def test_the_band_fits_its_share_of_any_height(height, scale, width, lecture, caption, refs):
    measure = wrapping_measure(width)
    fit = fit_band(height, scale, lecture, measure, caption, refs)
    preferred, floor = caption_range(height, scale, lecture)
    assert floor <= fit.sizes.caption <= preferred
    limit = max_band_height(height, lecture)
    if fit.caption != ELLIPSIS:   # a bare ellipsis is all a band without room can show
        assert fit.height <= limit
    if fit.shortened:   # only at the floor, and only whole words of the original
        assert fit.sizes.caption == floor
        for shown, original in ((fit.caption, caption), (fit.refs, refs)):
            if shown.endswith(ELLIPSIS) and shown != original:
                words = shown[:-1].split()
                assert words == original.split()[:len(words)]
    else:
        assert fit.caption == caption and fit.refs == refs
