"""The caption band: what the current tour step explains.

A band under the 3D view with the step title, the step indicator ("3 / 9"),
the caption and short citations. It shows only while a tour runs. In lecture
mode its text is sized for the back of a lecture hall and follows the
screen's height and the UI scale; in the window it is a compact band with
Back / Next / End buttons. :mod:`viewer.lecture.band_fit` is the sizing rule: the band
takes at most a share of the height, so a long caption wraps, then shrinks
(down to a legible floor), and is shortened at a word boundary only as a last
resort. The band never widens its window: the title is elided (the full title
is its tooltip and accessible name) and the step indicator keeps its room.

The texts come from a tour file (:mod:`viewer.text.plain_text` is the rule): the
title and the citations are plain text, and the caption is escaped (only
``**bold**`` and ``*italic*`` become markup).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from atlases.teaching.content import Content
from atlases.teaching.tours import Tour
from viewer.lecture.band_fit import BandFit, BandSizes, band_sizes, break_long_words, fit_band
from viewer.scene.themes import get_theme, mix, muted
from viewer.text.content_html import rich_text
from viewer.text.html_style import readable
from viewer.text.plain_text import literal, plain_label
from viewer.widgets.elided_label import ElidedLabel


def band_colors(theme, lecture: bool) -> tuple[str, str]:
    """The band's background and its secondary text colour (the title and caption use ``theme.text``)."""
    background = theme.background if lecture else mix(theme.background, theme.text, 0.05)
    return background, readable(muted(theme.text, background), background)


