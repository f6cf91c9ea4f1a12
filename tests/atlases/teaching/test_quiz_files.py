"""Quiz files: the built-in quiz is valid, and every malformed quiz names file, question and field."""

from __future__ import annotations

import copy

import pytest

from atlases.errors import ContentError
from atlases.teaching.content import load_content
from atlases.teaching.quiz_files import (
    MAX_CHOICE,
    MAX_PROMPT,
    MAX_QUESTIONS,
    MAX_REFS,
    MAX_WHY,
    builtin_quizzes,
    load_folder_quizzes,
    load_quiz,
    load_quizzes,
)
from tests.helpers_toml import toml_value


@pytest.fixture(scope="module")
def content():
    return load_content()


def write_quiz(path, data: dict):
    lines = [f"{k} = {toml_value(v)}" for k, v in data.items() if k != "questions"]
    for q in data.get("questions", []):
        lines += ["", "[[questions]]"] + [f"{k} = {toml_value(v)}" for k, v in q.items()]
    if "questions" in data and not data["questions"]:
        lines.append("questions = []")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = {
    "id": "mini",
    "title": "A small quiz",
    "questions": [
        {"kind": "pick_region", "prompt": "Click the hippocampus.", "region": "hippocampus",
         "why": "Deep in the temporal lobe.", "refs": ["desikan2006"]},
        {"kind": "choice", "prompt": "Which animal?", "choices": ["Mice", "Humans", "Monkeys"], "answer": "Mice",
         "why": "Autry et al. used mice.", "refs": ["autry2011"], "region": "hippocampus"},
        {"kind": "order", "prompt": "Order these.", "steps": ["mtorc1", "nmda_block", "bdnf_trkb"],
         "why": "Block first.", "refs": ["li2010"]},
    ],
}


def test_builtin_quiz_is_valid_and_asks_all_three_kinds(content):
    quiz = builtin_quizzes(content)["ketamine"]
    assert quiz.title and len(quiz) >= 18
    kinds = [q.kind for q in quiz.questions]
    assert kinds.count("pick_region") >= 3 and kinds.count("choice") >= 10 and kinds.count("order") >= 2
    assert {q.region for q in quiz.questions if q.kind == "pick_region"} == set(content.regions)
    order = [s.id for s in content.mechanism.steps]
    for q in quiz.questions:
        assert q.prompt and q.why and q.refs and all(r in content.references for r in q.refs)
        assert q.region is None or q.region in content.regions
        if q.kind == "choice":
            assert 2 <= len(q.choices) <= 6 and 0 <= q.answer < len(q.choices)
        if q.kind == "order":
            assert len(q.steps) >= 2 and list(q.steps) == sorted(q.steps, key=order.index)


def test_good_quiz_loads(tmp_path, content):
    quiz = load_quiz(write_quiz(tmp_path / "mini.toml", GOOD), content)
    assert (quiz.id, quiz.title, len(quiz)) == ("mini", "A small quiz", 3)
    pick, choice, order = quiz.questions
    assert pick.region == "hippocampus" and pick.choices == () and pick.answer is None and pick.steps == ()
    assert choice.choices == ("Mice", "Humans", "Monkeys") and choice.answer == 0
    # the right order is the mechanism's, whatever order the file lists
    assert order.steps == ("nmda_block", "bdnf_trkb", "mtorc1") and order.region is None
    assert quiz.kinds() == {"pick_region", "choice", "order"}


@pytest.mark.parametrize("answer, index", [(1, 0), (3, 2), ("Monkeys", 2), ("  Humans ", 1)])
def test_answer_is_a_choice_number_from_1_or_its_text(tmp_path, content, answer, index):
    data = copy.deepcopy(GOOD)
    data["questions"][1]["answer"] = answer
    assert load_quiz(write_quiz(tmp_path / "q.toml", data), content).questions[1].answer == index


