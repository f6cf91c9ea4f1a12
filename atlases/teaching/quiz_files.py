"""Quiz files: questions as data (``assets/quizzes/<id>.toml``).

A quiz file looks like::

    id = "ketamine"
    title = "How ketamine acts on the brain"

    [[questions]]
    kind = "pick_region"                 # click the region in the 3D view
    prompt = "Click the hippocampus."
    region = "hippocampus"               # the right answer (a region id of the content)
    why = "..."                          # the feedback, shown after an answer
    refs = ["scoville1957"]              # at least one reference id of the content

    [[questions]]
    kind = "choice"                      # multiple choice
    prompt = "Which ...?"
    choices = ["...", "...", "..."]      # 2 to 6 different texts
    answer = "..."                       # the right choice: its text, or its number counting from 1
    why = "..."
    refs = ["autry2011"]
    region = "hippocampus"               # optional: where the camera flies with the feedback

    [[questions]]
    kind = "order"                       # put the cascade in order
    prompt = "Put these steps in order."
    steps = ["bdnf_trkb", "nmda_block", "mtorc1"]   # mechanism step ids, 2 or more, in any order
    why = "..."
    refs = ["li2010"]
    region = "prefrontal_cortex"         # optional

The right order of an ``order`` question is the order of the content's
mechanism, whatever order the file lists the steps in; the quiz shows them
shuffled. Everything is checked against a
:class:`~atlases.teaching.content.Content` on load, and every size is bounded
(:data:`MAX_QUESTIONS`, :data:`MAX_PROMPT`, ...). The first problem raises
:class:`~atlases.errors.ContentError` naming the file, the question (number
and prompt) and the field. Plain Python, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from atlases.errors import ContentError
from atlases.files.toml_reader import Fields, read_toml
from atlases.teaching.content import Content

#: The kinds of question, and what each asks of the student.
KINDS = {
    "pick_region": "click the region in the 3D view",
    "choice": "pick one of several answers",
    "order": "put mechanism steps in order",
}
#: Most questions in one quiz.
MAX_QUESTIONS = 100
#: Longest prompt (characters): a big question on a projector stays within three lines.
MAX_PROMPT = 300
#: Longest feedback text (characters).
MAX_WHY = 1000
#: Longest answer choice (characters).
MAX_CHOICE = 150
#: Fewest and most choices of a multiple-choice question (number keys 1-6 pick them).
MIN_CHOICES, MAX_CHOICES = 2, 6
#: Fewest steps an order question lists (one step has no order).
MIN_ORDER_STEPS = 2
#: Most references one question cites.
MAX_REFS = 10
#: Longest quiz title (characters).
MAX_TITLE = 200
#: The quiz the window starts when none was chosen.
DEFAULT_QUIZ = "ketamine"

_TOP_KEYS = {"id", "title", "questions"}
_COMMON_KEYS = {"kind", "prompt", "why", "refs", "region"}
_KIND_KEYS = {"pick_region": set(), "choice": {"choices", "answer"}, "order": {"steps"}}


@dataclass(frozen=True)
class Question:
    """One validated question.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`.
    prompt, why : str
        The question, and the feedback shown after an answer.
    refs : tuple of str
        Reference ids of the content (at least one).
    region : str or None
        A region id: the right answer of a ``pick_region`` question, else the
        optional region the camera points at with the feedback.
    choices : tuple of str
        A ``choice`` question's answers in the file's order (empty otherwise).
    answer : int or None
        Index of the right one in ``choices`` (None unless ``choice``).
    steps : tuple of str
        An ``order`` question's mechanism step ids in the right order (empty otherwise).
    """

    kind: str
    prompt: str
    why: str
    refs: tuple[str, ...]
    region: str | None = None
    choices: tuple[str, ...] = ()
    answer: int | None = None
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quiz:
    """A validated quiz file."""

    id: str
    title: str
    questions: tuple[Question, ...]
    source: Path

    def __len__(self) -> int:
        return len(self.questions)

    def kinds(self) -> set[str]:
        """The kinds of question the quiz asks."""
        return {q.kind for q in self.questions}


def question_label(data, index: int, total: int) -> str:
    """``'question 3 of 20 ("Which region ...")'``, used in error messages."""
    prompt = data.get("prompt") if isinstance(data, dict) else None
    if isinstance(prompt, str) and prompt.strip():
        text = " ".join(prompt.split())
        text = text if len(text) <= 60 else text[:59] + "…"
        return f'question {index + 1} of {total} ("{text}")'
    return f"question {index + 1} of {total}"


def load_quiz(path: str | Path, content: Content) -> Quiz:
    """Read and validate one quiz file.

    Parameters
    ----------
    path : str or Path
        The TOML file.
    content : Content
        Region, mechanism-step and reference ids are checked against it.

    Returns
    -------
    Quiz

    Raises
    ------
    ContentError
        Naming the file, the question (number and prompt) and the field.
    """
    path = Path(path)
    f = Fields(read_toml(path), path)
    f.unknown_keys(_TOP_KEYS)
    quiz_id = f.id()
    title = f.str("title", max_len=MAX_TITLE).strip()
    tables = f.tables("questions", max_items=MAX_QUESTIONS)
    questions: list[Question] = []
    prompts: dict[str, int] = {}
    for i, q in enumerate(tables):
        try:
            question = _load_question(q, content)
            key = " ".join(question.prompt.lower().split())
            if key in prompts:
                raise q.error("prompt", f"the same prompt as question {prompts[key] + 1}")
            prompts[key] = i
        except ContentError as exc:
            raise ContentError(f"{question_label(q.data, i, len(tables))}: {exc.message}", exc.path,
                               exc.field) from None
        questions.append(question)
    return Quiz(quiz_id, title, tuple(questions), path)


def _load_question(q: Fields, content: Content) -> Question:
    kind = q.choice("kind", list(KINDS), "question kind")
    q.unknown_keys(_COMMON_KEYS | _KIND_KEYS[kind])
    prompt = q.str("prompt", max_len=MAX_PROMPT).strip()
    why = q.str("why", max_len=MAX_WHY).strip()
    refs = q.choice_list("refs", content.references, "reference", hint="define it in the content's references.toml",
                         max_items=MAX_REFS)
    if len(set(refs)) != len(refs):
        raise q.error("refs", "a reference is listed twice")
    region = q.choice("region", sorted(content.regions), "region", required=kind == "pick_region")
    if kind == "choice":
        choices, answer = _load_choices(q)
        return Question(kind, prompt, why, tuple(refs), region, choices=choices, answer=answer)
    if kind == "order":
        return Question(kind, prompt, why, tuple(refs), region, steps=_load_steps(q, content))
    return Question(kind, prompt, why, tuple(refs), region)


def _load_choices(q: Fields) -> tuple[tuple[str, ...], int]:
    choices = [c.strip() for c in q.str_list("choices", max_items=MAX_CHOICES)]
    if len(choices) < MIN_CHOICES:
        raise q.error("choices", f"give at least {MIN_CHOICES} choices, got {len(choices)}")
    seen: dict[str, int] = {}
    for i, choice in enumerate(choices):
        if len(choice) > MAX_CHOICE:
            raise ContentError(f"is too long ({len(choice)} characters; the limit is {MAX_CHOICE})", q.path,
                               f"{q.where('choices')}[{i}]")
        key = " ".join(choice.lower().split())
        if key in seen:
            raise ContentError(f"the same choice as choices[{seen[key]}] ({choice!r})", q.path,
                               f"{q.where('choices')}[{i}]")
        seen[key] = i
    if "answer" not in q.data:
        raise q.error("answer", "required field is missing")
    answer = q.data["answer"]
    if isinstance(answer, int) and not isinstance(answer, bool):
        if not 1 <= answer <= len(choices):
            raise q.error("answer", f"choice number {answer} does not exist: count from 1 to {len(choices)}")
        return tuple(choices), answer - 1
    if isinstance(answer, str):
        if answer.strip() not in choices:
            raise q.error("answer", f"{answer!r} is not one of the choices (copy a choice's text exactly, "
                                    f"or give its number, 1 to {len(choices)})")
        return tuple(choices), choices.index(answer.strip())
    raise q.error("answer", "expected the right choice's text, or its number counting from 1")


def _load_steps(q: Fields, content: Content) -> tuple[str, ...]:
    order = [s.id for s in content.mechanism.steps]
    steps = q.choice_list("steps", order, "mechanism step", max_items=len(order))
    if len(set(steps)) != len(steps):
        raise q.error("steps", "a step is listed twice")
    if len(steps) < MIN_ORDER_STEPS:
        raise q.error("steps", f"give at least {MIN_ORDER_STEPS} steps to put in order, got {len(steps)}")
    return tuple(sorted(steps, key=order.index))


def load_quizzes(paths: Iterable[str | Path], content: Content) -> dict[str, Quiz]:
    """Load several quiz files, by id.

    Raises
    ------
    ContentError
        For the first invalid file, or two files with the same quiz id.
    """
    quizzes: dict[str, Quiz] = {}
    for path in paths:
        quiz = load_quiz(path, content)
        if quiz.id in quizzes:
            raise ContentError(f"duplicate quiz id {quiz.id!r} (also in {quizzes[quiz.id].source.name})", path, "id")
        quizzes[quiz.id] = quiz
    return quizzes


def builtin_quizzes(content: Content, language: str = "en") -> dict[str, Quiz]:
    """Load every built-in quiz in ``language`` (``assets/quizzes`` in English), by id (see :func:`load_quizzes`)."""
    from atlases.resources import language_asset_dir

    return load_quizzes(sorted(language_asset_dir("quizzes", language).glob("*.toml")), content)


def load_folder_quizzes(folder: str | Path, content: Content) -> dict[str, Quiz]:
    """Load a lecturer's ``folder/quizzes/*.toml`` (none when there is no such folder), by quiz id.

    Every file is opened through :mod:`atlases.files.safe_paths`, so a link
    out of ``folder`` is refused.
    """
    from atlases.files.safe_paths import files_inside

    return load_quizzes(files_inside(folder, "quizzes", "*.toml"), content)
