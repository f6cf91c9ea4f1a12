"""Mark the interface's words that live in data, so Qt's ``lupdate`` finds them; no Qt needed.

``pyside6-lupdate`` extracts ``QT_TRANSLATE_NOOP("Context", "text")`` calls from
the source. Wherever such a word is shown, the Qt layer translates it with
``QCoreApplication.translate("Context", text)`` in the same context.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Return ``text`` unchanged; the call marks it for translation in ``context``.

    Parameters
    ----------
    context : str
        The translation context the Qt layer uses where the text is shown.
    text : str
        A literal string (lupdate reads the source, not the value).

    Returns
    -------
    str
        ``text``.
    """
    return text
