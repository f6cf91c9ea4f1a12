"""The diagram's claim words in another language: the words file's optional ``[claims]`` table.

A step draws an element active or blocked only when its text says so: the
scene names, per element, a word the step's text must contain (in English).
A translated words file maps each of those words to the word its own texts
use, so the same honesty check holds in every language
(tests/atlases/teaching/test_spanish_content.py runs it on the Spanish).
"""

from __future__ import annotations

import pytest
import tomllib

from atlases.errors import ContentError
from atlases.resources import asset_path
from atlases.teaching.content import load_content
from atlases.teaching.mechanism_diagram_files import build_diagram
from tests.helpers_toml import dump_toml


@pytest.fixture(scope="module")
def content():
    return load_content()


def _words_with(tmp_path, claims) -> object:
    words = tomllib.loads(asset_path("content", "mechanism_diagram.toml").read_text(encoding="utf-8"))
    if claims is not None:
        words["claims"] = claims
    path = tmp_path / "words.toml"
    path.write_text(dump_toml(words), encoding="utf-8")
    return path


def test_without_a_claims_table_a_claim_is_its_own_word(tmp_path, content):
    diagram = build_diagram(content, None, _words_with(tmp_path, None))
    assert diagram.claim_word("ketamine") == "ketamine"


def test_a_claims_table_gives_the_translated_word(tmp_path, content):
    diagram = build_diagram(content, None, _words_with(tmp_path, {"ketamine": "ketamina", "spine": "espina"}))
    assert diagram.claim_word("ketamine") == "ketamina"
    assert diagram.claim_word("spine") == "espina"
    assert diagram.claim_word("NMDA") == "NMDA"   # not translated: the same word


@pytest.mark.parametrize(("claims", "field", "message"), [
    ({"dopamine": "dopamina"}, "dopamine", "unknown field"),   # no step claims it
    ({"ketamine": ""}, "ketamine", "empty"),
    ({"ketamine": "k" * 500}, "ketamine", "too long"),
    ({"ketamine": 3}, "ketamine", "expected text"),
])
def test_a_hostile_claims_table_is_refused_naming_the_field(tmp_path, content, claims, field, message):
    with pytest.raises(ContentError) as err:
        build_diagram(content, None, _words_with(tmp_path, claims))
    assert field in (err.value.field or ""), err.value
    assert message in err.value.message, err.value
