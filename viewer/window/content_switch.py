"""Show another content in a running window: every part that holds the content gets the new one.

The window is built with one :class:`~atlases.teaching.content.Content`;
opening a content pack, going back to the built-in content or a live reload
hands a new one to each part that holds it: the region names (region list, 3D
labels, hover tips), the side panel (texts, glossary, and the mechanism's
steps and diagram when they changed), the lecture inset, the caption band,
the tours and the quizzes. The 3D view and its camera are not touched; the
selected region stays (every content has the same regions), the mechanism
step stays when the new mechanism has it, and a running tour goes on at the
same step when the new content still has a tour of its id.
"""

from __future__ import annotations

from atlases.sources.definitions import REGION_IDS
from atlases.teaching.content_pack import ContentPack
from viewer.diagram.diagram_widget import load_diagram_or_none


def switch_content(window, pack: ContentPack, quiz_problem: str = "", content_shown: bool = False) -> None:
    """Make ``window`` show ``pack``'s content, tours and quizzes.

    Parameters
    ----------
    window : MainWindow
        With its tour commands and, when built by :func:`viewer.app.build_window`, its quiz commands.
    pack : ContentPack
    quiz_problem : str
        Plain text: why some quizzes are not offered ("" when all are).
    content_shown : bool
        The window was built with ``pack.content``: only the tours and quizzes are handed over.
    """
    content = pack.content
    if content_shown:
        _tours_and_quizzes(window, pack, quiz_problem)
        return
    window.content = content
    names = {r: content.region(r).name for r in REGION_IDS}
    window.brain_view.region_names = dict(names)   # the hover tip
    window.region_list.set_names(names)
    window.labels.set_names(names)
    diagram = load_diagram_or_none(content)
    window.diagram = diagram
    state = window.state
    if state.mechanism_step is not None and state.mechanism_step not in {s.id for s in content.mechanism.steps}:
        state.set_mechanism_step(None)
    window.panel.set_content(content, diagram)
    if window.inset is not None:
        window.inset.set_content(content, diagram)
    window.caption_band.set_content(content)
    _tours_and_quizzes(window, pack, quiz_problem)


def _tours_and_quizzes(window, pack: ContentPack, quiz_problem: str) -> None:
    window.tours.set_tours(pack.content, pack.builtin_tours, pack.tours)
    quiz = getattr(window, "quiz", None)
    if quiz is not None:
        quiz.set_content(pack.content, pack.quizzes, quiz_problem)
