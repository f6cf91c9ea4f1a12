"""The quiz session: a seeded shuffle replays, practice retries, test moves on, score and missed add up."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlases.teaching.quiz import Feedback, Question, Quiz, QuizSession

PICK = Question("pick_region", "Click the hippocampus.", "It is deep in the temporal lobe.", ("autry2011",),
                region="hippocampus")
CHOICE = Question("choice", "Which animal?", "Mice.", ("autry2011",), region="hippocampus",
                  choices=("Mice", "Humans", "Monkeys", "Rats"), answer=0)
ORDER = Question("order", "Put them in order.", "Block first.", ("li2010",),
                 steps=("nmda_block", "disinhibition", "glutamate_surge", "mtorc1"))
QUIZ = Quiz("mini", "A mini quiz", (PICK, CHOICE, ORDER), Path("mini.toml"))
MANY = Quiz("many", "Many", tuple(
    Question("choice", f"Question {i}?", "Because.", ("li2010",), choices=tuple(f"c{j}" for j in range(6)),
             answer=i % 6) for i in range(12)), Path("many.toml"))


def walk(session: QuizSession) -> list[tuple]:
    """Every question as shown: prompt, shown choices, shown steps (answering each right)."""
    shown = []
    while not session.finished:
        shown.append((session.current.prompt, tuple(session.shown_choices()), tuple(session.shown_steps())))
        session.answer(session.expected())
        session.next()
    return shown


def wrong(session: QuizSession):
    """A wrong answer to the current question, in the form answer() takes."""
    q = session.current
    if q.kind == "pick_region":
        return "prefrontal_cortex"
    if q.kind == "choice":
        return (session.expected() + 1) % len(q.choices)
    return tuple(reversed(q.steps))


def plain_expected(session: QuizSession):
    """The right answer as feedback reports it: a choice's text rather than its shown index."""
    expected = session.expected()
    return session.shown_choices()[expected] if session.current.kind == "choice" else expected


def test_a_seed_replays_the_same_shuffle():
    assert walk(QuizSession(MANY, seed=7)) == walk(QuizSession(MANY, seed=7))
    assert walk(QuizSession(QUIZ, seed=3)) == walk(QuizSession(QUIZ, seed=3))


def test_different_seeds_shuffle_questions_and_choices_differently():
    runs = {tuple(walk(QuizSession(MANY, seed=s))) for s in range(5)}
    assert len(runs) == 5
    orders = {tuple(p for p, _c, _s in walk(QuizSession(MANY, seed=s))) for s in range(5)}
    assert len(orders) > 1  # the questions themselves move, not only the choices
    choice_orders = {walk(QuizSession(Quiz("one", "One", (CHOICE,), Path("o")), seed=s))[0][1] for s in range(20)}
    assert len(choice_orders) > 1


def test_every_question_is_asked_once():
    asked = [p for p, _c, _s in walk(QuizSession(MANY, seed=1))]
    assert sorted(asked) == sorted(q.prompt for q in MANY.questions)


def test_order_steps_are_never_shown_in_the_right_order():
    quiz = Quiz("o", "O", (Question("order", "Two steps.", "Why.", ("li2010",), steps=("a", "b")), ORDER),
                Path("o"))
    for seed in range(50):
        s = QuizSession(quiz, seed=seed)
        while not s.finished:
            assert sorted(s.shown_steps()) == sorted(s.current.steps)
            assert tuple(s.shown_steps()) != s.current.steps
            s.next()


def test_shown_choices_keep_their_texts_and_expected_points_at_the_right_one():
    for seed in range(10):
        s = QuizSession(Quiz("one", "One", (CHOICE,), Path("o")), seed=seed)
        assert sorted(s.shown_choices()) == sorted(CHOICE.choices)
        assert s.shown_choices()[s.expected()] == "Mice"
        assert s.shown_steps() == []


def test_feedback_names_answers_by_text_whatever_the_shuffle():
    for seed in range(10):
        s = QuizSession(Quiz("one", "One", (CHOICE,), Path("o")), mode="test", seed=seed)
        wrong_index = (s.expected() + 1) % len(CHOICE.choices)
        fb = s.answer(wrong_index)
        assert fb.expected == "Mice" and fb.given == s.shown_choices()[wrong_index] != "Mice"
    s = QuizSession(Quiz("two", "Two", (ORDER, PICK), Path("t")), mode="test", seed=1)
    while not s.finished:
        fb = s.reveal()
        assert fb.expected == (s.current.region if s.current.kind == "pick_region" else ORDER.steps)
        s.next()