def _break(question: int, **changes):
    data = copy.deepcopy(GOOD)
    q = data["questions"][question]
    for k, v in changes.items():
        if v is None:
            q.pop(k, None)
        else:
            q[k] = v
    return data


CASES = [
    # (data, field, words in the message)
    (_break(0, kind="essay"), "questions[0].kind", "unknown question kind 'essay'"),
    (_break(0, kind=None), "questions[0].kind", "required field is missing"),
    (_break(0, region="amygdala"), "questions[0].region", "unknown region 'amygdala'"),
    (_break(0, region=None), "questions[0].region", "required field is missing"),
    (_break(1, region="amygdala"), "questions[1].region", "unknown region 'amygdala'"),
    (_break(2, steps=["nmda_block", "serotonin"]), "questions[2].steps[1]", "unknown mechanism step 'serotonin'"),
    (_break(2, steps=["nmda_block"]), "questions[2].steps", "at least 2 steps"),
    (_break(2, steps=["nmda_block", "nmda_block"]), "questions[2].steps", "listed twice"),
    (_break(2, steps=[]), "questions[2].steps", "must not be empty"),
    (_break(2, steps=None), "questions[2].steps", "required field is missing"),
    (_break(0, refs=["nobody2099"]), "questions[0].refs[0]", "unknown reference 'nobody2099'"),
    (_break(0, refs=[]), "questions[0].refs", "must not be empty"),
    (_break(0, refs=None), "questions[0].refs", "required field is missing"),
    (_break(0, refs=["li2010", "li2010"]), "questions[0].refs", "listed twice"),
    (_break(0, refs=["li2010"] * (MAX_REFS + 1)), "questions[0].refs", "limit"),
    (_break(1, answer=4), "questions[1].answer", "choice number 4 does not exist"),
    (_break(1, answer=0), "questions[1].answer", "count from 1"),
    (_break(1, answer=-1), "questions[1].answer", "does not exist"),
    (_break(1, answer="Rats"), "questions[1].answer", "'Rats' is not one of the choices"),
    (_break(1, answer=True), "questions[1].answer", "expected the right choice's text"),
    (_break(1, answer=1.0), "questions[1].answer", "expected the right choice's text"),
    (_break(1, answer=None), "questions[1].answer", "required field is missing"),
    (_break(1, choices=["Mice", "Humans", "mice "]), "questions[1].choices[2]", "the same choice as choices[0]"),
    (_break(1, choices=["Mice"]), "questions[1].choices", "at least 2 choices"),
    (_break(1, choices=[f"c{i}" for i in range(7)]), "questions[1].choices", "limit is 6"),
    (_break(1, choices=["Mice", ""]), "questions[1].choices[1]", "non-empty text"),
    (_break(1, choices=["Mice", "x" * (MAX_CHOICE + 1)]), "questions[1].choices[1]", "too long"),
    (_break(1, choices=None), "questions[1].choices", "required field is missing"),
    (_break(0, choices=["a", "b"]), "questions[0].choices", "unknown field"),
    (_break(2, answer=1), "questions[2].answer", "unknown field"),
    (_break(1, steps=["nmda_block", "mtorc1"]), "questions[1].steps", "unknown field"),
    (_break(0, promt="typo"), "questions[0].promt", "unknown field"),
    (_break(0, prompt=""), "questions[0].prompt", "must not be empty"),
    (_break(0, prompt="   "), "questions[0].prompt", "must not be empty"),
    (_break(0, prompt=None), "questions[0].prompt", "required field is missing"),
    (_break(0, prompt="x" * (MAX_PROMPT + 1)), "questions[0].prompt", "too long"),
    (_break(1, prompt="click THE   hippocampus."), "questions[1].prompt", "the same prompt as question 1"),
    (_break(0, why=""), "questions[0].why", "must not be empty"),
    (_break(0, why="x" * (MAX_WHY + 1)), "questions[0].why", "too long"),
    (_break(0, why=3), "questions[0].why", "expected text"),
]


