"""The rule for untrusted text in widgets: it is shown literally, never as markup.

Content packs come from strangers, and file names, error messages and
settings come from the disk. Qt *guesses* whether a text is rich text
(``Qt.mightBeRichText``: a known tag or ``&lt;`` on its first line) wherever
a widget's text format is ``Qt.AutoText``, the default of ``QLabel``,
``QMessageBox`` and tool tips; rich text can show images from anywhere on
the disk, apply CSS and make live ``file:`` links. VTK's text actors render
``$...$`` (and columns split at ``|``) as matplotlib MathText. So this is the rule, for every text that
is not written in the app's own source or translations (names, captions,
titles, paths, exception messages...), in every widget present and to come:

1. A ``QLabel`` that shows such text has ``Qt.PlainText`` format: make it
   with :func:`plain_label` (or call ``setTextFormat(Qt.PlainText)``).
2. Where Qt guesses and offers no format setting (tool tips, including
   ``QToolTip.showText``; the static ``QMessageBox`` functions; a
   ``QProgressDialog`` label), pass the *whole* text through :func:`literal`.
3. Where the app builds rich text itself (the side panel, the tour caption),
   every untrusted piece is escaped first by :mod:`viewer.text.content_html`
   (``rich_text``, which then allows only ``**bold**`` and ``*italic*``),
   and shown in a :class:`~viewer.window.region_panel.SafeTextBrowser` or a label
   whose text is only that escaped HTML.
4. VTK text (the 3D region labels) is set with
   :func:`viewer.scene.vtk_text.set_vtk_text`.

Window titles, status-bar messages, item-view texts and button and menu
texts are always drawn as plain text by Qt. ``tests/viewer/text/test_hostile_rich_text.py``
walks every widget of the window to check the rule.

Qt is imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import html


def literal(text) -> str:
    """Text that a format-guessing Qt widget shows exactly as ``text``.

    Parameters
    ----------
    text : str
        Untrusted text (converted with ``str``), for a tool tip, a static
        ``QMessageBox`` function or any other widget whose text format is
        ``Qt.AutoText``. Pass the whole text: a concatenation of
        ``literal()`` results is not literal.

    Returns
    -------
    str
        ``text`` itself when Qt would show it as plain text anyway (so
        ordinary messages are unchanged), else ``text`` HTML-escaped in a
        paragraph that keeps its spaces and line breaks.
    """
    from PySide6.QtGui import Qt

    text = str(text)
    if not Qt.mightBeRichText(text):
        return text
    return f'<p style="white-space:pre-wrap;">{html.escape(text, quote=False)}</p>'


def plain_label(text: str = "", parent=None):
    """A ``QLabel`` that never interprets its text (``Qt.PlainText``).

    Parameters
    ----------
    text : str
        Initial text.
    parent : QWidget, optional

    Returns
    -------
    QLabel
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label
