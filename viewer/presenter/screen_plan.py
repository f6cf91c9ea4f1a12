"""Which screen shows what during a lecture: the plan, in plain Python (no Qt).

Presentation software's rule, for the explorer:

* **Two screens or more.** The *projector* screen shows lecture mode (the
  main window, full screen there); another screen (the laptop's) shows the
  presenter view, maximised. The lecturer picks the projector by the
  screen's name (remembered in the settings, so the same projector is found
  again next time) or swaps the two. When no choice was made, or the chosen
  screen is not plugged in, the projector is the first screen that is not
  the primary one (a projector is plugged into a laptop whose own panel is
  the primary screen).
* **One screen.** Lecture mode covers it; the presenter view, when it is on,
  is a separate normal window on the same screen (the lecturer turned it on
  and knows the audience may see it).
* **Presenter view on or off.** The lecturer's choice when one was made;
  otherwise on with two screens and off with one (on a single screen, or a
  mirrored projector, a window that pops up over lecture mode would show
  the speaker notes to the audience).
* **A tour in the normal window** (no lecture mode): the presenter view goes
  to a screen the main window is not on (:func:`place_beside`), or is a
  normal window beside it on a single screen.

Screens come and go during a lecture (a cable pulled, a projector plugged
in): the plan is simply made again from the screens there are, and
:func:`fit_rect` keeps a window's rectangle on a screen that exists.
"""

from __future__ import annotations

from dataclasses import dataclass

#: x, y, width, height (logical pixels).
Rect = tuple[int, int, int, int]

#: The share of the screen's available area a presenter window takes on a single screen.
SINGLE_SCREEN_SHARE = 0.6
#: The smallest presenter window (logical pixels); a smaller screen gets its whole available area.
MIN_PRESENTER_SIZE = (480, 360)
#: The longest screen name kept in the settings (a name comes from the system, or a damaged file).
MAX_NAME_CHARS = 200


@dataclass(frozen=True)
class ScreenInfo:
    """One screen, as the plan needs it.

    Parameters
    ----------
    name : str
        The system's name of the screen (e.g. ``HDMI-1``); what the settings remember.
    geometry : Rect
        The whole screen, in the virtual desktop's coordinates.
    available : Rect
        Without the panels and task bars.
    primary : bool
    """

    name: str
    geometry: Rect
    available: Rect
    primary: bool = False


@dataclass(frozen=True)
class ScreenPlan:
    """Where the windows go.

    Attributes
    ----------
    projector : int
        Index (in the screens given to :func:`plan_screens`) of the screen that shows lecture mode.
    presenter : int
        Index of the screen that shows the presenter view (the projector's index with one screen).
    presenter_on : bool
        Whether the presenter view is shown at all.
    presenter_rect : Rect
        The presenter window's rectangle (the whole available area of its screen with two
        screens; a centred normal window with one).
    presenter_maximised : bool
        True when the presenter has a screen of its own.
    """

    projector: int
    presenter: int
    presenter_on: bool
    presenter_rect: Rect
    presenter_maximised: bool

    @property
    def two_screens(self) -> bool:
        return self.projector != self.presenter


def clean_name(value) -> str:
    """A screen name read from the settings: a string of at most :data:`MAX_NAME_CHARS`, else ""."""
    return value if isinstance(value, str) and 0 < len(value) <= MAX_NAME_CHARS else ""


def presenter_wanted(choice: bool | None, n_screens: int) -> bool:
    """The lecturer's choice when there is one, else on with two screens and off with one."""
    return choice if choice is not None else n_screens >= 2


def projector_index(screens: list[ScreenInfo], chosen_name: str = "") -> int:
    """The screen that shows lecture mode: the chosen one if it is there, else the first non-primary one.

    Raises
    ------
    ValueError
        When there is no screen.
    """
    if not screens:
        raise ValueError("no screen")
    for i, screen in enumerate(screens):
        if chosen_name and screen.name == chosen_name:
            return i
    return next((i for i, screen in enumerate(screens) if not screen.primary), 0) if len(screens) > 1 else 0


def presenter_index(screens: list[ScreenInfo], projector: int) -> int:
    """The screen for the presenter view: the primary one unless it is the projector, else the first other one."""
    if len(screens) < 2:
        return projector
    others = [i for i in range(len(screens)) if i != projector]
    return next((i for i in others if screens[i].primary), others[0])


def centred_rect(area: Rect, share: float = SINGLE_SCREEN_SHARE, minimum: tuple[int, int] = MIN_PRESENTER_SIZE) -> Rect:
    """A window of ``share`` of ``area`` (at least ``minimum``, at most ``area``), centred in it."""
    x, y, w, h = area
    width = min(w, max(minimum[0], round(w * share)))
    height = min(h, max(minimum[1], round(h * share)))
    return x + (w - width) // 2, y + (h - height) // 2, width, height


def plan_screens(screens: list[ScreenInfo], chosen_name: str = "", presenter_choice: bool | None = None) -> ScreenPlan:
    """Where lecture mode and the presenter view go on ``screens``.

    Parameters
    ----------
    screens : list of ScreenInfo
        The screens there are now (at least one).
    chosen_name : str
        The projector screen the lecturer picked ("" when none).
    presenter_choice : bool or None
        The lecturer's presenter-view switch (None: never touched).

    Returns
    -------
    ScreenPlan
    """
    projector = projector_index(screens, chosen_name)
    presenter = presenter_index(screens, projector)
    area = screens[presenter].available
    own_screen = presenter != projector
    return ScreenPlan(projector=projector, presenter=presenter,
                      presenter_on=presenter_wanted(presenter_choice, len(screens)),
                      presenter_rect=area if own_screen else centred_rect(area), presenter_maximised=own_screen)


def place_beside(screens: list[ScreenInfo], main: int | None) -> tuple[int, Rect, bool]:
    """Where the presenter view goes while the main window stays on screen ``main`` (no lecture mode).

    Returns
    -------
    index, rect, maximised
        Another screen (the primary one unless the main window is there), its whole available
        area and maximised; with one screen (or ``main`` unknown) a centred normal window.
    """
    if len(screens) > 1 and main is not None:
        index = presenter_index(screens, main)
        return index, screens[index].available, True
    index = main if main is not None else next((i for i, s in enumerate(screens) if s.primary), 0)
    return index, centred_rect(screens[index].available), False


def swapped_projector(screens: list[ScreenInfo], chosen_name: str = "") -> str:
    """The projector's name after a swap: the screen the presenter view had ("" with one screen)."""
    if len(screens) < 2:
        return ""
    return screens[presenter_index(screens, projector_index(screens, chosen_name))].name


def _overlap(a: Rect, b: Rect) -> int:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(w, 0) * max(h, 0)


def screen_of(rect: Rect, screens: list[ScreenInfo]) -> int | None:
    """The screen that holds most of ``rect`` (None when it lies on none)."""
    best = max(range(len(screens)), key=lambda i: _overlap(rect, screens[i].geometry), default=None)
    return best if best is not None and _overlap(rect, screens[best].geometry) > 0 else None


def fit_rect(rect: Rect, area: Rect) -> Rect:
    """``rect`` moved (and shrunk where needed) to lie inside ``area``."""
    x, y, w, h = rect
    ax, ay, aw, ah = area
    w, h = min(max(w, 1), aw), min(max(h, 1), ah)
    return min(max(x, ax), ax + aw - w), min(max(y, ay), ay + ah - h), w, h
