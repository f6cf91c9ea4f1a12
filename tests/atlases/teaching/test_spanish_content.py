"""The Spanish built-in content is a translation of the English: same files, same ids, same references.

Every file under ``assets/content``, ``assets/tours`` and ``assets/quizzes`` has a
counterpart under ``assets/translations/es/`` with the same structure: the same
tables and list lengths, and the same identifiers (ids, region and step names,
evidence grades, species, views, references). Only the human-language text
differs, and it must differ: an English sentence copied over is no translation.
"""

from __future__ import annotations

import pytest
import tomllib

from atlases.resources import TRANSLATED_KINDS, language_asset_dir

#: Keys whose values are identifiers or numbers, never translated.
IDENTIFIER_KEYS = {"id", "refs", "summary_refs", "intro_refs", "evidence", "region", "regions", "steps",
                   "mechanism_step", "view", "kind", "species", "rival_species", "cutaway", "cortex_opacity",
                   "doi", "year", "url", "abbreviation", "seed", "mode"}
#: Lists whose length may differ in a translation (the word forms a glossary term is found by).
FREE_LENGTH_KEYS = {"forms"}
#: Tables only a translation has: the diagram's claim words in its language (English needs none).
TRANSLATION_ONLY_KEYS = {"claims"}


def _files(language: str) -> dict[str, object]:
    found = {}
    for kind in TRANSLATED_KINDS:
        root = language_asset_dir(kind, language)
        for path in sorted(root.rglob("*.toml")):
            found[f"{kind}/{path.relative_to(root).as_posix()}"] = path
    return found


ENGLISH = _files("en")


def _holds_no_tables(value) -> bool:
    """Whether ``value`` is a plain identifier value, not a table (or list of tables) holding texts.

    Some identifier key names also name tables of text: ``steps`` is a list of step ids in a
    quiz but the list of steps (titles, texts) in the mechanism and a tour; ``species`` is a
    list of species ids in a diagram step but the table of species names in the diagram's words.
    """
    if isinstance(value, dict):
        return False
    return not (isinstance(value, list) and any(isinstance(v, dict) for v in value))


def _compare(en, es, where: str, texts: list[tuple[str, str, str]]) -> None:
    assert type(en) is type(es), f"{where}: {type(en).__name__} in English, {type(es).__name__} in Spanish"
    if isinstance(en, dict):
        es_keys = set(es) - (TRANSLATION_ONLY_KEYS if where.endswith(".toml") else set())
        assert set(en) == es_keys, f"{where}: keys differ: {sorted(set(en) ^ es_keys)}"
        for key in en:
            if key in IDENTIFIER_KEYS and _holds_no_tables(en[key]):
                assert en[key] == es[key], f"{where}.{key}: {en[key]!r} in English, {es[key]!r} in Spanish"
            elif key in FREE_LENGTH_KEYS:
                assert isinstance(es[key], list) and es[key], f"{where}.{key}: no Spanish forms"
            else:
                _compare(en[key], es[key], f"{where}.{key}", texts)
    elif isinstance(en, list):
        assert len(en) == len(es), f"{where}: {len(en)} items in English, {len(es)} in Spanish"
        for n, (a, b) in enumerate(zip(en, es, strict=True)):
            _compare(a, b, f"{where}[{n}]", texts)
    elif isinstance(en, str):
        texts.append((where, en, es))
    else:
        assert en == es, f"{where}: {en!r} in English, {es!r} in Spanish"


def test_every_english_file_has_a_spanish_counterpart_and_no_more():
    assert set(_files("es")) == set(ENGLISH)


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_the_spanish_file_has_the_same_ids_references_and_structure(name):
    spanish = _files("es").get(name)
    assert spanish is not None, f"no Spanish {name}"
    en = tomllib.loads(ENGLISH[name].read_text(encoding="utf-8"))
    es = tomllib.loads(spanish.read_text(encoding="utf-8"))
    texts: list[tuple[str, str, str]] = []
    _compare(en, es, name, texts)
    if name == "content/references.toml":
        return  # titles of papers are cited as published
    long_texts = [(w, a, b) for w, a, b in texts if len(a) > 40]
    copied = [w for w, a, b in long_texts if a == b]
    assert not copied, f"English text copied, not translated: {copied[:5]}"


def test_the_spanish_content_tours_and_quizzes_load_and_name_the_regions_in_spanish():
    from atlases.teaching.content import load_content
    from atlases.teaching.quiz_files import builtin_quizzes
    from atlases.teaching.tours import builtin_tours
    from viewer.scene.camera_views import VIEWS

    english, spanish = load_content(language="en"), load_content(language="es")
    assert spanish.region("hippocampus").name == "Hipocampo"
    assert spanish.region("prefrontal_cortex").name.lower().startswith("corteza prefrontal")
    assert set(spanish.references) == set(english.references)
    assert [s.id for s in spanish.mechanism.steps] == [s.id for s in english.mechanism.steps]
    assert [t.id for t in spanish.glossary.terms] == [t.id for t in english.glossary.terms]
    assert set(builtin_tours(spanish, VIEWS, "es")) == set(builtin_tours(english, VIEWS, "en"))
    assert set(builtin_quizzes(spanish, "es")) == set(builtin_quizzes(english, "en"))


def test_every_element_the_spanish_diagram_draws_active_or_blocked_is_said_by_the_spanish_step_text():
    import re

    from atlases.teaching.content import load_content
    from atlases.teaching.mechanism_diagram import load_mechanism_diagram

    content = load_content(language="es")
    diagram = load_mechanism_diagram(content)
    for step in content.mechanism.steps:
        for rival in (False, True):
            if rival and not diagram.has_rival(step.id):
                continue
            for element_id, claim in diagram.states(step.id, rival).claims.items():
                word = diagram.claim_word(claim)
                assert re.search(re.escape(word), step.text, re.IGNORECASE), \
                    f"{step.id}: the Spanish diagram shows {element_id!r} but the text never says {word!r}"
