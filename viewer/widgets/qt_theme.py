"""Apply a colour theme and a UI scale to the whole Qt application."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from viewer.scene.contrast import min_text_contrast
from viewer.scene.themes import Theme, mix
from viewer.text.html_style import html_style, readable

#: Base text size in pixels at 100 % UI scale.
BASE_FONT_PX = 14
#: Selected list rows and checked buttons: Okabe-Ito blue with white text (5.2:1; darker where 7:1 is needed).
_SELECTION, _SELECTION_TEXT = "#0072B2", "#FFFFFF"


def selection_color(theme: Theme) -> str:
    """The fill of selected rows and checked buttons: white text on it reaches the theme's contrast target."""
    return readable(_SELECTION, _SELECTION_TEXT, min_text_contrast(theme.id))


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
        (QPalette.ColorRole.PlaceholderText, QColor(control_colors(theme)["placeholder"])),
    ):
        pal.setColor(role, color)
    pal.setColor(QPalette.ColorRole.Highlight, QColor(selection_color(theme)))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor(_SELECTION_TEXT))
    pal.setColor(QPalette.ColorRole.Link, QColor(html_style(theme).link))  # the panel's link colour
    disabled = QColor(mix(theme.text, theme.background, 0.5))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return pal


def focus_px(scale: float) -> int:
    """Width (px) of the focus outline at a UI scale: 2 px at 100 %, growing with the text."""
    return max(2, round(2 * scale))


def focus_color(theme: Theme) -> str:
    """The focus outline's colour: the theme's text colour.

    It contrasts with the background as much as the text does (at least 7:1 in
    every theme), and it is neither a region colour nor the blue of a selection,
    so a focused control never looks merely selected.
    """
    return theme.text


def control_colors(theme: Theme) -> dict[str, str]:
    """The colours the style sheet draws controls with (text, fills, frames, focus), by role.

    Parameters
    ----------
    theme : Theme

    Returns
    -------
    dict of str to str
        ``text`` and ``disabled_text`` are drawn on ``button``, ``hover``,
        ``pressed`` and ``base``, ``placeholder`` on ``base``; ``checked_text`` on ``checked``; ``frame`` and
        ``focus`` are the outlines of controls at rest and with the focus.
    """
    bg, text = theme.background, theme.text
    return {
        "background": bg, "text": text, "base": mix(bg, text, 0.04), "button": mix(bg, text, 0.08),
        "hover": mix(bg, text, 0.14), "pressed": mix(bg, text, 0.2),
        "frame": mix(bg, text, 0.45), "focus": focus_color(theme),
        "checked": selection_color(theme), "checked_text": _SELECTION_TEXT,
        "disabled_text": mix(text, bg, 0.5),
        # a field's hint ("Search the glossary"): greyer than the text, still readable on the field
        "placeholder": readable(mix(text, bg, 0.45), mix(bg, text, 0.04), min_text_contrast(theme.id)),
    }


def control_style_sheet(theme: Theme, scale: float) -> str:
    """The application style sheet: sizes that grow with the text, and a visible keyboard focus.

    Every control that takes the focus draws a :func:`focus_px` outline in
    :func:`focus_color` while it has it; at rest the same room is taken by a
    thin frame and a margin (or a transparent border), so nothing moves when
    the focus does.

    Parameters
    ----------
    theme : Theme
    scale : float
        UI scale (1.0 = 100 %).

    Returns
    -------
    str
    """
    c = control_colors(theme)
    pad, f = round(4 * scale), focus_px(scale)
    return (
        # toolbars and list rows grow with the text so targets stay easy to hit
        f"QToolBar {{ spacing: {pad}px; }} "
        f"QListWidget::item {{ padding: {pad}px; }} "
        # buttons: a 1 px frame and a margin at rest, the focus outline in the same room
        f"QPushButton, QToolButton {{ color: {c['text']}; background: {c['button']}; border: 1px solid "
        f"{c['frame']}; border-radius: 4px; margin: {f - 1}px; padding: {pad}px {pad + 2}px; }} "
        f"QToolBar QToolButton {{ background: transparent; border-color: transparent; }} "
        f"QPushButton:hover, QToolButton:hover {{ background: {c['hover']}; }} "
        f"QPushButton:pressed, QToolButton:pressed {{ background: {c['pressed']}; }} "
        f"QPushButton:checked, QToolButton:checked {{ color: {c['checked_text']}; background: {c['checked']}; }} "
        f"QPushButton:disabled, QToolButton:disabled {{ color: {c['disabled_text']}; }} "
        f"QPushButton:focus, QToolButton:focus {{ border: {f}px solid {c['focus']}; margin: 0px; }} "
        # check boxes, radio buttons and sliders: a transparent border that the focus colours
        f"QCheckBox, QRadioButton, QSlider {{ border: {f}px solid transparent; border-radius: 3px; }} "
        f"QCheckBox, QRadioButton {{ padding: 0px 2px; }} "
        f"QCheckBox:focus, QRadioButton:focus, QSlider:focus {{ border-color: {c['focus']}; }} "
        # lists, text views and fields: a 1 px frame and padding at rest, a thick outline with the focus
        f"QAbstractItemView, QTextEdit, QPlainTextEdit, QLineEdit {{ border: 1px solid {c['frame']}; "
        f"padding: {f - 1}px; }} "
        f"QAbstractItemView:focus, QTextEdit:focus, QPlainTextEdit:focus, QLineEdit:focus {{ "
        f"border: {f}px solid {c['focus']}; padding: 0px; }} "
        f"QComboBox:focus {{ border: {f}px solid {c['focus']}; }} "
        f"QTabBar:focus {{ border: {f}px solid {c['focus']}; }} "
        # the 3D view (viewer/window/accessibility.py keeps a margin of this width around the picture)
        f"#brainView {{ border: {f}px solid transparent; }} #brainView:focus {{ border-color: {c['focus']}; }} "
    )


def apply_theme(app: QApplication, theme: Theme, scale: float) -> None:
    """Set the palette, the font size and the style sheet of every widget."""
    app.setPalette(build_palette(theme))
    font = QFont(app.font())
    font.setPixelSize(font_px(scale))
    app.setFont(font)
    app.setStyleSheet(control_style_sheet(theme, scale))