def test_right_answers_score_everything():
    s = QuizSession(QUIZ, mode="test", seed=0)
    assert (s.total, s.index, s.score) == (3, 0, (0, 0))
    while not s.finished:
        fb = s.answer(s.expected())
        assert isinstance(fb, Feedback) and fb.correct and fb.settled
        assert fb.why == s.current.why and fb.refs == s.current.refs and fb.region == s.current.region
        s.next()
    assert s.finished and s.current is None and s.index == 3
    assert s.score == (3, 3) and s.missed == []


def test_practice_keeps_a_wrong_question_until_it_is_right():
    s = QuizSession(QUIZ, mode="practice", seed=0)
    first = s.current
    given = wrong(s)
    given_plain = s.shown_choices()[given] if first.kind == "choice" else given
    fb = s.answer(given)
    assert not fb.correct and not fb.settled and not s.settled
    assert s.current is first and s.index == 0
    assert fb.given == given_plain and fb.expected == plain_expected(s)
    fb = s.answer(wrong(s))  # a second wrong try changes nothing in the record
    assert not fb.correct
    fb = s.answer(s.expected())
    assert fb.correct and fb.settled and s.settled
    s.next()
    assert s.index == 1
    while not s.finished:
        s.answer(s.expected())
        s.next()
    # the retried question counts as answered but not right, and is missed with its first wrong answer
    assert s.score == (2, 3)
    (question, first_given), = s.missed
    assert question is first and first_given == given_plain


def test_test_mode_gives_one_try():
    s = QuizSession(QUIZ, mode="test", seed=0)
    fb = s.answer(wrong(s))
    assert not fb.correct and fb.settled and s.settled
    with pytest.raises(ValueError, match="already answered"):
        s.answer(s.expected())
    s.next()
    s.answer(s.expected())
    s.next()
    s.answer(wrong(s))
    s.next()
    assert s.finished and s.score == (1, 3)
    assert len(s.missed) == 2


def test_missed_answers_outlive_the_shuffle():
    quiz = Quiz("q", "Q", (CHOICE, ORDER, PICK), Path("q"))
    s = QuizSession(quiz, mode="test", seed=5)
    given = {}
    while not s.finished:
        q = s.current
        if q.kind == "choice":
            index = (s.expected() + 1) % 4
            given[q.kind] = s.shown_choices()[index]
            s.answer(index)
        elif q.kind == "order":
            given[q.kind] = tuple(reversed(q.steps))
            s.answer(list(reversed(q.steps)))
        else:
            given[q.kind] = "posteromedial_cortex"
            s.answer("posteromedial_cortex")
        s.next()
    assert {q.kind: g for q, g in s.missed} == given
    assert s.score == (0, 3)


def test_skipping_and_revealing_count_as_missed_without_an_answer():
    s = QuizSession(QUIZ, mode="practice", seed=2)
    skipped = s.current
    s.next()
    revealed = s.current
    fb = s.reveal()
    assert not fb.correct and fb.given is None and fb.settled and fb.expected == plain_expected(s)
    s.next()
    s.answer(s.expected())
    s.next()
    assert s.score == (1, 3)
    assert s.missed == [(skipped, None), (revealed, None)]


def test_a_wrong_practice_answer_then_skip_keeps_the_first_answer():
    s = QuizSession(Quiz("p", "P", (PICK,), Path("p")), mode="practice")
    s.answer("posteromedial_cortex")
    s.next()
    assert s.missed == [(PICK, "posteromedial_cortex")] and s.score == (0, 1)


@pytest.mark.parametrize("question, bad", [
    (PICK, 3), (CHOICE, 4), (CHOICE, -1), (CHOICE, True), (CHOICE, "Mice"),
    (ORDER, ["nmda_block", "disinhibition"]), (ORDER, ["nmda_block", "disinhibition", "glutamate_surge", "x"]),
    (ORDER, "nmda_block"),
])
def test_answers_of_the_wrong_form_are_refused(question, bad):
    s = QuizSession(Quiz("x", "X", (question,), Path("x")))
    with pytest.raises(ValueError):
        s.answer(bad)
    assert s.tries == 0 and s.score == (0, 0)


def test_a_finished_session_refuses_more():
    s = QuizSession(Quiz("p", "P", (PICK,), Path("p")), mode="test")
    s.answer("hippocampus")
    s.next()
    assert s.shown_choices() == [] and s.shown_steps() == []
    for action in (lambda: s.answer("hippocampus"), s.next, s.reveal, s.expected):
        with pytest.raises(RuntimeError):
            action()


def test_bad_mode_or_empty_quiz_is_refused():
    with pytest.raises(ValueError, match="mode"):
        QuizSession(QUIZ, mode="exam")
    with pytest.raises(ValueError, match="no questions"):
        QuizSession(Quiz("e", "E", (), Path("e")))
