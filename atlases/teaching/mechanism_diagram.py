"""The mechanism diagram: one illustrated circuit state per step of the ketamine cascade.

The scene (elements and their geometry in canvas units, and each step's
state of each element) is language-independent data in
``assets/diagrams/ketamine_circuit.toml``; the words drawn on it (element
labels, each step's change label, species and marker texts) are content, in
``mechanism_diagram.toml`` of the content folder, so they can be translated.
The model is :mod:`atlases.teaching.mechanism_diagram_model`, the reading
and checking of the files :mod:`atlases.teaching.mechanism_diagram_files`;
this module is the one to import.
"""

from __future__ import annotations

from atlases.teaching.mechanism_diagram_files import build_diagram
from atlases.teaching.mechanism_diagram_model import (
    LEADING,
    RIVAL,
    STATES,
    DiagramElement,
    DiagramFrame,
    ElementLook,
    MechanismDiagram,
    StepLabels,
    StepStates,
    interpolate_frames,
    is_change,
    look_for,
)

__all__ = [
    "LEADING", "RIVAL", "STATES", "DiagramElement", "DiagramFrame", "ElementLook", "MechanismDiagram",
    "StepLabels", "StepStates", "interpolate_frames", "is_change", "load_mechanism_diagram", "look_for",
]


def load_mechanism_diagram(content) -> MechanismDiagram:
    """Load the bundled diagram with the labels of ``content``'s folder.

    Parameters
    ----------
    content : atlases.teaching.content.Content
        Gives the steps (their order, and which are hypotheses) and the
        folder whose ``mechanism_diagram.toml`` holds the labels; a folder
        without that file uses the built-in one.

    Returns
    -------
    MechanismDiagram

    Raises
    ------
    ContentError
        Naming the file and field of the first problem in either file.
    """
    return build_diagram(content)
