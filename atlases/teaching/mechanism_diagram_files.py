"""Reading and checking the mechanism diagram's two files.

``assets/diagrams/ketamine_circuit.toml`` (the scene, language-independent)::

    canvas = [W, H]
    [[elements]]  id, kind, role, label = [x, y, width]?, leader = [x, y]?, and the kind's fields (KINDS)
    [[steps]]     id, hidden/dim/active/blocked = [element ids] (the rest: normal),
                  claims = {element = "a word of the step's text"}, rival = {the same fields}?

``mechanism_diagram.toml`` of the content folder (the words, translatable)::

    [elements]       element id = label
    [markers]        hypothesis, rival, leading
    [species]        species id = name
    [steps.<id>]     change, species = [species ids], rival_change?, rival_species?
    [claims]?        a claim word of the scene = the same word in this file's language (a
                     translation's step texts must contain the translated word)

Both are untrusted (a lecturer may bring the second): every field is
checked, counts and numbers are bounded, and the first problem raises
:class:`~atlases.errors.ContentError` naming the file and the field.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path
from typing import Any

from atlases.files.safe_paths import resolve_inside
from atlases.files.toml_reader import ID_PATTERN, Fields, read_toml
from atlases.teaching.mechanism_diagram_model import (
    STATES,
    DiagramElement,
    MechanismDiagram,
    StepLabels,
    StepStates,
)

DIAGRAM_FILE = "ketamine_circuit.toml"
LABELS_FILE = "mechanism_diagram.toml"
MAX_ELEMENTS = 60
MAX_STEPS = 40
MAX_POINTS = 64        # points in one path
MAX_PATHS = 16         # paths in one field (dendrites, spines)
MAX_COUNT = 60         # dots of one release cloud
MAX_CANVAS = 10_000
MAX_LABEL = 80         # characters of an element label, a species name or a marker
MAX_CHANGE = 120       # characters of a step's change label
MAX_CLAIM = 60
MARKERS = ("hypothesis", "rival", "leading")
#: The colour roles an element may take (the painter maps them to theme colours).
ROLES = ("inhibitory", "excitatory", "transmitter", "receptor", "drug", "growth")
ARROW_HEADS = ("arrow", "bar")

#: Each element kind and its geometry fields, by field type (see ``_read_field``).
KINDS: dict[str, dict[str, str]] = {
    "interneuron": {"soma": "point", "radius": "size", "dendrites": "paths", "axon": "path",
                    "terminal": "point", "terminal_radius": "size", "raster": "point", "nucleus": "point",
                    "nucleus_radius": "size"},
    "pyramidal": {"soma": "path", "apical": "path", "apical_width": "size", "basal": "paths", "axon": "path",
                  "raster": "point", "nucleus": "point", "nucleus_radius": "size"},
    "spine": {"base": "point", "head": "point", "head_radius": "size"},
    "terminal": {"bouton": "point", "radius": "size", "axon": "path"},
    "channel": {"at": "point", "angle": "angle", "size": "size"},
    "blocker": {"targets": "targets"},
    "dots": {"at": "point", "spread": "size", "count": "count"},
    "tk_receptor": {"at": "point", "angle": "angle", "size": "size"},
    "complex": {"at": "point", "radius": "size"},
    "spines": {"spines": "paths", "head_radius": "size"},
    "arrow": {"path": "path", "head": "head"},
}


def diagram_path() -> Path:
    """The bundled scene file."""
    from atlases.resources import asset_path

    return asset_path("diagrams", DIAGRAM_FILE)


def labels_path(folder: str | Path | None) -> Path:
    """The labels file of a content folder, or the built-in one when the folder has none."""
    if folder is not None and os.path.lexists(Path(folder) / LABELS_FILE):
        return resolve_inside(folder, LABELS_FILE)  # a lecturer's file must not lead outside the folder
    from atlases.resources import asset_path

    return asset_path("content", LABELS_FILE)


def build_diagram(content, diagram_file: str | Path | None = None,
                  labels_file: str | Path | None = None) -> MechanismDiagram:
    """Read both files and combine them with ``content``'s mechanism steps.

    Parameters
    ----------
    content : atlases.teaching.content.Content
    diagram_file, labels_file : str or Path, optional
        Instead of the bundled scene and the content folder's (or built-in) labels.

    Returns
    -------
    MechanismDiagram
    """
    scene = Path(diagram_file) if diagram_file is not None else diagram_path()
    canvas, elements, steps, rivals = read_scene(scene)
    ids = [e.id for e in elements]
    words = Path(labels_file) if labels_file is not None else labels_path(getattr(content, "folder", None))
    claims = {word for states in (*steps.values(), *rivals.values()) for word in states.claims.values()}
    labels, step_labels = read_labels(words, ids, list(steps), set(rivals), claims)
    step_ids = tuple(s.id for s in content.mechanism.steps if s.id in steps)
    hypotheses = frozenset(s.id for s in content.mechanism.steps if s.evidence == "hypothesis")
    return MechanismDiagram(canvas, tuple(elements), labels, steps, rivals, step_labels, hypotheses, step_ids)


def read_scene(path: Path) -> tuple[tuple[float, float], list[DiagramElement], dict[str, StepStates],
                                    dict[str, StepStates]]:
    """Read and check the scene file: canvas, elements, each step's states and its rival variant."""
    f = Fields(read_toml(path), path)
    f.unknown_keys({"canvas", "elements", "steps"})
    canvas = _canvas(f)
    elements: list[DiagramElement] = []
    for table in f.tables("elements", max_items=MAX_ELEMENTS):
        elements.append(_read_element(table, canvas, {x.id for x in elements}))
    kinds = {e.id: e.kind for e in elements}
    for e, raw in zip(elements, f.tables("elements"), strict=True):
        for target in e.geometry.get("targets", ()):
            if kinds.get(target) != "channel":
                raise raw.error("targets", f"{target!r} is not a channel element; a blocker sits in channels")
    steps: dict[str, StepStates] = {}
    rivals: dict[str, StepStates] = {}
    for s in f.tables("steps", max_items=MAX_STEPS):
        s.unknown_keys({"id", *STATES, "claims", "rival"})
        step_id = s.id()
        if step_id in steps:
            raise s.error("id", f"duplicate step id {step_id!r}")
        steps[step_id] = _read_states(s, kinds)
        rival = s.table("rival", required=False)
        if rival is not None:
            rival.unknown_keys({*STATES, "claims"})
            rivals[step_id] = _read_states(rival, kinds)
    return canvas, elements, steps, rivals


def _canvas(f: Fields) -> tuple[float, float]:
    values = _list(f, "canvas")
    if len(values) != 2:
        raise f.error("canvas", "must be [width, height]")
    w, h = (_number(f, "canvas", v, 100, MAX_CANVAS) for v in values)
    return w, h


def _list(f: Fields, key: str) -> list:
    if key not in f.data:
        raise f.error(key, "required field is missing")
    value = f.data[key]
    if not isinstance(value, list):
        raise f.error(key, "expected a list")
    return value


def _number(f: Fields, key: str, value: Any, lo: float, hi: float) -> float:
    probe = Fields({key: value}, f.path, f.prefix)
    return probe.number(key, lo=lo, hi=hi)


def _point(f: Fields, key: str, value: Any, canvas: tuple[float, float]) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise f.error(key, "a point must be [x, y]")
    return _number(f, key, value[0], 0, canvas[0]), _number(f, key, value[1], 0, canvas[1])


def _path(f: Fields, key: str, value: Any, canvas) -> tuple[tuple[float, float], ...]:
    if not isinstance(value, list) or not 2 <= len(value) <= MAX_POINTS:
        raise f.error(key, f"a path must be a list of 2 to {MAX_POINTS} points [x, y]")
    return tuple(_point(f, key, p, canvas) for p in value)


def _read_field(f: Fields, key: str, kind: str, canvas) -> Any:
    if kind == "size":
        return f.number(key, lo=1, hi=max(canvas))
    if kind == "angle":
        return f.number(key, lo=-360, hi=360)
    if kind == "count":
        count = f.int(key)
        if not 1 <= count <= MAX_COUNT:
            raise f.error(key, f"must be between 1 and {MAX_COUNT}, got {count}")
        return count
    if kind == "head":
        return f.choice(key, ARROW_HEADS, "arrow head")
    if kind == "targets":
        return tuple(f.str_list(key, max_items=MAX_ELEMENTS))
    value = _list(f, key)
    if kind == "point":
        return _point(f, key, value, canvas)
    if kind == "path":
        return _path(f, key, value, canvas)
    if not 1 <= len(value) <= MAX_PATHS:  # "paths"
        raise f.error(key, f"must hold 1 to {MAX_PATHS} paths")
    return tuple(_path(f, key, p, canvas) for p in value)


