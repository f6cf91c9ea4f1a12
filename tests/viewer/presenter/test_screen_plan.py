"""The screen plan (viewer/presenter/screen_plan.py) with fake screens: plain data, no Qt."""

from __future__ import annotations

import pytest

from viewer.presenter.screen_plan import (
    MAX_NAME_CHARS,
    ScreenInfo,
    centred_rect,
    clean_name,
    fit_rect,
    place_beside,
    plan_screens,
    presenter_wanted,
    projector_index,
    screen_of,
    swapped_projector,
)


def screen(name, x, w, h, primary=False, panel=0):
    return ScreenInfo(name=name, geometry=(x, 0, w, h), available=(x, panel, w, h - panel), primary=primary)


LAPTOP = screen("eDP-1", 0, 1366, 768, primary=True, panel=30)
PROJECTOR = screen("HDMI-1", 1366, 1920, 1080)
SECOND = screen("DP-2", 3286, 1024, 768)


def test_two_screens_lecture_on_the_projector_presenter_maximised_on_the_laptop():
    plan = plan_screens([LAPTOP, PROJECTOR])
    assert (plan.projector, plan.presenter) == (1, 0)
    assert plan.two_screens and plan.presenter_on and plan.presenter_maximised
    assert plan.presenter_rect == LAPTOP.available


def test_the_projector_is_the_first_non_primary_screen_whatever_the_order():
    assert projector_index([PROJECTOR, LAPTOP]) == 0
    assert plan_screens([PROJECTOR, LAPTOP]).presenter == 1
    # three screens: the first non-primary one; the presenter on the primary one
    plan = plan_screens([LAPTOP, PROJECTOR, SECOND])
    assert (plan.projector, plan.presenter) == (1, 0)


def test_no_primary_screen_reported_still_gives_two_different_screens():
    a, b = screen("A", 0, 1280, 800), screen("B", 1280, 1920, 1080)
    plan = plan_screens([a, b])
    assert plan.projector != plan.presenter


def test_the_chosen_projector_is_found_by_name():
    plan = plan_screens([LAPTOP, PROJECTOR], chosen_name="eDP-1")
    assert (plan.projector, plan.presenter) == (0, 1)
    assert plan.presenter_rect == PROJECTOR.available
    # the choice among three screens: the presenter goes to the primary screen
    plan = plan_screens([LAPTOP, PROJECTOR, SECOND], chosen_name="DP-2")
    assert (plan.projector, plan.presenter) == (2, 0)


def test_a_chosen_screen_that_is_not_plugged_in_falls_back_to_the_default():
    assert plan_screens([LAPTOP, PROJECTOR], chosen_name="VGA-1").projector == 1
    assert plan_screens([LAPTOP], chosen_name="HDMI-1").projector == 0


def test_swap_names_the_presenters_screen_and_swapping_twice_comes_back():
    screens = [LAPTOP, PROJECTOR]
    first = swapped_projector(screens, "")
    assert first == "eDP-1"
    assert plan_screens(screens, first).projector == 0
    assert swapped_projector(screens, first) == "HDMI-1"
    assert swapped_projector([LAPTOP], "") == ""   # nothing to swap with one screen


def test_one_screen_presenter_off_by_default_and_a_centred_normal_window_when_turned_on():
    plan = plan_screens([LAPTOP])
    assert plan.projector == plan.presenter == 0 and not plan.two_screens
    assert not plan.presenter_on and not plan.presenter_maximised
    plan = plan_screens([LAPTOP], presenter_choice=True)
    assert plan.presenter_on
    x, y, w, h = plan.presenter_rect
    ax, ay, aw, ah = LAPTOP.available
    assert ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah
    assert w < aw and h < ah
    assert abs((x - ax) - (ax + aw - x - w)) <= 1   # centred


def test_the_lecturers_choice_wins_over_the_number_of_screens():
    assert presenter_wanted(None, 2) and not presenter_wanted(None, 1)
    assert not presenter_wanted(False, 2) and presenter_wanted(True, 1)
    assert not plan_screens([LAPTOP, PROJECTOR], presenter_choice=False).presenter_on


def test_no_screen_is_an_error_not_a_crash_later():
    with pytest.raises(ValueError):
        plan_screens([])


def test_centred_rect_on_a_small_screen_takes_the_whole_area():
    assert centred_rect((0, 0, 400, 300)) == (0, 0, 400, 300)
    assert centred_rect((100, 50, 1000, 1000)) == (300, 250, 600, 600)


def test_fit_rect_brings_a_window_back_from_an_unplugged_screen():
    # a window on the projector (x 1366..3286) after the projector is gone
    assert fit_rect((1500, 100, 800, 600), LAPTOP.available) == (566, 100, 800, 600)
    assert fit_rect((1500, 100, 3000, 2000), LAPTOP.available) == LAPTOP.available
    assert fit_rect((-5000, -5000, 10, 10), (0, 0, 100, 100)) == (0, 0, 10, 10)


def test_screen_of_picks_the_screen_with_most_of_the_window():
    screens = [LAPTOP, PROJECTOR]
    assert screen_of((1000, 0, 800, 600), screens) == 1   # 366 px wide on the laptop, 434 on the projector
    assert screen_of((1000, 0, 300, 600), screens) == 0
    assert screen_of((5000, 0, 100, 100), screens) is None
    assert screen_of((0, 0, 10, 10), []) is None


@pytest.mark.parametrize("value", [None, 3, b"HDMI-1", "", "x" * (MAX_NAME_CHARS + 1), ["HDMI-1"]])
def test_clean_name_refuses_what_a_damaged_settings_file_holds(value):
    assert clean_name(value) == ""


def test_clean_name_keeps_a_screen_name():
    assert clean_name("HDMI-1") == "HDMI-1"


def test_a_tour_in_the_normal_window_keeps_the_presenter_off_the_main_windows_screen():
    # the main window on the laptop: the presenter takes the projector, maximised
    assert place_beside([LAPTOP, PROJECTOR], 0) == (1, PROJECTOR.available, True)
    # the main window on the projector: the presenter on the laptop
    assert place_beside([LAPTOP, PROJECTOR], 1) == (0, LAPTOP.available, True)
    # one screen, or the main window on none: a centred normal window
    assert place_beside([LAPTOP], 0) == (0, centred_rect(LAPTOP.available), False)
    assert place_beside([PROJECTOR, LAPTOP], None) == (1, centred_rect(LAPTOP.available), False)