@pytest.mark.parametrize("data, field, words", CASES, ids=[c[1] + ":" + c[2][:20] for c in CASES])
def test_bad_question_names_file_question_and_field(tmp_path, content, data, field, words):
    path = write_quiz(tmp_path / "bad.toml", data)
    with pytest.raises(ContentError) as info:
        load_quiz(path, content)
    exc = info.value
    index = int(field.split("[")[1].split("]")[0])
    assert exc.path == path and exc.field == field
    assert words in exc.message
    assert exc.message.startswith(f"question {index + 1} of {len(data['questions'])}")
    prompt = data["questions"][index].get("prompt")
    if isinstance(prompt, str) and prompt.strip() and len(prompt) < 60:
        assert f'("{" ".join(prompt.split())}")' in exc.message  # the question is named by its prompt
    assert str(path) in str(exc) and field in str(exc)


@pytest.mark.parametrize("change, field, words", [
    ({"id": "Not An Id"}, "id", "not a valid id"),
    ({"id": None}, "id", "required field is missing"),
    ({"title": ""}, "title", "must not be empty"),
    ({"questions": []}, "questions", "must not be empty"),
    ({"questions": None}, "questions", "required field is missing"),
    ({"author": "me"}, "author", "unknown field"),
    ({"questions": [GOOD["questions"][0] | {"prompt": f"Q{i}"} for i in range(MAX_QUESTIONS + 1)]},
     "questions", f"the limit is {MAX_QUESTIONS}"),
])
def test_bad_top_level_names_the_field(tmp_path, content, change, field, words):
    data = copy.deepcopy(GOOD)
    for k, v in change.items():
        if v is None:
            data.pop(k)
        else:
            data[k] = v
    path = write_quiz(tmp_path / "bad.toml", data)
    with pytest.raises(ContentError) as info:
        load_quiz(path, content)
    assert info.value.path == path and info.value.field == field and words in info.value.message


def test_a_question_that_is_not_a_table_is_named(tmp_path, content):
    path = tmp_path / "bad.toml"
    path.write_text('id = "x"\ntitle = "X"\nquestions = ["Click the hippocampus."]\n', encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_quiz(path, content)
    assert info.value.field == "questions[0]" and "expected a table" in info.value.message


def test_missing_or_broken_file_names_the_file(tmp_path, content):
    with pytest.raises(ContentError, match="not found"):
        load_quiz(tmp_path / "none.toml", content)
    path = tmp_path / "broken.toml"
    path.write_text('id = "x"\n[[questions]\nkind = ', encoding="utf-8")
    with pytest.raises(ContentError, match="not valid TOML") as info:
        load_quiz(path, content)
    assert info.value.path == path


def test_duplicate_quiz_ids_are_refused(tmp_path, content):
    a = write_quiz(tmp_path / "a.toml", GOOD)
    b = write_quiz(tmp_path / "b.toml", GOOD)
    with pytest.raises(ContentError, match="duplicate quiz id 'mini'") as info:
        load_quizzes([a, b], content)
    assert info.value.path == b and info.value.field == "id"


def test_a_lecturers_folder_may_hold_quizzes(tmp_path, content):
    assert load_folder_quizzes(tmp_path, content) == {}
    (tmp_path / "quizzes").mkdir()
    write_quiz(tmp_path / "quizzes" / "mini.toml", GOOD)
    assert list(load_folder_quizzes(tmp_path, content)) == ["mini"]


def test_a_quiz_link_out_of_the_folder_is_refused(tmp_path, content):
    outside = write_quiz(tmp_path / "outside.toml", GOOD)
    folder = tmp_path / "lecture"
    (folder / "quizzes").mkdir(parents=True)
    (folder / "quizzes" / "mini.toml").symlink_to(outside)
    with pytest.raises(ContentError):
        load_folder_quizzes(folder, content)
