"""The interface translation for the words an export adds (the legend's "Cortex", the model's names).

The window's process has its translators installed; the export child and the CLI install them here.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager

from atlases.errors import ExplorerError

log = logging.getLogger(__name__)


@contextmanager
def in_language(language: str):
    """The interface translation of ``language`` for the words an export adds (legend, model names).

    In the window's process it is installed already; the export child and the CLI install it here.
    """
    if language == "en":
        yield
        return
    from PySide6.QtCore import QCoreApplication

    from viewer.diagram.diagram_export import ensure_gui_application
    from viewer.runtime.translations import install_translators, remove_translators

    app = ensure_gui_application()
    translators = []
    if QCoreApplication.translate("ImageExport", "Cortex") == "Cortex":
        try:
            translators = install_translators(app, language)
        except ExplorerError as exc:   # an unknown language: the words stay in English
            log.warning("export words not translated: %s", exc)
    try:
        yield
    finally:
        remove_translators(app, translators)
