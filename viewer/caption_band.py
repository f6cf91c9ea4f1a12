"""The caption band: what the current tour step explains.

A band under the 3D view with the step title, the step indicator ("3 / 9"),
the caption and short citations. It shows only while a tour runs. In lecture
mode its text is sized for the back of a lecture hall (at least
:data:`LECTURE_CAPTION_PX` at 100 % UI scale) and the buttons and key hints
are hidden; in the window it is a compact band with Back / Next / End
buttons. Every size follows the UI scale. The texts come from a tour file
(:mod:`viewer.plain_text` is the rule): the title and the citations are plain
text, and the caption is escaped (only ``**bold**`` and ``*italic*`` become
markup).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from atlases.content import Content
from atlases.tours import Tour
from viewer.content_html import rich_text
from viewer.html_style import readable
from viewer.plain_text import plain_label
from viewer.themes import get_theme, mix, muted

#: Caption text size (px at 100 % UI scale) in the window and in lecture mode.
CAPTION_PX = 17
LECTURE_CAPTION_PX = 32
#: Title, indicator and citation sizes relative to the caption.
TITLE_RATIO, SMALL_RATIO = 1.3, 0.875


def band_sizes(scale: float, lecture: bool) -> dict[str, int]:
    """Pixel sizes of the band's text for a UI scale, in lecture mode or not."""
    caption = (LECTURE_CAPTION_PX if lecture else CAPTION_PX) * scale
    return {"caption": round(caption), "title": round(caption * TITLE_RATIO),
            "small": round(caption * SMALL_RATIO), "pad": round(caption * (0.7 if lecture else 0.55))}


class CaptionBand(QFrame):
    """Title, step indicator, caption and citations of the current tour step.

    Parameters
    ----------
    state : AppState
        The band follows ``tourStepChanged``, ``themeChanged``, ``uiScaleChanged``
        and ``lectureModeChanged``.
    content : Content
        Where the short citations come from.
    """

    nextRequested = Signal()
    previousRequested = Signal()
    stopRequested = Signal()

    def __init__(self, state, content: Content, parent=None):
        super().__init__(parent)
        self.setObjectName("captionBand")
        self.state = state
        self.content = content
        self.tour: Tour | None = None

        self.accent = QFrame(self)
        self.accent.setObjectName("captionAccent")
        self.title = plain_label(parent=self)   # a pack's title: never rich text
        self.title.setObjectName("captionTitle")
        self.indicator = plain_label(parent=self)
        self.indicator.setObjectName("captionIndicator")
        self.indicator.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.caption = QLabel(self)
        self.caption.setObjectName("captionText")
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.caption.setWordWrap(True)
        self.caption.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.refs = plain_label(parent=self)
        self.refs.setObjectName("captionRefs")
        self.refs.setWordWrap(True)
        self.back_button = self._button(self.tr("◀ Back"), self.previousRequested, self.tr("Previous step (PageUp)"))
        self.next_button = self._button(self.tr("Next ▶"), self.nextRequested, self.tr("Next step (PageDown)"))
        self.end_button = self._button(self.tr("End tour"), self.stopRequested, self.tr("End the tour (Esc)"))

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.indicator)
        for button in (self.back_button, self.next_button, self.end_button):
            head.addWidget(button)
        self.text_column = QVBoxLayout()
        self.text_column.addLayout(head)
        self.text_column.addWidget(self.caption)
        self.text_column.addWidget(self.refs)
        row = QHBoxLayout(self)
        row.addWidget(self.accent)
        row.addLayout(self.text_column, 1)
        self.row = row

        state.tourStepChanged.connect(self._show_step)
        state.themeChanged.connect(self._restyle)
        state.uiScaleChanged.connect(self._restyle)
        state.lectureModeChanged.connect(self._restyle)
        self._restyle()
        self._show_step(state.tour_step)

    def _button(self, text: str, signal, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # keys stay with the window's clicker handling
        button.clicked.connect(signal.emit)
        return button

    # public -----------------------------------------------------------------
    def set_tour(self, tour: Tour | None) -> None:
        """Show the steps of ``tour`` (None hides the band)."""
        self.tour = tour
        self._show_step(self.state.tour_step)

    def indicator_text(self) -> str:
        return self.indicator.text()

    def caption_text(self) -> str:
        """The caption as plain text (for tests and accessibility)."""
        return self.caption.accessibleDescription()

    # rendering --------------------------------------------------------------
    def _show_step(self, index: int) -> None:
        if self.tour is None or not 0 <= index < len(self.tour):
            self.hide()
            return
        step = self.tour.steps[index]
        self.title.setText(step.title)
        self.indicator.setText(self.tr("%d / %d") % (index + 1, len(self.tour)))
        self.indicator.setAccessibleName(self.tr("Step %d of %d") % (index + 1, len(self.tour)))
        self.indicator.setToolTip(self.tr("PageDown, → or Space: next · PageUp or ←: back"))
        self.caption.setText(rich_text(step.caption))
        self.caption.setAccessibleDescription(step.caption)
        refs = [self.content.references[r].short() for r in step.refs if r in self.content.references]
        self.refs.setText(self.tr("Sources: %s") % " · ".join(refs) if refs else "")
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.tour) - 1)
        self._restyle()
        self.show()

    def _restyle(self, *_args) -> None:
        lecture = self.state.lecture_mode
        theme = get_theme(self.state.theme)
        size = band_sizes(self.state.ui_scale, lecture)
        background = theme.background if lecture else mix(theme.background, theme.text, 0.05)
        secondary = readable(muted(theme.text, background), background)
        step = self.tour.steps[self.state.tour_step] if self.tour and 0 <= self.state.tour_step < len(self.tour) \
            else None
        accent = theme.regions.get(step.focus_region, theme.text) if step and step.focus_region else secondary
        pad = size["pad"]
        self.setStyleSheet(
            f"#captionBand {{ background: {background}; border-top: {max(1, pad // 8)}px solid "
            f"{mix(background, theme.text, 0.25)}; }}"
            f"#captionBand QLabel {{ color: {theme.text}; background: transparent; }}"
            f"#captionTitle {{ font-size: {size['title']}px; font-weight: bold; }}"
            f"#captionText {{ font-size: {size['caption']}px; }}"
            f"#captionIndicator {{ font-size: {size['small']}px; font-weight: bold; color: {secondary}; }}"
            f"#captionRefs {{ font-size: {size['small']}px; color: {secondary}; }}"
            f"#captionBand QPushButton {{ font-size: {size['small']}px; padding: {pad // 4}px {pad // 2}px; }}"
            f"#captionAccent {{ background: {accent}; border: none; }}")
        self.accent.setFixedWidth(max(4, pad // 3))
        self.row.setContentsMargins(pad, round(pad * 0.8), pad * 2 if lecture else pad, round(pad * 0.8))
        self.row.setSpacing(pad)
        self.text_column.setSpacing(round(pad * 0.45))
        for widget in (self.back_button, self.next_button, self.end_button):
            widget.setVisible(not lecture)
