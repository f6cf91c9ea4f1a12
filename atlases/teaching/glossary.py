"""The glossary: short definitions of the words the region and mechanism texts use.

A content folder may hold ``glossary.toml`` (the built-in one does; a
lecturer's folder without one simply has no glossary)::

    [[terms]]
    id = "nmda_receptor"                       # a content id
    term = "NMDA receptor"                     # as shown
    forms = ["NMDA receptor", "NMDA receptors"]  # the words linked in the text
    definition = "..."                         # plain text, at most two sentences
    refs = ["anis1983"]                        # ids of references.toml (may be empty)

A form is one or more words of letters and digits joined by single spaces or
hyphens; it is matched as whole words, ignoring case, so no two terms may
share a form. The file is untrusted: everything is checked and bounded on
load, and the first problem raises :class:`~atlases.errors.ContentError`
naming the file and the field. Plain Python: no Qt.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from atlases.errors import ContentError
from atlases.files.safe_paths import resolve_inside
from atlases.files.toml_reader import Fields, read_toml

#: The file name inside a content folder.
GLOSSARY_FILE = "glossary.toml"
#: At most this many terms, forms per term, and characters per form / term / definition.
MAX_TERMS = 300
MAX_FORMS = 12
MAX_FORM_CHARS = 60
MAX_TERM_CHARS = 80
MAX_DEFINITION_CHARS = 400
#: A form: words of letters and digits joined by one space or one hyphen.
FORM_PATTERN = re.compile(r"^[^\W_]+(?:[ -][^\W_]+)*\Z")
#: Longest form, in words (the linker looks this many words ahead).
MAX_FORM_WORDS = 6


def form_key(form: str) -> str:
    """The form as the linker looks it up: lower case, whitespace runs as one space."""
    return " ".join(form.split()).casefold()


@dataclass(frozen=True)
class GlossaryTerm:
    """One defined term."""

    id: str
    term: str
    forms: tuple[str, ...]
    definition: str
    refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Glossary:
    """The terms of one content folder, in file order (empty when the folder has none)."""

    terms: tuple[GlossaryTerm, ...] = ()

    def term(self, term_id: str) -> GlossaryTerm | None:
        """The term with id ``term_id``, or None."""
        return next((t for t in self.terms if t.id == term_id), None)

    def form_index(self) -> dict[str, str]:
        """Each form's :func:`form_key` -> the id of its term."""
        return {form_key(f): t.id for t in self.terms for f in t.forms}


def load_glossary(path: str | Path, references) -> Glossary:
    """Load and check one glossary file.

    Parameters
    ----------
    path : str or Path
        The ``glossary.toml`` file.
    references : collection of str
        The reference ids a definition may cite.

    Returns
    -------
    Glossary

    Raises
    ------
    ContentError
        Naming the file and field of the first problem.
    """
    path = Path(path)
    top = Fields(read_toml(path), path)
    top.unknown_keys({"terms"})
    terms: list[GlossaryTerm] = []
    owner: dict[str, str] = {}   # form key -> term id
    for f in top.tables("terms", max_items=MAX_TERMS):
        f.unknown_keys({"id", "term", "forms", "definition", "refs"})
        term_id = f.id()
        if any(t.id == term_id for t in terms):
            raise f.error("id", f"duplicate term id {term_id!r}")
        forms = f.str_list("forms", max_items=MAX_FORMS)
        for i, form in enumerate(forms):
            where = f"{f.where('forms')}[{i}]"
            if len(form) > MAX_FORM_CHARS or len(form.split()) > MAX_FORM_WORDS:
                raise ContentError(f"form is too long (at most {MAX_FORM_CHARS} characters and "
                                   f"{MAX_FORM_WORDS} words)", path, where)
            if not FORM_PATTERN.match(form):
                raise ContentError(f"{form!r} is not a form: use words of letters and digits joined by "
                                   "single spaces or hyphens", path, where)
            key = form_key(form)
            if key in owner:
                raise ContentError(f"form {form!r} is already a form of term {owner[key]!r}", path, where)
            owner[key] = term_id
        refs = f.choice_list("refs", references, "reference", hint="define it in references.toml",
                             default=[], required=False, allow_empty=True)
        terms.append(GlossaryTerm(term_id, f.str("term", max_len=MAX_TERM_CHARS).strip(), tuple(forms),
                                  " ".join(f.str("definition", max_len=MAX_DEFINITION_CHARS).split()),
                                  tuple(refs or ())))
    return Glossary(tuple(terms))


def load_folder_glossary(folder: str | Path, references) -> Glossary:
    """The glossary of a content folder: its ``glossary.toml``, or an empty one when there is none.

    Raises
    ------
    ContentError
        When the file is invalid or is a link to somewhere outside ``folder``.
    """
    path = resolve_inside(folder, GLOSSARY_FILE)
    if not os.path.lexists(path):
        return Glossary()
    return load_glossary(path, references)


def merge_glossaries(base: Glossary, added: Glossary) -> Glossary:
    """``base``'s terms with ``added``'s (a content pack's additions) merged in.

    A term of ``added`` replaces the ``base`` term of the same id, in its
    place; the others come after ``base``'s. A ``base`` term that shares a
    form with an added term is left out: the pack's term defines that word.
    """
    added_ids = {t.id for t in added.terms}
    added_forms = {form_key(f) for t in added.terms for f in t.forms}
    replaced = {t.id: t for t in added.terms}
    kept = [replaced.get(t.id, t) for t in base.terms
            if t.id in added_ids or not added_forms.intersection(form_key(f) for f in t.forms)]
    shown = {t.id for t in kept}
    return Glossary(tuple(kept) + tuple(t for t in added.terms if t.id not in shown))
