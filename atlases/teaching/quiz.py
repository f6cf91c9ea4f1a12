"""Quiz mode's model: one pass through a quiz, as a plain-Python state machine.

The questions come from quiz files (:mod:`atlases.teaching.quiz_files`, whose
names this module re-exports). A :class:`QuizSession` shuffles the questions,
each multiple-choice question's choices and each order question's steps with
one seeded :class:`random.Random`, so a seed replays the same quiz. It keeps
the score and the missed questions; the window only shows its state and
passes the student's answers in. No Qt.

Two modes:

* ``"practice"``: a wrong answer keeps the question, to try again until it is
  right; only a first-try answer scores.
* ``"test"``: one try per question.

After an answer, :attr:`QuizSession.settled` says whether the question is
done (right, or tried once in a test); :meth:`QuizSession.next` then moves on.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from atlases.teaching.quiz_files import (
    DEFAULT_QUIZ,
    KINDS,
    Question,
    Quiz,
    builtin_quizzes,
    load_folder_quizzes,
    load_quiz,
    load_quizzes,
)

__all__ = ["DEFAULT_QUIZ", "KINDS", "MODES", "Feedback", "Question", "Quiz", "QuizSession", "builtin_quizzes",
           "load_folder_quizzes", "load_quiz", "load_quizzes"]

#: The session modes.
MODES = ("practice", "test")


@dataclass(frozen=True)
class Feedback:
    """What the student is told after one answer.

    Attributes
    ----------
    correct : bool
    why : str
        The question's explanation.
    refs : tuple of str
        Its reference ids.
    region : str or None
        The region to fly the camera to and pulse (None: leave the camera).
    expected : str or tuple of str
        The right answer in a form that does not depend on the shuffle: a
        region id, the right choice's text, or the step ids in the right order.
        (:meth:`QuizSession.expected` gives it as :meth:`QuizSession.answer`
        takes it; ``shown_choices().index(expected)`` is the right button.)
    given : str or tuple of str or None
        The answer given, in the same form (None when the answer was revealed).
    settled : bool
        True when the question is done; False after a wrong practice answer
        (the student tries again).
    """

    correct: bool
    why: str
    refs: tuple[str, ...]
    region: str | None
    expected: Any
    given: Any = None
    settled: bool = True


class QuizSession:
    """One pass through a quiz.

    Parameters
    ----------
    quiz : Quiz
    mode : {"practice", "test"}
    seed : int, optional
        Seeds the shuffle; None shuffles differently each time.
    """

    def __init__(self, quiz: Quiz, mode: str = "practice", seed: int | None = None):
        if mode not in MODES:
            raise ValueError(f"unknown quiz mode {mode!r}; valid: {', '.join(MODES)}")
        if not quiz.questions:
            raise ValueError("the quiz has no questions")
        self.quiz = quiz
        self.mode = mode
        self.seed = seed
        rng = random.Random(seed)
        self._questions = list(quiz.questions)
        rng.shuffle(self._questions)
        # per question, in the shuffled order: the shown order of its choices or steps
        self._shown: list[tuple[Any, ...]] = [self._shuffle_parts(q, rng) for q in self._questions]
        self._index = 0
        self._tries = 0          # answers given to the current question
        self._settled = False
        self._right = 0
        self._answered = 0
        self._missed: list[tuple[Question, Any]] = []

    @staticmethod
    def _shuffle_parts(question: Question, rng: random.Random) -> tuple[Any, ...]:
        if question.kind == "choice":
            order = list(range(len(question.choices)))
            rng.shuffle(order)
            return tuple(order)
        if question.kind == "order":
            steps = list(question.steps)
            rng.shuffle(steps)
            if tuple(steps) == question.steps:  # never show the answer: rotate it out of order
                steps = steps[1:] + steps[:1]
            return tuple(steps)
        return ()

    # --- state -------------------------------------------------------------------------------------------------
    @property
    def total(self) -> int:
        """How many questions the quiz has."""
        return len(self._questions)

    @property
    def index(self) -> int:
        """The current question's position (0-based; equals :attr:`total` when finished)."""
        return self._index

    @property
    def finished(self) -> bool:
        """True once the last question was moved past."""
        return self._index >= len(self._questions)

    @property
    def current(self) -> Question | None:
        """The question to show, or None when finished."""
        return None if self.finished else self._questions[self._index]

    @property
    def settled(self) -> bool:
        """True when the current question is done and :meth:`next` moves on without counting it missed."""
        return self._settled

    @property
    def tries(self) -> int:
        """Answers given to the current question so far."""
        return self._tries

    @property
    def score(self) -> tuple[int, int]:
        """``(right, answered)``: questions right at the first try, and questions done."""
        return self._right, self._answered

    @property
    def missed(self) -> list[tuple[Question, Any]]:
        """The questions not right at the first try, with the first answer given.

        That answer is a region id, a choice's text or the step ids in the
        order given (None for a question revealed or skipped without one).
        """
        return list(self._missed)

    def shown_choices(self) -> list[str]:
        """The current choice question's choices in the order to show them ([] for other kinds)."""
        q = self.current
        if q is None or q.kind != "choice":
            return []
        return [q.choices[i] for i in self._shown[self._index]]

    def shown_steps(self) -> list[str]:
        """The current order question's step ids, shuffled, as first shown ([] for other kinds)."""
        q = self.current
        if q is None or q.kind != "order":
            return []
        return list(self._shown[self._index])

    def expected(self) -> Any:
        """The current question's right answer, in the form :meth:`answer` takes."""
        q = self._require_current()
        if q.kind == "pick_region":
            return q.region
        if q.kind == "choice":
            return list(self._shown[self._index]).index(q.answer)
        return q.steps

    # --- actions -----------------------------------------------------------------------------------------------
    def answer(self, value) -> Feedback:
        """Check an answer to the current question.

        Parameters
        ----------
        value : str or int or sequence of str
            A region id (``pick_region``; any region id, wrong ones too), an
            index into :meth:`shown_choices` (``choice``), or the question's
            step ids in the student's order (``order``).

        Returns
        -------
        Feedback

        Raises
        ------
        ValueError
            If ``value`` is not an answer of the question's form (a choice
            index out of range, other step ids), or the question is settled.
        RuntimeError
            If the quiz is finished.
        """
        q = self._require_current()
        if self._settled:
            raise ValueError("the question is already answered: call next()")
        given = self._check_form(q, value)
        correct = given == self.expected()
        first = self._tries == 0
        self._tries += 1
        if first:
            if correct:
                self._right += 1
            else:
                self._missed.append((q, self._plain(q, given)))
        if correct or self.mode == "test":
            self._settle()
        return self._feedback(q, correct, given)

    def reveal(self) -> Feedback:
        """Show the right answer without one given (a class quiz); an unanswered question counts as missed."""
        q = self._require_current()
        if not self._settled:
            if self._tries == 0:
                self._missed.append((q, None))
            self._settle()
        return self._feedback(q, False, None)

    def next(self) -> None:
        """Move to the next question; an unsettled one is skipped (missed, if it had no answer yet)."""
        q = self._require_current()
        if not self._settled:
            if self._tries == 0:
                self._missed.append((q, None))
            self._settle()
        self._index += 1
        self._tries = 0
        self._settled = False

    # --- helpers -----------------------------------------------------------------------------------------------
    def _require_current(self) -> Question:
        q = self.current
        if q is None:
            raise RuntimeError("the quiz is finished")
        return q

    def _settle(self) -> None:
        self._settled = True
        self._answered += 1

    def _feedback(self, q: Question, correct: bool, given) -> Feedback:
        return Feedback(correct=correct, why=q.why, refs=q.refs, region=q.region,
                        expected=self._plain(q, self.expected()),
                        given=None if given is None else self._plain(q, given), settled=self._settled)

    def _check_form(self, q: Question, value):
        if q.kind == "pick_region":
            if not isinstance(value, str):
                raise ValueError(f"a pick_region answer is a region id, got {value!r}")
            return value
        if q.kind == "choice":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < len(q.choices):
                raise ValueError(f"a choice answer is an index from 0 to {len(q.choices) - 1}, got {value!r}")
            return value
        steps = tuple(value) if not isinstance(value, str) else ()
        if sorted(steps) != sorted(q.steps):
            raise ValueError(f"an order answer lists the steps {sorted(q.steps)} in some order, got {value!r}")
        return steps

    def _plain(self, q: Question, value):
        """An answer in a form that outlives the question's shuffle (a choice's text, not its index)."""
        return q.choices[self._shown[self._index][value]] if q.kind == "choice" else value
