"""Apply a colour theme and a UI scale to the whole Qt application."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from viewer.themes import Theme, contrast_ratio, mix

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
    highlight = QColor("#0072B2") if contrast_ratio("#0072B2", "#FFFFFF") >= 4.5 else QColor("#005A8C")
    pal.setColor(QPalette.ColorRole.Highlight, highlight)
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    link = "#0A58CA" if contrast_ratio("#0A58CA", theme.background) >= 4.5 else "#8AB4F8"
    pal.setColor(QPalette.ColorRole.Link, QColor(link))
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
