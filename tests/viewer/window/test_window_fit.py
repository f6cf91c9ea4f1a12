"""Issue 17, the main window fits every screen: the placement maths (no display, no Qt).

:mod:`viewer.window.window_fit` decides where the window goes from rectangles:
the preferred size when it fits with its frame, else maximised; a saved
place moved onto the screen it overlaps most (or the primary one, when its
screen is gone); a saved size that no longer fits maximised. The splitter's
saved widths are read by :func:`viewer.window.side_splitter.saved_sizes`.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from viewer.window.window_fit import (
    Placement,
    area_for,
    contains,
    fill_area,
    fits,
    place_new,
    place_saved,
    usable_areas,
    with_frame,
)

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
ROOT = Path(__file__).resolve().parents[3]

PREFERRED, MINIMUM = (1400, 860), (400, 300)
ALLOWANCE = (8, 40, 8, 8)       # viewer.window.window_placement.FRAME_ALLOWANCE
OPENBOX = (1, 20, 1, 5)         # the frame openbox draws
#: Available areas of the classroom screens (tests/helpers_screens.CLASSROOM_SCREENS), no panels.
SCREENS = {"1024x600": (0, 0, 1024, 600), "1024x768": (0, 0, 1024, 768), "1280x720": (0, 0, 1280, 720),
           "1280x800": (0, 0, 1280, 800), "1366x768": (0, 0, 1366, 768), "1920x1080": (0, 0, 1920, 1080)}


def inside_some(placement: Placement, frame, areas) -> bool:
    return any(contains(a, with_frame(placement.rect, frame)) for a in usable_areas(areas))


# ------------------------------------------------------------------ a new window
@pytest.mark.parametrize("frame", [ALLOWANCE, OPENBOX, (0, 0, 0, 0)])
@pytest.mark.parametrize("screen", SCREENS)
def test_a_new_window_is_maximised_where_the_preferred_size_does_not_fit(screen, frame):
    area = SCREENS[screen]
    placement = place_saved(None, frame, [area], PREFERRED, MINIMUM)
    assert placement.maximise is (screen != "1920x1080")
    assert contains(area, with_frame(placement.rect, frame))
    if placement.maximise:
        assert with_frame(placement.rect, frame) == area   # un-maximised, it fills the screen
    else:
        assert placement.rect[2:] == PREFERRED


def test_a_new_window_is_centred_on_the_primary_screen():
    areas = [(-1366, 0, 1366, 768), (0, 0, 1920, 1050), (1920, 0, 1920, 1080)]
    placement = place_saved(None, ALLOWANCE, areas, PREFERRED, MINIMUM, primary=1)
    # the frame (1416 x 908) centred in 1920 x 1050, the window 8 px right and 40 px below its corner
    assert placement == Placement(((1920 - 1416) // 2 + 8, (1050 - 908) // 2 + 40, 1400, 860), False)


@pytest.mark.parametrize(("area", "maximise"), [
    ((0, 30, 1920, 1050), False),     # a panel above: 1050 - 48 still holds 860
    ((0, 0, 1440, 900), True),        # 908 with the frame > 900
    ((0, 0, 1416, 908), False),       # exactly
    ((0, 0, 1415, 908), True), ((0, 0, 1416, 907), True),
    ((100, 200, 1024, 600), True),    # a second screen somewhere
])
def test_the_frame_counts(area, maximise):
    placement = place_new(PREFERRED, ALLOWANCE, area)
    assert placement.maximise is maximise
    assert contains(area, with_frame(placement.rect, ALLOWANCE))


# ------------------------------------------------------------------ a saved window
ONE_SCREEN = [(0, 0, 1920, 1080)]
TWO_SCREENS = [(0, 0, 1920, 1080), (1920, 0, 1366, 768)]


@pytest.mark.parametrize(("saved", "areas", "expected"), [
    # on a screen that is gone: moved onto the primary one, same size
    ((5000, 100, 800, 600), ONE_SCREEN, (1112, 100, 800, 600)),
    ((5000, 5000, 800, 600), ONE_SCREEN, (1112, 472, 800, 600)),
    ((-3000, 200, 800, 600), ONE_SCREEN, (8, 200, 800, 600)),
    ((100, -900, 800, 600), ONE_SCREEN, (100, 40, 800, 600)),
    ((2000, 100, 800, 600), ONE_SCREEN, (1112, 100, 800, 600)),
    # half off the edge of the screen it is on
    ((1500, 500, 800, 600), ONE_SCREEN, (1112, 472, 800, 600)),
    # on a second screen that is still there: stays on it
    ((2000, 100, 800, 600), TWO_SCREENS, (2000, 100, 800, 600)),
    ((3000, 100, 800, 600), TWO_SCREENS, (3286 - 8 - 800, 100, 800, 600)),
    # across two screens: the one it overlaps most
    ((1800, 100, 800, 600), TWO_SCREENS, (1928, 100, 800, 600)),
    ((1500, 100, 800, 600), TWO_SCREENS, (1112, 100, 800, 600)),
    # already in place: not moved
    ((8, 40, 1904, 1032), ONE_SCREEN, (8, 40, 1904, 1032)),
    ((260, 126, 1400, 860), ONE_SCREEN, (260, 126, 1400, 860)),
])
def test_a_saved_window_is_moved_onto_a_screen(saved, areas, expected):
    placement = place_saved(saved, ALLOWANCE, areas, PREFERRED, MINIMUM)
    assert placement == Placement(expected, False)
    assert inside_some(placement, ALLOWANCE, areas)


@pytest.mark.parametrize(("saved", "areas", "filled"), [
    ((0, 0, 100_000, 100_000), ONE_SCREEN, (0, 0, 1920, 1080)),
    ((0, 0, 1920, 1080), ONE_SCREEN, (0, 0, 1920, 1080)),   # the size of the screen, so not with its frame
    ((0, 0, 1905, 800), ONE_SCREEN, (0, 0, 1920, 1080)),
    ((0, 0, 1400, 1033), ONE_SCREEN, (0, 0, 1920, 1080)),
    ((2000, 0, 1400, 860), TWO_SCREENS, (1920, 0, 1366, 768)),   # saved on the big screen, now on the laptop
    ((5000, 0, 3000, 2000), ONE_SCREEN, (0, 0, 1920, 1080)),     # too large and on a gone screen
    ((0, 0, 2 ** 31 - 1, 2 ** 31 - 1), ONE_SCREEN, (0, 0, 1920, 1080)),
])
def test_a_saved_window_that_no_longer_fits_is_maximised(saved, areas, filled):
    placement = place_saved(saved, ALLOWANCE, areas, PREFERRED, MINIMUM)
    assert placement == Placement(fill_area(ALLOWANCE, filled), True)
    assert with_frame(placement.rect, ALLOWANCE) == filled


@pytest.mark.parametrize("saved", [(0, 0, 1, 1), (0, 0, 399, 860), (0, 0, 1400, 299), (0, 0, 0, 0),
                                   (0, 0, -5, -5), (5000, 5000, 10, 10)])
def test_a_saved_size_nobody_could_use_gives_the_preferred_one(saved):
    assert place_saved(saved, ALLOWANCE, ONE_SCREEN, PREFERRED, MINIMUM) == place_new(PREFERRED, ALLOWANCE,
                                                                                       ONE_SCREEN[0])


@pytest.mark.parametrize("areas", [[], [(0, 0, 0, 0)], [(0, 0, -1920, 1080)], [(0, 0, 1920, 0)]])
def test_no_usable_screen_gives_the_preferred_size(areas):
    assert place_saved((10, 10, 800, 600), ALLOWANCE, areas, PREFERRED, MINIMUM) == Placement((0, 0, 1400, 860),
                                                                                              False)


@pytest.mark.parametrize("primary", [-1, 2, 99])
def test_a_primary_index_out_of_range_uses_the_first_usable_screen(primary):
    areas = [(0, 0, 0, 0), (0, 0, 1920, 1080)]
    assert place_saved(None, ALLOWANCE, areas, PREFERRED, MINIMUM, primary) == place_new(PREFERRED, ALLOWANCE,
                                                                                         areas[1])


def test_negative_frame_margins_count_as_none():
    assert place_new(PREFERRED, (-50, -50, -50, -50), (0, 0, 1400, 860)) == Placement((0, 0, 1400, 860), False)
    assert with_frame((10, 10, 5, 5), (-1, -1, -1, -1)) == (10, 10, 5, 5)


def test_area_for_picks_the_largest_overlap():
    areas = [(0, 0, 1000, 1000), (1000, 0, 1000, 1000)]
    assert area_for((900, 0, 200, 100), (0, 0, 0, 0), areas) == areas[0]   # equal overlap: the first
    assert area_for((901, 0, 200, 100), (0, 0, 0, 0), areas) == areas[1]
    assert area_for((5000, 0, 200, 100), (0, 0, 0, 0), areas, primary=1) == areas[1]
    assert area_for((0, 0, 1, 1), ALLOWANCE, []) is None


# ------------------------------------------------------------------ properties
COORD = st.integers(-100_000, 100_000)
LENGTH = st.integers(-10, 8000)
RECTS = st.tuples(COORD, COORD, LENGTH, LENGTH)
AREAS = st.lists(st.tuples(st.integers(-10_000, 10_000), st.integers(-10_000, 10_000),
                           st.integers(-5, 8000), st.integers(-5, 5000)), max_size=4)
FRAMES = st.tuples(*[st.integers(-20, 120)] * 4)
SIZES = st.tuples(st.integers(1, 8000), st.integers(1, 5000))


@SETTINGS
@given(saved=st.none() | RECTS, frame=FRAMES, areas=AREAS, preferred=SIZES, primary=st.integers(-2, 5))
def test_a_placement_is_always_on_a_screen_or_maximised(saved, frame, areas, preferred, primary):
    placement = place_saved(saved, frame, areas, preferred, MINIMUM, primary)
    usable = usable_areas(areas)
    x, y, w, h = placement.rect
    assert w >= 1 and h >= 1
    if not usable:
        assert placement == Placement((0, 0, *preferred), False)
    elif placement.maximise:
        assert any(placement.rect == fill_area(frame, a) for a in usable)
    else:
        assert inside_some(placement, frame, areas)
        kept = saved is not None and saved[2] >= MINIMUM[0] and saved[3] >= MINIMUM[1]
        assert (w, h) == ((saved[2], saved[3]) if kept else preferred)


USABLE_AREAS = st.lists(st.tuples(st.integers(-5000, 5000), st.integers(-5000, 5000), st.integers(1, 4000),
                                  st.integers(1, 3000)), min_size=1, max_size=4)


@st.composite
def rect_near_an_area(draw, areas):
    """A window of at least the minimum size around one of ``areas`` (inside, across its edge, or beside it)."""
    x, y, w, h = draw(st.sampled_from(areas))
    width = draw(st.integers(MINIMUM[0], max(w, MINIMUM[0]) + 100))
    height = draw(st.integers(MINIMUM[1], max(h, MINIMUM[1]) + 100))
    return (draw(st.integers(x - width, x + w)), draw(st.integers(y - height, y + h)), width, height)


@SETTINGS
@given(data=st.data(), frame=FRAMES, areas=USABLE_AREAS, primary=st.integers(-2, 5))
def test_a_placed_window_stays_where_it_is_next_time(data, frame, areas, primary):
    saved = data.draw(st.none() | rect_near_an_area(areas))
    first = place_saved(saved, frame, areas, PREFERRED, MINIMUM, primary)
    if not first.maximise:
        assert place_saved(first.rect, frame, areas, PREFERRED, MINIMUM, primary) == first


@SETTINGS
@given(data=st.data(), frame=FRAMES, areas=USABLE_AREAS)
def test_a_window_that_fits_where_it_is_is_not_touched(data, frame, areas):
    left, top, right, bottom = (max(0, m) for m in frame)
    x, y, w, h = data.draw(st.sampled_from(areas))
    assume(w - left - right >= MINIMUM[0] and h - top - bottom >= MINIMUM[1])
    width = data.draw(st.integers(MINIMUM[0], w - left - right))
    height = data.draw(st.integers(MINIMUM[1], h - top - bottom))
    saved = (data.draw(st.integers(x + left, x + w - right - width)),
             data.draw(st.integers(y + top, y + h - bottom - height)), width, height)
    assert place_saved(saved, frame, areas, PREFERRED, MINIMUM) == Placement(saved, False)


@SETTINGS
@given(data=st.data(), frame=FRAMES, areas=USABLE_AREAS, side=st.sampled_from("LRTB"))
def test_a_window_on_a_gone_screen_goes_to_the_primary_one(data, frame, areas, side):
    usable = usable_areas(areas)
    assume(usable)
    primary = areas.index(data.draw(st.sampled_from(usable)))
    # a saved place beyond every screen, on one side: its screen is gone (built, not filtered for)
    left, top, right, bottom = (max(0, m) for m in frame)
    w, h = data.draw(st.integers(MINIMUM[0], 6000)), data.draw(st.integers(MINIMUM[1], 4000))
    gap = data.draw(st.integers(1, 5000))
    x_lo, y_lo = min(a[0] for a in usable), min(a[1] for a in usable)
    x_hi, y_hi = max(a[0] + a[2] for a in usable), max(a[1] + a[3] for a in usable)
    x, y = data.draw(st.integers(x_lo - 7000, x_hi + 7000)), data.draw(st.integers(y_lo - 7000, y_hi + 7000))
    if side == "L":
        x = x_lo - gap - w - right
    elif side == "R":
        x = x_hi + gap + left
    elif side == "T":
        y = y_lo - gap - h - bottom
    else:
        y = y_hi + gap + top
    saved = (x, y, w, h)
    placement = place_saved(saved, frame, areas, PREFERRED, MINIMUM, primary)
    home = tuple(areas[primary])
    if placement.maximise:
        assert placement.rect == fill_area(frame, home)
    else:
        assert contains(home, with_frame(placement.rect, frame))


@SETTINGS
@given(size=SIZES, frame=FRAMES, area=st.tuples(COORD, COORD, st.integers(1, 8000), st.integers(1, 5000)))
def test_a_new_window_is_maximised_exactly_when_it_does_not_fit(size, frame, area):
    placement = place_new(size, frame, area)
    assert placement.maximise is not fits(size, frame, area)
    if not placement.maximise:
        assert contains(area, with_frame(placement.rect, frame)) and placement.rect[2:] == size


# ------------------------------------------------------------------ the splitter's saved widths
def _state(sizes, magic=0xFF, version=1, count=None, tail=b"\x01\xff\xff\xff\xff\x01\x00\x00\x00\x01\x00"):
    count = len(sizes) if count is None else count
    return struct.pack(">iiI", magic, version, count) + struct.pack(f">{len(sizes)}i", *sizes) + tail


@pytest.mark.parametrize(("data", "expected"), [
    (_state([700, 300]), [700, 300]), (_state([700, 0]), [700, 0]), (_state([700, 300], version=0), [700, 300]),
    (_state([700, 300], tail=b""), [700, 300]),
    # the orientation, handle width and flags that follow are never read
    (_state([700, 300], tail=b"\x00\x00\x00\x27\x10\x00\x00\x00\x00\x02\x00"), [700, 300]),
])
def test_saved_sizes_reads_a_splitter_state(data, expected):
    from viewer.window.side_splitter import saved_sizes

    assert saved_sizes(data) == expected


@pytest.mark.parametrize("data", [
    b"", b"\xff", b"garbage", bytes(30), _state([700, 300], magic=0xFE), _state([700, 300], version=2),
    _state([700, 300], version=-1), _state([700, 300, 200]), _state([700]), _state([700, 300], count=3),
    _state([700, 300], count=2 ** 32 - 1), _state([-1, 300]), _state([700, -300]), _state([0, 300]),
    _state([0, 0]), _state([700, 2 ** 31 - 1]), _state([100_001, 300]), _state([700, 300])[:15],
])
def test_saved_sizes_refuses_what_is_no_two_widget_state(data):
    from viewer.window.side_splitter import saved_sizes

    assert saved_sizes(data) is None


@SETTINGS
@given(data=st.binary(max_size=64) | st.builds(_state, st.lists(st.integers(-2 ** 31, 2 ** 31 - 1), max_size=4),
                                               st.sampled_from([0xFF, 0, -1]), st.integers(-2, 3)))
def test_saved_sizes_gives_two_believable_widths_or_none(data):
    from viewer.window.side_splitter import MAX_SAVED_WIDTH, saved_sizes

    sizes = saved_sizes(data)
    assert sizes is None or (len(sizes) == 2 and 0 < sizes[0] <= MAX_SAVED_WIDTH and 0 <= sizes[1] <= MAX_SAVED_WIDTH)


def test_the_fit_maths_needs_no_qt():
    code = textwrap.dedent("""
        import json, sys
        import viewer.window.window_fit
        print(json.dumps(sorted({m.split(".")[0] for m in sys.modules} & {"PySide6", "shiboken6", "pyvistaqt"})))
    """)
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []
