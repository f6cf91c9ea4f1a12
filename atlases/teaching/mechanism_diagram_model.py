"""The mechanism diagram's model: elements, steps, and the frame of each step.

What a painter needs, without Qt (import it from
:mod:`atlases.teaching.mechanism_diagram`, which also loads it): a
:class:`DiagramFrame` per step, with how each element looks as floats, so
that two frames can be blended by :func:`interpolate_frames` during an
animation. What changed since the previous step is computed here
(:func:`is_change`), never written in the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from atlases.errors import UnknownNameError

#: The states an element can have in a step.
STATES = ("hidden", "dim", "normal", "active", "blocked")
#: The two variants of a step: the leading model, and (for some steps) its rival.
LEADING, RIVAL = "leading", "rival"


@dataclass(frozen=True)
class ElementLook:
    """How one element is drawn in one frame; floats in 0..1 so that frames interpolate."""

    visible: float   # opacity multiplier (hidden = 0)
    active: float    # drawn "on": filled, bold outline, release dots
    blocked: float   # drawn blocked: the ketamine plug, a cross, a dashed outline
    dimmed: float    # drawn quiet: grey, thin outline
    emphasis: float  # changed since the previous step: halo, heavier outline


#: Elements that no step names are drawn normally.
_LOOKS = {
    "hidden": ElementLook(0.0, 0.0, 0.0, 0.0, 0.0),
    "dim": ElementLook(1.0, 0.0, 0.0, 1.0, 0.0),
    "normal": ElementLook(1.0, 0.0, 0.0, 0.0, 0.0),
    "active": ElementLook(1.0, 1.0, 0.0, 0.0, 0.0),
    "blocked": ElementLook(1.0, 0.0, 1.0, 0.0, 0.0),
}


def look_for(state: str, changed: bool) -> ElementLook:
    """The look of an element in ``state``; ``changed`` (and visible) adds the emphasis."""
    base = _LOOKS[state]
    if changed and base.visible > 0:
        return ElementLook(base.visible, base.active, base.blocked, base.dimmed, 1.0)
    return base


def is_change(before: str, after: str) -> bool:
    """Whether going from state ``before`` to ``after`` is a change the diagram points at.

    A change is something that starts (an activity, a block, a silence) or
    appears. Disappearing is not drawn, and the end of a focus (active or
    blocked going back to normal or dim) is not pointed at either, so that
    the emphasis stays on what the step says is new.
    """
    if before == after or after == "hidden":
        return False
    return not (before in ("active", "blocked") and after in ("normal", "dim"))


@dataclass(frozen=True)
class DiagramElement:
    """One drawn element: a cell, a receptor, released molecules, an arrow.

    ``geometry`` holds the kind's fields (see
    :data:`atlases.teaching.mechanism_diagram_files.KINDS`): points as
    ``(x, y)`` tuples, paths as tuples of points, numbers as floats.
    ``label_box`` is ``(x, y, width)`` of the label's top-left corner and
    wrapping width, or None for an element drawn without a label;
    ``leader`` is the point a line from the label points to, or None.
    """

    id: str
    kind: str
    role: str                  # colour role: inhibitory, excitatory, transmitter, receptor, drug, growth
    geometry: Mapping[str, Any]
    label_box: tuple[float, float, float] | None = None
    leader: tuple[float, float] | None = None


@dataclass(frozen=True)
class StepStates:
    """One step (or its rival variant) as written in the data: a state per element, and its claims."""

    states: Mapping[str, str]
    claims: Mapping[str, str]   # element id -> a word that the step's text must contain


@dataclass(frozen=True)
class StepLabels:
    """The words of one step: what changed (and for the rival variant), and the species badges."""

    change: str
    species: tuple[str, ...]
    rival_change: str | None = None
    rival_species: tuple[str, ...] | None = None


@dataclass(frozen=True)
class DiagramFrame:
    """Everything the painter needs to draw one step."""

    step_id: str
    looks: Mapping[str, ElementLook]
    change_label: str
    hypothesis: bool
    species: tuple[str, ...]   # species ids, e.g. ("rat", "mouse")
    variant: str               # "leading" or "rival"


class MechanismDiagram:
    """The loaded, checked diagram (build it with :func:`load_mechanism_diagram`).

    Attributes
    ----------
    canvas : tuple of float
        Width and height of the drawing in canvas units.
    elements : tuple of DiagramElement
        In drawing order (later ones on top).
    labels : Mapping of str to str
        Element id -> label; also ``"species.<id>"`` and ``"marker.<name>"``
        (``hypothesis``, ``rival``, ``leading``).
    step_ids : tuple of str
        The steps that have a diagram, in the order of the mechanism.
    """

    def __init__(self, canvas: tuple[float, float], elements: tuple[DiagramElement, ...],
                 labels: Mapping[str, str], steps: Mapping[str, StepStates], rivals: Mapping[str, StepStates],
                 step_labels: Mapping[str, StepLabels], hypotheses: frozenset[str], step_ids: tuple[str, ...]):
        self.canvas = canvas
        self.elements = elements
        self.labels = MappingProxyType(dict(labels))
        self.step_ids = step_ids
        self._steps = steps
        self._rivals = rivals
        self._step_labels = step_labels
        self._hypotheses = hypotheses

    def claim_word(self, claim: str) -> str:
        """The word a step's text must contain for ``claim`` in the labels' language (the claim itself by default)."""
        return self.labels.get(f"claim.{claim}", claim)

    def element(self, element_id: str) -> DiagramElement:
        """One element by id (:class:`UnknownNameError` listing the valid ones)."""
        for e in self.elements:
            if e.id == element_id:
                return e
        raise UnknownNameError("diagram element", element_id, [e.id for e in self.elements])

    def has_rival(self, step_id: str) -> bool:
        """Whether ``step_id`` also has the rival model's variant."""
        self._check(step_id)
        return step_id in self._rivals

    def states(self, step_id: str, rival: bool = False) -> StepStates:
        """The written states of one step (the rival variant's when ``rival`` and there is one)."""
        self._check(step_id)
        if rival and step_id in self._rivals:
            return self._rivals[step_id]
        return self._steps[step_id]

    def changed(self, step_id: str, rival: bool = False) -> frozenset[str]:
        """Elements that changed since the previous step's leading model (the first step: since "normal").

        See :func:`is_change`.
        """
        states = self.states(step_id, rival).states
        index = self.step_ids.index(step_id)
        before = self._steps[self.step_ids[index - 1]].states if index > 0 else {}
        return frozenset(e.id for e in self.elements if is_change(before.get(e.id, "normal"), states[e.id]))

    def frame(self, step_id: str, rival: bool = False) -> DiagramFrame:
        """The frame of one step.

        Parameters
        ----------
        step_id : str
            One of :attr:`step_ids`.
        rival : bool
            The rival model's variant, where the step has one (otherwise the leading one).

        Raises
        ------
        UnknownNameError
            For a step without a diagram; the message lists the valid ones.
        """
        use_rival = rival and self.has_rival(step_id)
        states = self.states(step_id, use_rival).states
        changed = self.changed(step_id, use_rival)
        looks = {e.id: look_for(states[e.id], e.id in changed) for e in self.elements}
        words = self._step_labels[step_id]
        change = (words.rival_change or words.change) if use_rival else words.change
        species = (words.rival_species or words.species) if use_rival else words.species
        return DiagramFrame(step_id=step_id, looks=MappingProxyType(looks), change_label=change,
                            hypothesis=use_rival or step_id in self._hypotheses, species=species,
                            variant=RIVAL if use_rival else LEADING)

    def _check(self, step_id: str) -> None:
        if step_id not in self._steps or step_id not in self.step_ids:
            raise UnknownNameError("mechanism step", step_id, self.step_ids)


def _mix(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def interpolate_frames(a: DiagramFrame, b: DiagramFrame, t: float) -> DiagramFrame:
    """A frame between ``a`` (``t=0``) and ``b`` (``t=1``), for animating a step change.

    The looks are blended; the words (step, label, markers, badges) are
    ``a``'s before half-way and ``b``'s from there on. An element missing from
    one frame is taken as hidden there.
    """
    t = min(1.0, max(0.0, float(t)))
    hidden = _LOOKS["hidden"]
    looks = {}
    for key in dict.fromkeys([*a.looks, *b.looks]):
        la, lb = a.looks.get(key, hidden), b.looks.get(key, hidden)
        looks[key] = ElementLook(*(_mix(x, y, t) for x, y in zip(
            (la.visible, la.active, la.blocked, la.dimmed, la.emphasis),
            (lb.visible, lb.active, lb.blocked, lb.dimmed, lb.emphasis), strict=True)))
    words = a if t < 0.5 else b
    return DiagramFrame(step_id=words.step_id, looks=MappingProxyType(looks), change_label=words.change_label,
                        hypothesis=words.hypothesis, species=words.species, variant=words.variant)