def _set_text(label: QLabel, text: str) -> None:
    if label.text() != text:   # a fit tries several sizes: unchanged texts are not laid out again
        label.setText(text)


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
        self.title = ElidedLabel(parent=self)   # a pack's title: plain text, elided, never widens the window
        self.title.setObjectName("captionTitle")
        self.indicator = plain_label(parent=self)   # the step counter: keeps its width, the title gives way
        self.indicator.setObjectName("captionIndicator")
        self.indicator.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.indicator.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.caption = QLabel(self)
        self.caption.setObjectName("captionText")
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.caption.setWordWrap(True)
        self.caption.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)   # height: hfw
        self.refs = plain_label(parent=self)
        self.refs.setObjectName("captionRefs")
        self.refs.setWordWrap(True)
        for label in (self.caption, self.refs):   # wrapped text: its longest word must not set the window's width
            label.setMinimumWidth(1)
        self.fit: BandFit | None = None   # the sizes and texts shown (viewer.lecture.band_fit)
        self._fit_key = None
        self._refs_text = ""
        self._watched = None   # the parent, whose height the band shares with the 3D view
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

    def set_content(self, content: Content) -> None:
        """Cite from another content (a content pack); the step shown is drawn again."""
        self.content = content
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
        self.caption.setAccessibleDescription(step.caption)
        refs = [self.content.references[r].short() for r in step.refs if r in self.content.references]
        self._refs_text = self.tr("Sources: %s") % " · ".join(refs) if refs else ""
        self.refs.setAccessibleDescription(self._refs_text)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.tour) - 1)
        self._fit_key = None
        self.show()
        self._restyle()

    def _step(self):
        tour, i = self.tour, self.state.tour_step
        return tour.steps[i] if tour is not None and 0 <= i < len(tour) else None

    def _laid_out(self) -> bool:
        """True once the band is shown and its layout has given it a width (a fit needs both)."""
        return self.isVisible() and self.testAttribute(Qt.WidgetAttribute.WA_Resized) and self.width() > 0

    def available_height(self) -> float | None:
        """The height the band shares with the 3D view (its parent's; None before it has one)."""
        parent = self.parentWidget()
        return parent.height() if parent is not None and parent.height() > 0 else None

    def _restyle(self, *_args) -> None:
        """Choose the sizes (and, as a last resort, shortened texts) that fit, and show them."""
        step = self._step()
        if step is None or not self._laid_out():   # nothing to fit yet: the preferred sizes, the whole texts
            self._fit_key = None
            self.fit = None
            self._apply(band_sizes(self.state.ui_scale, self.state.lecture_mode, self.available_height()))
            if step is not None:
                _set_text(self.caption, rich_text(step.caption))
                _set_text(self.refs, self._refs_text)
                self.caption.setToolTip("")
                self.refs.setToolTip("")
            return
        lecture, height, width = self.state.lecture_mode, self.available_height(), self.width()
        key = (step.caption, self._refs_text, lecture, self.state.ui_scale, self.state.theme, height, width)
        if key == self._fit_key:
            return
        self._fit_key = key
        self.fit = fit_band(height, self.state.ui_scale, lecture, self._measure, step.caption, self._refs_text)
        self._show_fit(self.fit)
        self.caption.setToolTip(literal(step.caption) if self.fit.caption != step.caption else "")
        self.refs.setToolTip(literal(self._refs_text) if self.fit.refs != self._refs_text else "")

    def _show_fit(self, fit: BandFit) -> None:
        self._apply(fit.sizes.as_dict())
        _set_text(self.caption, rich_text(self._breakable(fit.caption, self.caption)))
        _set_text(self.refs, self._breakable(fit.refs, self.refs))

    def _breakable(self, text: str, label: QLabel) -> str:
        """``text`` with break opportunities in words wider than ``label``'s lines (once laid out)."""
        room = self.text_width()
        metrics = QFontMetricsF(label.font())
        bold = label.font()
        bold.setBold(True)   # a caption's word may be **bold**: wider
        bold_metrics = QFontMetricsF(bold)
        return break_long_words(text, lambda piece: max(metrics.horizontalAdvance(piece),
                                                        bold_metrics.horizontalAdvance(piece)) <= room)

    def text_width(self) -> int:
        """Width (px) of the text column at the band's current width and sizes."""
        left, _top, right, _bottom = self.row.getContentsMargins()
        return max(1, self.width() - left - right - self.accent.width() - self.row.spacing())

    def _measure(self, sizes: BandSizes, caption: str, refs: str) -> float:
        """The height the band needs with ``sizes`` and these texts at its width (for :func:`fit_band`)."""
        self._show_fit(BandFit(sizes, caption, refs, 0.0))
        if self.width() <= 0:
            return 0.0
        for label in (self.title, self.indicator, self.caption, self.refs):
            label.ensurePolished()
        if self.indicator.sizeHint().width() > self.text_width():
            return math.inf
        layout = self.layout()
        layout.invalidate()
        return layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() \
            else layout.totalSizeHint().height()

    def _apply(self, size: dict) -> None:
        lecture = self.state.lecture_mode
        theme = get_theme(self.state.theme)
        background, secondary = band_colors(theme, lecture)
        step = self._step()
        accent = theme.regions.get(step.focus_region, theme.text) if step and step.focus_region else secondary
        pad = size["pad"]
        sheet = (
            f"#captionBand {{ background: {background}; border-top: {max(1, pad // 8)}px solid "
            f"{mix(background, theme.text, 0.25)}; }}"
            f"#captionBand QLabel {{ color: {theme.text}; background: transparent; }}"
            f"#captionTitle {{ font-size: {size['title']}px; font-weight: bold; }}"
            f"#captionText {{ font-size: {size['caption']}px; }}"
            f"#captionIndicator {{ font-size: {size['small']}px; font-weight: bold; color: {secondary}; }}"
            f"#captionRefs {{ font-size: {size['small']}px; color: {secondary}; }}"
            f"#captionBand QPushButton {{ font-size: {size['small']}px; padding: {pad // 4}px {pad // 2}px; }}"
            f"#captionAccent {{ background: {accent}; border: none; }}")
        if sheet != self.styleSheet():   # a new style sheet re-polishes every child: only when it changed
            self.setStyleSheet(sheet)
        self.accent.setFixedWidth(max(4, pad // 3))
        self.row.setContentsMargins(pad, round(pad * 0.8), pad * 2 if lecture else pad, round(pad * 0.8))
        self.row.setSpacing(pad)
        self.text_column.setSpacing(round(pad * 0.45))
        for widget in (self.back_button, self.next_button, self.end_button):
            widget.setVisible(not lecture)

    # following the height and width ----------------------------------------------
    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ParentChange:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            self._watched = self.parentWidget()
            if self._watched is not None:
                self._watched.installEventFilter(self)
        return super().event(event)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self._watched and event.type() == QEvent.Type.Resize and self.isVisible():
            self._restyle()   # a new height: the sizes follow
        return False

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._restyle()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._restyle()   # a new width: the text wraps differently
