"""The banner at the top of the window that says why a content pack could not be (re)loaded.

A lecturer edits a pack in their own editor; when a save breaks it, the
window keeps the last good version and this banner names the file, the field
and the problem (plain text: the message quotes the lecturer's file). The next
good save hides it. The colours are the same in every theme (dark text on
amber, 15:1), and a warning sign and the words say what it is, so colour is
not the only cue.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from viewer.text.plain_text import literal, plain_label

#: Longest message shown (the whole message is the label's tool tip and accessible description).
MAX_SHOWN_CHARS = 600

_STYLE = """
QFrame#packBanner { background: #FFF1C2; border: none; border-bottom: 2px solid #8A4B00; }
QFrame#packBanner QLabel { color: #1A1A1A; background: transparent; }
QFrame#packBanner QPushButton { color: #1A1A1A; background: #FFE08A; border: 1px solid #8A4B00;
                                padding: 2px 10px; }
QFrame#packBanner QPushButton:focus { border: 2px solid #1A1A1A; }
"""


class PackBanner(QFrame):
    """A one-message banner with a Dismiss button; hidden until :meth:`show_problem`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("packBanner")
        self.setStyleSheet(_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.message = plain_label("", self)
        self.message.setObjectName("packBannerMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMinimumWidth(1)   # a long path must not widen the window
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        self.dismiss_button.setObjectName("packBannerDismiss")
        self.dismiss_button.setToolTip(self.tr("Hide this message (it comes back if the next save is broken too)"))
        self.dismiss_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.message, 1)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName(self.tr("Content pack problem"))
        self.hide()

    def show_problem(self, text: str) -> None:
        """Show ``text`` (plain text; shortened on screen, whole in the tool tip)."""
        shown = text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS - 1] + "…"
        self.message.setText(f"\u26a0 {shown}")
        self.message.setToolTip(literal(text) if shown != text else "")
        self.message.setAccessibleDescription(text)
        self.show()

    def text(self) -> str:
        """The message shown ("" when hidden)."""
        return self.message.text() if self.isVisible() else ""
