"""Apply a colour theme and a UI scale to the whole Qt application."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from viewer.scene.themes import Theme, mix
from viewer.text.html_style import html_style

#: Base text size in pixels at 100 % UI scale.
BASE_FONT_PX = 14


def font_px(scale: float) -> int:
    """Text size in pixels at a UI scale (1.0 = 100 %)."""
    return round(BASE_FONT_PX * scale)


def build_palette(theme: Theme) -> QPalette:
    """A QPalette matching the theme (window, text, highlight colours)."""
    bg = QColor(theme.background)
    text = QColor(theme.text)
    base = QColor(mix(theme.background, theme.text, 0.04))
    button = QColor(mix(theme.background, theme.text, 0.08))
    pal = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, bg), (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, button),
        (QPalette.ColorRole.Text, text), (QPalette.ColorRole.Button, button),
        (QPalette.ColorRole.ButtonText, text), (QPalette.ColorRole.ToolTipBase, QColor(theme.text)),
        (QPalette.ColorRole.ToolTipText, QColor(theme.background)),
        (QPalette.ColorRole.PlaceholderText, QColor(mix(theme.text, theme.background, 0.45))),
    ):
        pal.setColor(role, color)
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#0072B2"))  # 5.2:1 against its white text
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    pal.setColor(QPalette.ColorRole.Link, QColor(html_style(theme).link))  # the panel's link colour
    disabled = QColor(mix(theme.text, theme.background, 0.5))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return pal


def apply_theme(app: QApplication, theme: Theme, scale: float) -> None:
    """Set the palette and the font size of every widget."""
    app.setPalette(build_palette(theme))
    font = QFont(app.font())
    font.setPixelSize(font_px(scale))
    app.setFont(font)
    # toolbars and list rows grow with the text so targets stay easy to hit
    pad = round(4 * scale)
    app.setStyleSheet(
        f"QToolBar {{ spacing: {pad}px; }} "
        f"QToolButton {{ padding: {pad}px {pad + 2}px; }} "
        f"QListWidget::item {{ padding: {pad}px; }}"
    )
