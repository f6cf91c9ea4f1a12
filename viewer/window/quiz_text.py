"""The quiz panel's texts built from content: answers in words, feedback and the review of missed questions.

Every piece that comes from a quiz or content file (prompts, choices, the
why, citations) is escaped (:func:`viewer.text.content_html.rich_text`) before
it goes into the small HTML these functions return; the app's own words are
translated in the ``QuizPanel`` context.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from atlases.teaching.content import Content
from viewer.text.content_html import rich_text
from viewer.text.html_style import HtmlStyle

CONTEXT = "QuizPanel"
# the app's words, marked where lupdate can see them (not inside the f-strings that use them)
_RIGHT = QT_TRANSLATE_NOOP("QuizPanel", "Right!")
_TRY_AGAIN = QT_TRANSLATE_NOOP("QuizPanel", "Not quite. Try again.")
_NOT_RIGHT = QT_TRANSLATE_NOOP("QuizPanel", "Not right.")
_THE_ANSWER = QT_TRANSLATE_NOOP("QuizPanel", "The answer:")
_SOURCE = QT_TRANSLATE_NOOP("QuizPanel", "Source:")
_SCORE = QT_TRANSLATE_NOOP("QuizPanel", "You got %1 of %2 right.")
_NONE_MISSED = QT_TRANSLATE_NOOP("QuizPanel", "No question missed. Well done!")
_YOUR_ANSWER = QT_TRANSLATE_NOOP("QuizPanel", "Your answer:")
_RIGHT_ANSWER = QT_TRANSLATE_NOOP("QuizPanel", "Right answer:")
_REVIEW = QT_TRANSLATE_NOOP("QuizPanel", "Review the missed questions:")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def item_text(content: Content, key: str) -> str:
    """A region's name or a mechanism step's title for an id, else ``key`` itself (plain text)."""
    if key in content.regions:
        return content.regions[key].name
    for step in content.mechanism.steps:
        if step.id == key:
            return step.title
    return str(key)


def answer_text(content: Content, question, value) -> str:
    """An answer (given or expected) in words, plain text: a name, a choice, or the steps joined by arrows."""
    if value is None:
        return "—"
    if question.kind == "order" or isinstance(value, (list, tuple)):
        return " → ".join(item_text(content, str(v)) for v in value)
    if question.kind == "choice" and isinstance(value, int) and 0 <= value < len(question.choices):
        return str(question.choices[value])
    return item_text(content, str(value))


def citations(content: Content, refs) -> str:
    """Short citations ("Li et al. 2010; ...") of reference ids, plain text; unknown ids as they are."""
    shorts = []
    for ref_id in refs or ():
        try:
            shorts.append(content.reference(ref_id).short())
        except (KeyError, LookupError, ValueError):
            shorts.append(str(ref_id))
    return "; ".join(shorts)


def feedback_html(content: Content, question, feedback, settled: bool, style: HtmlStyle | None = None) -> str:
    """Right or wrong at once; once the question is settled, also the right answer, the why and the sources.

    ``style`` gives the theme's readable colours of "Right!" and "Not right" (light theme's by default).
    """
    right, wrong = (style.right, style.wrong) if style is not None else (HtmlStyle.right, HtmlStyle.wrong)
    if feedback.correct:
        parts = [f'<p><b style="color:{right};">✓ {html.escape(_tr(_RIGHT))}</b></p>']
    elif not settled:
        parts = [f'<p><b style="color:{wrong};">✗ {html.escape(_tr(_TRY_AGAIN))}</b></p>']
    else:
        parts = [f'<p><b style="color:{wrong};">✗ {html.escape(_tr(_NOT_RIGHT))}</b> '
                 f'{html.escape(_tr(_THE_ANSWER))} {rich_text(answer_text(content, question, feedback.expected))}'
                 "</p>"]
    if settled:
        if feedback.why:
            parts.append(f"<p>{rich_text(feedback.why)}</p>")
        cites = citations(content, feedback.refs)
        if cites:
            parts.append(f"<p><i>{html.escape(_tr(_SOURCE))} {rich_text(cites)}</i></p>")
    return "".join(parts)


def score_text(right: int, answered: int) -> str:
    """"You got 7 of 10 right." (plain text)."""
    return _tr(_SCORE).replace("%1", str(right)).replace("%2", str(answered))


def review_html(content: Content, missed) -> str:
    """The missed questions: each prompt, the answer given, the right one, why and sources."""
    if not missed:
        return f"<p>{html.escape(_tr(_NONE_MISSED))}</p>"
    items = []
    for question, given in missed:
        expected = {"pick_region": question.region, "choice": question.answer, "order": question.steps}.get(
            question.kind)
        rows = [f"<b>{rich_text(question.prompt)}</b>",
                f"{html.escape(_tr(_YOUR_ANSWER))} {rich_text(answer_text(content, question, given))}",
                f"{html.escape(_tr(_RIGHT_ANSWER))} {rich_text(answer_text(content, question, expected))}"]
        if question.why:
            rows.append(rich_text(question.why))
        cites = citations(content, question.refs)
        if cites:
            rows.append(f"<i>{html.escape(_tr(_SOURCE))} {rich_text(cites)}</i>")
        items.append("<li>" + "<br/>".join(rows) + "</li>")
    return f"<p><b>{html.escape(_tr(_REVIEW))}</b></p><ol>{''.join(items)}</ol>"
