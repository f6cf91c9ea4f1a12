"""Speaker notes: what the lecturer should say aloud at the current tour step.

A box in the window's side column that shows the ``notes`` of the running
tour's current step (the caveats that do not fit in a short caption). It is
hidden when no tour runs or the step has no notes, and, with the side column,
in lecture mode. The notes come from a tour file, so they are escaped
(:func:`viewer.text.content_html.rich_text`: only ``**bold**`` and ``*italic*``
become markup, and line breaks stay line breaks).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from atlases.teaching.tours import Tour
from viewer.text.content_html import rich_text


class SpeakerNotes(QFrame):
    """The current tour step's speaker notes.

    Parameters
    ----------
    state : AppState
        The box follows ``tourStepChanged``.
    controller : TourController
        Its ``tourChanged`` says which tour runs.
    """

    def __init__(self, state, controller, parent=None):
        super().__init__(parent)
        self.setObjectName("speakerNotes")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.state = state
        self.tour: Tour | None = controller.tour
        self.heading = QLabel(self.tr("<b>Speaker notes</b>"), self)
        self.notes = QLabel(self)
        self.notes.setObjectName("speakerNotesText")
        self.notes.setTextFormat(Qt.TextFormat.RichText)   # only escaped text (rich_text) is ever set
        self.notes.setWordWrap(True)
        self.notes.setMinimumWidth(1)   # a long word must not widen the side column
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.heading)
        column.addWidget(self.notes)
        controller.tourChanged.connect(self.set_tour)
        state.tourStepChanged.connect(self._show_step)
        self._show_step(state.tour_step)

    def set_tour(self, tour: Tour | None) -> None:
        """Follow ``tour`` (None: no tour runs, the box hides)."""
        self.tour = tour
        self._show_step(self.state.tour_step)

    def notes_text(self) -> str:
        """The notes shown, as plain text ("" when hidden)."""
        return self.notes.accessibleDescription() if not self.isHidden() else ""

    def _show_step(self, index: int) -> None:
        tour = self.tour
        notes = tour.steps[index].notes if tour is not None and 0 <= index < len(tour) else ""
        self.notes.setAccessibleDescription(notes)
        self.notes.setText(rich_text(notes).replace("\n", "<br/>") if notes else "")   # escaped: no tags of its own
        self.setVisible(bool(notes))