def _read_element(e: Fields, canvas, seen: set[str]) -> DiagramElement:
    kind = e.choice("kind", KINDS, "element kind")
    fields = KINDS[kind]
    e.unknown_keys({"id", "kind", "role", "label", "leader", *fields})
    element_id = e.id()
    if element_id in seen:
        raise e.error("id", f"duplicate element id {element_id!r}")
    geometry = {key: _read_field(e, key, field_type, canvas) for key, field_type in fields.items()}
    label_box = None
    if "label" in e.data:
        raw = _list(e, "label")
        if len(raw) != 3:
            raise e.error("label", "must be [x, y, width]: the label's top-left corner and its width")
        x, y = _point(e, "label", raw[:2], canvas)
        label_box = (x, y, _number(e, "label", raw[2], 10, canvas[0]))
    leader = _point(e, "leader", e.data["leader"], canvas) if "leader" in e.data else None
    role = e.choice("role", ROLES, "colour role")
    return DiagramElement(element_id, kind, role, geometry, label_box, leader)


def _read_states(s: Fields, kinds: dict[str, str]) -> StepStates:
    states = dict.fromkeys(kinds, "normal")
    named: dict[str, str] = {}
    for state in STATES:
        ids = s.choice_list(state, list(kinds), "element", default=[], required=False, allow_empty=True)
        for element_id in ids:
            if element_id in named:
                raise s.error(state, f"element {element_id!r} is already {named[element_id]!r} in this step")
            named[element_id] = state
            states[element_id] = state
    claims_f = s.table("claims", required=False)
    claims: dict[str, str] = {}
    if claims_f is not None:
        claims_f.unknown_keys(kinds)
        claims = {k: claims_f.str(k, max_len=MAX_CLAIM) for k in claims_f.data}
    for element_id, state in states.items():
        if state in ("active", "blocked") and element_id not in claims:
            raise s.error("claims", f"element {element_id!r} is {state} but has no claim: name the word of the "
                                    "step's text that says so")
    return StepStates(states, claims)


def read_labels(path: Path, element_ids: list[str], step_ids: list[str],
                rival_steps: set[str], claim_words: Collection[str] = ()) -> tuple[dict[str, str],
                                                                                      dict[str, StepLabels]]:
    """Read and check the labels file against the scene's elements, steps and claim words.

    Returns
    -------
    labels : dict of str to str
        Element id, ``"species.<id>"``, ``"marker.<name>"`` and ``"claim.<word>"`` to text.
    step_labels : dict of str to StepLabels
    """
    f = Fields(read_toml(path), path)
    f.unknown_keys({"elements", "markers", "species", "steps", "claims"})
    labels: dict[str, str] = {}
    elements = f.table("elements")
    elements.unknown_keys(element_ids)
    for key in elements.data:
        labels[key] = elements.str(key, max_len=MAX_LABEL)
    markers = f.table("markers")
    markers.unknown_keys(MARKERS)
    for key in MARKERS:
        labels[f"marker.{key}"] = markers.str(key, max_len=MAX_LABEL)
    species_f = f.table("species")
    if not species_f.data or len(species_f.data) > 20:
        raise f.error("species", "must name 1 to 20 species")
    for key in species_f.data:
        if not ID_PATTERN.match(key):
            raise species_f.error(key, "is not a valid species id")
        labels[f"species.{key}"] = species_f.str(key, max_len=MAX_LABEL)
    species_ids = list(species_f.data)
    steps_f = f.table("steps")
    steps_f.unknown_keys(step_ids)
    step_labels: dict[str, StepLabels] = {}
    for step_id in step_ids:
        s = steps_f.table(step_id)
        s.unknown_keys({"change", "species", "rival_change", "rival_species"})
        rival_change = s.str("rival_change", required=False, max_len=MAX_CHANGE)
        rival_species = s.choice_list("rival_species", species_ids, "species", required=False, max_items=20)
        if (rival_change is not None or rival_species is not None) and step_id not in rival_steps:
            raise s.error("rival_change", "this step has no rival variant in the diagram")
        step_labels[step_id] = StepLabels(
            change=s.str("change", max_len=MAX_CHANGE),
            species=tuple(s.choice_list("species", species_ids, "species", max_items=20)),
            rival_change=rival_change, rival_species=tuple(rival_species) if rival_species else None)
    claims_f = f.table("claims", required=False)
    if claims_f is not None:
        claims_f.unknown_keys(claim_words)
        for word in claims_f.data:
            labels[f"claim.{word}"] = claims_f.str(word, max_len=MAX_CLAIM)
    return labels, step_labels
