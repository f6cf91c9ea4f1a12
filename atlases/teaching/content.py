"""The teaching content: region texts, the ketamine mechanism, references.

Content is a folder of TOML files (the built-in one in ``assets/content`` or a
lecturer's own) laid out as::

    references.toml        [references.<id>] authors, year, title, journal, citation, doi?
    mechanism.toml         title, intro, intro_refs?, overview_intro?,
                           [[steps]] id, title, text, intro?, evidence, refs, regions
    safety.toml            title, text, refs
    glossary.toml          optional: [[terms]] (:mod:`atlases.teaching.glossary`)
    regions/<id>.toml      id, name, abbreviation, summary, summary_intro?, summary_refs?, and the sections below

A region file has one array of paragraphs per section (see :data:`SECTIONS`);
each paragraph is ``{text, intro?, evidence, refs}``. Texts exist at two
reading levels (:data:`READING_LEVELS`): ``text``/``summary``/``intro`` of the
mechanism are the advanced level, and the optional ``intro`` fields
(``summary_intro``, ``overview_intro``) the intro level, which falls back to
the advanced text when a lecturer's folder has none. Every paragraph must cite at
least one reference that exists in ``references.toml``; ``summary_refs``
(optional, so a lecturer's older folder still loads) are the references of
the summary paragraph. Everything is checked
on load; the first problem raises :class:`~atlases.errors.ContentError` naming
the file and the field.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from atlases.errors import ContentError, UnknownNameError
from atlases.files.safe_paths import check_folder, files_inside, resolve_inside
from atlases.files.toml_reader import ID_PATTERN, MAX_ITEMS, Fields, read_toml
from atlases.sources.definitions import REGION_IDS
from atlases.teaching.glossary import Glossary, load_folder_glossary, merge_glossaries
from atlases.translation_marks import QT_TRANSLATE_NOOP

#: Region sections in the order the side panel shows them, with their headings (translated where shown).
SECTIONS = {
    "location": QT_TRANSLATE_NOOP("ContentHtml", "Where it is"),
    "normal_role": QT_TRANSLATE_NOOP("ContentHtml", "What it normally does"),
    "ketamine": QT_TRANSLATE_NOOP("ContentHtml", "What ketamine does here"),
    "uncertain": QT_TRANSLATE_NOOP("ContentHtml", "What is still uncertain"),
}

#: Allowed evidence strengths and how the app labels them.
EVIDENCE = {
    "established": QT_TRANSLATE_NOOP("ContentHtml", "established"),
    "human": QT_TRANSLATE_NOOP("ContentHtml", "human studies"),
    "animal": QT_TRANSLATE_NOOP("ContentHtml", "animal studies"),
    "case": QT_TRANSLATE_NOOP("ContentHtml", "single patient"),
    "hypothesis": QT_TRANSLATE_NOOP("ContentHtml", "leading hypothesis"),
    "disputed": QT_TRANSLATE_NOOP("ContentHtml", "disputed"),
    "modelling": QT_TRANSLATE_NOOP("ContentHtml", "modelling estimate"),
}

#: Reading levels, as the panel's switch offers them: a secondary-school text and today's university text.
READING_LEVELS = ("intro", "advanced")
#: The level shown until the user chooses (the texts the app always had).
DEFAULT_READING_LEVEL = "advanced"
#: The longest intro-level text of a paragraph or step (they are shorter than the advanced ones).
MAX_INTRO_CHARS = 3000


def _at_level(advanced: str, intro: str, level: str) -> str:
    """The intro text at the intro level when there is one, else the advanced text."""
    return intro if level == "intro" and intro else advanced


#: A DOI: "10.", the registrant, "/", a suffix without whitespace.
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+\Z")


def doi_url(doi: str) -> str | None:
    """The doi.org link of a DOI (percent-encoded), or None when ``doi`` is not one."""
    return f"https://doi.org/{quote(doi, safe='/()._-;:')}" if DOI_PATTERN.match(doi) else None


def author_surnames(authors: str) -> list[str]:
    """The first word of each name in an author list (``"Li N, Lee B & Duman RS"`` -> Li, Lee, Duman).

    Names are separated by commas or ``&``; a name needs a letter or a
    digit. An empty list means the text names nobody (e.g. ``","``,
    ``" & "`` or ``"-"``).
    """
    return [a.split()[0] for a in re.split(r",|&", authors) if any(c.isalnum() for c in a)]


@dataclass(frozen=True)
class Reference:
    """One published source."""

    id: str
    authors: str
    year: int
    title: str
    journal: str
    citation: str = ""
    doi: str | None = None

    @property
    def doi_url(self) -> str | None:
        """The resolver link for the DOI, or None."""
        return doi_url(self.doi) if self.doi else None

    def short(self) -> str:
        """Short in-text form, e.g. ``"Li et al. 2010"``."""
        names = author_surnames(self.authors) or [self.authors.strip()]  # the loader refuses lists without names
        if len(names) == 2:
            return f"{names[0]} & {names[1]} {self.year}"
        return f"{names[0]}{' et al.' if len(names) > 2 else ''} {self.year}"

    def full(self) -> str:
        """Full citation line (without the DOI)."""
        tail = f" {self.citation}" if self.citation else ""
        return f"{self.authors} ({self.year}). {self.title}. {self.journal}{tail}."


@dataclass(frozen=True)
class Paragraph:
    """A claim with its evidence strength and references."""

    text: str
    evidence: str
    refs: tuple[str, ...]
    intro: str = ""

    def text_at(self, level: str) -> str:
        """The text at reading ``level`` (the advanced text when there is no intro text)."""
        return _at_level(self.text, self.intro, level)


@dataclass(frozen=True)
class RegionContent:
    """Everything the side panel shows for one region.

    ``summary_refs`` are the reference ids of the summary paragraph (empty
    when the file gives none).
    """

    id: str
    name: str
    abbreviation: str
    summary: str
    sections: dict[str, tuple[Paragraph, ...]]
    source: Path
    summary_refs: tuple[str, ...] = ()
    summary_intro: str = ""

    def summary_at(self, level: str) -> str:
        """The summary at reading ``level`` (the advanced one when there is no intro summary)."""
        return _at_level(self.summary, self.summary_intro, level)

    def references(self) -> list[str]:
        """Reference ids cited by this region, in first-cited order (the summary's first)."""
        seen: dict[str, None] = dict.fromkeys(self.summary_refs)
        for paras in self.sections.values():
            for p in paras:
                for r in p.refs:
                    seen.setdefault(r, None)
        return list(seen)


@dataclass(frozen=True)
class MechanismStep:
    """One step of the ketamine cascade."""

    id: str
    title: str
    text: str
    evidence: str
    refs: tuple[str, ...]
    regions: tuple[str, ...]
    intro: str = ""

    def text_at(self, level: str) -> str:
        """The text at reading ``level`` (the advanced text when there is no intro text)."""
        return _at_level(self.text, self.intro, level)


@dataclass(frozen=True)
class Mechanism:
    """The ketamine cascade: an introduction (with its own citations) and the steps."""

    title: str
    intro: str
    steps: tuple[MechanismStep, ...]
    intro_refs: tuple[str, ...] = ()
    overview_intro: str = ""

    def intro_at(self, level: str) -> str:
        """The introduction at reading ``level`` (the advanced one when there is no intro-level one)."""
        return _at_level(self.intro, self.overview_intro, level)

    def step(self, step_id: str) -> MechanismStep:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise UnknownNameError("mechanism step", step_id, [s.id for s in self.steps])


@dataclass(frozen=True)
class SafetyNote:
    title: str
    text: str
    refs: tuple[str, ...]


@dataclass(frozen=True)
class Content:
    """A validated content folder."""

    folder: Path
    regions: dict[str, RegionContent]
    references: dict[str, Reference]
    mechanism: Mechanism
    safety: SafetyNote
    #: The folder's ``glossary.toml`` (empty when it has none).
    glossary: Glossary = Glossary()
    #: The complete folder that supplied what ``folder`` lacks (a content pack's built-in content), or None.
    base: Path | None = None

    def region(self, region_id: str) -> RegionContent:
        """Return one region's content, failing loudly on an unknown id."""
        try:
            return self.regions[region_id]
        except KeyError:
            raise UnknownNameError("region", region_id, self.regions) from None

    def reference(self, ref_id: str) -> Reference:
        try:
            return self.references[ref_id]
        except KeyError:
            raise UnknownNameError("reference", ref_id, self.references) from None


def load_content(folder: str | Path | None = None, language: str = "en", base: str | Path | None = None) -> Content:
    """Load and validate a content folder.

    Parameters
    ----------
    folder : str or Path, optional
        A content folder; the built-in content in ``language`` when omitted.
    language : str
        For the built-in content: one of :data:`atlases.resources.LANGUAGES`.
    base : str or Path, optional
        A complete folder that fills ``folder``'s gaps (a content pack, :mod:`atlases.teaching.content_pack`):
        ``folder``'s region, mechanism and safety files replace ``base``'s; references and glossary terms are merged.

    Returns
    -------
    Content

    Raises
    ------
    ContentError
        Naming the file and field of the first problem found.
    """
    if folder is None:
        from atlases.resources import language_asset_dir

        folder = language_asset_dir("content", language)
    check_folder(folder, "content folder")  # before Path(): Path("") would be the current folder
    folder = Path(folder)

    if base is not None:
        check_folder(base, "built-in content folder")
        base = Path(base)

    def source(name: str) -> Path:   # folder's file, else base's; both through safe_paths: no way out
        path = resolve_inside(folder, name)
        return resolve_inside(base, name) if base is not None and not os.path.lexists(path) else path

    references = _load_references(resolve_inside(base, "references.toml")) if base is not None else {}
    own_references = resolve_inside(folder, "references.toml")
    if base is None or os.path.lexists(own_references):
        references.update(_load_references(own_references))
    region_files = {p.stem: p for p in files_inside(base, "regions", "*.toml")} if base is not None else {}
    own_regions = files_inside(folder, "regions", "*.toml")
    if not own_regions and base is None:
        raise ContentError("no region files (regions/*.toml) in the content folder", folder)
    region_files.update((p.stem, p) for p in own_regions)
    regions: dict[str, RegionContent] = {}
    for path in region_files.values():
        region = _load_region(path, references)
        if region.id in regions:
            raise ContentError(f"duplicate region id {region.id!r} (also in {regions[region.id].source.name})",
                               path, "id")
        regions[region.id] = region
    missing = [r for r in REGION_IDS if r not in regions]
    if missing:
        raise ContentError(f"no content for region {missing[0]!r}; expected regions/{missing[0]}.toml",
                           folder / "regions")
    mechanism = _load_mechanism(source("mechanism.toml"), references, regions)
    safety = _load_safety(source("safety.toml"), references)
    glossary = load_folder_glossary(folder, references)
    if base is not None:
        glossary = merge_glossaries(load_folder_glossary(base, references), glossary)
    return Content(folder, regions, references, mechanism, safety, glossary, base)


def _intro(f: Fields, key: str) -> str:
    """An optional intro-level text ("" when the file has none)."""
    return f.str(key, default="", required=False, max_len=MAX_INTRO_CHARS)


def _evidence(f: Fields) -> str:
    return f.choice("evidence", EVIDENCE, "evidence strength")


def _check_refs(f: Fields, references: dict[str, Reference], key: str = "refs") -> tuple[str, ...]:
    return tuple(f.choice_list(key, references, "reference", hint="define it in references.toml"))


def _load_references(path: Path) -> dict[str, Reference]:
    top = Fields(read_toml(path), path)
    top.unknown_keys({"references"})
    table = top.table("references")
    if not table.data:
        raise top.error("references", "no references defined")
    if len(table.data) > MAX_ITEMS:
        raise top.error("references", f"defines {len(table.data)} references; the limit is {MAX_ITEMS}")
    refs = {}
    for ref_id in table.data:
        if not ID_PATTERN.match(ref_id):
            raise table.error(ref_id, "is not a valid reference id")
        f = table.table(ref_id)
        f.unknown_keys({"authors", "year", "title", "journal", "citation", "doi"})
        year = f.int("year")
        if not 1800 <= year <= 2100:
            raise f.error("year", f"implausible year {year}")
        doi = f.str("doi", required=False)
        if doi is not None and not DOI_PATTERN.match(doi):
            raise f.error("doi", f"{doi!r} is not a DOI (expected 10.NNNN/...)")
        authors = f.str("authors", max_len=2000)
        if not author_surnames(authors):
            raise f.error("authors", f"{authors!r} names no author (write names separated by commas, "
                                     "e.g. \"Li N, Duman RS\")")
        refs[ref_id] = Reference(
            id=ref_id, authors=authors, year=year,
            title=f.str("title", max_len=1000), journal=f.str("journal", max_len=300),
            citation=f.str("citation", default="", required=False, max_len=100), doi=doi,
        )
    return refs


def _load_paragraphs(f: Fields, key: str, references) -> tuple[Paragraph, ...]:
    paras = []
    for p in f.tables(key):
        p.unknown_keys({"text", "intro", "evidence", "refs"})
        paras.append(Paragraph(p.str("text", max_len=5000), _evidence(p), _check_refs(p, references),
                               _intro(p, "intro")))
    return tuple(paras)


def _load_region(path: Path, references) -> RegionContent:
    f = Fields(read_toml(path), path)
    f.unknown_keys({"id", "name", "abbreviation", "summary", "summary_intro", "summary_refs", *SECTIONS})
    region_id = f.id()
    if region_id not in REGION_IDS:
        raise f.error("id", f"unknown region {region_id!r}; valid: {', '.join(REGION_IDS)}")
    if region_id != path.stem:
        raise f.error("id", f"id {region_id!r} must match the file name {path.stem!r}")
    sections = {key: _load_paragraphs(f, key, references) for key in SECTIONS}
    return RegionContent(
        id=region_id, name=f.str("name", max_len=100), abbreviation=f.str("abbreviation", max_len=20),
        summary=f.str("summary", max_len=1000), sections=sections, source=path,
        summary_refs=tuple(f.choice_list("summary_refs", references, "reference",
                                         hint="define it in references.toml", default=[], required=False)),
        summary_intro=f.str("summary_intro", default="", required=False, max_len=1000),
    )


def _load_mechanism(path: Path, references, regions) -> Mechanism:
    f = Fields(read_toml(path), path)
    f.unknown_keys({"title", "intro", "intro_refs", "overview_intro", "steps"})
    intro_refs = tuple(f.choice_list("intro_refs", references, "reference", hint="define it in references.toml",
                                     default=[], required=False))
    steps = []
    seen = set()
    for s in f.tables("steps"):
        s.unknown_keys({"id", "title", "text", "intro", "evidence", "refs", "regions"})
        step_id = s.id()
        if step_id in seen:
            raise s.error("id", f"duplicate step id {step_id!r}")
        seen.add(step_id)
        step_regions = s.choice_list("regions", sorted(regions), "region", default=[], required=False)
        steps.append(MechanismStep(step_id, s.str("title", max_len=200), s.str("text", max_len=5000),
                                   _evidence(s), _check_refs(s, references), tuple(step_regions), _intro(s, "intro")))
    return Mechanism(f.str("title", max_len=200), f.str("intro", max_len=5000), tuple(steps), intro_refs,
                     _intro(f, "overview_intro"))


def _load_safety(path: Path, references) -> SafetyNote:
    f = Fields(read_toml(path), path)
    f.unknown_keys({"title", "text", "refs"})
    return SafetyNote(f.str("title", max_len=200), f.str("text", max_len=5000), _check_refs(f, references))
